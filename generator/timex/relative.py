"""Relative temporal expressions: anchored on the publication date or on the reference
time (the last day-precision date told before them).

Handlers of the pattern table (``timex_patterns``): each turns a match into a ``Norm``
or rejects it, with the calendar arithmetic of ``timex_normalize``.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.timex.normalize import (
    ORDINALS,
    WEEKDAYS,
    Context,
    Norm,
    Tense,
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
    "anaphoric_period",
    "part_of_day",
    "part_of_period",
    "ref_word",
    "relative_day",
    "relative_unit",
    "same_period",
    "weekday_expr",
    "year_ago_period",
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


# "until Friday", "as soon as Monday", "as early as Tuesday": a day ahead unless the clause
# is in the past.
_AHEAD = re.compile(
    r"(?i)\b(?:until|till|as\s+(?:soon|early)\s+as)\s+"
    # "until 9 a.m. EST Tuesday": a clock time may come first.
    r"(?:(?:at\s+)?(?:\d{1,2}(?:[:.]\d\d)?\s*(?:a\.m\.|p\.m\.|am|pm)?|noon|midnight)"
    r"(?:\s+[A-Z]{3})?,?\s+)?$"
)
# "postponed until Tuesday", "extended the deadline until Friday": whatever the tense of
# the putting off, the day it is put off to lies ahead.
_PUT_OFF = re.compile(
    r"(?i)\b(?:postpon|extend|delay|defer|adjourn|gave|give|given|grant|suspend|put\s+off|"
    r"push\w*\s+back|recess)\w*\b[^.;!?]{0,60}$"
)


_COORDINATOR = re.compile(r"\s*(?:,\s*)?(?:or|and|to|through)?\s*", re.IGNORECASE)


def _coordinated_side(m: re.Match[str], ctx: Context) -> Tense | None:
    """'no later than Monday night or Tuesday': a weekday joined to the day told just
    before it lies on the same side of the anchor ("future" or "past"); None otherwise."""
    last = ctx.last_day
    if last is None or last == ctx.anchor:
        return None
    if not _COORDINATOR.fullmatch(m.string, ctx.last_day_end, m.start()):
        return None
    return "future" if last > ctx.anchor else "past"


def weekday_expr(m: re.Match[str], ctx: Context) -> Norm | None:
    """'on Monday' (the anchor's own day, else the latest past one, or the next one in a
    future clause), 'next Friday', 'last Tuesday', 'the previous Friday' (before the
    reference date), 'the following Monday' (after it), 'Wednesday last week' (that day of
    the week before the anchor's)."""
    if word_before(m, "wd").lower() in _NOT_A_DAY and not m["rel"]:
        return None
    wd = WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower().split()
    anchor = ctx.anchor
    if m["wk"]:  # "Wednesday last week": that weekday of the week before the anchor's
        weeks = {"last": -1, "this": 0, "next": 1}[m["wk"].lower()]
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=weeks)
        day = monday + dt.timedelta(days=wd)
    elif rel == ["previous"]:
        day = ctx.ref - dt.timedelta(days=(ctx.ref.weekday() - wd) % 7 or 7)
    elif rel == ["following"]:
        day = ctx.ref + dt.timedelta(days=(wd - ctx.ref.weekday()) % 7 or 7)
    elif rel == ["last"] or rel[-1:] == ["past"]:
        day = anchor - dt.timedelta(days=(anchor.weekday() - wd) % 7 or 7)
    elif rel == ["next"] or rel[-1:] == ["coming"]:
        day = anchor + dt.timedelta(days=(wd - anchor.weekday()) % 7 or 7)
    else:
        tense = ctx.tense()
        ahead = _AHEAD.search(m.string, max(0, m.start() - 40), m.start())
        if ahead and (
            tense != "past" or _PUT_OFF.search(m.string, max(0, ahead.start() - 80), ahead.start())
        ):
            tense = "future"
        tense = _coordinated_side(m, ctx) or tense
        day = weekday_date(anchor, wd, tense)
    if m["pod"]:
        # TimeML news annotates "Friday night" as a DATE with its part of the day.
        return Norm("DATE", f"{day.isoformat()}T{_PART_OF_DAY[m['pod'].lower()]}")
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
        base = _last_told(ctx, unit)
        n = 1 if rel == "the following" else 0
    elif rel == "the":
        if unit != "weekend":
            return None
        # The weekend next to the article's day, not to the last day told: a Monday
        # story on "Friday's trading" says "over the weekend" of the two days between.
        base, n = ctx.anchor, 0
        if base.weekday() < 5:
            n = -1 if ctx.tense() != "future" else 0
    else:
        base, n = ctx.anchor, offsets.get(rel, 0)
    value = shift(base, unit, n)
    return Norm("DATE", value) if value else None


_REF_DIRECTION = {"ago": "PAST_REF", "earlier": "PAST_REF", "before": "PAST_REF"}


def _last_told(ctx: Context, unit: str) -> dt.date:
    """The date 'that year', 'the following month' count from: the last date told at
    least as precisely as the unit, else the reference date."""
    last = ctx.last_value or ""
    precise = {"year": 4, "quarter": 7, "month": 7, "week": 10, "weekend": 10, "day": 10}
    match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", last)
    if match and len(match[0]) >= precise.get(unit, 10):
        return dt.date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    return ctx.ref


def _year_back(value: str | None) -> str | None:
    m = re.match(r"^(\d{4})(-Q[1-4]|-H[12])$", value or "")
    return f"{int(m[1]) - 1}{m[2]}" if m else None


def _told_base(ctx: Context, unit: str) -> dt.date:
    """What 'a year later' counts from: the last date told when it is a month or a year
    told after the last day ('in May 2022 ... a year later' is May 2023) and precise enough
    for the unit; else the last day told, else the anchor."""
    told = re.fullmatch(r"(\d{4})(?:-(\d\d))?", ctx.last_value or "")
    if told and (unit in ("year", "decade", "century") or (unit == "month" and told[2])):
        return dt.date(int(told[1]), int(told[2] or 1), 1)
    return ctx.ref


def ago(m: re.Match[str], ctx: Context) -> Norm | None:
    """'a week ago' -> day, 'two years ago' -> year, 'a year earlier' (from the reference);
    'years ago' -> PAST_REF. In a report on a quarter, 'a year ago' is that quarter of the
    year before ('net income of $2 million a year ago')."""
    direction = m["dir"].lower().split()[0]
    if m["vague"] or m["n"].lower() in ("several", "a few", "few", "many", "some", "numerous"):
        return Norm("DATE", _REF_DIRECTION.get(direction, "FUTURE_REF"))
    n = parse_number(m["n"])
    unit = canonical_unit(m["u"])
    if n is None or n != int(n):
        return None
    if n == 1 and unit == "year" and direction in ("ago", "earlier"):
        quarter = _year_back(ctx.last_quarter)
        if quarter is not None:
            return Norm("DATE", quarter)
    base = ctx.anchor if direction in ("ago", "from", "hence") else _told_base(ctx, unit)
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


def anaphoric_period(m: re.Match[str], ctx: Context) -> Norm | None:
    """'the quarter', 'the latest period' -> the quarter the report is about (the last one
    told, else the last one over by the anchor); 'the current quarter'; 'the (full,
    fiscal) year' -> the anchor's year, or P1Y for 'the year ended March 31'."""
    which = (m["which"] or "").lower()
    unit = m["pu"].lower()
    after = m.string[m.end() : m.end() + 12].lower()
    if unit == "year":
        if which in ("same", "comparable", "latest"):
            return None
        if re.match(r"\s+(?:ended|ending|to\b)", after):
            return Norm("DURATION", "P1Y")
        return Norm("DATE", str(ctx.anchor.year))
    if which == "current":
        return Norm("DATE", shift(ctx.anchor, "quarter", 0) or "") if unit == "quarter" else None
    if unit == "period" and which not in ("latest", "same"):
        return None
    if which == "comparable":
        return None
    return Norm("DATE", ctx.last_quarter or shift(ctx.anchor, "quarter", -1) or "")


def year_ago_period(m: re.Match[str], ctx: Context) -> Norm | None:
    """'the year-ago quarter', 'the year-earlier third quarter', 'the quarter a year ago',
    'year-ago results', 'the 1988 period': the period the report compares with."""
    quarter = ctx.last_quarter
    if m["py"]:
        return Norm("DATE", m["py"] + (quarter[4:] if quarter else ""))
    if m["ord"] and m["ord"].lower() != "fiscal":
        year = int(quarter[:4]) - 1 if quarter else ctx.anchor.year - 1
        return Norm("DATE", f"{year}-Q{ORDINALS[m['ord'].lower()]}")
    back = _year_back(quarter)
    if back is not None:
        return Norm("DATE", back)
    if "quarter" in ((m["pu"] or "") + (m["pu2"] or "")).lower():
        return Norm("DATE", shift(ctx.anchor, "quarter", -5) or "")
    # "the year-ago period" of a report on the year to date, or with no quarter told.
    return Norm("DATE", str(ctx.anchor.year - 1))


def part_of_day(m: re.Match[str], ctx: Context) -> Norm | None:
    """'in the morning', 'by mid-afternoon', 'at mid-afternoon yesterday': that part of the
    day named after it, else of the day being told (the reference day)."""
    day = ctx.anchor + dt.timedelta(days=_DAY_WORDS[m["w"].lower()]) if m["w"] else ctx.ref
    return Norm("TIME", f"{day.isoformat()}T{_PART_OF_DAY[m['pod'].lower()]}")


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
