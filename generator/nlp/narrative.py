"""Which dated clauses tell news that happened, and which do not.

A dated sentence can tell no event: a state ("the index was one of the worst performers"),
an opinion in the first person, a question, a photo caption; and a clause can tell
something that did not happen: negated ("did not sign"), possible or future ("will
meet", "could hit"), planned ("is expected to land", "plans to launch") or conditional
("if talks resume"). An announcement of a plan is still a statement on the day it was made:
only the clause the date attaches to is judged.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.nlp.doctext import doc_text
from generator.nlp.event_types import (
    clause_verb,
    event_type,
    irrealis,
    is_reporting,
    plans_ahead,
)
from generator.typology import Typology

if TYPE_CHECKING:  # spaCy loads only when articles are analysed
    from spacy.tokens import Span, Token

_STATIVE = {"be", "remain", "seem", "appear", "become", "stand", "have"}
FIRST_PERSON = {"i", "we", "you", "me", "us"}
_NEWS_TYPES = {"ceasefire", "agreement", "clashes", "deployment", "call", "meeting", "visit"}


def not_news(sentence: Span, anchor: Token, typology: Typology | None = None) -> bool:
    """A state rather than a happening, or an opinion in the first person ('I think ...',
    '"We are going to make history today"'), unless it tells a meeting, a deal, ..."""
    if is_state(sentence, anchor, typology) or (
        not clause_verb(sentence, anchor) and is_state(sentence, sentence.root, typology)
    ):
        return True
    if _no_comment(anchor):
        return True  # "A spokesman declined to comment on Monday": nothing was said
    # a dated past relative clause tells its own happening, whoever says the sentence
    # ('"... Signature Bank, which was closed today by its state chartering authority"')
    own = anchor.dep_ == "relcl" and _told_past(anchor)
    verb = anchor if clause_verb(sentence, anchor) or own else sentence.root
    subjects = [c.lower_ for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.i == anchor.i and is_reporting(verb) and subjects and subjects[0] not in FIRST_PERSON:
        # '"We placed our units on alert," Lukashenko said at a Tuesday press conference':
        # the date dates the saying, a statement by someone named
        return False
    quoted = sentence.text.lstrip()[:1] in "\"“`'‘"
    if (subjects and subjects[0] in FIRST_PERSON) or (quoted and verb.i == sentence.root.i):
        return event_type(sentence, anchor, typology) not in _NEWS_TYPES
    return False


def _no_comment(verb: Token) -> bool:
    """'declined to comment', 'refused to comment', 'did not respond to a request for
    comment': news writing's way of saying that someone said nothing."""
    if verb.dep_ == "xcomp":  # the date may attach to "comment" itself
        verb = verb.head
    if verb.lemma_.lower() in ("decline", "refuse"):
        return any(c.dep_ == "xcomp" and c.lemma_.lower() == "comment" for c in verb.children)
    return False


def _told_past(verb: Token) -> bool:
    """A verb in a past tense: 'closed', 'was closed', 'had closed'."""
    return verb.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children
    )


def is_state(sentence: Span, verb: Token, typology: Typology | None = None) -> bool:
    """A sentence that describes how things are rather than what happened: a copula with
    an adjective or noun predicate ('Its future is uncertain', 'The index is one of ...'),
    unless its subject is itself an event ('The first flight was in June 1994')."""
    if verb.lemma_.lower() not in _STATIVE:
        return False
    if not any(c.dep_ in ("acomp", "attr", "oprd") for c in verb.children):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        return bool(subjects) and subjects[0].pos_ == "PRON"
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return not (subjects and event_type(subjects[0].subtree, subjects[0], typology) != "other")


def _fragment(sentence: Span) -> bool:
    """A sentence without a main clause tells no event: a caption or a list item written as
    a noun phrase ('Destruction at the country club on Oct. 10, 2024.')."""
    root = sentence.root
    if root.pos_ in ("VERB", "AUX"):
        # a main verb that carries "after", "as", "because" ... is a subordinate clause with
        # no main clause to hang on ('Residents at the country club early on Oct. 10, 2024,
        # after a tornado tore through the area.')
        return any(c.dep_ == "mark" for c in root.children)
    return not any(c.dep_ in ("nsubj", "nsubjpass", "cop", "aux") for c in root.children)


# How a participle or infinitive depends on the verb whose mood it takes.
_DEPENDENT = {"advcl", "acl", "xcomp", "pcomp", "ccomp"}
_SCHEDULED = {"schedule", "due", "set", "expect", "slate", "poise", "likely", "able", "plan"}
_CONDITIONS = {"if", "unless", "whether"}
# A temporal clause in the simple present tells what is ahead ("until the storm passes",
# "once the court rules"); what happened there is told in the past.
_TEMPORAL = {"before", "until", "till", "once", "when", "after", "as"}
_NOBODY = {"nobody", "nothing", "none", "neither"}


# A page's words for what follows: "Here's what we know", "Here is how ...".
_PRESENTING = re.compile(r"\s*Here(?:['’]s| is| are)\s+(?:what|how|why|where|when|who)\b", re.I)


def not_told_as_happened(sentence: Span, anchor: Token) -> bool:
    """The clause the date attaches to does not tell something that happened: it is a
    question, negated, possible, future, planned or conditional."""
    if sentence.text.rstrip().rstrip("\"'”’)").endswith("?") or _fragment(sentence):
        return True
    if _PRESENTING.match(sentence.text):
        return True  # "Here's what we know as of Wednesday": the article presents itself
    verb = anchor
    # "will have access starting Monday", "were expected to resume with the sun rising
    # Tuesday": a participle takes its mood from the verb it depends on
    governing = verb
    while governing.head.i != governing.i and (
        (governing.tag_ in ("VBG", "VBN", "VB") and governing.dep_ in _DEPENDENT)
        or governing.pos_ == "ADP"
    ):
        governing = governing.head
        if governing.pos_ in ("VERB", "AUX") and (
            plans_ahead(governing) or governing.lemma_.lower() in _SCHEDULED
        ):
            return True
    if verb.lemma_.lower() in _SCHEDULED and any(
        c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in verb.children
    ):
        return True  # "The sentencing is set for Friday": a plan, told in the present
    if is_reporting(verb):
        return any(c.dep_ == "neg" for c in verb.children)  # "did not say": nothing said
    if any(c.dep_ == "neg" for c in verb.children) or irrealis(verb):
        return True
    for child in verb.children:
        if child.dep_ == "mark" and child.lower_ in _CONDITIONS:
            return True
        temporal = (child.dep_ == "mark" and child.lower_ in _TEMPORAL) or (
            child.dep_ == "advmod" and child.lower_ == "when"  # "in 2027, when his term ends"
        )
        if temporal and verb.tag_ in ("VBZ", "VBP"):
            return True  # "before the oxygen runs out at 10am": English tells ahead so
        if child.dep_ in ("nsubj", "nsubjpass") and (
            child.lower_ in _NOBODY or any(d.lower_ == "no" for d in child.children)
        ):
            return True  # "No one was hurt on Monday"
    head = verb.head
    if verb.dep_ == "xcomp" and head.i != verb.i:
        lemma = head.lemma_.lower()
        return lemma in _SCHEDULED or plans_ahead(head)
    return False


# Captions, credits and bylines: a photo credit in brackets or after a slash, a sentence
# that introduces a picture, a byline's "Published March 10, 2023" (the capital tells the
# page's furniture from a sentence's "the report, published March 10, ..."). They describe
# an image or the page, not news told by the article.
_CAPTION = re.compile(
    r"\((?:[A-Z][\w.&-]*\s?){1,3}(?:Photo|Images?|Pictures?|Video)\b[^)]*\)"
    r"|\((?:video|photo|image|screen)\s?(?:screenshot|grab|still|capture)\)"
    r"|\((?:Photo|Image|Picture|File)s?\s*[:/]"  # "(Photo: Reuters)", "(Photo/AFP)"
    r"|\b(?:Published|Updated|Posted)\s*:?\s+(?:on\s+)?(?:[A-Z][a-z]+day,?\s+)?"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}"
    r"|\d{4}-\d\d-\d\d|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"
    r"|\b(?:Photo|Image|Picture)s?\s*(?:by|credit|courtesy)\b"
    r"|(?:^|\s)(?:Photo|Image|Credit)s?\s*:\s"
    r"|\s/\s*(?:AP|AFP|Reuters|Getty Images|EPA|Xinhua|Bloomberg|ANI|PTI)\b"
    # a picture's credit in brackets: "(Jussi Nukari/Lehtikuva via AP)", "[... via Reuters]"
    r"|[(\[][^()\[\]]{0,80}\bvia\s+(?:AP|AFP|Reuters|Getty Images|EPA|Xinhua|Bloomberg)\s*[)\]]"
    r"|^\s*This\s+(?:shows|image\s+shows|photo\s+shows)\b"
    # a wire story's own furniture: "This report by The Canadian Press was first published"
    r"|^\s*This\s+(?:report|story|article)\b[^.]{0,60}\bwas\s+(?:first\s+)?published\b"
    r"|^\s*(?:FILE|File)\s*(?:PHOTO|photo)?\s*[-–—:]"
    r"|^\s*[A-Z][A-Z .'-]+,\s*[A-Z][A-Z .'-]+\s*[-–—]\s*[A-Z]+ \d{1,2}(?:, \d{4})?:"
    # "In this Jan. 7, 2024, file photo, ...": AP's caption, with the day it was taken
    r"|^\s*(?:In\s+(?:this|these|a|an)|This|These|A|An)\s+"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4},?\s+)?"
    r"(?:undated\s+|handout\s+|file\s+)*"
    r"(?:photo|image|picture|handout|screen\s?grab|screenshot|still|video\s+grab)\b"
    r"|^\s*(?:A|An)\s+(?:aerial\s+|general\s+|close-up\s+|drone\s+)?view\s+(?:of|shows)\b",
)


def is_caption(sentence: Span) -> bool:
    """A photo caption or credit line rather than a sentence of the story: the sentence, or
    its paragraph (a credit closes the caption it belongs to), looks like one."""
    text = doc_text(sentence.doc)
    start = text.rfind("\n", 0, sentence.start_char) + 1
    end = text.find("\n", sentence.end_char)
    paragraph = text[start : end if end >= 0 else len(text)]
    return bool(_CAPTION.search(sentence.text) or _CAPTION.search(paragraph))
