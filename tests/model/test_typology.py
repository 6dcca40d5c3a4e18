"""The event typology: the package's data file and a content folder's extension of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import TypologyError
from generator.records.store import check_types, read_content
from generator.typology import USER_FILE, default_typology, load_typology

EVENT = (
    "id: e\ndate: 2020-01-01\ntitle: An event\ntype: {type}\n"
    "sources:\n  - source: s\n    quote: q\n"
)


def test_the_packaged_typology_covers_any_topic_and_keeps_the_seeds_types() -> None:
    names = default_typology().names()
    for kind in ("meeting", "call", "talks", "statement", "agreement", "ceasefire", "clashes"):
        assert kind in names
    for kind in ("disaster", "health", "business", "legal", "election", "launch", "sport"):
        assert kind in names
    assert names[-1] == "other"


def test_a_word_triggers_its_type_only_as_its_part_of_speech() -> None:
    typology = default_typology()
    assert typology.rank("fire", "NOUN")[1] == "disaster"  # type: ignore[index]
    assert typology.rank("fire", "VERB")[1] == "resignation"  # type: ignore[index]
    assert typology.rank("banana", "NOUN") is None


def test_a_content_folder_adds_types_and_words(tmp_path: Path) -> None:
    (tmp_path / USER_FILE).write_text(
        "types:\n"
        "  heist:\n    description: A robbery.\n    words: [heist, robbery, rob]\n"
        "  health:\n    words: [measles]\n"
    )
    typology = load_typology(tmp_path)
    names = typology.names()
    assert names[-2:] == ("heist", "other")  # added before "other", which stays last
    assert typology.rank("rob", "VERB") == (names.index("heist"), "heist")
    assert typology.rank("measles", "NOUN")[1] == "health"  # type: ignore[index]
    assert typology.rank("outbreak", "NOUN")[1] == "health"  # type: ignore[index]
    assert typology.digest() != default_typology().digest()


@pytest.mark.parametrize(
    "text, message",
    [
        ("types: [a, b]\n", "expected `types:` mapping"),
        ("types:\n  Heist: {}\n", "'Heist' is not a lower-case name"),
        ("types:\n  heist:\n    words: robbery\n", "types.heist.words: expected a list of words"),
        ("types:\n  heist: [\n", ":3: not valid YAML"),
    ],
)
def test_an_unusable_typology_file_is_named_with_why(
    tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / USER_FILE).write_text(text)
    with pytest.raises(TypologyError, match=str(tmp_path / USER_FILE)) as raised:
        load_typology(tmp_path)
    assert message in str(raised.value)


def test_an_event_type_outside_the_typology_is_reported_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "e.yml").write_text(EVENT.format(type="heist"))
    records, problems = read_content(tmp_path)
    assert problems == []
    (found,) = check_types(records, tmp_path)
    assert (found.line, found.field) == (4, "type")
    assert found.message.startswith("unknown value 'heist'; expected one of: ceasefire, ")
    (tmp_path / USER_FILE).write_text("types:\n  heist:\n    words: [heist]\n")
    assert check_types(records, tmp_path) == []


def test_nouns_that_name_no_happening_are_known_and_extended(tmp_path: Path) -> None:
    # "GM's 2008 revenue", "the 2023 rover": a type's word, but as a noun no happening
    packaged = default_typology()
    assert not packaged.happening("revenue") and not packaged.happening("rover")
    assert packaged.happening("pandemic") and packaged.happening("election")
    (tmp_path / USER_FILE).write_text("not_happenings: [heist]\n")
    extended = load_typology(tmp_path)
    assert not extended.happening("heist") and not extended.happening("revenue")
    assert extended.digest() != packaged.digest()
