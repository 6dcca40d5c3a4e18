"""Publication days of undated articles, read from the other articles of the corpus.

An article without a date line ("The jury found Chauvin guilty on Tuesday ...") cannot
date its own weekdays, and never the clock's. A reader of the whole file dates it the
way a journalist would: another article, dated, tells the same happening ("a jury found
Chauvin guilty on 20 April 2021"), 20 April 2021 was a Tuesday, so the undated article's
Tuesday is that day and it was written that week. Here each sentence of an undated
article (in any language the analysis reads) that tells a past weekday is compared with
the dated sentences of the other articles whose day falls on that weekday; a close enough
match (their rarer words shared: names, numbers, key nouns; across languages, numbers and
the English names of the places named) says on which day that weekday fell. A day and
month written without a year ("on April 11", "24 Mart'ta") is matched the same way with
the dated sentences of that day and month, which give its year; written with its weekday
("vendredi 22 mars"), it takes the year near the corpus's dated days in which that day
falls on that weekday. The article is
read again from the latest such day, the earliest it can have been written; of that
reading are kept, flagged and less sure, the sentences that tell a day so matched and
those whose date takes only its year or month from that day (``generator.extract``); its
own publication date stays unknown.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache
from typing import NamedTuple

from generator.ingest.published import find_dates as find_english_dates
from generator.languages import ENGLISH, language, tokens
from generator.model import Article, Mention
from generator.nlp.foreign import split_sentences
from generator.nlp.foreign_names import NameFinder
from generator.timex.foreign import Anchor, find_dates, is_calendar_word, weekday_of
from generator.world_names import place_names

__all__ = ["MATCH", "CorpusDay", "corpus_days"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
# A weekday told as ahead, or a habit: no day of the past to match.
_AHEAD = re.compile(
    r"\b(?:will|would|next|upcoming|coming|until|till|every|each|expected|scheduled|"
    r"set to|due to|plans? to)\b",
    re.IGNORECASE,
)
_SAID_ON = re.compile(
    r"\b(?:said|announced|told|reported|added|stated|confirmed|declared|wrote)\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_FIRST_STOP = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]*[A-Z0-9])")
_WORD = re.compile(r"[^\W_]{3,}|\d+(?:[.,]\d+)?")
# Words any two news sentences share; they say nothing of the happening.
_STOP = frozenset(
    """the and for that with from this was were has have had are his her its their they
    said says say who which what when where after before about into over than then there
    been also but not more most some other one two three would could should will can may
    new last week day days year monday tuesday wednesday thursday friday saturday sunday
    morning afternoon evening night today yesterday""".split()  # noqa: SIM905
)

# How much of their weighted words two sentences must share to tell one happening
# (Dice on rarity-weighted words): measured on the development corpus, where sentences
# of two articles on one happening share their names, numbers and key nouns.
MATCH = 0.3
_WEEK = 6  # a past weekday is at most this many days before the writing
# A sentence of the day of writing may match a dated sentence of any day, seven times as
# many as a weekday's: it must share more of its words.
_TODAY_MATCH = 0.5

_Told = tuple[dt.date, frozenset[str], str]  # a dated sentence: its day, words, language


def _words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(text)) - _STOP


def _dated_days(mentions: Iterable[Mention], dated: dict[str, str]) -> dict[int, list[_Told]]:
    """Per weekday (0 = Monday), the day and words of each sentence a dated article
    (id -> language) dates to a single day."""
    by_weekday: dict[int, list[_Told]] = {}
    for mention in mentions:
        if mention.source not in dated or len(mention.date) != 10 or mention.anchored_on:
            continue
        try:
            day = dt.date.fromisoformat(mention.date)
        except ValueError:
            continue
        code = dated[mention.source]
        quote = mention.quote
        words = _words(quote) if code == ENGLISH else _foreign_words(quote, code)
        by_weekday.setdefault(day.weekday(), []).append((day, words, code))
    return by_weekday


def _lead(article: Article) -> frozenset[str] | None:
    """The words of a dated article's first sentence, which tells the news of its day
    ('The head of the WHO says an emergency committee will be convened')."""
    text = article.text.strip()
    if not text:
        return None
    if article.language == ENGLISH:  # the headline line and the first sentence
        return _words(_FIRST_STOP.split(text, maxsplit=1)[0])
    spans = split_sentences(text, article.language)
    return _foreign_words(text[spans[0][0] : spans[0][1]], article.language) if spans else None


def _sentences(text: str) -> list[str]:
    """An English text's sentences, not cut after an abbreviation ("at 4:15 p.m. Tuesday")."""
    return [text[start:end] for start, end in split_sentences(text, ENGLISH)]


def _tokens(text: str) -> list[str]:
    return [w for _, _, w in tokens(text)]


def _non_calendar(words: list[str], code: str) -> str:
    """The words less the month and weekday names of their language, as one text."""
    return " ".join(w for w in words if not is_calendar_word(w, code))


def _weekday_sentences(article: Article) -> list[tuple[int, frozenset[str]]]:
    """The article's sentences that tell a past weekday: (weekday, words)."""
    if article.language != ENGLISH:
        return _foreign_weekday_sentences(article)
    found = []
    for sentence in _sentences(article.text):
        matches = list(_WEEKDAY.finditer(sentence))
        if not matches:
            continue
        days = {_WEEKDAYS.index(m.group(1).lower()) for m in matches}
        # a word of the future makes the weekday ahead ("will meet on Friday"), unless the
        # weekday dates a saying and the future is what was said ("said on Wednesday that
        # ... would")
        before = sentence[: matches[-1].start()]
        ahead = _AHEAD.search(before if _SAID_ON.search(before) else sentence)
        if len(days) == 1 and not ahead:
            found.append((days.pop(), _words(sentence)))
    return found


_TODAY = re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b", re.IGNORECASE)


def _today_sentences(article: Article) -> list[frozenset[str]]:
    """The words of an English article's sentences that tell what happened on the day it
    was written ("Chauvin was found guilty on all charges today"), not ahead of it, and
    with no weekday (those are matched by their weekday)."""
    if article.language != ENGLISH:
        return []
    return [
        _words(sentence)
        for sentence in _sentences(article.text)
        if _TODAY.search(sentence) and not _WEEKDAY.search(sentence) and not _AHEAD.search(sentence)
    ]


def _foreign_weekday_sentences(article: Article) -> list[tuple[int, frozenset[str]]]:
    """The same in another language: its sentences, weekday names and words of the future
    (``generator/data/lang_<code>.yml``); month and weekday names are not words to match."""
    code = article.language
    ahead = _ahead(code)
    found = []
    for start, end in split_sentences(article.text, code):
        words = _tokens(article.text[start:end])
        days = {d for d in (weekday_of(w, code) for w in words) if d is not None}
        if len(days) != 1 or any(ahead(w) for w in words):
            continue
        found.append((days.pop(), _foreign_words(article.text[start:end], code)))
    return found


def _foreign_words(text: str, code: str) -> frozenset[str]:
    """The words of a sentence in another language to match, with the English names of the
    places it names ('Россия' -> 'russia'): a sentence in one language can match one in
    another by its numbers and places."""
    words = _words(_non_calendar(_tokens(text), code))
    english = {n.mentioned.long_form for n in _finder(code).find(text, 0, len(text))}
    return words | frozenset().union(*(_words(name) for name in english if name))


@cache
def _finder(code: str) -> NameFinder:
    return NameFinder(code)


def _portable(words: frozenset[str]) -> frozenset[str]:
    """The words a sentence shares with its telling in any language: numbers, and the
    words of English country and capital names."""
    return frozenset(w for w in words if w[0].isdigit() or w in _place_words())


@cache
def _place_words() -> frozenset[str]:
    return frozenset().union(*(_words(p.english) for p in place_names(ENGLISH)))


_Weighed = tuple[dt.date, frozenset[str], float, str]  # a dated sentence and its weight


def _best_match(
    words: frozenset[str],
    told: Iterable[_Weighed],
    code: str,
    weight: Callable[[str], float],
    least: float = MATCH,
) -> dt.date | None:
    """The day of the dated sentence that tells what ``words`` tell, if one is close enough:
    in the same language by their rarer words; across languages only numbers and places can
    be the same words, and a number must be among them."""
    own = sum(weight(w) for w in words)
    mine = _portable(words)
    mine_weight = sum(weight(w) for w in mine)
    best: dt.date | None = None
    best_score = least
    for told_day, other, other_weight, other_code in told:
        if other_code != code:
            theirs = _portable(other)
            if not any(w[0].isdigit() for w in mine & theirs):
                continue
            shared = sum(weight(w) for w in mine & theirs)
            score = 2 * shared / (mine_weight + sum(weight(w) for w in theirs))
        else:
            shared = sum(weight(w) for w in words & other)
            if not shared:
                continue
            score = 2 * shared / (own + other_weight)
        if score >= best_score:
            best, best_score = told_day, score
    return best


def _yearless_sentences(
    article: Article,
) -> list[tuple[tuple[int, int], int | None, frozenset[str] | None]]:
    """The days and months the article's sentences tell without a year, not ahead: ((month,
    day), the weekday written with it if any, the words of the sentence other than that
    date, or None when the sentence tells other dates too)."""
    found: list[tuple[tuple[int, int], int | None, frozenset[str] | None]] = []
    if article.language == ENGLISH:
        for sentence in _sentences(article.text):
            told = [d for d in find_english_dates(sentence) if d.year is None]
            if not told or _AHEAD.search(sentence):
                continue
            alone = len({(d.month, d.day) for d in told}) == 1
            rest = sentence
            for mention in reversed(told):  # the sentence without those dates
                rest = rest[: mention.start] + " " + rest[mention.end :]
            words = _words(rest) if alone else None
            found += [((d.month, d.day), d.weekday, words) for d in told]
        return found
    code = article.language
    ahead = _ahead(code)
    for start, end in split_sentences(article.text, code):
        sentence = article.text[start:end]
        dates = [
            (d, day)
            for d in find_dates(sentence, code, _ANY_DAY)
            if d.yearless and len(day := d.timex.edtf or "") == 10
        ]
        if not dates or any(ahead(w) for w in _tokens(sentence)):
            continue
        alone = len({day for _, day in dates}) == 1
        first = dates[0][0].timex
        rest = sentence[: first.start] + " " + sentence[first.end :]
        words = _foreign_words(rest, code) if alone else None
        for date, day in dates:
            # the weekday written with it: inside the date ("vendredi 22 mars") or before
            near = _tokens(sentence[max(0, date.timex.start - 20) : date.timex.end])
            weekday = next((d for w in near[-4:] if (d := weekday_of(w, code)) is not None), None)
            found.append(((int(day[5:7]), int(day[8:10])), weekday, words))
    return found


def _ahead(code: str) -> Callable[[str], bool]:
    """Whether a word of the language tells what is ahead ('sera', 'jusqu'au'): its words
    for the future and for until, compared as written (an elided article stripped would
    make "jusqu'au" the everyday "au")."""
    lang = language(code)
    words = [*lang.words("future"), *lang.words("until")]
    written = {w.casefold() for w in words}
    keys = {lang.key(w) for w in words if not re.search(r"['’]", w)}
    return lambda word: word.casefold() in written or lang.key(word) in keys


def _weekday_year(month_day: tuple[int, int], weekday: int, days: list[dt.date]) -> dt.date | None:
    """'vendredi 22 mars' in an undated article: the day and month on that weekday nearest
    the corpus's dated days, when it falls within a year of one of them (such years are
    five or more apart, so a corpus of one story leaves one)."""
    years = sorted({d.year + delta for d in days for delta in (-1, 0, 1)})
    fits = []
    for year in years:
        try:
            day = dt.date(year, *month_day)
        except ValueError:
            continue
        if day.weekday() == weekday:
            fits.append((min(abs((day - d).days) for d in days), day))
    if not fits:
        return None
    distance, day = min(fits)
    return day if distance <= _YEAR else None


_ANY_DAY = Anchor(dt.date(2000, 6, 15))  # any anchor: only the day and month are read
_YEAR = 366


def _day_word(month: int, day: int) -> str:
    """A day and month as a word of a sentence ('3-24'): a number, rare as a date is."""
    return f"{month}-{day}"


def corpus_days(articles: list[Article], mentions: list[Mention]) -> dict[str, CorpusDay]:
    """Article id -> (the day to read each undated article again from: the latest day its
    weekdays were matched to, and those days), from the sentences of the other articles
    that date the happenings of its weekdays; articles with no such match are absent.

    The dates that count are those of articles with a publication day, and of articles
    with only a publication month (a '2024-03' header), whose day-month dates take its
    year; never a date counted from an article's own latest date (``anchored_on``). The
    lead of an article with a publication day tells that day's news."""
    dated = {
        a.id: a.language for a in articles if (a.published and len(a.published) == 10) or a.month
    }
    undated = [a for a in articles if not a.published]
    if not dated or not undated:
        return {}
    by_weekday = _dated_days(mentions, dated)
    # the sentences dated by what they say, ahead of the leads (which may tell the day
    # before) added after them
    dated_ones = {weekday: len(told) for weekday, told in by_weekday.items()}
    for article in articles:
        lead = _lead(article) if article.published and len(article.published) == 10 else None
        if lead is not None:
            day = dt.date.fromisoformat(article.published or "")
            by_weekday.setdefault(day.weekday(), []).append((day, lead, article.language))
    documents = [words for told in by_weekday.values() for _, words, _ in told]
    counts = Counter(word for words in documents for word in words)
    total = len(documents) + 1

    def weight(word: str) -> float:
        return math.log(total / (counts.get(word, 0) + 1)) + 1.0

    # each dated sentence's weight, summed once rather than for every sentence it meets
    weighed = {
        weekday: [(day, words, sum(weight(w) for w in words), code) for day, words, code in told]
        for weekday, told in by_weekday.items()
    }
    every_day = [
        one for weekday, told in weighed.items() for one in told[: dated_ones.get(weekday, 0)]
    ]

    # the sentences of each day and month; the day and month count as a word they share
    # with a sentence that writes that day without its year, in any language
    by_month_day: dict[tuple[int, int], list[_Weighed]] = {}
    for told in weighed.values():
        for day, words, total_weight, code in told:
            key = _day_word(day.month, day.day)
            item = (day, words | {key}, total_weight + weight(key), code)
            by_month_day.setdefault((day.month, day.day), []).append(item)

    dated_days = sorted({day for told in weighed.values() for day, _, _, _ in told})
    days: dict[str, CorpusDay] = {}
    for article in undated:
        told_on = [
            (best, words)
            for weekday, words in _weekday_sentences(article)
            if (best := _best_match(words, weighed.get(weekday, ()), article.language, weight))
        ]
        # "found guilty today": the day of the dated sentence that tells the same happening,
        # on any weekday, is the day it was written; closer words are asked of it
        told_on += [
            (best, words)
            for words in _today_sentences(article)
            if (best := _best_match(words, every_day, article.language, weight, _TODAY_MATCH))
        ]
        of_week = [best for best, _ in told_on]
        # a day and month without a year: the match gives the year; the article was written
        # on or after that day, and within a year of it ("April 11" is read as the nearest)
        of_year: list[dt.date] = []
        for month_day, weekday, said in [] if article.month else _yearless_sentences(article):
            # the sentences that tell the same happening on that day, by their words (and
            # the date itself); else the weekday written with it
            best = None
            if said is not None:
                same_day = by_month_day.get(month_day, [])
                said_on = said | {_day_word(*month_day)}
                best = _best_match(said_on, same_day, article.language, weight)
            if best is None and weekday is not None:
                best = _weekday_year(month_day, weekday, dated_days)
            if best is not None:
                of_year.append(best)
        matched = of_week + of_year
        if not matched:
            continue
        day = max(matched)
        # the weekdays matched must fit one week of writing, the days of a year one year,
        # and the article's own latest explicit date (its anchor) cannot come after the day
        # it was written
        if of_week and min(of_week) < day - dt.timedelta(days=_WEEK):
            continue
        if of_year and min(of_year) <= day - dt.timedelta(days=_YEAR):
            continue
        if article.anchor and article.anchor > day.isoformat():
            continue
        if article.month and article.month < day.isoformat()[:7]:
            continue  # written in its header's month, not after it
        lead = _lead_words(article)
        in_lead = any(best == day and words <= lead for best, words in told_on)
        days[article.id] = CorpusDay(
            day.isoformat(), frozenset(d.isoformat() for d in matched), in_lead
        )
    return days


class CorpusDay(NamedTuple):
    """The day to read an undated article again from (the latest day its sentences were
    matched to), those days, and whether the latest is the day of a sentence of its lead,
    which tells the news of the day it was written."""

    day: str
    matched: frozenset[str]
    in_lead: bool = False


_LEAD_SENTENCES = 4  # the headline line and the first sentences of the text


def _lead_words(article: Article) -> frozenset[str]:
    """The words of an article's lead: its first sentences."""
    spans = split_sentences(article.text, article.language)[:_LEAD_SENTENCES]
    words = [
        _words(article.text[a:b])
        if article.language == ENGLISH
        else _foreign_words(article.text[a:b], article.language)
        for a, b in spans
    ]
    return frozenset().union(*words)
