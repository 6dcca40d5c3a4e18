"""Names are not dates: a year-like number that is part of a name.

"Windows 2000", "the Russell 2000 index", "Euro 2020", "Vision 2030", "Resolution 2254",
"Flight 1907" and "the 1922 Committee" write a number a date pattern would read as a year;
none of them says when anything happened. English names a product, an event, a document or
a body this way: a capitalised name word right before the number, or an organisation noun
right after it. Dates written the same way are kept: a month, season, holiday or fiscal
label before the year ("May 2020", "Summer 2014", "Christmas 2019", "FY 2021"), an event
held in the year it is named after ("the Worldwide Developers Conference 2010", "WWDC
2005"), and a function word that only happens to be capitalised ("In 2019").
"""

from __future__ import annotations

import re

__all__ = ["in_name", "in_title"]

# Capitalised words that may stand right before a year that is a date.
_DATE_WORDS = frozenset(
    str.split(
        """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    spring summer autumn fall winter christmas easter thanksgiving ramadan hanukkah
    advent lent new year year years fiscal fy q1 q2 q3 q4 h1 h2 half quarter
    monday tuesday wednesday thursday friday saturday sunday
    in on at since by from until till to before after during of for the a an and or but
    as through between around about circa early late mid than until including like
    conference summit games olympics cup championship championships festival forum
    congress convention election elections expo
    """
    )
)
# The word before the number: capitalised, on the same line, not an abbreviation ("U.S.")
# nor a possessive ("Britain's 2016 referendum").
_WORD_BEFORE = re.compile(r"(?<![\w.])([A-Z][A-Za-z&\-]*)[ \t]+$")
# Organisation nouns after a year that make it a name ("the 1922 Committee").
_NAME_AFTER = re.compile(
    r"[ \t]+(?:Committee|Club|Group|Society|Foundation|Movement|Initiative|Coalition|"
    r"Alliance|Network|Collective|Commission|Council|Index)\b"
)


def in_name(text: str, start: int, end: int) -> bool:
    """True when the year-like number text[start:end] is part of a name."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before:
        word = before.group(1)
        # An event ("WWDC 2005", "Summit 2021") is held in the year it is named after.
        if word.lower() not in _DATE_WORDS and not (word.isupper() and len(word) >= 3):
            return True
    return bool(_NAME_AFTER.match(text, end))


# Words of a temporal expression that English writes in lower case: capitalised in the
# middle of a sentence they are part of a title ("ABC's 'This Week'", "CBS's '60
# Minutes'", "VOA Today", "High Noon", "USA Today", "Monday Night Football"). Months,
# weekdays, holidays and seasons are capitalised anyway (or may be: "their Autumn
# meetings").
_LOWER_CASE_WORDS = re.compile(
    r"\b(?:Week|Weekend|Weeks|Month|Months|Year|Years|Day|Days|Hours?|Minutes?|Seconds|"
    r"Today|Tonight|Tomorrow|Yesterday|Noon|Midnight|Decade|Century|Now|"
    r"Night|Morning|Evening|Afternoon)\b"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]|--|[\"“‘'`(\[—–])[\s\"“‘'`(\[]*$")
_SMALL_WORD = re.compile(r"\b[a-z][a-z]{3,}\b")


# A season word that is part of a place's or a thing's name: "Spring Hill", "Fall River",
# "Winter Park", "Silver Spring" (a capitalised word after it or before it, on a line
# that is not a headline). "Spring 2014", "Summer of 2014" are dates.
_SEASON = re.compile(r"(?:Spring|Summer|Fall|Autumn|Winter)\b")
_NAME_WORD_AFTER = re.compile(r"[ \t]+([A-Z][a-z]+)")
_NAME_WORD_BEFORE = re.compile(r"(?<![\w.])([A-Z][a-z]+)[ \t]+$")


def _season_in_name(text: str, start: int, end: int) -> bool:
    if not _SEASON.match(text, start):
        return False
    after = _NAME_WORD_AFTER.match(text, end)
    if after and after.group(1).lower() not in _DATE_WORDS:
        return True
    before = _NAME_WORD_BEFORE.search(text, max(0, start - 30), start)
    return bool(
        before
        and before.group(1).lower() not in _DATE_WORDS
        and not _SENTENCE_START.search(text, max(0, before.start() - 8), before.start())
    )


def in_title(text: str, start: int, end: int) -> bool:
    """True when the expression text[start:end] is part of a title: one of its words that
    English writes in lower case is capitalised, not at the start of a sentence, on a line
    that is not a headline (where every word is capitalised); or a season word is part of
    a name ("the GM plant in Spring Hill")."""
    if _season_in_name(text, start, end) and not _on_headline(text, start, end):
        return True
    for m in _LOWER_CASE_WORDS.finditer(text, start, end):
        if _SENTENCE_START.search(text, max(0, m.start() - 8), m.start()):
            continue
        if _on_headline(text, m.start(), m.end()):
            continue  # a headline: Every Word Capitalised
        return True
    return False


def _on_headline(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is on a line with no small word in lower case: a headline,
    where every word is capitalised."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return not _SMALL_WORD.search(text, line_start, len(text) if line_end < 0 else line_end)
