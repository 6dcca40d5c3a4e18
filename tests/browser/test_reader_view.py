"""The reader's view in Chromium: the first view of the timeline, aggregation when zoomed out,
key events first, and the disagreement box worded for a reader."""

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
LINKS = "div#timeline a.chronology-tl-link"
MORE = "div#timeline button.chronology-tl-more"


def _data(site: Path) -> dict[str, Any]:
    return dict(json.loads((site / "timeline" / "data.json").read_text("utf-8")))


def _shown(page: Any) -> set[str]:
    hrefs = page.eval_on_selector_all(LINKS, "links => links.map(a => a.href)")
    return {href.rstrip("/").split("/")[-1] for href in hrefs}


def _window(page: Any) -> tuple[dt.date, dt.date]:
    start, end = (page.get_attribute("div#timeline", "data-window") or "").split("/")
    return dt.date.fromisoformat(start), dt.date.fromisoformat(end)


def _click_and_wait_for_window(page: Any, selector: str) -> None:
    before = page.get_attribute("div#timeline", "data-drawn")
    page.click(selector)
    page.wait_for_function(
        "n => document.querySelector('div#timeline').dataset.drawn !== n", arg=before
    )
    page.wait_for_timeout(300)


def test_the_timeline_opens_on_the_story_with_the_page_to_itself(
    browser_page: BrowserPage, site_url: str, fixture_site: Path, fixture_catalog: Catalog
) -> None:
    page = browser_page.page
    page.goto(f"{site_url}/timeline/")
    page.wait_for_selector(READY)
    # No navigation or table of contents: the timeline takes the width of the page.
    assert page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator(".md-sidebar--secondary").is_hidden()
    box = page.locator("div#timeline").bounding_box()
    assert box is not None and box["width"] >= 0.9 * 1280
    # It opens on the densest stretch (the background of 2014 is one click away) ...
    data = _data(fixture_site)
    first, last = (dt.date.fromisoformat(day) for day in data["open"])
    start, end = _window(page)
    assert start <= first and last <= end
    inside = {e.id for e in fixture_catalog.events.values() if e.date >= first.isoformat()[:7]}
    assert _shown(page) == inside and "2014-summer-border-clashes" not in inside
    # ... and its axis ends near the last event, not years after it.
    assert end - last < dt.timedelta(days=62)
    # No label runs off the timeline.
    right = box["x"] + box["width"]
    for item in page.locator("div#timeline .vis-item-content").all():
        item_box = item.bounding_box()
        assert item_box is not None and item_box["x"] + item_box["width"] <= right + 1
    _click_and_wait_for_window(page, "[data-timeline-action=fit]")
    assert _shown(page) == set(fixture_catalog.events)
    _click_and_wait_for_window(page, "[data-timeline-action=story]")
    assert _shown(page) == inside


def _tab_to_an_event(browser_page: BrowserPage, site_url: str) -> Any:
    """The timeline of autumn 2020, with Tab pressed from its last control: the page."""
    page = browser_page.page
    page.goto(f"{site_url}/timeline/?start=2020-09-01&end=2021-02-01")
    page.wait_for_selector(READY)
    page.focus("[data-timeline-action=reset]")
    page.keyboard.press("Tab")
    return page


def test_the_full_title_shows_on_hover_and_on_keyboard_focus(
    browser_page: BrowserPage, site_url: str, fixture_catalog: Catalog
) -> None:
    page = _tab_to_an_event(browser_page, site_url)
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused and "events/" in focused
    event = fixture_catalog.events[focused.rstrip("/").split("/")[-1]]
    tip = page.locator("#timeline-tip")
    assert tip.is_visible()
    assert tip.inner_text() == f"{event.date_label} — {event.title} ({event.type})"
    page.keyboard.press("Tab")
    other = page.evaluate("document.activeElement.getAttribute('href')")
    assert other != focused and event.title not in tip.inner_text()
    page.mouse.move(5, 5)
    link = page.locator(LINKS).first
    link.hover()
    assert tip.is_visible() and tip.inner_text() == link.get_attribute("data-tip")
    # Long titles end in an ellipsis instead of running on.
    # Long titles end in an ellipsis: a point's at 16 em, a range's at the end of the range.
    widths = page.eval_on_selector_all(
        LINKS,
        """links => links.map(a => {
          const item = a.closest('.vis-item'), box = a.getBoundingClientRect();
          return [a.scrollWidth, a.clientWidth, parseFloat(getComputedStyle(a).fontSize),
                  item.classList.contains('vis-range'),
                  box.right - item.getBoundingClientRect().right];
        })""",
    )
    for _, client, size, is_range, past_item in widths:
        assert past_item <= 1 if is_range else client <= 16 * size + 1
    assert any(scroll > client for scroll, client, *_ in widths)  # some are cut short


def test_the_focused_event_keeps_the_focus_when_the_timeline_redraws(
    browser_page: BrowserPage, site_url: str
) -> None:
    page = _tab_to_an_event(browser_page, site_url)
    page.wait_for_function("document.activeElement.matches('a.chronology-tl-link')")
    href = page.evaluate("document.activeElement.href")
    # Zooming with the wheel redraws every item, the focused one too: its link must stay
    # on the page, or the keyboard focus goes with it.
    box = page.locator("div#timeline .vis-center").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    before = page.get_attribute("div#timeline", "data-window")
    page.keyboard.down("Control")
    page.mouse.wheel(0, 100)
    page.keyboard.up("Control")
    page.wait_for_function(
        "w => document.querySelector('div#timeline').dataset.window !== w", arg=before
    )
    page.wait_for_timeout(300)
    assert page.evaluate("document.activeElement.href") == href


def test_zoomed_out_the_timeline_aggregates_and_shows_key_events_first(
    browser_page: BrowserPage, synthetic_url: str, synthetic_site: Path
) -> None:
    page = browser_page.page
    data = _data(synthetic_site)
    page.goto(f"{synthetic_url}/timeline/")
    page.wait_for_selector(READY)
    assert page.get_attribute("div#timeline", "data-visible") == str(len(data["events"]))
    _click_and_wait_for_window(page, "[data-timeline-action=fit]")
    clusters = page.locator(MORE)
    assert clusters.count() > 0
    # A few hundred items at most stand for every event.
    assert page.locator("div#timeline .vis-item").count() < 400
    assert "+N more" in page.inner_text("#timeline-status")
    # The key events of the chronology are drawn, and marked.
    rows = data["events"]
    keys = {rows[index][0] for index in data["keys"]}
    assert keys <= _shown(page)
    assert page.locator("div#timeline .vis-item.chronology-tl-key").count() >= len(keys)
    # In every stretch, the events drawn outrank those folded into "+N more".
    shown = _shown(page)
    rank = {row[0]: row[8] for row in rows}
    worst_shown = max(rank[event_id] for event_id in shown)
    assert worst_shown < len(rows) - 1
    # "+N more" zooms into its stretch, which then shows more of its events.
    button = clusters.first
    hidden = int(re.sub(r"\D", "", button.inner_text()))
    start_ms = int(button.get_attribute("data-start") or 0)
    end_ms = int(button.get_attribute("data-end") or 0)
    bin_days = int(page.get_attribute("div#timeline", "data-bin-days") or 0)
    _click_and_wait_for_window(page, f"{MORE} >> nth=0")
    start, end = _window(page)
    assert (end - start).days < (end_ms - start_ms) / 86_400_000 * 1.3
    assert int(page.get_attribute("div#timeline", "data-bin-days") or 0) < bin_days
    assert hidden > 0


def test_filtering_a_large_timeline_keeps_aggregating_what_matches(
    browser_page: BrowserPage, synthetic_url: str, synthetic_site: Path
) -> None:
    page = browser_page.page
    data = _data(synthetic_site)
    page.goto(f"{synthetic_url}/timeline/")
    page.wait_for_selector(READY)
    term = "ceasefire"
    expected = sum(1 for row in data["events"] if term in (row[1] + " " + row[7]).lower())
    expected += sum(
        1
        for row in data["events"]
        if term not in (row[1] + " " + row[7]).lower() and data["types"][row[4]] == term
    )
    page.locator("#timeline-filter").press_sequentially(term, delay=30)
    page.wait_for_function(
        "n => document.querySelector('div#timeline').dataset.visible === String(n)",
        arg=expected,
    )
    page.wait_for_timeout(300)
    for link in page.locator(LINKS).all()[:20]:
        assert term in (link.get_attribute("data-tip") or "").lower()


def test_the_home_page_opens_with_the_key_events(
    browser_page: BrowserPage, synthetic_url: str, synthetic_site: Path
) -> None:
    page = browser_page.page
    data = _data(synthetic_site)
    page.goto(f"{synthetic_url}/")
    first_heading = page.locator("article h2").first
    assert first_heading.inner_text() == "Key events"
    listed = page.eval_on_selector_all(
        "article h2#key-events + p + ul a", "links => links.map(a => a.href)"
    )
    keys = [data["events"][index][0] for index in data["keys"]]
    assert [href.rstrip("/").split("/")[-1] for href in listed] == keys
    # Every year follows with its own key events.
    years = page.locator("article h2 a[href*='years/']")
    assert years.count() == len({row[2][:4] for row in data["events"]})
    page.locator("article h2#key-events + p + ul a").first.click()
    page.wait_for_url(re.compile(r"/events/[^/]+/$"))
    assert "key event, " in page.inner_text("article")


def test_the_disagreement_box_names_publishers_and_dates_and_links_the_sources(
    browser_page: BrowserPage, site_url: str
) -> None:
    page = browser_page.page
    page.goto(f"{site_url}/events/2021-01-11-moscow-summit/")
    box = page.locator(".admonition.warning")
    assert box.locator(".admonition-title").inner_text() == "Sources disagree on the date"
    assert (
        "Newsline, 31 October 2022, gives 11 November 2021; "
        "Armenpress, 12 January 2021, gives 11 January 2021." in box.inner_text()
    )
    assert "newsline-2022-10-31-sochi" not in box.inner_text()  # no ids for readers
    # The summary is the sentence that agrees with the record, not the one that does not.
    summary = page.locator("article h1 + p").inner_text()
    assert "key event" in page.locator("article h1 + p + p").inner_text()
    assert summary == "On Monday, January 11, the leaders met in Moscow."
    facts = page.locator("article p", has_text="Confidence:").inner_text()
    assert "sources disagree on the date" in facts and "0." not in facts
    box.get_by_role("link", name="Newsline, 31 October 2022").click()
    page.wait_for_url(re.compile(r"/sources/newsline-2022-10-31-sochi/$"))
    assert "Sochi summit" in page.inner_text("article h1")


def test_the_index_in_small_files_finds_records_as_the_reader_types(
    browser_page: BrowserPage, indexed_url: str, fixture_catalog: Catalog
) -> None:
    page = browser_page.page
    page.goto(f"{indexed_url}/")
    assert page.locator("input.md-search__input").count() == 0  # Material's search is off
    page.click("a[href$='search/']")
    search = page.locator("#chronology-search-input")
    search.wait_for()
    # A word being typed matches every word it begins: "lavr" finds Lavrov.
    search.press_sequentially("lavr", delay=40)
    page.wait_for_selector("#chronology-search[data-query='lavr']")
    titles = page.locator(".chronology-search__results li > a").all_inner_texts()
    assert titles[0] == "Sergey Lavrov"  # actors come first: their pages gather the events
    lavrov = {e.title for e in fixture_catalog.events.values() if "sergey-lavrov" in e.actors}
    assert lavrov <= {title.split(" — ", 1)[-1] for title in titles}
    # Every word must match; the query lives in the URL.
    search.press_sequentially(" talks", delay=40)
    page.wait_for_selector("#chronology-search[data-query='lavr talks']")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["lavr talks"]
    narrowed = page.locator(".chronology-search__results li > a").all_inner_texts()
    assert 0 < len(narrowed) < len(titles)
    assert "9–10 October 2020 — Foreign ministers hold talks in Moscow" in narrowed
    page.locator(".chronology-search__results li > a").first.click()
    page.wait_for_url(re.compile(r"/(actors|events)/[^/]+/$"))


def test_the_index_in_small_files_shows_hostile_text_as_text(
    browser_page: BrowserPage, indexed_url: str
) -> None:
    page = browser_page.page
    page.goto(f"{indexed_url}/search/?q=onmouseover")
    page.wait_for_selector("#chronology-search[data-query='onmouseover']")
    assert "onmouseover" in page.inner_text(".chronology-search__results")
    assert (
        page.locator(".chronology-search__results b, .chronology-search__results img").count() == 0
    )
    page.goto(f"{indexed_url}/search/?q=pwned")
    page.wait_for_selector("#chronology-search[data-query='pwned'] li")
    assert page.evaluate("typeof window.__pwned") == "undefined"
