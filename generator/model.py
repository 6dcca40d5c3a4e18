"""The record model: events, actors, agreements and sources, and the index that joins them.

Records come from YAML (see ``generator.records.store``) as plain mappings; these classes give
them names and types. Everything here is pure: no file is read or written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator import edtf

KINDS = ("events", "actors", "agreements", "sources")

EVENT_TYPES = (
    "meeting",
    "call",
    "talks",
    "statement",
    "agreement",
    "ceasefire",
    "clashes",
    "attack",
    "deployment",
    "visit",
    "election",
    "protest",
    "announcement",
    "other",
)

ACTOR_KINDS = ("person", "country", "organization", "place", "group")


@dataclass(frozen=True)
class Claim:
    """What one source says about an event: the sentence and the date as written."""

    source: str
    quote: str
    date_text: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Flag:
    """A reason to review a record: sources disagree, or the extraction is unsure."""

    code: str
    message: str


@dataclass(frozen=True)
class Event:
    """Something that happened at a date, told by one or more sources."""

    id: str
    date: str
    title: str
    type: str = "other"
    end: str | None = None
    summary: str = ""
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    agreements: tuple[str, ...] = ()
    sources: tuple[Claim, ...] = ()
    flags: tuple[Flag, ...] = ()
    confidence: float | None = None

    @property
    def importance(self) -> int:
        """How many independent sources report the event."""
        return len({claim.source for claim in self.sources})

    @property
    def sort_key(self) -> tuple[Any, ...]:
        """Chronological order, then title for a stable tie-break."""
        return (*edtf.sort_key(self.date), self.title, self.id)

    @property
    def date_label(self) -> str:
        """The date as a reader sees it, at its true precision."""
        return edtf.format_date(self.date, self.end)


@dataclass(frozen=True)
class Actor:
    """A person, state, organisation, place or group that takes part in events."""

    id: str
    name: str
    kind: str = "organization"
    aliases: tuple[str, ...] = ()
    role: str = ""
    description: str = ""


@dataclass(frozen=True)
class Agreement:
    """A statement, ceasefire, truce or memorandum agreed between parties."""

    id: str
    title: str
    date: str | None = None
    effective: str | None = None
    type: str = "agreement"
    parties: tuple[str, ...] = ()
    signatories: tuple[str, ...] = ()
    mediators: tuple[str, ...] = ()
    provisions: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    summary: str = ""


@dataclass(frozen=True)
class Source:
    """One article that records cite."""

    id: str
    title: str
    published: str | None = None
    published_how: str = "none"
    published_confidence: float | None = None
    publisher: str | None = None
    dateline: str | None = None
    file: str | None = None
    url: str | None = None
    sha256: str | None = None


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(item) for item in value or ())


def event_from_dict(data: Mapping[str, Any]) -> Event:
    """Build an Event from a validated record mapping."""
    return Event(
        id=str(data["id"]),
        date=str(data["date"]),
        title=str(data.get("title") or ""),
        type=str(data.get("type") or "other"),
        end=str(data["end"]) if data.get("end") else None,
        summary=str(data.get("summary") or ""),
        actors=_strings(data.get("actors")),
        places=_strings(data.get("places")),
        agreements=_strings(data.get("agreements")),
        sources=tuple(
            Claim(
                source=str(claim["source"]),
                quote=str(claim.get("quote") or ""),
                date_text=str(claim["date_text"]) if claim.get("date_text") else None,
                date=str(claim["date"]) if claim.get("date") else None,
            )
            for claim in data.get("sources") or ()
        ),
        flags=tuple(
            Flag(code=str(flag.get("code", "review")), message=str(flag.get("message", "")))
            if isinstance(flag, Mapping)
            else Flag(code="review", message=str(flag))
            for flag in data.get("flags") or ()
        ),
        confidence=float(data["confidence"]) if data.get("confidence") is not None else None,
    )


def actor_from_dict(data: Mapping[str, Any]) -> Actor:
    """Build an Actor from a validated record mapping."""
    return Actor(
        id=str(data["id"]),
        name=str(data.get("name") or data["id"]),
        kind=str(data.get("kind") or "organization"),
        aliases=_strings(data.get("aliases")),
        role=str(data.get("role") or ""),
        description=str(data.get("description") or ""),
    )


def agreement_from_dict(data: Mapping[str, Any]) -> Agreement:
    """Build an Agreement from a validated record mapping."""

    def optional(key: str) -> str | None:
        return str(data[key]) if data.get(key) else None

    return Agreement(
        id=str(data["id"]),
        title=str(data.get("title") or data["id"]),
        date=optional("date"),
        effective=optional("effective"),
        type=str(data.get("type") or "agreement"),
        parties=_strings(data.get("parties")),
        signatories=_strings(data.get("signatories")),
        mediators=_strings(data.get("mediators")),
        provisions=_strings(data.get("provisions")),
        events=_strings(data.get("events")),
        sources=_strings(data.get("sources")),
        summary=str(data.get("summary") or ""),
    )


def source_from_dict(data: Mapping[str, Any]) -> Source:
    """Build a Source from a validated record mapping."""

    def optional(key: str) -> str | None:
        return str(data[key]) if data.get(key) is not None else None

    confidence = data.get("published_confidence")
    return Source(
        id=str(data["id"]),
        title=str(data.get("title") or data["id"]),
        published=optional("published"),
        published_how=str(data.get("published_how") or "none"),
        published_confidence=float(confidence) if confidence is not None else None,
        publisher=optional("publisher"),
        dateline=optional("dateline"),
        file=optional("file"),
        url=optional("url"),
        sha256=optional("sha256"),
    )


@dataclass
class Catalog:
    """Every record, indexed both ways: the whole context pages are rendered from."""

    events: dict[str, Event] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    agreements: dict[str, Agreement] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)

    def chronological(self) -> list[Event]:
        """All events, earliest first."""
        return sorted(self.events.values(), key=lambda event: event.sort_key)

    def events_of_actor(self, actor_id: str) -> list[Event]:
        """Events an actor takes part in (or happened at a place), earliest first."""
        return [e for e in self.chronological() if actor_id in e.actors or actor_id in e.places]

    def events_of_source(self, source_id: str) -> list[Event]:
        """Events that cite a source, earliest first."""
        return [e for e in self.chronological() if any(c.source == source_id for c in e.sources)]

    def events_of_agreement(self, agreement_id: str) -> list[Event]:
        """Events that refer to an agreement (or that the agreement lists), earliest first."""
        listed = (
            set(self.agreements[agreement_id].events) if agreement_id in self.agreements else set()
        )
        return [e for e in self.chronological() if agreement_id in e.agreements or e.id in listed]


def build_catalog(records: Mapping[str, Iterable[Mapping[str, Any]]]) -> Catalog:
    """Turn validated record mappings, grouped by kind, into a Catalog."""
    builders = {
        "events": event_from_dict,
        "actors": actor_from_dict,
        "agreements": agreement_from_dict,
        "sources": source_from_dict,
    }
    catalog = Catalog()
    for kind, build in builders.items():
        target = getattr(catalog, kind)
        for data in records.get(kind, ()):
            record: Any = build(data)
            target[record.id] = record
    return catalog
