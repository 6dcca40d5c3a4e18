"""Browser fixtures: real sites built with ``mkdocs build``, served locally, read by Chromium.

The sites are built once per session through the real ``chronology`` plugin: one from
``tests/fixtures/content`` and one from hostile records whose text tries to run script.
Chromium is Debian's (``/usr/bin/chromium``); without it the browser tests are skipped,
unless ``CI=true``, where a missing browser is a failure.

Every page a test opens collects console errors and uncaught exceptions; a test that
leaves any behind fails at teardown.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import (
    CHROMIUM,
    FIXTURE_CONTENT,
    BrowserPage,
    build_site,
    launch_chromium,
    serve,
    watch_errors,
    write_hostile_content,
)

from generator.model import Catalog
from generator.records.store import load_catalog
from generator.synthetic import write_synthetic_content


def _chromium_available() -> bool:
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Headless Debian Chromium through Playwright (skip without it, fail on CI)."""
    if not _chromium_available():
        message = f"{CHROMIUM} is not installed"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message}, and CI=true requires the browser tests to run")
        pytest.skip(message)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def fixture_catalog() -> Catalog:
    """The records the fixture site is built from."""
    return load_catalog(FIXTURE_CONTENT)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of tests/fixtures/content, built once."""
    if not _chromium_available() and os.environ.get("CI", "").lower() != "true":
        pytest.skip(f"{CHROMIUM} is not installed")
    return build_site(FIXTURE_CONTENT, tmp_path_factory.mktemp("fixture-site"))


@pytest.fixture(scope="session")
def site_url(fixture_site: Path) -> Iterator[str]:
    """Base URL (no trailing slash) of the served fixture site."""
    url, stop = serve(fixture_site)
    yield url
    stop()


@pytest.fixture(scope="session")
def plain_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the fixture site built without Material's instant navigation."""
    if not _chromium_available() and os.environ.get("CI", "").lower() != "true":
        pytest.skip(f"{CHROMIUM} is not installed")
    site = build_site(FIXTURE_CONTENT, tmp_path_factory.mktemp("plain-site"), instant=False)
    url, stop = serve(site)
    yield url
    stop()


@pytest.fixture(scope="session")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a site built from hostile records."""
    if not _chromium_available() and os.environ.get("CI", "").lower() != "true":
        pytest.skip(f"{CHROMIUM} is not installed")
    work = tmp_path_factory.mktemp("hostile-site")
    content = work / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    write_hostile_content(content)
    url, stop = serve(build_site(content, work / "build"))
    yield url
    stop()


#: Events of the synthetic site: enough for the timeline to aggregate when zoomed out.
SYNTHETIC_EVENTS = 3_000


@pytest.fixture(scope="session")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site of SYNTHETIC_EVENTS synthetic events (generator.synthetic), built once."""
    if not _chromium_available() and os.environ.get("CI", "").lower() != "true":
        pytest.skip(f"{CHROMIUM} is not installed")
    work = tmp_path_factory.mktemp("synthetic-site")
    write_synthetic_content(work / "content", events=SYNTHETIC_EVENTS, seed=11)
    return build_site(work / "content", work / "build")


@pytest.fixture(scope="session")
def synthetic_url(synthetic_site: Path) -> Iterator[str]:
    """Base URL of the served synthetic site."""
    url, stop = serve(synthetic_site)
    yield url
    stop()


@pytest.fixture(scope="session")
def indexed_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a site of the fixture and hostile records that searches with the
    chronology's own index in small files."""
    if not _chromium_available() and os.environ.get("CI", "").lower() != "true":
        pytest.skip(f"{CHROMIUM} is not installed")
    work = tmp_path_factory.mktemp("indexed-site")
    content = work / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    write_hostile_content(content)
    options = "      search_backend: chronology\n"
    url, stop = serve(build_site(content, work / "build", options=options))
    yield url
    stop()


def _open(browser: Any, **context_options: Any) -> Iterator[BrowserPage]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **context_options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    seen = watch_errors(page)
    try:
        yield seen
    finally:
        context.close()
    assert not seen.errors, "errors in the browser console:\n" + "\n".join(seen.errors)


@pytest.fixture()
def browser_page(chromium: Any) -> Iterator[BrowserPage]:
    """A fresh page (own context) that fails the test on any console error."""
    yield from _open(chromium)


@pytest.fixture()
def nojs_page(chromium: Any) -> Iterator[BrowserPage]:
    """A page with JavaScript turned off."""
    yield from _open(chromium, java_script_enabled=False)
