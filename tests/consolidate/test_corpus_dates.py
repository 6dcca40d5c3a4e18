"""Undated articles' weekdays read from the days dated articles give the same happening."""

from __future__ import annotations

from generator.consolidate.corpus_dates import corpus_days
from generator.model import Article, Mention


def _article(
    article_id: str, text: str, published: str | None, anchor: str | None = None
) -> Article:
    return Article(
        id=article_id,
        file=f"{article_id}.txt",
        sha256="0",
        title=article_id,
        text=text,
        published=published,
        published_how="header" if published else "unknown",
        published_confidence=1.0 if published else 0.0,
        published_candidates=(),
        publisher=None,
        dateline=None,
        url=None,
        anchor=anchor,
    )


def _told(source: str, quote: str, date: str) -> Mention:
    return Mention(source, quote, date, "Tuesday", "legal", None, "2021-04-21", 0)


VERDICT = "A jury found former police officer Derek Chauvin guilty of murdering George Floyd."
DATED = [
    _told(
        "a",
        "A Minneapolis jury found Derek Chauvin guilty of murdering George Floyd.",
        "2021-04-20",
    ),
    _told("a", "Derek Chauvin was led away in handcuffs to a state prison.", "2021-04-21"),
    _told("b", "The jury began deliberating on the Chauvin charges.", "2021-04-19"),
]


def test_a_weekday_takes_the_day_dated_articles_give_the_same_happening() -> None:
    articles = [
        _article("a", "", "2021-04-21"),
        _article("b", "", "2021-04-19"),
        _article("u", f"On Tuesday, {VERDICT} Crowds cheered outside.", None),
    ]
    assert corpus_days(articles, DATED) == {"u": ("2021-04-20", frozenset({"2021-04-20"}))}


def test_no_match_on_another_weekday_nor_for_a_day_ahead_nor_other_words() -> None:
    articles = [
        _article("a", "", "2021-04-21"),
        _article("b", "", "2021-04-19"),
        _article("wrong-day", f"On Friday, {VERDICT}", None),
        _article("ahead", f"On Tuesday the judge will say whether {VERDICT}", None),
        _article("other", "On Tuesday the city council voted on a new budget for parks.", None),
        _article("dated", f"On Tuesday, {VERDICT}", "2021-04-20"),
    ]
    assert corpus_days(articles, DATED) == {}


def test_an_anchor_after_the_matched_day_rules_it_out() -> None:
    articles = [
        _article("a", "", "2021-04-21"),
        _article("u", f"On Tuesday, {VERDICT} It was filed on May 3, 2021.", None, "2021-05-03"),
    ]
    assert corpus_days(articles, DATED) == {}
