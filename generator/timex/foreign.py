"""Dates in languages other than English, with dateparser's calendar words.

The month and weekday names and the words for today, yesterday and the day before
yesterday of every language come from dateparser's locale data (200+ locales); the
language's data file (``generator/data/lang_<code>.yml``) adds what that data lacks
(Levantine month names in Arabic, "накануне", "am Vortag"). The grammar of a date is the
same in these languages and is read here, word by word, so that the failures of a
free-text search are avoided: German ordinals ("am 11. Januar"), day ranges ("10-11 Mayıs
2024", "23–24 июня"), inflected months ("в мае", "Mart'ta"), two month names side by side
("27 سبتمبر/أيلول 2023"), and no date read from a decimal ("2,5") or from a name that is
also a month ("Мая").

Anchoring: a date without its year takes the year that puts it nearest the anchor (the
publication date); a weekday is the latest such day on or before the anchor; "yesterday"
counts back from it. With no anchor those are left undated; with an anchor known to the
month only, a day-month takes its year and a weekday is left undated.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache

from generator.languages import Language, language, tokens
from generator.timex.calendar_words import weekday_years
from generator.timex.tagger import Timex

_MONTH_KEYS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ENGLISH_MONTHS = "|".join(m.capitalize() for m in _MONTH_KEYS)
_NUMERIC = [
    re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?![\d-])"),
    # "23.03.2024", "07-10-2024 10:24 AM": day, month and year, one separator
    re.compile(
        r"(?<![\d.,-])(?P<d>[0-3]?\d)(?P<sep>[./-])(?P<m>[01]?\d)(?P=sep)(?P<y>(?:19|20)\d\d)(?![\d-])"
    ),
    # the English order, in any text: an embedded post's "September 9, 2023"
    re.compile(
        r"\b(?P<m>" + _ENGLISH_MONTHS + r")"
        r"\s+(?P<d>[0-3]?\d),\s+(?P<y>(?:19|20)\d\d)(?!\d)"
    ),
    # and the English day first: a date line's "12th, October 2024"
    re.compile(
        r"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<m>" + _ENGLISH_MONTHS + r")"
        r"\s+(?P<y>(?:19|20)\d\d)(?!\d)"
    ),
]
_DAY = re.compile(r"^(?P<day>[0-3]?\d)(?:er|-?(?:го|е|ое|th|st))?$")
_RANGE = re.compile(r"^(?P<first>[0-3]?\d)[-–—](?P<day>[0-3]?\d)$")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d(?:['’][^\W\d]+)?$")  # Turkish: 2025'te
_DASHES = {"-", "–", "—"}


@dataclass(frozen=True)
class ForeignDate:
    """A date found in a text: its timex, and how it depends on the anchor."""

    timex: Timex
    yearless: bool = False  # its year was taken from the anchor
    relative: bool = False  # counted from the anchor: a weekday, yesterday


@dataclass(frozen=True)
class Anchor:
    """What dates count from: a day, or only a month (a page dated '2024-03')."""

    date: dt.date
    precision: str = "day"  # "day" or "month"


@dataclass(frozen=True)
class _Words:
    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[tuple[str, ...], int]
    before_month: frozenset[str]
    after_month: frozenset[str]
    day_parts: tuple[str, ...]


def _forms(name: str, lang: Language) -> set[str]:
    """A calendar word and its inflected forms ("май": "мая", "мае")."""
    forms = {name}
    for ending in lang.endings:
        forms.add(name + ending)
        if name[-1:] in "аяйьеыои":
            forms.add(name[:-1] + ending)
    return forms


@cache
def _words(code: str) -> _Words:
    from dateparser.languages import default_loader

    lang = language(code)
    try:
        info = default_loader.get_locale(code).info
    except (KeyError, ValueError):
        info = {}
    months: dict[str, int] = {}
    for number, key in enumerate(_MONTH_KEYS, start=1):
        names = [str(n) for n in info.get(key, []) if len(str(n)) >= 3 and "." not in str(n)]
        names += [str(n) for n in (lang.data.get("months_extra") or {}).get(number, [])]
        for name in names:
            for form in _forms(lang.key(name), lang):
                months.setdefault(form, number)
    weekdays: dict[str, int] = {}
    for number, key in enumerate(_WEEKDAY_KEYS):
        for name in info.get(key, []):
            if len(str(name)) >= 4:  # abbreviations are ordinary words too ("Die", "Fr")
                for form in _forms(lang.key(str(name)), lang):
                    weekdays.setdefault(form, number)
    relative: dict[tuple[str, ...], int] = {}
    for phrase, names in (info.get("relative-type") or {}).items():
        days = {"0 day ago": 0, "1 day ago": -1, "2 day ago": -2}.get(phrase)
        for name in names if days is not None else ():
            relative[tuple(lang.key(w) for _, _, w in tokens(str(name)))] = int(days or 0)
    for phrase, offset in (lang.data.get("relative_days") or {}).items():
        relative[tuple(lang.key(w) for _, _, w in tokens(str(phrase)))] = int(offset)
    return _Words(
        months,
        weekdays,
        relative,
        frozenset(lang.key(w) for w in lang.words("before_month")),
        frozenset(lang.key(w) for w in lang.words("after_month")),
        tuple(lang.key(w) for w in lang.words("day_parts")),
    )


def is_calendar_word(word: str, code: str) -> bool:
    """A month or weekday name of the language, in any of its forms ("Mart", "Sonntag")."""
    words = _words(code)
    return any(
        k in words.months or _weekday(k, words) is not None for k in language(code).keys(word)
    )


def names_month(text: str, code: str) -> bool:
    """Whether a date as written names its month ("April 11", "le 5 mars"), so that only
    its year can come from the day it is counted from."""
    months = _words(code).months
    lang = language(code)
    return any(k in months for _, _, w in tokens(text) for k in lang.keys(w))


def weekday_of(word: str, code: str) -> int | None:
    """The weekday (0 = Monday) a word of the language names ('lundi', 'Sonntagabend',
    'الأحد'), else None."""
    words = _words(code)
    for key in language(code).keys(word):
        day = _weekday(key, words)
        if day is not None:
            return day
    return None


def _weekday(word: str, words: _Words) -> int | None:
    """A weekday, also as the first part of a German compound ('Sonntagabend')."""
    if word in words.weekdays:
        return words.weekdays[word]
    for part in words.day_parts:
        if word.endswith(part) and word[: -len(part)] in words.weekdays:
            return words.weekdays[word[: -len(part)]]
    return None


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, anchor: Anchor) -> dt.date | None:
    """The day-month in the year that puts it nearest the anchor: news tell recent days,
    and the past more than the future, so a day after the anchor counts twice as far."""
    if anchor.precision == "month":
        return _make(anchor.date.year, month, day)
    options = [_make(anchor.date.year + delta, month, day) for delta in (-1, 0, 1)]
    valid = [d for d in options if d is not None]

    def distance(date: dt.date) -> int:
        days = (date - anchor.date).days
        return 2 * days if days > 0 else -days

    return min(valid, key=distance, default=None)


def _timex(text: str, start: int, end: int, edtf: str) -> Timex:
    return Timex(start, end, text[start:end], "DATE", edtf.split("/")[0], edtf)


def find_dates(text: str, code: str, anchor: Anchor | None = None) -> list[ForeignDate]:
    """Every date written in a text of language ``code``, in order, without overlaps."""
    words = _words(code)
    lang = language(code)
    found: list[ForeignDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in _NUMERIC:
        for match in pattern.finditer(text):
            month = match["m"]
            number = int(month) if month.isdigit() else _MONTH_KEYS.index(month.lower()) + 1
            date = _make(int(match["y"]), number, int(match["d"]))
            if date is not None:
                found.append(ForeignDate(_timex(text, *match.span(), date.isoformat())))
                taken.append(match.span())
    toks = [t for t in tokens(text) if not any(s <= t[0] < e for s, e in taken)]
    keys = [lang.keys(w) for _, _, w in toks]
    index = 0
    while index < len(toks):
        result = _date_at(text, toks, keys, index, words, anchor)
        if result is None:
            index += 1
            continue
        told, last = result
        if told is not None:
            found.append(told)
        index = last + 1
    found.sort(key=lambda d: d.timex.start)
    return _in_written_years(found, anchor)


def _in_written_years(found: list[ForeignDate], anchor: Anchor | None) -> list[ForeignDate]:
    """Year-less dates that the nearest year put after the anchor, in the year the text
    last wrote ('18 Mart 2025 ... 19-23 Mart' in a page of 1 January 2026), where that puts
    them on or before it: a text that names a year goes on in it until it names another,
    and news tells what has happened."""
    if anchor is None:
        return found
    kept: list[ForeignDate] = []
    written: int | None = None
    for date in found:
        edtf = date.timex.edtf or ""
        if date.yearless and written is not None and edtf[:4].isdigit():
            moved = "/".join(f"{written:04d}{part[4:]}" for part in edtf.split("/"))
            last = moved.split("/")[-1]
            day = _make(written, int(last[5:7]), int(last[8:10])) if len(last) == 10 else None
            after = edtf.split("/")[-1] > anchor.date.isoformat()
            if after and day is not None and day <= anchor.date:
                value = moved.split("/")[0]
                date = replace(date, timex=replace(date.timex, value=value, edtf=moved))
        elif not date.yearless and not date.relative and edtf[:4].isdigit():
            written = int(edtf[:4])
        kept.append(date)
    return kept


def _month_at(keys: list[tuple[str, ...]], index: int, words: _Words) -> int | None:
    if 0 <= index < len(keys):
        return next((words.months[k] for k in keys[index] if k in words.months), None)
    return None


def _between(text: str, toks: list[tuple[int, int, str]], a: int, b: int) -> str:
    return text[toks[a][1] : toks[b][0]]


def _date_at(
    text: str,
    toks: list[tuple[int, int, str]],
    keys: list[tuple[str, ...]],
    i: int,
    words: _Words,
    anchor: Anchor | None,
) -> tuple[ForeignDate | None, int] | None:
    """The date starting at token i and the index of its last token, or None."""
    word = toks[i][2]
    day_match = _DAY.match(word) or _RANGE.match(word)
    # 23–24 июня: two numbers around a dash
    first_day = None
    j = i
    if (
        _DAY.match(word)
        and i + 2 < len(toks)
        and _between(text, toks, i, i + 1).strip() in _DASHES
        and _DAY.match(toks[i + 1][2])
        and _month_at(keys, i + 2, words)
    ):
        first_day, j = int(_DAY.match(word)["day"]), i + 1  # type: ignore[index]
        day_match = _DAY.match(toks[j][2])
    if (
        day_match
        and _month_at(keys, j + 1, words)
        and _between(text, toks, j, j + 1).strip(" .") in ("", "de")
    ):
        return _day_month(text, toks, keys, i, j, day_match, first_day, words, anchor)
    month = _month_at(keys, i, words)
    if month is not None:
        return _month_alone(text, toks, keys, i, month, words, anchor)
    if _YEAR.match(word) and not re.match(r"^\s*[%‰]|[.,]\d", text[toks[i][1] :]):
        before = text[max(0, toks[i][0] - 2) : toks[i][0]]
        if re.search(r"\d[.,]?\s?$|№\s?$", before):
            return None
        return ForeignDate(_timex(text, toks[i][0], toks[i][0] + 4, word[:4])), i
    weekday = next((w for k in keys[i] if (w := _weekday(k, words)) is not None), None)
    if weekday is not None:
        for k in range(i + 1, min(i + 3, len(toks) - 1)):
            if _DAY.match(toks[k][2]) and _month_at(keys, k + 1, words):
                return None  # "lundi 15 avril", "Sonntagabend, dem 24. März": read there
        return _weekday_date(text, toks, i, weekday, anchor)
    for phrase, offset in words.relative.items():
        n = len(phrase)
        if i + n <= len(keys) and all(phrase[m] in keys[i + m] for m in range(n)):
            part = any(k in words.day_parts for m in range(n) for k in keys[i + m])
            if part and any(
                _DAY.match(toks[k][2]) and _month_at(keys, k + 1, words)
                for k in range(i + n, min(i + n + 2, len(toks) - 1))
            ):
                return None  # "Am Morgen des 25. März": the date after it is read there
            if anchor is None or (anchor.precision != "day" and not part):
                return None, i + n - 1
            end = toks[i + n - 1][1]
            day = anchor.date + dt.timedelta(days=offset)
            return _relative(text, toks[i][0], end, day, anchor), i + n - 1
    return None


def _year_after(text: str, toks: list[tuple[int, int, str]], k: int) -> tuple[int | None, int]:
    """A year right after token k ('22 марта 2024', 'Februar, 2025', '/أيلول 2023')."""
    if (
        k + 1 < len(toks)
        and _YEAR.match(toks[k + 1][2])
        and not _between(text, toks, k, k + 1).strip(" ,،")
    ):
        return int(toks[k + 1][2][:4]), k + 1
    return None, k


def _day_month(
    text: str,
    toks: list[tuple[int, int, str]],
    keys: list[tuple[str, ...]],
    i: int,
    j: int,
    day_match: re.Match[str],
    first_day: int | None,
    words: _Words,
    anchor: Anchor | None,
) -> tuple[ForeignDate | None, int]:
    day = int(day_match["day"])
    if day_match.re is _RANGE:
        first_day = int(day_match["first"])
    month = _month_at(keys, j + 1, words) or 1
    k = j + 1
    # "سبتمبر/أيلول": the same month in a second calendar
    if (
        k + 1 < len(toks)
        and _between(text, toks, k, k + 1).strip() == "/"
        and _month_at(keys, k + 1, words) == month
    ):
        k += 1
    year, k = _year_after(text, toks, k)
    start = toks[i][0]
    weekday = None
    for back in (1, 2):  # "Sonntagabend, dem 24. März", "الجمعة 22 مارس"
        if i >= back and _between(text, toks, i - back, i - back + 1).strip(" ,،") == "":
            found = next(
                (w for key in keys[i - back] if (w := _weekday(key, words)) is not None), None
            )
            if found is not None:
                weekday, start = found, toks[i - back][0]
                break
    end = toks[k][1]
    yearless = year is None
    if year is None and weekday is not None and anchor is not None:
        for delta in (0, -1, 1):
            candidate = _make(anchor.date.year + delta, month, day)
            if candidate is not None and candidate.weekday() == weekday:
                year, yearless = candidate.year, False
                break
    if year is None:
        if anchor is None:
            return None, k
        date = _nearest_year(month, day, anchor)
    else:
        date = _make(year, month, day)
    if date is None:
        return None, k
    edtf = date.isoformat()
    if first_day is not None and first_day < day:
        first = _make(date.year, date.month, first_day)
        edtf = f"{first.isoformat()}/{edtf}" if first else edtf
    return ForeignDate(_timex(text, start, end, edtf), yearless=yearless), k


def _month_alone(
    text: str,
    toks: list[tuple[int, int, str]],
    keys: list[tuple[str, ...]],
    i: int,
    month: int,
    words: _Words,
    anchor: Anchor | None,
) -> tuple[ForeignDate | None, int] | None:
    year, k = _year_after(text, toks, i)
    if year is not None:
        return ForeignDate(_timex(text, toks[i][0], toks[k][1], f"{year}-{month:02d}")), k
    before = i > 0 and bool(set(keys[i - 1]) & words.before_month)
    after = i + 1 < len(toks) and bool(set(keys[i + 1]) & words.after_month)
    if not (before or after):
        return None  # a month name alone may be a name ("Мая", "May")
    if anchor is None:
        return None, i
    year = anchor.date.year if month <= anchor.date.month else anchor.date.year - 1
    end = toks[i + 1][1] if after else toks[i][1]
    return ForeignDate(_timex(text, toks[i][0], end, f"{year}-{month:02d}"), yearless=True), (
        i + after
    )


def _weekday_date(
    text: str,
    toks: list[tuple[int, int, str]],
    i: int,
    weekday: int,
    anchor: Anchor | None,
) -> tuple[ForeignDate | None, int]:
    if anchor is None:
        return None, i
    day = anchor.date - dt.timedelta(days=(anchor.date.weekday() - weekday) % 7)
    return _relative(text, toks[i][0], toks[i][1], day, anchor), i


def _relative(text: str, start: int, end: int, day: dt.date, anchor: Anchor) -> ForeignDate:
    """A date counted from the anchor ('am Abend', 'am Freitagabend'): that day, or in a
    page dated by its month only, that month (counted back from its first day, a weekday
    would fall before the page)."""
    told = day.isoformat() if anchor.precision == "day" else anchor.date.isoformat()[:7]
    return ForeignDate(_timex(text, start, end, told), relative=True)


def latest_full_date(dates: Iterable[ForeignDate]) -> dt.date | None:
    """The latest day-precision date written with its year: the anchor of an article
    that gives no publication date."""
    days = [
        dt.date.fromisoformat(d.timex.edtf.split("/")[-1])
        for d in dates
        if d.timex.edtf and not d.yearless and not d.relative and len(d.timex.edtf) >= 10
    ]
    return max(days, default=None)


def written_on(text: str, code: str) -> dt.date | None:
    """The day a text says it was written: its word for today, yesterday ... right before
    a date ('صباح يومه السبت 9 شتنبر', 'heute, 12. Januar', 'сегодня, 22 марта'): that
    date, less the word's offset. A year-less date takes the year nearest the text's
    latest full date (none without one: the clock is never read)."""
    lang = language(code)
    offsets = _words(code).relative  # the words the tagger reads as today, yesterday ...
    latest = latest_full_date(find_dates(text, code))
    for found in find_dates(text, code, Anchor(latest) if latest else None):
        edtf = found.timex.edtf or ""
        if found.relative or len(edtf) != 10 or (found.yearless and latest is None):
            continue
        before = tuple(
            lang.key(w)
            for _, _, w in tokens(text[max(0, found.timex.start - 40) : found.timex.start])
        )
        if not before or re.search(r"[.!?؟\n]\s*$", text[: found.timex.start]):
            continue
        for phrase, offset in offsets.items():
            if before[-len(phrase) :] == phrase:
                return dt.date.fromisoformat(edtf) - dt.timedelta(days=offset)
    # "فجر اليوم السبت" (at dawn today, Saturday): the day of writing is that weekday, on or
    # after the latest date the text writes in full (the clock is never read)
    weekday = _today_weekday(text, code)
    if weekday is not None and latest is not None:
        return latest + dt.timedelta(days=(weekday - latest.weekday()) % 7)
    return None


def _today_weekday(text: str, code: str) -> int | None:
    """The weekday a text names right after its word for today ('اليوم السبت', 'heute,
    Samstag'), else None."""
    lang = language(code)
    today = [phrase for phrase, offset in _words(code).relative.items() if offset == 0]
    toks = [w for _, _, w in tokens(text)]
    keys = [lang.keys(w) for w in toks]
    for i in range(len(keys)):
        for phrase in today:
            after = i + len(phrase)
            if after < len(keys) and all(p in keys[i + k] for k, p in enumerate(phrase)):
                day = weekday_of(toks[after], code)
                if day is not None:
                    return day
    return None


def lead_date(text: str, code: str) -> dt.date | None:
    """The date the first sentence of a text gives in full with its weekday, when that is
    the latest date the text writes ('أفادت وكالة تاس، الجمعة 22 مارس/آذار 2024، بأن'):
    the lead of a news text tells the news of its day. The weekday must be the date's."""
    lead = re.split(r"(?<=[.!?؟])\s|\n", text.strip(), maxsplit=1)[0]
    latest = latest_full_date(find_dates(text, code))
    for found in find_dates(lead, code):
        edtf = found.timex.edtf or ""
        if found.yearless or found.relative or len(edtf) != 10:
            continue
        day = dt.date.fromisoformat(edtf)
        near = lead[max(0, found.timex.start - 20) : found.timex.end + 20]
        named = {weekday_of(w, code) for _, _, w in tokens(near)} - {None}
        if day == latest and named == {day.weekday()}:
            return day
    return None


def lead_weekday_days(text: str, code: str) -> list[dt.date]:
    """A text that writes no full date and whose lead gives a day and month with its
    weekday ('Об этом в пятницу, 16 февраля, ... сообщает', 'ce lundi 31 mars'): every day
    from 1900 to 2100 that has that day, month and weekday, for the corpus to choose among
    (a year the text writes may be ahead or past: it bounds nothing); else no day. A text
    that writes a full date is dated by it, never by this."""
    if latest_full_date(find_dates(text, code)) is not None:
        return []
    sentences = re.split(r"(?<=[.!?؟])\s|\n", text.strip())
    lead = " ".join(sentences[:_LEAD_SENTENCES])
    for found in find_dates(lead, code, Anchor(dt.date(2000, 7, 1))):
        edtf = found.timex.edtf or ""
        if found.relative or len(edtf) != 10 or re.search(r"\d{4}", found.timex.text):
            continue
        near = lead[max(0, found.timex.start - 20) : found.timex.end + 20]
        named = {weekday_of(w, code) for _, _, w in tokens(near)} - {None}
        if len(named) != 1:
            continue
        return weekday_years(int(edtf[5:7]), int(edtf[8:10]), named.pop())
    return []


# a page's lead: its first sentences (a standfirst, a picture's credit, then the lead)
_LEAD_SENTENCES = 4


_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\b")


def publication_line(line: str, code: str) -> dt.date | None:
    """The date of a publication date line in language ``code`` ('Опубликовано: 22 марта
    2024', 'Pressemitteilung 12 Januar 2021', '23. Februar, 2025', '23.03.2024, 16:34'),
    or None when the line is anything else."""
    if len(line) > 100:
        return None
    lang = language(code)
    rest = line.strip()
    folded = rest.casefold()
    for label in sorted(lang.words("modified_labels"), key=len, reverse=True):
        if folded.startswith(label.casefold()):
            return None
    for label in sorted(lang.words("published_labels"), key=len, reverse=True):
        if folded.startswith(label.casefold()):
            rest = rest[len(label) :]
            break
    dates = [d for d in find_dates(rest, code) if d.timex.edtf and len(d.timex.edtf) == 10]
    if len(dates) != 1:
        return None
    timex = dates[0].timex
    leftover = _TIME.sub(" ", rest[: timex.start] + " " + rest[timex.end :])
    words = _words(code)
    for _, _, word in tokens(leftover):
        if _weekday(lang.key(word), words) is None and not word.isupper():
            return None
    return dt.date.fromisoformat(timex.edtf or "")
