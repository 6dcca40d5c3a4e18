"""The analysis on a Dask cluster gives the records of the process pool, survives a killed
worker, names the article that keeps killing its workers, and sends nothing on a warm run
(real model, real articles, a real `LocalCluster` of two worker processes on 127.0.0.1).

Failures are injected in the workers by a WorkerPlugin of this module that patches a stage
function in each worker process (workers are forked from a fork server, not from the test
process, so a patch here would not reach them); a worker that restarts gets the patch
again, as it gets the pipeline.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cloudpickle
import dask
import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster, SchedulerPlugin, WorkerPlugin

from generator.cli import main
from generator.executors import ProcessPool
from generator.executors.cluster import Dask, local_config
from generator.extract import Extraction, run_extraction

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
DEV = ROOT / "eval" / "dev" / "articles"
RAISES, KILLS = "Zanzibar", "Tasmania"  # words no article here uses: the patched stage
# raises on the first, kills its worker process on the second


def _poison(word: str) -> str:
    return (
        " date 2021-01-05 Border talks stall\n\n"
        "The ministers met in Geneva on January 4.\n\n"
        f"On Monday, the talks on {word} stalled.\n\n"
        "On January 3, the envoys arrived in Geneva.\n"
    )


# The test cluster's plugins are defined here; workers cannot import this file.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """Two single-threaded worker processes on 127.0.0.1, configured as `--executor dask`
    configures its own cluster (a batch is retried once after its worker dies)."""
    with dask.config.set(local_config()):  # held: a restarted worker starts with it too
        local = LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.CRITICAL,
        )
        yield local
        local.close()


@pytest.fixture(scope="module")
def client(cluster: LocalCluster) -> Iterator[Client]:
    """The test's own client, to patch the workers."""
    with Client(cluster) as own:
        yield own


@pytest.fixture()
def seeds_and_poison(tmp_path: Path) -> Path:
    """Two seeds and two poisoned articles: in batches of two, the one that kills shares
    its batch with 000_8669875d53f030cc.txt, the one that raises with
    001_630f437a53c0b31d.txt."""
    folder = tmp_path / "poisoned"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "000_9_kills.txt").write_text(_poison(KILLS), encoding="utf-8")
    (folder / "001_9_raises.txt").write_text(_poison(RAISES), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and 10 articles of the dev corpus on 10 topics."""
    folder = tmp_path_factory.mktemp("corpus")
    for article in [*sorted(SEEDS.glob("*.txt")), *sorted(DEV.rglob("*.txt"))[::10]]:
        (folder / article.parent.name).mkdir(exist_ok=True)
        (folder / article.parent.name / article.name).write_bytes(article.read_bytes())
    return folder


@pytest.fixture(scope="module")
def pool_records(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    """The corpus analysed by the process pool of two processes, in batches of four."""
    content = tmp_path_factory.mktemp("pool-content")
    found = run_extraction(corpus, content, batch_size=4, executor=ProcessPool(2))
    assert len(found.records["sources"]) == 15 and found.skipped == 0
    return found


class Patch(WorkerPlugin):  # type: ignore[misc]
    """In each worker: find_mentions raises on RAISES, and kills the worker process on
    the word ``kills`` (every time, or only when the marker file does not exist yet); each
    death is logged in the marker file."""

    def __init__(self, kills: str, marker: str, once: bool = False) -> None:
        self.kills, self.marker, self.once = kills, marker, once

    def setup(self, worker: Any) -> None:
        import generator.nlp.mentions as mentions

        self.real = real = mentions.find_mentions
        kills, marker, once = self.kills, self.marker, self.once

        def find_mentions(doc: Any, **kwargs: Any) -> Any:
            if RAISES in doc.text:
                raise ValueError("max() arg is an empty sequence")
            if kills in doc.text and not (once and os.path.exists(marker)):
                with open(marker, "a", encoding="utf-8") as log:
                    log.write(f"{os.getpid()}\n")
                os.kill(os.getpid(), signal.SIGKILL)
            return real(doc, **kwargs)

        mentions.find_mentions = find_mentions

    def teardown(self, worker: Any) -> None:
        import generator.nlp.mentions as mentions

        mentions.find_mentions = self.real


@pytest.fixture()
def patched(client: Client) -> Iterator[Any]:
    """patched(Patch(...)): the patch in every worker for the test, removed after it."""
    names: list[str] = []

    def apply(plugin: Patch) -> None:
        names.append(f"test-patch-{len(names)}")
        client.register_plugin(plugin, name=names[-1])

    yield apply
    for name in names:
        client.unregister_worker_plugin(name)


def _files(extraction: Extraction) -> set[str]:
    return {str(source["file"]) for source in extraction.records["sources"]}


def test_dask_gives_the_records_of_the_process_pool_on_the_seeds_and_dev_articles(
    cluster: LocalCluster, corpus: Path, pool_records: Extraction, tmp_path: Path
) -> None:
    executor = Dask(scheduler=cluster.scheduler_address)
    found = run_extraction(corpus, tmp_path / "content", batch_size=4, executor=executor)
    assert executor.tasks == 4  # 15 articles in batches of four
    assert found.records == pool_records.records
    assert len(found.records["events"]) > 30


def test_a_worker_killed_mid_run_has_its_batch_retried_and_the_records_are_the_same(
    cluster: LocalCluster, corpus: Path, pool_records: Extraction, patched: Any, tmp_path: Path
) -> None:
    marker = tmp_path / "killed.log"
    # The first worker to analyse the Sochi summit (one seed tells it) dies.
    patched(Patch("Sochi", str(marker), once=True))
    executor = Dask(scheduler=cluster.scheduler_address)
    found = run_extraction(corpus, tmp_path / "content", batch_size=4, executor=executor)
    assert len(marker.read_text(encoding="utf-8").split()) == 1  # one worker died
    assert found.skipped == 0
    assert found.records == pool_records.records


def test_an_article_that_raises_or_keeps_killing_its_workers_is_skipped_and_named(
    cluster: LocalCluster, seeds_and_poison: Path, patched: Any, tmp_path: Path
) -> None:
    deaths = tmp_path / "deaths.log"
    patched(Patch(KILLS, str(deaths)))
    warnings: list[str] = []
    executor = Dask(scheduler=cluster.scheduler_address)
    found = run_extraction(
        seeds_and_poison,
        tmp_path / "content",
        batch_size=2,
        executor=executor,
        warn=warnings.append,
    )
    assert sorted(warnings)[0] == (
        "000_9_kills.txt: skipped: its worker process died, again when it was analysed "
        "alone (killed or crashed, on 2 Dask workers)"
    )
    # As in the other executors: only the article that raises is skipped, named by line.
    assert sorted(warnings)[1].startswith(
        "001_9_raises.txt: skipped, line 3 of its text ('On Monday, the talks on Zanzibar "
        "stalled.'): ValueError: max() arg is an empty sequence (raised in "
    )
    assert len(warnings) == 2 and found.skipped == 2
    # Its batch, twice; then the article alone, twice: not retried forever.
    assert len(deaths.read_text(encoding="utf-8").split()) == 4
    # Every other article is written, the batch-mates of both included.
    assert _files(found) == {p.name for p in sorted(SEEDS.glob("*.txt"))[:2]}


@pytest.fixture()
def two_seeds(tmp_path: Path) -> Path:
    """The first two seeds."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    return folder


class TaskLog(SchedulerPlugin):  # type: ignore[misc]
    """On the scheduler: the keys of every task any client sends."""

    def __init__(self) -> None:
        self.keys: list[str] = []

    def update_graph(self, scheduler: Any, *, keys: Any, **kwargs: Any) -> None:
        self.keys.extend(str(key) for key in keys)


def test_a_warm_cache_sends_no_task_to_the_cluster(
    cluster: LocalCluster,
    client: Client,
    two_seeds: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client.register_plugin(TaskLog(), name="test-task-log")
    log = cluster.scheduler.plugins["test-task-log"]  # the scheduler runs in this process
    try:
        monkeypatch.chdir(tmp_path)  # the cache goes to tmp_path/.chronology/cache
        monkeypatch.setenv("CHRONOLOGY_DASK_SCHEDULER", cluster.scheduler_address)
        command = ["extract", "--seeds", str(two_seeds), "--content", "content"]
        first = CliRunner().invoke(main, command)
        assert first.exit_code == 0, first.output
        assert "2 articles (0 from the cache)" in first.output
        assert len(log.keys) == 1 and log.keys[0].startswith("chronology-analyse-")  # one batch
        # Another content folder: no early stop on "nothing changed", every article looked up.
        second = CliRunner().invoke(main, [*command, "--content", "other"])
        assert second.exit_code == 0, second.output
        assert "2 articles (2 from the cache)" in second.output
        assert len(log.keys) == 1
    finally:
        client.unregister_scheduler_plugin("test-task-log")


def test_executor_dask_from_the_environment_starts_a_local_cluster_same_records(
    two_seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    command = ["extract", "--seeds", str(two_seeds), "--no-cache", "--jobs", "2"]
    with monkeypatch.context() as without_dask:
        # The default executor needs no Dask: a run with Dask made unimportable.
        for name in ("dask", "distributed"):
            without_dask.setitem(sys.modules, name, None)
        local = CliRunner().invoke(main, [*command, "--content", "local"])
        assert local.exit_code == 0, local.output
        missing = CliRunner().invoke(main, [*command, "--content", "x", "--executor", "dask"])
        assert missing.exit_code == 1
        assert "--executor dask needs Dask distributed, which is not installed" in missing.output
        assert "pip install 'chronology[dask]'" in missing.output
        assert "Traceback" not in missing.output
    monkeypatch.setenv("CHRONOLOGY_EXECUTOR", "dask")
    on_dask = CliRunner().invoke(main, [*command, "--content", "dask"])
    assert on_dask.exit_code == 0, on_dask.output
    assert _tree(tmp_path / "dask") == _tree(tmp_path / "local")
    assert len(_tree(tmp_path / "local")) > 10


def test_a_cold_run_stops_the_local_cluster_it_started_while_reading(
    two_seeds: Path, tmp_path: Path
) -> None:
    executor = Dask(workers=1)  # held here: a cluster left running would still be alive
    children = set(multiprocessing.active_children())  # the module's cluster may run
    found = run_extraction(two_seeds, tmp_path / "content", executor=executor)
    assert found.records["events"] and executor.tasks == 1
    assert set(multiprocessing.active_children()) == children


def test_the_local_clusters_workers_start_with_spacy_and_the_analysis_imported(
    client: Client,
) -> None:
    # Forked from a server that imported them once: a restarted worker has them too.
    def imported() -> list[bool]:
        return [name in sys.modules for name in ("spacy", "generator.nlp.pipeline")]

    client.restart()  # fresh worker processes, before any pipeline plugin ran in them
    assert list(client.run(imported).values()) == [[True, True], [True, True]]


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.yml"))}
