"""Readable event titles from the clause that tells the event: subject, verb in the
headline present tense, object and, room permitting, where — at most MAX_WORDS words.

"On November 9, Russian President Vladimir Putin, Azerbaijani President Ilham Aliyev and
Armenian Prime Minister Nikol Pashinyan signed a joint statement on a complete ceasefire
in Nagorno-Karabakh starting from November 10." becomes "Putin, Aliyev and Pashinyan sign
a joint statement on a complete ceasefire in Nagorno-Karabakh". Negation and modality are
kept ("will not give"), a passive with its agent turns active ("Parliament passes the
bill"), a statement names its speaker ("Ford says it can make it through the year"), and
the phrases that only carry the date go with it ("at about 8:30 p.m.", "for much of
Wednesday").
"""

from __future__ import annotations

import re
from collections import Counter
from os.path import commonprefix
from typing import TYPE_CHECKING, NamedTuple

from generator.nlp.descriptions import described_before
from generator.nlp.doctext import headline, times_in, times_written, window_start
from generator.nlp.event_types import (
    REPORTING,
    is_reporting,
    made_clear,
    reported_clause,
    sequel,
)
from generator.nlp.phrases import (
    MAX_SUBJECT,
    OF_OVERRUN,
    OVERRUN,
    compressed,
    expand_skip,
    fit,
    join,
    keep,
    predicate,
    present,
    subject_tokens,
    verb_words,
    without_joined,
    words_in,
)
from generator.nlp.references import (
    AREA_HEADS,
    DEICTIC,
    EPITHET_NOUNS,
    NAMED_KINDS,
    PLACE_HEADS,
    acronym,
    antecedent,
    appositive_name,
    area_named,
    coreferent,
    demonym_epithet,
    entity_list,
    epithet_person,
    headline_event,
    headline_subject,
    main_person,
    names_of,
    place_named,
    plural_owner,
    previous_person,
)
from generator.nlp.trials import case_named, party_phrases
from generator.typology import default_typology

if TYPE_CHECKING:  # spaCy loads only when articles are analysed
    from spacy.tokens import Doc, Span, Token

    from generator.typology import Typology

__all__ = [
    "MAX_WORDS",
    "REPORTING",
    "fallback_title",
    "lower_first",
    "make_title",
    "misparsed_clause",
    "nominal_title",
    "passive_participle",
    "present",
]

MAX_WORDS = 12


def make_title(
    sentence: Span,
    *,
    skip: set[int],
    surnames: dict[int, str],
    verb: Token | None = None,
    require_people: bool = False,
    statement: bool = False,
) -> str | None:
    """A headline-style title for the sentence, or None when it has no usable clause.

    skip: token indices to leave out (the date expressions); surnames: token index -> the
    surname of the person whose name ends at that token; verb: the clause to title (default
    the sentence's main clause); require_people: only a title whose subject names people;
    statement: the event is the saying, so a reporting verb's title names the speaker.
    """
    skip = expand_skip(sentence, _possessive_dates_kept(sentence, skip))
    verb = _time_clause(verb or sentence.root)
    reported = _reported_before(sentence, verb, skip, surnames)
    if reported is not None:
        return reported
    reporter = verb
    said = reported_clause(verb) if is_reporting(verb) else _statement_saying(verb)
    if said is not None:
        inner = [said]
        if said.i == verb.head.i:
            # "Over 200 people could have been inside, Baza reported": the parser hung the
            # saying on what was said; leave the saying out of what was said
            speaker = {t.i for c in verb.children if c.dep_ == "nsubj" for t in c.subtree}
            skip = skip | ({t.i for t in verb.subtree} - speaker)
        # a question asked ('"Was there anyone on the list?," one user wrote') tells nothing
        if not any(t.text == "?" for t in inner[0].subtree):
            verb = _after_but(inner[0])
    saying = _Saying(sentence, reporter, verb, skip, surnames, require_people)
    if verb is not reporter:
        declared = _declared_title(saying)
        if declared is not None:
            return declared
    if verb is not reporter and statement:
        title = _report_title(saying)
        if title is not None:
            return title
    title = _clause_title(sentence, verb, skip, surnames, require_people)
    if title is None:
        said_by = verb.head if verb.dep_ == "ccomp" and is_reporting(verb.head) else reporter
        if said_by is not verb:
            title = _first_person_title(saying._replace(reporter=said_by))
    if title is None and verb is not reporter:
        title = _report_title(saying)
    return title


# What stands for the sentence before: "This was reported by the president".
_BEFORE = {"this", "that", "it"}


def _reported_before(
    sentence: Span, verb: Token, skip: set[int], surnames: dict[int, str]
) -> str | None:
    """'The toll has risen to at least 43 dead. This was reported this Sunday by the
    president, Andrés Manuel López Obrador.' -> 'López Obrador reports the toll rises to at
    least 43 dead': a saying whose subject is 'this' is the saying of the sentence before."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    agent = _agent(verb)
    if subject is None or subject.lower_ not in _BEFORE or agent is None or sentence.start == 0:
        return None
    if verb.lemma_.lower() not in REPORTING or any(
        c.dep_ in ("ccomp", "neg") for c in verb.children
    ):
        return None
    doer = _noun_text(sentence, _named_after(agent), skip, surnames, False)
    if doer is None:
        return None
    before = sentence.doc[sentence.start - 1].sent
    says = verb_words(verb, doer[1], passive=False)
    budget = MAX_WORDS - len(doer[0].split()) - len(says.split())
    told = _clause_title(before, before.root, set(), surnames, False, budget)
    if told is None or is_reporting(before.root):
        return None
    return _finish([doer[0], says, lower_first(told, before)])


def _named_after(noun: Token) -> Token:
    """'the president, Andrés Manuel López Obrador': the person a described noun's own words
    name, or the name set after it (the head of that name, however the parser hung it);
    else the noun."""
    doc = noun.doc
    inside = [
        e for e in doc.ents if e.label_ == "PERSON" and noun.i <= e.start <= noun.right_edge.i
    ]
    if noun.ent_type_ != "PERSON" and inside:  # "the press secretary of ... Dmitry Peskov"
        return inside[-1].root
    comma = noun.right_edge.i + 1
    if comma + 1 < len(doc) and doc[comma].text == ",":
        for ent in doc.ents:
            if ent.start == comma + 1 and ent.label_ in ("PERSON", "ORG"):
                return ent.root
    return noun


class _Saying(NamedTuple):
    """A saying and what it said, with what a title of it reads: the sentence, the verb of
    saying, the verb of what was said, the words to leave out, the surnames ending the
    people's names, and whether only people may be the subject."""

    sentence: Span
    reporter: Token
    inner: Token
    skip: set[int]
    surnames: dict[int, str]
    require_people: bool


_DECLARING = {"declare", "proclaim", "pronounce"}


def _declared_title(saying: _Saying) -> str | None:
    """'The WHO declared the mpox surge in Africa was now a global emergency' -> 'WHO
    declares the mpox surge in Africa a global emergency': declaring a thing to be
    something is an act of the declarer, told as English tells it, without the 'was'."""
    sentence, reporter, inner, skip, surnames, require_people = saying
    if reporter.lemma_.lower() not in _DECLARING or inner.lemma_ != "be":
        return None
    subjects = [c for c in inner.children if c.dep_ == "nsubj"]
    complements = [c for c in inner.children if c.dep_ in ("attr", "acomp") and c.i > inner.i]
    if not subjects or not complements or any(c.dep_ == "neg" for c in inner.children):
        return None
    found = _subject_text(sentence, reporter, skip, surnames, require_people)
    if found is None or subjects[0].pos_ == "PRON":
        return None
    declares = verb_words(reporter, found[1], passive=False)
    budget = MAX_WORDS - len(found[0].split()) - len(declares.split())
    complement = [t for t in complements[0].subtree if t.i not in skip and keep(t)]
    fitted = compressed(complement, min(budget - 2, 6))  # "a global public health emergency"
    what = compressed(subject_tokens(subjects[0], skip), budget - words_in(fitted))
    if not fitted or not what:
        return None
    return _finish([found[0], declares, lower_first(join(what), sentence), join(fitted)])


def _after_but(said: Token) -> Token:
    """'"The storm was significant, but this was not the worst-case scenario," DeSantis
    said': what a speaker says after "but" is the point of what was said; the clause before
    it only concedes."""
    for clause in (c for c in said.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
        but = any(
            c.dep_ == "cc" and c.lower_ == "but" and said.i < c.i < clause.i for c in said.children
        )
        if but and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
            return clause
    return said


def _conceded_subject(saying: _Saying) -> tuple[str, bool] | None:
    """'The storm was significant, but this was not the worst case': "this" (or "it",
    "that") after "but" is what the clause before it told of: 'the storm'."""
    sentence, _, inner, skip, surnames, _ = saying
    if inner.dep_ != "conj":
        return None
    subject = next((c for c in inner.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ not in ("this", "that", "it"):
        return None
    before = next((c for c in inner.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if before is None or before.pos_ == "PRON":
        return None
    found = _noun_text(sentence, before, skip, surnames, False)
    return None if found is None else (found[0], found[1])


def _statement_saying(verb: Token) -> Token | None:
    """'the agency issued a statement saying that ...': what the statement says."""
    for noun in (c for c in verb.children if c.dep_ == "dobj"):
        for acl in (c for c in noun.children if c.dep_ == "acl" and c.lemma_ in ("say", "state")):
            said = [c for c in acl.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
            if said:
                return said[0]
    return None


def _time_clause(verb: Token) -> Token:
    """'The last time the WHO made a similar declaration was in January 2020': what happened
    is the clause that says which time; other verbs as they are."""
    if verb.lemma_ != "be":
        return verb
    for subject in (c for c in verb.children if c.dep_ == "nsubj" and c.lemma_ == "time"):
        clauses = [c for c in subject.children if c.dep_ == "relcl"]
        if clauses:
            return clauses[0]
    return verb


def _first_person_title(saying: _Saying) -> str | None:
    """'"I am therefore dissolving the National Assembly," Macron said' -> 'Macron dissolves
    the National Assembly': what a speaker says they do, in the first person, is told of
    the speaker by name."""
    sentence, reporter, inner, skip, surnames, require_people = saying
    subjects = [c for c in inner.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or subjects[0].lower_ not in ("i", "we"):
        return None
    if subjects[0].lower_ == "we" and not _institution_speaks(reporter):
        return None  # a person's "we" may take in the listeners ("we have an outbreak")
    speaker = _subject_text(sentence, reporter, skip, surnames, require_people)
    if speaker is None:
        return None
    return _clause_title(sentence, inner, skip, surnames, require_people, speaker=speaker[:2])


# Nouns for a person by what they do or lead: "the head of the mercenary group".
_PERSON_NOUNS = frozenset(
    {"head", "chief", "leader", "president", "minister", "spokesman", "spokeswoman"}
    | {"spokesperson", "founder", "chairman", "commander", "official", "man", "woman"}
    | {"father", "mother", "son", "daughter", "boss", "owner", "director", "governor"}
)


# Nouns for a person of no rank: who "he" or "she" may be when no one is named.
_PEOPLE_NOUNS = _PERSON_NOUNS | {
    "boy",
    "girl",
    "child",
    "teenager",
    "victim",
    "suspect",
    "officer",
    "driver",
    "pilot",
    "worker",
    "resident",
    "survivor",
    "passenger",
    "patient",
    "student",
    "soldier",
    "fisherman",
}


def _person_described_before(pronoun: Token) -> tuple[str, bool] | None:
    """'Among the dead was a 5-year-old boy ... he died': the person a subject (or a
    copula's complement) before the pronoun describes, in its sentence or the one before,
    as 'the' and that description, when the text names no one there."""
    doc = pronoun.doc
    start = window_start(pronoun.sent, 1)
    subjects = [
        t
        for t in doc[start : pronoun.i]
        if t.dep_ in ("nsubj", "nsubjpass", "attr")
        and t.tag_ == "NN"
        and t.lemma_.lower() in _PEOPLE_NOUNS
    ]
    if not subjects:
        return None
    noun = subjects[-1]
    described = [t for t in noun.lefts if t.dep_ in ("amod", "compound", "nummod")]
    first = described[0].left_edge.i if described else noun.i
    words = [t.text_with_ws for t in doc[first : noun.i + 1]]
    return "The " + "".join(words).strip(), False


def _someones_own(verb: Token) -> bool:
    """'The head of the mercenary group, who led the rebellion, defended his insurrection':
    a subject that describes a person (by a word for one, or a 'who' clause) owns the 'his'
    after the verb, which then names no one else."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "NOUN" or subject.tag_ != "NN":
        return False
    who = any(
        c.dep_ == "relcl" and any(w.lower_ == "who" for w in c.children) for c in subject.children
    )
    return who or subject.lemma_.lower() in _PERSON_NOUNS


# Prepositions that say what a saying is about.
_SAID_ABOUT = frozenset({"about", "of", "on"})
_SIDE_DEPS = frozenset({"prep", "advmod", "agent"})


def _institution_speaks(reporter: Token) -> bool:
    """Whether the one who says something is an organisation or a state ('Microsoft said',
    '..., it said'), whose "we" is itself."""
    speaker = next((c for c in reporter.children if c.dep_ == "nsubj"), None)
    if speaker is None:
        return False
    return speaker.lower_ == "it" or speaker.ent_type_ in ("ORG", "GPE")


def _possessive_dates_kept(sentence: Span, skip: set[int]) -> set[int]:
    """skip without the dates that own a noun ("exceed last year's total"): such a date is
    part of its noun phrase, not the event's date, and the title keeps it."""
    kept = set(skip)
    for token in sentence:
        if token.dep_ == "case" and token.lower_ in ("'s", "’s") and token.i - 1 in kept:
            index = token.i - 1
            while index in kept:
                kept.discard(index)
                index -= 1
    return kept


def _subject_text(
    sentence: Span, verb: Token, skip: set[int], surnames: dict[int, str], require_people: bool
) -> tuple[str, bool, bool] | None:
    """The subject of a clause as a headline shows it: (text, plural, passive)."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ == "conj":  # "was started in 1976 and launched ..."
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and sequel(verb):  # "made landfall ... before exiting ... Thursday"
        subjects = [c for c in verb.sent.root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and misparsed_clause(verb):
        after = {t.i for c in verb.head.children if c.i > verb.i for t in c.subtree}
        found = _noun_text(
            sentence,
            verb.head,
            skip | after | {t.i for t in verb.subtree},
            surnames,
            require_people,
        )
        return None if found is None else (found[0], found[1], False)
    if not subjects and verb.dep_ == "ROOT" and (named := _name_before(verb)) is not None:
        # "With the toll rising after the fires on Maui, Governor Josh Green delivered an
        # address": the parser hung the name on the phrase before it; it is the subject
        found = _noun_text(sentence, named, skip, surnames, require_people)
        return None if found is None else (found[0], found[1], False)
    if not subjects and passive_participle(verb):
        # "the results confirmed by the Interior Ministry at 23:55": the noun it describes
        # is what the participle was done to
        found = _noun_text(
            sentence, verb.head, skip | {t.i for t in verb.subtree}, surnames, require_people
        )
        return None if found is None else (found[0], found[1], True)
    if not subjects or verb.pos_ not in ("VERB", "AUX"):
        return None
    # Two subjects are a misparse ("Biden, speaking after Chauvin was found guilty, says",
    # "Moscow Concert Shooting: The death toll ... rose"): a subject stands right before
    # its verb, so the nearest one before it is the verb's own.
    # Two subjects side by side are one phrase the parser split ("The world No 1 had
    # announced", "A magnitude 6.8 earthquake struck"): both parts, else the first leads.
    before = [c for c in subjects if c.i < verb.i]
    subject = before[-1] if before else subjects[0]
    if len(before) > 1:
        edge = before[-2].right_edge
        if edge.i + 1 == before[-1].left_edge.i and not edge.is_punct:
            joined = _joined_subject(before[-2], before[-1], skip)
            if joined is not None:
                return joined
            subject = before[-2]
    passive = subject.dep_ == "nsubjpass" and subject.head.i == verb.i
    # a sequel told in the passive ("after being sentenced"): its subject suffered it
    passive = passive or (
        subject.head.i != verb.i and any(c.lower_ == "being" for c in verb.children)
    )
    if subject.head.i != verb.i and verb.dep_ == "conj":
        # "was manufactured by Spirit ... and was received at Wichita": a verb that takes
        # the subject of the one before is passive when it says so ("was received"), or when
        # it is a participle with no object after a passive ("was started ... and moved")
        own = {c.dep_ for c in verb.children}
        participle = verb.tag_ == "VBN" and not own & {"aux", "dobj"}
        passive = "auxpass" in own or (subject.dep_ == "nsubjpass" and participle)
    found = _noun_text(sentence, subject, skip, surnames, require_people)
    if found is None:
        return None
    # "Staff were told": a noun the text makes plural by its verb stays plural
    plural = found[1] or (subject.tag_ == "NN" and _plural_verb(verb))
    return found[0], plural, passive


def _plural_verb(verb: Token) -> bool:
    """Whether the verb of a clause agrees with a plural subject ('were', 'are', 'have')."""
    words = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    return any(t.lower_ in ("were", "are") or t.tag_ == "VBP" for t in words)


def _name_before(verb: Token) -> Token | None:
    """The last word of a name (a person, an organisation) that ends right before a finite
    verb with no subject of its own: that verb's subject, whatever the parse; else None."""
    if verb.i == 0 or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    before = verb.doc[verb.i - 1]
    if before.pos_ != "PROPN" or before.ent_type_ not in ("PERSON", "ORG"):
        return None
    # a name the parser set beside a noun before it; not a coordination ("A and B")
    return before if before.dep_ == "appos" else None


def _joined_subject(first: Token, second: Token, skip: set[int]) -> tuple[str, bool, bool] | None:
    """One subject the parser split in two, as a headline shows it: (text, plural, passive);
    None when a part is a pronoun or the whole is too long."""
    if first.pos_ == "PRON" or second.pos_ == "PRON":
        return None
    tokens = subject_tokens(first, skip) + subject_tokens(second, skip)
    if any(t.pos_ in ("VERB", "AUX", "CCONJ", "PUNCT") for t in tokens):
        return None  # "The submersible imploded and the Coast Guard": two clauses
    if not tokens or words_in(tokens) > MAX_SUBJECT + OF_OVERRUN:
        return None
    # the phrase's head: the second part ("A magnitude | 6.8 earthquake"), but the first
    # where "of" joins them ("Temblors | of up to 7.6 magnitude" are plural)
    head = first if any(t.lower_ == "of" for t in tokens) else second
    plural = head.tag_ in ("NNS", "NNPS")
    named = epithet_person(second, join(tokens))  # "The world No 1" of its article
    if named is not None:
        return named[0], False, second.dep_ == "nsubjpass"
    return join(tokens), plural, second.dep_ == "nsubjpass"


def misparsed_clause(verb: Token) -> bool:
    """'The submersible imploded during its descent on June 18, and the Coast Guard is
    overseeing the investigation': a verb the parser hung on the subject of the next clause
    as a participle is the first clause's own verb when the subject's "and" comes after it
    and a clause with a subject of its own follows."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD") or verb.i != noun.i + 1:
        return False
    if not noun.dep_.startswith("nsubj") or any(c.dep_ in ("dobj", "agent") for c in verb.children):
        return False
    joined = any(c.dep_ == "cc" and c.i > verb.right_edge.i for c in noun.children)
    other = [c for c in noun.head.children if c.dep_.startswith("nsubj") and c.i > noun.i]
    return joined and bool(other)


def passive_participle(verb: Token) -> bool:
    """A past participle that tells what was done to a noun: with who did it ('the results
    confirmed by the Interior Ministry'), or set off by commas ('The outbreak, first
    reported in late April, has ...')."""
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return False
    edge = verb.left_edge.i
    aside = edge > 0 and verb.doc[edge - 1].text == ","
    return aside or any(c.dep_ == "agent" for c in verb.children)


# Possessive pronouns: a phrase they open refers back to something named before it.
_POSSESSIVE = {"its", "their", "his", "her"}
# Relative pronouns: the subject of their clause, or the start of a clause a cut left open.
_RELATIVE = {"which", "who", "that", "whose"}


def _noun_text(
    sentence: Span,
    noun: Token,
    skip: set[int],
    surnames: dict[int, str],
    require_people: bool,
    *,
    described: bool = True,
) -> tuple[str, bool] | None:
    """A noun phrase as a headline names it: (text, plural); people by their surnames
    (``described``: a place its describing clause says may name it; not when that clause
    is the one titled)."""
    word = "" if noun.pos_ == "PROPN" else noun.lower_  # "the WHO" is no "who"
    named: tuple[str, bool] | None
    if word in ("he", "she"):
        # a person the text does not name near by: one it describes ("A 5-year-old boy was
        # scalded ... he died"), else the pronoun, not a broken sentence
        named = (
            previous_person(sentence, surnames, noun.i)
            or _person_described_before(noun)
            or (word.capitalize(), False)
        )
    elif word in ("it", "they"):
        named = antecedent(noun)
        if named is None:
            return None
    elif word in _RELATIVE and noun.head.dep_ == "relcl" and noun.head.head.i != noun.i:
        # "Signature Bank, which was closed today": the noun the clause describes
        return _noun_text(sentence, noun.head.head, skip, surnames, require_people, described=False)
    elif (noun.pos_ == "PRON" or word in DEICTIC) and not _described(noun):
        return None
    else:
        # "The Serb" for the article's person, before the nationality is taken for a name
        epithet = epithet_person(noun) if demonym_epithet(noun) else None
        # (of "the agency and Boeing" only the agency is another name: `_partner_named`)
        joined = any(c.dep_ == "conj" for c in noun.children)
        named = (
            epithet
            or names_of(noun, surnames)
            or (None if joined else coreferent(noun))
            or acronym(noun)
        )
        if named is None and (aside := appositive_name(noun)) is not None:
            named = aside, False
        if named is None and _description(noun):
            named = headline_subject(noun)
        if named is None:
            named = headline_event(noun)
        if named is None and (fuller := _described_before(noun)) is not None:
            named = fuller, False  # "The motion" -> "The motion to lift the martial law"
        kind = _bare_happening(noun) if named is None else None
        if kind is not None:
            # "The unrest broke out", "That game was postponed": the article's name for it
            # (by its place only for a happening that is a place's: not "the Kenosha game")
            called = _called_elsewhere(noun, by_place=kind in _PLACES_HAPPENINGS)
            # not where its sentence names it anyway ("the fires swept across Maui")
            told = called is not None and " ".join(called.split()[1:-1]) in noun.sent.text
            named = (called, noun.tag_ == "NNS") if called is not None and not told else None
    if named is not None:
        return named
    if require_people:
        return None
    counted = _counted_noun(noun)
    if counted is not None:  # "A fourth broke out" after "two other fires"
        det = next((c.text for c in noun.children if c.dep_ == "det"), "The")
        return f"{det} {noun.lower_} {counted}", False
    tokens = subject_tokens(noun, skip)
    coordinated = any(c.dep_ == "conj" for c in noun.children)
    if coordinated and words_in(tokens) > MAX_SUBJECT:
        # a coordinated subject names every party: cut short, it would lose one
        listed = entity_list(noun)
        if listed is not None:
            return listed
    if not tokens or words_in(tokens) > MAX_SUBJECT + (6 if coordinated else OF_OVERRUN):
        return None
    plural = noun.tag_ in ("NNS", "NNPS") or coordinated or _part_of_many(noun)
    plural = plural or noun.lower_ in _PLURAL_ONLY  # "Brooklyn Center Police kill"
    plural = plural or _family(noun)  # "The Bidens head back"
    owned = _owner_named(tokens, "", sentence, surnames)  # "his visa" -> "Djokovic's visa"
    partner = _partner_named(noun, tokens) if coordinated and owned is None else None
    text = owned or partner or _with_names(tokens)
    where = _place_of_a_description(noun, tokens) if described else None
    return (f"{text} in {where}" if where else text), plural


def _described_before(noun: Token) -> str | None:
    """'the motion' as the article told it before with more words, for a noun no other
    rule names (a craft, a company, a place by its name)."""
    lemma = noun.lemma_.lower()
    if lemma in NAMED_KINDS or lemma in PLACE_HEADS or lemma in AREA_HEADS:
        return None
    return described_before(noun) if coreferent(noun) is None else None


def _bare_happening(noun: Token) -> str | None:
    """'the unrest', 'that game': the type of a happening told by its noun and a definite
    word alone; None for any other phrase."""
    if noun.pos_ != "NOUN" or not all(
        c.dep_ == "det" and c.lower_ in _DEFINITE_WORDS for c in noun.children
    ):
        return None
    typology = default_typology()
    lemma = noun.lemma_.lower()
    if lemma in NAMED_KINDS:
        return None  # a storm, craft or disease has a name of its own, or is another one
    found = typology.rank(lemma, "NOUN")
    return found[1] if found is not None and typology.happening(lemma) else None


_DEFINITE_WORDS = frozenset({"the", "that", "this"})
# Happenings of a place, which an article may name by its story's place.
_PLACES_HAPPENINGS = frozenset(
    {"disaster", "attack", "clashes", "casualties", "protest", "deployment", "health"}
)


def _partner_named(noun: Token, tokens: list[Token]) -> str | None:
    """'The agency and Boeing returned the spacecraft': a joined party told by 'the' and
    its noun alone, by the name it stands for ('NASA and Boeing'); None when none is."""
    inside = {t.i for t in tokens}
    for part in (noun, *noun.conjuncts):
        words = [c for c in part.children if c.dep_ not in ("cc", "conj", "punct")]
        if part.pos_ != "NOUN" or [w.lower_ for w in words] != ["the"]:
            continue
        named = coreferent(part)
        if named is not None and named[0] not in join(tokens):  # not "Boeing and Boeing"
            return _spliced(tokens, {part.i, words[0].i} & inside, part.i, named[0])
    return None


def _family(noun: Token) -> bool:
    """'the Bidens', 'the Obamas': a surname the text writes alone, made plural after
    'the' for the family."""
    if noun.pos_ != "PROPN" or not noun.text.endswith("s") or len(noun.text) < 4:
        return False
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return False
    return any(t.text == noun.text[:-1] and t.pos_ == "PROPN" for t in noun.doc)


def _place_of_a_description(noun: Token, tokens: list[Token]) -> str | None:
    """'A fire that swept through a picturesque town in Maui': an indefinite subject whose
    describing clause (left out of the title) says where, named by that place ('A fire in
    Maui'); None when the subject is not 'a' or 'an' with its noun, or says no place."""
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
        return None
    if any(t.pos_ == "PROPN" for t in tokens):
        return None
    kept = {t.i for t in tokens}
    for clause in (c for c in noun.children if c.dep_ == "relcl" and c.i not in kept):
        places = [
            e
            for e in noun.doc.ents
            if e.label_ in ("GPE", "LOC")
            and clause.left_edge.i <= e.start
            and e.end <= clause.right_edge.i + 1
            and e.root.dep_ == "pobj"
        ]
        if places:
            return places[-1].text
    return None


def _counted_noun(ordinal: Token) -> str | None:
    """'A fourth broke out' after 'At least two other fires have been burning': the noun an
    ordinal with no noun of its own counts, from its sentence or the one before (the last
    plural noun with a number), singular; None otherwise."""
    if ordinal.ent_type_ != "ORDINAL" or any(c.dep_ not in ("det",) for c in ordinal.children):
        return None
    for token in reversed(ordinal.doc[window_start(ordinal.sent, 1) : ordinal.i]):
        counted = any(c.dep_ == "nummod" for c in token.children)
        if token.pos_ == "NOUN" and token.tag_ == "NNS" and counted:
            return token.lemma_.lower()
    return None


def _description(noun: Token) -> bool:
    """'The crypto exchange', 'the African Union's health watchdog': a common noun that
    describes who it is, with 'the' or an owner, where a name could stand."""
    owner = {t.i for c in noun.children if c.dep_ == "poss" for t in c.subtree}
    return (
        noun.pos_ == "NOUN"
        and noun.tag_ in ("NN", "NNS")
        and any((c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "poss" for c in noun.children)
        # "the presidents of Russia and Azerbaijan" names them already
        and not any(t.pos_ == "PROPN" and t.i not in owner for t in noun.subtree)
    )


def _with_names(tokens: list[Token]) -> str:
    """The words of a phrase, with a described storm or craft inside it called by its name
    ('Debris from the ill-fated submersible' -> 'Debris from Titan', 'the storm's
    destruction' -> 'Milton's destruction')."""
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.dep_ == "poss" and (described := _epithet_owner(token)) is not None:
            person = main_person(token.doc)  # "the 34-year-old Serb's visa" -> "Djokovic's"
            if person is not None:
                return _spliced(tokens, described & inside, token.i, f"{person}’s")
            continue
        if token.dep_ == "dobj" and token.lower_ == "them":
            named = antecedent(token)  # "sent them to deliberations" -> "the jury"
            if named is not None:
                return _spliced(tokens, {token.i}, token.i, named[0])
            continue
        if token.dep_ == "dobj" and token.lower_ in ("him", "her"):
            # "Rajapaksa had appointed him": the person named before, not the doer
            doer = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            named = previous_person(token.sent, {}, doer.i if doer is not None else token.i)
            doers = {t.text for t in doer.subtree} if doer is not None else set()
            if named is not None and named[0] not in doers:
                return _spliced(tokens, {token.i}, token.i, named[0])
            continue
        if token.dep_ == "dobj" and (fuller := _described_before(token)) is not None:
            # "filed the motion" -> "filed the impeachment motion"
            return _spliced(tokens, {token.i, *(c.i for c in token.children)}, token.i, fuller)
        if token.dep_ in ("pobj", "dobj") and (trial := case_named(token)) is not None:
            # "arguments in the high-profile case" -> "in the Depp-Heard case"
            told = {token.i} | {t.i for left in token.lefts for t in left.subtree}
            told |= {t.i for t in party_phrases(token)}
            return _spliced(tokens, told & inside, token.i, trial)
        if token.dep_ in ("pobj", "dobj") and (aside := appositive_name(token)) is not None:
            # "found entrepreneur Elizabeth Holmes guilty": the thing or person by its name
            told = {token.i} | {t.i for left in token.lefts for t in left.subtree}
            return _spliced(tokens, told & inside, token.i, aside)
        if token.dep_ in ("pobj", "dobj") and token.lemma_.lower() in AREA_HEADS:
            area = area_named(token)  # "erupted on the island" of the island of Maui
            if area is not None:
                return _spliced(tokens, {t.i for t in token.subtree} & inside, token.i, area)
            continue
        if token.dep_ in ("pobj", "dobj", "compound") and token.lemma_.lower() in PLACE_HEADS:
            place = place_named(token)  # "burst into a large concert hall", "bridge collapse"
            if place is not None:  # its words before it go, what follows stays
                described = {token.i} | {t.i for left in token.lefts for t in left.subtree}
                return _spliced(tokens, described & inside, token.i, place)
            continue
        if token.dep_ not in ("pobj", "poss", "dobj") or token.lemma_.lower() not in NAMED_KINDS:
            continue
        named = coreferent(token)
        phrase = {t.i for t in token.subtree} & inside  # what a cut left of it
        if named is not None:
            name = named[0]
            case = [c for c in token.children if c.dep_ == "case"]
            if token.dep_ == "poss":  # "the storm's destruction" -> "Milton's destruction"
                name += case[0].text if case else "’s"
            return _spliced(tokens, phrase, token.i, name)
    return join(tokens)


def _epithet_owner(noun: Token) -> set[int] | None:
    """'the 34-year-old Serb's', 'the tennis star's': an owner described by a nationality,
    an age or an epithet for a person, with 'the' and no name; the words of that
    description (the parser may hang 'the 34-year-old' on what is owned), else None."""
    owned = noun.head
    before = [
        t
        for c in owned.children
        if c.i < noun.i and c.dep_ in ("det", "amod", "nummod", "compound")
        for t in c.subtree
    ]
    words = [t for t in [*noun.subtree, *before] if t.dep_ != "case"]
    if any(t.pos_ == "PROPN" and t.ent_type_ != "NORP" for t in words):
        return None
    if not any(t.dep_ == "det" and t.lower_ == "the" for t in words):
        return None
    age = re.search(r"\b\d+-year-old\b", " ".join(t.text for t in words).replace(" - ", "-"))
    epithet = noun.ent_type_ == "NORP" or noun.lemma_.lower() in EPITHET_NOUNS or age
    return {t.i for t in [*noun.subtree, *before]} if epithet else None


def _spliced(tokens: list[Token], phrase: set[int], at: int, name: str) -> str:
    """The words with a name where the phrase at token ``at`` was."""
    kept = [t for t in tokens if t.i not in phrase]
    before = join([t for t in kept if t.i < at])
    after = join([t for t in kept if t.i > at])
    return " ".join(p for p in (before, name, after) if p)


def _owner_named(
    tokens: list[Token], subject_text: str, sentence: Span, surnames: dict[int, str]
) -> str | None:
    """'A court dismisses his challenge' -> 'A court dismisses Djokovic's challenge': 'his'
    or 'her' after the verb, when the subject is someone else, is the person named before
    it, and 'their' the group the text told of before (`plural_owner`); None when there is
    no such word or no one to name."""
    owner = next(
        (t for t in tokens if t.dep_ == "poss" and t.lower_ in ("his", "her", "their")), None
    )
    if owner is None:
        return None
    clause = next((a for a in owner.ancestors if a.pos_ in ("VERB", "AUX")), None)
    doer = clause and next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if doer is not None and (doer.ent_type_ == "PERSON" or doer.lower_ in ("he", "she")):
        return None  # "Rajapaksa sent in his resignation": a person's own
    if owner.lower_ == "their":  # "for their detention" -> "for the accused terrorists'"
        group = plural_owner(owner)
        if group is None or group.lower() in subject_text.lower():
            return None
        return _spliced(tokens, {owner.i}, owner.i, f"{group}'")
    named = previous_person(sentence, surnames)
    if named is None or named[0].lower() in subject_text.lower():
        return None
    return _spliced(tokens, {owner.i}, owner.i, f"{named[0]}'s")


def _described(noun: Token) -> bool:
    """'those responsible for the attack', 'those who fled': a demonstrative that its own
    words describe, hence no pointer to something named before."""
    return noun.lower_ in ("those", "these") and any(
        c.dep_ in ("amod", "relcl", "acl") for c in noun.children
    )


# Words for a part or a number of things: "most of the counties are", "half of them were".
_QUANTITIES = {"most", "many", "some", "all", "half", "several", "both", "few", "none"}
# Nouns English takes as plural without a plural ending: "the police have".
_PLURAL_ONLY = frozenset({"police", "people", "cattle", "personnel", "clergy"})
_QUANTITIES |= {"majority", "rest", "dozens", "hundreds", "thousands", "millions", "part"}


def _part_of_many(noun: Token) -> bool:
    """'Most of Florida's counties', 'More than 730 of its employees': a part of a plural, or
    a number of things, which the verb agrees with."""
    if noun.tag_ == "CD":  # "More than 730 of OpenAI's employees", "Three of them"
        return noun.lower_ not in ("one", "1")
    if noun.lower_ not in _QUANTITIES:
        return False
    return any(
        pobj.tag_ in ("NNS", "NNPS") or pobj.lower_ in ("them", "us", "those", "these")
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    )


# A page's label before a headline: in capitals ("VIDEO Storm ..."), or in any case before
# a colon or dash ("Watch: ..."); "Video from the CBC showed ..." is a subject, not a label.
_LABELS = r"UPDATE[SD]?|BREAKING(?: NEWS)?|EXCLUSIVE|WATCH|LIVE|VIDEO|PHOTOS?|LISTEN"
_PREFIX = re.compile(rf"^(?:(?:{_LABELS})\b\W*|(?i:{_LABELS})\s*[:|–—-]\s*)")


# Prepositions that cannot end a clause: a title ending on one lost its object (a date).
_STRANDED = {"during", "since", "until", "between", "among", "amid", "despite", "into", "onto"}
_STRANDED |= {"of", "from", "with", "at", "the", "a", "an"}
_STRANDED |= _RELATIVE
# An auxiliary whose verb was cut off ("... supply that likely had"): the title ends before
# the relative clause it is in.
_AUXILIARIES = {"had", "has", "have", "will", "would", "could", "can", "may", "might"}
_AUXILIARIES |= {"should", "must"}


def _finish(parts: list[str]) -> str | None:
    title = " ".join(p for p in parts if p)
    words = title.split()
    if words and words[-1].lower() in _AUXILIARIES:
        cuts = [i for i, word in enumerate(words) if word.lower() in _RELATIVE]
        title = " ".join(words[: cuts[-1]]) if cuts else ""
        words = title.split()
    if words and words[-1].lower() in _STRANDED:
        return None  # "The last time the WHO made a similar declaration was during"
    title = re.sub(r"[“”\"\[\]`]|''", "", title).replace(" ,", ",").strip()
    title = _PREFIX.sub("", title)
    title = re.sub(r"(?<![\w&])#(?=\w)", "", title)  # a hashtag's word: "#Sriharikota"
    title = re.sub(r"^(?:the |a |an )?['’]s\s+", "", title, flags=re.I)
    if len(title.split()) < 2:
        return None
    return title[0].upper() + title[1:]


def lower_first(text: str, sentence: Span) -> str:
    """The text with its first word in lower case unless that word is a name. An article that
    opens a long name is not the name ("says the California Department of ...", "the Coast
    Guard"); one that makes a short name is ("The Hague")."""
    first, _, rest = text.partition(" ")
    named = any(
        t.text == first
        and ((t.ent_type_ and t.ent_type_ not in _NUMERIC) or t.pos_ == "PROPN")
        and not (t.lower_ in _ARTICLES and t.ent_type_ and _entity_length(t) >= 3)
        for t in sentence
    )
    acronym = first.isupper() and len(first) > 1  # "NASA", not the article "A"
    # a name the sentence does not write ("the storm" -> "Milton"): it came from the article
    elsewhere = (
        first[:1].isupper()
        and first.lower() not in _ARTICLES
        and not any(t.lower_ == first.lower() for t in sentence)
    )
    return text if named or acronym or elsewhere else f"{first.lower()} {rest}".strip()


_ARTICLES = {"the", "a", "an"}
# Entities that are numbers or times, not names: "Over 200 people" opens with no name.
_NUMERIC = {"CARDINAL", "QUANTITY", "PERCENT", "MONEY", "ORDINAL", "DATE", "TIME"}


def _entity_length(token: Token) -> int:
    """How many tokens the named entity of token has."""
    return next((len(e) for e in token.doc.ents if e.start <= token.i < e.end), 0)


def _agent(verb: Token) -> Token | None:
    """The doer of a passive verb: the object of its 'by' phrase."""
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            return objects[0] if objects else None
    return None


def _clause_title(
    sentence: Span,
    verb: Token,
    skip: set[int],
    surnames: dict[int, str],
    require_people: bool,
    size: int = MAX_WORDS,
    speaker: tuple[str, bool] | None = None,
) -> str | None:
    """The clause as a headline of at most ``size`` words (``speaker``: who the clause's
    first-person subject is, as (name, plural))."""
    if speaker is not None:
        passive = any(c.dep_ == "nsubjpass" for c in verb.children)
        found: tuple[str, bool, bool] | None = (*speaker, passive)
    else:
        found = _subject_text(sentence, verb, skip, surnames, require_people)
    if found is None:
        return None
    subject_text, plural, passive = found
    agent = _agent(verb) if passive else None
    if agent is not None:  # "The bill was passed by parliament" -> "Parliament passes the bill"
        doer = _noun_text(sentence, agent, skip, surnames, require_people)
        # "closed by its state chartering authority": a doer that needs the subject to be
        # understood stays after it ("Signature Bank is closed by its ...")
        if doer is not None and doer[0].split()[0].lower() not in _POSSESSIVE:
            head = verb_words(verb, doer[1], passive=False)
            budget = size - len(doer[0].split()) - len(head.split())
            if budget >= len(subject_text.split()):
                done = lower_first(subject_text, sentence)
                by = {
                    t.i for child in verb.children if child.dep_ == "agent" for t in child.subtree
                }
                rest = predicate(verb, skip | by, budget - len(done.split()))
                return _finish([doer[0], head, done, _with_names(rest)])
    head = verb_words(verb, plural, passive)
    budget = size - len(subject_text.split()) - len(head.split())
    rest = predicate(verb, skip, max(budget, 2))
    if not rest and verb.lemma_ == "be":
        return None  # "The first flight was [in 1994]": nothing left to say
    kept = {t.i for t in rest}
    told = [c for c in verb.children if kept.intersection(t.i for t in c.subtree)]
    # "Yellen tells", "Ghebreyesus says [in a briefing]": not what was said; but what a
    # saying is about is ("warned of potential mudslides", "announced about the damage")
    about = any(c.dep_ == "prep" and c.lower_ in _SAID_ABOUT for c in told)
    if is_reporting(verb) and not about and all(c.dep_ in _SIDE_DEPS for c in told):
        return None
    content = [c for c in verb.children if c.dep_ == "ccomp" and c.i not in skip]
    if content and not told:
        return None  # "The final results show [this makes it the largest bloc]": nothing
    objects = any(c.dep_ == "dobj" for c in verb.children)
    if not objects and any(
        c.dep_ in ("attr", "acomp") and c.i not in skip | kept for c in verb.children
    ):
        # "the mpox surge is now [a global ... emergency]": it says nothing (a verb with an
        # object has no complement of a 'be': "congratulated X ... deadly" is a misparse)
        return None
    said = None if _someones_own(verb) else _owner_named(rest, subject_text, sentence, surnames)
    what = said if said is not None else _with_names(rest)
    relative = _relative_object(verb, skip, subject_text, sentence, surnames)
    if relative is not None:  # "their deliberations, which they began on Monday"
        what = f"{relative} {what}".strip()
    if passive and agent is None:
        # "[At a meeting with Ilham Aliyev], current tasks were discussed": with no doer,
        # the phrase before the verb that names who took part tells whose the happening is
        used = len(subject_text.split()) + len(head.split())
        with_whom = _named_setting(verb, skip, size - used)
        if with_whom is not None:
            if len(what.split()) + len(with_whom.split()) > size - used:
                what = ""
            return _finish([subject_text, head, what, with_whom])
    over = len(f"{subject_text} {head} {what}".split()) - size
    if over > 0:  # "First projected results [from France] put ... well ahead"
        # shorter by enough, else shorter at all ("evacuated residents [in East Palestine]
        # are cleared to return home", said within a few words over the limit)
        shorter = _shorter_subject(verb, skip, subject_text, over)
        subject_text = shorter or _shorter_subject(verb, skip, subject_text, 1) or subject_text
    return _finish([subject_text, head, what])


def _relative_object(
    verb: Token, skip: set[int], subject_text: str, sentence: Span, surnames: dict[int, str]
) -> str | None:
    """The object of a relative clause that is its relative word: the noun the clause
    describes ('their deliberations, which they began on Monday' -> 'their
    deliberations'), in a few words; None for any other clause."""
    relative = next(
        (c for c in verb.children if c.dep_ == "dobj" and c.lower_ in ("which", "that")), None
    )
    if relative is None and _zero_relative(verb):  # "an op-ed she wrote for The Post"
        relative = verb
    if verb.dep_ not in ("relcl", "advcl") or relative is None:
        return None
    described = verb.head
    if verb.dep_ == "advcl":  # the same clause hung on the verb: what "which" follows
        before = [t for t in verb.doc[verb.sent.start : relative.i] if not t.is_punct]
        if not before or relative.i - before[-1].i > 2:
            return None
        described = before[-1]
    if described.tag_ == "CD":
        # "The toll was put at 288, which the government revised to 275": a figure's
        # relative word stands for what the figure measures, its clause's subject
        clause = next((a for a in described.ancestors if a.pos_ in ("VERB", "AUX")), None)
        subjects = (
            [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")] if clause else []
        )
        described = subjects[0] if subjects else described
    if described.pos_ not in ("NOUN", "PROPN"):
        return None
    tokens = compressed(subject_tokens(described, skip | {t.i for t in verb.subtree}), 5)
    if not tokens:
        return None
    owned = _owner_named(tokens, subject_text, sentence, surnames)
    return lower_first(owned if owned is not None else _with_names(tokens), sentence)


def _zero_relative(verb: Token) -> bool:
    """'an op-ed she wrote', 'the deal they signed': a relative clause with no relative
    word whose verb has a subject and no object, so that the noun it describes is its
    object; not one of time, place, manner or reason ('the day she died'), nor one whose
    preposition is left without its object ('the band he played in')."""
    described = verb.head  # a noun (the tagger may take "op-ed" for a name), not a name
    if verb.dep_ != "relcl" or verb.pos_ != "VERB" or not described.text.islower():
        return False
    if described.pos_ not in ("NOUN", "PROPN"):
        return False
    children = list(verb.children)
    if any(c.dep_ in ("dobj", "nsubjpass", "ccomp", "xcomp") for c in children) or any(
        c.tag_ in ("WDT", "WP", "WP$", "WRB") or c.lower_ == "that" for c in children
    ):
        return False
    if not any(c.dep_ == "nsubj" for c in children):
        return False
    if any(c.dep_ == "prep" and not any(g.dep_ == "pobj" for g in c.children) for c in children):
        return False
    return described.ent_type_ not in ("DATE", "TIME") and described.lemma_ not in _CIRCUMSTANCE


# Nouns a relative clause with no relative word tells the circumstances of, not its object.
_CIRCUMSTANCE = frozenset(
    {"time", "day", "night", "week", "month", "year", "moment", "way", "reason", "place"}
)


def _shorter_subject(verb: Token, skip: set[int], subject_text: str, over: int) -> str | None:
    """A described subject told in fewer words when its title runs over the limit: without
    its prepositional phrases other than 'of' ('First projected results [from France]'),
    then without the places and nationalities before its noun ('[United States] medical
    professionals'); None when that is not shorter by enough, or the subject is a name."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ != "NOUN":
        return None
    if join(subject_tokens(subject, skip)) != subject_text:
        return None  # a name, or a phrase told otherwise
    places = {
        t.i
        for left in subject.lefts
        if left.dep_ in ("compound", "amod", "nmod") and left.ent_type_ in ("GPE", "NORP", "LOC")
        for t in left.subtree
    }
    phrases = {
        t.i
        for c in subject.children
        if c.dep_ == "prep" and c.i > subject.i and c.lower_ != "of"
        for t in c.subtree
    }
    for dropped in (phrases, phrases | places):
        tokens = subject_tokens(subject, skip | dropped)
        if tokens and words_in(tokens) <= len(subject_text.split()) - over:
            return join(tokens)
    return None


_SETTING_NAMES = ("PERSON", "ORG", "GPE", "NORP")


def _named_setting(verb: Token, skip: set[int], budget: int) -> str | None:
    """A prepositional phrase before the verb that names who took part, with the name
    alone ('at a meeting with President of Azerbaijan Ilham Aliyev' -> 'at a meeting with
    Ilham Aliyev'), when it fits the budget; None without one."""
    doc = verb.doc
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.i < verb.i):
        inside = {t.i for t in prep.subtree}
        if inside & skip:
            continue
        names = [e for e in doc.ents if e.label_ in _SETTING_NAMES and e.start in inside]
        if not names:
            continue
        name = names[-1]
        # the object of the outermost preposition inside the phrase holds the name: the
        # words before it, then the name ("at a meeting with [President of ...]")
        chain = [name.root]
        while chain[-1].head.i in inside and chain[-1].i != prep.i:
            chain.append(chain[-1].head)
        inner = [t for t in chain[:-1] if t.dep_ == "prep"]
        holder = next((t for t in chain if inner and t.head.i == inner[-1].i), name.root)
        lead = [t for t in prep.subtree if t.i < holder.left_edge.i and keep(t)]
        words = [*(t.text for t in lead), name.text]
        if len(words) <= budget and len(lead) >= 2:
            return " ".join(words)
    return None


def _report_title(saying: _Saying) -> str | None:
    """'Ford says it can make it through the year without government aid': the speaker and
    what was said."""
    sentence, reporter, inner, skip, surnames, require_people = saying
    found = _subject_text(sentence, reporter, skip, surnames, require_people)
    if found is None:
        return None
    subject_text, plural, _ = found
    # "issued a statement saying", "told reporters" (the listener is not in the title)
    plain = (
        made_clear(reporter)
        or not is_reporting(reporter)
        or reporter.lemma_.lower() in ("tell", "post", "tweet", "write")
    )
    says = ("say" if plural else "says") if plain else present(reporter, plural)
    budget = MAX_WORDS - len(subject_text.split()) - 1
    if budget < _SAID_AT_LEAST:  # "Doctors [at the University of Cincinnati ...] say"
        shorter = _shorter_subject(reporter, skip, subject_text, _SAID_AT_LEAST - budget)
        subject_text = shorter or subject_text
        budget = MAX_WORDS - len(subject_text.split()) - 1
    speaker = _speaker_pronoun(reporter, inner) or _conceded_subject(saying)
    own = next((c for c in inner.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    we = own is not None and own.lower_ == "we"
    if speaker is None and we and _institution_speaks(reporter):
        # '"We currently estimate ...," Microsoft said': what it says it does
        itself = _first_person_title(saying)
        if itself is not None:
            return _FIRST_PLURAL.sub(lambda m: _THIRD_SINGULAR[m.group(0)], itself)
    said = _clause_title(sentence, inner, skip, surnames, False, budget, speaker=speaker)
    if said is not None and len(said.split()) <= budget + OVERRUN:
        said = lower_first(said, sentence)
        # "X says X is ..." -> "it is"; also where X was named ("The company said it plans"
        # -> "SVB says it plans", not "SVB says the company plans")
        spoken_as = [subject_text, _words_of_subject(reporter)]
        # also without its owner: "his defense attorneys ... they" -> "defense attorneys"
        spoken_as += [_OWNER.sub("", spoken) for spoken in spoken_as]
        # and by its name alone: "San Francisco-based OpenAI ... it" -> "OpenAI"
        spoken_as += [w for w in subject_text.split()[-1:] if w[:1].isupper()]
        # and by its first part: "police officers and rescue personnel said they" -> "they"
        spoken_as += [subject_text.split(" and ")[0]] if " and " in subject_text else []
        for spoken in spoken_as:
            if spoken and said.lower().startswith(spoken.lower() + " "):
                said = _pronoun(inner, plural) + said[len(spoken) :]
                break
        said = _own_pronoun_kept(said, subject_text, inner)
        return _finish([subject_text, says, said])
    words = [
        t
        for t in inner.subtree
        if t.i not in skip and keep(t) and not (t.dep_ == "mark" and t.head.i == inner.i)
    ]
    words = [t for t in words if t.i < sentence.end and t.text not in ("“", "”", '"', "``", "''")]
    while words and (words[0].lower_ in _CONNECTIVES or words[0].is_punct):
        words = words[1:]  # '"However, it was something exceptional," he said'
    if own is not None and own.lower_ in _SPEAKING:
        # '"At this point, we have exhausted every option," she said': the words said from
        # their subject on, quoted, for a "we" or an "I" is the speaker's own
        words = [t for t in words if t.i >= own.left_edge.i]
    cut = next((n for n, t in enumerate(words) if t.text in (",", ";", ":") and n >= 4), None)
    words = fit(without_joined(words[:cut] if cut else words, budget), budget)
    if len(words) < 2 or inner not in words:
        return None  # cut before its verb, what was said would be a fragment
    kept = {t.i for t in words}
    if any(c.dep_ in _COMPLEMENTS and c.i not in kept for c in inner.children):
        return None  # "the mpox surge in Africa was now [a global ... emergency]"
    first = words[0].text if words[0].ent_type_ else words[0].text.lower()
    if own is not None and own.lower_ in _SPEAKING:
        first = "I" if first == "i" else first
        said = join(words)  # with the text's own spacing: "We’re" stays one word
        return _finish([subject_text, says, f"‘{first}{said[len(words[0].text) :]}’"])
    return _finish([subject_text, says, first, join(words[1:])])


# The fewest words a title leaves for what was said before it shortens who said it.
_SAID_AT_LEAST = 6
# First and second persons that only the speaker's own words, quoted, can keep.
_SPEAKING = frozenset({"we", "i", "you"})


# An organisation's "we" told of it: "our employees" -> "its employees".
_FIRST_PLURAL = re.compile(r"\b(?:our|us|ourselves)\b")
_THIRD_SINGULAR = {"our": "its", "us": "it", "ourselves": "itself"}


# Words that tie a sentence to the one before, not part of what it says.
_CONNECTIVES = frozenset(
    {"however", "but", "and", "yet", "still", "meanwhile", "nevertheless", "so", "also"}
)
_OWNER = re.compile(r"^(?:\S+['’]s?|his|her|its|their|our|the)\s+", re.IGNORECASE)


# Things that carry what someone says, which are never "he" or "she".
_CHANNELS = frozenset(
    {"account", "statement", "post", "tweet", "release", "report", "website", "page"}
    | {"letter", "document", "filing", "notice", "bulletin", "update", "message", "video"}
)


def _speaker_pronoun(reporter: Token, inner: Token) -> tuple[str, bool] | None:
    """'The world No 1 had announced that he was travelling': 'he' in what someone said is
    the speaker (not the last person named before), so the title keeps the pronoun."""
    speaker = next((c for c in reporter.children if c.dep_ == "nsubj"), None)
    subject = next((c for c in inner.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if speaker is None or subject is None or speaker.pos_ == "PRON":
        return None
    if speaker.lemma_.lower() in _CHANNELS:
        return None  # "he is sedated," the team's account posted: someone else
    if subject.lower_ in ("he", "she"):
        return subject.lower_, False
    return None


def _own_pronoun_kept(said: str, speaker: str, inner: Token) -> str:
    """'López Obrador said his opponents were trying ...': where the text's 'his' or 'her'
    in what was said was resolved to the speaker, the title keeps the pronoun ('López
    Obrador says his opponents try ...', not '... says Obrador's opponents ...')."""
    owner = next(
        (t for t in inner.subtree if t.dep_ == "poss" and t.lower_ in ("his", "her")), None
    )
    if owner is None:
        return said
    words = speaker.split()
    for start in range(len(words)):
        named = " ".join(words[start:]) + "'s "
        if named[:1].isupper() and named in said:
            return said.replace(named, owner.lower_ + " ", 1)
    return said


def _words_of_subject(verb: Token) -> str:
    """The words of a verb's subject as the text writes them ('The company')."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return "" if subject is None else join([t for t in subject.subtree if keep(t)])


# What a verb cannot lose and still say what it said.
_COMPLEMENTS = {"dobj", "attr", "acomp", "oprd", "ccomp", "xcomp"}


def _pronoun(inner: Token, plural: bool) -> str:
    """How what was said refers back to the speaker: the text's own pronoun ("Biden said
    he was committed" -> "Biden says he is committed"), else it or they."""
    for child in inner.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in _PERSONAL:
            return "I" if child.lower_ == "i" else child.lower_
    return "they" if plural else "it"


_PERSONAL = {"he", "she", "they", "we", "i"}


# How a headline says that an event told by a noun happened: "Pandemic breaks out".
_HAPPENED = {
    "disaster": ("strikes", "strike"),
    "health": ("breaks out", "break out"),
    "clashes": ("breaks out", "break out"),
    "election": ("is held", "are held"),
    "meeting": ("is held", "are held"),
    "agreement": ("is reached", "are reached"),
}


# Nouns any happening of a kind can be called by: an article names its happening otherwise.
_GENERIC_EVENTS = frozenset({"disaster", "tragedy", "catastrophe", "calamity", "incident"})


def _named_happening(noun: Token, kind: str, typology: Typology) -> str | None:
    """'the Aug. 8 disaster' -> 'The Maui wildfires': the happening of the same type the
    article tells most with a noun of its own (twice, or once with a name before it), in
    its form with a name before it, else its longest; None when there is none."""
    counts: Counter[str] = Counter()
    forms: dict[str, tuple[tuple[bool, int], str]] = {}
    for token in noun.doc:
        lemma = token.lemma_.lower()
        if token.pos_ != "NOUN" or token.i == noun.i or lemma in _GENERIC_EVENTS:
            continue
        found = typology.rank(lemma, "NOUN")
        if found is None or found[1] != kind or not typology.happening(lemma):
            continue
        counts[lemma] += 1
        before: list[Token] = []  # "Baltimore bridge" of "the Baltimore bridge collapse"
        for t in reversed(noun.doc[token.left_edge.i : token.i]):
            if not (t.dep_ == "compound" or (t.dep_ == "amod" and t.ent_type_)) or t.like_num:
                break
            before.insert(0, t)
        form = " ".join([*_placed(before), token.text])
        # the form with a name before it, else the longest
        rank = (any(t.pos_ == "PROPN" for t in before), len(form))
        if lemma not in forms or rank > forms[lemma][0]:
            forms[lemma] = (rank, form)
    named = [lemma for lemma, count in counts.most_common() if count >= 2 or forms[lemma][0][0]]
    if not named:
        return None
    (with_name, _), form = forms[named[0]]
    place = None if with_name else _story_place(noun.doc)
    # no name in it: the place the story is about names it ("The fires" -> "The Maui fires")
    return f"The {place} {form}" if place else f"The {form}"


def _called_elsewhere(noun: Token, *, by_place: bool = True) -> str | None:
    """'the Feb. 3 derailment' told alone: the article's name for that happening where it
    writes the same noun after a name ('the Norfolk Southern derailment'), else after the
    place its story is about ('The East Palestine derailment'); None when it has neither,
    or when the noun is not definite ('tying a 1896 hurricane' is another one)."""
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE_WORDS for c in noun.children):
        return None
    for token in noun.doc:
        if token.i == noun.i or token.lemma_ != noun.lemma_ or token.pos_ != "NOUN":
            continue
        before: list[Token] = []
        for t in reversed(noun.doc[token.left_edge.i : token.i]):
            if t.dep_ != "compound" or t.pos_ != "PROPN":
                break
            before.insert(0, t)
        if before:
            return f"The {' '.join([*_placed(before), noun.text])}"
    place = _story_place(noun.doc) if by_place else None
    return f"The {place} {noun.text}" if place else None


def _story_place(doc: Doc) -> str | None:
    """The place an article's story is about: of the places it names, the one it writes
    most, its headline included, at least three times and more than any other; None when
    none is."""
    places = {
        e.text for e in doc.ents if e.label_ in ("GPE", "LOC") and len(e) <= 3 and e.text.istitle()
    }
    # the headline tells the story's place too ("Helicopter rescues Taiwan miners")
    told = times_written(doc, places) + times_in(headline(doc), places)
    ranked = told.most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _placed(words: list[Token]) -> list[str]:
    """The words before a happening's noun, with a described place in them called by the
    name the article gives it ('Baltimore bridge' -> 'Francis Scott Key Bridge')."""
    for token in words:
        if token.lemma_.lower() in PLACE_HEADS and (named := place_named(token)) is not None:
            return [named, *(t.text for t in words if t.i > token.i)]
    return [t.text for t in words]


def _told_as_verb(doc: Doc, lemma: str) -> Token | None:
    """The verb the article tells its happening with, when it names it with a noun that is
    also its verb ('the Baltimore bridge collapse', 'the bridge collapsed'); None when the
    noun is never a verb in the text ('the Maui wildfires')."""
    return next((t for t in doc if t.pos_ == "VERB" and t.lemma_.lower() == lemma), None)


def nominal_title(
    noun: Token, skip: set[int], kind: str, typology: Typology | None = None
) -> str | None:
    """A title for an event told by a noun phrase, not a clause ("compared with the 1918
    pandemic"): the phrase without its date and asides, then what such an event does
    ("The pandemic breaks out")."""
    skip = expand_skip(noun.sent, skip)
    # without asides at any depth ("the 2010 eruption of the volcano[, which spewed ...]")
    asides = {
        t.i
        for a in noun.subtree
        if a.i != noun.i
        and (a.dep_ in ("relcl", "acl") or (a.dep_ == "appos" and a.head.i == noun.i))
        for t in a.subtree
    }
    # nor the instances it lists ("the quake off Taiwan's east coast[, including a ...]")
    asides |= {t.i for a in noun.subtree if a.lower_ == "including" for t in a.subtree}
    words = [
        t
        for t in noun.subtree
        if t.i not in skip | asides and keep(t) and t.dep_ not in ("relcl", "appos", "acl")
    ]
    words = [t for t in words if t.i <= noun.i or t.dep_ == "prep" or t.head.i != noun.i]
    # "only Hurricane Elena": a word that limits the phrase says nothing of the happening
    while words and (
        (words[0].dep_ in ("det", "poss") and words[0].pos_ != "PROPN")
        or (words[0].dep_ == "advmod" and words[0].lower_ in ("only", "just", "even"))
    ):
        words = words[1:]
    happens = _HAPPENED.get(kind, ("takes place", "take place"))
    alone = [t.i for t in words] == [noun.i]
    if alone and noun.lemma_.lower() in _GENERIC_EVENTS and typology is not None:
        # "died in the Aug. 8 disaster": the article's own name for its happening
        called = _named_happening(noun, kind, typology)
        if called is not None:
            plural = called.endswith("s") and not called.endswith("ss")
            *before, last = called.split()
            verb = _told_as_verb(noun.doc, last.lower()) if len(before) > 1 else None
            if verb is not None:  # "The Baltimore bridge collapses", not "... collapse strikes"
                return _finish([*before, present(verb, False)])
            return _finish([called, happens[1 if plural else 0]])
    named = coreferent(noun) if alone else None
    if named is not None:  # "the launch" -> "Chandrayaan-3's launch", "the storm" -> "Milton"
        return _finish([named[0], happens[0]])
    called = _called_elsewhere(noun) if alone else None
    if called is not None:  # "the Feb. 3 derailment" -> "The East Palestine derailment"
        return _finish([called, happens[1 if noun.tag_ == "NNS" else 0]])
    doer = _doer_of(noun, words) or _parties_of(noun, words)
    if doer is not None:  # "the 2010 eruption of the volcano" -> "The volcano erupts"
        return doer
    text = join(words)
    if not text or len(text.split()) > MAX_WORDS - 2:
        words = [t for t in words if t.i <= noun.i]
        text = join(words)
    pronoun = next((t for t in words if t.dep_ == "poss" and t.lower_ in ("his", "her")), None)
    owner = _pronoun_owner(pronoun) if pronoun is not None else None
    if pronoun is not None and owner is not None:  # "murder of his wife" -> "of Murdaugh's wife"
        text = _spliced(words, {pronoun.i}, pronoun.i, f"{owner}'s")
    plural = noun.tag_ in ("NNS", "NNPS")
    return _finish([text, happens[1 if plural else 0]])


def _doer_of(noun: Token, words: list[Token]) -> str | None:
    """'the eruption of the Eyjafjallajokull volcano' where the article writes 'erupted'
    with no object: the thing the 'of' phrase names did what the noun names ('The
    Eyjafjallajokull volcano erupts'); None when the article never tells the noun as such
    a verb, or the phrase is not '<noun> of <thing>'."""
    lemma = noun.lemma_.lower()
    of = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" and c.i > noun.i]
    things = [c for c in of[0].children if c.dep_ == "pobj"] if of else []
    if not things or things[0].ent_type_ == "PERSON" or not lemma.endswith(_NOUN_ENDINGS):
        return None
    verb = next(
        (
            t
            for t in noun.doc
            if t.pos_ == "VERB"
            and len(t.lemma_) >= 4
            and lemma.startswith(t.lemma_.lower())
            and not any(c.dep_ in ("dobj", "nsubjpass") for c in t.children)
        ),
        None,
    )
    if verb is None:
        return None
    kept = {t.i for t in words}
    thing = [t for t in things[0].subtree if t.i in kept]
    if not thing:
        return None
    return _finish([join(thing)[:1].upper() + join(thing)[1:], present(verb, False)])


def _parties_of(noun: Token, words: list[Token]) -> str | None:
    """'last week's collision between a Coast Guard aircraft and a Japan Airlines
    passenger plane' where the article writes 'collided': the two its 'between' phrase
    joins did together what the noun names ('A Coast Guard aircraft and a Japan Airlines
    passenger plane collide'); None when the article never tells the noun as a verb, or
    the phrase joins no two."""
    lemma = noun.lemma_.lower()
    between = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"]
    first = next((c for c in between[0].children if c.dep_ == "pobj"), None) if between else None
    if first is None or not first.conjuncts or not lemma.endswith(_NOUN_ENDINGS):
        return None
    verb = next(
        (
            t
            for t in noun.doc
            if t.pos_ == "VERB"
            and len(t.lemma_) >= 4
            and len(commonprefix([lemma, t.lemma_.lower()])) >= max(4, len(t.lemma_) - 2)
        ),
        None,
    )
    kept = {t.i for t in words} - _bracketed(between[0])  # "Japan Airlines [(JAL)]"
    parties = [t for t in between[0].subtree if t.i in kept and t.i != between[0].i]
    if verb is None or not parties:
        return None
    text = join(parties)
    return _finish([text[:1].upper() + text[1:], present(verb, True)])


def _bracketed(phrase: Token) -> set[int]:
    """The tokens of a phrase written inside round brackets."""
    inside: set[int] = set()
    depth = 0
    for token in phrase.subtree:
        depth += token.text == "("
        if depth:
            inside.add(token.i)
        depth -= token.text == ")" and depth > 0
    return inside


# Endings that make a noun of a verb: "eruption", "derailment", "collapse" is its own verb.
_NOUN_ENDINGS = ("ion", "ment", "ure", "al")


def _pronoun_owner(pronoun: Token) -> str | None:
    """Whom 'his' or 'her' stands for: the person a clause it is in describes ('Murdaugh,
    who was found guilty of the murder of his wife'), else the person who is the subject of
    a clause it is in, else the last person named before (`previous_person`)."""
    doc = pronoun.doc
    for ancestor in pronoun.ancestors:
        subject = next((c for c in ancestor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lower_ == "who":
            # the name the clause describes, past an aside ('Murdaugh, 54, who ...')
            before = doc[max(subject.sent.start, subject.i - 6) : subject.i]
            named = [t for t in before if t.pos_ == "PROPN"]
            return named[-1].text if named else None
        if subject is not None and subject.ent_type_ == "PERSON" and subject.pos_ == "PROPN":
            return subject.text
    found = previous_person(pronoun.sent, {})
    return found[0] if found else None


_TEMPLATES = {
    "call": "{all} hold a phone call",
    "meeting": "{all} meet",
    "statement": "{first} makes a statement",
    "ceasefire": "{all} agree on a ceasefire",
    "agreement": "{all} reach an agreement",
    "clashes": "{all} clash",
    "deployment": "{first} deploys forces",
    "visit": "{first} makes a visit",
}


def fallback_title(kind: str, text: str, date_text: str, chosen: list[str]) -> str:
    """A title when the sentence has no clause to make one of: a template naming the
    actors ('Phone call between A and B'), else the first clause of the part of the
    sentence its date is in."""
    if kind in _TEMPLATES and len(chosen) >= (2 if "{all}" in _TEMPLATES[kind] else 1):
        joined = ", ".join(chosen[:-1]) + " and " + chosen[-1] if len(chosen) > 1 else chosen[0]
        return _TEMPLATES[kind].format(all=joined, first=chosen[0])
    # of clauses joined by a semicolon, the one its date is in ("... in July 2022; that
    # declaration ended in May 2023 ...")
    parts = text.split(";")
    text = next((part for part in parts if date_text and date_text in part), parts[0])
    # of its clauses, the one its date is in, when that says something ("Five years after
    # its launch, iTunes in February passed Wal-Mart"): not a phrase set before it
    dated = [
        part
        for part in re.split(r"[,:(]", text)
        if date_text
        and date_text in part
        and len(part.split()) - len(date_text.split()) >= 4
        # not who said it ('"...?," one user wrote on Saturday'), nor a clause the date
        # was the subject of ("but spring shows signs of hope")
        and not _SAID_PART.search(part.replace(date_text, ""))
        and not re.match(rf"\W*(?:but|and|or)\s+{re.escape(date_text)}", part.strip(), re.I)
    ]
    if dated:
        text = dated[0]
    if date_text:  # the date and the preposition that brought it ("ended [in May 2023]")
        text = re.sub(rf"\b(?:on|in|at|by|during)\s+{re.escape(date_text)}", "", text)
    cleaned = text.replace(date_text, "").strip(" ,.")
    cleaned = re.sub(r"[“”\"`]|''", "", cleaned)
    cleaned = re.sub(r"^(On|In|Since|By|At)\s*,?\s*", "", cleaned).strip(" ,")
    clause = re.split(r"[,;:(]", cleaned)[0].split()  # the first clause, not a cut sentence
    words = clause if len(clause) >= 4 else cleaned.split()
    words = words[:12]
    while words and words[-1].lower() in _TRAILING:
        words.pop()
    short = " ".join(words)
    return short[:1].upper() + short[1:] if short else kind.capitalize()


_SAID_PART = re.compile(
    r"\b(?:said|says|wrote|writes|told|tells|reported|reports|added|adds|asked|asks|stated|"
    r"states|announced|announces)\W*(?:on|in|at)?\W*$"  # a verb: lower case
)

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
# What a cut clause may not end on: a dangling word, or a preposition that lost its object.
# Words a cut title does not end on; "not" and "never" would turn its sense round ("found
# him not [guilty]").
_TRAILING = _DANGLING | _STRANDED | {"around", "about", "near", "after", "before", "not", "never"}
