"""The ``timex`` stage: find every temporal expression in an article and normalize it.

Expressions are found by the pattern table in ``timex_patterns``; when a spaCy ``Doc``
is given, its sentences and parse decide the tense, hence the year of a yearless date.
Values follow TimeML TIMEX3 (``2020-11-09``, ``2014-SU``, ``P44D``, ``PRESENT_REF``) and
are never more precise than the text: "April 2016" is ``2016-04``.

Anchoring: relative expressions count from ``anchor`` (the publication date); "the day
before" / "the next day" count from the last day-precision date told before them
(HeidelTime's reference time), falling back to the anchor. A yearless date ("On
November 9") takes the year that fits the anchor and the tense of its clause.

Ranges: "October 9-10" and "12 and 13 December" give one ``DATE`` whose ``value`` is
the first day and whose ``edtf`` is the span ``2020-10-09/2020-10-10``; "from 2009 to
2011" gives two ``DATE`` timexes. A clock time takes the day of the date next to it
("12:00 local time ... on October 10" -> ``2020-10-10T12:00``; midnight is ``T00:00``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.timex.names import in_title
from generator.timex.normalize import Context, NoAnchor, Tense, to_edtf
from generator.timex.patterns import RULES, Norm
from generator.timex.prefilter import active_rules, fold, windows

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Timex", "find_timexes", "said_before", "to_edtf"]


@dataclass(frozen=True)
class Timex:
    """One temporal expression: where it is, what it says and what it means."""

    start: int
    end: int
    text: str
    type: str
    value: str
    edtf: str | None
    # The value depends on the anchor (the publication date): a relative or year-less date.
    anchored: bool = False

    def to_json(self) -> dict[str, Any]:
        """Plain dict: start, end, text, type, value, edtf (when there is one) and
        anchored (when the value counts from the publication date)."""
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
        }
        if self.edtf is not None:
            out["edtf"] = self.edtf
        if self.anchored:
            out["anchored"] = True
        return out


_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DAY_OR_PART = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T(?:MO|AF|EV|NI))?$")  # a day, or part of one
_ENDED = re.compile(r"\s+(?:that\s+)?(?:ended|ending)\b")
# "the first nine months", "the latest six months": a report's year to date.
_YEAR_TO_DATE = re.compile(r"(?i)the\s+(?:first\s+|latest\s+)?(?:nine|six|9|6)\s+months")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sen|Rep|Gov|Inc|Corp|Co|Ltd|No|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|approx)\.)$"
)
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])|\n+")


# How far from the anchor a day told in an earlier sentence may be and still give a bare
# clock time its day: "at 6:41 p.m." in a story of today is today's, even after a sentence
# that recalled "the June 7, 2021, shooting deaths".
_CLOCK_REACH = 7


_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|his|her|their|our|[A-Z]\w*['’]s)\s+$")
_NOUN_AFTER = re.compile(r",?\s+[a-z]")


_OWNER_AFTER = re.compile(r"['’]s\s+[a-z]")


def _attributive(text: str, start: int, end: int) -> bool:
    """A day written inside a noun phrase, between its determiner and its noun ('the June
    7, 2021, shooting deaths') or as its owner ("Wednesday's storm"): it describes a thing
    and is no time the story moves to."""
    if _OWNER_AFTER.match(text, end):
        return True
    return bool(
        _DETERMINER_BEFORE.search(text, max(0, start - 12), start) and _NOUN_AFTER.match(text, end)
    )


def _far_back(ref: dt.date | None, anchor: dt.date | None) -> bool:
    """Whether the reference day is too far from the anchor to give a clock time its day."""
    return ref is not None and anchor is not None and abs((ref - anchor).days) > _CLOCK_REACH


def _same_sentence(sentences: list[tuple[int, int]], first: int, second: int) -> bool:
    """Whether two offsets fall in one sentence."""
    return any(start <= first < end and start <= second < end for start, end in sentences)


def _sentences(text: str, doc: Doc | None) -> list[tuple[int, int]]:
    """Sentence spans: the Doc's when given, else a small splitter that knows common
    abbreviations."""
    if doc is not None and doc.has_annotation("SENT_START"):
        return [(s.start_char, s.end_char) for s in doc.sents]
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        before = text[max(0, m.start() - 12) : m.end()]
        if m.group().startswith(".") and _ABBREVIATIONS.search(before):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


_TEMPORAL_PREPOSITIONS = {"by", "in", "on", "until", "till", "before", "after", "through", "from"}
_FUTURE_AUX = {
    "will",
    "'ll",
    "wo",
    "shall",
    "may",
    "might",
    "should",
    "can",
    "must",
    "would",
}
_FUTURE_LEMMAS = {
    "set",
    "schedule",
    "due",
    "expect",
    "plan",
    "intend",
    "aim",
    "go",
    "hope",
    "want",
    "prepare",
    "propose",
    "agree",
}
_SCHEDULE_LEMMAS = {"schedule", "due", "plan", "expect", "slate"}
_FUTURE_WORDS = re.compile(
    r"\b(?:will|won't|'ll|shall|going\s+to|is\s+to|are\s+to|set\s+to|due\s+to|scheduled|"
    r"expected\s+to|plans?\s+to|planning\s+to|intends?\s+to|upcoming|(?-i:may)|might|should|"
    r"from\s+now)\b",
    re.I,
)
_PAST_WORDS = re.compile(
    r"\b(?:was|were|had|did|said|told|met|held|took|began|came|went|ago|yesterday|"
    # an -ed word after "remain", "stay" or "be" is an adjective ("will remain closed")
    r"(?<!remain )(?<!remains )(?<!stay )(?<!stays )(?<!be )(?<!been )\w{3,}ed)\b",
    re.I,
)


def _verb_tense(verb: Token, depth: int = 0) -> Tense:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return "future"
    if verb.lemma_.lower() in _SCHEDULE_LEMMAS and verb.tag_ in ("VBN", "VBD", "JJ"):
        return "future"
    if "to" in words or verb.tag_ == "VB" and not auxes:
        head = verb.head
        if head.lemma_.lower() in _FUTURE_LEMMAS:
            return "future"
        if head is not verb and head.pos_ in ("VERB", "AUX") and depth < 3:
            governing = _verb_tense(head, depth + 1)
            if governing == "past" and "to" in words:
                # "asked it to respond by Oct. 31": after the asking, before or after now.
                return ""
            return governing or ("future" if "to" in words else "")
        # "an event to be held on October 12", "markets to remain closed until Friday"
        return "future" if "to" in words else ""
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and verb.lemma_.lower() in _FUTURE_LEMMAS:
        return "future"
    if verb.tag_ == "VBN" and not auxes and verb.dep_ in ("ROOT", "conj", "advcl", "ccomp", "acl"):
        return "past"
    return ""


def said_before(verb: Token, span: Span) -> Token | None:
    """'Smith said on Tuesday she would not resign': a date right after a verb (nothing but
    a preposition between) and before the subject of that verb's clause complement
    (``verb``) is the first verb's, whatever the parse; that verb, else None."""
    head = verb.head
    if verb.dep_ != "ccomp" or not head.i < span.start:
        return None
    between = span.doc[head.i + 1 : span.start]
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects and span.end <= subjects[0].left_edge.i and all(t.pos_ == "ADP" for t in between):
        return head
    return None


class _TenseFinder:
    """Tense of the clause around a character span: from the Doc's parse when there is
    one, else from the nearest tense marker word in the sentence."""

    def __init__(self, text: str, doc: Doc | None, sentences: Sequence[tuple[int, int]]):
        self.text, self.doc, self.sentences = text, doc, sentences

    def _sentence(self, start: int) -> tuple[int, int]:
        for s, e in self.sentences:
            if s <= start < e:
                return s, e
        return 0, len(self.text)

    def __call__(self, start: int, end: int, *, through_nouns: bool = False) -> Tense:
        """The tense of the clause; "" for a date that hangs off a noun ("the statement of
        November 9"), unless ``through_nouns`` (the tense of the clause the noun is in)."""
        if self.doc is not None:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                tok, via_noun = span.root, False
                # "double its flights by August", "paid on a date in January": a date in
                # a temporal prepositional phrase tells when the clause's event happens,
                # whichever noun the parser hangs the phrase on.
                prep = span.root.head if span.root.dep_ == "pobj" else None
                if prep is not None and prep.lower_ in _TEMPORAL_PREPOSITIONS:
                    # Up to the verb through the one noun the phrase hangs on (its
                    # object, or the object of its preposition), no further: "the meeting
                    # on Friday was ..." is the noun's own phrase.
                    tok = prep.head
                    for _ in range(2):
                        if tok.pos_ in ("VERB", "AUX"):
                            break
                        if tok.head is tok or tok.dep_ not in ("pobj", "prep", "dobj"):
                            break
                        tok = tok.head
                    if tok.pos_ not in ("VERB", "AUX"):
                        tok, via_noun = prep.head, prep.head.pos_ in ("NOUN", "PROPN")
                    elif prep.head.pos_ in ("NOUN", "PROPN") and not through_nouns:
                        # Through a noun, only a future clause tells: "postponed the visit
                        # in September" may be a visit ahead, "will double its flights by
                        # August" is not behind.
                        tense = _verb_tense(tok)
                        return tense if tense == "future" else ""
                for _ in range(10):
                    if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
                        break
                    tok = tok.head
                    via_noun = via_noun or (tok.pos_ in ("NOUN", "PROPN") and tok not in span)
                if tok.pos_ in ("VERB", "AUX"):
                    if prep is not None:  # "said on Tuesday she would ..."
                        tok = said_before(tok, span) or tok
                    # A date hanging off a noun ("the statement of November 9") says
                    # nothing about the tense of the clause's verb.
                    return "" if via_noun and not through_nouns else _verb_tense(tok)
        s, e = self._sentence(start)
        best: tuple[int, Tense] = (10**9, "")
        for rx, tense in ((_FUTURE_WORDS, "future"), (_PAST_WORDS, "past")):
            for m in rx.finditer(self.text, s, e):
                if start <= m.start() < end:
                    continue
                if tense == "past" and m.group().lower() in ("scheduled", "expected", "planned"):
                    continue
                dist = start - m.end() if m.end() <= start else m.start() - end
                if dist < best[0]:
                    best = (dist, tense)
        return best[1]


@dataclass
class _Candidate:
    start: int
    end: int
    rule: int
    match: re.Match[str]


# Rules of a calendar day written out: where one overlaps a weekday counted from the
# publication day ("early last Tuesday, August 8"), the writer's own date is the day.
_CALENDAR_DAYS = frozenset(
    i for i, rule in enumerate(RULES) if rule[0] in ("date_mdy", "date_dmy", "date_numeric")
)
_WEEKDAY_RULES = frozenset(i for i, rule in enumerate(RULES) if rule[0] == "weekday")


def _select(cands: list[_Candidate]) -> list[_Candidate]:
    """Longest match wins; among equals the earlier, then the earlier rule; a calendar day
    wins over a weekday it overlaps."""
    chosen: list[_Candidate] = []
    taken: list[tuple[int, int]] = []
    days = [c for c in cands if c.rule in _CALENDAR_DAYS]
    cands = [
        c
        for c in cands
        if c.rule not in _WEEKDAY_RULES
        or not any(d.start < c.end and c.start < d.end for d in days)
    ]
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start, c.rule)):
        if all(c.end <= s or c.start >= e for s, e in taken):
            chosen.append(c)
            taken.append((c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


def _span(m: re.Match[str]) -> tuple[int, int]:
    """Where the expression is: the rule's ``x`` group (``x1``, ``x2`` ...) when it has one
    (the rest of the match is context, e.g. a preposition), else the whole match."""
    for name in m.re.groupindex:
        if name[0] == "x" and name[1:].isdigit() | (name == "x") and m[name] is not None:
            return m.span(name)
    return m.span()


# A hyphenated expression before a noun is a modifier ("the two-week crisis", "the
# third-quarter loss"): the determiner belongs to the noun, not to the expression.
_ADJECTIVE = re.compile(r"(?i)^the\s+(?=\S*\w-\w+$)")
_POSSESSIVE = re.compile(r"['’]s$")


def _trimmed(m: re.Match[str]) -> tuple[int, int]:
    s, e = _span(m)
    text = m.string
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1] in " \t\n,;":
        e -= 1
    if text[e - 1 : e] == ")" and "(" not in text[s:e]:
        e -= 1
    if _POSSESSIVE.search(text, s, e):
        e -= 2
    adjective = _ADJECTIVE.match(text[s:e])
    if adjective and re.match(r"\s+\w", text[e : e + 3]):
        s += adjective.end()
    return s, e


# "4:15 p.m. on Tuesday"; not "3:50 p.m. On June 7, ...": a capital starts a sentence
_GLUE_AFTER = re.compile(r"^\s*(?:\([^)]*\)\s*)?(?:,\s*|on\s+(?:the\s+)?)?$")
_GLUE_BEFORE = re.compile(r"^\s*(?:,\s*)?(?:at|from|by|around)?\s*$", re.I)


_Found = tuple[int, int, Norm, dt.date | None, bool]  # start, end, value, ref, anchored


def _attach_times(text: str, found: list[_Found]) -> list[Timex]:
    """Give each bare clock time ('T12:00') the day of the date beside it, or of the
    reference date (none without a publication date: the time is left out); merge a time
    and a date separated only by a space into one TIME."""
    out: list[Timex] = []
    skip: set[int] = set()
    for i, (s, e, norm, ref, anchored) in enumerate(found):
        if i in skip:
            continue
        if norm.type == "TIME" and norm.value.startswith("T"):
            day = ref.isoformat() if ref else None
            merge = None
            for j in range(i + 1, min(i + 3, len(found))):
                s2, _e2, n2, _r, near_anchored = found[j]
                if _DAY_OR_PART.match(n2.value) and _GLUE_AFTER.match(text[e:s2]):
                    day, anchored = n2.value[:10], near_anchored  # "4:15 p.m. Tuesday afternoon"
                    merge = j if text[e:s2].isspace() or not text[e:s2] else None
                    break
                if n2.type != "TIME":
                    break
            else:
                if (
                    i
                    and _DAY_VALUE.match(found[i - 1][2].value)
                    and _GLUE_BEFORE.match(text[found[i - 1][1] : s])
                ):
                    day, anchored = found[i - 1][2].value, found[i - 1][4]
            if day is None:
                continue
            value = f"{day}{norm.value}"
            if merge is not None:
                skip.add(merge)
                e = found[merge][1]
            out.append(Timex(s, e, text[s:e], "TIME", value, to_edtf(value), anchored))
            continue
        edtf = norm.edtf if norm.edtf is not None else to_edtf(norm.value)
        out.append(Timex(s, e, text[s:e], norm.type, norm.value, edtf, anchored))
    return out


_RULE_NAMES = [name for name, _rx, _handler in RULES]


def _normalize(rule: int, m: re.Match[str], ctx: Context) -> Norm | None:
    """The rule's reading of a match; None when its date falls outside the calendar Python
    can represent (years 1 to 9999: "a million days ago", an anchor in year 9999). Any
    other error is a bug and is raised."""
    try:
        return RULES[rule][2](m, ctx)
    except NoAnchor:
        return None  # relative or year-less, and no publication date to count from
    except OverflowError:
        return None
    except ValueError as error:
        if "year" in str(error) and "out of range" in str(error):
            return None
        raise


def find_timexes(text: str, *, anchor: dt.date | None, doc: Doc | None = None) -> list[Timex]:
    """All temporal expressions in ``text``, normalized against ``anchor`` (the article's
    publication date), in text order. With no anchor, the expressions whose value would
    count from it (relative and year-less dates) are left out; each Timex says whether
    its value counts from the anchor (``anchored``).

    If ``doc`` (a spaCy Doc of exactly this text) is given, its sentences and parse
    decide the tense of each clause (which year a yearless date takes); the patterns
    find the expressions either way. (The Doc's DATE/TIME entities add nothing the
    patterns miss on MEANTIME, and what they alone find cannot be normalized, so they
    are not used.)
    """
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    sentences = _sentences(text, doc)
    ctx = Context(anchor, _TenseFinder(text, doc, sentences))
    cands: list[_Candidate] = []
    # Only the rules whose key words occur in the text, around those words: elsewhere
    # they cannot match (generator.timex.prefilter).
    folded = fold(text)
    for idx in active_rules(text, _RULE_NAMES, folded):
        _name, rx, _handler = RULES[idx]
        matches = (m for a, b in windows(_name, text, folded) for m in rx.finditer(text, a, b))
        for m in matches:
            s, e = _trimmed(m)
            if e <= s or (_name != "holiday" and in_title(text, s, e)):
                continue
            ctx.start, ctx.end = s, e
            if _normalize(idx, m, ctx) is not None:
                cands.append(_Candidate(s, e, idx, m))
    found: list[_Found] = []
    told_at = -1  # where the day that is the reference time was told
    near_day: dt.date | None = None  # the last day told near the anchor
    for c in _select(cands):
        ctx.start, ctx.end = c.start, c.end
        ctx.anchored = False
        norm = _normalize(c.rule, c.match, ctx)
        if norm is None:
            continue
        ref, ref_is_anchor = ctx.reference_day()
        clock = norm.type == "TIME" and norm.value.startswith("T")
        if clock and _far_back(ref, anchor) and not _same_sentence(sentences, told_at, c.start):
            # the news days' clock, not 2021's: the last day told near the anchor
            ref, ref_is_anchor = (near_day, False) if near_day else (anchor, True)
        # A clock time takes the reference day: anchored when that day is the anchor.
        anchored = ctx.anchored or (clock and ref_is_anchor)
        found.append((c.start, c.end, norm, ref, anchored))
        day_told = norm.type in ("DATE", "TIME") and _DAY_VALUE.match(norm.value[:10])
        if day_told:
            day = dt.date.fromisoformat(norm.value[:10])
            ctx.last_day, ctx.last_day_end = day, c.end
        if day_told and not _attributive(text, c.start, c.end):
            ctx.ref = day
            told_at = c.start
            if not _far_back(ctx.ref, anchor):
                near_day = ctx.ref
        rule = RULES[c.rule][0]
        if norm.type == "DATE" and norm.value[:4].isdigit():
            ctx.last_value = norm.value
            if rule.startswith("quarter") and re.fullmatch(r"\d{4}-Q[1-4]", norm.value):
                ended = "fiscal" in c.match[0].lower() or bool(_ENDED.match(text, c.end))
                ctx.told_quarter(norm.value, ended=ended, past=ctx.clause_tense() == "past")
        if rule in ("period", "year_ago"):
            ctx.still_on_quarter()
        elif _YEAR_TO_DATE.match(text, c.start, c.end) and norm.value in ("P6M", "P9M"):
            ctx.told_year_to_date()
    return _attach_times(text, found)
