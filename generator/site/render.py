"""Safe building blocks for generated Markdown: record text is untrusted article text.

Every field goes through ``text()`` before it reaches a page. It collapses whitespace (so a
field can never start a Markdown block: heading, list, table, admonition, snippet include)
and turns every ASCII punctuation character into a numeric character reference. Python-
Markdown passes references through untouched, so no inline syntax of Markdown or of any
extension (links, emphasis, attribute lists ``{: onclick=...}``, ``{{ macros }}``, raw HTML)
can be formed from record text, while browsers and the search index read the same
characters back. The same output is safe inside an HTML block or element content.

URLs are never taken from records except source URLs, which ``safe_url()`` limits to
http(s).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

# Characters that are plain text everywhere: letters, digits, whitespace, non-ASCII.
_PLAIN = re.compile(r"[^\w\s\u0080-\U0010ffff]|_", re.UNICODE)
_SPACE = re.compile(r"\s+")
# Characters kept literal: harmless in Markdown and HTML text, and common in prose.
_KEEP = frozenset(",")


def _reference(match: re.Match[str]) -> str:
    char = match.group(0)
    return char if char in _KEEP else f"&#{ord(char)};"


def text(value: object) -> str:
    """Untrusted text as inert inline Markdown/HTML: one line, all punctuation encoded."""
    if value is None:
        return ""
    collapsed = _SPACE.sub(" ", str(value)).strip()
    return _PLAIN.sub(_reference, collapsed)


def title_text(value: object) -> str:
    """Text for a page's h1, which becomes the page title.

    MkDocs themes print the title through Jinja's ``striptags``, which decodes character
    references again; angle brackets are swapped for look-alikes so that decoded title
    can never form a tag in ``<title>``.
    """
    plain = str(value or "").replace("<", "\u2039").replace(">", "\u203a")
    return text(plain)


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


def attribute(value: str) -> str:
    """A value for a double-quoted HTML attribute."""
    return (
        value.replace("&", "&amp;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
    )


def external_link(url: str, label: object) -> str:
    """An inline HTML link to an already checked http(s) URL."""
    return f'<a href="{attribute(url)}" rel="nofollow noopener">{text(label)}</a>'


def link(label: object, href: str) -> str:
    """A Markdown link with untrusted label text to a generated page (href is ours)."""
    return f"[{text(label)}]({href})"


def plural(count: int, noun: str) -> str:
    """'1 source', '2 sources'."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def joined(items: Iterable[str], empty: str = "—") -> str:
    """Comma-joined already-safe items, or a dash."""
    listed = list(items)
    return ", ".join(listed) if listed else empty


def admonition(kind: str, title: str, paragraphs: Iterable[str]) -> str:
    """A Material admonition as an HTML block (needs no Markdown extension).

    ``kind`` and ``title`` are ours; ``paragraphs`` must already be safe (``text()``).
    """
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return f'<div class="admonition {kind}"><p class="admonition-title">{title}</p>{body}</div>'


def table(header: list[str], rows: Iterable[list[str]]) -> str:
    """A Markdown table from already-safe cells."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(cells) + " |" for cells in rows)
    return "\n".join(lines)
