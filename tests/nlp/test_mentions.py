"""Event mentions from hand-built sentences, with the real model: which dates date an
event, what type it is, and which sentences are not news.

Each case in cases/mentions/*.yml is a sentence (``text``, ``published``: null for an
undated article; ``headline``: the article's, where it matters), the mentions found in it
(``mentions``: date, type, title, actors and places of each, refreshed with ``pytest
--update-goldens``: review the diff before keeping it) and ``checks`` written by hand
that a refresh never changes: ``count``, ``dates``, ``types``, ``type_not``,
``titles_contain`` (one entry per mention, null for no check), ``titles_exclude`` (text no
title may contain), ``actors`` and
``not_actors`` (names that must, or must not, be among the first mention's actors),
``places`` and ``not_places`` (names that must, or must not, be among its places).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from generator.model import Mention, Mentioned
from generator.nlp.doctext import set_headline
from generator.nlp.mentions import find_mentions
from generator.nlp.names import clean_name, is_junk

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp() -> Any:
    from generator.nlp.pipeline import load_pipeline

    return load_pipeline(None, actors=[])


def _mentions(nlp: Any, text: str, published: str | None, headline: str = "") -> list[Mention]:
    """The mentions of a sentence of an article published that day (None: undated) under
    a headline."""
    doc = nlp.make_doc(text)
    doc._.anchor = dt.date.fromisoformat(published) if published else None
    set_headline(doc, headline)
    return find_mentions(nlp(doc), source="a", published=published)


def _named(items: list[Mentioned]) -> list[str]:
    """The entity texts that can name an actor (not things, not junk)."""
    return [m.text for m in items if not m.thing and not is_junk(m)]


def _check(found: list[Mention], checks: dict[str, Any]) -> None:
    if "count" in checks:
        assert len(found) == checks["count"]
    if "dates" in checks:
        assert [m.date for m in found] == checks["dates"]
    if "types" in checks:
        assert [m.type for m in found] == checks["types"]
    assert all(m.type != checks.get("type_not") for m in found)
    for mention, part in zip(found, checks.get("titles_contain", ()), strict=False):
        assert part is None or part in (mention.title or ""), mention.title
    for part in checks.get("titles_exclude", ()):
        assert all(part not in (m.title or "") for m in found), [m.title for m in found]
    named = {clean_name(a) for a in _named(found[0].actors)} if found else set()
    assert set(checks.get("actors", ())) <= named, named
    assert not set(checks.get("not_actors", ())) & named, named
    where = {clean_name(a) for a in _named(found[0].places)} if found else set()
    assert set(checks.get("places", ())) <= where, where
    assert not set(checks.get("not_places", ())) & where, where


@pytest.mark.golden_test("cases/mentions/*.yml")
def test_mentions(golden: Any, nlp: Any) -> None:
    published = golden["published"]
    found = _mentions(
        nlp,
        golden["text"],
        None if published is None else str(published),
        str(golden.get("headline") or ""),
    )
    _check(found, golden["checks"])
    told = [
        {
            "date": m.date,
            "type": m.type,
            "title": m.title,
            "actors": _named(m.actors),
            "places": _named(m.places),
        }
        for m in found
    ]
    assert told == golden.out["mentions"]


def test_a_statement_by_a_name_ner_missed_has_its_speaker(nlp: Any) -> None:
    # "OceanGate" is tagged a proper noun but is no entity: still a named speaker, so that
    # its statement and the Coast Guard's stay two events
    found = _mentions(
        nlp,
        "OceanGate issued a somber statement on Thursday. Earlier in the day, the U.S. Coast "
        "Guard announced the discovery of debris on the ocean floor.",
        "2023-06-23",
    )
    assert [m.speaker for m in found] == ["oceangate", "the u.s. coast guard"]


def test_a_weekday_in_a_page_dated_by_its_month_dates_its_event_to_that_month(
    nlp: Any, tmp_path: Any
) -> None:
    """Under a ' date 2024-12' header, 'on Saturday evening' counted back from 1 December
    would fall in November, before the page: the event takes the page's month, flagged as
    counted from its first day (a day the corpus gives the page replaces that reading)."""
    from generator.ingest.reader import read_article_file
    from generator.nlp.pipeline import analyse_batch

    page = tmp_path / "market.txt"
    page.write_text(
        " date 2024-12 Five people were killed when a car drove into a crowd at a Christmas"
        " market. The driver was brought before a judge on Saturday evening.\n",
        encoding="utf-8",
    )
    article = read_article_file(page, root=tmp_path)[0]
    assert (article.published, article.month) == (None, "2024-12")
    [mentions] = analyse_batch(nlp, [article])
    told = {m.date_text: (m.date, m.anchored_on) for m in mentions}
    assert told == {"Saturday evening": ("2024-12", "2024-12-01")}
