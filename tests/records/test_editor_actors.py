"""Which actor records of content/ feed the entity ruler (no model)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.extract import editor_actors
from generator.records.store import dump_record


def _write(folder: Path, record: dict[str, Any], suffix: str = "") -> None:
    (folder / "actors").mkdir(parents=True, exist_ok=True)
    text = dump_record(record) + suffix
    (folder / "actors" / f"{record['id']}.yml").write_text(text, encoding="utf-8")


def test_only_actors_a_person_added_or_changed_feed_the_ruler(tmp_path: Path) -> None:
    content, state = tmp_path / "content", tmp_path / "state"
    untouched = {"id": "armenia", "name": "Armenia", "kind": "country", "aliases": []}
    commented = {"id": "baku", "name": "Baku", "kind": "place", "aliases": []}
    edited = {"id": "sergey-lavrov", "name": "Sergey Lavrov", "kind": "person", "aliases": []}
    for record in (untouched, commented, edited):
        _write(content, record)
        _write(state, record)
    _write(content, commented, "# checked against the atlas\n")
    _write(content, {**edited, "aliases": ["Sergei Lavrov"]})
    _write(content, {"id": "osce", "name": "OSCE", "kind": "organization", "aliases": []})

    fed = editor_actors(content, state)

    assert [(actor["id"], actor["aliases"]) for actor in fed] == [
        ("osce", []),
        ("sergey-lavrov", ["Sergei Lavrov"]),
    ]
    assert [actor["id"] for actor in editor_actors(content)] == [
        "armenia",
        "baku",
        "osce",
        "sergey-lavrov",
    ]
