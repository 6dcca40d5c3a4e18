"""The exports as pure functions: formats parse, text is escaped, dates keep precision."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.model import Catalog, build_catalog
from generator.publish import exports
from generator.publish.exports import (
    EXPORTS,
    ExportSettings,
    build_exports,
    export_atom,
    export_csv,
    export_ics,
    export_json,
    export_timelinejs,
    ics_escape,
    ics_fold,
)
from generator.records.store import load_catalog

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "content"
ATOM = "{http://www.w3.org/2005/Atom}"
STAMP = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(FIXTURE)


@pytest.fixture(scope="module")
def settings() -> ExportSettings:
    return ExportSettings(base_url="https://example.org/c/", site_name="Test", stamp=STAMP)


def _one_event(**fields: object) -> Catalog:
    event = {
        "id": "e",
        "date": "2020-11-09",
        "title": "Title",
        "type": "call",
        "sources": [{"source": "s", "quote": "Quote"}],
    }
    event.update(fields)
    return build_catalog({"events": [event], "sources": [{"id": "s", "title": "S"}]})


def test_json_has_every_record_of_every_kind(catalog: Catalog, settings: ExportSettings) -> None:
    data = json.loads(export_json(catalog, settings))
    assert [len(data[k]) for k in ("events", "actors", "agreements", "sources")] == [8, 9, 1, 3]
    first = data["events"][0]
    assert first["id"] == "2014-summer-border-clashes"
    assert first["date_label"] == "c. summer 2014"
    assert first["page_url"] == "https://example.org/c/events/2014-summer-border-clashes/"
    lavrov = next(a for a in data["actors"] if a["id"] == "sergey-lavrov")
    assert "Sergei Lavrov" in lavrov["aliases"]


def test_json_exports_importance_and_key_events(settings: ExportSettings) -> None:
    events = [
        {"id": "cited", "date": "2020-11-09", "title": "Cited", "type": "agreement",
         "importance": 7, "sources": [{"source": "s", "quote": "q"}]},
        {"id": "plain", "date": "2020-12-01", "title": "Plain", "type": "other",
         "sources": [{"source": "s", "quote": "q"}, {"source": "t", "quote": "q"}]},
        {"id": "later", "date": "2021-01-11", "title": "Later", "type": "other",
         "importance": 1, "sources": [{"source": "s", "quote": "q"}]},
    ]  # fmt: skip
    catalog = build_catalog(
        {"events": events, "sources": [{"id": "s", "title": "S"}, {"id": "t", "title": "T"}]}
    )
    data = {e["id"]: e for e in json.loads(export_json(catalog, settings))["events"]}
    # A record without an importance counts its sources.
    assert [data[e]["importance"] for e in ("cited", "plain", "later")] == [7, 2, 1]
    # round(sqrt(3)) = 2 key events of the chronology; each year has its own.
    assert [data[e]["key"] for e in ("cited", "plain", "later")] == [True, True, False]
    assert [data[e]["year_key"] for e in ("cited", "plain", "later")] == [True, False, True]


def test_json_drops_urls_that_are_not_http(settings: ExportSettings) -> None:
    catalog = build_catalog({"sources": [{"id": "s", "title": "S", "url": "javascript:alert(1)"}]})
    assert json.loads(export_json(catalog, settings))["sources"][0]["url"] is None


def test_csv_one_row_per_event(catalog: Catalog, settings: ExportSettings) -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(catalog, settings))))
    assert len(rows) == 8
    statement = next(r for r in rows if r["id"] == "2020-11-09-joint-statement-signed")
    assert statement["importance"] == "2"
    assert statement["actors"] == "vladimir-putin; ilham-aliyev; nikol-pashinyan"


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_csv_neutralises_formulas(formula: str, settings: ExportSettings) -> None:
    rows = list(csv.reader(io.StringIO(export_csv(_one_event(title=formula), settings))))
    title = rows[1][rows[0].index("title")]
    assert title == "'" + formula


def test_csv_keeps_ordinary_text(settings: ExportSettings) -> None:
    rows = list(
        csv.reader(io.StringIO(export_csv(_one_event(title="Talks, then a truce"), settings)))
    )
    assert rows[1][rows[0].index("title")] == "Talks, then a truce"


def test_ics_escaping() -> None:
    assert ics_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


@pytest.mark.parametrize(
    "line",
    ["SUMMARY:" + "Сергей Лавров " * 20, "SUMMARY:" + "Sergey Lavrov " * 20, "X:" + "a" * 73],
)
def test_ics_folding_respects_octets_and_characters(line: str) -> None:
    folded = ics_fold(line)
    parts = folded.encode("utf-8").split(b"\r\n")
    assert parts[-1] == b""
    assert all(len(part) <= 75 for part in parts)
    assert len(parts[0]) == 75 or len(parts) == 2  # lines are filled, not folded early
    assert all(part.startswith(b" ") for part in parts[1:-1])
    # Unfolding (drop CRLF + one space) gives the line back, no character split.
    assert folded.replace("\r\n ", "").removesuffix("\r\n") == line


def test_record_data_matches_dataclasses_asdict(catalog: Catalog) -> None:
    from dataclasses import asdict

    from generator.publish.exports import record_data

    for kind in ("events", "actors", "agreements", "sources"):
        for record in getattr(catalog, kind).values():
            assert json.dumps(record_data(record)) == json.dumps(asdict(record))


def test_json_export_puts_one_record_per_line(catalog: Catalog, settings: ExportSettings) -> None:
    lines = export_json(catalog, settings).splitlines()
    events = [line for line in lines if line.startswith('{"id": ') and '"date_label"' in line]
    assert len(events) == len(catalog.events)


def test_ics_structure(catalog: Catalog, settings: ExportSettings) -> None:
    text = export_ics(catalog, settings)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    unfolded = text.replace("\r\n ", "").split("\r\n")
    assert unfolded.count("BEGIN:VEVENT") == unfolded.count("END:VEVENT") == 8
    assert "DTSTART;VALUE=DATE:20140601" in unfolded  # c. summer 2014 starts 1 June
    assert "DTSTART;VALUE=DATE:20201101" in unfolded  # November 2020
    assert "DTSTART;VALUE=DATE:20201009" in unfolded and "DTEND;VALUE=DATE:20201011" in unfolded
    assert "DTSTAMP:20240102T030405Z" in unfolded
    assert all(not line or ":" in line for line in unfolded)


def test_ics_escapes_record_text(settings: ExportSettings) -> None:
    text = export_ics(_one_event(title="A, B; C\\D\nE"), settings)
    assert "SUMMARY:A\\, B\\; C\\\\D\\nE" in text.replace("\r\n ", "")


def test_atom_newest_first_and_escaped(settings: ExportSettings) -> None:
    catalog = build_catalog(
        {
            "events": [
                {
                    "id": "old",
                    "date": "2019",
                    "title": "<script>alert(1)</script> & co",
                    "type": "call",
                    "sources": [{"source": "s", "quote": "q"}],
                },
                {
                    "id": "new",
                    "date": "2021-03-04",
                    "title": "New",
                    "type": "call",
                    "sources": [{"source": "s", "quote": "q"}],
                },
            ],
            "sources": [{"id": "s", "title": "S"}],
        }
    )
    text = export_atom(catalog, settings)
    assert "<script>" not in text
    feed = ET.fromstring(text.encode("utf-8"))
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "4 March 2021 — New",
        "2019 — <script>alert(1)</script> & co",
    ]
    link = entries[0].find(f"{ATOM}link")
    assert link is not None and link.get("href") == "https://example.org/c/events/new/"
    assert feed.findtext(f"{ATOM}updated") == "2021-03-04T00:00:00Z"


def test_the_atom_feed_carries_the_newest_events(
    catalog: Catalog, settings: ExportSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exports, "FEED_ENTRIES", 3)
    feed = ET.fromstring(export_atom(catalog, settings).encode("utf-8"))
    newest = [e.id for e in reversed(catalog.chronological())][:3]
    links = [entry.find(f"{ATOM}link") for entry in feed.findall(f"{ATOM}entry")]
    hrefs = [link.get("href", "") for link in links if link is not None]
    assert [href.rstrip("/").split("/")[-1] for href in hrefs] == newest


def test_timelinejs_dates_at_their_precision(catalog: Catalog, settings: ExportSettings) -> None:
    data = json.loads(export_timelinejs(catalog, settings))
    by_id = {event["unique_id"]: event for event in data["events"]}
    assert by_id["2022-statement"]["start_date"] == {"year": 2022}
    assert by_id["2020-11-10-peacekeepers-deployed"]["start_date"] == {"year": 2020, "month": 11}
    assert by_id["2020-11-09-joint-statement-signed"]["start_date"] == {
        "year": 2020,
        "month": 11,
        "day": 9,
    }
    talks = by_id["2020-10-09-moscow-talks"]
    assert talks["end_date"] == {"year": 2020, "month": 10, "day": 10}
    summer = by_id["2014-summer-border-clashes"]
    assert summer["start_date"] == {"year": 2014, "month": 6}
    assert summer["display_date"] == "c. summer 2014"
    assert by_id["2020-autumn-war"]["end_date"] == {"year": 2020, "month": 11, "day": 10}
    assert set(talks["text"]) == {"headline", "text"}


def test_timelinejs_text_is_html_escaped(settings: ExportSettings) -> None:
    catalog = _one_event(title="<img src=x onerror=alert(1)>", summary="<script>x</script>")
    event = json.loads(export_timelinejs(catalog, settings))["events"][0]
    assert event["text"]["headline"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert "<script>" not in event["text"]["text"]


def test_relative_urls_without_a_site_url(catalog: Catalog) -> None:
    settings = ExportSettings(stamp=STAMP)
    data = json.loads(export_json(catalog, settings))
    assert data["events"][0]["page_url"] == "events/2014-summer-border-clashes/"
    assert "URL;VALUE=URI" not in export_ics(catalog, settings)


def test_build_exports_gives_every_export(catalog: Catalog, settings: ExportSettings) -> None:
    files = build_exports(catalog, settings)
    assert set(files) == set(EXPORTS)
    assert files["events.ics"].count("\r\n") > 8
