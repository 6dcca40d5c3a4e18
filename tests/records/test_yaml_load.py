"""parse_document builds records' data from libyaml's nodes exactly as PyYAML's constructor does."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from record_values import VALUES

from generator.records.yaml_load import load_yaml, parse_document

TRICKY_YAML = {
    "anchors_and_aliases": "a: &x [1, {b: 2}]\nc: *x\n",
    "merge_key": "base: &b {x: 1, y: 1}\nrecord:\n  <<: *b\n  y: 2\n",
    "value_key": "=: 1\n",
    "scalars": "i: 0x1F\nf: 1e3\nb: yes\nn: ~\ns: '1'\nd: 2020-11-09\nt: 1:30\nx: .inf\n",
    "explicit_tags": "a: !!str 1\nb: !!float 1\nc: !!binary aGk=\nd: !!set {x}\n",
    "number_and_null_keys": "1: a\n~: b\n",
    "duplicate_keys": "a: 1\na: 2\n",
    "recursive": "a: &a [*a]\n",
    "deep": "a: " + "[" * 150 + "]" * 150 + "\n",
    "unknown_tag": "a: !thing x\n",
    "unknown_tag_on_a_list": "a: !thing [x]\n",
}


def _outcome(load: Any, text: str) -> str:
    try:
        return repr(load(text))
    except yaml.YAMLError as error:
        return f"{type(error).__name__}: {getattr(error, 'problem', error)}"


@pytest.mark.parametrize("name", sorted(TRICKY_YAML))
def test_records_are_built_as_pyyaml_builds_them(name: str) -> None:
    text = TRICKY_YAML[name]
    built = _outcome(lambda text: parse_document(text)[1], text)
    assert built == _outcome(load_yaml, text)
    if name == "anchors_and_aliases":
        data = parse_document(text)[1]
        assert data["a"] is data["c"]


@settings(max_examples=200, deadline=None)
@given(data=st.dictionaries(st.text(max_size=4), VALUES), flow=st.booleans())
def test_any_plain_data_is_built_as_pyyaml_builds_it(data: dict[str, Any], flow: bool) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    assert repr(parse_document(text)[1]) == repr(load_yaml(text))


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: 1\nb: !!int high\n", 2, "'high' is not a valid int"),
        ("a: 1\nb:\n  - !!timestamp soon\n", 3, "'soon' is not a valid timestamp"),
        ("a: &x !!float nope\nb: *x\n", 1, "'nope' is not a valid float"),
    ],
)
def test_a_value_its_tag_cannot_be_is_a_yaml_error_at_its_line(
    text: str, line: int, message: str
) -> None:
    for parse in (load_yaml, parse_document):
        with pytest.raises(yaml.YAMLError) as caught:
            parse(text)
        assert caught.value.problem_mark.line + 1 == line  # type: ignore[attr-defined]
        assert caught.value.problem == message  # type: ignore[attr-defined]
