"""The last completed run of a content folder, to skip a run that would change nothing.

When every article is in the cache, everything an extraction depends on can be hashed
(`inputs_key`): the articles' cache keys and the actors people edited. If that hash and
the list of records in content/ are those of the last completed run, the new extraction
would equal the last generated records exactly, and a three-way merge against an
unchanged base leaves every record as it is: the run can stop before loading spaCy.

The record of the last run lives in the content folder's own state folder, next to its
merge base (``<content>/.chronology/generated/.last-run.json``): the cache is shared by
every content folder of a project, a last run is not.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.atomic import write_atomic
from generator.cache.mentions import MentionCache
from generator.model import Article
from generator.records.folder import listing

LAST_RUN = ".last-run.json"  # dot-prefixed: never taken for a record


def inputs_key(articles: Iterable[Article], cache: MentionCache, known: list[Any]) -> str:
    """Everything an extraction's output depends on, once every article is in the cache."""
    digest = hashlib.sha256()
    for article in articles:
        digest.update(f"{article.id}\0{cache.key(article)}\n".encode())
    digest.update(json.dumps(known, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def last_run(inputs: str, content_dir: Path, state_dir: Path | None) -> str | None:
    """The summary of the last completed run on content_dir, whose merge base is state_dir,
    when nothing it depends on has changed since."""
    if state_dir is None or not state_dir.is_dir():
        return None
    try:
        saved = json.loads((state_dir / LAST_RUN).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if saved.get("inputs") != inputs or saved.get("listing") != listing(content_dir):
        return None
    return str(saved.get("summary", ""))


def remember_run(inputs: str, summary: str, content_dir: Path, state_dir: Path) -> None:
    """Record a completed run (after its records were written) for `last_run` to compare."""
    if not inputs:
        return
    data = {"inputs": inputs, "listing": listing(content_dir), "summary": summary}
    write_atomic(state_dir / LAST_RUN, json.dumps(data))
