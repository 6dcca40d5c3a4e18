"""One run at a time on a content folder.

A run that writes a content folder holds an advisory lock (``flock``) on
``<content>/.chronology/lock`` for as long as it runs. The kernel releases such a lock when
its process ends, however it ends, so a lock can never outlive its run; the file itself
records who holds it (process id, host, since when, command) for the message a second run
gives. A file left behind by a run that was killed names a process that no longer holds the
lock: the next run takes it over with a warning.

A second run does not wait: it stops at once with `FolderLocked`, naming the folder and the
run that holds it, rather than sitting silently behind a run that may take an hour.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from generator.errors import FolderLocked
from generator.records.state import prepare_state

LOCK = "lock"

# The lock files this process holds open. A forked child (a pool worker) inherits them, and
# a flock lasts until every copy is closed: a worker that outlived a killed run would keep
# the folder locked. So every child closes its copies at once; the parent's lock stays.
_HELD: set[int] = set()


def _close_in_child() -> None:
    for fd in _HELD:
        with suppress(OSError):
            os.close(fd)
    _HELD.clear()


os.register_at_fork(after_in_child=_close_in_child)


def lock_path(content_dir: Path) -> Path:
    """The lock file of a content folder."""
    return prepare_state(content_dir) / LOCK


@contextmanager
def folder_lock(
    content_dir: Path,
    *,
    command: str,
    warn: Callable[[str], None] = lambda message: None,
) -> Iterator[None]:
    """Hold the lock of content_dir for the body of the with statement.

    Raises FolderLocked when another process holds it; warns (and takes it) when the file
    names a run that ended without releasing it.
    """
    path = lock_path(content_dir)
    fd = _acquire(path, content_dir, command, warn)
    _HELD.add(fd)
    try:
        yield
    finally:
        _HELD.discard(fd)
        # Unlink while still holding the lock: a run that opened the old file meanwhile sees
        # it is no longer the lock file (_acquire checks the inode) and opens the new one.
        with suppress(OSError):
            path.unlink()
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _acquire(path: Path, folder: Path, command: str, warn: Callable[[str], None]) -> int:
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd) or "another process (it has not said which yet)"
            os.close(fd)
            raise FolderLocked(
                f"{folder}: another run is writing this folder: {holder}. Wait for it to "
                "finish (or stop it), then run again."
            ) from None
        if not _is_current(fd, path):
            os.close(fd)  # the holder removed this file as it finished: lock the new one
            continue
        left = _holder(fd)
        if left is not None:
            warn(
                f"{folder}: took over the lock left by {left}: that run ended without "
                "releasing it (it was killed or crashed); check its records if it was writing"
            )
        _write_holder(fd, command)
        return fd


def _is_current(fd: int, path: Path) -> bool:
    try:
        on_disk = path.stat()
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def _holder(fd: int) -> str | None:
    """Who the lock file says holds it, as 'pid 123 on host since ... (command)'."""
    try:
        data = json.loads(os.pread(fd, 4096, 0).decode("utf-8"))
        return f"pid {data['pid']} on {data['host']} since {data['since']} ({data['command']})"
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return None


def _write_holder(fd: int, command: str) -> None:
    since = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    data = {"pid": os.getpid(), "host": socket.gethostname(), "since": since, "command": command}
    text = json.dumps(data).encode("utf-8")
    os.ftruncate(fd, 0)
    os.pwrite(fd, text, 0)
