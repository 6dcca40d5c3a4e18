"""The record model: events, actors, agreements and sources, and the index that joins them.

Records come from YAML (see ``generator.records.store``) as plain mappings; these classes give
them names and types. Everything here is pure: no file is read or written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator import edtf
from generator.typology import default_typology

KINDS = ("events", "actors", "agreements", "sources")

# Every event type of the packaged typology, in its order of precedence.
EVENT_TYPES = default_typology().names()

ACTOR_KINDS = ("person", "country", "organization", "place", "group")


# --- extraction: what the stages hand on ---------------------------------------------


@dataclass(frozen=True)
class Article:
    """One article as the later stages see it."""

    id: str
    file: str
    sha256: str
    title: str
    text: str
    published: str | None
    published_how: str
    published_confidence: float
    published_candidates: tuple[str, ...]
    publisher: str | None
    dateline: str | None
    url: str | None
    # When the publication date is unknown: the earliest day the text can have been written
    # (its latest explicit date, or the lead's news day after it). Relative and year-less
    # dates count from it, and the events they date are flagged for review.
    anchor: str | None = None
    language: str = "en"  # ISO 639-1 code: identified, or given in the input
    # When a header gives the month of publication but no day (' date 2019-04'): YYYY-MM.
    month: str | None = None


@dataclass(frozen=True)
class Mentioned:
    """One entity as a sentence shows it."""

    text: str
    label: str
    role: str = ""
    ent_id: str = ""
    as_agent: bool = False
    as_place: bool = False
    long_form: str = ""  # what an acronym stands for, where the article defines it
    thing: bool = False  # its article uses the name for a thing: a storm, a craft, an event


@dataclass(frozen=True)
class Mention:
    """One sentence of one article telling one event."""

    source: str
    quote: str
    date: str
    date_text: str
    type: str
    title: str | None
    published: str | None
    position: int
    actors: list[Mentioned] = field(default_factory=list)
    places: list[Mentioned] = field(default_factory=list)
    actor_keys: list[str] = field(default_factory=list)
    place_keys: list[str] = field(default_factory=list)
    agreement_kind: str | None = None
    effective: str | None = None
    references: list[tuple[str, str]] = field(default_factory=list)
    provisions: list[str] = field(default_factory=list)
    lemmas: frozenset[str] = frozenset()
    event_noun: str | None = None  # the event noun the date modifies: "the 1918 pandemic"
    speaker: str | None = None  # who said it, for a statement: the name of the subject
    tense: str = "past"
    confidence: float = 0.8
    # Set when the article has no publication date and this mention's date counts from
    # the article's own latest date (Article.anchor): the day it counted from.
    anchored_on: str | None = None
    language: str = "en"  # the language of the article, hence of the quote and title
    # Set when the article has no publication date and this mention's weekday was read as
    # the day other, dated articles give the same happening (consolidate.corpus_dates).
    dated_by_corpus: bool = False


# --- records ---------------------------------------------------------------------------


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
    # How many articles report the event or refer back to its date (see
    # ``generator.consolidate.importance``); None in a record written without it.
    importance: int | None = None

    @property
    def source_count(self) -> int:
        """How many independent sources report the event."""
        return len({claim.source for claim in self.sources})

    @property
    def weight(self) -> int:
        """The importance, or the number of sources when the record has none."""
        return self.source_count if self.importance is None else self.importance

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
    language: str | None = None


def source_of(article: Article) -> Source:
    """The source record of one article: its publication day, else the month its header
    gives ('2024-03')."""
    month_only = not article.published and article.month
    return Source(
        id=article.id,
        title=article.title,
        published=article.published or article.month,
        published_how="header" if month_only else article.published_how,
        published_confidence=1.0 if month_only else article.published_confidence,
        publisher=article.publisher,
        dateline=article.dateline,
        file=article.file,
        url=article.url,
        sha256=article.sha256,
        language=article.language,
    )


# --- records to and from their YAML data: the one place that spells out their fields ----

Record = Event | Actor | Agreement | Source

# Each kind's fields in the order records are written; a field whose value is in its
# kind's "omitted when" set is left out of the record.
_ORDER: dict[type, tuple[str, ...]] = {
    Event: (
        "id",
        "date",
        "end",
        "title",
        "type",
        "summary",
        "actors",
        "places",
        "agreements",
        "sources",
        "flags",
        "confidence",
        "importance",
    ),
    Actor: ("id", "name", "kind", "aliases", "role", "description"),
    Agreement: (
        "id",
        "title",
        "type",
        "date",
        "parties",
        "signatories",
        "mediators",
        "provisions",
        "events",
        "sources",
        "effective",
        "summary",
    ),
    Source: tuple(name for name in Source.__dataclass_fields__),
}
_OMITTED: dict[type, dict[str, tuple[Any, ...]]] = {
    Event: {"end": (None,), "confidence": (None,), "importance": (None,)},
    Actor: {"role": ("",), "description": ("",)},
    Agreement: {"date": (None,), "effective": (None,), "summary": ("",)},
    Source: {name: (None,) for name in Source.__dataclass_fields__},
}


def _data(value: Any) -> Any:
    """A field's value as record data: tuples as lists, claims and flags as mappings."""
    if isinstance(value, tuple):
        return [_data(item) for item in value]
    if isinstance(value, Claim):
        return {k: v for k, v in vars(value).items() if v is not None}
    if isinstance(value, Flag):
        return {"code": value.code, "message": value.message}
    return value


def to_record(record: Record) -> dict[str, Any]:
    """A record's data as it is written to content/ (see `from_record` for the way back)."""
    omitted = _OMITTED[type(record)]
    data: dict[str, Any] = {}
    for name in _ORDER[type(record)]:
        value = getattr(record, name)
        if name not in omitted or value not in omitted[name]:
            data[name] = _data(value)
    return data


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
        importance=int(data["importance"]) if data.get("importance") is not None else None,
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
        language=optional("language"),
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


_BUILDERS: dict[str, Callable[[Mapping[str, Any]], Record]] = {
    "events": event_from_dict,
    "actors": actor_from_dict,
    "agreements": agreement_from_dict,
    "sources": source_from_dict,
}


def from_record(kind: str, data: Mapping[str, Any]) -> Record:
    """The record of a kind (events, actors, agreements, sources) from validated data."""
    return _BUILDERS[kind](data)


def build_catalog(records: Mapping[str, Iterable[Mapping[str, Any]]]) -> Catalog:
    """Turn validated record mappings, grouped by kind, into a Catalog."""
    catalog = Catalog()
    for kind in _BUILDERS:
        target = getattr(catalog, kind)
        for data in records.get(kind, ()):
            record = from_record(kind, data)
            target[record.id] = record
    return catalog
