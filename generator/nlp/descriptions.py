"""A thing told by 'the' and its noun alone, by the words the article gave it when it told
it before: 'The motion was passed' after 'a motion to lift the emergency martial law' is
'The motion to lift the emergency martial law'; 'filed the motion' after 'the second
impeachment motion' is 'filed the impeachment motion'."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.nlp.phrases import join

if TYPE_CHECKING:  # spaCy loads only when articles are analysed
    from spacy.tokens import Token

# The most words an earlier infinitive may bring ("to lift the emergency martial law").
_AT_MOST = 6


def described_before(noun: Token) -> str | None:
    """'the motion' as the article told it the nearest time before with more words: with
    its nouns before it ('the impeachment motion') or its infinitive ('the motion to lift
    the emergency martial law', a few words); None when the phrase has words of its own,
    or no earlier mention gives any."""
    if noun.pos_ != "NOUN" or noun.tag_ != "NN":
        return None
    children = [c for c in noun.children if c.dep_ != "punct"]
    if [c.lower_ for c in children] != ["the"]:
        return None  # "the second motion", "the motion to impeach" say which themselves
    for earlier in reversed(noun.doc[: noun.sent.start]):
        if earlier.lemma_ != noun.lemma_ or earlier.tag_ != noun.tag_:
            continue
        compounds = [c for c in earlier.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]
        if compounds and all(
            c.i + 1 == n.i for c, n in zip(compounds, [*compounds[1:], earlier], strict=True)
        ):
            return f"the {join([*compounds, earlier])}"
        infinitive = _infinitive(earlier)
        if infinitive is not None:
            return f"the {earlier.text} {infinitive}"
    return None


def _infinitive(noun: Token) -> str | None:
    """'to lift the emergency martial law' of 'a motion to lift the emergency martial law
    declared by ...': the infinitive after a noun with its object, without what describes
    the object, in a few words; None without one."""
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "relcl")
            and c.i > noun.i
            and any(a.tag_ == "TO" for a in c.children)
        ),
        None,
    )
    if clause is None:
        return None
    objects = [c for c in clause.children if c.dep_ == "dobj"]
    words = [*(a for a in clause.children if a.tag_ == "TO"), clause]
    if objects:
        aside = {
            t.i
            for c in objects[0].children
            if c.dep_ in ("acl", "relcl", "prep")
            for t in c.subtree
        }
        words += [t for t in objects[0].subtree if t.i not in aside and not t.is_punct]
    return join(words) if len(words) <= _AT_MOST else None
