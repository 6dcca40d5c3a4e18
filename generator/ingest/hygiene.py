"""Text that went through a tokenizer before it reached us, put back as it was written.

Corpora and scrapers sometimes hand over Penn Treebank tokens: brackets as -LRB- and
-RRB-, quotes as `` and '', and spaces around punctuation ("Reuters -RRB- - Fears rose ,
traders said ."). Left as they are, they end up in names ("Reuters -RRB- - Fears"),
titles and quotes.

Scrapers also join a paragraph to the next without a space ("gained 1.5%.Market Pulse
Stories are ...", "in Fort Pierce on Thursday.John Falchetto / AFP"): a sentence's end
glued to a capitalised word is given its space back, so the two are two sentences.
"""

from __future__ import annotations

import re

from generator.ingest.published import DAY, MON, YEAR

__all__ = ["restore_text", "split_glued_date"]

_ESCAPES = {
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
    "-lrb-": "(",
    "-rrb-": ")",
}
_ESCAPE = re.compile("|".join(re.escape(key) for key in _ESCAPES))
_QUOTES = re.compile(r"``\s*|\s*''")
# Spaces a tokenizer put before closing punctuation or after opening brackets.
_BEFORE = re.compile(r"\s+([,.;:!?%)\]}]|n't\b|'s\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)")
_AFTER = re.compile(r"([(\[{$])\s+")
_TOKENIZED = re.compile(r"\s[,.;:](?:\s|$)|-[LR][RSC]B-|``|\s''|\sn't\b")


# A sentence's end (after a lower-case letter, a per cent sign, a bracket or a quote)
# glued to a capitalised word of three letters or more; not "U.S.", "Ph.D." nor "p.m.".
_JOINED = re.compile(r"(?<=[a-z%)\]\"”’])([.!?])(?=[A-Z][a-z]{2,})")


def restore_text(text: str) -> str:
    """text with treebank escapes and tokenised spacing undone, and sentences a scraper
    glued together separated; text that shows no sign of either is returned unchanged."""
    text = _JOINED.sub(r"\1 ", text)
    if not _TOKENIZED.search(text):
        return text
    text = _ESCAPE.sub(lambda m: _ESCAPES[m.group(0)], text)
    text = _QUOTES.sub('"', text)
    text = _BEFORE.sub(r"\1", text)
    return _AFTER.sub(r"\1", text)


# A page's date a scraper glued to the first word after it: "May 18, 2024An operation"
# (the month, day and year as date lines write them, ``ingest.published``).
_GLUED_DATE = re.compile(
    rf"^\s*((?:{MON}\s+{DAY},\s+|{DAY.replace('<day>', '<day2>')}\s+"
    rf"{MON.replace('<mon>', '<mon2>')}\s+){YEAR})(?=[A-Z][a-z])"
)


def split_glued_date(paragraph: str) -> list[str]:
    """The paragraph as a date line and the text after it when a scraper glued the page's
    date to the first word ("May 18, 2024An operation ..."); else the paragraph alone."""
    match = _GLUED_DATE.match(paragraph)
    if match is None:
        return [paragraph]
    return [match.group(1), paragraph[match.end() :]]
