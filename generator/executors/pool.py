"""The executors of one machine: the analysis in this process, or in a pool of processes.

A worker process that dies (killed, out of memory, crashed) breaks the pool. The batches
no worker had started run again in a new pool; those that were running are suspects,
retried once each, alone, in a fresh worker. A batch that kills its worker again is
analysed article by article, each alone, and an article that kills its worker is a
`Failure` too. (In this process an exception is isolated the same way, but an article
that kills the process stops the run.)
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from generator.errors import AnalysisError
from generator.executors.isolation import DIED_AGAIN, Failure, Outcome, PipelineSpec, analyse_safely
from generator.model import Article

if TYPE_CHECKING:
    from spacy.language import Language


class InProcess:
    """The analysis in the command's own process, batch after batch, in order."""

    def analyse(
        self, work: Sequence[Sequence[Article]], pipeline: PipelineSpec
    ) -> Iterator[tuple[Article, Outcome]]:
        """Each article of each batch with its outcome."""
        if not work:
            return
        nlp = pipeline.load()
        for batch in work:
            yield from zip(batch, analyse_safely(nlp, batch), strict=True)


class ProcessPool:
    """A pool of processes on this machine, each loading the pipeline once; batches come
    back as they finish. A pool worker returns plain Mention lists, so no Doc (nor its
    ``doc._`` extensions) ever crosses a process boundary."""

    def __init__(self, processes: int, started: _Pool | None = None) -> None:
        self.processes = processes
        self.started = started  # a pool started ahead (see `start_pool`), used first

    def analyse(
        self, work: Sequence[Sequence[Article]], pipeline: PipelineSpec
    ) -> Iterator[tuple[Article, Outcome]]:
        """Each article of each batch with its outcome (see the module for dead workers)."""
        started, self.started = self.started, None
        if work:
            yield from _pooled(work, min(self.processes, len(work)), pipeline, started)
        elif started is not None:
            started.close()


# How many tasks a pool started ahead can mark (in shared memory): 4,096 batches of
# articles; a run with more starts its pool when it knows how many.
_AHEAD_TASKS = 4096


def start_pool(processes: int, pipeline: PipelineSpec) -> _Pool:
    """A pool whose workers start loading the pipeline now, in the background, while
    this process goes on (reads the articles)."""
    pool = _Pool(processes, pipeline, _AHEAD_TASKS)
    for _ in range(processes):
        pool.executor.submit(_ready)  # the workers start, and load the pipeline
    return pool


def _ready() -> None:
    """A task that only makes a worker start."""


# --- dead workers: the batch that kills -------------------------------------------------------


def _pooled(
    work: Sequence[Sequence[Article]],
    processes: int,
    pipeline: PipelineSpec,
    started: _Pool | None = None,
) -> Iterator[tuple[Article, Outcome]]:
    """Every batch analysed by a pool (first the one started ahead, if it can mark as
    many tasks); a pool that breaks is replaced (see the module)."""
    todo = list(range(len(work)))
    suspects: list[int] = []
    if started is not None and started.tasks < len(todo):
        started.close()
        started = None
    while todo:
        pool = started or _Pool(min(processes, len(todo)), pipeline, len(todo))
        started = None
        try:
            futures = {
                pool.submit(slot, work[index]): (slot, index) for slot, index in enumerate(todo)
            }
            lost: list[tuple[int, int]] = []
            for future in as_completed(futures):
                slot, index = futures[future]
                try:
                    outcomes = future.result()
                except BrokenProcessPool:
                    lost.append((slot, index))
                    continue
                yield from zip(work[index], outcomes, strict=True)
        finally:
            pool.close()
        running = sorted(index for slot, index in lost if pool.started(slot))
        if lost and not running:
            raise AnalysisError(
                f"the analysis processes died before analysing any article ({pool.deaths()})"
            )
        suspects += running
        todo = sorted(index for slot, index in lost if not pool.started(slot))
    if suspects:
        yield from _isolated(work, suspects, pipeline)


def _isolated(
    work: Sequence[Sequence[Article]], suspects: list[int], pipeline: PipelineSpec
) -> Iterator[tuple[Article, Outcome]]:
    """The batches that were running when a worker died, each alone in one worker, so that
    a death names its batch; a batch that dies again, article by article."""
    alone = _Alone(pipeline)
    try:
        for index in suspects:
            batch = work[index]
            outcomes = alone.run(batch)
            if not isinstance(outcomes, str):
                yield from zip(batch, outcomes, strict=True)
                continue
            for article in batch:
                outcome = alone.run([article])
                if isinstance(outcome, str):
                    yield article, Failure(f"{DIED_AGAIN} ({outcome})")
                else:
                    yield article, outcome[0]
    finally:
        alone.close()


class _Alone:
    """One worker process at a time, each task alone; a fresh one after each death."""

    def __init__(self, pipeline: PipelineSpec) -> None:
        self.pipeline = pipeline
        self.pool: _Pool | None = None

    def run(self, batch: Sequence[Article]) -> list[Outcome] | str:
        """The batch's outcomes, or how its worker died."""
        if self.pool is None:
            self.pool = _Pool(1, self.pipeline, 1)
        self.pool.reset(0)
        try:
            return self.pool.submit(0, batch).result()
        except BrokenProcessPool:
            pool, self.pool = self.pool, None
            pool.close()
            if not pool.started(0):
                raise AnalysisError(
                    f"the analysis process died before analysing any article ({pool.deaths()})"
                ) from None
            return pool.deaths()

    def close(self) -> None:
        """Stop the worker."""
        if self.pool is not None:
            self.pool.close()


class _Pool:
    """A process pool whose workers load the pipeline once and mark each task they start
    (in shared memory), so that after a death the tasks that were running are known."""

    def __init__(self, processes: int, pipeline: PipelineSpec, tasks: int) -> None:
        # The platform's default start method (fork on Linux): a worker inherits the
        # parent's modules as they are, patches included.
        context = multiprocessing.get_context()
        self.tasks = tasks
        self._started: Any = context.Array("b", tasks, lock=False)
        self.executor = ProcessPoolExecutor(
            processes,
            mp_context=context,
            initializer=_start_worker,
            initargs=(pipeline, self._started),
        )
        self._processes: list[Any] = []

    def submit(self, slot: int, batch: Sequence[Article]) -> Future[list[Outcome]]:
        """Analyse batch in a worker as task number slot."""
        future = self.executor.submit(_work, slot, batch)
        # The executor's own record of its processes, kept to tell how one died.
        self._processes = list(getattr(self.executor, "_processes", {}).values()) or self._processes
        return future

    def started(self, slot: int) -> bool:
        """Whether a worker started task slot."""
        return bool(self._started[slot])

    def reset(self, slot: int) -> None:
        """Mark task slot as not started, to reuse its number."""
        self._started[slot] = 0

    def deaths(self) -> str:
        """How the pool's dead workers died: 'killed by SIGKILL', 'exit code 70'."""
        seen = []
        for process in self._processes:
            code = getattr(process, "exitcode", None)
            if code is None or code == 0 or code == -signal.SIGTERM:
                continue  # still running, or stopped by the executor after another died
            if code < 0:
                name = signal.Signals(-code).name
                seen.append(f"killed by {name}" + (": out of memory?" if name == "SIGKILL" else ""))
            else:
                seen.append(f"exit code {code}")
        return ", ".join(dict.fromkeys(seen)) or "killed or crashed"

    def close(self) -> None:
        """Stop the workers, dropping tasks not yet started."""
        self.executor.shutdown(wait=True, cancel_futures=True)


# One pipeline per pool worker, loaded by the pool's initializer.
_PIPELINE: Language | None = None
_FAILURE: BaseException | None = None
_STARTED: Any = None


def _start_worker(pipeline: PipelineSpec, started: Any) -> None:
    global _PIPELINE, _FAILURE, _STARTED
    _STARTED = started
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True).start()
    try:
        _PIPELINE = pipeline.load()
    except Exception as error:  # noqa: BLE001 - raised by _work, in the parent process
        # An initializer that raises breaks the pool; this way the parent gets the error.
        _FAILURE = error


def _exit_with(parent: int) -> None:
    """End this worker when its parent has ended (killed): it would otherwise wait for work
    forever, holding a model in memory."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _work(slot: int, batch: Sequence[Article]) -> list[Outcome]:
    _STARTED[slot] = 1
    if _FAILURE is not None:
        raise _FAILURE
    assert _PIPELINE is not None
    return analyse_safely(_PIPELINE, batch)
