"""Event mentions from hand-built sentences, with the real model: which dates date an
event, what type it is, and which sentences are not news."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from generator.nlp.mentions import Mention, find_mentions

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp() -> Any:
    from generator.nlp.pipeline import load_pipeline

    return load_pipeline(None, actors=[])


def _mentions(nlp: Any, text: str, published: str = "2021-06-15") -> list[Mention]:
    doc = nlp.make_doc(text)
    doc._.anchor = dt.date.fromisoformat(published)
    return find_mentions(nlp(doc), source="a", published=published)


def test_infinitive_meeting_does_not_make_a_statement_a_meeting(nlp: Any) -> None:
    [mention] = _mentions(
        nlp,
        "On Monday, the prime minister expressed his readiness to come to Paris to meet "
        "the president.",
    )
    assert mention.type == "statement"


def test_reported_past_call_is_a_call_not_a_statement(nlp: Any) -> None:
    [mention] = _mentions(
        nlp,
        "The situation in the region was in focus of a telephone conversation between the "
        "two foreign ministers, the ministry said on Monday.",
    )
    assert mention.type == "call"


def test_claimed_lives_is_not_a_statement(nlp: Any) -> None:
    [mention] = _mentions(
        nlp, "In May, deadly clashes on the border claimed nearly 300 lives.", "2021-06-15"
    )
    assert mention.type == "clashes"


def test_a_plan_called_x_is_not_a_phone_call(nlp: Any) -> None:
    [mention] = _mentions(
        nlp, "In March, the company unveiled a restructuring plan called Way Forward."
    )
    assert mention.type != "call"


def test_deadline_after_by_does_not_date_an_event(nlp: Any) -> None:
    assert _mentions(nlp, "The company wants to close 789 of its dealers by early June.") == []


def test_copular_state_is_not_an_event(nlp: Any) -> None:
    assert _mentions(nlp, "On Monday, the index was one of the worst performers.") == []


def test_first_person_opinion_is_not_an_event(nlp: Any) -> None:
    assert _mentions(nlp, '"I think we are responding emotionally today," he said.') == []


def test_when_clause_dates_its_own_event(nlp: Any) -> None:
    [mention] = _mentions(
        nlp,
        "Relations have been tense since 1991, when the army occupied the northern province.",
    )
    assert mention.date == "1991"
    assert mention.type == "clashes"
    assert mention.title is not None and "occupies" in mention.title


def test_two_main_clauses_with_two_dates_make_two_mentions(nlp: Any) -> None:
    found = _mentions(
        nlp, "The company was started by two engineers in 1976, and launched its store in 2003."
    )
    assert [m.date for m in found] == ["1976", "2003"]
    assert "launch" in (found[1].title or "")
