"""Search at scale: index size and first-query time in Chromium.

Builds the site of N synthetic events (20,000 by default) with each search backend,
serves it on 127.0.0.1 from a thread, opens the home page in headless Chromium and types
an actor's name into the search box as soon as the page has loaded. The first-query time
runs from the first keystroke until the first result is on screen, so it includes
fetching and loading the index (what a reader waits for on a first search).

    .venv/bin/python benchmarks/search_bench.py                      # material, 20,000
    .venv/bin/python benchmarks/search_bench.py --backend pagefind   # needs .[pagefind]
    .venv/bin/python benchmarks/search_bench.py --events 5000 --backend material pagefind
    .venv/bin/python benchmarks/search_bench.py --events 100000 --backend chronology
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
# The serve and browser helpers are shared with the browser tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))

from browsing import launch_chromium  # noqa: E402
from browsing import serve as _serve  # noqa: E402
from site_bench import ours_project, timed_build  # noqa: E402

from generator.records.store import load_catalog  # noqa: E402
from generator.site.search import BUNDLE as PAGEFIND  # noqa: E402

# What the page shows once results are there, per backend: (page, input, first result).
SELECTORS = {
    "material": ("", "input.md-search__input", "li.md-search-result__item"),
    "pagefind": ("search/", ".pagefind-ui__search-input", ".pagefind-ui__result"),
    # the chronology's own index in small files (the default above 5,000 events)
    "chronology": ("search/", "#chronology-search-input", ".chronology-search__results li"),
}


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 from a thread; yields the base URL (with a slash)."""
    url, stop = _serve(site)
    try:
        yield url + "/"
    finally:
        stop()


def index_bytes(site: Path, backend: str) -> int:
    """Bytes of the search index files the backend wrote."""
    if backend == "material":
        return (site / "search" / "search_index.json").stat().st_size
    folder = site / ("search" if backend == "chronology" else "pagefind")
    return sum(file.stat().st_size for file in folder.rglob("*") if file.is_file())


def first_query_seconds(base_url: str, backend: str, query: str) -> tuple[float, int, int]:
    """Seconds from typing ``query`` on a fresh page to the first result, results shown, and
    the bytes of search files (index, fragments, scripts) the browser fetched for it."""
    from playwright.sync_api import sync_playwright

    path, search_input, result = SELECTORS[backend]
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            context = browser.new_context()
            fetched: list[int] = []

            def count(request: Any) -> None:
                if "/search/" in request.url or f"/{PAGEFIND}/" in request.url:
                    fetched.append(request.sizes()["responseBodySize"])

            context.on("requestfinished", count)
            page = context.new_page()
            page.goto(base_url + path, wait_until="load")
            page.wait_for_selector(search_input, state="visible")
            page.click(search_input)
            start = time.perf_counter()
            page.type(search_input, query, delay=0)
            page.wait_for_selector(result, state="visible", timeout=120_000)
            seconds = time.perf_counter() - start
            shown = page.locator(result).count()
            page.wait_for_load_state("networkidle")
        finally:
            browser.close()
    return seconds, shown, sum(fetched)


def build(project: Path, backend: str) -> float:
    """Point the project at ``backend`` and build it; the build's seconds."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.split("      search_backend:")[0].rstrip("\n") + "\n"
    text = text.replace("  - search\n", "")
    if backend == "material":
        text = text.replace("plugins:\n", "plugins:\n  - search\n")
    else:
        # Material's own index is not built when Pagefind does the search.
        text += f"      search_backend: {backend}\n"
    config.write_text(text, encoding="utf-8")
    return timed_build(project).seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--backend", nargs="+", default=["material"], choices=sorted(SELECTORS))
    parser.add_argument("--workdir", type=Path, help="keep the project here (reused)")
    args = parser.parse_args(argv)

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="search-bench-"))
    project = workdir / f"ours-{args.events}"
    try:
        if not (project / "content").is_dir():
            ours_project(project, args.events)
        catalog = load_catalog(project / "content")
        query = next(iter(catalog.actors.values())).name.split()[0]
        print(f"{args.events:,} events, query {query!r}")
        print(
            f"{'backend':>9} {'build s':>8} {'index MB':>9} {'fetched MB':>11} "
            f"{'first query s':>14} {'results':>8}"
        )
        for backend in args.backend:
            seconds = build(project, backend)
            site = project / "site"
            size = index_bytes(site, backend)
            with serve(site) as url:
                query_seconds, shown, fetched = first_query_seconds(url, backend, query)
            print(
                f"{backend:>9} {seconds:>8.1f} {size / 1e6:>9.1f} {fetched / 1e6:>11.2f} "
                f"{query_seconds:>14.2f} {shown:>8}",
                flush=True,
            )
        return 0
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
