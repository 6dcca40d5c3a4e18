"""What a phrase of a headline refers to, named: a description by the name the article
gives it ('the company' -> the organisation last named, 'the storm' -> 'Milton', 'the
viral ailment' -> 'mpox', a lead's description -> the headline's name), a pronoun by its
antecedent, a subject by its entities' names. `generator.nlp.titles` uses them."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from generator.gazetteer import country_or_us_state, us_states
from generator.nlp.doctext import doc_text, headline, times_written, window_start
from generator.nlp.entities import ROLE_WORDS
from generator.nlp.genders import PRONOUN_GENDER, gender_of
from generator.nlp.phrases import join, present, verb_lemma
from generator.nlp.trials import TRIAL_BODIES, body_of_trial

if TYPE_CHECKING:  # spaCy loads only when articles are analysed
    from spacy.tokens import Doc, Span, Token


DEICTIC = {"this", "that", "these", "those", "it", "they", "we", "i", "you", "which", "who"}


def previous_person(
    sentence: Span, surnames: dict[int, str], before: int | None = None
) -> tuple[str, bool] | None:
    """'He said ...': the surname of the last person named before the pronoun (at
    ``before``, else the sentence's verb) in its sentence or the two before (an acronym
    tagged as a person, 'COVID', is no one; nor a name that only describes a thing, the
    'Twitter' of 'the team's Twitter account'), also where the tagger missed that name but
    took it for a person elsewhere in the article ('date 2022-01-10 Novak Djokovic has
    won ...', then 'Djokovic')."""
    doc = sentence.doc
    people = {
        ent[-1].text
        for ent in doc.ents
        if ent.label_ == "PERSON" and len(ent.text) > 2 and not ent.text.isupper()
    }
    start = window_start(sentence, 2)  # a pronoun's person is named in it or the two before
    end = sentence.root.i if before is None else min(before, sentence.root.i)
    # "she" is no man's: the person of the pronoun's gender, where the text marks it
    wanted = PRONOUN_GENDER.get(doc[before].lower_) if before is not None else None
    later = doc[end:before] if before is not None and wanted is not None else doc[end:end]
    # in its sentence, before its verb, then between that and the pronoun; then before it
    within = max(start, sentence.start)
    candidates = [
        token
        for token in [*reversed(doc[within:end]), *reversed(later), *reversed(doc[start:within])]
        if not (token.dep_ == "compound" and token.head.pos_ == "NOUN")  # it describes
        and token.pos_ == "PROPN"
        and (token.text in people or _untagged_name(token) or gender_of(doc, token.text))
    ]
    genders = [gender_of(doc, token.text) if wanted is not None else None for token in candidates]
    # one the text marks with the pronoun's gender first, else one it does not mark
    for allowed in ((wanted,), (wanted, None)):
        found = next((t for t, g in zip(candidates, genders, strict=True) if g in allowed), None)
        if found is not None:
            return found.text, False
    main = main_person(doc)  # further back: the person the article is about, if one is
    if main is not None and wanted is not None and gender_of(doc, main) not in (None, wanted):
        return None
    return (main, False) if main else None


def _untagged_name(token: Token) -> bool:
    """'Cristian Vera stood on an Acapulco beach': a name of two or more proper nouns that
    the tagger took for no entity at all, as a clause's subject, is a person's."""
    if token.ent_type_ or token.dep_ != "nsubj" or not token.text.istitle() or token.i == 0:
        return False
    before = token.doc[token.i - 1]
    return (
        before.pos_ in ("PROPN", "NOUN", "ADJ")  # the tagger may miss a first name too
        and before.dep_ == "compound"
        and before.head.i == token.i
        and before.ent_type_ in ("", "NORP")  # 'Cristian' taken for 'Christian'
        and before.text.istitle()
    )


# A definite description standing for what the text named before it: "the company" for
# the last organisation named, "the storm" for the last storm, "the country" for the last
# state. The kinds of entity each head noun may stand for.
_STANDS_FOR = {
    **dict.fromkeys(
        (
            "company",
            "firm",
            "bank",
            "lender",
            "carrier",
            "airline",
            "insurer",
            "agency",
            "ministry",
            "department",
            "organization",
            "organisation",
            "group",
            "startup",
            "party",
            "union",
            "court",
            "committee",
            "board",
            "authority",
            "office",  # "the meteorological office" of the Icelandic Meteorological Office
        ),
        ("ORG",),
    ),
    **dict.fromkeys(("country", "nation", "government", "administration"), ("GPE",)),
    **dict.fromkeys(_SETTLEMENTS := ("city", "town", "capital", "village", "community"), ("GPE",)),
}
# What a company's shares are called: "the stock" is the last company named's stock.
_SECURITIES = frozenset({"stock", "share"})
# Institutions whose names say what they are ("the Federal Circuit and Family Court",
# "Silicon Valley Bank"): "the court" stands only for a name with "court" in it.
_KIND_IN_NAME = frozenset(
    {"bank", "court", "ministry", "department", "committee", "board", "union", "party"} | {"office"}
)
_STORMS = ("storm", "hurricane", "typhoon", "cyclone")
# Who oversees others: the organisation told doing something before (as a clause's subject
# or its doer), not the last one named, which may be the one overseen.
_OVERSEERS = frozenset({"regulator", "watchdog", "supervisor"})
# Craft and missions an article names once and then calls by their kind.
_CRAFT = frozenset(
    {"mission", "spacecraft", "lander", "rover", "probe", "rocket", "satellite"}
    | {"submersible", "submarine", "vessel", "ship", "boat", "aircraft", "plane", "helicopter"}
    | {"train"}
)
# What a craft does that an article tells as "the launch", "the landing".
_CRAFT_EVENTS = frozenset({"launch", "liftoff", "lift-off", "landing", "touchdown", "splashdown"})
# What a disease is called once its name is known: "the viral ailment" is mpox.
_AILMENTS = frozenset({"disease", "virus", "ailment", "illness", "infection"})
# The nouns a disease's name modifies: "mpox cases", "the Ebola outbreak".
_OF_A_DISEASE = frozenset(
    {"outbreak", "case", "vaccine", "infection", "epidemic", "pandemic", "strain", "variant"}
)
# How a disease spreads, named by the disease ("the Ebola outbreak"); not "pandemic".
_SPREADS = frozenset({"outbreak", "epidemic"})
# What an article names once and then describes: storms, craft and diseases.
NAMED_KINDS = frozenset(_STORMS) | _CRAFT | _AILMENTS
_STORM_NAME = re.compile(r"\b(?:Hurricane|Tropical Storm|Storm|Typhoon|Cyclone)\s+([A-Z][a-z]+)")
_DEFINITE = {"the", "this", "that", "these", "those"}


def coreferent(noun: Token) -> tuple[str, bool] | None:
    """The name a definite description stands for ('the company' -> the organisation last
    named before it, 'the storm' -> 'Milton', 'the judge' -> the person the article titled
    so, 'the stock' -> 'SVB stock', 'the jury' -> 'the Holmes jury'), looked
    for in its sentence and the three before (a storm's name or a titled person anywhere
    before it); None when the phrase names something itself or nothing fits."""
    if noun.lemma_.lower() in TRIAL_BODIES:  # "the jury" -> "the Holmes jury"
        return body_of_trial(noun)
    # bare "Shares fell nearly 15%": whose shares the article tells of
    bare_shares = noun.lemma_.lower() in _SECURITIES and noun.tag_ == "NNS"
    bare_shares = bare_shares and not any(
        c.dep_ in ("det", "poss", "compound", "amod", "nmod") or c.lower_ == "of"
        for c in noun.children
    )
    if noun.pos_ == "NOUN" and noun.lemma_.lower() in _CRAFT and _lede_craft(noun):
        # "A private U.S. lunar lander touched down" opening a story on Odysseus
        named = _article_craft(noun.doc) or _headline_craft(noun.doc)
        return (named, False) if named else None
    if noun.pos_ != "NOUN" or not (
        bare_shares or any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children)
    ):
        return None
    # a name of its own (an aside, 'which ... since May 2020', names nothing)
    lemma = noun.lemma_.lower()
    # a storm, craft or disease is one whatever phrase follows ("the viral ailment amid a
    # growing outbreak in Africa")
    asides: frozenset[str] = frozenset({"relcl", "appos", "conj"})  # "the agency and Boeing"
    if lemma in NAMED_KINDS:
        asides |= {"prep", "acl"}
    if lemma in _CRAFT_EVENTS:  # "the launch, powered by the LVM3 rocket,": an aside
        asides |= {"acl"}
    aside = {t.i for c in noun.children if c.dep_ in asides for t in c.subtree}
    if any(t.pos_ == "PROPN" and t.i not in aside for t in noun.subtree):
        return None
    doc = noun.doc
    start = window_start(noun.sent, 3)
    if lemma in _STORMS:  # an article follows one storm: its name, however far back
        names = _STORM_NAME.findall(doc[: noun.i].text)
        if names:
            return names[-1], False
        named = _storm_told_as(doc, noun)
        return (named, False) if named else None
    if lemma in _AILMENTS:  # "the viral ailment" where the text tells of "mpox cases"
        named = _disease_name(doc)
        return (named, False) if named else None
    if lemma in _SPREADS and not any(t.like_num for c in noun.lefts for t in c.subtree):
        # "the global outbreak" -> "the global mpox outbreak": the article's disease; not
        # "the 1918 pandemic" (another disease, dated), nor "the pandemic" (COVID's)
        named = _disease_name(doc)
        if named is None:
            return None
        before = [t.text for t in noun.lefts if t.dep_ in ("det", "amod")]
        return " ".join([*before, named, noun.text]), noun.tag_ == "NNS"
    if lemma in _CRAFT:  # "the mission" after "the Chandrayaan-3 mission"
        if any(c.lower_ in _ANOTHER or c.ent_type_ == "NORP" for c in noun.lefts):
            return None  # "the last Soviet mission": another craft than the article's
        named = _name_given(noun) or _craft_name(doc, noun, lemma) or _headline_craft(doc)
        # no words of its own but asides ("the vessel, refloated at high tide on Monday,")
        bare = all(c.dep_ in ("det", "punct", "acl", "relcl") for c in noun.children)
        if named is None and bare:  # "the vessel" of "the container ship Dali"
            named = _article_craft(doc, _CRAFT_KINDS.get(lemma, frozenset({lemma})))
        return (named, False) if named else None
    if lemma in _CRAFT_EVENTS and noun.tag_ == "NN":  # "the launch": the article's craft's
        named = _article_craft(doc) or _headline_craft(doc)
        return (f"{named}'s {noun.lower_}", False) if named else None
    if lemma in _SECURITIES:  # "the stock" -> "SVB stock": the company the text names most
        companies = Counter(
            _without_the(e.text) for e in doc.ents if e.label_ == "ORG" and e.end <= noun.i
        )
        if not companies:
            return None
        company = max(companies, key=lambda name: (companies[name], len(name)))
        return f"{company} {noun.lower_}", noun.tag_ == "NNS"
    if lemma in _OVERSEERS:  # "the regulator" -> the organisation last told acting
        acting = [
            e
            for e in doc.ents
            if start <= e.start
            and e.end <= noun.i
            and e.label_ == "ORG"
            and len(e.text) > 1
            and e.root.dep_ in ("nsubj", "nsubjpass", "agent", "pobj")
            and (e.root.dep_ != "pobj" or e.root.head.lower_ == "by")
        ]
        return (_without_the(acting[-1].text), False) if acting else None
    if lemma in AREA_HEADS:  # "the island" of an article that writes "the island of Maui"
        named = area_named(noun)
        return (named, False) if named else None
    if lemma in PLACE_HEADS:  # "the hall" of an article that names one hall
        named = place_named(noun)
        return (named, False) if named else None
    labels = _STANDS_FOR.get(lemma)
    if labels is None:
        return _titled_person(noun) or epithet_person(noun) or happening_told(noun)
    if any(c.ent_type_ in ("NORP", "GPE") for c in noun.lefts):
        return None  # "the Australian government" says whose it is
    for ent in reversed([e for e in doc.ents if start <= e.start and e.end <= noun.i]):
        if headline_case(ent.sent):
            continue  # a caption's words in capitals ("Altman Testifies To Senate Committee")
        if lemma in _KIND_IN_NAME and lemma not in ent.text.lower():
            continue  # "the court" is a name with "Court" in it, not the last name told
        if lemma in _SETTLEMENTS and country_or_us_state(ent.text):
            continue  # "the town" is Grindavik, not Iceland
        # a settlement by where the text puts things: "near Grindavik", tagged otherwise
        placed = (
            lemma in _SETTLEMENTS
            and ent.label_ in ("ORG", "LOC", "FAC")
            and ent.root.dep_ == "pobj"
            and ent.root.head.lower_ in ("in", "near", "outside", "around")
        )
        if (ent.label_ in labels or placed) and len(ent.text) > 1:
            return _without_the(ent.text), noun.tag_ in ("NNS", "NNPS")
    described = _described_name(noun, labels) or _name_written_before(noun)
    if described is None and labels == ("ORG",) and noun.tag_ == "NN":
        described = _main_organisation(doc, lemma)
    return (described, noun.tag_ in ("NNS", "NNPS")) if described else None


def _main_organisation(doc: Doc, lemma: str) -> str | None:
    """'The artificial intelligence firm said' where no organisation was named in the
    sentences before: the organisation the article is about, the one tagged so somewhere
    that the text names most (at least three times, twice as often as the next), with the
    noun in its name for a kind of institution that names itself ('the court')."""
    names = {_without_the(e.text) for e in doc.ents if e.label_ == "ORG" and len(e.text) > 1}
    ranked = times_written(doc, names).most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    name = ranked[0][0]
    return None if lemma in _KIND_IN_NAME and lemma not in name.lower() else name


def happening_told(noun: Token) -> tuple[str, bool] | None:
    """'The collapse was reported' after "Baltimore's Francis Scott Key Bridge collapsed":
    'the' and a noun made of a verb the article told before, with a name as its subject,
    is that happening, named by its subject: "Francis Scott Key Bridge's collapse"; None
    otherwise (the noun says more than 'the <noun>', or no such verb came before it)."""
    children = list(noun.children)
    if noun.tag_ != "NN" or [c.lower_ for c in children] != ["the"]:
        return None
    lemma = noun.lemma_.lower()
    for verb in reversed(noun.doc[: noun.i]):
        if verb.pos_ != "VERB" or not _made_of(lemma, verb.lower_):
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.pos_ != "PROPN" or not subject.ent_type_:
            return None  # the last such verb was told of no name
        ent = next(e for e in noun.doc.ents if e.start <= subject.i < e.end)
        name = _without_owner(ent)
        owner = name + ("'" if name.endswith("s") else "'s")
        return f"{owner} {noun.lower_}", False
    return None


def _described_name(noun: Token, labels: tuple[str, ...]) -> str | None:
    """'the space agency' -> 'ISRO' after 'the Indian Space Research Organisation (ISRO)':
    the last name before it, anywhere in the article, that holds the words describing it
    ('space'); its acronym when the text gives one in brackets."""
    # nouns only: an adjective ("the new company") says how it is, not what it is called
    words = [c.lower_ for c in noun.children if c.dep_ == "compound" and c.is_alpha]
    if not words:
        return None
    doc = noun.doc
    for ent in reversed([e for e in doc.ents if e.end <= noun.sent.start]):
        if ent.label_ not in labels or not all(w in ent.text.lower().split() for w in words):
            continue
        if headline_case(ent.sent):
            continue  # "... Testifies To Senate Committee On Rules For Artificial Intelligence"
        after = doc[ent.end : ent.end + 3]
        bracketed = len(after) == 3 and after[0].text == "(" and after[2].text == ")"
        if bracketed and after[1].text.isupper():
            return after[1].text
        return _without_the(ent.text)
    # a name the tagger missed, defined with its acronym: "Space Research Organisation (ISRO)"
    for token in reversed(doc[2 : noun.sent.start]):
        if not (token.text == "(" and token.i + 2 < len(doc) and doc[token.i + 2].text == ")"):
            continue
        acronym = doc[token.i + 1].text
        named = {t.lower_ for t in doc[max(token.i - 8, 0) : token.i] if t.text[:1].isupper()}
        if acronym.isupper() and len(acronym) > 1 and all(w in named for w in words):
            return acronym
    return None


def _name_written_before(noun: Token) -> str | None:
    """'the meteorological office' after 'the Icelandic Meteorological Office said' (a name
    the tagger may miss): the capitalised name written before whose last words are the
    description's own, in capitals; None for a noun with no word describing it."""
    described = [c for c in noun.lefts if c.dep_ in ("amod", "compound") and c.is_alpha]
    if not described or described[-1].i != noun.i - 1:
        return None
    tail = r"\s+".join(re.escape(t.text.capitalize()) for t in [*described, noun])
    before = doc_text(noun.doc)[: noun.idx]
    found = re.findall(rf"((?:[A-Z][\w'’-]+\s+)*{tail})\b", before)
    return _without_the(found[-1]) if found else None


_HEADLINE_CUTS = (":", "|", "–", "—")


def headline_subject(noun: Token) -> tuple[str, bool] | None:
    """'The African Union's health watchdog on Tuesday declared ...' under the headline
    "Africa's CDC declares mpox a public health emergency": a lead that describes who
    acted tells what the headline tells, and the headline names them. The headline's words
    before the lead verb (in any tense), when they hold a name; None otherwise. Only the
    first two sentences of the text are a lead."""
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ != "VERB":
        return None
    words = headline(noun.doc).split()
    if not words or noun.sent.start > 0 and _sentences_before(noun.sent) >= 2:
        return None
    forms = {verb_lemma(verb), present(verb, False), present(verb, True), verb.lower_}
    for index, word in enumerate(words[:8]):
        if word.lower().strip(",.;:!?\"'") not in forms:
            continue
        start = max((i + 1 for i, w in enumerate(words[:index]) if w in _HEADLINE_CUTS), default=0)
        start = max([start] + [i + 1 for i, w in enumerate(words[:index]) if w.endswith(":")])
        subject = words[start:index]
        if 1 <= len(subject) <= 5 and any(_a_name(w, noun.doc) for w in subject):
            return " ".join(subject), noun.tag_ in ("NNS", "NNPS")
        return None
    return None


# The endings of nouns made of verbs: "acquisition" of "acquire", "announcement" of
# "announce"; and those of a verb in a headline.
_NOUN_ENDINGS = ("tion", "sion", "ment", "al", "ure", "ance", "ence", "ing")
_VERB_ENDINGS = ("ies", "es", "s", "ed", "ing", "")
_SMALL_WORDS = frozenset({"of", "and", "the", "for", "&"})


def headline_event(noun: Token) -> tuple[str, bool] | None:
    """'The acquisition was consummated on March 27' under the headline 'First Citizens
    Bank acquires Silicon Valley Bridge Bank': 'the' and a noun for a happening that the
    headline tells with its verb is the headline's happening, named by its doer (the
    headline's words before that verb, when they hold a name): "First Citizens Bank's
    acquisition". None otherwise."""
    if noun.pos_ != "NOUN" or noun.tag_ != "NN":
        return None
    children = list(noun.children)
    if len(children) != 1 or children[0].dep_ != "det" or children[0].lower_ != "the":
        return None
    words = headline(noun.doc).split()
    for index, word in enumerate(words[:8]):
        if not _made_of(noun.lemma_.lower(), word.lower().strip(",.;:!?\"'")):
            continue
        start = max((i + 1 for i, w in enumerate(words[:index]) if w in _HEADLINE_CUTS), default=0)
        doer = words[start:index]
        capitalised = all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in doer)
        if 1 <= len(doer) <= 5 and capitalised and any(_a_name(w, noun.doc) for w in doer):
            name = " ".join(doer)
            owner = name + ("'" if name.endswith("s") else "'s")
            return f"{owner} {noun.lower_}", False
        return None
    return None


def _made_of(noun: str, word: str) -> bool:
    """Whether noun is word's verb made a noun: 'attack' of 'attacks', 'acquisition' of
    'acquires', 'explosion' of 'exploded' (the first five letters of both, a noun's
    ending)."""
    if word == noun:
        return False  # the noun itself: the headline tells no verb
    stems = {word[: -len(end)] if end else word for end in _VERB_ENDINGS if word.endswith(end)}
    if noun in stems or noun + "e" in stems or any(stem + "e" == noun for stem in stems):
        return True  # "attack" of "attacks", "collapse" of "collapsed"
    return noun.endswith(_NOUN_ENDINGS) and any(
        len(stem) >= 5 and noun[:5] == stem[:5] for stem in stems
    )


def _a_name(word: str, doc: Doc) -> bool:
    """A headline word the article's text writes with a capital and never in lower case."""
    bare = re.sub(r"['’]s$", "", word).strip(",.;:!?\"'")
    if not bare[:1].isupper():
        return False
    text = doc_text(doc)
    return bare in text and re.search(rf"\b{re.escape(bare.lower())}\b", text) is None


def _sentences_before(sentence: Span) -> int:
    """How many sentences of its doc come before sentence."""
    count = 0
    for other in sentence.doc.sents:
        if other.start >= sentence.start:
            break
        count += 1
    return count


def headline_case(sentence: Span) -> bool:
    """A line in headline capitals with no full stop: a heading or a photo caption, whose
    names are tagged as one ('Senate Committee On Rules For Artificial Intelligence')."""
    words = [t for t in sentence if t.is_alpha and len(t) > 3]
    if len(words) < 4 or sentence.text.rstrip()[-1:] in '.!?"”':
        return False
    return sum(t.text[:1].isupper() for t in words) * 4 >= len(words) * 3


def appositive_name(noun: Token) -> str | None:
    """'another instrument, the Laser-Induced Breakdown Spectroscope (LIBS), found': the
    name a described thing is given beside it, in commas or dashes; None without one."""
    if noun.pos_ != "NOUN":
        return None
    doc = noun.doc
    for aside in (c for c in noun.children if c.dep_ == "appos" and c.i > noun.i):
        # in commas, or right after "the <noun>" or an owner's ("the technology blog
        # Gizmodo", "The United States's largest car manufacturer General Motors"); not
        # "Shares of SVB Financial Group SIVB", a ticker
        close = aside.left_edge.i == noun.i + 1 and (
            any((c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "poss" for c in noun.children)
            # a bare role before a person's name: "entrepreneur Elizabeth Holmes"
            or (aside.ent_type_ == "PERSON" and not any(c.dep_ == "det" for c in noun.children))
        )
        if doc[aside.left_edge.i - 1].text not in (",", "–", "—") and not close:
            continue
        subtree = list(aside.subtree)
        words = [t for t in subtree if not t.is_punct]
        words = words[: next((n for n, t in enumerate(words) if t.dep_ in ("relcl", "acl")), None)]
        # a name throughout: its proper nouns, without a bracketed acronym after it
        bracket = next((t.i for t in subtree if t.text == "("), None)
        if bracket is not None:
            words = [t for t in words if t.i < bracket]
        if words and words[-1].pos_ == "PROPN" and all(t.pos_ in ("PROPN", "DET") for t in words):
            return _without_the(doc[words[0].i : words[-1].i + 1].text)
    return None


def _without_the(name: str) -> str:
    """A name as a headline writes it: 'the Federal Reserve' -> 'Federal Reserve'."""
    return name[4:] if name.lower().startswith("the ") else name


def _craft_name(doc: Doc, noun: Token, lemma: str) -> str | None:
    """The name an article gave a craft or mission before 'the <noun>': the proper nouns
    of the last '<Name> <noun>' ('the Chandrayaan-3 mission', 'the Titan submersible') or
    '<noun> <Name>' ('the container ship Dali')."""
    for token in reversed(doc[: noun.i]):
        if token.lemma_.lower() != lemma:
            continue
        start = token.i
        # the proper nouns before it that hang on it or on a later word of the name
        while (
            start > 0
            and doc[start - 1].pos_ == "PROPN"
            and start <= doc[start - 1].head.i <= token.i
        ):
            start -= 1
        start = _hyphenated_start(doc, start)
        if start < token.i and any(t.pos_ == "PROPN" for t in doc[start : token.i]):
            return doc[start : token.i].text
        after = _name_after(token)
        if after is not None:
            return after
    return None


def _name_after(craft: Token) -> str | None:
    """'the container ship Dali', "the cargo ship 'Dali'": the name written right after a
    word for a craft, or in quotes after it, and bound to it in the parse (its head or its
    dependent); None without one."""
    doc = craft.doc
    start = craft.i + 1
    quoted = start < len(doc) and doc[start].text in _OPENING_QUOTES
    start += quoted  # "the cargo ship 'Dali'"
    end = start
    if quoted:  # words in capitals up to the closing quote, whatever the tagger made of them
        while end < min(len(doc), start + 5) and doc[end].text not in _CLOSING_QUOTES:
            end += 1
        closed = end < len(doc) and doc[end].text in _CLOSING_QUOTES
        if not closed or not all(t.text[:1].isupper() for t in doc[start:end]):
            return None
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].ent_type_ != "DATE":
        end += 1
    if end == start:
        return None
    bound = any(doc[i].head.i == craft.i for i in range(start, end))
    bound = bound or craft.head.i in range(start, end)
    return doc[start:end].text if bound else None


def _lede_craft(noun: Token) -> bool:
    """'A private U.S. lunar lander touched down on the moon': a craft told with 'a' as the
    subject of an article's first sentences is the one the story is about."""
    indefinite = [c.lower_ for c in noun.children if c.dep_ == "det"] in (["a"], ["an"])
    subject = noun.dep_ in ("nsubj", "nsubjpass")
    before = [t for c in noun.lefts for t in c.subtree]
    if any(t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "NORP") for t in before):
        return False  # "A Japan Airlines plane" names whose it is ("a U.S. lander" does not)
    # (after a dateline, a photo credit and its caption: the lede)
    return indefinite and subject and _sentences_before(noun.sent) < 4


def _name_given(craft: Token) -> str | None:
    """'The uncrewed lander, officially known as the Nova-C Lander and called Odysseus,':
    the name an aside of the craft's own phrase gives it ('called', 'named', 'dubbed'
    before 'known as'); None without one."""
    asides = [t for c in craft.children if c.dep_ in ("acl", "appos", "relcl") for t in c.subtree]
    for words in (_NAMING, _KNOWN):
        for token in asides:
            if token.lower_ not in words:
                continue
            after = token.doc[token.i + 1 : token.i + 6]
            if token.lower_ == "known":  # "known as the Nova-C Lander"
                if not len(after) or after[0].lower_ != "as":
                    continue
                after = after[1:]
            name = [t for t in after if t.lower_ != "the"]
            end = next((i for i, t in enumerate(name) if t.pos_ != "PROPN"), len(name))
            if end:
                return " ".join(t.text for t in name[:end])
    return None


_NAMING = frozenset({"called", "named", "dubbed", "nicknamed"})
_KNOWN = frozenset({"known"})
_OPENING_QUOTES = frozenset({"'", "‘", '"', "“"})
_CLOSING_QUOTES = frozenset({"'", "’", '"', "”"})


def _hyphenated_start(doc: Doc, start: int) -> int:
    """Where a name ending before token start + 1 begins when its parts are joined by
    hyphens the tokenizer split off ('Chandrayaan - 3')."""
    while start > 1 and doc[start - 1].text == "-" and doc[start - 2].pos_ == "PROPN":
        start -= 2
    return start


# Words that set a craft apart from the one the article follows ("the previous mission").
_ANOTHER = frozenset(
    {"last", "previous", "earlier", "first", "second", "third", "next", "former", "other"}
)
# Words for one kind of craft: "the vessel" is the article's ship, not its submersible.
_WATERCRAFT = frozenset({"ship", "vessel", "boat"})
_CRAFT_KINDS = dict.fromkeys(_WATERCRAFT, _WATERCRAFT)


def _article_craft(doc: Doc, kinds: frozenset[str] = _CRAFT) -> str | None:
    """The craft the article names most often before a word for a craft ('the
    Chandrayaan-3 mission', 'Chandrayaan-3 spacecraft') or defines by one ('Chandrayaan 3,
    the country's third lunar mission'), at least twice (a definition counts twice); None
    otherwise (``kinds``: the words for a craft that count)."""
    told: Counter[str] = Counter()
    for token in doc:
        if token.lemma_.lower() not in kinds or token.i == 0:
            continue
        if token.dep_ == "appos" and token.head.pos_ == "PROPN":
            # "Chandrayaan 3, the country's third lunar mission,": a name defined, twice as
            # telling as one use
            words = [t for t in token.head.subtree if t.i < token.left_edge.i]
            while words and (words[-1].is_punct or words[0].dep_ == "det"):
                words = words[:-1] if words[-1].is_punct else words[1:]
            if words and words[-1].i - words[0].i + 1 == len(words):
                told[doc[words[0].i : words[-1].i + 1].text] += 2
            continue
        named = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if named and named[0].i == token.i + 2 and doc[token.i + 1].text == ",":
            # "The lander, Odysseus, descended": a name defined
            told[doc[named[0].left_edge.i : named[0].i + 1].text] += 2
            continue
        before = doc[token.i - 1]
        while before.i > 0 and before.pos_ == "ADJ" and before.dep_ == "amod":
            before = doc[before.i - 1]  # "its Odysseus lunar lander"
        if before.pos_ == "PROPN" and before.text[:1].isupper():
            told[doc[_hyphenated_start(doc, before.i) : before.i + 1].text] += 1
        elif (after := _name_after(token)) is not None and doc[token.i + 1].ent_type_ != "GPE":
            told[after] += 1  # "the container ship Dali"
    if not told:
        return None
    # a craft named once with its noun and again alone ("the container ship Dali", "the
    # Dali") is the article's craft as well
    told.update({name: count - 1 for name, count in times_written(doc, told).items()})
    name, count = told.most_common(1)[0]
    return name if count >= 2 else None


def _headline_craft(doc: Doc) -> str | None:
    """The craft or mission the headline names ("India's Chandrayaan-3 spacecraft has
    landed on the moon": 'Chandrayaan-3'), which the article is about: 'the mission' of a
    text that named no '<Name> mission' before it."""
    words = headline(doc).split()
    for index, word in enumerate(words):
        if word.lower().strip(",.;:!?") not in _CRAFT or index == 0:
            continue
        name = words[index - 1]
        if name[:1].isupper() and not name.endswith(("'s", "’s")) and _a_name(name, doc):
            return name
    return None


def _disease_name(doc: Doc) -> str | None:
    """The disease an article is about: the word it writes most often before 'outbreak',
    'cases', 'vaccine' ... ('mpox outbreak', 'Ebola cases'), at least twice so, or once and
    three times in all; None when no word is."""
    written = [
        t
        for t in doc
        if t.dep_ in ("compound", "amod", "nmod")
        and t.head.lemma_.lower() in _OF_A_DISEASE
        and t.is_alpha
        and not t.ent_type_
        and t.pos_ in ("NOUN", "PROPN")
    ]
    told = Counter(t.lower_ for t in written)
    if not told:
        return None
    key, count = told.most_common(1)[0]
    # once before such a noun will do when the text writes the word three times
    if count < 2 and sum(t.lower_ == key for t in doc) < 3:
        return None
    # as the text writes it inside a sentence ("mpox", "Ebola"), not at a sentence's start
    forms = Counter(t.text for t in written if t.lower_ == key and not t.is_sent_start)
    return forms.most_common(1)[0][0] if forms else key


def _storm_told_as(doc: Doc, noun: Token) -> str | None:
    """The name the article gives a storm without its title: the one-word name whose
    clause calls it a storm ('As Milton made landfall as a Category 3 hurricane', 'Milton,
    a Category 5 hurricane, ...'), the first such before noun, else after it."""
    found: list[tuple[int, str]] = []
    for token in doc:
        if token.i == noun.i or token.lemma_.lower() not in _STORMS:
            continue
        head = token
        while head.dep_ not in ("appos", "ROOT") and head.pos_ not in ("VERB", "AUX"):
            head = head.head
        owner = head.head if head.dep_ == "appos" else head
        subjects = (
            [owner]
            if head.dep_ == "appos"
            else [c for c in owner.children if c.dep_ in ("nsubj", "nsubjpass")]
        )
        for subject in subjects:
            if (
                subject.pos_ == "PROPN"
                and subject.text.istitle()
                and len(list(subject.subtree)) == 1
            ):
                found.append((subject.i, subject.text))
    before = [name for i, name in found if i < noun.i]
    if before:
        return before[-1]
    return found[0][1] if found else None


# Words for a place a text names once and then describes: "a large concert hall" of an
# article about Crocus City Hall.
PLACE_HEADS = frozenset(
    """hall airport stadium arena station bridge square hotel theatre theater cathedral
    mosque church embassy consulate building venue""".split()  # noqa: SIM905
)
# Words for a building of any kind: "the blazing building" of an article that names one
# hall, one stadium or one hotel.
_ANY_BUILDING = frozenset({"building", "venue"})


# Words for an area a name is given to: "the island of Maui", "the Lahaina town".
AREA_HEADS = frozenset(
    {"island", "city", "town", "village", "province", "county", "region", "state"}
)


def area_named(noun: Token) -> str | None:
    """'the island' of an article that writes 'the island of Maui' (or 'Maui island'):
    the one name the article gives an area of that word; None when it gives none, or
    several, or when the phrase says more than 'the <word>'."""
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or lemma not in AREA_HEADS or noun.tag_ != "NN":
        return None
    if not all(c.dep_ in ("det", "punct") and c.lower_ != "a" for c in noun.children):
        return None
    names: set[str] = set()
    for token in noun.doc:
        if token.lemma_.lower() != lemma or token.i == noun.i:
            continue
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            names |= {
                _without_the(e.text)
                for e in noun.doc.ents
                if e.label_ in ("GPE", "LOC") and any(t.head.i == prep.i for t in e)
            }
        before = [t for t in token.lefts if t.dep_ == "compound" and t.ent_type_ in ("GPE", "LOC")]
        if before:
            names.add(" ".join(t.text for t in before))
    if not names and lemma == "state":
        # "The storm battered the state" after "Florida": the last US state named before
        states = [e.text for e in noun.doc.ents if e.end <= noun.i and e.text in us_states()]
        return states[-1] if states else None
    return names.pop() if len(names) == 1 else None


def place_named(noun: Token) -> str | None:
    """The name of the one place of its kind the article names ('a large concert hall',
    'the airport', 'the blazing building' -> 'Crocus City Hall', 'Vero Beach Regional
    Airport'); None when the
    phrase names a place itself or the article names none or several of its kind."""
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or lemma not in PLACE_HEADS:
        return None
    # "the Crocus concert hall" names it ("near Moscow" does not, nor the city in "the
    # Baltimore bridge")
    if any(
        t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "LOC")
        for left in noun.lefts
        for t in left.subtree
    ):
        return None
    kinds = PLACE_HEADS - _ANY_BUILDING if lemma in _ANY_BUILDING else {lemma}
    names = {
        _without_owner(ent)
        for ent in noun.doc.ents
        if ent.label_ in ("FAC", "ORG", "GPE", "LOC") and ent[-1].lemma_.lower() in kinds
    }
    return _one_place(names)


def _without_owner(ent: Span) -> str:
    """A place's name without 'the' or the owner written before it: "Baltimore's Francis
    Scott Key Bridge" -> 'Francis Scott Key Bridge'."""
    owner = max((t.i + 1 for t in ent if t.dep_ == "case" or t.tag_ == "POS"), default=ent.start)
    return _without_the(ent.doc[owner : ent.end].text if owner < ent.end else ent.text)


def _one_place(names: set[str]) -> str | None:
    """The one place the names call, when they call one: its name in full, of which the
    others are the last words ('Key Bridge' of 'Francis Scott Key Bridge'); None when they
    call none or several."""
    if not names:
        return None
    full = max(names, key=len)
    same = all(full == name or full.endswith(" " + name) for name in names)
    return full if same else None


# The words of a noun phrase a possessive keeps: "the accused terrorists", not the
# clause that describes them.
_PHRASE_DEPS = frozenset({"det", "amod", "compound", "nummod"})


def plural_owner(pronoun: Token) -> str | None:
    """'their detention' after 'The accused terrorists ... were apprehended': the plural
    common noun that is the subject of the pronoun's sentence before it, or of the
    sentence before, with its article and modifiers ('the accused terrorists'); None when
    there is none (a name would be an entity, for `antecedent`), or when the pronoun's own
    clause has a plural subject or the pronoun is in it: then 'their' is the subject's."""
    verb = pronoun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        inside = subject.left_edge.i <= pronoun.i <= subject.right_edge.i
        several = subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)
        if inside or several:
            return None  # "the indexes close at their lowest": the subject's own
    sentence = pronoun.sent
    doc = pronoun.doc
    before = doc[sentence.start - 1].sent if sentence.start > 0 else None
    for span, end in ((sentence, pronoun.i), (before, None)):
        if span is None:
            continue
        subjects = [
            t
            for t in span
            if t.dep_ in ("nsubj", "nsubjpass")
            and t.tag_ == "NNS"
            and (end is None or t.i < end)
            and t.head.i != pronoun.head.i
        ]
        if subjects:
            noun = subjects[-1]
            words = [c for c in noun.children if c.dep_ in _PHRASE_DEPS and c.i < noun.i]
            return " ".join(t.lower_ if t.dep_ == "det" else t.text for t in [*words, noun])
    return None


def _titled_person(noun: Token) -> tuple[str, bool] | None:
    """'the judge' -> 'Cahill' when the article introduced a person with that role as a
    title ('Hennepin County Judge Peter Cahill', 'the president, Joe Biden') before it: the
    surname of the last such person."""
    if noun.tag_ != "NN" or any(c.dep_ == "prep" for c in noun.children):
        return None  # "the president of Mexico": described otherwise
    # a title of several words is one ("the prime minister" of "Prime Minister Mario
    # Draghi"); other words before it describe another person ("the appeals judge")
    words = [c for c in noun.lefts if c.dep_ in ("compound", "amod")]
    title = " ".join(t.lower_ for t in [*words, noun])
    if words and words[0].i + len(words) != noun.i:
        return None
    doc = noun.doc
    for ent in reversed([e for e in doc.ents if e.end <= noun.i and e.label_ == "PERSON"]):
        before = doc[max(ent.start - 3 - len(words), 0) : ent.end - 1]
        if len(ent) >= 2 and f" {title} " in f" {before.text.lower()} ":
            return ent[-1].text, False
    return None


# How news writing calls the person a story is about once it has named them: "the
# tennis star", "the 34-year-old", "the world No 1".
EPITHET_NOUNS = frozenset({"star", "champion", "titleholder", "veteran"}) | frozenset(
    {"billionaire", "tycoon", "mogul", "magnate", "entrepreneur", "banker", "financier"}
    | {"actor", "actress", "singer", "rapper", "musician", "comedian", "novelist"}
)
_EPITHET_TEXT = re.compile(
    r"(?:the )?(?:(?:men|women)['’]s )?(?:world (?:no\.? ?1|number one)|\d+-year-old)", re.I
)


def epithet_person(noun: Token, text: str = "") -> tuple[str, bool] | None:
    """'The tennis star won his appeal', 'the world No 1 announced': an epithet for the
    person the article is about, named by their surname: the person whose surname the
    article writes most, at least three times and at least twice as often as anyone
    else's. text: the phrase as the title would write it, where the parser split it
    ('world' 'No 1')."""
    if text:
        epithet = _EPITHET_TEXT.fullmatch(text) is not None
    else:
        epithet = (
            noun.lemma_.lower() in EPITHET_NOUNS or _EPITHET_TEXT.fullmatch(noun.text) is not None
        )
        epithet = epithet or demonym_epithet(noun) or _turned(noun)
    # "The former and future president" of a story on Trump: the office, if the article
    # writes it before that person's name
    office = not epithet and _time_of_office(noun)
    if not (epithet or office):
        return None
    main = main_person(noun.doc)
    if main is None or (office and not _office_before_name(noun, main)):
        return None
    return main, False


# What says when a person holds an office: "the former and future president".
_WHEN_IN_OFFICE = frozenset(
    {"former", "future", "then", "outgoing", "incoming", "ousted", "deposed", "embattled"}
)


def _time_of_office(noun: Token) -> bool:
    """'The former and future president': an office told with only when its holder holds
    it."""
    words = [c for c in noun.children if c.dep_ != "det"]
    told = [w for c in words for w in c.subtree if w.dep_ not in ("cc", "punct")]
    return bool(told) and all(w.lower_ in _WHEN_IN_OFFICE for w in told)


def _office_before_name(noun: Token, main: str) -> bool:
    """Whether the article writes the office a noun names before the name of the person
    it is about ('President-elect Donald Trump')."""
    office = noun.lower_
    doc = noun.doc
    return any(
        t.text == main and any(w.lower_ == office for w in doc[max(t.i - 4, 0) : t.i]) for t in doc
    )


def _turned(noun: Token) -> bool:
    """'The economist-turned-politician': a person told by what they were and became."""
    words = noun.doc[noun.left_edge.i : noun.right_edge.i + 1]  # (or its apposition)
    text = "".join(t.text_with_ws for t in words if t.dep_ != "det").strip()
    return re.fullmatch(r"[a-z]+-turned-[a-z]+", text) is not None


def main_person(doc: Doc) -> str | None:
    """The surname of the person the article is about: the one it writes most, at least
    three times and at least twice as often as anyone else's; None when no one is."""
    people = [ent for ent in doc.ents if ent.label_ == "PERSON"]
    # a name of one word that begins a whole name is a first name ('Steve' of 'Steve Jobs')
    first_names = {ent[0].text for ent in people if len(ent) > 1}
    surnames = {
        ent[-1].text
        for ent in people
        if len(ent[-1].text) > 2
        and ent[-1].text.istitle()
        and not (len(ent) == 1 and ent.text in first_names)
    }
    # every time the text writes the surname, whatever the tagger took it for there
    told = Counter(t.text for t in doc if t.text in surnames)
    if not told:
        return None
    ranked = told.most_common(2)
    first, count = ranked[0]
    if count < 3 or (len(ranked) > 1 and count < 2 * ranked[1][1]):
        return None
    return first


def demonym_epithet(noun: Token) -> bool:
    """'The Serb won his appeal': 'the' and a nationality, alone, for a person (singular,
    a subject)."""
    determiners = [c for c in noun.children if c.dep_ == "det"]
    return (
        noun.ent_type_ == "NORP"
        and noun.tag_ in ("NNP", "NN")
        and noun.dep_ in ("nsubj", "nsubjpass")
        and len(determiners) == 1
        and determiners[0].lower_ == "the"
        and all(c.dep_ == "det" for c in noun.children)
    )


_THING_LABELS = {"GPE", "ORG", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "LAW"}
_ANTECEDENT_DEPS = {"nsubj", "nsubjpass", "poss", "dobj", "pobj"}


# Nouns for a group of people, which English may call "they".
_COLLECTIVE = frozenset(
    {"jury", "team", "crew", "committee", "panel", "staff", "police", "family", "audience"}
)


def antecedent(pronoun: Token) -> tuple[str, bool] | None:
    """What 'it' or 'they' refers to: the nearest thing before it, in its sentence or the
    one before, that agrees in number and is named (an organisation, a place) or is a
    subject or a possessor ('the region's ownership ... when it announced' -> 'the region');
    failing those, the nearest object."""
    plural = pronoun.lower_ in ("they", "them")
    doc = pronoun.doc
    first = window_start(pronoun.sent, 1)
    # who said a quotation is not in it: '"We estimate that the update affected ...," it
    # said' -> whom the sentence before names, not the update
    quoted = {
        t.i
        for c in pronoun.head.children
        if pronoun.dep_ == "nsubj" and c.dep_ == "ccomp" and c.i < pronoun.i
        for t in c.subtree
    }
    candidates = []
    for token in reversed(doc[first : pronoun.i]):
        if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in ("DATE", "TIME", "PERSON"):
            continue
        if token.i in quoted:
            continue
        if token.dep_ == "compound" or _in_relative_clause(token, pronoun):
            continue
        many = token.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in token.children)
        if many == plural or (plural and token.lemma_.lower() in _COLLECTIVE):
            candidates.append(token)
    # subjects and possessors first, then groups of people ("the jury ... sent them"), then
    # things named, then objects: "an agreement was reached on a truce between A and B. It
    # entered into force" -> the agreement
    tests = (
        lambda t: t.dep_ in ("nsubj", "nsubjpass", "poss"),
        lambda t: t.lemma_.lower() in _COLLECTIVE,
        lambda t: t.ent_type_ in _THING_LABELS,
        lambda t: t.dep_ == "dobj",
        lambda t: t.dep_ in _ANTECEDENT_DEPS,
    )
    for test in tests:
        for token in candidates:
            if test(token):
                aside = appositive_name(token)  # "the Irish airline, Ryanair," -> Ryanair
                if aside is not None:
                    return aside, plural
                # "the jury ... they": the group's noun keeps its own number
                many = plural and token.lemma_.lower() not in _COLLECTIVE
                return _antecedent_text(token, token.ent_type_ in _THING_LABELS), many
    return None


def _in_relative_clause(token: Token, pronoun: Token) -> bool:
    """Whether a noun is told inside a relative clause the pronoun is not in ('the
    counts, which were related to transfers of investors' dollars, ... they'): a relative
    clause describes its head, and what it names in passing is no antecedent."""
    for ancestor in token.ancestors:
        if ancestor.dep_ == "relcl":
            return not ancestor.left_edge.i <= pronoun.i <= ancestor.right_edge.i
    return False


def _antecedent_text(token: Token, named: bool) -> str:
    words = [
        t
        for t in token.subtree
        if token.left_edge.i <= t.i <= token.i
        and (t.dep_ in ("det", "compound", "amod") or t is token)
    ]
    # the words between them too: "San Francisco-based" is one modifier the parser split
    span = token.doc[words[0].i : token.i + 1]
    if not any(t.text in ",;(" for t in span):
        words = list(span)
    if named and len(words) > 1 and words[0].dep_ == "det":
        words = words[1:]
    # "The number of missing ... after it shot up": a short 'of' phrase says which number
    of = [c for c in token.rights if c.dep_ == "prep" and c.lower_ == "of"]
    if of and not named and len(list(of[0].subtree)) <= 3:
        words = [*words, *of[0].subtree]
    text = join([t for t in words if t.text not in ("'s", "’s")])
    first = words[0]
    if first.is_sent_start and not first.ent_type_ and first.pos_ != "PROPN":
        text = text[:1].lower() + text[1:]  # "Emails" that opened a sentence: "emails"
    return text


def entity_list(noun: Token) -> tuple[str, bool] | None:
    """A long coordinated subject by the names in it: 'The presidents of Russia and
    Azerbaijan and the prime minister of Armenia' -> 'Russia, Azerbaijan and Armenia'."""
    doc = noun.doc
    inside = {t.i for t in noun.subtree}
    listed = [e for e in doc.ents if e.label_ in _LISTED and e.start in inside]
    names = list(dict.fromkeys(e.text for e in listed))
    # names that together describe one thing are its name, no parties ("passengers and
    # crew of a Japan Airlines Airbus A350" are no "Japan Airlines and Airbus")
    roots = [e.root for e in listed]
    one_thing = all(r.dep_ == "compound" for r in roots) and len(set(map(_named_thing, roots))) == 1
    if len(names) < 2 or one_thing:
        return None
    return ", ".join(names[:-1]) + " and " + names[-1], True


_LISTED = ("GPE", "ORG", "NORP", "PERSON")


def _named_thing(word: Token) -> int:
    """The noun a chain of compounds ends on ('Japan Airlines Airbus [A350]')."""
    while word.dep_ == "compound" and word.head.i != word.i:
        word = word.head
    return word.i


def acronym(noun: Token) -> tuple[str, bool] | None:
    """The short form a name gives itself in brackets ('the Federal Deposit Insurance
    Corporation (FDIC)' -> 'FDIC'), as headlines write it; None without one."""
    if noun.pos_ != "PROPN":
        return None
    for child in noun.children:
        before = noun.doc[child.i - 1] if child.i > 0 else None
        if (
            child.dep_ == "appos"
            and before is not None
            and before.text == "("
            and re.fullmatch(r"[A-Z][A-Z&]{1,7}s?", child.text)
            and not any(c.dep_ != "punct" for c in child.children)
        ):
            return child.text, False
    return None


def names_of(subject: Token, surnames: dict[int, str]) -> tuple[str, bool] | None:
    """A subject made of people only: their surnames joined ('Putin, Aliyev and Pashinyan');
    a description followed by the person's name, that person ('the prime minister, Jane
    Smith')."""
    found: list[str] = []
    aside = {
        t.i
        for child in subject.subtree
        if child.dep_ in ("appos", "relcl", "acl", "prep", "poss") and child.i != subject.i
        for t in child.subtree
    }
    if subject.i in surnames:
        # "Buffalo Bills safety Damar Hamlin": the names before a person's name say whose
        # or what the person is
        aside |= {t.i for c in subject.children if c.dep_ == "compound" for t in c.subtree}
    for token in subject.subtree:
        if token.i in aside or (token.dep_ == "compound" and token.head.pos_ == "NOUN"):
            # "Chauvin, the cop who killed Floyd": Floyd is no subject; nor is Huber in
            # "Huber's girlfriend", nor Twitter in "the team's Twitter account"
            continue
        name = surnames.get(token.i)
        if name and name not in found:
            found.append(name)
    if not found and subject.pos_ == "NOUN":
        # "The prime minister, Jane Smith, said": the person the description names
        found = [surnames[c.i] for c in subject.children if c.dep_ == "appos" and c.i in surnames]
    if not found:
        # "Ohio Department of Natural Resources director Mary Mertz said", parsed as the
        # department's: the person the subject's last words name after a word for a role
        last = subject.right_edge
        person = next((e for e in subject.doc.ents if e.end == last.i + 1), None)
        of = last.dep_ == "pobj" and last.head.lower_ == "of"  # not "the attack on ..."
        if subject.pos_ == "PROPN" and of and person is not None and person.label_ == "PERSON":
            role = subject.doc[person.start - 1]
            if role.lower_ in ROLE_WORDS and last.i in surnames:
                found = [surnames[last.i]]
    if not found:
        return None
    if len(found) == 1:
        return found[0], False
    return ", ".join(found[:-1]) + " and " + found[-1], True
