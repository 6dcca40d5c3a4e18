"""The type of the event a date dates, read from the dependency tree.

The verb that a date expression attaches to is the event it dates: in "The day before,
Pashinyan expressed his readiness to come to Moscow to meet Aliyev" the day dates
"expressed" (a statement), not "meet" in the infinitive clause. Triggers are looked for
first in that verb's own clause (its arguments and modifiers, without subordinate,
infinitive or coordinated clauses), and only then anywhere in the sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy loads only when articles are analysed
    from spacy.tokens import Span, Token


REPORTING = frozenset(
    {
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
)

# Trigger lemmas per event type, strongest first: within one tier the first type wins.
EVENT_TRIGGERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("ceasefire", frozenset({"ceasefire", "truce", "cessation", "armistice"})),
    (
        "agreement",
        frozenset({"sign", "agreement", "accord", "deal", "memorandum", "treaty", "agree"}),
    ),
    (
        "clashes",
        frozenset(
            {
                "clash",
                "fighting",
                "fight",
                "battle",
                "hostility",
                "escalation",
                "escalate",
                "war",
                "flare",
                "violence",
                "offensive",
                "occupy",
                "shelling",
                "strike",
                "attack",
                "kill",
                "liberate",
            }
        ),
    ),
    ("deployment", frozenset({"deploy", "deployment", "troop", "peacekeeper", "observer"})),
    ("call", frozenset({"telephone", "phone"})),
    ("meeting", frozenset({"meet", "meeting", "summit", "talk", "negotiation", "negotiate"})),
    ("visit", frozenset({"visit", "arrive", "trip", "tour"})),
    ("election", frozenset({"election", "vote", "referendum", "elect"})),
    ("protest", frozenset({"protest", "demonstration", "demonstrator"})),
    (
        "statement",
        REPORTING
        | {
            "accuse",
            "blame",
            "express",
            "warn",
            "deny",
            "condemn",
            "comment",
            "declare",
            "urge",
        },
    ),
)
_SUBORDINATE = {"advcl", "relcl", "acl", "xcomp", "ccomp", "csubj", "parataxis", "appos", "conj"}
_CALL_NOUNS = {"call", "conversation", "talk", "talks", "conference"}


def anchor_verb(sentence: Span, token: Token) -> Token:
    """The verb (or the sentence root) that a token in the sentence hangs from."""
    current = token
    while current.i != current.head.i and current.pos_ not in ("VERB", "AUX"):
        current = current.head
    if current.pos_ == "AUX" and current.dep_ in ("aux", "auxpass") and current.head != current:
        current = current.head
    return current if sentence.start <= current.i < sentence.end else sentence.root


def _trigger_type(tokens: Iterable[Token]) -> str | None:
    lemmas = {_lemma(t) for t in tokens}
    for name, triggers in EVENT_TRIGGERS:
        if lemmas & triggers:
            return name
    return None


def _lemma(token: Token) -> str:
    """The trigger word of a token: 'call' only as a phone call ('phone call', 'called X')."""
    lemma = token.lemma_.lower()
    if lemma in ("phone", "telephone"):
        eventive = token.pos_ == "VERB" or token.head.lemma_.lower() in _CALL_NOUNS
        return "phone" if eventive else ""
    if lemma == "call" and token.pos_ == "VERB":
        objects = [c for c in token.children if c.dep_ == "dobj"]
        if objects and objects[0].ent_type_ == "PERSON" and not list(objects[0].children):
            return "phone"  # "Putin called Erdogan"; not "called for", "a plan called X"
    return lemma


def _clause(verb: Token) -> list[Token]:
    """The verb's clause without its subordinate and coordinated clauses."""
    out: list[Token] = []
    stack = [c for c in verb.children if c.dep_ not in _SUBORDINATE]
    while stack:
        token = stack.pop()
        out.append(token)
        stack.extend(c for c in token.children if c.dep_ not in _SUBORDINATE)
    return out


def event_type(sentence: Iterable[Token], anchor: Token) -> str:
    """The event type of what the anchor verb tells, from the closest triggers outward
    (``sentence``: the tokens to fall back on)."""
    verb = anchor
    if is_reporting(verb):
        # "..., the ministry said on Monday": what was reported is the news when it is a
        # past happening of a stronger type; otherwise the statement itself is
        reported = _reported(verb)
        if reported is not None and not _irrealis(reported):
            found = _trigger_type([reported, *_clause(reported)])
            if found and found != "statement":
                return found
        return "statement"
    for tier in ([verb, *_clause(verb)], list(sentence)):
        found = _trigger_type(tier)
        if found:
            return found
    return "other"


def is_reporting(verb: Token) -> bool:
    """A verb of saying used to report ('said that ...', '..., he said'), not 'claimed
    300 lives' or 'announced a deal' (an object makes it an act of its own)."""
    if verb.lemma_.lower() not in REPORTING:
        return False
    children = {c.dep_ for c in verb.children}
    return "ccomp" in children or "dobj" not in children


def _reported(verb: Token) -> Token | None:
    """The clause a reporting verb reports: its complement, or the clause it is attached
    to as an attribution ('Talks were held, the ministry said')."""
    for child in verb.children:
        if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX"):
            return child
    if verb.dep_ in ("parataxis", "ccomp") and verb.head.i != verb.i:
        return verb.head
    return None


_IRREALIS = {"will", "would", "could", "may", "might", "should", "shall", "can", "must"}
_INTENT = {"intend", "plan", "want", "hope", "expect", "seek", "aim", "propose"}


def _irrealis(verb: Token) -> bool:
    """A future, possible or intended happening: 'will meet', 'intends to sign'."""
    if verb.lemma_.lower() in _INTENT:
        return True
    return any(c.dep_ == "aux" and c.lower_ in _IRREALIS for c in verb.children)


def clause_verb(sentence: Span, verb: Token) -> bool:
    """The main verb, a verb coordinated with it ('was founded in 1976 and launched ...'),
    or the verb of a when-clause: a clause a title can be made of."""
    root = sentence.root
    return (
        verb.i == root.i
        or (verb.dep_ == "conj" and verb.head.i == root.i)
        or any(c.lower_ == "when" and c.dep_ == "advmod" for c in verb.children)
    )


_STATIVE = {"be", "remain", "seem", "appear", "become", "stand", "have"}
_FIRST_PERSON = {"i", "we", "you", "me", "us"}
_NEWS_TYPES = {"ceasefire", "agreement", "clashes", "deployment", "call", "meeting", "visit"}


def not_news(sentence: Span, anchor: Token) -> bool:
    """A state rather than a happening, or an opinion in the first person ('I think ...',
    '"We are going to make history today"'), unless it tells a meeting, a deal, ..."""
    if is_state(sentence, anchor) or (
        not clause_verb(sentence, anchor) and is_state(sentence, sentence.root)
    ):
        return True
    verb = anchor if clause_verb(sentence, anchor) else sentence.root
    subjects = [c.lower_ for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    quoted = sentence.text.lstrip()[:1] in "\"“`'‘"
    if (subjects and subjects[0] in _FIRST_PERSON) or (quoted and verb.i == sentence.root.i):
        return event_type(sentence, anchor) not in _NEWS_TYPES
    return False


def is_state(sentence: Span, verb: Token) -> bool:
    """A sentence that describes how things are rather than what happened: a copula with
    an adjective or noun predicate ('Its future is uncertain', 'The index is one of ...'),
    unless its subject is itself an event ('The first flight was in June 1994')."""
    if verb.lemma_.lower() not in _STATIVE:
        return False
    if not any(c.dep_ in ("acomp", "attr", "oprd") for c in verb.children):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        return bool(subjects) and subjects[0].pos_ == "PRON"
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return not (subjects and event_type(subjects[0].subtree, subjects[0]) != "other")
