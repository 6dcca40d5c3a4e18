"""One page per actor, agreement and source, and the pieces every record page shares (event
lines, links, dates); the event page is in ``pages_event``. Pure functions returning HTML."""

from __future__ import annotations

from generator import edtf
from generator.model import Actor, Agreement, Event, Source
from generator.publish.context import UNSURE_PUBLISHED_HOW, Context
from generator.publish.html_page import HtmlPage, PageWriter
from generator.publish.keys import YEAR_KEYS, key_count, key_events
from generator.publish.render import (
    admonition,
    bullets,
    date_label,
    external_link,
    joined,
    lang_attr,
    link,
    numbered,
    plural,
    safe_url,
    table,
    text,
)
from generator.publish.strip import year_strip


def year_of(event: Event) -> int:
    """The year an event starts in."""
    return edtf.parse_span(event.date)[0].year


def date_or_dash(value: str | None, end: str | None = None) -> str:
    """A date as a reader sees it, the text as it is if it is not one, or a dash."""
    if not value:
        return "—"
    try:
        return edtf.format_date(value, end)
    except edtf.EdtfError:
        return value


def event_title(event: Event) -> str:
    """The page title of an event: its date label, then its title (search shows both)."""
    return f"{date_label(event.date, event.end)} — {event.title}"


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
        f"<strong>{text(date_label(event.date, event.end))}</strong> — "
        + event_link(ctx, event, from_doc)
    ]
    if show_type:
        parts.append(text(event.type))
    parts.append(plural(event.source_count, "source"))
    if event.id in ctx.key_ids:
        parts.append("key event")
    if event.flags:
        parts.append("⚑ flagged")
    return " · ".join(parts)


def record_link(
    ctx: Context, kind: str, record_id: str, label: str, from_doc: str, *, lang: str | None = None
) -> str:
    """A link to the page of any record, from the page of ``from_doc``; ``lang``: the
    label's language where it is not the site's."""
    return link(label, ctx.urls.href(from_doc, ctx.urls.doc(kind, record_id)), lang=lang)


def event_link(ctx: Context, event: Event, from_doc: str) -> str:
    """A link to an event's page labelled with its title, in the title's language."""
    return record_link(
        ctx, "events", event.id, event.title, from_doc, lang=ctx.title_language(event)
    )


def source_link(ctx: Context, source_id: str, label: str, from_doc: str) -> str:
    """A link to a source's page; a label that is its title is in the source's language."""
    source = ctx.catalog.sources.get(source_id)
    own = source is not None and label == source.title
    lang = ctx.source_language(source_id) if own else None
    return record_link(ctx, "sources", source_id, label, from_doc, lang=lang)


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


def actor_item(ctx: Context, actor_id: str, doc: str) -> str:
    """An actor as a list item: linked name, role and every alias."""
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


def facts_line(pairs: list[tuple[str, str]]) -> str:
    """'**Label:** value · ...' as one paragraph; values are already safe."""
    return " · ".join(f"<strong>{label}:</strong> {value}" for label, value in pairs)


#: How many actors an actor or agreement page names as appearing with it most.
TOP_ACTORS = 12
#: An actor with more events than this gets its key events pulled out above the list.
KEYS_FROM = 8


def _own_timeline(ctx: Context, page: PageWriter, name: str, events: list[Event], doc: str) -> None:
    """A record's events by year, drawn (see ``strip``), under its own heading."""
    if not events:
        return

    def year_href(year: int) -> str | None:
        if year not in ctx.by_year:
            return None
        return ctx.urls.href(doc, ctx.urls.doc_page(f"year:{year:04d}"))

    bars, caption = year_strip((year_of(event) for event in events), name, year_href)
    page.section("Over time", search=False)
    page.add(f'<figure class="chronology-strip">{bars}<figcaption>{caption}</figcaption></figure>')


def _top_actors(
    ctx: Context, page: PageWriter, heading: str, counted: list[tuple[str, int]], doc: str
) -> None:
    if not counted:
        return
    rows = [[actor_link(ctx, other, doc), str(count)] for other, count in counted[:TOP_ACTORS]]
    more = len(counted) - TOP_ACTORS
    # Out of search, like "Before and after": the table only points to other pages.
    page.section(heading, search=False)
    page.add(table(["Actor", "Events together"], rows))
    if more > 0:
        page.paragraph(f"And {plural(more, 'other actor')}.")


def actor_page(ctx: Context, actor: Actor) -> HtmlPage:
    """The page of one actor: who they are, every alias, their story over time, their key
    events and every event, and who they appear with most."""
    doc = ctx.urls.doc("actors", actor.id)
    facts = [("Kind", text(actor.kind))]
    if actor.role:
        facts.append(("Role", text(actor.role)))
    page = PageWriter(actor.name)
    page.paragraph(facts_line(facts))
    if actor.description:
        page.paragraph(text(actor.description))
    if actor.aliases:
        page.paragraph(facts_line([("Also known as", joined(text(a) for a in actor.aliases))]))
    events = ctx.by_actor.get(actor.id, [])
    _own_timeline(ctx, page, actor.name, events, doc)
    if len(events) > KEYS_FROM:
        keys = key_events(events, key_count(len(events), YEAR_KEYS))
        page.section("Key events", search=False)
        page.add(bullets(event_line(ctx, event, doc) for event in keys))
    page.section("Events", heading=f"Events ({len(events)})")
    page.add(bullets((event_line(ctx, event, doc) for event in events), "No events yet."))
    _top_actors(ctx, page, "Appears with", ctx.co_actors(actor.id), doc)
    return page.page()


def agreement_page(ctx: Context, agreement: Agreement) -> HtmlPage:
    """The page of one agreement: terms, parties, provisions, its lifecycle of events drawn
    over time, and the actors of those events."""
    doc = ctx.urls.doc("agreements", agreement.id)
    facts = [("Type", text(agreement.type)), ("Signed", text(date_or_dash(agreement.date)))]
    if agreement.effective:
        facts.append(("Effective", text(date_or_dash(agreement.effective))))
    page = PageWriter(agreement.title)
    page.paragraph(facts_line(facts))
    if agreement.summary:
        page.paragraph(text(agreement.summary))
    for heading, members in (
        ("Parties", agreement.parties),
        ("Signatories", agreement.signatories),
        ("Mediators", agreement.mediators),
    ):
        if members:
            page.section(heading)
            page.add(bullets(actor_item(ctx, member, doc) for member in members))
    if agreement.provisions:
        page.section("Provisions")
        page.add(numbered(f"“{text(provision)}”" for provision in agreement.provisions))
    events = ctx.by_agreement.get(agreement.id, [])
    _own_timeline(ctx, page, agreement.title, events, doc)
    page.section("Lifecycle")
    if events:
        rows = [
            [
                text(date_label(event.date, event.end)),
                text(lifecycle_stage(agreement, event)),
                event_link(ctx, event, doc),
            ]
            for event in events
        ]
        page.add(table(["Date", "Stage", "Event"], rows))
    else:
        page.paragraph("No event refers to this agreement yet.")
    _top_actors(ctx, page, "Actors most involved", ctx.actors_in(events), doc)
    source_ids = list(agreement.sources)
    for event in events:
        source_ids += [claim.source for claim in event.sources]
    source_ids = list(dict.fromkeys(s for s in source_ids if s in ctx.catalog.sources))
    if source_ids:
        page.section("Sources")
        items = []
        for source_id in source_ids:
            source = ctx.catalog.sources[source_id]
            item = source_link(ctx, source_id, source.title, doc)
            if source.publisher:
                item += f" — {text(source.publisher)}"
            items.append(item)
        page.add(bullets(items))
    return page.page()


def published_label(source: Source) -> str:
    """The publication date with how it was found and how sure that is."""
    label = text(date_or_dash(source.published)) if source.published else "unknown"
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
    lang = ctx.source_language(source.id)
    heading = f"<span{lang_attr(lang)}>{text(source.title)}</span>" if lang else None
    page = PageWriter(source.title, heading=heading)
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
