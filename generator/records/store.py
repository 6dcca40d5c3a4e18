"""The record store: reads and validates ``content/``, writes records atomically.

Loading is two-phase: every file is parsed and checked against its JSON Schema, then every
reference between records is resolved. All problems are collected and reported together
as ``path:line: field: message``, with the line taken from the YAML node marks.

Loading is built for thousands of records: libyaml parses (``yaml_load``), a quick check
compiled from each schema clears valid records (``schema_check``; jsonschema only words
what is wrong), and a record's lines are found only when it has a problem to report.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from generator import edtf
from generator.errors import ContentError, Problem, TypologyError
from generator.model import KINDS, Catalog, build_catalog
from generator.records.folder import record_entries
from generator.records.schema_check import QuickCheck, compile_quick_check
from generator.records.yaml_load import field_lines, parse_document
from generator.typology import USER_FILE, load_typology

if TYPE_CHECKING:
    import jsonschema

SCHEMA_NAMES = {
    "events": "event",
    "actors": "actor",
    "agreements": "agreement",
    "sources": "source",
}

# Which fields of which kind refer to records of which kind.
REFERENCES: dict[str, dict[str, str]] = {
    "events": {"actors": "actors", "places": "actors", "agreements": "agreements"},
    "agreements": {
        "parties": "actors",
        "signatories": "actors",
        "mediators": "actors",
        "events": "events",
        "sources": "sources",
    },
}


@dataclass
class LoadedRecord:
    """A record's data with where it came from, and its text to find the line of a field."""

    kind: str
    path: str
    data: dict[str, Any]
    text: str = field(default="", repr=False)

    @cached_property
    def lines(self) -> dict[tuple[Any, ...], int]:
        """The line of each field path (1-based), from a second parse when first asked for.

        Most records have no problem to report, so most never pay for their lines.
        """
        return field_lines(parse_document(self.text)[0])

    def line_of(self, path: Iterable[Any]) -> int:
        """The line of the deepest known node on a field path (1-based)."""
        key = tuple(path)
        while key and key not in self.lines:
            key = key[:-1]
        return self.lines.get(key, 1)


@cache
def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema shipped in the package for one record kind."""
    text = resources.files("generator.schemas").joinpath(f"{SCHEMA_NAMES[kind]}.schema.json")
    return dict(json.loads(text.read_text(encoding="utf-8")))


@cache
def _validator(kind: str) -> jsonschema.protocols.Validator:
    import jsonschema  # only for a record the quick check does not clear (tens of ms)

    schema = schema_for(kind)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)  # type: ignore[no-any-return]


# The fields that hold EDTF dates, in any kind of record.
_DATE_FIELDS = ("date", "end", "effective", "published")


@cache
def _quick_validator(kind: str) -> QuickCheck | None:
    return compile_quick_check(schema_for(kind))


def parse_record(text: str, *, kind: str, path: str) -> tuple[LoadedRecord | None, list[Problem]]:
    """Parse one record's YAML and check it against its schema and date rules."""
    try:
        data = parse_document(text)[1]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(error, "problem", None) or str(error)
        return None, [Problem(path, line, "", f"YAML syntax error: {reason}")]
    if not isinstance(data, dict):
        return None, [Problem(path, 1, "", "expected a mapping of fields (key: value)")]
    record = LoadedRecord(kind=kind, path=path, data=data, text=text)
    return record, _schema_problems(record)


def _schema_problems(record: LoadedRecord) -> list[Problem]:
    problems = []
    quick = _quick_validator(record.kind)
    valid = quick is not None and quick(record.data)
    for error in () if valid else _validator(record.kind).iter_errors(record.data):
        location = list(error.absolute_path)
        if error.validator == "required":
            missing = str(error.message).split("'")[1] if "'" in error.message else ""
            location = [*location, missing]
        name = ".".join(str(part) for part in location) or "(record)"
        problems.append(
            Problem(record.path, record.line_of(error.absolute_path), name, _explain(error))
        )
    for key in _DATE_FIELDS:
        value = record.data.get(key)
        if value:
            try:
                edtf.parse_span(str(value))
            except edtf.EdtfError as error:
                problem = Problem(record.path, record.line_of([key]), key, str(error))
                if problem not in problems:
                    problems = [p for p in problems if p.field != key] + [problem]
    stem = Path(record.path).stem
    if record.data.get("id") and str(record.data["id"]) != stem:
        problems.append(
            Problem(
                record.path,
                record.line_of(["id"]),
                "id",
                f"id {record.data['id']!r} does not match the file name {stem!r}",
            )
        )
    return problems


def _explain(error: jsonschema.ValidationError) -> str:
    if error.validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"unknown value {error.instance!r}; expected one of: {allowed}"
    path = error.absolute_path
    if error.validator == "pattern" and path and str(path[-1]) in _DATE_FIELDS:
        return f"expected an ISO date (2020, 2020-11 or 2020-11-09), got {error.instance!r}"
    if error.validator == "required":
        return "required field is missing"
    return str(error.message)


def read_content(root: Path) -> tuple[dict[str, list[LoadedRecord]], list[Problem]]:
    """Parse every record under root/<kind>/*.yml; collect every problem on the way."""
    records: dict[str, list[LoadedRecord]] = {kind: [] for kind in KINDS}
    problems: list[Problem] = []
    for kind in KINDS:
        for file, shown in _record_files(root / kind):
            try:
                with open(file, encoding="utf-8") as stream:
                    text = stream.read()
            except (OSError, UnicodeDecodeError) as error:
                problems.append(Problem(shown, 0, "", f"cannot read: {error}"))
                continue
            record, found = parse_record(text, kind=kind, path=shown)
            problems.extend(found)
            if record is not None:
                records[kind].append(record)
    return records, problems


def _record_files(folder: Path) -> list[tuple[str, str]]:
    """Each record file of a folder, in name order: its path, and the path problems show."""
    entries = record_entries(folder)
    # A name joins onto a folder the same way whatever the name: join once, then add names.
    base = str(folder / "_")[:-1]
    shown = str(Path(_display_path(folder), "_"))[:-1]
    return [
        (base + name, _display_path(Path(base + name)) if link else shown + name)
        for name, link in entries
    ]


def _display_path(file: Path) -> str:
    try:
        return str(file.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(file)


def check_references(records: Mapping[str, list[LoadedRecord]]) -> list[Problem]:
    """Duplicate ids and references to records that do not exist."""
    problems: list[Problem] = []
    known: dict[str, set[str]] = {}
    for kind, items in records.items():
        seen: dict[str, str] = {}
        for record in items:
            record_id = str(record.data.get("id", ""))
            if record_id in seen:
                problems.append(
                    Problem(
                        record.path,
                        record.line_of(["id"]),
                        "id",
                        f"duplicate id {record_id!r}, also used by {seen[record_id]}",
                    )
                )
            seen[record_id] = record.path
        known[kind] = set(seen)
    for kind, fields in REFERENCES.items():
        for record in records.get(kind, []):
            for name, target in fields.items():
                for index, ref in enumerate(record.data.get(name) or ()):
                    if str(ref) not in known.get(target, set()):
                        problems.append(
                            Problem(
                                record.path,
                                record.line_of([name, index]),
                                f"{name}.{index}",
                                f"unknown {target[:-1]} {ref!r}",
                            )
                        )
    for record in records.get("events", []):
        for index, claim in enumerate(record.data.get("sources") or ()):
            ref = claim.get("source") if isinstance(claim, dict) else None
            if ref is not None and str(ref) not in known.get("sources", set()):
                problems.append(
                    Problem(
                        record.path,
                        record.line_of(["sources", index, "source"]),
                        f"sources.{index}.source",
                        f"unknown source {ref!r}",
                    )
                )
    return problems


def check_types(records: Mapping[str, list[LoadedRecord]], root: Path) -> list[Problem]:
    """Events whose type is not in the typology (the package's, extended by root's own)."""
    try:
        names = load_typology(root).names()
    except TypologyError as error:
        return [Problem(str(root / USER_FILE), 0, "", str(error).split(": ", 1)[-1])]
    problems = []
    for record in records.get("events", []):
        kind = record.data.get("type")
        if isinstance(kind, str) and kind not in names:
            allowed = ", ".join(names)
            message = f"unknown value {kind!r}; expected one of: {allowed}"
            problems.append(Problem(record.path, record.line_of(["type"]), "type", message))
    return problems


def load_catalog(root: Path) -> Catalog:
    """Read, validate and index every record under root; raise ContentError listing all problems."""
    records, problems = read_content(root)
    problems.extend(check_references(records))
    problems.extend(check_types(records, root))
    if problems:
        raise ContentError(sorted(set(problems)))
    return build_catalog({kind: [r.data for r in items] for kind, items in records.items()})


def dump_record(data: Mapping[str, Any]) -> str:
    """A record as readable YAML: keys in contract order, unicode kept, long lines folded."""
    return yaml.dump(
        dict(data),
        Dumper=_DUMPER,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


# libyaml's emitter writes the same YAML as PyYAML's pure-Python one, many times faster.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
