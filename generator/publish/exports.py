"""The catalog as data files: JSON, CSV, iCalendar, Atom and TimelineJS3.

Each ``export_*`` is a pure function from the catalog to text; ``build_exports`` returns
them all by file name; the site adapter hands them to MkDocs as files (none is written here).
Record text is untrusted: the Atom feed is built with an XML library (escaped), CSV cells
that a spreadsheet would run as a formula get a leading apostrophe, iCalendar text is
escaped per RFC 5545, and TimelineJS text (which the library renders as HTML) is
HTML-escaped.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field, is_dataclass
from typing import Any

from generator import edtf
from generator.model import Catalog, Event
from generator.publish.keys import CHRONOLOGY_KEYS, YEAR_KEYS, key_count, key_events
from generator.publish.render import date_label, safe_url
from generator.publish.urls import Urls

ATOM_NS = "http://www.w3.org/2005/Atom"
_ID_NAMESPACE = uuid.UUID("6f6b3c1e-8d1f-4c55-9a51-2d1f8f0b7c11")


@dataclass(frozen=True)
class ExportSettings:
    """What exports need beyond the catalog: where the site lives and what it is called."""

    urls: Urls = field(default_factory=Urls)
    base_url: str = ""
    site_name: str = "Chronology"
    stamp: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    # The catalog's events in chronological order, when the caller has them already (a
    # site build sorts them once for every page and export); None: sort them here.
    chronology: list[Event] | None = field(default=None, compare=False, repr=False)

    def events(self, catalog: Catalog) -> list[Event]:
        """The catalog's events, earliest first."""
        return self.chronology if self.chronology is not None else catalog.chronological()

    def absolute(self, url: str) -> str:
        """A site URL made absolute when the site URL is known (else left relative)."""
        if not self.base_url:
            return url
        return self.base_url.rstrip("/") + "/" + url


_FIELDS: dict[type, tuple[str, ...]] = {}


def record_data(record: Any) -> dict[str, Any]:
    """A record (a dataclass, with its claims and flags) as plain JSON-ready data.

    ``dataclasses.asdict`` gives the same JSON but deep-copies every value, which costs
    more than the rest of the JSON export on a large site.
    """
    kind = type(record)
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple(kind.__dataclass_fields__)
    return {name: _plain(getattr(record, name)) for name in names}


def _plain(value: Any) -> Any:
    # Most values are scalars: test for them first.
    if value is None or isinstance(value, (str, int, float)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if is_dataclass(value) and not isinstance(value, type):
        return record_data(value)
    return value


def json_document(document: dict[str, Any]) -> str:
    """JSON with each item of a top-level list on its own line: readable, diffable, and
    written by the C encoder (``indent`` would fall back to the pure-Python one)."""
    members = []
    for key, value in document.items():
        name = json.dumps(key)
        if isinstance(value, list) and value:
            items = ",\n".join(json.dumps(item, ensure_ascii=False) for item in value)
            members.append(f"{name}: [\n{items}\n]")
        else:
            members.append(f"{name}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(members) + "\n}\n"


def _event_dict(event: Event, settings: ExportSettings, keys: KeyIds) -> dict[str, Any]:
    data = record_data(event)
    data["date_label"] = date_label(event.date, event.end)
    data["importance"] = event.weight
    data["key"] = event.id in keys.chronology
    data["year_key"] = event.id in keys.year
    data["page_url"] = settings.absolute(settings.urls.event(event.id))
    return data


@dataclass(frozen=True)
class KeyIds:
    """The ids of the key events of the whole chronology and of each year."""

    chronology: frozenset[str]
    year: frozenset[str]


def key_ids(events: list[Event]) -> KeyIds:
    """Which of the events (in chronological order) are key events (see ``keys``)."""
    by_year: dict[int, list[Event]] = {}
    for event in events:
        by_year.setdefault(edtf.parse_span(event.date)[0].year, []).append(event)
    year = {
        e.id
        for members in by_year.values()
        for e in key_events(members, key_count(len(members), YEAR_KEYS))
    }
    chronology = {e.id for e in key_events(events, key_count(len(events), CHRONOLOGY_KEYS))}
    return KeyIds(frozenset(chronology), frozenset(year))


def export_json(catalog: Catalog, settings: ExportSettings) -> str:
    """Every record of every kind, events in chronological order."""
    urls = settings.urls

    def with_url(kind: str, record: Any) -> dict[str, Any]:
        data = record_data(record)
        if kind == "sources":
            data["url"] = safe_url(data.get("url"))  # only http(s) links leave the catalog
        data["page_url"] = settings.absolute(urls.record(kind, record.id))
        return data

    events = settings.events(catalog)
    keys = key_ids(events)
    document = {
        "events": [_event_dict(event, settings, keys) for event in events],
        "actors": [with_url("actors", a) for a in catalog.actors.values()],
        "agreements": [with_url("agreements", a) for a in catalog.agreements.values()],
        "sources": [with_url("sources", s) for s in catalog.sources.values()],
    }
    return json_document(document)


CSV_COLUMNS = (
    "id",
    "date",
    "end",
    "date_label",
    "title",
    "type",
    "summary",
    "actors",
    "places",
    "agreements",
    "sources",
    "importance",
    "flags",
    "confidence",
    "url",
)


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    # A spreadsheet runs a cell starting with these as a formula (CSV injection).
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def export_csv(catalog: Catalog, settings: ExportSettings) -> str:
    """One row per event, lists joined with '; '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for event in settings.events(catalog):
        row = {
            "id": event.id,
            "date": event.date,
            "end": event.end,
            "date_label": date_label(event.date, event.end),
            "title": event.title,
            "type": event.type,
            "summary": event.summary,
            "actors": "; ".join(event.actors),
            "places": "; ".join(event.places),
            "agreements": "; ".join(event.agreements),
            "sources": "; ".join(dict.fromkeys(claim.source for claim in event.sources)),
            "importance": event.weight,
            "flags": "; ".join(f"{flag.code}: {flag.message}" for flag in event.flags),
            "confidence": "" if event.confidence is None else event.confidence,
            "url": settings.absolute(settings.urls.event(event.id)),
        }
        writer.writerow([_cell(row[column]) for column in CSV_COLUMNS])
    return buffer.getvalue()


def ics_escape(value: object) -> str:
    """RFC 5545 TEXT escaping: backslash, semicolon, comma and newlines."""
    text = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def ics_fold(line: str) -> str:
    """Fold a content line at 75 octets (never inside a UTF-8 character), CRLF-terminated."""
    if len(line.encode("utf-8")) <= 75:
        return line + "\r\n"
    if line.isascii():  # one octet per character: fold by slicing
        parts = [line[:75]] + [line[at : at + 74] for at in range(75, len(line), 74)]
        return "\r\n ".join(parts) + "\r\n"
    parts = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, 74  # continuation lines start with a space
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts) + "\r\n"


def export_ics(catalog: Catalog, settings: ExportSettings) -> str:
    """An iCalendar with one all-day VEVENT per event, starting on its first possible day."""
    stamp = settings.stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Chronology//chronology generator//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{ics_escape(settings.site_name)}",
    ]
    for event in settings.events(catalog):
        first, last = edtf.bounds(event.date, event.end)
        spans = "/" in event.date or event.end is not None
        end = (last if spans else first) + dt.timedelta(days=1)
        url = settings.absolute(settings.urls.event(event.id))
        description = f"Date: {date_label(event.date, event.end)}"
        if event.summary:
            description += f"\n{event.summary}"
        description += f"\n{url}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.id}@chronology",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{first:%Y%m%d}",
            f"DTEND;VALUE=DATE:{end:%Y%m%d}",
            f"SUMMARY:{ics_escape(event.title)}",
            f"DESCRIPTION:{ics_escape(description)}",
            f"CATEGORIES:{ics_escape(event.type)}",
        ]
        if url.startswith(("http://", "https://")):
            lines.append(f"URL;VALUE=URI:{url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(ics_fold(line) for line in lines)


def _atom_time(day: dt.date) -> str:
    return f"{day:%Y-%m-%d}T00:00:00Z"


#: Entries in the Atom feed: a feed is polled again and again for what is new, so it
#: carries the newest events, not all of them (every event is in events.json).
FEED_ENTRIES = 500


def export_atom(catalog: Catalog, settings: ExportSettings) -> str:
    """An Atom feed of the newest ``FEED_ENTRIES`` events, newest first."""
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    events = list(reversed(settings.events(catalog)[-FEED_ENTRIES:]))
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    sub(feed, "title", settings.site_name)
    sub(feed, "id", f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, 'feed:' + settings.site_name)}")
    newest = max((edtf.bounds(e.date, e.end)[0] for e in events), default=settings.stamp.date())
    sub(feed, "updated", _atom_time(newest))
    sub(feed, "link", rel="alternate", href=settings.absolute(settings.urls.page("home")) or "./")
    sub(feed, "link", rel="self", href=settings.absolute("feed.xml"))
    sub(sub(feed, "author"), "name", settings.site_name)
    for event in events:
        entry = sub(feed, "entry")
        sub(entry, "title", f"{date_label(event.date, event.end)} — {event.title}")
        sub(entry, "id", f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, 'event:' + event.id)}")
        sub(entry, "updated", _atom_time(edtf.bounds(event.date, event.end)[0]))
        sub(entry, "link", rel="alternate", href=settings.absolute(settings.urls.event(event.id)))
        sub(entry, "category", term=event.type)
        summary = event.summary or (event.sources[0].quote if event.sources else event.title)
        sub(entry, "summary", summary)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def _timelinejs_date(date: edtf.EdtfDate) -> dict[str, int]:
    value = {"year": date.year}
    if date.month is not None:
        # TimelineJS has no seasons: place one at its first month; display_date says which.
        value["month"] = date.month if date.month <= 12 else date.first_day().month
    if date.day is not None:
        value["day"] = date.day
    return value


def export_timelinejs(catalog: Catalog, settings: ExportSettings) -> str:
    """TimelineJS3 JSON: start (and end) dates at their precision, HTML-escaped text."""
    events = []
    for event in settings.events(catalog):
        start, span_end = edtf.parse_span(event.date)
        end = span_end or (edtf.parse_span(event.end)[0] if event.end else None)
        url = settings.absolute(settings.urls.event(event.id))
        body = html.escape(event.summary or (event.sources[0].quote if event.sources else ""))
        body += f' <a href="{html.escape(url)}">Sources and details</a>'
        item: dict[str, Any] = {
            "unique_id": event.id,
            "start_date": _timelinejs_date(start),
            "display_date": date_label(event.date, event.end),
            "text": {"headline": html.escape(event.title), "text": body},
            "group": event.type,
        }
        if end is not None:
            item["end_date"] = _timelinejs_date(end)
        events.append(item)
    document = {
        "title": {"text": {"headline": html.escape(settings.site_name), "text": ""}},
        "events": events,
    }
    return json_document(document)


EXPORTS: dict[str, Callable[[Catalog, ExportSettings], str]] = {
    "events.json": export_json,
    "events.csv": export_csv,
    "events.ics": export_ics,
    "feed.xml": export_atom,
    "timelinejs.json": export_timelinejs,
}


def build_exports(catalog: Catalog, settings: ExportSettings) -> dict[str, str]:
    """Every export by file name (relative to the site root)."""
    return {name: export(catalog, settings) for name, export in EXPORTS.items()}


__all__ = [
    "EXPORTS",
    "ExportSettings",
    "build_exports",
    "export_atom",
    "export_csv",
    "export_ics",
    "export_json",
    "export_timelinejs",
]
