"""The spaCy components of the extraction, registered in one place.

Each component's ``__call__`` runs a pure ``find_*`` function and then sets annotations,
so tests can call the pure function directly.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc

from generator.timex.tagger import Timex, find_timexes

if not Doc.has_extension("anchor"):
    Doc.set_extension("anchor", default=None)
if not Doc.has_extension("timexes"):
    Doc.set_extension("timexes", default=())


class TimexTagger:
    """Finds and normalises temporal expressions, anchored on ``doc._.anchor``; without an
    anchor, relative and year-less expressions are left out (never the day of the run)."""

    def __init__(self, *, default_anchor: dt.date | None = None) -> None:
        self.default_anchor = default_anchor

    def __call__(self, doc: Doc) -> Doc:
        anchor = doc._.anchor or self.default_anchor
        self.set_annotations(doc, find_timexes(doc.text, anchor=anchor, doc=doc))
        return doc

    @staticmethod
    def set_annotations(doc: Doc, timexes: list[Timex]) -> None:
        """Store the timexes on the doc."""
        doc._.timexes = tuple(timexes)


@Language.factory("chronology_timex")
def make_timex_tagger(nlp: Language, name: str) -> TimexTagger:
    """Factory of the temporal tagger component."""
    return TimexTagger()
