"""Copy vis-timeline's browser build and licences from node_modules into the package.

Run after ``npm ci`` (or ``npm install``) at the repository root::

    npm ci && npm run vendor        # same as: python3 scripts/vendor_assets.py

The copied files under ``generator/site/assets/vendor/vis-timeline/`` are committed, so
the Python package and the built sites need neither npm nor a CDN. Source-map comments
are stripped (the maps are not shipped, and browsers would ask for them).
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "node_modules"
PACKAGE = MODULES / "vis-timeline"
TARGET = ROOT / "generator" / "site" / "assets" / "vendor" / "vis-timeline"

#: (file in the npm package, name in TARGET)
FILES = [
    ("standalone/umd/vis-timeline-graph2d.min.js", "vis-timeline-graph2d.min.js"),
    ("styles/vis-timeline-graph2d.min.css", "vis-timeline-graph2d.min.css"),
    ("LICENSE.md", "LICENSE.md"),
    ("LICENSE.Apache-2.0.txt", "LICENSE.Apache-2.0.txt"),
    ("LICENSE.MIT.txt", "LICENSE.MIT.txt"),
]

#: Packages the standalone build bundles (its peer dependencies): their licences ship too.
BUNDLED = [
    "@egjs/hammerjs",
    "component-emitter",
    "cssfilter",
    "keycharm",
    "moment",
    "propagating-hammerjs",
    "uuid",
    "vis-data",
    "vis-util",
    "xss",
]

_SOURCE_MAP = re.compile(r"\n?(//# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$")


def _licence_texts(folder: Path) -> list[str]:
    files = sorted(p for p in folder.iterdir() if p.name.upper().startswith(("LICENSE", "LICENCE")))
    return [p.read_text(encoding="utf-8").strip() for p in files]


def _third_party_notices() -> str:
    parts = [
        "Third-party software bundled in vis-timeline-graph2d.min.js (the standalone build).",
        "Versions below are those npm installed next to vis-timeline when it was vendored.",
    ]
    for name in BUNDLED:
        folder = MODULES / name
        meta = json.loads((folder / "package.json").read_text(encoding="utf-8"))
        parts.append("=" * 78)
        parts.append(f"{name} {meta['version']} — licence: {meta.get('license')}")
        parts.append("=" * 78)
        parts.extend(_licence_texts(folder))
    return "\n\n".join(parts) + "\n"


def main() -> int:
    """Copy the files; fail with a readable message when npm has not installed them."""
    if not PACKAGE.is_dir():
        print("node_modules/vis-timeline is missing: run `npm ci` first", file=sys.stderr)
        return 1
    version = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]
    if TARGET.exists():
        shutil.rmtree(TARGET)
    TARGET.mkdir(parents=True)
    for source, name in FILES:
        text = (PACKAGE / source).read_text(encoding="utf-8")
        if name.endswith((".js", ".css")):
            text = _SOURCE_MAP.sub("\n", text)
        (TARGET / name).write_text(text, encoding="utf-8")
    (TARGET / "THIRD-PARTY-NOTICES.txt").write_text(_third_party_notices(), encoding="utf-8")
    (TARGET / "VERSION").write_text(f"vis-timeline {version}\n", encoding="utf-8")
    print(f"vendored vis-timeline {version} into {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
