"""Importance: the articles that report an event or refer back to its date (news-tls' insight)."""

from __future__ import annotations

from typing import Any

from generator.consolidate.importance import citing_articles, date_key, with_importance
from generator.model import Claim, Event, Mention


def _mention(source: str, date: str, references: list[str] | None = None, **kw: Any) -> Mention:
    return Mention(
        source=source,
        quote=f"{source} tells something on {date}.",
        date=date,
        date_text=date,
        type="other",
        title=None,
        published=None,
        position=0,
        references=[("agreement", ref) for ref in references or []],
        **kw,
    )


def _event(event_id: str, date: str, *sources: str) -> Event:
    claims = tuple(Claim(source=s, quote="q", date=date) for s in sources)
    return Event(id=event_id, date=date, title=event_id, sources=claims)


def test_date_key_is_the_start_without_qualifiers() -> None:
    assert date_key("2020-10-09/2020-10-10") == "2020-10-09"
    assert date_key("2014-22~") == "2014-22"
    assert date_key("2020") == "2020"


def test_articles_referring_back_to_a_date_raise_its_events() -> None:
    mentions = [
        _mention("tass", "2020-11-09"),
        _mention("tass", "2020-11-09"),  # one article, however often it repeats the date
        _mention("armenpress", "2021-01-11", references=["2020-11-09"]),
        _mention("anadolu", "2022-10-31", references=["2020-11-09", "2021-01-11"]),
        _mention("reuters", "2020-11"),  # a month says nothing about one of its days
    ]
    events = [
        _event("signed", "2020-11-09", "tass"),
        _event("summit", "2021-01-11", "armenpress"),
        _event("sochi", "2022-10-31", "anadolu"),
        _event("month", "2020-11", "reuters"),
    ]
    scored = {event.id: event.importance for event in with_importance(events, mentions)}
    assert scored == {"signed": 3, "summit": 2, "sochi": 1, "month": 1}


def test_sources_count_even_when_their_claim_gives_another_date() -> None:
    # The source that got the date wrong still reports the event.
    event = Event(
        id="summit",
        date="2021-01-11",
        title="Summit",
        sources=(
            Claim(source="armenpress", quote="q", date="2021-01-11"),
            Claim(source="newsline", quote="q", date="2021-11-11"),
        ),
    )
    mentions = [_mention("armenpress", "2021-01-11"), _mention("newsline", "2021-11-11")]
    assert with_importance([event], mentions)[0].importance == 2


def test_citing_articles_index_told_and_referred_dates() -> None:
    cited = citing_articles(
        [_mention("a", "2020-10-09/2020-10-10", references=["2020-11-09"]), _mention("b", "")]
    )
    assert cited == {"2020-10-09": {"a"}, "2020-11-09": {"a"}}
