"""Consolidation: mentions of one real event across articles -> one event with many sources.

Two mentions are one event when their dates are compatible and they share enough actors
or content words. When sources disagree on the date of what is clearly one event (a date
that is told as past but falls after the article was published, or that differs in a
single field from a close match), the event is kept once and flagged for review: the
disagreement is recorded with each claim, never silently resolved.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice, repeat
from typing import Any

from generator import edtf, gazetteer
from generator.consolidate.pairing import (
    Traits,
    at_other_times,
    other_speakers,
    similarity_bound,
    traits,
    traits_similarity,
    types_fit,
    word_weights,
)
from generator.model import (
    EVENT_TYPES,
    Agreement,
    Event,
    Mention,
    agreement_from_dict,
    event_from_dict,
)
from generator.slugs import slugify, unique

_AGREEMENT_PHRASE = re.compile(
    r"\b((?:joint|trilateral|new|peace|humanitarian|complete)\s+)*"
    r"(statement|ceasefire|truce|agreement|accord|memorandum|treaty)\b",
    re.I,
)
_MEDIATOR = re.compile(r"at the initiative of ([A-Z][\w-]+)|([A-Z][\w-]+)-brokered")


@dataclass
class Cluster:
    """Mentions believed to tell one event."""

    mentions: list[Mention] = field(default_factory=list)
    flags: list[dict[str, str]] = field(default_factory=list)

    @property
    def sources(self) -> set[str]:
        """The articles that tell the event."""
        return {m.source for m in self.mentions}


@lru_cache(maxsize=65536)
def _same_date(a: str, b: str) -> bool:
    """Equal, or one contains the other (2020-11 and 2020-11-09)."""
    a_first, a_last = edtf.bounds(a)
    b_first, b_last = edtf.bounds(b)
    inside = (a_first <= b_first and b_last <= a_last) or (b_first <= a_first and a_last <= b_last)
    return inside and abs((a_first - b_first).days) < 370


@lru_cache(maxsize=65536)
def _one_field_apart(a: str, b: str) -> bool:
    """2021-01-11 vs 2021-11-11: a plausible slip of one field of a full date."""
    pa, pb = a.split("-"), b.split("-")
    return len(pa) == len(pb) == 3 and sum(x != y for x, y in zip(pa, pb, strict=True)) == 1


@lru_cache(maxsize=4096)
def _years(date: str) -> range:
    first, last = edtf.bounds(date)
    return range(first.year, last.year + 1)


def cluster_mentions(mentions: list[Mention], *, threshold: float = 0.45) -> list[Cluster]:
    """Group mentions into events; flag date conflicts within a group.

    A mention joins the most similar cluster whose every mention has a compatible date
    (so that a vague '2008' cannot chain every day of 2008 into one event).
    """
    idf = word_weights(mentions)
    clusters: list[Cluster] = []
    members: list[list[Traits]] = []  # each cluster's mentions' traits, in the same order
    dates: list[set[str]] = []  # each cluster's distinct dates
    # Compatible dates overlap, so only clusters of the mention's years are candidates:
    # this keeps clustering proportional to the corpus instead of quadratic.
    by_year: dict[int, list[int]] = {}
    suspicious = [m for m in mentions if m.confidence <= 0.3]
    for mention in (m for m in mentions if m.confidence > 0.3):
        own = traits(mention)
        best, best_score = None, threshold
        years = _years(mention.date)
        for index in sorted({i for year in years for i in by_year.get(year, ())}):
            if not all(map(_same_date, repeat(mention.date), dates[index])):
                continue
            if own.speaker is not None and any(other_speakers(own, o) for o in members[index]):
                continue  # one cluster holds the statements of one speaker
            if own.clock is not None and any(at_other_times(own, o) for o in members[index]):
                continue  # nor the happenings of one day at hours apart
            # A pair bound to score below the best so far cannot change the choice.
            close = [o for o in members[index] if _pair_bound(own, o) >= best_score]
            if not close:
                continue
            score = max(_pair_score(own, other, idf) for other in close)
            if score >= best_score:
                best, best_score = index, score
        if best is None:
            for year in years:
                by_year.setdefault(year, []).append(len(clusters))
            clusters.append(Cluster([mention]))
            members.append([own])
            dates.append({mention.date})
        else:
            clusters[best].mentions.append(mention)
            members[best].append(own)
            dates[best].add(mention.date)
    _place_suspicious(suspicious, clusters, members, idf)
    return clusters


# An article seldom tells one event twice in other words, and its sentences share its
# vocabulary: two of its mentions are one event only on stronger evidence than two
# articles' mentions are (unless they tell the same kind of event on the same day).
_SAME_ARTICLE_PENALTY = 0.35


# "the 1918 pandemic" and "the pandemic of 1918", "talks in Moscow on April 7" and "held
# talks on April 7": an event noun that a date modifies names the event, and another
# mention of that date with that word tells the same one, however else it is worded.
_EVENT_NOUN_BONUS = 0.45


# A statement and a happening of another type share words because the one tells of the
# other ("OceanGate issued a statement after the Coast Guard announced the debris field
# was found"); the saying and the happening are one event only on a little more evidence.
_SAYING_APART = 0.05


def _named_alike(a: Traits, b: Traits) -> bool:
    """One mention's event noun, dated as the other is, is among the other's words, and
    their actors, where both name some, overlap ("the 2020 election" of two countries is
    two elections)."""
    if a.keys and b.keys and a.keys.isdisjoint(b.keys):
        return False
    return _within_month(a.date, b.date) and (
        (a.event_noun is not None and a.event_noun in b.lemmas | {b.event_noun})
        or (b.event_noun is not None and b.event_noun in a.lemmas)
    )


def _within_month(a: str, b: str) -> bool:
    """The same date, or a day and the month it is in ("the March 7 security alert",
    "earlier in March ... issued a security alert")."""
    if a == b:
        return True
    day, month = (a, b) if len(a) > len(b) else (b, a)
    return len(day) == 10 and len(month) == 7 and day.startswith(month)


def _pair_score(own: Traits, other: Traits, idf: Mapping[str, float]) -> float:
    """How likely two mentions tell one event, for clustering."""
    score = traits_similarity(own, other, idf)
    if _named_alike(own, other) and types_fit(own.type, other.type):
        score += _EVENT_NOUN_BONUS
    if own.type != other.type and "statement" in (own.type, other.type):
        score -= _SAYING_APART
    if own.source == other.source and not _retold(own, other):
        return score - _SAME_ARTICLE_PENALTY
    return score


def _retold(a: Traits, b: Traits) -> bool:
    """The same kind of event on the same day in one article: its lead and a later
    paragraph telling it again ("lifted off on Friday, July 14", "the launch took place at
    2:35 pm"), which need no more evidence than two articles do."""
    return a.date == b.date and len(a.date) == 10 and a.type == b.type


def _pair_bound(own: Traits, other: Traits) -> float:
    """A value `_pair_score` never exceeds."""
    bonus = _EVENT_NOUN_BONUS if _named_alike(own, other) else 0.0
    return similarity_bound(own, other) + bonus


def _place_suspicious(
    mentions: list[Mention],
    clusters: list[Cluster],
    members: list[list[Traits]],
    idf: Mapping[str, float],
) -> None:
    """Dates told as past but after publication: attach each, flagged, to the event it slips from.

    Whether a mention is a candidate depends on its date alone, so the candidates are
    found through an index of where each date occurs, in cluster then mention order: the
    order of a scan of every mention, which decides between equal scores.
    """
    where: dict[str, list[tuple[int, int]]] = {}
    for number, cluster in enumerate(clusters):
        for position, told in enumerate(cluster.mentions):
            where.setdefault(told.date, []).append((number, position))
    matched: dict[str, tuple[list[str], int]] = {}
    for mention in mentions:
        own = traits(mention)
        best, best_score = None, 0.15
        for number, position in _slip_candidates(mention.date, where, matched):
            other = members[number][position]
            if _slip_bound(own, other) < best_score:
                continue  # cannot score as high as the best so far
            score = _slip_score(own, other, idf)
            if score >= best_score:
                best, best_score = number, score
        if best is None:
            best = len(clusters)
            clusters.append(Cluster([], [_after_publication(mention)]))
            members.append([])
        where.setdefault(mention.date, []).append((best, len(clusters[best].mentions)))
        clusters[best].mentions.append(mention)
        members[best].append(own)


def _slip_candidates(
    date: str,
    where: Mapping[str, list[tuple[int, int]]],
    matched: dict[str, tuple[list[str], int]],
) -> list[tuple[int, int]]:
    """Where the mentions are whose date this one may have slipped from, in scan order.

    matched keeps, for each date asked about, the dates of where that fit it among the
    first so many (where only grows, at its end), so that each pair is tested once.
    """
    dates, tested = matched.get(date, ([], 0))
    fresh = islice(where, tested, None)
    dates = dates + [d for d in fresh if _one_field_apart(date, d) or _same_date(date, d)]
    matched[date] = (dates, len(where))
    return sorted(place for d in dates for place in where[d])


def _slip_score(mention: Traits, other: Traits, idf: Mapping[str, float]) -> float:
    """How well a suspicious mention fits another: similarity, shared words, the same type."""
    if not types_fit(mention.type, other.type):
        return 0.0
    shared = len(mention.lemmas & other.lemmas)
    return (
        traits_similarity(mention, other, idf)
        + 0.05 * shared
        + 0.1 * (mention.type == other.type != "other")
    )


def _slip_bound(mention: Traits, other: Traits) -> float:
    """A value ``_slip_score`` never exceeds: without a shared word it adds at most 0.1."""
    if not mention.lemmas.isdisjoint(other.lemmas):
        return math.inf
    return similarity_bound(mention, other) + 0.1


def _after_publication(mention: Mention) -> dict[str, str]:
    return {
        "code": "date-after-publication",
        "message": f"{mention.source} tells this in the past tense but dates it "
        f"{mention.date}, after its publication ({mention.published}).",
    }


def _anchor_flags(mentions: list[Mention]) -> list[dict[str, str]]:
    """A date counted from an undated article's own dates, or read from other sources,
    not from its publication date."""
    messages = {
        f"{m.source} gives no publication date; {m.date_text!r} ({m.date}) was counted "
        f"from {m.anchored_on}, the earliest day its own dates show it was written.": None
        for m in mentions
        if m.anchored_on and not m.dated_by_corpus
    }
    flags = [{"code": "date-from-latest-date", "message": message} for message in messages]
    matched = {
        (
            f"{m.source} gives no publication date; {m.date_text!r} ({m.date}) was counted "
            f"from {m.anchored_on}, the earliest day dated sources show it was written."
            if m.anchored_on
            else f"{m.source} gives no publication date; {m.date_text!r} was read as "
            f"{m.date}, the day dated sources give this happening."
        ): None
        for m in mentions
        if m.dated_by_corpus
    }
    return flags + [{"code": "date-from-other-sources", "message": text} for text in matched]


def _choose_date(cluster: Cluster) -> str:
    """The date most mentions give; a coarser date ("last month": 2024-01) counts for the
    finer one it holds ("Jan. 5"), which says more of the same happening."""
    votes: dict[str, float] = {}
    for mention in cluster.mentions:
        votes.setdefault(mention.date, 0.0)
        votes[mention.date] += 1 + mention.confidence
    support = {
        date: vote
        + sum(v for other, v in votes.items() if _coarser(other, date) and _same_date(other, date))
        for date, vote in votes.items()
    }
    best = max(support.values())
    candidates = [d for d, v in support.items() if v == best]
    return max(candidates, key=lambda d: (len(d), d))


def _coarser(a: str, b: str) -> bool:
    """Whether date a spans more days than date b."""
    a_first, a_last = edtf.bounds(a)
    b_first, b_last = edtf.bounds(b)
    return (a_last - a_first) > (b_last - b_first)


def _conflict_flags(cluster: Cluster, date: str) -> list[dict[str, str]]:
    disagreeing = [m for m in cluster.mentions if not _same_date(m.date, date)]
    if not disagreeing:
        return []
    claims = "; ".join(f"{m.source} says {m.date_text!r} ({m.date})" for m in disagreeing)
    return [
        {
            "code": "date-conflict",
            "message": f"Sources disagree on the date: kept {date}; {claims}.",
        }
    ]


_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "it"}
_PRONOUNS = {"he", "she", "they", "it", "his", "her"}


def _agreeing(cluster: Cluster, date: str) -> list[Mention]:
    """The mentions whose date agrees with the event's: a source that contradicts the
    record's date gives it neither its title nor its summary."""
    return [m for m in cluster.mentions if _same_date(m.date, date)] or cluster.mentions


# A cluster may gather a sentence on a neighbouring happening of the same day ("cheers rang
# out after the verdict"); the sentence whose words the others share most tells the core,
# so it weighs in the title's choice too (dev titles 0.708 -> 0.717 at 0.2-0.4; 0.8 no gain).
_CENTRAL_TITLE = 0.3
# A first-person word in a title is a quote told as it was said, which reads badly
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Oo]ur|us|[Mm]y)\b")  # not the US


def _choose_title(candidates: list[Mention], supports: dict[int, float], kind: str) -> str:
    """The clearest title of the mentions that agree on the event's date: from a confident
    mention of the event's type, whose subject is named rather than described ("Milton
    batters Florida", not "The storm batters the state"), naming its actors, at most 12
    words, central to the cluster's words (``supports``: see `_supports`)."""
    top = max(supports.values()) or 1.0

    def rank(m: Mention) -> tuple[float, int, str]:
        words = (m.title or "").split()
        named = bool(words) and words[0][:1].isupper() and words[0].lower() not in _DETERMINERS
        pronoun = bool(words) and words[0].lower() in _PRONOUNS  # "He suffers": who?
        quality = (
            m.confidence
            + 0.15 * (named and not pronoun)
            - 0.15 * pronoun
            + 0.1 * (m.type == kind)
            + 0.1 * min(len(m.actor_keys), 3)
            - 0.05 * max(0, len(words) - 12)
            + 0.2 * (m.language == "en")  # of sources in several languages, English titles it
            - 0.2 * bool(_FIRST_PERSON.search(m.title or ""))  # "says we have an outbreak"
            + _CENTRAL_TITLE * supports[id(m)] / top
        )
        return (-quality, len(words), m.source)

    ranked = sorted(candidates, key=rank)
    return ranked[0].title or ranked[0].quote[:80]


def _choose_summary(candidates: list[Mention], supports: dict[int, float]) -> str:
    """The best-supported sentence: of the mentions that agree on the date, the one whose
    words the others share most (rare words weigh more); the earliest told on a tie."""
    best = max(candidates, key=lambda m: (supports[id(m)], -m.position, m.source))
    return best.quote


def _supports(candidates: list[Mention], idf: Mapping[str, float]) -> dict[int, float]:
    """For each mention (by id), how much of its words the other mentions share (rare
    words weigh more)."""
    if len(candidates) == 1:
        return {id(candidates[0]): 0.0}
    supports = {}
    for mention in candidates:
        others = [o.lemmas for o in candidates if o is not mention]
        # summed in a fixed order: a cached mention's set iterates in another order
        supports[id(mention)] = sum(
            idf.get(w, 1.0) for w in sorted(mention.lemmas) for o in others if w in o
        )
    return supports


def _choose_type(cluster: Cluster) -> str:
    counts = Counter(m.type for m in cluster.mentions if m.type != "other")
    if not counts:
        return "other"
    top = max(counts.values())
    order = {name: rank for rank, name in enumerate(EVENT_TYPES)}
    return min((t for t, c in counts.items() if c == top), key=lambda t: (order.get(t, 99), t))


def build_records(
    clusters: list[Cluster], *, actor_ids: Mapping[str, str], actor_kinds: Mapping[str, str]
) -> tuple[list[Event], list[Agreement]]:
    """Event and agreement records from the clusters; actor keys mapped to final ids."""
    events: list[dict[str, Any]] = []
    taken: set[str] = set()
    agreements: dict[tuple[str, str], dict[str, Any]] = {}
    idf = word_weights(m for c in clusters for m in c.mentions)
    ordered = sorted(clusters, key=lambda c: (edtf.sort_key(_choose_date(c)), c.mentions[0].quote))
    for cluster in ordered:
        date = _choose_date(cluster)
        kind = _choose_type(cluster)
        candidates = _agreeing(cluster, date)
        supports = _supports(candidates, idf)
        title = _choose_title(candidates, supports, kind)
        mentions = sorted(cluster.mentions, key=lambda m: (m.source, m.position))
        event_id = unique(f"{date.replace('/', '-')}-{slugify(title, max_words=6)}", taken)
        actors = _ordered(actor_ids[k] for m in mentions for k in m.actor_keys if k in actor_ids)
        places = _ordered(actor_ids[k] for m in mentions for k in m.place_keys if k in actor_ids)
        record: dict[str, Any] = {
            "id": event_id,
            "date": date,
            "title": title,
            "type": kind,
            "summary": _choose_summary(candidates, supports),
            "actors": actors,
            "places": [p for p in places if p not in actors],
            "agreements": [],
            "sources": [
                {"source": m.source, "quote": m.quote, "date_text": m.date_text, "date": m.date}
                for m in mentions
            ],
            "flags": cluster.flags + _conflict_flags(cluster, date) + _anchor_flags(mentions),
            "confidence": max(m.confidence for m in mentions),
        }
        events.append(record)
        _collect_agreement(record, mentions, agreements, actor_ids, actor_kinds)
    _link_references(events, ordered, agreements)
    # Built as data, since agreements and references are filled in as clusters come;
    # handed on as records.
    return (
        [event_from_dict(event) for event in events],
        [agreement_from_dict(a) for a in sorted(agreements.values(), key=lambda a: a["id"])],
    )


def _ordered(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _collect_agreement(
    event: dict[str, Any],
    mentions: list[Mention],
    agreements: dict[tuple[str, str], dict[str, Any]],
    actor_ids: Mapping[str, str],
    actor_kinds: Mapping[str, str],
) -> None:
    kinds = [m.agreement_kind for m in mentions if m.agreement_kind]
    if not kinds:
        return
    kind = Counter(kinds).most_common(1)[0][0]
    phrase = next(
        (match.group(0) for m in mentions if (match := _AGREEMENT_PHRASE.search(m.quote))), kind
    )
    label = edtf.format_date(event["date"])
    key = (kind, event["date"])
    agreement = agreements.setdefault(
        key,
        {
            "id": slugify(f"{event['date']} {phrase}"),
            "title": f"{phrase[:1].upper()}{phrase[1:].lower()} of {label}",
            "type": kind,
            "date": event["date"],
            "parties": [],
            "signatories": [],
            "mediators": [],
            "provisions": [],
            "events": [],
            "sources": [],
        },
    )
    effective = next((m.effective for m in mentions if m.effective and m.effective != m.date), None)
    if effective and "effective" not in agreement:
        agreement["effective"] = effective
    signed = any(re.search(r"\bsign", m.quote, re.I) for m in mentions)
    for actor in event["actors"]:
        kind = actor_kinds.get(actor, "")
        target: str | None = "parties" if kind in ("country", "organization", "group") else None
        if kind == "person":
            target = "signatories" if signed else None
        if target and actor not in agreement[target]:
            agreement[target].append(actor)
    for mention in mentions:
        for match in _MEDIATOR.finditer(mention.quote):
            word = match.group(1) or match.group(2)
            capital_of = gazetteer.by_capital().get(word.lower())
            name = slugify(capital_of.name if capital_of else word)
            if name in actor_ids.values() and name not in agreement["mediators"]:
                agreement["mediators"].append(name)
        for provision in mention.provisions:
            if provision not in agreement["provisions"]:
                agreement["provisions"].append(provision)
    agreement["events"].append(event["id"])
    event["agreements"].append(agreement["id"])
    for claim in event["sources"]:
        if claim["source"] not in agreement["sources"]:
            agreement["sources"].append(claim["source"])


def _link_references(
    events: list[dict[str, Any]],
    clusters: list[Cluster],
    agreements: dict[tuple[str, str], dict[str, Any]],
) -> None:
    """Events that refer to an agreement by its date ("the statement of November 9, 2020").

    events and clusters are parallel: the event built from each cluster, in the same order.
    """
    by_date: dict[str, list[dict[str, Any]]] = {}
    for agreement in agreements.values():
        by_date.setdefault(agreement["date"], []).append(agreement)
    for event, cluster in zip(events, clusters, strict=True):
        for mention in cluster.mentions:
            for _kind, date in mention.references:
                for agreement in by_date.get(date, []):
                    if agreement["id"] not in event["agreements"]:
                        event["agreements"].append(agreement["id"])
                        agreement["events"].append(event["id"])
