"""What every cache entry depends on besides its own input: the code and the model.

A hand-kept list of the modules that shape an analysis goes stale as modules are split,
so `code_version` hashes every module and data file of the package outside the parts that
only write or publish records. Editing an unrelated module costs one cold run, never a
stale entry.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import metadata
from pathlib import Path

# Bump when the meaning of an entry changes without any change to the modules below.
CACHE_VERSION = "1"
PACKAGE = Path(__file__).resolve().parents[1]
_NOT_ANALYSIS = ("site/", "publish/", "records/", "cache/", "cli.py", "synthetic.py")


def _analysis_sources() -> list[Path]:
    files = sorted([*PACKAGE.rglob("*.py"), *PACKAGE.glob("data/*")])
    return [
        f
        for f in files
        if not f.relative_to(PACKAGE).as_posix().startswith(_NOT_ANALYSIS)
        and "__pycache__" not in f.parts
    ]


@cache
def code_version() -> str:
    """A hash of CACHE_VERSION and the source of the modules that shape the mentions."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    for path in _analysis_sources():
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _installed(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except (metadata.PackageNotFoundError, ValueError):
        return ""


def fingerprint(model: str, typology: str = "") -> str:
    """What every article's key shares: the model, the versions, the code and the event
    typology (its digest: a content folder may extend it)."""
    parts = {
        "code": code_version(),
        "typology": typology,
        "model": model,
        "model_version": _installed(model),
        "spacy": _installed("spacy"),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
