"""Stable, readable ids for records."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def _ascii(text: str) -> str:
    """Accents folded; letters of other scripts transliterated ('Путин' -> 'Putin',
    'بوتين' -> 'bwtyn'); Latin letters with no ASCII form dropped, as they always were, so
    that the ids of records in Latin script do not change."""
    from anyascii import anyascii

    out = []
    for char in unicodedata.normalize("NFKD", text):
        if char.isascii():
            out.append(char)
        elif char.isalpha() and not unicodedata.name(char, "").startswith("LATIN"):
            out.append(anyascii(char))
    return "".join(out)


def slugify(
    text: str, *, max_words: int | None = 8, max_chars: int | None = None, fallback: str = "x"
) -> str:
    """'Sergey Lavrov' -> 'sergey-lavrov'; accents folded, at most max_words words and
    max_chars characters (None: no limit); fallback when nothing is left."""
    folded = _ascii(text)
    words = [w for w in _NON_WORD.split(folded.lower()) if w]
    slug = "-".join(words[:max_words])
    if max_chars is not None:
        slug = slug[:max_chars].strip("-")
    return slug or fallback


def unique(slug: str, taken: set[str]) -> str:
    """slug, or slug-2, slug-3 ... whichever is not taken yet; records it as taken."""
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    taken.add(candidate)
    return candidate
