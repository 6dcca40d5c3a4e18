"""Words of a parse made into the phrases of a headline: noun phrases shortened, the verb
group in the headline present tense, and what a verb governs within a budget of words
(what phrases refer to is `generator.nlp.references`). `generator.nlp.titles` assembles
them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.nlp.doctext import doc_text
from generator.nlp.entities import long_form_before

if TYPE_CHECKING:  # spaCy loads only when articles are analysed
    from spacy.tokens import Span, Token

MAX_SUBJECT = 6
OF_OVERRUN = 3  # words over MAX_SUBJECT a common noun's 'of' complement may take
_NO_END = {"DET", "ADP", "CCONJ", "SCONJ", "PART", "PRON", "AUX", "PUNCT"}
_IRREGULAR = {
    "be": ("is", "are"),
    "have": ("has", "have"),
    "do": ("does", "do"),
    "go": ("goes", "go"),
}


# One syllable ending consonant-vowel-consonant: English doubles that consonant before
# -ed and -ing ("stop", "stopped"), so "fined" cannot be "fin" + "ed".
_SHORT_CVC = re.compile(r"^[^aeiou]*[aeiou][^aeiouwxy]$")


def verb_lemma(verb: Token) -> str:
    """The verb's lemma, where the lemmatizer cut an 'e' its spelling shows ('fined' ->
    'fine', not 'fin')."""
    lemma = verb.lemma_.lower()
    text = verb.lower_
    if _SHORT_CVC.match(lemma) and text in (lemma + "ed", lemma + "ing", lemma + "es"):
        return lemma + "e"
    return lemma


def present(verb: Token, plural: bool) -> str:
    """The verb in the headline present tense."""
    lemma = verb_lemma(verb)
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma][1 if plural else 0]
    if plural:
        return lemma
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


def keep(token: Token) -> bool:
    """Punctuation inside a word ('Nagorno-Karabakh', 'high-level') and signs that carry
    meaning ('3%', '$5') stay; the rest goes."""
    if not token.is_punct or token.text in "%$€£¥&":
        return True
    before = token.doc[token.i - 1] if token.i > 0 else None
    return bool(before is not None and not before.whitespace_ and not token.whitespace_)


def join(tokens: list[Token]) -> str:
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
RELATIVE_WORDS = frozenset({"which", "who", "whom", "whose", "that", "where", "when"})


def words_in(tokens: list[Token]) -> int:
    return len(join(tokens).split())


def subject_tokens(subject: Token, skip: set[int]) -> list[Token]:
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
            or (token.dep_ == "relcl" and (after_comma or first.lower_ in RELATIVE_WORDS))
            # "Signature Bank, New York, New York": where a named body is
            or (
                after_comma
                and token.head.i == subject.i
                and token.ent_type_ in ("GPE", "LOC")
                and token.dep_ in ("npadvmod", "appos", "conj")
            )
        )
        if aside:
            cut |= {t.i for t in token.subtree}
        if token.text == "(":
            close = next((t.i for t in doc[token.i :] if t.text == ")"), token.i)
            cut |= set(range(token.i, close + 1))
    tokens = [t for t in subject.subtree if t.i not in cut and keep(t)]
    if words_in(tokens) > MAX_SUBJECT:  # "The Alpha Particle X-ray Spectrometer (APXS)"
        cut = _by_acronyms(subject, cut, skip)
        tokens = [t for t in subject.subtree if t.i not in cut and keep(t)]
    if words_in(tokens) > MAX_SUBJECT:  # "The recovery from the [deadly] bridge collapse"
        cut = _without_epithets(subject, cut)
        tokens = [t for t in subject.subtree if t.i not in cut and keep(t)]
    if words_in(tokens) > MAX_SUBJECT:  # modifiers go first ('at the talks in Baku')
        for token in subject.subtree:
            if (
                token.dep_ == "acl"
                and token.tag_ == "VBN"
                and token.head.pos_ == "NOUN"  # not "those [killed]"
                and any(c.dep_ == "nummod" for c in token.head.children)
            ):
                cut |= {t.i for t in token.subtree}  # "524 deaths [reported so far]"
            if token.dep_ == "prep" and token.i > subject.i and token.lower_ != "of":
                if subject.pos_ == "NOUN" and token.head.i == subject.i and _by_someone(token):
                    continue  # "An opening statement [from prosecutor Jerry Blackwell]"
                if _says_which(subject, token) and words_in(tokens) <= MAX_SUBJECT + OF_OVERRUN:
                    continue  # "The recovery [from the Baltimore bridge collapse]"
                cut |= {t.i for t in token.subtree}
        tokens = [t for t in subject.subtree if t.i not in cut and keep(t)]
    coordinated = any(c.dep_ == "conj" for c in subject.children)
    # a common noun says who or what only with its 'of' complement ("Members [of Macron's
    # Cabinet]", "A less severe form [of the virus]"): it may take the subject a little
    # over the limit
    relational = subject.pos_ == "NOUN" and words_in(tokens) <= MAX_SUBJECT + OF_OVERRUN
    if words_in(tokens) > MAX_SUBJECT and not coordinated and not relational:
        for child in subject.children:
            if child.dep_ == "prep" and child.i > subject.i:
                cut |= {t.i for t in child.subtree}
        tokens = [t for t in subject.subtree if t.i not in cut and keep(t)]
    return tokens


_NAME_LINKS = {"of", "and", "for", "the", "de", "&"}
# Adjectives that tell which one, not what it was like: "the first collapse".
_WHICH_ONE = frozenset(
    {"first", "last", "previous", "earlier", "next", "former", "other", "new", "same", "own"}
)


def _says_which(subject: Token, prep: Token) -> bool:
    """Whether a phrase after a bare common noun ('the recovery') is what says which one
    it is: it names something ('from the Baltimore bridge collapse')."""
    return (
        subject.pos_ == "NOUN"
        and prep.head.i == subject.i
        and all(c.dep_ in ("det", "prep") for c in subject.children)
        and any(t.pos_ == "PROPN" for t in prep.subtree)
    )


def _without_epithets(subject: Token, cut: set[int]) -> set[int]:
    """The words of a long subject to leave out so that its modifiers keep what they name:
    the adjectives that describe the noun of a prepositional phrase after its head ('The
    recovery from the [deadly] Baltimore bridge collapse'), not those that tell which one
    or a name."""
    return cut | {
        t.i
        for t in subject.subtree
        if t.i > subject.i
        and t.dep_ == "amod"
        and t.head.dep_ == "pobj"
        and t.pos_ == "ADJ"
        and not t.ent_type_
        and t.lower_ not in _WHICH_ONE
        and not any(c.dep_ != "punct" for c in t.children)
    }


def _by_acronyms(subject: Token, cut: set[int], skip: set[int]) -> set[int]:
    """The words of the subject to leave out so that each long name it defines in brackets
    is written as the acronym ('The APXS and LIBS payloads'), as a headline says it; not a
    name in words left out anyway (``skip``: 'released by the NTSB (NTSB)' of a participle
    told in the title)."""
    doc = subject.doc
    text = doc_text(doc)
    cut = set(cut)
    for token in subject.subtree:
        close = token.i + 2
        if token.text != "(" or close >= len(doc) or doc[close].text != ")":
            continue
        acronym = doc[token.i + 1]
        if acronym.i in skip:
            continue
        if not (acronym.text.isupper() and len(acronym.text) > 1) or acronym.i not in cut:
            continue
        tail = long_form_before(text, token.idx, acronym.text)
        if tail is None:
            continue
        start = token.idx - len(" ".join(tail)) - 1
        long_form = {t.i for t in doc[subject.left_edge.i : token.i] if t.idx >= start}
        if not long_form or not all(w[:1].isupper() or w in _NAME_LINKS for w in tail):
            continue  # only a name: "the company (XYZ)" is not shortened to "the XYZ"
        cut = (cut | long_form) - {acronym.i}
    return cut


def _by_someone(prep: Token) -> bool:
    """A phrase that names who a thing is from or by ('a statement from prosecutor Jerry
    Blackwell', 'an attack by Hamas'): a person or an organisation."""
    return prep.lower_ in ("from", "by") and any(
        c.dep_ == "pobj" and c.ent_type_ in ("PERSON", "ORG") for c in prep.children
    )


# The complements a verb cannot lose and keep its sense; the limit may stretch for them.
_ESSENTIAL = {"dobj", "attr", "oprd", "acomp", "dative", "xcomp", "ccomp"}
OVERRUN = 3
# What a verb's right side may hold, in order of importance: its objects and complements
# are the predicate, its prepositional phrases are kept while there is room.
_CORE_DEPS = {"dobj", "attr", "oprd", "acomp", "dative", "xcomp", "ccomp", "pcomp", "advmod"}
_PHRASE_DEPS = _CORE_DEPS | {"prep", "npadvmod", "agent"}
# Words that, as the object of a preposition whose own object is a date, only measure it:
# "for much of Wednesday", "at the end of March", "by the start of 2024".
MEASURES = frozenset(
    {"much", "part", "end", "beginning", "start", "middle", "rest", "most", "course"}
    | {"all", "half", "remainder"}
)


def expand_skip(sentence: Span, skip: set[int]) -> set[int]:
    """skip (the tokens of the date expressions) with the prepositional phrases that only
    carry a date: "on Monday", "at about 8:30 p.m.", "for much of Wednesday"."""
    expanded = set(skip)
    for token in sentence:
        if token.dep_ != "prep" or token.i in expanded:
            continue
        objects = [c for c in token.children if c.dep_ == "pobj"]
        if not objects:
            continue
        obj = objects[0]
        subtree = {t.i for t in obj.subtree}
        dated = obj.i in skip or (obj.lower_ in MEASURES and subtree & skip)
        if dated and all(
            t.i in skip
            or t.is_punct
            or t.i == obj.i
            or t.dep_ in ("det", "advmod", "quantmod", "prep")
            or t.lower_ in MEASURES
            for t in obj.subtree
        ):
            expanded |= {t.i for t in token.subtree}
    # "concluded deliberations for the day": an act ended or stopped for its unit of time
    # says it will go on, which is no date to drop
    for token in sentence:
        objects = [c for c in token.children if c.dep_ == "pobj"]
        if token.lower_ == "for" and len(objects) == 1 and objects[0].lower_ in _SPANS_FOR:
            unit = objects[0]
            rest = [c for c in unit.children if c.dep_ != "det"]  # "for the day [on Tuesday]"
            told = [c.lower_ for c in unit.children if c.dep_ == "det"] == ["the"]
            if told and all(t.i in skip for c in rest for t in c.subtree):
                expanded -= {token.i, unit.i, *(c.i for c in unit.children if c.dep_ == "det")}
    # "struck central Morocco late [on Friday]": the part of the day goes with the day;
    # "earlier [in the day]", "later [that week]": so does what says when, relative to it
    for token in sentence:
        if token.lower_ in _WHEN_WORDS and token.dep_ == "advmod" and token.i + 1 in expanded:
            expanded.add(token.i)
    return expanded


_WHEN_WORDS = frozenset({"late", "early", "earlier", "later"})
_SPANS_FOR = frozenset({"day", "night", "weekend", "week", "season"})


def _phrase(child: Token, skip: set[int]) -> list[Token]:
    """A child's subtree as title words: without skipped tokens, without its relative and
    participial clauses, cut at a comma, semicolon or opening bracket."""
    words: list[Token] = []
    described: set[int] = set()
    for token in child.subtree:
        if token.i in skip or token.i in described:
            continue
        # "a new bridge bank [to safeguard depositors]": an infinitive read as a relative
        # clause tells what for, as an aside (an infinitive of the noun, "plans to sell",
        # is parsed acl and kept)
        purpose = token.dep_ == "relcl" and token.tag_ == "VB" and _infinitive(token)
        if (
            token.dep_ in ("relcl", "acl", "appos")
            and token.i != child.i
            and (
                token.tag_ in ("VBG", "VBN", "VBD", "VBZ", "VBP")
                or token.dep_ == "appos"
                or purpose
            )
        ):
            cut = {t.i for t in token.subtree}
            words = [w for w in words if w.i not in cut]
            if token.head.dep_ in ("nsubj", "nsubjpass") and token.head.head.i == child.i:
                # "that the man [charged over the collapse] will stay in custody": what
                # describes a clause's subject goes, and the clause goes on
                described |= cut
                continue
            break
        if not keep(token):
            if token.text in ",;:(" and words:
                break
            continue
        words.append(token)
    return words


def compressed(words: list[Token], budget: int) -> list[Token]:
    """A noun phrase shortened to budget words: its prepositional modifiers and relative
    clauses go first, from the last ("a national day of mourning [to honor the 137 lives
    lost ...]"), a relative clause whole; then the clauses that describe its noun
    ("emergency measures [to shore up the banking system]"), then the nouns joined to a
    noun ("destruction [and flooding]"); a phrase that still does not fit is dropped."""
    while words_in(words) > budget:
        amount = _amount_of(words)
        if amount is not None:
            words = amount
            continue
        root = _root(words)
        # (a clause the parser hung on the noun as adverbial, "an agreement [for Altman to
        # return]", goes whole like a relative clause)
        relative = [
            t
            for t in words
            if (t.dep_ == "relcl" and t.head.i == root.i)
            or (t.dep_ == "advcl" and t.i > root.i)  # "[as forensic efforts persist]"
        ]
        clauses = {w.i for c in relative for w in c.subtree}
        preps = [t for t in words if t.dep_ == "prep" and t.i != words[0].i and t.i not in clauses]
        # "damage both to the pipeline [and to a cable]": a joined phrase before the first
        preps += [t for t in words if t.dep_ == "conj" and t.pos_ == "ADP" and t.i not in clauses]
        # "in connection [with the storm]": the phrase an idiom's noun needs goes last, and
        # so does one that names whose it is ("the deposits and loans [of Silicon Valley
        # Bridge Bank]")
        needed = [t for t in preps if _bare_noun(t.head) or _names_owner(t)]
        cuts = sorted([t for t in preps if t not in needed] + relative, key=lambda t: t.i)
        # "that the suspect [in the attempted assassination] will remain in custody": in a
        # clause, what describes its subject goes before what is said of it
        if root.pos_ in ("VERB", "AUX"):
            subject = {
                w.i for c in root.children if c.dep_ in ("nsubj", "nsubjpass") for w in c.subtree
            }
            # (with a participle that describes it: "the man [charged over the collapse]")
            described = [
                t for t in words if t.dep_ == "acl" and t.i in subject and t not in relative
            ]
            inside = [
                t for t in cuts if t.i in subject and not any(t in d.subtree for d in described)
            ]
            cuts = [t for t in cuts if t.i not in subject] + sorted(
                inside + described, key=lambda t: t.i
            )
        if not cuts:  # a participle that describes the phrase's own noun
            cuts = [t for t in words if t.dep_ == "acl" and t.head.i == root.i]
        if not cuts:  # "destruction [and flooding]": a common noun's conjuncts (not names)
            cuts = [
                t for t in words if t.dep_ == "conj" and t.pos_ == "NOUN" and t.head.pos_ == "NOUN"
            ]
        cuts = cuts or needed
        if not cuts:
            return []
        last = cuts[-1]
        cut = {t.i for t in last.subtree}
        if last.dep_ == "conj":  # with its "and" (and the "both" before the first)
            cut |= {c.i for c in last.head.children if c.dep_ == "cc" and c.i < last.i}
            cut |= {c.i for c in last.head.children if c.lower_ in _PAIRED and c.i < last.head.i}
        words = [t for t in words if t.i not in cut]
    return trim(words)


_CURRENCY = {"$", "€", "£", "¥", "US$"}
_PAIRED = {"both", "either", "neither"}


def _names_owner(prep: Token) -> bool:
    """An 'of' phrase of a definite common noun that holds a name: 'the deposits of SVB'."""
    noun = prep.head
    return (
        prep.lower_ == "of"
        and noun.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)
        and any(t.pos_ == "PROPN" for t in prep.subtree)
    )


def _completes_an_idiom(child: Token, phrases: list[tuple[Token, list[Token]]]) -> bool:
    """Whether an infinitive completes the phrase before it, a preposition and a bare noun
    ('on track to restore', 'in position to win'), whatever the parser hung it on."""
    if not phrases or child.dep_ not in ("advcl", "xcomp") or child.tag_ != "VB":
        return False
    if not _infinitive(child):
        return False
    last = phrases[-1][1][-1] if phrases[-1][1] else None
    return last is not None and last.i == child.i - 2 and _bare_noun(last)


def _bare_noun(noun: Token) -> bool:
    """A noun with no word of its own after a preposition, the middle of an idiom that
    needs its next phrase: 'in connection with', 'in response to', 'on behalf of'."""
    return (
        noun.pos_ == "NOUN"
        and noun.dep_ == "pobj"
        and noun.tag_ == "NN"
        and not any(c.dep_ in ("det", "poss", "amod", "compound", "nummod") for c in noun.children)
    )


def _amount_of(words: list[Token]) -> list[Token] | None:
    """'$1.25 billion worth of common stock' shortened: without 'worth' first, then
    without the sum ('common stock'): what a thing is stays, how much money goes."""
    inside = {t.i for t in words}
    for of in words:
        head = of.head
        money = head.pos_ == "NUM" and any(t.text in _CURRENCY for t in head.subtree)
        if of.lower_ != "of" or not (head.lower_ == "worth" or money):
            continue  # "hundreds of people": the count is the news
        if head.i in inside and head.lower_ == "worth":
            return [t for t in words if t.i != head.i]
        amount = {t.i for t in head.subtree} - {t.i for t in of.subtree} | {of.i}
        kept = [t for t in words if t.i not in amount]
        if kept and len(kept) < len(words):
            return kept
    return None


def _root(words: list[Token]) -> Token:
    """The word of a phrase whose head is outside it."""
    inside = {t.i for t in words}
    return next((t for t in words if t.head.i not in inside or t.head.i == t.i), words[0])


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def predicate(verb: Token, skip: set[int], budget: int) -> list[Token]:
    """What the verb governs on its right, as title words within budget: its objects and
    complements, then its prepositional phrases in order while they fit whole (not who
    told it: "according to the ministry")."""
    phrases: list[tuple[Token, list[Token]]] = []
    late = _late_particles(verb)
    for child in verb.rights:
        if child in late:  # "declares the outbreak [over]"
            phrases.append((child, [child]))
            continue
        if _completes_an_idiom(child, phrases):
            # "were on track [to restore full access to the port]": the idiom's infinitive
            phrases.append((child, _phrase(child, skip)))
            continue
        if child.i in skip or child.dep_ not in _PHRASE_DEPS or child.lower_ == "according":
            if child.dep_ in ("punct", "cc", "conj", "advcl", "parataxis") and phrases:
                break
            continue
        controls = child.dep_ == "xcomp" and _infinitive(child)
        controls = controls and any(c.dep_ == "dobj" for c, _ in phrases)
        clause = child.dep_ in ("ccomp", "xcomp") and child.pos_ in ("VERB", "AUX")
        if clause and phrases and not controls:
            break
        edge = child.left_edge.i
        after_comma = verb.doc[edge - 1].text == ","
        if after_comma and (
            child.dep_ in ("npadvmod", "appos") or (child.dep_ == "dobj" and phrases)
        ):
            # "blasted organizers of a weekend revolt[, the gravest threat yet]": an aside
            if phrases:
                break
            continue
        words = _phrase(child, skip)
        if words:
            phrases.append((child, words))
    kept: list[Token] = []
    left = budget
    copula = verb.lemma_.lower() == "be"
    essential_kept = False
    # "prompted the flight [to make an emergency landing]": an infinitive after the object
    # says what the object was made to do; the object leaves room for it
    controlled = [
        w for c, w in phrases if c.dep_ == "xcomp" and any(p.dep_ == "dobj" for p, _ in phrases)
    ]
    for child, words in phrases:
        if child in late:
            if kept:  # after the object it follows, never alone
                kept.append(child)
                left -= 1
            continue
        # the predicate of a copula is its first complement, whatever its form
        core = (child.dep_ in _CORE_DEPS or copula) and not kept
        essential = (child.dep_ in _ESSENTIAL and not essential_kept) or _where_put(
            verb, child, kept
        )
        essential = essential or (child.dep_ == "xcomp" and bool(controlled))
        if child.dep_ == "dobj" and controlled:
            room = max(2, left - min(words_in(compressed(controlled[0], 5)), 5))
            # the shortest form of the object from that room up
            sizes = range(room, room + OVERRUN + 1)
            fitted = next((f for n in sizes if (f := compressed(words, n))), [])
        else:
            fitted = compressed(words, left)
        if not fitted and essential:
            # "is now [a global public health emergency]", "is granted [a medical
            # exemption]": without its object the clause says something else or nothing;
            # a title a few words over the limit is better than a broken one
            sizes = range(left, left + OVERRUN + 1)
            if child.dep_ == "xcomp" and controlled:  # the shortest that says it
                fitted = next((f for n in sizes if (f := compressed(words, n))), [])
            else:
                fitted = compressed(words, left + OVERRUN)
        if len(fitted) < 2 and child.dep_ == "prep":
            fitted = []  # a preposition left alone says nothing
        if not fitted:
            if core or essential:
                break
            continue
        essential_kept = essential_kept or essential
        kept += fitted
        left -= words_in(fitted)
        if left <= 0:
            break
    return kept


# Verbs that put their object somewhere: without where, the clause is cut ("put the
# party [well ahead]", "placed the city [under curfew]").
_PLACING = {"put", "place", "keep"}


def _where_put(verb: Token, child: Token, kept: list[Token]) -> bool:
    """The place or state a verb of placing puts its object in, after that object."""
    return (
        verb.lemma_.lower() in _PLACING
        and child.dep_ in ("advmod", "prep", "oprd", "acomp")
        and any(t.dep_ == "dobj" and t.head.i == verb.i for t in kept)
    )


def trim(words: list[Token]) -> list[Token]:
    """words without the function words a title cannot end on ('... to the'), nor a word
    whose own complement was cut ('$1.25 billion worth [of common stock]', 'available
    [for sale]'); an object pronoun ('make it') is a word of its own and stays."""
    while words:
        words = _without_verbless_clause(words)
        if not words:
            break
        kept = {t.i for t in words}  # what a cut before or a step here has left
        last = words[-1]
        if last.pos_ == "PRON" and last.dep_ in ("dobj", "pobj", "nsubj"):
            break
        cut_complement = any(
            c.dep_ in ("prep", "pobj", "ccomp", "xcomp") and c.i > last.i and c.i not in kept
            for c in last.children
        )
        # a bare noun after a preposition whose own phrase was cut: "in connection [with
        # the storm]", "in response [to the attack]", "on behalf [of the family]"
        idiom = _bare_noun(last)
        # "a range [of available options]", "a series [of attacks]", "thrashing parts [of
        # Florida]": an indefinite noun whose 'of' phrase was cut says nothing of what it
        # counts
        partitive = (
            last.pos_ == "NOUN"
            and last.lemma_.lower() in _PARTITIVE
            and all(c.lower_ in ("a", "an") for c in last.children if c.dep_ == "det")
            and any(
                c.dep_ == "prep" and c.lower_ == "of" and c.i > last.i and c.i not in kept
                for c in last.children
            )
        )
        dangling = cut_complement and (
            (last.pos_ in ("ADJ", "ADV", "NOUN") and last.lower_ in _NEEDS_COMPLEMENT)
            or idiom
            or partitive
        )
        # a second verb whose object was cut: "to enter Australia and compete [in the Open]"
        if last.pos_ == "VERB" and last.dep_ == "conj" and cut_complement:
            words = [
                t
                for t in words
                if t.i != last.i
                and not (
                    t.dep_ == "cc"
                    and t.i < last.i
                    and t.head.i == last.head.i
                    and t.i > last.head.i
                )
            ]
            continue
        # an infinitive cut from its object: "placed our units on high alert to prepare [for
        # a combat situation]": the purpose is lost, and so is its verb
        if last.tag_ == "VB" and last.dep_ in ("xcomp", "advcl") and cut_complement:
            to = {c.i for c in last.children if c.dep_ == "aux" and c.lower_ == "to"}
            if to:
                words = [t for t in words if t.i not in to | {last.i}]
                continue
        # a gerund after a preposition whose own phrase was cut: "before exiting [on the
        # east coast]"
        subjectless = not any(c.dep_ in ("nsubj", "nsubjpass") for c in last.children)
        if last.dep_ == "pcomp" and last.pos_ == "VERB" and cut_complement and subjectless:
            words = [t for t in words if t.i not in {last.i, last.head.i}]
            continue
        # a describing clause whose own phrase was cut: "another term that will run [until
        # 2027]" says no more than "another term"
        if last.pos_ in ("VERB", "AUX") and last.dep_ == "relcl" and cut_complement:
            clause = {t.i for t in last.subtree}
            words = [t for t in words if t.i not in clause]
            continue
        if dangling and idiom:
            words = [t for t in words if t.i not in {last.i, last.head.i}]
            continue
        # "moments [before the roof collapsed]": a bare measure of time says when only
        # with what it counts from
        bare_time = (
            last.dep_ == "npadvmod"
            and last.pos_ == "NOUN"
            and not any(c.dep_ in ("nummod", "det", "amod") for c in last.children)
        )
        # "six people are still unaccounted for": a preposition with no object in the text
        # itself, right after its adjective or participle, is part of it
        stranded = (
            last.dep_ == "prep"
            and not list(last.children)
            and last.head.i == last.i - 1
            and last.head.pos_ in ("ADJ", "VERB")
        )
        # "to step [down]": a verb's particle is part of the verb, no preposition
        if stranded or (last.dep_ == "prt" and last.head.i in kept):
            break
        if last.pos_ in _NO_END or last.text in {"'s", "-"} or dangling or bare_time:
            words.pop()
            continue
        break
    return words


def _without_verbless_clause(words: list[Token]) -> list[Token]:
    """words without a clause cut after its subject: "to reunite people [when we] can ...":
    a subject without its verb tells nothing, so the clause goes from its subordinator."""
    if not words:
        return words
    kept = {t.i for t in words}
    last = words[-1]
    for subject in (t for t in reversed(words) if t.dep_ in ("nsubj", "nsubjpass")):
        verb = subject.head
        if verb.i in kept or verb.i < subject.i:
            continue
        if last.i not in {t.i for t in subject.subtree}:
            return words  # the title goes on after the subject: not cut there
        # only a clause opened by its subordinator ("when", "after", "because"): a bare
        # subject may be what a title keeps ("declares [the mpox surge] a global emergency")
        opener = [
            c
            for c in verb.children
            if c.dep_ in ("mark", "advmod") and c.tag_ in ("IN", "WRB") and c.i < subject.i
        ]
        if not opener or opener[0].i not in kept:
            return words
        return [t for t in words if t.i < opener[0].i]
    return words


# Nouns that count or sort what their 'of' phrase names ("a range of options", "a
# series of attacks"): "a formal analysis [of the remains]" still says what was done.
_PARTITIVE = frozenset(
    """range series number group handful lot couple variety total dozen set host list pair
    wave string spate raft flurry slew batch majority minority portion part bit piece share
    fraction percentage proportion amount quantity sort kind type section segment stretch
    chunk""".split()  # noqa: SIM905
)
# Words that say little without the phrase that follows them.
_NEEDS_COMPLEMENT = {
    "worth",
    "available",
    "able",
    "unable",
    "capable",
    "subject",
    "due",
    "part",
    "kind",
    "type",
    "responsible",
    "aware",
    "likely",
    "ready",
    "willing",
    "eligible",
    "prior",
    "according",
    "close",
    "similar",
    "contrary",
    "ahead",
    # "at the end [of a six-week trial]": a part of something says nothing without it
    "end",
    "beginning",
    "start",
    "middle",
    "height",
    "outset",
}


def modal(verb: Token) -> str | None:
    modals = [c.lower_ for c in verb.children if c.dep_ == "aux" and c.tag_ == "MD"]
    return (
        {"wo": "will", "ca": "can", "'ll": "will", "'d": "would"}.get(modals[0], modals[0])
        if modals
        else None
    )


def _late_particles(verb: Token) -> list[Token]:
    """The particles written after the verb's object ('declared the outbreak over'): they
    stay there."""
    objects = [c.i for c in verb.children if c.dep_ == "dobj"]
    return [c for c in verb.children if c.dep_ == "prt" and objects and c.i > min(objects)]


# Participles that tell a state, as adjectives do: "were missing" is no "miss".
_STATE_PARTICIPLES = frozenset({"missing"})


def verb_words(verb: Token, plural: bool, passive: bool) -> str:
    """The verb group in the headline present: 'signs', 'will not sign', 'does not give',
    'is arrested'; negation and modality kept."""
    negated = any(c.dep_ == "neg" for c in verb.children)
    auxiliary = modal(verb)
    if auxiliary == "would" and verb.dep_ == "ccomp" and verb.head.tag_ == "VBD":
        auxiliary = "will"  # "said it would cut 10,000 jobs" -> "says it will cut ..."
    late = _late_particles(verb)
    particles = " ".join(c.text for c in verb.children if c.dep_ == "prt" and c not in late)
    if auxiliary:
        words = [
            auxiliary,
            "not" if negated else "",
            "be " + verb.text if passive else verb_lemma(verb),
        ]
    elif passive:
        words = ["are" if plural else "is", "not" if negated else "", verb.text]
    elif negated and verb.lemma_ == "be":  # "was not the worst case" -> "is not"
        words = ["are" if plural else "is", "not"]
    elif verb.lower_ in _STATE_PARTICIPLES and any(c.lemma_ == "be" for c in verb.children):
        # "1,000 people were still missing" -> "are missing", not "miss"
        words = ["are" if plural else "is", "not" if negated else "", verb.lower_]
    elif negated:
        words = ["do" if plural else "does", "not", verb_lemma(verb)]
    else:
        words = [present(verb, plural)]
    return " ".join(w for w in [*words, particles] if w)


def without_joined(words: list[Token], budget: int) -> list[Token]:
    """Words over budget without the phrases joined to a first one by "and" ("there was
    damage both to the gas pipeline [and to a telecommunications cable]"), which a cut at
    the limit would lose whole."""
    if len(words) <= budget:
        return words
    cut: set[int] = set()
    for joined in (t for t in words if t.dep_ == "conj" and t.pos_ == "ADP"):
        cut |= {t.i for t in joined.subtree}
        first = joined.head
        cut |= {c.i for c in first.children if c.dep_ == "cc" and c.i < joined.i}
        cut |= {c.i for c in first.children if c.lower_ in _PAIRED and c.i < first.i}
    return [t for t in words if t.i not in cut]


def fit(words: list[Token], budget: int) -> list[Token]:
    """At most ``budget`` words, cut before a phrase the limit would break
    ('... in the zone of the Nagorno' -> '...')."""
    if len(words) <= budget:
        return trim(words)
    kept = words[:budget]
    inside = {t.i for t in kept}
    for index in range(len(kept) - 1, 0, -1):
        token = kept[index]
        boundary = token.dep_ in ("prep", "cc", "mark") or token.text == ","
        if boundary and (token.dep_ != "prep" or not all(t.i in inside for t in token.subtree)):
            kept = kept[:index]
            break
    return trim(kept)
