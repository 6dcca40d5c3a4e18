"""The spaCy components of the extraction, registered in one place.

Each component's ``__call__`` runs a pure ``find_*`` function and then sets annotations,
so tests can call the pure function directly.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc

from generator.nlp.doctext import doc_text
from generator.timex.calendar_words import MONTH_NAMES, WEEKDAY_NAMES
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
        self.set_annotations(doc, find_timexes(doc_text(doc), anchor=anchor, doc=doc))
        return doc

    @staticmethod
    def set_annotations(doc: Doc, timexes: list[Timex]) -> None:
        """Store the timexes on the doc."""
        doc._.timexes = tuple(timexes)


@Language.factory("chronology_timex")
def make_timex_tagger(nlp: Language, name: str) -> TimexTagger:
    """Factory of the temporal tagger component."""
    return TimexTagger()


# A clock time's "a.m."/"p.m." ends with a full stop, and the parser then often starts a
# sentence at the next capital; but a weekday, month or time zone after a clock time is
# that time's date ("84 mph recorded at 2:10 a.m. Thursday at Vero Beach").
_MERIDIEM = frozenset({"a.m.", "p.m.", "a.m", "p.m"})
_TIME_ZONES = ("et", "est", "edt", "ct", "cst", "cdt", "pt", "pst", "pdt", "gmt", "utc", "bst")
_DATE_WORDS = frozenset(
    [word.lower() for names in (*MONTH_NAMES, *WEEKDAY_NAMES) for word in names.split()]
    + [*_TIME_ZONES, "local"]
)


def find_clock_continuations(doc: Doc) -> list[int]:
    """Indices of the tokens that continue a clock time rather than open a sentence."""
    return [
        token.i + 1
        for token in doc[:-1]
        if token.lower_ in _MERIDIEM and doc[token.i + 1].lower_.rstrip(".") in _DATE_WORDS
    ]


@Language.component("chronology_clock_times")
def keep_clock_times_whole(doc: Doc) -> Doc:
    """Marks the tokens after a clock time that give its date as inside the sentence, before
    the parser sets the sentence boundaries."""
    for index in find_clock_continuations(doc):
        doc[index].is_sent_start = False
    return doc


def find_paragraph_starts(doc: Doc) -> list[int]:
    """Indices of the tokens that open a paragraph: the first word after a blank line. A
    paragraph never continues a sentence, even when it ends without a full stop (a heading,
    a line of furniture, 'according to National Weather Service' cut from its period)."""
    return [
        token.i + 1
        for token in doc[:-1]
        if token.is_space and token.text.count("\n") >= 2 and not doc[token.i + 1].is_space
    ]


_ARTICLES = {"The", "A", "An"}


def find_glued_starts(doc: Doc) -> list[int]:
    """Indices of the articles that open a sentence glued to a heading without a full
    stop ('Updated list The victims of the disaster are listed ...'): a capitalised 'The',
    'A' or 'An' between two lower-case words cannot be inside an English sentence (a name
    such as 'The Hague' goes on in capitals)."""
    return [
        token.i
        for token in doc[1:-1]
        if token.text in _ARTICLES
        and doc[token.i - 1].is_alpha
        and doc[token.i - 1].is_lower
        and doc[token.i + 1].is_alpha
        and doc[token.i + 1].is_lower
    ]


@Language.component("chronology_paragraphs")
def start_sentences_at_paragraphs(doc: Doc) -> Doc:
    """Marks the first word of every paragraph, and of every sentence glued to a heading,
    as a sentence start, before the parser sets the other sentence boundaries."""
    for index in [*find_paragraph_starts(doc), *find_glued_starts(doc)]:
        doc[index].is_sent_start = True
    return doc


# Parts of speech a word in capitals is taken for when it spells a function word ("the
# WHO" tagged as the pronoun "who", "IT" as "it"): in running text it is an acronym.
_FUNCTION_TAGS = {"PRON", "DET", "ADP", "CCONJ", "SCONJ", "AUX", "PART", "ADV"}


def find_capitalised_names(doc: Doc) -> list[int]:
    """Indices of the words in capitals, in a sentence not written in capitals, that the
    tagger took for function words ('The WHO lowered ...'): acronyms, hence names."""
    found = []
    for token in doc:
        text = token.text
        if len(text) < 2 or not text.isalpha() or not text.isupper():
            continue
        if token.pos_ not in _FUNCTION_TAGS:
            continue
        words = [t for t in token.sent if t.is_alpha and len(t) > 1]
        if sum(t.text.isupper() for t in words) * 2 > len(words):
            continue  # a headline in capitals: its "IT" is the pronoun
        found.append(token.i)
    return found


def find_names_opening_sentences(doc: Doc) -> list[int]:
    """Indices of the capitalised words opening a sentence that the tagger took for plural
    common nouns though the text writes them alone, capitalised, inside a sentence too
    ('Theranos dissolved' after 'her startup Theranos'): names, hence one thing."""
    alone = {
        token.text
        for token in doc
        if not token.is_sent_start
        and token.text[:1].isupper()
        and token.i > 0
        and not doc[token.i - 1].text[:1].isupper()
        and not (token.i + 1 < len(doc) and doc[token.i + 1].text[:1].isupper())
    }
    return [
        token.i
        for token in doc
        if token.is_sent_start and token.tag_ == "NNS" and token.text in alone
    ]


def find_plurals_opening_sentences(doc: Doc) -> list[int]:
    """Indices of the capitalised plurals opening a sentence that the tagger took for names
    ('Jurors then returned'): a word ending in -s with no entity, written capitalised
    nowhere else in the text and followed by no other capitalised word."""
    inside = {t.text for t in doc if not t.is_sent_start and t.text[:1].isupper()}
    return [
        token.i
        for token in doc
        if token.is_sent_start
        and token.tag_ == "NNP"
        and not token.ent_type_
        and token.is_title
        and len(token.text) > 3
        and token.text.endswith("s")
        and not token.text.endswith("ss")
        and token.text not in inside
        and not (token.i + 1 < len(doc) and doc[token.i + 1].text[:1].isupper())
    ]


@Language.component("chronology_acronyms")
def tag_acronyms_as_names(doc: Doc) -> Doc:
    """Tags as proper nouns the acronyms the tagger took for function words and the names
    it took for plural nouns at a sentence's start, and as plural nouns the plurals it
    took for names there, before the lemmatizer reads the tags (the parse keeps their
    role: 'WHO' stays the subject)."""
    for index in [*find_capitalised_names(doc), *find_names_opening_sentences(doc)]:
        token = doc[index]
        token.pos_ = "PROPN"
        token.tag_ = "NNP"
    for index in find_plurals_opening_sentences(doc):
        doc[index].pos_, doc[index].tag_ = "NOUN", "NNS"
    return doc


def find_participle_subjects(doc: Doc) -> list[tuple[int, int, int, int]]:
    """Clauses after 'said that' that the parser split at a participle describing their
    subject, so that the clause's own verb lost its subject: 'said that [evacuated
    residents] are cleared' ('that' read as the subject of 'evacuated', 'residents' as its
    object) and 'ruled that [the man charged over the collapse] will stay' ('charged' read
    as the clause's verb, 'will stay' as a second verb of 'ruled'). Each time (that,
    participle, noun, verb): the same reporting verb has a second verb with no subject of
    its own, opened by its auxiliary right after the noun phrase."""
    found = []
    for participle in doc:
        if participle.tag_ not in ("VBN", "VBD") or participle.dep_ != "ccomp":
            continue
        deps = {c.dep_: c for c in participle.children}
        if "aux" in deps or "auxpass" in deps:
            continue  # "that the man was charged": a clause of its own
        that = deps.get("nsubj")
        if that is not None and that.lower_ == "that" and that.i == participle.i - 1:
            noun = deps.get("dobj")  # "that [evacuated] residents"
            if noun is None or noun.left_edge.i != participle.i + 1:
                continue
            end = noun.right_edge.i
        elif that is not None and "dobj" not in deps:
            noun, that = that, deps.get("mark")  # "that the man [charged over ...]"
            if that is None or noun.right_edge.i != participle.i - 1:
                continue
            end = participle.right_edge.i
        else:
            continue
        if noun.tag_ not in ("NN", "NNS"):
            continue
        verb = next(
            (
                c
                for c in participle.head.rights
                if c.dep_ in ("ccomp", "conj") and c.left_edge.i == end + 1
            ),
            None,
        )
        if verb is None or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            continue
        if not any(c.dep_ in ("aux", "auxpass") and c.i == end + 1 for c in verb.children):
            continue  # the second verb starts with its auxiliary: "... are cleared"
        found.append((that.i, participle.i, noun.i, verb.i))
    return found


@Language.component("chronology_participle_subjects")
def join_participle_subjects(doc: Doc) -> Doc:
    """Rejoins each clause :func:`find_participle_subjects` finds: the participle describes
    the noun, the noun is the subject of the second verb, 'that' opens its clause."""
    for that, participle, noun, verb in find_participle_subjects(doc):
        second = doc[verb]
        passive = any(c.dep_ == "auxpass" for c in second.children)
        before = doc[participle].i < doc[noun].i
        doc[that].head, doc[that].dep_ = second, "mark"
        doc[noun].head, doc[noun].dep_ = second, "nsubjpass" if passive else "nsubj"
        doc[participle].head, doc[participle].dep_ = doc[noun], "amod" if before else "acl"
        second.dep_ = "ccomp"
    return doc


def find_particles_with_objects(doc: Doc) -> list[int]:
    """Particles the parser gave an object, which makes them prepositions: 'halted [over]
    concerns that ...' ('over' read as the particle of 'halted', 'concerns' as its object);
    a particle stays with its verb in a title, so its object would be cut from it."""
    return [t.i for t in doc if t.dep_ == "prt" and any(c.dep_ == "pobj" for c in t.children)]


@Language.component("chronology_prepositions")
def relabel_particles_with_objects(doc: Doc) -> Doc:
    """Makes each particle :func:`find_particles_with_objects` finds a preposition."""
    for index in find_particles_with_objects(doc):
        doc[index].dep_, doc[index].tag_ = "prep", "IN"
    return doc


def find_reported_clauses(doc: Doc) -> list[tuple[int, int, int]]:
    """Reported clauses the parser hung on the reporting verb as a second subject with a
    describing participle: '[Hamlin transferred to Buffalo on Monday and went through
    testing], the Bills said' ('Hamlin' read as a subject of 'said', 'transferred' as a
    participle describing him). Each time (verb said, subject, its verb): the verb
    already has a subject of its own after the first, and the participle follows its noun
    with no auxiliary."""
    found = []
    for verb in doc:
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
        if len(subjects) < 2 or verb.tag_ not in ("VBD", "VBZ", "VBP"):
            continue
        first = subjects[0]
        clause = next(
            (
                c
                for c in first.children
                if c.dep_ == "acl" and c.tag_ in ("VBD", "VBN") and c.i == first.i + 1
            ),
            None,
        )
        if clause is None or any(c.dep_ in ("aux", "auxpass") for c in clause.children):
            continue
        found.append((verb.i, first.i, clause.i))
    return found


@Language.component("chronology_reported_clauses")
def rejoin_reported_clauses(doc: Doc) -> Doc:
    """Makes each clause :func:`find_reported_clauses` finds the reported clause of its
    verb, with its noun as its subject."""
    for verb, subject, clause in find_reported_clauses(doc):
        doc[clause].head, doc[clause].dep_, doc[clause].tag_ = doc[verb], "ccomp", "VBD"
        doc[subject].head, doc[subject].dep_ = doc[clause], "nsubj"
    return doc


# Verbs that judge their object to be something ("found him guilty", "declared it safe"),
# as written: the parser runs before the lemmatizer.
_JUDGING = frozenset(
    f"{stem}{ending}"
    for stem, endings in (
        ("f", ("ind", "inds", "inding", "ound")),
        ("declar", ("e", "es", "ed", "ing")),
        ("pronounc", ("e", "es", "ed", "ing")),
        ("deem", ("", "s", "ed", "ing")),
        ("judg", ("e", "es", "ed", "ing")),
        ("rul", ("e", "es", "ed", "ing")),
    )
    for ending in endings
)


def find_object_predicates(doc: Doc) -> list[int]:
    """Adjectives the parser took for modifiers of a judging verb's object though they
    follow it: 'found entrepreneur Elizabeth Holmes [guilty]' ('guilty' read as an
    adjective of 'entrepreneur'); they say what the object was found to be."""
    return [
        t.i
        for t in doc
        if t.dep_ == "amod"
        and t.tag_ == "JJ"
        and t.i > t.head.i
        and t.head.dep_ == "dobj"
        and t.head.head.lower_ in _JUDGING
    ]


@Language.component("chronology_object_predicates")
def attach_object_predicates(doc: Doc) -> Doc:
    """Makes each adjective :func:`find_object_predicates` finds a predicate of the verb."""
    for index in find_object_predicates(doc):
        adjective = doc[index]
        adjective.head, adjective.dep_ = adjective.head.head, "oprd"
    return doc


def find_subjects_after_attributions(doc: Doc) -> list[tuple[int, int]]:
    """Subjects the parser hung on the source of an opening attribution: 'According to the
    team, [Lee], who was chief ..., left a restaurant' ('Lee' read as an apposition of
    'team', 'left' with no subject). Each time (verb, subject)."""
    found = []
    for according in doc:
        if according.lower_ != "according" or not according.is_sent_start:
            continue
        verb = according.head
        if verb.i == according.i or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            continue
        source = next((t for t in according.subtree if t.dep_ == "pobj"), None)
        aside = source and next(
            (c for c in source.children if c.dep_ == "appos" and c.i < verb.i), None
        )
        if aside is not None and doc[aside.left_edge.i - 1].text == ",":
            found.append((verb.i, aside.i))
    return found


@Language.component("chronology_attributed_subjects")
def attach_attributed_subjects(doc: Doc) -> Doc:
    """Makes each subject :func:`find_subjects_after_attributions` finds its verb's."""
    for verb, subject in find_subjects_after_attributions(doc):
        doc[subject].head, doc[subject].dep_ = doc[verb], "nsubj"
    return doc


# Words that lead a clause or a phrase alike: "after an earthquake [in Taiwan]".
_CLAUSE_OR_PHRASE = frozenset({"after", "before", "since", "until"})


def find_swallowed_subjects(doc: Doc) -> list[tuple[int, int, int, int]]:
    """Subjects the parser left without their verb, reading the verb as that of a clause
    after 'after', 'before', 'since' or 'until': 'The demolition of a building that is
    leaning precariously [after an earthquake in Taiwan] was halted on Saturday' ('an
    earthquake ... was halted'; 'demolition' the sentence's root, or the subject of a
    'said' after it). Only in a sentence with a full stop and a verb with an auxiliary (a
    headline's 'Chaos after storm hits city' is right as parsed). Each time (subject,
    verb, word, its object)."""
    found = []
    for sentence in doc.sents:
        if not sentence.text.rstrip().rstrip("\"'”’").endswith("."):
            continue
        for subject in sentence:
            said = subject.dep_ == "nsubj" and subject.head.lower_ in _SAYING_AFTER
            # (by its tag: this runs before the attribute ruler sets parts of speech)
            if subject.tag_ not in ("NN", "NNS") or not (subject.dep_ == "ROOT" or said):
                continue
            if not any(c.dep_ == "det" for c in subject.children):
                continue
            for verb in (t for t in subject.subtree if t.dep_ == "advcl"):
                marks = [c for c in verb.children if c.dep_ == "mark"]
                words = [c for c in marks if c.lower_ in _CLAUSE_OR_PHRASE]
                wrong = [
                    c
                    for c in verb.children
                    if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("NN", "NNS", "NNP", "NNPS")
                ]
                helped = any(c.dep_ in ("aux", "auxpass") for c in verb.children)
                if words and wrong and helped and words[0].i < wrong[0].i < verb.i:
                    found.append((subject.i, verb.i, words[0].i, wrong[0].i))
                    break
    return found


# Saying verbs an article hangs after what it reports: "..., media reports said" (as
# written: this runs before the lemmatizer).
_SAYING_AFTER = frozenset({"said", "says", "reported", "reports", "told"})


@Language.component("chronology_swallowed_subjects")
def attach_swallowed_subjects(doc: Doc) -> Doc:
    """Gives each verb :func:`find_swallowed_subjects` finds its subject back: the verb
    takes the subject's place (the sentence's root, or what the 'said' reports), the word
    before the wrong subject is a preposition of what the verb hung on, the wrong subject
    its object."""
    for subject, verb, word, wrong in find_swallowed_subjects(doc):
        hung_on, top = doc[verb].head, doc[subject]
        doc[wrong].head, doc[wrong].dep_ = doc[word], "pobj"
        doc[word].head, doc[word].dep_ = hung_on, "prep"
        if top.dep_ == "ROOT":
            doc[verb].head, doc[verb].dep_ = doc[verb], "ROOT"
        else:  # "..., media reports said": what is said
            doc[verb].head, doc[verb].dep_ = top.head, "ccomp"
        passive = any(c.dep_ == "auxpass" for c in doc[verb].children)
        top.head, top.dep_ = doc[verb], "nsubjpass" if passive else "nsubj"
        for mark in [c for c in top.children if c.dep_ == "punct" and c.i > verb]:
            mark.head = doc[verb]
    return doc


# Verbs whose infinitive is their object ("began to demolish"), as written: this runs
# before the lemmatizer.
_INFINITIVE_TAKERS = frozenset(
    {"begin", "begins", "beginning", "began", "begun", "start", "starts", "started"}
    | {"starting", "continue", "continues", "continued", "continuing", "try", "tries"}
    | {"tried", "trying", "attempt", "attempts", "attempted", "attempting", "decide"}
    | {"decides", "decided", "agree", "agrees", "agreed", "refuse", "refuses", "refused"}
    | {"fail", "fails", "failed", "failing", "vote", "votes", "voted", "move", "moves"}
    | {"moved", "seek", "seeks", "sought"}
)


def find_split_infinitives(doc: Doc) -> list[int]:
    """Infinitives the parser took for a clause of purpose because a phrase stands between
    them and the verb whose object they are: 'the authorities began [on April 5] to
    demolish a building'. Each infinitive's verb."""
    found = []
    for verb in doc:
        if verb.dep_ != "advcl" or verb.tag_ != "VB" or verb.head.i > verb.i:
            continue
        to = doc[verb.i - 1] if verb.i > 0 else None
        if to is None or to.tag_ != "TO" or to.head.i != verb.i:
            continue
        head = verb.head
        between = doc[head.i + 1 : to.i]
        if (
            head.lower_ in _INFINITIVE_TAKERS
            and len(between)
            and not any(t.is_punct or t.dep_ == "dobj" for t in between)
        ):
            found.append(verb.i)
    return found


@Language.component("chronology_split_infinitives")
def attach_split_infinitives(doc: Doc) -> Doc:
    """Makes each infinitive :func:`find_split_infinitives` finds its verb's object."""
    for index in find_split_infinitives(doc):
        doc[index].dep_ = "xcomp"
    return doc
