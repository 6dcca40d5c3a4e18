"""The page of one event, for readers: the best-supported sentence first, then date, type,
importance and confidence in words, disagreements worded with publishers and dates, and
every source with its sentence."""

from __future__ import annotations

from generator.model import Event
from generator.publish.context import Context
from generator.publish.html_page import HtmlPage, PageWriter
from generator.publish.pages_records import (
    actor_item,
    date_or_dash,
    event_link,
    event_title,
    facts_line,
    record_link,
    source_link,
)
from generator.publish.reading import (
    LinkSource,
    after_publication,
    best_claim,
    confidence_words,
    date_disagreement,
)
from generator.publish.reading import summary as reader_summary
from generator.publish.render import (
    admonition,
    bullets,
    date_label,
    external_link,
    lang_attr,
    link,
    plural,
    safe_url,
    text,
)

FLAG_TITLES = {
    "date-conflict": "Sources disagree on the date",
    "date-after-publication": "A date to check",
}


def _source_link(ctx: Context, doc: str) -> LinkSource:
    def link_source(source_id: str, label: str) -> str:
        return source_link(ctx, source_id, label, doc)

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
        who.append(text(date_or_dash(source.published)))
    heading = ", ".join(who)
    facts = [(f"{heading}: " if heading else "") + source_link(ctx, claim.source, title, doc)]
    url = safe_url(source.url) if source else None
    if url:
        facts.append(external_link(url, "original article"))
    if claim.date_text:
        written = f"date as written: “{text(claim.date_text)}”"
        if claim.date and claim.date != event.date:
            written += f" ({text(date_or_dash(claim.date))})"
        facts.append(written)
    if claim.quote:
        # The source's own words, in its own language.
        lang = lang_attr(ctx.source_language(claim.source))
        return (
            f"<blockquote{lang}><p>{text(claim.quote)}</p></blockquote><p>— {' · '.join(facts)}</p>"
        )
    return (
        f"<blockquote><p><em>(no quote recorded)</em></p></blockquote><p>— {' · '.join(facts)}</p>"
    )


def _in_language(ctx: Context, event: Event, summary: str) -> str:
    """The summary as safe HTML; a source's sentence is marked with the source's language
    (an editor's own summary is in the site's)."""
    best = best_claim(event)
    if best is None or best.quote != summary:
        return text(summary)
    lang = ctx.source_language(best.source)
    return f"<span{lang_attr(lang)}>{text(summary)}</span>" if lang else text(summary)


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
    title_lang = ctx.title_language(event)
    heading = None
    if title_lang:
        heading = (
            f"{text(date_label(event.date, event.end))} — "
            f"<span{lang_attr(title_lang)}>{text(event.title)}</span>"
        )
    page = PageWriter(event_title(event), heading=heading)
    summary = reader_summary(event)
    if summary:
        page.paragraph(_in_language(ctx, event, summary))
    page.paragraph(facts_line(facts))
    for block in _flags(ctx, event, doc):
        page.add(block)
    for heading, members in (("Actors", event.actors), ("Places", event.places)):
        if members:
            page.section(heading)
            page.add(bullets(actor_item(ctx, member, doc) for member in members))
    if event.agreements:
        page.section("Agreements")
        items = []
        for agreement_id in event.agreements:
            agreement = ctx.catalog.agreements.get(agreement_id)
            label = agreement.title if agreement else agreement_id
            item = record_link(ctx, "agreements", agreement_id, label, doc)
            if agreement and agreement.date:
                item += f" — signed {text(date_or_dash(agreement.date))}"
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
                + event_link(ctx, other, doc)
                for label, other in (("Previous", previous), ("Next", following))
                if other is not None
            )
        )
    return page.page()
