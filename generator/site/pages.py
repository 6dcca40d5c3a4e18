"""Every generated page of the site, from a Catalog, as Markdown: no MkDocs types here.

``site_pages(ctx)`` returns ``{markdown file: content}`` for the whole site and
``navigation(ctx)`` the navigation tree in MkDocs' ``nav`` shape (plain lists and dicts),
so another site engine could take the same output.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from types import ModuleType
from typing import Any

from generator.model import Catalog
from generator.site.context import Context
from generator.site.pages_lists import (
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
from generator.site.pages_records import actor_page, agreement_page, event_page, source_page
from generator.site.render import safe_url
from generator.site.urls import RESERVED_IDS

__all__ = [
    "Context",
    "content_problems",
    "content_warnings",
    "listing_pages",
    "nav_files",
    "navigation",
    "record_pages",
    "site_pages",
    "timeline_module",
]


def timeline_module() -> ModuleType | None:
    """``generator.site.timeline`` if it is installed, else None (the site has no timeline)."""
    try:
        return importlib.import_module("generator.site.timeline")
    except ModuleNotFoundError as error:
        if error.name != "generator.site.timeline":
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


def record_pages(ctx: Context) -> dict[str, str]:
    """One page per event, actor, agreement and source."""
    pages: dict[str, str] = {}
    urls = ctx.urls
    for event in ctx.chronology:
        pages[urls.doc("events", event.id)] = event_page(ctx, event)
    for actor in ctx.catalog.actors.values():
        pages[urls.doc("actors", actor.id)] = actor_page(ctx, actor)
    for agreement in ctx.catalog.agreements.values():
        pages[urls.doc("agreements", agreement.id)] = agreement_page(ctx, agreement)
    for source in ctx.catalog.sources.values():
        pages[urls.doc("sources", source.id)] = source_page(ctx, source)
    return pages


def site_pages(ctx: Context, *, site_name: str = "Chronology") -> dict[str, str]:
    """Every page the site generates (not the timeline, which its own module writes)."""
    urls = ctx.urls
    pages = {
        urls.doc_page("home"): home_page(ctx, site_name),
        urls.doc_page("actors"): actors_index(ctx),
        urls.doc_page("agreements"): agreements_index(ctx),
        urls.doc_page("sources"): sources_index(ctx),
        urls.doc_page("types"): types_index(ctx),
        urls.doc_page("review"): review_page(ctx),
    }
    for year in years(ctx):
        pages[urls.doc_page(f"year:{year:04d}")] = year_page(ctx, year)
    for name in event_types(ctx):
        pages[urls.doc_page(f"type:{name}")] = type_page(ctx, name)
    pages.update(record_pages(ctx))
    return pages


def listing_pages(ctx: Context) -> list[str]:
    """Pages that only list events shown in full elsewhere (years, types): not for search."""
    urls = ctx.urls
    pages = [urls.doc_page(f"year:{year:04d}") for year in years(ctx)]
    pages += [urls.doc_page(f"type:{name}") for name in event_types(ctx)]
    return pages


def nav_files(nav: Any) -> Iterator[str]:
    """Every file named in a navigation tree (MkDocs' ``nav`` shape)."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_files(value)
    elif isinstance(nav, list):
        for item in nav:
            yield from nav_files(item)


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
