"""The extraction cache: each article's event mentions, keyed by a hash of all they depend on.

``find_mentions`` is the slow, per-article part of an extraction (the spaCy pipeline);
what follows (resolving actors, consolidating events) is corpus-level and cheap. So the
mentions of each article are kept as JSON under ``.chronology/cache/mentions/``, and a
re-run analyses only the articles whose key changed. The key hashes:

- the article's text and publication date (and, without a date, the day its relative
  dates count from, found in its text: never the day of the run);
- the model name and installed version, the spaCy version;
- the entity-ruler patterns (built from the actor records in content/: names, aliases,
  ids) that could match in this article: a phrase pattern matches token texts, so it can
  only match where its text, whitespace aside, occurs in the article's text, whitespace
  aside. An alias an editor adds thus re-analyses the articles that contain it, not all;
- the code version (`generator.cache.versions.code_version`), so an upgrade or a local
  edit of the extraction code invalidates the cache by itself.

Finding the patterns that could match is most of the cost of a key, so ``keys.json``
remembers each key under a hash of everything it is computed from.

Entries live in a `generator.cache.entries.EntryStore`; an unreadable or malformed entry
is a miss.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from dataclasses import asdict, fields
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.cache.entries import EntryStore
from generator.model import Article, Mentioned
from generator.nlp.patterns import actor_patterns, anchor_date

if TYPE_CHECKING:
    from generator.model import Mention


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


def _anchor(article: Article) -> str:
    anchor = anchor_date(article.published, article.anchor)
    return anchor.isoformat() if anchor else ""


def article_key(common: str, article: Article, patterns: Patterns) -> str:
    """The cache key of one article's mentions under the fingerprint common."""
    anchor = _anchor(article)
    relevant = json.dumps(patterns.relevant(article.text), sort_keys=True)
    parts = [common, relevant, article.published or "", anchor, article.month or ""]
    parts += [article.language, article.text]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _key_inputs(common: str, article: Article, patterns: Patterns) -> str:
    """A hash of everything article_key depends on, all the patterns instead of the relevant."""
    anchor = _anchor(article)
    parts = [
        common,
        patterns.digest,
        article.published or "",
        anchor,
        article.month or "",
        article.language,
        article.text,
    ]
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
    from generator.model import Mention

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
    from generator.model import Mention

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
        warn: Callable[[str], None] = lambda message: None,
    ) -> None:
        self.entries = EntryStore(folder / "mentions", warn=warn)
        self.common = common
        self.patterns = patterns
        self.hits = 0
        self._keys: dict[tuple[str, str | None, str | None], str] = {}
        self._index = folder / "keys.json"
        self._known = self._read_index()
        self._used: dict[str, str] = {}

    @staticmethod
    def holds(folder: Path) -> bool:
        """Whether the cache under folder holds any mentions (a first run's does not)."""
        with suppress(OSError):
            return any((folder / "mentions").iterdir())
        return False

    def _read_index(self) -> dict[str, str]:
        try:
            index = json.loads(self._index.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return {}
        return index if isinstance(index, dict) else {}

    def key(self, article: Article) -> str:
        """The key of an article's mentions."""
        memo = (article.text, article.published, article.anchor)  # get, then put: once
        if memo not in self._keys:
            inputs = _key_inputs(self.common, article, self.patterns)
            key = self._known.get(inputs)
            if not isinstance(key, str):
                key = article_key(self.common, article, self.patterns)
            self._keys[memo] = self._used[inputs] = key
        return self._keys[memo]

    def get(self, article: Article) -> list[Mention] | None:
        """The cached mentions of article, or None (absent, unreadable or malformed)."""
        key = self.key(article)
        data = self.entries.read(key)
        try:
            if data["key"] != key:
                return None
            found = [mention_from_json(item, source=article.id) for item in data["mentions"]]
        except (KeyError, TypeError, ValueError):
            return None
        self.hits += 1
        return found

    def put(self, article: Article, mentions: Iterable[Mention]) -> None:
        """Keep the mentions of article (written in the background)."""
        key = self.key(article)
        text = json.dumps(
            {"key": key, "mentions": [mention_to_json(m) for m in mentions]}, ensure_ascii=False
        )
        self.entries.write(key, text)

    def close(self) -> None:
        """Write the keys this run used, wait for the writes; a failed write is a warning
        (the next run misses), not an error."""
        if self._used != self._known:
            self.entries.write_file(self._index, json.dumps(self._used, sort_keys=True))
            self._known = dict(self._used)
        self.entries.close()
