"""Timeline benchmark: first render and filter keystrokes with many synthetic events.

    .venv/bin/python benchmarks/timeline_bench.py [--events 20000] [--runs 3] [--reuse-site]

Generates synthetic content (cached under ``.chronology/bench/``), builds the site with the
real plugin, opens ``/timeline/`` in headless Chromium and reads the marks that
``chronology-timeline.js`` leaves in ``window.__chronologyTimings`` (milliseconds since
navigation start):

- first render: navigation start -> the first items drawn and painted;
- keystroke: the ``input`` event -> filtered items drawn and painted (debounce included).

The baseline, measured in the same run and browser, is a bare vis-timeline page on the
same data: all events as plain items in one DataSet, the same initial window (the densest
stretch), a filter through ``DataView.refresh()``. Targets: first render at most 1.2x the
bare vis-timeline's, keystroke < 200 ms. A stricter baseline is also reported: the bare
page given only the items ours draws first (``?items=N``), which measures what ours adds
(fetching and decoding every event, the facets). Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The build/serve/browser helpers are shared with the browser tests.
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from browsing import build_site, launch_chromium, serve, watch_errors  # noqa: E402

from generator.synthetic import write_synthetic_content  # noqa: E402

TARGET_FIRST_RENDER_RATIO = 1.2
TARGET_KEYSTROKE_MS = 200.0
# A bare vis-timeline given every one of 20,000 events does not draw within 180 s; given
# 100,000 its renderer ran at full CPU and 4 GB for 24 minutes, and closing the page waited
# on it. Above this size the baseline is only the bare page given the items ours draws.
BARE_EVERY_EVENT_LIMIT = 20_000

BASELINE_HTML = """<!doctype html>
<html><head><meta charset="utf-8"><title>bare vis-timeline baseline</title>
<link rel="stylesheet" href="../assets/chronology/vendor/vis-timeline/vis-timeline-graph2d.min.css">
</head><body>
<input id="filter" type="search">
<div id="tl"></div>
<script src="../assets/chronology/vendor/vis-timeline/vis-timeline-graph2d.min.js"></script>
<script>
(function () {
  var T = window.__baseline = {filter: []};
  function day(s) { var p = s.split("-"); return new Date(+p[0], +p[1] - 1, +p[2]); }
  function paint(fn) { requestAnimationFrame(function () { setTimeout(fn, 0); }); }
  fetch("../timeline/data.json").then(function (r) { return r.json(); }).then(function (data) {
    var rows = data.events, items = [], q = "";
    // The same first window as the chronology's: the densest stretch, 4 % margins.
    var start = day(data.open[0]).getTime(), end = day(data.open[1]).getTime() + 86400000;
    var span = Math.max(end - start, 30 * 86400000);
    var from = start - span * 0.04, to = end + span * 0.04;
    // ?items=N: only the N best-ranked events of the window (as many items as the
    // chronology draws there), to measure what drawing them costs without the rest.
    var only = +(new URLSearchParams(location.search).get("items") || 0);
    if (only) {
      rows = rows.filter(function (r) {
        return day(r[2]).getTime() <= to && day(r[3] || r[2]).getTime() >= from;
      }).sort(function (a, b) { return a[8] - b[8]; }).slice(0, only);
    }
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i], item = {id: i, content: r[1], start: day(r[2]), title: r[1]};
      if (r[3]) { item.end = day(r[3]); item.type = "range"; } else { item.type = "point"; }
      items.push(item);
    }
    var view = new vis.DataView(new vis.DataSet(items), {filter: function (item) {
      return !q || item.title.toLowerCase().indexOf(q) >= 0;
    }});
    var tl = new vis.Timeline(document.getElementById("tl"), view, {
      start: new Date(from), end: new Date(to),
      maxHeight: "75vh", selectable: false,
      onInitialDrawComplete: function () {
        paint(function () { T.firstRender = performance.now(); });
      }
    });
    // Same reveal as chronology-timeline.js, so that both pay the same fixed delays.
    if (!tl.initialDrawDone && "initialRangeChangeDone" in tl) {
      tl.initialRangeChangeDone = true; tl.redraw();
    }
    document.getElementById("filter").addEventListener("input", function (event) {
      var stamp = event.timeStamp;
      setTimeout(function () {
        q = event.target.value.toLowerCase();
        view.refresh(); tl.redraw();
        paint(function () { T.filter.push({input: stamp, painted: performance.now()}); });
      }, 40);
    });
  });
})();
</script></body></html>
"""


def _content(cache: Path, events: int, seed: int) -> Path:
    content = cache / f"content-{events}-{seed}"
    marker = content / ".complete"
    if not marker.is_file():
        print(f"writing {events} synthetic events to {content} ...", flush=True)
        started = time.perf_counter()
        write_synthetic_content(content, events=events, seed=seed)
        marker.write_text("ok\n", encoding="utf-8")
        print(f"  {time.perf_counter() - started:.1f} s", flush=True)
    return content


def _site(cache: Path, content: Path, events: int, seed: int, reuse: bool) -> Path:
    work = cache / f"site-{events}-{seed}"
    site = work / "site"
    if not (reuse and (site / "timeline" / "data.json").is_file()):
        print("building the site with mkdocs ...", flush=True)
        started = time.perf_counter()
        build_site(content, work)
        print(f"  {time.perf_counter() - started:.1f} s", flush=True)
    (site / "bench-baseline").mkdir(exist_ok=True)
    (site / "bench-baseline" / "index.html").write_text(BASELINE_HTML, encoding="utf-8")
    return site


def _type(page: Any, selector: str, term: str) -> None:
    page.click(selector)
    for key in term:
        page.keyboard.type(key)
        page.wait_for_timeout(350)


def _measure_chronology(browser: Any, url: str, term: str) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    seen = watch_errors(page)
    page.goto(f"{url}/timeline/")
    page.wait_for_selector("div#timeline[data-ready]", timeout=60_000)
    page.wait_for_timeout(300)
    items_first = page.locator("div#timeline .vis-item").count()
    _type(page, "#timeline-filter", term)
    page.wait_for_timeout(300)
    timings = page.evaluate("window.__chronologyTimings")
    items = page.locator("div#timeline .vis-item-content").count()
    context.close()
    keystrokes = [r["painted"] - r["input"] for r in timings.get("filter", [])]
    return {
        "timings": timings,
        "keystrokes": keystrokes,
        "errors": seen.errors,
        "items": items,
        "items_first": items_first,
    }


def _measure_baseline(
    browser: Any, url: str, term: str, *, items: int = 0, timeout_s: float = 180.0
) -> dict[str, Any]:
    """The bare vis-timeline: every event (``items=0``) or the ``items`` best-ranked events
    of the window. ``first`` is None when it has not drawn within ``timeout_s``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    query = f"?items={items}" if items else ""
    page.goto(f"{url}/bench-baseline/{query}", wait_until="commit")
    try:
        page.wait_for_function(
            "window.__baseline && window.__baseline.firstRender", timeout=timeout_s * 1000
        )
    except Exception:  # playwright's TimeoutError: it never drew
        context.close()
        return {"first": None, "keystrokes": []}
    page.wait_for_timeout(300)
    _type(page, "#filter", term)
    page.wait_for_timeout(300)
    timings = page.evaluate("window.__baseline")
    context.close()
    keystrokes = [r["painted"] - r["input"] for r in timings["filter"]]
    return {"first": timings["firstRender"], "keystrokes": keystrokes}


def _ms(values: list[float]) -> str:
    if not values:
        return "n/a"
    return f"median {statistics.median(values):7.1f} ms   worst {max(values):7.1f} ms"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print absolute times and ratios to the baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--term", default="ceasefire", help="typed one key at a time")
    parser.add_argument("--cache", type=Path, default=ROOT / ".chronology" / "bench")
    parser.add_argument("--reuse-site", action="store_true", help="skip mkdocs build if built")
    parser.add_argument(
        "--bare-timeout", type=float, default=180.0, help="seconds the bare timeline may take"
    )
    parser.add_argument(
        "--bare-every-event-limit",
        type=int,
        default=BARE_EVERY_EVENT_LIMIT,
        help="above this many events, skip the bare vis-timeline given every event",
    )
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    args.cache.mkdir(parents=True, exist_ok=True)
    content = _content(args.cache, args.events, args.seed)
    site = _site(args.cache, content, args.events, args.seed, args.reuse_site)
    data_size = (site / "timeline" / "data.json").stat().st_size
    page_size = (site / "timeline" / "index.html").stat().st_size
    url, stop = serve(site)
    ours: list[dict[str, Any]] = []
    bare: list[dict[str, Any]] = []
    drawn: list[dict[str, Any]] = []
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for _ in range(args.runs):
                ours.append(_measure_chronology(browser, url, args.term))
                drawn.append(
                    _measure_baseline(browser, url, args.term, items=ours[-1]["items_first"])
                )
                if args.events > args.bare_every_event_limit:
                    continue
                if not bare or bare[-1]["first"] is not None:  # one timeout is enough
                    bare.append(
                        _measure_baseline(browser, url, args.term, timeout_s=args.bare_timeout)
                    )
            browser.close()
    finally:
        stop()

    first = [run["timings"]["firstRender"] for run in ours]
    keys = [k for run in ours for k in run["keystrokes"]]
    bare_first = [run["first"] for run in bare if run["first"] is not None]
    bare_keys = [k for run in bare for k in run["keystrokes"]]
    drawn_first = [run["first"] for run in drawn if run["first"] is not None]
    drawn_keys = [k for run in drawn for k in run["keystrokes"]]
    phases = ("scriptLoaded", "dataLoaded", "decoded", "items", "built", "firstRender")
    print()
    print(
        f"{args.events} events; data.json {data_size / 1e6:.2f} MB; page {page_size / 1e6:.2f} MB"
    )
    print(f"runs: {args.runs}; filter term typed key by key: {args.term!r}")
    print("phases of the last run (ms since navigation start):")
    last = ours[-1]["timings"]
    print("  " + "  ".join(f"{name}={last[name]:.0f}" for name in phases if name in last))
    print(f"  items drawn first: {ours[-1]['items_first']}; after typing: {ours[-1]['items']}")
    print(f"first render   chronology:            {_ms(first)}")
    skipped = args.events > args.bare_every_event_limit
    if bare_first:
        print(f"               bare vis, every event: {_ms(bare_first)}")
    elif skipped:
        print(
            "               bare vis, every event: not run (more than "
            f"{args.bare_every_event_limit} events; it does not draw at that size)"
        )
    else:
        print(f"               bare vis, every event: not drawn within {args.bare_timeout:.0f} s")
    print(f"               bare vis, items drawn: {_ms(drawn_first)}")
    print(f"keystroke      chronology:            {_ms(keys)}")
    print(f"               bare vis, every event: {_ms(bare_keys)}")
    print(f"               bare vis, items drawn: {_ms(drawn_keys)}")
    bare_median = statistics.median(bare_first) if bare_first else args.bare_timeout * 1000
    ratio_first = statistics.median(first) / bare_median
    ratio_drawn = statistics.median(first) / statistics.median(drawn_first)
    sign = "" if bare_first else "< "
    every = "not run" if skipped else f"{sign}{ratio_first:.3f}"
    print(
        f"ratios (chronology / bare, medians): first render {every} "
        f"(every event), {ratio_drawn:.2f} (the items drawn alone)"
    )
    # The target: a bare vis-timeline given the same items (every event). Above 20,000
    # events it is not run: it does not draw at 20,000 within the timeout already.
    ok_every = skipped or ratio_first <= TARGET_FIRST_RENDER_RATIO
    ok_drawn = ratio_drawn <= TARGET_FIRST_RENDER_RATIO
    ok_keys = statistics.median(keys) < TARGET_KEYSTROKE_MS
    verdict = {True: "met", False: "MISSED"}
    print(
        f"targets: first render <= {TARGET_FIRST_RENDER_RATIO}x a bare vis-timeline given "
        f"every event: {verdict[ok_every]}"
        f"{' (it does not draw at this size)' if skipped or not bare_first else ''}; "
        f"keystroke < {TARGET_KEYSTROKE_MS:.0f} ms: {verdict[ok_keys]}"
    )
    print(
        f"stricter: first render <= {TARGET_FIRST_RENDER_RATIO}x a bare vis-timeline given "
        f"only the items ours draws: {verdict[ok_drawn]} ({ratio_drawn:.2f}x)"
    )
    errors = [e for run in ours for e in run["errors"]]
    if errors:
        print("console errors:\n  " + "\n  ".join(errors))
    print(
        json.dumps(
            {
                "first_ms": first,
                "keystroke_ms": keys,
                "bare_first_ms": bare_first,
                "bare_keystroke_ms": bare_keys,
                "drawn_first_ms": drawn_first,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
