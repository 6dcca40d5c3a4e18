"""How the two halves of an extraction grow with the corpus: the per-article analysis (a
map, any number of workers) and the consolidation (corpus-wide, on one machine).

1. Builds the corpus of ``extract_bench.py`` (``--copies 4``: about 420 articles) and runs
   ``chronology extract`` on it with the cache on: the analysis cost per article (CPU
   seconds, characters) and the cache's size per article.
2. Takes every article's mentions from that cache and times the consolidation (resolving
   actors, clustering mentions into events, building records) on the corpus replicated
   1, 2, 4, ... times, each size in a fresh process (its peak memory is measured there),
   in two regimes:

   - ``same events``: each replica's mentions as they are, under other article ids: more
     articles telling the same events (an agency's story picked up by many outlets);
   - ``distinct events``: each replica's words and names tagged with its number, so that
     nothing it tells merges with another replica: more events in the same years (a
     denser archive).

   Prints wall and CPU seconds, the memory the process holds before consolidating (the
   articles and their mentions) and how much the consolidation adds at its peak, the
   growth exponent of the CPU seconds between consecutive sizes (1: linear, 2:
   quadratic), and the CPU nanoseconds per pair of mentions dated in the same year (the
   pairs the clustering may compare: constant when it is quadratic within a year).
3. Times what the client does per article besides: reading the files (cold, and from
   the ingest memo) and looking up the mention cache.

Usage: ``python benchmarks/scale_bench.py [--copies 4] [--factors 1,2,4,8] [--workdir DIR]``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pickle
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from extract_bench import _timed, build_corpus  # noqa: E402


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _mentions(work: Path) -> tuple[list[Any], list[list[Any]], float]:
    """The corpus's articles and each one's mentions, from the cache of the run, and the
    seconds the cache lookups took."""
    from generator.cache.mentions import MentionCache, Patterns
    from generator.cache.versions import fingerprint
    from generator.ingest.reader import read_articles, resolve_years
    from generator.nlp.pipeline import model_name
    from generator.typology import load_typology

    articles = resolve_years(read_articles(work / "corpus", warn=lambda message: None))
    typology = load_typology(work / "content")
    common = fingerprint(model_name(None), typology.digest())
    cache = MentionCache(work / ".chronology" / "cache", common, Patterns([]))
    started = time.perf_counter()
    found = [cache.get(article) for article in articles]
    lookups = time.perf_counter() - started
    cache.close()
    kept = [(a, m) for a, m in zip(articles, found, strict=True) if m is not None]
    return [a for a, _ in kept], [m for _, m in kept], lookups


def _tagged(text: str, tag: str) -> str:
    return " ".join(f"{word}{tag}" for word in text.split())


def _replica(article: Any, mentions: list[Any], copy: int, distinct: bool) -> tuple[Any, list]:
    """The article and its mentions as replica number copy (0: themselves)."""
    if copy == 0:
        return article, mentions
    source = f"{article.id}~{copy}"
    tag = "".join("qxzvjkwbpf"[int(d)] for d in str(copy))  # letters: names stay names
    out = []
    for mention in mentions:
        changed = replace(mention, source=source)
        if distinct:
            changed = replace(
                changed,
                lemmas=frozenset(f"{w}{tag}" for w in mention.lemmas),
                title=_tagged(mention.title, tag) if mention.title else mention.title,
                actors=[replace(m, text=_tagged(m.text, tag)) for m in mention.actors],
                places=[replace(m, text=_tagged(m.text, tag)) for m in mention.places],
                event_noun=f"{mention.event_noun}{tag}" if mention.event_noun else None,
                speaker=_tagged(mention.speaker, tag) if mention.speaker else None,
            )
        out.append(changed)
    return replace(article, id=source, file=f"{copy}/{article.file}"), out


def _consolidate_child(data: Path, factor: int, distinct: bool) -> None:
    """In a fresh process: consolidate the corpus replicated factor times; print JSON."""
    from generator.consolidate.actors import ActorResolver
    from generator.extract import consolidate

    articles, mentions = pickle.loads(data.read_bytes())
    replicas = [
        _replica(article, found, copy, distinct)
        for copy in range(factor)
        for article, found in zip(articles, mentions, strict=True)
    ]
    all_articles = [a for a, _ in replicas]
    all_mentions = [m for _, found in replicas for m in found]
    del articles, mentions, replicas
    before_kb = _rss_kb()
    started, cpu = time.perf_counter(), time.process_time()
    records = consolidate(all_articles, all_mentions, ActorResolver([]))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Clustering compares a mention with the events of its years: its cost follows the sum
    # over years of the square of the mentions dated in that year.
    years = Counter(m.date[:4] for m in all_mentions)
    print(
        json.dumps(
            {
                "articles": len(all_articles),
                "mentions": len(all_mentions),
                "events": len(records["events"]),
                "actors": len(records["actors"]),
                "seconds": seconds,
                "cpu": cpu,
                "baseline_mb": before_kb / 1024,
                "peak_mb": peak_kb / 1024,
                "year_pairs": sum(n * n for n in years.values()),
                "years": len(years),
            }
        )
    )


def _rss_kb() -> int:
    with open("/proc/self/statm", encoding="ascii") as stream:
        return int(stream.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def _client_costs(work: Path) -> None:
    """Reading the corpus cold and from the memo, and the mention cache's lookups."""
    from generator.cache.articles import ArticleMemo
    from generator.cache.versions import code_version
    from generator.ingest.reader import read_articles

    def quiet(message: str) -> None:
        pass

    started = time.perf_counter()
    count = len(read_articles(work / "corpus", warn=quiet))
    cold = time.perf_counter() - started
    memo = ArticleMemo(work / ".chronology" / "cache", code_version(), warn=quiet)
    started = time.perf_counter()
    read_articles(work / "corpus", warn=quiet, memo=memo)
    warm = time.perf_counter() - started
    memo.close()
    lookups = _mentions(work)[2]
    print(
        f"client, per article: reading {1000 * cold / count:.2f} ms cold, "
        f"{1000 * warm / count:.2f} ms from the memo; mention cache lookup "
        f"{1000 * max(lookups, 0.0) / count:.2f} ms",
        flush=True,
    )


def main() -> int:
    """Analyse the corpus once (cached), then time consolidation at growing sizes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=4, help="copies of the texts (4: ~420)")
    parser.add_argument("--factors", default="1,2,4,8", help="replications to consolidate")
    parser.add_argument("--jobs", type=int, default=0, help="chronology extract --jobs")
    parser.add_argument("--workdir", type=Path, default=None, help="keep the files here")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _consolidate_child(Path(args.child[0]), int(args.child[1]), args.child[2] == "distinct")
        return 0
    work = args.workdir or Path(tempfile.mkdtemp(prefix="chronology-scale-bench-"))
    data = work / "mentions.pickle"
    if not data.exists():
        for name in ("corpus", "content", ".chronology"):
            shutil.rmtree(work / name, ignore_errors=True)
        (work / "content").mkdir(parents=True)
        build_corpus(work / "corpus", args.copies)
        command = [sys.executable, "-m", "generator.cli", "extract", "--seeds", "corpus"]
        run = _timed([*command, "--content", "content", "--jobs", str(args.jobs)], work, (0, 3))
        articles, mentions, _ = _mentions(work)
        count = len(articles)
        chars = sum(len(a.text) for a in articles)
        cache = work / ".chronology" / "cache"
        print(
            f"analysis: {count} articles, {chars / count:,.0f} characters each, "
            f"{sum(map(len, mentions)) / count:.1f} mentions each; cold run {run.wall:.1f} s "
            f"wall, {run.cpu:.1f} s CPU = {run.cpu / count:.2f} CPU s per article "
            f"({1e6 * run.cpu / chars:.0f} ms per 1,000 characters)",
            flush=True,
        )
        print(
            f"cache per article: mentions {_folder_bytes(cache / 'mentions') / count / 1024:.1f}"
            f" KiB, article text {_folder_bytes(cache / 'articles') / count / 1024:.1f} KiB "
            f"(total {_folder_bytes(cache) / 1024 / 1024:.1f} MiB)",
            flush=True,
        )
        data.write_bytes(pickle.dumps((articles, mentions)))
    _client_costs(work)
    factors = [int(f) for f in args.factors.split(",")]
    print(
        f"\n{'regime':<16} {'articles':>8} {'mentions':>9} {'events':>7} {'wall s':>7} "
        f"{'CPU s':>7} {'MB held':>7} {'+MB':>5} {'growth':>7} {'ns/pair':>7}"
    )
    for regime in ("same events", "distinct events"):
        previous: dict[str, Any] | None = None
        for factor in factors:
            child = [sys.executable, __file__, "--child", str(data), str(factor)]
            child.append("distinct" if regime == "distinct events" else "same")
            done = subprocess.run(child, capture_output=True, text=True, check=True)
            row = json.loads(done.stdout.strip().splitlines()[-1])
            growth = ""
            if previous is not None:
                exponent = math.log(row["cpu"] / previous["cpu"]) / math.log(
                    row["articles"] / previous["articles"]
                )
                growth = f"n^{exponent:.2f}"
            print(
                f"{regime:<16} {row['articles']:>8} {row['mentions']:>9} {row['events']:>7} "
                f"{row['seconds']:>7.2f} {row['cpu']:>7.2f} {row['baseline_mb']:>7.0f} "
                f"{row['peak_mb'] - row['baseline_mb']:>5.0f} {growth:>7} "
                f"{1e9 * row['cpu'] / row['year_pairs']:>7.0f}",
                flush=True,
            )
            previous = row
    return 0


if __name__ == "__main__":
    sys.exit(main())
