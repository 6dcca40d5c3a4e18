"""Writes are atomic: a killed extraction or a failed write never leaves a broken record."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import jsonschema
import pytest

from generator import atomic
from generator.atomic import write_atomic
from generator.model import KINDS
from generator.records.store import check_references, read_content, schema_for
from generator.records.sync import sync_records
from generator.records.yaml_load import load_yaml

# Run in a child process: builds a large extraction (its titles and aliases change with
# the round, so every round rewrites every record), prints "syncing", then syncs.
CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from generator.records.sync import sync_records

    root, count, round_ = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    sources = [
        {"id": f"source-{i}", "title": f"Article {i}", "published": "2021-01-11"}
        for i in range(20)
    ]
    actors = [
        {"id": f"actor-{i}", "name": f"Actor {i}", "kind": "person",
         "aliases": [f"A{i}", f"Round {round_}"]}
        for i in range(50)
    ]
    events = [
        {"id": f"event-{i}", "date": "2021-01-11", "title": f"Event {i}, round {round_}",
         "type": "meeting", "summary": "words " * (i % 30),
         "actors": list(dict.fromkeys([f"actor-{i % 50}", f"actor-{(i * 7 + round_) % 50}"])),
         "sources": [{"source": f"source-{i % 20}", "quote": f"Quote {i}.", "date_text": None}]}
        for i in range(count)
    ]
    generated = {"sources": sources, "actors": actors, "agreements": [], "events": events}
    print("syncing", flush=True)
    sync_records(generated, content_dir=root / "content", state_dir=root / "state")
    print("done", flush=True)
    """
)


def _run_child(root: Path, count: int, round_: int, kill_after: float | None) -> bool:
    """Run one sync in a child; SIGKILL it kill_after seconds into the sync. True if it ended."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(root), str(count), str(round_)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "syncing"
    if kill_after is None:
        assert child.wait(timeout=600) == 0
        return True
    time.sleep(kill_after)
    finished = child.poll() is not None
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    return finished


def _assert_every_record_whole(root: Path) -> int:
    """Every record file parses and passes its schema; returns how many there are.

    The quick version of ``read_content`` (libyaml, no line numbers), run after every kill.
    """
    count = 0
    for kind in KINDS:
        validator = jsonschema.Draft202012Validator(schema_for(kind))
        for path in (root / "content" / kind).glob("*.y*ml"):
            if path.name.startswith("."):
                continue  # write_atomic's temporary files, which read_content skips too
            data = load_yaml(path.read_text(encoding="utf-8"))
            assert isinstance(data, dict) and data["id"] == path.stem, path
            assert not list(validator.iter_errors(data)), path
            count += 1
    for path in (root / "state").rglob("*.yml"):
        if not path.name.startswith("."):
            assert isinstance(load_yaml(path.read_text(encoding="utf-8")), dict), path
    return count


def test_killed_sync_leaves_only_whole_records_and_loses_no_edit(tmp_path: Path) -> None:
    count = 1500
    rng = random.Random(20201109)
    _run_child(tmp_path, count, 0, kill_after=None)
    edited = tmp_path / "content" / "events" / "event-7.yml"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(
        "# checked by hand\n" + text.replace("Event 7, round 0", "Event seven"), encoding="utf-8"
    )
    deleted = tmp_path / "content" / "events" / "event-8.yml"
    deleted.unlink()

    cut_short = 0
    for round_ in range(1, 6):
        finished = _run_child(tmp_path, count, round_, kill_after=rng.uniform(0.02, 1.0))
        cut_short += not finished
        _assert_every_record_whole(tmp_path)
        assert not deleted.exists()
    assert cut_short >= 3, "the child finished before it was killed: use more records"

    _run_child(tmp_path, count, 6, kill_after=None)
    content, problems = read_content(tmp_path / "content")
    assert problems == []
    assert check_references(content) == []
    assert sum(len(items) for items in content.values()) == 20 + 50 + count - 1
    text = edited.read_text(encoding="utf-8")
    assert text.startswith("# checked by hand\n") and "title: Event seven\n" in text
    assert "Round 6" in load_yaml((tmp_path / "content/actors/actor-3.yml").read_text())["aliases"]
    assert "round 6" in load_yaml((tmp_path / "content/events/event-9.yml").read_text())["title"]
    assert not deleted.exists()


def test_read_content_ignores_temporary_and_hidden_files(tmp_path: Path) -> None:
    folder = tmp_path / "events"
    folder.mkdir()
    (folder / ".2020-11-09-x.yml.1a2b3c4d.tmp").write_text("id: [half-writ", encoding="utf-8")
    (folder / ".2020-11-09-x.yml").write_text("id: [half-writ", encoding="utf-8")
    (folder / ".#2020-11-09-x.yml").symlink_to(folder / "nowhere.yml")  # an Emacs lock file
    records, problems = read_content(tmp_path)
    assert problems == []
    assert records["events"] == []


def test_write_atomic_names_its_temporary_file_so_read_content_skips_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def spy(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        seen.append(Path(source).name)
        assert read_content(tmp_path)[0]["events"] == []  # the temporary file is not a record
        real_replace(source, target)

    real_replace = os.replace
    monkeypatch.setattr(atomic.os, "replace", spy)
    write_atomic(tmp_path / "events" / "e.yml", "id: e\n")
    [name] = seen
    assert name.startswith(".e.yml.") and name.endswith(".tmp")


def test_write_atomic_keeps_the_old_file_when_the_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "record.yml"
    path.write_text("id: old\n", encoding="utf-8")

    def fail(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(path, "id: new\n")
    assert path.read_text(encoding="utf-8") == "id: old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["record.yml"]


def test_write_atomic_keeps_the_old_file_when_the_write_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "record.yml"
    path.write_text("id: old\n", encoding="utf-8")

    def fail(_: int) -> None:
        raise OSError("I/O error")

    monkeypatch.setattr(atomic.os, "fsync", fail)
    with pytest.raises(OSError, match="I/O error"):
        write_atomic(path, "id: new\n")
    assert path.read_text(encoding="utf-8") == "id: old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["record.yml"]


def test_write_atomic_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    path = tmp_path / "record.yml"
    path.write_text("id: old\n", encoding="utf-8")
    path.chmod(0o640)
    write_atomic(path, "id: new\n")
    assert path.stat().st_mode & 0o777 == 0o640
    assert path.read_text(encoding="utf-8") == "id: new\n"


def test_a_sync_killed_between_content_and_state_converges(tmp_path: Path) -> None:
    generated = {
        "sources": [{"id": "s", "title": "S"}],
        "actors": [{"id": "a", "name": "A", "kind": "person", "aliases": ["x"]}],
    }
    content, state = tmp_path / "content", tmp_path / "state"
    sync_records(generated, content_dir=content, state_dir=state)
    # As if killed after writing content but before the state: the state is one run behind.
    generated["actors"][0]["aliases"] = ["x", "y"]
    old_state = (state / "actors" / "a.yml").read_text(encoding="utf-8")
    sync_records(generated, content_dir=content, state_dir=state)
    (state / "actors" / "a.yml").write_text(old_state, encoding="utf-8")

    report = sync_records(generated, content_dir=content, state_dir=state)

    assert report.conflicts == [] and report.updated == []
    assert load_yaml((content / "actors" / "a.yml").read_text())["aliases"] == ["x", "y"]


def test_a_sync_killed_between_a_record_and_its_base_does_not_take_it_for_an_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run that wrote a record and was killed before it wrote the record's merge base:
    the next run knows the record as the extraction's own text (its note of what it was
    writing), so it updates it, where it would have kept it as a hand edit."""
    from generator.records import sync

    def generated(round_: int) -> dict[str, list[dict[str, object]]]:
        event = {
            "id": "event-1",
            "date": "2021-01-11",
            "title": f"Event 1, round {round_}",
            "type": "meeting",
            "sources": [{"source": "source-1", "quote": "Quote.", "date_text": None}],
        }
        source = {"id": "source-1", "title": "Article", "published": "2021-01-11"}
        return {"sources": [source], "actors": [], "agreements": [], "events": [event]}

    content, state = tmp_path / "content", tmp_path / "state"
    sync_records(generated(0), content_dir=content, state_dir=state)
    real_write = sync.write_atomic

    def killed_at_the_base(path: Path, text: str) -> None:
        if state in path.parents and path.name == "event-1.yml":
            raise KeyboardInterrupt  # the process dies here
        real_write(path, text)

    monkeypatch.setattr(sync, "write_atomic", killed_at_the_base)
    with pytest.raises(KeyboardInterrupt):
        sync_records(generated(1), content_dir=content, state_dir=state)
    monkeypatch.setattr(sync, "write_atomic", real_write)
    record = content / "events" / "event-1.yml"
    assert "round 1" in load_yaml(record.read_text(encoding="utf-8"))["title"]

    report = sync_records(generated(2), content_dir=content, state_dir=state)
    assert "round 2" in load_yaml(record.read_text(encoding="utf-8"))["title"]
    assert report.conflicts == []
    assert not list((state / "events").glob(".*next"))
