"""The extraction cache: each article's event mentions, keyed by a hash of all they depend on.

``find_mentions`` is the slow, per-article part of an extraction (the spaCy pipeline);
what follows (resolving actors, consolidating events) is corpus-level and cheap. So the
mentions of each article are kept as JSON under ``.chronology/cache/mentions/``, and a
re-run analyses only the articles whose key changed. The key hashes:

- the article's text and publication date (and, without a date, the day of the run,
  which then anchors the relative dates);
- the model name and installed version, the spaCy version;
- the entity-ruler patterns (built from the actor records in content/: names, aliases,
  ids) that could match in this article: a phrase pattern matches token texts, so it can
  only match where its text, whitespace aside, occurs in the article's text, whitespace
  aside. An alias an editor adds thus re-analyses the articles that contain it, not all;
- ``CACHE_VERSION`` and the source of every module that shapes the mentions, so an
  upgrade or a local edit of the extraction code invalidates the cache by itself.

Finding the patterns that could match is most of the cost of a key, so ``keys.json``
remembers each key under a hash of everything it is computed from.

Writes go through ``store.write_atomic``; an unreadable or malformed entry is a miss.
Entries are never pruned: delete the folder to reclaim the space.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, fields
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.consolidate.actors import Mentioned
from generator.ingest.reader import Article
from generator.nlp.pipeline import actor_patterns, anchor_date
from generator.records.store import write_atomic

if TYPE_CHECKING:
    from generator.nlp.mentions import Mention

# Bump when the meaning of an entry changes without any change to the modules below.
CACHE_VERSION = "1"
PACKAGE = Path(__file__).resolve().parents[1]
# The analysis depends on most of the package, and a hand-kept list of modules goes stale
# as modules are split: hash every module and data file outside the site renderer. Editing
# an unrelated module costs one cold run, never a stale entry.
_NOT_ANALYSIS = ("site/", "publish/", "records/", "cache/", "cli.py", "synthetic.py")


def _analysis_sources() -> list[Path]:
    files = sorted([*PACKAGE.rglob("*.py"), *PACKAGE.glob("data/*")])
    return [
        f
        for f in files
        if not f.relative_to(PACKAGE).as_posix().startswith(_NOT_ANALYSIS)
        and "__pycache__" not in f.parts
    ]


@cache
def code_version() -> str:
    """A hash of CACHE_VERSION and the source of the modules that shape the mentions."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    for path in _analysis_sources():
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _installed(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except (metadata.PackageNotFoundError, ValueError):
        return ""


def fingerprint(model: str) -> str:
    """What every article's key shares: the model, the versions and the code."""
    parts = {
        "code": code_version(),
        "model": model,
        "model_version": _installed(model),
        "spacy": _installed("spacy"),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def _squeeze(text: str) -> str:
    """text without its whitespace (str.split and regex \\s agree on what that is)."""
    return "".join(text.split())


class Patterns:
    """The entity-ruler patterns, to tell which of them could match in a text."""

    def __init__(self, actors: Iterable[Mapping[str, Any]]) -> None:
        self.patterns = actor_patterns(actors)
        self._squeezed = [_squeeze(str(p["pattern"])) for p in self.patterns]
        self.digest = hashlib.sha256(json.dumps(self.patterns, sort_keys=True).encode()).hexdigest()

    def relevant(self, text: str) -> list[dict[str, Any]]:
        """The patterns that may match in text, in the ruler's order."""
        squeezed = _squeeze(text)
        return [p for p, s in zip(self.patterns, self._squeezed, strict=True) if s in squeezed]


def article_key(
    common: str, article: Article, patterns: Patterns, *, today: dt.date | None = None
) -> str:
    """The cache key of one article's mentions under the fingerprint common."""
    anchor = anchor_date(article.published, today=today).isoformat()
    relevant = json.dumps(patterns.relevant(article.text), sort_keys=True)
    parts = [common, relevant, article.published or "", anchor, article.text]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _key_inputs(common: str, article: Article, patterns: Patterns, today: dt.date) -> str:
    """A hash of everything article_key depends on, all the patterns instead of the relevant."""
    anchor = anchor_date(article.published, today=today).isoformat()
    parts = [common, patterns.digest, article.published or "", anchor, article.text]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def mention_to_json(mention: Mention) -> dict[str, Any]:
    """One mention as plain JSON data."""
    data = asdict(mention)
    data["lemmas"] = sorted(mention.lemmas)
    data["references"] = [list(reference) for reference in mention.references]
    return data


def mention_from_json(data: Mapping[str, Any], *, source: str) -> Mention:
    """The mention that mention_to_json gave, told by source (the article's current id).

    Raises KeyError, TypeError or ValueError on data of another shape."""
    from generator.nlp.mentions import Mention

    names = _mention_fields()
    if set(data) != names:
        raise ValueError(f"fields {sorted(set(data) ^ names)} differ")
    values = dict(data)
    values["source"] = source
    values["actors"] = [Mentioned(**item) for item in data["actors"]]
    values["places"] = [Mentioned(**item) for item in data["places"]]
    values["lemmas"] = frozenset(data["lemmas"])
    values["references"] = [(str(kind), str(date)) for kind, date in data["references"]]
    return Mention(**values)


@cache
def _mention_fields() -> frozenset[str]:
    from generator.nlp.mentions import Mention

    return frozenset(f.name for f in fields(Mention))


class MentionCache:
    """Cached mentions of articles, one JSON file per key, under folder/mentions/.

    Writes run on a background thread (`BackgroundWrites`); call `close` to wait for them.
    """

    def __init__(
        self,
        folder: Path,
        common: str,
        patterns: Patterns,
        *,
        today: dt.date | None = None,
        warn: Callable[[str], None] = lambda message: None,
    ) -> None:
        self.folder = folder / "mentions"
        self.common = common
        self.patterns = patterns
        self.today = today or dt.date.today()
        self.warn = warn
        self.hits = 0
        self._keys: dict[tuple[str, str | None], str] = {}
        self._index = folder / "keys.json"
        self._known = self._read_index()
        self._used: dict[str, str] = {}
        self._writes = BackgroundWrites()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def _read_index(self) -> dict[str, str]:
        try:
            index = json.loads(self._index.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return {}
        return index if isinstance(index, dict) else {}

    def key(self, article: Article) -> str:
        """The key of an article's mentions."""
        memo = (article.text, article.published)  # get, then put: one computation
        if memo not in self._keys:
            inputs = _key_inputs(self.common, article, self.patterns, self.today)
            key = self._known.get(inputs)
            if not isinstance(key, str):
                key = article_key(self.common, article, self.patterns, today=self.today)
            self._keys[memo] = self._used[inputs] = key
        return self._keys[memo]

    def get(self, article: Article) -> list[Mention] | None:
        """The cached mentions of article, or None (absent, unreadable or malformed)."""
        key = self.key(article)
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            if data["key"] != key:
                return None
            found = [mention_from_json(item, source=article.id) for item in data["mentions"]]
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError):
            return None
        self.hits += 1
        return found

    def put(self, article: Article, mentions: Iterable[Mention]) -> None:
        """Keep the mentions of article (written in the background)."""
        key = self.key(article)
        text = json.dumps(
            {"key": key, "mentions": [mention_to_json(m) for m in mentions]}, ensure_ascii=False
        )
        self._writes.submit(self._path(key), text)

    def close(self) -> None:
        """Write the keys this run used, wait for the writes; a failed write is a warning
        (the next run misses), not an error."""
        if self._used != self._known:
            self._writes.submit(self._index, json.dumps(self._used, sort_keys=True))
            self._known = dict(self._used)
        self._writes.close(self.folder, self.warn)


class BackgroundWrites:
    """Cache files written atomically on one background thread (each write syncs a file to
    disk, which would otherwise add milliseconds per entry to a cold run)."""

    def __init__(self) -> None:
        self._writer: ThreadPoolExecutor | None = None
        self._pending: list[Future[None]] = []

    def submit(self, path: Path, text: str) -> None:
        """Write text to path, in the background."""
        if self._writer is None:
            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cache")
        self._pending.append(self._writer.submit(write_atomic, path, text))

    def close(self, folder: Path, warn: Callable[[str], None]) -> None:
        """Wait for the writes; warn once about those that failed (the next run misses)."""
        failed = [f.exception() for f in self._pending if f.exception() is not None]
        self._pending.clear()
        if self._writer is not None:
            self._writer.shutdown()
            self._writer = None
        if failed:
            warn(f"{folder}: {len(failed)} cache entries not written: {failed[0]}")
