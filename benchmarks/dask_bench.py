"""Extraction on Dask: one worker against two, and Dask against the process pool.

Builds the corpus of ``extract_bench.py`` (the MEANTIME texts and the seeds, then copies
with their paragraphs in another order: about 420 articles with ``--copies 4``) and times
``chronology extract --no-cache`` in a fresh subprocess (imports, cluster start and model
loading count) with:

- ``--executor dask --jobs 1``: a local Dask cluster of one worker process;
- ``--executor dask --jobs 2``: two worker processes;
- ``--executor local --jobs 2``: today's process pool of two processes;
- ``--executor local --jobs 1``: this process alone (skip with ``--no-in-process``).

Prints each run's wall and CPU seconds and articles per second, the ratios (targets: two
Dask workers >= 1.8x one; Dask with two workers >= 0.9x the pool with two processes) and
whether every run wrote byte-identical records. The load average before and after is
printed too: other processes on the machine slow the runs down unevenly, so ratios are
only meaningful on a quiet machine. With ``--repeat R`` each configuration runs R times,
interleaved, and the median counts.

With ``--join J`` each article is J MEANTIME texts in a row (``--join 4 --copies 16``:
about 420 articles of some 7,000 characters, the long agency articles of the issue).

Usage: ``python benchmarks/dask_bench.py [--copies 4] [--join 1] [--repeat 1]
[--no-in-process] [--workdir DIR]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from extract_bench import Run, _timed, build_corpus  # noqa: E402

CONFIGS = {
    "dask, 1 worker": ["--executor", "dask", "--jobs", "1"],
    "dask, 2 workers": ["--executor", "dask", "--jobs", "2"],
    "process pool, 2 processes": ["--executor", "local", "--jobs", "2"],
    "in-process (--jobs 1)": ["--executor", "local", "--jobs", "1"],
}


def _extract(work: Path, content: str, options: list[str]) -> Run:
    shutil.rmtree(work / content, ignore_errors=True)
    (work / content).mkdir(parents=True)
    command = [sys.executable, "-m", "generator.cli", "extract", "--seeds", "corpus"]
    command += ["--content", content, "--no-cache", *options]
    return _timed(command, work, ok=(0, 3))  # 3: MEANTIME has a line with a bad date


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.yml"))}


def _load() -> str:
    return "/".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> int:
    """Build the corpus, time every configuration, print the table, ratios and checks."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=4, help="copies of the texts (4: ~420)")
    parser.add_argument(
        "--join", type=int, default=1, help="MEANTIME texts per article (4: long articles)"
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs of each configuration")
    parser.add_argument("--no-in-process", action="store_true", help="skip --jobs 1")
    parser.add_argument("--workdir", type=Path, default=None, help="keep the files here")
    args = parser.parse_args()
    from generator.ingest.reader import read_articles, resolve_years

    work = args.workdir or Path(tempfile.mkdtemp(prefix="chronology-dask-bench-"))
    shutil.rmtree(work / "corpus", ignore_errors=True)
    build_corpus(work / "corpus", args.copies, args.join)
    articles = resolve_years(read_articles(work / "corpus", warn=lambda message: None))
    count = len(articles)
    configs = dict(CONFIGS)
    if args.no_in_process:
        del configs["in-process (--jobs 1)"]
    print(
        f"corpus: {count} articles, {sum(len(a.text) for a in articles):,} characters, "
        f"{len(os.sched_getaffinity(0))} CPUs, in {work}; load average {_load()} (1/5/15 min)",
        flush=True,
    )
    runs: dict[str, list[Run]] = {label: [] for label in configs}
    trees: dict[str, dict[str, bytes]] = {}
    for attempt in range(max(1, args.repeat)):
        for number, (label, options) in enumerate(configs.items()):
            content = f"content-{number}"
            run = _extract(work, content, options)
            runs[label].append(run)
            trees[label] = _tree(work / content)
            print(
                f"  {label} (run {attempt + 1}): {run.wall:.1f} s; load average {_load()}",
                flush=True,
            )
    median = {label: sorted(r, key=lambda run: run.wall)[len(r) // 2] for label, r in runs.items()}
    print()
    print(f"{'configuration':<28} {'wall s':>7} {'CPU s':>7} {'articles/s':>10}")
    for label, run in median.items():
        print(f"{label:<28} {run.wall:7.1f} {run.cpu:7.1f} {count / run.wall:10.2f}")
    print()
    one, two = median["dask, 1 worker"], median["dask, 2 workers"]
    pool = median["process pool, 2 processes"]
    scaling = one.wall / two.wall
    versus = pool.wall / two.wall
    print(
        f"dask 2 workers vs 1 worker: {scaling:.2f}x "
        f"(target >= 1.8x: {'ok' if scaling >= 1.8 else 'MISSED'})"
    )
    print(
        f"dask 2 workers vs process pool of 2: {versus:.2f}x "
        f"(target >= 0.9x: {'ok' if versus >= 0.9 else 'MISSED'})"
    )
    reference = next(iter(trees.values()))
    same = all(tree == reference for tree in trees.values())
    print(
        f"records byte-identical across {len(trees)} executors: "
        f"{'yes' if same else 'NO'} ({len(reference)} files)"
    )
    print(f"load average at the end: {_load()}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
