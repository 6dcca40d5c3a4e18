"""The ingest memo: each article file's parsed articles, kept so that an unchanged file is
not cleaned again.

Reading a folder parses every file on every run (page furniture, dates), a cost that grows
with the corpus although an incremental run has few new files. `read_articles` asks this
memo first. An entry lives under ``.chronology/cache/articles/`` (next to the mention
cache) and is found by a hash of all the reading depends on:

- the file's bytes, its path as records show it and its name (which gives the ids);
- the code version (``cache.code_version``: every module that shapes the reading).

Reading never depends on the day it runs (no date is taken from the clock), so an entry
serves every later run.

The entry keeps the warnings the file gave, to give them again. An unreadable, malformed
or mistyped entry is a miss: the file is read again. Entries are never pruned.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from generator.cache.entries import EntryStore
from generator.ingest.reader import FileReading
from generator.model import Article

Parse = Callable[[Callable[[str], None]], FileReading]

_OPTIONAL = (str, type(None))
# The JSON type of each Article field; published_candidates is a tuple, a list in JSON.
_TYPES: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "file": str,
    "sha256": str,
    "title": str,
    "text": str,
    "published": _OPTIONAL,
    "published_how": str,
    "published_confidence": float,
    "published_candidates": list,
    "publisher": _OPTIONAL,
    "dateline": _OPTIONAL,
    "url": _OPTIONAL,
    "anchor": _OPTIONAL,
    "language": str,
    "month": _OPTIONAL,
}
assert set(_TYPES) == {f.name for f in fields(Article)}, "an Article field has no JSON type"


def _article_from_json(data: Any) -> Article:
    """The article article_to_json gave; ValueError on data of another shape."""
    if not isinstance(data, dict) or set(data) != set(_TYPES):
        raise ValueError("not an article")
    if not all(isinstance(data[name], kind) for name, kind in _TYPES.items()):
        raise ValueError("a field of the wrong type")
    candidates = tuple(data["published_candidates"])
    if not all(isinstance(candidate, str) for candidate in candidates):
        raise ValueError("a candidate date that is not a string")
    return Article(**{**data, "published_candidates": candidates})


class ArticleMemo:
    """The articles of files read before, one JSON file per key under folder/articles/.

    Writes run in the background; call `close` to wait for them.
    """

    def __init__(
        self,
        folder: Path,
        version: str,
        *,
        warn: Callable[[str], None] = lambda message: None,
    ) -> None:
        self.entries = EntryStore(folder / "articles", warn=warn)
        self.version = version
        self.hits = 0

    def key(self, data: bytes, names: tuple[str, ...]) -> str:
        """The key of a file's entry: its bytes and names, and the code version."""
        digest = hashlib.sha256(json.dumps([self.version, *names]).encode() + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def read(
        self,
        data: bytes,
        names: tuple[str, ...],
        parse: Parse,
        *,
        warn: Callable[[str], None],
    ) -> list[Article]:
        """The articles of a file: from its entry when there is a good one (warning again
        what it warned), else parse(warn) and keep the result.

        data: the file's bytes; names: what else parse depends on, as strings. An
        ArticleError from parse is raised, nothing kept."""
        key = self.key(data, names)
        found = self._get(key)
        if found is not None:
            articles, warnings = found
            self.hits += 1
            for message in warnings:
                warn(message)
            return articles
        heard: list[str] = []

        def hear(message: str) -> None:
            heard.append(message)
            warn(message)

        reading = parse(hear)
        entry = {
            "key": key,
            "warnings": heard,
            "articles": [asdict(article) for article in reading.articles],
        }
        self.entries.write(key, json.dumps(entry))
        return reading.articles

    def _get(self, key: str) -> tuple[list[Article], list[str]] | None:
        entry = self.entries.read(key)
        try:
            if entry["key"] != key:
                return None
            warnings = entry["warnings"]
            if not isinstance(warnings, list) or not all(isinstance(w, str) for w in warnings):
                return None
            return [_article_from_json(item) for item in entry["articles"]], warnings
        except (ValueError, KeyError, TypeError):
            return None

    def close(self) -> None:
        """Wait for the writes; a failed write is a warning (the next run misses)."""
        self.entries.close()
