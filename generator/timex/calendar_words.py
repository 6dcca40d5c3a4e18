"""English month and weekday names with their usual abbreviations, shared by the ingest
date reader (``ingest_dates``) and the temporal tagger (``timex_normalize``).

Spelled out rather than taken from ``calendar``, whose names follow the process locale.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["FIRST_YEAR", "LAST_YEAR", "MONTH_NAMES", "WEEKDAY_NAMES", "weekday_years"]

# One entry a month (January first) or a weekday (Monday first, as date.weekday() counts):
# the full name, then its abbreviations, as news text writes them.
MONTH_NAMES = (
    "January Jan",
    "February Feb",
    "March Mar",
    "April Apr",
    "May",
    "June Jun",
    "July Jul",
    "August Aug",
    "September Sept Sep",
    "October Oct",
    "November Nov",
    "December Dec",
)
WEEKDAY_NAMES = (
    "Monday Mon",
    "Tuesday Tues Tue",
    "Wednesday Wed",
    "Thursday Thurs Thur Thu",
    "Friday Fri",
    "Saturday Sat",
    "Sunday Sun",
)


FIRST_YEAR, LAST_YEAR = 1900, 2100  # the years a year-less date may take with no bound


def weekday_years(month: int, day: int, weekday: int | None) -> list[dt.date]:
    """Every date with this day and month (and this weekday, Monday 0, when given) from
    FIRST_YEAR to LAST_YEAR: the years a year-less date written with its weekday may be."""
    dates = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if weekday is None or date.weekday() == weekday:
            dates.append(date)
    return dates
