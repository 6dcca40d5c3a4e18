"""Sentence-level event mentions: a date, what happened, who, where, and the quote.

A sentence tells an event when it holds a calendar date that is not merely a reference
("the statement of November 9, 2020" names an agreement, it does not date this sentence's
event) and a clause with an event or a statement.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from generator import edtf
from generator.model import Mention, Mentioned
from generator.nlp.doctext import doc_text
from generator.nlp.entities import ArticleNames, article_names, sentence_entities
from generator.nlp.event_relative import closing_relative, fronted_relative, relative_day
from generator.nlp.event_types import (
    QUOTE_OPENERS,
    anchor_verb,
    clause_verb,
    event_noun,
    event_type,
    irrealis,
    is_reporting,
    plans_ahead,
    sequel,
)
from generator.nlp.names import is_junk
from generator.nlp.narrative import FIRST_PERSON, is_caption, not_news, not_told_as_happened
from generator.nlp.phrases import MEASURES
from generator.nlp.posts import Post, find_posts
from generator.nlp.titles import (
    MAX_WORDS,
    lower_first,
    make_title,
    misparsed_clause,
    nominal_title,
    passive_participle,
)
from generator.timex.tagger import Timex, said_before
from generator.typology import Typology, default_typology

if TYPE_CHECKING:  # spaCy loads only when articles are analysed
    from spacy.tokens import Doc, Span, Token

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
# "a loss for the third quarter", "set for Monday": the period a report covers, the day a
# plan is for; "since 1986", "until Friday", "by the end of May": bounds
_REFERENCE_BEFORE = re.compile(
    r"\b(of|dated|since|until|till|before|after|from|by|than|for)\s*$", re.I
)
# "much of the day", "the end of March", "most of the week": a part of the time told.
_PART_OF = re.compile(rf"\b(?:{'|'.join(sorted(MEASURES))})\s*$", re.I)
_AS = re.compile(r"\bas\s*$", re.I)
# Before, after or by a time of day, an event happened on that day.
_WITHIN_THE_DAY = {"before", "after", "by"}
_PROVISION = re.compile(
    r"^(under|according to) the (document|agreement|statement|deal)|"
    r"\b(provided for|envisaged|envisages|stipulates|provides for)\b",
    re.I,
)


def _tense(sentence: Span) -> str:
    root = sentence.root
    tags = {child.tag_ for child in root.children if child.dep_ in ("aux", "auxpass")}
    if "MD" in tags and any(c.lower_ in ("will", "shall") for c in root.children):
        return "future"
    if root.tag_ in ("VBD", "VBN") or "VBD" in tags:
        return "past"
    return "present"


_COORDINATED = re.compile(r"^\s*(,\s*and|,|and|or)\s*(in|on|at)?\s*$", re.I)


# "Cristina Fernández (2007-2015)", "Pol Pot (1925-1998)", "(born 1950)": the years of
# a person's term or life, in brackets after the name.
_NAME_BEFORE = re.compile(r"[A-Z][^\W\d_]*\s*$")
_YEARS_ONLY = re.compile(r"\s*(?:born\s+|b\.\s*)?\d{4}(?:\s*[-–]\s*(?:\d{2}|\d{4}))?\s*")


def _years_of_a_name(text: str, timex: Timex) -> bool:
    """Whether a date is the years in brackets after a name ('Fernández (2007-2015)')."""
    opened = text.rfind("(", max(0, timex.start - 12), timex.start)
    closed = text.find(")", timex.end, timex.end + 12)
    if opened < 0 or closed < 0:
        return False
    return bool(
        _YEARS_ONLY.fullmatch(text[opened + 1 : closed])
        and _NAME_BEFORE.search(text[max(0, opened - 30) : opened])
    )


def _is_reference(sentence: Span, timex: Timex) -> bool:
    text = doc_text(sentence.doc)
    before = text[max(sentence.start_char, timex.start - 12) : timex.start]
    after = text[timex.end : timex.end + 8]
    if _years_of_a_name(text, timex):
        return True  # the years of a name: no date of what the sentence tells
    if re.match(r"^,?\s*when\b", after):
        return False  # "since February 1988, when it announced ...": the date of that event
    found = _REFERENCE_BEFORE.search(before)
    if found and timex.type == "TIME" and found[1].lower() in _WITHIN_THE_DAY:
        return False  # "began shortly before 9:40 a.m.": a clock time's day is the event's
    if found and found[1].lower() == "of" and _PART_OF.search(before[: found.start()]):
        return False  # "battered the state for much of the day": a part of that time
    if found and found[1].lower() == "of" and _AS.search(before[: found.start()]):
        return False  # "as of Thursday morning, 3.2 million remained without power"
    span = sentence.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if found and found[1].lower() == "of" and span is not None and _happening_of(span):
        return False  # "the war of 1812": that war's date
    return bool(found)


def _restated(text: str, dated: list[Timex]) -> list[Timex]:
    """The dates with a count back that the day written right after them states exactly:
    'captured over a week ago on February 22' is dated 22 February."""
    restated: list[Timex] = []
    for timex, following in zip(dated, [*dated[1:], None], strict=False):
        exact = following is not None and len(following.edtf or "") == len("2024-02-22")
        between = text[timex.end : following.start] if following is not None else ""
        if exact and _AGO.search(timex.text) and _RESTATING.match(between):
            restated.append(timex)
    return restated


_AGO = re.compile(r"\bago\b", re.IGNORECASE)
_RESTATING = re.compile(r"^\s*,?\s*(?:on|in|,)?\s*$", re.IGNORECASE)


def _happening_of(span: Span) -> bool:
    """Whether a date after 'of' dates the happening the 'of' hangs on ('the war of 1812',
    'the revolution of 1917'), a noun the typology knows for a happening."""
    if span.root.head.lower_ != "of":
        return False
    noun = span.root.head.head
    typology = default_typology()
    lemma = noun.lemma_.lower()
    ranked = typology.rank(lemma, "NOUN")
    # (a saying's date is the saying's alone: "the leaders' statement of November 9")
    return (
        noun.pos_ == "NOUN"
        and ranked is not None
        and ranked[1] != "statement"
        and (typology.happening(lemma))
    )


def _coordinated(text: str, first: Timex, second: Timex) -> bool:
    """'in the summer of 2014, in April 2016 and this past July': a list of dates."""
    return bool(_COORDINATED.match(text[first.end : second.start]))


def _not_habitual(sentence: Span, dated: list[Timex], sets: list[Timex]) -> list[Timex]:
    """The dates of a sentence less those of a habit: a clause told with a repetition
    ('every year', 'weekly') tells what happens again and again, and its other dates
    ('usually between May and November') are when it does, not a day it happened."""
    if not sets:
        return dated
    doc = sentence.doc
    habits = set()
    for found in sets:
        span = doc.char_span(found.start, found.end, alignment_mode="expand")
        if span is not None:
            habits.add(anchor_verb(sentence, span.root).i)
    kept = []
    for timex in dated:
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None or anchor_verb(sentence, span.root).i not in habits:
            kept.append(timex)
    return kept


_PERIOD = re.compile(r"(?P<year>\d{4})-(?:Q(?P<quarter>[1-4])|H(?P<half>[12]))")


def _unended_period(timex: Timex, anchor: dt.date | None) -> bool:
    """Whether a date is a quarter or half the text gives no year and that has not ended
    when the article is written: "happened in the first quarter" of a game, "scored in
    the second half", not a quarter of the calendar (a year's quarter is told once over)."""
    found = _PERIOD.fullmatch(timex.value) if timex.anchored else None
    if found is None or anchor is None or re.search(r"\d{4}", timex.text):
        return False
    year = int(found["year"])
    last_month = 3 * int(found["quarter"]) if found["quarter"] else 6 * int(found["half"])
    return (year, last_month) >= (anchor.year, anchor.month)


_BACK_REFERENCE = re.compile(r"(?:that|the same)\s+(?:same\s+)?(?:day|week|month|year)", re.I)


def _refers_to_nothing(timex: Timex, timexes: list[Timex]) -> bool:
    """Whether a date refers back ("that week", "the same day") with no date told before it:
    "the hundreds of people that came to Kenosha during that week" in a trial's opening
    is the week of the story it tells, not the week the article was written."""
    if not _BACK_REFERENCE.fullmatch(timex.text):
        return False
    return not any(t.edtf and t.type in ("DATE", "TIME") and t.end <= timex.start for t in timexes)


def _split_dates(sentence: Span, dated: list[Timex]) -> tuple[list[Timex], list[Timex]]:
    """The dates that date events told here, and those that only name something else."""
    main: list[Timex] = []
    references: list[Timex] = []
    previous: Timex | None = None
    for timex in dated:
        if previous is not None and _coordinated(doc_text(sentence.doc), previous, timex):
            (references if previous in references else main).append(timex)
        elif _is_reference(sentence, timex):
            references.append(timex)
        else:
            main.append(timex)
        previous = timex
    return main, references


def _agreement_kind(lemmas: set[str], text: str) -> str | None:
    for word, kind in AGREEMENT_WORDS.items():
        if word in lemmas or re.search(rf"\b{word}", text, re.I):
            return kind
    return None


def find_mentions(
    doc: Doc, *, source: str, published: str | None, typology: Typology | None = None
) -> list[Mention]:
    """Every event mention in one analysed article, in text order (actors not yet resolved)."""
    typology = typology or default_typology()
    names = article_names(doc)
    mentions: list[Mention] = []
    timexes: list[Timex] = list(doc._.timexes)
    posts, unsaid = find_posts(doc, timexes)  # unsaid: the posts' links and signatures
    orphans = [*_after_nothing(timexes), *(post.timex for post in posts)]
    previous: Span | None = None
    listing: Timex | None = None  # the date of a list the text introduced ("As of ...:")
    for position, sentence in enumerate(doc.sents):
        before = previous
        if _finite(sentence.root):
            previous = sentence  # the last sentence with a main verb: what "this" refers to
        inside = [t for t in timexes if sentence.start_char <= t.start < sentence.end_char]
        text = sentence.text.strip()
        dated = [t for t in inside if t.edtf and t.type in ("DATE", "TIME") and t not in orphans]
        dated = _not_habitual(sentence, dated, [t for t in inside if t.type == "SET"])
        dated = [
            t
            for t in dated
            if not _unended_period(t, doc._.anchor) and not _refers_to_nothing(t, timexes)
        ]
        listing, listed = _list_date(text, dated, listing)
        if listed is not None:
            told = _listed_mention(sentence, listed, source, published, typology, names)
            if told is not None:
                mentions.append(replace(told, position=position))
            continue
        if not dated:
            if _PROVISION.search(text) and mentions and mentions[-1].agreement_kind:
                last = mentions[-1]
                mentions[-1] = replace(last, provisions=[*last.provisions, text])
            told = _relative_mention(sentence, mentions, source, published, typology, names)
            if told is not None:
                mentions.append(replace(told, position=position))
            continue
        restated = _restated(doc_text(doc), dated)  # "over a week ago [on February 22]"
        main, references = _split_dates(sentence, [t for t in dated if t not in restated])
        references += restated
        if not main or is_caption(sentence):
            continue
        if before is not None and _happened_then(sentence):
            # "Milton made landfall near Siesta Key. This happened at 8:30 pm on October 9th."
            timex = main[0]
            mention = _mention(
                before, timex, before.root, main, references, source, published, typology, names
            )
            quote = f"{before.text.strip()} {text}"
            mentions.append(replace(mention, position=position, quote=quote))
            continue
        for timex, anchor, nominal in _told_dates(sentence, main, typology):
            # a background event told by a noun is an event however its sentence is told
            # (a comparison is no happening: "trailing only Hurricane Elena in 1985"; a
            # compared happening it names came back from _told_dates as a noun)
            if not nominal and (
                _compares(anchor)
                or not_news(sentence, anchor, typology)
                or not_told_as_happened(sentence, anchor)
            ):
                continue
            crime = None if nominal else _crime_long_before(anchor, timex, published, typology)
            if crime is not None and crime.tag_ == "VBG":
                continue  # "guilty of murdering his wife on June 7, 2021": not the verdict's
            if crime is not None:  # "found guilty of the murder of his wife on June 7, 2021"
                anchor, nominal = crime, True
            mention = _mention(
                sentence,
                timex,
                anchor,
                main,
                references,
                source,
                published,
                typology,
                names,
                unsaid,
            )
            stale = not nominal and _present_long_before(sentence, anchor, mention)
            if _future(mention, anchor) or stale:
                continue
            provisions = [text] if _PROVISION.search(text) and mention.agreement_kind else []
            mentions.append(replace(mention, position=position, provisions=provisions))
    for post in posts:
        told = _post_mention(post, source, published, typology, names)
        if told is not None:
            mentions.append(told)
    return sorted(mentions, key=lambda m: m.position)


_ITEM_END = re.compile(r"[.!?…][\"'”’)]*$")


def _list_date(
    text: str, dated: list[Timex], listing: Timex | None
) -> tuple[Timex | None, Timex | None]:
    """(the date of the list the text is in after this sentence, the date that dates this
    sentence as an item of it): "As of 10 a.m. on Tuesday, March 26:" opens a list whose
    items, lines without a full stop of their own ("Search and rescue is still underway in
    water"), tell the state of things that day; a sentence told as prose ends the list."""
    if dated and text.endswith(":"):
        return dated[0], None
    if listing is not None and not dated and not _ITEM_END.search(text):
        return listing, listing
    return None, None


def _listed_mention(
    sentence: Span,
    timex: Timex,
    source: str,
    published: str | None,
    typology: Typology,
    names: ArticleNames,
) -> Mention | None:
    """An item of a list a dated line opened, dated by that line's date."""
    anchor = sentence.root
    if not _finite(anchor):
        return None  # a clause tells something; a phrase ("Road closures") does not
    if not_news(sentence, anchor, typology) or not_told_as_happened(sentence, anchor):
        return None
    return _mention(sentence, timex, anchor, [timex], [], source, published, typology, names)


def _relative_mention(
    sentence: Span,
    earlier: list[Mention],
    source: str,
    published: str | None,
    typology: Typology,
    names: ArticleNames,
) -> Mention | None:
    """'Hours before the sentencing, Cahill denied a motion for a new trial': a sentence
    dated by a happening the article dated before (`generator.nlp.event_relative`)."""
    relative = fronted_relative(sentence.text) or closing_relative(sentence.text)
    if relative is None:
        return None
    day = relative_day(relative, earlier)
    phrase = sentence.doc.char_span(
        sentence.start_char + relative.start,
        sentence.start_char + relative.end,
        alignment_mode="contract",
    )
    if day is None or phrase is None:
        return None
    anchor = sentence.root
    if relative.start and not _dates_the_clause(phrase, anchor):
        return None  # "He said he spoke to her two days before the attack": not the saying
    start, end = phrase.start_char, phrase.end_char
    timex = Timex(start, end, doc_text(sentence.doc)[start:end], "DATE", day, day)
    if not_news(sentence, anchor, typology) or not_told_as_happened(sentence, anchor):
        return None
    mention = _mention(sentence, timex, anchor, [timex], [], source, published, typology, names)
    return None if _future(mention, anchor) else mention


def _dates_the_clause(phrase: Span, root: Token) -> bool:
    """Whether a phrase closing a sentence is part of its main clause: the verb it hangs
    on is the root, or a clause the root governs without a subject of its own ('were told
    to vacate')."""
    verb = next((t for t in phrase if t.lower_ in ("before", "after", "ahead", "prior")), None)
    while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    while verb is not None and verb.i != root.i and verb.dep_ in ("xcomp", "conj"):
        verb = verb.head
    return verb is not None and verb.i == root.i and not is_reporting(root)


def _post_mention(
    post: Post, source: str, published: str | None, typology: Typology, names: ArticleNames
) -> Mention | None:
    """A person's post as a statement on its day, titled by its first sentence that tells
    something of someone else: 'Narendra Modi says Chandrayaan-3 scripts a new chapter in
    India's space odyssey'."""
    doc = post.sentences[0].doc
    author = post.author
    for sentence in post.sentences:
        subject = next((c for c in sentence.root.children if c.dep_.startswith("nsubj")), None)
        if subject is None or subject.lower_ in FIRST_PERSON or sentence.text.strip()[-1:] == "?":
            continue
        mention = _mention(
            sentence,
            post.timex,
            sentence.root,
            [post.timex],
            [],
            source,
            published,
            typology,
            names,
        )
        said = mention.title
        if said is None:
            continue
        for name in (author, author.split()[-1]):
            title = f"{name} says {lower_first(said, sentence)}"
            if len(title.split()) <= MAX_WORDS:
                break
        else:
            continue
        speaker = Mentioned(author, "PERSON", as_agent=True)
        actors = [speaker, *(a for a in mention.actors if a.text != author)]
        return replace(
            mention,
            quote=doc_text(doc)[post.start : post.end].strip(),
            type="statement",
            title=title,
            actors=actors,
            speaker=author,
            position=next(i for i, s in enumerate(doc.sents) if s.start == sentence.start),
        )
    return None


def _finite(verb: Token) -> bool:
    """A verb that makes a clause: finite, or with an auxiliary ("This according to the
    Hurricane Center." has none)."""
    return verb.pos_ in ("VERB", "AUX") and (
        verb.tag_ in ("VBD", "VBZ", "VBP", "MD")
        or any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )


_HAPPEN = {"happen", "occur"}
_THIS = {"this", "that", "it"}


def _happened_then(sentence: Span) -> bool:
    """'This happened at 8:30 pm on October 9th': a sentence that only dates what the one
    before it told."""
    root = sentence.root
    takes_place = root.lemma_.lower() == "take" and any(
        c.dep_ == "dobj" and c.lower_ == "place" for c in root.children
    )
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    return (
        (root.lemma_.lower() in _HAPPEN or takes_place)
        and bool(subjects)
        and subjects[0].lower_ in _THIS
    )


_PAST_TAGS = {"VBD", "VBN"}


def _future(mention: Mention, anchor: Token) -> bool:
    """Dated after its article was published and not told in the past: a future event
    ("before 2027, when his term ends")."""
    told_past = anchor.tag_ in _PAST_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in _PAST_TAGS for c in anchor.children
    )
    days = _days_of(mention.date)
    if mention.published is None or told_past or days is None:
        return False
    return days[0].isoformat() > mention.published[:10]


def _days_of(date: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day an EDTF date or span covers (`edtf.bounds`); None when it
    cannot be read."""
    try:
        return edtf.bounds(date)
    except edtf.EdtfError:
        return None


# A court's acts on a crime, which the crime's own date may follow: "found guilty of the
# murder of his wife on June 7, 2021", "charged with fraud in 2019".
_COURT_VERBS = frozenset(
    {"convict", "sentence", "charge", "indict", "acquit", "accuse", "jail", "imprison"}
)
_VERDICT_WORDS = frozenset({"guilty", "innocent", "liable"})  # "found guilty"
# How long before its article a date must be to be a crime's, not the verdict's.
_CRIME_BEFORE = 60


def _crime_long_before(
    verb: Token, timex: Timex, published: str | None, typology: Typology
) -> Token | None:
    """'was found guilty ... for the murder of his wife, Maggie, ... on June 7, 2021': a date
    after the crime a court's act is about (a happening noun or a gerund of its 'of', 'for'
    or 'with' phrase), and long before the article, is the crime's, not the verdict's
    (however the parser attached it): the noun it dates, else None."""
    crime: Token | None = None
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ in ("of", "for", "with"):
        crime, verb = verb, verb.head.head  # the date hangs on "murdering" itself
    if verb.lower_ in _VERDICT_WORDS:  # "found Murdaugh guilty": parsed as a clause of its own
        verb = verb.head
    verdict = any(c.lower_ in _VERDICT_WORDS for c in verb.children)
    if not (verb.lemma_.lower() in _COURT_VERBS or (verb.lemma_.lower() == "find" and verdict)):
        return None
    if published is None or not timex.edtf or not _long_before(timex.edtf, published):
        return None
    if crime is not None:
        return crime
    date = verb.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    above = {t.i for t in date.root.ancestors} if date is not None else set()
    crimes = [
        t
        for prep in verb.subtree
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "with") and prep.idx < timex.start
        for t in prep.children
        if t.dep_ in ("pobj", "pcomp")
        and t.idx < timex.start
        # a happening, or the noun the parser hung the date on ("the theft ... in June 2018")
        and (t.tag_ == "VBG" or (t.pos_ == "NOUN" and (_happening(t, typology) or t.i in above)))
    ]
    return crimes[-1] if crimes else None


def _describes_someone(anchor: Token, typology: Typology) -> bool:
    """Whether a date's verb is an '-ing' clause describing a noun that is no happening:
    "the trial of Rittenhouse, the man accused of shooting three people, killing two of
    them, ... last year" dates what the man did, which the clause tells as who he is, not
    the jurors' resuming; no clause of the sentence is dated by it."""
    head = anchor.head
    return (
        anchor.dep_ == "acl"
        and anchor.tag_ == "VBG"
        and head.pos_ in ("NOUN", "PROPN")
        and not _happening(head, typology)
    )


def _happening(noun: Token, typology: Typology) -> bool:
    """Whether a noun names a happening of the typology ('murder', 'fraud', 'shooting')."""
    lemma = noun.lemma_.lower()
    return typology.rank(lemma, "NOUN") is not None and typology.happening(lemma)


def _long_before(date: str, published: str) -> bool:
    """Whether a date ends more than two months before the publication day."""
    days = _days_of(date)
    return (
        days is not None and (dt.date.fromisoformat(published[:10]) - days[1]).days > _CRIME_BEFORE
    )


_PRESENT_AUX = {"is", "are", "am", "'s", "'re"}


def _present_long_before(sentence: Span, anchor: Token, mention: Mention) -> bool:
    """'Sam Altman is returning to OpenAI ... the company he co-founded in 2015' (the parser
    lost the clause the year is in): a clause told in the present tense tells what happens
    now, so a date of years before the article is not its date."""
    own = (
        clause_verb(sentence, anchor)
        or any(c.dep_ in ("nsubj", "nsubjpass") for c in anchor.children)
        or passive_participle(anchor)  # "Apple Corps' latest suit, filed in September 2003,"
        or misparsed_clause(anchor)
        or sequel(anchor)  # "... after being sentenced in 2018": told in its own tense
    )
    verb = anchor if own else sentence.root
    present = verb.tag_ in ("VBZ", "VBP") or (
        verb.tag_ == "VBG"
        and any(c.dep_ == "aux" and c.lower_ in _PRESENT_AUX for c in verb.children)
    )
    days = _days_of(mention.date)
    if not present or mention.published is None or days is None:
        return False
    return days[1].year < int(mention.published[:4]) - 1


def _anchor(sentence: Span, timex: Timex) -> Token:
    """The verb of the event a date dates: the verb it attaches to, or the verb of the
    when-clause that follows it ('since 1991, when the military occupied ...')."""
    when = _when_clause(sentence, timex)
    if when is not None:
        return when
    span = sentence.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return sentence.root
    anchor = anchor_verb(sentence, span.root)
    return (
        _said_then(anchor, span)
        or _said_in(anchor)
        or _bound_then(anchor, timex, sentence.doc._.anchor)
        or anchor
    )


def _bound_then(anchor: Token, timex: Timex, published: dt.date | None) -> Token | None:
    """'Twitter agreed to sell the company to Musk on Monday': a past date the parser hung
    on what a past act of agreeing, proposing or promising binds someone to dates that act,
    which happened (the act it binds to has not; 'agreed to meet next week' stays)."""
    head = anchor.head
    if anchor.dep_ != "xcomp" or head.tag_ != "VBD" or not plans_ahead(head) or irrealis(head):
        return None
    day = (timex.edtf or "")[:10]
    if published is None or len(day) < 4 or day > published.isoformat():
        return None
    return head


def _said_in(anchor: Token) -> Token | None:
    """'In a statement released on Thursday, the foundation said ...': the date of what
    the saying was made in dates the saying."""
    noun = anchor.head
    prep = noun.head
    if anchor.dep_ != "acl" or noun.dep_ != "pobj" or prep.dep_ != "prep":
        return None
    return prep.head if is_reporting(prep.head) else None


def _said_then(anchor: Token, span: Span) -> Token | None:
    """'Smith said on Tuesday she would not resign': a date between a verb of saying and
    the subject of what was said dates the saying, however the parser attached it."""
    reporter = said_before(anchor, span)
    return reporter if reporter is not None and is_reporting(reporter) else None


# Verbs that set a thing beside another to measure it: "trailing only Hurricane Elena in
# 1985", "tying a 1896 hurricane as the strongest on record".
_COMPARING = frozenset(
    {"tie", "trail", "surpass", "exceed", "match", "rival", "eclipse", "equal", "outpace"}
)


def _compares(anchor: Token) -> bool:
    """A date in a participle that compares the clause's subject with another thing: the
    date is that thing's, and the comparison is no happening."""
    return (
        anchor.tag_ == "VBG"
        and anchor.dep_ in ("advcl", "acl", "xcomp")
        and anchor.lemma_.lower() in _COMPARING
    )


def _compared_happening(participle: Token, typology: Typology) -> Token | None:
    """The happening a comparing participle sets beside its subject: its object when that
    names one ('a 1896 hurricane', 'Hurricane Elena'), else None."""
    for obj in (c for c in participle.children if c.dep_ == "dobj"):
        words = [obj, *(c for c in obj.children if c.dep_ == "compound")]
        if any(typology.happening(w.lemma_.lower()) for w in words):
            return obj
    return None


def _told_dates(
    sentence: Span, main: list[Timex], typology: Typology
) -> list[tuple[Timex, Token, bool]]:
    """The dates that each date one event here, with the word each dates: the first date
    of the main clauses, the dates listed with it, and dates of other main clauses
    ('started in 1976, and launched the store in 2003'); and each date that dates an event
    noun in a side phrase rather than a clause ('..., who was arrested in a brutal 2020
    arrest, was convicted in April'), with that noun (and True: a background event)."""
    told: list[tuple[Timex, Token, bool]] = []
    anchors: list[Token] = []
    for timex in main:
        span = sentence.doc.char_span(timex.start, timex.end, alignment_mode="expand")
        since = _since_bound(sentence, timex, span) if span is not None else None
        if since is not None:  # "the first for the U.S. since the Apollo 17 mission in 1972"
            if since.pos_ in ("NOUN", "PROPN") and typology.happening(since.lemma_.lower()):
                told.append((timex, since, True))
            continue
        noun = _side_event_noun(sentence, timex, typology, alone=len(main) == 1)
        if noun is None and span is not None and _happening_of(span):
            # "with the revolution of 1917": the happening's date, not its clause's (unless
            # the happening is what the clause is about: "The war of 1812 ended")
            owner = span.root.head.head
            noun = owner if owner.dep_ not in _CORE_ROLES else None
        if noun is not None:
            told.append((timex, noun, True))
            continue
        if span is not None and (
            _dates_a_holding(span, typology) or _years_of_a_thing(span, timex, typology)
        ):
            continue
        anchor = _anchor(sentence, timex)
        if span is not None and _dated_by_its_day(anchor, span):
            continue
        if _describes_someone(anchor, typology):
            continue
        compared = _compared_happening(anchor, typology) if _compares(anchor) else None
        if compared is not None:  # "..., tying a 1896 hurricane as the strongest"
            told.append((timex, compared, True))
            continue
        previous = told[-1][0] if told else None
        listed = previous is not None and _coordinated(doc_text(sentence.doc), previous, timex)
        if (
            not anchors
            or listed
            or (clause_verb(sentence, anchor) and all(anchor.i != a.i for a in anchors))
        ):
            told.append((timex, anchor, False))
            anchors.append(anchor)
    return told


_CORE_ROLES = {"nsubj", "nsubjpass", "dobj", "attr", "ROOT"}
# A date written before its noun ("the 1918 pandemic", "last year's election") surely dates it.
_PREMODIFIER = {"compound", "nummod", "amod", "poss", "nmod"}


# Verbs that liken what is happening to another happening, whose date is that other's.
_LIKENING = frozenset({"compare", "liken", "equate"})


def _likened_happening(date: Token, typology: Typology) -> Token | None:
    """'compared what was happening with the revolution in the Russian Empire in 1917':
    a date after the happening a likening verb sets beside something is that happening's
    (whatever the parser hung it on); the last happening noun between verb and date."""
    if date.dep_ in _PREMODIFIER:
        return None  # "the 2008 crisis": the noun it is written before
    verb = next((a for a in date.ancestors if a.lemma_.lower() in _LIKENING), None)
    if verb is None or not verb.i < date.i:
        return None
    nouns = [
        t
        for t in date.doc[verb.i + 1 : date.i]
        if t.pos_ == "NOUN"
        and typology.rank(t.lemma_.lower(), "NOUN") is not None
        and typology.happening(t.lemma_.lower())
    ]
    return nouns[-1] if nouns else None


def _since_bound(sentence: Span, timex: Timex, span: Span) -> Token | None:
    """'the first lunar touchdown since the manned Apollo 17 mission in 1972': a date
    inside a 'since' phrase dates what that phrase names, the bound of its clause, never
    the clause; the phrase's object, or None for a date not inside one (and for 'since
    1991, when ...', whose when-clause it dates; span: the date's tokens)."""
    if _when_clause(sentence, timex) is not None:
        return None
    for token in span.root.ancestors:
        if token.pos_ in ("VERB", "AUX"):
            return None
        if token.lower_ == "since" and token.dep_ == "prep":
            objects = [c for c in token.children if c.dep_ == "pobj"]
            return objects[0] if objects else None
    return None


def _side_event_noun(
    sentence: Span, timex: Timex, typology: Typology, *, alone: bool
) -> Token | None:
    """The event noun a date modifies when that noun is not what its clause is about (not
    the subject or object of its verb): "compared with the 1918 pandemic". Not when the
    clause is a past happening that no other date dates ("spread globally in a 2022
    outbreak", "said at a Monday press conference"): then the date dates the clause too."""
    span = sentence.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return None
    likened = _likened_happening(span.root, typology)
    if likened is not None:
        return likened
    if span.root.dep_ not in _PREMODIFIER:
        return None  # "... in April" after a noun: where such a phrase attaches is unsure
    noun = event_noun(span.root, typology)
    # "The most disruptive was [the 2010 eruption]": a copula's complement is no happening
    # of its clause (which says how things are), the dated noun is
    copula = noun is not None and noun.dep_ == "attr" and noun.head.lemma_ == "be"
    core = noun is not None and noun.dep_ in _CORE_ROLES and not copula
    if noun is None or core or not typology.happening(noun.lemma_.lower()):
        return None
    if copula:
        return noun
    if event_type([noun], noun, typology) == "statement":
        return None  # "said in a Friday press release": the date dates the saying
    if alone and noun.pos_ != "PROPN" and _past(anchor_verb(sentence, noun)):
        return None  # (a named happening's date is part of its name: "the 2018 Camp Fire")
    return noun


def _dates_a_holding(span: Span, typology: Typology) -> bool:
    """'7% of GM's 2008 revenue', 'above its November 20, 2008 low', 'defend his 2021
    title': a date (``span``) written before a noun that something owns dates that thing,
    which is no happening, and not the clause."""
    inside = {t.i for t in span}
    # "its November 20, 2008 low", parsed as an owned date with its noun beside it
    owned = any(c.dep_ == "poss" and c.i not in inside for c in span.root.children)
    beside = [c for c in span.root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if owned and beside:
        thing = beside[0]
        rank = typology.rank(thing.lemma_.lower(), thing.pos_)
        return rank is None or not typology.happening(thing.lemma_.lower())
    if span.root.dep_ not in _PREMODIFIER:
        return False
    noun = span.root.head
    event = event_noun(span.root, typology)
    return (
        noun.pos_ == "NOUN"
        and (event is None or not typology.happening(event.lemma_.lower()))
        and any(c.dep_ == "poss" and c.i not in inside for c in noun.children)
    )


def _years_of_a_thing(span: Span, timex: Timex, typology: Typology) -> bool:
    """'seemingly forgetting ... the 1976-1983 military dictatorship': a year written before
    a noun the typology does not know as a happening describes that thing (its years), and
    dates no clause."""
    root = span.root
    while root.dep_ == "prep" and root.head.like_num and root.head.i < root.i:
        root = root.head  # "1976-1983": the second year hung on the first
    if root.dep_ not in _PREMODIFIER or not re.fullmatch(r"\d{4}", timex.edtf or ""):
        return False
    noun = root.head
    lemma = noun.lemma_.lower()
    # (a common word the tagger took for a name: the "ed" of "op-ed")
    common = noun.pos_ == "NOUN" or (noun.pos_ == "PROPN" and noun.text.islower())
    return (
        common
        and noun.i > span.end - 1
        # no happening's word, or one for a thing ("next year's national budget")
        and (typology.rank(lemma, "NOUN") is None or not typology.happening(lemma))
        and ((dated := event_noun(root, typology)) is None or dated.i == noun.i)
    )


def _past(verb: Token) -> bool:
    """A verb told in a past tense: 'spread', 'has spread', 'was declared'."""
    return verb.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" or c.lower_ in ("has", "have", "had")
        for c in verb.children
    )


_DAY_WORDS = {"today", "tonight", "yesterday", "tomorrow"}


def _dated_by_its_day(anchor: Token, span: Span) -> bool:
    """'was found guilty on all charges today for his role in the death of George Floyd in
    May 2020': "today" dates the verb (in an article with no date of its own, a day no
    reader can name) and the date (``span``) deeper in its phrases dates a noun there, not
    the verb."""
    head = span.root.head
    if head.i == anchor.i or (head.dep_ == "prep" and head.head.i == anchor.i):
        return False
    return any(c.lower_ in _DAY_WORDS and c.dep_ == "npadvmod" for c in anchor.children)


_FOLLOWING = re.compile(r"^the\s+(?:next|following)\s+\w+$|\b(?:later|after)$", re.I)


def _after_nothing(timexes: Iterable[Timex]) -> list[Timex]:
    """The expressions 'Two days later', 'the following day' with no date told before them
    in the article: the tagger counted them from the publication day (or from one another),
    which they do not follow."""
    orphans: list[Timex] = []
    for timex in sorted(timexes, key=lambda t: t.start):
        if _FOLLOWING.search(timex.text.strip()):
            orphans.append(timex)
        elif timex.edtf and timex.type in ("DATE", "TIME"):
            break
    return orphans


def _quoted_claim(verb: Token) -> bool:
    """'Bardella said: "Tonight, France is deprived of a majority government"': what a
    speaker says is so, in quotation marks and the present tense, is the speaker's claim,
    told with the speaker ("Bardella says France is deprived ...")."""
    if verb.dep_ != "ccomp" or not is_reporting(verb.head) or verb.head.i > verb.i:
        return False
    first = min(t.i for t in verb.subtree)
    doc = verb.doc
    opened = any(doc[i].text in QUOTE_OPENERS for i in range(max(first - 2, 0), first + 1))
    present = verb.tag_ in ("VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in verb.children
    )
    return opened and present


_SIGNING = re.compile(r"\b(sign|signs|signed|signing)\b", re.I)


def _mention(
    sentence: Span,
    timex: Timex,
    anchor: Token,
    main: list[Timex],
    references: list[Timex],
    source: str,
    published: str | None,
    typology: Typology,
    names: ArticleNames,
    unsaid: frozenset[int] = frozenset(),
) -> Mention:
    """The mention of the event that one date in a sentence dates (``unsaid``: tokens that
    are no part of what it says, such as a quoted post's links and signature)."""
    doc = sentence.doc
    text = sentence.text.strip()
    dated = main + references
    skip = {tok.i for t in dated for tok in _tokens(doc, t)} | unsaid
    anchor = _told_at_that_time(anchor, skip) or anchor
    # a day an undated article does not date ("was found guilty today") says nothing in a title
    skip |= {t.i for t in sentence if t.lower_ in _DAY_WORDS and t.dep_ == "npadvmod"}
    words = [t for t in sentence if t.i not in skip]
    lemmas = {t.lemma_.lower() for t in words if t.is_alpha and not t.is_stop}
    lemmas |= {t.lemma_.lower() for t in words if t.pos_ == "VERB"}
    date_span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    date_root = date_span.root if date_span is not None else None
    kind = event_type(sentence, anchor, typology, date=date_root, skip=frozenset(skip))
    noun = event_noun(date_root, typology) if date_root is not None else None
    actors, places, surnames = sentence_entities(sentence, names)
    # the clause the date dates, when it has a subject of its own ("since Floyd was killed
    # a year ago"); else the main clause
    own = any(c.dep_ in ("nsubj", "nsubjpass") for c in anchor.children)
    own = own or passive_participle(anchor)  # "the results confirmed by the ministry at 23:55"
    own = own or misparsed_clause(anchor)  # "The submersible imploded ..., and the Coast Guard"
    verb = anchor if clause_verb(sentence, anchor) or own else None
    people = {m.text for m in actors if m.label == "PERSON" and not is_junk(m)}
    # A call or meeting between named people reads best as "Phone call between A and B"
    # unless the sentence itself has those people as its subject.
    templated = kind in ("call", "meeting") and len(people) >= 2
    claim = verb is not None and _quoted_claim(verb)
    if anchor.pos_ in ("NOUN", "PROPN"):  # an event told by a noun in a side phrase
        title = nominal_title(anchor, skip, kind, typology)
    else:
        title = make_title(
            sentence,
            skip=skip,
            surnames=surnames,
            verb=verb.head if claim and verb is not None else verb,
            require_people=templated,
            statement=kind == "statement" or claim,
        )
    confidence = 0.8 if title else 0.5
    if kind == "other":
        confidence -= 0.2
    date = timex.edtf or ""
    start, _ = edtf.parse_span(date)
    tense = _tense(sentence)
    if published and tense == "past" and start.first_day().isoformat() > published:
        confidence = 0.3  # told as past, dated after the article: suspicious
    signing = kind in ("agreement", "ceasefire") or bool(_SIGNING.search(text))
    agreement = _agreement_kind(lemmas, text) if signing else None
    return Mention(
        source=source,
        quote=text,
        date=date,
        date_text=timex.text,
        type=kind,
        title=title,
        published=published,
        position=0,
        actors=actors,
        places=places,
        agreement_kind=agreement,
        effective=_effective(sentence, dated, date) if agreement else None,
        references=[
            (_agreement_kind(lemmas, text) or "agreement", t.edtf or "") for t in references
        ],
        lemmas=frozenset(lemmas),
        event_noun=noun.lemma_.lower() if noun is not None else None,
        speaker=_speaker(anchor) if kind == "statement" else None,
        tense=tense,
        confidence=round(confidence, 2),
    )


# Words that make a clause after the main one tell only when that happened: "when",
# "while", and "just as", "shortly after" ("The door plug fell off shortly after Flight 1282
# took off on Jan. 5"); a plain "as" may tell the news itself ("gave a blank look as he
# exited the courtroom").
_AT_THAT_TIME = frozenset({"when", "while"})
_RIGHT = frozenset({"shortly", "just", "soon", "immediately", "moments", "minutes", "seconds"})
# Main verbs that only set up what the time clause tells ("The move comes as ...").
_SETTING_UP = frozenset({"be", "come", "follow", "happen", "occur", "continue"})


def _told_at_that_time(anchor: Token, skip: set[int]) -> Token | None:
    """The main clause's verb when the date is in a clause that only tells when it happened
    ("fell off shortly after the flight took off on Jan. 5": the door plug falling off is
    the news, on that day), and the main clause has no date of its own and is told as
    having happened; else None."""
    head = anchor.head
    if anchor.dep_ != "advcl" or head.pos_ not in ("VERB", "AUX") or anchor.i < head.i:
        return None
    if head.lemma_.lower() in _SETTING_UP:
        return None
    links = {c.lower_: c for c in anchor.children if c.dep_ in ("mark", "advmod")}
    right = [links[w] for w in ("after", "as") if w in links]
    right_after = any(c.lower_ in _RIGHT for link in right for c in link.children)
    if not (_AT_THAT_TIME & links.keys() or right_after):
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        return None
    if is_reporting(head) or irrealis(head) or any(c.dep_ == "neg" for c in head.children):
        return None
    clause = {t.i for t in anchor.subtree}
    own_date = any(
        t.ent_type_ in ("DATE", "TIME") or t.i in skip for t in head.subtree if t.i not in clause
    )
    return None if own_date else head


def _speaker(verb: Token) -> str | None:
    """The name of who said what a statement tells: the named subject of its verb."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    if not subjects:
        return None
    subject = subjects[0]
    names = [e for e in verb.doc.ents if e.start <= subject.i < e.end]
    if names and names[0].label_ in ("PERSON", "ORG", "GPE", "NORP"):
        return names[0].text.lower()
    if not names and subject.pos_ == "PROPN":  # a name the tagger knows and NER missed
        parts = [c for c in subject.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        return " ".join(t.text for t in [*parts, subject]).lower()
    # "Former president Donald Trump": a description whose own words name the person
    inside = [
        e
        for e in verb.doc.ents
        if subject.left_edge.i <= e.start
        and e.end - 1 <= subject.right_edge.i
        and e.label_ == "PERSON"
        and subject.is_ancestor(verb.doc[e.end - 1])
        and _path(verb.doc[e.end - 1], subject)[-1].dep_ == "appos"  # not "Twitter account"
    ]
    return inside[0].text.lower() if inside else None


def _path(token: Token, top: Token) -> list[Token]:
    """The tokens from token up to (not including) top."""
    path = [token]
    while path[-1].head.i != top.i and path[-1].head.i != path[-1].i:
        path.append(path[-1].head)
    return path


_FROM = re.compile(r"\b(from|starting|effective|as of|into force)\s*(on|at)?\s*$", re.I)


def _effective(sentence: Span, dated: list[Timex], date: str) -> str | None:
    """'a ceasefire ... starting from November 10': the date the agreement takes effect."""
    text = doc_text(sentence.doc)
    for timex in dated:
        before = text[max(sentence.start_char, timex.start - 20) : timex.start]
        if timex.edtf and timex.edtf[:10] != date and _FROM.search(before):
            return timex.edtf[:10]
    return None


def _when_clause(sentence: Span, timex: Timex) -> Token | None:
    """'since 1991, when the Armenian military occupied ...': the verb of the when-clause."""
    doc = sentence.doc
    if timex.end >= sentence.end_char:
        return None
    after = doc.char_span(timex.end, sentence.end_char, alignment_mode="expand")
    if after is None:
        return None
    for token in after[:3]:
        if token.lower_ == "when":
            verb = token.head
            if verb.pos_ not in ("VERB", "AUX"):  # "when Apollo 17’s crew left": misparsed
                verb = next((t for t in after if t.i > token.i and t.pos_ == "VERB"), verb)
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
