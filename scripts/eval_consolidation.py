"""Score cross-document event merging on MEANTIME's cross-document event instances.

    .venv/bin/python scripts/eval_consolidation.py [--json] [--errors] [--dump DIR]

Runs the whole extraction (`generator.extract.run_extraction`) over the 120 MEANTIME
articles (each with its creation time as publication date), then aligns every claim of
every extracted event (its source and quoted sentence) to the gold sentences it covers.
A claim's gold instances are the event instances (`instance_id` of the cross-document
annotation) of the gold event mentions in those sentences; claims in sentences without
gold event mentions (MEANTIME annotates only the title and the first body sentences) are
left out.

Pairwise scores over pairs of aligned claims from different articles:
precision = pairs we merged (same event record) that share a gold instance / pairs we
merged; recall = pairs that share a gold instance and that we merged / pairs that share a
gold instance. Sharing any instance is the criterion because a sentence may tell several
events and a claim keeps the whole sentence.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.extract import run_extraction  # noqa: E402

DATA = Path(
    os.environ.get("CHRONOLOGY_MEANTIME_DIR")
    or Path(__file__).resolve().parents[2] / "shared" / "eval" / "meantime"
)


@dataclass
class GoldDoc:
    """One annotated article: its text normalised to letters and digits, and per character
    of that text the gold sentence; per sentence the event instances mentioned there."""

    chars: str
    sentence_of: list[int]
    instances: dict[int, set[str]]
    sentences: dict[int, str]


def _normal(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def load_gold(root: Path) -> dict[str, GoldDoc]:
    """doc id -> its gold sentences and event instances."""
    docs: dict[str, GoldDoc] = {}
    for path in sorted(root.glob("intra_cross-doc_annotation/*/*.xml")):
        tree = ET.parse(path).getroot()
        tokens: dict[str, tuple[int, str]] = {}
        chars: list[str] = []
        sentence_of: list[int] = []
        sentences: dict[int, list[str]] = defaultdict(list)
        for token in tree.iter("token"):
            sentence = int(token.get("sentence") or 0)
            text = token.text or ""
            tokens[token.get("t_id") or ""] = (sentence, text)
            sentences[sentence].append(text)
            normal = _normal(text)
            chars.append(normal)
            sentence_of.extend([sentence] * len(normal))
        markables = tree.find("Markables")
        anchors: dict[str, list[str]] = {}
        instance_of: dict[str, str] = {}
        for element in markables if markables is not None else ():
            if element.tag == "EVENT_MENTION":
                anchors[element.get("m_id") or ""] = [
                    a.get("t_id") or "" for a in element.iter("token_anchor")
                ]
            elif element.tag == "EVENT" and element.get("instance_id"):
                instance_of[element.get("m_id") or ""] = element.get("instance_id") or ""
        instances: dict[int, set[str]] = defaultdict(set)
        for link in tree.iter("REFERS_TO"):
            target = link.find("target")
            instance = instance_of.get(target.get("m_id") or "") if target is not None else None
            if not instance:
                continue
            for source in link.iter("source"):
                for t_id in anchors.get(source.get("m_id") or "", ()):
                    if t_id in tokens:
                        instances[tokens[t_id][0]].add(instance)
        docs[tree.get("doc_id") or path.stem.split("_")[0]] = GoldDoc(
            "".join(chars),
            sentence_of,
            dict(instances),
            {k: " ".join(v) for k, v in sentences.items()},
        )
    return docs


def write_corpus(folder: Path, articles: list[dict[str, Any]]) -> None:
    """The MEANTIME texts as one .jsonl file of articles (title line split off)."""
    lines = []
    for article in articles:
        title, _, body = article["text"].partition("\n")
        record = {"id": f"mt-{article['id']}", "title": title, "text": body or title}
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", article.get("dct") or ""):
            record["published"] = article["dct"]
        lines.append(json.dumps(record))
    (folder / "meantime.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _align(quote: str, gold: GoldDoc) -> set[int]:
    """The gold sentences a quoted sentence covers (empty when it cannot be found)."""
    normal = _normal(quote)
    if not normal:
        return set()
    start = gold.chars.find(normal)
    length = len(normal)
    if start < 0:  # ingest may have changed a few characters: try the first part
        length = min(len(normal), 40)
        start = gold.chars.find(normal[:length])
    if start < 0:
        return set()
    return set(gold.sentence_of[start : start + length])


@dataclass(frozen=True)
class Claim:
    """One source's quote of one extracted event, aligned to gold instances."""

    event: str
    doc: str
    quote: str
    instances: frozenset[str]


def claims_of(events: list[dict[str, Any]], gold: dict[str, GoldDoc]) -> list[Claim]:
    """Every aligned claim of every event."""
    claims: list[Claim] = []
    for event in events:
        for claim in event["sources"]:
            doc = claim["source"].removeprefix("mt-")
            if doc not in gold:
                continue
            sentences = _align(claim["quote"], gold[doc])
            found = set().union(*(gold[doc].instances.get(s, set()) for s in sentences))
            if found:
                claims.append(Claim(event["id"], doc, claim["quote"], frozenset(found)))
    return list(dict.fromkeys(claims))  # one sentence with two dates of one event: one claim


def score(claims: list[Claim]) -> dict[str, Any]:
    """Pairwise cross-document merge precision, recall and F1, with the pairs."""
    merged = linked = both = 0
    false_merges: list[tuple[Claim, Claim]] = []
    missed: list[tuple[Claim, Claim]] = []
    for a, b in combinations(claims, 2):
        if a.doc == b.doc:
            continue
        same_event = a.event == b.event
        same_gold = bool(a.instances & b.instances)
        merged += same_event
        linked += same_gold
        both += same_event and same_gold
        if same_event and not same_gold:
            false_merges.append((a, b))
        elif same_gold and not same_event:
            missed.append((a, b))
    precision = both / merged if merged else 0.0
    recall = both / linked if linked else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "claims_aligned": len(claims),
        "gold_pairs": linked,
        "merged_pairs": merged,
        "correct_pairs": both,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "_false": false_merges,
        "_missed": missed,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the extraction on MEANTIME and print the merge scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--errors", action="store_true", help="list wrong and missed merges")
    parser.add_argument("--dump", type=Path, help="also write the records as YAML here")
    args = parser.parse_args(argv)
    articles = [
        json.loads(line)
        for line in (args.data / "timex.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    gold = load_gold(args.data)
    with tempfile.TemporaryDirectory() as tmp:
        seeds, content = Path(tmp, "seeds"), Path(tmp, "content")
        seeds.mkdir()
        content.mkdir()
        write_corpus(seeds, articles)
        extraction = run_extraction(seeds, content)
    records = extraction.records
    if args.dump:
        for kind, items in records.items():
            (args.dump / kind).mkdir(parents=True, exist_ok=True)
            for item in items:
                path = args.dump / kind / f"{item['id']}.yml"
                path.write_text(yaml.safe_dump(item, sort_keys=False, allow_unicode=True))
    result = score(claims_of(records["events"], gold))
    false_merges, missed = result.pop("_false"), result.pop("_missed")
    result["events"] = len(records["events"])
    result["actors"] = len(records["actors"])
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:>16}: {value}")
    if args.errors:
        for title, pairs in (("WRONG MERGE", false_merges), ("MISSED", missed)):
            for a, b in pairs:
                print(
                    f"\n{title} {a.event} | {b.event}\n  {a.doc}: {a.quote}\n  {b.doc}: {b.quote}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
