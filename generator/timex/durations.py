"""Durations, sets and clock times of the temporal tagger.

Handlers of the pattern table (``timex.patterns``): each turns a match into a ``Norm``
or rejects it. TimeML spans: a duration keeps its determiner and its quantity modifiers
("the past three months", "nearly two years", "more than a week") but not the
preposition before it ("for", "within", "over the ..."): the patterns put the span in
their ``x`` group.
"""

from __future__ import annotations

import re

from generator.timex.calendar_words import MONTH_NAMES
from generator.timex.normalize import (
    VAGUE_NUMBERS,
    Context,
    Norm,
    canonical_unit,
    duration_value,
    parse_number,
    word_before,
)

__all__ = ["clock_time", "duration", "every", "vague_duration"]

# An age ("52 years old", "55 years of age") is no temporal expression.
_AGE_AFTER = re.compile(r"\s+(?:old|of\s+age)\b", re.I)
# "three-quarters of its food", "two quarters of the market": a fraction.
_FRACTION = re.compile(
    r"(?i)(?:one|two|three|\d)(?:-quarters\b|\s+quarters\s+of\s+(?:the|its|his|her|their|"
    r"all|a|an|our|this|that|those|these)\b)"
)
_SET_BEFORE = re.compile(r"(?:\d|million|billion|bn|trillion|times|twice|once|%|percent)\s*$", re.I)


def duration(m: re.Match[str], ctx: Context) -> Norm | None:
    """'three years' -> P3Y, '44 days' -> P44D, 'fifty-year', 'several years' -> PXY,
    '2 1/2 years' -> P2Y6M; '15 a year' -> SET P1Y. Ages ('a 6-year-old') are no
    temporal expression."""
    if (m["long"] or "").lower() == "-old" or _AGE_AFTER.match(m.string, m.end()):
        return None
    raw = " ".join(m["n"].lower().split())
    unit = canonical_unit(m["u"])
    if unit == "quarter" and _FRACTION.match(m.string, m.start("n")):
        return None
    if raw in ("a", "an") and _SET_BEFORE.search(m.string[max(0, m.start() - 20) : m.start()]):
        return Norm("SET", duration_value(1, unit))
    if raw in ("a", "an") and unit in ("second", "quarter"):
        return None
    if raw in VAGUE_NUMBERS:
        return Norm("DURATION", duration_value(None, unit))
    n = parse_number(raw)
    if n is None or n == 0 or n > 1000:
        return None
    if m["half"]:
        n += 0.5
    if (
        raw in ("a", "an", "single")
        and not m["pre"]
        and unit == "day"
        and word_before(m).lower() in ("one", "some", "there")
    ):
        return None
    return Norm("DURATION", duration_value(n, unit))


def vague_duration(m: re.Match[str], ctx: Context) -> Norm | None:
    """'for years' -> 'years' PXY, 'over the years', 'in minutes', 'decades-long';
    'in recent years' -> 'recent years' PAST_REF."""
    pre = " ".join((m["pre"] or "").lower().split())
    if (m["long"] or "").lower() == "-old":
        return None
    if "recent" in pre:
        return Norm("DATE", "PAST_REF")
    if not pre and not m["long"] and not m["prep"]:
        return None
    unit = canonical_unit(m["u"])
    # Vague decades are counted in years (TimeML: "decades-long" is PXY).
    return Norm("DURATION", duration_value(None, "year" if unit == "decade" else unit))


_ADVERB_UNITS = {
    "annually": "year",
    "yearly": "year",
    "weekly": "week",
    "daily": "day",
    "monthly": "month",
    "hourly": "hour",
    "nightly": "day",
}


def every(m: re.Match[str], ctx: Context) -> Norm | None:
    """'every week' -> P1W, 'daily', 'twice a year', 'each Thursday' -> XXXX-WXX-4."""
    if m["wd"]:
        from generator.timex.normalize import WEEKDAYS

        return Norm("SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower().rstrip('s')] + 1}")
    word = m["adv"]
    if word:
        return Norm("SET", duration_value(1, _ADVERB_UNITS[word.lower()]))
    n = parse_number(m["k"]) if m["k"] and m["k"].lower() != "other" else None
    amount = 2 if (m["k"] or "").lower() == "other" else (n or 1)
    return Norm("SET", duration_value(amount, canonical_unit(m["u"])))


# A month's name right before a number ("May 15 in the afternoon"): the number is its day.
_MONTH_BEFORE = re.compile(
    r"\b(?i:"
    + "|".join(sorted((w for names in MONTH_NAMES for w in names.split()), key=len, reverse=True))
    + r")\.?\s+$"
)


def clock_time(m: re.Match[str], ctx: Context) -> Norm | None:
    """'12:00 local time', '18:00 UTC', '6:40 p.m.', 'midnight', 'noon'. The day is filled
    in later from the date next to it (see ``timex.tagger._attach_times``)."""
    if m["word"]:
        clock = {"midnight": "00:00", "noon": "12:00", "midday": "12:00"}[m["word"].lower()]
        return Norm("TIME", f"T{clock}")
    if m["hhmm"]:
        hour, minute = int(m["hhmm"][:2]), int(m["hhmm"][2:])
    else:
        hour, minute = int(m["h"]), int(m["mi"] or 0)
    ampm = (m["ap"] or "").lower().replace(".", "")
    if m["inpod"]:
        # "on May 15 in the afternoon": a day of a month, not 3 p.m.
        if hour > 12 or _MONTH_BEFORE.search(m.string, max(0, m.start() - 12), m.start()):
            return None
        ampm = "am" if "morning" in m["inpod"].lower() else "pm"
    if m["sep"] == "." and not ampm:
        return None
    if not m["mi"] and not ampm and not m["hhmm"]:
        return None
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    zone = "Z" if (m["tz"] or "").upper() in ("UTC", "GMT", "Z") else ""
    if zone and m["off"]:
        # "6:40 p.m. (GMT +8)": local time; TimeML gives the time as written.
        zone = ""
    return Norm("TIME", f"T{hour:02d}:{minute:02d}{zone}")
