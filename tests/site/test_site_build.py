"""End-to-end: real ``mkdocs build`` runs on copies of the fixture content."""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.publish.pages import timeline_module
from generator.records.store import load_catalog

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "content"
SITE_PATH = "/chronology/"


def make_project(tmp_path: Path, *, extra: str = "") -> Path:
    """A MkDocs project in tmp_path: the repository's docs and a copy of the fixture content."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(FIXTURE, tmp_path / "content")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test chronology\n"
        "site_url: https://example.org/chronology/\n"
        "theme:\n  name: material\n"
        "markdown_extensions:\n  - admonition\n  - attr_list\n  - md_in_html\n"
        "plugins:\n  - search\n  - chronology:\n      content_dir: content\n" + extra,
        encoding="utf-8",
    )
    return tmp_path


def run_build(project: Path, *, strict: bool = True) -> subprocess.CompletedProcess[str]:
    """``mkdocs build`` as a user runs it; output is stdout and stderr together."""
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", "site"]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    return subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False
    )


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.handlers: list[tuple[str, str]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
            if name.startswith("on"):
                self.handlers.append((tag, name))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.script_text.append(data)


def parse_html(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path) -> list[str]:
    """Every internal href/src in every HTML page that does not resolve to a built file."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        folder = page.parent.relative_to(site).as_posix()
        for link in parse_html(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            if parts.path.startswith(SITE_PATH):  # 404.html links from the site URL
                target = posixpath.normpath(parts.path[len(SITE_PATH) :] or ".")
            else:
                target = posixpath.normpath(posixpath.join(folder, parts.path))
            path = site / target
            if link.split("#")[0].endswith("/") or path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                broken.append(f"{page.relative_to(site)} -> {link}")
    return broken


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    project = make_project(tmp_path_factory.mktemp("site"))
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site", result.stdout + result.stderr


def test_strict_build_has_no_warning(built: tuple[Path, str]) -> None:
    _, output = built
    assert "WARNING" not in output


def test_every_record_has_its_page(built: tuple[Path, str]) -> None:
    site, _ = built
    catalog = load_catalog(FIXTURE)
    for kind in ("events", "actors", "agreements", "sources"):
        for record_id in getattr(catalog, kind):
            assert (site / kind / record_id / "index.html").is_file(), (kind, record_id)
    for page in ("index.html", "review/index.html", "actors/index.html", "types/index.html"):
        assert (site / page).is_file()
    for year in ("2014", "2020", "2021", "2022"):
        assert (site / "years" / year / "index.html").is_file()
    assert (site / "types" / "meeting" / "index.html").is_file()
    assert (site / "about" / "index.html").is_file()


def test_every_internal_link_resolves(built: tuple[Path, str]) -> None:
    site, _ = built
    assert broken_links(site) == []


def test_record_pages_stay_out_of_the_navigation(built: tuple[Path, str]) -> None:
    site, _ = built
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("md-sidebar--secondary")]
    assert "years/2020/" in nav and "review/" in nav and "about/" in nav
    assert "events/2020-11-09" not in nav


def test_event_page_content(built: tuple[Path, str]) -> None:
    site, _ = built
    page = (site / "events/2021-01-11-moscow-summit/index.html").read_text(encoding="utf-8")
    assert "<title>11 January 2021 — Putin hosts Aliyev and Pashinyan in Moscow" in page
    assert 'class="admonition warning"' in page
    assert page.count("<blockquote>") == 2
    assert 'href="../../actors/vladimir-putin/"' in page
    assert 'href="https://newsline.example/sochi-summit"' in page


def test_search_index_has_aliases_and_dates(built: tuple[Path, str]) -> None:
    site, _ = built
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    titles = {doc["title"] for doc in docs}
    assert "9 November 2020 — Putin, Aliyev and Pashinyan sign a joint statement" in titles
    assert "c. summer 2014 — Border clashes flare up" in titles
    assert "9–10 October 2020 — Foreign ministers hold talks in Moscow" in titles

    def pages_mentioning(word: str) -> set[str]:
        return {doc["location"].split("#")[0] for doc in docs if word in doc["text"]}

    assert "actors/sergey-lavrov/" in pages_mentioning("Sergei Lavrov")
    assert "events/2020-10-09-moscow-talks/" in pages_mentioning("Sergei Lavrov")
    assert "actors/lachin-corridor/" in pages_mentioning("Lachinsky corridor")


def test_exports_exist_and_parse(built: tuple[Path, str]) -> None:
    import csv
    import xml.etree.ElementTree as ET

    site, _ = built
    data = json.loads((site / "events.json").read_text(encoding="utf-8"))
    assert {len(data[k]) for k in ("events",)} == {8}
    assert len(data["actors"]) == 9 and len(data["sources"]) == 3
    rows = list(csv.DictReader((site / "events.csv").open(encoding="utf-8", newline="")))
    assert len(rows) == 8 and rows[0]["id"] == "2014-summer-border-clashes"
    ics = (site / "events.ics").read_bytes()
    assert ics.count(b"BEGIN:VEVENT") == ics.count(b"END:VEVENT") == 8
    assert all(len(line) <= 75 for line in ics.split(b"\r\n"))
    feed = ET.parse(site / "feed.xml").getroot()
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 8
    assert "Leaders meet in Sochi" in (
        entries[0].findtext("{http://www.w3.org/2005/Atom}title") or ""
    )
    timeline = json.loads((site / "timelinejs.json").read_text(encoding="utf-8"))
    assert len(timeline["events"]) == 8
    home = (site / "index.html").read_text(encoding="utf-8")
    about = (site / "about/index.html").read_text(encoding="utf-8")
    for name in ("events.json", "events.csv", "events.ics", "feed.xml", "timelinejs.json"):
        assert f'href="{name}"' in home
        assert f'href="../{name}"' in about


@pytest.mark.skipif(timeline_module() is None, reason="generator.publish.timeline not present")
def test_timeline_is_wired_in(built: tuple[Path, str]) -> None:
    site, _ = built
    assert (site / "timeline/index.html").is_file()
    data = json.loads((site / "timeline/data.json").read_text(encoding="utf-8"))
    assert data
    module = timeline_module()
    assert module is not None
    home = (site / "index.html").read_text(encoding="utf-8")
    for asset in module.ASSETS:
        assert (site / "assets/chronology" / asset).is_file()
        if asset.endswith((".js", ".css")):
            assert f"assets/chronology/{asset}" in home


def test_build_without_directory_urls(tmp_path: Path) -> None:
    project = make_project(tmp_path, extra="use_directory_urls: false\n")
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    assert (site / "events/2022-statement.html").is_file()
    assert broken_links(site) == []


BAD_RECORDS = {
    "events/bad-date.yml": (
        "id: bad-date\ndate: 31/02/2020\ntitle: Bad date\ntype: meeting\n"
        "sources:\n  - source: newsline-2022-10-31-sochi\n    quote: q\n",
        r"events/bad-date\.yml:2: date: expected an ISO date",
    ),
    "events/bad-type.yml": (
        "id: bad-type\ndate: 2020-01-01\ntitle: Bad type\ntype: party\n"
        "sources:\n  - source: newsline-2022-10-31-sochi\n    quote: q\n",
        r"events/bad-type\.yml:4: type: unknown value 'party'",
    ),
    "events/dangling.yml": (
        "id: dangling\ndate: 2020-01-01\ntitle: Dangling\ntype: meeting\n"
        "actors:\n  - nobody\n"
        "sources:\n  - source: newsline-2022-10-31-sochi\n    quote: q\n",
        r"events/dangling\.yml:6: actors\.0: unknown actor 'nobody'",
    ),
    "actors/broken.yml": (
        "id: broken\nname: [unclosed\nkind: person\n",
        r"actors/broken\.yml:\d+: YAML syntax error",
    ),
    "sources/newsline-2022-10-31-sochi.yaml": (
        "id: newsline-2022-10-31-sochi\ntitle: A second record with the same id\n",
        r"sources/newsline-2022-10-31-sochi\.ya?ml:1: id: duplicate id",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_RECORDS))
def test_a_bad_record_fails_the_build_with_its_location(tmp_path: Path, name: str) -> None:
    project = make_project(tmp_path)
    text, expected = BAD_RECORDS[name]
    (project / "content" / name).write_text(text, encoding="utf-8")
    result = run_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(expected, output), output
    assert "Traceback" not in output


def test_every_bad_record_is_reported_in_one_run(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    for name, (text, _) in BAD_RECORDS.items():
        (project / "content" / name).write_text(text, encoding="utf-8")
    result = run_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    for _, expected in BAD_RECORDS.values():
        assert re.search(expected, output), expected


HOSTILE_EVENT = """\
id: 2020-12-01-hostile
date: 2020-12-01
title: "<script>alert(1)</script> =HYPERLINK(\\"http://evil.example\\")"
type: statement
summary: "<img src=x onerror=alert(1)> [click me](javascript:alert(1)) {{ config.site_name }}"
actors:
  - hostile-actor
sources:
  - source: hostile-source
    quote: >-
      <iframe src=javascript:alert(1)></iframe>
      ![x](javascript:alert(1)) {: onclick=alert(1) }
    date_text: "</title><script>alert(3)</script>"
  - source: hostile-source
    quote: second claim from the same source
flags:
  - code: "<b onmouseover=alert(1)>x</b>"
    message: "<script>alert(2)</script>"
"""

HOSTILE_ACTOR = """\
id: hostile-actor
name: "<svg onload=alert(1)>"
kind: person
aliases:
  - "<a href=javascript:alert(1)>alias</a>"
  - "--8<-- '/etc/passwd'"
role: "[x](javascript:alert(1))"
"""

HOSTILE_SOURCE = """\
id: hostile-source
title: "<script>alert(1)</script>"
publisher: "<img src=x onerror=alert(1)>"
url: "javascript:alert(1)"
file: "../../etc/passwd<script>"
"""


def test_hostile_content_is_never_live_markup(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    content = project / "content"
    (content / "events/2020-12-01-hostile.yml").write_text(HOSTILE_EVENT, encoding="utf-8")
    (content / "actors/hostile-actor.yml").write_text(HOSTILE_ACTOR, encoding="utf-8")
    (content / "sources/hostile-source.yml").write_text(HOSTILE_SOURCE, encoding="utf-8")
    result = run_build(project, strict=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # The javascript: URL is reported once, however many pages show the source.
    assert output.count("only http(s) links are published") == 1
    site = project / "site"
    pages = sorted(site.rglob("*.html"))
    assert (site / "events/2020-12-01-hostile/index.html") in pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        parsed = parse_html(page)
        where = page.relative_to(site)
        assert not parsed.handlers, where
        assert not any(
            re.match(r"\s*(javascript|data|vbscript):", link, re.I) for link in parsed.links
        )
        assert not any("alert(" in script for script in parsed.script_text), where
        for live in (
            "<img src=x",
            "<iframe",
            "<svg onload",
            "<b onmouseover",
            "<a href=javascript",
        ):
            assert live not in html, (where, live)
        assert "Test chronology" in html or page.name == "404.html"
    event = (site / "events/2020-12-01-hostile/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in event or "&#60;script&#62;" in event  # shown, as text
    assert "{{ config.site_name }}" not in event
    csv_text = (site / "events.csv").read_text(encoding="utf-8")
    assert "'<script>" not in csv_text  # only formula cells get the apostrophe
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in feed and "&lt;script&gt;" in feed
    data = json.loads((site / "events.json").read_text(encoding="utf-8"))
    assert all(
        source["url"] is None or source["url"].startswith("http") for source in data["sources"]
    )


def test_features_can_be_turned_off(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "      timeline_enabled: false\n      exports_enabled: false\n",
        encoding="utf-8",
    )
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    assert not (site / "events.json").exists() and not (site / "timeline").exists()
    assert not (site / "assets/chronology").exists()
    assert "Exports are turned off" in (site / "about/index.html").read_text(encoding="utf-8")
    assert (site / "events/2022-statement/index.html").is_file()
    assert broken_links(site) == []


def test_plugin_can_be_disabled(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "      enabled: false\n", encoding="utf-8"
    )
    (project / "content/events/broken.yml").write_text("id: [", encoding="utf-8")
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (project / "site/events").exists()


@pytest.mark.parametrize("directory_urls", [True, False])
def test_cached_navigation_is_the_navigation_each_page_would_draw(
    tmp_path: Path, directory_urls: bool
) -> None:
    sites = {}
    for cache in (True, False):
        project = make_project(tmp_path / f"cache-{cache}")
        config = project / "mkdocs.yml"
        # Tabs, footer links, palette toggles and a search box: every cached part drawn.
        text = config.read_text(encoding="utf-8").replace(
            "theme:\n  name: material\n",
            "theme:\n  name: material\n  features:\n    - navigation.tabs\n"
            "    - navigation.footer\n  palette:\n    - scheme: default\n      toggle:\n"
            "        icon: material/brightness-7\n        name: Dark\n    - scheme: slate\n"
            "      toggle:\n        icon: material/brightness-4\n        name: Light\n",
        )
        text += f"      cache_navigation: {str(cache).lower()}\n"
        text += f"use_directory_urls: {str(directory_urls).lower()}\n"
        config.write_text(text, encoding="utf-8")
        result = run_build(project)
        assert result.returncode == 0, result.stdout + result.stderr
        sites[cache] = project / "site"
    pages = sorted(path.relative_to(sites[True]) for path in sites[True].rglob("*.html"))
    assert len(pages) >= 40
    assert any(str(page).startswith("events/") for page in pages)
    for page in pages:
        cached = (sites[True] / page).read_text(encoding="utf-8")
        assert cached == (sites[False] / page).read_text(encoding="utf-8"), page
        assert 'class="md-tabs"' in cached or page.name == "404.html", page
        assert 'data-md-component="palette"' in cached, page
