"""The article: what the ingest stage hands to the later stages, and the error it
raises for a file it cannot read."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Article", "ArticleError"]


@dataclass(frozen=True)
class Article:
    """One article as the later stages see it."""

    id: str
    file: str
    sha256: str
    title: str
    text: str
    published: str | None
    published_how: str
    published_confidence: float
    published_candidates: tuple[str, ...]
    publisher: str | None
    dateline: str | None
    url: str | None


class ArticleError(Exception):
    """A file (or jsonl line) that cannot be read; the message names it and says why."""
