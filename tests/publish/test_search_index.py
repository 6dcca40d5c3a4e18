"""The search index in small files: words, ids by importance, term files, document files."""

from __future__ import annotations

import json

from generator.publish.search_index import CHUNK, SearchIndex, fold, plain, shard_name, words


def _files(index: SearchIndex) -> dict[str, object]:
    return {name: json.loads(text) for name, text in index.files()}


def test_words_are_folded_as_the_script_folds_queries() -> None:
    assert fold("Sérgei LAVROV") == "sergei lavrov"
    assert words("Sérgei Lavrov met Pashinyan on 9 November, in Moscow's A-1 hall") == {
        "sergei", "lavrov", "met", "pashinyan", "on", "9", "november", "in", "moscow", "1",
        "hall",
    }  # fmt: skip
    assert plain("<p>a &amp; <strong>b</strong></p>") == "a & b"


def test_documents_are_numbered_in_the_order_they_come_and_words_point_to_them() -> None:
    index = SearchIndex()
    index.add("actors/lavrov/", "Sergey Lavrov", "Foreign minister of Russia.")
    index.add("events/talks/", "Lavrov holds talks", "Talks in Moscow with the ministers.")
    index.add("events/call/", "Phone call", "Putin and Aliyev spoke by phone.")
    index.add("sources/s/", "A report", "Lavrov said the talks went well." + " x" * 200)
    files = _files(index)
    meta = files["meta.json"]
    assert meta == {"v": 1, "docs": 4, "chunk": CHUNK, "prefix": 2, "common": ["lavrov"]}
    assert "t/la.json" not in files  # "lavrov" is on 3 of 4 pages: it tells nothing
    talks = files["t/ta.json"]
    assert talks["w"]["talks"] == [1, 2]  # ids 1 and 3, delta-encoded
    assert talks["t"]["talks"] == [1]  # in the title of 1 only
    docs = files["d/0.json"]
    assert docs[1] == ["events/talks/", "Lavrov holds talks", "Talks in Moscow with the ministers."]
    assert len(docs[3][2]) == 180  # a snippet, not the whole text


def test_words_beyond_ascii_get_file_names_of_their_code_points() -> None:
    index = SearchIndex()
    index.add("a/", "Москва", "Переговоры")
    index.add("b/", "Berlin", "Talks")
    index.add("c/", "Paris", "Talks")
    names = {name for name, _ in index.files()}
    assert f"t/{shard_name('мо')}.json" in names and shard_name("мо") == "u43c-43e"
    assert shard_name("ta") == "ta" and shard_name("9n") == "9n"


def test_escaped_search_text_is_indexed_without_its_entities() -> None:
    index = SearchIndex()
    index.add_escaped(
        "e/", "Baku &amp; Yerevan", "&lt;b&gt;Talks&lt;/b&gt; on the &quot;corridor&quot;"
    )
    index.add("f/", "Other", "Something else")
    index.add("g/", "Third", "Something more")
    files = _files(index)
    assert files["d/0.json"][0] == ["e/", "Baku & Yerevan", '<b>Talks</b> on the "corridor"']
    assert "amp" not in json.dumps(files) and "quot" not in json.dumps(files)
    assert files["t/co.json"]["w"] == {"corridor": [0]}
