"""Relative temporal expressions: anchored on the publication date or on the reference
time (the last day-precision date told before them).

Handlers of the pattern table (``timex_patterns``): each turns a match into a ``Norm``
or rejects it, with the calendar arithmetic of ``timex_normalize``.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.timex.normalize import (
    WEEKDAYS,
    Context,
    Norm,
    canonical_unit,
    day_value,
    duration_value,
    parse_number,
    shift,
    weekday_date,
    word_before,
)

__all__ = [
    "ago",
    "part_of_period",
    "ref_word",
    "relative_day",
    "relative_unit",
    "same_period",
    "weekday_expr",
]


_PART_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_DAY_WORDS = {
    "today": 0,
    "tonight": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "last night": -1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


def relative_day(m: re.Match[str], ctx: Context) -> Norm | None:
    """'today', 'yesterday', 'tomorrow', 'earlier today', 'yesterday morning', 'tonight'."""
    word = " ".join(m["w"].lower().split())
    if word in ("this morning", "this afternoon", "this evening"):
        return Norm("TIME", f"{ctx.anchor.isoformat()}T{_PART_OF_DAY[word.split()[1]]}")
    day = ctx.anchor + dt.timedelta(days=_DAY_WORDS[word])
    pod = (m["pod"] or "").lower() or ("night" if "night" in word else "")
    if pod:
        return Norm("TIME", f"{day.isoformat()}T{_PART_OF_DAY[pod]}")
    return Norm("DATE", day_value(day))


_NOT_A_DAY = {
    "black",
    "cyber",
    "blue",
    "good",
    "easter",
    "super",
    "ash",
    "holy",
    "bloody",
    "palm",
    "whit",
    "shrove",
    "giving",
}


def weekday_expr(m: re.Match[str], ctx: Context) -> Norm | None:
    """'on Monday' (the anchor's own day, else the latest past one), 'next Friday'."""
    if word_before(m, "wd").lower() in _NOT_A_DAY and not m["rel"]:
        return None
    wd = WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower().split()
    anchor = ctx.anchor
    if rel == ["last"] or rel[-1:] == ["past"]:
        delta = (anchor.weekday() - wd) % 7 or 7
        day = anchor - dt.timedelta(days=delta)
    elif rel == ["next"] or rel[-1:] == ["coming"]:
        day = anchor + dt.timedelta(days=(wd - anchor.weekday()) % 7 or 7)
    else:
        day = weekday_date(anchor, wd, ctx.tense())
    if m["pod"]:
        return Norm("TIME", f"{day.isoformat()}T{_PART_OF_DAY[m['pod'].lower()]}")
    return Norm("DATE", day_value(day))


def relative_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    """'last week' -> 2004-W47, 'next year', 'this month', 'the previous year', 'the weekend'."""
    rel = " ".join(m["rel"].lower().split())
    unit = canonical_unit(m["u"])
    if rel in ("the past", "the next", "the coming", "the last") and unit not in ("weekend",):
        if rel == "the last" and unit in ("year", "month", "week", "quarter"):
            return Norm("DATE", shift(ctx.anchor, unit, -1) or "")
        return Norm("DURATION", duration_value(1, unit))
    offsets = {
        "this": 0,
        "current": 0,
        "the current": 0,
        "this past": -1,
        "last": -1,
        "past": -1,
        "previous": -1,
        "the previous": -1,
        "the last": -1,
        "next": 1,
        "coming": 1,
        "this coming": 1,
        "the coming": 1,
        "the next": 1,
    }
    if rel in ("the following", "the same", "that"):
        base = ctx.ref
        n = 1 if rel == "the following" else 0
    elif rel == "the":
        if unit != "weekend":
            return None
        base, n = ctx.ref, 0
        if base.weekday() < 5:
            n = -1 if ctx.tense() != "future" else 0
    else:
        base, n = ctx.anchor, offsets.get(rel, 0)
    value = shift(base, unit, n)
    return Norm("DATE", value) if value else None


def ago(m: re.Match[str], ctx: Context) -> Norm | None:
    """'a week ago' -> day, 'two years ago' -> year, 'a year earlier' (from the reference)."""
    n = parse_number(m["n"])
    unit = canonical_unit(m["u"])
    if n is None or n != int(n):
        return None
    direction = m["dir"].lower().split()[0]
    base = ctx.anchor if direction in ("ago", "from", "hence") else ctx.ref
    sign = 1 if direction in ("later", "after", "from", "hence") else -1
    k = int(n) * sign
    if unit in ("day", "night"):
        return Norm("DATE", day_value(base + dt.timedelta(days=k)))
    if unit == "week":
        return Norm("DATE", day_value(base + dt.timedelta(weeks=k)))
    if unit in ("month", "year", "decade", "century", "quarter"):
        value = shift(base, unit, k)
        return Norm("DATE", value) if value else None
    return None


def _back_one_year(value: str) -> str | None:
    m = re.match(r"^(\d{4})(.*)$", value)
    if not m or m[2].startswith("T"):
        return None
    return f"{int(m[1]) - 1}{m[2]}"


def same_period(m: re.Match[str], ctx: Context) -> Norm | None:
    """'the same period last year', 'the same month a year ago': the period just told,
    one year back; 'the year before' / 'the year previous': the year before the one told."""
    what = (m["what"] or m["what2"]).lower()
    last = ctx.last_value or ctx.anchor.isoformat()
    if what == "year":
        return Norm("DATE", str(int(last[:4]) - 1))
    if what == "month":
        last = last[:7] if re.match(r"^\d{4}-\d{2}", last) else ctx.anchor.strftime("%Y-%m")
    elif what == "quarter" and not re.match(r"^\d{4}-Q", last):
        last = shift(ctx.anchor, "quarter", 0) or last
    value = _back_one_year(last)
    return Norm("DATE", value) if value else None


def part_of_period(m: re.Match[str], ctx: Context) -> Norm | None:
    """'the beginning of the year', 'the end of the month': the anchor's year or month."""
    value = shift(ctx.anchor, canonical_unit(m["u"]), 0)
    return Norm("DATE", value) if value else None


def ref_word(m: re.Match[str], ctx: Context) -> Norm | None:
    """'now'/'currently' -> PRESENT_REF, 'recently' -> PAST_REF, 'in the future'."""
    word = " ".join(m[0].lower().split())
    if word in ("the day before", "the previous day", "the day earlier", "the eve"):
        return Norm("DATE", day_value(ctx.ref - dt.timedelta(days=1)))
    if word in (
        "the next day",
        "the following day",
        "the day after",
        "the same day",
        "that day",
        "that same day",
    ):
        delta = 0 if word in ("the same day", "that day", "that same day") else 1
        return Norm("DATE", day_value(ctx.ref + dt.timedelta(days=delta)))
    if re.search(r"the day$", word):
        return Norm("DATE", day_value(ctx.ref))
    if word.endswith(
        (
            "now",
            "currently",
            "presently",
            "present",
            "being",
            "nowadays",
            "these days",
            "moment",
            "current",
        )
    ):
        return Norm("DATE", "PRESENT_REF")
    if word.endswith(("recently", "past", "recent")):
        return Norm("DATE", "PAST_REF")
    return Norm("DATE", "FUTURE_REF")
