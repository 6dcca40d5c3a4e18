"""The built site in Chromium: the timeline, its filter and URL state, search, no-JS, XSS."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from browsing import BrowserPage

from generator.model import Catalog

pytestmark = pytest.mark.browser

READY = "div#timeline[data-ready]"
ITEM_LINKS = "div#timeline a.chronology-tl-link"
# Points show their whole label; a short range may be a few pixels wide.
POINT_LINKS = "div#timeline .vis-point a.chronology-tl-link"


@pytest.fixture(scope="module")
def catalog(fixture_catalog: Catalog) -> Catalog:
    """The records the fixture site was built from."""
    return fixture_catalog


@pytest.fixture(scope="module")
def data(fixture_site: Path) -> dict[str, Any]:
    """The timeline data the plugin wrote."""
    return dict(json.loads((fixture_site / "timeline" / "data.json").read_text("utf-8")))


def _open_timeline(page: Any, url: str, *, show_all: bool = False) -> None:
    page.goto(url)
    page.wait_for_selector(READY)
    if show_all:
        _show_all(page)


def _show_all(page: Any) -> None:
    """Click "Show all" and wait until the window has moved and the items are redrawn."""
    before = page.get_attribute("div#timeline", "data-drawn")
    page.click("[data-timeline-action=fit]")
    page.wait_for_function(
        "n => document.querySelector('div#timeline').dataset.drawn !== n", arg=before
    )
    page.wait_for_timeout(300)  # vis-timeline draws on the next animation frames


def _shown_event_ids(page: Any) -> set[str]:
    hrefs = page.eval_on_selector_all(ITEM_LINKS, "links => links.map(a => a.href)")
    return {urlsplit(href).path.rstrip("/").split("/")[-1] for href in hrefs}


def _haystack(catalog: Catalog, event_id: str) -> str:
    """What the filter searches, as the script builds it: title, type, date, actors."""
    event = catalog.events[event_id]
    parts = [event.title, event.type, event.date_label]
    for actor_id in dict.fromkeys((*event.actors, *event.places)):
        actor = catalog.actors[actor_id]
        parts.extend([actor.name, *actor.aliases])
    return " ".join(parts).lower()


def _matching(catalog: Catalog, term: str) -> set[str]:
    return {eid for eid in catalog.events if term.lower() in _haystack(catalog, eid)}


def _selective_term(catalog: Catalog) -> str:
    """An actor alias that some but not all events match (narrowing must be visible)."""
    for actor in sorted(catalog.actors.values(), key=lambda a: a.id):
        for alias in actor.aliases:
            found = _matching(catalog, alias)
            if 0 < len(found) < len(catalog.events) and alias.lower() not in actor.name.lower():
                return alias
    raise AssertionError("the fixture content has no selective actor alias")


def test_timeline_draws_one_item_per_event(
    browser_page: BrowserPage, site_url: str, catalog: Catalog
) -> None:
    page = browser_page.page
    _open_timeline(page, f"{site_url}/timeline/", show_all=True)
    assert _shown_event_ids(page) == set(catalog.events)
    assert page.get_attribute("div#timeline", "data-visible") == str(len(catalog.events))
    # Ranges for spans and coarse dates, points for single days.
    assert page.locator("div#timeline .vis-item.vis-range").count() > 0
    assert page.locator("div#timeline .vis-item.vis-point").count() > 0
    # The legend names every type in text, not colour alone.
    legend = page.inner_text("#timeline-legend")
    for event_type in {e.type for e in catalog.events.values()}:
        assert event_type in legend


def test_filter_narrows_items_as_the_reader_types(
    browser_page: BrowserPage, site_url: str, catalog: Catalog
) -> None:
    page = browser_page.page
    _open_timeline(page, f"{site_url}/timeline/", show_all=True)
    term = _selective_term(catalog)
    expected = _matching(catalog, term)
    page.locator("#timeline-filter").press_sequentially(term, delay=20)
    page.wait_for_function(
        "n => document.querySelector('div#timeline').dataset.visible === String(n)",
        arg=len(expected),
    )
    shown = _shown_event_ids(page)
    assert shown == expected
    assert len(shown) < len(catalog.events)
    # The filter lives in the URL.
    page.wait_for_function("t => new URLSearchParams(location.search).get('q') === t", arg=term)
    # Clearing the filter brings every event back.
    page.fill("#timeline-filter", "")
    page.wait_for_function(
        "n => document.querySelector('div#timeline').dataset.visible === String(n)",
        arg=len(catalog.events),
    )
    assert _shown_event_ids(page) == set(catalog.events)


def test_type_facet_and_group_by_type(
    browser_page: BrowserPage, site_url: str, catalog: Catalog, data: dict[str, Any]
) -> None:
    page = browser_page.page
    _open_timeline(page, f"{site_url}/timeline/", show_all=True)
    first_type = data["types"][0]
    expected = {e.id for e in catalog.events.values() if e.type == first_type}
    # Untick every type but the first.
    boxes = page.locator("#timeline-legend input[type=checkbox]")
    for index in range(1, boxes.count()):
        boxes.nth(index).uncheck()
    page.wait_for_function(
        "n => document.querySelector('div#timeline').dataset.visible === String(n)",
        arg=len(expected),
    )
    assert _shown_event_ids(page) == expected
    page.wait_for_function(
        "t => new URLSearchParams(location.search).get('type') === t", arg=first_type
    )
    page.click("[data-timeline-action=reset]")
    page.select_option("#timeline-group", "type")
    page.wait_for_function(
        "n => document.querySelectorAll('div#timeline .vis-label').length === n",
        arg=len(data["types"]),
    )
    labels = page.inner_text("div#timeline .vis-labelset")
    for event_type in data["types"]:
        assert event_type in labels
    assert _shown_event_ids(page) == set(catalog.events)


def test_clicking_an_item_opens_its_event_page(
    browser_page: BrowserPage, site_url: str, catalog: Catalog
) -> None:
    page = browser_page.page
    _open_timeline(page, f"{site_url}/timeline/")
    link = page.locator(POINT_LINKS).first
    href = link.get_attribute("href") or ""
    event_id = href.rstrip("/").split("/")[-1]
    link.click()
    page.wait_for_url(re.compile(rf"/events/{re.escape(event_id)}/$"))
    page.wait_for_selector("article h1")
    assert catalog.events[event_id].title in page.inner_text("article h1")


def test_clicking_a_range_beside_its_text_opens_the_event(
    browser_page: BrowserPage, site_url: str, data: dict[str, Any]
) -> None:
    page = browser_page.page
    # Zoom on the longest range, so that it is much wider than its text.
    ranges = [row for row in data["events"] if row[3]]
    longest = max(
        ranges, key=lambda row: dt.date.fromisoformat(row[3]) - dt.date.fromisoformat(row[2])
    )
    first, last = dt.date.fromisoformat(longest[2]), dt.date.fromisoformat(longest[3])
    pad = max((last - first) / 10, dt.timedelta(days=2))
    _open_timeline(page, f"{site_url}/timeline/?start={first - pad}&end={last + pad}")
    item = page.locator(
        "div#timeline .vis-item.vis-range", has=page.locator(f"a[href$='/{longest[0]}/']")
    )
    box = item.bounding_box()
    link_box = item.locator("a").bounding_box()
    assert box is not None and link_box is not None
    assert box["x"] + box["width"] - (link_box["x"] + link_box["width"]) > 50
    page.mouse.click(box["x"] + box["width"] - 10, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(rf"/events/{re.escape(longest[0])}/$"))


def test_items_are_reachable_by_keyboard(browser_page: BrowserPage, site_url: str) -> None:
    page = browser_page.page
    _open_timeline(page, f"{site_url}/timeline/")
    page.focus("[data-timeline-action=reset]")
    # Tab from the last control lands on an event in the timeline; Enter opens it.
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('chronology-tl-link')"):
            break
    href = page.evaluate("document.activeElement.getAttribute('href')")
    assert href and "events/" in href
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(href.rstrip("/").split("/")[-1]) + "/$"))


def test_url_state_restores_filter_and_window(
    browser_page: BrowserPage, site_url: str, catalog: Catalog
) -> None:
    page = browser_page.page
    term = _selective_term(catalog)
    _open_timeline(page, f"{site_url}/timeline/?q={term}&start=2020-09-01&end=2021-02-01")
    assert page.input_value("#timeline-filter") == term
    expected = _matching(catalog, term)
    assert page.get_attribute("div#timeline", "data-visible") == str(len(expected))
    # Only matching events are drawn, and only those in the restored window.
    assert _shown_event_ids(page) <= expected
    # The window survives: the script writes back what vis-timeline shows.
    page.wait_for_timeout(400)
    query = parse_qs(urlsplit(page.url).query)
    assert query["start"] == ["2020-09-01"] and query["end"] == ["2021-02-01"]
    assert query["q"] == [term]
    out_of_window = {e.id for e in catalog.events.values() if e.date < "2020" and e.id in expected}
    assert not (_shown_event_ids(page) & out_of_window)


def test_instant_navigation_initialises_the_timeline_each_visit(
    browser_page: BrowserPage, site_url: str, catalog: Catalog
) -> None:
    page = browser_page.page
    page.goto(f"{site_url}/")
    page.click("a[href$='timeline/']")
    page.wait_for_selector(READY)
    _show_all(page)
    assert _shown_event_ids(page) == set(catalog.events)
    page.locator(POINT_LINKS).first.click()
    page.wait_for_url(re.compile(r"/events/[^/]+/$"))
    page.go_back()
    page.wait_for_selector(READY)
    _show_all(page)
    assert _shown_event_ids(page) == set(catalog.events)
    # Only one timeline in the page, and its script did not double up.
    assert page.locator("div#timeline .vis-timeline").count() == 1


def test_without_instant_navigation_the_timeline_still_works(
    browser_page: BrowserPage, plain_url: str, catalog: Catalog
) -> None:
    page = browser_page.page
    page.goto(f"{plain_url}/")
    assert page.evaluate("typeof window.document$") == "object"
    page.click("a[href$='timeline/']")
    page.wait_for_selector(READY)
    _show_all(page)
    assert _shown_event_ids(page) == set(catalog.events)
    page.locator(POINT_LINKS).first.click()
    page.wait_for_url(re.compile(r"/events/[^/]+/$"))


def test_material_search_finds_an_event_by_an_actor_alias(
    browser_page: BrowserPage, site_url: str, catalog: Catalog
) -> None:
    page = browser_page.page
    alias = _selective_term(catalog)
    page.goto(f"{site_url}/")
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(alias, delay=30)
    page.wait_for_selector(".md-search-result__item")
    results = page.inner_text(".md-search-result")
    found = [
        e
        for e in catalog.events.values()
        if e.title in results and e.id in _matching(catalog, alias)
    ]
    assert found, f"no event of {alias!r} in the search results:\n{results}"
    assert any(e.date_label in results for e in found), results


def test_without_javascript_the_page_lists_every_event(
    nojs_page: BrowserPage, site_url: str, catalog: Catalog
) -> None:
    page = nojs_page.page
    page.goto(f"{site_url}/timeline/")
    items = page.locator("noscript ol li, .chronology-timeline__list li")
    assert items.count() == len(catalog.events)
    first = catalog.chronological()[0]
    assert first.date_label in items.first.inner_text()
    assert first.title in items.first.inner_text()
    href = items.first.locator("a").get_attribute("href") or ""
    page.goto(f"{site_url}/timeline/{href}")
    assert first.title in page.inner_text("article h1")


def test_hostile_record_text_never_runs(browser_page: BrowserPage, hostile_url: str) -> None:
    page = browser_page.page
    _open_timeline(page, f"{hostile_url}/timeline/")
    texts = page.eval_on_selector_all(ITEM_LINKS, "links => links.map(a => a.textContent)")
    assert any("<img src=x onerror=window.__pwned=1>" in text for text in texts)
    assert page.locator("div#timeline img, div#timeline svg, div#timeline script").count() == 0
    page.select_option("#timeline-group", "actor")
    page.wait_for_selector("div#timeline .vis-label")
    page.locator("#timeline-filter").press_sequentially("mallory", delay=10)
    page.wait_for_timeout(300)
    assert page.inner_text("#timeline-actor").count("<svg onload") == 1
    assert page.evaluate("typeof window.__pwned") == "undefined"
    for path in ("/events/2020-11-09-hostile/", "/actors/mallory/", "/"):
        page.goto(hostile_url + path)
        page.wait_for_timeout(200)
        assert page.evaluate("typeof window.__pwned") == "undefined", path
    # The search index holds the same text: its results show it, never run it.
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("onmouseover", delay=30)
    page.wait_for_selector(".md-search-result__item")
    page.hover(".md-search-result__item")
    page.wait_for_timeout(200)
    assert "onmouseover" in page.inner_text(".md-search-result")
    assert page.locator(".md-search-result b[onmouseover], .md-search-result img").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
