"""One page per record: event, actor, agreement, source. Pure functions returning HTML."""

from __future__ import annotations

from generator import edtf
from generator.model import Actor, Agreement, Event, Source
from generator.publish.context import UNSURE_PUBLISHED_HOW, Context
from generator.publish.html_page import HtmlPage, PageWriter
from generator.publish.keys import YEAR_KEYS, key_count, key_events
from generator.publish.reading import (
    LinkSource,
    after_publication,
    confidence_words,
    date_disagreement,
)
from generator.publish.reading import summary as reader_summary
from generator.publish.render import (
    admonition,
    bullets,
    date_label,
    external_link,
    joined,
    link,
    numbered,
    plural,
    safe_url,
    table,
    text,
)
from generator.publish.strip import year_strip

FLAG_TITLES = {
    "date-conflict": "Sources disagree on the date",
    "date-after-publication": "A date to check",
}


def year_of(event: Event) -> int:
    """The year an event starts in."""
    return edtf.parse_span(event.date)[0].year


def _date(value: str | None, end: str | None = None) -> str:
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
        + record_link(ctx, "events", event.id, event.title, from_doc)
    ]
    if show_type:
        parts.append(text(event.type))
    parts.append(plural(event.source_count, "source"))
    if event.id in ctx.key_ids:
        parts.append("key event")
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


def _source_link(ctx: Context, doc: str) -> LinkSource:
    def link_source(source_id: str, label: str) -> str:
        return record_link(ctx, "sources", source_id, label, doc)

    return link_source


def _flags(ctx: Context, event: Event, doc: str) -> list[str]:
    """The reasons to doubt an event, worded for a reader: sources named by publisher and
    date, linked to their pages; flags the site has no words for keep their message."""
    blocks = []
    sources = ctx.catalog.sources
    link = _source_link(ctx, doc)
    for flag in event.flags:
        words: list[str] | None = None
        if flag.code == "date-conflict":
            words = date_disagreement(event, sources, link)
        elif flag.code == "date-after-publication":
            words = after_publication(event, sources, link)
        title = FLAG_TITLES.get(flag.code, f"Needs review: {text(flag.code)}")
        blocks.append(admonition("warning", title, words or [text(flag.message)]))
    return blocks


def _claim(ctx: Context, event: Event, index: int, doc: str) -> str:
    """One source's sentence, then who says it: publisher, date and title, linked."""
    claim = event.sources[index]
    source = ctx.catalog.sources.get(claim.source)
    title = source.title if source else claim.source
    who = []
    if source and source.publisher:
        who.append(f"<strong>{text(source.publisher)}</strong>")
    if source and source.published:
        who.append(text(_date(source.published)))
    heading = ", ".join(who)
    facts = [
        (f"{heading}: " if heading else "") + record_link(ctx, "sources", claim.source, title, doc)
    ]
    url = safe_url(source.url) if source else None
    if url:
        facts.append(external_link(url, "original article"))
    if claim.date_text:
        written = f"date as written: “{text(claim.date_text)}”"
        if claim.date and claim.date != event.date:
            written += f" ({text(_date(claim.date))})"
        facts.append(written)
    quote = text(claim.quote) if claim.quote else "<em>(no quote recorded)</em>"
    return f"<blockquote><p>{quote}</p></blockquote><p>— {' · '.join(facts)}</p>"


def _facts(pairs: list[tuple[str, str]]) -> str:
    """'**Label:** value · ...' as one paragraph; values are already safe."""
    return " · ".join(f"<strong>{label}:</strong> {value}" for label, value in pairs)


def importance_words(event: Event) -> str:
    """'3 sources; 2 more articles cite its date' (plain text)."""
    words = plural(event.source_count, "source")
    cited = event.weight - event.source_count
    if cited > 0:
        words += f"; {plural(cited, 'more article')} cite{'s' if cited == 1 else ''} its date"
    return words


def event_page(ctx: Context, event: Event) -> HtmlPage:
    """The page of one event: the best-supported sentence, date, type, how sure the
    chronology is, actors, places, agreements, and every source with its sentence."""
    doc = ctx.urls.doc("events", event.id)
    type_href = ctx.urls.href(doc, ctx.urls.doc_page(f"type:{event.type}"))
    importance = text(importance_words(event))
    if event.id in ctx.key_ids:
        importance = f'<strong class="chronology-key">key event</strong>, {importance}'
    sure = confidence_words(event, ctx.catalog.sources, low_confidence=ctx.is_low_confidence(event))
    facts = [
        ("Date", text(date_label(event.date, event.end))),
        ("Type", link(event.type, type_href)),
        ("Importance", importance),
        ("Confidence", text(sure)),
    ]
    page = PageWriter(event_title(event))
    summary = reader_summary(event)
    if summary:
        page.paragraph(text(summary))
    page.paragraph(_facts(facts))
    for block in _flags(ctx, event, doc):
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
    page.section("Sources", heading=f"Sources ({event.source_count})")
    page.add("".join(_claim(ctx, event, index, doc) for index in range(len(event.sources))))
    previous, following = ctx.neighbours(event.id)
    if previous or following:
        page.section("Before and after", search=False)
        page.add(
            bullets(
                f"{label}: <strong>{text(date_label(other.date, other.end))}</strong> — "
                + record_link(ctx, "events", other.id, other.title, doc)
                for label, other in (("Previous", previous), ("Next", following))
                if other is not None
            )
        )
    return page.page()


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
    page.paragraph(_facts(facts))
    if actor.description:
        page.paragraph(text(actor.description))
    if actor.aliases:
        page.paragraph(_facts([("Also known as", joined(text(a) for a in actor.aliases))]))
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
    _own_timeline(ctx, page, agreement.title, events, doc)
    page.section("Lifecycle")
    if events:
        rows = [
            [
                text(date_label(event.date, event.end)),
                text(lifecycle_stage(agreement, event)),
                record_link(ctx, "events", event.id, event.title, doc),
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
