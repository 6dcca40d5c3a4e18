"""English month and weekday names with their usual abbreviations, shared by the ingest
date reader (``ingest_dates``) and the temporal tagger (``timex_normalize``).

Spelled out rather than taken from ``calendar``, whose names follow the process locale.
"""

from __future__ import annotations

__all__ = ["MONTH_NAMES", "WEEKDAY_NAMES"]

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
