"""HTML pages for the ingest stage: the article's text blocks and the fields the page
states (title, publication date, publisher, canonical url), reduced to a `Page`.

Scripts, navigation, sidebars, forms, figures and furniture-classed boxes are skipped
here; what furniture is left in the text is `generator.ingest.furniture`'s job.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from generator.ingest.formats import Page
from generator.ingest.furniture import normalize_space
from generator.ingest.html_libraries import read_with_libraries
from generator.ingest.published import parse_input_date

__all__ = ["parse_html"]


_SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "nav",
        "aside",
        "footer",
        "form",
        "button",
        "select",
        "textarea",
        "iframe",
        "figure",
        "figcaption",
        "object",
        "embed",
        "canvas",
        "dialog",
    }
)
_VOID_TAGS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "address",
        "hr",
        "br",
        "figure",
        "center",
    }
)
_IMPLICIT_CLOSE = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})
_FURNITURE_CLASS_RE = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|related|comments?|newsletter|subscri\w*|cookies?|"
    r"consent|advert\w*|ads?|promo\w*|breadcrumbs?|sidebar|widget|popup|modal|caption|tags|"
    r"byline|author-?box|read-?more|recommend\w*|most-?read|trending|paywall)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CONTAINERS = frozenset({"article", "main", "body", "html"})
_PUBLISHED_META = frozenset(
    {
        "article:published_time",
        "og:published_time",
        "pubdate",
        "publishdate",
        "publish-date",
        "publish_date",
        "date",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "dcterms.issued",
        "sailthru.date",
        "parsely-pub-date",
        "datepublished",
    }
)


class _HtmlExtractor(HTMLParser):
    """Collects text blocks (with their scope: article, main, page) and page metadata,
    skipping scripts, navigation, sidebars, forms, figures and furniture-classed boxes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, starts a skipped subtree)
        self.skipping = 0
        self.scope = {"article": 0, "main": 0}
        self.blocks: list[tuple[str, int]] = []
        self.buffer: list[str] = []
        self.in_item = False
        self.capture: str | None = None  # 'title', 'h1', 'ld'
        self.captured: dict[str, list[str]] = {"title": [], "h1": [], "ld": []}
        self.meta: dict[str, str] = {}
        self.times: list[tuple[str, bool]] = []  # (datetime, marked as publication)

    def _flush(self) -> None:
        text = normalize_space("".join(self.buffer))
        self.buffer = []
        if text:
            scope = 2 if self.scope["article"] else 1 if self.scope["main"] else 0
            self.blocks.append((("- " if self.in_item else "") + text, scope))

    def _pop(self, tag: str) -> None:
        while self.stack:
            name, skipped = self.stack.pop()
            self.skipping -= skipped
            if name in self.scope:
                self.scope[name] -= 1
            if self.capture == name or (self.capture == "ld" and name == "script"):
                self.capture = None
            if name == tag:
                break

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key.lower(): (value or "") for key, value in attrs}
        if tag == "meta":
            key = values.get("property") or values.get("name") or values.get("itemprop", "")
            if key and values.get("content"):
                self.meta.setdefault(key.lower(), values["content"])
        elif tag == "link" and "canonical" in values.get("rel", "").lower():
            self.meta.setdefault("canonical", values.get("href", ""))
        elif tag == "time" and values.get("datetime"):
            marked = "datepublished" in values.get("itemprop", "").lower() or "pubdate" in values
            self.times.append((values["datetime"], marked or "publish" in values.get("class", "")))
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in _VOID_TAGS:
            return
        if (
            self.stack
            and self.stack[-1][0] in _IMPLICIT_CLOSE
            and (tag == self.stack[-1][0] or (self.stack[-1][0] == "p" and tag in _BLOCK_TAGS))
        ):
            self._pop(self.stack[-1][0])
        classes = f"{values.get('class', '')} {values.get('id', '')}"
        skipped = tag in _SKIP_TAGS or "hidden" in values or values.get("aria-hidden") == "true"
        if tag not in _CONTAINERS and _FURNITURE_CLASS_RE.search(classes):
            skipped = True
        if tag == "script" and "ld+json" in values.get("type", ""):
            self.capture = "ld"
        elif tag in ("title", "h1") and not self.skipping and not self.captured[tag]:
            self.capture = tag
        self.stack.append((tag, skipped))
        self.skipping += skipped
        if tag in self.scope:
            self.scope[tag] += 1
        if tag == "li":
            self.in_item = True

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag == "li":
            self.in_item = False
        if any(name == tag for name, _ in self.stack):
            self._pop(tag)

    def handle_data(self, data: str) -> None:
        if self.capture is not None:
            self.captured[self.capture].append(data)
        elif not self.skipping:
            self.buffer.append(data)


def _strip_site_name(title: str) -> str:
    """'Headline | Site' -> 'Headline' (and 'Site - Headline' when the headline is longer)."""
    parts = re.split(r"\s+[|–—-]\s+", title)
    longest = max(parts, key=len)
    return parts[0] if 2 * len(parts[0]) >= len(longest) else longest


def parse_html(text: str) -> Page:
    """An HTML page: body, headline and publication day as trafilatura and htmldate find
    them (``generator.ingest.html_libraries``); where they find nothing, the hand-written
    reader: title from <h1>, og:title or <title>; date from publication meta, JSON-LD
    datePublished or <time>; body from <article> (else <main>, else the page)."""
    parser = _HtmlExtractor()
    parser.feed(text)
    parser.close()
    parser._flush()
    meta = parser.meta
    for scope in (2, 1, 0):
        paragraphs = [block for block, where in parser.blocks if where >= scope]
        if scope == 0 or paragraphs:
            break
    library = read_with_libraries(text)
    title_text = normalize_space("".join(parser.captured["title"]))
    title = (
        _strip_site_name(normalize_space(library.title or ""))
        or normalize_space("".join(parser.captured["h1"]))
        or normalize_space(meta.get("og:title", ""))
        or _strip_site_name(title_text)
        or None
    )
    page = Page(
        library.paragraphs or paragraphs, title=title, publisher=meta.get("og:site_name") or None
    )
    page.url = meta.get("canonical") or meta.get("og:url") or None
    published = next((meta[key] for key in meta if key in _PUBLISHED_META), None)
    if published is None:
        found = re.search(r'"datePublished"\s*:\s*"([^"]+)"', "".join(parser.captured["ld"]))
        published = found.group(1) if found else None
    page.published = parse_input_date(published)
    if library.published:
        # The page's own metadata says so ("input"), or its markup or text does.
        if library.published != page.published:
            page.published, page.published_how = library.published, "date-line"
        return page
    if page.published is None and parser.times:
        marked = [value for value, is_published in parser.times if is_published]
        page.published = parse_input_date((marked or [parser.times[0][0]])[0])
        page.published_how = "date-line"
    return page
