"""One article never stops a run: the analysis of a batch, with the article that raises
found and turned into a `Failure`; what every executor runs on each batch.

An exception while analysing a batch (any exception, raised by any stage) is caught where
it happens; the batch is analysed again article by article, and the article that raises
comes back as a `Failure` -- the exception's one-line message, where in the code it was
raised and, when the failure can be reproduced on part of the text, the line of the
article's text that causes it. Every other article of the batch gets its mentions.
"""

from __future__ import annotations

import hashlib
import json
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from generator.errors import one_line
from generator.model import Article, Mention
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

# The batch whose worker died twice was analysed article by article, each alone: an
# article that kills its worker then is skipped with this reason (and how it died).
DIED_AGAIN = "its worker process died, again when it was analysed alone"


@dataclass(frozen=True)
class PipelineSpec:
    """What a worker loads its pipeline from: the model's name, the actors of the entity
    ruler and the event typology. Small and picklable: workers get this, never a model."""

    model: str
    actors: list[dict[str, Any]]
    typology: Typology | None = None

    def key(self) -> str:
        """A hash of all the pipeline is loaded from: equal keys, equal pipelines."""
        typology = None if self.typology is None else self.typology.digest()
        payload = json.dumps([self.model, self.actors, typology], sort_keys=True, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()

    def load(self) -> Language:
        """The pipeline (spaCy loads here)."""
        from generator.nlp.pipeline import load_pipeline

        return load_pipeline(self.model, actors=self.actors, typology=self.typology)


def analyse_safely(nlp: Language, batch: Sequence[Article]) -> list[Outcome]:
    """The mentions of each article of a batch; an article whose analysis raises gets a
    Failure instead, and the others are analysed again without it.

    The batch runs in one spaCy memory zone: the strings and lexemes its texts add to the
    vocabulary are dropped afterwards, so a worker that analyses articles for days does not
    grow with every new name and number. Mentions hold plain Python values, never a
    token or a hash, so nothing outlives the zone; the records are the same with it as
    without (checked byte for byte on the dev corpus).
    """
    with nlp.memory_zone():
        return _analyse_safely(nlp, batch)


def _analyse_safely(nlp: Language, batch: Sequence[Article]) -> list[Outcome]:
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


_PACKAGE = Path(__file__).resolve().parents[1]


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
