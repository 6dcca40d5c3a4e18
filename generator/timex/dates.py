"""Calendar dates of the temporal tagger: day-month dates, numeric dates, months,
years, decades, centuries, seasons, quarters and halves, with or without their year.

Handlers of the pattern table (``timex_patterns``): each turns a match into a ``Norm``
or rejects it; a yearless date takes its year from ``pick_year``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from generator.timex.names import in_name
from generator.timex.normalize import (
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    SEASON_CODES,
    WEEKDAYS,
    Context,
    Norm,
    day_value,
    month_period,
    pick_year,
    quarter_period,
    season_period,
    shift,
    word_before,
)

__all__ = [
    "bare_month",
    "century_expr",
    "decade_expr",
    "month_day",
    "month_year",
    "numeric_date",
    "quarter_expr",
    "season_expr",
    "spelled_year",
    "year_end",
    "year_expr",
]

# Words a yearless month or a two-digit year is read as a date after.
_PREPOSITIONS = {
    "in",
    "on",
    "since",
    "by",
    "until",
    "till",
    "through",
    "from",
    "to",
    "of",
    "during",
    "before",
    "after",
    "between",
    "and",
    "or",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "past",
    "around",
    "as",
    "throughout",
    "at",
}
# "fall" is mostly a verb: as a season it needs one of these words before it.
_FALL_BEFORE = {
    "in",
    "the",
    "this",
    "last",
    "next",
    "during",
    "since",
    "until",
    "by",
    "of",
    "early",
    "late",
    "mid",
    "past",
    "through",
    "that",
}
_COUNTED_NOUN = re.compile(
    r"\s+(?i:points?|units?|people|jobs|employees|workers|vehicles|cars|planes|aircraft|"
    r"jets|shares|tons|tonnes|km|kilometers|miles|feet|metres|meters|dollars|euros|"
    r"pounds|stores|dealers|dealerships|members|votes|seats|troops|soldiers|barrels)\b"
)


# A deadline or an end point ("extended to Nov. 20", "respond by Oct. 31", "through
# January"): the date may lie ahead even in a past-tense clause.
_DEADLINE_WORDS = {"until", "till", "through", "by", "to", "effective", "before"}


# A date announced as ahead: "payable Jan. 2 to stock of record Dec. 15", "effective
# Feb. 1", "the offer expires Nov. 6" (a dividend is paid, a change takes effect, an offer
# lapses after it is announced).
_AHEAD_WORDS = {"payable", "record", "effective", "expires", "expire", "expiring"}


def _tense(m: re.Match[str], ctx: Context) -> str:
    if word_before(m).lower() in _AHEAD_WORDS:
        return "future"
    tense = ctx.tense()
    if tense == "past" and word_before(m).lower() in _DEADLINE_WORDS:
        return ""
    return tense


def _month_of(m: re.Match[str]) -> int:
    return MONTHS[m["mon"].rstrip(".").lower()]


def _valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= day <= calendar.monthrange(year, month)[1]


def _day_or_range(year: int, month: int, day: int, day2: int | None) -> Norm | None:
    if not _valid_day(year, month, day):
        return None
    value = day_value(dt.date(year, month, day))
    if day2 and day2 > day and _valid_day(year, month, day2):
        return Norm("DATE", value, f"{value}/{day_value(dt.date(year, month, day2))}")
    return Norm("DATE", value)


def month_day(m: re.Match[str], ctx: Context) -> Norm | None:
    """'September 27, 2020', 'Tuesday, October 20', 'October 9-10', '12 and 13 December'."""
    month, day = _month_of(m), int(m["d"])
    day2 = int(m["d2"]) if m["d2"] else None
    if m["y"]:
        year = int(m["y"])
    elif m["wdp"]:
        # A weekday fixes the year: the nearest year where the date falls on that day.
        wd = WEEKDAYS[m["wdp"].lower()]
        fits = [
            y
            for y in (ctx.anchor.year, ctx.anchor.year - 1, ctx.anchor.year + 1)
            if _valid_day(y, month, day) and dt.date(y, month, day).weekday() == wd
        ]
        year = fits[0] if fits else pick_year(ctx.anchor, month_period(month, day), _tense(m, ctx))
    elif said := _YEAR_SAID_AFTER.match(m.string, m.end()):
        # "Jan. 12 next year": the year said after the day (its own expression).
        year = ctx.anchor.year + {"this": 0, "next": 1, "last": -1}[said["rel"].lower()]
    else:
        year = pick_year(ctx.anchor, month_period(month, day), _tense(m, ctx))
        year = _near(ctx.anchor, month, day, year)
    return _day_or_range(year, month, day, day2)


_YEAR_SAID_AFTER = re.compile(r",?\s+(?:of\s+)?(?P<rel>(?i:this|next|last))\s+(?i:year)\b")


# A yearless day told as ahead is told near the article: one the tense puts almost a
# year ahead ("to repatriate the child by Jan. 14" on January 15) is the one just gone by,
# when it is a few days back (the text tells a plan or a deadline that has since passed).
_NEAR_DAYS = 14
_FAR_DAYS = 300


def _near(anchor: dt.date, month: int, day: int, year: int) -> int:
    """The year of a yearless day: ``year`` unless that is almost a year ahead and the
    day was a few days ago."""
    if not _valid_day(year, month, day) or (dt.date(year, month, day) - anchor).days < _FAR_DAYS:
        return year
    if not _valid_day(year - 1, month, day):
        return year
    gone = (anchor - dt.date(year - 1, month, day)).days
    return year - 1 if 0 <= gone <= _NEAR_DAYS else year


def numeric_date(match: re.Match[str], ctx: Context) -> Norm | None:
    """'10.11.2020' (day first), '7/8/07' (US month first), '2020-11-09'."""
    m = _NumericMatch(match)
    year = int(m["y"] or 0)
    if year < 100:
        year += 2000 if year <= (ctx.anchor.year % 100) + 1 else 1900
    month, day = int(m["m"] or 0), int(m["d"] or 0)
    if not 1 <= month <= 12 or not _valid_day(year, month, day):
        return None
    return Norm("DATE", day_value(dt.date(year, month, day)))


def _year_of(m: re.Match[str], ctx: Context) -> int | None:
    if m["y"]:
        return int(m["y"])
    groups = m.groupdict()
    words = (groups.get("yrel") or groups.get("yrel2") or "").lower().split()
    rel = [w for w in words if w not in ("year", "the")][-1:]
    if rel:
        return ctx.anchor.year + {
            "this": 0,
            "current": 0,
            "last": -1,
            "previous": -1,
            "next": 1,
            "following": 1,
            "same": 0,
        }.get(rel[0], 0)
    return None


def month_year(m: re.Match[str], ctx: Context) -> Norm | None:
    """'April 2016', 'early November 2020', 'October of next year'."""
    year = _year_of(m, ctx)
    if year is None:
        return None
    return Norm("DATE", f"{year}-{_month_of(m):02d}")


# A capitalised word after a short month name that is also a given name ("Jan Kavan"):
# an abbreviated month is followed by a day or a year, or has its full stop.
_NAME_AFTER_MONTH = re.compile(r"[ \t]+[A-Z][a-z]+\b")


def bare_month(m: re.Match[str], ctx: Context) -> Norm | None:
    """'in October', 'this past July', 'This September', 'early November', 'last month'."""
    month = _month_of(m)
    rel = (m["rel"] or "").lower().split()
    prev = word_before(m).lower()
    if (
        m["mon"].rstrip(".") in ("May", "MAY", "Mar", "Jan")
        and not rel
        and not m["mod"]
        and prev not in _PREPOSITIONS
    ):
        return None
    if not rel and not m["mod"] and prev not in _PREPOSITIONS and m["mon"].isupper():
        return None
    if len(m["mon"]) == 3 and _NAME_AFTER_MONTH.match(m.string, m.end()):
        return None  # a given name: "Jan Kavan", "Jun Takahashi"
    anchor = ctx.anchor
    if rel[-1:] == ["past"] or rel == ["last"]:
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel[-1:] == ["coming"] or rel == ["next"]:
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel == ["this"]:
        year = anchor.year
    else:
        year = pick_year(anchor, month_period(month), _tense(m, ctx))
    return Norm("DATE", f"{year}-{month:02d}")


def year_expr(m: re.Match[str], ctx: Context) -> Norm | None:
    """'in 1991', 'since 1991', 'mid-2011', 'fiscal 2009', "since '82"."""
    text = m.string
    if m["yy"]:
        if word_before(m).lower() not in _PREPOSITIONS | {"the"}:
            return None
        yy = int(m["yy"])
        year = 2000 + yy if yy <= (ctx.anchor.year % 100) + 1 else 1900 + yy
        return Norm("DATE", str(year))
    start = m.start("y")
    prev = text[start - 1] if start else " "
    if (
        prev.isalnum()
        or prev in "$£€#.,/:+"
        or (prev == "-" and not m["mod"] and not text[start - 2 : start - 1].isdigit())
    ):
        return None
    if re.match(r"[.,:]\d", text[m.end("y") : m.end("y") + 2]):
        return None
    if _COUNTED_NOUN.match(text, m.end("y")):
        return None
    if not m["mod"] and not m["fy"] and in_name(text, start, m.end("y")):
        return None
    mod = (m["mod"] or "").lower()
    if "half" in mod:  # "the first half of 2009" -> 2009-H1, "the last half of 1989"
        return Norm("DATE", f"{m['y']}-H{1 if 'first' in mod else 2}")
    # A fiscal year is named by the calendar year it ends in: its value is that year.
    return Norm("DATE", m["y"])


_UNITS = NUMBER_WORDS  # the words of a spelled-out year


def _spelled(words: list[str]) -> int | None:
    total = 0
    for word in words:
        if word not in _UNITS:
            return None
        total += _UNITS[word]
    return total


def spelled_year_number(spelled: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand and one' -> 2001; None when the words
    are not how a year is read ("nineteen five")."""
    words = [w for w in re.split(r"[-\s]+", spelled.lower()) if w not in ("and", "hundred")]
    if words[:2] == ["two", "thousand"]:
        rest = _spelled(words[2:]) if words[2:] else 0
        return None if rest is None or rest > 99 else 2000 + rest
    rest = _spelled(words[1:])
    if rest is None or rest > 99 or (rest < 10 and "hundred" not in spelled.lower()):
        return None
    return 1900 + rest


def spelled_year(m: re.Match[str], ctx: Context) -> Norm | None:
    """Years read out as broadcasts write them: 'nineteen ninety-six' -> 1996,
    'two thousand' -> 2000, 'two thousand and one' -> 2001."""
    month = f"-{_month_of(m):02d}" if m["mon"] else ""  # "January nineteen ninety-seven"
    if (
        re.fullmatch(r"(?i)two\s+thousand", m["sy"])
        and not m[0].lower().startswith("the year")
        and (
            word_before(m).lower() not in ("in", "since", "by", "until", "before", "after")
            or re.match(r"\s+[a-z]", m.string[m.end() : m.end() + 2])
        )
    ):
        return None  # "two thousand troops": a number
    year = spelled_year_number(m["sy"])
    return None if year is None else Norm("DATE", f"{year}{month}")


_DECADE_WORDS = [
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
]


def decade_expr(m: re.Match[str], ctx: Context) -> Norm | None:
    """'the 1990s' -> 199, "the '70s" / '70s and 80s' / 'the nineties' -> 197."""
    groups = m.groupdict()
    if groups.get("c"):
        return Norm("DATE", f"{m['c']}{m['dd']}")
    if groups.get("dw"):
        digit = str(_DECADE_WORDS.index(m["dw"].lower()) + 2)
    else:
        digit = m["d2"] or m["d3"]
    if groups.get("d3") and word_before(m, "d3").lower() not in (
        "the",
        "and",
        "of",
        "in",
        "early",
        "late",
        "mid",
    ):
        return None
    # The latest decade of that name that has begun by the anchor: "the '80s" in 1989.
    century = "20" if 2000 + 10 * int(digit) <= ctx.anchor.year else "19"
    return Norm("DATE", f"{century}{digit}")


def year_end(m: re.Match[str], ctx: Context) -> Norm | None:
    """'by year-end', "by year's end" -> the anchor's year, as 'the end of the year' is;
    'since year-end' -> the year before (its end is the one behind)."""
    back = word_before(m, "x").lower() == "since"
    return Norm("DATE", str(ctx.anchor.year - back))


def century_expr(m: re.Match[str], ctx: Context) -> Norm | None:
    """'the 20th century' -> 19."""
    number = int(m["cn"])
    return Norm("DATE", f"{number - 1:02d}") if 1 <= number <= 21 else None


def season_expr(m: re.Match[str], ctx: Context) -> Norm | None:
    """'the summer of 2014' -> 2014-SU, 'fall 2020' -> 2020-FA, 'this past summer'."""
    code = SEASON_CODES[m["s"].lower()]
    rel = (m["rel"] or "").lower().split()
    year = spelled_year_number(m["sy"]) if m["sy"] else _year_of(m, ctx)
    if year is None:
        prev = word_before(m, "s").lower()
        if m["s"].lower() == "fall" and not rel and not m["mod"] and prev not in _FALL_BEFORE:
            return None
        period = season_period(code)
        anchor = ctx.anchor
        years = range(anchor.year - 2, anchor.year + 2)
        if rel[-1:] == ["past"] or rel == ["last"]:
            # The latest season over by the anchor ("last winter" in early January is
            # the winter before the one under way).
            year = max(y for y in years if period(y)[1] < anchor)
        elif rel[-1:] == ["coming"] or rel == ["next"]:
            year = min(y for y in years if period(y)[0] > anchor)
        elif rel == ["this"]:
            year = anchor.year
        else:
            year = pick_year(anchor, period, ctx.tense())
    return Norm("DATE", f"{year}-{code}")


def quarter_expr(m: re.Match[str], ctx: Context) -> Norm | None:
    """'the first quarter of 2009' -> 2009-Q1, 'third-quarter', 'the last quarter', 'Q3'."""
    word = m["ord"].lower()
    year = _year_of(m, ctx)
    groups = m.groupdict()
    if year is None and groups.get("yq"):
        rel = m["yq"].lower().split()[0]
        year = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[rel]
    if year is None and groups.get("yb"):
        year = int(m["yb"])
    if m["half"]:
        half = 2 if word in ("last", "latter") else ORDINALS.get(word, 0)
        if year is None or half not in (1, 2):
            return None
        return Norm("DATE", f"{year}-H{half}")
    if word in ("last", "latter") and year is None:
        return Norm("DATE", shift(ctx.anchor, "quarter", -1) or "")
    q = 4 if word in ("final", "last") else ORDINALS.get(word, 0) or int(word[-1:] or 0)
    if not 1 <= q <= 4:
        return None
    if year is None:
        # "expects to report a profit for the third quarter": the report is ahead, the
        # quarter need not be; a future clause says nothing about which year's quarter.
        tense = ctx.tense()
        year = pick_year(ctx.anchor, quarter_period(q), "" if tense == "future" else tense)
    return Norm("DATE", f"{year}-Q{q}")


class _NumericMatch:
    """Adapter giving the three numeric date layouts the same group names."""

    def __init__(self, m: re.Match[str]) -> None:
        self._m = m

    def __getitem__(self, key: str) -> str | None:
        m = self._m
        for suffix in ("", "2", "3"):
            if m[key + suffix] is not None:
                return m[key + suffix]
        return None
