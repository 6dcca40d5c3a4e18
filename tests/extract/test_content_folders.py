"""Two content folders in one project: each keeps its own state, and an older project's
shared merge base moves into the folder it belongs to (real model, real seeds)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
NEW_ARTICLE = " date 2021-02-01 Talks\n\nOn February 1, Lavrov met Bayramov in Moscow.\n"


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder (the working folder) with two folders of articles, a/ and b/,
    holding different seeds."""
    seeds = sorted(SEEDS.glob("*.txt"))
    for name, chosen in (("a", seeds[:2]), ("b", seeds[2:4])):
        (tmp_path / name).mkdir()
        for seed in chosen:
            shutil.copy(seed, tmp_path / name / seed.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _extract(seeds: str, content: str) -> str:
    result = CliRunner().invoke(
        main, ["extract", "--seeds", seeds, "--content", content, "--jobs", "1"]
    )
    assert result.exit_code == 0, result.output
    return result.output


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder, state and dot files included."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _edit_title(content: Path, title: str) -> tuple[Path, str]:
    event = sorted((content / "events").glob("*.yml"))[0]
    lines = event.read_text(encoding="utf-8").splitlines()
    lines = [f"title: {title}" if line.startswith("title:") else line for line in lines]
    text = "\n".join(lines) + "\n"
    event.write_text(text, encoding="utf-8")
    return event, text


def test_two_content_folders_extracted_alternately_stay_independent(project: Path) -> None:
    first = _extract("a", "content")
    assert "kept deleted" in first and " 0 kept deleted" in first
    content_before = _snapshot(project / "content")

    other = _extract("b", "other")
    assert " 0 kept deleted" in other and " 0 created" not in other
    assert _snapshot(project / "content") == content_before  # records and state alike
    assert (project / "other" / ".chronology" / "generated" / "sources").is_dir()
    assert not (project / ".chronology" / "generated").exists()

    content_event, content_text = _edit_title(project / "content", "Checked in content")
    other_event, other_text = _edit_title(project / "other", "Checked in other")
    (project / "a" / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    (project / "b" / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")

    other_before = _snapshot(project / "other")
    again = _extract("a", "content")
    assert "Nothing changed" not in again and " 0 kept deleted" in again
    assert content_event.read_text(encoding="utf-8") == content_text
    assert _snapshot(project / "other") == other_before

    content_before = _snapshot(project / "content")
    again = _extract("b", "other")
    assert "Nothing changed" not in again and " 0 kept deleted" in again
    assert other_event.read_text(encoding="utf-8") == other_text
    assert _snapshot(project / "content") == content_before

    # Each folder remembers its own last run: the other folder's run did not replace it.
    assert "Nothing changed since the last extraction" in _extract("a", "content")
    assert "Nothing changed since the last extraction" in _extract("b", "other")


def test_an_older_projects_merge_base_moves_only_into_its_own_folder(project: Path) -> None:
    _extract("a", "content")
    # The layout of older versions: one merge base next to the working folder.
    legacy = project / ".chronology" / "generated"
    shutil.move(project / "content" / ".chronology" / "generated", legacy)
    content = project / "content"
    deleted = sorted((content / "events").glob("*.yml"))[-1]
    deleted.unlink()
    edited, text = _edit_title(content, "Checked by hand")
    content_before = _snapshot(content)
    legacy_before = _snapshot(legacy)

    result = CliRunner().invoke(
        main, ["extract", "--seeds", "a", "--content", "other", "--jobs", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "was left in place" in result.output
    assert " 0 kept deleted" in result.output  # every record written into other/
    assert {p.name for p in (project / "other" / "events").glob("*.yml")} >= {deleted.name}
    assert _snapshot(content) == content_before
    assert _snapshot(legacy) == legacy_before

    moved = _extract("a", "content")
    assert "moved .chronology/generated/ to content/.chronology/generated/" in moved
    assert not legacy.exists()
    assert (content / ".chronology" / "generated" / "events" / deleted.name).is_file()
    assert " 1 kept deleted" in moved  # the moved base tells the deletion from a new record
    assert not deleted.exists()
    assert edited.read_text(encoding="utf-8") == text
