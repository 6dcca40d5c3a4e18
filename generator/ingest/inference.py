"""Publication dates a careful reader works out from the text, when no line states one.

Nothing here reads the clock. The evidence is the text's own dated references:

- a relative day next to its date: "took place yesterday (June 30)" was written on 1 July;
- the lead's news day: "said on Friday (March 10)", or a bare "announced Sunday" fixed by
  a dated reference close to it;
- bounds: the latest date the text tells as past bounds the publication from below, the
  earliest date it tells as ahead ("will reopen on Monday, March 13") and the time a cache
  copied the page bound it from above. When the lead's news day lies at most three days
  under an upper bound, the page was published on that day.

A year-less date takes the year of the same day-month written elsewhere, else the year
that puts it nearest the text's latest dated reference. When the day cannot be pinned
down, the article is left undated (``unknown``), and ``anchor`` gives the earliest day it
can have been written (its latest explicit date, or the lead's news day after it): the
date the tagger counts its relative expressions from, flagged for review downstream.
A year-less dateline or weekday date with nothing in the text to bound its year gives
every year from 1900 to 2100 that fits its weekday, for the corpus-level pass
(``resolve_years``) to choose from.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.ingest.furniture import is_caption
from generator.ingest.published import (
    DAY,
    MON,
    WD,
    WEEKDAY_RE,
    Dateline,
    DateMention,
    find_dates,
    weekday_number,
)
from generator.timex.calendar_words import weekday_years

__all__ = ["DateGuess", "NO_DATE", "infer_published"]

PINNED_DAYS = 3  # news day and upper bound at most this far apart: published that day
NEAR_DAYS = 6  # a weekday is resolved against a dated reference at most this far from it


@dataclass(frozen=True)
class DateGuess:
    """What the evidence says about when an article was published."""

    published: str | None
    how: str
    confidence: float
    candidates: tuple[str, ...] = ()
    anchor: str | None = None  # for an undated article: its earliest possible day


NO_DATE = DateGuess(None, "unknown", 0.0)

# Words before a date that tell it as ahead of the writing ("will reopen on Monday,
# March 13", "starting March 13", "no later than", "until"): not a bound from below.
_AHEAD_RE = re.compile(
    r"\b(?:will|would|shall|'ll|is\s+to|are\s+to|going\s+to|starting|beginning|until|"
    r"till|no\s+later\s+than|scheduled|due|expected|set\s+(?:for|to)|planned|plans?\s+to|"
    r"deadline|ahead\s+of|next|upcoming|run-?off)\b[^.!?]{0,50}$",
    re.IGNORECASE,
)
_RELATIVE_DAY_RE = re.compile(
    rf"\b(?P<rel>yesterday|today|tonight|tomorrow)\s*(?:\(\s*(?:on\s+)?|,\s+)"
    rf"(?:{WD},?\s+)?(?:{MON}\s+{DAY}|{DAY.replace('<day>', '<day2>')}\s+"
    rf"{MON.replace('<mon>', '<mon2>')})",
    re.IGNORECASE,
)
_RELATIVE_OFFSET = {"yesterday": 1, "today": 0, "tonight": 0, "tomorrow": -1}
_NOT_PAST_RE = re.compile(
    r"\b(?:next|until|till|by|every|each|coming|this\s+coming|on\s+or\s+before)\s+$", re.I
)


@dataclass(frozen=True)
class _Reference:
    date: dt.date
    start: int
    ahead: bool
    weekday: bool  # written with its weekday ("on Friday, July 14")


_Years = tuple[dict[tuple[int, int], int], list[dt.date]]


def _ahead(text: str, start: int) -> bool:
    sentence_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    return bool(_AHEAD_RE.search(text[max(sentence_start, start - 80) : start]))


def _years(mentions: list[DateMention], assumed: dt.date | None = None) -> _Years:
    """The years the text writes: by day-month, and its full dates (plus an assumed one)."""
    known = {(m.month, m.day): m.year for m in mentions if m.year is not None and m.date}
    full = [m.date for m in mentions if m.date is not None]
    if assumed is not None:
        known[(assumed.month, assumed.day)] = assumed.year
        full.append(assumed)
    return known, full


def _resolve(mention: DateMention, years: _Years) -> dt.date | None:
    """The date of a mention: as written, or with the year the text gives it."""
    known, full = years
    if mention.date is not None:
        return mention.date
    if (mention.month, mention.day) in known:
        return mention.on(known[(mention.month, mention.day)])
    if not full:
        return None
    latest = max(full)
    options = [mention.on(latest.year + delta) for delta in (-1, 0, 1)]
    if mention.weekday is not None:
        options = [d for d in options if d is not None and d.weekday() == mention.weekday]
    valid = [d for d in options if d is not None]
    return min(valid, key=lambda d: abs((d - latest).days)) if valid else None


def _references(text: str, mentions: list[DateMention], years: _Years) -> list[_Reference]:
    found = []
    for mention in mentions:
        date = _resolve(mention, years)
        if date is not None:
            ahead = _ahead(text, mention.start)
            found.append(_Reference(date, mention.start, ahead, mention.weekday is not None))
    return found


def _lead_weekday(lead: str) -> int | None:
    for match in WEEKDAY_RE.finditer(lead):
        before = lead[max(0, match.start() - 20) : match.start()]
        if not _NOT_PAST_RE.search(before) and not _ahead(lead, match.start()):
            return weekday_number(match["wd"])
    return None


def _relative_day(text: str, years: _Years) -> dt.date | None:
    """'took place yesterday (June 30)': the day the text was written."""
    for match in _RELATIVE_DAY_RE.finditer(text):
        month_word, day_word = match["mon"] or match["mon2"], match["day"] or match["day2"]
        found = find_dates(f"{month_word} {day_word}")
        date = _resolve(found[0], years) if found else None
        if date is not None:
            return date + dt.timedelta(days=_RELATIVE_OFFSET[match["rel"].lower()])
    return None


@dataclass(frozen=True)
class _Reading:
    """What the text pins down under one assumption about its years."""

    pinned: DateGuess | None
    news_day: dt.date | None
    lower: dt.date | None


def _read(
    text: str,
    lead: str,
    lead_start: int,
    mentions: list[DateMention],
    years: _Years,
    captured: dt.date | None,
) -> _Reading:
    """The publication day when the text pins it (a relative day next to its date, or the
    lead's news day just under an upper bound); else the news day and the lower bound."""
    relative = _relative_day(text, years)
    if relative is not None:
        iso = relative.isoformat()
        return _Reading(DateGuess(iso, "text", 0.8, (iso,)), relative, relative)
    refs = _references(text, mentions, years)
    past = [r.date for r in refs if not r.ahead]
    ahead = [r.date for r in refs if r.ahead]
    lower = max(past) if past else None
    upper = min([*ahead, *([captured] if captured else [])], default=None)
    end = lead_start + len(lead)
    in_lead = [r for r in refs if lead_start <= r.start < end and not r.ahead]
    news_day = _news_day(in_lead, _lead_weekday(lead), lower, upper)
    if news_day is not None and upper is not None and 0 <= (upper - news_day).days <= PINNED_DAYS:
        iso = news_day.isoformat()
        return _Reading(DateGuess(iso, "text", 0.7, (iso,)), news_day, lower)
    if in_lead and in_lead[0].weekday and (lower is None or in_lead[0].date >= lower):
        # "lifted off on Friday, July 14": news names the weekday of a day of the current
        # week; told as the latest news, it is the day of the report.
        iso = in_lead[0].date.isoformat()
        return _Reading(DateGuess(iso, "text", 0.6, (iso,)), news_day, lower)
    return _Reading(None, news_day, lower)


def infer_published(
    text: str,
    *,
    lead: str,
    dateline: Dateline | None,
    captured: dt.date | None = None,
    stamps: Sequence[tuple[int, int, str]] = (),
) -> DateGuess:
    """Publication date from a year-less dateline and the text, or from the text alone
    (``captured``: when a cache copied the page, an upper bound). A live page's latest
    year-less update stamp (``stamps``: "Update 6:20 p.m. EST Nov. 19: Biden told reporters
    Friday ...", as month, day and the news it opens) is read as a dateline whose lead
    is that news."""
    mentions = find_dates(text)
    years = _years(mentions)
    lead_start = max(text.find(lead), 0) if lead else 0
    stamp = max(stamps, key=lambda found: found[:2], default=None)
    if dateline is not None and dateline.month is not None and dateline.day is not None:
        stamp = (dateline.month, dateline.day, lead)
    if stamp is not None:
        past = [r.date for r in _references(text, mentions, years) if not r.ahead]
        guess = _dateline_date(stamp[0], stamp[1], _lead_weekday(stamp[2]), max(past, default=None))
        if guess is not None:
            return guess
    reading = _read(text, lead, lead_start, mentions, years, captured)
    if reading.pinned is not None:
        return reading.pinned
    yearless = [m for m in mentions if m.weekday is not None and m.year is None]
    if not years[1] and yearless:
        # "Monday, March 13" and no year anywhere: each year its weekday allows gives a
        # reading of the whole text; the corpus chooses among them (resolve_years).
        first = yearless[0]
        readings = []
        for assumed in weekday_years(first.month, first.day, first.weekday):
            other = _read(text, lead, lead_start, mentions, _years(mentions, assumed), captured)
            day = other.pinned.published if other.pinned else None
            readings.append(day or (other.news_day or assumed).isoformat())
        return DateGuess(None, "text-weekday", 0.5, tuple(readings))
    latest = _written_near(reading.lower, _lead_weekday(lead))
    if latest is not None and reading.lower == _caption_date(text, mentions, years):
        iso = latest.isoformat()
        return DateGuess(iso, "text-latest", 0.5, (iso,))
    anchor = reading.news_day or reading.lower
    return DateGuess(None, "unknown", 0.0, (), anchor.isoformat() if anchor else None)


def _caption_date(text: str, mentions: list[DateMention], years: _Years) -> dt.date | None:
    """The latest date the page's picture captions give ("This shows ... Tuesday, Jan. 2,
    2024. (Kyodo News via AP)"): the day a picture of the news was taken (``mentions``:
    the dates of the whole text)."""
    captions = []
    start = 0
    for line in text.split("\n"):
        if is_caption(line):
            captions.append((start, start + len(line)))
        start += len(line) + 1
    dates = [_resolve(m, years) for m in mentions if any(a <= m.start < b for a, b in captions)]
    return max((d for d in dates if d is not None), default=None)


def _written_near(lower: dt.date | None, weekday: int | None) -> dt.date | None:
    """A page with no date line whose latest dated reference is a picture's caption
    ("Tuesday, Oct. 10, 2023") and whose lead tells a weekday ("officials said Tuesday"):
    written on the later of that day and the lead's day nearest to it. A date in the text
    itself only bounds the day from below (the article is left undated)."""
    if lower is None or weekday is None:
        return None
    after = (weekday - lower.weekday()) % 7
    nearest = lower + dt.timedelta(days=after if after <= 3 else after - 7)
    return max(lower, nearest)


def _dateline_date(
    month: int, day: int, weekday: int | None, lower: dt.date | None
) -> DateGuess | None:
    """A year-less dateline ("BAKU, May 11"): the first such day from the text's latest
    dated reference on (the lead's weekday, when it fits within two years, confirms it);
    with no reference, every year its weekday allows, for the corpus to choose from."""
    if lower is not None:
        for wd, sure in ((weekday, 0.8), (None, 0.7)):
            for year in (lower.year, lower.year + 1, lower.year + 2):
                try:
                    date = dt.date(year, month, day)
                except ValueError:
                    continue
                if date >= lower and (wd is None or date.weekday() == wd):
                    return DateGuess(date.isoformat(), "dateline", sure, (date.isoformat(),))
        return None
    if weekday is None:
        return None
    dates = weekday_years(month, day, weekday)
    if not dates:
        return None
    return DateGuess(None, "dateline", 0.5, tuple(d.isoformat() for d in dates))


def _news_day(
    in_lead: list[_Reference], weekday: int | None, lower: dt.date | None, upper: dt.date | None
) -> dt.date | None:
    """The day the lead's news happened: the lead's weekday, on a date the lead writes
    ("on Friday, July 14") or fixed by a dated reference near it (the last such day up to
    an upper bound, or the first from the lower bound on); without a weekday, the first
    date the lead tells as past; else the lower bound."""
    if weekday is None:
        return in_lead[0].date if in_lead else lower
    for ref in in_lead:
        if ref.date.weekday() == weekday:
            return ref.date
    if upper is not None:
        # On or before the upper bound: "announced on Monday" that branches "will open
        # on Monday, March 27" is that Monday.
        day = upper - dt.timedelta(days=(upper.weekday() - weekday) % 7)
        if (lower is None or day >= lower) and (upper - day).days <= NEAR_DAYS:
            return day
    if lower is not None:
        day = lower + dt.timedelta(days=(weekday - lower.weekday()) % 7)
        if (day - lower).days <= NEAR_DAYS and (upper is None or day <= upper):
            return day
    return lower
