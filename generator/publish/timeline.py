"""The interactive timeline page: its HTML, its data file and the assets it needs.

Pure functions of a :class:`~generator.model.Catalog`; the MkDocs plugin writes what they
return (``timeline/index.md`` and ``timeline/data.json``) and serves :data:`ASSETS` under
``assets/chronology/``. Nothing here depends on MkDocs.

Record text (titles, names, aliases) is untrusted article text. The page escapes it; the
data file carries it as JSON strings, and ``chronology-timeline.js`` only ever puts it in
the DOM as text nodes.

``timeline_data`` layout (short keys: a site with 100,000 events must stay small)::

    {"v": 2,
     "root": "../",                 # from data.json to the site root
     "url": ["events/", "/"],       # event URL = root + url[0] + id + url[1]
     "types": ["call", ...],        # the types used, in vocabulary order
     "actors": [[id, name, [alias, ...]], ...],
     "agreements": [[id, title], ...],
     "open": [first day, last day], # the densest stretch: where the page opens
     "keys": [row, ...],            # the key events of the chronology (row indexes)
     "events": [[id, title, start, end, type, [actor, ...], [agreement, ...], label,
                 rank, importance], ...]}

``start`` and ``end`` are the first and last calendar day (``YYYY-MM-DD``, inclusive);
``end`` is ``null`` for a one-day event (drawn as a point), otherwise the event is a range.
``type``, actors and agreements are indexes into the lists above. ``rank`` is the event's
place in the ranking of key events (0: the most important; see ``keys``): zoomed out, the
timeline shows the best-ranked events of each stretch first. When an event's URL does not
follow the ``url`` pattern, its row carries an eleventh item: its URL from the site root.

The page opens on the densest stretch of the story: the shortest stretch of time that holds
at least ``OPEN_SHARE`` (80 %) of the events. A story's background told in passing (a war
decades earlier, a treaty of the last century) stays one click away ("Show all") instead of
squeezing the story against one edge of the axis.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from generator import edtf
from generator.model import EVENT_TYPES, Catalog, Event
from generator.publish.html_page import HtmlPage
from generator.publish.keys import CHRONOLOGY_KEYS, key_count, key_events, ranking
from generator.publish.render import date_label, title_text

DATA_VERSION = 2

#: The share of the events the opening view holds (see the module doc).
OPEN_SHARE = 0.8

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

    def year(self, year: int | str) -> str:
        """Site-root-relative URL of a year's page, e.g. ``years/2020/``."""
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


def densest_stretch(
    spans: Sequence[tuple[str, str | None]], share: float = OPEN_SHARE
) -> list[str] | None:
    """The shortest stretch holding ``share`` of the events, as [first day, last day]
    (the latest of equally short ones).

    ``spans`` are (first day, last day or None) in chronological order of first days; the
    stretch runs from the first day of its first event to the last day of its events.
    """
    if not spans:
        return None
    count = len(spans)
    size = max(1, math.ceil(count * share))
    days = [dt.date.fromisoformat(first).toordinal() for first, _ in spans]
    best = min(range(count - size + 1), key=lambda i: (days[i + size - 1] - days[i], -i))
    chosen = spans[best : best + size]
    last = max((end or first) for first, end in chosen)
    return [chosen[0][0], last]


def timeline_data(
    catalog: Catalog, urls: EventUrls, *, events: list[Event] | None = None
) -> dict[str, Any]:
    """Everything the timeline script draws, as compact JSON-ready data (see module doc);
    ``events``: the catalog's events in chronological order, when the caller has them."""
    events = catalog.chronological() if events is None else events
    rank = [0] * len(events)
    for place, position in enumerate(ranking(events)):
        rank[position] = place
    position_of = {event.id: index for index, event in enumerate(events)}
    keys = key_events(events, key_count(len(events), CHRONOLOGY_KEYS))
    spans = [_event_span(event) for event in events]
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
    for index, event in enumerate(events):
        start, end = spans[index]
        row: list[Any] = [
            event.id,
            event.title,
            start,
            end,
            type_index[event.type],
            [actor_index[a] for a in participants(event)],
            sorted(agreement_index[a] for a in agreements_of[event.id] if a in agreement_index),
            date_label(event.date, event.end),
            rank[index],
            event.weight,
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
        "open": densest_stretch(spans),
        "keys": [position_of[event.id] for event in keys],
        "events": rows,
    }


def _fallback_item(event: Event, urls: EventUrls) -> str:
    first, _ = edtf.bounds(event.date, event.end)
    href = html.escape(SITE_ROOT + urls.event(event.id), quote=True)
    label = html.escape(date_label(event.date, event.end))
    return (
        f'<li><time datetime="{first.isoformat()}">{label}</time>'
        f' — <a href="{href}">{html.escape(event.title)}</a></li>'
    )


def _render_fallback(
    catalog: Catalog, urls: EventUrls, list_at_most: int, events: list[Event] | None
) -> str:
    """What readers without JavaScript get: every event in date order, or, above
    ``list_at_most`` events, the key events and a link to each year's page (a list of
    100,000 events is no use to a reader and costs every reader its download)."""
    events = catalog.chronological() if events is None else events
    if not events:
        return "<p>No events yet.</p>"
    if len(events) <= list_at_most:
        items = "".join(_fallback_item(event, urls) for event in events)
        return f'<ol class="chronology-timeline__list">{items}</ol>'
    keys = key_events(events, key_count(len(events), CHRONOLOGY_KEYS))
    years = sorted({edtf.parse_span(event.date)[0].year for event in events})
    year_links = ", ".join(
        f'<a href="{html.escape(SITE_ROOT + urls.year(year), quote=True)}">{year}</a>'
        for year in years
    )
    return (
        "<p>Key events:</p>"
        f'<ol class="chronology-timeline__list">'
        f"{''.join(_fallback_item(event, urls) for event in keys)}</ol>"
        f"<p>Every event, year by year: {year_links}.</p>"
    )


def timeline_page(
    catalog: Catalog,
    urls: EventUrls,
    *,
    title: str = "Timeline",
    list_at_most: int = 500,
    events: list[Event] | None = None,
) -> HtmlPage:
    """The page ``timeline/index.md``: the controls, the container, the fallback.

    The script fills the controls from ``data.json``; the fallback list sits in
    ``<noscript>`` so that it costs nothing to parse when scripts run, and is kept out of
    the search index (each event has its own page there). The page hides the navigation
    and the table of contents, so the timeline has the whole width.
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
        '<button type="button" data-timeline-action="fit">Show all</button>',
        '<button type="button" data-timeline-action="story">The story</button>',
        '<button type="button" data-timeline-action="earlier">◀ Earlier</button>',
        '<button type="button" data-timeline-action="later">Later ▶</button>',
        '<button type="button" data-timeline-action="zoom-in">Zoom in</button>',
        '<button type="button" data-timeline-action="zoom-out">Zoom out</button>',
        '<button type="button" data-timeline-action="reset">Clear filters</button>',
        "</p>",
        "</div>",
        # Start downloading the data while the scripts at the end of the page load.
        f'<link rel="preload" href="{DATA_FILE}" as="fetch" type="application/json"'
        ' crossorigin="anonymous">',
        f'<div id="timeline" data-src="{DATA_FILE}" data-events="{count}"></div>',
        f"<noscript>{_render_fallback(catalog, urls, list_at_most, events)}</noscript>",
        "</div>",
    ]
    # Out of search: each event is found on its own page, not in this list of them.
    meta = {"hide": ["navigation", "toc"]}
    return HtmlPage(title_text(title), "\n".join(lines), search=[], meta=meta)
