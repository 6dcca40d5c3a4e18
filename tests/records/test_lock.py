"""One run at a time on a content folder: a second run stops naming the first; a lock left
by a run that died is taken over with a warning."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.errors import FolderLocked
from generator.records.lock import folder_lock, lock_path

# A second process that holds the lock of a folder, as `chronology extract` does, until
# its standard input closes.
HOLDER = """
import sys
from pathlib import Path
from generator.records.lock import folder_lock
with folder_lock(Path(sys.argv[1]), command="chronology extract"):
    print("locked", flush=True)
    sys.stdin.read()
"""


@pytest.fixture()
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path / "content")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline() == "locked\n"
    yield process
    process.kill()
    process.wait()


def test_a_second_run_on_a_locked_folder_stops_naming_the_first(
    tmp_path: Path, holder: subprocess.Popen[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(" date 2021-02-01 Talks\n\nOn February 1, they met.\n", "utf-8")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    result = CliRunner().invoke(
        main, ["extract", "--seeds", str(seeds), "--content", str(tmp_path / "content")]
    )
    assert result.exit_code == 1
    message = result.output
    folder = tmp_path / "content"
    assert f"{folder}: another run is writing this folder: pid {holder.pid}" in message
    assert f"on {socket.gethostname()} since " in message and "(chronology extract)" in message
    assert "Traceback" not in message
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before  # nothing written
    build = CliRunner().invoke(main, ["build", "--seeds", str(seeds), "--content", "content"])
    assert build.exit_code == 1 and f"pid {holder.pid}" in build.output


def test_the_lock_is_free_again_once_its_run_ends(tmp_path: Path) -> None:
    content = tmp_path / "content"
    with (
        folder_lock(content, command="first"),
        pytest.raises(FolderLocked),
        folder_lock(content, command="second"),
    ):
        pass
    assert not lock_path(content).exists()
    with pytest.raises(RuntimeError), folder_lock(content, command="failing run"):
        raise RuntimeError("the run fails")
    warnings: list[str] = []
    with folder_lock(content, command="next", warn=warnings.append):
        pass
    assert warnings == []


def test_a_stale_lock_is_taken_over_with_a_warning(tmp_path: Path) -> None:
    content = tmp_path / "content"
    # What a run killed while holding the lock leaves: the file naming it, unlocked.
    left = {
        "pid": 4194304,
        "host": socket.gethostname(),
        "since": "2024-01-01T10:00:00+00:00",
        "command": "chronology extract",
    }
    lock_path(content).write_text(json.dumps(left), encoding="utf-8")
    warnings: list[str] = []
    with folder_lock(content, command="chronology extract", warn=warnings.append):
        assert f'"pid": {os.getpid()}' in lock_path(content).read_text("utf-8")
    assert warnings == [
        f"{content}: took over the lock left by pid 4194304 on {socket.gethostname()} since "
        "2024-01-01T10:00:00+00:00 (chronology extract): that run ended without releasing it "
        "(it was killed or crashed); check its records if it was writing"
    ]


def test_a_run_killed_while_holding_the_lock_leaves_a_lock_the_next_run_takes(
    tmp_path: Path,
) -> None:
    content = tmp_path / "content"
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(content)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline() == "locked\n"
    process.kill()
    process.wait()
    assert lock_path(content).exists()
    warnings: list[str] = []
    with folder_lock(content, command="chronology extract", warn=warnings.append):
        pass
    assert len(warnings) == 1 and f"took over the lock left by pid {process.pid} " in warnings[0]


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="utf-8").rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="lists processes in /proc")
def test_a_run_killed_with_its_workers_running_leaves_neither_lock_nor_worker(
    tmp_path: Path,
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    line = '{"text": "On March %d, 2021, the ministers met in Geneva.", "published": "2021-03-30"}'
    (seeds / "many.jsonl").write_text("\n".join(line % (n % 28 + 1) for n in range(40)), "utf-8")
    content = tmp_path / "content"
    run = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "extract", "--seeds", str(seeds)]
        + ["--content", str(content), "--jobs", "2", "--no-cache"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[int] = []
    while run.poll() is None and len(workers) < 2:
        time.sleep(0.05)
        workers = _children(run.pid)
    assert run.poll() is None, "the run ended before its pool started"
    run.kill()
    run.wait()
    warnings: list[str] = []
    with folder_lock(content, command="next", warn=warnings.append):
        pass  # the workers' inherited copies of the lock file do not hold it
    assert len(warnings) == 1 and f"left by pid {run.pid} " in warnings[0]
    # Each worker ends once it sees its parent gone (it checks every second).
    deadline = time.monotonic() + 60
    try:
        while any(_running(worker) for worker in workers):
            assert time.monotonic() < deadline, f"workers {workers} outlived their run"
            time.sleep(0.1)
    finally:
        for worker in filter(_running, workers):
            os.kill(worker, signal.SIGKILL)


def _running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return False
    return status.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
