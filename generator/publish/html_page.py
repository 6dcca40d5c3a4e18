"""A generated page as finished HTML, with its table of contents and its search entries.

Page writers build one with ``PageWriter``; the plugin hands ``html`` to MkDocs in place of
converted Markdown, ``toc`` to the theme's table of contents, and ``search`` to the theme's
search index, so that neither Python-Markdown nor the search plugin's HTML parser has to
read thousands of record pages. ``search`` holds one entry per section, as the search
plugin would have cut the page; sections that only point elsewhere ("Before and after")
are left out so that a query finds the page that tells the event, not its neighbours.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from generator.publish.render import text, title_text
from generator.slugs import slugify

_INLINE_TAG = re.compile(r"</?(?:a|abbr|b|code|em|i|small|span|strong|time)\b[^>]*>")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class SearchSection:
    """One search entry: the section's anchor ('' for the top of the page), its title and
    its text, both HTML-escaped as a search index expects them."""

    anchor: str
    title: str
    text: str


@dataclass
class HtmlPage:
    """A finished page.

    ``title`` is safe HTML (``title_text``); ``toc`` lists ``(anchor, heading HTML)`` of the
    second-level headings; ``search`` is None when the theme's search should read the HTML
    itself, else the entries to index (empty: keep the page out of search); ``meta`` is
    front matter for the theme and plugins (for example ``{"hide": ["toc"]}``).
    """

    title: str
    html: str
    toc: list[tuple[str, str]] = field(default_factory=list)
    search: list[SearchSection] | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def plain_text(fragment: str) -> str:
    """The text of a safe HTML fragment, tags dropped, escaped as search indexes store it."""
    words = _TAG.sub(" ", _INLINE_TAG.sub("", fragment))
    words = _SPACE.sub(" ", html.unescape(words)).strip()
    return html.escape(words, quote=False)


@lru_cache(maxsize=4096)
def _anchor(label: str) -> str:
    # Section labels are few ("Actors", "Sources"): slug each once.
    return slugify(label, max_words=None, fallback="section")


class PageWriter:
    """Builds an ``HtmlPage`` part by part: anchors for its headings, entries for search."""

    def __init__(self, title: str, *, searchable: bool = True, heading: str | None = None) -> None:
        """``title`` is plain text; ``heading`` (safe HTML of the same text, e.g. with a
        ``lang`` attribute) replaces it in the page's ``<h1>``; ``searchable=False`` keeps
        the page out of search."""
        self.title = title_text(title)
        self.parts = [f'<h1 id="title">{text(title) if heading is None else heading}</h1>']
        self.toc: list[tuple[str, str]] = []
        self.meta: dict[str, Any] = {}
        self.searchable = searchable
        self._anchors = {"title"}
        # (anchor, title, parts) per section that search should see.
        self._sections: list[tuple[str, str, list[str]]] = [("", plain_text(text(title)), [])]
        self._indexed: list[str] | None = self._sections[0][2]

    def section(self, label: str, *, heading: str | None = None, search: bool = True) -> None:
        """Start a second-level section titled ``label`` (plain text, also its anchor);
        ``heading`` (safe HTML) replaces the label on the page; ``search=False`` keeps the
        section out of the search index."""
        anchor = base = _anchor(label)
        number = 1
        while anchor in self._anchors:
            number += 1
            anchor = f"{base}-{number}"
        self._anchors.add(anchor)
        self.toc.append((anchor, text(label)))
        shown = text(label) if heading is None else heading
        self.parts.append(f'<h2 id="{anchor}">{shown}</h2>')
        self._indexed = None
        if search:
            self._sections.append((anchor, plain_text(shown), []))
            self._indexed = self._sections[-1][2]

    def subheading(self, heading: str) -> None:
        """A third-level heading (not in the table of contents); ``heading`` is safe HTML."""
        self.add(f"<h3>{heading}</h3>")

    def paragraph(self, fragment: str) -> None:
        """A paragraph of safe HTML."""
        self.add(f"<p>{fragment}</p>")

    def add(self, fragment: str) -> None:
        """A block of safe HTML (a list, a table, an admonition)."""
        if fragment:
            self.parts.append(fragment)
            if self._indexed is not None:
                self._indexed.append(fragment)

    def page(self) -> HtmlPage:
        """The finished page."""
        search = []
        if self.searchable:
            search = [
                SearchSection(anchor, title, plain_text(" ".join(parts)))
                for anchor, title, parts in self._sections
            ]
        return HtmlPage(self.title, "\n".join(self.parts), self.toc, search, self.meta)
