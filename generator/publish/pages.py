"""Every generated page of the site, from a Catalog, as HTML: no MkDocs types here.

``page_writers(ctx)`` returns ``{page file: function returning its HtmlPage}`` for the whole
site (so a build renders each page when it needs it and holds no more than that page),
``site_pages(ctx)`` the rendered pages themselves, and ``navigation(ctx)`` the navigation
tree in MkDocs' ``nav`` shape (plain lists and dicts), so another site engine could take
the same output.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import partial
from types import ModuleType
from typing import Any

from generator.model import Catalog, Event
from generator.publish.context import Context
from generator.publish.html_page import HtmlPage
from generator.publish.keys import ranking
from generator.publish.pages_event import event_page
from generator.publish.pages_lists import (
    actors_index,
    agreements_index,
    event_types,
    home_page,
    review_page,
    sources_index,
    type_page,
    types_index,
    year_page,
    years,
)
from generator.publish.pages_records import actor_page, agreement_page, source_page
from generator.publish.render import safe_url
from generator.publish.urls import RESERVED_IDS

__all__ = [
    "Context",
    "content_problems",
    "content_warnings",
    "nav_titles",
    "navigation",
    "page_writers",
    "site_pages",
    "timeline_module",
]


def timeline_module() -> ModuleType | None:
    """``generator.publish.timeline`` if it is installed, else None (the site has no timeline)."""
    try:
        return importlib.import_module("generator.publish.timeline")
    except ModuleNotFoundError as error:
        if error.name != "generator.publish.timeline":
            raise
        return None


def content_problems(catalog: Catalog) -> list[str]:
    """Records the site cannot publish: ids that would collide with an index page."""
    problems = []
    for kind in ("events", "actors", "agreements", "sources"):
        for record_id in getattr(catalog, kind):
            if record_id in RESERVED_IDS:
                problems.append(
                    f"{kind}/{record_id}: id: {record_id!r} is reserved for the index page of "
                    f"{kind}; rename the record"
                )
    return problems


def content_warnings(catalog: Catalog) -> list[str]:
    """Recoverable problems to show as warnings (``mkdocs build --strict`` fails on them)."""
    warnings = []
    for source in catalog.sources.values():
        if source.url and safe_url(source.url) is None:
            warnings.append(
                f"sources/{source.id}: url: only http(s) links are published, "
                f"ignoring {source.url[:80]!r}"
            )
    for event in catalog.events.values():
        missing = sorted({c.source for c in event.sources if c.source not in catalog.sources})
        if missing:
            warnings.append(f"events/{event.id}: sources: no metadata for {', '.join(missing)}")
    return warnings


PageWriters = dict[str, Callable[[], HtmlPage]]


def _record_writers(ctx: Context) -> PageWriters:
    """One page per event, actor, agreement and source, in the order a search should list
    them: actors and agreements by how many events they have, the events from the most
    important down (see ``keys``), then the sources."""
    writers: PageWriters = {}
    doc = ctx.urls.doc

    def events_of(index: dict[str, list[Event]]) -> Callable[[Any], int]:
        return lambda record: -len(index.get(record.id, ()))

    for actor in sorted(ctx.catalog.actors.values(), key=events_of(ctx.by_actor)):
        writers[doc("actors", actor.id)] = partial(actor_page, ctx, actor)
    for agreement in sorted(ctx.catalog.agreements.values(), key=events_of(ctx.by_agreement)):
        writers[doc("agreements", agreement.id)] = partial(agreement_page, ctx, agreement)
    for position in ranking(ctx.chronology):
        event = ctx.chronology[position]
        writers[doc("events", event.id)] = partial(event_page, ctx, event)
    for source in sorted(ctx.catalog.sources.values(), key=events_of(ctx.by_source)):
        writers[doc("sources", source.id)] = partial(source_page, ctx, source)
    return writers


def page_writers(ctx: Context, *, site_name: str = "Chronology") -> PageWriters:
    """Every page the site generates (not the timeline, which its own module writes): the
    record pages first, in the order a search lists them, then the pages that list them."""
    doc_page = ctx.urls.doc_page
    writers = _record_writers(ctx)
    writers |= {
        doc_page("home"): partial(home_page, ctx, site_name),
        doc_page("actors"): partial(actors_index, ctx),
        doc_page("agreements"): partial(agreements_index, ctx),
        doc_page("sources"): partial(sources_index, ctx),
        doc_page("types"): partial(types_index, ctx),
        doc_page("review"): partial(review_page, ctx),
    }
    for year in years(ctx):
        writers[doc_page(f"year:{year:04d}")] = partial(year_page, ctx, year)
    for name in event_types(ctx):
        writers[doc_page(f"type:{name}")] = partial(type_page, ctx, name)
    return writers


def site_pages(ctx: Context, *, site_name: str = "Chronology") -> dict[str, HtmlPage]:
    """Every page the site generates, rendered."""
    return {uri: write() for uri, write in page_writers(ctx, site_name=site_name).items()}


def nav_titles(nav: Any, title: str | None = None) -> dict[str, str | None]:
    """Every file named in a navigation tree (MkDocs' ``nav`` shape), with its title there
    (None when the entry gives none)."""
    if isinstance(nav, str):
        return {nav: title}
    found: dict[str, str | None] = {}
    if isinstance(nav, dict):
        for key, value in nav.items():
            found.update(nav_titles(value, str(key)))
    elif isinstance(nav, list):
        for item in nav:
            found.update(nav_titles(item))
    return found


def navigation(ctx: Context, extra: list[Any] | None = None) -> list[Any]:
    """The site navigation: a few index pages, never one entry per record.

    MkDocs renders the whole navigation into every page, so its size multiplies the
    build time: a navigation listing every event makes the build quadratic, and even the
    years and types cost a little on each page. Years are listed while there are at most
    ``nav_max_years`` of them (the home page lists them all); types are reached from the
    types index.
    """
    urls = ctx.urls
    nav: list[Any] = [{"Home": urls.doc_page("home")}]
    if ctx.options.timeline:
        nav.append({"Timeline": urls.doc_page("timeline")})
    all_years = years(ctx)
    if all_years and len(all_years) <= ctx.options.nav_max_years:
        year_entries = [{str(year): urls.doc_page(f"year:{year:04d}")} for year in all_years]
        nav.append({"Events by year": year_entries})
    nav += [
        {"Actors": urls.doc_page("actors")},
        {"Agreements": urls.doc_page("agreements")},
        {"Sources": urls.doc_page("sources")},
        {"Types": urls.doc_page("types")},
        {"Review": urls.doc_page("review")},
    ]
    nav += extra or []
    return nav
