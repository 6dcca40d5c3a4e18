"""No single article stops a run: one that raises, or that kills its worker process, is
skipped and named, and every other article's records are written (real model, real seeds).

Failures are injected by patching a stage function before the run; with the fork start
method a patch made before the pool starts reaches its workers.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import shutil
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

import generator.nlp.mentions
from generator.cli import EXIT_SKIPPED, main
from generator.extract import run_extraction

pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
MARK = "Zanzibar"  # a word the seeds never use: the patched stage fails on it
POISON = (
    " date 2021-01-05 Border talks stall\n\n"
    "The ministers met in Geneva on January 4.\n\n"
    f"On Monday, the talks on {MARK} stalled.\n\n"
    "On January 3, the envoys arrived in Geneva.\n"
)
fork_only = pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork",
    reason="the patch reaches pool workers only when they are forked",
)


@pytest.fixture()
def seeds(tmp_path: Path) -> Path:
    """Three seeds and the poisoned article, which sorts second: in batches of two, it
    shares the first with 000_8669875d53f030cc.txt."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(seed, folder / seed.name)
    (folder / "001_0_poisoned.txt").write_text(POISON, encoding="utf-8")
    return folder


def _fail_on_mark(monkeypatch: pytest.MonkeyPatch, failure: str, log: Path | None = None) -> None:
    real = generator.nlp.mentions.find_mentions

    def find_mentions(doc, **kwargs):  # type: ignore[no-untyped-def]
        if MARK in doc.text:
            if log is not None:
                with log.open("a", encoding="utf-8") as stream:
                    stream.write(f"{os.getpid()}\n")
            if failure == "kill":
                os.kill(os.getpid(), signal.SIGKILL)
            raise ValueError("max() arg is an empty sequence")
        return real(doc, **kwargs)

    monkeypatch.setattr(generator.nlp.mentions, "find_mentions", find_mentions)


def _source_files(records: dict[str, list[dict[str, object]]]) -> set[str]:
    return {str(source["file"]) for source in records["sources"]}


def test_an_article_that_raises_is_skipped_named_and_the_run_goes_on(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_on_mark(monkeypatch, "raise")
    monkeypatch.chdir(tmp_path)
    content = tmp_path / "content"
    result = CliRunner().invoke(
        main, ["extract", "--seeds", str(seeds), "--content", str(content), "--jobs", "1"]
    )
    assert result.exit_code == EXIT_SKIPPED, result.output
    assert (
        "001_0_poisoned.txt: skipped, line 3 of its text ('On Monday, the talks on Zanzibar "
        "stalled.'): ValueError: max() arg is an empty sequence"
    ) in result.output
    assert "Traceback" not in result.output
    assert "3 articles (0 from the cache), 1 skipped" in result.output
    sources = {p.read_text(encoding="utf-8") for p in (content / "sources").glob("*.yml")}
    assert len(sources) == 3 and not any("poisoned" in text for text in sources)
    assert len(list((content / "events").glob("*.yml"))) > 3


@fork_only
def test_in_a_pool_only_the_culprit_of_a_failing_batch_is_skipped(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_on_mark(monkeypatch, "raise")
    warnings: list[str] = []
    found = run_extraction(
        seeds, tmp_path / "content", n_process=2, batch_size=2, warn=warnings.append
    )
    assert found.skipped == 1
    assert len(warnings) == 1
    assert re.fullmatch(
        r"001_0_poisoned\.txt: skipped, line 3 of its text \('On Monday, the talks on "
        r"Zanzibar stalled\.'\): ValueError: max\(\) arg is an empty sequence "
        r"\(raised in generator/nlp/pipeline\.py:\d+\)",
        warnings[0],
    )
    # The seed batched with the poisoned article is analysed again alone, and written.
    assert _source_files(found.records) == {p.name for p in SEEDS.glob("*.txt")} & {
        p.name for p in seeds.glob("*.txt")
    }


@fork_only
def test_a_killed_worker_is_retried_once_then_its_article_skipped(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts = tmp_path / "attempts.log"
    _fail_on_mark(monkeypatch, "kill", attempts)
    warnings: list[str] = []
    found = run_extraction(
        seeds, tmp_path / "content", n_process=2, batch_size=2, warn=warnings.append
    )
    assert found.skipped == 1
    assert warnings == [
        "001_0_poisoned.txt: skipped: its worker process died, again when it was analysed "
        "alone (killed by SIGKILL: out of memory?)"
    ]
    # In the pool, then its batch alone in a fresh worker, then the article alone.
    pids = attempts.read_text(encoding="utf-8").split()
    assert len(pids) == 3 and len(set(pids)) == 3 and str(os.getpid()) not in pids
    # Every other article is written, its batch-mate 000_8669875d53f030cc.txt included.
    assert _source_files(found.records) == {p.name for p in SEEDS.glob("*.txt")} & {
        p.name for p in seeds.glob("*.txt")
    }


def test_a_file_whose_reading_raises_is_skipped_and_counted(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.ingest.reader as reader

    real = reader._build

    def build(parsed, **kwargs):  # type: ignore[no-untyped-def]
        if MARK in "".join(parsed.paragraphs):
            raise KeyError("furniture")
        return real(parsed, **kwargs)

    monkeypatch.setattr(reader, "_build", build)
    warnings: list[str] = []
    found = run_extraction(seeds, tmp_path / "content", warn=warnings.append)
    assert warnings == ["001_0_poisoned.txt: skipped: KeyError: 'furniture'"]
    assert found.skipped == 1
    assert len(found.records["sources"]) == 3
