"""The record folders on disk: which files are records, which actors people edited, and a
fingerprint of what exists. Every reader of content/ and of the state folder lists files
through `record_names`, so they all agree on what a record file is.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
from pathlib import Path
from typing import Any

import yaml

from generator.model import KINDS
from generator.records.yaml_load import load_yaml


def record_entries(folder: Path) -> list[tuple[str, bool]]:
    """The names of a folder's record files (*.yml, *.yaml) in name order, each with
    whether it is a symbolic link (known from the folder listing, without a system call).

    Dot files are skipped: write_atomic's temporary files, editors' lock and backup files.
    A missing or unreadable folder has none.
    """
    try:
        with os.scandir(folder) as entries:
            links = {entry.name: entry.is_symlink() for entry in entries}
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return []
    names = sorted(fnmatch.filter(links, "*.y*ml"), key=os.path.normcase)
    return [(name, links[name]) for name in names if not name.startswith(".")]


def record_names(folder: Path) -> list[str]:
    """The names of a folder's record files, in name order (see `record_entries`)."""
    return [name for name, _ in record_entries(folder)]


def record_ids(folder: Path) -> set[str]:
    """The ids (file stems) of a folder's records."""
    return {Path(name).stem for name in record_names(folder) if name.endswith((".yml", ".yaml"))}


def listing(content_dir: Path) -> str:
    """A fingerprint of which records exist: adding or deleting one changes it."""
    names = [f"{kind}/{name}" for kind in KINDS for name in record_names(content_dir / kind)]
    return hashlib.sha256("\n".join(names).encode()).hexdigest()


def editor_actors(content_dir: Path, state_dir: Path | None = None) -> list[dict[str, Any]]:
    """The actor records people keep in content/actors (names, aliases, kinds).

    With state_dir (the last generated version of each record), only the actors a person
    added or changed: the extraction's own actors fed back into the entity ruler would make
    a second run differ from the first although nobody edited anything.

    Reads that folder only, with libyaml when installed: `read_content` would parse every
    record of every kind with line numbers, seconds on a large content/. Unreadable
    records are skipped here as there; `chronology validate` reports them.
    """
    folder = content_dir / "actors"
    actors: list[dict[str, Any]] = []
    for name in record_names(folder):
        try:
            text = (folder / name).read_text(encoding="utf-8")
            base = _generated_text(name, state_dir)
            if text == base:
                continue  # the generated text as it was: not edited, and no need to parse it
            data = load_yaml(text)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(data, dict) and "id" in data and _edited(data, base):
            actors.append(data)
    return actors


def _generated_text(name: str, state_dir: Path | None) -> str | None:
    """The text of an actor record as last generated; None without one."""
    if state_dir is None:
        return None
    try:
        return (state_dir / "actors" / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _edited(data: dict[str, Any], base: str | None) -> bool:
    """True when no generated version exists or the record differs from it."""
    if base is None:
        return True
    try:
        return bool(load_yaml(base) != data)
    except yaml.YAMLError:
        return True
