"""The extraction cache: what invalidates an entry, what a bad entry does, and that cached,
fresh and multi-process extractions give the same records."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from generator.cache.mentions import (
    MentionCache,
    Patterns,
    article_key,
    mention_from_json,
    mention_to_json,
)
from generator.cache.versions import fingerprint
from generator.extract import run_extraction
from generator.ingest.reader import read_articles
from generator.model import Article, Mention, Mentioned

LAVROV = {"id": "sergey-lavrov", "name": "Sergey Lavrov", "kind": "person"}


SENTENCE = "Sergey Lavrov met Jeyhun Bayramov in Baku on Tuesday."


def _article(text: str = SENTENCE, **changes: Any) -> Article:
    article = Article(
        id="a",
        file="a.txt",
        sha256="0" * 64,
        title="Talks",
        text=text,
        published="2021-05-11",
        published_how="header",
        published_confidence=1.0,
        published_candidates=("2021-05-11",),
        publisher=None,
        dateline=None,
        url=None,
    )
    return dataclasses.replace(article, **changes)


def _key(article: Article, *, model: str = "en_core_web_sm", actors: Any = (LAVROV,)) -> str:
    return article_key(fingerprint(model), article, Patterns(actors))


def _mention() -> Mention:
    return Mention(
        source="a",
        quote="Sergey Lavrov met Jeyhun Bayramov in Baku on Tuesday.",
        date="2021-05-11",
        date_text="on Tuesday",
        type="meeting",
        title=None,
        published="2021-05-11",
        position=0,
        actors=[Mentioned("Sergey Lavrov", "PERSON", "Foreign Minister", "sergey-lavrov", True)],
        places=[Mentioned("Baku", "GPE", as_place=True)],
        references=[("statement", "2020-11-09")],
        provisions=["Under the agreement, ..."],
        lemmas=frozenset({"meet", "tuesday"}),
    )


def test_same_inputs_same_key() -> None:
    assert _key(_article()) == _key(_article())


def test_key_changes_with_text_date_and_model() -> None:
    base = _key(_article())
    assert _key(_article(text="Sergey Lavrov met Jeyhun Bayramov in Baku on Monday.")) != base
    assert _key(_article(published="2021-05-12")) != base
    assert _key(_article(), model="en_core_web_md") != base


def test_key_ignores_the_article_id_and_file() -> None:
    """Mentions take the article's current id when read back, so a renamed file still hits."""
    assert _key(_article(id="b", file="b.txt")) == _key(_article())


def test_undated_article_key_depends_on_the_day_it_is_anchored_on() -> None:
    """An undated article's relative dates count from its own latest date (never the day
    of the run): the key changes with that day, and only with it."""
    common, patterns = fingerprint("m"), Patterns([])
    undated = _article(published=None)
    anchored = _article(published=None, anchor="2024-04-30")
    assert article_key(common, undated, patterns) == article_key(common, undated, patterns)
    assert article_key(common, anchored, patterns) != article_key(common, undated, patterns)
    later = _article(published=None, anchor="2024-05-01")
    assert article_key(common, later, patterns) != article_key(common, anchored, patterns)


def test_key_changes_with_an_alias_that_occurs_in_the_article() -> None:
    with_alias = {**LAVROV, "aliases": ["Lavrov"]}
    assert _key(_article(), actors=[with_alias]) != _key(_article())


def test_key_changes_with_an_actor_id_of_a_name_in_the_article() -> None:
    renamed = {**LAVROV, "id": "lavrov"}
    assert _key(_article(), actors=[renamed]) != _key(_article())


def test_key_ignores_an_alias_the_article_does_not_contain() -> None:
    with_alias = {**LAVROV, "aliases": ["Sergei Lavrov"]}
    other = {"id": "aliyev", "name": "Ilham Aliyev", "kind": "person"}
    assert _key(_article(), actors=[with_alias, other]) == _key(_article())


def test_pattern_split_by_other_whitespace_in_the_text_still_counts() -> None:
    """Relevance ignores whitespace: a pattern's tokens may be spaced otherwise in the text."""
    text = "Sergey  Lavrov met Jeyhun Bayramov in Baku on Tuesday."
    alias = {"id": "x", "name": "Sergey Lavrov", "kind": "person"}
    assert Patterns([alias]).relevant(text)
    assert _key(_article(text=text), actors=[alias]) != _key(_article(text=text), actors=[])


def test_mentions_round_trip_through_json() -> None:
    mention = _mention()
    data = json.loads(json.dumps(mention_to_json(mention)))
    assert mention_from_json(data, source="a") == mention
    assert mention_from_json(data, source="renamed").source == "renamed"


def _cache(folder: Path, **kwargs: Any) -> MentionCache:
    return MentionCache(folder, fingerprint("m"), Patterns([LAVROV]), **kwargs)


def test_put_then_get_is_a_hit(tmp_path: Path) -> None:
    writer = _cache(tmp_path)
    writer.put(_article(), [_mention()])
    writer.close()
    reader = _cache(tmp_path)
    assert reader.get(_article()) == [_mention()]
    assert reader.hits == 1
    assert reader.get(_article(text="Something else on Monday.")) is None
    assert reader.hits == 1


def test_a_key_is_remembered_and_not_worked_out_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = _cache(tmp_path)
    key = writer.key(_article())
    writer.close()

    def relevant(self: Patterns, text: str) -> list[dict[str, Any]]:
        raise AssertionError("the patterns were searched again")

    monkeypatch.setattr(Patterns, "relevant", relevant)
    assert _cache(tmp_path).key(_article()) == key


def test_a_remembered_key_serves_only_the_same_patterns_and_anchor(tmp_path: Path) -> None:
    undated = _article(published=None)
    writer = _cache(tmp_path)
    writer.key(_article())
    writer.key(undated)
    writer.close()
    with_alias = {**LAVROV, "aliases": ["Lavrov"]}
    other = MentionCache(tmp_path, fingerprint("m"), Patterns([with_alias]))
    assert other.key(_article()) == _key(_article(), model="m", actors=[with_alias])
    anchored = _article(published=None, anchor="2024-04-30")
    again = MentionCache(tmp_path, fingerprint("m"), Patterns([LAVROV]))
    expected = article_key(fingerprint("m"), anchored, Patterns([LAVROV]))
    assert again.key(anchored) == expected


def test_no_mentions_is_a_hit_too(tmp_path: Path) -> None:
    writer = _cache(tmp_path)
    writer.put(_article(), [])
    writer.close()
    assert _cache(tmp_path).get(_article()) == []


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b"\xff\xfe\x00",
        b"[]",
        b'{"key": "other", "mentions": []}',
        b'{"mentions": [{"source": "a"}]}',
    ],
    ids=["empty", "truncated", "binary", "list", "wrong-key", "missing-fields"],
)
def test_corrupted_entry_is_a_miss(tmp_path: Path, damage: bytes) -> None:
    writer = _cache(tmp_path)
    writer.put(_article(), [_mention()])
    writer.close()
    (entry,) = (tmp_path / "mentions").rglob("*.json")
    if damage.startswith(b'{"mentions"'):
        damage = damage.replace(b"{", f'{{"key": "{entry.stem}", '.encode(), 1)
    entry.write_bytes(damage)
    assert _cache(tmp_path).get(_article()) is None


def test_unwritable_cache_warns_and_does_not_fail(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    warnings: list[str] = []
    writer = MentionCache(blocker, fingerprint("m"), Patterns([]), warn=warnings.append)
    writer.put(_article(), [_mention()])
    writer.close()
    assert warnings and "not written" in warnings[0]


# --- the real model on the seeds ---------------------------------------------------------


def _canonical(records: dict[str, list[dict[str, Any]]]) -> str:
    return json.dumps(records, sort_keys=True, default=str)


def test_warm_run_gives_the_records_of_the_cold_run(seeds_dir: Path, tmp_path: Path) -> None:
    content, cache = tmp_path / "content", tmp_path / "cache"
    content.mkdir()
    cold = run_extraction(seeds_dir, content, cache_dir=cache)
    warm = run_extraction(seeds_dir, content, cache_dir=cache)
    plain = run_extraction(seeds_dir, content)
    assert cold.cached == 0
    assert warm.cached == len(warm.records["sources"]) == 5
    assert _canonical(warm.records) == _canonical(cold.records) == _canonical(plain.records)


def test_changed_article_alone_is_analysed_again(seeds_dir: Path, tmp_path: Path) -> None:
    seeds, content, cache = tmp_path / "seeds", tmp_path / "content", tmp_path / "cache"
    content.mkdir()
    seeds.mkdir()
    for seed in sorted(seeds_dir.glob("*.txt")):
        (seeds / seed.name).write_bytes(seed.read_bytes())
    run_extraction(seeds, content, cache_dir=cache)
    first = sorted(seeds.glob("*.txt"))[0]
    added = "\nThe talks in Geneva lasted three hours on Friday.\n"
    first.write_text(first.read_text(encoding="utf-8") + added, encoding="utf-8")
    again = run_extraction(seeds, content, cache_dir=cache)
    assert again.cached == 4
    assert _canonical(again.records) == _canonical(run_extraction(seeds, content).records)


def test_new_alias_reanalyses_only_the_articles_that_contain_it(
    seeds_dir: Path, tmp_path: Path
) -> None:
    content, cache = tmp_path / "content", tmp_path / "cache"
    (content / "actors").mkdir(parents=True)
    run_extraction(seeds_dir, content, cache_dir=cache)
    record = "id: jeyhun-bayramov\nname: Jeyhun Bayramov\nkind: person\naliases: [Bayramov]\n"
    (content / "actors" / "jeyhun-bayramov.yml").write_text(record, encoding="utf-8")
    articles = read_articles(seeds_dir)
    containing = sum("Bayramov" in article.text for article in articles)
    assert 0 < containing < len(articles)
    again = run_extraction(seeds_dir, content, cache_dir=cache)
    assert again.cached == len(articles) - containing
    assert _canonical(again.records) == _canonical(run_extraction(seeds_dir, content).records)


def test_process_pool_gives_the_records_of_one_process(seeds_dir: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    one = run_extraction(seeds_dir, content, n_process=1, batch_size=2)
    pooled = run_extraction(seeds_dir, content, n_process=2, batch_size=2)
    default = run_extraction(seeds_dir, content)
    assert _canonical(pooled.records) == _canonical(one.records) == _canonical(default.records)
