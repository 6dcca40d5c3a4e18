"""Publication dates as news pages write them, for the ingest stage.

Pure Python and regex only (no spaCy, no dateparser): ingest runs on every article of
every run and must stay fast. Here: the dates a text writes, the lines that state a date
(``classify_date_line``) and wire datelines (``match_dateline``); what the rest of the text
tells is worked out in ``generator.ingest.inference``. The evidence, strongest first:

- a *date line*: a short line that is only a date, or a labelled one
  ("Published Date: 10:31 | 31 October 2022", "May 13, 2021 - 16:05 AMT", "10.11.2020");
- a wire *dateline* opening the lead ("BAKU, May 11. /TASS/.", "YEREVAN, MARCH 21,
  ARMENPRESS.", "VIENNA, January 17 – RIA Novosti", "LONDON, Jan 5 (Reuters) -"),
  often without a year;
- the text: a relative day next to its date, the lead's news day between the text's own
  dated references (see ``generator.ingest.inference``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.gazetteer import by_capital, country_or_us_state
from generator.timex.calendar_words import MONTH_NAMES, WEEKDAY_NAMES

# Russian genitive month names ("11 мая 2021"), lower case as Russian writes them.
_MONTHS_RU = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
_MONTH_WORDS = {name: number for number, name in enumerate(_MONTHS_RU, start=1)}
_WEEKDAY_WORDS: dict[str, int] = {}
for _table, _names_list, _first in (
    (_MONTH_WORDS, MONTH_NAMES, 1),
    (_WEEKDAY_WORDS, WEEKDAY_NAMES, 0),
):
    for _number, _names in enumerate(_names_list, start=_first):
        for _name in _names.split():
            _table[_name] = _table[_name.upper()] = _number


def _alternation(words: Iterable[str]) -> str:
    # Longest first so that "Sept" is not cut to "Sep" and "January" not to "Jan".
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


# Case-sensitive on purpose: "may" the verb is not a month, "MARCH 21" (all caps) is.
MON = rf"(?P<mon>{_alternation(_MONTH_WORDS)})\.?"
WD = rf"(?P<wd>{_alternation(_WEEKDAY_WORDS)})\.?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d\d)"

_DATE_PATTERNS = [
    # 2021-01-18, 2021-01-18T10:31:00Z
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]?\d)-(?P<day>[0-3]?\d)(?![\d-])"),
    # 2021/01/18
    re.compile(r"\b(?P<year>(?:19|20)\d\d)/(?P<mnum>[01]?\d)/(?P<day>[0-3]?\d)\b"),
    # 10.11.2020 (day first), 11/05/2021 (order sniffed), 10.30.2023 (30 is no month)
    re.compile(r"\b(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)\b"),
    # Tuesday, October 20, 2020 / May 11 / MARCH 21
    # (the look-aheads only make the scan fast: a date starts with a capital or a digit)
    # ("Sunday (July 7)": the weekday may close on a parenthesis)
    re.compile(rf"\b(?=[A-Z])(?:{WD},?\s+\(?)?{MON}\s+{DAY}\b(?!:\d)(?:,?\s+{YEAR}\b)?"),
    # Tuesday, 20 October 2020 / 31 October 2022 / 11 мая 2021
    re.compile(
        rf"\b(?=[A-Zt0-9])(?:{WD},?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?{MON}(?!\w)(?:,?\s+{YEAR}\b)?"
    ),
]
# A weekday named in a text ("announced Sunday"; "Sundays" and "Monday-Friday" are not).
WEEKDAY_RE = re.compile(rf"\b(?=[A-Z])(?P<wd>{_alternation(_WEEKDAY_WORDS)})\b(?![s-])")


def weekday_number(name: str) -> int:
    """Monday 0 ... Sunday 6 for a weekday name as texts write it ("Tue", "TUESDAY")."""
    return _WEEKDAY_WORDS[name.rstrip(".")]


@dataclass(frozen=True)
class DateMention:
    """A date written in a text: the year may be missing, the weekday is optional."""

    start: int
    end: int
    month: int
    day: int
    year: int | None = None
    weekday: int | None = None

    def on(self, year: int) -> dt.date | None:
        """This day-month in `year`, or None when it does not exist (February 30)."""
        return _make_date(year, self.month, self.day)

    @property
    def date(self) -> dt.date | None:
        """The full date when the year is written."""
        return None if self.year is None else self.on(self.year)


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _mention(match: re.Match[str]) -> DateMention | None:
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if groups.get("sep"):
        first, second = int(groups["a"]), int(groups["b"])
        # Dots are day-first nearly everywhere and slashes month-first only in the US:
        # read day first unless the second number cannot be a month ("10.30.2023").
        if first <= 12 < second:
            first, second = second, first
        day, month = first, second
    elif groups.get("mnum"):
        day, month = int(groups["day"]), int(groups["mnum"])
    else:
        day, month = int(groups["day"]), _MONTH_WORDS[groups["mon"]]
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if year is not None and _make_date(year, month, day) is None:
        return None
    weekday = _WEEKDAY_WORDS.get(groups["wd"]) if groups.get("wd") else None
    return DateMention(match.start(), match.end(), month, day, year, weekday)


def find_dates(text: str) -> list[DateMention]:
    """Every date written in `text` (full or day-month), in order, without overlaps."""
    found: list[DateMention] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            mention = _mention(match)
            if mention is not None:
                found.append(mention)
    found.sort(key=lambda m: (m.start, -m.end))
    result: list[DateMention] = []
    for mention in found:
        if result and mention.start < result[-1].end:
            continue
        result.append(mention)
    return result


# 6/25/21: a two-digit year, read only on a labelled line ("UPDATE (6/25/21 3:00 PM)").
_SHORT_YEAR_RE = re.compile(r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<yy>\d\d)\b(?![/.]\d)")


def parse_date_text(text: str, *, short_years: bool = False) -> dt.date | None:
    """The first full date (with a year) written in `text`, if any; with short_years, a
    numeric date with a two-digit year counts too (month first, as slashes are in the US,
    unless the first number cannot be a month)."""
    for mention in find_dates(text):
        if mention.date is not None:
            return mention.date
    if short_years and (match := _SHORT_YEAR_RE.search(text)):
        first, second = int(match["a"]), int(match["b"])
        month, day = (second, first) if first > 12 else (first, second)
        if 1 <= month <= 12:
            return _make_date(2000 + int(match["yy"]), month, day)
    return None


def parse_input_date(value: object) -> str | None:
    """An input field (`published`, `date`) as an ISO date: date objects, ISO or free text."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.strip():
        found = parse_date_text(value)
        return found.isoformat() if found else None
    return None


# --- date lines ---------------------------------------------------------------------

_PUBLISHED_LABEL_RE = re.compile(
    r"^\W{0,3}(?:first\s+)?(?:published|posted|publication\s+date|date\s+published|"
    r"release\s+date|released|issued|date)\b(?:\s+(?:date|on|at|time))?\s*[:|\-–—]?\s*",
    re.IGNORECASE,
)
_MODIFIED_LABEL_RE = re.compile(
    r"^\W{0,3}(?:last\s+)?(?:modified|updated|update|edited|changed|revised)\b", re.IGNORECASE
)
# What may surround the date on a date-only line: times, zones, separators, a weekday.
_DATE_LINE_LEFTOVER_RE = re.compile(
    r"^(?:[\s,.|/\-–—:()·•]|T?\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?|"
    r"[AaPp]\.?[Mm]\.?|[A-Z]{2,5}|(?:GMT|UTC)[+-]?\d{0,2}(?::?\d\d)?|at|on|"
    rf"{_alternation(_WEEKDAY_WORDS)})*$"
)
# A byline before the date: "By Jane Doe, March 3, 2023", "Jane Doe | 3 March 2023".
_BYLINE_RE = re.compile(
    r"^\W{0,3}(?:(?i:by|written\s+by|posted\s+by|story\s+by|reporting\s+by)\s+)"
    r"(?:[A-Z][\w.'’\-]*\s+){0,3}[A-Z][\w.'’\-]*\s*(?:[,|·•]|[-–—]\s|$)"
)
# What a cache or an archive says about when it copied the page: not when it was
# published, only that it was published before.
_CAPTURED_RE = re.compile(
    r"^(?:This is (?:\w+'s )?(?:a )?cache of \S+?\.?\s+)?It is a snapshot of the page "
    r"(?:as it appeared )?(?:at|on)\s+(?P<when>[^.]*\d)",
    re.IGNORECASE,
)


def classify_date_line(line: str) -> tuple[str, dt.date] | None:
    """('published', date), ('modified', date), ('bare', date) or ('captured', date: a
    cache's snapshot time) for a line that is a date line, else None. Labels other than
    modified/updated count as publication; a byline with a date is a publication line."""
    captured = _CAPTURED_RE.match(line)
    if captured:
        found = parse_date_text(captured["when"])
        return ("captured", found) if found else None
    if len(line) > 120:
        return None
    byline = _BYLINE_RE.match(line)
    if byline and (found_line := classify_date_line(line[byline.end() :])):
        return ("published", found_line[1]) if found_line[0] == "bare" else found_line
    if _MODIFIED_LABEL_RE.match(line):
        found = parse_date_text(line, short_years=True)
        return ("modified", found) if found else None
    label = _PUBLISHED_LABEL_RE.match(line)
    if label:
        found = parse_date_text(line[label.end() :], short_years=True)
        return ("published", found) if found else None
    mentions = find_dates(line)
    if len(mentions) != 1 or mentions[0].date is None:
        return None
    rest = line[: mentions[0].start] + " " + line[mentions[0].end :]
    if _DATE_LINE_LEFTOVER_RE.match(rest):
        return ("bare", mentions[0].date)
    return None


# "UPDATE (6/25/21 3:00 PM): Former officer ...", "Updated: 3 March 2023 — The ...",
# "Update 6:20 p.m. EST Nov. 19: Trump ...": a label and a date opening a paragraph of text.
_DATE_PREFIX_RE = re.compile(
    r"^\W{0,3}(?P<label>(?:last\s+|first\s+)?(?:updated?|published|posted|modified))\b\s*"
    r"(?:\((?P<inner>[^()\n]{4,40})\)|:?\s*(?P<plain>(?:[^:\n]|(?<=\d):(?=\d\d)){4,40}?))"
    r"\s*[:—–]\s+(?=\S)",
    re.IGNORECASE,
)


def split_date_prefix(paragraph: str) -> tuple[str, dt.date, str] | None:
    """(kind, date, rest of the paragraph) when a paragraph opens with a labelled date."""
    match = _DATE_PREFIX_RE.match(paragraph)
    if not match:
        return None
    found = parse_date_text(match["inner"] or match["plain"] or "", short_years=True)
    if found is None:
        return None
    rest = paragraph[match.end() :]
    if len(rest.split()) < 4:
        return None  # a date line, not a paragraph of text
    label = match["label"].lower()
    kind = "published" if "publish" in label or "posted" in label else "modified"
    return kind, found, rest


def yearless_date_prefix(paragraph: str) -> tuple[int, int, str] | None:
    """(month, day, rest of the paragraph) when a paragraph opens with a labelled date
    that has no year: a live page's stamp "Update 6:20 p.m. EST Nov. 19: Biden said ..."."""
    match = _DATE_PREFIX_RE.match(paragraph)
    if not match:
        return None
    found = find_dates(match["inner"] or match["plain"] or "")
    if len(found) != 1 or found[0].year is not None:
        return None
    return found[0].month, found[0].day, paragraph[match.end() :]


# A date in a URL path: /2021/03/29/, /2021-03-29-, /20210329/.
_URL_DATE_RE = re.compile(
    r"/(?P<year>(?:19|20)\d\d)(?P<sep>[/-]?)(?P<month>[01]\d)(?P=sep)(?P<day>[0-3]\d)(?=[/\-_.]|$)"
)


def url_date(url: str | None) -> dt.date | None:
    """The publication date a news URL carries in its path, if any."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.IGNORECASE)
    match = _URL_DATE_RE.search(path)
    if not match:
        return None
    return _make_date(int(match["year"]), int(match["month"]), int(match["day"]))


# --- wire datelines -------------------------------------------------------------------

_UP = "A-ZА-ЯЁ"  # capitals that may open a place or an agency name
_PLACE = rf"(?P<place>[{_UP}][^\W\d_]*\.?(?:[ '’\-][^\W\d_]+\.?){{0,3}})"
# ", Region" or " [Region]" ("New Delhi [India], March 3 (ANI):")
_REGION = (
    rf"(?:,\s*[{_UP}][^\W\d_]*\.?(?:[ \-][{_UP}][^\W\d_]*\.?){{0,2}}"
    rf"|\s*\[[{_UP}][^\W\d_]*(?:[ \-][{_UP}][^\W\d_]*){{0,2}}\])?"
)
_DATELINE_DATE = (
    rf"(?:{WD},?\s+)?(?:{MON}\s+{DAY}(?:,?\s+{YEAR})?"
    rf"|{DAY.replace('<day>', '<day2>')}\s+{MON.replace('<mon>', '<mon2>')}"
    rf"(?:\s+{YEAR.replace('<year>', '<year2>')})?"
    r"|(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d))"
)
_AGENCY = rf"[{_UP}][\w&.'’\-]*(?:\s+[{_UP}][\w&.'’\-]*){{0,3}}"
_DATELINE_RE = re.compile(
    rf"^{_PLACE}{_REGION},\s*{_DATELINE_DATE}\s*"
    r"(?:"
    rf"\.?\s*/\s*(?P<pub_slash>[^/\n]{{2,40}}?)\s*/\s*\.?"  # BAKU, May 11. /TASS/.
    # LONDON, Jan 5 (Reuters) -; Buenos Aires, Oct 22 (EFE).-
    rf"|\(\s*(?P<pub_paren>[^()\n]{{2,40}}?)\s*\)\s*\.?[-–—:]*"
    rf"|[,.]?\s*[-–—]+\s*(?P<pub_dash>{_AGENCY})\s*[.:\-–—]+"  # VIENNA, January 17 – RIA Novosti.
    # YEREVAN, MARCH 21, ARMENPRESS.
    rf"|,\s*(?P<pub_comma>[{_UP}][{_UP}0-9&\-]{{2,}}(?:\s+[{_UP}][\w\-]*)?)\s*[.:\-–—]+"
    r"|[.:\-–—]+"  # MOSCOW, January 18.
    r")\s+(?=\S)"
)
# No date: "WASHINGTON (Reuters) - ", "BERLIN — " (a place in capitals, then a dash)
_AGENCY_DATELINE_RE = re.compile(
    rf"^{_PLACE}{_REGION}\s*\(\s*(?P<pub_paren>{_AGENCY})\s*\)\s*[-–—:]+\s+"
    rf"|^(?P<caps>[{_UP}][{_UP}.'’\-]{{2,}}(?: [{_UP}][{_UP}.'’\-]+){{0,2}})"
    rf"(?:{_REGION}\s*(?:—|–|--|-(?=\s)|(?P<colon>:))\s+"  # "BERLIN — ", "BANGALORE - ", "SEOUL: "
    rf"|,\s*[{_UP}][^\W\d_]*\.?(?:—|–)(?=[{_UP}\"“]))"  # "COLUMBUS, Ohio—The"
    # "Geneva, Switzerland - The World Health Organization ...": a place in mixed case
    # needs its region and a dash with spaces round it, before a capital
    r"|^(?P<mixed>[A-Z][^\W\d_]+(?:[ '’\-][A-Z][^\W\d_]+){0,2})"
    r",\s*[A-Z][^\W\d_]+(?:\s[A-Z][^\W\d_]+){0,2}\s+[-–—]{1,2}\s+(?=[A-Z\"“])"
)
# No place: "Jan. 3 (UPI) — A California jury ..." (a wire's date and name only)
_UNPLACED_DATELINE_RE = re.compile(
    rf"^{_DATELINE_DATE}\s*\(\s*(?P<pub_paren>{_AGENCY})\s*\)\s*[-–—:]+\s+(?=\S)"
)
# Labels a page writes in capitals before a colon, which are no places.
_CAPITAL_LABELS = frozenset(
    {
        "BREAKING", "UPDATE", "UPDATED", "WATCH", "NOTE", "EDITOR'S", "EDITORS", "READ",
        "ALSO", "PHOTO", "PHOTOS", "VIDEO", "LIVE", "EXCLUSIVE", "ANALYSIS", "OPINION",
        "CORRECTION", "WARNING", "LISTEN", "SOURCE", "SOURCES", "FILE", "AP", "UPI",
        "TRANSCRIPT", "QUOTE", "EDITORIAL", "COMMENTARY", "REVIEW", "FACT", "CHECK",
        "FACT-CHECK", "ADVERTISEMENT", "GRAPHIC", "BACKGROUND", "CONTEXT",
    }
)  # fmt: skip


def _known_place(name: str) -> bool:
    """A country, a capital or a US state, by any case of its name."""
    return country_or_us_state(name) or name.lower() in by_capital()


_NOT_PLACES = frozenset(["On", "In", "By", "At", "As", "Since", "Until", "From", "The", "And"])


@dataclass(frozen=True)
class Dateline:
    """A wire dateline opening a lead paragraph."""

    place: str  # "" when the dateline names none ("Jan. 3 (UPI) —")
    end: int  # where the lead's own text starts
    month: int | None = None
    day: int | None = None
    year: int | None = None
    publisher: str | None = None

    @property
    def date(self) -> dt.date | None:
        """The full date when the dateline writes the year."""
        if self.year is None or self.month is None or self.day is None:
            return None
        return _make_date(self.year, self.month, self.day)


def _title_place(place: str) -> str:
    return place.title() if place.isupper() else place


def match_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening `paragraph`, if it has one."""
    match = _DATELINE_RE.match(paragraph) or _UNPLACED_DATELINE_RE.match(paragraph)
    if match:
        groups: dict[str, Any] = dict.fromkeys(("place", "pub_slash", "pub_dash", "pub_comma"))
        groups.update(match.groupdict())
        place = groups["place"]
        if place is not None and (place.split()[0] in _NOT_PLACES or place in _WEEKDAY_WORDS):
            return None
        year: int | None
        if groups["iso"]:
            year, month, day = (int(part) for part in groups["iso"].split("-"))
        else:
            written_year = groups["year"] or groups["year2"]
            year = int(written_year) if written_year else None
            month = _MONTH_WORDS[groups["mon"] or groups["mon2"]]
            day = int(groups["day"] or groups["day2"])
        if _make_date(year or 2000, month, day) is None:
            return None
        publisher = next(
            (groups[k] for k in ("pub_slash", "pub_paren", "pub_dash", "pub_comma") if groups[k]),
            None,
        )
        where = _title_place(place) if place is not None else ""
        return Dateline(where, match.end(), month, day, year, publisher)
    match = _AGENCY_DATELINE_RE.match(paragraph)
    place = match and (match["place"] or match["caps"] or match["mixed"])
    if match and place and set(place.upper().split()) & _CAPITAL_LABELS:
        return None  # "BREAKING: ...", "UPDATE: ...": a label in capitals, no place
    if match and place and match["colon"] and not _known_place(place):
        return None  # "URGENT: ...": before a colon only a place the gazetteer knows
    if match and place and place.split()[0] not in _NOT_PLACES:
        return Dateline(_title_place(place), match.end(), publisher=match["pub_paren"])
    return None
