"""Consolidation rules on hand-made mentions (no model)."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace

import pytest

from generator.consolidate.clustering import (
    Cluster,
    _slip_bound,
    _slip_score,
    build_records,
    cluster_mentions,
)
from generator.consolidate.pairing import similarity_bound, traits, traits_similarity, word_weights
from generator.model import Mention


def _mention(
    source: str,
    date: str,
    words: str,
    actors: list[str],
    *,
    kind: str = "meeting",
    confidence: float = 0.8,
    published: str = "2021-01-18",
) -> Mention:
    return Mention(
        source=source,
        quote=f"{words} ({date})",
        date=date,
        date_text=date,
        type=kind,
        title=words,
        published=published,
        position=0,
        actor_keys=actors,
        lemmas=frozenset(words.lower().split()),
        confidence=confidence,
    )


def test_same_event_in_two_articles_becomes_one_event_with_two_sources() -> None:
    clusters = cluster_mentions(
        [
            _mention(
                "a", "2020-11-09", "leaders sign joint statement ceasefire", ["putin", "aliyev"]
            ),
            _mention(
                "b", "2020-11-09", "leaders signed statement on ceasefire", ["putin", "aliyev"]
            ),
        ]
    )
    assert len(clusters) == 1
    events, _ = build_records(
        clusters, actor_ids={"putin": "putin", "aliyev": "aliyev"}, actor_kinds={}
    )
    assert [c.source for c in events[0].sources] == ["a", "b"]


def test_different_days_stay_different_events() -> None:
    clusters = cluster_mentions(
        [
            _mention("a", "2020-11-09", "leaders meet", ["putin"]),
            _mention("b", "2020-11-10", "leaders meet", ["putin"]),
        ]
    )
    assert len(clusters) == 2


def test_month_precision_mention_joins_the_day_it_contains() -> None:
    clusters = cluster_mentions(
        [
            _mention("a", "2020-11-09", "clashes erupt in region", ["x", "y"], kind="clashes"),
            _mention("b", "2020-11", "clashes erupt in region", ["x", "y"], kind="clashes"),
        ]
    )
    assert len(clusters) == 1


def test_past_date_after_publication_joins_its_twin_and_is_flagged() -> None:
    good = _mention("a", "2021-01-11", "three leaders meet moscow summit statement", [])
    wrong = _mention(
        "a", "2021-11-11", "agreements reached moscow summit leaders statement", [], confidence=0.3
    )
    clusters = cluster_mentions([good, wrong])
    assert len(clusters) == 1
    events, _ = build_records(clusters, actor_ids={}, actor_kinds={})
    assert events[0].date == "2021-01-11"
    assert events[0].flags[0].code == "date-conflict"


def test_lone_impossible_date_is_kept_and_flagged() -> None:
    wrong = _mention("a", "2021-11-11", "a summit no one else mentions", [], confidence=0.3)
    events, _ = build_records(cluster_mentions([wrong]), actor_ids={}, actor_kinds={})
    assert events[0].flags[0].code == "date-after-publication"


def test_ids_are_stable_readable_slugs() -> None:
    clusters = cluster_mentions([_mention("a", "2020-11-09", "Leaders sign a deal", ["p"])])
    events, _ = build_records(clusters, actor_ids={"p": "p"}, actor_kinds={})
    assert events[0].id == "2020-11-09-leaders-sign-a-deal"


def test_a_vague_year_does_not_chain_different_days_into_one_event() -> None:
    clusters = cluster_mentions(
        [
            _mention("a", "2008-10-24", "stock markets fall sharply", ["x"], kind="other"),
            _mention("b", "2008", "stock markets fall sharply year", ["x"], kind="other"),
            _mention("c", "2008-09-17", "stock markets fall sharply", ["x"], kind="other"),
        ]
    )
    assert not any({"2008-09-17", "2008-10-24"} <= {m.date for m in c.mentions} for c in clusters)


def test_one_shared_company_without_shared_words_is_not_one_event() -> None:
    clusters = cluster_mentions(
        [
            _mention("a", "2009-01", "sales dropped percent month", ["ford"], kind="other"),
            _mention("b", "2009", "posted annual profit billion", ["ford"], kind="other"),
        ]
    )
    assert len(clusters) == 2


def test_rare_shared_words_weigh_more_than_common_ones() -> None:
    common = [
        _mention(s, "2020-05-0" + str(n), "company said today", [], kind="other")
        for n, s in enumerate("pqrstu", start=1)
    ]
    pair = [
        _mention("a", "2010-06-07", "company unveiled smartphone keynote", [], kind="other"),
        _mention("b", "2010-06", "company unveiled smartphone keynote", [], kind="other"),
    ]
    unrelated = [
        _mention("c", "2010-06-08", "company said today", [], kind="other"),
        _mention("d", "2010-06", "company said profits", [], kind="other"),
    ]
    clusters = cluster_mentions(common + pair + unrelated)
    together = [c for c in clusters if {m.source for m in c.mentions} >= {"a", "b"}]
    assert together
    assert not any({m.source for m in c.mentions} >= {"c", "d"} for c in clusters)


def test_impossible_date_with_equal_candidates_joins_the_last_in_cluster_order() -> None:
    # Three events its date may have slipped from, each sharing two of its words: equal
    # scores (filler mentions make every word weigh exactly 3.0), so the order in which
    # the candidates are weighed decides, as it must from one run to the next.
    filler = [
        _mention(f"f{n}", f"{1950 + n}-02-03", f"filler{n} words{n}", [], kind="other")
        for n in range(45)
    ]
    first = _mention("a", "2021-01-11", "alpha beta ponder", [])
    second = _mention("b", "2021-11-01", "gamma delta quorum", [])
    third = _mention("c", "2021-01-11", "epsilon zeta rumour", [])
    wrong = _mention("d", "2021-11-11", "alpha beta gamma delta epsilon zeta", [], confidence=0.3)
    clusters = cluster_mentions([first, second, third, *filler, wrong])
    assert [c.sources for c in clusters[:3]] == [{"a"}, {"b"}, {"c", "d"}]


def _random_mentions(seed: int, count: int) -> list[Mention]:
    rng = random.Random(seed)
    kinds = ["meeting", "call", "statement", "agreement", "clashes", "other", "visit"]
    dates = [
        "2020",
        "2020-11",
        "2020-11-09",
        "2020-11-10",
        "2020-22",
        "bad",
        "2020-11-09/2020-11-12",
    ]
    mentions = []
    for n in range(count):
        words = " ".join(rng.sample("abcdefghij", rng.randint(0, 4)))
        mention = _mention(
            f"s{n}",
            rng.choice(dates),
            words,
            rng.sample("xyz", rng.randint(0, 2)),
            kind=rng.choice(kinds),
            confidence=rng.choice([0.2, 0.8]),
        )
        mentions.append(replace(mention, place_keys=rng.sample("pq", rng.randint(0, 1))))
    return mentions


def test_one_background_event_told_in_other_words_is_one_event() -> None:
    """'the 1918 pandemic' and 'the pandemic of 1918 that killed millions': the event noun
    the date modifies names the event, whatever else each sentence says."""
    first = replace(
        _mention("a", "1918", "virus compared with pandemic", [], kind="health"),
        event_noun="pandemic",
    )
    second = replace(
        _mention("b", "1918", "pandemic killed millions worldwide flu", [], kind="health"),
        event_noun="pandemic",
    )
    assert len(cluster_mentions([first, second])) == 1


def test_an_event_named_on_its_day_and_in_its_month_is_one_event() -> None:
    """'the July 23 declaration' and 'declared in July 2022 ... the declaration': a day and
    the month it is in, with the event noun, are one event; another month is not."""
    day = replace(
        _mention("a", "2022-07-23", "who emergency declaration monkeypox", [], kind="health"),
        event_noun="declaration",
    )
    month = _mention("b", "2022-07", "declaration outbreak global concern", [], kind="health")
    other = _mention("c", "2022-08", "declaration outbreak global concern", [], kind="health")
    assert len(cluster_mentions([day, month])) == 1
    assert len(cluster_mentions([day, other])) == 2


def test_two_events_of_one_day_in_one_article_stay_two() -> None:
    """An article seldom tells one event twice: sharing its vocabulary is not enough."""
    clusters = cluster_mentions(
        [
            _mention(
                "a", "2023-03-13", "bank customers line up outside branch", ["svb"], kind="other"
            ),
            _mention(
                "a",
                "2023-03-13",
                "president speaks about bank customers",
                ["svb"],
                kind="statement",
            ),
        ]
    )
    assert len(clusters) == 2


def test_statements_of_two_speakers_stay_two_events() -> None:
    said = [
        replace(
            _mention(source, "2023-06-22", "debris field found near wreck", [], kind="statement"),
            speaker=speaker,
        )
        for source, speaker in (("a", "oceangate"), ("b", "mauger"), ("c", "mauger"))
    ]
    clusters = cluster_mentions(said)
    assert sorted(len(c.mentions) for c in clusters) == [1, 2]


def test_title_and_summary_come_from_sources_that_agree_on_the_date() -> None:
    right = _mention("a", "2021-01-11", "Leaders meet in Moscow for talks", ["p"])
    also = _mention("b", "2021-01-11", "Leaders meet in Moscow", ["p"])
    wrong = replace(
        _mention("c", "2021-11-11", "Leaders meet in Moscow for talks summit", ["p", "q", "r"]),
        title="Wrong date title",
        confidence=0.8,
        published="2021-01-18",
    )
    clusters = cluster_mentions([right, also, wrong])
    events, _ = build_records(clusters, actor_ids={"p": "p", "q": "q", "r": "r"}, actor_kinds={})
    event = next(e for e in events if e.date == "2021-01-11")
    assert event.title != "Wrong date title"
    assert "2021-11-11" not in event.summary


def test_similarity_bounds_are_never_below_the_scores() -> None:
    mentions = _random_mentions(7, 120)
    idf = word_weights(mentions)
    both = [traits(m) for m in mentions]
    bounded = 0
    for a, b in itertools.product(both, repeat=2):
        bound = similarity_bound(a, b)
        for weights in (idf, None):
            assert traits_similarity(a, b, weights) <= bound, (a, b)
        assert _slip_score(a, b, idf) <= _slip_bound(a, b), (a, b)
        bounded += bound < 0.45
    assert bounded > len(both) ** 2 // 4  # the bound does reject pairs


def test_happenings_of_one_day_at_hours_apart_are_two_events() -> None:
    """'84 mph at 2:10 a.m.' and '60 mph around midnight' in one report: two readings of
    the storm's gusts, two events; the same time told twice stays one."""
    from generator.consolidate.clustering import cluster_mentions
    from generator.consolidate.pairing import clock_minutes
    from generator.model import Mention

    assert [
        clock_minutes(t) for t in ("2:10 a.m.", "8:30 p.m. Wednesday", "midnight", "Friday")
    ] == [
        130,
        1230,
        0,
        None,
    ]

    def gust(source: str, quote: str, when: str) -> Mention:
        words = frozenset(w.strip(".,").lower() for w in quote.split() if len(w) > 3)
        return Mention(
            source,
            quote,
            "2024-10-10",
            when,
            "disaster",
            None,
            "2024-10-10",
            0,
            actor_keys=["florida"],
            lemmas=words,
        )

    early = gust("a", "Wind gusts of 84 mph were recorded at the airport at 2:10 a.m.", "2:10 a.m.")
    late = gust(
        "a", "Wind gusts of 60 mph were recorded at the airport around midnight", "around midnight"
    )
    again = gust(
        "b",
        "Gusts of 84 mph were recorded at the airport at 2:10 a.m. Thursday",
        "2:10 a.m. Thursday",
    )
    clusters = cluster_mentions([early, late, again])
    assert sorted(len(c.mentions) for c in clusters) == [1, 2]


def test_a_statement_and_the_happening_it_tells_of_need_more_evidence_to_be_one() -> None:
    said = _mention(
        "a", "2023-06-22", "company issues statement on debris found near", ["x"], kind="statement"
    )
    found = _mention(
        "b", "2023-06-22", "robot finds debris near wreck site", ["x"], kind="disaster"
    )
    assert len(cluster_mentions([said, found])) == 2
    # the same words, both telling the happening, are one event
    assert len(cluster_mentions([replace(said, type="disaster"), found])) == 1


@pytest.mark.parametrize(
    ("worse", "better", "kind"),
    [
        # 'Ghebreyesus says we have an outbreak ...' tells the declaration in the speaker's
        # words; the record takes the other source's title
        (
            "Ghebreyesus says we have an outbreak that has spread around the world",
            "The WHO declares the monkeypox outbreak a global health emergency",
            "health",
        ),
        # 'He suffers' names no one; the other source's title says what happened
        ("He suffers", "The powerful earthquake jolts the Noto Peninsula", "disaster"),
    ],
)
def test_a_title_in_the_first_person_or_from_a_pronoun_is_chosen_last(
    worse: str, better: str, kind: str
) -> None:
    first, second = (
        replace(_mention(source, "2022-07-23", "it happened", [], kind=kind), title=title)
        for source, title in (("a", worse), ("b", better))
    )
    for order in ([first, second], [second, first]):
        events, _ = build_records([Cluster(list(order))], actor_ids={}, actor_kinds={})
        assert events[0].title == better


def test_a_coarser_date_counts_for_the_day_it_holds() -> None:
    """Two sources say 'last month' (2024-01), one 'Jan. 5': the record says the day,
    which the month holds, not the month."""
    month = [_mention(s, "2024-01", "door plug blows out", [], kind="disaster") for s in "ab"]
    day = _mention("c", "2024-01-05", "door plug blows out", [], kind="disaster")
    events, _ = build_records([Cluster([*month, day])], actor_ids={}, actor_kinds={})
    assert events[0].date == "2024-01-05"
