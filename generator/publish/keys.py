"""Key events: the few events a reader should see first, of the whole chronology or of a year.

The rule, in order:

1. rank events by importance (the articles that report an event or refer back to its date,
   see ``generator.consolidate.importance``; a record without it counts its sources), then
   by their own sources, then by what kind of event it is (events that change the state of
   things — agreements, ceasefires, attacks, clashes, elections, deployments — before
   meetings and visits, and those before statements, calls and announcements), then by how
   sure the extraction was of it, then by how many actors take part, then by date;
2. walk down that ranking and keep one event per date (a key date is told once: the best
   event of that day stands for it, as a timeline written by hand would do);
3. stop at the limit — about the square root of the number of events, at most 10 for the
   chronology and 3 for a year (``key_count``) — and give the chosen events back in
   chronological order.

Everything here is a pure function of events, so the home page, the year sections, the
timeline and the exports all agree on which events are key.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.model import Event

#: At most how many key events the chronology has, and each year.
CHRONOLOGY_KEYS = 10
YEAR_KEYS = 3


def key_count(events: int, most: int) -> int:
    """How many key events ``events`` events have: about the square root of their number
    (a summary shrinks as its story grows), at least 1 and at most ``most``."""
    return max(1, min(most, round(events**0.5))) if events else 0


# Events that change the state of things rank before talk about them (news values).
_TIERS = {
    "agreement": 0,
    "ceasefire": 0,
    "attack": 0,
    "clashes": 0,
    "election": 0,
    "deployment": 0,
    "meeting": 1,
    "talks": 1,
    "visit": 1,
    "protest": 1,
    "call": 2,
    "statement": 2,
    "announcement": 2,
}
_LAST_TIER = 3


def date_key(event: Event) -> str:
    """The date an event is a key event for: its start, without EDTF qualifiers."""
    return event.date.split("/", 1)[0].rstrip("~?%")


def rank_key(event: Event) -> tuple[int, int, int, float, int]:
    """Sort key of the ranking (lowest first): importance, sources, kind, how sure the
    extraction was, actors."""
    return (
        -event.weight,
        -event.source_count,
        _TIERS.get(event.type, _LAST_TIER),
        -(1.0 if event.confidence is None else event.confidence),
        -len(event.actors),
    )


def ranking(events: Sequence[Event]) -> list[int]:
    """Positions in ``events`` (chronological) from the most to the least important;
    equal events keep their date order (the sort is stable)."""
    keys = [rank_key(event) for event in events]
    return sorted(range(len(events)), key=keys.__getitem__)


def key_events(events: Sequence[Event], limit: int) -> list[Event]:
    """The key events among ``events`` (in chronological order): at most ``limit``, one per
    date, in chronological order."""
    chosen: list[int] = []
    dates: set[str] = set()
    for position in ranking(events):
        if len(chosen) >= limit:
            break
        day = date_key(events[position])
        if day not in dates:
            dates.add(day)
            chosen.append(position)
    return [events[position] for position in sorted(chosen)]
