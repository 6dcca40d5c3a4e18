"""Sentence-level event mentions: a date, what happened, who, where, and the quote.

A sentence tells an event when it holds a calendar date that is not merely a reference
("the statement of November 9, 2020" names an agreement, it does not date this sentence's
event) and a clause with an event or a statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from generator import edtf
from generator.actors import ActorResolver, Mentioned, is_junk
from generator.timex import Timex
from generator.titles import REPORTING, make_title

# Trigger lemmas per event type, strongest first: a sentence takes the first type that matches.
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
    ("call", frozenset({"telephone", "phone", "call"})),
    ("meeting", frozenset({"meet", "meeting", "summit", "talk", "negotiation", "negotiate"})),
    ("visit", frozenset({"visit", "arrive", "trip", "tour"})),
    ("election", frozenset({"election", "vote", "referendum", "elect"})),
    ("protest", frozenset({"protest", "rally", "demonstration", "demonstrator"})),
    (
        "statement",
        frozenset(
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
            }
        ),
    ),
)
AGREEMENT_WORDS = {
    "statement": "statement",
    "ceasefire": "ceasefire",
    "truce": "truce",
    "agreement": "agreement",
    "accord": "agreement",
    "memorandum": "memorandum",
    "treaty": "treaty",
    "deal": "agreement",
}
_REFERENCE_BEFORE = re.compile(r"\b(of|dated|since|until|till|before|after|from)\s*$", re.I)
_PROVISION = re.compile(
    r"^(under|according to) the (document|agreement|statement|deal)|"
    r"\b(provided for|envisaged|envisages|stipulates|provides for)\b",
    re.I,
)


@dataclass
class Mention:
    """One sentence of one article telling one event."""

    source: str
    quote: str
    date: str
    date_text: str
    type: str
    title: str | None
    published: str | None
    position: int
    actors: list[Mentioned] = field(default_factory=list)
    places: list[Mentioned] = field(default_factory=list)
    actor_keys: list[str] = field(default_factory=list)
    place_keys: list[str] = field(default_factory=list)
    agreement_kind: str | None = None
    effective: str | None = None
    references: list[tuple[str, str]] = field(default_factory=list)
    provisions: list[str] = field(default_factory=list)
    lemmas: frozenset[str] = frozenset()
    tense: str = "past"
    confidence: float = 0.8


def _event_type(lemmas: set[str]) -> str:
    for name, triggers in EVENT_TRIGGERS:
        if lemmas & triggers:
            return name
    return "other"


def _tense(sentence: Span) -> str:
    root = sentence.root
    tags = {child.tag_ for child in root.children if child.dep_ in ("aux", "auxpass")}
    if "MD" in tags and any(c.lower_ in ("will", "shall") for c in root.children):
        return "future"
    if root.tag_ in ("VBD", "VBN") or "VBD" in tags:
        return "past"
    return "present"


_COORDINATED = re.compile(r"^\s*(,\s*and|,|and|or)\s*(in|on|at)?\s*$", re.I)


def _is_reference(sentence: Span, timex: Timex) -> bool:
    text = sentence.doc.text
    before = text[max(sentence.start_char, timex.start - 12) : timex.start]
    after = text[timex.end : timex.end + 8]
    if re.match(r"^,?\s*when\b", after):
        return False  # "since February 1988, when it announced ...": the date of that event
    return bool(_REFERENCE_BEFORE.search(before))


def _coordinated(text: str, first: Timex, second: Timex) -> bool:
    """'in the summer of 2014, in April 2016 and this past July': a list of dates."""
    return bool(_COORDINATED.match(text[first.end : second.start]))


def _split_dates(sentence: Span, dated: list[Timex]) -> tuple[list[Timex], list[Timex]]:
    """The dates that date events told here, and those that only name something else."""
    main: list[Timex] = []
    references: list[Timex] = []
    previous: Timex | None = None
    for timex in dated:
        if previous is not None and _coordinated(sentence.doc.text, previous, timex):
            (references if previous in references else main).append(timex)
        elif _is_reference(sentence, timex):
            references.append(timex)
        else:
            main.append(timex)
        previous = timex
    return main, references


def _entities(sentence: Span) -> tuple[list[Mentioned], list[Mentioned], dict[int, str]]:
    actors: list[Mentioned] = []
    places: list[Mentioned] = []
    surnames: dict[int, str] = {}
    for ent in sentence.ents:
        if ent.label_ not in ("PERSON", "GPE", "LOC", "FAC", "ORG", "NORP"):
            continue
        as_place = ent.label_ in ("GPE", "LOC", "FAC") and (
            ent.root.head.lower_ in ("in", "to", "at", "near", "into", "from", "across")
        )
        as_place = as_place or (
            ent.label_ != "PERSON" and ent.root.head.lower_ in ("in", "at", "near")
        )
        as_agent = not as_place
        role = _role(ent)
        mentioned = Mentioned(ent.text, ent.label_, role, ent.ent_id_, as_agent, as_place)
        if ent.label_ == "PERSON" and not is_junk(mentioned):
            surnames[ent.end - 1] = ent[-1].text
        target = places if as_place else actors
        if mentioned not in target:
            target.append(mentioned)
    return actors, places, surnames


_TITLE_WORDS = {
    "president",
    "minister",
    "prime",
    "foreign",
    "deputy",
    "secretary",
    "press",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chancellor",
    "king",
    "queen",
    "general",
    "chief",
    "head",
    "ambassador",
    "envoy",
    "leader",
    "defense",
    "defence",
    "interior",
    "mayor",
    "governor",
    "senator",
    "speaker",
    "director",
    "chairman",
    "commander",
}


def _role(ent: Span) -> str:
    """Title words right before a person's name: 'Russian Foreign Minister'."""
    if ent.label_ != "PERSON":
        return ""
    words: list[str] = []
    index = ent.start - 1
    while index >= ent.sent.start and len(words) < 5:
        token = ent.doc[index]
        if token.lower_ in _TITLE_WORDS or (words and token.ent_type_ in ("NORP", "GPE")):
            words.insert(0, token.text)
            index -= 1
            continue
        break
    if not any(w.lower() in _TITLE_WORDS for w in words):
        return ""
    # "the press secretary of the Russian President Dmitry Peskov": the title is the whole phrase
    while (
        index - 2 >= ent.sent.start
        and ent.doc[index].lower_ == "the"
        and (ent.doc[index - 1].lower_ == "of")
    ):
        head = index - 2
        extra: list[str] = []
        while head >= ent.sent.start and ent.doc[head].lower_ in _TITLE_WORDS:
            extra.insert(0, ent.doc[head].text)
            head -= 1
        if not extra:
            break
        words = [*extra, "of the", *words]
        index = head
    return " ".join(words)


def _agreement_kind(lemmas: set[str], text: str) -> str | None:
    for word, kind in AGREEMENT_WORDS.items():
        if word in lemmas or re.search(rf"\b{word}", text, re.I):
            return kind
    return None


def find_mentions(doc: Doc, *, source: str, published: str | None) -> list[Mention]:
    """Every event mention in one analysed article, in text order (actors not yet resolved)."""
    mentions: list[Mention] = []
    timexes: Iterable[Timex] = doc._.timexes
    for position, sentence in enumerate(doc.sents):
        inside = [t for t in timexes if sentence.start_char <= t.start < sentence.end_char]
        text = sentence.text.strip()
        dated = [t for t in inside if t.edtf and t.type in ("DATE", "TIME")]
        if not dated:
            if _PROVISION.search(text) and mentions and mentions[-1].agreement_kind:
                mentions[-1].provisions.append(text)
            continue
        main, references = _split_dates(sentence, dated)
        if not main:
            continue
        listed = [main[0]] + [
            t for prev, t in zip(main, main[1:], strict=False) if _coordinated(doc.text, prev, t)
        ]
        for timex in listed:
            mention = _mention(sentence, timex, main, references, source, published, position)
            if _PROVISION.search(text) and mention.agreement_kind:
                mention.provisions.append(text)
            mentions.append(mention)
    return mentions


def _mention(
    sentence: Span,
    timex: Timex,
    main: list[Timex],
    references: list[Timex],
    source: str,
    published: str | None,
    position: int,
) -> Mention:
    """The mention of the event that one date in a sentence dates."""
    doc = sentence.doc
    text = sentence.text.strip()
    dated = main + references
    lemmas = {t.lemma_.lower() for t in sentence if t.is_alpha and not t.is_stop}
    lemmas |= {t.lemma_.lower() for t in sentence if t.pos_ == "VERB"}
    kind = _event_type(lemmas)
    actors, places, surnames = _entities(sentence)
    skip = {tok.i for t in dated for tok in _tokens(doc, t)}
    title = make_title(sentence, skip=skip, surnames=surnames)
    confidence = 0.8 if title else 0.5
    if kind == "other":
        confidence -= 0.2
    date = timex.edtf or ""
    start, _ = edtf.parse_span(date)
    tense = _tense(sentence)
    agreement = _agreement_kind(lemmas, text) if kind in ("agreement", "ceasefire") else None
    mention = Mention(
        source=source,
        quote=text,
        date=date,
        date_text=timex.text,
        type=kind,
        title=title,
        published=published,
        position=position,
        actors=actors,
        places=places,
        agreement_kind=agreement,
        effective=_effective(sentence, dated, date) if agreement else None,
        references=[
            (_agreement_kind(lemmas, text) or "agreement", t.edtf or "") for t in references
        ],
        lemmas=frozenset(lemmas),
        tense=tense,
        confidence=round(confidence, 2),
    )
    if published and tense == "past" and start.first_day().isoformat() > published:
        mention.confidence = 0.3  # told as past, dated after the article: suspicious
    return mention


_FROM = re.compile(r"\b(from|starting|effective|as of|into force)\s*(on|at)?\s*$", re.I)


def _effective(sentence: Span, dated: list[Timex], date: str) -> str | None:
    """'a ceasefire ... starting from November 10': the date the agreement takes effect."""
    text = sentence.doc.text
    for timex in dated:
        before = text[max(sentence.start_char, timex.start - 20) : timex.start]
        if timex.edtf and timex.edtf[:10] != date and _FROM.search(before):
            return timex.edtf[:10]
    return None


def _when_clause(sentence: Span, timex: Timex) -> Token | None:
    """'since 1991, when the Armenian military occupied ...': the verb of the when-clause."""
    doc = sentence.doc
    after = doc.char_span(timex.end, sentence.end_char, alignment_mode="expand")
    if after is None:
        return None
    for token in after[:3]:
        if token.lower_ == "when":
            verb = token.head
            return verb if verb.pos_ in ("VERB", "AUX") and verb.i != token.i else None
    return None


def _tokens(doc: Doc, timex: Timex) -> list:  # type: ignore[type-arg]
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return []
    tokens = list(span)
    if span.start > 0 and doc[span.start - 1].pos_ == "ADP":
        tokens.insert(0, doc[span.start - 1])
    return tokens


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


def resolve_mentions(mentions: list[Mention], resolver: ActorResolver) -> None:
    """Resolve every mention's entities to actors, and title the mentions that have none."""
    for mention in mentions:
        mention.actor_keys = _resolve_all(mention.actors, resolver)
        mention.place_keys = [
            k for k in _resolve_all(mention.places, resolver) if k not in mention.actor_keys
        ]
        if not mention.title:
            mention.title = _fallback_title(mention, resolver)


def _resolve_all(items: list[Mentioned], resolver: ActorResolver) -> list[str]:
    keys: list[str] = []
    for item in items:
        key = resolver.resolve(item)
        if key is not None and key not in keys:
            keys.append(key)
    return keys


def _fallback_title(mention: Mention, resolver: ActorResolver) -> str:
    kind, text = mention.type, mention.quote
    names = [resolver.display_name(key) for key in mention.actor_keys]
    people = [
        resolver.display_name(k) for k in mention.actor_keys if resolver.kind_of(k) == "person"
    ]
    chosen = people or names
    if kind in _TEMPLATES and len(chosen) >= (2 if "{all}" in _TEMPLATES[kind] else 1):
        joined = ", ".join(chosen[:-1]) + " and " + chosen[-1] if len(chosen) > 1 else chosen[0]
        return _TEMPLATES[kind].format(all=joined, first=chosen[0])
    cleaned = text.replace(mention.date_text, "").strip(" ,.")
    cleaned = re.sub(r"^(On|In|Since|By|At)\s*,?\s*", "", cleaned).strip(" ,")
    words = cleaned.split()
    while words and words[-1].lower() in ("in", "on", "at", "of", "the", "a", "was", "is", "and"):
        words.pop()
    short = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
    return short[:1].upper() + short[1:] if short else kind.capitalize()
