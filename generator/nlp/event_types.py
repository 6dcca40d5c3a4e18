"""The type of the event a date dates, read from the dependency tree and the typology
(`generator.typology`: types, their trigger words and their order of precedence).

The word a date expression attaches to is the event it dates. An event noun the date
modifies is that event ("the 1918 pandemic", "the attack on March 22"). Otherwise the
verb it attaches to is: in "The day before, Pashinyan expressed his readiness to come to
Moscow to meet Aliyev" the day dates "expressed" (a statement), not "meet" in the
infinitive clause. Triggers are looked for in that verb, then — for a light verb that says
little by itself ("the earthquake struck", "talks were held") — in its subject and
objects, then in the verb's own clause (its arguments and modifiers, without subordinate,
infinitive or coordinated clauses), and only then anywhere in the sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from generator.nlp.phrases import RELATIVE_WORDS
from generator.typology import Typology, default_typology

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
        "reveal",
        "disclose",
        "tweet",
        "post",
        "write",
        "explain",
        "insist",
        "warn",
        "acknowledge",
        "admit",
        "argue",
        "declare",
        "indicate",
        "estimate",
    }
)

_SUBORDINATE = {"advcl", "relcl", "acl", "xcomp", "ccomp", "csubj", "parataxis", "appos", "conj"}
_CALL_NOUNS = {"call", "conversation", "talk", "talks", "conference"}


OPENING_QUOTES = frozenset({'"', "“", "``"})
# single quotes open a quotation too in some styles ("'Tonight, ...'")
QUOTE_OPENERS = OPENING_QUOTES | {"'", "‘"}
_CLOSING_QUOTES = {'"', "”", "''"}


def _in_quoted_title(token: Token) -> bool:
    """A capitalised word of a short quoted title ('told "Face the Nation" on Sunday'): the
    name of a show, book or film, not a verb of the sentence."""
    if not token.text[:1].isupper() or token.i == token.sent.start:
        return False
    doc = token.doc
    start = next(
        (
            i
            for i in range(token.i - 1, max(token.sent.start, token.i - 4) - 1, -1)
            if doc[i].text in OPENING_QUOTES
        ),
        None,
    )
    if start is None or not doc[start + 1].text[:1].isupper():
        return False
    end = next(
        (
            i
            for i in range(token.i + 1, min(token.sent.end, start + 8))
            if doc[i].text in _CLOSING_QUOTES
        ),
        None,
    )
    return end is not None and all(t.is_alpha or t.is_digit for t in doc[start + 1 : end])


def anchor_verb(sentence: Span, token: Token) -> Token:
    """The verb (or the sentence root) that a token in the sentence hangs from."""
    current = token
    while current.i != current.head.i and (
        current.pos_ not in ("VERB", "AUX") or _in_quoted_title(current)
    ):
        current = current.head
    if current.pos_ == "AUX" and current.dep_ in ("aux", "auxpass") and current.head != current:
        current = current.head
    return current if sentence.start <= current.i < sentence.end else sentence.root


def _trigger_type(
    tokens: Iterable[Token], typology: Typology, skip: frozenset[int] = frozenset()
) -> str | None:
    """The type of the strongest trigger among tokens (those in skip, the date
    expressions, left out: "March" is no march), or None."""
    best: tuple[int, str] | None = None
    for token in tokens:
        if token.i in skip:
            continue
        found = _token_rank(token, typology)
        if found is not None and (best is None or found < best):
            best = found
    return best[1] if best is not None else None


_NEWS_CONFERENCE = {"press", "news"}
_FORCED = {"emergency", "crash", "forced"}


def _token_rank(token: Token, typology: Typology) -> tuple[int, str] | None:
    """The (rank, type) a token triggers: a phrasal verb as one word first ("lift off" is a
    liftoff, "step down" a resignation), a press conference as a briefing."""
    lemma = _lemma(token)
    if token.lower_ == "according":
        return None  # "according to FlightAware" tells a source, no agreement
    if token.pos_ == "VERB":
        for particle in (c.lower_ for c in token.children if c.dep_ == "prt"):
            for word in (f"{lemma}{particle}", f"{lemma}-{particle}"):
                found = typology.rank(word, "NOUN") or typology.rank(word, "VERB")
                if found is not None:
                    return found
    if lemma == "conference" and any(c.lower_ in _NEWS_CONFERENCE for c in token.children):
        lemma = "briefing"
    if lemma == "landing" and any(c.lower_ in _FORCED for c in token.children):
        lemma = "accident"  # "an emergency landing" is a plane in trouble, no touchdown
    return typology.rank(lemma, token.pos_)


_PREMODIFIER = {"compound", "nummod", "amod", "poss", "nmod"}
_NOMINAL_DEPS = {"compound", "nummod", "amod", "nmod", "poss", "npadvmod"}


def event_noun(date: Token, typology: Typology | None = None) -> Token | None:
    """The event noun a date expression modifies, or None: "the 1918 pandemic", "the
    attack on March 22", "the elections of 2022", "the results of the talks on April 7"
    (``date``: the root of the expression). With a typology, only a noun that triggers a
    type counts (looked for in the noun and in its "of" complement)."""
    head = date.head
    # "the 2018 Camp Fire": a named happening, with a typology noun as its last word
    named = (
        head.pos_ == "PROPN"
        and typology is not None
        and head.i > date.i
        and all(t.pos_ == "PROPN" for t in date.doc[date.i + 1 : head.i])
    )
    if date.dep_ in _NOMINAL_DEPS and (head.pos_ == "NOUN" or named):
        noun = head
    elif date.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "NOUN":
        if head.lower_ not in ("on", "of", "in"):
            return None
        noun = head.head
    else:
        return None
    if typology is None:
        return noun
    candidates = [noun]
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        candidates += [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
    return next((c for c in candidates if typology.rank(_lemma(c), c.pos_) is not None), None)


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


# Prepositions that set an event against another ("rescued [after the earthquake]",
# "resumed [amid protests]"): the other happening does not say what this one is.
_SETTING = frozenset({"after", "before", "since", "following", "amid", "despite", "until"})


def _setting(token: Token) -> bool:
    """Whether a token opens a phrase ("after the quake") or a clause ("after they voiced
    concerns") that sets an event against another happening."""
    if token.dep_ == "prep":
        return token.lower_ in _SETTING
    return token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _SETTING for c in token.children
    )


def _clause(verb: Token) -> list[Token]:
    """The verb's clause without its subordinate and coordinated clauses, and without the
    phrases that set it against another happening."""
    out: list[Token] = []
    stack = [c for c in verb.children if c.dep_ not in _SUBORDINATE and not _setting(c)]
    while stack:
        token = stack.pop()
        out.append(token)
        stack.extend(c for c in token.children if c.dep_ not in _SUBORDINATE and not _setting(c))
    return out


_ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "attr", "expl", "pobj", "agent", "oprd"}


# Words that count what their "of" phrase names.
_COUNTS = frozenset(
    {"hundreds", "thousands", "dozens", "scores", "millions", "tens", "number", "series"}
)


def _arguments(verb: Token) -> list[Token]:
    """The heads of a verb's subject and objects (and of its prepositions' objects, but for
    a means or a margin: "passed the bill [by 310 votes]", "rose [by 5%]")."""
    found = [c for c in verb.children if c.dep_ in _ARGUMENTS]
    # the doer of a passive ("struck by a 7.6 magnitude earthquake")
    found += [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
    # what a count counts ("Hundreds of aftershocks have struck")
    found += [
        p
        for head in list(found)
        if head.like_num or head.lower_ in _COUNTS
        for of in head.children
        if of.dep_ == "prep" and of.lower_ == "of"
        for p in of.children
        if p.dep_ == "pobj"
    ]
    if verb.dep_ == "relcl" and any(c.lower_ in RELATIVE_WORDS for c in found):
        found.append(verb.head)  # "Signature Bank, which was closed": the bank is closed
    for prep in (
        c for c in verb.children if c.dep_ == "prep" and c.lower_ != "by" and not _setting(c)
    ):
        found += [c for c in prep.children if c.dep_ == "pobj"]
    return found


def event_type(
    sentence: Iterable[Token],
    anchor: Token,
    typology: Typology | None = None,
    *,
    date: Token | None = None,
    skip: frozenset[int] = frozenset(),
) -> str:
    """The event type of what the anchor verb tells (or the event noun the date modifies),
    from the closest triggers outward (``sentence``: the tokens to fall back on; ``skip``:
    the tokens of date expressions, which trigger nothing)."""
    typology = typology or default_typology()
    # a date written before its noun surely dates it ("the 1918 pandemic"); where a
    # phrase like "in April" after a noun attaches is unsure, so the verb decides then
    noun = event_noun(date, typology) if date is not None and date.dep_ in _PREMODIFIER else None
    if noun is not None:
        return _trigger_type([noun], typology) or "other"
    verb = anchor
    if is_reporting(verb):
        # "Talks were held on Monday, the ministry said": a reporting verb attached to what
        # it reports is an attribution, and what was reported is the news when it is a past
        # happening of a stronger type. "The ministry said on Monday that ...": the saying
        # is what the date dates, a statement.
        reported = reported_clause(verb)
        # English tells the attribution after what it attributes, whatever the parse
        attribution = reported is not None and reported.i < verb.i
        # '"...," the mayor said at a Wednesday news conference': a quotation's date that
        # is the saying's dates the saying ("X happened, the ministry said on Monday", in
        # the wire's own words, dates X)
        dates_saying = (
            date is not None
            and reported is not None
            and date.i != reported.i
            and not reported.is_ancestor(date)
            and _quoted_before(verb)
        )
        if attribution and reported is not None and not irrealis(reported) and not dates_saying:
            found = _trigger_type([reported, *_clause(reported)], typology, skip)
            if found and found != "statement":
                return found
        return "statement"
    if verb.lemma_.lower() in _SEARCHES and _by_the_law(verb):
        return "legal"  # "Officers raided the police agency": an investigation, no attack
    own = _trigger_type([verb], typology, skip)
    if own and verb.lemma_.lower() not in typology.light_verbs:
        return own
    for tier in (_arguments(verb), [verb], _clause(verb)):
        found = _trigger_type(tier, typology, skip)
        if found:
            return found
    return _nearest_type(verb, {t.i for t in sentence}, typology, skip) or "other"


def _quoted_before(verb: Token) -> bool:
    """Whether the sentence quotes someone's words before the verb."""
    marks = OPENING_QUOTES | _CLOSING_QUOTES
    return any(t.text in marks for t in verb.doc[verb.sent.start : verb.i])


# What investigators do to a place, and who investigates.
_SEARCHES = frozenset({"raid", "search"})
_LAW = frozenset(
    {"police", "officer", "investigator", "prosecutor", "agent", "detective", "authority"}
)


def _by_the_law(verb: Token) -> bool:
    """Whether the doer of a verb is the police, prosecutors or investigators."""
    doers = [c for c in verb.children if c.dep_ == "nsubj"]
    doers += [p for a in verb.children if a.dep_ == "agent" for p in a.children]
    return any(
        d.lemma_.lower() in _LAW or any(t.lower_ == "police" for t in d.subtree) for d in doers
    )


def _nearest_type(
    start: Token, inside: set[int], typology: Typology, skip: frozenset[int]
) -> str | None:
    """The type of the trigger nearest to start in the dependency tree (within the token
    indices inside); at equal distance the stronger type."""
    seen = {start.i}
    frontier = [start]
    while frontier:
        found = _trigger_type(frontier, typology, skip)
        if found:
            return found
        following = []
        for token in frontier:
            for near in [*token.children, token.head]:
                if near.head.i == token.i and _setting(near):
                    # not into a phrase or clause setting it against another happening
                    # ("stopped [after they voiced concerns]")
                    continue
                if near.i not in seen and near.i in inside:
                    seen.add(near.i)
                    following.append(near)
        frontier = following
    return None


def made_clear(verb: Token) -> bool:
    """'made clear that ...', 'made it clear that ...': a way of saying."""
    return (
        verb.lemma_.lower() == "make"
        and any(c.lower_ == "clear" for c in verb.children)
        and any(c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") for c in verb.children)
    )


def is_reporting(verb: Token) -> bool:
    """A verb of saying used to report ('said that ...', '..., he said'), not 'claimed
    300 lives' or 'announced a deal' (an object makes it an act of its own)."""
    if made_clear(verb):
        return True
    if verb.lemma_.lower() not in REPORTING:
        return False
    children = {c.dep_ for c in verb.children}
    if "ccomp" not in children and children & {"nsubjpass", "auxpass"}:
        return False  # "cases have been reported this year": they occurred
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return False  # "the outbreak, first reported in late April": it occurred
    return "ccomp" in children or "dobj" not in children


def reported_clause(verb: Token) -> Token | None:
    """The clause a reporting verb reports: its complement (also past a quoted listener
    the parser took for a clause: 'told "Face the Nation" that ...'), or the clause it is
    attached to as an attribution ('Talks were held, the ministry said')."""
    for child in verb.children:
        if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX"):
            return child
    for child in verb.children:
        quoted = child.left_edge.i > 0 and verb.doc[child.left_edge.i - 1].text in QUOTE_OPENERS
        if child.dep_ in ("xcomp", "dobj") and quoted:
            inner = [c for c in child.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
            if inner:
                return inner[0]
    if verb.dep_ in ("parataxis", "ccomp") and verb.head.i != verb.i:
        return verb.head
    if (  # the same attribution parsed as a side clause: finite, after its head, no "as"
        verb.dep_ == "advcl"
        and verb.i > verb.head.i
        and verb.tag_ in ("VBD", "VBZ", "VBP")
        and not any(c.dep_ == "mark" for c in verb.children)
    ):
        return verb.head
    return None


_IRREALIS = {"will", "would", "could", "may", "might", "should", "shall", "can", "must"}
_INTENT = {"intend", "plan", "want", "hope", "expect", "seek", "aim"}
# Acts that bind someone to a later act: the proposing happened, what it proposes has not
# ("Musk in April proposed [to buy Twitter]", "agreed [to buy]", "vowed [to retaliate]").
_PROPOSING = {"propose", "offer", "promise", "pledge", "vow", "threaten", "agree"}


def irrealis(verb: Token) -> bool:
    """A future, possible or intended happening: 'will meet', 'intends to sign'."""
    if verb.lemma_.lower() in _INTENT:
        return True
    return any(c.dep_ == "aux" and c.lower_ in _IRREALIS for c in verb.children)


def plans_ahead(verb: Token) -> bool:
    """Whether what a verb governs is yet to happen: it is irrealis, or an act that binds
    someone to a later act ('proposed to buy')."""
    return irrealis(verb) or verb.lemma_.lower() in _PROPOSING


def clause_verb(sentence: Span, verb: Token) -> bool:
    """The main verb, a verb coordinated with it ('was founded in 1976 and launched ...'),
    the verb of a when-clause, or a sequel of the main verb: a clause a title can be made
    of."""
    root = sentence.root
    return (
        verb.i == root.i
        or (verb.dep_ == "conj" and verb.head.i == root.i)
        or any(c.lower_ == "when" and c.dep_ == "advmod" for c in verb.children)
        or sequel(verb)
    )


def sequel(verb: Token) -> bool:
    """'made landfall Wednesday night ... before exiting on Florida's east coast
    Thursday': what the main clause's subject did next (or first), told by a gerund after
    'before' or 'after' attached to the main verb or one joined to it (or a gerund
    coordinated with that one: "after suffering cardiac arrest and collapsing during a game
    on Jan. 2"; or a passive one: "after being sentenced to 17 years in 2018")."""
    if verb.dep_ == "conj" and verb.tag_ == "VBG" and verb.head.i != verb.i:
        verb = verb.head
    prep = verb.head
    # "after being sentenced to 17 years": a passive gerund as well
    gerund = verb.tag_ == "VBG" or (
        verb.tag_ == "VBN" and any(c.lower_ == "being" for c in verb.children)
    )
    # (on the main verb, or on a verb joined to it: "is ill and was under arrest after")
    main = prep.head.i == verb.sent.root.i or (
        prep.head.dep_ == "conj" and prep.head.head.i == verb.sent.root.i
    )
    return verb.dep_ == "pcomp" and gerund and prep.lower_ in ("before", "after") and main
