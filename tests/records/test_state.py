"""The state folder inside a content folder: never read as records, and an older project's
shared merge base moved into the folder it belongs to and no other (no model)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.records.state import adopt_legacy_state, generated_dir, prepare_state
from generator.records.store import load_catalog

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "content"


@pytest.fixture()
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


def _legacy_of(content: Path, root: Path) -> Path:
    """A legacy merge base as an older version left it: the records as generated."""
    legacy = root / ".chronology" / "generated"
    for kind in ("events", "actors", "agreements", "sources"):
        shutil.copytree(content / kind, legacy / kind)
    return legacy


def test_records_and_validation_never_read_the_state_folder(content: Path) -> None:
    expected = load_catalog(content)
    state = generated_dir(content)
    (state / "events").mkdir(parents=True)
    (state / "events" / "broken.yml").write_text("id: [unclosed\n", encoding="utf-8")
    (state / "events" / "extra.yml").write_text("id: extra\n", encoding="utf-8")
    prepare_state(content)
    catalog = load_catalog(content)
    assert sorted(catalog.events) == sorted(expected.events)


def test_prepare_writes_a_gitignore_once_and_keeps_an_edited_one(content: Path) -> None:
    root = prepare_state(content)
    ignore = root / ".gitignore"
    assert ignore.read_text(encoding="utf-8").splitlines()[-2:] == ["lock", "generated/.*"]
    ignore.write_text("lock\n", encoding="utf-8")
    prepare_state(content)
    assert ignore.read_text(encoding="utf-8") == "lock\n"


def test_the_legacy_merge_base_moves_into_its_own_folder(content: Path, tmp_path: Path) -> None:
    legacy = _legacy_of(content, tmp_path)
    deleted = sorted((content / "events").glob("*.yml"))[0]
    deleted.unlink()  # deleted by hand: still in the base, which is how the deletion is known
    adopted = adopt_legacy_state(content, [legacy])
    assert adopted is not None and adopted.moved
    assert "each content folder now keeps its own merge base" in adopted.message
    assert not legacy.exists()
    assert (generated_dir(content) / "events" / deleted.name).is_file()
    assert adopt_legacy_state(content, [legacy]) is None


def test_the_legacy_merge_base_is_not_taken_by_another_folder(
    content: Path, tmp_path: Path
) -> None:
    legacy = _legacy_of(content, tmp_path)
    empty = tmp_path / "other"
    adopted = adopt_legacy_state(empty, [legacy])
    assert adopted is not None and not adopted.moved
    assert "was left in place" in adopted.message and "0 of its" in adopted.message
    assert legacy.is_dir() and not generated_dir(empty).exists()


def test_a_folder_with_the_same_names_but_every_record_rewritten_is_not_its_folder(
    content: Path, tmp_path: Path
) -> None:
    legacy = _legacy_of(content, tmp_path)
    copy = tmp_path / "copy"
    shutil.copytree(content, copy)
    for record in copy.rglob("*.yml"):
        record.write_text(record.read_text(encoding="utf-8") + "# another run\n", "utf-8")
    adopted = adopt_legacy_state(copy, [legacy])
    assert adopted is not None and not adopted.moved
    assert legacy.is_dir()


def test_a_folder_with_its_own_state_leaves_the_legacy_one_alone(
    content: Path, tmp_path: Path
) -> None:
    legacy = _legacy_of(content, tmp_path)
    generated_dir(content).mkdir(parents=True)
    assert adopt_legacy_state(content, [legacy]) is None
    assert legacy.is_dir()
