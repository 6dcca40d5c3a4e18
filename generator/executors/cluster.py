"""The analysis on a Dask cluster: a `LocalCluster` started on this machine, or an existing
cluster reached at its scheduler's address (a lab server, SLURM, Kubernetes).

Dask is optional (``pip install 'chronology[dask]'``): this module, which imports it, is
imported only when a run asks for Dask (`generator.executors.executor_named`, which says
how to install it when it is missing).

- The client (the command's process) keeps the articles, the cache and the consolidation;
  it sends batches of articles, a window of them at a time, and receives plain Mention
  lists, batch by batch as they finish (which is what the progress bar counts).
- Each worker loads the pipeline once, in a `WorkerPlugin` registered for the run: the
  plugin carries the model's name, the actors and the typology (`PipelineSpec`), never a
  model; a worker that joins later, or restarts after a crash, loads it again. The plugin
  is removed when the run ends; a worker keeps the last pipeline it loaded (one), so that
  the next run with the same model and actors on a long-lived cluster starts at once.
- A task that raises is handled inside it (`analyse_safely`: only the culprit article is
  skipped), as in every executor.
- A worker that dies (killed, out of memory) has its task retried by the scheduler on
  another worker; a task that was running on ``allowed-failures + 1`` dying workers ends
  in ``KilledWorker`` (this module's local cluster allows 1 failure, as the process pool
  retries a batch once; an existing cluster keeps its own setting, Dask's default is 3).
  Such a batch is then analysed article by article, each as a task of its own sent after
  the one before has ended, and an article that kills its workers again is a `Failure`
  naming its file.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker
from distributed.scheduler import KilledWorker

from generator.errors import ExecutorError, ModelError, one_line
from generator.executors.isolation import DIED_AGAIN, Failure, Outcome, PipelineSpec, analyse_safely
from generator.model import Article

if TYPE_CHECKING:
    from distributed import Worker
    from spacy.language import Language

# The settings of the local cluster. One failure allowed: a batch whose worker dies is
# retried once, as in the process pool. A saturation of 1.0 sends a worker only the task
# it runs: a task merely queued on a worker that dies would count as a suspect. No
# statistical profiler in the workers: it samples the analysing thread's stack every
# 10 ms, which costs a pure-Python task like ours CPU for a report nobody reads. And
# glibc's own malloc trimming: Dask sets MALLOC_TRIM_THRESHOLD_ for its workers, which
# also turns off glibc's adaptive mmap threshold, so that every large array spaCy
# allocates is mapped and unmapped again (measured: 5.3 s of system time instead of 0.8 s
# for 421 articles on one worker). And slower clocks for what every process of the
# cluster does while it waits: Dask's defaults (an event-loop tick every 20 ms, a system
# monitor every 0.5 s, a memory check every 0.1 s in each nanny) cost an idle local
# cluster of two workers 4.4 CPU s in 30 s, these 0.6 s -- CPU that the two cores would
# otherwise give the analysis.
LOCAL_CONFIG = {
    "distributed.scheduler.allowed-failures": 1,
    "distributed.scheduler.worker-saturation": 1.0,
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}
# How long to wait for a remote cluster's scheduler to answer, and to have a worker.
CONNECT_TIMEOUT = "10s"
WORKER_TIMEOUT = 60.0


class Dask:
    """Batches as tasks on a Dask cluster: an existing one at ``scheduler``
    ('tcp://host:8786'), else a local cluster of ``workers`` single-threaded worker
    processes (0: one per CPU), started for the run and stopped after it."""

    def __init__(self, *, scheduler: str | None = None, workers: int = 0) -> None:
        self.scheduler = scheduler
        self.workers = workers
        self.tasks = 0  # tasks sent by the last run, for the tests and the benchmark
        self.deaths = 0  # the workers a task may kill before it is given up
        self._early: _Early | None = None

    def prepare(self, pipeline: PipelineSpec) -> None:
        """Start the cluster (or connect to it) and have its workers load pipeline now,
        on a background thread: a run that knows it will analyse (a cold one) calls this
        before it reads the articles, so that reading them on the client and starting
        the workers overlap. Every `analyse` with this pipeline uses that session until
        `close`; an error starting it is raised by the first `analyse`."""
        if self._early is None:
            self._early = _Early(self.scheduler, self.workers, pipeline)

    def close(self) -> None:
        """Stop what `prepare` started (a local cluster), or disconnect from the cluster."""
        early, self._early = self._early, None
        if early is not None:
            early.close()

    def analyse(
        self, work: Sequence[Sequence[Article]], pipeline: PipelineSpec
    ) -> Iterator[tuple[Article, Outcome]]:
        """Each article of each batch with its outcome, batch by batch as they finish."""
        self.tasks = 0
        if not work:
            return  # no cluster, no connection: a warm run sends nothing
        early = self._early
        if early is not None and early.pipeline.key() == pipeline.key():
            session = early.session()
            yield from self._run(session.client, work, session.name, session.run)
            return
        with _session(self.scheduler, self.workers, pipeline, len(work)) as session:
            yield from self._run(session.client, work, session.name, session.run)

    def _run(
        self, client: Client, work: Sequence[Sequence[Article]], name: str, run: str
    ) -> Iterator[tuple[Article, Outcome]]:
        pending = iter(range(len(work)))
        owners: dict[str, int] = {}
        finished = as_completed(loop=client.loop)  # not the default client's loop

        def refill() -> None:
            # A window of batches in flight, two per worker thread, refilled as they finish:
            # the scheduler holds the text of a few batches per worker, not of the whole
            # corpus. The window follows the cluster as workers join (an adaptive cluster
            # on SLURM grows while the run goes on) or leave.
            window = max(2 * sum(client.nthreads().values()), 4)
            while len(owners) < window:
                index = next(pending, None)
                if index is None:
                    return
                key = f"chronology-analyse-{run}-{index}"
                owners[key] = index
                finished.add(client.submit(_analyse_on_worker, name, work[index], key=key))
                self.tasks += 1

        refill()
        killed: list[int] = []
        for future in finished:
            index = owners.pop(future.key)
            try:
                outcomes = _result(future)
            except KilledWorker as error:
                self.deaths = error.allowed_failures + 1
                killed.append(index)
            else:
                yield from zip(work[index], outcomes, strict=True)
            future.release()
            refill()
        for index in killed:
            yield from self._alone(client, work[index], name, run, index)

    def _alone(
        self, client: Client, batch: Sequence[Article], name: str, run: str, index: int
    ) -> Iterator[tuple[Article, Outcome]]:
        """A batch that killed its workers, article by article, each a task of its own sent
        when the one before has ended (an article alone in its batch is not tried again)."""
        if len(batch) == 1:
            killed = Failure(f"{DIED_AGAIN} (killed or crashed, on {self.deaths} Dask workers)")
            yield batch[0], killed
            return
        prefix = f"chronology-alone-{run}-{index}"
        # One at a time: a task queued on a worker that the culprit kills would count as
        # a suspect too (the scheduler may give both to the one worker up after the deaths)
        for n, article in enumerate(batch):
            future = client.submit(_analyse_on_worker, name, [article], key=f"{prefix}-{n}")
            self.tasks += 1
            try:
                outcome = _result(future)[0]
            except KilledWorker as error:
                deaths = error.allowed_failures + 1
                outcome = Failure(f"{DIED_AGAIN} (killed or crashed, on {deaths} Dask workers)")
            yield article, outcome
            future.release()


def _result(future: Any) -> list[Outcome]:
    """A task's outcomes; KilledWorker as it is, ModelError as it is (the model cannot be
    loaded on a worker), anything else -- the task could not even start -- as an
    ExecutorError (an article's own failure never gets here: `analyse_safely` catches it)."""
    try:
        outcomes: list[Outcome] = future.result()
    except (KilledWorker, ModelError):
        raise
    except Exception as error:  # noqa: BLE001 - a worker that cannot run the analysis
        raise ExecutorError(
            f"a Dask worker cannot run the analysis ({one_line(error)}): install this version "
            f"of chronology and the spaCy model on every worker"
        ) from None
    return outcomes


@dataclass(frozen=True)
class _Session:
    """A client of the cluster whose workers hold the run's pipeline (plugin name)."""

    client: Client
    run: str
    name: str


@contextmanager
def _session(
    scheduler: str | None, workers: int, pipeline: PipelineSpec, batches: int
) -> Iterator[_Session]:
    """A session with the pipeline loaded on the cluster's workers; its plugin is
    removed and the client closed (a local cluster stopped) at the end."""
    with _client(scheduler, workers, batches) as client:
        run = uuid.uuid4().hex[:12]
        name = f"chronology-pipeline-{run}"
        try:
            client.register_plugin(_PipelinePlugin(pipeline), name=name)
        except ModelError:
            raise
        except Exception as error:  # noqa: BLE001 - a worker could not unpickle or load it
            raise ExecutorError(
                f"the Dask workers cannot load the analysis ({one_line(error)}): install "
                f"this version of chronology and the spaCy model on every worker"
            ) from None
        try:
            yield _Session(client, run, name)
        finally:
            with suppress(Exception):  # a cluster that went away has no plugin to remove
                client.unregister_worker_plugin(name)


class _Early:
    """A session opened on a background thread, held open until `close`."""

    def __init__(self, scheduler: str | None, workers: int, pipeline: PipelineSpec) -> None:
        self.pipeline = pipeline
        self._stack = ExitStack()
        self._opened: _Session | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._open, args=(scheduler, workers), name="chronology-dask-start"
        )
        self._thread.start()

    def _open(self, scheduler: str | None, workers: int) -> None:
        # No batch count yet: a local cluster gets workers (0: one per CPU) processes.
        try:
            self._opened = self._stack.enter_context(
                _session(scheduler, workers, self.pipeline, batches=1 << 30)
            )
        except BaseException as error:  # noqa: BLE001 - raised in the thread that waits
            self._error = error

    def session(self) -> _Session:
        """The session, once open; the error that stopped it from opening, raised here."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._opened is not None
        return self._opened

    def close(self) -> None:
        """Close the session (after it has opened or failed to)."""
        self._thread.join()
        self._stack.close()


@contextmanager
def _client(scheduler: str | None, workers: int, batches: int) -> Iterator[Client]:
    """A client of the cluster at scheduler, or of a local cluster started here."""
    from generator.executors import cpu_count

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            raise ExecutorError(
                f"cannot reach the Dask scheduler at {scheduler}: {one_line(error)}"
            ) from None
        try:
            try:
                client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
            except TimeoutError:
                raise ExecutorError(
                    f"the Dask scheduler at {scheduler} has no worker "
                    f"(waited {WORKER_TIMEOUT:.0f} s): start some with `dask worker {scheduler}`"
                ) from None
            yield client
        finally:
            client.close()
        return
    count = max(1, min(workers if workers > 0 else cpu_count(), batches))
    # The settings hold while the cluster runs: a worker that restarts after a death is
    # started (and configured) with them too.
    with dask.config.set(local_config()):
        cluster = LocalCluster(
            n_workers=count,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            # Without bokeh the dashboard still listens; a random loopback port never
            # clashes with another run's and is not reachable from elsewhere.
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.CRITICAL,
        )
        client = Client(cluster, set_as_default=False)
        try:
            yield client
        finally:
            # A worker restarting after a death would print errors if closed mid-start.
            with suppress(TimeoutError):
                client.wait_for_workers(count, timeout=30)
            client.close()
            cluster.close()


# What a worker process of the local cluster imports before it is started: Distributed,
# spaCy and the analysis (a spawned worker imports them itself, about 2.5 CPU s each).
_WORKER_IMPORTS = ["distributed", "spacy", "generator.executors.cluster", "generator.nlp.pipeline"]


def local_config() -> dict[str, Any]:
    """The Dask settings of the local cluster: `LOCAL_CONFIG` and, where the platform has
    fork servers (Linux, macOS), worker processes forked from a server that imported
    `_WORKER_IMPORTS` once, instead of interpreters spawned to import them each (about
    2.5 CPU s per worker: on two cores the two workers and the client reading the articles
    would compete for the CPU with two sets of the same imports). Each worker still loads
    the model itself."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return dict(LOCAL_CONFIG)
    from distributed.utils import get_mp_context

    setting = {"distributed.worker.multiprocessing-method": "forkserver"}
    with dask.config.set(setting):
        context = get_mp_context()  # Distributed's own preload list, set once per process
    context.set_forkserver_preload(_WORKER_IMPORTS)  # type: ignore[attr-defined]
    return {**LOCAL_CONFIG, **setting}


# The pipeline this worker process loaded last, under its key: the next run with the same
# model, actors and typology (a re-run on a long-lived cluster) uses it instead of loading
# the model again. spaCy's pipeline, and its memory zone above all, are not thread-safe:
# a worker with several threads analyses one batch at a time (give workers one thread
# each, and one worker process per core).
_KEPT: dict[str, Language] = {}
_LOCK = threading.Lock()


class _PipelinePlugin(WorkerPlugin):  # type: ignore[misc]
    """Loads the pipeline once per worker (and again in a worker that restarts)."""

    def __init__(self, pipeline: PipelineSpec) -> None:
        self.pipeline = pipeline

    async def setup(self, worker: Worker) -> None:
        """Load the pipeline off the worker's event loop, which keeps answering the
        scheduler meanwhile; a ModelError reaches the client that registered the plugin."""
        await asyncio.get_running_loop().run_in_executor(None, self.loaded)

    def loaded(self) -> Language:
        """The pipeline, loaded unless this worker holds it already (a setup that failed
        is tried again here, so that its error reaches the client through the task)."""
        key = self.pipeline.key()
        with _LOCK:
            if key not in _KEPT:
                _KEPT.clear()  # one model in memory: the one this run needs
                _KEPT[key] = self.pipeline.load()
            return _KEPT[key]


def _analyse_on_worker(name: str, batch: Sequence[Article]) -> list[Outcome]:
    """The task: one batch, with the pipeline the run's plugin loaded in this worker."""
    plugin = get_worker().plugins[name]
    assert isinstance(plugin, _PipelinePlugin)
    nlp = plugin.loaded()
    with _LOCK:
        return analyse_safely(nlp, batch)
