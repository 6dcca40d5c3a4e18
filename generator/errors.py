"""The project's exception classes, in one place.

Library code raises these; only the command line (``generator.cli``) turns them into
``click`` exceptions and only the MkDocs adapter (``generator.site``) into ``PluginError``,
so no stage depends on either front end.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "AnalysisError",
    "ArticleError",
    "ContentError",
    "EdtfError",
    "ExecutorError",
    "FolderLocked",
    "MarkupError",
    "ModelError",
    "PagefindMissing",
    "Problem",
    "TypologyError",
    "UndecodableError",
    "one_line",
]


class ArticleError(Exception):
    """A file (or jsonl line) that cannot be read; the message names it and says why."""


class UndecodableError(ArticleError, ValueError):
    """Bytes that are not text (binary) or not in their declared encoding. Raised by
    `generator.ingest.decoding.decode_bytes`, which does not know the file name: callers
    add it."""


class MarkupError(ValueError):
    """Input that cannot be read (bad front matter, a bad .jsonl line)."""


class EdtfError(ValueError):
    """A string that is not an EDTF date this tool understands."""


class ModelError(Exception):
    """The spaCy model cannot be loaded; the message says which and what to do."""


class AnalysisError(Exception):
    """The analysis cannot run at all (its worker processes die before analysing anything)."""


class ExecutorError(Exception):
    """The executor asked for cannot run (Dask not installed, no scheduler at the address);
    the message says what to do."""


class FolderLocked(Exception):
    """Another run holds the lock of a content folder; the message names the folder and it."""


class TypologyError(Exception):
    """An event typology file that cannot be used; the message names the file and why."""


class PagefindMissing(Exception):
    """The Pagefind binary is not installed."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one record, located to a line."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        if self.field:
            return f"{where}: {self.field}: {self.message}"
        return f"{where}: {self.message}"


class ContentError(Exception):
    """content/ has problems; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def one_line(error: BaseException) -> str:
    """An exception as one line, 'ValueError: max() arg is an empty sequence', for a warning
    that names what failed without a traceback."""
    lines = str(error).strip().splitlines()
    message = lines[0].strip() if lines else ""
    if len(message) > 200:
        message = message[:199] + "…"
    name = type(error).__name__
    return f"{name}: {message}" if message else name
