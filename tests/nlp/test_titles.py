"""Headline titles from hand-built sentences, with the real model.

Each case in cases/titles/*.yml is a sentence (``text``; ``skip``: words that a date took,
left out of the title; ``statement``: whether the event is the saying; ``sentence``: which
sentence of the text to title, the first by default; ``verb``: the word of the clause to
title, the sentence's main verb by default), the title made of it (``title``,
refreshed with ``pytest --update-goldens``: review the diff before keeping it) and
``checks`` written by hand that a refresh never changes: ``starts_with``, ``contains``,
``excludes``, ``fits`` (at most MAX_WORDS words), ``last_word_not``, ``none`` (no title at
all).
"""

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


def _check(title: str | None, checks: dict[str, Any]) -> None:
    if checks.get("none"):
        assert title is None
        return
    assert title is not None
    if "starts_with" in checks:
        assert title.startswith(checks["starts_with"]), title
    for part in checks.get("contains", ()):
        assert part in title, title
    for part in checks.get("excludes", ()):
        assert part not in title, title
    if checks.get("fits"):
        assert len(title.split()) <= MAX_WORDS, title
    assert title.split()[-1].lower() not in checks.get("last_word_not", ()), title


@pytest.mark.golden_test("cases/titles/*.yml")
def test_title(golden: Any, nlp: Any) -> None:
    sentence = list(nlp(golden["text"]).sents)[golden.get("sentence", 0)]
    skip = {t.i for t in sentence if t.text in golden.get("skip", ())}
    verb = next((t for t in sentence if t.text == golden.get("verb")), None)
    title = make_title(
        sentence, skip=skip, surnames={}, verb=verb, statement=golden.get("statement", False)
    )
    _check(title, golden["checks"])
    assert title == golden.out["title"]


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


def test_fallback_title_does_not_end_on_a_preposition_that_lost_its_date() -> None:
    title = fallback_title(
        "other",
        "The last time the WHO made a similar declaration was during 2020.",
        "2020",
        [],
    )
    assert title == "The last time the WHO made a similar declaration"


def _lead_title(nlp: Any, headline: str, text: str, skip_words: tuple[str, ...]) -> str | None:
    from generator.nlp.doctext import set_headline

    doc = nlp.make_doc(text)
    set_headline(doc, headline)
    doc = nlp(doc)
    sentence = next(iter(doc.sents))
    skip = {t.i for t in sentence if t.text in skip_words}
    return make_title(sentence, skip=skip, surnames={}, statement=False)


def test_a_lead_that_describes_who_acted_takes_the_name_from_the_headline(nlp: Any) -> None:
    # standardmedia.co.ke, 13 August 2024 (AFP)
    title = _lead_title(
        nlp,
        "Africa's CDC declares mpox a public health emergency",
        "The African Union's health watchdog on Tuesday declared a public health emergency "
        "over the growing mpox outbreak on the continent. The outbreak has swept through "
        "several African countries, said Jean Kaseya, head of the Africa CDC.",
        ("on", "Tuesday"),
    )
    assert title is not None and title.startswith("Africa's CDC declares"), title


def test_a_headline_without_a_name_or_with_another_verb_names_no_one(nlp: Any) -> None:
    text = "The health watchdog on Tuesday declared a public health emergency over mpox."
    for headline in ("Health emergency declared over mpox", "Africa's CDC warns of mpox"):
        title = _lead_title(nlp, headline, text, ("on", "Tuesday"))
        assert title is not None and title.startswith("The health watchdog declares"), title


def test_fallback_title_is_the_clause_its_date_is_in() -> None:
    title = fallback_title(
        "policy",
        "Mpox was previously declared a public health emergency of international concern in "
        "July 2022; that declaration ended in May 2023 after case numbers declined.",
        "May 2023",
        [],
    )
    assert title == "That declaration ended after case numbers declined"


def test_fallback_title_is_the_comma_clause_its_date_is_in() -> None:
    text = (
        "Five years after its launch, Apple's iTunes music service in February passed "
        "Wal-Mart to become the No. 1 music seller in the United States."
    )
    assert fallback_title("business", text, "February", []).startswith(
        "Apple's iTunes music service passed Wal-Mart"
    )
    # not the clause of who said it
    asked = '"Was there anyone on the list?," one user wrote on Saturday night.'
    assert fallback_title("statement", asked, "Saturday night", []) != "One user wrote"
