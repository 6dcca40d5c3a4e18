"""Which rules of the pattern table can match a text at all: one cheap pass per text.

Most of the tagger's time goes into running the ~30 rule regexes over every position of
a text; a rule whose key word occurs nowhere in the text cannot match and is skipped.
Every match of a rule contains one of the rule's ``KEYWORDS`` (case-insensitively; the
test suite checks this on every match it sees), so skipping a rule never changes what
the tagger finds: it is a speed-up only.

A rule found active runs only over windows of the text around its key words: the
characters within ``WINDOW`` of one. A match holds one of its rule's key words and is far
shorter than ``WINDOW`` (a temporal expression is a few words), so it lies inside its
key word's window with room around it for what the regex looks at before and after; and
windows that touch are merged, so that no match found in a full scan crosses a window's
edge. The matches are the same as a scan of the whole text, at about half the cost.

The check folds the text the way the regexes' ``(?i:...)`` groups compare letters: a
plain ``lower()`` plus the four non-ASCII letters that Python's case-insensitive
matching takes for ASCII ones (dotted and dotless i, long s, the Kelvin sign).
"""

from __future__ import annotations

import re

__all__ = ["DIGIT", "KEYWORDS", "WINDOW", "active_rules", "windows"]

DIGIT = r"\d"  # a key "word" that stands for any decimal digit (what the regexes' \d takes)
_DIGIT = re.compile(r"\d")
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Rule name -> words one of which every match of the rule contains.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "date_mdy": _MONTHS,
    "date_dmy": _MONTHS,
    "date_numeric": ("19", "20", "/"),
    "month_year": _MONTHS,
    "bare_month": _MONTHS,
    "year": ("16", "17", "18", "19", "20", "'"),
    "spelled_year": ("nineteen", "thousand"),
    "decade": ("0s",),
    "decade_word": ("ties",),
    "year_end": ("year",),
    "century": ("century",),
    "season": ("spring", "summer", "fall", "autumn", "winter"),
    "quarter": ("half", "quarter", "qtr"),
    "quarter_q": ("q1", "q2", "q3", "q4"),
    "period": ("quarter", "period", "year"),
    "year_ago": ("year", "period", "quarter"),
    "holiday": (
        "christmas",
        "boxing",
        "year",
        "halloween",
        "valentine",
        "independence",
        "fourth",
        "veteran",
        "thanksgiving",
        "labor",
        "memorial",
        "king",
        "president",
        "mother",
        "father",
        "election",
        "easter",
        "friday",
    ),
    "relative_day": (
        "yesterday",
        "today",
        "tomorrow",
        "tonight",
        "night",
        "morning",
        "afternoon",
        "evening",
    ),
    "weekday": _WEEKDAYS,
    "relative_unit": ("week", "month", "quarter", "year", "decade", "century"),
    "same_period": ("same", "corresponding", "comparable", "year"),
    "part_of_period": ("year", "month"),
    "ago": ("ago", "earlier", "later", "now", "hence", "before", "after"),
    "duration": (
        "second",
        "minute",
        "hour",
        "day",
        "night",
        "week",
        "fortnight",
        "month",
        "quarter",
        "year",
        "decade",
        "centur",
    ),
    "vague_duration": ("years", "decades", "months", "weeks", "days", "hours", "minutes"),
    "set": (
        "every",
        "each",
        "per",
        "annually",
        "yearly",
        "weekly",
        "daily",
        "monthly",
        "hourly",
        "nightly",
    ),
    "time": ("midnight", "noon", "midday", DIGIT),
    "part_of_day": ("morning", "afternoon", "evening"),
    "ref_word": (
        "now",
        "current",
        "presently",
        "day",
        "moment",
        "time",
        "recent",
        "past",
        "future",
        "term",
    ),
}


# How many characters around a key word its rule reads (see the module doc).
WINDOW = 150


def fold(text: str) -> str:
    """The text as the key words are looked up in (lower case, see the module doc)."""
    return text.translate(_FOLD).lower()


def has_keyword(folded: str, keywords: tuple[str, ...], *, digit: bool | None = None) -> bool:
    """Whether one of the key words occurs in an already folded text (``digit``: whether
    it has a digit, when already known)."""
    for word in keywords:
        if word == DIGIT:
            if digit is None:
                digit = bool(_DIGIT.search(folded))
            if digit:
                return True
        elif word in folded:
            return True
    return False


def active_rules(text: str, names: list[str], folded: str | None = None) -> list[int]:
    """Indexes of the rules (by name, in table order) that may match somewhere in text
    (``folded``: ``fold(text)``, when the caller has it)."""
    folded = fold(text) if folded is None else folded
    digit = bool(_DIGIT.search(folded))
    seen: dict[tuple[str, ...], bool] = {}
    out = []
    for index, name in enumerate(names):
        keywords = KEYWORDS[name]
        if keywords not in seen:
            seen[keywords] = has_keyword(folded, keywords, digit=digit)
        if seen[keywords]:
            out.append(index)
    return out


def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(r"\d" if k == DIGIT else re.escape(k) for k in keywords))


_KEYWORD_PATTERNS = {name: _keyword_pattern(words) for name, words in KEYWORDS.items()}


def windows(name: str, text: str, folded: str) -> list[tuple[int, int]]:
    """The parts of the text rule ``name`` can match in: around each of its key words,
    merged where they touch (``folded``: ``fold(text)``). The whole text when folding
    changed its length (a letter whose lower case is two)."""
    if len(folded) != len(text):
        return [(0, len(text))]
    spans: list[tuple[int, int]] = []
    for found in _KEYWORD_PATTERNS[name].finditer(folded):
        start, end = max(0, found.start() - WINDOW), min(len(text), found.end() + WINDOW)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans
