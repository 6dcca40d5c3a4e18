"""No input crashes the temporal tagger.

Every rule runs over every day of two years as the anchor (a common year and a leap year:
1 January, 29 February and 31 December among them; the property test adds any day from 1900
to 2100), on a passage made of the rules' own words; and
hypothesis builds phrases from the vocabulary of the pattern table itself (every word its
regexes spell, plus numbers, years and punctuation) and anchors from any day between 1900
and 2100 and the ends of the calendar. The tagger must never raise, and what it returns
must be well-formed: spans that are the text they claim, EDTF dates that the records can
read.
"""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import edtf
from generator.timex.patterns import RULES
from generator.timex.tagger import Timex, find_timexes


def _vocabulary() -> list[str]:
    """Every word the pattern table's regexes spell ("last", "quarter", "Sept", ...)."""
    words: set[str] = set()
    for _name, rx, _handler in RULES:
        pattern = re.sub(r"\(\?P<\w+>|\(\?P=\w+\)|\\[A-Za-z]", " ", rx.pattern)
        words.update(w for w in re.findall(r"[A-Za-z]{2,}", pattern))
    return sorted(words)


VOCABULARY = _vocabulary()
NUMBERS = ["0", "1", "2", "9", "12", "13", "24", "29", "30", "31", "32", "99", "100", "1000"]
YEARS = ["1600", "1899", "1900", "1999", "2000", "2020", "2024", "2099", "'99", "'00", "'20"]
SHAPES = [
    "1990s",
    "'80s",
    "20th",
    "0th",
    "21st",
    "Q1",
    "Q4",
    "FY",
    "2 1/2",
    "10.11.2020",
    "29.02.2021",
    "2/29/2021",
    "2021-02-29",
    "2020-02-29",
    "12:00",
    "25:00",
    "0735",
    "p.m.",
    "a.m.",
    "GMT +8",
    "'s",
    "year-ago",
    "six-year-old",
    "decades-long",
]
PUNCTUATION = [",", ".", ":", "-", "–", "(", ")", "\n", "'"]
TOKENS = VOCABULARY + NUMBERS + YEARS + SHAPES + PUNCTUATION

# One passage in which every rule finds something (or nearly does).
PASSAGE = (
    "On Tuesday, October 20, 2020 and 12 and 13 December, the talks (10.11.2020, 2/29/2024, "
    "2021-02-28) resumed. In early November, last winter, this past summer, next spring, "
    "the fall of 2019, the first quarter of 2009, this year's third quarter, Q4 2020, the "
    "second half of last year and fiscal 1999 it grew; in the 1990s, the '80s, the mid-1990s "
    "and the 20th century too. Yesterday morning, tonight, last night, Friday night, next "
    "Monday, the previous Friday, the following Sunday, until Thursday, late last week, "
    "earlier this month, the end of this year, the weekend, the same period a year earlier, "
    "the year-ago quarter, the latest period, the quarter, the 1988 period, that year, the "
    "following month, the day before, the next day, two years ago, a week earlier, months "
    "ago, three days later, nearly two years, the past three months, for years, in recent "
    "weeks, every week, each Thursday, daily, 15 a year, at 12:00 UTC on October 10, at 6:40 "
    "p.m. (GMT +8), midnight, noon, now, recently, in the future, the time being, nineteen "
    "ninety-six, the year two thousand, 2 1/2 years, a minute and a half, the last twenty "
    "four hours, February 29, 29 February, December 31 and January 1 all passed."
)
ANCHOR_YEARS = (2023, 2024)  # a common year and a leap year


def _well_formed(text: str, found: list[Timex]) -> None:
    for t in found:
        assert 0 <= t.start < t.end <= len(text), t
        assert text[t.start : t.end] == t.text, t
        assert t.type in ("DATE", "TIME", "DURATION", "SET"), t
        if t.edtf is not None:
            assert edtf.is_valid(t.edtf), t


def test_every_day_of_several_years_as_anchor() -> None:
    day = dt.date(ANCHOR_YEARS[0], 1, 1)
    days = 0
    while day.year <= ANCHOR_YEARS[-1]:
        if day.year in ANCHOR_YEARS:
            found = find_timexes(PASSAGE, anchor=day)
            _well_formed(PASSAGE, found)
            assert len(found) > 60, (day, len(found))
            days += 1
        day += dt.timedelta(days=1)
    assert days == 365 + 366


def test_last_winter_early_in_january() -> None:
    """Was a ValueError (max() of an empty sequence) in the season rule."""
    (found,) = find_timexes("It snowed last winter.", anchor=dt.date(2024, 1, 5))
    assert found.value == "2022-WI"


ANCHORS = st.one_of(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.sampled_from(
        [
            dt.date(2024, 1, 1),
            dt.date(2024, 2, 29),
            dt.date(2023, 12, 31),
            dt.date(2000, 2, 29),
            dt.date(1, 1, 1),
            dt.date(9999, 12, 31),
        ]
    ),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(st.sampled_from(TOKENS), min_size=1, max_size=12),
    separators=st.lists(st.sampled_from([" ", " ", " ", ", ", "-", "\n", ""]), min_size=12),
    anchor=ANCHORS,
)
def test_phrases_from_the_rules_vocabulary(
    words: list[str], separators: list[str], anchor: dt.date
) -> None:
    text = "".join(w + s for w, s in zip(words, separators, strict=False))
    _well_formed(text, find_timexes(text, anchor=anchor))
