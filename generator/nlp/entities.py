"""The named entities of a sentence that can be actors of its event, and where.

Only named entities are actors: people, organisations, countries and places, groups.
What a name names is read from the article as well as the sentence:

- a name used for a thing is not an actor anywhere in its article: a storm ("Hurricane
  Milton", then "Milton"), a craft or vehicle ("the Titan submersible", then "Titan"), a
  tournament ("the Australian Open") — by a thing word before it, after it, or as its
  last word (``generator/data/thing_words.txt``);
- an acronym the article defines ("the World Health Organization (WHO)") is that
  organisation; one defined by common words ("a public health emergency of international
  concern (PHEIC)") is a thing;
- a capitalised common word alone ("Embassy", "Company") is not a name; credits ("Jane
  Doe / AP") are not actors; "Floyd and Chauvin" tagged as one name are two people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator import gazetteer
from generator.model import Mentioned
from generator.nlp.doctext import doc_text, times_written
from generator.nlp.names import clean_name, is_junk
from generator.world_names import language_names

if TYPE_CHECKING:  # spaCy loads only when articles are analysed
    from spacy.tokens import Doc, Span, Token

_LABELS = ("PERSON", "GPE", "LOC", "FAC", "ORG", "NORP")
_PLACE_PREPS = (
    "in",
    "to",
    "at",
    "near",
    "into",
    "from",
    "across",
    "via",
    "through",
    "throughout",
    "onto",
    "outside",
    "inside",
    "toward",
    "towards",
)
# A place that is not a country or city (a region, a mountain, a pole) is where things
# happen after these as well: "landed on the South Pole", "flew over the Alps".
_LOC_PREPS = ("on", "over", "off", "along", "around", "across", "beyond")
# "Immigration Minister Alex Hawke": a portfolio, not an organisation.
_PORTFOLIO_TITLES = ("minister", "secretary", "commissioner")
# "Long Form Name (LFN)", "a remotely operated vehicle, or ROV,": an acronym defined in
# the text.
_DEFINED = re.compile(r"\(([A-Z][A-Za-z0-9&-]{1,9})\)|,\s+or\s+([A-Z][A-Z0-9&-]{1,9})\b")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")
_SMALL = {"of", "and", "the", "for", "&", "de", "du", "la", "on", "in", "to"}


@dataclass
class ArticleNames:
    """What an article says of its names: acronyms it defines, names it uses for things."""

    acronyms: dict[str, str] = field(default_factory=dict)  # acronym -> long form
    concepts: set[str] = field(default_factory=set)  # acronyms of common-word phrases
    things: set[str] = field(default_factory=set)  # lower-cased names of things
    lowered: set[str] = field(default_factory=set)  # words written in lower case


def _expansion(words: list[str], acronym: str) -> list[str] | None:
    """The last words before an acronym whose initials spell it ('World Health
    Organization (WHO)'), else that spell it with more than one letter of a word
    ('Health Emergency Preparedness and Response Authority (HERA)'), or None."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    for size in range(len(letters), len(words) + 1):
        tail = words[-size:]
        initials = [w[0].upper() for w in tail if w.lower() not in _SMALL and w[0].isalpha()]
        if initials == letters:
            return tail
        if len(initials) > len(letters):
            break
    return _spelt_within(words, letters)


def _spelt_within(words: list[str], letters: list[str]) -> list[str] | None:
    """The fewest last words that spell the letters in order (`_spells`), all capitalised
    but the small words, the first starting with the first letter (the rule of Schwartz
    and Hearst, 2003, made stricter); None if no such words."""
    if len(letters) < 2:
        return None
    for size in range(2, min(len(letters) + 2, len(words)) + 1):
        tail = words[-size:]
        if tail[0][:1].upper() != letters[0]:
            continue
        if all(w[:1].isupper() for w in tail if w.lower() not in _SMALL) and _spells(tail, letters):
            return tail
    return None


def _spells(words: list[str], letters: list[str]) -> bool:
    """Whether the words spell the letters: each word not in _SMALL gives its first letter
    and then, in order, none or more of its later letters; one word, not the first, may
    give none ('Health Emergency Preparedness and Response Authority': HERA)."""
    content = [w.upper() for w in words if w.lower() not in _SMALL]

    def match(word: int, letter: int, skips: int) -> bool:
        if word == len(content):
            return letter == len(letters)
        if word > 0 and skips and match(word + 1, letter, skips - 1):
            return True
        if letter == len(letters) or content[word][0] != letters[letter]:
            return False
        ends = [letter + 1]
        for ch in content[word][1:]:
            if ends[-1] < len(letters) and ch == letters[ends[-1]]:
                ends.append(ends[-1] + 1)
        return any(match(word + 1, end, skips) for end in ends)

    return match(0, 0, 1)


def long_form_before(text: str, at: int, acronym: str) -> list[str] | None:
    """The words before text[at] (a bracket or comma that opens an acronym), on its line,
    whose initials spell the acronym: its long form, or None."""
    words = text[max(0, at - 160) : at].split("\n")[-1].split()[-10:]
    return _expansion(words, acronym)


def article_names(doc: Doc) -> ArticleNames:
    """The acronyms an article defines and the names it uses for things."""
    names = ArticleNames()
    names.lowered = set(_LOWER_WORD.findall(doc_text(doc)))
    text = doc_text(doc)
    for match in _DEFINED.finditer(text):
        acronym = match.group(1) or match.group(2)
        tail = long_form_before(text, match.start(), acronym)
        if tail is None:
            continue
        if all(w.lower() in _SMALL or not w[0].isupper() for w in tail):
            names.concepts.add(acronym)
        else:
            names.acronyms.setdefault(acronym, " ".join(tail).strip(" ,"))
    names.concepts |= _common_acronyms(doc)
    things = gazetteer.thing_words()
    for ent in doc.ents:
        following = doc[ent.end] if ent.end < len(doc) else None
        before = doc[ent.start - 1] if ent.start > 0 else None
        named_thing = (
            (gazetteer.is_not_actor(ent.text) and len(ent.text.split()) > 1)
            or (
                following is not None
                and following.pos_ == "NOUN"
                and (following.lower_ in things or following.lemma_.lower() in things)
            )
            or (before is not None and before.lower_ in things and before.pos_ in ("NOUN", "PROPN"))
            or _of_a_thing(ent, things)
        )
        if named_thing:
            names.things.add(clean_name(ent.text).lower())
            words = clean_name(ent.text).split()
            if len(words) > 1 and words[0].lower() in things:  # "Hurricane Milton": "Milton"
                names.things.add(" ".join(words[1:]).lower())
    return names


# Determiners a name never takes: "its ROV", "an ROV" are things ("an FBI" is not English).
_COMMON_DETERMINERS = frozenset("a an its their his her our my your".split())  # noqa: SIM905


def _common_acronyms(doc: Doc) -> set[str]:
    """Acronyms the article writes as common nouns, after an article or a possessive
    pronoun that belongs to them: 'the ship dropped its ROV' (in 'a BBC reporter' the 'a'
    is the reporter's)."""
    found = set()
    for token in doc:
        if len(token.text) < 2 or not token.text.isupper() or not token.text.isalpha():
            continue
        if token.dep_ == "compound" or token.i == 0:
            continue
        before = doc[token.i - 1]
        if before.lower_ in _COMMON_DETERMINERS and before.head.i == token.i:
            found.add(token.text)
    return found


def _of_a_thing(ent: Span, things: frozenset[str]) -> bool:
    """'the wreckage of the Titanic', 'the wreck site of the Titanic': the name of what a
    thing word is of."""
    head = ent.root.head
    if ent.root.dep_ != "pobj" or head.lower_ != "of":
        return False
    owner = head.head
    return owner.pos_ == "NOUN" and (
        owner.lemma_.lower() in things
        or any(c.dep_ == "compound" and c.lemma_.lower() in things for c in owner.children)
    )


def _common_word(ent: Span, lowered: set[str]) -> bool:
    """A capitalised common word standing alone: 'Embassy', 'Company', 'Governmental' —
    tagged as a common noun or adjective, or written in lower case elsewhere in the
    article (``lowered``: its lower-case words)."""
    if len(ent) != 1 or ent.ent_id_:
        return False
    token = ent[0]
    key = token.lower_
    if token.text.isupper() or key in gazetteer.by_name() or key in gazetteer.by_demonym():
        return False
    return token.pos_ in ("NOUN", "ADJ") or key in lowered


def _governor(ent: Span) -> str:
    """The word a name hangs on, through the names it is part of: 'at' for 'at Vero
    Beach Regional Airport' (a compound of 'Airport')."""
    token = ent.root
    while token.dep_ == "compound" and token.head is not token:
        token = token.head
    return str(token.head.lower_)


def _acting(ent: Span) -> bool:
    """A building acts only as the subject, the doer ('by the Kremlin') or the owner of
    something ('the White House said'); one attacked or visited is a place."""
    root = ent.root
    return root.dep_ in ("nsubj", "nsubjpass", "poss") or (
        root.dep_ == "pobj" and root.head.lower_ == "by"
    )


def _portfolio(ent: Span) -> bool:
    """'Immigration Minister Alex Hawke': one capitalised word that the article writes
    only before a minister's title names a portfolio ('the Treasury' elsewhere names a
    department; an acronym names an organisation: 'ISRO Chairman')."""
    if len(ent) != 1 or ent.label_ != "ORG" or ent.text.isupper():
        return False
    doc = ent.doc
    return all(
        t.i + 1 < len(doc) and doc[t.i + 1].lower_ in _PORTFOLIO_TITLES
        for t in doc
        if t.text == ent.text
    )


# Last words that make a person's name a place, whatever the tagger says: "George Floyd
# Square", "Witham Field" (an airfield), "Hennepin County Government Center".
_FACILITY_WORDS = frozenset(
    """square street avenue road boulevard plaza park field airport center centre hall
    bridge station stadium arena building tower hospital village""".split()  # noqa: SIM905
)
# Those that make any name a place, or a name before them ('the Crocus music hall'): not
# the words an organisation is also named by ('the National Hurricane Center said').
PLACE_WORDS = _FACILITY_WORDS - {"center", "centre", "hospital", "building", "tower"}


def _place_word_after(ent: Span) -> int | None:
    """The index of the word for a place a name is a compound of, written after it with
    the words between in lower case ('the Crocus music hall') or all capitalised, no
    other name ('Vero Beach Regional Airport'); None if there is none."""
    head = ent.root.head
    if ent.root.dep_ != "compound" or head.i < ent.end or head.lower_ not in PLACE_WORDS:
        return None
    words = ent.doc[ent.end : head.i + 1]
    if any(t.ent_type_ for t in words) or any(t.dep_ != "compound" for t in words[:-1]):
        return None
    if all(t.text.islower() for t in words) or all(t.text[:1].isupper() for t in words):
        return head.i
    return None


def _whole_names(ents: list[Span]) -> list[Span]:
    """The sentence's names as whole as the text writes them: a name the tagger cut in
    two is one ('Vero Beach' 'Regional Airport'), and each that is a place's whatever its tag
    (one ending in a word for a place, or written before one) a place (FAC) with all of its
    name: the words for a place after it
    ('the Crocus music hall', 'Vero Beach Regional Airport') and a nationality before it
    ('the Spanish Lakes Country Club Village': no Spain there)."""
    out: list[Span] = []
    for ent in ents:
        if out and ent.start < out[-1].end:
            continue  # inside a name made whole before it
        if ent.label_ == "PERSON":
            ent = _with_surname_after(_with_surname_before(_with_particle_surname(ent)))
        if out and out[-1].end == ent.start and _compound_of(out[-1], ent):
            ent = _relabelled(ent, ent.label_, start=out.pop().start)
        ent = _with_words_before_and(ent, out[-1].end if out else ent.sent.start)
        if ent.label_ != "PERSON":
            end = _place_word_after(ent)
            if end is not None:  # "the Crocus music hall", "Vero Beach Regional Airport"
                ent = _relabelled(ent, "FAC", end=end + 1)
            elif ent[-1].lower_ in PLACE_WORDS:  # "Spanish Lakes Country Club Village"
                ent = _relabelled(ent, "FAC")
        if ent.label_ in ("FAC", "LOC") and _nationality_before(out, ent):
            ent = _relabelled(ent, ent.label_, start=out.pop().start)
        out.append(ent)
    return out


def _with_particle_surname(ent: Span) -> Span:
    """A person's name with the surname the tagger cut off after a particle: 'Ursula von'
    'der' 'Leyen' is 'Ursula von der Leyen'."""
    doc = ent.doc
    end = ent.end
    while end < len(doc) and doc[end].text in _PARTICLES:
        end += 1
    particle = end > ent.end or ent[-1].text in _PARTICLES
    if particle and end < len(doc) and doc[end].is_alpha and doc[end].text[:1].isupper():
        return _relabelled(ent, "PERSON", end=end + 1)
    return ent


def _with_surname_after(ent: Span) -> Span:
    """A person's name with the one proper noun the tagger left after it, untagged or
    taken for an organisation of one word ('Rosa Icela' 'Rodriguez')."""
    doc = ent.doc
    if ent.end >= len(doc) or not ent[-1].whitespace_:
        return ent
    after = doc[ent.end]
    one_word = after.ent_type_ in ("", "ORG") and (
        not after.ent_type_
        or (after.ent_iob_ == "B" and (ent.end + 1 == len(doc) or doc[ent.end + 1].ent_iob_ != "I"))
    )
    if after.pos_ == "PROPN" and after.is_alpha and after.text.istitle() and one_word:
        return _relabelled(ent, "PERSON", end=ent.end + 1)
    return ent


def _with_surname_before(ent: Span) -> Span:
    """A person's surname of two words of which the tagger took only the last ('López'
    'Obrador' at a sentence's start): the word before it joins it when the article names
    the person in full with both ('Andrés Manuel López Obrador')."""
    if ent.start == 0:
        return ent
    before = ent.doc[ent.start - 1]
    if not (before.is_alpha and before.text[:1].isupper()) or before.ent_type_:
        return ent
    joined = f"{before.text} {ent.text}"
    full = any(
        e.label_ == "PERSON" and len(e) > len(ent) + 1 and e.text.endswith(" " + joined)
        for e in ent.doc.ents
    )
    return _relabelled(ent, "PERSON", start=ent.start - 1) if full else ent


def _person_proper(ent: Span) -> Span:
    """A person's name as the tagger should have cut it: without a title before it
    ('Sheriff Keith Pearson') and without what the person owns ('Emmanuel Macron's
    Cabinet' is Macron's); a place when its last word says so ('George Floyd Square')."""
    if ent.label_ != "PERSON":
        return ent
    doc = ent.doc
    owner = next((t for t in ent[:-1] if t.tag_ == "POS"), None)
    if owner is not None and owner.i - ent.start >= 1:
        ent = _relabelled(ent, "PERSON", end=owner.i)
    start = ent.start
    while start < ent.end - 2 and doc[start].lower_.strip(".") in _LEADING_TITLES:
        start += 1
    if start > ent.start:
        ent = _relabelled(ent, "PERSON", start=start)
    if ent[-1].lower_ in _FACILITY_WORDS:
        ent = _relabelled(ent, "FAC")
    return ent


_PLACE_OR_ORG = ("ORG", "GPE", "LOC", "FAC")


def _compound_of(first: Span, second: Span) -> bool:
    """Whether the name of a place or an organisation is part of the name of one right
    after it ('Vero Beach' of 'Regional Airport': the parse makes both one name; not
    'Air France' of the aircraft 'A330')."""
    root = first.root
    return (
        first.label_ in _PLACE_OR_ORG
        and second.label_ in _PLACE_OR_ORG
        and root.dep_ == "compound"
        and second.start <= root.head.i < second.end
    )


def _with_words_before_and(ent: Span, free: int) -> Span:
    """An organisation's name with the capitalised words before an 'and' it starts after,
    when no name of their own ('the Health Emergency Preparedness and Response
    Authority'; not before token free, where the last name ended)."""
    doc = ent.doc
    if ent.label_ != "ORG" or ent.start - 2 < free or doc[ent.start - 1].lower_ != "and":
        return ent
    start = ent.start - 1
    while start - 1 >= free and _capitalised_word(doc[start - 1]):
        start -= 1
    if start == ent.start - 1 or start == ent.sent.start:
        return ent
    return _relabelled(ent, "ORG", start=start)


def _capitalised_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and not token.ent_type_


def _nationality_before(names: list[Span], ent: Span) -> bool:
    """Whether the last name of names is a nationality written right before ent."""
    return bool(names) and names[-1].label_ == "NORP" and names[-1].end == ent.start


def _relabelled(ent: Span, label: str, *, start: int | None = None, end: int | None = None) -> Span:
    from spacy.tokens import Span

    start = ent.start if start is None else start
    end = ent.end if end is None else end
    return Span(ent.doc, start, end, label=label, span_id=ent.id)


def _parts(ent: Span) -> list[Span]:
    """A name, or the names of a coordination tagged as one ('Floyd and Chauvin')."""
    cuts = [t.i for t in ent if t.lower_ in ("and", "&") and t.dep_ == "cc"]
    if not cuts or ent.label_ not in ("PERSON",):
        return [ent]
    parts, start = [], ent.start
    for cut in cuts:
        parts.append(ent.doc[start:cut])
        start = cut + 1
    parts.append(ent.doc[start : ent.end])
    return [p for p in parts if len(p)]


def sentence_entities(
    sentence: Span, names: ArticleNames
) -> tuple[list[Mentioned], list[Mentioned], dict[int, str]]:
    """The actors and places a sentence names, and the surname ending each person's name."""
    actors: list[Mentioned] = []
    places: list[Mentioned] = []
    surnames: dict[int, str] = {}
    for ent in _whole_names([_person_proper(ent) for ent in sentence.ents]):
        if (
            ent.label_ not in _LABELS
            or "/" in ent.text
            or _common_word(ent, names.lowered)
            or _portfolio(ent)
        ):
            continue
        text = clean_name(ent.text)
        governor = _governor(ent)
        if governor == "in" and text.lower() in language_names():
            continue  # "'moon craft' in Sanskrit", "said in Russian": a language
        # a thing, in this article and (through the corpus) in every other one: an acronym
        # of common words ("PHEIC", "ROV") or a name used for a thing
        thing = text in names.concepts or text.lower() in names.things
        as_place = ent.label_ in ("GPE", "LOC", "FAC") and governor in _PLACE_PREPS
        as_place = as_place or (ent.label_ != "PERSON" and governor in ("in", "at", "near"))
        as_place = as_place or (ent.label_ in ("LOC", "FAC") and governor in _LOC_PREPS)
        as_place = as_place or (ent.label_ == "FAC" and not _acting(ent))
        for part in _parts(ent):
            long_form = names.acronyms.get(clean_name(part.text), "")
            mentioned = Mentioned(
                part.text,
                ent.label_,
                _role(part),
                ent.ent_id_,
                not as_place,
                as_place,
                long_form,
                thing,
            )
            if ent.label_ == "PERSON" and not is_junk(mentioned):
                # "Huber’s" in the entity: the name ends before its possessive
                named = part[:-1] if len(part) > 1 and part[-1].tag_ == "POS" else part
                surnames[named.end - 1] = surname(named)
            target = places if as_place else actors
            if mentioned not in target:
                target.append(mentioned)
    return actors, places, surnames


# Words that begin a surname: "von der Leyen", "da Silva", "de Gaulle", "bin Salman".
_PARTICLES = frozenset(
    {"de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den"}
    | {"le", "la", "bin", "ibn", "al", "el"}
)


def surname(name: Span) -> str:
    """The surname a person's name ends with, as news writes it alone: from a particle on
    ('Ursula von der Leyen' -> 'von der Leyen'), the last two words when the text writes
    them without the first name more often than the whole name ('Andrés Manuel López
    Obrador' -> 'López Obrador'), else the last word."""
    words = [t.text for t in name]
    particle = next(
        (i for i, w in enumerate(words) if i > 0 and w in _PARTICLES and i < len(words) - 1),
        None,
    )
    if particle is not None:
        return " ".join(words[particle:])
    if len(words) >= 2 and all(w[:1].isupper() and w.isalpha() for w in words[-2:]):
        tail = " ".join(words[-2:])
        longest = max(
            (e.text for e in name.doc.ents if e.label_ == "PERSON" and e.text.endswith(tail)),
            key=len,
            default=" ".join(words),
        )
        told = times_written(name.doc, {tail, longest, words[-1]})
        if longest != tail and told[tail] > told[longest]:
            return tail
        # two given names and two surnames ('Andrés Manuel López Obrador'), the last never
        # written alone: the surname is the last two words
        if len(longest.split()) >= 4 and told[words[-1]] <= told[longest]:
            return tail
    if len(name) >= 3 and name[-2].text == "-" and not name[-3].whitespace_:
        # "Kim Dong-wook", "Jean-Pierre": a hyphenated word is one name
        return name.doc[name[-3].i : name.end].text
    return words[-1]


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
# Titles before a name that the tagger takes into it: those above, and a few more.
_LEADING_TITLES = frozenset(_TITLE_WORDS | {"sheriff", "judge", "mr", "mrs", "ms", "dr"})
# Words for a role written right before a person's name ("director Mary Mertz").
ROLE_WORDS = _LEADING_TITLES | {"official", "commissioner", "administrator", "manager"}


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
