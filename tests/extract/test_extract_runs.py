"""Repeated `chronology extract` runs on the seeds, as an editor lives with them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _in_a_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the shared cache goes to tmp_path/.chronology/cache


def _extract(seeds: Path, root: Path) -> str:
    result = CliRunner().invoke(
        main,
        ["extract", "--seeds", str(seeds), "--content", str(root / "content"), "--jobs", "1"],
    )
    assert result.exit_code == 0, result.output
    return result.output


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.yml"))}


def test_second_run_with_nothing_changed_stops_early_and_changes_nothing(
    seed_copy: Path, tmp_path: Path
) -> None:
    first = _extract(seed_copy, tmp_path)
    assert "created" in first
    before = _snapshot(tmp_path / "content")
    second = _extract(seed_copy, tmp_path)
    assert "Nothing changed since the last extraction" in second
    assert _snapshot(tmp_path / "content") == before


def test_an_edit_survives_an_early_stop_and_a_full_run(seed_copy: Path, tmp_path: Path) -> None:
    _extract(seed_copy, tmp_path)
    event = sorted((tmp_path / "content" / "events").glob("2020-11-09-*.yml"))[0]
    text = event.read_text(encoding="utf-8")
    title_line = next(line for line in text.splitlines() if line.startswith("title:"))
    edited = text.replace(title_line, "title: Trilateral ceasefire statement  # checked")
    event.write_text(edited, encoding="utf-8")
    assert "Nothing changed" in _extract(seed_copy, tmp_path)
    assert event.read_text(encoding="utf-8") == edited
    (seed_copy / "extra.txt").write_text(
        " date 2021-02-01 Talks\n\nOn February 1, Lavrov met Bayramov in Moscow.\n",
        encoding="utf-8",
    )
    full = _extract(seed_copy, tmp_path)
    assert "Nothing changed" not in full
    assert "title: Trilateral ceasefire statement  # checked" in event.read_text(encoding="utf-8")


def test_deleting_a_record_forces_a_full_run_and_it_stays_deleted(
    seed_copy: Path, tmp_path: Path
) -> None:
    _extract(seed_copy, tmp_path)
    victim = sorted((tmp_path / "content" / "events").glob("*.yml"))[0]
    victim.unlink()
    output = _extract(seed_copy, tmp_path)
    assert "Nothing changed" not in output
    assert "1 kept deleted" in output
    assert not victim.exists()


def test_article_longer_than_spacy_accepts_is_analysed_in_pieces(tmp_path: Path) -> None:
    from generator.nlp.pipeline import split_text

    sentence = "Officials of the {n} delegations reviewed trade figures for section {k}. "
    paragraphs = ["".join(sentence.format(n=n, k=k) for k in range(40)) for n in range(400)]
    paragraphs[0] = "On March 3, 2021, the ministers met in Geneva to discuss the border."
    text = "\n\n".join(paragraphs)  # over a million characters, no two paragraphs alike
    pieces = split_text(text)
    assert "".join(pieces) == text
    assert len(text) > 1_000_000
    assert all(len(piece) <= 100_000 for piece in pieces)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "long.txt").write_text(f" date 2021-03-05 Border talks\n\n{text}\n", encoding="utf-8")
    output = _extract(seeds, tmp_path)
    assert "1 articles" in output
    events = list((tmp_path / "content" / "events").glob("2021-03-03-*.yml"))
    assert len(events) == 1
