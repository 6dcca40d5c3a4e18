"""The state of a content folder: what the extraction last wrote there, kept inside it.

Every content folder has its own ``<content>/.chronology/``:

- ``generated/`` -- the merge base: each record exactly as the extraction last produced it,
  laid out like the content folder (`generator.records.sync`). It is committed with the
  records, so that hand edits stay safe after a fresh clone;
- ``generated/.last-run.json`` and ``generated/.dumps.json`` -- fingerprints of the last run
  (`generator.cache.runs`, `generator.records.sync`), local to a machine;
- ``lock`` -- held while a run writes the folder (`generator.records.lock`).

Keeping it inside the folder means two content folders of one project can never see each
other's state, and a folder that is moved or copied takes its state along. Record listings
(`generator.records.folder`) read only ``<content>/<kind>/``, so neither ``mkdocs build`` nor
``chronology validate`` ever reads this folder, and its name starts with a dot so editors,
MkDocs and file browsers hide it.

Versions before this layout kept one merge base in ``.chronology/generated/`` of the folder
the command ran from, shared by every content folder. `adopt_legacy_state` moves it into the
content folder it belongs to, and only that one.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.atomic import write_atomic
from generator.model import KINDS
from generator.records.folder import record_names

STATE = ".chronology"
GENERATED = "generated"
LEGACY = Path(STATE) / GENERATED  # relative to the folder the command ran from

_GITIGNORE = """\
# Written by chronology. Commit generated/: it is the merge base that keeps the hand edits
# of this folder safe on the next extraction. The rest belongs to this machine.
lock
generated/.*
"""


def state_root(content_dir: Path) -> Path:
    """The state folder of a content folder: ``<content>/.chronology``."""
    return content_dir / STATE


def generated_dir(content_dir: Path) -> Path:
    """The merge base of a content folder: ``<content>/.chronology/generated``."""
    return state_root(content_dir) / GENERATED


def prepare_state(content_dir: Path) -> Path:
    """Create the state folder (with a .gitignore saying what to commit) and return it."""
    root = state_root(content_dir)
    root.mkdir(parents=True, exist_ok=True)
    ignore = root / ".gitignore"
    if not ignore.exists():
        write_atomic(ignore, _GITIGNORE)
    return root


@dataclass(frozen=True)
class Adoption:
    """What `adopt_legacy_state` did: moved a legacy merge base, or left it where it was."""

    moved: bool
    message: str


def adopt_legacy_state(content_dir: Path, candidates: list[Path]) -> Adoption | None:
    """Move a legacy shared merge base into content_dir's state folder when it is this
    folder's: None when there is nothing to move (the folder has its own state already, or
    no legacy folder exists).

    A legacy folder (``.chronology/generated/`` next to where the command ran) is this
    folder's when at least half of its records exist in content_dir and at least one of
    them is still exactly as generated -- a folder the extraction never wrote, or wrote from
    other articles, shares no record file with it. Otherwise it is left in place, for the
    folder it belongs to.
    """
    target = generated_dir(content_dir)
    if target.exists():
        return None
    for legacy in _distinct(candidates):
        if not legacy.is_dir() or legacy.resolve() == target.resolve():
            continue
        names = [f"{kind}/{name}" for kind in KINDS for name in record_names(legacy / kind)]
        if not names:
            continue
        present = [name for name in names if (content_dir / name).is_file()]
        untouched = any(_same_bytes(legacy / name, content_dir / name) for name in present)
        shown = _shown(legacy)
        if 2 * len(present) < len(names) or not untouched:
            return Adoption(
                False,
                f"{shown}/ (the merge base of an older version, shared by every content "
                f"folder) was left in place: it is not {content_dir}'s ({len(present)} of its "
                f"{len(names)} records are in {content_dir}/). It moves into its own content "
                "folder on that folder's next extraction.",
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(legacy), str(target))
        return Adoption(
            True,
            f"moved {shown}/ to {_shown(target)}/: each content folder now keeps its own merge "
            f"base. If {shown}/ was committed, commit the move too "
            f"(git add -A {shown} {_shown(target)}).",
        )
    return None


def _distinct(paths: list[Path]) -> list[Path]:
    seen: set[Path] = set()
    result = []
    for path in paths:
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            result.append(path)
    return result


def _same_bytes(first: Path, second: Path) -> bool:
    try:
        return first.read_bytes() == second.read_bytes()
    except OSError:
        return False


def _shown(path: Path) -> str:
    """path relative to the working folder when it is under it (as a user typed it)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
