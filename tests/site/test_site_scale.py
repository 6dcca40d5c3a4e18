"""Large sites stay linear: real builds of synthetic content, asserting structure, not time.

MkDocs renders the whole navigation into every page, so what must not grow with the number
of events is the navigation itself: if it did, every page would grow with it and the build
would be quadratic.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.publish.context import Context
from generator.publish.pages import nav_titles, navigation, site_pages
from generator.records.store import load_catalog
from generator.site.search import INDEX_ABOVE, choose_backend
from generator.synthetic import write_synthetic_content

RECORD_LINK = re.compile(r'href="[^"]*\b(events|actors|agreements|sources)/[^"/]+/"')


def build_synthetic(root: Path, events: int, *, search: str = "material") -> Path:
    """Build a site of ``events`` synthetic events under root; the site folder."""
    write_synthetic_content(root / "content", events=events, seed=7)
    (root / "docs").mkdir()
    plugins = "  - search\n" if search == "material" else ""
    plugins += f"  - chronology:\n      content_dir: content\n      search_backend: {search}\n"
    (root / "mkdocs.yml").write_text(
        "site_name: Scale test\n"
        "theme:\n  name: material\n  features:\n    - navigation.tabs\n"
        f"plugins:\n{plugins}",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def nav_html(page: Path) -> str:
    """The site navigation of a built page: the tabs and the primary sidebar."""
    html = page.read_text(encoding="utf-8")
    start = html.index('<nav class="md-nav md-nav--primary')
    primary = html[start : html.index("md-sidebar--secondary", start)]
    tabs = ""
    if '<nav class="md-tabs"' in html:
        tabs_start = html.index('<nav class="md-tabs"')
        tabs = html[tabs_start : html.index("</nav>", tabs_start)]
    return tabs + primary


def first_event_page(site: Path) -> Path:
    return sorted((site / "events").glob("*/index.html"))[0]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    return {
        count: build_synthetic(tmp_path_factory.mktemp(f"scale-{count}"), count)
        for count in (100, 300)
    }


def test_record_pages_are_not_in_the_navigation(sites: dict[int, Path]) -> None:
    site = sites[300]
    for page in (site / "index.html", first_event_page(site)):
        nav = nav_html(page)
        assert "actors/" in nav and "types/" in nav  # the indexes are there...
        assert not RECORD_LINK.search(nav), RECORD_LINK.search(nav)  # ...no record is


def test_navigation_does_not_grow_with_the_events(sites: dict[int, Path]) -> None:
    small = nav_html(first_event_page(sites[100]))
    large = nav_html(first_event_page(sites[300]))
    # Same entries: only the counts in labels could differ, and the nav has none.
    assert small.count("<a ") == large.count("<a ")
    assert len(large) <= len(small) * 1.02


def test_many_years_leave_the_navigation_to_the_home_page(tmp_path: Path) -> None:
    write_synthetic_content(tmp_path, events=300, seed=7)
    ctx = Context(load_catalog(tmp_path))
    years = sorted(ctx.by_year)
    assert len(years) > ctx.options.nav_max_years  # synthetic events span 22 years
    listed = list(nav_titles(navigation(ctx)))
    assert not any(uri.startswith("years/") for uri in listed)
    assert len(listed) <= 10
    home = site_pages(ctx)["index.md"].html
    for year in years:
        assert f'href="years/{year:04d}/"' in home


def test_year_and_type_pages_stay_out_of_the_search_index(sites: dict[int, Path]) -> None:
    index = json.loads((sites[100] / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert any(location.startswith("events/") for location in locations)
    assert any(location.startswith("actors/") for location in locations)
    assert "types/" in locations  # the types index is searchable; each type's page is not
    listing = {loc for loc in locations if loc.startswith(("years/", "types/"))}
    assert listing == {"types/"}


def test_pagefind_backend_indexes_the_built_site(tmp_path: Path) -> None:
    pytest.importorskip("pagefind")
    site = build_synthetic(tmp_path, 100, search="pagefind")
    assert (site / "pagefind" / "pagefind-ui.js").is_file()
    assert list((site / "pagefind").glob("**/*.pf_fragment"))
    assert not (site / "search" / "search_index.json").exists()  # Material's is not built
    search_page = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert "PagefindUI" in search_page and 'id="chronology-search"' in search_page
    assert "search/" in nav_html(site / "index.html")
    year_page = next((site / "years").glob("*/index.html")).read_text(encoding="utf-8")
    assert 'data-pagefind-ignore="all"' in year_page


def test_auto_search_switches_to_the_index_in_small_files_and_says_so(tmp_path: Path) -> None:
    root = tmp_path
    write_synthetic_content(root / "content", events=120, seed=7)
    (root / "docs").mkdir()
    (root / "docs" / "notes.md").write_text("# Notes\n\nAbout the zebrafish.\n", "utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Scale test\ntheme:\n  name: material\n"
        "plugins:\n  - search\n  - chronology:\n      content_dir: content\n"
        "      search_index_above: 100\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "120 events, more than Material's search index serves well (100)" in output
    site = root / "site"
    assert not (site / "search" / "search_index.json").exists()  # Material's is not built
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'for="__search"' not in home  # nor is its search box shown
    assert "search/" in nav_html(site / "index.html")
    assert "chronology-search.js" in home
    meta = json.loads((site / "search" / "meta.json").read_text("utf-8"))
    catalog = load_catalog(root / "content")
    records = sum(len(getattr(catalog, kind)) for kind in ("events", "actors", "sources"))
    assert meta["docs"] > records
    docs = json.loads((site / "search" / "d" / "0.json").read_text("utf-8"))
    urls = [doc[0] for doc in docs]
    assert "notes/" in urls  # a docs page of the site's own
    # Documents come by importance: actors first, then events from the key events down.
    first_event = next(url for url in urls if url.startswith("events/"))
    assert urls.index(first_event) > urls.index(next(u for u in urls if u.startswith("actors/")))
    ranked = max(catalog.events.values(), key=lambda e: (e.weight, e.source_count))
    assert (
        first_event == f"events/{ranked.id}/"
        or catalog.events[first_event.split("/")[1]].weight == ranked.weight
    )
    zebra = json.loads((site / "search" / "t" / "ze.json").read_text("utf-8"))
    assert zebra["w"]["zebrafish"] == [urls.index("notes/")]
    assert zebra["t"] == {}  # in no title


@pytest.mark.parametrize(
    ("setting", "events", "material", "expected"),
    [
        ("auto", 5_000, True, "material"),
        ("auto", 5_001, True, "chronology"),
        ("auto", 50_000, False, "none"),  # the site's owner took search out
        ("material", 50_000, True, "material"),
        ("chronology", 10, True, "chronology"),
        ("pagefind", 10, False, "pagefind"),
    ],
)
def test_search_backend_choice(setting: str, events: int, material: bool, expected: str) -> None:
    backend, message = choose_backend(setting, events=events, material=material)
    assert backend == expected
    assert (message is not None) == (setting == "auto" and events > INDEX_ABOVE and material)
