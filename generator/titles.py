"""Readable event titles from the sentence that tells the event.

"On November 9, Russian President Vladimir Putin, Azerbaijani President Ilham Aliyev and
Armenian Prime Minister Nikol Pashinyan signed a joint statement on a complete ceasefire
in Nagorno-Karabakh starting from November 10." becomes "Putin, Aliyev and Pashinyan sign
a joint statement on a complete ceasefire in Nagorno-Karabakh".
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

MAX_WORDS = 14
REPORTING = {
    "say",
    "announce",
    "report",
    "note",
    "stress",
    "add",
    "state",
    "tell",
    "confirm",
    "point",
    "emphasize",
    "underline",
    "claim",
}
_CUT_DEPS = {"relcl", "advcl", "appos", "parataxis", "punct", "cc"}
_NO_END = {"DET", "ADP", "CCONJ", "SCONJ", "PART", "PRON", "AUX", "PUNCT"}
_LATE_PREPS = {"with", "during", "after", "before", "in", "amid", "since", "following"}
_IRREGULAR = {
    "be": ("is", "are"),
    "have": ("has", "have"),
    "do": ("does", "do"),
    "go": ("goes", "go"),
}


def present(verb: Token, plural: bool) -> str:
    """The verb in the headline present tense."""
    lemma = verb.lemma_.lower()
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma][1 if plural else 0]
    if plural:
        return lemma
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


_DEICTIC = {"this", "that", "these", "those", "it", "they", "we", "i", "you", "which", "who"}


def _previous_person(sentence: Span, surnames: dict[int, str]) -> tuple[str, bool] | None:
    """'He said ...': the surname of the last person named before the pronoun."""
    doc = sentence.doc
    for ent in reversed(doc.ents):
        if ent.end <= sentence.root.i and ent.label_ == "PERSON" and len(ent.text) > 2:
            return ent[-1].text, False
    return None


def _names(subject: Token, surnames: dict[int, str]) -> tuple[str, bool] | None:
    """A subject made of people only: their surnames joined ('Putin, Aliyev and Pashinyan')."""
    found: list[str] = []
    for token in subject.subtree:
        name = surnames.get(token.i)
        if name and name not in found:
            found.append(name)
    if not found:
        return None
    if len(found) == 1:
        return found[0], False
    return ", ".join(found[:-1]) + " and " + found[-1], True


def _keep(token: Token) -> bool:
    """Punctuation inside a word ('Nagorno-Karabakh', 'high-level') stays; the rest goes."""
    if not token.is_punct:
        return True
    before = token.doc[token.i - 1] if token.i > 0 else None
    return bool(before is not None and not before.whitespace_ and not token.whitespace_)


def _join(tokens: list[Token]) -> str:
    """Tokens back into text with their own spacing ('flare-ups', not 'flare - ups')."""
    text = "".join(t.text_with_ws for t in tokens[:-1]) + tokens[-1].text
    return re.sub(r"\s+", " ", text).strip()


def _object_words(verb: Token, skip: set[int]) -> list[Token]:
    words: list[Token] = []
    for child in verb.rights:
        if child.dep_ in _CUT_DEPS or child.i in skip:
            if child.dep_ in ("punct", "cc") and words:
                break
            continue
        if child.dep_ in ("ccomp", "xcomp") and child.pos_ == "VERB" and words:
            break
        for token in child.subtree:
            if token.i in skip:
                continue
            if token.dep_ in ("relcl", "acl") and token.tag_ in ("VBG", "VBN", "VBD"):
                return words
            if not _keep(token):
                if token.text in ",;:(" and words:
                    return words
                continue
            if (
                token.dep_ == "prep"
                and len(words) >= 4
                and token.head.i != verb.i
                and (token.lower_ in _LATE_PREPS)
            ):
                return words
            words.append(token)
            if len(words) >= MAX_WORDS:
                return words
    return words


def _trim(words: list[Token]) -> list[Token]:
    while words and (words[-1].pos_ in _NO_END or words[-1].text in {"'s", "-"}):
        words.pop()
    return words


def make_title(
    sentence: Span,
    *,
    skip: set[int],
    surnames: dict[int, str],
    verb: Token | None = None,
    require_people: bool = False,
) -> str | None:
    """A headline-style title for the sentence, or None when it has no usable clause.

    skip: token indices to leave out (the date expressions); surnames: token index -> the
    surname of the person whose name ends at that token; verb: the clause to title (default
    the sentence's main clause); require_people: only a title whose subject names people.
    """
    verb = verb or sentence.root
    if verb.lemma_.lower() in REPORTING:
        inner = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
        if inner:
            verb = inner[0]
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or verb.pos_ not in ("VERB", "AUX"):
        return None
    subject = subjects[0]
    passive = subject.dep_ == "nsubjpass"
    if subject.lower_ in ("he", "she"):
        named = _previous_person(sentence, surnames)
        if named is None:
            return None
    elif subject.pos_ == "PRON" or subject.lower_ in _DEICTIC:
        return None
    else:
        named = _names(subject, surnames)
    if named is not None:
        subject_text, plural = named
    elif require_people:
        return None
    else:
        tokens = [t for t in subject.subtree if t.i not in skip and _keep(t)]
        if not tokens or len(tokens) > 12 or subject.pos_ == "PRON":
            return None
        subject_text, plural = _join(tokens), subject.tag_ in ("NNS", "NNPS")
        plural = plural or any(c.dep_ == "conj" for c in subject.children)
    head = verb.text if passive else present(verb, plural)
    particles = [c.text for c in verb.children if c.dep_ == "prt"]
    rest = _trim(_object_words(verb, skip))
    if not rest and verb.lemma_ == "be":
        return None  # "The first flight was [in 1994]": nothing left to say
    title = " ".join([subject_text, head, *particles, *([_join(rest)] if rest else [])])
    title = re.sub(r"[“”\"\[\]`]|''", "", title).replace(" ,", ",").strip()
    title = re.sub(r"^(?:the |a |an )?'s\s+", "", title, flags=re.I)
    if len(title.split()) < 3:
        return None
    return title[0].upper() + title[1:]
