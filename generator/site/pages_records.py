"""One page per record: event, actor, agreement, source. Pure functions returning Markdown."""

from __future__ import annotations

import posixpath

from generator import edtf
from generator.model import Actor, Agreement, Event, Source
from generator.site.context import UNSURE_PUBLISHED_HOW, Context
from generator.site.render import (
    admonition,
    external_link,
    joined,
    link,
    plural,
    safe_url,
    table,
    text,
    title_text,
)

FLAG_TITLES = {"date-conflict": "Sources disagree on the date"}


def _date(value: str | None, end: str | None = None) -> str:
    if not value:
        return "—"
    try:
        return edtf.format_date(value, end)
    except edtf.EdtfError:
        return value


def event_title(event: Event) -> str:
    """The page title of an event: its date label, then its title (search shows both)."""
    return f"{event.date_label} — {event.title}"


def event_line(ctx: Context, event: Event, from_doc: str, *, show_type: bool = True) -> str:
    """One event as a list item: date at its precision, linked title, type, source count.

    The line depends only on the folder of the page it is on, so it is built once per
    folder: an event is listed on its year, type, actor and source pages.
    """
    key = ("event_line", event.id, posixpath.dirname(from_doc), show_type)
    line = ctx.fragments.get(key)
    if line is None:
        line = ctx.fragments[key] = _event_line(ctx, event, from_doc, show_type=show_type)
    return line


def _event_line(ctx: Context, event: Event, from_doc: str, *, show_type: bool) -> str:
    href = ctx.urls.link(from_doc, ctx.urls.doc("events", event.id))
    parts = [f"- **{text(event.date_label)}** — {link(event.title, href)}"]
    if show_type:
        parts.append(text(event.type))
    parts.append(plural(event.importance, "source"))
    if event.flags:
        parts.append("⚑ flagged")
    return " · ".join(parts)


def actor_link(ctx: Context, actor_id: str, from_doc: str) -> str:
    """A link to an actor's page, labelled with the actor's name."""
    actor = ctx.catalog.actors.get(actor_id)
    label = actor.name if actor else actor_id
    return link(label, ctx.urls.link(from_doc, ctx.urls.doc("actors", actor_id)))


_VIOLATIONS = ("clashes", "attack")


def lifecycle_stage(agreement: Agreement, event: Event) -> str:
    """Where an event stands in an agreement's life: signed, in force, violated, or a
    later reference to it."""
    if agreement.date and event.date == agreement.date:
        return "signed"
    if agreement.effective and event.date == agreement.effective:
        return "in force"
    signed = agreement.date or agreement.effective
    if event.type in _VIOLATIONS and signed and edtf.sort_key(event.date) >= edtf.sort_key(signed):
        return "violated"
    return f"referred to ({event.type})"


def _record_link(ctx: Context, kind: str, record_id: str, label: str, from_doc: str) -> str:
    return link(label, ctx.urls.link(from_doc, ctx.urls.doc(kind, record_id)))


def _actor_item(ctx: Context, actor_id: str, doc: str) -> str:
    actor = ctx.catalog.actors.get(actor_id)
    line = f"- {actor_link(ctx, actor_id, doc)}"
    if actor is None:
        return line
    if actor.role:
        line += f" — {text(actor.role)}"
    if actor.aliases:
        # Aliases on every page that names the actor, so search finds it by any spelling.
        line += f" · also {joined(text(alias) for alias in actor.aliases)}"
    return line


def _flags(event: Event) -> list[str]:
    blocks = []
    for flag in event.flags:
        title = FLAG_TITLES.get(flag.code, f"Needs review: {text(flag.code)}")
        blocks.append(admonition("warning", title, [text(flag.message)]))
    return blocks


def _claim(ctx: Context, event: Event, index: int, doc: str) -> list[str]:
    claim = event.sources[index]
    source = ctx.catalog.sources.get(claim.source)
    label = source.title if source else claim.source
    facts = [_record_link(ctx, "sources", claim.source, label, doc)]
    if source and source.publisher:
        facts.append(text(source.publisher))
    if source and source.published:
        facts.append(f"published {text(_date(source.published))}")
    url = safe_url(source.url) if source else None
    if url:
        facts.append(external_link(url, "original article"))
    if claim.date_text:
        facts.append(f"date as written: “{text(claim.date_text)}”")
    if claim.date and claim.date != event.date:
        facts.append(f"gives the date as {text(_date(claim.date))}")
    quote = text(claim.quote) if claim.quote else "<em>(no quote recorded)</em>"
    return [f"> {quote}", "", f"— {' · '.join(facts)}", ""]


def event_page(ctx: Context, event: Event) -> str:
    """The page of one event: date, type, actors, places, agreements, claims, flags."""
    doc = ctx.urls.doc("events", event.id)
    type_link = link(event.type, ctx.urls.link(doc, ctx.urls.doc_page(f"type:{event.type}")))
    facts = [
        f"**Date:** {text(event.date_label)}",
        f"**Type:** {type_link}",
        f"**Importance:** {plural(event.importance, 'source')}",
    ]
    if event.confidence is not None:
        facts.append(f"**Confidence:** {event.confidence:.2f}")
    lines = [f"# {title_text(event_title(event))}", "", " · ".join(facts), ""]
    if event.summary:
        lines += [text(event.summary), ""]
    for block in _flags(event):
        lines += [block, ""]
    if event.actors:
        lines += ["## Actors", "", *(_actor_item(ctx, a, doc) for a in event.actors), ""]
    if event.places:
        lines += ["## Places", "", *(_actor_item(ctx, p, doc) for p in event.places), ""]
    if event.agreements:
        lines += ["## Agreements", ""]
        for agreement_id in event.agreements:
            agreement = ctx.catalog.agreements.get(agreement_id)
            label = agreement.title if agreement else agreement_id
            item = f"- {_record_link(ctx, 'agreements', agreement_id, label, doc)}"
            if agreement and agreement.date:
                item += f" — signed {text(_date(agreement.date))}"
            lines.append(item)
        lines.append("")
    lines += [f"## Sources ({event.importance})", ""]
    for index in range(len(event.sources)):
        lines += _claim(ctx, event, index, doc)
    previous, following = ctx.neighbours(event.id)
    if previous or following:
        lines += ["## Before and after", ""]
        for label, other in (("Previous", previous), ("Next", following)):
            if other is not None:
                href = ctx.urls.link(doc, ctx.urls.doc("events", other.id))
                lines.append(f"- {label}: **{text(other.date_label)}** — {link(other.title, href)}")
        lines.append("")
    return "\n".join(lines)


def actor_page(ctx: Context, actor: Actor) -> str:
    """The page of one actor: who they are, every alias, their events, who they appear with."""
    doc = ctx.urls.doc("actors", actor.id)
    facts = [f"**Kind:** {text(actor.kind)}"]
    if actor.role:
        facts.append(f"**Role:** {text(actor.role)}")
    lines = [f"# {title_text(actor.name)}", "", " · ".join(facts), ""]
    if actor.description:
        lines += [text(actor.description), ""]
    if actor.aliases:
        lines += [f"**Also known as:** {joined(text(alias) for alias in actor.aliases)}", ""]
    events = ctx.by_actor.get(actor.id, [])
    lines += [f"## Events ({len(events)})", ""]
    lines += [event_line(ctx, event, doc) for event in events] or ["No events yet."]
    lines.append("")
    co_actors = ctx.co_actors(actor.id)
    if co_actors:
        rows = [[actor_link(ctx, other, doc), str(count)] for other, count in co_actors]
        lines += ["## Appears with", "", table(["Actor", "Events together"], rows), ""]
    return "\n".join(lines)


def agreement_page(ctx: Context, agreement: Agreement) -> str:
    """The page of one agreement: terms, parties, provisions and its lifecycle of events."""
    doc = ctx.urls.doc("agreements", agreement.id)
    facts = [
        f"**Type:** {text(agreement.type)}",
        f"**Signed:** {text(_date(agreement.date))}",
    ]
    if agreement.effective:
        facts.append(f"**Effective:** {text(_date(agreement.effective))}")
    lines = [f"# {title_text(agreement.title)}", "", " · ".join(facts), ""]
    if agreement.summary:
        lines += [text(agreement.summary), ""]
    for heading, members in (
        ("Parties", agreement.parties),
        ("Signatories", agreement.signatories),
        ("Mediators", agreement.mediators),
    ):
        if members:
            lines += [f"## {heading}", "", *(_actor_item(ctx, m, doc) for m in members), ""]
    if agreement.provisions:
        lines += ["## Provisions", ""]
        lines += [f"{n}. “{text(p)}”" for n, p in enumerate(agreement.provisions, 1)]
        lines.append("")
    events = ctx.by_agreement.get(agreement.id, [])
    lines += ["## Lifecycle", ""]
    if events:
        rows = [
            [
                text(event.date_label),
                text(lifecycle_stage(agreement, event)),
                _record_link(ctx, "events", event.id, event.title, doc),
            ]
            for event in events
        ]
        lines.append(table(["Date", "Stage", "Event"], rows))
    else:
        lines.append("No event refers to this agreement yet.")
    lines.append("")
    source_ids = list(agreement.sources)
    for event in events:
        source_ids += [claim.source for claim in event.sources]
    source_ids = list(dict.fromkeys(s for s in source_ids if s in ctx.catalog.sources))
    if source_ids:
        lines += ["## Sources", ""]
        for source_id in source_ids:
            source = ctx.catalog.sources[source_id]
            item = f"- {_record_link(ctx, 'sources', source_id, source.title, doc)}"
            if source.publisher:
                item += f" — {text(source.publisher)}"
            lines.append(item)
        lines.append("")
    return "\n".join(lines)


def published_label(source: Source) -> str:
    """The publication date with how it was found and how sure that is."""
    label = text(_date(source.published)) if source.published else "unknown"
    how = [f"found in: {text(source.published_how)}"]
    if source.published_confidence is not None:
        how.append(f"confidence {source.published_confidence:.2f}")
    return f"{label} ({', '.join(how)})"


def source_page(ctx: Context, source: Source) -> str:
    """The page of one source article: its metadata and the events drawn from it."""
    doc = ctx.urls.doc("sources", source.id)
    rows = [
        ["Publisher", text(source.publisher) or "—"],
        ["Published", published_label(source)],
        ["Dateline", text(source.dateline) or "—"],
        ["File", text(source.file) or "—"],
    ]
    url = safe_url(source.url)
    if url:
        rows.append(["Original", external_link(url, url)])
    if source.sha256:
        rows.append(["SHA-256", text(source.sha256)])
    lines = [f"# {title_text(source.title)}", "", table(["Field", "Value"], rows), ""]
    if source.published_how in UNSURE_PUBLISHED_HOW:
        lines += [
            admonition(
                "note",
                "Publication date uncertain",
                ["The publication date was inferred, not printed in the article: check it."],
            ),
            "",
        ]
    events = ctx.by_source.get(source.id, [])
    lines += [f"## Events drawn from this article ({len(events)})", ""]
    lines += [event_line(ctx, event, doc) for event in events] or ["None."]
    lines.append("")
    return "\n".join(lines)
