"""Pages that list records: home, years, types, the indexes of each kind, review."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from generator import edtf
from generator.model import Event
from generator.site.context import UNSURE_PUBLISHED_HOW, Context
from generator.site.pages_records import event_line, published_label
from generator.site.render import joined, link, plural, table, text

EXPORT_LABELS = {
    "events.json": "JSON (every record of every kind)",
    "events.csv": "CSV (one row per event)",
    "events.ics": "iCalendar (all-day events)",
    "feed.xml": "Atom feed (newest first)",
    "timelinejs.json": "TimelineJS3 data",
}


def year_of(event: Event) -> int:
    """The year an event starts in."""
    return edtf.parse_span(event.date)[0].year


def period_of(event: Event) -> str:
    """The sub-heading an event is grouped under within its year: month, season or year."""
    start = edtf.parse_span(event.date)[0]
    if start.month is None:
        return f"Sometime in {start.year}"
    if start.month > 12:
        return f"{edtf.SEASONS[start.month].capitalize()} {start.year}"
    return edtf.format_date(f"{start.year:04d}-{start.month:02d}")


def _grouped(ctx: Context, events: list[Event], doc: str, level: str) -> list[str]:
    # A season overlaps months: group by first appearance so no heading repeats.
    groups: dict[str, list[Event]] = {}
    for event in events:
        groups.setdefault(period_of(event), []).append(event)
    lines: list[str] = []
    for label, members in groups.items():
        lines += [f"{level} {text(label)}", ""]
        lines += [event_line(ctx, event, doc) for event in members]
        lines.append("")
    return lines


def years(ctx: Context) -> list[int]:
    """Every year that has an event, in order."""
    return list(ctx.by_year)


def exports_list(ctx: Context, doc: str) -> list[str]:
    """Links to the export files, for the home and About pages."""
    return [
        f"- [{name}]({ctx.urls.link(doc, name)}) — {EXPORT_LABELS.get(name, name)}"
        for name in ctx.options.exports
    ]


def home_page(ctx: Context, site_name: str = "Chronology") -> str:
    """The chronology by year and month, with links to the timeline and exports."""
    doc = ctx.urls.doc_page("home")
    counts = [
        plural(len(ctx.chronology), "event"),
        plural(len(ctx.catalog.actors), "actor"),
        plural(len(ctx.catalog.agreements), "agreement"),
        plural(len(ctx.catalog.sources), "source"),
    ]
    lines = [f"# {text(site_name)}", "", f"{joined(counts)}."]
    if ctx.options.timeline:
        timeline = ctx.urls.link(doc, ctx.urls.doc_page("timeline"))
        lines[-1] += f" See them on the [timeline]({timeline})."
    lines.append("")
    if ctx.options.exports:
        lines += ["Download the data:", "", *exports_list(ctx, doc), ""]
    too_many = len(ctx.chronology) > ctx.options.nav_max_events
    for year, events in ctx.by_year.items():
        year_link = ctx.urls.link(doc, ctx.urls.doc_page(f"year:{year:04d}"))
        if too_many:
            lines.append(f"- [{year}]({year_link}) — {plural(len(events), 'event')}")
            continue
        lines += [f"## [{year}]({year_link})", ""]
        lines += _grouped(ctx, events, doc, "###")
    lines.append("")
    return "\n".join(lines)


def year_page(ctx: Context, year: int) -> str:
    """The events of one year, grouped by month or season."""
    doc = ctx.urls.doc_page(f"year:{year:04d}")
    events = ctx.by_year.get(year, [])
    lines = [f"# {year}", "", f"{plural(len(events), 'event')} starting in {year}.", ""]
    return "\n".join(lines + _grouped(ctx, events, doc, "##"))


def types_index(ctx: Context) -> str:
    """Every event type in use, with its number of events."""
    doc = ctx.urls.doc_page("types")
    rows = [
        [link(name, ctx.urls.link(doc, ctx.urls.doc_page(f"type:{name}"))), str(len(events))]
        for name, events in ctx.by_type.items()
    ]
    return "\n".join(["# Event types", "", table(["Type", "Events"], rows), ""])


def event_types(ctx: Context) -> list[str]:
    """The event types that have at least one event."""
    return list(ctx.by_type)


def type_page(ctx: Context, name: str) -> str:
    """The events of one type, in date order."""
    doc = ctx.urls.doc_page(f"type:{name}")
    events = ctx.by_type.get(name, [])
    lines = [f"# Events of type: {text(name)}", "", f"{plural(len(events), 'event')}.", ""]
    lines += [event_line(ctx, event, doc, show_type=False) for event in events]
    return "\n".join([*lines, ""])


def actors_index(ctx: Context) -> str:
    """Every actor by kind, with aliases and number of events."""
    doc = ctx.urls.doc_page("actors")
    lines = ["# Actors", ""]
    actors = sorted(ctx.catalog.actors.values(), key=lambda a: (a.kind, a.name.lower(), a.id))
    for kind, members in groupby(actors, key=lambda actor: actor.kind):
        rows = [
            [
                link(actor.name, ctx.urls.link(doc, ctx.urls.doc("actors", actor.id))),
                joined(text(alias) for alias in actor.aliases),
                str(len(ctx.by_actor.get(actor.id, ()))),
            ]
            for actor in members
        ]
        lines += [
            f"## {text(kind.capitalize())}",
            "",
            table(["Name", "Also known as", "Events"], rows),
        ]
        lines.append("")
    return "\n".join(lines)


def _date_cell(value: str | None) -> str:
    return text(edtf.format_date(value)) if value and edtf.is_valid(value) else "—"


def agreements_index(ctx: Context) -> str:
    """Every agreement with its type, signature date and number of events."""
    doc = ctx.urls.doc_page("agreements")
    agreements = sorted(
        ctx.catalog.agreements.values(),
        key=lambda a: (edtf.sort_key(a.date) if a.date and edtf.is_valid(a.date) else (), a.id),
    )
    rows = [
        [
            _date_cell(agreement.date),
            link(agreement.title, ctx.urls.link(doc, ctx.urls.doc("agreements", agreement.id))),
            text(agreement.type),
            str(len(ctx.by_agreement.get(agreement.id, ()))),
        ]
        for agreement in agreements
    ]
    return "\n".join(
        ["# Agreements", "", table(["Signed", "Agreement", "Type", "Events"], rows), ""]
    )


def sources_index(ctx: Context) -> str:
    """Every source article with publisher, publication date and number of events."""
    doc = ctx.urls.doc_page("sources")
    sources = sorted(
        ctx.catalog.sources.values(),
        key=lambda s: (edtf.sort_key(s.published) if s.published else (), s.id),
    )
    rows = [
        [
            _date_cell(source.published),
            link(source.title, ctx.urls.link(doc, ctx.urls.doc("sources", source.id))),
            text(source.publisher) or "—",
            str(len(ctx.by_source.get(source.id, ()))),
        ]
        for source in sources
    ]
    table_text = table(["Published", "Article", "Publisher", "Events"], rows)
    return "\n".join(["# Sources", "", table_text, ""])


def _section(heading: str, items: Iterable[str]) -> list[str]:
    listed = list(items)
    return [f"## {heading} ({len(listed)})", "", *(listed or ["Nothing to review."]), ""]


def review_page(ctx: Context) -> str:
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
        f"- {link(source.title, ctx.urls.link(doc, ctx.urls.doc('sources', source.id)))}"
        f" — published {published_label(source)}"
        for source in sorted(ctx.catalog.sources.values(), key=lambda s: s.id)
        if source.published_how in UNSURE_PUBLISHED_HOW
    ]
    lines = [
        "# Review",
        "",
        "Records an editor should check: events whose sources disagree or that the "
        f"extraction was unsure of (confidence below {threshold:.2f}), and articles whose "
        "publication date was inferred rather than printed.",
        "",
    ]
    lines += _section("Flagged events", flagged)
    lines += _section("Low-confidence events", unsure)
    lines += _section("Sources with an uncertain publication date", sources)
    return "\n".join(lines)
