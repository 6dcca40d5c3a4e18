"""Article text in another language than the site's carries its language on the page.

A real extraction (the spaCy pipeline, language identification) of a German article and
an English one, then real ``mkdocs build`` runs: the German quotes, titles and source
title are marked ``lang="de"``, the English ones are not; a site in German marks the
English text instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.records.store import load_catalog

ROOT = Path(__file__).resolve().parents[2]
GERMAN = ROOT / "tests" / "fixtures" / "i18n" / "de-haftbefehle.md"
ENGLISH = ROOT / "seeds" / "000_8669875d53f030cc.txt"


class _Langs(HTMLParser):
    """The text of every element with a ``lang`` attribute, and of every blockquote."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.marked: list[tuple[str, str, str]] = []  # (tag, lang, text)
        self.quotes: list[tuple[str | None, str]] = []  # (lang, text)
        self._open: list[tuple[str, str | None, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "img", "input", "meta", "link", "hr"):
            return
        self._open.append((tag, dict(attrs).get("lang"), []))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            name, lang, parts = self._open.pop()
            words = " ".join("".join(parts).split())
            if self._open:
                self._open[-1][2].append("".join(parts))
            if lang is not None and name != "html":
                self.marked.append((name, lang, words))
            if name == "blockquote":
                self.quotes.append((lang, words))
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1][2].append(data)


def _langs(page: Path) -> _Langs:
    parser = _Langs()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A content folder extracted from one German and one English article."""
    root = tmp_path_factory.mktemp("languages")
    (root / "seeds").mkdir()
    shutil.copy(GERMAN, root / "seeds")
    shutil.copy(ENGLISH, root / "seeds")
    shutil.copytree(ROOT / "docs", root / "docs")
    chronology = Path(sys.executable).with_name("chronology")
    command = [str(chronology), "extract", "--seeds", "seeds", "--content", "content"]
    subprocess.run(command + ["--jobs", "1"], cwd=root, check=True, capture_output=True)
    return root


def _build(project: Path, language: str | None) -> Path:
    theme = "theme:\n  name: material\n" + (f"  language: {language}\n" if language else "")
    (project / "mkdocs.yml").write_text(
        "site_name: Languages\n" + theme + "markdown_extensions:\n  - admonition\n"
        "plugins:\n  - search\n  - chronology:\n      content_dir: content\n",
        encoding="utf-8",
    )
    site = project / f"site-{language or 'default'}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site.name]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_german_text_is_marked_german_on_an_english_site(project: Path) -> None:
    catalog = load_catalog(project / "content")
    german = {s.id for s in catalog.sources.values() if s.language == "de"}
    assert len(german) == 1 and len(catalog.sources) == 2
    (source_id,) = german
    site = _build(project, None)
    assert 'lang="en"' in (site / "index.html").read_text(encoding="utf-8")[:300]

    german_events = [e for e in catalog.events.values() if e.sources[0].source in german]
    assert german_events
    for event in catalog.events.values():
        found = _langs(site / "events" / event.id / "index.html")
        quotes = {" ".join(claim.quote.split()) for claim in event.sources if claim.quote}
        assert {text for _, text in found.quotes} == quotes
        if event in german_events:
            assert all(lang == "de" for lang, _ in found.quotes)
            # The title in the heading, the sentence at the top, the source's title.
            marked = {(tag, text) for tag, lang, text in found.marked if lang == "de"}
            assert ("span", event.title) in marked
            assert ("a", catalog.sources[source_id].title) in marked
        else:
            assert all(lang is None for lang, _ in found.quotes)
            assert all(lang == "de" for _, lang, _ in found.marked)  # nothing else marked

    source_page = _langs(site / "sources" / source_id / "index.html")
    marked = {(tag, lang, text) for tag, lang, text in source_page.marked}
    assert ("span", "de", catalog.sources[source_id].title) in marked
    for event in german_events:
        assert ("a", "de", event.title) in marked  # the events drawn from it, listed


def test_a_german_site_marks_the_english_text_instead(project: Path) -> None:
    catalog = load_catalog(project / "content")
    site = _build(project, "de")
    for event in catalog.events.values():
        found = _langs(site / "events" / event.id / "index.html")
        source = catalog.sources[event.sources[0].source]
        expected = None if source.language == "de" else "en"
        assert found.quotes and all(lang == expected for lang, _ in found.quotes), event.id
