"""The text of a parsed article, read once, and its headline.

spaCy rebuilds ``Doc.text`` from its tokens on every access, which costs as much as the
whole document each time; the mention finder reads it for every sentence and date. The
headline is not part of the text; the pipeline keeps it with the Doc.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy loads only when articles are analysed
    from spacy.tokens import Doc, Span

_KEY = "chronology_text"
_HEADLINE = "chronology_headline"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return str(text)


def set_headline(doc: Doc, headline: str) -> None:
    """Keep the article's headline with its Doc."""
    doc.user_data[_HEADLINE] = headline


def headline(doc: Doc) -> str:
    """The headline of the article the Doc was made of ('' when unknown)."""
    return str(doc.user_data.get(_HEADLINE) or "")


def times_written(doc: Doc, names: Iterable[str]) -> Counter[str]:
    """How often the text writes each name as a whole word, whatever the tagger took it
    for there."""
    return times_in(doc_text(doc), names)


def times_in(text: str, names: Iterable[str]) -> Counter[str]:
    """How often a text writes each name as a whole word."""
    return Counter({name: len(re.findall(rf"\b{re.escape(name)}\b", text)) for name in names})


def window_start(sentence: Span, before: int) -> int:
    """The first token of the sentence ``before`` sentences before this one (of the Doc's
    first sentence when there are fewer)."""
    doc = sentence.doc
    start = sentence.start
    for _ in range(before):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return start
