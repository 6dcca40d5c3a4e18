"""Properties of the records stage: whatever an editor does, a re-extraction loses none of it.

Hypothesis draws an extraction, a set of editor edits, and a second extraction that adds,
removes and changes records; after the sync every edit is still there, every record still
validates, and the extraction's changes reached every record the editor did not touch.
"""

from __future__ import annotations

import copy
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.records.store import REFERENCES, check_references, dump_record, read_content
from generator.records.sync import sync_records
from generator.records.yaml_load import load_yaml

Records = dict[str, list[dict[str, Any]]]

WORDS = st.sampled_from(["talks", "truce", "border", "summit", "corridor", "statement", "visit"])
TEXT = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
DATES = st.sampled_from(["2020", "2020-11", "2020-11-09", "2021-01-11", "2022-10-31"])
TYPES = st.sampled_from(["meeting", "call", "statement", "ceasefire", "visit"])


def _consistent(records: Records) -> Records:
    """Drop references to missing records, and events left without a source."""
    known = {kind: {r["id"] for r in items} for kind, items in records.items()}
    for kind, fields in REFERENCES.items():
        for record in records.get(kind, []):
            for name, target in fields.items():
                if name in record:
                    record[name] = [ref for ref in record[name] if ref in known[target]]
    for event in records["events"]:
        event["sources"] = [c for c in event["sources"] if c["source"] in known["sources"]]
    records["events"] = [event for event in records["events"] if event["sources"]]
    return records


@st.composite
def extractions(draw: st.DrawFn, prefix: str = "") -> Records:
    """A consistent set of records as the extraction would produce it."""
    sources = [
        {"id": f"{prefix}source-{n}", "title": draw(TEXT), "published": draw(DATES)}
        for n in range(draw(st.integers(1, 3)))
    ]
    actors = [
        {
            "id": f"{prefix}actor-{n}",
            "name": f"Actor {prefix}{n}",
            "kind": draw(st.sampled_from(["person", "country", "group"])),
            "aliases": draw(st.lists(st.sampled_from(["Alpha", "Bravo", "Charlie"]), unique=True)),
        }
        for n in range(draw(st.integers(1, 4)))
    ]
    actor_ids = [a["id"] for a in actors]
    source_ids = [s["id"] for s in sources]
    events = []
    for n in range(draw(st.integers(1, 5))):
        event: dict[str, Any] = {
            "id": f"{prefix}event-{n}",
            "date": draw(DATES),
            "title": draw(TEXT),
            "type": draw(TYPES),
            "actors": draw(st.lists(st.sampled_from(actor_ids), unique=True, max_size=3)),
            "sources": [
                {"source": source, "quote": draw(TEXT), "date_text": draw(st.none() | TEXT)}
                for source in draw(st.lists(st.sampled_from(source_ids), min_size=1, unique=True))
            ],
        }
        if draw(st.booleans()):
            event["summary"] = draw(TEXT)
        events.append(event)
    agreements = [
        {
            "id": f"{prefix}agreement-{n}",
            "title": draw(TEXT),
            "parties": draw(st.lists(st.sampled_from(actor_ids), unique=True, max_size=2)),
            "events": draw(
                st.lists(st.sampled_from([e["id"] for e in events]), unique=True, max_size=2)
            ),
        }
        for n in range(draw(st.integers(0, 2)))
    ]
    return {"sources": sources, "actors": actors, "agreements": agreements, "events": events}


@st.composite
def _changed_list(draw: st.DrawFn, items: list[str], choices: list[str]) -> list[str]:
    """items as a later extraction may see them: the same, one more, one fewer, or new."""
    how = draw(st.sampled_from(["same", "add", "add", "drop", "new"]))
    if how == "add" and choices:
        return list(dict.fromkeys([*items, draw(st.sampled_from(choices))]))
    if how == "drop" and items:
        gone = draw(st.sampled_from(items))
        return [item for item in items if item != gone]
    if how == "new" and choices:
        return draw(st.lists(st.sampled_from(choices), unique=True))
    return list(items)


@st.composite
def reextractions(draw: st.DrawFn, first: Records) -> Records:
    """The first extraction after new articles: records added, removed and changed."""
    records = copy.deepcopy(first)
    added = draw(extractions(prefix="new-")) if draw(st.booleans()) else None
    for kind in list(records):
        items = records[kind]
        keep = draw(st.lists(st.booleans(), min_size=len(items), max_size=len(items)))
        # Removing most records would make a dull example: keep at least one of each.
        records[kind] = [r for r, k in zip(items, keep, strict=True) if k or r is items[0]]
    for event in records["events"]:
        if draw(st.booleans()):
            event["title"] = draw(TEXT)
        if draw(st.booleans()):
            event["summary"] = draw(TEXT)
        if draw(st.booleans()):
            event["date"] = draw(DATES)
        event["actors"] = draw(_changed_list(event["actors"], [a["id"] for a in records["actors"]]))
        if added and draw(st.booleans()):
            source = added["sources"][0]["id"]
            event["sources"].append({"source": source, "quote": draw(TEXT), "date_text": None})
    for actor in records["actors"]:
        actor["aliases"] = draw(
            _changed_list(actor["aliases"], ["Alpha", "Bravo", "Delta", "Echo"])
        )
    if added:
        for kind in records:
            records[kind] += added[kind]
    return _consistent(records)


@dataclass
class Expectations:
    """What the editor did, to be found again after the sync."""

    values: dict[tuple[str, str, str], Any] = field(default_factory=dict)
    present: set[tuple[str, str, str, str]] = field(default_factory=set)
    absent: set[tuple[str, str, str, str]] = field(default_factory=set)
    deleted: set[tuple[str, str]] = field(default_factory=set)
    comments: dict[tuple[str, str], str] = field(default_factory=dict)
    fields: set[tuple[str, str, str]] = field(default_factory=set)
    origin: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)

    def added(self, kind: str, record_id: str, name: str, item: Any) -> None:
        """The editor put item in a list: it must be there unless it already was."""
        self.fields.add((kind, record_id, name))
        self.absent.discard((kind, record_id, name, item))
        if item not in self.origin.get((kind, record_id), {}).get(name, []):
            self.present.add((kind, record_id, name, item))

    def removed(self, kind: str, record_id: str, name: str, item: Any) -> None:
        """The editor took item out of a list: it must stay out if it was there before."""
        self.fields.add((kind, record_id, name))
        self.present.discard((kind, record_id, name, item))
        if item in self.origin.get((kind, record_id), {}).get(name, []):
            self.absent.add((kind, record_id, name, item))


def _edit(draw: st.DrawFn, content: Records, expect: Expectations) -> None:
    """One random editor edit of content (plain data), recorded in expect."""
    kinds = [kind for kind in content if content[kind]]
    kind = draw(st.sampled_from(kinds))
    record = draw(st.sampled_from(content[kind]))
    key = (kind, record["id"])
    action = draw(
        st.sampled_from(["scalar", "add-item", "add-item", "remove-item", "delete", "field"])
    )
    if action == "scalar":
        name = {"events": "title", "actors": "name", "agreements": "title", "sources": "title"}
        value = "Edited " + draw(TEXT)
        record[name[kind]] = value
        expect.values[(*key, name[kind])] = value
    elif action == "add-item" and kind == "actors":
        alias = "Hand " + draw(TEXT)
        if alias not in record.setdefault("aliases", []):  # else it is no edit
            record["aliases"].append(alias)
            expect.added(*key, "aliases", alias)
    elif action == "add-item" and kind == "events" and content["actors"]:
        actor = draw(st.sampled_from([a["id"] for a in content["actors"]]))
        if actor not in record.setdefault("actors", []):
            record["actors"].append(actor)
            expect.added(*key, "actors", actor)
    elif action == "remove-item" and kind == "actors" and record.get("aliases"):
        alias = draw(st.sampled_from(record["aliases"]))
        record["aliases"].remove(alias)
        expect.removed(*key, "aliases", alias)
    elif action == "remove-item" and kind == "events" and record.get("actors"):
        actor = draw(st.sampled_from(record["actors"]))
        record["actors"].remove(actor)
        expect.removed(*key, "actors", actor)
    elif action == "delete" and kind != "sources":
        content[kind].remove(record)
        expect.deleted.add(key)
        # A careful editor also removes the references to what they deleted.
        for other_kind, fields in REFERENCES.items():
            for other in content.get(other_kind, []):
                for name, target in fields.items():
                    if target == kind and record["id"] in other.get(name, []):
                        other[name].remove(record["id"])
                        expect.removed(other_kind, other["id"], name, record["id"])
    elif action == "field":
        value = "Note: " + draw(TEXT)
        record["note"] = value
        expect.values[(*key, "note")] = value


def _write(root: Path, content: Records, expect: Expectations, draw: st.DrawFn) -> None:
    present = {(kind, r["id"]): r for kind, items in content.items() for r in items}
    for kind, record_id in expect.deleted:
        (root / kind / f"{record_id}.yml").unlink()
    for (kind, record_id), record in present.items():
        path = root / kind / f"{record_id}.yml"
        if load_yaml(path.read_text()) != record:
            path.write_text(dump_record(record), encoding="utf-8")
    commented = draw(st.lists(st.sampled_from(sorted(present)), max_size=3, unique=True))
    for kind, record_id in commented:
        path = root / kind / f"{record_id}.yml"
        lines = path.read_text().splitlines(keepends=True)
        tops = [i for i, line in enumerate(lines) if not line.startswith((" ", "-", "#"))]
        at = draw(st.sampled_from([*tops, len(lines)]))
        comment = f"# checked by editor {len(expect.comments)}\n"
        path.write_text("".join([*lines[:at], comment, *lines[at:]]), encoding="utf-8")
        expect.comments[(kind, record_id)] = comment


def _strip_deleted(record: dict[str, Any], kind: str, deleted: set[tuple[str, str]]) -> Any:
    record = copy.deepcopy(record)
    for name, target in REFERENCES.get(kind, {}).items():
        if name in record:
            record[name] = [ref for ref in record[name] if (target, ref) not in deleted]
    return load_yaml(dump_record(record))


def _assert_extraction_arrived(
    first: Records, second: Records, final: dict[tuple[str, str], Any], expect: Expectations
) -> None:
    """Every change of the extraction reached every field the editor did not touch.

    In the fields the editor did touch, the list items new in the extraction arrived too.
    """
    earlier = {(kind, r["id"]): r for kind, items in first.items() for r in items}
    edited = {(k, i, f) for k, i, f, *_ in expect.values} | expect.fields
    for kind, items in second.items():
        for record in items:
            key = (kind, record["id"])
            if key in expect.deleted:
                continue
            expected = _strip_deleted(record, kind, expect.deleted)
            before = earlier.get(key, {})
            for name, value in expected.items():
                if (*key, name) not in edited:
                    assert final[key].get(name) == value, (key, name)
                    continue
                if name == "sources":
                    new = {c["source"] for c in value} - {c["source"] for c in before[name]}
                    assert new <= {c["source"] for c in final[key][name]}, (key, name)
                elif isinstance(value, list):
                    new = set(value) - set(before.get(name, []))
                    assert new <= set(final[key].get(name, [])), (key, name)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_no_editor_edit_is_lost_and_every_record_stays_valid(data: st.DataObject) -> None:
    first = data.draw(extractions(), label="first extraction")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        content_dir, state_dir = root / "content", root / "state"
        sync_records(first, content_dir=content_dir, state_dir=state_dir)

        content = copy.deepcopy(first)
        expect = Expectations()
        expect.origin = {(kind, r["id"]): r for kind, items in first.items() for r in items}
        for _ in range(data.draw(st.integers(0, 8), label="edits")):
            _edit(data.draw, content, expect)
        _write(content_dir, content, expect, data.draw)
        second = data.draw(reextractions(first), label="second extraction")

        sync_records(second, content_dir=content_dir, state_dir=state_dir)

        records, problems = read_content(content_dir)
        assert problems == []
        assert check_references(records) == []
        final = {(kind, r.data["id"]): r.data for kind, items in records.items() for r in items}
        for key in expect.deleted:
            assert key not in final
        for (kind, record_id, name), value in expect.values.items():
            if (kind, record_id) not in expect.deleted:
                assert final[(kind, record_id)][name] == value
        for kind, record_id, name, item in expect.present:
            if (kind, record_id) not in expect.deleted:
                assert item in final[(kind, record_id)].get(name, []), (kind, record_id, name, item)
        for kind, record_id, name, item in expect.absent:
            if (kind, record_id) not in expect.deleted:
                assert item not in final[(kind, record_id)].get(name, []), (kind, record_id, item)
        for (kind, record_id), comment in expect.comments.items():
            if (kind, record_id) not in expect.deleted:
                assert comment in (content_dir / kind / f"{record_id}.yml").read_text()
        _assert_extraction_arrived(first, second, final, expect)

        again = sync_records(second, content_dir=content_dir, state_dir=state_dir)
        assert again.created == again.updated == []
