"""Posts that a web page quotes whole: an embedded tweet or other social media post.

A page keeps such a post as its text, its links and its signature, the way the platforms
embed them::

    Chandrayaan-3 scripts a new chapter in India's space odyssey. ... I salute their
    spirit and ingenuity! https://t.co/gko6fnOUaK — Narendra Modi (@narendramodi) July 14, 2023

A post signed by a person (a name the entity recogniser reads as a person) is a statement
of that person on the day of its signature; what it says is its first sentence that tells
something in the third person ("I salute ..." says nothing a headline can repeat). A post
of an outlet or an account without a person's name ("— CNBC-TV18 (@CNBCTV18News)") is the
page's own reporting, not an event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.nlp.doctext import doc_text
from generator.timex.tagger import Timex

if TYPE_CHECKING:  # spaCy loads only when articles are analysed
    from spacy.tokens import Doc, Span

__all__ = ["Post", "find_posts"]

# "— Narendra Modi (@narendramodi) " right before the date that ends the post
_SIGNATURE = re.compile(r"[—–]\s*(?P<name>[^\s()@—–][^()\n@—–]{0,60}?)\s*\(@\w{1,30}\)\s*$")
_LINK = re.compile(r"https?://\S+|pic\.twitter\.com/\S+")


@dataclass(frozen=True)
class Post:
    """A post a page quotes: its sentences, its author and the date of its signature."""

    sentences: list[Span]
    author: str
    timex: Timex
    start: int  # where the post's text starts in the page
    end: int  # where its signature ends


def _signed(doc: Doc, timexes: list[Timex]) -> list[tuple[Timex, int, int, re.Match[str]]]:
    """Every post a page quotes: the date of its signature, where its text starts, where its
    links and signature start, and its signature."""
    text = doc_text(doc)
    found = []
    for timex in timexes:
        if not timex.edtf or len(timex.edtf) != 10:
            continue
        line_start = text.rfind("\n", 0, timex.start) + 1
        signature = _SIGNATURE.search(text, line_start, timex.start)
        if signature is None:
            continue
        link = _LINK.search(text, line_start, signature.start())
        found.append((timex, line_start, link.start() if link else signature.start(), signature))
    return found


def find_posts(doc: Doc, timexes: list[Timex]) -> tuple[list[Post], frozenset[int]]:
    """The posts signed by a person in an analysed page, in text order, and the tokens of
    every quoted post's links and signature (whoever signed it): they say nothing of what
    happened."""
    posts = []
    unsaid: set[int] = set()
    for timex, line_start, end, signature in _signed(doc, timexes):
        unsaid.update(t.i for t in doc if end <= t.idx < signature.end())
        if not _person(doc, *signature.span("name")):
            continue
        sentences = [s for s in doc.sents if line_start <= s.start_char and s.end_char <= end + 1]
        if sentences:
            posts.append(Post(sentences, signature["name"].strip(), timex, line_start, timex.end))
    return posts, frozenset(unsaid)


def _person(doc: Doc, start: int, end: int) -> bool:
    """Whether the signature's name is a person's, as the entity recogniser reads it."""
    return any(
        e.label_ == "PERSON" and e.start_char <= start and end <= e.end_char + 1 for e in doc.ents
    )
