"""Input formats of the ingest stage: plain text, Markdown and .jsonl lines reduced to a
`Page` of body paragraphs and the fields the input states (title, date, publisher, url,
id). HTML has its own reader (`generator.ingest.html`) that returns the same `Page`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml

from generator.errors import MarkupError
from generator.ingest import furniture
from generator.ingest.published import classify_date_line, match_dateline, parse_input_date

__all__ = [
    "Page",
    "markdown_to_text",
    "parse_jsonl_line",
    "parse_markdown",
    "parse_plain",
    "split_front_matter",
]


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
    header_month: str | None = None  # ' date 2024-03': the month, no day (YYYY-MM)
    id: str | None = None
    language: str | None = None  # a language the input states (front matter, .jsonl field)


# ' date 2021-01-18 Title' (a scraper's header line: the title may follow on the line; a time
# after the date is 'hh:mm', so that '2024-03-24 68 victims ...' keeps its number)
_HEADER_RE = re.compile(
    r"^\s*date\s*[:=]?\s*(?P<date>(?:19|20)\d\d-[01]\d(?:-[0-3]\d)?)"
    r"(?:[T ]\d\d?:\d\d(?::\d\d(?:\.\d+)?)?Z?)?"
    r"(?:\s+|$)(?P<rest>.*)$",
    re.IGNORECASE,
)
_ENDS_WITH_PERIOD_RE = re.compile(r"\.[\"'”’»)]*$")


def _is_title_line(line: str) -> bool:
    words = line.split()
    if not words or len(words) > 30 or len(line) > 250 or furniture.is_bullet(line):
        return False
    return not (_ENDS_WITH_PERIOD_RE.search(line) and len(words) > 8)


def parse_plain(text: str, *, title: str | None = None) -> Page:
    """Plain text: an optional ' date 2021-01-18 Title' header line, the headline as the
    first line unless that is a date line or a paragraph, then the body."""
    lines = text.split("\n")
    header_date = None
    nonempty = [i for i, line in enumerate(lines) if line.strip()]
    header_month = None
    if nonempty:
        header = _HEADER_RE.match(lines[nonempty[0]])
        if header and len(header["date"]) == 7:
            # ' date 2024-03 Title': a month is no day to count dates from, but it bounds
            # the day of writing; the line is page furniture, not part of the headline
            lines[nonempty[0]] = header["rest"]
            header_month = header["date"] if 1 <= int(header["date"][5:]) <= 12 else None
            header = None
        header_date = parse_input_date(header["date"]) if header else None
        if header and header_date:
            lines[nonempty[0]] = header["rest"]
    for index in [i for i, line in enumerate(lines) if line.strip()][:5]:
        line = furniture.normalize_space(lines[index])
        if classify_date_line(line) is not None or furniture.is_furniture_line(line):
            continue  # above the headline: stays in the body, as evidence or to be dropped
        if title is None and _is_title_line(line) and match_dateline(line) is None:
            title, lines[index] = line, ""
        elif title is not None and furniture.comparable(line) == furniture.comparable(title):
            lines[index] = ""
        break
    paragraphs = furniture.split_paragraphs("\n".join(lines))
    return Page(paragraphs, title=title, header_date=header_date, header_month=header_month)


def parse_markdown(text: str) -> Page:
    """Markdown with optional YAML front matter (title, date/published, publisher, url, id)."""
    fields, body = split_front_matter(text)
    plain, heading = markdown_to_text(body)
    page = _with_fields(parse_plain(plain, title=_field(fields, "title") or heading), fields)
    return page


def _field(fields: dict[str, object], *names: str) -> str | None:
    for name in names:
        value = fields.get(name)
        if isinstance(value, str | int | float) and str(value).strip():
            return str(value).strip()
    return None


def _with_fields(page: Page, fields: dict[str, object]) -> Page:
    """Apply explicit input fields; a given but unreadable date is an error, not a guess."""
    for name in ("published", "date", "pubdate", "published_at", "date_published"):
        if fields.get(name) not in (None, ""):
            page.published = parse_input_date(fields[name])
            if page.published is None:
                raise MarkupError(f"{name}: not a date: {fields[name]!r}")
            break
    page.publisher = _field(fields, "publisher", "source", "site") or page.publisher
    page.url = _field(fields, "url", "link", "canonical") or page.url
    page.id = _field(fields, "id", "slug")
    page.language = _field(fields, "language", "lang")
    return page


def parse_jsonl_line(raw: bytes) -> Page:
    """One .jsonl line: an object with `text` (required) and optional id, title,
    published, url, publisher."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise MarkupError("not UTF-8") from None
    except json.JSONDecodeError as error:
        raise MarkupError(f"invalid JSON: {error.msg} (column {error.colno})") from None
    if not isinstance(data, dict):
        raise MarkupError(f"expected a JSON object, got {type(data).__name__}")
    fields = {str(key).lower(): value for key, value in data.items()}
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        raise MarkupError("missing 'text' (a non-empty string)")
    title = fields.get("title")
    if title is not None and not isinstance(title, str):
        raise MarkupError("'title' must be a string")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _with_fields(parse_plain(text, title=title or None), fields)


# --- Markdown -------------------------------------------------------------------------

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
