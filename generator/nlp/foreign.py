"""Event mentions of an article in a language other than English.

No statistical model is needed (spaCy publishes none on PyPI for most of these languages):

- sentences: split after a final stop that the language's abbreviations, initials and
  ordinal numbers ("am 11. Januar") do not explain, and at line breaks;
- dates: ``generator.timex.foreign``, anchored on the publication date, else on the latest
  date the article writes with its year (its events are then less sure: confidence 0.5),
  else only dates with their year are read;
- names: ``generator.nlp.foreign_names``;
- an event is a sentence with a date and a known actor or an event word of the language
  (``generator/data/lang_<code>.yml``, one short list per type of the typology); not a
  caption, not a date that only bounds something ("до 22 мая", "22 Mayıs'a kadar"), not a
  clause told in the future or negated;
- its type is that of the event word nearest its date; its title is the clause that word
  is in, without the date, at most 12 words, never cut inside quotes or after a short
  function word.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from generator import edtf
from generator.languages import Language, language, tokens
from generator.model import Article, Mention
from generator.nlp.foreign_names import Name, NameFinder, canonical_names, stop_words
from generator.timex.foreign import Anchor, ForeignDate, find_dates, latest_full_date
from generator.typology import Typology, default_typology

MAX_TITLE_WORDS = 12
_STOPS = "[.!?…؟]"
_CLOSERS = "\"'»”’)\\]"
_BOUNDARY = re.compile(rf"{_STOPS}+[{_CLOSERS}]*(?=\s+\S)|(?<=[a-zа-яё]{{2}})\.(?=[A-ZА-ЯЁ])")
# a comma between digits is a decimal comma ("magnitude 6,8"), no clause boundary
_CLAUSE = re.compile(r"(?<!\d),|,(?!\d)|[;:()]|\s[–—-]\s|،|؛")


def split_sentences(text: str, code: str) -> list[tuple[int, int]]:
    """Sentence spans of a text: cut at line breaks and after final stops."""
    lang = language(code)
    abbreviations = {a.casefold() for a in lang.words("abbreviations")}
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for stop in _BOUNDARY.finditer(line.group()):
            end = line.start() + stop.end()
            before = text[start:end].split()
            last = before[-1].casefold() if before else ""
            following = text[end : end + 40].split()
            after = following[0] if following else ""
            if last in abbreviations or re.fullmatch(r"\W*(?:\w\.)+", last):
                continue  # "г.", "Dr.", an initial, dotted initials ("p.m.", "U.S.")
            if re.fullmatch(r"\d{1,2}\.", last) and not after[:1].isupper():
                continue  # "am 11. Januar" is caught below; "11. madde"
            if re.fullmatch(r"\d{1,2}\.", last) and _is_month(after, code):
                continue
            if code != "ar" and after[:1].islower():
                continue
            spans.append((start, end))
            start = end
        if text[start : line.end()].strip():
            spans.append((start, line.end()))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_month(word: str, code: str) -> bool:
    return bool(find_dates(f"1 {word}", code, Anchor(dt.date(2000, 6, 15))))


@dataclass(frozen=True)
class _Clause:
    start: int
    end: int


def _anchor(article: Article) -> tuple[Anchor | None, bool]:
    """What the article's dates count from, and whether it is only the text's own latest
    date (no publication date)."""
    if article.published:
        return Anchor(dt.date.fromisoformat(article.published[:10])), False
    if article.month:  # a header gives the month of publication, not the day
        year, month = (int(part) for part in article.month.split("-"))
        return Anchor(dt.date(year, month, 1), "month"), False
    latest = latest_full_date(find_dates(article.text, article.language))
    return (Anchor(latest), True) if latest else (None, False)


@cache
def _event_words(code: str, typology_names: tuple[str, ...]) -> list[tuple[tuple[str, ...], str]]:
    """(the words of an event phrase, its type), in the typology's order."""
    lang = language(code)
    table = lang.data.get("events") or {}
    order = {name: rank for rank, name in enumerate(typology_names)}
    found = []
    for kind in sorted(table, key=lambda k: order.get(k, len(order))):
        for phrase in table[kind] or ():
            words = tuple(lang.key(w) for _, _, w in tokens(str(phrase)))
            if words:
                found.append((words, str(kind)))
    return found


def find_foreign_mentions(
    article: Article,
    *,
    patterns: Iterable[Mapping[str, Any]] = (),
    typology: Typology | None = None,
) -> list[Mention]:
    """Every event mention of one article in another language, in text order."""
    code = article.language
    typology = typology or default_typology()
    lang = language(code)
    anchor, from_text = _anchor(article)
    text = article.text
    dates = find_dates(text, code, anchor)
    finder = _finder(code, tuple(_pattern_items(patterns)))
    words = _event_words(code, tuple(typology.names()))
    sentences = split_sentences(text, code)
    found = canonical_names([n for s, e in sentences for n in finder.find(text, s, e)], code)
    mentions: list[Mention] = []
    for position, (start, end) in enumerate(sentences):
        inside = [d for d in dates if start <= d.timex.start < end and d.timex.edtf]
        sentence = text[start:end]
        if not inside or _is_caption(sentence, lang):
            continue
        names = [n for n in found if start <= n.start < end]
        toks = [(s + start, e + start, w) for s, e, w in tokens(sentence)]
        keys = [lang.keys(w) for _, _, w in toks]
        # a date's words trigger nothing ("salı", Tuesday, is no "saldırı", attack)
        spans = [(d.timex.start, d.timex.end) for d in dates if start <= d.timex.start < end]
        triggers = [
            t
            for t in _triggers(lang, words, toks, keys)
            if not any(a <= t[0] < b for a, b in spans)
        ]
        told = [d for d in inside if not _bounds_only(text, d, lang, start)]
        for date, scope in _told_dates(text, told, triggers, start, end):
            if not (names or triggers or _names_a_day(date)):
                continue
            clause = _clause_of(text, date.timex.start, start, end)
            if _not_told_as_happened(lang, toks, keys, clause):
                continue
            mention = _mention(
                article,
                sentence,
                start,
                date,
                clause,
                names,
                scope or triggers,
                toks,
                position,
                from_text,
                anchor,
            )
            mentions.append(mention)
    return mentions


def _pattern_items(patterns: Iterable[Mapping[str, Any]]) -> Iterable[tuple[str, str, str]]:
    for p in patterns:
        if isinstance(p.get("pattern"), str) and p.get("id"):
            yield (str(p["pattern"]), str(p.get("label") or "ORG"), str(p["id"]))


@cache
def _finder(code: str, patterns: tuple[tuple[str, str, str], ...]) -> NameFinder:
    return NameFinder(code, [{"pattern": p, "label": lb, "id": i} for p, lb, i in patterns])


def _is_caption(sentence: str, lang: Language) -> bool:
    folded = sentence.strip().casefold()
    return any(folded.startswith(c.casefold()) for c in lang.words("captions"))


def _bounds_only(text: str, date: ForeignDate, lang: Language, start: int) -> bool:
    """'до 22 мая', "jusqu'au 22 mai", "22 Mayıs'a kadar": a deadline, not an event's day."""
    before = text[max(start, date.timex.start - 14) : date.timex.start].split()
    after = text[date.timex.end : date.timex.end + 12].split()
    until = {w.casefold() for w in lang.words("until")}
    until_after = {w.casefold() for w in lang.words("until_after")}
    bounded = bool(before) and before[-1].casefold() in until
    tail = re.split("['’]", date.timex.text)[-1] if "'" in date.timex.text else ""
    return (
        bounded
        or bool(after and after[0].casefold().strip(".,") in until_after)
        or (tail.casefold() in until_after)
    )


_Trigger = tuple[int, int, str]  # start, end, type


def _names_a_day(date: ForeignDate) -> bool:
    """Whether a date names a day ('am Samstagabend', 'le 31 mars'): a news sentence that
    names a day tells what happened on it, whoever did it."""
    return date.relative or len((date.timex.edtf or "").split("/")[-1]) == 10


def _triggers(
    lang: Language,
    words: list[tuple[tuple[str, ...], str]],
    toks: Sequence[tuple[int, int, str]],
    keys: Sequence[tuple[str, ...]],
) -> list[_Trigger]:
    found: list[_Trigger] = []
    for i in range(len(toks)):
        for phrase, kind in words:
            n = len(phrase)
            if i + n <= len(toks) and all(
                any(lang.same_word(k, p) for k in keys[i + m]) for m, p in enumerate(phrase)
            ):
                found.append((toks[i][0], toks[i + n - 1][1], kind))
                break
    return found


def _clause_of(text: str, at: int, start: int, end: int) -> _Clause:
    """The comma-delimited part of a sentence around a position."""
    left = start
    for match in _CLAUSE.finditer(text, start, at):
        left = match.end()
    following = _CLAUSE.search(text, at, end)
    return _Clause(left, following.start() if following else end)


def _told_dates(
    text: str, dates: list[ForeignDate], triggers: list[_Trigger], start: int, end: int
) -> list[tuple[ForeignDate, list[_Trigger]]]:
    """The dates that date an event here, each with the event words of its part of the
    sentence (from its clause to the next date's): the first date, and each later one with
    event words of its own ("am 22. März den Anschlag verübt, wurden am Sonntag, dem 24.
    März, in das Bezirksgericht verbracht")."""
    starts = [_clause_of(text, d.timex.start, start, end).start for d in dates]
    told: list[tuple[ForeignDate, list[_Trigger]]] = []
    for index, date in enumerate(dates):
        left = start if index == 0 else starts[index]
        right = next((s for s in starts[index + 1 :] if s > starts[index]), end)
        own = [t for t in triggers if left <= t[0] < right]
        if index == 0 or (own and all(starts[index] != starts[dates.index(d)] for d, _ in told)):
            told.append((date, own))
    return told


def _not_told_as_happened(
    lang: Language,
    toks: Sequence[tuple[int, int, str]],
    keys: Sequence[tuple[str, ...]],
    clause: _Clause,
) -> bool:
    """A clause told in the future or negated ("будет", "wird", "-ecek", "لم")."""
    future = [lang.key(w) for w in lang.words("future")]
    negation = {lang.key(w) for w in lang.words("negation")}
    for (s, _, _), forms in zip(toks, keys, strict=True):
        if not clause.start <= s < clause.end:
            continue
        if any(f in negation for f in forms):
            return True
        if lang.data.get("suffixes"):
            if any(f.endswith(m) or m in f[3:] for f in forms for m in future):
                return True
        elif any(f in future for f in forms):
            return True
    return False


def _mention(
    article: Article,
    sentence: str,
    start: int,
    date: ForeignDate,
    clause: _Clause,
    names: list[Name],
    triggers: list[_Trigger],
    toks: Sequence[tuple[int, int, str]],
    position: int,
    from_text: bool,
    anchor: Anchor | None,
) -> Mention:
    code = article.language
    lang = language(code)
    timex = date.timex
    # the event word of the date's own clause, else the nearest: "Un séisme ... a frappé
    # le Maroc vendredi soir, faisant plus de 2 000 morts" is the quake's
    own = [t for t in triggers if clause.start <= t[0] < clause.end]
    nearest = min(own or triggers, key=lambda t: abs(t[0] - timex.start), default=None)
    kind = nearest[2] if nearest else "other"
    title = make_title(article.text, start, start + len(sentence), timex, nearest, code)
    stops = stop_words(code)
    lemmas = {
        lang.stem(lang.key(w))
        for s, e, w in toks
        if not (timex.start <= s < timex.end)
        and len(w) > 2
        and not w.isdigit()
        and w.casefold() not in stops
    }
    confidence = 0.8 if title else 0.5
    if kind == "other":
        confidence -= 0.2
    if from_text and (date.yearless or date.relative):
        confidence = 0.5  # dated against the article's own latest date, not its publication
    first, _ = edtf.parse_span(timex.edtf or "")
    if article.published and first.first_day().isoformat() > article.published[:10]:
        confidence = 0.3  # told as news, dated after the article: suspicious
    actors = [n.mentioned for n in names if not n.mentioned.as_place]
    places = [n.mentioned for n in names if n.mentioned.as_place]
    return Mention(
        source=article.id,
        quote=sentence.strip(),
        date=timex.edtf or "",
        date_text=timex.text,
        type=kind,
        title=title,
        published=article.published,
        position=position,
        actors=list(dict.fromkeys(actors)),
        places=list(dict.fromkeys(places)),
        lemmas=frozenset(lemmas),
        confidence=round(confidence, 2),
        language=code,
        # a weekday in a page dated by its month only is told as that month: a reading
        # from a day the corpus gives the page replaces it (generator.extract)
        anchored_on=(
            anchor.date.isoformat()
            if anchor is not None and anchor.precision != "day" and date.relative
            else None
        ),
    )


def make_title(
    text: str,
    start: int,
    end: int,
    timex: Any,
    trigger: _Trigger | None,
    code: str,
) -> str | None:
    """A headline of the clause that tells the event: its words without the date, at most
    12, not ending on a function word nor inside quotes; None when fewer than 3 words."""
    lang = language(code)
    at = trigger[0] if trigger else timex.start
    clause = _clause_of(text, at, start, end)
    # a clause of one or two words says too little: take the sentence up to its end
    if len(text[clause.start : clause.end].split()) < 4:
        clause = _Clause(start, clause.end if clause.end > at else end)
    cut = _without_date(text, clause, timex, lang)
    words = cut.split()
    stops = stop_words(code)
    if len(words) > MAX_TITLE_WORDS:
        words = words[:MAX_TITLE_WORDS]
    words = _close_quotes(words)
    while words and (words[-1].casefold().strip(".,;:") in stops or len(words[-1]) <= 2):
        words.pop()
    if len(words) < 3:
        return None
    title = " ".join(words).strip(" ,;:-–—")
    title = title.rstrip(".")
    return title[:1].upper() + title[1:]


def _without_date(text: str, clause: _Clause, timex: Any, lang: Language) -> str:
    """The clause's text with the date and the words that introduce it taken out."""
    before = text[clause.start : max(clause.start, timex.start)]
    after = text[min(clause.end, timex.end) : clause.end]
    if not clause.start <= timex.start < clause.end:
        return text[clause.start : clause.end]
    lead = [lang.key(w) for w in lang.words("before_date")] + [
        lang.key(w) for w in lang.words("day_parts")
    ]
    parts = before.rstrip().split()
    while parts and (lang.key(parts[-1]) in lead or parts[-1] in ",،"):
        parts.pop()
    tail = after.split()
    while tail and lang.key(tail[0]) in lead + [lang.key(w) for w in lang.words("year_words")]:
        tail.pop(0)
    return " ".join(parts + tail)


def _close_quotes(words: list[str]) -> list[str]:
    """Words up to before a quote that opens and does not close among them."""
    depth_at = None
    open_count = 0
    for index, word in enumerate(words):
        opens = sum(word.count(q) for q in "«„“")
        closes = sum(word.count(q) for q in "»“”") - (word.count("“") if "„" in word else 0)
        if opens > closes and open_count == 0:
            depth_at = index
        open_count += opens - closes
        if open_count <= 0:
            open_count, depth_at = 0, None
    return words[:depth_at] if depth_at is not None else words
