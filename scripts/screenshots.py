"""Save README screenshots of the built site: docs/img/home.png, timeline.png, event.png
and actor.png.

    .venv/bin/python scripts/screenshots.py [--content content] [--out docs/img]

Builds the site from the content folder (``content/``, or the test fixtures when it has
no events yet) with the real plugin in a temporary folder, serves it on 127.0.0.1 and
photographs, in headless Chromium, the home page (its key events), the timeline as it
opens, the page of an event whose sources disagree on its date (else the most important
event) and the page of the actor with the most events.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The build/serve/browser helpers are shared with the browser tests.
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from browsing import FIXTURE_CONTENT, build_site, launch_chromium, serve  # noqa: E402

from generator.records.store import load_catalog  # noqa: E402


def _content(requested: Path | None) -> Path:
    if requested is not None:
        return requested
    default = ROOT / "content"
    if any((default / "events").glob("*.yml")):
        return default
    return FIXTURE_CONTENT


def main(argv: list[str] | None = None) -> int:
    """Build, serve, photograph; print where the pictures went."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    parser.add_argument("--site-name", default="Chronology")
    parser.add_argument("--dark", action="store_true", help="use the slate colour scheme")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    content = _content(args.content)
    catalog = load_catalog(content)
    events = catalog.chronological()
    disputed = [e for e in events if any(f.code == "date-conflict" for f in e.flags)]
    event = max(disputed or events, key=lambda e: (e.weight, e.source_count))
    counts = {a: sum(a in (*e.actors, *e.places) for e in events) for a in catalog.actors}
    actor = max(sorted(counts), key=counts.__getitem__)
    args.out.mkdir(parents=True, exist_ok=True)
    scheme = "slate" if args.dark else "default"
    with tempfile.TemporaryDirectory() as work:
        url, stop = serve(build_site(content, Path(work), site_name=args.site_name))
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                page = browser.new_page(viewport={"width": 1280, "height": 860})
                # Material keeps the chosen scheme in localStorage.
                page.add_init_script(
                    "localStorage.setItem('/.__palette', JSON.stringify("
                    f"{{index: {1 if args.dark else 0}, color: {{scheme: '{scheme}'}}}}))"
                )
                page.goto(f"{url}/")
                page.wait_for_selector("article h1")
                page.screenshot(path=str(args.out / "home.png"))
                page.goto(f"{url}/timeline/")
                page.wait_for_selector("div#timeline[data-ready]")
                page.wait_for_timeout(500)  # the labels' fonts and the last frame
                page.screenshot(path=str(args.out / "timeline.png"))
                page.goto(f"{url}/events/{event.id}/")
                page.wait_for_selector("article h1")
                page.screenshot(path=str(args.out / "event.png"))
                page.goto(f"{url}/actors/{actor}/")
                page.wait_for_selector("article h1")
                page.screenshot(path=str(args.out / "actor.png"))
                browser.close()
        finally:
            stop()
    for name in ("home.png", "timeline.png", "event.png", "actor.png"):
        print(args.out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
