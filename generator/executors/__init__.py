"""Where the per-article analysis runs: in this process, in a pool of processes on this
machine, or on a Dask cluster -- and what happens when it fails on one article.

The analysis of each article is independent of every other (a map); consolidation, which
follows on the client, is corpus-wide. Every executor gets the same batches of articles
(`generator.nlp.pipeline.batches`) and runs `analyse_safely` on each in a worker that
loaded the pipeline once, so every executor produces the same mentions, hence the same
records. An executor is anything with

    analyse(work: batches of articles, pipeline: PipelineSpec)
        -> iterator of (article, list of mentions | Failure)

yielding every article of every batch exactly once, in any order (batch by batch as they
finish), which is what the progress bar counts. No single article stops a run: one that
raises, or whose worker dies twice, comes back as a `Failure` (see `isolation`, `pool`,
`cluster`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

from generator.errors import ExecutorError, one_line
from generator.executors.isolation import (
    DIED_AGAIN,
    Failure,
    Outcome,
    PipelineSpec,
    analyse_safely,
)
from generator.executors.pool import InProcess, ProcessPool, start_pool
from generator.model import Article
from generator.nlp.pipeline import BATCH_SIZE, batches
from generator.typology import Typology

__all__ = [
    "DIED_AGAIN",
    "EXECUTORS",
    "Executor",
    "ExecutorError",
    "Failure",
    "InProcess",
    "Local",
    "Outcome",
    "PipelineSpec",
    "Preparing",
    "ProcessPool",
    "analyse_articles",
    "analyse_safely",
    "cpu_count",
    "executor_named",
    "require_distributed",
]

# The names `--executor` / $CHRONOLOGY_EXECUTOR accept.
EXECUTORS = ("local", "dask")


class Executor(Protocol):
    """Runs `analyse_safely` over batches of articles somewhere."""

    def analyse(
        self, work: Sequence[Sequence[Article]], pipeline: PipelineSpec
    ) -> Iterator[tuple[Article, Outcome]]:
        """Each article of each batch with its outcome, every article exactly once."""
        ...


@runtime_checkable
class Preparing(Protocol):
    """An executor that takes time to start (a cluster), and can start ahead of its work."""

    def prepare(self, pipeline: PipelineSpec) -> None:
        """Start now, in the background, for analyses with pipeline."""
        ...

    def close(self) -> None:
        """Stop what prepare started."""
        ...


def cpu_count() -> int:
    """The processors this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class Local:
    """This machine: a pool of `jobs` processes (0: one per CPU), or this process when
    one process is asked for or there is only one batch (no pool to start)."""

    def __init__(self, jobs: int = 0) -> None:
        self.jobs = jobs
        self._ahead: tuple[PipelineSpec, Any] | None = None

    def prepare(self, pipeline: PipelineSpec) -> None:
        """Start the pool's workers now, each loading the pipeline, while the articles are
        read (a run with nothing cached: every article will be analysed)."""
        processes = self.jobs if self.jobs > 0 else cpu_count()
        if processes > 1 and self._ahead is None:
            self._ahead = (pipeline, start_pool(processes, pipeline))

    def close(self) -> None:
        """Stop the workers started ahead, if no analysis took them."""
        ahead, self._ahead = self._ahead, None
        if ahead is not None:
            ahead[1].close()

    def analyse(
        self, work: Sequence[Sequence[Article]], pipeline: PipelineSpec
    ) -> Iterator[tuple[Article, Outcome]]:
        """Each article of each batch with its outcome."""
        jobs = self.jobs if self.jobs > 0 else cpu_count()
        ahead, self._ahead = self._ahead, None
        if ahead is not None and ahead[0].key() == pipeline.key() and work:
            # the workers started ahead are loaded or loading: theirs is the first round
            yield from ProcessPool(min(jobs, len(work)), ahead[1]).analyse(work, pipeline)
            return
        if ahead is not None:
            ahead[1].close()
        processes = min(jobs, len(work))
        executor: Executor = InProcess() if processes <= 1 else ProcessPool(processes)
        yield from executor.analyse(work, pipeline)


def executor_named(name: str, *, jobs: int = 0, scheduler: str | None = None) -> Executor:
    """The executor called name ('local' or 'dask'); jobs: processes of the local pool,
    or workers of a local Dask cluster (0: one per CPU); scheduler: the address of an
    existing Dask cluster ('tcp://host:8786'; None: start one on this machine).

    ExecutorError when Dask is asked for and not installed."""
    if name == "local":
        return Local(jobs)
    if name == "dask":
        require_distributed()
        from generator.executors.cluster import Dask

        return Dask(scheduler=scheduler, workers=jobs)
    raise ExecutorError(f"unknown executor {name!r}: use one of {', '.join(EXECUTORS)}")


def require_distributed() -> None:
    """ExecutorError, saying how to install it, when Dask distributed is not installed."""
    try:
        import distributed  # noqa: F401
    except ImportError as error:
        raise ExecutorError(
            f"--executor dask needs Dask distributed, which is not installed here "
            f"({one_line(error)}): pip install 'chronology[dask]'"
        ) from None


def analyse_articles(
    articles: list[Article],
    *,
    model: str,
    actors: list[dict[str, Any]],
    n_process: int = 0,
    batch_size: int = BATCH_SIZE,
    typology: Typology | None = None,
    executor: Executor | None = None,
) -> Iterator[tuple[Article, Outcome]]:
    """Each article with its mentions, or the Failure that stopped its analysis.

    executor: where the batches run (default: `Local(n_process)`). The batches are the
    same whatever runs them, hence so are the results. Nothing is started (no pool, no
    cluster, no model) when there is no article.
    """
    if not articles:
        return
    runner = executor if executor is not None else Local(n_process)
    yield from runner.analyse(batches(articles, batch_size), PipelineSpec(model, actors, typology))
