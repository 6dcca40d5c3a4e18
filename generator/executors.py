"""Where the per-article analysis runs (in this process or in a pool of processes), and what
happens when it fails on one article.

The analysis of each article is independent of every other; the articles are cut into
the same batches whatever runs them, so every executor gives the same results.

No single article can stop a run:

- an exception while analysing a batch (any exception, raised by any stage) is caught where
  it happens; the batch is analysed again article by article, and the article that raises
  comes back as a `Failure` -- the exception's one-line message, where in the code it was
  raised and, when the failure can be reproduced on part of the text, the line of the
  article's text that causes it. Every other article of the batch gets its mentions;
- a worker process that dies (killed, out of memory, crashed) breaks the pool. The batches
  no worker had started run again in a new pool; those that were running are suspects,
  retried once each, alone, in a fresh worker. A batch that kills its worker again is
  analysed article by article, each alone, and an article that kills its worker is a
  `Failure` too.

When nothing fails, every article is analysed exactly as before, in the same batches.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
import traceback
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from generator.errors import AnalysisError, one_line
from generator.model import Article, Mention
from generator.nlp.pipeline import batches
from generator.typology import Typology

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(frozen=True)
class Failure:
    """Why an article has no analysis: the exception it raised, or the worker it killed."""

    reason: str  # 'ValueError: max() arg is an empty sequence', or how the worker died
    line: int | None = None  # the line of the article's text that raises on its own
    excerpt: str = ""  # the start of that line
    raised_in: str = ""  # 'generator/timex/normalize.py:201', the innermost frame of ours

    def describe(self, file: str) -> str:
        """'file: skipped, line 7 of its text ("Last winter…"): ValueError: … (raised in …)'."""
        where = f", line {self.line} of its text ({self.excerpt!r})" if self.line else ""
        raised = f" (raised in {self.raised_in})" if self.raised_in else ""
        return f"{file}: skipped{where}: {self.reason}{raised}"


Outcome: TypeAlias = "list[Mention] | Failure"
# What a worker loads its pipeline from: the model's name, the actors of the entity ruler
# and the event typology.
_PipelineArgs: TypeAlias = "tuple[str, list[dict[str, Any]], Typology | None]"


def cpu_count() -> int:
    """The processors this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def analyse_articles(
    articles: list[Article],
    *,
    model: str,
    actors: list[dict[str, Any]],
    n_process: int,
    batch_size: int,
    typology: Typology | None = None,
) -> Iterator[tuple[Article, Outcome]]:
    """Each article with its mentions, or the Failure that stopped its analysis.

    In this process, articles come in order; from a pool of processes, batch by batch as
    they finish. A pool worker loads its own pipeline once and returns plain Mention lists,
    so no Doc (nor its ``doc._`` extensions) ever crosses a process boundary. The batches
    are the same whatever the number of processes, hence so are the results.
    """
    if not articles:
        return
    work = batches(articles, batch_size)
    processes = min(n_process if n_process > 0 else cpu_count(), len(work))
    if processes <= 1:
        from generator.nlp.pipeline import load_pipeline  # spaCy loads here

        nlp = load_pipeline(model, actors=actors, typology=typology)
        for batch in work:
            yield from zip(batch, analyse_safely(nlp, batch), strict=True)
        return
    yield from _pooled(work, processes, model, actors, typology)


# --- exceptions: the article that raises ------------------------------------------------------


def analyse_safely(nlp: Language, batch: Sequence[Article]) -> list[Outcome]:
    """The mentions of each article of a batch; an article whose analysis raises gets a
    Failure instead, and the others are analysed again without it."""
    from generator.nlp.pipeline import analyse_batch

    try:
        return list(analyse_batch(nlp, batch))
    except Exception as error:  # noqa: BLE001 - any bug in any stage: find the article
        if len(batch) == 1:
            return [_failure(nlp, batch[0], error)]
    outcomes: list[Outcome] = []
    for article in batch:
        try:
            outcomes.append(analyse_batch(nlp, [article])[0])
        except Exception as error:  # noqa: BLE001
            outcomes.append(_failure(nlp, article, error))
    return outcomes


_PACKAGE = Path(__file__).resolve().parent


def _failure(nlp: Language, article: Article, error: Exception) -> Failure:
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if Path(f.filename).resolve().is_relative_to(_PACKAGE)]
    raised_in = ""
    if ours:
        file = Path(ours[-1].filename).resolve().relative_to(_PACKAGE.parent).as_posix()
        raised_in = f"{file}:{ours[-1].lineno}"
    line = _failing_line(nlp, article)
    excerpt = ""
    if line is not None:
        text = article.text.split("\n")[line - 1].strip()
        excerpt = text if len(text) <= 60 else text[:59] + "…"
    return Failure(one_line(error), line, excerpt, raised_in)


def _failing_line(nlp: Language, article: Article) -> int | None:
    """The line of the article's text whose analysis alone raises (1-based), found by
    halving the text; None when no part of it raises alone."""
    from generator.nlp.pipeline import analyse_batch

    lines = article.text.split("\n")

    def raises(start: int, end: int) -> bool:
        text = "\n".join(lines[start:end])
        if not text.strip():
            return False
        try:
            analyse_batch(nlp, [replace(article, text=text)])
        except Exception:  # noqa: BLE001
            return True
        return False

    start, end = 0, len(lines)
    while end - start > 1:
        middle = (start + end) // 2
        if raises(start, middle):
            end = middle
        elif raises(middle, end):
            start = middle
        else:
            return None  # it takes both halves together
    return start + 1 if raises(start, end) else None


# --- dead workers: the batch that kills -------------------------------------------------------


def _pooled(
    work: list[Sequence[Article]],
    processes: int,
    model: str,
    actors: list[dict[str, Any]],
    typology: Typology | None,
) -> Iterator[tuple[Article, Outcome]]:
    """Every batch analysed by a pool; a pool that breaks is replaced (see the module)."""
    todo = list(range(len(work)))
    suspects: list[int] = []
    while todo:
        pool = _Pool(min(processes, len(todo)), (model, actors, typology), len(todo))
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
        yield from _isolated(work, suspects, model, actors, typology)


def _isolated(
    work: list[Sequence[Article]],
    suspects: list[int],
    model: str,
    actors: list[dict[str, Any]],
    typology: Typology | None,
) -> Iterator[tuple[Article, Outcome]]:
    """The batches that were running when a worker died, each alone in one worker, so that
    a death names its batch; a batch that dies again, article by article."""
    alone = _Alone((model, actors, typology))
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
                    again = f"its worker process died, again when it was analysed alone ({outcome})"
                    yield article, Failure(again)
                else:
                    yield article, outcome[0]
    finally:
        alone.close()


class _Alone:
    """One worker process at a time, each task alone; a fresh one after each death."""

    def __init__(self, pipeline: _PipelineArgs) -> None:
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

    def __init__(self, processes: int, pipeline: _PipelineArgs, tasks: int) -> None:
        # The platform's default start method (fork on Linux): a worker inherits the
        # parent's modules as they are, patches included.
        context = multiprocessing.get_context()
        self._started: Any = context.Array("b", tasks, lock=False)
        self.executor = ProcessPoolExecutor(
            processes,
            mp_context=context,
            initializer=_start_worker,
            initargs=(*pipeline, self._started),
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


def _start_worker(
    model: str, actors: Sequence[Mapping[str, Any]], typology: Typology | None, started: Any
) -> None:
    global _PIPELINE, _FAILURE, _STARTED
    from generator.nlp.pipeline import load_pipeline

    _STARTED = started
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True).start()
    try:
        _PIPELINE = load_pipeline(model, actors=actors, typology=typology)
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
