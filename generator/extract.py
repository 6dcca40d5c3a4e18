"""The extraction run: articles -> mentions -> events, actors, agreements, sources -> content/.

Each stage lives in its own module; this one only wires them together, spreads the
per-article analysis over processes, keeps it in the cache and reports progress.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from generator.cache.articles import ArticleMemo
from generator.cache.mentions import MentionCache, Patterns, code_version, fingerprint
from generator.consolidate.actors import ActorResolver
from generator.consolidate.clustering import build_records, cluster_mentions
from generator.ingest.reader import Article, read_articles, resolve_years
from generator.model import KINDS
from generator.nlp.mentions import Mention, resolve_mentions
from generator.nlp.pipeline import BATCH_SIZE, batches, model_name
from generator.records.store import write_atomic
from generator.records.yaml_load import load_yaml

if TYPE_CHECKING:
    from spacy.language import Language

Progress = Callable[[Iterator[Any], int], Iterator[Any]]


LAST_RUN = "last-run.json"


@dataclass
class Extraction:
    """What one run produced, by kind, plus counts for the summary line."""

    records: dict[str, list[dict[str, Any]]]
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    cached: int = 0
    run_key: str = ""
    unchanged: str | None = None  # the last run's summary, when this run had nothing to do

    def summary(self) -> str:
        """'5 articles (3 from the cache), 21 events, 14 actors, 3 agreements, 1 flag in 4.2 s'."""
        flags = sum(len(e.get("flags") or ()) for e in self.records["events"])
        return (
            f"{len(self.records['sources'])} articles ({self.cached} from the cache), "
            f"{len(self.records['events'])} events, "
            f"{len(self.records['actors'])} actors, {len(self.records['agreements'])} agreements, "
            f"{flags} flags in {self.seconds:.1f} s"
        )


def editor_actors(content_dir: Path, state_dir: Path | None = None) -> list[dict[str, Any]]:
    """The actor records people keep in content/actors (names, aliases, kinds).

    With state_dir (the last generated version of each record), only the actors a person
    added or changed: the extraction's own actors fed back into the entity ruler would make
    a second run differ from the first although nobody edited anything.

    Reads that folder only, with libyaml when installed: `read_content` would parse every
    record of every kind with line numbers, seconds on a large content/. Unreadable
    records are skipped here as there; `chronology validate` reports them.
    """
    folder = content_dir / "actors"
    if not folder.is_dir():
        return []
    actors: list[dict[str, Any]] = []
    for file in sorted(folder.glob("*.y*ml")):
        if file.name.startswith("."):
            continue  # write_atomic's temporary files, editors' lock and backup files
        try:
            text = file.read_text(encoding="utf-8")
            base = _generated_text(file.name, state_dir)
            if text == base:
                continue  # the generated text as it was: not edited, and no need to parse it
            data = load_yaml(text)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(data, dict) and "id" in data and _edited(data, base):
            actors.append(data)
    return actors


def _generated_text(name: str, state_dir: Path | None) -> str | None:
    """The text of an actor record as last generated; None without one."""
    if state_dir is None:
        return None
    try:
        return (state_dir / "actors" / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _edited(data: dict[str, Any], base: str | None) -> bool:
    """True when no generated version exists or the record differs from it."""
    if base is None:
        return True
    try:
        return bool(load_yaml(base) != data)
    except yaml.YAMLError:
        return True


def source_record(article: Article) -> dict[str, Any]:
    """The source record of one article."""
    record: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "published": article.published,
        "published_how": article.published_how,
        "published_confidence": article.published_confidence,
        "publisher": article.publisher,
        "dateline": article.dateline,
        "file": article.file,
        "url": article.url,
        "sha256": article.sha256,
    }
    return {k: v for k, v in record.items() if v is not None}


def cpu_count() -> int:
    """The processors this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


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
) -> Extraction:
    """Read every article under seeds_dir and turn it into records (not yet written).

    n_process: processes for the analysis (0: one per CPU, as long as each gets a batch).
    cache_dir: where each file's articles and each article's mentions are kept between runs
    (None: no cache); when every article is there, spaCy is not loaded at all.
    state_dir: the last generated records; only actors people changed feed the ruler.
    """
    started = time.perf_counter()
    warnings: list[str] = []

    def note(message: str) -> None:
        warnings.append(message)
        warn(message)

    memo = None if cache_dir is None else ArticleMemo(cache_dir, code_version(), warn=note)
    try:
        articles = resolve_years(read_articles(seeds_dir, warn=note, memo=memo))
    finally:
        if memo is not None:
            memo.close()
    known = editor_actors(content_dir, state_dir)
    name = model_name(model)
    cache = None
    if cache_dir is not None:
        cache = MentionCache(cache_dir, fingerprint(name), Patterns(known), warn=note)
    found = [None if cache is None else cache.get(article) for article in articles]
    missing = [a for a, mentions in zip(articles, found, strict=True) if mentions is None]
    inputs_key = ""
    if cache_dir is not None and cache is not None:
        inputs_key = _inputs_key(articles, cache, known)
        previous = None if missing else last_run(cache_dir, inputs_key, content_dir, state_dir)
        if previous is not None:
            cache.close()
            return Extraction(
                {kind: [] for kind in KINDS},
                warnings,
                time.perf_counter() - started,
                len(articles),
                run_key=inputs_key,
                unchanged=previous,
            )
    analysed: Iterator[tuple[Article, list[Mention]]] = _analyse(
        missing, model=name, actors=known, n_process=n_process, batch_size=batch_size
    )
    if progress is not None:
        analysed = progress(analysed, len(missing))
    fresh: dict[str, list[Mention]] = {}
    try:
        for article, mentions in analysed:
            if cache is not None:
                cache.put(article, mentions)  # before resolve_mentions fills in actors
            fresh[article.id] = mentions
    finally:
        if cache is not None:
            cache.close()
    mentions = [
        m for a, f in zip(articles, found, strict=True) for m in (fresh[a.id] if f is None else f)
    ]
    records = _build(articles, mentions, ActorResolver(known))
    cached = 0 if cache is None else cache.hits
    extraction = Extraction(records, warnings, time.perf_counter() - started, cached)
    extraction.run_key = inputs_key
    return extraction


def _inputs_key(articles: list[Article], cache: MentionCache, known: list[dict[str, Any]]) -> str:
    """Everything an extraction's output depends on, once every article is in the cache."""
    digest = hashlib.sha256()
    for article in articles:
        digest.update(f"{article.id}\0{cache.key(article)}\n".encode())
    digest.update(json.dumps(known, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def _listing(content_dir: Path) -> str:
    """Which records exist: adding or deleting one must not be skipped over."""
    names = [
        f"{kind}/{p.name}" for kind in KINDS for p in sorted((content_dir / kind).glob("*.y*ml"))
    ]
    return hashlib.sha256("\n".join(names).encode()).hexdigest()


def last_run(
    cache_dir: Path, inputs_key: str, content_dir: Path, state_dir: Path | None
) -> str | None:
    """The summary of the last completed run when nothing it depends on has changed since.

    Then the new extraction would equal the last generated records exactly, and a
    three-way merge against an unchanged base leaves every record as it is: the run can stop.
    """
    if state_dir is None or not state_dir.is_dir():
        return None
    try:
        saved = json.loads((cache_dir / LAST_RUN).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if saved.get("inputs") != inputs_key or saved.get("listing") != _listing(content_dir):
        return None
    return str(saved.get("summary", ""))


def remember_run(extraction: Extraction, cache_dir: Path, content_dir: Path) -> None:
    """Record a completed run (after its records were written) for last_run to compare."""
    if not extraction.run_key:
        return
    data = {
        "inputs": extraction.run_key,
        "listing": _listing(content_dir),
        "summary": extraction.summary(),
    }
    write_atomic(cache_dir / LAST_RUN, json.dumps(data))


def _build(
    articles: list[Article], mentions: list[Mention], resolver: ActorResolver
) -> dict[str, list[dict[str, Any]]]:
    """The corpus-level stages: actors, events, agreements, sources."""
    resolve_mentions(mentions, resolver)
    clusters = cluster_mentions(mentions)
    ids = resolver.final_ids()
    actor_records = resolver.records()  # once: it folds merged drafts into their targets
    kinds = {record["id"]: record["kind"] for record in actor_records}
    events, agreements = build_records(clusters, actor_ids=ids, actor_kinds=kinds)
    used = {a for e in events for a in [*e["actors"], *e["places"]]}
    used |= {a for g in agreements for f in ("parties", "signatories", "mediators") for a in g[f]}
    actors = [a for a in actor_records if a["id"] in used]
    return {
        "sources": [source_record(a) for a in articles],
        "events": events,
        "actors": actors,
        "agreements": agreements,
    }


def _analyse(
    articles: list[Article],
    *,
    model: str,
    actors: list[dict[str, Any]],
    n_process: int,
    batch_size: int,
) -> Iterator[tuple[Article, list[Mention]]]:
    """Each article with its mentions, in order: in this process or in a pool of them.

    A pool worker loads its own pipeline once and returns plain Mention lists, so no Doc
    (nor its ``doc._`` extensions) ever crosses a process boundary. The batches are the
    same whatever the number of processes, hence so are the results.
    """
    if not articles:
        return
    work = batches(articles, batch_size)
    processes = min(n_process if n_process > 0 else cpu_count(), len(work))
    if processes <= 1:
        from generator.nlp.pipeline import (  # spaCy loads only when needed
            analyse_batch,
            load_pipeline,
        )

        nlp = load_pipeline(model, actors=actors)
        for batch in work:
            yield from zip(batch, analyse_batch(nlp, batch), strict=True)
        return
    import multiprocessing

    with multiprocessing.Pool(processes, _start_worker, (model, actors)) as pool:
        for batch, results in zip(work, pool.imap(_work, work), strict=True):
            yield from zip(batch, results, strict=True)


# One pipeline per pool worker, loaded by the pool's initializer.
_PIPELINE: Language | None = None
_FAILURE: BaseException | None = None


def _start_worker(model: str, actors: Sequence[Mapping[str, Any]]) -> None:
    global _PIPELINE, _FAILURE
    from generator.nlp.pipeline import load_pipeline

    try:
        _PIPELINE = load_pipeline(model, actors=actors)
    except Exception as error:  # noqa: BLE001 - raised by _work, in the parent process
        # An initializer that raises makes the pool start new workers forever.
        _FAILURE = error


def _work(batch: Sequence[Article]) -> list[list[Mention]]:
    from generator.nlp.pipeline import analyse_batch

    if _FAILURE is not None:
        raise _FAILURE
    assert _PIPELINE is not None
    return analyse_batch(_PIPELINE, batch)
