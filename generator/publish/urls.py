"""Where every record lives on the site: one small, stable object shared by all page writers.

The URL scheme (relative to the site root, with MkDocs' default ``use_directory_urls``)::

    ''                        home: the chronology by year and month
    'timeline/'               the interactive timeline (when the timeline module is present)
    'years/<yyyy>/'           the events of one year
    'types/', 'types/<t>/'    event types, and the events of one type
    'events/<id>/'            one event            (also 'actors/', 'agreements/', 'sources/')
    'actors/', 'agreements/', 'sources/'   the indexes of each kind
    'review/'                 flagged and low-confidence records
    'events.json' ...         the exports (see ``generator.publish.exports.EXPORTS``)

With ``use_directory_urls: false`` the page URLs end in ``.html`` instead
('events/<id>.html', 'years/2020.html', 'index.html').

API, for the timeline and any other consumer:

- ``urls.event(id)``, ``urls.actor(id)``, ``urls.agreement(id)``, ``urls.source(id)``,
  ``urls.year(yyyy)``, ``urls.type(name)``, ``urls.page(name)`` -> the site URL of a page,
  relative to the site root and never starting with '/'. Prefix it with the relative path
  to the root (e.g. '../' from 'timeline/') or with the site URL.
- ``urls.record(kind, id)`` does the same for a kind name ('events', 'actors', ...).
- ``urls.doc(kind, id)`` / ``urls.doc_page(name)`` -> the in-memory file behind a page
  ('events/<id>.md'), which is how MkDocs names pages.
- ``urls.href(from_doc, to)`` -> the relative URL a page uses to link to another page (given
  by its file) or to a site file such as 'events.json'.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

# Kind names as they appear in URLs, in the order the navigation shows them.
RECORD_KINDS = ("events", "actors", "agreements", "sources")

# Pages that are not records: name -> the file MkDocs knows the page by.
PAGES = {
    "home": "index.md",
    "timeline": "timeline/index.md",
    "actors": "actors/index.md",
    "agreements": "agreements/index.md",
    "sources": "sources/index.md",
    "types": "types/index.md",
    "review": "review/index.md",
}

# Ids that would make a record page collide with an index page.
RESERVED_IDS = frozenset({"index"})


@lru_cache(maxsize=262144)
def _segment(value: str) -> str:
    # Ids are slugs by schema; quoting keeps a URL well-formed even if one is not.
    return quote(str(value), safe="")


@dataclass(frozen=True)
class Urls:
    """Maps records and pages to site URLs and to the files MkDocs knows them by."""

    directory_urls: bool = True

    # --- page files (what the plugin generates; ``href`` links between them) ---

    def doc(self, kind: str, record_id: str) -> str:
        """The generated page file of one record: 'events/<id>.md'."""
        if kind not in RECORD_KINDS:
            raise ValueError(f"unknown record kind {kind!r}")
        return f"{kind}/{_segment(record_id)}.md"

    def doc_page(self, name: str) -> str:
        """The page file of a named page ('home', 'review', 'year:2020', 'type:call')."""
        if name.startswith("year:"):
            return f"years/{_segment(name[5:])}.md"
        if name.startswith("type:"):
            return f"types/{_segment(name[5:])}.md"
        return PAGES[name]

    def href(self, from_doc: str, to: str) -> str:
        """The relative URL from the page of ``from_doc`` to the page of the file ``to``
        ('actors/x.md') or to a site file ('events.json')."""
        target = self.url_of_doc(to) if to.endswith(".md") else to
        return self.root_of(from_doc) + target or "./"

    @lru_cache(maxsize=1024)  # noqa: B019 - a few Urls live as long as a build
    def root_of(self, doc: str) -> str:
        """The relative prefix from the page of a file back to the site root."""
        return self.to_root(self.url_of_doc(doc))

    # --- site URLs (what a browser or an export sees) ---

    @lru_cache(maxsize=131072)  # noqa: B019 - the same pages are linked from many pages
    def url_of_doc(self, doc: str) -> str:
        """The site URL MkDocs gives a page file, relative to the site root."""
        stem = doc[: -len(".md")] if doc.endswith(".md") else doc
        if stem == "index" or stem.endswith("/index"):
            folder = stem[: -len("index")]
            return folder if self.directory_urls else f"{folder}index.html"
        return f"{stem}/" if self.directory_urls else f"{stem}.html"

    def record(self, kind: str, record_id: str) -> str:
        """The site URL of a record of any kind."""
        return self.url_of_doc(self.doc(kind, record_id))

    def event(self, record_id: str) -> str:
        """'events/<id>/'"""
        return self.record("events", record_id)

    def actor(self, record_id: str) -> str:
        """'actors/<id>/'"""
        return self.record("actors", record_id)

    def agreement(self, record_id: str) -> str:
        """'agreements/<id>/'"""
        return self.record("agreements", record_id)

    def source(self, record_id: str) -> str:
        """'sources/<id>/'"""
        return self.record("sources", record_id)

    def year(self, year: int | str) -> str:
        """'years/<yyyy>/'"""
        return self.url_of_doc(self.doc_page(f"year:{int(year):04d}"))

    def type(self, name: str) -> str:
        """'types/<type>/'"""
        return self.url_of_doc(self.doc_page(f"type:{name}"))

    def page(self, name: str) -> str:
        """A named page: 'home' -> '', 'timeline' -> 'timeline/', 'review' -> 'review/'."""
        return self.url_of_doc(self.doc_page(name))

    @staticmethod
    def to_root(url: str) -> str:
        """The relative prefix from a page URL back to the site root ('../' from 'timeline/')."""
        depth = url.count("/")
        return "../" * depth
