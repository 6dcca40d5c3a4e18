"""Ingest: a folder of articles (.txt .md .html .jsonl) -> clean `Article` objects.

Each article gets its text without page furniture (see `generator.ingest.furniture`), a title,
a publisher, a dateline and a publication date with how it was found and how sure we
are (see `generator.ingest.published`). Pure Python and fast: no NLP here. Bytes become text
in `generator.ingest.decoding`; each format becomes a `Page` in `generator.ingest.formats`
(HTML in `generator.ingest.html`); this module turns pages into articles and walks folders.

Files that cannot be read are skipped with a warning naming the file and the reason;
one bad file never stops a run.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import logging
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import ArticleError, MarkupError, UndecodableError, one_line
from generator.ingest import furniture
from generator.ingest.decoding import decode_bytes
from generator.ingest.formats import Page, parse_jsonl_line, parse_markdown, parse_plain
from generator.ingest.html import parse_html
from generator.ingest.hygiene import restore_text, split_glued_date
from generator.ingest.inference import DateGuess, infer_published
from generator.ingest.language import with_language
from generator.ingest.published import match_dateline, url_date
from generator.model import Article
from generator.slugs import slugify, unique

if TYPE_CHECKING:
    from generator.cache.articles import ArticleMemo

__all__ = [
    "SUFFIXES",
    "Article",
    "ArticleError",
    "FileReading",
    "UndecodableError",
    "decode_bytes",
    "read_article_file",
    "read_articles",
    "resolve_years",
]

log = logging.getLogger(__name__)

# The reader of each kind of file, by extension (as Pelican's readers): text in, a Page out.
# A .jsonl file holds many articles, one per line, and is read line by line instead.
READERS: dict[str, Callable[[str], Page]] = {
    ".txt": parse_plain,
    ".md": parse_markdown,
    ".markdown": parse_markdown,
    ".html": parse_html,
    ".htm": parse_html,
}
SUFFIXES = frozenset({*READERS, ".jsonl"})
MAX_BYTES = 64 * 1024 * 1024

_CONFIDENCE = {
    "input": 1.0,
    "header": 1.0,
    "date-line": 0.9,
    "dateline": 0.9,
    "bare": 0.85,
    "url": 0.8,
    "modified": 0.8,
}
_SURE = 0.7  # articles dated at least this surely anchor resolve_years


# --- from a page to an article -------------------------------------------------------------


def _title_from_text(text: str) -> str:
    """First words of the text when an article has no headline."""
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    clause = sentence.split(", ")[0]
    words = (clause if len(clause.split()) >= 6 else sentence).split()
    title = " ".join(words[:20]).rstrip(".,;:")
    return title + ("…" if len(words) > 20 else "")


def _date_from_evidence(
    page: Page, cleaned: furniture.Cleaned, dateline_date: dt.date | None
) -> DateGuess | None:
    """The strongest explicit date: input field, header, labelled date line, dateline with
    a year, bare date line, a date in the page's URL, and last an "Updated" line (the
    page as it is was published then)."""
    lines = cleaned.date_lines
    from_url = url_date(page.url)
    found = [
        (page.published, page.published_how),
        (page.header_date, "header"),
        *((date.isoformat(), "date-line") for kind, date in lines if kind == "published"),
        (dateline_date.isoformat() if dateline_date else None, "dateline"),
        *((date.isoformat(), "bare") for kind, date in lines if kind == "bare"),
        (from_url.isoformat() if from_url else None, "url"),
        *((date.isoformat(), "modified") for kind, date in lines if kind == "modified"),
    ]
    for iso, how in found:
        if iso:
            name = "date-line" if how in ("bare", "modified") else how
            return DateGuess(iso, name, _CONFIDENCE[how], (iso,))
    return None


def _build(parsed: Page, *, id: str, file: str, sha256: str) -> Article:
    """The article of a page (its text, title, publisher and publication date)."""
    paragraphs = [restore_text(paragraph) for paragraph in parsed.paragraphs]
    paragraphs = [*(p for head in paragraphs[:6] for p in split_glued_date(head)), *paragraphs[6:]]
    dateline = None
    for index, paragraph in enumerate(paragraphs[:6]):
        dateline = match_dateline(paragraph)
        if dateline is not None:
            paragraphs[index] = paragraph[dateline.end :]
            break
    cleaned = furniture.clean(paragraphs)
    text = "\n\n".join(cleaned.paragraphs)
    if not any(character.isalnum() for character in text):
        raise ArticleError("no article text found")  # nothing but punctuation tells nothing
    guess = _date_from_evidence(parsed, cleaned, dateline.date if dateline else None)
    if guess is None:
        lead = next(
            (
                p
                for p in cleaned.paragraphs
                if furniture.is_sentence(p) and not furniture.is_caption(p)
            ),
            "",
        )
        captured = min((d for kind, d in cleaned.date_lines if kind == "captured"), default=None)
        guess = infer_published(
            text, lead=lead, dateline=dateline, captured=captured, stamps=cleaned.stamps
        )
    published = guess.published
    if published is None and len(guess.candidates) == 1:
        published = guess.candidates[0]
    anchor = guess.anchor
    if published is None and parsed.header_month:
        # a month header: the article was written in that month, on its first day at
        # the earliest; its year-less dates take that year
        anchor = max(anchor or "", f"{parsed.header_month}-01")
    publisher = parsed.publisher or (dateline.publisher if dateline else None)
    publisher = publisher or next(iter(cleaned.publishers), None)
    title = furniture.normalize_space(parsed.title or "") or _title_from_text(text)
    article = Article(
        id=id,
        file=file,
        sha256=sha256,
        title=title,
        text=text,
        published=published,
        published_how=guess.how,
        published_confidence=guess.confidence,
        published_candidates=guess.candidates,
        publisher=publisher,
        dateline=dateline.place or None if dateline else None,
        url=parsed.url,
        anchor=anchor,
        month=parsed.header_month if published is None else None,
    )
    return with_language(article, parsed)


# --- files -------------------------------------------------------------------------------------


def _slug(text: str) -> str:
    return slugify(text, max_words=None, max_chars=80, fallback="article")


def _relative(path: Path, root: Path) -> str:
    if path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    if path.resolve().is_relative_to(root.resolve()):
        return path.resolve().relative_to(root.resolve()).as_posix()
    return path.as_posix()


def _default_warn(message: str) -> None:
    log.warning(message)


@dataclass(frozen=True)
class FileReading:
    """The articles of one file (ids unique within the file, not yet within the run)."""

    articles: list[Article]


def read_article_file(
    path: Path,
    *,
    root: Path,
    warn: Callable[[str], None] = _default_warn,
) -> list[Article]:
    """The articles of one file (a .jsonl file gives one per line).

    Raises ArticleError naming the file when it cannot be read at all; a bad .jsonl line
    is reported through `warn` as 'file.jsonl:7: reason' and skipped. Nothing depends on
    the day it runs: a date the file does not give stays unknown.
    """
    file = _relative(path, root)
    data = _file_bytes(path, file)
    return parse_article_file(data, path=path, file=file, warn=warn).articles


def _file_bytes(path: Path, file: str) -> bytes:
    """The bytes of an article file; ArticleError when it cannot be read or is too large."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(f"{file}: too large ({size} bytes, limit {MAX_BYTES})")
        return path.read_bytes()
    except OSError as error:
        raise ArticleError(f"{file}: cannot read: {error.strerror or error}") from None


def parse_article_file(
    data: bytes,
    *,
    path: Path,
    file: str,
    warn: Callable[[str], None] = _default_warn,
) -> FileReading:
    """The articles in data, the bytes of the file at path, named file in messages and records.

    A pure function of data, the name of path and file; path itself is not read. Warns
    and raises ArticleError as `read_article_file` does.
    """
    if not data.strip():
        raise ArticleError(f"{file}: empty file")
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return _read_jsonl(data, file=file, stem=_slug(path.stem), warn=warn)
    try:
        text = decode_bytes(data)
    except ValueError as error:
        raise ArticleError(f"{file}: {error}") from None
    if not text.strip():
        raise ArticleError(f"{file}: empty file")
    try:
        parsed = READERS.get(suffix, parse_plain)(text)
        article = _build(
            parsed,
            id=_slug(parsed.id) if parsed.id else _slug(path.stem),
            file=file,
            sha256=hashlib.sha256(data).hexdigest(),
        )
    except (ArticleError, MarkupError) as error:
        raise ArticleError(f"{file}: {error}") from None
    return FileReading([article])


def _read_jsonl(data: bytes, *, file: str, stem: str, warn: Callable[[str], None]) -> FileReading:
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
            )
        except (ArticleError, MarkupError) as error:
            warn(f"{file}:{number}: {error}")
            continue
        except Exception as error:  # noqa: BLE001 - a bug on one line never stops a run
            warn(f"{file}:{number}: skipped: {one_line(error)}")
            continue
        articles.append(replace(article, id=unique(article.id, taken)))
    if not articles:
        raise ArticleError(f"{file}: no readable article in {len(lines)} line(s)")
    return FileReading(articles)


def read_articles(
    root: Path,
    *,
    warn: Callable[[str], None] = _default_warn,
    memo: ArticleMemo | None = None,
) -> list[Article]:
    """Every article under root (recursive; .txt .md .markdown .html .htm .jsonl; hidden
    files and folders ignored; sorted by path for determinism).

    Unreadable, empty or binary files are skipped with warn('path: reason') and the run
    goes on; so is a file whose reading raises any other exception. warn is called for
    nothing else. Ids are unique within the run (-2, -3 ... on a clash). Year-ambiguous dates
    are left as found: call `resolve_years` on the result for the corpus-level pass.
    With a memo, a file read before with the same bytes is not parsed again.
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
            found = _read_file(path, root=root, warn=warn, memo=memo)
        except ArticleError as error:
            warn(str(error))
            continue
        except Exception as error:  # noqa: BLE001 - a bug on one file never stops a run
            warn(f"{_relative(path, root)}: skipped: {one_line(error)}")
            continue
        articles.extend(replace(a, id=unique(a.id, taken)) for a in found)
    return articles


def _read_file(
    path: Path,
    *,
    root: Path,
    warn: Callable[[str], None],
    memo: ArticleMemo | None,
) -> list[Article]:
    file = _relative(path, root)
    data = _file_bytes(path, file)

    def parse(warn: Callable[[str], None]) -> FileReading:
        return parse_article_file(data, path=path, file=file, warn=warn)

    if memo is None:
        return parse(warn).articles
    return memo.read(data, (file, path.name), parse, warn=warn)


def resolve_years(articles: list[Article]) -> list[Article]:
    """Corpus-level pass: for articles whose year is ambiguous (published_candidates with
    several years: a year-less dateline or weekday date that nothing in the text bounds),
    pick the candidate nearest to the median publication date of the confidently dated
    articles. With no such article the date stays unknown: the clock is never asked.
    The chosen date moves to the front of published_candidates; order is preserved."""

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
        if median is None:
            result.append(replace(article, published=None, published_how="unknown"))
            continue
        dates = [dt.date.fromisoformat(c) for c in article.published_candidates]
        chosen = min(dates, key=lambda d: abs(d.toordinal() - median))
        iso = chosen.isoformat()
        candidates = (iso, *(c for c in article.published_candidates if c != iso))
        result.append(replace(article, published=iso, published_candidates=candidates))
    return result
