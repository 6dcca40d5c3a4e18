"""EDTF dates as records store them: '2020', '2020-11', '2020-11-09', seasons and spans.

Records keep a date at the precision the text gave it ("April 2016" stays ``2016-04``).
Seasons use EDTF level 1 codes (``2014-21`` spring, ``-22`` summer, ``-23`` autumn,
``-24`` winter); a trailing ``~`` marks an approximate date; a span is ``start/end``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from generator.errors import EdtfError

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%]?)$")

SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
_SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 12)}
_MONTHS = [calendar.month_name[m] for m in range(13)]


@dataclass(frozen=True, order=True)
class EdtfDate:
    """One EDTF date (not a span): year, optional month or season, optional day."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False

    @property
    def precision(self) -> str:
        """'year', 'season', 'month' or 'day'."""
        if self.month is None:
            return "year"
        if self.month > 12:
            return "season"
        return "month" if self.day is None else "day"

    def first_day(self) -> dt.date:
        """The earliest calendar day the date may mean."""
        if self.month is None:
            return dt.date(self.year, 1, 1)
        if self.month > 12:
            return dt.date(self.year, _SEASON_MONTHS[self.month][0], 1)
        return dt.date(self.year, self.month, self.day or 1)

    def last_day(self) -> dt.date:
        """The latest calendar day the date may mean."""
        if self.month is None:
            return dt.date(self.year, 12, 31)
        month = _SEASON_MONTHS[self.month][1] if self.month > 12 else self.month
        if self.day is not None:
            return dt.date(self.year, month, self.day)
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text + ("~" if self.approximate else "")


def parse_date(text: str) -> EdtfDate:
    """Parse one EDTF date such as '2020', '2020-11', '2014-22' or '2020-11-09~'."""
    match = _DATE_RE.match(str(text).strip())
    if not match:
        raise EdtfError(f"expected an ISO date (2020, 2020-11 or 2020-11-09), got {text!r}")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if month is not None and not (1 <= month <= 12 or month in SEASONS):
        raise EdtfError(f"month must be 01-12 (or a season 21-24), got {text!r}")
    if day is not None:
        if month is None or month > 12:
            raise EdtfError(f"a day needs a month, got {text!r}")
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise EdtfError(f"no such day in {year:04d}-{month:02d}: {text!r}")
    return EdtfDate(year, month, day, approximate=bool(match.group(4)))


@lru_cache(maxsize=65536)
def parse_span(text: str) -> tuple[EdtfDate, EdtfDate | None]:
    """Parse a date or a span 'start/end'; returns (start, end or None)."""
    text = str(text).strip()
    if "/" in text:
        left, right = text.split("/", 1)
        start, end = parse_date(left), parse_date(right)
        if end.last_day() < start.first_day():
            raise EdtfError(f"span ends before it starts: {text!r}")
        return start, end
    return parse_date(text), None


def is_valid(text: object) -> bool:
    """True when text is a date or span that parse_span accepts."""
    try:
        parse_span(str(text))
    except EdtfError:
        return False
    return True


def sort_key(text: str) -> tuple[dt.date, dt.date]:
    """Chronological key: first possible day, then last possible day."""
    start, end = parse_span(text)
    return start.first_day(), (end or start).last_day()


@lru_cache(maxsize=65536)
def bounds(date: str, end: str | None = None) -> tuple[dt.date, dt.date]:
    """First and last calendar day covered by a record's date and optional end."""
    start, span_end = parse_span(date)
    last = span_end or start
    if end:
        last = parse_span(end)[1] or parse_span(end)[0]
    return start.first_day(), last.last_day()


def _format_one(date: EdtfDate) -> str:
    prefix = "c. " if date.approximate else ""
    if date.month is None:
        return f"{prefix}{date.year}"
    if date.month > 12:
        return f"{prefix}{SEASONS[date.month]} {date.year}"
    if date.day is None:
        return f"{prefix}{_MONTHS[date.month]} {date.year}"
    return f"{prefix}{date.day} {_MONTHS[date.month]} {date.year}"


def format_date(date: str, end: str | None = None) -> str:
    """Human display at the date's own precision: 'November 2020', '9–10 October 2020'."""
    start, span_end = parse_span(date)
    if end and span_end is None:
        span_end = parse_span(end)[0]
    if span_end is None:
        return _format_one(start)
    if start.precision == span_end.precision == "day" and (start.year, start.month) == (
        span_end.year,
        span_end.month,
    ):
        return f"{start.day}–{span_end.day} {_MONTHS[start.month or 1]} {start.year}"
    return f"{_format_one(start)} – {_format_one(span_end)}"
