"""The event typology: which types an event may have and which words tell each of them.

The types and their trigger words live in a data file (``generator/data/event_types.yml``,
documented there); a content folder may extend them with an ``event_types.yml`` of its own
in the same form. Extraction reads the triggers; the record store checks every event's
type against the names.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from generator.errors import TypologyError

__all__ = ["USER_FILE", "EventType", "Typology", "default_typology", "load_typology"]

# The name of a content folder's own extension of the typology.
USER_FILE = "event_types.yml"

_NOUNS = frozenset({"NOUN", "PROPN"})
_VERBS = frozenset({"VERB"})


@dataclass(frozen=True)
class EventType:
    """One type: its name, what it covers, and its trigger lemmas by part of speech."""

    name: str
    description: str = ""
    words: frozenset[str] = frozenset()
    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()


_Index = dict[str, list[tuple[int, str, frozenset[str] | None]]]


@dataclass(frozen=True)
class Typology:
    """The types in order of precedence, and the verbs that take their type from a noun."""

    types: tuple[EventType, ...]
    light_verbs: frozenset[str] = frozenset()
    # trigger nouns that name people, things or amounts, not happenings ("the 2023 rover")
    not_happenings: frozenset[str] = frozenset()
    # lemma -> [(rank, type, the parts of speech it counts in, or None for any)]
    _index: _Index = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        index: _Index = {}
        for rank, kind in enumerate(self.types):
            for words, parts in ((kind.words, None), (kind.verbs, _VERBS), (kind.nouns, _NOUNS)):
                for word in words:
                    index.setdefault(word, []).append((rank, kind.name, parts))
        object.__setattr__(self, "_index", index)

    def names(self) -> tuple[str, ...]:
        """Every type name, in order of precedence."""
        return tuple(t.name for t in self.types)

    def rank(self, lemma: str, pos: str) -> tuple[int, str] | None:
        """The (rank, type) a word triggers as this part of speech, or None."""
        for rank, name, parts in self._index.get(lemma, ()):
            if parts is None or pos in parts:
                return rank, name
        return None

    def happening(self, lemma: str) -> bool:
        """Whether a trigger noun can name a happening ('the 1918 pandemic', not 'GM's 2008
        revenue')."""
        return lemma not in self.not_happenings

    def digest(self) -> str:
        """A hash of the whole typology (cache keys depend on it)."""
        data = [[t.name, sorted(t.words), sorted(t.verbs), sorted(t.nouns)] for t in self.types]
        payload = json.dumps([data, sorted(self.light_verbs), sorted(self.not_happenings)]).encode()
        return hashlib.sha256(payload).hexdigest()


def _words(value: Any, where: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise TypologyError(f"{where}: expected a list of words")
    return frozenset(w.strip().lower() for w in value if w.strip())


class _Parsed(NamedTuple):
    types: list[EventType]
    light_verbs: frozenset[str]
    not_happenings: frozenset[str]


def _parse(text: str, source: str) -> _Parsed:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise TypologyError(f"{source}{line}: not valid YAML") from None
    if not isinstance(data, dict) or not isinstance(data.get("types", {}), dict):
        raise TypologyError(f"{source}: expected `types:` mapping each type to its words")
    types = []
    for name, entry in (data.get("types") or {}).items():
        entry = entry or {}
        if not isinstance(name, str) or not name.replace("-", "").isalnum() or name != name.lower():
            raise TypologyError(f"{source}: types: {name!r} is not a lower-case name")
        if not isinstance(entry, dict):
            raise TypologyError(f"{source}: types.{name}: expected a mapping")
        where = f"{source}: types.{name}"
        types.append(
            EventType(
                name=name,
                description=str(entry.get("description") or ""),
                words=_words(entry.get("words"), f"{where}.words"),
                verbs=_words(entry.get("verbs"), f"{where}.verbs"),
                nouns=_words(entry.get("nouns"), f"{where}.nouns"),
            )
        )
    return _Parsed(
        types,
        _words(data.get("light_verbs"), f"{source}: light_verbs"),
        _words(data.get("not_happenings"), f"{source}: not_happenings"),
    )


def _merge(base: Typology, parsed: _Parsed) -> Typology:
    """base with the extra types appended and the extra words added to known types."""
    extra = parsed.types
    known = {t.name: t for t in base.types}
    added = [t for t in extra if t.name not in known]
    merged = []
    for kind in base.types:
        more = next((t for t in extra if t.name == kind.name), None)
        if more is not None:
            kind = EventType(
                kind.name,
                more.description or kind.description,
                kind.words | more.words,
                kind.verbs | more.verbs,
                kind.nouns | more.nouns,
            )
        merged.append(kind)
    # "other" stays last: it is what nothing else fits
    tail = [t for t in merged if t.name == "other"]
    merged = [t for t in merged if t.name != "other"] + added + tail
    return Typology(
        tuple(merged),
        base.light_verbs | parsed.light_verbs,
        base.not_happenings | parsed.not_happenings,
    )


@cache
def default_typology() -> Typology:
    """The typology shipped with the package."""
    text = resources.files("generator.data").joinpath("event_types.yml").read_text("utf-8")
    parsed = _parse(text, "generator/data/event_types.yml")
    return Typology(tuple(parsed.types), parsed.light_verbs, parsed.not_happenings)


def load_typology(content_dir: Path | None = None) -> Typology:
    """The package's typology, extended by ``<content_dir>/event_types.yml`` when there is one.

    Raises TypologyError naming the file (and line) when that file cannot be used."""
    base = default_typology()
    if content_dir is None:
        return base
    path = content_dir / USER_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return base
    except (OSError, UnicodeDecodeError) as error:
        raise TypologyError(f"{path}: cannot read: {error}") from None
    return _merge(base, _parse(text, str(path)))
