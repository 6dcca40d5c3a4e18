"""Text that went through a tokenizer before it reached us, put back as it was written.

Corpora and scrapers sometimes hand over Penn Treebank tokens: brackets as -LRB- and
-RRB-, quotes as `` and '', and spaces around punctuation ("Reuters -RRB- - Fears rose ,
traders said ."). Left as they are, they end up in names ("Reuters -RRB- - Fears"),
titles and quotes.
"""

from __future__ import annotations

import re

__all__ = ["restore_text"]

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


def restore_text(text: str) -> str:
    """text with treebank escapes and tokenised spacing undone; text that shows no sign of
    tokenisation is returned unchanged."""
    if not _TOKENIZED.search(text):
        return text
    text = _ESCAPE.sub(lambda m: _ESCAPES[m.group(0)], text)
    text = _QUOTES.sub('"', text)
    text = _BEFORE.sub(r"\1", text)
    return _AFTER.sub(r"\1", text)
