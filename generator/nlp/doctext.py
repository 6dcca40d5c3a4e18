"""The text of a parsed article, read once.

spaCy rebuilds ``Doc.text`` from its tokens on every access, which costs as much as the
whole document each time; the mention finder reads it for every sentence and date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy loads only when articles are analysed
    from spacy.tokens import Doc

_KEY = "chronology_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return str(text)
