"""Pages that list records: home, years, types, the indexes of each kind, review."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from generator import edtf
from generator.model import Event
from generator.publish.context import UNSURE_PUBLISHED_HOW, Context
from generator.publish.html_page import HtmlPage, PageWriter
from generator.publish.pages_event import importance_words
from generator.publish.pages_records import (
    event_line,
    event_link,
    published_label,
    record_link,
    source_link,
)
from generator.publish.render import bullets, date_label, joined, link, plural, table, text

EXPORT_LABELS = {
    "events.json": "JSON (every record of every kind)",
    "events.csv": "CSV (one row per event)",
    "events.ics": "iCalendar (all-day events)",
    "feed.xml": "Atom feed (newest first)",
    "timelinejs.json": "TimelineJS3 data",
}


def period_of(event: Event) -> str:
    """The sub-heading an event is grouped under within its year: month, season or year."""
    start = edtf.parse_span(event.date)[0]
    if start.month is None:
        return f"Sometime in {start.year}"
    if start.month > 12:
        return f"{edtf.SEASONS[start.month].capitalize()} {start.year}"
    return edtf.format_date(f"{start.year:04d}-{start.month:02d}")


def _grouped(ctx: Context, events: list[Event], doc: str, page: PageWriter) -> None:
    # A season overlaps months: group by first appearance so no heading repeats.
    groups: dict[str, list[Event]] = {}
    for event in events:
        groups.setdefault(period_of(event), []).append(event)
    for label, members in groups.items():
        page.subheading(text(label))
        page.add(bullets(event_line(ctx, event, doc) for event in members))


def years(ctx: Context) -> list[int]:
    """Every year that has an event, in order."""
    return list(ctx.by_year)


def exports_list(ctx: Context, doc: str) -> str:
    """Links to the export files as an HTML list, for the home and About pages."""
    return bullets(
        f"{link(name, ctx.urls.href(doc, name))} — {text(EXPORT_LABELS.get(name, name))}"
        for name in ctx.options.exports
    )


def home_page(ctx: Context, site_name: str = "Chronology") -> HtmlPage:
    """The story first: the key events of the whole chronology, then each year with its own
    key events (and, for a chronology of at most ``nav_max_events``, every event by month),
    then the timeline and the exports."""
    doc = ctx.urls.doc_page("home")
    counts = [
        plural(len(ctx.chronology), "event"),
        plural(len(ctx.catalog.actors), "actor"),
        plural(len(ctx.catalog.agreements), "agreement"),
        plural(len(ctx.catalog.sources), "source"),
    ]
    page = PageWriter(site_name)
    summary = f"{joined(counts)}."
    if ctx.options.timeline:
        timeline = ctx.urls.href(doc, ctx.urls.doc_page("timeline"))
        summary += f" See them on the {link('timeline', timeline)}."
    page.paragraph(summary)
    if ctx.key_events:
        # The events are searched on their own pages, not in these lists of them.
        page.section("Key events", search=False)
        page.paragraph("The events the most articles report or refer back to, one per date.")
        page.add(bullets(key_line(ctx, event, doc) for event in ctx.key_events))
    every_event = len(ctx.chronology) <= ctx.options.nav_max_events
    for year, events in ctx.by_year.items():
        year_link = link(str(year), ctx.urls.href(doc, ctx.urls.doc_page(f"year:{year:04d}")))
        page.section(str(year), heading=year_link, search=False)
        keys = ctx.year_keys.get(year, [])
        if not every_event or len(events) > len(keys):
            page.paragraph(f"{plural(len(events), 'event')}. Key events:")
            page.add(bullets(key_line(ctx, event, doc) for event in keys))
        if every_event:
            _grouped(ctx, events, doc, page)
    if ctx.options.exports:
        page.section("Download the data", search=False)
        page.add(exports_list(ctx, doc))
    return page.page()


def key_line(ctx: Context, event: Event, doc: str) -> str:
    """A key event as a list item: date, linked title, and why it is key."""
    line = (
        f"<strong>{text(date_label(event.date, event.end))}</strong> — "
        + event_link(ctx, event, doc)
        + f" · {text(importance_words(event))}"
    )
    return line


def year_page(ctx: Context, year: int) -> HtmlPage:
    """The events of one year, grouped by month or season."""
    doc = ctx.urls.doc_page(f"year:{year:04d}")
    events = ctx.by_year.get(year, [])
    # Year and type pages only repeat event titles that the event pages hold: no search.
    page = PageWriter(str(year), searchable=False)
    page.paragraph(f"{plural(len(events), 'event')} starting in {year}.")
    _grouped(ctx, events, doc, page)
    return page.page()


def types_index(ctx: Context) -> HtmlPage:
    """Every event type in use, with its number of events."""
    doc = ctx.urls.doc_page("types")
    rows = [
        [link(name, ctx.urls.href(doc, ctx.urls.doc_page(f"type:{name}"))), str(len(events))]
        for name, events in ctx.by_type.items()
    ]
    page = PageWriter("Event types")
    page.add(table(["Type", "Events"], rows))
    return page.page()


def event_types(ctx: Context) -> list[str]:
    """The event types that have at least one event."""
    return list(ctx.by_type)


def type_page(ctx: Context, name: str) -> HtmlPage:
    """The events of one type, in date order."""
    doc = ctx.urls.doc_page(f"type:{name}")
    events = ctx.by_type.get(name, [])
    page = PageWriter(f"Events of type: {name}", searchable=False)
    page.paragraph(f"{plural(len(events), 'event')}.")
    page.add(bullets(event_line(ctx, event, doc, show_type=False) for event in events))
    return page.page()


def actors_index(ctx: Context) -> HtmlPage:
    """Every actor by kind, with aliases and number of events."""
    doc = ctx.urls.doc_page("actors")
    page = PageWriter("Actors")
    actors = sorted(ctx.catalog.actors.values(), key=lambda a: (a.kind, a.name.lower(), a.id))
    for kind, members in groupby(actors, key=lambda actor: actor.kind):
        rows = [
            [
                record_link(ctx, "actors", actor.id, actor.name, doc),
                joined(text(alias) for alias in actor.aliases),
                str(len(ctx.by_actor.get(actor.id, ()))),
            ]
            for actor in members
        ]
        page.section(kind.capitalize())
        page.add(table(["Name", "Also known as", "Events"], rows))
    return page.page()


def _date_cell(value: str | None) -> str:
    return text(edtf.format_date(value)) if value and edtf.is_valid(value) else "—"


def agreements_index(ctx: Context) -> HtmlPage:
    """Every agreement with its type, signature date and number of events."""
    doc = ctx.urls.doc_page("agreements")
    agreements = sorted(
        ctx.catalog.agreements.values(),
        key=lambda a: (edtf.sort_key(a.date) if a.date and edtf.is_valid(a.date) else (), a.id),
    )
    rows = [
        [
            _date_cell(agreement.date),
            record_link(ctx, "agreements", agreement.id, agreement.title, doc),
            text(agreement.type),
            str(len(ctx.by_agreement.get(agreement.id, ()))),
        ]
        for agreement in agreements
    ]
    page = PageWriter("Agreements")
    page.add(table(["Signed", "Agreement", "Type", "Events"], rows))
    return page.page()


def sources_index(ctx: Context) -> HtmlPage:
    """Every source article with publisher, publication date and number of events."""
    doc = ctx.urls.doc_page("sources")
    sources = sorted(
        ctx.catalog.sources.values(),
        key=lambda s: (edtf.sort_key(s.published) if s.published else (), s.id),
    )
    rows = [
        [
            _date_cell(source.published),
            source_link(ctx, source.id, source.title, doc),
            text(source.publisher) or "—",
            str(len(ctx.by_source.get(source.id, ()))),
        ]
        for source in sources
    ]
    page = PageWriter("Sources")
    page.add(table(["Published", "Article", "Publisher", "Events"], rows))
    return page.page()


def _section(page: PageWriter, heading: str, items: Iterable[str]) -> None:
    listed = list(items)
    page.section(heading, heading=f"{heading} ({len(listed)})")
    page.add(bullets(listed, "Nothing to review."))


def review_page(ctx: Context) -> HtmlPage:
    """Every flagged event and every low-confidence record, for editors to check."""
    doc = ctx.urls.doc_page("review")
    flagged = []
    for event in ctx.chronology:
        for flag in event.flags:
            flagged.append(
                f"{event_line(ctx, event, doc)} — {text(flag.code)}: {text(flag.message)}"
            )
    threshold = ctx.options.review_min_confidence
    unsure = [
        f"{event_line(ctx, event, doc)} — confidence {event.confidence:.2f}"
        for event in ctx.chronology
        if ctx.is_low_confidence(event) and event.confidence is not None
    ]
    sources = [
        f"{source_link(ctx, source.id, source.title, doc)} — published {published_label(source)}"
        for source in sorted(ctx.catalog.sources.values(), key=lambda s: s.id)
        if source.published_how in UNSURE_PUBLISHED_HOW
    ]
    page = PageWriter("Review")
    page.paragraph(
        "Records an editor should check: events whose sources disagree or that the "
        f"extraction was unsure of (confidence below {threshold:.2f}), and articles whose "
        "publication date was inferred rather than printed."
    )
    _section(page, "Flagged events", flagged)
    _section(page, "Low-confidence events", unsure)
    _section(page, "Sources with an uncertain publication date", sources)
    return page.page()
