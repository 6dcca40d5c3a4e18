"""Headline titles from hand-built sentences, with the real model."""

from __future__ import annotations

from typing import Any

import pytest

from generator.nlp.titles import MAX_WORDS, fallback_title, make_title

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp() -> Any:
    import spacy

    from generator.nlp.pipeline import model_name

    return spacy.load(model_name())


def _title(nlp: Any, text: str) -> str | None:
    sentence = next(iter(nlp(text).sents))
    return make_title(sentence, skip=set(), surnames={})


def test_apposition_is_left_out_with_its_spacing(nlp: Any) -> None:
    title = _title(nlp, "Ford Motor Company, the U.S. car maker, paid $57 million for the plant.")
    assert title is not None
    assert title.startswith("Ford Motor Company pays $57 million")


def test_relative_clause_of_the_subject_is_left_out(nlp: Any) -> None:
    title = _title(
        nlp, "The announcement, which had already been sent to airlines, was made in Jakarta."
    )
    assert title is not None and "which" not in title and "announcementwhich" not in title


def test_percent_sign_stays(nlp: Any) -> None:
    title = _title(nlp, "The Nasdaq index fell by 3.16% to 2138.14.")
    assert title is not None and "3.16%" in title


def test_long_subject_loses_its_modifiers(nlp: Any) -> None:
    title = _title(
        nlp,
        "The Russian delegation at the talks in the capital intends to map out specific "
        "steps for resolving issues that arise on the ground.",
    )
    assert title is not None
    assert title.startswith("The Russian delegation intends")
    assert len(title.split()) <= MAX_WORDS


def test_title_is_not_cut_inside_a_phrase(nlp: Any) -> None:
    title = _title(
        nlp,
        "An agreement was reached on a new truce between the two neighbouring countries in the "
        "zone of the long-running border conflict.",
    )
    assert title is not None
    assert len(title.split()) <= MAX_WORDS
    assert title.split()[-1].lower() not in ("the", "of", "in", "a")


def test_speaker_and_what_was_said_when_the_reported_clause_has_a_pronoun(nlp: Any) -> None:
    title = _title(
        nlp, "Ford has said that it can make it through the year without government aid."
    )
    assert title is not None and title.startswith("Ford says it can make it through")


def test_copula_with_nothing_left_is_no_title(nlp: Any) -> None:
    sentence = next(iter(nlp("The first flight of the plane was in June 1994.").sents))
    skip = {t.i for t in sentence if t.text in ("in", "June", "1994")}
    assert make_title(sentence, skip=skip, surnames={}) is None


def test_fallback_title_is_a_whole_clause_without_quotes() -> None:
    title = fallback_title(
        "other",
        '"It is a move that people could argue should have been taken years ago, '
        'but it is welcome," he said.',
        "years ago",
        [],
    )
    assert '"' not in title and "…" not in title
    assert title.split()[-1].lower() not in ("that", "the", "a", "of")
