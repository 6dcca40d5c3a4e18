"""The rendering context: the catalog plus the indexes every page needs, computed once.

Pages are rendered from this (Pelican's ``generate_context`` before ``generate_output``):
no page reads a file, and no page recomputes the chronology.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from generator import edtf
from generator.model import Catalog, Event
from generator.publish.urls import Urls

# Ways of finding a publication date that a person should check.
UNSURE_PUBLISHED_HOW = frozenset({"text-weekday", "text-latest", "none", "unknown"})


@dataclass(frozen=True)
class Options:
    """Rendering choices that come from the plugin configuration."""

    nav_max_events: int = 500
    nav_max_years: int = 12
    review_min_confidence: float = 0.6
    timeline: bool = False
    exports: tuple[str, ...] = ()


@dataclass
class Context:
    """The catalog with its chronology and reverse indexes."""

    catalog: Catalog
    urls: Urls = field(default_factory=Urls)
    options: Options = field(default_factory=Options)
    chronology: list[Event] = field(init=False)
    position: dict[str, int] = field(init=False)
    by_actor: dict[str, list[Event]] = field(init=False)
    by_source: dict[str, list[Event]] = field(init=False)
    by_agreement: dict[str, list[Event]] = field(init=False)
    # Events by the year they start in and by type, each in chronological order: every
    # year and type page reads its own list instead of scanning the whole chronology.
    by_year: dict[int, list[Event]] = field(init=False)
    by_type: dict[str, list[Event]] = field(init=False)
    # Rendered fragments shared by many pages (an event's list line is the same on every
    # page at the same folder depth), so each is built once.
    fragments: dict[tuple[object, ...], str] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.chronology = self.catalog.chronological()
        self.position = {event.id: index for index, event in enumerate(self.chronology)}
        by_year: defaultdict[int, list[Event]] = defaultdict(list)
        by_type: defaultdict[str, list[Event]] = defaultdict(list)
        for event in self.chronology:
            by_year[edtf.parse_span(event.date)[0].year].append(event)
            by_type[event.type].append(event)
        self.by_year = dict(sorted(by_year.items()))
        self.by_type = dict(sorted(by_type.items()))
        by_actor: defaultdict[str, list[Event]] = defaultdict(list)
        by_source: defaultdict[str, list[Event]] = defaultdict(list)
        by_agreement: defaultdict[str, list[Event]] = defaultdict(list)
        listed: defaultdict[str, set[str]] = defaultdict(set)
        for agreement in self.catalog.agreements.values():
            for event_id in agreement.events:
                listed[event_id].add(agreement.id)
        for event in self.chronology:
            for actor_id in dict.fromkeys((*event.actors, *event.places)):
                by_actor[actor_id].append(event)
            for source_id in dict.fromkeys(claim.source for claim in event.sources):
                by_source[source_id].append(event)
            for agreement_id in dict.fromkeys((*event.agreements, *sorted(listed[event.id]))):
                by_agreement[agreement_id].append(event)
        self.by_actor = dict(by_actor)
        self.by_source = dict(by_source)
        self.by_agreement = dict(by_agreement)

    def neighbours(self, event_id: str) -> tuple[Event | None, Event | None]:
        """The previous and next event in chronological order."""
        index = self.position[event_id]
        previous = self.chronology[index - 1] if index > 0 else None
        following = self.chronology[index + 1] if index + 1 < len(self.chronology) else None
        return previous, following

    def co_actors(self, actor_id: str) -> list[tuple[str, int]]:
        """Actors that share events with an actor, most shared first, then by name."""
        counts: Counter[str] = Counter()
        for event in self.by_actor.get(actor_id, ()):
            for other in set(event.actors) | set(event.places):
                if other != actor_id:
                    counts[other] += 1
        names = self.catalog.actors

        def order(item: tuple[str, int]) -> tuple[int, str]:
            other, count = item
            return -count, names[other].name.lower() if other in names else other

        return sorted(counts.items(), key=order)

    def is_low_confidence(self, event: Event) -> bool:
        """True when the event's own confidence is below the review threshold."""
        return (
            event.confidence is not None and event.confidence < self.options.review_min_confidence
        )
