"""Key dates against the development gold: do the key events fall on the dates most told?

For each topic of ``eval/dev`` the articles are extracted (``chronology extract``) and the
chronology's key events chosen as the site chooses them (``generator.publish.keys``). The
gold has no timeline of its own, so the dates a journalist would put in one stand in as the
dates of the gold events told by the most articles (a gold event lists the articles that
quote it): the ``K`` best-told gold dates, ``K`` being the number of key events, ties
included. Each topic reports

- ``precision``: the share of key dates that are dates of gold events told by two or more
  articles;
- ``recall``: the share of the K best-told gold dates among the key dates;

for the key events ranked by importance (sources and articles citing the date) and, as
the baseline, by their sources alone (importance left out).

    .venv/bin/python scripts/eval_key_dates.py [--gold eval/dev/gold] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from score_events import extract  # noqa: E402

from generator.model import Event  # noqa: E402
from generator.publish.keys import CHRONOLOGY_KEYS, date_key, key_count, key_events  # noqa: E402
from generator.records.store import load_catalog  # noqa: E402


def gold_dates(gold: dict[str, Any]) -> dict[str, int]:
    """Each gold date (its start) with the most articles that quote one event on it."""
    told: dict[str, int] = {}
    for event in gold.get("events") or ():
        date = event.get("date")
        if not date:
            continue
        key = str(date).split("/", 1)[0].rstrip("~?%")
        told[key] = max(told.get(key, 0), len(event.get("quotes") or {}))
    return told


def best_told(told: dict[str, int], count: int) -> set[str]:
    """The ``count`` dates told by the most articles, with every date tied with the last."""
    ranked = sorted(told.items(), key=lambda item: -item[1])
    if not ranked or count == 0:
        return set()
    floor = ranked[min(count, len(ranked)) - 1][1]
    return {date for date, articles in ranked if articles >= max(floor, 2)}


def score(keys: list[Event], told: dict[str, int], top: set[str]) -> tuple[float, float]:
    """(precision, recall) of the key dates, as described in the module doc."""
    dates = {date_key(event) for event in keys}
    multi = {date for date, articles in told.items() if articles >= 2}
    precision = len(dates & multi) / len(dates) if dates else 0.0
    recall = len(dates & top) / len(top) if top else 0.0
    return precision, recall


def main(argv: list[str] | None = None) -> int:
    """Extract every topic, choose its key events two ways, print the scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "eval" / "dev" / "gold")
    parser.add_argument("--keep", type=Path, help="keep the extracted topics here")
    args = parser.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="key-dates-"))
    rows = []
    for path in sorted(args.gold.glob("*.yml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        topic = gold["topic"]
        content = work / topic / "content"
        if not content.is_dir():
            (work / topic).mkdir(parents=True, exist_ok=True)
            extract([args.gold.parent / "articles" / topic], work / topic)
        events = load_catalog(content).chronological()
        count = key_count(len(events), CHRONOLOGY_KEYS)
        told = gold_dates(gold)
        top = best_told(told, count)
        ours = score(key_events(events, count), told, top)
        plain = [replace(event, importance=None) for event in events]
        baseline = score(key_events(plain, count), told, top)
        rows.append((topic, count, len(top), *ours, *baseline))
    print(f"{'topic':<24} {'K':>3} {'gold':>4}  importance P / R   sources only P / R")
    for topic, count, top_count, p, r, bp, br in rows:
        print(
            f"{topic:<24} {count:>3} {top_count:>4}  {p:>10.2f} / {r:.2f}   {bp:>12.2f} / {br:.2f}"
        )
    if rows:
        mean = [sum(row[i] for row in rows) / len(rows) for i in range(3, 7)]
        print(
            f"{'mean':<24} {'':>3} {'':>4}  {mean[0]:>10.2f} / {mean[1]:.2f}   "
            f"{mean[2]:>12.2f} / {mean[3]:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
