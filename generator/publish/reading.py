"""What a reader is told about one event: its best sentence, its sources' disagreements in
words, and how sure the chronology is, in words. Pure functions of an event and the sources.

- ``best_claim``: the summary a reader gets is the sentence best supported by the other
  sources, never one whose date contradicts the record's date;
- ``date_disagreement``: "TASS, 18 January 2021, gives 11 November 2021; two other sources
  give 11 January 2021", each source named by publisher and publication date, linked;
- ``confidence_words``: "single source, date inferred" instead of "0.80" (the number stays
  in the record and the exports).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from functools import lru_cache

from generator import edtf
from generator.model import Claim, Event, Source
from generator.publish.context import UNSURE_PUBLISHED_HOW
from generator.publish.render import date_label, text

_WORD = re.compile(r"[^\W\d_]{3,}")
_YEAR = re.compile(r"\b\d{4}\b")
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


@lru_cache(maxsize=4096)
def _bounds(date: str) -> tuple[dt.date, dt.date] | None:
    try:
        return edtf.bounds(date)
    except edtf.EdtfError:
        return None


def agrees(claim: Claim, event: Event) -> bool:
    """True when what the claim dates overlaps the record's date (a month holds its days)."""
    if not claim.date or claim.date == event.date:
        return True
    mine, theirs = _bounds(event.date), _bounds(claim.date)
    if mine is None or theirs is None:
        return True  # a date the site cannot read is not evidence of a disagreement
    first, last = mine
    other_first, other_last = theirs
    return first <= other_last and other_first <= last


def _words(quote: str) -> frozenset[str]:
    return frozenset(word.lower() for word in _WORD.findall(quote))


def best_claim(event: Event) -> Claim | None:
    """The claim whose sentence the other sources support best, among those that agree
    with the record's date: the sum of its word overlap (Jaccard) with every claim of
    another source; ties go to the sentence that writes the year out, then to the first."""
    agreeing = [claim for claim in event.sources if claim.quote and agrees(claim, event)]
    if not agreeing:
        return None
    words = [_words(claim.quote) for claim in agreeing]

    def support(index: int) -> tuple[float, bool, int]:
        claim, own = agreeing[index], words[index]
        total = 0.0
        for other, theirs in zip(agreeing, words, strict=True):
            if other.source != claim.source and (own or theirs):
                total += len(own & theirs) / len(own | theirs)
        return (total, bool(_YEAR.search(claim.date_text or "")), -index)

    return agreeing[max(range(len(agreeing)), key=support)]


def summary(event: Event) -> str:
    """The sentence a reader gets first: an editor's own summary as written; otherwise
    (a summary that is one of the quotes, as extraction writes it) the best-supported quote."""
    quotes = {claim.quote for claim in event.sources}
    if event.summary and event.summary not in quotes:
        return event.summary
    best = best_claim(event)
    return best.quote if best is not None else event.summary


def number_words(count: int) -> str:
    """'two', 'ten', '11'."""
    return _NUMBERS[count] if 0 <= count < len(_NUMBERS) else str(count)


def _date(value: str | None) -> str:
    if not value:
        return ""
    try:
        return edtf.format_date(value)
    except edtf.EdtfError:
        return value


def source_label(source: Source | None, source_id: str) -> str:
    """'TASS, 18 January 2021' (plain text): the publisher (or the title) and the date."""
    if source is None:
        return source_id
    name = source.publisher or f"“{source.title}”"
    published = _date(source.published)
    return f"{name}, {published}" if published else name


LinkSource = Callable[[str, str], str]
"""(source id, plain label) -> safe HTML link to the source's page."""


def _named(ids: list[str], sources: Mapping[str, Source], link: LinkSource) -> str:
    names = [link(source_id, source_label(sources.get(source_id), source_id)) for source_id in ids]
    if len(names) == 1:
        return names[0] + ","  # "TASS, 18 January 2021, gives ..."
    return ", ".join(names[:-1]) + " and " + names[-1]


def date_disagreement(
    event: Event, sources: Mapping[str, Source], link: LinkSource
) -> list[str] | None:
    """The disagreement on the date as sentences of safe HTML, or None when every claim
    agrees with the record's date.

    'TASS, 18 January 2021, gives 11 November 2021; two other sources give 11 January 2021.'
    """
    kept = date_label(event.date, event.end)
    dissent: dict[str, list[str]] = {}
    supporters: list[str] = []
    for claim in event.sources:
        if agrees(claim, event):
            if claim.source not in supporters:
                supporters.append(claim.source)
        else:
            assert claim.date is not None  # a claim without a date always agrees
            named = dissent.setdefault(claim.date, [])
            if claim.source not in named:
                named.append(claim.source)
    if not dissent:
        return None
    parts = []
    dissenters: set[str] = set()
    for date, ids in dissent.items():
        dissenters.update(ids)
        verb = "gives" if len(ids) == 1 else "give"
        part = f"{_named(ids, sources, link)} {verb} {text(_date(date))}"
        if len(ids) == 1 and ids[0] in supporters:
            part += f" in one sentence and {text(kept)} in another"
        parts.append(part)
    others = [source_id for source_id in supporters if source_id not in dissenters]
    if len(others) == 1:
        parts.append(f"{_named(others, sources, link)} gives {text(kept)}")
    elif others:
        parts.append(f"{number_words(len(others))} other sources give {text(kept)}")
    first = "; ".join(parts)
    return [
        first[:1].upper() + first[1:] + ".",
        f"This chronology dates the event {text(kept)}; the sources below say why.",
    ]


def after_publication(
    event: Event, sources: Mapping[str, Source], link: LinkSource
) -> list[str] | None:
    """A claim told as past but dated after its article was published, as a sentence."""
    for claim in event.sources:
        source = sources.get(claim.source)
        date = claim.date or event.date
        bounds = _bounds(date)
        written = _bounds(source.published) if source is not None and source.published else None
        if written is None or bounds is None:
            continue
        if bounds[0] > written[1]:  # after the last day it can have been written
            label = link(claim.source, source_label(source, claim.source))
            return [
                f"{label}, tells this as past but dates it {text(_date(date))}, after it was "
                "published: the date may be a slip of the writer's."
            ]
    return None


def date_inferred(event: Event) -> bool:
    """True when no source writes the year of the date out: the date was counted from the
    article's publication date ("on Monday", "November 9"), or that date was itself inferred."""
    written = [c for c in event.sources if c.date_text is not None and agrees(c, event)]
    if not written:
        return False  # nothing to tell from (a record written by hand)
    return not any(_YEAR.search(claim.date_text or "") for claim in written)


def unsure_publication(event: Event, sources: Mapping[str, Source]) -> bool:
    """True when every source of the event has a publication date that was inferred."""
    found = [sources[c.source] for c in event.sources if c.source in sources]
    return bool(found) and all(s.published_how in UNSURE_PUBLISHED_HOW for s in found)


def confidence_words(event: Event, sources: Mapping[str, Source], *, low_confidence: bool) -> str:
    """How sure the chronology is of an event, in words a reader understands (plain text)."""
    count = event.source_count
    disagree = any(not agrees(claim, event) for claim in event.sources)
    words = []
    if count == 1:
        words.append("single source")
    elif not disagree:
        words.append(f"{number_words(count)} sources agree")
    if disagree:
        words.append("sources disagree on the date")
    if date_inferred(event):
        if unsure_publication(event, sources):
            words.append("date inferred from an uncertain publication date")
        else:
            words.append("date inferred from the publication date")
    if low_confidence:
        words.append("the extraction was unsure of it")
    return ", ".join(words) if words else "no source recorded"
