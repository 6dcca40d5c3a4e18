"""Ingest: a folder of articles (.txt .md .html .jsonl) -> clean `Article` objects.

Each article gets its text without page furniture (see `generator.furniture`), a title,
a publisher, a dateline and a publication date with how it was found and how sure we
are (see `generator.ingest_dates`). Pure Python and fast: no NLP here.

Files that cannot be read are skipped with a warning naming the file and the reason;
one bad file never stops a run.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import logging
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from generator import furniture
from generator.furniture import MarkupError, Page, parse_html
from generator.ingest_dates import (
    DateGuess,
    classify_date_line,
    infer_published,
    match_dateline,
    parse_input_date,
)

__all__ = [
    "SUFFIXES",
    "Article",
    "ArticleError",
    "UndecodableError",
    "decode_bytes",
    "read_article_file",
    "read_articles",
    "resolve_years",
]

log = logging.getLogger(__name__)

SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".jsonl"})
MAX_BYTES = 64 * 1024 * 1024

_CONFIDENCE = {"input": 1.0, "header": 1.0, "date-line": 0.9, "dateline": 0.9, "bare": 0.85}
_SURE = 0.7  # articles dated at least this surely anchor resolve_years


@dataclass(frozen=True)
class Article:
    """One article as the later stages see it."""

    id: str
    file: str
    sha256: str
    title: str
    text: str
    published: str | None
    published_how: str
    published_confidence: float
    published_candidates: tuple[str, ...]
    publisher: str | None
    dateline: str | None
    url: str | None


class ArticleError(Exception):
    """A file (or jsonl line) that cannot be read; the message names it and says why."""


class UndecodableError(ArticleError, ValueError):
    """Bytes that are not text (binary) or not in their declared encoding. Raised by
    `decode_bytes`, which does not know the file name: callers add it."""


# --- decoding ---------------------------------------------------------------------------

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_CYRILLIC_WORD_RE = re.compile(r"\b[а-яёА-ЯЁ]{2,}\b")
_MIXED_SCRIPT_RE = re.compile(r"[a-zA-Z][а-яёА-ЯЁ]|[а-яёА-ЯЁ][a-zA-Z]")
_CYRILLIC_LOWER_RE = re.compile(r"[а-яё]")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _decode_8bit(data: bytes) -> str:
    """Windows-1251/KOI8-R when the bytes read as Cyrillic words, else Windows-1252/Latin-1.
    Western text read as cp1251 gives Cyrillic letters inside Latin words; Russian gives
    whole Cyrillic words. KOI8-R read as cp1251 is mostly capitals, so case decides."""
    sample = data[:65536]
    as_1251 = sample.decode("cp1251", errors="replace")
    words = len(_CYRILLIC_WORD_RE.findall(as_1251))
    if words and words > 2 * len(_MIXED_SCRIPT_RE.findall(as_1251)):
        as_koi8 = sample.decode("koi8_r", errors="replace")
        koi8_lower = len(_CYRILLIC_LOWER_RE.findall(as_koi8)) / max(1, len(as_koi8))
        cp1251_lower = len(_CYRILLIC_LOWER_RE.findall(as_1251)) / max(1, len(as_1251))
        return data.decode("koi8_r" if koi8_lower > cp1251_lower else "cp1251", errors="replace")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: in text of one script the high bytes take two
    values, NUL (spaces, digits, punctuation) and the script's block (0x04 for Cyrillic)."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    for encoding, high, low in (("utf-16-le", sample[1::2], sample[0::2]),
                                ("utf-16-be", sample[0::2], sample[1::2])):
        common = Counter(high).most_common(2)
        if (
            0 in dict(common)
            and sum(n for _, n in common) >= 0.95 * len(high)
            and low.count(0) < 0.05 * len(low)
        ):
            return encoding
    return None


def _decode_text(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise UndecodableError(f"not valid {encoding} after its byte-order mark") from None
    if b"\x00" in data:
        utf16 = _sniff_utf16(data)
        try:
            if utf16:
                return data.decode(utf16)
        except UnicodeDecodeError:
            pass
        raise UndecodableError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        lenient = data.decode("utf-8", errors="replace")
    # UTF-8 with a few broken bytes (a truncated download) stays UTF-8.
    bad = lenient.count("\ufffd")
    return lenient if len(_NON_ASCII_RE.findall(lenient)) >= 11 * bad else _decode_8bit(data)


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes to text: byte-order mark, else strict UTF-8, else UTF-8 with
    a few bad bytes, else a Cyrillic (cp1251/KOI8-R) vs Western (cp1252/Latin-1) guess.

    Newlines are normalized (CRLF and CR -> LF) and a BOM is dropped, so offsets into the
    returned text are offsets into this normalized text, not into the bytes.
    Raises UndecodableError (an ArticleError and a ValueError) for binary data (NUL or
    control bytes) or text that contradicts its byte-order mark.
    """
    text = _decode_text(data)
    sample = text[:65536]
    if sample and len(_CONTROL_RE.findall(sample)) > 0.01 * len(sample):
        raise UndecodableError("binary file (control characters)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- from text to an article ---------------------------------------------------------------

# ' date 2021-01-18 Title' (a scraper's header line: the title may follow on the line)
_HEADER_RE = re.compile(
    r"^\s*date\s*[:=]?\s*(?P<date>(?:19|20)\d\d-[01]\d-[0-3]\d)(?:[T ][\d:.]+Z?)?"
    r"(?:\s+|$)(?P<rest>.*)$",
    re.IGNORECASE,
)
_ENDS_WITH_PERIOD_RE = re.compile(r"\.[\"'”’»)]*$")


def _is_title_line(line: str) -> bool:
    words = line.split()
    if not words or len(words) > 30 or len(line) > 250 or furniture.is_bullet(line):
        return False
    return not (_ENDS_WITH_PERIOD_RE.search(line) and len(words) > 8)


def _title_from_text(text: str) -> str:
    """First words of the text when an article has no headline."""
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    clause = sentence.split(", ")[0]
    words = (clause if len(clause.split()) >= 6 else sentence).split()
    title = " ".join(words[:20]).rstrip(".,;:")
    return title + ("…" if len(words) > 20 else "")


def parse_plain(text: str, *, title: str | None = None) -> Page:
    """Plain text: an optional ' date 2021-01-18 Title' header line, the headline as the
    first line unless that is a date line or a paragraph, then the body."""
    lines = text.split("\n")
    header_date = None
    nonempty = [i for i, line in enumerate(lines) if line.strip()]
    if nonempty:
        header = _HEADER_RE.match(lines[nonempty[0]])
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
    return Page(paragraphs, title=title, header_date=header_date)


def parse_markdown(text: str) -> Page:
    """Markdown with optional YAML front matter (title, date/published, publisher, url, id)."""
    fields, body = furniture.split_front_matter(text)
    plain, heading = furniture.markdown_to_text(body)
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


def _date_from_evidence(
    page: Page, cleaned: furniture.Cleaned, dateline_date: dt.date | None
) -> DateGuess | None:
    """The strongest explicit date: input field, header, labelled date line, dateline with
    a year, bare date line."""
    lines = cleaned.date_lines
    found = [
        (page.published, page.published_how),
        (page.header_date, "header"),
        *((date.isoformat(), "date-line") for kind, date in lines if kind == "published"),
        (dateline_date.isoformat() if dateline_date else None, "dateline"),
        *((date.isoformat(), "bare") for kind, date in lines if kind == "bare"),
    ]
    for iso, how in found:
        if iso:
            return DateGuess(iso, "date-line" if how == "bare" else how, _CONFIDENCE[how], (iso,))
    return None


def _build(parsed: Page, *, id: str, file: str, sha256: str, today: dt.date) -> Article:
    paragraphs = list(parsed.paragraphs)
    dateline = None
    for index, paragraph in enumerate(paragraphs[:6]):
        dateline = match_dateline(paragraph)
        if dateline is not None:
            paragraphs[index] = paragraph[dateline.end :]
            break
    cleaned = furniture.clean(paragraphs)
    if not cleaned.paragraphs:
        raise ArticleError("no article text found")
    text = "\n\n".join(cleaned.paragraphs)
    guess = _date_from_evidence(parsed, cleaned, dateline.date if dateline else None)
    if guess is None:
        lead = next((p for p in cleaned.paragraphs if furniture.is_sentence(p)), "")
        guess = infer_published(text, lead=lead, dateline=dateline, today=today)
    publisher = parsed.publisher or (dateline.publisher if dateline else None)
    publisher = publisher or next(iter(cleaned.publishers), None)
    title = furniture.normalize_space(parsed.title or "") or _title_from_text(text)
    return Article(
        id=id,
        file=file,
        sha256=sha256,
        title=title,
        text=text,
        published=guess.published,
        published_how=guess.how,
        published_confidence=guess.confidence,
        published_candidates=guess.candidates,
        publisher=publisher,
        dateline=dateline.place if dateline else None,
        url=parsed.url,
    )


# --- files -------------------------------------------------------------------------------------


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", folded.lower()))[:80].strip("-") or "article"


def _relative(path: Path, root: Path) -> str:
    if path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    if path.resolve().is_relative_to(root.resolve()):
        return path.resolve().relative_to(root.resolve()).as_posix()
    return path.as_posix()


def _default_warn(message: str) -> None:
    log.warning(message)


def read_article_file(
    path: Path,
    *,
    root: Path,
    warn: Callable[[str], None] = _default_warn,
    today: dt.date | None = None,
) -> list[Article]:
    """The articles of one file (a .jsonl file gives one per line).

    Raises ArticleError naming the file when it cannot be read at all; a bad .jsonl line
    is reported through `warn` as 'file.jsonl:7: reason' and skipped. `today` (default:
    the current date) bounds year-less dates.
    """
    today = today or dt.date.today()
    file = _relative(path, root)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(f"{file}: too large ({size} bytes, limit {MAX_BYTES})")
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(f"{file}: cannot read: {error.strerror or error}") from None
    if not data.strip():
        raise ArticleError(f"{file}: empty file")
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return _read_jsonl(data, file=file, stem=_slug(path.stem), warn=warn, today=today)
    try:
        text = decode_bytes(data)
    except ValueError as error:
        raise ArticleError(f"{file}: {error}") from None
    if not text.strip():
        raise ArticleError(f"{file}: empty file")
    try:
        if suffix in (".html", ".htm"):
            parsed = parse_html(text)
        elif suffix in (".md", ".markdown"):
            parsed = parse_markdown(text)
        else:
            parsed = parse_plain(text)
        article = _build(
            parsed,
            id=_slug(parsed.id) if parsed.id else _slug(path.stem),
            file=file,
            sha256=hashlib.sha256(data).hexdigest(),
            today=today,
        )
    except (ArticleError, MarkupError) as error:
        raise ArticleError(f"{file}: {error}") from None
    return [article]


def _read_jsonl(
    data: bytes, *, file: str, stem: str, warn: Callable[[str], None], today: dt.date
) -> list[Article]:
    articles: list[Article] = []
    taken: set[str] = set()
    lines = data.split(b"\n")
    for number, raw in enumerate(lines, start=1):
        raw = raw.rstrip(b"\r")
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if not raw.strip():
            continue
        try:
            parsed = parse_jsonl_line(raw)
            article = _build(
                parsed,
                id=_slug(parsed.id) if parsed.id else f"{stem}-{number}",
                file=f"{file}#{number}",
                sha256=hashlib.sha256(raw).hexdigest(),
                today=today,
            )
        except (ArticleError, MarkupError) as error:
            warn(f"{file}:{number}: {error}")
            continue
        articles.append(replace(article, id=_unique(article.id, taken)))
    if not articles:
        raise ArticleError(f"{file}: no readable article in {len(lines)} line(s)")
    return articles


def _unique(slug: str, taken: set[str]) -> str:
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    taken.add(candidate)
    return candidate


def read_articles(
    root: Path,
    *,
    warn: Callable[[str], None] = _default_warn,
    today: dt.date | None = None,
) -> list[Article]:
    """Every article under root (recursive; .txt .md .markdown .html .htm .jsonl; hidden
    files and folders ignored; sorted by path for determinism).

    Unreadable, empty or binary files are skipped with warn('path: reason') and the run
    goes on. Ids are unique within the run (-2, -3 ... on a clash). Year-ambiguous dates
    are left as found: call `resolve_years` on the result for the corpus-level pass.
    Raises ArticleError when root is not a folder.
    """
    root = Path(root)
    if not root.is_dir():
        raise ArticleError(f"{root}: not a folder")
    paths = sorted(
        (
            path
            for path in root.rglob("*")
            if path.suffix.lower() in SUFFIXES
            and not any(part.startswith(".") for part in path.relative_to(root).parts)
            and path.is_file()
        ),
        key=lambda path: path.relative_to(root).as_posix(),
    )
    articles: list[Article] = []
    taken: set[str] = set()
    for path in paths:
        try:
            found = read_article_file(path, root=root, warn=warn, today=today)
        except ArticleError as error:
            warn(str(error))
            continue
        articles.extend(replace(a, id=_unique(a.id, taken)) for a in found)
    return articles


def resolve_years(articles: list[Article], *, today: dt.date | None = None) -> list[Article]:
    """Corpus-level pass: for articles whose year is ambiguous (published_candidates with
    several years), pick the candidate nearest to the median publication date of the
    confidently dated articles; with none, the most recent candidate not after today.
    The chosen date moves to the front of published_candidates; order is preserved."""
    today = today or dt.date.today()

    def ambiguous(article: Article) -> bool:
        return len({c[:4] for c in article.published_candidates}) > 1

    anchors = [
        dt.date.fromisoformat(a.published).toordinal()
        for a in articles
        if a.published and not ambiguous(a) and a.published_confidence >= _SURE
    ]
    median = statistics.median_low(anchors) if anchors else None
    result = []
    for article in articles:
        if not ambiguous(article):
            result.append(article)
            continue
        dates = [dt.date.fromisoformat(c) for c in article.published_candidates]
        if median is not None:
            chosen = min(dates, key=lambda d: abs(d.toordinal() - median))
        else:
            chosen = max((d for d in dates if d <= today), default=dates[0])
        iso = chosen.isoformat()
        candidates = (iso, *(c for c in article.published_candidates if c != iso))
        result.append(replace(article, published=iso, published_candidates=candidates))
    return result
