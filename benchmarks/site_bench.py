"""Site build at scale: ``mkdocs build`` of the chronology against a bare Material build.

For each size N, the same run builds

- **ours**: a project of N synthetic events (``generator.synthetic``: N/20 actors, N/10
  sources, N/500 agreements) with the ``chronology`` plugin, and
- **baseline**: a bare Material project of N plain Markdown pages left out of the
  navigation (``nav`` lists only the home page),

with the same theme configuration and the ``search`` plugin in both (ours, as any site
without settings, searches with its own index above 5,000 events), each in its own
``mkdocs build --strict`` process, ours and the baseline taking turns when ``--repeat``
asks for several builds (the best of each is kept). It prints wall seconds, the ratio
ours/baseline (the target is at most 1.0), CPU seconds (user + system, steadier than wall
time on a busy machine) and the peak resident memory of each build (target: under 2.5 GB
at 100,000 events).

    .venv/bin/python benchmarks/site_bench.py            # 1,000, 5,000 and 20,000 events
    .venv/bin/python benchmarks/site_bench.py --quick    # 1,000 and 5,000
    .venv/bin/python benchmarks/site_bench.py --sizes 100000   # the large site, ~25 min
    .venv/bin/python benchmarks/site_bench.py --profile 5000   # cProfile of our build
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.synthetic import write_synthetic_content  # noqa: E402

SIZES = (1_000, 5_000, 20_000)
QUICK_SIZES = (1_000, 5_000)
TARGET_RATIO = 1.0
TARGET_MB = 2500

# The theme configuration both builds share (the repository's mkdocs.yml, less the plugin).
THEME = """\
theme:
  name: material
  features:
    - navigation.instant
    - navigation.tabs
    - search.highlight
  palette:
    - scheme: default
      toggle:
        icon: material/brightness-7
        name: Switch to dark mode
    - scheme: slate
      toggle:
        icon: material/brightness-4
        name: Switch to light mode
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
"""

_WORDS = [
    "talks", "border", "ceasefire", "corridor", "delegation", "minister", "council",
    "agreement", "report", "observers", "harbour", "railway", "supplies", "statement",
    "exchange", "prisoners", "access", "mediation", "envoy", "summit",
]  # fmt: skip


@dataclass
class Build:
    """One timed ``mkdocs build``."""

    seconds: float
    cpu_seconds: float
    max_rss_mb: float
    pages: int


def ours_project(root: Path, events: int, *, seed: int = 0) -> Path:
    """A chronology project with ``events`` synthetic events (and no docs pages of its own)."""
    write_synthetic_content(root / "content", events=events, seed=seed)
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(
        f"site_name: Bench chronology\n{THEME}"
        "plugins:\n  - search\n  - chronology:\n      content_dir: content\n",
        encoding="utf-8",
    )
    return root


def baseline_project(root: Path, pages: int, *, seed: int = 0) -> Path:
    """A bare Material project: a home page in the nav and ``pages`` pages outside it.

    Each page has a title and a few short paragraphs, about the size of an event page.
    """
    rng = random.Random(seed)
    docs = root / "docs"
    (docs / "pages").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Baseline\n\nPlain pages.\n", encoding="utf-8")
    for index in range(pages):
        paragraphs = [
            " ".join(rng.choice(_WORDS) for _ in range(40)).capitalize() + "." for _ in range(4)
        ]
        body = "\n\n".join(paragraphs)
        (docs / "pages" / f"page-{index:05d}.md").write_text(
            f"# Page {index}\n\n{body}\n", encoding="utf-8"
        )
    (root / "mkdocs.yml").write_text(
        f"site_name: Bench baseline\n{THEME}"
        "nav:\n  - index.md\n"
        "not_in_nav: |\n  /pages/\n"
        "plugins:\n  - search\n",
        encoding="utf-8",
    )
    return root


def timed_build(project: Path) -> Build:
    """Run ``mkdocs build --strict`` in a child process: wall time and its peak RSS."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    shutil.rmtree(project / "site", ignore_errors=True)
    start = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    assert child.stdout is not None
    output = child.stdout.read().decode("utf-8", "replace")
    # wait4 gives this child's own rusage (RUSAGE_CHILDREN would mix earlier builds in).
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {project}:\n{output[-4000:]}")
    pages = sum(1 for _ in (project / "site").rglob("*.html"))
    # ru_maxrss is in KiB on Linux.
    cpu = usage.ru_utime + usage.ru_stime
    return Build(seconds=seconds, cpu_seconds=cpu, max_rss_mb=usage.ru_maxrss / 1024, pages=pages)


def profile_build(project: Path, *, top: int = 30) -> str:
    """cProfile of an in-process build of ``project``, sorted by own time."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    cwd = Path.cwd()
    os.chdir(project)
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
        profiler = cProfile.Profile()
        profiler.enable()
        build(config)
        profiler.disable()
    finally:
        os.chdir(cwd)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="only 1,000 and 5,000 events")
    parser.add_argument("--sizes", type=int, nargs="+", help="event counts to build")
    parser.add_argument("--repeat", type=int, default=1, help="builds per size; best is kept")
    parser.add_argument("--profile", type=int, metavar="N", help="cProfile our build of N")
    parser.add_argument("--workdir", type=Path, help="keep the projects here")
    args = parser.parse_args(argv)

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="site-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        if args.profile:
            project = ours_project(workdir / f"ours-{args.profile}", args.profile)
            print(profile_build(project))
            return 0
        sizes = args.sizes or (QUICK_SIZES if args.quick else SIZES)
        print(
            f"{'events':>7} {'ours s':>7} {'base s':>7} {'ratio':>6} "
            f"{'ours cpu':>8} {'base cpu':>8} {'ratio':>6} "
            f"{'ours MB':>8} {'base MB':>8} {'ours pages':>10} {'base pages':>10}"
        )
        worst = 0.0
        most_mb = 0.0
        for size in sizes:
            ours_dir = ours_project(workdir / f"ours-{size}", size)
            base_dir = baseline_project(workdir / f"base-{size}", size)
            ours_builds, base_builds = [], []
            for _ in range(args.repeat):  # in turns: a busy spell hits both alike
                ours_builds.append(timed_build(ours_dir))
                base_builds.append(timed_build(base_dir))
            ours = min(ours_builds, key=_secs)
            base = min(base_builds, key=_secs)
            ours.cpu_seconds = min(b.cpu_seconds for b in ours_builds)
            base.cpu_seconds = min(b.cpu_seconds for b in base_builds)
            ours.max_rss_mb = max(b.max_rss_mb for b in ours_builds)
            base.max_rss_mb = max(b.max_rss_mb for b in base_builds)
            ratio = ours.seconds / base.seconds
            cpu_ratio = ours.cpu_seconds / base.cpu_seconds
            worst = max(worst, ratio)
            most_mb = max(most_mb, ours.max_rss_mb)
            print(
                f"{size:>7,} {ours.seconds:>7.1f} {base.seconds:>7.1f} {ratio:>6.2f} "
                f"{ours.cpu_seconds:>8.1f} {base.cpu_seconds:>8.1f} {cpu_ratio:>6.2f} "
                f"{ours.max_rss_mb:>8.0f} {base.max_rss_mb:>8.0f} "
                f"{ours.pages:>10,} {base.pages:>10,}",
                flush=True,
            )
        verdict = "ok" if worst <= TARGET_RATIO else "over target"
        print(f"worst wall-clock ratio {worst:.2f} (target <= {TARGET_RATIO}): {verdict}")
        verdict = "ok" if most_mb < TARGET_MB else "over target"
        print(f"largest peak memory {most_mb:.0f} MB (target < {TARGET_MB} MB): {verdict}")
        return 0
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


def _secs(build: Build) -> float:
    return build.seconds


if __name__ == "__main__":
    raise SystemExit(main())
