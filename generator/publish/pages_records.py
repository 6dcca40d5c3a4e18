"""One page per record: event, actor, agreement, source. Pure functions returning HTML."""

from __future__ import annotations

from generator import edtf
from generator.model import Actor, Agreement, Event, Source
from generator.publish.context import UNSURE_PUBLISHED_HOW, Context
from generator.publish.html_page import HtmlPage, PageWriter
from generator.publish.render import (
    admonition,
    bullets,
    external_link,
    joined,
    link,
    numbered,
    plural,
    safe_url,
    table,
    text,
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
    """One event as a list item's HTML: date at its precision, linked title, type, sources.

    The line depends only on how deep the page it is on sits, so it is built once per
    depth: an event is listed on its year, type, actor and source pages.
    """
    prefix = ctx.urls.href(from_doc, "")
    key = ("event_line", event.id, prefix, show_type)
    line = ctx.fragments.get(key)
    if line is None:
        line = ctx.fragments[key] = _event_line(ctx, event, from_doc, show_type=show_type)
    return line


def _event_line(ctx: Context, event: Event, from_doc: str, *, show_type: bool) -> str:
    parts = [
        f"<strong>{text(event.date_label)}</strong> — "
        + record_link(ctx, "events", event.id, event.title, from_doc)
    ]
    if show_type:
        parts.append(text(event.type))
    parts.append(plural(event.importance, "source"))
    if event.flags:
        parts.append("⚑ flagged")
    return " · ".join(parts)


def record_link(ctx: Context, kind: str, record_id: str, label: str, from_doc: str) -> str:
    """A link to the page of any record, from the page of ``from_doc``."""
    return link(label, ctx.urls.href(from_doc, ctx.urls.doc(kind, record_id)))


def actor_link(ctx: Context, actor_id: str, from_doc: str) -> str:
    """A link to an actor's page, labelled with the actor's name."""
    actor = ctx.catalog.actors.get(actor_id)
    return record_link(ctx, "actors", actor_id, actor.name if actor else actor_id, from_doc)


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


def _actor_item(ctx: Context, actor_id: str, doc: str) -> str:
    actor = ctx.catalog.actors.get(actor_id)
    line = actor_link(ctx, actor_id, doc)
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


def _claim(ctx: Context, event: Event, index: int, doc: str) -> str:
    claim = event.sources[index]
    source = ctx.catalog.sources.get(claim.source)
    label = source.title if source else claim.source
    facts = [record_link(ctx, "sources", claim.source, label, doc)]
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
    return f"<blockquote><p>{quote}</p></blockquote><p>— {' · '.join(facts)}</p>"


def _facts(pairs: list[tuple[str, str]]) -> str:
    """'**Label:** value · ...' as one paragraph; values are already safe."""
    return " · ".join(f"<strong>{label}:</strong> {value}" for label, value in pairs)


def event_page(ctx: Context, event: Event) -> HtmlPage:
    """The page of one event: date, type, actors, places, agreements, claims, flags."""
    doc = ctx.urls.doc("events", event.id)
    type_href = ctx.urls.href(doc, ctx.urls.doc_page(f"type:{event.type}"))
    facts = [
        ("Date", text(event.date_label)),
        ("Type", link(event.type, type_href)),
        ("Importance", plural(event.importance, "source")),
    ]
    if event.confidence is not None:
        facts.append(("Confidence", f"{event.confidence:.2f}"))
    page = PageWriter(event_title(event))
    page.paragraph(_facts(facts))
    if event.summary:
        page.paragraph(text(event.summary))
    for block in _flags(event):
        page.add(block)
    for heading, members in (("Actors", event.actors), ("Places", event.places)):
        if members:
            page.section(heading)
            page.add(bullets(_actor_item(ctx, member, doc) for member in members))
    if event.agreements:
        page.section("Agreements")
        items = []
        for agreement_id in event.agreements:
            agreement = ctx.catalog.agreements.get(agreement_id)
            label = agreement.title if agreement else agreement_id
            item = record_link(ctx, "agreements", agreement_id, label, doc)
            if agreement and agreement.date:
                item += f" — signed {text(_date(agreement.date))}"
            items.append(item)
        page.add(bullets(items))
    page.section("Sources", heading=f"Sources ({event.importance})")
    page.add("".join(_claim(ctx, event, index, doc) for index in range(len(event.sources))))
    previous, following = ctx.neighbours(event.id)
    if previous or following:
        page.section("Before and after", search=False)
        page.add(
            bullets(
                f"{label}: <strong>{text(other.date_label)}</strong> — "
                + record_link(ctx, "events", other.id, other.title, doc)
                for label, other in (("Previous", previous), ("Next", following))
                if other is not None
            )
        )
    return page.page()


def actor_page(ctx: Context, actor: Actor) -> HtmlPage:
    """The page of one actor: who they are, every alias, their events, who they appear with."""
    doc = ctx.urls.doc("actors", actor.id)
    facts = [("Kind", text(actor.kind))]
    if actor.role:
        facts.append(("Role", text(actor.role)))
    page = PageWriter(actor.name)
    page.paragraph(_facts(facts))
    if actor.description:
        page.paragraph(text(actor.description))
    if actor.aliases:
        page.paragraph(_facts([("Also known as", joined(text(a) for a in actor.aliases))]))
    events = ctx.by_actor.get(actor.id, [])
    page.section("Events", heading=f"Events ({len(events)})")
    page.add(bullets((event_line(ctx, event, doc) for event in events), "No events yet."))
    co_actors = ctx.co_actors(actor.id)
    if co_actors:
        rows = [[actor_link(ctx, other, doc), str(count)] for other, count in co_actors]
        page.section("Appears with")
        page.add(table(["Actor", "Events together"], rows))
    return page.page()


def agreement_page(ctx: Context, agreement: Agreement) -> HtmlPage:
    """The page of one agreement: terms, parties, provisions and its lifecycle of events."""
    doc = ctx.urls.doc("agreements", agreement.id)
    facts = [("Type", text(agreement.type)), ("Signed", text(_date(agreement.date)))]
    if agreement.effective:
        facts.append(("Effective", text(_date(agreement.effective))))
    page = PageWriter(agreement.title)
    page.paragraph(_facts(facts))
    if agreement.summary:
        page.paragraph(text(agreement.summary))
    for heading, members in (
        ("Parties", agreement.parties),
        ("Signatories", agreement.signatories),
        ("Mediators", agreement.mediators),
    ):
        if members:
            page.section(heading)
            page.add(bullets(_actor_item(ctx, member, doc) for member in members))
    if agreement.provisions:
        page.section("Provisions")
        page.add(numbered(f"“{text(provision)}”" for provision in agreement.provisions))
    events = ctx.by_agreement.get(agreement.id, [])
    page.section("Lifecycle")
    if events:
        rows = [
            [
                text(event.date_label),
                text(lifecycle_stage(agreement, event)),
                record_link(ctx, "events", event.id, event.title, doc),
            ]
            for event in events
        ]
        page.add(table(["Date", "Stage", "Event"], rows))
    else:
        page.paragraph("No event refers to this agreement yet.")
    source_ids = list(agreement.sources)
    for event in events:
        source_ids += [claim.source for claim in event.sources]
    source_ids = list(dict.fromkeys(s for s in source_ids if s in ctx.catalog.sources))
    if source_ids:
        page.section("Sources")
        items = []
        for source_id in source_ids:
            source = ctx.catalog.sources[source_id]
            item = record_link(ctx, "sources", source_id, source.title, doc)
            if source.publisher:
                item += f" — {text(source.publisher)}"
            items.append(item)
        page.add(bullets(items))
    return page.page()


def published_label(source: Source) -> str:
    """The publication date with how it was found and how sure that is."""
    label = text(_date(source.published)) if source.published else "unknown"
    how = [f"found in: {text(source.published_how)}"]
    if source.published_confidence is not None:
        how.append(f"confidence {source.published_confidence:.2f}")
    return f"{label} ({', '.join(how)})"


def source_page(ctx: Context, source: Source) -> HtmlPage:
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
    page = PageWriter(source.title)
    page.add(table(["Field", "Value"], rows))
    if source.published_how in UNSURE_PUBLISHED_HOW:
        page.add(
            admonition(
                "note",
                "Publication date uncertain",
                ["The publication date was inferred, not printed in the article: check it."],
            )
        )
    events = ctx.by_source.get(source.id, [])
    heading = f"Events drawn from this article ({len(events)})"
    page.section("Events drawn from this article", heading=heading)
    page.add(bullets((event_line(ctx, event, doc) for event in events), "None."))
    return page.page()
