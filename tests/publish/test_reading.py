"""What a reader is told: the best sentence, disagreements in words, confidence in words,
key events, and a record's own timeline."""

from __future__ import annotations

import re

from generator.model import Claim, Event, Source
from generator.publish import reading
from generator.publish.keys import key_count, key_events
from generator.publish.strip import year_strip

SOURCES = {
    "tass": Source("tass", "Top diplomats talk", "2021-01-18", "header", 1.0, "TASS"),
    "armenpress": Source("armenpress", "Leaders meet", "2021-01-12", "dateline", 0.8, "Armenpress"),
    "anadolu": Source("anadolu", "Sochi", "2022-10-31", "header", 1.0, "Anadolu Agency"),
    "blog": Source(id="blog", title="A blog post", published=None, published_how="none"),
}
WRONG = "Since the Moscow summit on November 11, 2021, the sides met several times."
RIGHT = "On January 11, 2021, the three leaders met in Moscow."


def _link(source_id: str, label: str) -> str:
    return f'<a href="{source_id}">{label}</a>'


def _summit(*claims: Claim, summary: str = "") -> Event:
    return Event(id="summit", date="2021-01-11", title="Summit", summary=summary, sources=claims)


def test_the_summary_is_never_the_sentence_of_a_source_that_gets_the_date_wrong() -> None:
    event = _summit(
        Claim("tass", WRONG, "November 11, 2021", "2021-11-11"),
        Claim("armenpress", RIGHT, "January 11, 2021", "2021-01-11"),
        summary=WRONG,  # extraction's first quote
    )
    assert reading.summary(event) == RIGHT


def test_the_summary_is_the_sentence_the_other_sources_support_best() -> None:
    told = "Putin, Aliyev and Pashinyan signed a joint statement on a complete ceasefire."
    event = Event(
        id="signed",
        date="2020-11-09",
        title="Signed",
        sources=(
            Claim("blog", "The weather in Moscow was cold on November 9.", "November 9"),
            Claim("tass", told, "November 9"),
            Claim("anadolu", "Aliyev and Pashinyan signed a ceasefire statement with Putin."),
        ),
    )
    assert reading.summary(event) == told


def test_an_editors_own_summary_is_kept() -> None:
    event = _summit(Claim("tass", WRONG, date="2021-11-11"), summary="Written by an editor.")
    assert reading.summary(event) == "Written by an editor."


def test_a_disagreement_names_publishers_and_dates_and_counts_the_others() -> None:
    event = _summit(
        Claim("tass", WRONG, "November 11, 2021", "2021-11-11"),
        Claim("armenpress", RIGHT, "January 11, 2021", "2021-01-11"),
        Claim("anadolu", RIGHT, "January 11", "2021-01-11"),
        Claim("blog", RIGHT, None, None),
    )
    words = reading.date_disagreement(event, SOURCES, _link)
    assert words is not None
    assert words[0] == (
        '<a href="tass">TASS, 18 January 2021</a>, gives 11 November 2021; '
        "three other sources give 11 January 2021."
    )
    assert "dates the event 11 January 2021" in words[1]


def test_one_source_that_gives_two_dates_is_said_so() -> None:
    event = _summit(
        Claim("tass", WRONG, "November 11, 2021", "2021-11-11"),
        Claim("tass", RIGHT, "January 11, 2021", "2021-01-11"),
        Claim("armenpress", RIGHT, "January 11", "2021-01-11"),
    )
    words = reading.date_disagreement(event, SOURCES, _link)
    assert words is not None
    assert words[0] == (
        '<a href="tass">TASS, 18 January 2021</a>, gives 11 November 2021 in one sentence and '
        '11 January 2021 in another; <a href="armenpress">Armenpress, 12 January 2021</a>, '
        "gives 11 January 2021."
    )


def test_a_month_agrees_with_its_days_and_no_disagreement_is_invented() -> None:
    event = _summit(Claim("tass", RIGHT, "in January", "2021-01"))
    assert reading.agrees(event.sources[0], event)
    assert reading.date_disagreement(event, SOURCES, _link) is None


def test_a_source_without_publisher_is_named_by_its_title() -> None:
    assert reading.source_label(SOURCES["blog"], "blog") == "“A blog post”"
    assert reading.source_label(None, "gone") == "gone"


def test_confidence_in_words() -> None:
    single = _summit(Claim("tass", RIGHT, "January 11, 2021", "2021-01-11"))
    assert reading.confidence_words(single, SOURCES, low_confidence=False) == "single source"
    agreed = _summit(
        Claim("tass", RIGHT, "January 11, 2021", "2021-01-11"),
        Claim("armenpress", RIGHT, "on Monday", "2021-01-11"),
    )
    assert reading.confidence_words(agreed, SOURCES, low_confidence=False) == "two sources agree"
    inferred = _summit(Claim("blog", RIGHT, "on Monday", "2021-01-11"))
    assert reading.confidence_words(inferred, SOURCES, low_confidence=True) == (
        "single source, date inferred from an uncertain publication date, "
        "the extraction was unsure of it"
    )
    disputed = _summit(
        Claim("tass", WRONG, "November 11, 2021", "2021-11-11"),
        Claim("armenpress", RIGHT, "January 11", "2021-01-11"),
    )
    assert reading.confidence_words(disputed, SOURCES, low_confidence=False) == (
        "sources disagree on the date, date inferred from the publication date"
    )


def _event(event_id: str, date: str, importance: int, kind: str = "other") -> Event:
    claims = (Claim(source="s", quote="q"),)
    return Event(id=event_id, date=date, title=event_id, type=kind, sources=claims,
                 importance=importance)  # fmt: skip


def test_key_events_are_the_most_important_one_per_date_in_date_order() -> None:
    events = [
        _event("background", "1991", 1),
        _event("statement", "2020-11-09", 5, "statement"),
        _event("signed", "2020-11-09", 5, "agreement"),  # same date, weightier kind
        _event("summit", "2021-01-11", 3, "meeting"),
        _event("call", "2021-01-18", 3, "call"),
    ]
    assert [e.id for e in key_events(events, 2)] == ["signed", "summit"]
    assert [e.id for e in key_events(events, 10)] == [
        "background",
        "signed",
        "summit",
        "call",
    ]
    assert [key_count(n, 10) for n in (0, 1, 8, 22, 100, 100_000)] == [0, 1, 3, 5, 10, 10]


def test_a_records_timeline_has_a_bar_per_year_linking_its_page() -> None:
    bars, caption = year_strip(
        [2020, 2020, 2020, 2022], "<b>Putin</b>", lambda year: f"../years/{year}/"
    )
    assert bars.count('role="listitem"') == 3  # 2020, 2021 (empty), 2022
    assert '<a href="../years/2020/" role="listitem" title="2020: 3 events"' in bars
    assert '<span role="listitem" title="2021: 0 events"' in bars
    assert "&lt;b&gt;Putin&lt;/b&gt;: events by year" in bars and "<b>" not in bars
    heights = [int(h) for h in re.findall(r'<rect [^>]*height="(\d+)"', bars)]
    assert heights == [40, 13]
    assert caption == "4 events, 2020–2022; the busiest: 2020 (3), 2022 (1)."


def test_a_records_timeline_of_centuries_counts_decades() -> None:
    bars, caption = year_strip([1890, 1895, 2021], "Old", lambda year: None)
    assert 'title="1890s: 2 events"' in bars and 'title="2020s: 1 event"' in bars
    assert "<a " not in bars  # decades have no page of their own
    assert caption.startswith("3 events, 1890–2029")


def test_a_claim_is_after_publication_only_after_the_last_day_the_source_can_be_of() -> None:
    # a page whose header gives only its month ("2024-03") may tell any day of that month
    month = {"page": Source("page", "Attack near Moscow", "2024-03", "header", 1.0, "TT")}
    inside = Event(
        id="attack", date="2024-03-22", title="Attack", sources=(Claim("page", "On Friday"),)
    )
    after = Event(
        id="court", date="2024-04-02", title="Court", sources=(Claim("page", "On Tuesday"),)
    )
    assert reading.after_publication(inside, month, _link) is None
    told = reading.after_publication(after, month, _link)
    assert told is not None and "after it was published" in told[0]
    assert reading.after_publication(_summit(Claim("tass", RIGHT)), SOURCES, _link) is None
