"""The extraction run: articles -> mentions -> events, actors, agreements, sources -> content/.

Each stage lives in its own module; this one only wires them together and reports progress.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.actors import ActorResolver
from generator.consolidate import build_records, cluster_mentions
from generator.ingest import Article, read_articles, resolve_years
from generator.mentions import Mention, find_mentions, resolve_mentions
from generator.store import read_content

Progress = Callable[[list[Article]], Any]


@dataclass
class Extraction:
    """What one run produced, by kind, plus counts for the summary line."""

    records: dict[str, list[dict[str, Any]]]
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        """'5 articles, 21 events, 14 actors, 3 agreements, 1 flag in 4.2 s'."""
        flags = sum(len(e.get("flags") or ()) for e in self.records["events"])
        return (
            f"{len(self.records['sources'])} articles, {len(self.records['events'])} events, "
            f"{len(self.records['actors'])} actors, {len(self.records['agreements'])} agreements, "
            f"{flags} flags in {self.seconds:.1f} s"
        )


def editor_actors(content_dir: Path) -> list[dict[str, Any]]:
    """The actor records people keep in content/actors (names, aliases, kinds)."""
    records, _problems = read_content(content_dir)
    return [r.data for r in records.get("actors", []) if "id" in r.data]


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


def run_extraction(
    seeds_dir: Path,
    content_dir: Path,
    *,
    model: str | None = None,
    warn: Callable[[str], None] = lambda message: None,
    progress: Callable[[Iterator[Any], int], Iterator[Any]] | None = None,
    n_process: int = 1,
) -> Extraction:
    """Read every article under seeds_dir and turn it into records (not yet written)."""
    from generator.nlp import analyse, load_pipeline  # spaCy loads only when needed

    started = time.perf_counter()
    warnings: list[str] = []

    def note(message: str) -> None:
        warnings.append(message)
        warn(message)

    articles = resolve_years(read_articles(seeds_dir, warn=note))
    known = editor_actors(content_dir)
    nlp = load_pipeline(model, actors=known)
    resolver = ActorResolver(known)
    mentions: list[Mention] = []
    analysed: Iterator[Any] = analyse(nlp, articles, n_process=n_process)
    if progress is not None:
        analysed = progress(analysed, len(articles))
    for article, doc in analysed:
        mentions.extend(find_mentions(doc, source=article.id, published=article.published))
    resolve_mentions(mentions, resolver)
    clusters = cluster_mentions(mentions)
    ids = resolver.final_ids()
    kinds = {record["id"]: record["kind"] for record in resolver.records()}
    events, agreements = build_records(clusters, actor_ids=ids, actor_kinds=kinds)
    used = {a for e in events for a in [*e["actors"], *e["places"]]}
    used |= {a for g in agreements for f in ("parties", "signatories", "mediators") for a in g[f]}
    actors = [a for a in resolver.records() if a["id"] in used]
    records = {
        "sources": [source_record(a) for a in articles],
        "events": events,
        "actors": actors,
        "agreements": agreements,
    }
    return Extraction(records, warnings, time.perf_counter() - started)
