"""The English model's two rule components, computed faster with the same results.

An English spaCy pipeline ends with two components that apply rules, not a network:

- the attribute ruler sets POS, morphology and some lemmas from ~180 token patterns
  (``TAG == "PRP" and LOWER == "i"`` ...). spaCy runs them through its general
  ``Matcher`` and sets each match through a ``Span``: about 2 CPU seconds for 125 news
  articles, as long as the tagger and the parser together;
- the rule lemmatizer looks each token's lemma up in Python, caching only some of them:
  about 2 CPU seconds too.

``fast_rules(nlp)`` replaces the first with the same patterns matched by an index on
their tag and lower-case form, and puts before the second a component that fills each
token's lemma from a table of (form, POS, morphology) -> lemma that the original
lemmatizer's own ``rule_lemmatize`` fills on first sight. The annotations are the same
as spaCy's, attribute for attribute (``tests/nlp/test_rules.py`` compares them on real
articles); a model whose patterns use keys or operators not read here keeps its own
components.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens._retokenize import set_token_attrs

if TYPE_CHECKING:
    from spacy.pipeline import Lemmatizer
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

__all__ = ["fast_rules"]

_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_ARRAY = [TAG, LOWER, DEP, IS_SPACE]


def fast_rules(nlp: Language) -> None:
    """Swap the pipeline's attribute ruler and rule lemmatizer for their fast equivalents,
    where they are spaCy's own and their rules are of the forms read here."""
    if "attribute_ruler" in nlp.pipe_names:
        try:  # the factory indexes the ruler's patterns, or says it cannot
            nlp.add_pipe("chronology_attribute_ruler", after="attribute_ruler")
        except _NotIndexable:
            pass
        else:
            nlp.remove_pipe("attribute_ruler")
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        if _memoisable(lemmatizer):
            nlp.add_pipe("chronology_lemmas", before="lemmatizer")
            nlp.remove_pipe("lemmatizer")


# --- the attribute ruler ------------------------------------------------------------------


_EQ, _IN, _NOT_IN, _IS, _REGEX = range(5)
_Check = tuple[int, int, Any]  # (column, operator, operand)


class _Pattern:
    """One token pattern of the ruler: the checks of each of its tokens, and the position
    of what it sets among the ruler's attrs (the order spaCy applies them in)."""

    def __init__(self, checks: list[list[_Check]], attr_index: int, strings: Any) -> None:
        self.checks = checks
        self.attr_index = attr_index
        self.strings = strings

    def matches(self, rows: list[list[int]], start: int) -> bool:
        """Whether the pattern matches the rows from start on."""
        if start + len(self.checks) > len(rows):
            return False
        for offset, checks in enumerate(self.checks):
            row = rows[start + offset]
            for column, operator, operand in checks:
                value = row[column]
                if operator == _EQ:
                    ok = value == operand
                elif operator == _IN:
                    ok = value in operand
                elif operator == _NOT_IN:
                    ok = value not in operand
                elif operator == _IS:
                    ok = bool(value) is operand
                else:
                    ok = bool(operand.search(self.strings[value]))
                if not ok:
                    return False
        return True


class FastAttributeRuler:
    """spaCy's attribute ruler with its patterns found by index instead of a Matcher."""

    def __init__(self, ruler: Any, patterns: list[tuple[_Pattern, list[Any]]]) -> None:
        self.ruler = ruler
        self.by_key: dict[Any, list[_Pattern]] = {}
        self.anywhere: list[_Pattern] = []
        for pattern, keys in patterns:
            for key in keys:
                self.by_key.setdefault(key, []).append(pattern)
            if not keys:
                self.anywhere.append(pattern)

    def __call__(self, doc: Doc) -> Doc:
        rows: list[list[int]] = doc.to_array(_ARRAY).tolist()
        matches: list[tuple[int, int, int]] = []
        get = self.by_key.get
        for start, (tag, lower, dep, space) in enumerate(rows):
            found = [
                *get(("TL", tag, lower), ()),
                *get(("T", tag), ()),
                *get(("L", lower), ()),
                *get(("D", dep), ()),
                *(get(("S",), ()) if space else ()),
                *self.anywhere,
            ]
            for pattern in found:
                if pattern.matches(rows, start):
                    matches.append((pattern.attr_index, start, start + len(pattern.checks)))
        # as spaCy applies them: by the order the patterns were added, later ones last
        matches.sort()
        attrs, indices = self.ruler.attrs, self.ruler.indices
        for attr_index, start, end in matches:
            index = indices[attr_index]
            token = start + index if index >= 0 else end + index
            if not start <= token < end:
                raise ValueError(f"attribute ruler: index {index} outside its pattern")
            set_token_attrs(doc[token], attrs[attr_index])
        return doc


def _compiled(ruler: Any) -> list[tuple[_Pattern, list[Any]]] | None:
    """The ruler's patterns as checks on (tag, lower, dep, is_space) rows, each with the
    keys it is indexed by; None when a pattern uses a key or an operator not read here."""
    vocab: Vocab = ruler.vocab
    compiled: list[tuple[_Pattern, list[Any]]] = []
    # the Matcher's keys are the positions of the attrs, in the order they were added
    for attr_index, entry in enumerate(ruler.patterns):
        for tokens in entry["patterns"]:
            checks = [_checks(spec, vocab) for spec in tokens]
            if not checks or any(c is None for c in checks):
                return None
            pattern = _Pattern(checks, attr_index, vocab.strings)  # type: ignore[arg-type]
            compiled.append((pattern, _keys(checks[0])))  # type: ignore[arg-type]
    return compiled


def _keys(checks: list[_Check]) -> list[Any]:
    """The index keys of a pattern's first token: one per value it accepts of its tag and
    lower-case form together, else of one of them, else of its dependency, else whether
    it is a space; none (tried everywhere) for a regular expression alone."""
    accepted: dict[int, list[int]] = {}
    for column, operator, operand in checks:
        if operator == _EQ:
            accepted[column] = [operand]
        elif operator == _IN and column not in accepted:
            accepted[column] = sorted(operand)
    tags, lowers = accepted.get(_COLUMNS["TAG"]), accepted.get(_COLUMNS["LOWER"])
    if tags is not None and lowers is not None:
        return [("TL", tag, lower) for tag in tags for lower in lowers]
    if tags is not None:
        return [("T", tag) for tag in tags]
    if lowers is not None:
        return [("L", lower) for lower in lowers]
    if _COLUMNS["DEP"] in accepted:
        return [("D", dep) for dep in accepted[_COLUMNS["DEP"]]]
    if (_COLUMNS["IS_SPACE"], _IS, True) in checks:
        return [("S",)]
    return []


def _checks(spec: dict[str, Any], vocab: Vocab) -> list[_Check] | None:
    """One token spec as checks on a row; None when it cannot be read here."""
    checks: list[_Check] = []
    for name, value in spec.items():
        column = _COLUMNS.get(name)
        if column is None:
            return None
        check = _check(column, name, value, vocab)
        if check is None:
            return None
        checks.append(check)
    return checks


def _check(column: int, name: str, value: Any, vocab: Vocab) -> _Check | None:
    if name == "IS_SPACE":
        return (column, _IS, value) if isinstance(value, bool) else None
    if isinstance(value, str):
        return (column, _EQ, vocab.strings.add(value) if value else 0)
    if not isinstance(value, dict) or len(value) != 1:
        return None
    ((operator, operand),) = value.items()
    if operator in ("IN", "NOT_IN") and isinstance(operand, list):
        among = frozenset(vocab.strings.add(v) if v else 0 for v in operand)
        return (column, _IN if operator == "IN" else _NOT_IN, among)
    if operator == "REGEX" and isinstance(operand, str):
        return (column, _REGEX, re.compile(operand))
    return None


@Language.factory("chronology_attribute_ruler")
def make_fast_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    """The pipeline's attribute ruler with its patterns indexed (see the module)."""
    ruler = nlp.get_pipe("attribute_ruler")
    compiled = _compiled(ruler)
    if compiled is None:
        raise _NotIndexable("the attribute ruler's patterns cannot be indexed")
    return FastAttributeRuler(ruler, compiled)


class _NotIndexable(ValueError):
    """The attribute ruler uses a key or an operator the index does not read."""


# --- the lemmatizer -----------------------------------------------------------------------


def _memoisable(lemmatizer: Any) -> bool:
    """spaCy's rule lemmatizer (English's too), whose lemma depends only on the token's
    form, POS and morphology, and which keeps the lemmas it finds set."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import Lemmatizer

    return (
        type(lemmatizer) in (Lemmatizer, EnglishLemmatizer)
        and lemmatizer.mode == "rule"
        and not lemmatizer.overwrite
    )


class MemoLemmas:
    """Sets each unset lemma from (form, POS, morphology) -> lemma, computed once per key
    by the pipeline's lemmatizer, which it stands in for."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        # lemmas as strings: a string added inside a memory zone (one batch of the
        # analysis) is gone after it, so the doc's vocab is given each one again
        self.lemmas: dict[tuple[int, int, int], str] = {}
        # the lemmatizer asks only whether a form is in its index of a POS: a set answers
        # that at once, a list of 57,000 words after reading it through
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for pos in list(index.keys()):
            if isinstance(index[pos], list):
                index[pos] = frozenset(index[pos])

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer = self.lemmatizer
        rows: Sequence[list[int]] = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = self.lemmas
        add = doc.vocab.strings.add
        found = []
        for index, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma:
                found.append(lemma)
                continue
            key = (orth, pos, morph)
            known = lemmas.get(key)
            if known is None:
                known = lemmas[key] = lemmatizer.lemmatize(doc[index])[0]
            found.append(add(known))
        doc.from_array([LEMMA], numpy.array(found, dtype="uint64").reshape(-1, 1))  # type: ignore[arg-type]
        return doc


@Language.factory("chronology_lemmas")
def make_memo_lemmas(nlp: Language, name: str) -> MemoLemmas:
    """Lemmas from a table the pipeline's lemmatizer fills (see the module)."""
    return MemoLemmas(nlp.get_pipe("lemmatizer"))  # type: ignore[arg-type]
