"""Readable event titles from the sentence that tells the event.

"On November 9, Russian President Vladimir Putin, Azerbaijani President Ilham Aliyev and
Armenian Prime Minister Nikol Pashinyan signed a joint statement on a complete ceasefire
in Nagorno-Karabakh starting from November 10." becomes "Putin, Aliyev and Pashinyan sign
a joint statement on a complete ceasefire in Nagorno-Karabakh".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.nlp.event_types import REPORTING, is_reporting

if TYPE_CHECKING:  # spaCy loads only when articles are analysed
    from spacy.tokens import Span, Token

__all__ = ["MAX_WORDS", "REPORTING", "fallback_title", "make_title", "present"]

MAX_WORDS = 14
MAX_SUBJECT = 7
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
    """Punctuation inside a word ('Nagorno-Karabakh', 'high-level') and signs that carry
    meaning ('3%', '$5') stay; the rest goes."""
    if not token.is_punct or token.text in "%$€£¥&":
        return True
    before = token.doc[token.i - 1] if token.i > 0 else None
    return bool(before is not None and not before.whitespace_ and not token.whitespace_)


def _join(tokens: list[Token]) -> str:
    """Tokens back into text with their own spacing ('flare-ups', not 'flare - ups'); where
    tokens were left out, a space if the text had one there ('Jobs, born' -> 'Jobs born')."""
    if not tokens:
        return ""
    parts = [tokens[0].text]
    for previous, token in zip(tokens, tokens[1:], strict=False):
        gap = token.doc[previous.i : token.i]
        parts.append((" " if any(t.whitespace_ for t in gap) else "") + token.text)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


_ASIDE_DEPS = {"appos", "parataxis", "advcl"}
_RELATIVE = {"which", "who", "whom", "whose", "that", "where", "when"}


def _words_in(tokens: list[Token]) -> int:
    return len(_join(tokens).split())


def _subject_tokens(subject: Token, skip: set[int]) -> list[Token]:
    """The subject without asides: appositions, relative clauses, parentheses, and (when
    it is long) its prepositional modifiers ('The Russian delegation at the talks in Baku')."""
    cut: set[int] = set(skip)
    doc = subject.doc
    for token in subject.subtree:
        if token.i == subject.i:
            continue
        first = doc[token.left_edge.i]
        after_comma = first.i > 0 and doc[first.i - 1].text == ","
        aside = (
            token.dep_ in _ASIDE_DEPS
            or (token.dep_ == "acl" and after_comma)
            or (token.dep_ == "relcl" and (after_comma or first.lower_ in _RELATIVE))
        )
        if aside:
            cut |= {t.i for t in token.subtree}
        if token.text == "(":
            close = next((t.i for t in doc[token.i :] if t.text == ")"), token.i)
            cut |= set(range(token.i, close + 1))
    tokens = [t for t in subject.subtree if t.i not in cut and _keep(t)]
    if _words_in(tokens) > MAX_SUBJECT:  # modifiers go first ('at the talks in Baku')
        for token in subject.subtree:
            if token.dep_ == "prep" and token.i > subject.i and token.lower_ != "of":
                cut |= {t.i for t in token.subtree}
        tokens = [t for t in subject.subtree if t.i not in cut and _keep(t)]
    coordinated = any(c.dep_ == "conj" for c in subject.children)
    if _words_in(tokens) > MAX_SUBJECT and not coordinated:  # then 'of' complements
        for child in subject.children:
            if child.dep_ == "prep" and child.i > subject.i:
                cut |= {t.i for t in child.subtree}
        tokens = [t for t in subject.subtree if t.i not in cut and _keep(t)]
    return tokens


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


def _fit(words: list[Token], budget: int) -> list[Token]:
    """At most ``budget`` words, cut before a phrase the limit would break
    ('... in the zone of the Nagorno' -> '...')."""
    if len(words) <= budget:
        return _trim(words)
    kept = words[:budget]
    inside = {t.i for t in kept}
    for index in range(len(kept) - 1, 0, -1):
        token = kept[index]
        boundary = token.dep_ in ("prep", "cc", "mark") or token.text == ","
        if boundary and (token.dep_ != "prep" or not all(t.i in inside for t in token.subtree)):
            kept = kept[:index]
            break
    return _trim(kept)


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
    reporter = verb
    if is_reporting(verb):
        inner = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
        if inner:
            verb = inner[0]
    title = _clause_title(sentence, verb, skip, surnames, require_people)
    if title is None and verb is not reporter:
        title = _report_title(sentence, reporter, verb, skip, surnames, require_people)
    return title


def _subject_text(
    sentence: Span, verb: Token, skip: set[int], surnames: dict[int, str], require_people: bool
) -> tuple[str, bool, bool] | None:
    """The subject of a clause as a headline shows it: (text, plural, passive)."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ == "conj":  # "was started in 1976 and launched ..."
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or verb.pos_ not in ("VERB", "AUX"):
        return None
    subject = subjects[0]
    passive = subject.dep_ == "nsubjpass" and subject.head.i == verb.i
    if subject.lower_ in ("he", "she"):
        named = _previous_person(sentence, surnames)
        if named is None:
            return None
    elif subject.pos_ == "PRON" or subject.lower_ in _DEICTIC:
        return None
    else:
        named = _names(subject, surnames)
    if named is not None:
        return named[0], named[1], passive
    if require_people:
        return None
    tokens = _subject_tokens(subject, skip)
    coordinated = any(c.dep_ == "conj" for c in subject.children)
    # "The presidents of Russia and Azerbaijan and the prime minister of Armenia": a
    # coordinated subject names every party and cannot be shortened without losing one.
    if not tokens or _words_in(tokens) > MAX_SUBJECT + (8 if coordinated else 4):
        return None
    plural = subject.tag_ in ("NNS", "NNPS") or coordinated
    return _join(tokens), plural, passive


def _finish(parts: list[str]) -> str | None:
    title = " ".join(p for p in parts if p)
    title = re.sub(r"[“”\"\[\]`]|''", "", title).replace(" ,", ",").strip()
    title = re.sub(r"^(?:the |a |an )?'s\s+", "", title, flags=re.I)
    if len(title.split()) < 3:
        return None
    return title[0].upper() + title[1:]


def _clause_title(
    sentence: Span, verb: Token, skip: set[int], surnames: dict[int, str], require_people: bool
) -> str | None:
    found = _subject_text(sentence, verb, skip, surnames, require_people)
    if found is None:
        return None
    subject_text, plural, passive = found
    head = verb.text if passive else present(verb, plural)
    particles = [c.text for c in verb.children if c.dep_ == "prt"]
    budget = max(4, MAX_WORDS - len(subject_text.split()) - 1 - len(particles))
    rest = _fit(_object_words(verb, skip), budget)
    if not rest and verb.lemma_ == "be":
        return None  # "The first flight was [in 1994]": nothing left to say
    return _finish([subject_text, head, *particles, _join(rest)])


def _report_title(
    sentence: Span,
    reporter: Token,
    inner: Token,
    skip: set[int],
    surnames: dict[int, str],
    require_people: bool,
) -> str | None:
    """'Ford says it can make it through the year without government aid': the speaker and
    what was said, when the reported clause cannot stand as a headline by itself."""
    found = _subject_text(sentence, reporter, skip, surnames, require_people)
    if found is None:
        return None
    subject_text, plural, _ = found
    said = [
        t
        for t in inner.subtree
        if t.i not in skip and _keep(t) and not (t.dep_ == "mark" and t.head.i == inner.i)
    ]
    said = [t for t in said if t.i < sentence.end and t.text not in ("“", "”", '"', "``", "''")]
    budget = max(4, MAX_WORDS - len(subject_text.split()) - 1)
    cut = next((n for n, t in enumerate(said) if t.text in (",", ";", ":") and n >= 4), None)
    said = _fit(said[:cut] if cut else said, budget)
    if len(said) < 2 or inner not in said:
        return None  # cut before its verb, what was said would be a fragment
    first = said[0].text if said[0].ent_type_ else said[0].text.lower()
    return _finish([subject_text, present(reporter, plural), first, _join(said[1:])])


_TEMPLATES = {
    "call": "Phone call between {all}",
    "meeting": "Meeting of {all}",
    "statement": "Statement by {first}",
    "ceasefire": "Ceasefire between {all}",
    "agreement": "Agreement between {all}",
    "clashes": "Clashes involving {all}",
    "deployment": "Deployment by {first}",
    "visit": "Visit by {first}",
}


def fallback_title(kind: str, text: str, date_text: str, chosen: list[str]) -> str:
    """A title when the sentence has no clause to make one of: a template naming the
    actors ('Phone call between A and B'), else the first clause of the sentence."""
    if kind in _TEMPLATES and len(chosen) >= (2 if "{all}" in _TEMPLATES[kind] else 1):
        joined = ", ".join(chosen[:-1]) + " and " + chosen[-1] if len(chosen) > 1 else chosen[0]
        return _TEMPLATES[kind].format(all=joined, first=chosen[0])
    cleaned = text.replace(date_text, "").strip(" ,.")
    cleaned = re.sub(r"[“”\"`]|''", "", cleaned)
    cleaned = re.sub(r"^(On|In|Since|By|At)\s*,?\s*", "", cleaned).strip(" ,")
    clause = re.split(r"[,;:(]", cleaned)[0].split()  # the first clause, not a cut sentence
    words = clause if len(clause) >= 4 else cleaned.split()
    words = words[:12]
    while words and words[-1].lower() in _DANGLING:
        words.pop()
    short = " ".join(words)
    return short[:1].upper() + short[1:] if short else kind.capitalize()


_DANGLING = {
    "in",
    "on",
    "at",
    "of",
    "the",
    "a",
    "an",
    "was",
    "is",
    "and",
    "or",
    "to",
    "for",
    "with",
    "by",
    "from",
    "that",
    "which",
    "its",
    "their",
    "his",
    "her",
    "as",
    "than",
}
