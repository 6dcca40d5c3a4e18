"""EDTF dates: parsing, validation, ordering and display at true precision."""

from __future__ import annotations

import datetime as dt

import pytest

from generator import edtf


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("2020", "2020"),
        ("2020-11", "November 2020"),
        ("2020-11-09", "9 November 2020"),
        ("2014-22", "summer 2014"),
        ("2014-22~", "c. summer 2014"),
        ("2020-10-09/2020-10-10", "9–10 October 2020"),
        ("2020-09-27/2020-11-09", "27 September 2020 – 9 November 2020"),
    ],
)
def test_dates_display_at_their_precision(text: str, label: str) -> None:
    assert edtf.format_date(text) == label


@pytest.mark.parametrize("bad", ["2020-13", "2020-13-45", "31/02/2020", "2021-02-29", "20", ""])
def test_invalid_dates_are_rejected(bad: str) -> None:
    with pytest.raises(edtf.EdtfError):
        edtf.parse_span(bad)


def test_span_ending_before_it_starts_is_rejected() -> None:
    with pytest.raises(edtf.EdtfError):
        edtf.parse_span("2020-10-10/2020-10-09")


def test_bounds_cover_the_whole_period() -> None:
    assert edtf.bounds("2020-02") == (dt.date(2020, 2, 1), dt.date(2020, 2, 29))
    assert edtf.bounds("2014-22") == (dt.date(2014, 6, 1), dt.date(2014, 8, 31))
    assert edtf.bounds("2020-10-09", "2020-10-12") == (dt.date(2020, 10, 9), dt.date(2020, 10, 12))


def test_sort_key_orders_coarse_dates_before_days_they_contain() -> None:
    dates = ["2020-11-09", "2020", "2020-11", "2019-12-31"]
    assert sorted(dates, key=edtf.sort_key) == ["2019-12-31", "2020", "2020-11", "2020-11-09"]
