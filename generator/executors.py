"""Where the per-article analysis runs: in this process or in a pool of processes.

The analysis of each article is independent of every other; the articles are cut into
the same batches whatever runs them, so every executor gives the same results.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from generator.model import Article, Mention
from generator.nlp.pipeline import batches
from generator.typology import Typology

if TYPE_CHECKING:
    from spacy.language import Language


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
) -> Iterator[tuple[Article, list[Mention]]]:
    """Each article with its mentions, in order: in this process or in a pool of them.

    A pool worker loads its own pipeline once and returns plain Mention lists, so no Doc
    (nor its ``doc._`` extensions) ever crosses a process boundary. The batches are the
    same whatever the number of processes, hence so are the results.
    """
    if not articles:
        return
    work = batches(articles, batch_size)
    processes = min(n_process if n_process > 0 else cpu_count(), len(work))
    if processes <= 1:
        from generator.nlp.pipeline import analyse_batch, load_pipeline  # spaCy loads here

        nlp = load_pipeline(model, actors=actors)
        for batch in work:
            yield from zip(batch, analyse_batch(nlp, batch, typology), strict=True)
        return
    import multiprocessing

    with multiprocessing.Pool(processes, _start_worker, (model, actors, typology)) as pool:
        for batch, results in zip(work, pool.imap(_work, work), strict=True):
            yield from zip(batch, results, strict=True)


# One pipeline per pool worker, loaded by the pool's initializer.
_PIPELINE: Language | None = None
_TYPOLOGY: Typology | None = None
_FAILURE: BaseException | None = None


def _start_worker(
    model: str, actors: Sequence[Mapping[str, Any]], typology: Typology | None
) -> None:
    global _PIPELINE, _FAILURE, _TYPOLOGY
    from generator.nlp.pipeline import load_pipeline

    _TYPOLOGY = typology
    try:
        _PIPELINE = load_pipeline(model, actors=actors)
    except Exception as error:  # noqa: BLE001 - raised by _work, in the parent process
        # An initializer that raises makes the pool start new workers forever.
        _FAILURE = error


def _work(batch: Sequence[Article]) -> list[list[Mention]]:
    from generator.nlp.pipeline import analyse_batch

    if _FAILURE is not None:
        raise _FAILURE
    assert _PIPELINE is not None
    return analyse_batch(_PIPELINE, batch, _TYPOLOGY)
