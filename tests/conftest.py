"""Shared fixtures: the real spaCy pipeline and the seeds extracted once per session."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five seed articles of the repository."""
    return SEEDS


@pytest.fixture(scope="session")
def seed_extraction(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The seeds extracted with the real model into a temporary content folder."""
    from generator.extract import run_extraction

    content = tmp_path_factory.mktemp("content")
    return run_extraction(SEEDS, content)


@pytest.fixture()
def seed_copy(tmp_path: Path) -> Path:
    """A writable copy of the seeds folder."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target
