"""The records stage: every rule of the merge between the extraction and the editors."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import pytest

from generator.records import sync as records
from generator.records.store import check_references, dump_record, read_content
from generator.records.sync import SyncReport, remap_merged_actors, sync_records
from generator.records.yaml_load import load_yaml


def _generated() -> dict[str, list[dict[str, Any]]]:
    return {
        "sources": [
            {
                "id": "tass-2020-11-10",
                "title": "Putin announces ceasefire",
                "published": "2020-11-10",
            },
            {
                "id": "reuters-2021-01-11",
                "title": "Leaders meet in Moscow",
                "published": "2021-01-11",
            },
        ],
        "actors": [
            {"id": "armenia", "name": "Armenia", "kind": "country", "aliases": ["Yerevan"]},
            {"id": "azerbaijan", "name": "Azerbaijan", "kind": "country", "aliases": ["Baku"]},
            {"id": "sergey-lavrov", "name": "Sergey Lavrov", "kind": "person", "aliases": []},
        ],
        "agreements": [
            {
                "id": "trilateral-statement",
                "title": "Trilateral statement",
                "date": "2020-11-09",
                "parties": ["armenia", "azerbaijan"],
            }
        ],
        "events": [
            {
                "id": "2020-11-09-ceasefire",
                "date": "2020-11-09",
                "title": "Ceasefire agreed",
                "type": "ceasefire",
                "summary": "Armenia and Azerbaijan agree to stop fighting.",
                "actors": ["armenia", "azerbaijan"],
                "places": [],
                "agreements": ["trilateral-statement"],
                "sources": [
                    {
                        "source": "tass-2020-11-10",
                        "quote": "A complete ceasefire was declared.",
                        "date_text": "On November 9",
                    }
                ],
            },
            {
                "id": "2021-01-11-moscow-meeting",
                "date": "2021-01-11",
                "title": "Moscow meeting",
                "type": "meeting",
                "actors": ["armenia", "azerbaijan", "sergey-lavrov"],
                "sources": [
                    {"source": "reuters-2021-01-11", "quote": "They met.", "date_text": "Monday"}
                ],
            },
        ],
    }


def _find(generated: dict[str, list[dict[str, Any]]], kind: str, record_id: str) -> dict[str, Any]:
    return next(r for r in generated[kind] if r["id"] == record_id)


def _sync(root: Path, generated: dict[str, list[dict[str, Any]]]) -> SyncReport:
    return sync_records(generated, content_dir=root / "content", state_dir=root / "state")


def _path(root: Path, kind: str, record_id: str) -> Path:
    return root / "content" / kind / f"{record_id}.yml"


def _data(root: Path, kind: str, record_id: str) -> Any:
    return load_yaml(_path(root, kind, record_id).read_text(encoding="utf-8"))


def _edit(root: Path, kind: str, record_id: str, old: str, new: str) -> None:
    path = _path(root, kind, record_id)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _assert_valid(root: Path) -> None:
    records, problems = read_content(root / "content")
    assert problems == []
    assert check_references(records) == []


def test_first_run_writes_every_record_in_contract_order(tmp_path: Path) -> None:
    generated = _generated()
    report = _sync(tmp_path, generated)
    assert sorted(report.created) == sorted(
        f"{kind}/{record['id']}" for kind, records in generated.items() for record in records
    )
    event = _find(generated, "events", "2020-11-09-ceasefire")
    assert _path(tmp_path, "events", event["id"]).read_text() == dump_record(event)
    assert (tmp_path / "state" / "events" / "2020-11-09-ceasefire.yml").read_text() == dump_record(
        event
    )
    _assert_valid(tmp_path)


def test_untouched_records_are_not_rewritten(tmp_path: Path) -> None:
    _sync(tmp_path, _generated())
    files = sorted(tmp_path.rglob("*.yml"))
    before = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in files}
    _edit(tmp_path, "events", "2020-11-09-ceasefire", "title: Ceasefire agreed", "title: Truce")
    edited = _path(tmp_path, "events", "2020-11-09-ceasefire")
    before[edited] = (edited.read_bytes(), edited.stat().st_mtime_ns)

    report = _sync(tmp_path, _generated())

    assert report.created == report.updated == report.conflicts == []
    assert len(report.unchanged) == len(files) // 2  # content and state
    assert {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in files} == before


def test_field_changed_by_editor_is_kept_and_other_fields_follow_extraction(tmp_path: Path) -> None:
    _sync(tmp_path, _generated())
    _edit(tmp_path, "events", "2020-11-09-ceasefire", "date: '2020-11-09'", "date: '2020-11-10'")
    generated = _generated()
    event = _find(generated, "events", "2020-11-09-ceasefire")
    event["summary"] = "A better summary from more articles."

    report = _sync(tmp_path, generated)

    data = _data(tmp_path, "events", "2020-11-09-ceasefire")
    assert data["date"] == "2020-11-10"
    assert data["summary"] == "A better summary from more articles."
    assert report.updated == ["events/2020-11-09-ceasefire"]
    assert report.conflicts == []


def test_field_changed_by_both_keeps_the_editor_value_and_reports_a_conflict(
    tmp_path: Path,
) -> None:
    _sync(tmp_path, _generated())
    _edit(tmp_path, "events", "2020-11-09-ceasefire", "title: Ceasefire agreed", "title: Truce")
    generated = _generated()
    _find(generated, "events", "2020-11-09-ceasefire")["title"] = "Ceasefire declared"

    report = _sync(tmp_path, generated)

    assert _data(tmp_path, "events", "2020-11-09-ceasefire")["title"] == "Truce"
    assert report.conflicts == ["events/2020-11-09-ceasefire: title"]
    assert (
        "conflict" in report.summary() and "events/2020-11-09-ceasefire: title" in report.summary()
    )


HAND_EDITED = """\
# Checked against the Kremlin transcript.
id: 2020-11-09-ceasefire
title: Ceasefire agreed   # wording from TASS
date: 2020-11-09
type: ceasefire
summary: Armenia and Azerbaijan agree to stop fighting.
actors:
  - armenia      # Yerevan
  - azerbaijan
places: []
agreements: [trilateral-statement]

# the one article so far
sources:
  - source: tass-2020-11-10
    quote: "A complete ceasefire was declared."
    date_text: On November 9
"""
# A line longer than the dumper's width: a rewrite would fold it.
HAND_EDITED += "note: " + " ".join(["a long line written by an editor"] * 5) + "\n"


def test_comments_key_order_and_formatting_survive_a_merge(tmp_path: Path) -> None:
    _sync(tmp_path, _generated())
    _path(tmp_path, "events", "2020-11-09-ceasefire").write_text(HAND_EDITED, encoding="utf-8")
    generated = _generated()
    event = _find(generated, "events", "2020-11-09-ceasefire")
    event["summary"] = "They agree to stop fighting from midnight."
    event["actors"].append("sergey-lavrov")

    report = _sync(tmp_path, generated)

    assert report.updated == ["events/2020-11-09-ceasefire"]
    expected = HAND_EDITED.replace(
        "summary: Armenia and Azerbaijan agree to stop fighting.",
        "summary: They agree to stop fighting from midnight.",
    ).replace("  - azerbaijan\n", "  - azerbaijan\n  - sergey-lavrov\n")
    assert _path(tmp_path, "events", "2020-11-09-ceasefire").read_text() == expected


def test_comment_after_a_list_stays_before_the_next_field_when_items_are_added(
    tmp_path: Path,
) -> None:
    _sync(tmp_path, _generated())
    _edit(
        tmp_path,
        "events",
        "2020-11-09-ceasefire",
        "agreements:",
        "# reviewed by AB\nagreements:",
    )
    generated = _generated()
    _find(generated, "events", "2020-11-09-ceasefire")["places"] = ["armenia"]

    _sync(tmp_path, generated)

    text = _path(tmp_path, "events", "2020-11-09-ceasefire").read_text()
    assert "places:\n- armenia\n# reviewed by AB\nagreements:\n" in text


def test_record_deleted_by_editor_stays_deleted(tmp_path: Path) -> None:
    _sync(tmp_path, _generated())
    _path(tmp_path, "events", "2021-01-11-moscow-meeting").unlink()
    generated = _generated()
    _find(generated, "events", "2021-01-11-moscow-meeting")["title"] = "Moscow summit"

    report = _sync(tmp_path, generated)

    assert not _path(tmp_path, "events", "2021-01-11-moscow-meeting").exists()
    assert report.kept_deleted == ["events/2021-01-11-moscow-meeting"]
    assert _sync(tmp_path, generated).kept_deleted == ["events/2021-01-11-moscow-meeting"]
    assert not _path(tmp_path, "events", "2021-01-11-moscow-meeting").exists()


def test_references_to_a_record_the_editor_deleted_are_dropped(tmp_path: Path) -> None:
    _sync(tmp_path, _generated())
    _path(tmp_path, "actors", "sergey-lavrov").unlink()
    _edit(tmp_path, "events", "2021-01-11-moscow-meeting", "- sergey-lavrov\n", "")
    generated = _generated()
    generated["events"].append(
        {
            "id": "2021-01-12-lavrov-call",
            "date": "2021-01-12",
            "title": "Lavrov call",
            "type": "call",
            "actors": ["sergey-lavrov", "armenia"],
            "sources": [{"source": "reuters-2021-01-11", "quote": "He called.", "date_text": None}],
        }
    )

    _sync(tmp_path, generated)

    assert _data(tmp_path, "events", "2021-01-12-lavrov-call")["actors"] == ["armenia"]
    assert not _path(tmp_path, "actors", "sergey-lavrov").exists()
    _assert_valid(tmp_path)


def test_alias_added_by_editor_is_kept_while_extraction_adds_another(tmp_path: Path) -> None:
    _sync(tmp_path, _generated())
    _edit(tmp_path, "actors", "armenia", "- Yerevan\n", "- Yerevan\n- Republic of Armenia\n")
    generated = _generated()
    _find(generated, "actors", "armenia")["aliases"] = ["Yerevan", "the Armenian side"]

    report = _sync(tmp_path, generated)

    assert _data(tmp_path, "actors", "armenia")["aliases"] == [
        "Yerevan",
        "Republic of Armenia",
        "the Armenian side",
    ]
    assert report.conflicts == []


def test_list_item_removed_by_editor_stays_removed(tmp_path: Path) -> None:
    _sync(tmp_path, _generated())
    _edit(tmp_path, "actors", "azerbaijan", "aliases:\n- Baku\n", "aliases: []\n")
    generated = _generated()
    _find(generated, "actors", "azerbaijan")["aliases"] = ["Baku", "the Azerbaijani side"]

    _sync(tmp_path, generated)

    assert _data(tmp_path, "actors", "azerbaijan")["aliases"] == ["the Azerbaijani side"]


def test_new_source_is_added_to_a_hand_edited_event(tmp_path: Path) -> None:
    _sync(tmp_path, _generated())
    _edit(
        tmp_path,
        "events",
        "2020-11-09-ceasefire",
        "quote: A complete ceasefire was declared.",
        "quote: A complete ceasefire and cessation of all hostilities was declared.  # full quote",
    )
    generated = _generated()
    _find(generated, "events", "2020-11-09-ceasefire")["sources"].append(
        {"source": "reuters-2021-01-11", "quote": "The truce of November 9.", "date_text": None}
    )

    _sync(tmp_path, generated)

    text = _path(tmp_path, "events", "2020-11-09-ceasefire").read_text()
    assert "# full quote" in text
    claims = load_yaml(text)["sources"]
    assert [claim["source"] for claim in claims] == ["tass-2020-11-10", "reuters-2021-01-11"]
    assert claims[0]["quote"].startswith("A complete ceasefire and cessation")
    assert claims[1] == {
        "source": "reuters-2021-01-11",
        "quote": "The truce of November 9.",
        "date_text": None,
    }
    assert "date_text: null" in text
    _assert_valid(tmp_path)


def test_field_added_by_editor_is_kept(tmp_path: Path) -> None:
    _sync(tmp_path, _generated())
    _edit(tmp_path, "actors", "armenia", "kind: country\n", "kind: country\nrole: party\n")
    generated = _generated()
    _find(generated, "actors", "armenia")["description"] = "A country in the South Caucasus."

    _sync(tmp_path, generated)

    data = _data(tmp_path, "actors", "armenia")
    assert data["role"] == "party"
    assert data["description"] == "A country in the South Caucasus."


def test_field_removed_by_editor_stays_removed(tmp_path: Path) -> None:
    _sync(tmp_path, _generated())
    _edit(tmp_path, "events", "2020-11-09-ceasefire", "places: []\n", "")
    generated = _generated()
    _find(generated, "events", "2020-11-09-ceasefire")["title"] = "Ceasefire declared"

    report = _sync(tmp_path, generated)

    data = _data(tmp_path, "events", "2020-11-09-ceasefire")
    assert "places" not in data
    assert data["title"] == "Ceasefire declared"
    assert report.conflicts == []


def test_record_created_by_editor_is_left_untouched(tmp_path: Path) -> None:
    _sync(tmp_path, _generated())
    mine = _path(tmp_path, "actors", "osce-minsk-group")
    text = "# added by hand\nid: osce-minsk-group\nname: OSCE Minsk Group\nkind: organization\n"
    mine.write_text(text, encoding="utf-8")

    report = _sync(tmp_path, _generated())

    assert mine.read_text() == text
    assert "actors/osce-minsk-group" not in report.orphaned
    _assert_valid(tmp_path)


def test_record_written_by_editor_before_extraction_only_gains_new_list_items(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "content" / "events"
    folder.mkdir(parents=True)
    text = (
        "id: 2020-11-09-ceasefire\n"
        "date: 2020-11-10  # Moscow time\n"
        "title: Truce\n"
        "type: ceasefire\n"
        "sources:\n"
        "- source: tass-2020-11-10\n"
        "  quote: Declared.\n"
    )
    (folder / "2020-11-09-ceasefire.yml").write_text(text, encoding="utf-8")
    generated = _generated()
    _find(generated, "events", "2020-11-09-ceasefire")["sources"].append(
        {"source": "reuters-2021-01-11", "quote": "The truce.", "date_text": None}
    )

    report = _sync(tmp_path, generated)

    assert report.updated == ["events/2020-11-09-ceasefire"]
    assert report.conflicts == []
    result = (folder / "2020-11-09-ceasefire.yml").read_text()
    assert result.startswith(text)  # untouched: only the new claim is appended
    data = load_yaml(result)
    assert [claim["source"] for claim in data["sources"]] == [
        "tass-2020-11-10",
        "reuters-2021-01-11",
    ]
    assert data["title"] == "Truce" and "summary" not in data and "actors" not in data


def _merge_lavrov_by_hand(root: Path) -> None:
    """What an editor does: keep sergey-lavrov, delete sergei-lavrov, repoint events."""
    _path(root, "actors", "sergei-lavrov").unlink()
    _edit(root, "actors", "sergey-lavrov", "aliases: []\n", "aliases:\n- Sergei Lavrov\n")
    _edit(root, "events", "2021-01-12-lavrov-visit", "- sergei-lavrov\n", "- sergey-lavrov\n")


def _with_sergei(generated: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    generated = copy.deepcopy(generated)
    generated["actors"].append(
        {"id": "sergei-lavrov", "name": "Sergei Lavrov", "kind": "person", "aliases": []}
    )
    generated["events"].append(
        {
            "id": "2021-01-12-lavrov-visit",
            "date": "2021-01-12",
            "title": "Lavrov visits Baku",
            "type": "visit",
            "actors": ["sergei-lavrov", "azerbaijan"],
            "sources": [{"source": "tass-2020-11-10", "quote": "He visited.", "date_text": None}],
        }
    )
    return generated


def test_actors_merged_by_editor_stay_merged(tmp_path: Path) -> None:
    _sync(tmp_path, _with_sergei(_generated()))
    _merge_lavrov_by_hand(tmp_path)

    # The entity ruler now knows the alias: the extraction produces sergey-lavrov.
    generated = _with_sergei(_generated())
    generated["actors"] = [a for a in generated["actors"] if a["id"] != "sergei-lavrov"]
    _find(generated, "events", "2021-01-12-lavrov-visit")["actors"] = [
        "sergey-lavrov",
        "azerbaijan",
    ]
    _sync(tmp_path, generated)

    assert not _path(tmp_path, "actors", "sergei-lavrov").exists()
    assert _data(tmp_path, "events", "2021-01-12-lavrov-visit")["actors"] == [
        "sergey-lavrov",
        "azerbaijan",
    ]
    assert _data(tmp_path, "actors", "sergey-lavrov")["aliases"] == ["Sergei Lavrov"]
    _assert_valid(tmp_path)


def test_extraction_that_still_produces_a_merged_actor_is_pointed_at_the_kept_one(
    tmp_path: Path,
) -> None:
    _sync(tmp_path, _with_sergei(_generated()))
    _merge_lavrov_by_hand(tmp_path)
    generated = _with_sergei(_generated())
    generated["events"].append(
        {
            "id": "2021-02-01-lavrov-statement",
            "date": "2021-02-01",
            "title": "Lavrov statement",
            "type": "statement",
            "actors": ["sergei-lavrov", "sergey-lavrov"],
            "sources": [{"source": "tass-2020-11-10", "quote": "He said.", "date_text": None}],
        }
    )

    report = _sync(tmp_path, generated)

    assert not _path(tmp_path, "actors", "sergei-lavrov").exists()
    assert _data(tmp_path, "events", "2021-01-12-lavrov-visit")["actors"] == [
        "sergey-lavrov",
        "azerbaijan",
    ]
    assert _data(tmp_path, "events", "2021-02-01-lavrov-statement")["actors"] == ["sergey-lavrov"]
    assert report.conflicts == []
    _assert_valid(tmp_path)


def test_remap_merged_actors_leaves_actors_it_cannot_match(tmp_path: Path) -> None:
    _sync(tmp_path, _generated())
    generated = _with_sergei(_generated())
    # sergei-lavrov matches no existing name or alias yet: it is a new actor, kept as it is.
    assert remap_merged_actors(generated, tmp_path / "content") == generated
    _edit(tmp_path, "actors", "sergey-lavrov", "aliases: []\n", "aliases:\n- Sergei Lavrov\n")
    remapped = remap_merged_actors(generated, tmp_path / "content")
    assert "sergei-lavrov" not in {a["id"] for a in remapped["actors"]}
    assert _find(remapped, "events", "2021-01-12-lavrov-visit")["actors"] == [
        "sergey-lavrov",
        "azerbaijan",
    ]
    assert _find(generated, "events", "2021-01-12-lavrov-visit")["actors"][0] == "sergei-lavrov"


def test_broken_yaml_is_not_touched_and_is_reported(tmp_path: Path) -> None:
    _sync(tmp_path, _generated())
    path = _path(tmp_path, "events", "2020-11-09-ceasefire")
    broken = path.read_text().replace("title: Ceasefire agreed", "title: [Ceasefire agreed")
    path.write_text(broken, encoding="utf-8")
    generated = _generated()
    _find(generated, "events", "2020-11-09-ceasefire")["summary"] = "New summary."

    report = _sync(tmp_path, generated)

    assert path.read_text() == broken
    [conflict] = report.conflicts
    assert conflict.startswith("events/2020-11-09-ceasefire: not merged") and "YAML" in conflict
    # The base is not advanced: once the file is fixed, the new summary still arrives.
    path.write_text(broken.replace("[Ceasefire", "Ceasefire"), encoding="utf-8")
    _sync(tmp_path, generated)
    assert _data(tmp_path, "events", "2020-11-09-ceasefire")["summary"] == "New summary."


def test_state_holds_what_was_generated_not_the_merge(tmp_path: Path) -> None:
    _sync(tmp_path, _generated())
    _edit(tmp_path, "events", "2020-11-09-ceasefire", "title: Ceasefire agreed", "title: Truce")
    generated = _generated()
    event = _find(generated, "events", "2020-11-09-ceasefire")
    event["summary"] = "Changed."

    _sync(tmp_path, generated)

    state = tmp_path / "state" / "events" / "2020-11-09-ceasefire.yml"
    assert state.read_text() == dump_record(event)


def test_a_record_generated_as_last_time_is_not_dumped_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _sync(tmp_path, _generated())
    generated = _generated()
    _find(generated, "events", "2020-11-09-ceasefire")["summary"] = "Changed."
    dumped: list[str] = []

    def counted(record: dict[str, Any]) -> str:
        dumped.append(record["id"])
        return dump_record(record)

    monkeypatch.setattr(records, "dump_record", counted)
    report = _sync(tmp_path, generated)

    assert dumped == ["2020-11-09-ceasefire"]
    assert report.updated == ["events/2020-11-09-ceasefire"]
    assert _data(tmp_path, "events", "2020-11-09-ceasefire")["summary"] == "Changed."


def test_a_state_file_changed_by_hand_is_not_taken_for_the_generated_text(tmp_path: Path) -> None:
    _sync(tmp_path, _generated())
    state = tmp_path / "state" / "events" / "2020-11-09-ceasefire.yml"
    state.write_text(state.read_text() + "# touched\n")

    _sync(tmp_path, _generated())

    assert state.read_text() == dump_record(_find(_generated(), "events", "2020-11-09-ceasefire"))


def test_record_no_longer_extracted_is_left_in_content_and_reported(tmp_path: Path) -> None:
    _sync(tmp_path, _generated())
    generated = _generated()
    generated["events"] = generated["events"][:1]

    report = _sync(tmp_path, generated)

    assert _path(tmp_path, "events", "2021-01-11-moscow-meeting").exists()
    assert report.orphaned == ["events/2021-01-11-moscow-meeting"]


def test_yaml_extension_chosen_by_editor_is_kept(tmp_path: Path) -> None:
    _sync(tmp_path, _generated())
    old = _path(tmp_path, "actors", "armenia")
    new = old.with_suffix(".yaml")
    old.rename(new)
    generated = _generated()
    _find(generated, "actors", "armenia")["role"] = "party"

    _sync(tmp_path, generated)

    assert not old.exists()
    assert load_yaml(new.read_text())["role"] == "party"


def test_invalid_ids_and_unknown_kinds_are_refused(tmp_path: Path) -> None:
    generated = _generated()
    generated["actors"].append({"id": "../escape", "name": "X", "kind": "group"})
    report = _sync(tmp_path, generated)
    assert report.conflicts == ["actors/../escape: not a valid id, not written"]
    assert not (tmp_path / "content" / "escape.yml").exists()
    with pytest.raises(ValueError, match="unknown record kinds"):
        _sync(tmp_path, {"people": []})


def test_new_files_get_ordinary_permissions(tmp_path: Path) -> None:
    _sync(tmp_path, _generated())
    mode = _path(tmp_path, "actors", "armenia").stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask


def test_items_of_a_changed_list_keep_their_text(tmp_path: Path) -> None:
    long_quote = " ".join(["Armenia and Azerbaijan agreed to a complete ceasefire"] * 3) + "."
    generated = _generated()
    _find(generated, "events", "2020-11-09-ceasefire")["sources"][0]["quote"] = long_quote
    _sync(tmp_path, generated)
    path = _path(tmp_path, "events", "2020-11-09-ceasefire")
    _edit(tmp_path, "events", "2020-11-09-ceasefire", "title: Ceasefire agreed", "title: Truce")
    before = path.read_text()
    assert "\n    " in before  # the quote is folded over two lines by dump_record
    new_claim = {"source": "reuters-2021-01-11", "quote": "Truce.", "date_text": None}
    _find(generated, "events", "2020-11-09-ceasefire")["sources"].append(new_claim)

    _sync(tmp_path, generated)

    claims_end = before.index("  date_text: On November 9\n") + len("  date_text: On November 9\n")
    added = "- source: reuters-2021-01-11\n  quote: Truce.\n  date_text: null\n"
    assert path.read_text() == before[:claims_end] + added + before[claims_end:]
