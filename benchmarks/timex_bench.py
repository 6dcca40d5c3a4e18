"""The temporal tagger's speed: every rule over every text against rules picked by key word.

``find_timexes`` runs only the rules whose key words occur in the text
(``generator.timex.prefilter``). The baseline, in the same run, is the tagger running every
rule over every text (the prefilter switched off); both must return the same expressions.

Texts: the MEANTIME articles (and TBAQ's 256 documents when ``../shared/eval/tbaq`` is
there) and the seeds, tagged without a spaCy parse (the tense from marker words), so that
the regexes' share is what is measured. Prints seconds of each, the ratio, and whether the
outputs are identical (exit status 1 if not).

Usage: ``python benchmarks/timex_bench.py [--repeat 3]`` (the best of the repeats).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import generator.timex.tagger as tagger  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
CORPORA = {
    "meantime": Path(os.environ.get("CHRONOLOGY_MEANTIME_DIR") or SHARED / "meantime"),
    "tbaq": Path(os.environ.get("CHRONOLOGY_TBAQ_DIR") or SHARED / "tbaq"),
}


def _date(dct: str | None) -> dt.date:
    """The creation time; a fixed day for the few odd ones (speed does not depend on it)."""
    try:
        return dt.date.fromisoformat((dct or "")[:10])
    except ValueError:
        return dt.date(2000, 1, 1)


def _texts() -> dict[str, list[tuple[str, dt.date]]]:
    """(text, anchor) pairs per corpus: each TimeML corpus found, and the seeds."""
    out: dict[str, list[tuple[str, dt.date]]] = {}
    for name, folder in CORPORA.items():
        path = folder / "timex.jsonl"
        if not path.exists():
            continue
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        out[name] = [(r["text"], _date(r.get("dct"))) for r in rows]
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    if seeds:
        out["seeds"] = [(p.read_text(encoding="utf-8"), dt.date(2020, 11, 10)) for p in seeds]
    return out


def _run(texts: list[tuple[str, dt.date]]) -> tuple[float, list[Any]]:
    started = time.perf_counter()
    found = [[t.to_json() for t in tagger.find_timexes(x, anchor=a)] for x, a in texts]
    return time.perf_counter() - started, found


def main(argv: list[str] | None = None) -> int:
    """Time both ways on each corpus; 1 if their outputs differ."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    prefiltered = tagger.active_rules

    def every_rule(_text: str, names: list[str]) -> list[int]:
        return list(range(len(names)))

    status = 0
    print(f"{'texts':<10}{'n':>5}{'chars':>9}{'all rules s':>13}{'by key word s':>15}{'ratio':>7}")
    for name, texts in _texts().items():
        best_all = best_key = float("inf")
        same = True
        for _ in range(args.repeat):
            tagger.active_rules = every_rule  # type: ignore[assignment]
            seconds_all, out_all = _run(texts)
            tagger.active_rules = prefiltered
            seconds_key, out_key = _run(texts)
            best_all, best_key = min(best_all, seconds_all), min(best_key, seconds_key)
            same = same and out_all == out_key
        chars = sum(len(x) for x, _ in texts)
        print(
            f"{name:<10}{len(texts):>5}{chars:>9}{best_all:>13.2f}{best_key:>15.2f}"
            f"{best_all / best_key:>7.2f}" + ("" if same else "  OUTPUT DIFFERS")
        )
        status |= not same
    return status


if __name__ == "__main__":
    raise SystemExit(main())
