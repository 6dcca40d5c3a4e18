"""The trial an article is about, named by its parties: 'the jury' of an article on the
defamation trial between Johnny Depp and Amber Heard is 'the Depp-Heard jury'.
A court story's bodies (the jury, the jurors) and its stand-ins ('the high-profile case')
name no one; the article names the trial once ('the trial of Elizabeth Holmes', 'Depp's
trial against Heard', 'the Rittenhouse trial'), and the headline does the same."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.nlp.doctext import times_written

if TYPE_CHECKING:  # spaCy loads only when articles are analysed
    from spacy.tokens import Doc, Token

# The nouns an article names a court proceeding with.
PROCEEDINGS = frozenset({"trial", "lawsuit", "case"})
# Who sits in one trial and is told without it.
TRIAL_BODIES = frozenset({"jury", "juror"})
# The words that put a party beside a proceeding: "the trial of Holmes", "between Depp and
# Heard", "against Heard".
_PARTY_WORDS = frozenset({"of", "between", "against"})
_PRONOUNS = frozenset({"his", "her", "him", "their"})


def trial_named(doc: Doc) -> str | None:
    """'the Depp-Heard trial', 'the Holmes trial': the trial the article tells of, by the
    people it writes as the parties of its trials and lawsuits: the one it writes most,
    and a second written at least half as often; None when it names no trial by people
    ('the trial of the vaccine'). Worked out once per article."""
    if _TRIAL not in doc.user_data:
        doc.user_data[_TRIAL] = _trial_of(doc)
    trial: str | None = doc.user_data[_TRIAL]
    return trial


_TRIAL = "chronology_trial"


def _trial_of(doc: Doc) -> str | None:
    """The trial :func:`trial_named` names, read from the article."""
    parties: list[str] = []
    for token in doc:
        if token.pos_ == "NOUN" and token.lemma_.lower() in ("trial", "lawsuit"):
            parties += [p for p in _parties(token) if p not in parties]
    if not parties:
        return None
    ranked = times_written(doc, set(parties)).most_common()
    kept = {name for name, count in ranked[:2] if 2 * count >= ranked[0][1]}
    named = [name for name in parties if name in kept]  # as the text orders them
    return f"the {'-'.join(named)} trial"


def _parties(proceeding: Token) -> list[str]:
    """The surnames of the people a proceeding names as its parties, in the order
    written: its owner ('Depp's trial'; 'his trial' by the person before it in its
    sentence), a name before it ('the Rittenhouse trial') and the people of its 'of',
    'between' and 'against' phrases."""
    found: list[str] = []
    for child in proceeding.children:
        if child.dep_ == "poss" and child.lower_ in _PRONOUNS:
            owner = _person_before(child)
            words = [owner] if owner is not None else []
        elif child.dep_ in ("poss", "compound"):
            words = [child]
        elif child.dep_ == "prep" and child.lower_ in _PARTY_WORDS and child.i > proceeding.i:
            # the people it joins, not what an aside says of them ("the founder of X")
            objects = [c for c in child.children if c.dep_ == "pobj"]
            joined = [j for o in objects for j in (o, *o.conjuncts)]
            words = [*joined, *(c for j in joined for c in j.children if c.dep_ == "appos")]
            # "against his ex-wife Amber Heard": whose ex-wife is the other party
            owners = [c for j in joined for c in (j, *j.children) if c.lower_ in _PRONOUNS]
            words = [o for o in map(_person_before, owners) if o is not None] + words
        else:
            continue
        for word in words:
            surname = _surname(word)
            if surname is not None and surname not in found:
                found.append(surname)
    return found


def _surname(token: Token) -> str | None:
    """The surname of the person a token is the last word of: a name tagged as a person
    here or elsewhere in the article, or joined to one ('Johnny Depp and Amber Heard');
    None for anything else."""
    if token.pos_ != "PROPN" or not token.text.istitle():
        return None
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if following is not None and following.pos_ == "PROPN" and token.dep_ == "compound":
        return None  # not the name's last word
    people = _people(token.doc)
    joined = token.dep_ == "conj" and token.head.ent_type_ == "PERSON"
    return token.text if token.ent_type_ == "PERSON" or token.text in people or joined else None


def _people(doc: Doc) -> frozenset[str]:
    """The last words of the names the tagger took for people, once per article."""
    if _PEOPLE not in doc.user_data:
        names = frozenset(ent[-1].text for ent in doc.ents if ent.label_ == "PERSON")
        doc.user_data[_PEOPLE] = names
    people: frozenset[str] = doc.user_data[_PEOPLE]
    return people


_PEOPLE = "chronology_trial_people"


def _person_before(pronoun: Token) -> Token | None:
    """The last word of the last person named before a possessive pronoun in its
    sentence ('Johnny Depp in his libel trial' -> 'Depp')."""
    for token in reversed(pronoun.doc[pronoun.sent.start : pronoun.i]):
        if _surname(token) is not None:
            return token
    return None


def body_of_trial(noun: Token) -> tuple[str, bool] | None:
    """'The seven-person jury', 'Jurors': a body of one trial told with 'the' or alone,
    by the trial the article names ('the Holmes jury', 'Holmes jurors'); None when the phrase
    or its sentence names a trial itself, or the article names none."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in TRIAL_BODIES:
        return None
    plural = noun.tag_ == "NNS"
    own = next((t for t in noun.subtree if t.lemma_.lower() in PROCEEDINGS), None)
    if own is not None:  # "The jury in the bitter defamation trial between ... and ..."
        case = case_named(own)
        named = case.split()[1] if case is not None else None
        return (f"the {named} {noun.lower_}", plural) if named is not None else None
    if any(t.pos_ == "PROPN" for t in noun.subtree) or any(
        t.lemma_.lower() in PROCEEDINGS for t in noun.sent
    ):
        return None  # "began deliberations in the trial": its sentence says which
    determiners = [c.lower_ for c in noun.children if c.dep_ == "det"]
    if determiners != ["the"] and not (plural and not determiners):
        return None  # "a jury of his peers" is none in particular
    trial = trial_named(noun.doc)
    parties = trial.split()[1].split("-") if trial is not None else []
    if trial is None or any(t.text in parties for t in noun.sent):
        return None  # "The jury ruled in favor of Depp" says which trial
    return f"{'the ' if not plural else ''}{trial.split()[1]} {noun.lower_}", plural


def case_named(noun: Token) -> str | None:
    """'the defamation trial between Johnny Depp and Amber Heard', 'the high-profile
    case': a trial told by 'the' and its noun, by its parties ('the Depp-Heard trial'),
    its own or, where it names none, the article's; None otherwise."""
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or lemma not in PROCEEDINGS or noun.tag_ != "NN":
        return None
    determiners = [c for c in noun.children if c.dep_ in ("det", "poss")]
    if len(determiners) != 1 or determiners[0].lower_ not in ("the", *_PRONOUNS):
        return None
    own = _parties(noun)
    if own:
        return f"the {'-'.join(own[:2])} {noun.lower_}"
    if any(c.dep_ not in ("det", "amod", "compound", "punct") for c in noun.children) or any(
        t.pos_ == "PROPN" for t in noun.subtree
    ):
        return None  # "the case of the missing funds", "the Holmes case"
    trial = trial_named(noun.doc)
    return None if trial is None else trial.removesuffix("trial") + noun.lower_


def party_phrases(noun: Token) -> list[Token]:
    """The words of a proceeding's 'of', 'between' and 'against' phrases."""
    return [
        t
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ in _PARTY_WORDS and c.i > noun.i
        for t in c.subtree
    ]
