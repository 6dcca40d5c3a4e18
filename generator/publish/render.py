"""Safe building blocks for generated pages, written as HTML: record text is untrusted.

The plugin hands these pages to MkDocs as finished HTML (no Markdown pass), so the only
syntax record text could form is HTML's. Every field goes through ``text()`` before it
reaches a page: it collapses whitespace and encodes ``& < > " '`` (and ``{ }``, so that no
template engine downstream can read a field as an expression). The result is inert in
element content and in quoted attribute values, while browsers and the search index read
the original characters back.

URLs are never taken from records except source URLs, which ``safe_url()`` limits to
http(s). Everything else that lands in an ``href`` is built by ``Urls`` from record ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import quote, urlsplit

from generator import edtf

_MARKUP = re.compile(r"[&<>\"'{}]")
# "&" first, so that the other entities are not encoded twice.
_ENTITIES = (
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("'", "&#39;"),
    ("{", "&#123;"),
    ("}", "&#125;"),
)


def text(value: object) -> str:
    """Untrusted text as inert HTML: one line, markup characters encoded."""
    if value is None:
        return ""
    # split/join collapses and strips every kind of whitespace, faster than a regex;
    # most text has no markup character, and a search finds that in one pass.
    line = " ".join(str(value).split())
    if _MARKUP.search(line) is None:
        return line
    for char, entity in _ENTITIES:
        line = line.replace(char, entity)
    return line


@lru_cache(maxsize=65536)
def date_label(date: str, end: str | None = None) -> str:
    """A record's date as a reader sees it (``edtf.format_date``), computed once per date:
    thousands of pages show the same dates."""
    return edtf.format_date(date, end)


def title_text(value: object) -> str:
    """Text for a page title.

    MkDocs themes print the title through Jinja's ``striptags``, which decodes character
    references again; angle brackets are swapped for look-alikes so that the decoded title
    can never form a tag in ``<title>``.
    """
    return text(str(value or "").replace("<", "\u2039").replace(">", "\u203a"))


def safe_url(url: object) -> str | None:
    """An http(s) URL fit for an href attribute, or None for anything else."""
    if not url:
        return None
    candidate = str(url).strip()
    if any(ord(char) < 0x20 or char.isspace() for char in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(candidate, safe=":/?#[]@!$&()*+,;=%~-._")


def lang_attr(language: str | None) -> str:
    """`` lang="de"`` for text in another language than the page's (``""`` for none):
    screen readers then read it with the right voice, browsers hyphenate and quote it
    right. The code comes from a record, so it is escaped like any article text."""
    return f' lang="{text(language)}"' if language else ""


def link(label: object, href: str, *, lang: str | None = None) -> str:
    """A link with untrusted label text to a page of ours (``href`` comes from ``Urls``);
    ``lang``: the label's language where it is not the site's."""
    return f'<a href="{text(href)}"{lang_attr(lang)}>{text(label)}</a>'


def external_link(url: str, label: object) -> str:
    """A link to an already checked http(s) URL."""
    return f'<a href="{text(url)}" rel="nofollow noopener">{text(label)}</a>'


def plural(count: int, noun: str) -> str:
    """'1 source', '2 sources'."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def joined(items: Iterable[str], empty: str = "—") -> str:
    """Comma-joined already-safe items, or a dash."""
    listed = list(items)
    return ", ".join(listed) if listed else empty


def bullets(items: Iterable[str], empty: str = "") -> str:
    """An unordered list of already-safe items; ``empty`` (a paragraph) when there are none."""
    body = "".join(f"<li>{item}</li>" for item in items)
    return f"<ul>{body}</ul>" if body else (f"<p>{empty}</p>" if empty else "")


def numbered(items: Iterable[str]) -> str:
    """An ordered list of already-safe items."""
    return "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"


def table(header: list[str], rows: Iterable[list[str]]) -> str:
    """A table from already-safe cells."""
    head = "".join(f"<th>{cell}</th>" for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def admonition(kind: str, title: str, paragraphs: Iterable[str]) -> str:
    """A Material admonition; ``kind`` and ``title`` are ours, ``paragraphs`` already safe."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return f'<div class="admonition {kind}"><p class="admonition-title">{title}</p>{body}</div>'
