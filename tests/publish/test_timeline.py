"""The timeline page and its data: points and ranges, spans, groups, escaping, assets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator import site
from generator.model import build_catalog
from generator.publish import timeline
from generator.records.store import load_catalog
from generator.synthetic import write_synthetic_content

ASSET_ROOT = Path(site.__file__).parent / "assets"
HOSTILE = '<img src=x onerror="window.__pwned=1"></noscript><script>alert(1)</script>'


class DirectoryUrls:
    """The URL scheme of the plugin with ``use_directory_urls: true``."""

    def event(self, event_id: str) -> str:
        return f"events/{event_id}/"

    def year(self, year: int | str) -> str:
        return f"years/{year}/"


class HtmlUrls:
    """With ``use_directory_urls: false``; one event is moved elsewhere."""

    def event(self, event_id: str) -> str:
        if event_id == "moved":
            return "elsewhere/moved.html"
        return f"events/{event_id}.html"

    def year(self, year: int | str) -> str:
        return f"years/{year}.html"


def _event(event_id: str, date: str, **fields: Any) -> dict[str, Any]:
    record = {"id": event_id, "date": date, "title": event_id.title(), "type": "meeting"}
    record["sources"] = [{"source": "s", "quote": "q"}]
    record.update(fields)
    return record


def _catalog(*events: dict[str, Any], **extra: list[dict[str, Any]]) -> Any:
    records: dict[str, list[dict[str, Any]]] = {
        "events": list(events),
        "sources": [{"id": "s", "title": "S"}],
        "actors": extra.get("actors", []),
        "agreements": extra.get("agreements", []),
    }
    return build_catalog(records)


def _rows(data: dict[str, Any]) -> dict[str, list[Any]]:
    return {row[0]: row for row in data["events"]}


def test_a_day_is_a_point_and_coarser_dates_are_ranges() -> None:
    catalog = _catalog(
        _event("day", "2020-11-09"),
        _event("month", "2020-11"),
        _event("season", "2014-22"),
        _event("year", "2022"),
        _event("approx", "2020-11-09~"),
    )
    rows = _rows(timeline.timeline_data(catalog, DirectoryUrls()))
    assert rows["day"][2:4] == ["2020-11-09", None]
    assert rows["approx"][2:4] == ["2020-11-09", None]
    assert rows["month"][2:4] == ["2020-11-01", "2020-11-30"]
    assert rows["season"][2:4] == ["2014-06-01", "2014-08-31"]
    assert rows["year"][2:4] == ["2022-01-01", "2022-12-31"]
    assert rows["season"][7] == "summer 2014"


def test_spans_and_end_dates_become_ranges_to_their_last_day() -> None:
    catalog = _catalog(
        _event("span", "2020-10-09/2020-10-10"),
        _event("ended", "2020-09-27", end="2020-11-10"),
        _event("ended-month", "2020-09-27", end="2020-11"),
    )
    rows = _rows(timeline.timeline_data(catalog, DirectoryUrls()))
    assert rows["span"][2:4] == ["2020-10-09", "2020-10-10"]
    assert rows["span"][7] == "9–10 October 2020"
    assert rows["ended"][2:4] == ["2020-09-27", "2020-11-10"]
    assert rows["ended-month"][2:4] == ["2020-09-27", "2020-11-30"]


def test_events_are_chronological_and_refer_to_types_actors_and_agreements_by_index() -> None:
    catalog = _catalog(
        _event("later", "2021-01-11", type="call", actors=["zed"], places=["ab"]),
        _event(
            "earlier", "2020-11-09", type="ceasefire", actors=["ab", "zed"], agreements=["deal"]
        ),
        _event("listed", "2020-12-01", type="call"),
        actors=[
            {"id": "zed", "name": "Zed", "kind": "person", "aliases": ["Zedd"]},
            {"id": "ab", "name": "Ab", "kind": "country"},
            {"id": "unused", "name": "Unused", "kind": "country"},
        ],
        agreements=[{"id": "deal", "title": "The deal", "events": ["listed"]}],
    )
    data = timeline.timeline_data(catalog, DirectoryUrls())
    assert [row[0] for row in data["events"]] == ["earlier", "listed", "later"]
    # Types in vocabulary order, only those used.
    assert data["types"] == ["ceasefire", "call"]
    # Actors that take part in (or are the place of) an event, by name; aliases kept.
    assert data["actors"] == [["ab", "Ab", []], ["zed", "Zed", ["Zedd"]]]
    assert data["agreements"] == [["deal", "The deal"]]
    rows = _rows(data)
    assert rows["earlier"][4:7] == [0, [0, 1], [0]]
    assert rows["later"][4:7] == [1, [1, 0], []]
    # An agreement that lists an event counts for the facet, too.
    assert rows["listed"][6] == [0]


def test_event_urls_follow_one_pattern_unless_an_event_is_elsewhere() -> None:
    catalog = _catalog(_event("a", "2020"), _event("moved", "2021"), _event("b", "2022"))
    data = timeline.timeline_data(catalog, HtmlUrls())
    assert data["root"] == "../"
    assert data["url"] == ["events/", ".html"]
    rows = _rows(data)
    assert len(rows["a"]) == 10
    assert rows["moved"][10] == "elsewhere/moved.html"


def test_rows_carry_rank_and_importance_and_the_key_events_are_listed() -> None:
    catalog = _catalog(
        _event("minor", "2020-01-05", importance=1),
        _event("major", "2020-03-01", importance=9),
        _event("middle", "2020-06-01", importance=4),
        _event("same-day", "2020-03-01", importance=5),
    )
    data = timeline.timeline_data(catalog, DirectoryUrls())
    rows = _rows(data)
    assert [rows[e][8] for e in ("major", "same-day", "middle", "minor")] == [0, 1, 2, 3]
    assert rows["major"][9] == 9
    # round(sqrt(4)) = 2 key events, at most one per date: "same-day" yields to "major".
    keys = [data["events"][index][0] for index in data["keys"]]
    assert keys == ["major", "middle"]


def test_the_page_opens_on_the_densest_stretch() -> None:
    # Background told in passing (1988, 1991), then the story: 2020-2022.
    dates = ["1988-02", "1991", "2020-09-27", "2020-10-10", "2020-11-09", "2020-12-01"]
    dates += ["2021-01-11", "2021-04-07", "2021-05-10", "2022-10-31"]
    catalog = _catalog(*(_event(f"e{i}", d) for i, d in enumerate(dates)))
    data = timeline.timeline_data(catalog, DirectoryUrls())
    assert data["open"] == ["2020-09-27", "2022-10-31"]
    # Ends count: a stretch ends with the last day of its events.
    spans = [("2020-01-01", None), ("2020-01-02", "2020-03-31"), ("2030-01-01", None)]
    assert timeline.densest_stretch(spans, share=0.6) == ["2020-01-01", "2020-03-31"]
    assert timeline.densest_stretch([]) is None
    assert timeline.densest_stretch([("2020-01-01", None)]) == ["2020-01-01", "2020-01-01"]


def test_record_text_is_data_in_json_and_escaped_in_the_page() -> None:
    catalog = _catalog(
        _event("hostile", "2020-11-09", title=HOSTILE, actors=["bad"]),
        actors=[{"id": "bad", "name": "</script><b>Bad</b>", "kind": "group"}],
    )
    data = timeline.timeline_data(catalog, DirectoryUrls())
    assert data["events"][0][1] == HOSTILE
    assert json.loads(json.dumps(data)) == data

    page = timeline.timeline_page(catalog, DirectoryUrls()).html
    assert "<img" not in page and "<script>" not in page
    assert "</noscript><script>" not in page
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in page
    assert '<a href="../events/hostile/">' in page


def test_page_has_the_container_the_filter_and_a_chronological_fallback_list() -> None:
    catalog = _catalog(_event("second", "2021-01-11"), _event("first", "2020-11"))
    page = timeline.timeline_page(catalog, DirectoryUrls()).html
    assert '<div id="timeline" data-src="data.json" data-events="2">' in page
    assert '<input id="timeline-filter" type="search"' in page
    fallback = page[page.index("<noscript>") : page.index("</noscript>")]
    assert fallback.index("First") < fallback.index("Second")
    assert '<time datetime="2020-11-01">November 2020</time>' in fallback
    # The heading must not take the container's id.
    assert 'id="timeline-title"' in page
    assert page.count('id="timeline"') == 1


def test_the_page_has_the_whole_width_and_show_all_is_one_click_away() -> None:
    page = timeline.timeline_page(_catalog(_event("a", "2020")), DirectoryUrls())
    assert page.meta == {"hide": ["navigation", "toc"]}
    nav = page.html[page.html.index('class="chronology-timeline__nav"') :]
    assert nav.index('data-timeline-action="fit">Show all<') < nav.index("earlier")


def test_a_large_timeline_gives_readers_without_javascript_key_events_and_years() -> None:
    catalog = _catalog(
        *(_event(f"e{i}", f"{2000 + i % 5}-0{1 + i % 9}-1{i % 10}") for i in range(40))
    )
    small = timeline.timeline_page(catalog, DirectoryUrls(), list_at_most=100).html
    large = timeline.timeline_page(catalog, DirectoryUrls(), list_at_most=10).html
    assert small.count("<li>") == 40
    assert large.count("<li>") == 6  # round(sqrt(40)) key events
    for year in range(2000, 2005):
        assert f'href="../years/{year}/"' in large


def test_an_empty_catalog_still_gives_a_page_and_data() -> None:
    catalog = _catalog()
    data = timeline.timeline_data(catalog, DirectoryUrls())
    assert data["events"] == [] and data["types"] == []
    assert "No events yet." in timeline.timeline_page(catalog, DirectoryUrls()).html


def test_every_asset_ships_with_the_package() -> None:
    for asset in timeline.ASSETS:
        assert (ASSET_ROOT / asset).is_file(), asset
    vendor = ASSET_ROOT / "vendor" / "vis-timeline"
    assert (vendor / "LICENSE.md").is_file()
    assert (vendor / "LICENSE.MIT.txt").is_file()
    assert (vendor / "THIRD-PARTY-NOTICES.txt").is_file()
    # The vendored build must not point browsers at source maps it does not ship.
    script = (vendor / "vis-timeline-graph2d.min.js").read_text(encoding="utf-8")
    assert "sourceMappingURL" not in script[-300:]
    # Scripts come after styles, and the library before the code that uses it.
    scripts = [a for a in timeline.ASSETS if a.endswith(".js")]
    assert scripts[-1] == "chronology-timeline.js"


@pytest.mark.parametrize("events", [0, 1, 60])
def test_synthetic_content_loads_and_has_every_kind(tmp_path: Path, events: int) -> None:
    write_synthetic_content(tmp_path, events=events, seed=3)
    catalog = load_catalog(tmp_path)
    assert len(catalog.events) == events
    if events >= 60:
        assert len(catalog.actors) == 3 and len(catalog.sources) == 6
        assert catalog.agreements
        data = timeline.timeline_data(catalog, DirectoryUrls())
        assert any(row[3] is None for row in data["events"])
        assert any(row[3] is not None for row in data["events"])


def test_synthetic_content_is_deterministic(tmp_path: Path) -> None:
    write_synthetic_content(tmp_path / "a", events=30, seed=7)
    write_synthetic_content(tmp_path / "b", events=30, seed=7)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yml"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.yml"))
    assert files_a == files_b
    for name in files_a:
        assert (tmp_path / "a" / name).read_text() == (tmp_path / "b" / name).read_text()
