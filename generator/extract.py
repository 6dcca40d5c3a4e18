"""The extraction run: articles -> mentions -> events, actors, agreements, sources.

This module only wires the stages together: ingest reads the articles, the executor runs
the per-article analysis (`generator.nlp`) where the caches do not already hold it, the
consolidation turns every mention into records, and the records come back as data for
`generator.records.sync` to write.

One article never stops a run: a file the reader cannot read, or an article whose analysis
raises or kills its worker process (`generator.executors`), is left out with a warning
naming it, and counted in `Extraction.skipped`; every other article's records are produced.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.cache.articles import ArticleMemo
from generator.cache.mentions import MentionCache, Patterns
from generator.cache.runs import inputs_key, last_run
from generator.cache.versions import code_version, fingerprint
from generator.consolidate.actors import ActorResolver
from generator.consolidate.clustering import build_records, cluster_mentions
from generator.consolidate.corpus_dates import CorpusDay, corpus_days
from generator.consolidate.importance import with_importance
from generator.consolidate.resolve import resolve_mentions
from generator.executors import Executor, Failure, PipelineSpec, Preparing, analyse_articles
from generator.ingest.reader import read_articles, resolve_years
from generator.languages import tokens
from generator.model import KINDS, Article, Mention, Record, source_of, to_record
from generator.nlp.pipeline import BATCH_SIZE, model_name
from generator.records.folder import editor_actors
from generator.timex.foreign import names_month, weekday_of
from generator.typology import load_typology

Progress = Callable[[Iterator[Any], int], Iterator[Any]]


@dataclass
class Extraction:
    """What one run produced, by kind (as record data), plus counts for the summary line."""

    records: dict[str, list[dict[str, Any]]]
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    cached: int = 0
    skipped: int = 0  # files and articles left out: unreadable, or their analysis failed
    run_key: str = ""
    unchanged: str | None = None  # the last run's summary, when this run had nothing to do

    def summary(self) -> str:
        """'5 articles (3 from the cache), 0 skipped, 21 events, 14 actors, 3 agreements,
        1 flags in 4.2 s'."""
        flags = sum(len(e.get("flags") or ()) for e in self.records["events"])
        return (
            f"{len(self.records['sources'])} articles ({self.cached} from the cache), "
            f"{self.skipped} skipped, "
            f"{len(self.records['events'])} events, "
            f"{len(self.records['actors'])} actors, {len(self.records['agreements'])} agreements, "
            f"{flags} flags in {self.seconds:.1f} s"
        )


# How sure an event told by an undated article is when other articles gave its day.
_CORPUS_DATED = 0.5


def run_extraction(
    seeds_dir: Path,
    content_dir: Path,
    *,
    model: str | None = None,
    warn: Callable[[str], None] = lambda message: None,
    progress: Progress | None = None,
    n_process: int = 1,
    cache_dir: Path | None = None,
    batch_size: int = BATCH_SIZE,
    state_dir: Path | None = None,
    executor: Executor | None = None,
) -> Extraction:
    """Read every article under seeds_dir and turn it into records (not yet written).

    n_process: processes for the analysis (0: one per CPU, as long as each gets a batch).
    executor: where the analysis runs (default: this machine, with n_process processes;
    see `generator.executors`); whatever runs it, the records are the same.
    cache_dir: where each file's articles and each article's mentions are kept between runs
    (None: no cache); when every article is there, spaCy is not loaded at all.
    state_dir: the last generated records; only actors people changed feed the ruler.
    An article that cannot be read or analysed is skipped: warned about, counted in
    `Extraction.skipped`, and absent from the records.
    """
    started = time.perf_counter()
    warnings: list[str] = []
    skipped = 0

    def note(message: str) -> None:
        warnings.append(message)
        warn(message)

    def skip(message: str) -> None:  # the reader warns only about what it leaves out
        nonlocal skipped
        skipped += 1
        note(message)

    known = editor_actors(content_dir, state_dir)
    typology = load_typology(content_dir)
    name = model_name(model)
    # A run with nothing cached analyses every article: an executor that takes time to
    # start (a Dask cluster) starts while the articles are read.
    if isinstance(executor, Preparing) and (cache_dir is None or not MentionCache.holds(cache_dir)):
        executor.prepare(PipelineSpec(name, known, typology))
    try:
        memo = None if cache_dir is None else ArticleMemo(cache_dir, code_version(), warn=note)
        try:
            articles = resolve_years(read_articles(seeds_dir, warn=skip, memo=memo))
        finally:
            if memo is not None:
                memo.close()
        cache = None
        if cache_dir is not None:
            common = fingerprint(name, typology.digest())
            cache = MentionCache(cache_dir, common, Patterns(known), warn=note)
        found = [None if cache is None else cache.get(article) for article in articles]
        missing = [a for a, mentions in zip(articles, found, strict=True) if mentions is None]
        run_key = ""
        if cache_dir is not None and cache is not None:
            run_key = inputs_key(articles, cache, known)
            previous = None if missing else last_run(run_key, content_dir, state_dir)
            if previous is not None:
                cache.close()
                seconds = time.perf_counter() - started
                empty: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
                return Extraction(
                    empty, warnings, seconds, len(articles), skipped, run_key, previous
                )

        def analysed(batch: list[Article]) -> Iterator[tuple[Article, list[Mention] | Failure]]:
            """The analysis of batch, each article's mentions cached as it comes."""
            outcomes = analyse_articles(
                batch,
                model=name,
                actors=known,
                n_process=n_process,
                batch_size=batch_size,
                typology=typology,
                executor=executor,
            )
            if progress is not None:
                outcomes = progress(outcomes, len(batch))
            for article, outcome in outcomes:
                if cache is not None and not isinstance(outcome, Failure):
                    cache.put(article, outcome)
                yield article, outcome

        told: dict[str, list[Mention]] = {}
        failed: set[str] = set()
        try:
            for article, outcome in analysed(missing):
                if isinstance(outcome, Failure):  # not cached: the next run tries it again
                    skip(outcome.describe(article.file))
                    failed.add(article.id)
                    continue
                told[article.id] = outcome
            kept = [a for a in articles if a.id not in failed]
            for article, mentions in zip(articles, found, strict=True):
                if mentions is not None:
                    told[article.id] = mentions
            # undated articles dated by the happenings other articles date: read again
            days = corpus_days(kept, [m for a in kept for m in told[a.id]])
            again = [
                replace(a, published=days[a.id].day, published_how="corpus", anchor=None)
                for a in kept
                if a.id in days
            ]
            found_again = [None if cache is None else cache.get(a) for a in again]
            reread = {a.id: m for a, m in zip(again, found_again, strict=True) if m is not None}
            for article, outcome in analysed(
                [a for a, f in zip(again, found_again, strict=True) if f is None]
            ):
                if isinstance(outcome, Failure):  # its first reading stands
                    note(outcome.describe(article.file))
                    continue
                reread[article.id] = outcome
        finally:
            if cache is not None:
                cache.close()
    finally:
        if isinstance(executor, Preparing):
            executor.close()
    for article_id, mentions in reread.items():
        told[article_id] = _with_matched(told[article_id], mentions, days[article_id])
    mentions = [m for a in kept for m in told[a.id]]
    records = consolidate(kept, mentions, ActorResolver(known))
    data = {kind: [to_record(record) for record in items] for kind, items in records.items()}
    cached = 0 if cache is None else cache.hits
    seconds = time.perf_counter() - started
    return Extraction(data, warnings, seconds, cached, skipped, run_key)


def _with_matched(first: list[Mention], second: list[Mention], found: CorpusDay) -> list[Mention]:
    """An undated article's mentions, with those of its second reading (counted from the
    latest day other articles gave one of its weekdays), less sure and flagged for review:
    the sentences that tell a day so matched, and those whose date took only its year or
    month from that day ("this year", "April 11"; not "Friday": the day is the earliest
    the article can have been written, and a weekday counted from it may be a week off).
    A sentence so read replaces its first reading when that was counted from the
    article's own dates."""
    matched = found.matched
    day = max(matched)
    added = [
        replace(
            m,
            confidence=min(m.confidence, _CORPUS_DATED),
            dated_by_corpus=True,
            anchored_on=None if m.date in matched else day,
        )
        for m in second
        if m.date in matched
        or (m.date[:10] <= day and (len(m.date) < 10 or names_month(m.date_text, m.language)))
        or (found.in_lead and _weekday_before(m, day))
    ]
    again = {m.quote for m in added}
    kept = [m for m in first if not (m.anchored_on and m.quote in again)]
    quotes = {m.quote for m in kept}
    return [*kept, *(m for m in added if m.quote not in quotes)]


def _weekday_before(mention: Mention, day: str) -> bool:
    """A weekday counted from the day an undated article was matched to that stays right
    if the article was written that day or the next ('met on Thursday', matched to the
    Saturday): one of the six days before it, but not the weekday of the day after it,
    which would then be that day."""
    if len(mention.date) != 10 or not any(
        weekday_of(word, mention.language) is not None for _, _, word in tokens(mention.date_text)
    ):
        return False
    matched = dt.date.fromisoformat(day)
    told = dt.date.fromisoformat(mention.date)
    next_day = matched + dt.timedelta(days=1)
    return matched - dt.timedelta(days=6) <= told < matched and told.weekday() != next_day.weekday()


def consolidate(
    articles: list[Article], mentions: list[Mention], resolver: ActorResolver
) -> dict[str, list[Record]]:
    """The corpus-level stages: actors, events, agreements, sources."""
    mentions = resolve_mentions(mentions, resolver)
    clusters = cluster_mentions(mentions)
    ids = resolver.final_ids()
    actor_records = resolver.records()  # once: it folds merged drafts into their targets
    kinds = {actor.id: actor.kind for actor in actor_records}
    events, agreements = build_records(clusters, actor_ids=ids, actor_kinds=kinds)
    events = with_importance(events, mentions)
    used = {a for e in events for a in [*e.actors, *e.places]}
    used |= {a for g in agreements for a in [*g.parties, *g.signatories, *g.mediators]}
    return {
        "sources": [source_of(article) for article in articles],
        "events": list(events),
        "actors": [actor for actor in actor_records if actor.id in used],
        "agreements": list(agreements),
    }
