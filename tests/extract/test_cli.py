"""The `chronology` command as a user runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "content"
SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_8669875d53f030cc.txt"


@pytest.fixture()
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


def _first(folder: Path) -> Path:
    return sorted(folder.glob("*.yml"))[0]


def _validate(content: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", "--content", str(content)])
    return result.exit_code, result.output


def test_valid_content_passes(content: Path) -> None:
    code, output = _validate(content)
    assert code == 0, output
    assert "all valid" in output


def test_yaml_syntax_error_names_file_and_line(content: Path) -> None:
    event = _first(content / "events")
    event.write_text(event.read_text(encoding="utf-8") + "broken: [unclosed\n", encoding="utf-8")
    code, output = _validate(content)
    assert code == 1
    assert f"{event.name}:" in output and "YAML syntax error" in output
    assert "Traceback" not in output


def test_invalid_date_names_field_and_line(content: Path) -> None:
    event = _first(content / "events")
    lines = event.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("date:"))
    lines[number - 1] = "date: 2020-13-45"
    event.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, output = _validate(content)
    assert code == 1
    assert f"{event.name}:{number}: date:" in output


def test_unknown_type_lists_the_vocabulary(content: Path) -> None:
    event = _first(content / "events")
    text = event.read_text(encoding="utf-8")
    event.write_text(
        "\n".join(
            "type: picnic" if line.startswith("type:") else line for line in text.splitlines()
        )
        + "\n",
        encoding="utf-8",
    )
    code, output = _validate(content)
    assert code == 1
    assert "type: unknown value 'picnic'" in output and "ceasefire" in output


def test_duplicate_id_and_dangling_reference_reported_together(content: Path) -> None:
    event = _first(content / "events")
    copy = event.with_name("zz-copy.yml")
    copy.write_text(event.read_text(encoding="utf-8"), encoding="utf-8")
    actor = _first(content / "actors")
    actor_id = actor.stem
    actor.unlink()
    code, output = _validate(content)
    assert code == 1
    assert "duplicate id" in output
    assert f"unknown actor '{actor_id}'" in output or "does not match the file name" in output


def test_validate_never_prints_a_traceback(content: Path) -> None:
    (content / "events" / "bad.yml").write_bytes(b"\xff\xfe\x00garbage")
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "validate", "--content", str(content)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "bad.yml" in result.stderr


@pytest.mark.slow
def test_dates_json_lists_offsets_types_and_values() -> None:
    result = CliRunner().invoke(main, ["dates", str(SEED), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    text = SEED.read_text(encoding="utf-8")
    for row in rows:
        assert text[row["start"] : row["end"]] == row["text"]
        assert row["type"] in {"DATE", "TIME", "DURATION", "SET"}
    values = {row["text"]: row["value"] for row in rows}
    assert values["the summer of 2014"] == "2014-SU"
    assert values["April 2016"] == "2016-04"
    assert values["Monday"] == "2021-01-18"


@pytest.mark.slow
def test_dates_uses_the_given_anchor() -> None:
    result = CliRunner().invoke(main, ["dates", str(SEED), "--json", "--published", "2021-01-19"])
    values = {row["text"]: row["value"] for row in json.loads(result.output)}
    assert values["Monday"] == "2021-01-18"
    assert values["this past July"] == "2020-07"


def test_extract_on_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", "--seeds", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "no such folder of articles" in result.output
