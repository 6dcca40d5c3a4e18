"""The records stage: the extraction's records -> content/, without losing an editor's work.

Every record the extraction produces is merged with the file in ``content/<kind>/`` by a
three-way merge (``generator.records.merge``) against the version the extraction produced last
time, which is kept in the content folder's own state folder (``<content>/.chronology/
generated/``, mirroring content/'s layout; see `generator.records.state`). That base tells
an edit from an extraction change:

- a new record is written; a record the editor deleted stays deleted;
- a record the editor created by hand only gains list items new in the extraction;
- otherwise each field the editor changed keeps the editor's value, each field only the
  extraction changed takes the new value, and lists merge item by item;
- a file the editor broke (invalid YAML) is left alone and reported.

Files are written through ``store.write_atomic``; an untouched file is never rewritten.
A re-run mostly produces the records of the last one: their YAML is then taken from the
state folder instead of being dumped again (see `_Dumps`).
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from generator.atomic import write_atomic
from generator.model import KINDS
from generator.records import store
from generator.records.folder import record_ids, record_names
from generator.records.store import REFERENCES, dump_record, parse_record
from generator.records.yaml_load import load_yaml
from generator.slugs import slugify

# Sources first: a run cut short leaves fewer references to records not yet written.
_WRITE_ORDER = ("sources", "actors", "agreements", "events")
_ID_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-")


@dataclass
class SyncReport:
    """What a sync did, as ``kind/id`` strings (conflicts as ``kind/id: field``)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_deleted: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line of counts, then one line per conflict and per orphaned record."""
        counts = [
            f"{len(self.created)} created",
            f"{len(self.updated)} updated",
            f"{len(self.unchanged)} unchanged",
            f"{len(self.kept_deleted)} kept deleted",
            f"{len(self.conflicts)} conflicts",
        ]
        lines = ["records: " + ", ".join(counts)]
        lines += [f"  conflict (the editor's version kept): {item}" for item in self.conflicts]
        lines += [f"  no longer extracted (left in content/): {item}" for item in self.orphaned]
        return "\n".join(lines)


def sync_records(
    generated: Mapping[str, list[dict[str, Any]]], *, content_dir: Path, state_dir: Path
) -> SyncReport:
    """Merge the extraction's records into content_dir, keeping every editor's change.

    generated maps a kind (events, actors, agreements, sources) to its records as the
    extraction produced them now. state_dir keeps the previous extraction (the merge base);
    it is updated after content_dir, to what was generated.
    """
    unknown = set(generated) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown record kinds: {', '.join(sorted(unknown))}")
    theirs = remap_merged_actors(generated, content_dir)
    deleted = {
        kind: record_ids(state_dir / kind) - record_ids(content_dir / kind) for kind in KINDS
    }
    theirs = _drop_references(theirs, deleted)
    report = SyncReport()
    dumps = _Dumps(state_dir)
    for kind in _WRITE_ORDER:
        seen: set[str] = set()
        for record in theirs.get(kind, []):
            record_id = str(record.get("id", ""))
            if not record_id or set(record_id) - _ID_CHARS or record_id.startswith("-"):
                report.conflicts.append(f"{kind}/{record_id}: not a valid id, not written")
                continue
            if record_id in seen:
                report.conflicts.append(f"{kind}/{record_id}: extracted twice, second ignored")
                continue
            seen.add(record_id)
            _sync_one(kind, record_id, record, content_dir, state_dir, report, dumps)
        for record_id in sorted(
            (record_ids(state_dir / kind) & record_ids(content_dir / kind)) - seen
        ):
            report.orphaned.append(f"{kind}/{record_id}")
    dumps.save()
    return report


def _sync_one(
    kind: str,
    record_id: str,
    record: Mapping[str, Any],
    content_dir: Path,
    state_dir: Path,
    report: SyncReport,
    dumps: _Dumps,
) -> None:
    name = f"{kind}/{record_id}"
    state_path = state_dir / kind / f"{record_id}.yml"
    state_text = _read_text(state_path)
    content_path = _content_path(content_dir / kind, record_id)
    text = _read_text(content_path)
    state_text = _recovered_state(state_path, state_text, text)
    generated_text = dumps.text(record, state_text)
    if text is None and content_path.exists():
        report.conflicts.append(f"{name}: not merged, cannot read {content_path}")
        return
    noted = False  # whether this run noted its intent to write the record
    if text is None:
        if state_text is not None:
            report.kept_deleted.append(name)
        else:
            noted = _write_with_intent(content_path, state_path, generated_text)
            report.created.append(name)
    elif text == generated_text:
        report.unchanged.append(name)
    elif text == state_text:
        # Nobody edited the file since the last extraction: take the new one as it is.
        noted = _write_with_intent(content_path, state_path, generated_text)
        report.updated.append(name)
    else:
        outcome = _merge_file(content_path, text, kind, state_text, generated_text)
        report.conflicts += [f"{name}: {conflict}" for conflict in outcome.conflicts]
        if outcome.status == "broken":
            return  # the state stays as it was, so the merge happens once the file is fixed
        getattr(report, outcome.status).append(name)
    if generated_text != state_text:
        write_atomic(state_path, generated_text)
    if noted:  # the base says so now
        _intent_path(state_path).unlink(missing_ok=True)


def _intent_path(state_path: Path) -> Path:
    """Where a sync notes the text it is about to write to a record, until the record's
    merge base says so too (a dot file: no reader takes it for a record)."""
    return state_path.with_name(f".{state_path.name}.next")


def _write_with_intent(content_path: Path, state_path: Path, text: str) -> bool:
    """Write a record as generated, noting first that it is the extraction's own text: a
    run killed after this write and before the base is updated leaves the note, and the
    next run knows the file as generated, not as edited by hand. True (a note was left)."""
    intent = _intent_path(state_path)
    intent.parent.mkdir(parents=True, exist_ok=True)
    intent.write_text(text, encoding="utf-8")  # no flush to disk: it outlives a killed process
    write_atomic(content_path, text)
    return True


def _recovered_state(state_path: Path, state_text: str | None, text: str | None) -> str | None:
    """The merge base of a record: the base on disk, or the text a killed run wrote to the
    record without updating its base, when the record still holds exactly that text."""
    intent = _intent_path(state_path)
    noted = _read_text(intent)
    if noted is None:
        return state_text
    intent.unlink(missing_ok=True)
    return noted if text == noted else state_text


def _generated_ids(kind: str, state_dir: Path) -> set[str]:
    """The ids of the records of a kind the last extraction generated."""
    return record_ids(state_dir / kind)


class _Dumps:
    """``dump_record`` remembered from the last run, whose YAML the state folder holds.

    A file in the state folder maps each record's fingerprint to the hash of its YAML. The
    fingerprint hashes the record's ``repr``, which keeps key order and tells 1 from 1.0
    and True; the state file's text is taken only when its hash is the remembered one.
    A change to the store module or to PyYAML (`_dump_stamp`) forgets everything.
    """

    def __init__(self, state_dir: Path) -> None:
        self.path = state_dir / _DUMPS
        self.known = self._load()
        self.seen: dict[str, str] = {}

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("stamp") != _dump_stamp():
            return {}
        dumps = data.get("dumps")
        return dumps if isinstance(dumps, dict) else {}

    def text(self, record: Mapping[str, Any], state_text: str | None) -> str:
        """dump_record(record): state_text when that is what it gave last time."""
        key = _digest(repr(record))
        if state_text is not None and self.known.get(key) == _digest(state_text):
            text = state_text
        else:
            text = dump_record(record)
        self.seen[key] = _digest(text)
        return text

    def save(self) -> None:
        """Keep this run's fingerprints for the next one (when they changed)."""
        if self.seen != self.known:
            data = {"stamp": _dump_stamp(), "dumps": self.seen}
            write_atomic(self.path, json.dumps(data, sort_keys=True))


_DUMPS = ".dumps.json"  # dot-prefixed: never taken for a record


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@cache
def _dump_stamp() -> str:
    """What dump_record's output depends on besides the record: its code and PyYAML's."""
    libyaml = yaml._yaml.get_version_string() if yaml.__with_libyaml__ else ""
    versions = f"{yaml.__version__} {libyaml}".encode()
    return hashlib.sha256(Path(store.__file__).read_bytes() + versions).hexdigest()


@dataclass
class _Outcome:
    status: str  # "updated", "unchanged", or "broken": not merged, the state is kept
    conflicts: list[str]


def _merge_file(
    path: Path, text: str, kind: str, state_text: str | None, generated_text: str
) -> _Outcome:
    """Three-way merge of one edited file; writes it when the merge changes it."""
    try:
        ours = load_yaml(text)
    except Exception:  # noqa: BLE001 - parse_record below says what is wrong
        ours = None
    if not isinstance(ours, dict):
        _, problems = parse_record(text, kind=kind, path=str(path))
        reason = "; ".join(str(problem) for problem in problems) or "cannot be read as YAML"
        return _Outcome("broken", [f"not merged, fix the file first: {reason}"])
    # ruamel.yaml loads only for a file that needs merging, which a re-run seldom has.
    from generator.records.merge import merge_record, update_yaml_text

    base = _load_state(state_text)
    result = merge_record(base, ours, load_yaml(generated_text))
    if result.data == ours:
        return _Outcome("unchanged", result.conflicts)
    new_text = update_yaml_text(text, ours, result.data)
    _, old_problems = parse_record(text, kind=kind, path=str(path))
    _, new_problems = parse_record(new_text, kind=kind, path=str(path))
    added = _problem_keys(new_problems) - _problem_keys(old_problems)
    if added:
        reason = "; ".join(sorted(f"{field}: {message}" for field, message in added))
        return _Outcome("broken", [f"not merged, the result would be invalid: {reason}"])
    write_atomic(path, new_text)
    return _Outcome("updated", result.conflicts)


def _problem_keys(problems: Iterable[Any]) -> set[tuple[str, str]]:
    return {(problem.field, problem.message) for problem in problems}


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _load_state(text: str | None) -> dict[str, Any] | None:
    """The last generated version of a record; None when missing or damaged."""
    if text is None:
        return None
    try:
        data = load_yaml(text)
    except Exception:  # noqa: BLE001 - a damaged state file only costs the merge base
        return None
    return data if isinstance(data, dict) else None


def _content_path(folder: Path, record_id: str) -> Path:
    for suffix in (".yml", ".yaml"):
        candidate = folder / f"{record_id}{suffix}"
        if candidate.exists():
            return candidate
    return folder / f"{record_id}.yml"


def _actor_fields() -> dict[str, list[str]]:
    """Fields that hold actor ids, per kind."""
    fields: dict[str, list[str]] = {}
    for kind, references in REFERENCES.items():
        fields[kind] = [name for name, target in references.items() if target == "actors"]
    return fields


def _name_keys(text: str) -> set[str]:
    return {" ".join(text.casefold().split()), slugify(text)}


def remap_merged_actors(
    generated: Mapping[str, list[dict[str, Any]]], content_dir: Path
) -> dict[str, list[dict[str, Any]]]:
    """Point references to actors an editor merged into another at the actor kept.

    An actor the extraction produces that is not in content/actors, but whose id or name
    is the name or an alias of exactly one actor there, is that actor: an editor merged
    it (deleted it and added its name to the other's aliases). Its record is dropped and
    every reference to it is replaced by the kept actor's id. Returns a new mapping: of
    copies of the records when an actor was remapped, else of the records given.
    """
    index: dict[str, set[str]] = {}
    existing: set[str] = set()
    folder = content_dir / "actors"
    for name in record_names(folder):
        path = folder / name
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        data = _actor_data(text, path)
        if data is None:
            continue
        actor_id = str(data.get("id") or path.stem)
        existing.add(actor_id)
        names = [actor_id, str(data.get("name") or "")]
        names += [str(alias) for alias in data.get("aliases") or () if alias]
        for name in names:
            for key in _name_keys(name) if name else ():
                index.setdefault(key, set()).add(actor_id)

    extracted = {str(actor.get("id")): actor for actor in generated.get("actors", [])}
    fields = _actor_fields()
    referenced = set(extracted)
    for kind, names in fields.items():
        for record in generated.get(kind, []):
            for name in names:
                referenced.update(str(ref) for ref in record.get(name) or ())
    mapping: dict[str, str] = {}
    for actor_id in sorted(referenced - existing):
        # Its id and name, not its aliases: two actors may share an alias ("Baku").
        names = [actor_id, str(extracted.get(actor_id, {}).get("name") or "")]
        candidates = set().union(*(index.get(key, set()) for n in names for key in _name_keys(n)))
        if len(candidates) == 1:
            mapping[actor_id] = candidates.pop()

    if not mapping:
        return {kind: list(records) for kind, records in generated.items()}
    result = {kind: copy.deepcopy(list(records)) for kind, records in generated.items()}
    result["actors"] = [a for a in result.get("actors", []) if str(a.get("id")) not in mapping]
    for kind, names in fields.items():
        for item in result.get(kind, []):
            for name in names:
                if item.get(name):
                    item[name] = _unique(mapping.get(str(ref), ref) for ref in item[name])
    return result


def _actor_data(text: str, path: Path) -> dict[str, Any] | None:
    """The fields of an actor record, None when it is not a mapping.

    What parse_record reads, without checking the schema: libyaml, and PyYAML only for a
    text libyaml refuses.
    """
    try:
        data = load_yaml(text)
    except yaml.YAMLError:
        loaded, _ = parse_record(text, kind="actors", path=str(path))
        data = None if loaded is None else loaded.data
    return data if isinstance(data, dict) else None


def _unique(items: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(items))


def _drop_references(
    generated: Mapping[str, list[dict[str, Any]]], deleted: Mapping[str, set[str]]
) -> dict[str, list[dict[str, Any]]]:
    """The records without references to records an editor deleted.

    An event left with no source at all (every article it came from was deleted) is dropped.
    """
    result: dict[str, list[dict[str, Any]]] = {}
    for kind, records in generated.items():
        kept = []
        for original in records:
            record = dict(original)
            for name, target in REFERENCES.get(kind, {}).items():
                if record.get(name) and deleted.get(target):
                    record[name] = [ref for ref in record[name] if str(ref) not in deleted[target]]
            if kind == "events" and record.get("sources") and deleted.get("sources"):
                gone = deleted["sources"]
                claims = [
                    claim
                    for claim in record["sources"]
                    if not (isinstance(claim, Mapping) and str(claim.get("source")) in gone)
                ]
                if not claims:
                    continue
                record["sources"] = claims
            kept.append(record)
        result[kind] = kept
    return result
