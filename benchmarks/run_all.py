"""Run every ``benchmarks/*_bench.py`` in turn; exit non-zero if any of them fails.

Usage: ``python benchmarks/run_all.py [NAME ...]`` (names filter: ``extract`` runs
``extract_bench.py`` only). Each script runs in its own process with this interpreter.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    """Run the selected benchmark scripts; return the number that failed."""
    scripts = sorted(HERE.glob("*_bench.py"))
    if argv:
        scripts = [s for s in scripts if any(name in s.stem for name in argv)]
    if not scripts:
        print(f"no benchmark script matches {argv}", file=sys.stderr)
        return 1
    failed: list[str] = []
    for script in scripts:
        print(f"== {script.name}", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
        seconds = time.perf_counter() - started
        status = "ok" if code == 0 else f"FAILED (exit {code})"
        print(f"== {script.name}: {status} in {seconds:.0f} s\n", flush=True)
        if code != 0:
            failed.append(script.name)
    if failed:
        print(f"{len(failed)} benchmark(s) failed: {', '.join(failed)}", file=sys.stderr)
    return len(failed)


if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1:]) else 0)
