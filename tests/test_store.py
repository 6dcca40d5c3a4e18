"""The record store reports every problem as path:line: field: message, and loads quickly.

The cases below pin the exact wording and line of each kind of bad input, so that a faster
loader cannot change what people read.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import store
from generator.model import ACTOR_KINDS, KINDS
from generator.store import ContentError, load_catalog, load_yaml, read_content, schema_for
from generator.synthetic import write_synthetic_content

FIXTURES = Path(__file__).parent / "fixtures" / "content"

TYPES = (
    "meeting, call, talks, statement, agreement, ceasefire, clashes, attack, deployment, "
    "visit, election, protest, announcement, other"
)
ISO = "expected an ISO date (2020, 2020-11 or 2020-11-09)"
EVENT = (
    "id: {id}\ndate: 2020-01-01\ntitle: An event\ntype: meeting\n"
    "sources:\n  - source: newsline-2022-10-31-sochi\n    quote: q\n"
)

# name: (file under content/, its text, the problems reported there, in order)
BAD_INPUT: dict[str, tuple[str, str | bytes, list[str]]] = {
    "unclosed_flow_sequence": (
        "actors/broken.yml",
        "id: broken\nname: [unclosed\nkind: person\n",
        ["actors/broken.yml:3: YAML syntax error: expected ',' or ']', but got ':'"],
    ),
    "tab_indentation": (
        "events/tab.yml",
        "id: tab\n\tdate: 2020\n",
        ["events/tab.yml:2: YAML syntax error: found character '\\t' that cannot start any token"],
    ),
    "two_documents": (
        "actors/two.yml",
        "id: two\n---\nid: three\n",
        ["actors/two.yml:2: YAML syntax error: but found another document"],
    ),
    "a_list_not_a_mapping": (
        "actors/list.yml",
        "- a\n- b\n",
        ["actors/list.yml:1: expected a mapping of fields (key: value)"],
    ),
    "an_empty_file": (
        "actors/empty.yml",
        "",
        ["actors/empty.yml:1: expected a mapping of fields (key: value)"],
    ),
    "only_a_comment": (
        "actors/comment.yml",
        "# nothing yet\n",
        ["actors/comment.yml:1: expected a mapping of fields (key: value)"],
    ),
    "date_not_iso": (
        "events/bad-date.yml",
        EVENT.format(id="bad-date").replace("2020-01-01", "31/02/2020"),
        [f"events/bad-date.yml:2: date: {ISO}, got '31'"],
    ),
    "date_that_does_not_exist": (
        "events/no-day.yml",
        EVENT.format(id="no-day").replace("2020-01-01", "2021-02-29"),
        ["events/no-day.yml:2: date: no such day in 2021-02: '2021-02-29'"],
    ),
    "end_not_iso": (
        "events/bad-end.yml",
        EVENT.format(id="bad-end") + "end: soon\n",
        [f"events/bad-end.yml:8: end: {ISO}, got 'soon'"],
    ),
    "unknown_type": (
        "events/bad-type.yml",
        EVENT.format(id="bad-type").replace("meeting", "party"),
        [f"events/bad-type.yml:4: type: unknown value 'party'; expected one of: {TYPES}"],
    ),
    "missing_fields_after_comments": (
        "events/missing.yml",
        "# written by hand\n\nid: missing\ndate: 2020\n",
        [
            "events/missing.yml:3: sources: required field is missing",
            "events/missing.yml:3: title: required field is missing",
            "events/missing.yml:3: type: required field is missing",
            "events/missing.yml:4: date: 2020 is not of type 'string'",
        ],
    ),
    "quote_not_a_string": (
        "events/quote.yml",
        EVENT.format(id="quote") + "  - source: newsline-2022-10-31-sochi\n    quote: 5\n",
        ["events/quote.yml:9: sources.1.quote: 5 is not of type 'string'"],
    ),
    "claim_without_quote_and_bad_claim_date": (
        "events/claim.yml",
        EVENT.format(id="claim") + "  - source: newsline-2022-10-31-sochi\n    date: 31/02/2020\n",
        [
            "events/claim.yml:8: sources.1.quote: required field is missing",
            "events/claim.yml:9: sources.1.date: '31/02/2020' is not valid under any of the "
            "given schemas",
        ],
    ),
    "no_sources": (
        "events/no-sources.yml",
        "id: no-sources\ndate: 2020\ntitle: T\ntype: other\nsources: []\n",
        [
            "events/no-sources.yml:2: date: 2020 is not of type 'string'",
            "events/no-sources.yml:5: sources: [] should be non-empty",
        ],
    ),
    "actor_listed_twice_and_unknown": (
        "events/twice.yml",
        EVENT.format(id="twice") + "actors:\n  - russia\n  - russia\n  - nobody\n",
        [
            "events/twice.yml:8: actors: ['russia', 'russia', 'nobody'] has non-unique elements",
            "events/twice.yml:11: actors.2: unknown actor 'nobody'",
        ],
    ),
    "confidence_out_of_range": (
        "events/sure.yml",
        EVENT.format(id="sure") + "confidence: 1.5\n",
        ["events/sure.yml:8: confidence: 1.5 is greater than the maximum of 1"],
    ),
    "confidence_below_zero": (
        "sources/unsure.yml",
        "id: unsure\ntitle: Unsure\npublished_confidence: -0.5\n",
        ["sources/unsure.yml:3: published_confidence: -0.5 is less than the minimum of 0"],
    ),
    "id_not_the_file_name": (
        "events/named.yml",
        EVENT.format(id="other-name"),
        ["events/named.yml:1: id: id 'other-name' does not match the file name 'named'"],
    ),
    "flag_without_message": (
        "events/flag.yml",
        EVENT.format(id="flag") + "flags:\n  - code: x\n",
        ["events/flag.yml:9: flags.0: {'code': 'x'} is not valid under any of the given schemas"],
    ),
    "date_tagged_as_timestamp": (
        "events/tagged.yml",
        EVENT.format(id="tagged").replace("date: 2020-01-01", "date: !!timestamp 2020-01-01"),
        ["events/tagged.yml:2: date: datetime.date(2020, 1, 1) is not of type 'string'"],
    ),
    "event_with_unknown_place_agreement_and_source": (
        "events/dangling.yml",
        EVENT.format(id="dangling").replace("newsline-2022-10-31-sochi", "nowhere")
        + "places:\n  - atlantis\nagreements: [never-signed]\n",
        [
            "events/dangling.yml:6: sources.0.source: unknown source 'nowhere'",
            "events/dangling.yml:9: places.0: unknown actor 'atlantis'",
            "events/dangling.yml:10: agreements.0: unknown agreement 'never-signed'",
        ],
    ),
    "agreement_with_unknown_records": (
        "agreements/pact.yml",
        "id: pact\ntitle: Pact\ndate: 2020-13\nparties: [russia, ghost]\n"
        "events:\n  - no-such-event\nsources: [no-such-source]\nmediators: [5]\n",
        [
            "agreements/pact.yml:3: date: month must be 01-12 (or a season 21-24), got '2020-13'",
            "agreements/pact.yml:4: parties.1: unknown actor 'ghost'",
            "agreements/pact.yml:6: events.0: unknown event 'no-such-event'",
            "agreements/pact.yml:7: sources.0: unknown source 'no-such-source'",
            "agreements/pact.yml:8: mediators.0: 5 is not of type 'string'",
            "agreements/pact.yml:8: mediators.0: unknown actor 5",
        ],
    ),
    "source_with_bad_fields": (
        "sources/article.yml",
        "id: article\ntitle: ''\npublished_how: guessed\npublished_confidence: high\n"
        "sha256: abc\npublished: 2020-00\n",
        [
            "sources/article.yml:2: title: '' should be non-empty",
            "sources/article.yml:3: published_how: unknown value 'guessed'; expected one of: "
            "input, header, date-line, dateline, text-weekday, text-latest, none, editor",
            "sources/article.yml:4: published_confidence: 'high' is not of type 'number', 'null'",
            "sources/article.yml:5: sha256: 'abc' does not match '^[0-9a-f]{64}$'",
            "sources/article.yml:6: published: month must be 01-12 (or a season 21-24), "
            "got '2020-00'",
        ],
    ),
    "actor_with_empty_name_and_alias": (
        "actors/nameless.yml",
        "id: nameless\nname: ''\nkind: person\naliases:\n  - ok\n  - ''\n",
        [
            "actors/nameless.yml:2: name: '' should be non-empty",
            "actors/nameless.yml:6: aliases.1: '' should be non-empty",
        ],
    ),
    "duplicate_id_in_a_yaml_file": (
        "sources/newsline-2022-10-31-sochi.yaml",
        "id: newsline-2022-10-31-sochi\ntitle: Same id again\n",
        [
            "sources/newsline-2022-10-31-sochi.yml:1: id: duplicate id "
            "'newsline-2022-10-31-sochi', also used by "
            "content/sources/newsline-2022-10-31-sochi.yaml"
        ],
    ),
    "duplicate_key_the_last_wins": (
        "events/dup-key.yml",
        EVENT.format(id="dup-key") + "type: nonsense\n",
        [f"events/dup-key.yml:8: type: unknown value 'nonsense'; expected one of: {TYPES}"],
    ),
    "windows_line_endings": (
        "events/crlf.yml",
        EVENT.format(id="crlf").replace("meeting", "party").replace("\n", "\r\n"),
        [f"events/crlf.yml:4: type: unknown value 'party'; expected one of: {TYPES}"],
    ),
    "byte_order_mark": (
        "events/bom.yml",
        "\ufeff" + EVENT.format(id="bom").replace("meeting", "party"),
        [f"events/bom.yml:4: type: unknown value 'party'; expected one of: {TYPES}"],
    ),
    "not_utf8": (
        "actors/latin1.yml",
        "id: latin1\nname: Fran\xe7ois\n".encode("latin-1"),
        [
            "actors/latin1.yml: cannot read: 'utf-8' codec can't decode byte 0xe7 in "
            "position 21: invalid continuation byte"
        ],
    ),
    "merged_keys_are_located_where_they_come_from": (
        "events/merged.yml",
        "defaults: &defaults\n  type: party\n  summary: 5\n<<: *defaults\n"
        + EVENT.format(id="merged").replace("type: meeting\n", ""),
        [
            f"events/merged.yml:2: type: unknown value 'party'; expected one of: {TYPES}",
            "events/merged.yml:3: summary: 5 is not of type 'string'",
        ],
    ),
    "aliased_list_with_an_unknown_actor": (
        "events/aliased.yml",
        EVENT.format(id="aliased") + "actors: &who\n  - russia\n  - nobody\nplaces: *who\n",
        [
            "events/aliased.yml:10: actors.1: unknown actor 'nobody'",
            "events/aliased.yml:10: places.1: unknown actor 'nobody'",
        ],
    ),
    "id_not_a_string": (
        "actors/numbered.yml",
        "id: 12\nname: Twelve\nkind: person\n",
        [
            "actors/numbered.yml:1: id: 12 is not of type 'string'",
            "actors/numbered.yml:1: id: id 12 does not match the file name 'numbered'",
        ],
    ),
}


def _content(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    root = tmp_path / "content"
    shutil.copytree(FIXTURES, root)
    for name, text in files.items():
        target = root / name
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8", newline="")
    return root


def _reported(root: Path) -> list[str]:
    with pytest.raises(ContentError) as raised:
        load_catalog(root)
    return [str(problem) for problem in raised.value.problems]


@pytest.mark.parametrize("name", sorted(BAD_INPUT))
def test_bad_input_is_reported_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    file, text, expected = BAD_INPUT[name]
    assert _reported(_content(tmp_path, {file: text})) == [f"content/{line}" for line in expected]


def test_every_bad_input_is_reported_in_one_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    root = _content(tmp_path, {file: text for file, text, _ in BAD_INPUT.values()})
    expected = [f"content/{line}" for _, _, lines in BAD_INPUT.values() for line in lines]
    assert sorted(_reported(root)) == sorted(expected)


def test_paths_are_shown_from_the_working_folder_through_symlinks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _content(tmp_path, {})
    (tmp_path / "elsewhere").mkdir()
    real = tmp_path / "elsewhere" / "real.yml"
    real.write_text("id: real\nname: Real\nkind: nobody\n", encoding="utf-8")
    (root / "actors" / "link.yml").symlink_to(real)
    (root / "events" / "folder.yml").mkdir()
    (tmp_path / "linked").symlink_to(root)
    bad_kind = "kind: unknown value 'nobody'; expected one of: " + ", ".join(ACTOR_KINDS)
    monkeypatch.chdir(tmp_path)
    assert _reported(Path("linked")) == [
        "content/events/folder.yml: cannot read: [Errno 21] Is a directory: "
        "'linked/events/folder.yml'",
        f"elsewhere/real.yml:3: {bad_kind}",
    ]
    monkeypatch.chdir(root / "events")
    assert _reported(Path("..")) == [
        "../actors/link.yml:1: id: id 'real' does not match the file name 'link'",
        f"../actors/link.yml:3: {bad_kind}",
        "folder.yml: cannot read: [Errno 21] Is a directory: '../events/folder.yml'",
    ]


def test_valid_records_never_reach_jsonschema(tmp_path: Path) -> None:
    write_synthetic_content(tmp_path, events=300, seed=1)
    for root in (FIXTURES, tmp_path):
        records, problems = read_content(root)
        assert problems == []
        for kind, loaded in records.items():
            quick = store._quick_validator(kind)
            assert quick is not None
            assert all(quick(record.data) for record in loaded), kind


VALID = {kind: load_yaml(min((FIXTURES / kind).glob("*.yml")).read_text()) for kind in KINDS}
# Values near the edges of what the schemas allow, often enough to hit each keyword.
EDGES = ["", "x", "russia", "2020", "2020-13", "2020-11-09/2021", "meeting", "person", "0" * 64]
EDGES += [None, True, -1, 0, 0.5, 1, 1.5, [], ["x", "x"], ["x", ""], [{"source": "x"}]]
VALUES = st.recursive(
    st.sampled_from(EDGES) | st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["source", "quote", "date", "code", "message"]), inner)
    ),
    max_leaves=6,
)


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
    quick = store._quick_validator(kind)
    assert quick is not None
    if quick(data):
        assert list(store._validator(kind).iter_errors(data)) == []


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
    quick, full = store._quick_validator(kind), store._validator(kind)
    assert quick is not None
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
    ],
)
def test_the_quick_check_leaves_what_it_does_not_know_to_jsonschema(schema: Any) -> None:
    assert store._quick_check(schema) is None


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
    built = _outcome(lambda text: store._parse_document(text)[1], text)
    assert built == _outcome(load_yaml, text)
    if name == "anchors_and_aliases":
        data = store._parse_document(text)[1]
        assert data["a"] is data["c"]


@settings(max_examples=200, deadline=None)
@given(data=st.dictionaries(st.text(max_size=4), VALUES), flow=st.booleans())
def test_any_plain_data_is_built_as_pyyaml_builds_it(data: dict[str, Any], flow: bool) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    assert repr(store._parse_document(text)[1]) == repr(load_yaml(text))
