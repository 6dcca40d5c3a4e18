"""The record store reports every problem as path:line: field: message, and loads quickly.

The cases below pin the exact wording and line of each kind of bad input, so that a faster
loader cannot change what people read.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.model import ACTOR_KINDS
from generator.records import store
from generator.records.store import load_catalog, read_content
from generator.synthetic import write_synthetic_content

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "content"

TYPES = (
    "ceasefire, legal, attack, clashes, casualties, disaster, health, election, appointment, "
    "resignation, protest, call, meeting, visit, deployment, business, launch, policy, sport, "
    "agreement, statement, talks, announcement, other"
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
    "a_value_its_tag_cannot_be": (
        "actors/float-tag.yml",
        "id: float-tag\nname: Tagged\nkind: person\nconfidence: !!float high\n",
        ["actors/float-tag.yml:4: YAML syntax error: 'high' is not a valid float"],
    ),
    "a_date_its_tag_cannot_be": (
        "events/date-tag.yml",
        "id: date-tag\ntitle: T\ntype: call\ndate: !!timestamp soon\n",
        ["events/date-tag.yml:4: YAML syntax error: 'soon' is not a valid timestamp"],
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
            "input, header, date-line, dateline, text, url, text-weekday, text-latest, none, "
            "unknown, editor",
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


def test_extraction_does_not_load_jsonschema_until_a_record_is_checked() -> None:
    # An extraction writes records but seldom checks one; jsonschema takes tens of ms to load.
    code = (
        "import sys, generator.extract, generator.records.sync, generator.records.store as s; "
        "print('jsonschema' in sys.modules); "
        "s.parse_record('id: x\\n', kind='actors', path='x.yml'); "
        "print('jsonschema' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]
