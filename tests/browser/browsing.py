"""Build a real site with ``mkdocs build``, serve it locally, and drive it with Chromium.

Shared by the browser tests (``conftest.py``), ``benchmarks/timeline_bench.py`` and
``scripts/screenshots.py``. Sites are always built through the real ``chronology`` plugin.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.atomic import write_atomic
from generator.records.store import dump_record

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
HOSTILE_TITLE = (
    "<img src=x onerror=window.__pwned=1> Hostile </noscript><script>window.__pwned=2</script>"
)
HOSTILE_NAME = '<svg onload="window.__pwned=3">Mallory'

MKDOCS_YML = """\
site_name: {site_name}
docs_dir: docs
site_dir: site
theme:
  name: material
  font: false
  features:{instant}
    - search.highlight
  palette:
    - scheme: default
      toggle:
        icon: material/brightness-7
        name: Switch to dark mode
    - scheme: slate
      toggle:
        icon: material/brightness-4
        name: Switch to light mode
plugins:
  - search
  - chronology:
      content_dir: {content}
{extra}"""


def build_site(
    content: Path,
    workdir: Path,
    *,
    instant: bool = True,
    site_name: str = "Chronology test site",
    options: str = "",
) -> Path:
    """Build a site from a content folder with the real plugin; return the site folder.

    ``options``: more settings of the chronology plugin, as YAML lines indented by six."""
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "docs").mkdir(exist_ok=True)
    (workdir / "mkdocs.yml").write_text(
        MKDOCS_YML.format(
            content=content.resolve().as_posix(),
            site_name=json.dumps(site_name),
            instant="\n    - navigation.instant" if instant else "",
            extra=options,
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--clean"],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    site = workdir / "site"
    assert (site / "timeline" / "index.html").is_file(), "the site has no timeline page"
    assert (site / "timeline" / "data.json").is_file(), "the site has no timeline data"
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
        pass


def serve(site: Path) -> tuple[str, Callable[[], None]]:
    """Serve a folder on 127.0.0.1 at a random port from a thread; return (url, stop)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

    return f"http://127.0.0.1:{server.server_address[1]}", stop


def write_hostile_content(root: Path) -> None:
    """Records whose text is markup and script, as a hostile article could make them."""
    records = {
        "sources/hostile-source.yml": {
            "id": "hostile-source",
            "title": HOSTILE_TITLE,
            "published": "2020-11-10",
            "publisher": HOSTILE_NAME,
        },
        "actors/mallory.yml": {
            "id": "mallory",
            "name": HOSTILE_NAME,
            "kind": "person",
            "aliases": ["<b onmouseover=window.__pwned=4>Mal</b>"],
        },
        "events/2020-11-09-hostile.yml": {
            "id": "2020-11-09-hostile",
            "date": "2020-11-09",
            "title": HOSTILE_TITLE,
            "type": "statement",
            "summary": HOSTILE_TITLE,
            "actors": ["mallory"],
            "sources": [{"source": "hostile-source", "quote": HOSTILE_TITLE, "date_text": "<i>x"}],
        },
        "events/2020-11-hostile-range.yml": {
            "id": "2020-11-hostile-range",
            "date": "2020-11",
            "title": 'Range "quoted" </script><script>window.__pwned=5</script>',
            "type": "clashes",
            "actors": ["mallory"],
            "sources": [{"source": "hostile-source", "quote": "q"}],
        },
    }
    for name, record in records.items():
        write_atomic(root / name, dump_record(record))


@dataclass
class BrowserPage:
    """A Playwright page with the console errors and exceptions it has seen."""

    page: Any
    errors: list[str] = field(default_factory=list)


def watch_errors(page: Any) -> BrowserPage:
    """Record the console errors and uncaught exceptions of a Playwright page."""
    seen = BrowserPage(page)

    def on_console(message: Any) -> None:
        # vis-timeline reports bad options with console.log, not console.error.
        if message.type == "error" or "Errors have been found in the supplied options" in (
            message.text
        ):
            seen.errors.append(f"console {message.type}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.errors.append(f"page error: {error}"))
    return seen


def launch_chromium(playwright: Any) -> Any:
    """Headless Debian Chromium with the flags a sandboxed, offline machine needs."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
