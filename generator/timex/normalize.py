"""Calendar arithmetic for the temporal tagger: anchoring, tense, TIMEX3 values, EDTF.

Everything here is pure and deterministic; the handlers of the pattern table
(``timex_patterns``, ``timex_dates``, ``timex_relative``) call these helpers to turn a
matched expression into a TIMEX3 ``value`` at the precision the text gave it, and
``to_edtf`` turns such a value into the date a record stores.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import NamedTuple

from generator.timex.calendar_words import MONTH_NAMES, WEEKDAY_NAMES

MONTHS = {
    name.lower(): number
    for number, names in enumerate(MONTH_NAMES, start=1)
    for name in names.split()
}
# Full names only: the patterns match no abbreviated weekday.
WEEKDAYS = {names.split()[0].lower(): number for number, names in enumerate(WEEKDAY_NAMES)}

SEASON_CODES = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# EDTF level 1 season numbers, as generator.edtf reads them.
_EDTF_SEASONS = {"SP": "21", "SU": "22", "FA": "23", "WI": "24"}
# Northern-hemisphere months of each season (winter starts in December of its year).
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}

# The number words from one to ninety, as spelled-out years are written ("nineteen
# ninety-six"); the words of a count add "a", "a dozen", "a couple of" ...
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_NUMBER_WORDS = {
    **NUMBER_WORDS,
    "a": 1,
    "an": 1,
    "hundred": 100,
    "a hundred": 100,
    "a dozen": 12,
    "dozen": 12,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "single": 1,
}
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some", "numerous", "a number of")

ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}

Tense = str  # "past", "future" or "" (unknown)
SOON = 60  # days: a yearless date this close ahead of the anchor is read as upcoming
QUARTER_REACH = 1500  # characters: how far a report's quarter carries ("a year ago")


class NoAnchor(Exception):
    """An expression needs the anchor (the publication date) and the article has none."""


class Context:
    """What a normalization needs besides the matched text.

    ``anchor`` is the publication date (None when unknown: then reading it raises
    ``NoAnchor``, and the expression is left out). ``ref`` is the HeidelTime-style
    reference time: the last day-precision date told before the expression ("the day
    before" counts back from it), the anchor at first. ``anchored`` says whether the
    current expression read the anchor, i.e. whether its value depends on the day the
    article was written.
    """

    def __init__(self, anchor: dt.date | None, tense_of: Callable[..., Tense]) -> None:
        self._anchor = anchor
        self._ref: dt.date | None = None  # a day told in the text, once there is one
        self.tense_of = tense_of
        self.last_value: str | None = None
        # the last day told and where it ended: a weekday coordinated with it ("Monday
        # night or Tuesday") lies on its side of the anchor
        self.last_day: dt.date | None = None
        self.last_day_end = -1
        self._last_quarter: tuple[str, int] | None = None  # value, where it was told
        self._year_to_date = -1  # where "the first nine months" was last told
        self.start = 0
        self.end = 0
        self.anchored = False

    @property
    def anchor(self) -> dt.date:
        """The publication date; NoAnchor when the article has none."""
        self.anchored = True
        if self._anchor is None:
            raise NoAnchor
        return self._anchor

    @property
    def ref(self) -> dt.date:
        """The last day told, else the anchor."""
        return self._ref if self._ref is not None else self.anchor

    @ref.setter
    def ref(self, day: dt.date) -> None:
        self._ref = day

    def reference_day(self) -> tuple[dt.date | None, bool]:
        """The reference time without reading it: (day or None, whether it is the anchor)."""
        if self._ref is not None:
            return self._ref, False
        return self._anchor, True

    @property
    def last_quarter(self) -> str | None:
        """The quarter the text reports on: the last one told, if told shortly before (a
        report's quarter does not carry over to the next story of a news digest) and not
        followed by the year to date ("In the nine months, ... a year earlier": the
        comparison is then with the same months of the year before)."""
        if self._last_quarter is None or self.start - self._last_quarter[1] > QUARTER_REACH:
            return None
        if self._year_to_date > self._last_quarter[1]:
            return None
        return self._last_quarter[0]

    def told_quarter(self, value: str, *, ended: bool = False, past: bool = False) -> None:
        """Remember a quarter told at the current expression, if a report can be about it.

        Results are reported for a quarter that is over: "a fourth-quarter charge" ahead
        of the anchor is not the quarter "a year ago" compares with, unless the text says
        it is over (``ended``: "the fiscal fourth quarter", "the quarter ended Sept. 30";
        ``past``: "reported a decline in fourth-quarter earnings"). Of the calendar
        quarters over, the report is about the latest ("after a flat second quarter" in
        a report on the third does not change the subject) unless the text says which.
        """
        if not ended:
            _start, end = quarter_period(int(value[-1]))(int(value[:4]))
            if self._anchor is not None and end >= self._anchor and not past:
                return
            current = self.last_quarter
            if current is not None and current > value:
                return
        self._last_quarter = (value, self.start)

    def still_on_quarter(self) -> None:
        """The text still speaks of the report's quarter here ("the latest quarter", "the
        year-ago period"): it stays in reach."""
        quarter = self.last_quarter
        if quarter is not None:
            self._last_quarter = (quarter, self.start)

    def told_year_to_date(self) -> None:
        """Remember that "the first nine months" (or six) was told here."""
        self._year_to_date = self.start

    def tense(self) -> Tense:
        """Tense of the clause the current expression sits in."""
        return self.tense_of(self.start, self.end)

    def clause_tense(self) -> Tense:
        """Tense of the clause, also for an expression that modifies a noun ("reported a
        decline in fourth-quarter earnings": past)."""
        return self.tense_of(self.start, self.end, through_nouns=True)


@functools.lru_cache(maxsize=4096)
def parse_number(text: str) -> float | None:
    """'three' -> 3, 'twenty-five' -> 25, '1,000' -> 1000, 'two and a half' -> 2.5."""
    t = text.lower().strip().replace("-", " ")
    half = 0.0
    for suffix in (" and a half", " and half"):
        if t.endswith(suffix):
            t, half = t[: -len(suffix)].strip(), 0.5
    if t in ("half a", "half an", "half"):
        return 0.5
    if t.endswith((" 1/2", "½")):
        t, half = t.removesuffix(" 1/2").removesuffix("½").strip(), 0.5
    if re.fullmatch(r"\d[\d,]*(\.\d+)?", t):
        return float(t.replace(",", "")) + half
    if t in _NUMBER_WORDS:
        return _NUMBER_WORDS[t] + half
    parts = t.split()
    if len(parts) == 2 and all(p in _NUMBER_WORDS for p in parts):
        a, b = _NUMBER_WORDS[parts[0]], _NUMBER_WORDS[parts[1]]
        if b == 100:
            return a * 100 + half
        if a >= 20 and b < 10:
            return a + b + half
    return None


def format_amount(n: float) -> str:
    """3.0 -> '3', 2.5 -> '2.5'."""
    return str(int(n)) if n == int(n) else f"{n:g}"


def add_months(d: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (clamped to the month's last day)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def iso_week(d: dt.date) -> str:
    """TIMEX3 week value: 2013-W11."""
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def day_value(d: dt.date) -> str:
    """TIMEX3 day value: 2020-11-09."""
    return d.isoformat()


def pick_year(
    anchor: dt.date,
    period: Callable[[int], tuple[dt.date, dt.date] | None],
    tense: Tense,
) -> int:
    """Year of a yearless expression ("November 9", "the fourth quarter", "summer").

    News convention: with a past-tense verb, the latest occurrence that has begun by the
    anchor; with a future one, the first that has not ended before it; with no tense,
    the latest that has begun unless the next one begins within ``SOON`` days ("the
    June 1 deadline" written on May 28).
    """
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        bounds = period(year)
        if bounds is not None:
            candidates.append((year, bounds))
    if not candidates:
        return anchor.year
    if tense == "past":
        past = [y for y, (s, _e) in candidates if s <= anchor]
        if past:
            return max(past)
    elif tense == "future":
        future = [y for y, (_s, e) in candidates if e >= anchor]
        if future:
            return min(future)

    upcoming = [(s, y) for y, (s, _e) in candidates if s > anchor]
    begun = [y for y, (s, _e) in candidates if s <= anchor]
    if upcoming and (min(upcoming)[0] - anchor).days <= SOON or not begun:
        return min(upcoming)[1]
    return max(begun)


def month_period(
    month: int, day: int | None = None
) -> Callable[[int], tuple[dt.date, dt.date] | None]:
    """Bounds of a month (or one of its days) in a given year, for ``pick_year``."""

    def period(year: int) -> tuple[dt.date, dt.date] | None:
        last = calendar.monthrange(year, month)[1]
        if day is not None:
            if not 1 <= day <= last:
                return None
            return (dt.date(year, month, day), dt.date(year, month, day))
        return (dt.date(year, month, 1), dt.date(year, month, last))

    return period


def season_period(code: str) -> Callable[[int], tuple[dt.date, dt.date]]:
    """Bounds of a season in a given year."""
    first, last = _SEASON_MONTHS[code]

    def period(year: int) -> tuple[dt.date, dt.date]:
        end = add_months(dt.date(year, first, 1), last - first + 1) - dt.timedelta(days=1)
        return (dt.date(year, first, 1), end)

    return period


def quarter_period(q: int) -> Callable[[int], tuple[dt.date, dt.date]]:
    """Bounds of a calendar quarter in a given year."""

    def period(year: int) -> tuple[dt.date, dt.date]:
        start = dt.date(year, 3 * q - 2, 1)
        return (start, add_months(start, 3) - dt.timedelta(days=1))

    return period


def weekday_date(anchor: dt.date, weekday: int, tense: Tense) -> dt.date:
    """Date of a bare weekday: the anchor's own day if it matches, else the latest past
    one (news default) or, in a future-tense clause, the next one."""
    delta = (anchor.weekday() - weekday) % 7
    if delta == 0:
        return anchor
    if tense == "future":
        return anchor + dt.timedelta(days=7 - delta)
    return anchor - dt.timedelta(days=delta)


def shift(anchor: dt.date, unit: str, n: int) -> str | None:
    """TIMEX3 value of the ``unit`` that is ``n`` units from the anchor's (precision: unit)."""
    if unit == "day":
        return day_value(anchor + dt.timedelta(days=n))
    if unit == "week":
        return iso_week(anchor + dt.timedelta(weeks=n))
    if unit == "weekend":
        return iso_week(anchor + dt.timedelta(weeks=n)) + "-WE"
    if unit == "month":
        return add_months(anchor.replace(day=1), n).strftime("%Y-%m")
    if unit == "quarter":
        q = (anchor.month - 1) // 3 + n
        y, q = divmod(q, 4)
        return f"{anchor.year + y}-Q{q + 1}"
    if unit == "year":
        return str(anchor.year + n)
    if unit == "decade":
        return str(anchor.year // 10 + n)
    if unit == "century":
        return str(anchor.year // 100 + n)
    return None


_UNIT_CODES = {
    "second": "TS",
    "minute": "TM",
    "hour": "TH",
    "day": "D",
    "night": "D",
    "week": "W",
    "weekend": "WE",
    "fortnight": "W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
}


# A fraction of a unit is written in the next smaller one: 2 1/2 years -> P2Y6M.
_SMALLER = {
    "year": ("month", 12),
    "day": ("hour", 24),
    "hour": ("minute", 60),
    "minute": ("second", 60),
}


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration from a canonical unit: (3, 'year') -> P3Y, (None, 'year') -> PXY,
    (30, 'minute') -> PT30M, (1, 'decade') -> P10Y, (2.5, 'year') -> P2Y6M."""
    if unit == "decade" and n is not None:
        n, unit = n * 10, "year"
    if unit == "fortnight" and n is not None:
        n, unit = n * 2, "week"
    code = _UNIT_CODES.get(unit, "D")
    if n is not None and n != int(n) and unit in _SMALLER:
        small, per = _SMALLER[unit]
        whole, rest = int(n), round((n - int(n)) * per)
        if whole == 0:
            return duration_value(rest, small)
        tail = duration_value(rest, small)
        head = duration_value(whole, unit)
        if head.startswith("PT") or not tail.startswith("PT"):
            return head + tail[2 if head.startswith("PT") else 1 :]
        return head + tail[1:]
    amount = "X" if n is None else format_amount(n)
    if code.startswith("T"):
        return f"PT{amount}{code[1:]}"
    return f"P{amount}{code}"


def canonical_unit(word: str) -> str:
    """'Years' -> 'year', 'centuries' -> 'century', 'nights' -> 'night'."""
    w = word.lower()
    if w in ("centuries", "century"):
        return "century"
    return w[:-1] if w.endswith("s") else w


_VALUE_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_VALUE_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_VALUE_YEAR = re.compile(r"^\d{4}$")
_VALUE_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_VALUE_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_VALUE_HALF = re.compile(r"^(\d{4})-H([12])$")
_VALUE_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_VALUE_DECADE = re.compile(r"^(\d{3})$")
_VALUE_CENTURY = re.compile(r"^(\d{2})$")


@functools.lru_cache(maxsize=4096)
def to_edtf(value: str) -> str | None:
    """EDTF date for a record from a TIMEX3 value, or None when it is no calendar position.

    ``2020-11-09``, ``2020-11``, ``2020`` pass through; a time keeps its day; seasons use
    EDTF level 1 codes (``2014-SU`` -> ``2014-22``); quarters, halves, weeks, weekends,
    decades and centuries become spans (``2009-Q1`` -> ``2009-01/2009-03``,
    ``2013-W11`` -> ``2013-03-11/2013-03-17``, ``199`` -> ``1990/1999``).
    Durations, sets, ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF`` and ``XXXX`` values give None.
    """
    if m := _VALUE_DAY.match(value):
        return f"{m[1]}-{m[2]}-{m[3]}"
    if _VALUE_MONTH.match(value) or _VALUE_YEAR.match(value):
        return value
    if m := _VALUE_SEASON.match(value):
        return f"{m[1]}-{_EDTF_SEASONS[m[2]]}"
    if m := _VALUE_QUARTER.match(value):
        q = int(m[2])
        return f"{m[1]}-{3 * q - 2:02d}/{m[1]}-{3 * q:02d}"
    if m := _VALUE_HALF.match(value):
        return f"{m[1]}-01/{m[1]}-06" if m[2] == "1" else f"{m[1]}-07/{m[1]}-12"
    if m := _VALUE_WEEK.match(value):
        try:
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            monday + dt.timedelta(days=6)
        except (ValueError, OverflowError):
            return None  # no such week, or past the end of the calendar
        if m[3]:
            return f"{monday + dt.timedelta(days=5)}/{monday + dt.timedelta(days=6)}"
        return f"{monday}/{monday + dt.timedelta(days=6)}"
    if m := _VALUE_DECADE.match(value):
        return f"{m[1]}0/{m[1]}9"
    if m := _VALUE_CENTURY.match(value):
        return f"{m[1]}00/{m[1]}99"
    return None


# --- what a pattern handler returns, and a helper the handlers share ---------------


class Norm(NamedTuple):
    """A normalized expression: TIMEX3 type and value, and an EDTF span if not derivable."""

    type: str
    value: str
    edtf: str | None = None


def word_before(m: re.Match[str], group: int | str = 0) -> str:
    """The word just before a match (or one of its groups): 'in' for 'in May'."""
    before = m.string[max(0, m.start(group) - 30) : m.start(group)]
    words = re.findall(r"[A-Za-z']+", before)
    return words[-1] if words else ""
