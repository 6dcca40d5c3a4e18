"""How alike two mentions are: the score consolidation holds against its thresholds.

Clustering compares every mention with the mentions of its candidate events, so what the
score reads of a mention (its actors and places as a set, the precision of its date) is
taken once per mention as ``Traits``, and ``similarity_bound`` rejects, without scoring
them, the many pairs that provably cannot reach a threshold.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

from generator import edtf
from generator.model import Mention

# Types one real event can be told as, by different clauses of different articles: the
# storm that "made landfall" and "killed four"; the talks "held" and the "statement" after.
# A statement can report any event, so it fits every type.
_COMPATIBLE_TYPES = [
    {"agreement", "ceasefire"},
    {"meeting", "call", "talks", "visit"},
    {"clashes", "deployment", "attack", "casualties"},
    {"disaster", "casualties", "deployment"},
    {"legal", "casualties", "attack"},
    {"election", "appointment", "resignation", "policy"},
    {"health", "policy", "casualties"},
    {"business", "agreement", "policy"},
    {"protest", "clashes", "casualties"},
]
_PRECISION = {"year": 0, "season": 1, "month": 2, "day": 3}
_MAX_IDF = 3.0
_WORDLESS_CAP = 0.4  # the most a pair with (almost) no shared words scores
_SAME_DAY_BONUS = 0.3


@dataclass(frozen=True, slots=True)
class Traits:
    """What the similarity of two mentions reads of each, computed once per mention."""

    type: str
    keys: frozenset[str]  # actors and places
    lemmas: frozenset[str]  # the mention's own set: set operations iterate in its order
    date: str
    precision: int | None  # None: a date whose precision cannot be read (never penalised)
    source: str = ""
    event_noun: str | None = None
    speaker: str | None = None
    language: str = "en"
    clock: int | None = None  # the time of day its date gives, in minutes after midnight


def traits(mention: Mention) -> Traits:
    """The traits of one mention."""
    return Traits(
        mention.type,
        frozenset(mention.actor_keys + mention.place_keys),
        mention.lemmas,
        mention.date,
        _precision(mention.date),
        mention.source,
        mention.event_noun,
        mention.speaker,
        mention.language,
        clock_minutes(mention.date_text),
    )


_CLOCK = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b", re.IGNORECASE)
_NAMED_TIMES = {"noon": 12 * 60, "midday": 12 * 60, "midnight": 0}


@lru_cache(maxsize=4096)
def clock_minutes(date_text: str) -> int | None:
    """The time of day a date's words give ('2:10 a.m.', '8:30 p.m. Wednesday', 'around
    midnight'), in minutes after midnight; None when they give none."""
    match = _CLOCK.search(date_text)
    if match:
        hour, minute = int(match[1]), int(match[2] or 0)
        if hour > 12 or minute > 59:
            return None  # "13 p.m." is no time of day
        return (hour % 12 + (12 if match[3].lower() == "p" else 0)) * 60 + minute
    words = date_text.lower().split()
    return next((_NAMED_TIMES[w] for w in words if w in _NAMED_TIMES), None)


# Two happenings of one day told at times this far apart are two events ("gusts of 84 mph
# at 2:10 a.m." and "60 mph around midnight"; a tornado at 4:30 p.m., landfall at 8:30).
_APART_MINUTES = 120


def at_other_times(a: Traits, b: Traits) -> bool:
    """Both dated to the same day at times of day far apart: two happenings."""
    return (
        a.clock is not None
        and b.clock is not None
        and a.date == b.date
        and abs(a.clock - b.clock) > _APART_MINUTES
    )


@lru_cache(maxsize=4096)
def _precision(date: str) -> int | None:
    try:
        return _PRECISION[edtf.parse_date(date.split("/")[0]).precision]
    except edtf.EdtfError:
        return None


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not (a and b):
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)  # the size of the union, without building it


def _weighted_overlap(a: frozenset[str], b: frozenset[str], idf: Mapping[str, float]) -> float:
    """Jaccard weighted by inverse mention frequency: shared rare words count, 'say' not."""
    shared = a & b
    if not shared:
        return 0.0  # most pairs: no need to weigh the union
    # The sums run over the sets in their own order, as floats must to give the same result.
    union = sum(map(idf.get, a | b, repeat(_MAX_IDF)))
    return sum(map(idf.get, shared, repeat(_MAX_IDF))) / union if union else 0.0


def word_weights(mentions: Iterable[Mention]) -> dict[str, float]:
    """Inverse frequency of each content word over the mentions (log scale, >= 0.1)."""
    mentions = list(mentions)
    counts = Counter(w for m in mentions for w in m.lemmas)
    total = len(mentions) + 1
    return {w: max(0.1, min(_MAX_IDF, math.log(total / c))) for w, c in counts.items()}


@lru_cache(maxsize=1024)
def types_fit(a: str, b: str) -> bool:
    """Whether two event types may tell one event (a call and a meeting, or 'other')."""
    if a == b or {a, b} & {"other", "statement", "announcement"}:
        return True
    return any(a in g and b in g for g in _COMPATIBLE_TYPES)


def _same_day_and_type(a: Traits, b: Traits) -> bool:
    return a.date == b.date and len(a.date) == 10 and a.type == b.type != "other"


def other_speakers(a: Traits, b: Traits) -> bool:
    """Two statements by two named speakers: two events, however alike their words."""
    if a.speaker is None or b.speaker is None:
        return False
    return a.speaker not in b.speaker and b.speaker not in a.speaker


def traits_similarity(a: Traits, b: Traits, idf: Mapping[str, float] | None = None) -> float:
    """How likely two mentions with compatible dates tell the same event (0..1), from their
    traits.

    Half shared actors and places, half shared content words (weighted by rarity when
    ``idf`` is given); a date much less precise than the other ('2008' against
    '2008-10-24') is weak evidence of sameness, so it costs.
    """
    if not types_fit(a.type, b.type) or other_speakers(a, b) or at_other_times(a, b):
        return 0.0
    if a.language != b.language:
        return _across_languages(a, b)
    actors = _jaccard(a.keys, b.keys)
    if idf is None:
        words = min(1.0, _jaccard(a.lemmas, b.lemmas) * 2.5)
    else:
        words = min(1.0, _weighted_overlap(a.lemmas, b.lemmas, idf) * 2.0)
    score = 0.4 * actors + 0.6 * words
    if words < 0.1:
        score = min(score, _WORDLESS_CAP)  # the same company in two sentences is not one event
    if _same_day_and_type(a, b) and (actors or words >= 0.2):
        score += _SAME_DAY_BONUS  # the same type of event on the same day, sharing something
    gap = 0 if a.precision is None or b.precision is None else abs(a.precision - b.precision)
    return score - 0.1 * max(0, gap - 1)


def _across_languages(a: Traits, b: Traits) -> float:
    """Two mentions in two languages share no words: they tell one event when they give it
    the same day and a fitting type and name the same actors ("the Crocus attack" told in
    Russian, German and English): half the shared actors, plus the same-day bonus."""
    if a.date != b.date or len(a.date) != 10 or a.keys.isdisjoint(b.keys):
        return 0.0
    return 0.5 * _jaccard(a.keys, b.keys) + _SAME_DAY_BONUS


def similarity_bound(a: Traits, b: Traits) -> float:
    """A value ``traits_similarity`` of the two never exceeds, in floats too; cheap to get.

    Without a shared word the score is capped (plus the same-day bonus when actors are
    shared), and without a shared actor either it is at most 0; the precision penalty only
    lowers a score. Anything else may score high: no bound.
    """
    if not types_fit(a.type, b.type) or other_speakers(a, b) or at_other_times(a, b):
        return 0.0
    if a.language != b.language:
        return 0.0 if a.keys.isdisjoint(b.keys) else 0.5 + _SAME_DAY_BONUS
    if not a.lemmas.isdisjoint(b.lemmas):
        return math.inf
    if a.keys.isdisjoint(b.keys):
        return 0.0
    if _same_day_and_type(a, b):
        return _WORDLESS_CAP + _SAME_DAY_BONUS  # the sum the score adds up to, in floats
    return _WORDLESS_CAP
