"""Which of an article's people 'he' or 'she' can stand for: English marks a person's
gender in the words the text writes beside the name ('his ex-wife Amber Heard', 'Ms
Park', 'actress') and in the pronouns of the clauses the person is the subject of ('Depp
has his own band', 'Heard, who said she was defamed'). A person of one gender is never
the antecedent of the other's pronoun."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy loads only when articles are analysed
    from spacy.tokens import Doc, Token

FEMININE = "f"
MASCULINE = "m"
# Pronouns by the gender they mark.
PRONOUN_GENDER = {
    **dict.fromkeys(("she", "her", "hers", "herself"), FEMININE),
    **dict.fromkeys(("he", "him", "his", "himself"), MASCULINE),
}
# Words for a person that mark a gender, written before a name or in apposition to it.
_WORD_GENDER = {
    **dict.fromkeys(
        (
            "ms",
            "mrs",
            "miss",
            "madam",
            "wife",
            "ex-wife",
            "mother",
            "daughter",
            "sister",
            "aunt",
            "niece",
            "grandmother",
            "widow",
            "girlfriend",
            "actress",
            "woman",
            "girl",
            "queen",
            "princess",
            "duchess",
            "lady",
            "dame",
            "chairwoman",
            "spokeswoman",
            "businesswoman",
            "congresswoman",
            "sportswoman",
            "policewoman",
        ),
        FEMININE,
    ),
    **dict.fromkeys(
        (
            "mr",
            "sir",
            "husband",
            "ex-husband",
            "father",
            "son",
            "brother",
            "uncle",
            "nephew",
            "grandfather",
            "widower",
            "boyfriend",
            "man",
            "boy",
            "king",
            "prince",
            "duke",
            "lord",
            "chairman",
            "spokesman",
            "businessman",
            "congressman",
            "sportsman",
            "policeman",
        ),
        MASCULINE,
    ),
}


def gender_of(doc: Doc, surname: str) -> str | None:
    """'f' or 'm' for the person the article names with surname, by the gendered words
    written beside the name and the pronouns of the clauses it is the subject of; None
    when the text says nothing, or says both."""
    genders = doc.user_data.get("chronology_genders")
    if genders is None:
        genders = doc.user_data["chronology_genders"] = _genders(doc)
    return genders.get(surname)


def _genders(doc: Doc) -> dict[str, str]:
    """Every person's gender the article marks: surname -> 'f' or 'm'."""
    marks: dict[str, Counter[str]] = {}
    for token in doc:  # every name's last word, whatever the tagger took it for there
        if token.pos_ == "PROPN" and token.text.istitle() and token.dep_ != "compound":
            for gender in _marks(token):
                marks.setdefault(token.text, Counter())[gender] += 1
    return {name: next(iter(found)) for name, found in marks.items() if len(found) == 1}


def _marks(name: Token) -> list[str]:
    """The genders marked for the person a name's last word names: by a word before the
    name ('his ex-wife Amber Heard', 'Ms Park') or a noun it is in apposition with, and by
    a pronoun of its own clause ('Depp has his own band'; 'Heard, who said she ...')."""
    found: list[str] = []
    start = name.i
    while start > 0 and name.doc[start - 1].pos_ == "PROPN":
        start -= 1
    described = [name.doc[start - 1]] if start > 0 else []
    described += [c for c in name.children if c.dep_ == "appos"]
    if name.dep_ == "appos":
        described.append(name.head)
    for word in described:
        gender = _WORD_GENDER.get(word.lower_.rstrip("."))
        if gender is not None:
            found.append(gender)
    if name.dep_ == "nsubj":
        found += [PRONOUN_GENDER[t.lower_] for t in _own_pronouns(name.head)]
    for clause in (c for c in name.children if c.dep_ == "relcl"):  # "Heard, who said she"
        found += [PRONOUN_GENDER[t.lower_] for t in _own_pronouns(clause)]
    return found


def _own_pronouns(verb: Token) -> list[Token]:
    """The pronouns a clause's subject is the antecedent of: its object's possessive ('has
    his own band'), a reflexive ('defended herself') and the subject of what a saying
    verb reports ('said she was defamed')."""
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ == "dobj":
            found += [c for c in child.children if c.dep_ == "poss" and c.tag_ == "PRP$"]
        elif child.lower_ in ("himself", "herself"):
            found.append(child)
        elif child.dep_ == "ccomp" and verb.lemma_ in _SAYING:
            found += [
                c
                for c in child.children
                if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("he", "she")
            ]
        elif child.dep_ == "advcl" and child.tag_ == "VBG":  # "..., claiming that she ..."
            found += _own_pronouns(child)
    return [t for t in found if t.lower_ in PRONOUN_GENDER]


_SAYING = frozenset({"say", "tell", "claim", "testify", "insist", "argue", "write", "add", "deny"})
