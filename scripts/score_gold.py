"""Score extracted records against the hand-written gold file of the seeds.

    python scripts/score_gold.py [--content content] [--gold tests/gold/seeds.yml] [--json]

Event precision: extracted events that match a gold event; recall: gold events found.
Date accuracy and type accuracy over matched gold events; merge recall: of each gold
event's sources, the share cited by its best extracted event; splits: extracted events
per matched gold event (1.0 is perfect merging). Actors: gold actors found with their
aliases; junk: forbidden names that became actor names.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.records.store import read_content  # noqa: E402


def _matches(event: dict[str, Any], quotes: dict[str, str]) -> bool:
    for claim in event.get("sources") or ():
        for source, text in quotes.items():
            if claim.get("source") == source.split("#")[0] and text in (claim.get("quote") or ""):
                return True
    return False


def score(content: Path, gold_file: Path) -> dict[str, Any]:
    """All the figures, as a mapping."""
    gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
    records, _ = read_content(content)
    events = [r.data for r in records["events"]]
    actors = [r.data for r in records["actors"]]
    matched_events: set[str] = set()
    found = dates = types = flagged = flag_total = 0
    merge: list[float] = []
    misses: list[str] = []
    splits: list[int] = []
    actor_hits = actor_total = 0
    for item in gold["events"]:
        hits = [e for e in events if _matches(e, item["quotes"])]
        dated = [e for e in hits if str(e["date"]) == str(item["date"])]
        hits = dated or hits  # one sentence may tell several events: its dates tell them apart
        if not hits:
            misses.append(f"missed {item['key']}")
            continue
        found += 1
        matched_events.update(e["id"] for e in hits)
        splits.append(len(hits))
        wanted = {s.split("#")[0] for s in item["quotes"]}
        best = max(hits, key=lambda e: len(wanted & {c["source"] for c in e["sources"]}))
        merge.append(len(wanted & {c["source"] for c in best["sources"]}) / len(wanted))
        dates += str(best["date"]) == str(item["date"])
        if str(best["date"]) != str(item["date"]):
            misses.append(f"date of {item['key']}: {best['date']} (gold {item['date']})")
        allowed = item["type"] if isinstance(item["type"], list) else [item["type"]]
        types += best.get("type") in allowed
        if best.get("type") not in allowed:
            misses.append(f"type of {item['key']}: {best.get('type')} (gold {allowed})")
        if len(hits) > 1:
            misses.append(f"{item['key']} split into {len(hits)} events")
        actor_total += len(item["actors"])
        actor_hits += len(set(item["actors"]) & set(best.get("actors") or ()))
        if item.get("flagged"):
            flag_total += 1
            flagged += bool(best.get("flags")) and len(hits) == 1
    total = len(gold["events"])
    names = {a["id"]: {a.get("name", ""), *(a.get("aliases") or ())} for a in actors}
    gold_actors = gold["actors"]
    actors_found = [g for g in gold_actors if g["id"] in names]
    alias_ok = sum(
        all(alias in names[g["id"]] for alias in g.get("aliases", [])) for g in actors_found
    )
    all_names = {str(a.get("name", "")).lower() for a in actors}
    junk = [j for j in gold["junk_actors"] if j.lower() in all_names]
    return {
        "gold_events": total,
        "extracted_events": len(events),
        "event_precision": round(len(matched_events) / len(events), 3) if events else 0.0,
        "event_recall": round(found / total, 3),
        "date_accuracy": round(dates / found, 3) if found else 0.0,
        "type_accuracy": round(types / found, 3) if found else 0.0,
        "merge_recall": round(sum(merge) / len(merge), 3) if merge else 0.0,
        "splits_per_event": round(sum(splits) / len(splits), 3) if splits else 0.0,
        "event_actor_recall": round(actor_hits / actor_total, 3) if actor_total else 0.0,
        "conflicts_flagged": f"{flagged}/{flag_total}",
        "actor_recall": round(len(actors_found) / len(gold_actors), 3),
        "actor_aliases_ok": f"{alias_ok}/{len(actors_found)}",
        "junk_actors": junk,
        "extracted_actors": len(actors),
        "unmatched_events": sorted(set(e["id"] for e in events) - matched_events),
        "errors": misses,
    }


def main() -> None:
    """Print the scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--gold", type=Path, default=Path("tests/gold/seeds.yml"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = score(args.content, args.gold)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for key, value in result.items():
        print(f"{key:>20}: {value}")


if __name__ == "__main__":
    main()
