"""Search: Material's own, the chronology's index in small files, or Pagefind.

Material's own search sends one JSON index of every page to the browser, which builds a
lunr index from it before the first query answers; at tens of thousands of events that is
tens of megabytes. Above ``INDEX_ABOVE`` events, ``search_backend: auto`` switches to
the chronology's own index in small files (``generator.publish.search_index``), of which
the browser fetches only what a query needs. Pagefind does the same for the browser, but
needs about 50 kB of memory per page to build its index (5 GB at 100,000 events, measured),
so it is used only when asked for (``search_backend: pagefind``).

The binary comes from PyPI (``pip install 'chronology[pagefind]'`` installs the
``pagefind`` and ``pagefind_bin`` wheels); nothing is downloaded at build time.
``search_page()`` is the search page; ``run_pagefind()`` is the one place
that runs the indexer over the built site. With Material's search, generated pages hand
their entries to its index directly (``material_search_entries``, ``search_entries``).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.errors import PagefindMissing
from generator.publish.html_page import HtmlPage, SearchSection
from generator.publish.render import text, title_text

# The search page, and the folder Pagefind writes its bundle to (both under the site root).
SEARCH_PAGE = "search/index.md"
BUNDLE = "pagefind"
# Only the article is indexed: the navigation and footer are the same on every page.
ROOT_SELECTOR = "article.md-content__inner"
# Heading permalinks ("¶") and the timeline's controls are not content.
EXCLUDE_SELECTORS = (".headerlink", ".chronology-timeline")


#: Above this many events, ``search_backend: auto`` uses the chronology's own index instead
#: of Material's search: Material's browser index then passes about 5 MB and its first query
#: a second and a half on a 2-core machine (``benchmarks/search_bench.py``), while the index
#: in small files fetches a few hundred kilobytes whatever the size.
INDEX_ABOVE = 5_000
#: The folder of the chronology's own index, under the site root (beside the Search page).
INDEX_FOLDER = "search"
#: The script of its Search page, under ``generator/site/assets``.
SEARCH_SCRIPT = "chronology-search.js"


def choose_backend(
    setting: str, *, events: int, material: bool, above: int = INDEX_ABOVE
) -> tuple[str, str | None]:
    """The search the site gets, and a message saying why when it was chosen for the user.

    ``setting`` is the ``search_backend`` option (auto, material, chronology, pagefind);
    ``material``: Material's search plugin is in ``plugins``. Returns ``material``,
    ``chronology``, ``pagefind`` or ``none``.
    """
    if setting in ("pagefind", "chronology"):
        return setting, None
    if not material:
        return "none", None
    if setting == "material" or events <= above:
        return "material", None
    return "chronology", (
        f"{events:,} events, more than Material's search index serves well ({above:,}): "
        "searching with the chronology's index in small files instead (a Search page; "
        "set search_backend: material to keep Material's search)"
    )


def material_search_plugin(plugins: Iterable[object]) -> Any | None:
    """Material's search plugin among the configured plugins, or None."""
    for plugin in plugins:
        if type(plugin).__module__.startswith("material.plugins.search"):
            return plugin
    return None


def material_search_entries(plugins: Iterable[object]) -> list[dict[str, Any]] | None:
    """The entry list of Material's search index, when its search plugin is on, else None.

    Generated pages hand their search entries to it directly (see ``html_page``), which
    spares the plugin parsing their HTML. Anything else (another theme's search, a future
    Material that stores entries differently) gets None and parses pages as usual.
    """
    for plugin in plugins:
        if not type(plugin).__module__.startswith("material.plugins.search"):
            continue
        entries = getattr(getattr(plugin, "search_index", None), "entries", None)
        if isinstance(entries, list):
            return entries
    return None


def search_entries(page_url: str, sections: Iterable[SearchSection]) -> list[dict[str, str]]:
    """Search index entries for a page's sections, located as the search plugin would."""
    return [
        {
            "location": f"{page_url}#{section.anchor}" if section.anchor else page_url,
            "title": section.title,
            "text": section.text,
        }
        for section in sections
    ]


def pagefind_executable() -> Path:
    """The Pagefind binary shipped by the ``pagefind_bin`` wheels (or named in the env)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise PagefindMissing(
            "search_backend: pagefind needs the pagefind package: "
            "pip install 'chronology[pagefind]'"
        ) from None
    found = get_executable()
    if found is None or not Path(found).is_file():
        raise PagefindMissing(
            "search_backend: pagefind found no pagefind binary: "
            "pip install 'chronology[pagefind]' (it installs pagefind_bin)"
        )
    return Path(found)


def run_pagefind(site_dir: Path, *, executable: Path) -> str:
    """Index the built site into ``site_dir/pagefind``; Pagefind's own summary lines.

    Raises ``subprocess.CalledProcessError`` (with Pagefind's output) when it fails.
    """
    command = [
        str(executable),
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE,
        "--root-selector",
        ROOT_SELECTOR,
        "--exclude-selectors",
        ",".join(EXCLUDE_SELECTORS),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return done.stdout


def search_page(title: str = "Search") -> HtmlPage:
    """The search page: a container and the script that starts Pagefind's UI.

    The script loads the UI itself rather than through a ``<script src>`` tag so that it
    also runs when Material's instant navigation swaps the page in without a reload.
    """
    bundle = f"../{BUNDLE}/"
    script = (
        "(function () {"
        f' var bundle = "{bundle}";'
        " function start() {"
        ' new PagefindUI({element: "#chronology-search", showSubResults: true,'
        " showImages: false, resetStyles: false});"
        ' var input = document.querySelector("#chronology-search input");'
        " if (input) { input.focus(); }"
        " }"
        ' if (typeof PagefindUI !== "undefined") { start(); return; }'
        ' var css = document.createElement("link");'
        ' css.rel = "stylesheet"; css.href = bundle + "pagefind-ui.css";'
        " document.head.appendChild(css);"
        ' var js = document.createElement("script");'
        ' js.src = bundle + "pagefind-ui.js"; js.onload = start;'
        " document.head.appendChild(js);"
        "})();"
    )
    body = (
        f'<h1 id="title">{text(title)}</h1>'
        '<div id="chronology-search" data-pagefind-ignore="all"></div>'
        f"<script>{script}</script>"
    )
    return HtmlPage(title_text(title), body, search=[])


def index_search_page(title: str = "Search") -> HtmlPage:
    """The Search page of the chronology's own index (``chronology-search.js`` runs it);
    the index files sit beside it."""
    body = (
        f'<h1 id="title">{text(title)}</h1>'
        '<div id="chronology-search" class="chronology-search" data-index="./"'
        ' data-root="../" hidden>'
        '<form role="search" aria-label="Search the chronology">'
        '<label for="chronology-search-input">Words to find</label> '
        '<input id="chronology-search-input" type="search" autocomplete="off"'
        ' spellcheck="false" placeholder="An event, an actor, a place"'
        ' aria-describedby="chronology-search-status">'
        "</form>"
        '<p id="chronology-search-status" role="status" aria-live="polite"></p>'
        '<ol class="chronology-search__results"></ol>'
        '<p><button type="button" class="md-button" hidden>More results</button></p>'
        "</div>"
        "<noscript><p>Search needs JavaScript. Every event is listed by year and by type, "
        "and every actor, agreement and source on its index page.</p></noscript>"
    )
    return HtmlPage(title_text(title), body, search=[])
