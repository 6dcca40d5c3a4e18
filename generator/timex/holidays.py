"""Holidays of English-language news: "Thanksgiving Day", "on Christmas Eve", "last Easter",
"Election Day". TimeML tags a holiday used as a date with the day it falls on (or its
week: "Easter week"); its year comes from the text ("Christmas 2019"), a relative word
("last Thanksgiving") or, as for any date without a year, the anchor and the tense.

A fixed holiday is a month and a day; a movable one is computed: the nth weekday of a
month (Thanksgiving: the fourth Thursday of November), the last one (Memorial Day), the
Tuesday after the first Monday of November (US Election Day), or Easter (the Gregorian
computus) and the days counted from it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

from generator.timex.normalize import Context, Norm, day_value, iso_week, pick_year

__all__ = ["HOLIDAY_PATTERN", "holiday_expr"]


def easter(year: int) -> dt.date:
    """Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _nth_weekday(month: int, weekday: int, n: int) -> Callable[[int], dt.date]:
    """The nth (1-based; -1: the last) given weekday (0 = Monday) of a month."""

    def day(year: int) -> dt.date:
        days = [
            d
            for d in range(1, calendar.monthrange(year, month)[1] + 1)
            if dt.date(year, month, d).weekday() == weekday
        ]
        return dt.date(year, month, days[n - 1 if n > 0 else n])

    return day


def _fixed(month: int, day: int) -> Callable[[int], dt.date]:
    return lambda year: dt.date(year, month, day)


def _election_day(year: int) -> dt.date:
    return _nth_weekday(11, 0, 1)(year) + dt.timedelta(days=1)


def _from_easter(days: int) -> Callable[[int], dt.date]:
    return lambda year: easter(year) + dt.timedelta(days=days)


# Name (lower case, spaces single) -> the day in a given year.
_HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas": _fixed(12, 25),
    "christmas day": _fixed(12, 25),
    "christmas eve": _fixed(12, 24),
    "boxing day": _fixed(12, 26),
    "new year's day": _fixed(1, 1),
    "new year's eve": _fixed(12, 31),
    "halloween": _fixed(10, 31),
    "valentine's day": _fixed(2, 14),
    "independence day": _fixed(7, 4),
    "the fourth of july": _fixed(7, 4),
    "july fourth": _fixed(7, 4),
    "veterans day": _fixed(11, 11),
    "thanksgiving": _nth_weekday(11, 3, 4),
    "thanksgiving day": _nth_weekday(11, 3, 4),
    "labor day": _nth_weekday(9, 0, 1),
    "memorial day": _nth_weekday(5, 0, -1),
    "martin luther king day": _nth_weekday(1, 0, 3),
    "martin luther king jr. day": _nth_weekday(1, 0, 3),
    "presidents' day": _nth_weekday(2, 0, 3),
    "mother's day": _nth_weekday(5, 6, 2),
    "father's day": _nth_weekday(6, 6, 3),
    "election day": _election_day,
    "easter": _from_easter(0),
    "easter sunday": _from_easter(0),
    "easter monday": _from_easter(1),
    "good friday": _from_easter(-2),
}

HOLIDAY_PATTERN = (
    r"(?:(?P<rel>(?i:last|next|this|this\s+past|this\s+coming))\s+)?"
    r"(?P<h>Christmas(?:\s+(?:Day|Eve))?|Boxing\s+Day|New\s+Year['’]s\s+(?:Day|Eve)|Halloween|"
    r"Valentine['’]s\s+Day|Independence\s+Day|(?:the\s+)?Fourth\s+of\s+July|July\s+Fourth|"
    r"Veterans['’]?\s+Day|Thanksgiving(?:\s+Day)?|Labor\s+Day|Memorial\s+Day|"
    r"Martin\s+Luther\s+King(?:\s+Jr\.)?\s+Day|Presidents['’]?\s+Day|Mother['’]s\s+Day|"
    r"Father['’]s\s+Day|Election\s+Day|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday)"
    r"(?P<week>\s+week)?(?![\w'’])"
    r"(?:,?\s+(?:of\s+)?(?P<y>(?:1[6-9]|20)\d\d)(?![\d%]))?"
)

# Said as a date: after a preposition or a relative word, or as a "Day"/"Eve" name. A
# bare "Christmas" before a noun is an adjective ("Christmas sales", "Christmas Island").
_DATE_BEFORE = re.compile(
    r"(?i)\b(?:on|at|by|before|after|since|until|till|over|for|during|around|from|to|"
    r"through|of|last|next|this|past|coming|until|by)\s+$"
)
_NOUN_AFTER = re.compile(r"\s+(?!(?:and|or|to|in|on|at|for|with|the|a|an|of)\b)[A-Za-z]")


def _key(name: str) -> str:
    key = " ".join(name.lower().replace("’", "'").split())
    key = key.replace("veterans' day", "veterans day").replace("presidents day", "presidents' day")
    return key if key in _HOLIDAYS else key.removeprefix("the ")


def holiday_expr(m: re.Match[str], ctx: Context) -> Norm | None:
    """'Thanksgiving Day' -> 1999-11-25, 'last Easter', 'Christmas 2019', 'Easter week'."""
    name = m["h"]
    day_of = _HOLIDAYS.get(_key(name))
    if day_of is None:
        return None
    dated = m["rel"] or m["y"] or m["week"] or re.search(r"(?:Day|Eve)$", name)
    if not dated and not _DATE_BEFORE.search(m.string, max(0, m.start() - 12), m.start()):
        return None
    if not m["y"] and not m["week"] and _NOUN_AFTER.match(m.string, m.end()) and not dated:
        return None
    rel = (m["rel"] or "").lower().split()
    if m["y"]:
        year = int(m["y"])
    else:
        anchor = ctx.anchor
        if rel[-1:] == ["past"] or rel == ["last"]:
            year = max(y for y in (anchor.year - 1, anchor.year) if day_of(y) < anchor)
        elif rel[-1:] == ["coming"] or rel == ["next"]:
            year = min(y for y in (anchor.year, anchor.year + 1) if day_of(y) > anchor)
        elif rel == ["this"]:
            year = anchor.year
        else:

            def period(y: int) -> tuple[dt.date, dt.date]:
                if m["week"]:  # the ISO week the day falls in
                    monday = day_of(y) - dt.timedelta(days=day_of(y).weekday())
                    return (monday, monday + dt.timedelta(days=6))
                return (day_of(y), day_of(y))

            year = pick_year(anchor, period, ctx.tense())
    day = day_of(year)
    if m["week"]:
        return Norm("DATE", iso_week(day))
    return Norm("DATE", day_value(day))
