"""Days told relative to a happening the article dates: "Hours before the sentencing, ...".

News writing dates a happening by another one it told before: "Judge Cahill sentenced
Derek Chauvin on Friday. Hours before the sentencing, Cahill denied a motion for a new
trial." The sentence opens (or closes: "... were told to vacate the courthouses just
over an hour before the verdict's announcement") with how long before or after ("hours",
"minutes", "the day", "two days") and the happening, named by a noun ("the sentencing",
"the verdict", "the attack"); that noun is a form of a word of an earlier dated mention
of the same article ("sentenced"), whose day, moved by the amount, is this sentence's.
Only a day is given: hours and minutes keep the happening's day, days move it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.model import Mention

__all__ = ["Relative", "closing_relative", "fronted_relative", "relative_day"]

_NUMBERS = {"a": 1, "an": 1, "one": 1, "the": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_NUMBERS |= {"six": 6, "seven": 7}
_AMOUNT = (
    r"(?P<amount>(?:(?:just|only|some|about|nearly|almost)\s+)?"
    r"(?:(?:over|under|less\s+than|more\s+than)\s+)?(?:hours|minutes|moments|shortly|"
    r"(?P<n>an?|one|the|two|three|four|five|six|seven|\d)\s+(?P<unit>days?|hours?|minutes?)))"
    r"\s+(?P<dir>before|after|ahead\s+of|prior\s+to)\s+the\s+"
)
_FRONTED = re.compile(
    rf"^\W*{_AMOUNT}(?P<noun>(?:[a-z-]+\s+){{0,3}}?[a-z-]{{4,}})\s*,", re.IGNORECASE
)
# The same phrase closing a sentence: "... were told to vacate the courthouses just over
# an hour before the verdict's announcement." (an owner before the noun allowed)
_CLOSING = re.compile(
    rf"\s{_AMOUNT}(?P<noun>(?:[\w-]+(?:['’]s)?\s+){{0,3}}?[a-z-]{{4,}})[\s.!\"”’]*$",
    re.IGNORECASE,
)
# Endings that make a noun of a verb: "sentencing" of "sentence", "election" of "elect".
_NOUN_ENDINGS = ("ings", "ing", "ions", "ion", "ments", "ment", "als", "al", "s")


@dataclass(frozen=True)
class Relative:
    """A relative date: how many days from the happening, the noun that names it, and
    where the phrase ends and starts in the sentence."""

    days: int
    noun: str
    end: int
    start: int = 0


def fronted_relative(text: str) -> Relative | None:
    """The relative date a sentence opens with ('Hours before the sentencing,'), else
    None."""
    found = _FRONTED.match(text)
    return None if found is None else _relative(found, 0, found.end())


def closing_relative(text: str) -> Relative | None:
    """The relative date a sentence closes with ('... just over an hour before the
    verdict's announcement.'), its span the phrase without the sentence's end, else None."""
    found = _CLOSING.search(text)
    return None if found is None else _relative(found, found.start("amount"), found.end("noun"))


def _relative(found: re.Match[str], start: int, end: int) -> Relative:
    unit = (found["unit"] or "hours").lower()
    days = 0
    if unit.startswith("day"):
        n = found["n"].lower()
        days = _NUMBERS.get(n) or int(n)
    sign = -1 if found["dir"].lower().startswith(("before", "ahead", "prior")) else 1
    return Relative(sign * days, found["noun"].split()[-1].lower(), end, start)


def relative_day(relative: Relative, earlier: Sequence[Mention]) -> str | None:
    """The day of the happening the noun names, moved by the amount: from the latest of the
    earlier mentions dated to a day whose words hold the noun's word, else None."""
    stem = _stem(relative.noun)
    if len(stem) < 4:
        return None
    for mention in reversed(earlier):
        if len(mention.date) != 10 or mention.anchored_on:
            continue
        if any(lemma[: len(stem)] == stem for lemma in mention.lemmas):
            day = dt.date.fromisoformat(mention.date) + dt.timedelta(days=relative.days)
            return day.isoformat()
    return None


def _stem(noun: str) -> str:
    """The noun without the ending that made it of a verb, and without a final 'e' the
    verb may have ('sentencing' -> 'sentenc', 'election' -> 'elect')."""
    for ending in _NOUN_ENDINGS:
        if noun.endswith(ending) and len(noun) - len(ending) >= 4:
            return noun[: -len(ending)].rstrip("e")
    return noun.rstrip("e")
