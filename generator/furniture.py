"""Page furniture: what a news page shows around the article that is not the article.

Rule-based and site-agnostic: known patterns (photo credits, bylines, comment forms,
share buttons, "Read more", subscription and cookie prompts), related-headline lists
(bullets or runs of short lines without sentence punctuation), meta lines (section,
agency, dates) and the standfirst that repeats a body paragraph. What the furniture
says about the article (its publisher, its date lines) is kept as evidence.

Markup is page furniture too: HTML (scripts, navigation, sidebars, figures, share and
related boxes) and Markdown (images, link targets, emphasis) are reduced here to plain
paragraphs with their explicit fields (front matter, meta tags) in a `Page`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

import yaml

from generator.ingest_dates import classify_date_line, parse_input_date

_BULLET_RE = re.compile(r"^(?:[-*•·▪►‣◦]|\d{1,2}[.)])\s+")
# A sentence ends in . ! ? … (or : ; introducing a quote or list), maybe inside quotes.
_SENTENCE_END_RE = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_SHORT_WORDS = 8  # a lone line this short without sentence punctuation is not prose
_LIST_WORDS = 25  # headline-length: items of related lists, sidebars, teasers
_CREDIT_WORDS = 60  # a caption or credit line is short

# Known furniture, matched at the start of a line ...
_FURNITURE_START_RE = re.compile(
    "|".join(
        [
            # photo / video credits and captions
            r"(?:photo|photograph|image|picture|video|illustration|cover|credit|"
            r"source of (?:the )?photo)s?(?:\s+(?:credit|source))?\s*(?::|©|/|\bby\b|\bcourtesy\b)",
            r"©|\(c\)|copyright\b",
            r"photo of (?:the )?author$",
            # bylines
            r"(?:by|author|written by|posted by|reporting by|edited by|editing by)\b[:\s]+"
            r"(?!.*[.!?;][\"'”’]?$)\S.{0,40}$",
            # comment forms
            r"(?:leave|post|add|write) a (?:comment|reply)",
            r"\d*\s*comments?\s*(?:\(\d+\))?$",
            r"your email address will not be published|required fields are marked|"
            r"save my name, email",
            r"(?:name|email|e-mail|website|comment)\s*\*?$",
            # share buttons
            r"(?:share|tweet|pin it|email|print|copy link|whatsapp|telegram|facebook|twitter|x|"
            r"linkedin|reddit|vk|ok)(?:\s+(?:this|on|via|article|story|page)\b.*)?$",
            # navigation and teasers
            r"(?:read|see) (?:more|also|next|the full story)\b",
            r"(?:also read|related|related (?:articles|stories|news|posts)|"
            r"more (?:on|from|news|stories)|you (?:may|might) also like|recommended|most read|"
            r"most popular|trending|latest news|top stories|previous (?:article|post)|"
            r"next (?:article|post)|back to top)\b.{0,60}$",
            r"(?:tags?|topics?|categories|category|filed under|keywords)\s*:",
            r"(?:click|tap) here\b|(?:follow us|join (?:us|our)|download (?:our|the) app)\b",
            r"advertisement$|sponsored(?: content)?$|accept(?: all)? cookies",
        ]
    ),
    re.IGNORECASE,
)
# ... or anywhere in a short paragraph.
_FURNITURE_ANYWHERE_RE = re.compile(
    r"\b(?=[a-zA-Z])(?:all rights reserved|subscribe to|sign up (?:for|to)|subscribe now|"
    r"our newsletter|cookies?\b.*\b(?:accept|consent|use|policy|settings)|getty images|"
    r"shutterstock|via reuters|(?:reuters|afp|epa)/[A-Z]|ap photo)\b",
    re.IGNORECASE,
)
_BREADCRUMB_RE = re.compile(r"^[^>»›\n]{1,40}(?:\s[>»›]\s[^>»›\n]{1,40}){1,6}$")
# "Based on materials from TASS", "Source: Reuters": the publisher, not text.
_SOURCE_LINE_RE = re.compile(
    r"^(?:based on (?:the )?materials (?:from|of)|according to (?:the )?materials (?:from|of)|"
    r"with materials from|source|sources|via)\s*:?\s*(?P<publisher>[^.\n]{2,60}?)\.?$",
    re.IGNORECASE,
)
# A meta line naming a news organization ("Anadolu Agency").
_AGENCY_RE = re.compile(
    r"\b(?:agency|news|press|novosti|times|post|journal|herald|gazette|tribune|daily|"
    r"telegraph|media|broadcasting|radio|television|wire|TASS|Reuters|AFP|AP|Xinhua|"
    r"Interfax|RIA|ARMENPRESS|Anadolu|Sputnik|EFE|ANSA|DPA|Kyodo|Yonhap|PTI|UPI|IANS|"
    r"BBC|CNN|Bloomberg|Trend|APA)\b",
)
_PUNCT_TRANSLATION = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'",
                                    "’": "'", "–": "-", "—": "-", "\u00a0": " "})


@dataclass
class Cleaned:
    """Article paragraphs without furniture, and what the furniture told about it."""

    paragraphs: list[str]
    publishers: list[str] = field(default_factory=list)  # best first
    date_lines: list[tuple[str, dt.date]] = field(default_factory=list)  # (kind, date)


def normalize_space(text: str) -> str:
    """One space between words; no-break and zero-width spaces made plain."""
    return " ".join(text.replace("\u200b", "").replace("\ufeff", "").split())


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text. Blank lines separate blocks; inside a block each line is
    a paragraph (news sites paste one per line) unless the block is hard-wrapped, or a
    line obviously continues the previous one (no sentence end, lower-case start)."""
    paragraphs: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        inner = lines[:-1]
        wrapped = (
            len(lines) >= 3
            and max(len(line) for line in lines) <= 100
            and sum(1 for line in inner if not _SENTENCE_END_RE.search(line)) * 2 > len(inner)
            and not any(_BULLET_RE.match(line) for line in lines)
        )
        if wrapped:
            paragraphs.append(normalize_space(" ".join(lines)))
            continue
        current: list[str] = []
        for line in lines:
            continues = (
                current
                and not _SENTENCE_END_RE.search(current[-1])
                and line[:1].islower()
                and not _BULLET_RE.match(line)
            )
            if current and not continues:
                paragraphs.append(normalize_space(" ".join(current)))
                current = []
            current.append(line)
        paragraphs.append(normalize_space(" ".join(current)))
    return [p for p in paragraphs if p]


def is_bullet(text: str) -> bool:
    """Whether a line is a list item ("- ", "* ", "• ", "1. ")."""
    return bool(_BULLET_RE.match(text))


def is_sentence(text: str) -> bool:
    """Whether a paragraph ends like prose."""
    return bool(_SENTENCE_END_RE.search(text))


def comparable(text: str) -> str:
    """A paragraph reduced for duplicate detection: case, quotes, dashes, end punctuation."""
    text = unicodedata.normalize("NFKC", text).translate(_PUNCT_TRANSLATION).casefold()
    return " ".join(text.split()).rstrip(" .!?…:;\"'")


def _agency(text: str) -> str | None:
    if len(text.split()) <= 5 and _AGENCY_RE.search(text):
        return text.split(", ")[0].strip(" .-–—")  # "BBC News, Berlin" -> "BBC News"
    return None


def is_furniture_line(text: str) -> bool:
    """Whether a line is known page furniture (credit, byline, share button, breadcrumb...)."""
    if _FURNITURE_START_RE.match(text) or _BREADCRUMB_RE.match(text):
        return True
    return len(text.split()) <= _CREDIT_WORDS and bool(_FURNITURE_ANYWHERE_RE.search(text))


def clean(paragraphs: list[str]) -> Cleaned:
    """Drop furniture and duplicates from `paragraphs`, collecting evidence on the way."""
    result = Cleaned([])
    meta_publishers: list[str] = []
    kept: list[tuple[str, bool]] = []  # (text, was a list item)
    for raw in paragraphs:
        text = normalize_space(raw)
        bullet = _BULLET_RE.match(text)
        item = text[bullet.end() :] if bullet else text
        if not item:
            continue
        date_line = classify_date_line(item)
        if date_line is not None:
            result.date_lines.append(date_line)
            continue
        source = _SOURCE_LINE_RE.match(item)
        if source and len(item.split()) <= 10:
            result.publishers.append(source["publisher"].strip())
            continue
        if is_furniture_line(item):
            continue
        words = len(item.split())
        if not is_sentence(item) and (words <= _SHORT_WORDS or (bullet and words <= _LIST_WORDS)):
            agency = _agency(item)
            if agency:
                meta_publishers.append(agency)
            continue
        kept.append((item, bool(bullet)))
    result.publishers.extend(meta_publishers)
    result.paragraphs = _drop_duplicates(_drop_headline_runs(kept))
    return result


def _drop_headline_runs(kept: list[tuple[str, bool]]) -> list[str]:
    """Runs of headline-like lines (no sentence end, headline length) are related-story
    lists and sidebars: three in a row anywhere, or any number closing the article."""

    def headline(text: str) -> bool:
        return not is_sentence(text) and len(text.split()) <= _LIST_WORDS

    flags = [headline(text) for text, _ in kept]
    drop = [False] * len(kept)
    index = 0
    while index < len(kept):
        if not flags[index]:
            index += 1
            continue
        end = index
        while end < len(kept) and flags[end]:
            end += 1
        if end - index >= 3 or end == len(kept):
            for position in range(index, end):
                drop[position] = True
        index = end
    return [text for (text, _), dropped in zip(kept, drop, strict=True) if not dropped]


def _drop_duplicates(paragraphs: list[str]) -> list[str]:
    """Drop a standfirst repeating a later paragraph (it may be a prefix of it) and any
    later exact duplicate. Linear apart from the few standfirst checks."""
    keys = [comparable(p) for p in paragraphs]
    drop = [False] * len(paragraphs)
    for index in range(min(3, len(paragraphs))):
        key = keys[index]
        if len(key.split()) >= 6 and any(
            later.startswith(key) or (len(key) >= 60 and key in later)
            for later in keys[index + 1 :]
        ):
            drop[index] = True
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if drop[index]:
            continue
        if key in seen:
            drop[index] = True
        seen.add(key)
    return [p for p, dropped in zip(paragraphs, drop, strict=True) if not dropped]


# --- markup: HTML and Markdown down to paragraphs -----------------------------------------


class MarkupError(ValueError):
    """Markup that cannot be read (bad front matter)."""


@dataclass
class Page:
    """An article page reduced to body paragraphs and the fields its markup states."""

    paragraphs: list[str]
    title: str | None = None
    published: str | None = None  # an explicit field (front matter, jsonl, HTML meta)
    published_how: str = "input"
    publisher: str | None = None
    url: str | None = None
    header_date: str | None = None
    id: str | None = None


_SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "nav", "aside", "footer", "form", "button",
    "select", "textarea", "iframe", "figure", "figcaption", "object", "embed", "canvas", "dialog",
})
_VOID_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
})
_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "li", "ul", "ol", "dl", "dt", "dd", "h1",
    "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "td", "th", "address", "hr",
    "br", "figure", "center",
})
_IMPLICIT_CLOSE = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})
_FURNITURE_CLASS_RE = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|related|comments?|newsletter|subscri\w*|cookies?|"
    r"consent|advert\w*|ads?|promo\w*|breadcrumbs?|sidebar|widget|popup|modal|caption|tags|"
    r"byline|author-?box|read-?more|recommend\w*|most-?read|trending|paywall)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CONTAINERS = frozenset({"article", "main", "body", "html"})
_PUBLISHED_META = frozenset({
    "article:published_time", "og:published_time", "pubdate", "publishdate", "publish-date",
    "publish_date", "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.issued",
    "sailthru.date", "parsely-pub-date", "datepublished",
})


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
            key = (values.get("property") or values.get("name") or values.get("itemprop", ""))
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
        if self.stack and self.stack[-1][0] in _IMPLICIT_CLOSE and (
            tag == self.stack[-1][0] or (self.stack[-1][0] == "p" and tag in _BLOCK_TAGS)
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
    """An HTML page: title from <h1>, og:title or <title>; date from publication meta,
    JSON-LD datePublished or <time>; body from <article> (else <main>, else the page)."""
    parser = _HtmlExtractor()
    parser.feed(text)
    parser.close()
    parser._flush()
    meta = parser.meta
    for scope in (2, 1, 0):
        paragraphs = [block for block, where in parser.blocks if where >= scope]
        if scope == 0 or paragraphs:
            break
    title_text = normalize_space("".join(parser.captured["title"]))
    title = (
        normalize_space("".join(parser.captured["h1"]))
        or normalize_space(meta.get("og:title", ""))
        or _strip_site_name(title_text)
        or None
    )
    page = Page(paragraphs, title=title, publisher=meta.get("og:site_name") or None)
    page.url = meta.get("canonical") or meta.get("og:url") or None
    published = next((meta[key] for key in meta if key in _PUBLISHED_META), None)
    if published is None:
        found = re.search(r'"datePublished"\s*:\s*"([^"]+)"', "".join(parser.captured["ld"]))
        published = found.group(1) if found else None
    page.published = parse_input_date(published)
    if page.published is None and parser.times:
        marked = [value for value, is_published in parser.times if is_published]
        page.published = parse_input_date((marked or [parser.times[0][0]])[0])
        page.published_how = "date-line"
    return page


_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_MARKDOWN_SUBS = [
    (re.compile(r"<!--.*?-->", re.DOTALL), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images (their alt text is a caption)
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"^\s*\[[^\]]+\]:\s+\S+.*$", re.MULTILINE), ""),
    (re.compile(r"</?[A-Za-z][^>\n]*>"), ""),
    (re.compile(r"^\s{0,3}(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$", re.MULTILINE), ""),
    (re.compile(r"^\s{0,3}>\s?", re.MULTILINE), ""),
    (re.compile(r"^\s*[*+]\s+", re.MULTILINE), "- "),
    (re.compile(r"(\*\*|__)(\S.*?\S|\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(\S.*?\S|\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(\S.*?\S|\S)_(?!\w)"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
]
_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.MULTILINE)


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """YAML front matter (a mapping) and the rest of a Markdown file."""
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1) or "") or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 2}: " if mark is not None else ""
        raise MarkupError(f"front matter: {where}invalid YAML") from None
    if not isinstance(data, dict):
        raise MarkupError("front matter: expected a mapping of fields")
    return {str(key).lower(): value for key, value in data.items()}, text[match.end() :]


def markdown_to_text(body: str) -> tuple[str, str | None]:
    """Markdown reduced to plain text with '- ' list items, and its first heading."""
    for pattern, replacement in _MARKDOWN_SUBS:
        body = pattern.sub(replacement, body)
    heading = _HEADING_RE.search(body)
    first = heading.group(1) if heading and not body[: heading.start()].strip() else None
    if first is not None and heading is not None:
        body = body[: heading.start()] + body[heading.end() :]
    return _HEADING_RE.sub(r"\n\1\n", body), first
