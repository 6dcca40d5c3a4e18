"""Draw a blind-grading sample of extracted events, with what a grader needs to judge them.

    python scripts/grading_sample.py CONTENT OUT.json SEED [--size 25]

CONTENT is a records folder (``content/``: ``events/`` and ``sources/``); the sample is
``random.Random(SEED).sample`` of its events, sorted by file name first, so one seed on one
content folder always gives the same sample. Each event is written with its id, date,
title, type, summary, flag codes and, for each source it cites, the article file, the
source's publication date, the quoted sentence and the date as written. A grader (a person
or a helper given only this file and the articles) writes ``OUT-grades.md`` beside it;
``eval/dev/grading/`` keeps the samples and grades of the development corpus.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

import yaml


def sample(content: Path, seed: int, size: int) -> list[dict[str, Any]]:
    """``size`` events of the content folder drawn with ``seed``, as a grader reads them."""
    sources = {}
    for path in sorted((content / "sources").glob("*.yml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        sources[record["id"]] = record
    events = [
        yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((content / "events").glob("*.yml"))
    ]
    drawn = random.Random(seed).sample(events, min(size, len(events)))
    return [
        {
            "id": event["id"],
            "date": str(event["date"]),
            "title": event["title"],
            "type": event["type"],
            "summary": event.get("summary", ""),
            "flags": [flag.get("code") for flag in event.get("flags") or []],
            "sources": [
                {
                    "file": sources[claim["source"]]["file"],
                    "published": str(sources[claim["source"]].get("published")),
                    "quote": claim.get("quote"),
                    "date_text": claim.get("date_text"),
                }
                for claim in event.get("sources", [])
            ],
        }
        for event in drawn
    ]


def main() -> None:
    """Write the sample of the command line's content folder and seed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("seed", type=int)
    parser.add_argument("--size", type=int, default=25)
    args = parser.parse_args()
    drawn = sample(args.content, args.seed, args.size)
    args.out.write_text(json.dumps(drawn, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"{len(drawn)} events -> {args.out}")


if __name__ == "__main__":
    main()
