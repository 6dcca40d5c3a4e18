"""Reading articles: the ingest stage against reading and decoding the same files.

Writes 1,000 copies of the seed articles (and one 10 MB article) into a temporary folder
and times, in this process, best of ``--repeat``:

- baseline: every file's bytes read and decoded (``generator.ingest.decoding``), nothing
  else;
- ours: ``read_articles`` on the folder (furniture, titles, publication dates) without
  the cache, and the 10 MB article alone.

Prints the seconds and the ratio to the baseline. Usage:
``python benchmarks/ingest_bench.py [--copies 1000] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.ingest.decoding import decode_bytes  # noqa: E402
from generator.ingest.reader import read_article_file, read_articles  # noqa: E402


def _best(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    """Time the ingest stage and print it against the baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for n in range(args.copies):
            shutil.copy(seeds[n % len(seeds)], folder / f"{n:05d}.txt")
        files = sorted(folder.iterdir())
        base = _best(args.repeat, lambda: [decode_bytes(f.read_bytes()) for f in files])
        ours = _best(args.repeat, lambda: read_articles(folder, warn=lambda _: None))
        print(
            f"{args.copies} articles: read+decode {base:.2f} s, ingest {ours:.2f} s, "
            f"ratio {ours / base:.1f}x ({args.copies / ours:.0f} articles/s)"
        )
        paragraph = seeds[0].read_text(encoding="utf-8").split("\n\n")[2]
        body = "\n\n".join(f"{paragraph} ({n})" for n in range(10_000_000 // len(paragraph) + 1))
        big = Path(tmp) / "big.txt"
        big.write_text("A very long article\n\n" + body, encoding="utf-8")
        base = _best(args.repeat, lambda: decode_bytes(big.read_bytes()))
        ours = _best(args.repeat, lambda: read_article_file(big, root=big.parent))
        print(
            f"one 10 MB article: read+decode {base:.2f} s, ingest {ours:.2f} s, "
            f"ratio {ours / base:.1f}x"
        )


if __name__ == "__main__":
    main()
