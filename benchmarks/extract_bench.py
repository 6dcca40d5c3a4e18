"""Extraction throughput and the incremental cache, measured against plain spaCy.

Builds a corpus of a few hundred real articles in a temporary folder (the MEANTIME texts
and the seeds, then copies with their paragraphs in another order so that every copy has
its own hash), and prints:

- baseline: ``spacy.load(model)`` + ``list(nlp.pipe(texts))`` in one process, articles/s;
- ours: ``chronology extract`` on a cold cache, articles/s, and the ratio to the baseline;
- a warm re-run (nothing changed) in seconds and as a percentage of the cold run;
- one new article among N: the seconds of that run, split into the warm run, loading the
  model (as long as the baseline took) and the rest, which is set against the cold cost
  of one article;
- the same article extracted alone, into an empty project: what one article costs on its
  own (imports and model load included), against which the one-new-article run is set.

Every timing is the wall time of a fresh subprocess, so imports and model loading count.
With ``--repeat R`` the warm and the one-new-article runs are timed R times (each new
article run from the same state) and the median is shown.
Usage: ``python benchmarks/extract_bench.py [--copies 4] [--jobs 0] [--repeat 1]
[--workdir DIR]``.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
MEANTIME = (
    Path(
        os.environ.get("CHRONOLOGY_MEANTIME_DIR")
        or Path(__file__).resolve().parents[2] / "shared" / "eval" / "meantime"
    )
    / "timex.jsonl"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def _reordered(body: str, copy: int) -> str:
    """The body with its paragraphs in another order (copy 0: unchanged).

    A one-paragraph body is cut into paragraphs of three sentences first."""
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", body) if p.strip()]
    if len(paragraphs) < 3:
        sentences = _SENTENCE_END.split(body.strip())
        paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    if copy == 0 or len(paragraphs) < 2:
        return "\n\n".join(paragraphs)
    shift = copy % len(paragraphs) or 1
    order = paragraphs[shift:] + paragraphs[:shift]
    if copy % 2 == 0:
        order.reverse()
    return "\n\n".join(order)


def build_corpus(target: Path, copies: int, join: int = 1) -> int:
    """Write the benchmark corpus under target; return how many distinct articles it has.

    join > 1: each article of a copy is that many MEANTIME texts in a row, one after the
    other under the first one's headline and date (long articles, as agency copy is)."""
    rows = [json.loads(line) for line in MEANTIME.read_text(encoding="utf-8").splitlines() if line]
    if join > 1:
        rows = [_joined(rows[i : i + join]) for i in range(0, len(rows), join)]
    seen: set[str] = set()
    for copy in range(copies):
        lines = []
        for row in rows:
            title, date, body = (row["text"].split("\n", 2) + ["", ""])[:3]
            text = f"{title}\n{date}\n\n{_reordered(body, copy)}"
            if text in seen:
                continue
            seen.add(text)
            record = {"id": f"{row['id']}-c{copy}", "text": text, "published": row["dct"]}
            lines.append(json.dumps(record, ensure_ascii=False))
        folder = target / f"copy{copy}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "meantime.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        for seed in sorted(SEEDS.glob("*.txt")):
            head, _, body = seed.read_text(encoding="utf-8").partition("\n")
            text = f"{head}\n{_reordered(body, copy)}\n"
            if text in seen:
                continue
            seen.add(text)
            (folder / seed.name).write_text(text, encoding="utf-8")
    return len(seen)


def _joined(rows: list[dict[str, str]]) -> dict[str, str]:
    """One row of several: the first one's id, date and headline, every body in turn."""
    bodies = [(row["text"].split("\n", 2) + ["", ""])[2] for row in rows]
    sentences = [s for body in bodies for s in _SENTENCE_END.split(body.strip()) if s.strip()]
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    title, date = (rows[0]["text"].split("\n", 2) + ["", ""])[:2]
    return {**rows[0], "text": f"{title}\n{date}\n\n" + "\n\n".join(paragraphs)}


_BASELINE = """
import json, sys, time
started = time.perf_counter()
import spacy
nlp = spacy.load(sys.argv[2])
texts = json.load(open(sys.argv[1], encoding="utf-8"))
loaded = time.perf_counter()
docs = list(nlp.pipe(texts))
print(json.dumps({"load": loaded - started, "pipe": time.perf_counter() - loaded}))
"""


@dataclass
class Run:
    """One timed subprocess: wall seconds, CPU seconds (its own and its descendants'), output."""

    wall: float
    cpu: float
    output: str


def _adopt_orphans() -> None:
    """Make this process the reaper of the processes a timed command leaves behind (Linux):
    a fork server, which started the workers of a local Dask cluster, outlives the command
    by a moment, and only a process that waits for it counts its CPU time and its
    workers'."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


_PR_SET_CHILD_SUBREAPER = 36


def _reap_orphans(timeout: float = 30.0) -> None:
    """Wait (at most timeout seconds) for the processes adopted from the last command."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return  # none left
        if pid == 0:
            time.sleep(0.05)


def _timed(command: list[str], cwd: Path, ok: tuple[int, ...] = (0,)) -> Run:
    _adopt_orphans()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    _reap_orphans()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in ok:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, done.stdout)


def _extract(work: Path, jobs: int, *extra: str) -> Run:
    return _timed(
        [
            sys.executable,
            "-m",
            "generator.cli",
            "extract",
            "--seeds",
            "corpus",
            "--content",
            "content",
            "--jobs",
            str(jobs),
            *extra,
        ],
        work,
        ok=(0, 3),  # 3: finished, some articles skipped (MEANTIME has a line with a bad date)
    )


def _cached(run: Run) -> str:
    found = re.search(r"(\d+) articles \((\d+) from the cache\)", run.output)
    return f"{found.group(2)}/{found.group(1)} cached" if found else "?"


def _median(runs: list[Run]) -> Run:
    """The run of median wall time."""
    return sorted(runs, key=lambda run: run.wall)[len(runs) // 2]


_STATE = ("corpus", "content", ".chronology")


def _plus_one(work: Path, jobs: int, repeat: int) -> Run:
    """One new article among the others: the median of repeat runs from the same state."""
    kept = work / "before-new-article"
    shutil.rmtree(kept, ignore_errors=True)
    for name in _STATE:
        shutil.copytree(work / name, kept / name, symlinks=True)
    runs = []
    for _ in range(repeat):
        for name in _STATE:
            shutil.rmtree(work / name)
            shutil.copytree(kept / name, work / name, symlinks=True)
        _new_article(work / "corpus")
        runs.append(_extract(work, jobs))
    shutil.rmtree(kept)
    return _median(runs)


def _alone(work: Path, jobs: int, repeat: int) -> Run:
    """The new article alone in an empty project, cold: the median of repeat runs."""
    alone = work / "alone"
    runs = []
    for _ in range(repeat):
        shutil.rmtree(alone, ignore_errors=True)
        (alone / "content").mkdir(parents=True)
        _new_article(alone / "corpus")
        runs.append(_extract(alone, jobs))
    shutil.rmtree(alone)
    return _median(runs)


def _new_article(corpus: Path) -> None:
    """One more article, unlike every other: a seed told with one more sentence."""
    seed = sorted(SEEDS.glob("*.txt"))[0]
    extra = "\n\nOn Friday, the foreign ministers met again in Geneva to discuss the talks.\n"
    (corpus / "new" / "added.txt").parent.mkdir(parents=True, exist_ok=True)
    (corpus / "new" / "added.txt").write_text(seed.read_text(encoding="utf-8") + extra, "utf-8")


def main() -> int:
    """Build the corpus, time the baseline and the four extraction runs, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=4, help="copies of the texts (4: ~420)")
    parser.add_argument("--jobs", type=int, default=0, help="chronology extract --jobs")
    parser.add_argument("--repeat", type=int, default=1, help="times to time the short runs")
    parser.add_argument("--model", default=None, help="spaCy model (default: the project's)")
    parser.add_argument("--workdir", type=Path, default=None, help="keep the files here")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from generator.ingest.reader import read_articles, resolve_years
    from generator.nlp.pipeline import model_name

    model = model_name(args.model)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="chronology-bench-"))
    shutil.rmtree(work / "corpus", ignore_errors=True)
    shutil.rmtree(work / "content", ignore_errors=True)
    shutil.rmtree(work / ".chronology", ignore_errors=True)
    (work / "content").mkdir(parents=True)
    build_corpus(work / "corpus", args.copies)
    articles = resolve_years(read_articles(work / "corpus", warn=lambda message: None))
    count = len(articles)
    texts = work / "texts.json"
    texts.write_text(json.dumps([a.text for a in articles]), encoding="utf-8")
    print(
        f"corpus: {count} articles, {sum(len(a.text) for a in articles):,} characters, "
        f"model {model}, {len(os.sched_getaffinity(0))} CPUs, in {work}",
        flush=True,
    )

    baseline = _timed([sys.executable, "-c", _BASELINE, str(texts), model], work)
    inner = json.loads(baseline.output)
    print(f"baseline done: {baseline.wall:.1f} s", flush=True)
    cold = _extract(work, args.jobs)
    print(f"cold done: {cold.wall:.1f} s", flush=True)
    second = _extract(work, args.jobs)
    print(f"second done: {second.wall:.1f} s", flush=True)
    warm = _median([_extract(work, args.jobs) for _ in range(max(1, args.repeat))])
    plus_one = _plus_one(work, args.jobs, max(1, args.repeat))
    alone = _alone(work, args.jobs, max(1, args.repeat))
    one_article = cold.wall / count

    rows = [
        ("baseline spacy.load + nlp.pipe", baseline, count / baseline.wall, ""),
        ("ours: chronology extract, cold", cold, count / cold.wall, _cached(cold)),
        ("second run (run 1's actors now in the ruler)", second, 0.0, _cached(second)),
        ("warm re-run, nothing changed", warm, 0.0, _cached(warm)),
        (f"+1 new article among {count}", plus_one, 0.0, _cached(plus_one)),
        ("the same article alone, empty project", alone, 0.0, _cached(alone)),
    ]
    print()
    print(f"{'run':<46} {'wall s':>7} {'CPU s':>7} {'articles/s':>10}  cache")
    for label, run, rate, cache in rows:
        shown = f"{rate:10.1f}" if rate else f"{'':>10}"
        print(f"{label:<46} {run.wall:7.1f} {run.cpu:7.1f} {shown}  {cache}")
    print()
    ratio = baseline.wall / cold.wall
    print(
        f"baseline inside its process: load {inner['load']:.1f} s, "
        f"nlp.pipe {inner['pipe']:.1f} s ({count / inner['pipe']:.1f} articles/s)"
    )
    print(
        f"throughput, ours cold / baseline: {ratio:.2f}x (target >= 1.5x: "
        f"{'ok' if ratio >= 1.5 else 'MISSED'}); CPU seconds ours/baseline: "
        f"{cold.cpu / baseline.cpu:.2f}"
    )
    percent = 100 * warm.wall / cold.wall
    print(
        f"warm re-run: {warm.wall:.2f} s = {percent:.1f} % of the cold run "
        f"(target < 5 %: {'ok' if percent < 5 else 'MISSED'})"
    )
    print(
        f"+1 article: {plus_one.wall:.2f} s; warm run {warm.wall:.2f} s + one article's share "
        f"of the cold run {one_article:.2f} s = {warm.wall + one_article:.2f} s"
    )
    rest = plus_one.wall - warm.wall - inner["load"]
    print(
        f"+1 article = warm run {warm.wall:.2f} s + loading the model {inner['load']:.2f} s "
        f"(the baseline's) + {rest:.2f} s = {rest / one_article:.1f}x one article's share"
    )
    print(
        f"+1 article among {count} / the same article alone: {plus_one.wall:.2f} s / "
        f"{alone.wall:.2f} s = {plus_one.wall / alone.wall:.2f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
