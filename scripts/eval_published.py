"""Score the publication dates ingest finds against hand-written gold, without NLP.

    .venv/bin/python scripts/eval_published.py [--gold eval/dev/gold] [--articles DIR]
        [--html-labels LABELS.csv --html-pages SET=DIR ... [--no-gold]] [--show] [--json]

Gold (``eval/*/gold/<topic>.yml``): each article's ``file`` and ``published`` (a day, a
month, or null when a careful reader cannot tell from the text). Figures:

- day accuracy: articles whose gold is a day and whose ``published`` is that day;
- wrong: a date given that is not the gold one (for a null gold: any date given);
- unknown ok: articles with a null gold that ingest leaves undated or dates only as a
  guess to review (text-weekday: a weekday date whose year the corpus chose), as
  ``scripts/score_events.py`` counts them;
- how: how each date was found.

``--text-expect`` checks the body text of HTML pages against snippets it must and must
not contain (trafilatura's real-world test expectations, as the research extracted them).

``--html-labels`` scores HTML pages the same way from a CSV of ``set,file,truth[|alt]``
lines (the research's hand-labelled pages; ``--html-pages SET=DIR`` says where each set's
files are): a day found that is one of the accepted dates is right.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.errors import ArticleError  # noqa: E402
from generator.ingest.reader import parse_article_file, resolve_years  # noqa: E402

_UNSURE = {"unknown", "none", "text-weekday", "text-latest"}


def _read(path: Path) -> Any:
    try:
        reading = parse_article_file(path.read_bytes(), path=path, file=path.name)
    except ArticleError as error:
        return None, str(error)
    return reading.articles[0], ""


def score_gold(gold_dir: Path, articles_dir: Path, show: bool) -> dict[str, Any]:
    """Day accuracy, wrong dates and unknown-ok over the gold files' articles."""
    counts: collections.Counter[str] = collections.Counter()
    how: collections.Counter[str] = collections.Counter()
    lines = []
    items = [
        item
        for gold_file in sorted(gold_dir.glob("*.yml"))
        for item in yaml.safe_load(gold_file.read_text())["articles"]
    ]
    # As an extraction does: read every file, then settle ambiguous years corpus-wide.
    read = {item["file"]: _read(articles_dir / item["file"]) for item in items}
    corpus = resolve_years([article for article, _ in read.values() if article is not None])
    by_file = {article.file: article for article in corpus}
    for item in items:
        gold = item.get("published")
        gold = None if gold is None else str(gold)
        article, error = read[item["file"]]
        if article is not None:
            article = by_file[article.file]
        found = article.published if article else None
        how[article.published_how if article else "error"] += 1
        if gold is None:
            counts["null"] += 1
            # As scripts/score_events.py: undated, or dated only as a guess to review.
            ok = found is None or article.published_how in _UNSURE
            counts["unknown_ok"] += ok
        elif len(gold) == 10:
            counts["days"] += 1
            ok = found == gold
            counts["day_ok"] += ok
        else:
            counts["partial"] += 1
            ok = bool(found) and found.startswith(gold)
            counts["partial_ok"] += ok
        counts["wrong"] += bool(found) and not ok
        if show and not ok:
            what = f"{found} ({article.published_how})" if article else error
            lines.append(f"{item['file']}: gold {gold}, found {what}")
    return {"counts": dict(counts), "how": dict(how), "misses": lines}


def score_html(labels: Path, dirs: dict[str, Path], show: bool) -> dict[str, Any]:
    """Day accuracy on hand-labelled HTML pages."""
    counts: collections.Counter[str] = collections.Counter()
    lines, seconds = [], 0.0
    for line in labels.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        group, name, truth = line.split(",")
        path = dirs[group] / name
        started = time.perf_counter()
        article, error = _read(path)
        seconds += time.perf_counter() - started
        found = article.published if article else None
        counts["pages"] += 1
        if found is None:
            counts["none"] += 1
        elif found in truth.split("|"):
            counts["ok"] += 1
        else:
            counts["wrong"] += 1
        counts["empty"] += article is None
        if show and found not in truth.split("|"):
            how = article.published_how if article else error
            lines.append(f"{group}/{name}: truth {truth}, found {found} ({how})")
    return {"counts": dict(counts), "seconds": round(seconds, 2), "misses": lines}


def _squeeze(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def score_text(expect: Path, pages: Path, show: bool) -> dict[str, Any]:
    """Body text of HTML pages against required and forbidden snippets (a JSON object:
    page file -> {"in": [...], "out": [...]})."""
    counts: collections.Counter[str] = collections.Counter()
    lines = []
    for name, checks in json.loads(expect.read_text()).items():
        article, error = _read(pages / name)
        text = _squeeze(f"{article.title}\n{article.text}") if article else ""
        found = [_squeeze(snippet) in text for snippet in checks["in"]]
        kept_out = [_squeeze(snippet) not in text for snippet in checks["out"]]
        counts["in"] += len(found)
        counts["in_ok"] += sum(found)
        counts["out"] += len(kept_out)
        counts["out_ok"] += sum(kept_out)
        counts["pages"] += 1
        counts["pages_ok"] += all(found) and all(kept_out)
        if show and not (all(found) and all(kept_out)):
            missing = [s for s, ok in zip(checks["in"], found, strict=True) if not ok]
            extra = [s for s, ok in zip(checks["out"], kept_out, strict=True) if not ok]
            lines.append(f"{name}: missing {missing} kept {extra} {error}")
    return {"counts": dict(counts), "misses": lines}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "eval" / "dev" / "gold")
    ap.add_argument("--no-gold", action="store_true", help="score only the HTML pages")
    ap.add_argument("--articles", type=Path)
    ap.add_argument("--html-labels", type=Path)
    ap.add_argument("--html-pages", nargs="*", default=[], help="SET=DIR for each labels set")
    ap.add_argument("--text-expect", type=Path, help="JSON of required/forbidden snippets")
    ap.add_argument("--text-pages", type=Path, help="where the --text-expect pages are")
    ap.add_argument("--show", action="store_true", help="list every miss")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    results: dict[str, Any] = {}
    if not args.no_gold:
        articles = args.articles or args.gold.parent / "articles"
        results["gold"] = score_gold(args.gold, articles, args.show)
    if args.html_labels:
        dirs = {k: Path(v) for k, v in (item.split("=", 1) for item in args.html_pages)}
        results["html"] = score_html(args.html_labels, dirs, args.show)
    if args.text_expect:
        results["text"] = score_text(args.text_expect, args.text_pages, args.show)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    if "gold" in results:
        c = results["gold"]["counts"]
        print(
            f"gold: days {c.get('day_ok', 0)}/{c.get('days', 0)}, partial "
            f"{c.get('partial_ok', 0)}/{c.get('partial', 0)}, unknown ok "
            f"{c.get('unknown_ok', 0)}/{c.get('null', 0)}, wrong {c.get('wrong', 0)}; "
            f"how {results['gold']['how']}"
        )
        for line in results["gold"]["misses"]:
            print("  " + line)
    if "html" in results:
        c = results["html"]["counts"]
        print(
            f"html: exact {c.get('ok', 0)}/{c.get('pages', 0)}, wrong {c.get('wrong', 0)}, "
            f"none {c.get('none', 0)} (no text: {c.get('empty', 0)}), "
            f"{results['html']['seconds']} s"
        )
        for line in results["html"]["misses"]:
            print("  " + line)
    if "text" in results:
        c = results["text"]["counts"]
        print(
            f"text: required snippets {c.get('in_ok', 0)}/{c.get('in', 0)}, boilerplate "
            f"kept out {c.get('out_ok', 0)}/{c.get('out', 0)}, pages with every check "
            f"{c.get('pages_ok', 0)}/{c.get('pages', 0)}"
        )
        for line in results["text"]["misses"]:
            print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
