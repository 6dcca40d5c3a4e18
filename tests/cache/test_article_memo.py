"""The ingest memo: an unchanged file is not parsed again, and whatever the memo holds, the
articles and warnings are those of a fresh read."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cache.articles import ArticleMemo
from generator.ingest import reader as ingest
from generator.ingest.reader import read_articles
from generator.model import Article

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
JSONL = "\n".join(
    [
        json.dumps({"id": "strike", "text": "Rail workers strike\n\nThe strike began on Monday."}),
        "{not json",
        json.dumps({"text": "Talks\n\nPublished: 4 August 2020\n\nThe talks resumed in Baku."}),
    ]
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(SEEDS, root)
    (root / "feed.jsonl").write_text(JSONL + "\n", encoding="utf-8")
    return root


def _read(root: Path, memo: ArticleMemo | None) -> tuple[list[Article], list[str]]:
    warnings: list[str] = []
    articles = read_articles(root, warn=warnings.append, memo=memo)
    if memo is not None:
        memo.close()
    return articles, warnings


def _memo(tmp_path: Path, version: str = "v1") -> ArticleMemo:
    return ArticleMemo(tmp_path / "cache", version)


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("a file was parsed again")

    monkeypatch.setattr(ingest, "parse_article_file", fail)


def test_second_read_comes_from_the_memo_with_the_same_articles_and_warnings(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = _read(corpus, None)
    assert [w.split(":")[:2] for w in fresh[1]] == [["feed.jsonl", "2"]]
    assert _read(corpus, _memo(tmp_path)) == fresh
    _no_parsing(monkeypatch)
    memo = _memo(tmp_path)
    assert _read(corpus, memo) == fresh
    assert memo.hits == 6


def test_a_changed_file_or_code_version_is_parsed_again(corpus: Path, tmp_path: Path) -> None:
    _read(corpus, _memo(tmp_path))
    first = sorted(corpus.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nTalks went on.\n", encoding="utf-8")
    memo = _memo(tmp_path)
    assert _read(corpus, memo) == _read(corpus, None)
    assert memo.hits == 5
    other_code = _memo(tmp_path, version="v2")
    _read(corpus, other_code)
    assert other_code.hits == 0


def test_an_entry_serves_every_later_day(corpus: Path, tmp_path: Path) -> None:
    """Reading never depends on the day of the run: no entry is kept for one day only."""
    _read(corpus, _memo(tmp_path))
    memo = _memo(tmp_path)
    assert _read(corpus, memo) == _read(corpus, None)
    assert memo.hits == len(list(corpus.iterdir()))


@pytest.mark.parametrize(
    "damage",
    [
        lambda entry: "",
        lambda entry: json.dumps(entry)[:-40],
        lambda entry: json.dumps({**entry, "key": "other"}),
        lambda entry: json.dumps({**entry, "warnings": [1]}),
        lambda entry: json.dumps({**entry, "articles": [{**entry["articles"][0], "title": 7}]}),
        lambda entry: json.dumps(
            {**entry, "articles": [{**entry["articles"][0], "published_confidence": 1}]}
        ),
        lambda entry: json.dumps({**entry, "articles": [{"id": "a"}]}),
        lambda entry: json.dumps(
            {**entry, "articles": [{**entry["articles"][0], "published_candidates": [2020]}]}
        ),
    ],
    ids=[
        "empty",
        "truncated",
        "wrong-key",
        "warning-type",
        "field-type",
        "int-confidence",
        "missing-fields",
        "candidate-type",
    ],
)
def test_a_damaged_entry_is_a_miss(tmp_path: Path, damage: object) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], root)
    fresh = _read(root, None)
    _read(root, _memo(tmp_path))
    (entry_file,) = (tmp_path / "cache" / "articles").rglob("*.json")
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    entry_file.write_text(damage(entry), encoding="utf-8")  # type: ignore[operator]
    memo = _memo(tmp_path)
    assert _read(root, memo) == fresh
    assert memo.hits == 0
