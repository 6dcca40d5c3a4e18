"""The pattern table of the temporal tagger: which strings are temporal expressions and
what TIMEX3 type and value each one has.

Each rule is a regex compiled once at import plus a handler that turns a match into a
``Norm`` (or rejects it). The tagger runs every rule over the text, keeps the longest
non-overlapping matches and calls the handlers in text order, so that relative
expressions ("the day before") see the dates told before them.

The handlers of calendar dates are in ``timex_dates``, those of relative expressions in
``timex_relative``; durations, sets and clock times are handled here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from generator.timex.dates import (
    bare_month,
    century_expr,
    decade_expr,
    month_day,
    month_year,
    numeric_date,
    quarter_expr,
    season_expr,
    year_expr,
)
from generator.timex.normalize import (
    VAGUE_NUMBERS,
    Context,
    Norm,
    canonical_unit,
    duration_value,
    parse_number,
    word_before,
)
from generator.timex.relative import (
    ago,
    part_of_period,
    ref_word,
    relative_day,
    relative_unit,
    same_period,
    weekday_expr,
)

Handler = Callable[[re.Match[str], Context], Norm | None]

_MONTH = (
    r"(?P<mon>(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|"
    r"OCTOBER|NOVEMBER|DECEMBER|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?))"
    r"(?![A-Za-z])"
)
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
_DAY2 = r"(?:\s*(?:-|–|to|and|through|until)\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:]))"
_YEAR = r"(?P<y>(?:1[6-9]|20)\d\d)(?![\d%])"
_WD = r"(?:(?P<wdp>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+(?:the\s+)?)"
_MOD = (
    r"(?:(?P<mod>(?i:early|late|mid|the\s+(?:end|beginning|start|middle|close)\s+of|"
    r"(?:the\s+)?(?:first|second)\s+half\s+of|"
    r"(?:the\s+)?(?:end|beginning|start|middle)\s+of))[-\s]+)?"
)
_REL = r"(?P<rel>(?i:this\s+past|this\s+coming|last|next|this|past|coming))"
_NUMWORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|a\s+hundred|hundred)"
)
_NUM = (
    r"(?P<n>\d[\d,]*(?:\.\d+)?(?:\s+and\s+a\s+half)?|(?i:" + _NUMWORD + r"(?:[-\s](?:one|two|"
    r"three|four|five|six|seven|eight|nine))?(?:\s+and\s+a\s+half)?|half\s+an?|"
    r"a\s+couple\s+of|a\s+dozen|several|a\s+few|few|many|some|numerous|an?|single))"
)
_UNIT = (
    r"(?P<u>(?i:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|"
    r"quarters?|years?|decades?|centuries|century))(?![A-Za-z])"
)


# --- durations, sets and clock times -------------------------------------------------


_SET_BEFORE = re.compile(r"(?:\d|million|billion|bn|trillion|times|twice|once|%|percent)\s*$", re.I)


def _duration(m: re.Match[str], ctx: Context) -> Norm | None:
    """'three years' -> P3Y, '44 days' -> P44D, 'fifty-year', 'several years' -> PXY;
    '15 a year' -> SET P1Y."""
    raw = " ".join(m["n"].lower().split())
    unit = canonical_unit(m["u"])
    if raw in ("a", "an") and _SET_BEFORE.search(m.string[max(0, m.start() - 20) : m.start()]):
        return Norm("SET", duration_value(1, unit))
    if raw in ("a", "an") and unit in ("second", "quarter"):
        return None
    if raw in VAGUE_NUMBERS:
        return Norm("DURATION", duration_value(None, unit))
    n = parse_number(raw)
    if n is None or n == 0 or n > 1000:
        return None
    if (
        raw in ("a", "an", "single")
        and not m["pre"]
        and unit == "day"
        and word_before(m).lower() in ("one", "some", "there")
    ):
        return None
    return Norm("DURATION", duration_value(n, unit))


def _vague_duration(m: re.Match[str], ctx: Context) -> Norm | None:
    """'for years' -> PXY, 'over the years', 'in minutes', 'decades-long'."""
    pre = " ".join((m["pre"] or "").lower().split())
    if pre in ("recent", "in recent"):
        return Norm("DATE", "PAST_REF")
    if not pre and not m["long"]:
        return None
    return Norm("DURATION", duration_value(None, canonical_unit(m["u"])))


def _set(m: re.Match[str], ctx: Context) -> Norm | None:
    """'every week' -> P1W, 'annual' -> P1Y, 'twice a year'."""
    word = m["adv"]
    if word:
        unit = {
            "annual": "year",
            "annually": "year",
            "yearly": "year",
            "weekly": "week",
            "daily": "day",
            "monthly": "month",
            "quarterly": "quarter",
            "hourly": "hour",
            "nightly": "day",
        }[word.lower()]
        return Norm("SET", duration_value(1, unit))
    n = parse_number(m["k"]) if m["k"] and m["k"].lower() != "other" else None
    amount = 2 if (m["k"] or "").lower() == "other" else (n or 1)
    return Norm("SET", duration_value(amount, canonical_unit(m["u"])))


def _time(m: re.Match[str], ctx: Context) -> Norm | None:
    """'12:00 local time', '18:00 UTC', '6:40 p.m.', 'midnight', 'noon'. The day is filled
    in later from the date next to it (see ``timex._attach_times``)."""
    if m["word"]:
        clock = {"midnight": "00:00", "noon": "12:00", "midday": "12:00"}[m["word"].lower()]
        return Norm("TIME", f"T{clock}")
    if m["hhmm"]:
        hour, minute = int(m["hhmm"][:2]), int(m["hhmm"][2:])
    else:
        hour, minute = int(m["h"]), int(m["mi"] or 0)
    ampm = (m["ap"] or "").lower().replace(".", "")
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
        zone = f"{m['off'][0]}{int(m['off'][1:]):02d}"
    return Norm("TIME", f"T{hour:02d}:{minute:02d}{zone}")


_YEAR_BACK = (
    r"(?:(?:of\s+)?(?:the\s+)?(?:(?:a|one)\s+year\s+(?:ago|earlier|before)|last\s+year|"
    r"(?:previous|prior)\s+year|year\s+before))"
)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


RULES: list[tuple[str, re.Pattern[str], Handler]] = [
    (
        "date_mdy",
        _rx(_WD + r"?" + _MONTH + r"\s+" + _DAY + _DAY2 + r"?(?:,?\s+" + _YEAR + ")?"),
        month_day,
    ),
    (
        "date_dmy",
        _rx(
            _WD
            + r"?(?<![\d.,$])"
            + _DAY
            + _DAY2
            + r"?\s+(?:of\s+)?"
            + _MONTH
            + r"(?:,?\s+"
            + _YEAR
            + ")?"
        ),
        month_day,
    ),
    (
        "date_numeric",
        _rx(
            r"(?<![\d./-])(?:(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)"
            r"|(?P<y2>(?:19|20)\d\d)-(?P<m2>[01]\d)-(?P<d2>[0-3]\d)"
            r"|(?P<m3>[01]?\d)/(?P<d3>[0-3]?\d)/(?P<y3>\d{4}|\d{2}))(?![\d/-]|\.\d)"
        ),
        numeric_date,
    ),
    # "October of next year": the month alone (with the year it gets), then "next year".
    (
        "month_year",
        _rx(
            _MOD
            + _MONTH
            + r"(?:(?:,?\s+|\s+of\s+)"
            + _YEAR
            + r"|(?=\s+of\s+(?P<yrel>(?i:this|last|next|the\s+"
            r"(?:current|previous|same))\s+year)))"
        ),
        month_year,
    ),
    ("bare_month", _rx(r"(?:" + _REL + r"\s+)?" + _MOD + _MONTH), bare_month),
    (
        "year",
        _rx(
            _MOD
            + r"(?:(?i:the\s+year\s+))?(?:(?P<fy>(?i:fiscal\s+(?:year\s+)?)|FY\s?))?"
            + r"(?:"
            + _YEAR
            + r"|'(?P<yy>\d\d)(?![\w']))"
        ),
        year_expr,
    ),
    (
        "decade",
        _rx(
            r"(?:(?i:the)\s+)?(?:(?i:early|late|mid)[-\s]+)?(?:(?P<c>1[5-9]|20)(?P<dd>\d)0s"
            r"|['’](?P<d2>\d)0s|(?<![\w'’$])(?P<d3>[1-9])0s)(?![\w])"
        ),
        decade_expr,
    ),
    ("century", _rx(r"(?i:the\s+)(?P<cn>\d{1,2})(?:st|nd|rd|th)\s+(?i:century)"), century_expr),
    (
        "season",
        _rx(
            r"(?:" + _REL + r"\s+)?" + _MOD + r"(?:(?i:the)\s+)?"
            r"(?P<s>(?i:spring|summer|fall|autumn|winter))(?![a-z])(?:\s+(?:(?i:of)\s+)?"
            + _YEAR
            + r"|\s+(?i:of\s+(?P<yrel>this|last|next)\s+year))?"
        ),
        season_expr,
    ),
    (
        "quarter",
        _rx(
            r"(?:(?i:the)\s+)?(?P<ord>(?i:first|second|third|fourth|final|last|1st|2nd|"
            r"3rd|4th))[-\s]+(?:(?P<half>(?i:half))|(?i:quarter|qtr))(?![a-z])"
            r"(?:(?:\s+(?i:of)\s+(?i:fiscal\s+)?|\s+)" + _YEAR + r"|\s+(?i:of)\s+"
            r"(?P<yrel>(?i:this|last|next|the\s+(?:current|previous|same))\s+year))?"
        ),
        quarter_expr,
    ),
    (
        "quarter_q",
        _rx(r"\b(?P<ord>Q[1-4])(?P<half>(?!))?(?:\s+|/|-)?(?:" + _YEAR + r")?(?![\w])"),
        quarter_expr,
    ),
    (
        "relative_day",
        _rx(
            r"(?:(?i:earlier|later|late|early)\s+)?(?P<w>(?i:the\s+day\s+before\s+"
            r"yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow|"
            r"tonight|last\s+night|this\s+morning|this\s+afternoon|this\s+evening))"
            r"(?!['’]s\b)(?![a-z])(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?"
        ),
        relative_day,
    ),
    (
        "weekday",
        _rx(
            r"(?:" + _REL + r"\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|"
            r"Saturday|Sunday)(?:['’]s)?(?![a-z])(?:\s+(?P<pod>(?i:morning|afternoon|"
            r"evening|night)))?"
        ),
        weekday_expr,
    ),
    (
        "relative_unit",
        _rx(
            r"(?P<rel>(?i:this\s+past|this\s+coming|the\s+past|the\s+last|"
            r"the\s+next|the\s+previous|the\s+coming|the\s+following|the\s+current|"
            r"the\s+same|last|next|this|past|previous|coming|current|that|the))\s+"
            r"(?P<u>(?i:week|weekend|month|quarter|year|decade|century))(?![\w-])"
        ),
        relative_unit,
    ),
    (
        "same_period",
        _rx(
            r"(?i:the\s+same\s+(?P<what>period|month|quarter|week|season|time)\s+"
            + _YEAR_BACK
            + r"|the\s+(?P<what2>year)\s+(?:previous|before|earlier|"
            r"prior)(?![\w-]))"
        ),
        same_period,
    ),
    (
        "part_of_period",
        _rx(
            r"(?i:the\s+(?:very\s+)?(?:start|beginning|end|middle|rest|remainder)"
            r"\s+of\s+the\s+(?P<u>year|month))(?![\w-])"
        ),
        part_of_period,
    ),
    (
        "ago",
        _rx(
            _NUM + r"\s+" + _UNIT + r"\s+(?P<dir>(?i:ago|earlier|later|from\s+now|hence|"
            r"before(?=\s*[,.;])|after(?=\s*[,.;])))"
        ),
        ago,
    ),
    (
        "duration",
        _rx(
            r"(?<![\w.,])(?P<pre>(?i:(?:the\s+)?(?:past|last|next|first|previous|"
            r"coming|following|final|remaining|additional|further)|over|more\s+than|less\s+than|fewer\s+"
            r"than|nearly|almost|about|around|approximately|roughly|at\s+least|up\s+to|"
            r"just|only|within|for|under)\s+)*(?<![\w.,])"
            + _NUM
            + r"(?:[-\s]+(?i:consecutive|straight|successive|trading|business|working|"
            r"full|calendar|more|additional))?[-\s]+" + _UNIT + r"(?:-(?i:long|old))?"
        ),
        _duration,
    ),
    (
        "vague_duration",
        _rx(
            r"(?:(?P<pre>(?i:for|in|over\s+the|over|within|after|the\s+past|"
            r"the\s+last|the\s+coming|the\s+next|in\s+recent|recent))\s+"
            r"(?:(?i:just|only)\s+)?)?(?P<u>(?i:years|decades|months|weeks|days|"
            r"hours|minutes))(?P<long>-(?i:long|old))?(?![\w])"
        ),
        _vague_duration,
    ),
    (
        "set",
        _rx(
            r"(?i:(?:every|each|per)\s+(?:(?P<k>other|\d+|two|three|four|five|six|ten)\s+)?"
            r"(?:(?:passing|single)\s+)?"
            r"(?P<u>second|minute|hour|day|night|week|weekend|"
            r"month|quarter|year|decade)s?(?![a-z])|(?P<adv>annual|annually|yearly|weekly|"
            r"daily|monthly|quarterly|hourly|nightly)(?![a-z]))"
        ),
        _set,
    ),
    (
        "time",
        _rx(
            r"(?<![\d.:,])(?:(?P<h>[012]?\d)(?:(?P<sep>[:.])(?P<mi>[0-5]\d))?(?![\d:])"
            r"|(?P<hhmm>[012]\d[0-5]\d)(?=\s*(?:hours|hrs|UTC|GMT)))"
            r"(?:\s*(?P<ap>(?i:a\.m\.|p\.m\.|am|pm)(?![a-z])))?"
            r"(?:\s*\(?(?P<tz>UTC|GMT|Z|EST|EDT|PST|PDT|CET|CEST|BST|MSK|(?i:local\s+time)|"
            r"[A-Z][a-z]+\s+time)(?:\s*(?P<off>[+-]\d{1,2})(?::?\d\d)?)?\)?)?"
            r"|(?P<word>(?i:midnight|noon|midday))"
        ),
        _time,
    ),
    (
        "ref_word",
        _rx(
            r"(?i:(?:right\s+)?\bnow\b|currently|presently|at\s+present|nowadays|"
            r"these\s+days|at\s+the\s+moment|(?:for\s+)?the\s+time\s+being|"
            r"(?:more\s+)?recently|in\s+the\s+past|(?:recent|current)(?=\s+[a-z])|the\s+past(?=\s*[,.;])|"
            r"in\s+the\s+(?:near\s+|distant\s+)?future|the\s+(?:near|long|short)\s+term|"
            r"(?:very\s+)?soon|the\s+day\s+before|the\s+previous\s+day|"
            r"the\s+next\s+day|the\s+following\s+day|the\s+same\s+day|that\s+(?:same\s+)?"
            r"day|(?:end|ending|ended|finish|finished|finishing|close|closed|closing|"
            r"for|during|start|late\s+in|later\s+in|earlier\s+in|of)\s+the\s+day)"
            r"(?![\w-])"
        ),
        ref_word,
    ),
]
