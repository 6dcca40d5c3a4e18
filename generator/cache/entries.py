"""The store under every cache: JSON entries found by a key, written in the background.

An entry is ``<folder>/<key[:2]>/<key>.json``; writes go through `write_atomic` on one
background thread (each write syncs a file to disk, which would otherwise add milliseconds
per entry to a cold run). An unreadable or malformed entry reads as missing. Entries are
never pruned: delete the folder to reclaim the space.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from generator.atomic import write_atomic

__all__ = ["BackgroundWrites", "EntryStore"]


class BackgroundWrites:
    """Files written atomically on one background thread."""

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


class EntryStore:
    """JSON entries under one folder, one file per key."""

    def __init__(self, folder: Path, *, warn: Callable[[str], None]) -> None:
        self.folder = folder
        self.warn = warn
        self._writes = BackgroundWrites()

    def path(self, key: str) -> Path:
        """The file of an entry."""
        return self.folder / key[:2] / f"{key}.json"

    def read(self, key: str) -> Any:
        """The entry's JSON data, or None when it is absent or unreadable."""
        try:
            return json.loads(self.path(key).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return None

    def write(self, key: str, text: str) -> None:
        """Keep text (JSON) as the entry of key, in the background."""
        self._writes.submit(self.path(key), text)

    def write_file(self, path: Path, text: str) -> None:
        """Write another file of the cache (an index) in the same background queue."""
        self._writes.submit(path, text)

    def close(self) -> None:
        """Wait for the writes; a failed write is a warning (the next run misses)."""
        self._writes.close(self.folder, self.warn)
