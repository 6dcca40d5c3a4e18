"""The executor options, and what every executor runs on a batch (real model, real seeds)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import generator.executors.cluster as cluster
from generator.cli import main
from generator.executors import Local, analyse_articles, analyse_safely, executor_named
from generator.executors.cluster import Dask
from generator.ingest.reader import read_articles, resolve_years

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_scheduler_with_executor_local_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["extract", "--seeds", str(SEEDS), "--content", str(tmp_path / "content")]
        + ["--executor", "local", "--scheduler", "tcp://127.0.0.1:8786"],
    )
    assert result.exit_code == 2
    assert "--scheduler is for --executor dask, not local" in result.output


def test_executors_by_name() -> None:
    assert isinstance(executor_named("local", jobs=2), Local)
    assert isinstance(executor_named("dask", scheduler="tcp://127.0.0.1:8786"), Dask)


def test_an_unreachable_scheduler_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "0.5s")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CHRONOLOGY_DASK_SCHEDULER", "tcp://127.0.0.1:9")
    result = CliRunner().invoke(main, ["extract", "--seeds", str(SEEDS), "--content", "content"])
    assert result.exit_code == 1, result.output
    assert "Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9: " in result.output
    assert "Traceback" not in result.output


def test_no_article_starts_no_cluster_and_sends_no_task() -> None:
    executor = Dask(scheduler="tcp://127.0.0.1:9")  # nothing listens there
    assert list(analyse_articles([], model="m", actors=[], executor=executor)) == []
    assert executor.tasks == 0


@pytest.mark.slow
def test_a_batch_in_a_memory_zone_gives_the_same_mentions_and_leaves_no_string() -> None:
    from generator.nlp.pipeline import analyse_batch, load_pipeline

    articles = resolve_years(read_articles(SEEDS, warn=lambda message: None))[:2]
    nlp = load_pipeline()
    strings = len(nlp.vocab.strings)
    zoned = analyse_safely(nlp, articles)
    assert len(nlp.vocab.strings) == strings  # every string the texts added is gone
    plain = analyse_batch(nlp, articles)
    assert len(nlp.vocab.strings) > strings
    assert zoned == plain
    assert sum(map(len, plain)) > 5


@pytest.mark.slow
def test_a_pool_started_ahead_gives_what_a_pool_started_later_gives() -> None:
    import multiprocessing

    from generator.executors.isolation import PipelineSpec
    from generator.nlp.pipeline import model_name

    articles = resolve_years(read_articles(SEEDS, warn=lambda message: None))
    work = [articles[:2], articles[2:]]
    spec = PipelineSpec(model_name(), [])
    ahead = Local(2)
    ahead.prepare(spec)  # the workers start loading while this process goes on
    assert len(multiprocessing.active_children()) == 2
    told = [(a.id, outcome) for a, outcome in ahead.analyse(work, spec)]
    assert not multiprocessing.active_children()  # the analysis closed the pool it took
    later = [(a.id, outcome) for a, outcome in Local(2).analyse(work, spec)]
    assert sorted(told, key=str) == sorted(later, key=str)
    assert sum(len(outcome) for _, outcome in told if isinstance(outcome, list)) > 5
    # a pool started ahead for an analysis that never comes is stopped by close
    idle = Local(2)
    idle.prepare(spec)
    idle.close()
    assert not multiprocessing.active_children()
