"""Stable, readable ids for records."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str, *, max_words: int = 8) -> str:
    """'Sergey Lavrov' -> 'sergey-lavrov'; accents folded, at most max_words words."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = [w for w in _NON_WORD.split(folded.lower()) if w]
    return "-".join(words[:max_words]) or "x"


def unique(slug: str, taken: set[str]) -> str:
    """slug, or slug-2, slug-3 ... whichever is not taken yet; records it as taken."""
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    taken.add(candidate)
    return candidate
