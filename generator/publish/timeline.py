"""The interactive timeline page: its HTML, its data file and the assets it needs.

Pure functions of a :class:`~generator.model.Catalog`; the MkDocs plugin writes what they
return (``timeline/index.md`` and ``timeline/data.json``) and serves :data:`ASSETS` under
``assets/chronology/``. Nothing here depends on MkDocs.

Record text (titles, names, aliases) is untrusted article text. The page escapes it; the
data file carries it as JSON strings, and ``chronology-timeline.js`` only ever puts it in
the DOM as text nodes.

``timeline_data`` layout (short keys: a site with 10,000 events must stay small)::

    {"v": 1,
     "root": "../",                 # from data.json to the site root
     "url": ["events/", "/"],       # event URL = root + url[0] + id + url[1]
     "types": ["call", ...],        # the types used, in vocabulary order
     "actors": [[id, name, [alias, ...]], ...],
     "agreements": [[id, title], ...],
     "events": [[id, title, start, end, type, [actor, ...], [agreement, ...], label], ...]}

``start`` and ``end`` are the first and last calendar day (``YYYY-MM-DD``, inclusive);
``end`` is ``null`` for a one-day event (drawn as a point), otherwise the event is a range.
``type``, actors and agreements are indexes into the lists above. When an event's URL does
not follow the ``url`` pattern, its row carries a ninth item: its URL from the site root.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any, Protocol

from generator import edtf
from generator.model import EVENT_TYPES, Catalog, Event
from generator.publish.html_page import HtmlPage
from generator.publish.render import title_text

DATA_VERSION = 1

#: Where the page's script finds its data, relative to the page (``timeline/``).
DATA_FILE = "data.json"

#: Path from the timeline page (and its data file) to the site root.
SITE_ROOT = "../"

#: Asset files, relative to ``generator/site/assets/``, that every page includes.
ASSETS: list[str] = [
    "vendor/vis-timeline/vis-timeline-graph2d.min.css",
    "chronology-timeline.css",
    "vendor/vis-timeline/vis-timeline-graph2d.min.js",
    "chronology-timeline.js",
]


class EventUrls(Protocol):
    """What the timeline needs from the site's URL scheme."""

    def event(self, event_id: str) -> str:
        """Site-root-relative URL of an event page, e.g. ``events/<id>/``."""
        ...


def _event_span(event: Event) -> tuple[str, str | None]:
    """First day, and last day unless the event is a single day (then a point)."""
    first, last = edtf.bounds(event.date, event.end)
    return first.isoformat(), (None if first == last else last.isoformat())


def _url_pattern(events: Iterable[Event], urls: EventUrls) -> tuple[str, str]:
    """The (prefix, suffix) around the id that the URL of the first event shows."""
    for event in events:
        url = urls.event(event.id)
        at = url.find(event.id)
        if at >= 0:
            return url[:at], url[at + len(event.id) :]
        break
    return "events/", "/"


def _agreements_by_event(catalog: Catalog) -> dict[str, set[str]]:
    """Agreements an event refers to, plus those that list the event."""
    found: dict[str, set[str]] = {eid: set(e.agreements) for eid, e in catalog.events.items()}
    for agreement in catalog.agreements.values():
        for event_id in agreement.events:
            if event_id in found:
                found[event_id].add(agreement.id)
    return found


def timeline_data(catalog: Catalog, urls: EventUrls) -> dict[str, Any]:
    """Everything the timeline script draws, as compact JSON-ready data (see module doc)."""
    events = catalog.chronological()
    prefix, suffix = _url_pattern(events, urls)
    agreements_of = _agreements_by_event(catalog)

    used_types = {event.type for event in events}
    types = [t for t in EVENT_TYPES if t in used_types] + sorted(used_types - set(EVENT_TYPES))
    type_index = {name: index for index, name in enumerate(types)}

    def participants(event: Event) -> list[str]:
        return [a for a in dict.fromkeys((*event.actors, *event.places)) if a in catalog.actors]

    actor_ids = sorted(
        {a for event in events for a in participants(event)},
        key=lambda a: (catalog.actors[a].name.casefold(), a),
    )
    actor_index = {actor_id: index for index, actor_id in enumerate(actor_ids)}
    agreement_ids = sorted(
        {a for ids in agreements_of.values() for a in ids if a in catalog.agreements},
        key=lambda a: (catalog.agreements[a].date or "", catalog.agreements[a].title, a),
    )
    agreement_index = {agreement_id: index for index, agreement_id in enumerate(agreement_ids)}

    rows: list[list[Any]] = []
    for event in events:
        start, end = _event_span(event)
        row: list[Any] = [
            event.id,
            event.title,
            start,
            end,
            type_index[event.type],
            [actor_index[a] for a in participants(event)],
            sorted(agreement_index[a] for a in agreements_of[event.id] if a in agreement_index),
            event.date_label,
        ]
        url = urls.event(event.id)
        if url != f"{prefix}{event.id}{suffix}":
            row.append(url)
        rows.append(row)

    return {
        "v": DATA_VERSION,
        "root": SITE_ROOT,
        "url": [prefix, suffix],
        "types": types,
        "actors": [[a, catalog.actors[a].name, list(catalog.actors[a].aliases)] for a in actor_ids],
        "agreements": [[a, catalog.agreements[a].title] for a in agreement_ids],
        "events": rows,
    }


def _render_fallback(catalog: Catalog, urls: EventUrls) -> str:
    """The chronological list of every event that readers without JavaScript get."""
    items = []
    for event in catalog.chronological():
        first, _ = edtf.bounds(event.date, event.end)
        href = html.escape(SITE_ROOT + urls.event(event.id), quote=True)
        items.append(
            f'<li><time datetime="{first.isoformat()}">{html.escape(event.date_label)}</time>'
            f' — <a href="{href}">{html.escape(event.title)}</a></li>'
        )
    if not items:
        return "<p>No events yet.</p>"
    return '<ol class="chronology-timeline__list">' + "".join(items) + "</ol>"


def timeline_page(catalog: Catalog, urls: EventUrls, *, title: str = "Timeline") -> HtmlPage:
    """The page ``timeline/index.md``: the controls, the container, the fallback.

    The script fills the controls from ``data.json``; the fallback list sits in
    ``<noscript>`` so that a 10,000-event page costs nothing to parse when scripts run,
    and is kept out of the search index (each event has its own page there).
    """
    count = len(catalog.events)
    noun = "event" if count == 1 else "events"
    lines = [
        # Not the id "timeline": that is the container's.
        f'<h1 id="timeline-title">{html.escape(title)}</h1>',
        '<div class="chronology-timeline" data-search-exclude>',
        '<form class="chronology-timeline__controls" role="search" hidden'
        ' aria-label="Filter the timeline">',
        '<p class="chronology-timeline__row">',
        '<label for="timeline-filter">Filter</label>',
        '<input id="timeline-filter" type="search" autocomplete="off" spellcheck="false"'
        ' placeholder="Title, actor or type" aria-describedby="timeline-status">',
        '<label for="timeline-actor">Actor</label>',
        '<select id="timeline-actor"><option value="">All actors</option></select>',
        '<label for="timeline-agreement">Agreement</label>',
        '<select id="timeline-agreement"><option value="">All agreements</option></select>',
        '<label for="timeline-year">Year</label>',
        '<select id="timeline-year"><option value="">All years</option></select>',
        '<label for="timeline-group">Group by</label>',
        '<select id="timeline-group"><option value="">Nothing</option>'
        '<option value="type">Type</option><option value="actor">Actor</option></select>',
        "</p>",
        '<fieldset id="timeline-legend" class="chronology-timeline__legend">'
        "<legend>Types</legend></fieldset>",
        "</form>",
        '<div class="chronology-timeline__bar">',
        f'<p id="timeline-status" class="chronology-timeline__status" role="status"'
        f' aria-live="polite">{count} {noun}.</p>',
        '<p class="chronology-timeline__nav" hidden>',
        '<button type="button" data-timeline-action="earlier">◀ Earlier</button>',
        '<button type="button" data-timeline-action="later">Later ▶</button>',
        '<button type="button" data-timeline-action="zoom-in">Zoom in</button>',
        '<button type="button" data-timeline-action="zoom-out">Zoom out</button>',
        '<button type="button" data-timeline-action="fit">Show all</button>',
        '<button type="button" data-timeline-action="reset">Clear filters</button>',
        "</p>",
        "</div>",
        # Start downloading the data while the scripts at the end of the page load.
        f'<link rel="preload" href="{DATA_FILE}" as="fetch" type="application/json"'
        ' crossorigin="anonymous">',
        f'<div id="timeline" data-src="{DATA_FILE}" data-events="{count}"></div>',
        f"<noscript>{_render_fallback(catalog, urls)}</noscript>",
        "</div>",
    ]
    # Out of search: each event is found on its own page, not in this list of them.
    return HtmlPage(title_text(title), "\n".join(lines), search=[], meta={"hide": ["toc"]})
