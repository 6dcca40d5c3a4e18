"""The MkDocs adapter: thin hooks that hand the catalog to the pure page and export writers.

``on_config`` loads and validates ``content/`` once (a bad record stops the build with
every problem listed, no traceback); ``on_files`` adds every page, the timeline and the
exports as in-memory files (nothing is written into ``docs_dir``).

Generated pages are HTML already: ``on_files`` gives each its ``GeneratedPage``, which
renders it when MkDocs reaches it with no Markdown pass, and ``on_page_content`` hands its
search entries to the search index. Skipping Python-Markdown, and the search plugin's HTML
parser, for thousands of record pages is most of what keeps a large build close to a bare
Material build. In a docs page of the user's, ``on_page_markdown`` fills in the exports
list where it is asked for.
"""

from __future__ import annotations

import gc
import json
import logging
import subprocess
from collections.abc import Callable
from functools import partial
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

import jinja2
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, PrefixedLogger, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file
from mkdocs.utils.templates import TemplateContext

from generator.errors import ContentError, PagefindMissing
from generator.model import Catalog
from generator.publish.context import Context, Options
from generator.publish.exports import EXPORTS, ExportSettings
from generator.publish.html_page import HtmlPage
from generator.publish.pages import (
    content_problems,
    content_warnings,
    nav_titles,
    navigation,
    page_writers,
    timeline_module,
)
from generator.publish.pages_lists import exports_list
from generator.publish.search_index import SearchIndex, plain
from generator.publish.urls import RECORD_KINDS, Urls
from generator.records.store import load_catalog
from generator.site.config import ChronologyConfig
from generator.site.generated_page import GeneratedPage, LazyFile
from generator.site.nav_cache import cache_navigation
from generator.site.search import (
    INDEX_FOLDER,
    SEARCH_PAGE,
    SEARCH_SCRIPT,
    choose_backend,
    index_search_page,
    material_search_entries,
    material_search_plugin,
    pagefind_executable,
    run_pagefind,
    search_entries,
    search_page,
)

log = PrefixedLogger("chronology", logging.getLogger("mkdocs.plugins.chronology"))

# A docs page containing this line gets the list of export files in its place.
EXPORTS_MARKER = "<!-- chronology:exports -->"
ASSET_PREFIX = "assets/chronology/"


class ChronologyPlugin(BasePlugin[ChronologyConfig]):
    """Publishes the records under ``content_dir`` as pages, a timeline and data exports."""

    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.context: Context | None = None
        self.timeline: ModuleType | None = None
        self.content_root: Path | None = None
        self._user_nav = False
        self._warned: set[str] = set()
        self._search_entries: list[dict[str, Any]] | None = None
        self._pagefind: Path | None = None
        self._search = "material"  # material, chronology, pagefind or none
        self._frozen = False
        self._index: SearchIndex | None = None
        self._muted: Any = None  # Material's search plugin, while Pagefind stands in for it

    def _warn(self, message: str) -> None:
        # The same problem is reported once per build, however many pages show it.
        if message not in self._warned:
            self._warned.add(message)
            log.warning(message)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Load and validate every record; fail the build listing all problems."""
        if not self.config.enabled:
            return config
        self._warned.clear()
        base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        self.content_root = (base / self.config.content_dir).resolve()
        if not self.content_root.is_dir():
            raise PluginError(
                f"chronology: content_dir {self.config.content_dir!r} not found "
                f"(looked for {self.content_root})"
            )
        try:
            catalog = load_catalog(self.content_root)
        except ContentError as error:
            listed = "\n".join(str(problem) for problem in error.problems)
            raise PluginError(
                f"chronology: {len(error.problems)} problem(s) in the records under "
                f"{self.config.content_dir}/:\n{listed}"
            ) from None
        problems = content_problems(catalog)
        if problems:
            raise PluginError(
                "chronology: records the site cannot publish:\n" + "\n".join(problems)
            )
        self.catalog = catalog
        self._search = self._choose_search(config, len(catalog.events))
        self._index = SearchIndex() if self._search == "chronology" else None
        self.timeline = timeline_module() if self.config.timeline_enabled else None
        for asset in _asset_uris(self._assets()):
            if asset.endswith((".js", ".mjs")):
                script = ExtraScriptValue(asset)
                if asset.endswith(".mjs"):
                    script.type = "module"
                config.extra_javascript.append(script)
            elif asset.endswith(".css"):
                config.extra_css.append(asset)
        options = Options(
            nav_max_events=self.config.nav_max_events,
            nav_max_years=self.config.nav_max_years,
            review_min_confidence=self.config.review_min_confidence,
            timeline=self.timeline is not None,
            exports=tuple(EXPORTS) if self.config.exports_enabled else (),
            # Material writes it as <html lang>; other themes may have none: English.
            language=str(config.theme.get("language") or "en"),
        )
        urls = Urls(directory_urls=config.use_directory_urls)
        self.context = Context(catalog, urls=urls, options=options)
        self._user_nav = config.nav is not None
        return config

    def _choose_search(self, config: MkDocsConfig, events: int) -> str:
        """Material's search, the chronology's own index or Pagefind (see
        ``search.choose_backend``). Material's plugin is turned off when another takes
        over, so that it neither builds its index nor shows its search box."""
        material = material_search_plugin(config.plugins.values())
        if material is not None and material is self._muted:
            material.config.enabled = True  # muted by an earlier build of `mkdocs serve`
        self._muted = None
        material_on = material is not None and getattr(material.config, "enabled", True)
        backend, message = choose_backend(
            self.config.search_backend,
            events=events,
            material=material_on,
            above=self.config.search_index_above,
        )
        if message:
            log.info(message)
        self._pagefind = None
        if backend == "pagefind":
            try:
                self._pagefind = pagefind_executable()
            except PagefindMissing as error:
                raise PluginError(f"chronology: {error}") from None
        if backend in ("pagefind", "chronology") and material_on:
            material.config.enabled = False  # type: ignore[union-attr]
            self._muted = material
        return backend

    def _assets(self) -> list[str]:
        """The asset files every page includes: the timeline's, and the search script when
        the site searches its own index."""
        assets = list(getattr(self.timeline, "ASSETS", [])) if self.timeline else []
        if self._search == "chronology":
            assets.append(SEARCH_SCRIPT)
        return assets

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Add every generated page, the timeline and the exports as in-memory files."""
        if not self.config.enabled or self.context is None:
            return files
        for message in content_warnings(self.context.catalog):
            self._warn(message)
        ctx = self.context
        self._search_entries = None
        if self._search == "material":
            self._search_entries = material_search_entries(config.plugins.values())
        docs_pages = [f.src_uri for f in files.documentation_pages() if not f.generated_by]
        writers = page_writers(ctx, site_name=config.site_name)
        extra: list[Any] = [uri for uri in docs_pages if uri != "index.md"]
        if self._search in ("pagefind", "chronology"):
            writers[SEARCH_PAGE] = search_page if self._pagefind else index_search_page
            extra.insert(0, {"Search": SEARCH_PAGE})
        if self.timeline is not None:
            timeline_page = self.timeline.timeline_page
            writers["timeline/index.md"] = partial(
                timeline_page,
                ctx.catalog,
                ctx.urls,
                list_at_most=self.config.nav_max_events,
                events=ctx.chronology,
            )
        # Pages have no source: each is drawn when MkDocs writes it (see GeneratedPage);
        # the timeline data and the exports are made when MkDocs copies them (LazyFile).
        generated: dict[str, Callable[[], str | bytes] | None] = dict.fromkeys(writers)
        if self.timeline is not None:
            make_data = partial(
                self.timeline.timeline_data, ctx.catalog, ctx.urls, events=ctx.chronology
            )
            generated["timeline/data.json"] = partial(_json, make_data)
        if self.config.exports_enabled:
            settings = ExportSettings(
                urls=ctx.urls,
                base_url=config.site_url or "",
                site_name=config.site_name,
                chronology=ctx.chronology,
            )
            for name, export in EXPORTS.items():
                generated[name] = partial(export, ctx.catalog, settings)
        nav: list[Any] | None = None
        if self.config.nav_enabled and not self._user_nav:
            nav = navigation(ctx, extra=extra)
            config.nav = nav
        titles = nav_titles(config.nav or [])
        in_nav = set(titles) if nav is not None else None
        record_folders = tuple(f"{kind}/" for kind in RECORD_KINDS)
        for uri, make in generated.items():
            if files.get_file_from_path(uri) is not None:
                self._warn(f"docs/{uri} replaces the page chronology would generate there")
                continue
            # Record pages stay out of the nav (a nav of every event makes builds quadratic);
            # with our nav, so does every page it leaves out, which MkDocs would list.
            if in_nav is not None:
                left_out = uri.endswith(".md") and uri not in in_nav
            else:
                left_out = uri.startswith(record_folders) and not uri.endswith("/index.md")
            inclusion = InclusionLevel.NOT_IN_NAV if left_out else InclusionLevel.UNDEFINED
            if make is None:
                file = File.generated(config, uri, content="", inclusion=inclusion)
                GeneratedPage(titles.get(uri), file, config, writers[uri])
            else:
                file = LazyFile.lazy(config, uri, make)
            files.append(file)
        for uri, path in _asset_files(self._assets()):
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        # The catalog, its indexes and every page and file object live until the end of the
        # build: out of the collector's sight, the full collections that a build of many
        # pages triggers again and again no longer walk them (thawed in on_post_build).
        gc.collect()
        gc.freeze()
        self._frozen = True
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Fill the exports marker in a docs page."""
        if self.context is None or EXPORTS_MARKER not in markdown:
            return markdown
        listed = exports_list(self.context, page.file.src_uri)
        return markdown.replace(EXPORTS_MARKER, listed or "Exports are turned off for this site.")

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Index a docs page of the site's own in the chronology's search index."""
        if self._index is not None and not isinstance(page, GeneratedPage):
            self._index.add(page.url, str(page.title or ""), plain(html))
        return html

    @event_priority(90)  # before Material's search reads the page
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Draw a generated page just before its template renders, and hand its search
        entries on; with Pagefind, keep the pages that are out of search out of its index."""
        if not isinstance(page, GeneratedPage):
            return context
        rendered = page.draw()
        self._add_to_search(page, rendered)
        if self._pagefind is not None and rendered.search == [] and page.content is not None:
            page.content = f'<div data-pagefind-ignore="all">{page.content}</div>'
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """A generated page is written: let its HTML go."""
        if isinstance(page, GeneratedPage):
            page.release()
        return output

    def _add_to_search(self, page: Page, rendered: HtmlPage) -> None:
        """Give the search index a generated page's entries, if it takes them."""
        if rendered.search is None:
            return
        if self._index is not None:
            if rendered.search:
                text = " ".join(section.text for section in rendered.search)
                self._index.add_escaped(page.url, rendered.search[0].title, text)
            return
        if self._search_entries is not None:
            self._search_entries.extend(search_entries(page.url, rendered.search))
            page.meta["search"] = {"exclude": True}  # indexed already
        elif not rendered.search:
            page.meta["search"] = {"exclude": True}

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        """Draw the navigation once per folder of record pages (see ``nav_cache``)."""
        if self.config.enabled and self.config.cache_navigation:
            cache_navigation(env, _is_record_page)
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the chronology's own search index; or, with Pagefind, index the built site."""
        self._thaw()
        if self._index is not None:
            folder = Path(config.site_dir) / INDEX_FOLDER
            for name, data in self._index.files():
                write_file(data.encode("utf-8"), str(folder / name))
            log.info(f"search: {len(self._index.docs):,} pages in the index in small files")
            self._index = SearchIndex()  # the next build of `mkdocs serve` starts afresh
        if self._pagefind is None:
            return
        try:
            summary = run_pagefind(Path(config.site_dir), executable=self._pagefind)
        except (OSError, subprocess.CalledProcessError) as error:
            output = getattr(error, "stdout", "") or ""
            output += getattr(error, "stderr", "") or ""
            raise PluginError(f"chronology: pagefind failed: {error}\n{output}") from None
        indexed = [line.strip() for line in summary.splitlines() if "Indexed" in line]
        log.info("pagefind: " + ("; ".join(indexed) or "index written"))

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build lets the objects it froze go too."""
        self._thaw()

    def _thaw(self) -> None:
        # `mkdocs serve` builds again and again: what one build froze must not outlive it.
        if self._frozen:
            gc.unfreeze()
            self._frozen = False

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer | None:
        """Rebuild when a record changes under ``mkdocs serve``."""
        if self.config.enabled and self.content_root is not None:
            server.watch(str(self.content_root))
        return server


def _is_record_page(page: Any) -> bool:
    """A page of ours that the navigation does not list."""
    return isinstance(page, GeneratedPage) and page.file.inclusion.is_not_in_nav()


def _asset_files(assets: list[str]) -> list[tuple[str, Path]]:
    """(site URI, file on disk) of each asset (a path under ``generator/site/assets``)."""
    root = resources.files("generator.site") / "assets"
    found = []
    for name in assets:
        relative = str(name).removeprefix("assets/").lstrip("/")
        path = Path(str(root / relative))
        if not path.is_file():
            raise PluginError(f"chronology: asset {relative!r} not found at {path}")
        found.append((ASSET_PREFIX + relative, path))
    return found


def _asset_uris(assets: list[str]) -> list[str]:
    return [uri for uri, _ in _asset_files(assets)]


def _json(make: Callable[[], Any]) -> str:
    return json.dumps(make(), ensure_ascii=False)
