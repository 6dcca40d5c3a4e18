"""The quick check compiled from a schema says valid only when jsonschema would agree.

The checks are compiled from the schemas shipped with the package and compared with
jsonschema on edited copies of real records, at the edges of what each keyword allows.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from record_values import VALUES

from generator.model import KINDS
from generator.records.schema_check import QuickCheck, compile_quick_check
from generator.records.store import schema_for
from generator.records.yaml_load import load_yaml

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "content"

VALID = {kind: load_yaml(min((FIXTURES / kind).glob("*.yml")).read_text()) for kind in KINDS}


@cache
def _checks(kind: str) -> tuple[QuickCheck, jsonschema.protocols.Validator]:
    """The quick check and jsonschema's validator of one kind's schema."""
    schema = schema_for(kind)
    quick = compile_quick_check(schema)
    assert quick is not None
    return quick, jsonschema.Draft202012Validator(schema)


@st.composite
def _changed_records(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    kind = draw(st.sampled_from(KINDS))
    fields = st.sampled_from(sorted(schema_for(kind)["properties"]))
    changes = draw(st.dictionaries(fields, VALUES, max_size=2))
    removed = draw(st.sets(fields, max_size=1))
    data = {**VALID[kind], **changes}
    return kind, {name: value for name, value in data.items() if name not in removed}


@settings(max_examples=500, deadline=None)
@given(_changed_records())
def test_the_quick_check_never_passes_what_jsonschema_rejects(
    changed: tuple[str, dict[str, Any]],
) -> None:
    kind, data = changed
    quick, full = _checks(kind)
    if quick(data):
        assert list(full.iter_errors(data)) == []


def _edge_values() -> list[Any]:
    scalars = ["", "x", "russia", "2020", "2020-13", "2020-11-09/2021", "meeting", "person"]
    scalars += ["0" * 64, None, True, False, -1, 0, 0.5, 1, 1.5, float("nan")]
    nested: list[Any] = [[], ["x", "x"], ["x", "y"], {}]
    for value in scalars:
        nested += [
            [value],
            {"source": "x", "quote": value},
            [{"source": "x", "quote": value}],
            [{"source": value, "quote": "q"}],
            [{"source": "x", "quote": "q", "date": value}],
            [{"code": value, "message": "m"}],
        ]
    return scalars + nested


@pytest.mark.parametrize("kind", KINDS)
def test_the_quick_check_agrees_with_jsonschema_on_every_edge(kind: str) -> None:
    quick, full = _checks(kind)
    verdicts = set()
    for name in [*schema_for(kind)["properties"], "extra"]:
        for value in _edge_values():
            data = {**VALID[kind], name: value}
            valid = not list(full.iter_errors(data))
            assert quick(data) <= valid, (name, value)
            verdicts.add(valid)
        data = {key: value for key, value in VALID[kind].items() if key != name}
        assert quick(data) <= (not list(full.iter_errors(data))), name
    assert verdicts == {True, False}


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "string", "format": "date"},
        {"properties": {"a": {"$ref": "#/$defs/a"}}},
        {"additionalProperties": False},
        {"items": [{"type": "string"}]},
        {"type": "any"},
        {"$schema": "http://json-schema.org/draft-07/schema#", "type": "string"},
    ],
)
def test_the_quick_check_leaves_what_it_does_not_know_to_jsonschema(schema: Any) -> None:
    assert compile_quick_check(schema) is None
