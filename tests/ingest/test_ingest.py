"""The ingest stage: real seeds, each input format, each encoding, broken files."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import ArticleError
from generator.ingest.decoding import decode_bytes
from generator.ingest.furniture import clean, split_paragraphs
from generator.ingest.published import classify_date_line, find_dates, match_dateline
from generator.ingest.reader import read_article_file, read_articles, resolve_years
from generator.model import Article, source_of

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def _read(root: Path) -> tuple[list[Article], list[str]]:
    warnings: list[str] = []
    return read_articles(root, warn=warnings.append), warnings


def _one(path: Path, text: str | bytes) -> Article:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    articles = read_article_file(path, root=path.parent)
    assert len(articles) == 1
    return articles[0]


# --- the five seed articles -----------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    articles, warnings = _read(SEEDS)
    assert warnings == []
    return {a.id[:3]: a for a in resolve_years(articles)}


SEED_EXPECTED = {
    # id: published, how, publisher, dateline, title start
    "000": ("2021-01-18", "header", "TASS", "Moscow", "Russian, Armenian top diplomats discuss"),
    "001": ("2021-05-11", "dateline", "TASS", "Baku", "Russia set to map out specific steps"),
    # "on Thursday" after talks "on April 7" (2021, from January 11, 2021): written on that
    # Thursday or later; nothing bounds it from above, so the day stays unknown.
    "002": (None, "unknown", "TASS", None, "Russian President Vladimir Putin held"),
    "003": ("2020-10-20", "text-weekday", None, None, "The Kremlin announced the continuation"),
    "004": ("2022-10-31", "date-line", "Anadolu Agency", None, "Leaders of Russia, Azerbaijan"),
}


@pytest.mark.parametrize("seed", sorted(SEED_EXPECTED))
def test_seed_metadata(seeds: dict[str, Article], seed: str) -> None:
    published, how, publisher, dateline, title = SEED_EXPECTED[seed]
    article = seeds[seed]
    assert (article.published, article.published_how) == (published, how)
    assert (article.publisher, article.dateline) == (publisher, dateline)
    assert article.title.startswith(title)
    assert article.file == next(p.name for p in SEEDS.iterdir() if p.name.startswith(seed))
    assert article.id == article.file.removesuffix(".txt").replace("_", "-")
    assert len(article.sha256) == 64
    # a headline is not repeated in the text; 002 has none, so its title is its first words
    assert (article.title in article.text) == (seed == "002")


def test_seed_confidence_follows_the_evidence(seeds: dict[str, Article]) -> None:
    confidence = {seed: article.published_confidence for seed, article in seeds.items()}
    assert confidence["000"] == 1.0
    assert confidence["004"] == pytest.approx(0.9)
    assert 0.7 <= confidence["001"] < 0.9  # year inferred from the weekday
    assert confidence["002"] == 0.0 and confidence["003"] < 0.7


def test_seed_002_counts_its_relative_dates_from_its_latest_date(seeds: dict[str, Article]) -> None:
    """No publication date: its relative dates count from the first Thursday on or after
    the talks of April 7 it reports (2021-04-08), never from the day of the run."""
    assert seeds["002"].published is None
    assert seeds["002"].anchor == "2021-04-08"


def test_seed_001_year_comes_from_weekday_and_bound() -> None:
    (article,) = read_article_file(SEEDS / "001_630f437a53c0b31d.txt", root=SEEDS)
    # September 27, 2020 bounds it from below; May 11 is a Tuesday in 2021.
    assert article.published_candidates == ("2021-05-11",)


def test_seed_003_year_is_ambiguous_until_the_corpus_decides() -> None:
    (article,) = read_article_file(SEEDS / "003_343405ef04f1da03.txt", root=SEEDS)
    # "Tuesday, October 20" and no year anywhere: every year from 1900 to 2100 that fits.
    assert {"2009-10-20", "2015-10-20", "2020-10-20", "2026-10-20"} <= set(
        article.published_candidates
    )
    assert all(dt.date.fromisoformat(c).weekday() == 1 for c in article.published_candidates)
    assert article.published is None
    # Alone, nothing chooses among them: the date stays unknown (the clock is not asked).
    alone = resolve_years([article])[0]
    assert (alone.published, alone.published_how) == (None, "unknown")


@pytest.mark.parametrize(
    "seed, furniture",
    [
        ("000", "date 2021-01-18"),
        ("000", "/TASS/"),
        ("002", "Photo:"),
        ("002", "Based on materials"),
        ("002", "GSV"),
        ("003", "Photo of author"),
        ("003", "By admin"),
        ("003", "Leave a Comment"),
        ("004", "Scholz"),
        ("004", "grain deal"),
        ("004", "Published Date"),
        ("004", "Modified Date"),
        ("004", "\n- "),
        ("004", "World\n"),
    ],
)
def test_seed_furniture_is_gone(seeds: dict[str, Article], seed: str, furniture: str) -> None:
    assert furniture not in seeds[seed].text


@pytest.mark.parametrize(
    "seed, sentence",
    [
        ("000", "Ways to resolve humanitarian problems and establish multilateral cooperation"),
        ("000", "On January 11, 2021, the three leaders met in Moscow"),
        ("001", "The Russian delegation at the talks in Baku intends to map out"),
        ("001", "with the help of the Russian peacekeeping contingent."),
        ("002", "held a telephone conversation with his Azerbaijani counterpart Ilham Aliyev"),
        ("002", "returned with the support of the peacekeeping contingent."),
        ("003", "This was announced on Tuesday, October 20, by the press secretary"),
        ("003", "reporting about artillery and rocket attacks on the Azerbaijani Armed Forces."),
        ("004", "Putin announced following a trilateral meeting in Sochi on Monday."),
        ("004", "The peace agreement is celebrated as a triumph in Azerbaijan."),
    ],
)
def test_seed_sentences_are_kept(seeds: dict[str, Article], seed: str, sentence: str) -> None:
    assert sentence in seeds[seed].text


def test_seed_standfirst_duplicates_are_dropped(seeds: dict[str, Article]) -> None:
    assert seeds["004"].text.count("In our common opinion") == 1
    assert seeds["001"].text.count("Speaking about the relations") == 1
    # the body occurrence is the one kept: after the lead, not before it
    assert seeds["004"].text.index("The presidents of Russia") < seeds["004"].text.index(
        "In our common opinion"
    )


def test_seed_paragraphs_are_separated_by_blank_lines(seeds: dict[str, Article]) -> None:
    for article in seeds.values():
        paragraphs = article.text.split("\n\n")
        assert len(paragraphs) >= 5
        assert all(p.strip() == p and p and "\n" not in p for p in paragraphs)


# --- formats ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixtures() -> tuple[dict[str, Article], list[str]]:
    articles, warnings = _read(FIXTURES)
    return {a.file: a for a in articles}, warnings


def test_jsonl_lines_and_bad_lines(fixtures: tuple[dict[str, Article], list[str]]) -> None:
    articles, warnings = fixtures
    first = articles["formats/news.jsonl#1"]
    assert first.id == "rail-strike-1"
    assert (first.title, first.published, first.published_how) == (
        "Rail workers strike",
        "2021-09-07",
        "input",
    )
    assert (first.publisher, first.url) == ("Rail News", "https://rail.example/1")
    assert first.text == (
        "Rail workers walked out on Tuesday over pay.\n\nThe union said talks had failed."
    )
    line = (FIXTURES / "formats/news.jsonl").read_bytes().split(b"\n")[0]
    assert first.sha256 == hashlib.sha256(line).hexdigest()
    second = articles["formats/news.jsonl#2"]
    assert second.id == "news-2"
    assert second.title == "Bridge reopens after repairs"
    assert (second.published, second.published_how) == ("2020-08-04", "date-line")
    assert articles["formats/news.jsonl#7"].id == "rail-strike-1-2"  # clash -> suffix
    bad = [w for w in warnings if w.startswith("formats/news.jsonl:")]
    assert [w.split(":")[1] for w in bad] == ["3", "4", "6"]
    assert "invalid JSON" in bad[0] and "text" in bad[1] and "object" in bad[2]


# --- golden cases: one file or text in, its articles and warnings out ------------------------


def _case_reading(golden: Any, tmp_path: Path) -> tuple[list[Article], list[str], str | None]:
    """The articles, warnings and error (as text) of a case's file."""
    if golden.get("fixture"):
        path, root = FIXTURES / golden["fixture"], FIXTURES
    else:
        path, root = tmp_path / golden["file"], tmp_path
        path.write_text(golden["text"], encoding="utf-8")
    warnings: list[str] = []
    try:
        articles = read_article_file(path, root=root, warn=warnings.append)
    except ArticleError as error:
        return [], warnings, str(error)
    return articles, warnings, None


def _check_article(article: Article, checks: dict[str, Any]) -> None:
    for name in (
        "title",
        "published",
        "published_how",
        "published_confidence",
        "publisher",
        "anchor",
    ):
        if name in checks:
            assert getattr(article, name) == checks[name], name
    for name in ("dateline", "url", "text"):
        if name in checks:
            assert getattr(article, name) == checks[name], name
    if "published_candidates" in checks:
        assert list(article.published_candidates) == checks["published_candidates"]
    if "candidates_include" in checks:
        assert checks["candidates_include"] in article.published_candidates
    if "confidence_below" in checks:
        assert article.published_confidence < checks["confidence_below"]
    if "text_starts_with" in checks:
        assert article.text.startswith(checks["text_starts_with"])
    if "text_not_starting" in checks:
        assert not article.text.startswith(checks["text_not_starting"])
    for part in checks.get("text_excludes", ()):
        assert part not in article.text, part


def _told(article: Article) -> dict[str, Any]:
    fields = ("id", "title", "published", "published_how", "published_confidence")
    told: dict[str, Any] = {name: getattr(article, name) for name in fields}
    told["published_candidates"] = list(article.published_candidates)
    told.update(publisher=article.publisher, dateline=article.dateline, url=article.url)
    if article.anchor:
        told["anchor"] = article.anchor
    if article.month:
        told["month"] = article.month
    told["text"] = article.text
    return told


@pytest.mark.golden_test("cases/*.yml")
def test_ingest_case(golden: Any, tmp_path: Path) -> None:
    """Cases in cases/*.yml: a file (``fixture`` under tests/fixtures/articles, or ``file``
    and ``text``), hand-written ``checks`` and the whole reading (``articles``,
    ``warnings``, ``error``), refreshed with ``pytest --update-goldens``."""
    articles, warnings, error = _case_reading(golden, tmp_path)
    checks = golden["checks"]
    if "error_matches" in checks:
        assert error is not None and re.search(checks["error_matches"], error)
    else:
        assert error is None, error
        _check_article(articles[0], checks)
    assert [_told(article) for article in articles] == golden.out["articles"]
    assert warnings == golden.out["warnings"]
    assert error == golden.out["error"]


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, expected",
    [
        ("- Published Date: 10:31 | 31 October 2022", ("published", dt.date(2022, 10, 31))),
        ("May 13, 2021 - 16:05 AMT", ("bare", dt.date(2021, 5, 13))),
        ("10.11.2020", ("bare", dt.date(2020, 11, 10))),
        ("Tuesday, 11 May 2021 14:02", ("bare", dt.date(2021, 5, 11))),
        ("Updated: 2021-05-11T10:00:00Z", ("modified", dt.date(2021, 5, 11))),
        ("12:45, 11 мая 2021", ("bare", dt.date(2021, 5, 11))),
        ("31 October 2022 was a cold day.", None),
        ("Photo: 3 September 2019", None),
    ],
)
def test_classify_date_line(line: str, expected: tuple[str, dt.date] | None) -> None:
    assert classify_date_line(line.removeprefix("- ")) == expected


def test_a_date_before_a_colon_is_a_date_but_not_a_time_after_a_month() -> None:
    # "As of 10 a.m. on Tuesday, March 26:" heads a list of updates; "May 11:30" is no date
    (found,) = find_dates("As of 10 a.m. on Tuesday, March 26:")
    assert (found.month, found.day, found.year, found.weekday) == (3, 26, None, 1)
    assert find_dates("the vote at May 11:30") == []


@pytest.mark.parametrize(
    "lead, place, publisher",
    [
        ("BAKU, May 11. /TASS/. Lavrov said.", "Baku", "TASS"),
        ("YEREVAN, MARCH 21, ARMENPRESS. The PM said.", "Yerevan", "ARMENPRESS"),
        ("VIENNA, January 17 – RIA Novosti. The OSCE said.", "Vienna", "RIA Novosti"),
        ("STEPANAKERT, Nagorno-Karabakh, Oct. 5 (AP) — Shelling went on.", "Stepanakert", "AP"),
        ("WASHINGTON (Reuters) - The US said.", "Washington", "Reuters"),
        ("Buenos Aires, Oct 22 (EFE).- Argentina's Massa won.", "Buenos Aires", "EFE"),
        ("Moscow, May 11 was a warm day.", None, None),
        ("On Tuesday, May 11 the talks began.", None, None),
        ("By Friday, March 5, talks had stalled.", None, None),
    ],
)
def test_match_dateline(lead: str, place: str | None, publisher: str | None) -> None:
    found = match_dateline(lead)
    assert (found.place if found else None, found.publisher if found else None) == (
        place,
        publisher,
    )


def test_resolve_years_uses_the_corpus_median() -> None:
    def article(id: str, published: str, confidence: float, *candidates: str) -> Article:
        return Article(
            id,
            id,
            "0" * 64,
            id,
            "text",
            published,
            "dateline",
            confidence,
            candidates or (published,),
            None,
            None,
            None,
        )

    corpus = [
        article("a", "2021-01-18", 1.0),
        article("b", "2021-05-11", 0.9),
        article("c", "2019-05-11", 0.3),  # too unsure to anchor
        article("d", "2026-10-20", 0.5, "2026-10-20", "2020-10-20", "2015-10-20"),
    ]
    resolved = resolve_years(corpus)
    assert [a.published for a in resolved] == [
        "2021-01-18",
        "2021-05-11",
        "2019-05-11",
        "2020-10-20",
    ]
    assert resolved[3].published_candidates == ("2020-10-20", "2026-10-20", "2015-10-20")
    # Alone, nothing in the corpus chooses: unknown, whatever the day of the run.
    lonely = article("e", "2030-01-01", 0.5, "2030-01-01", "2024-01-01", "2019-01-01")
    alone = resolve_years([lonely])[0]
    assert (alone.published, alone.published_how) == (None, "unknown")


# --- furniture --------------------------------------------------------------------------------


def test_wordpress_furniture(fixtures: tuple[dict[str, Article], list[str]]) -> None:
    article = fixtures[0]["furniture/wordpress.txt"]
    assert article.text == (
        "The city library reopened on Wednesday after an 18-month renovation, the culture "
        "department said.\n\n"
        "Visitors can use the new reading rooms from 9:00 to 20:00 every day."
    )


def test_hard_wrapped_text_is_joined(fixtures: tuple[dict[str, Article], list[str]]) -> None:
    article = fixtures[0]["furniture/wrapped.txt"]
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("A winter storm cut power to about 20,000 homes on Sunday")
    assert "regional grid operator said, adding" in paragraphs[0]


def test_a_list_the_text_introduces_is_content_other_lists_are_links() -> None:
    paragraphs = [
        "The bridge collapsed overnight after a ship strike.",
        "As of 10 a.m. on Tuesday, March 26:",
        "• Search and rescue is still underway in water",
        "• Two people have been rescued",
        "• Traffic map",
        "Officials said more details would follow.",
        "• Maui wildfire kills 93",
        "• Key Bridge collapses after ship strike",
    ]
    assert clean(paragraphs).paragraphs == [
        "The bridge collapsed overnight after a ship strike.",
        "As of 10 a.m. on Tuesday, March 26:",
        "Search and rescue is still underway in water",
        "Two people have been rescued",
        "Officials said more details would follow.",
    ]


def test_clean_keeps_prose_that_looks_like_furniture() -> None:
    paragraphs = [
        "By Tuesday, talks had stalled.",
        "Share prices fell sharply on Monday, traders said, as investors fled.",
        "- The agreement provides for a ceasefire.",
        "Ceasefire holds in the north",
        "Minister resigns over scandal",
        "Prices rise again in the capital",
        "Source: Interfax",
    ]
    cleaned = clean(paragraphs)
    assert cleaned.paragraphs == [
        "By Tuesday, talks had stalled.",
        "Share prices fell sharply on Monday, traders said, as investors fled.",
        "The agreement provides for a ceasefire.",
    ]
    assert cleaned.publishers == ["Interfax"]


def test_split_paragraphs_line_per_paragraph_and_continuations() -> None:
    text = "First paragraph.\nSecond paragraph that was\ncut in the middle.\n\n\nThird."
    assert split_paragraphs(text) == [
        "First paragraph.",
        "Second paragraph that was cut in the middle.",
        "Third.",
    ]


# --- encodings and broken files ------------------------------------------------------------------

RUSSIAN = "Переговоры в Москве\n\nМинистры обсудили ситуацию в регионе во вторник, сообщил МИД.\n"
FRENCH = "Les négociations reprennent\n\nLes ministres se sont réunis à Genève, a dit l'ONU.\n"


@pytest.mark.parametrize(
    "encoding, text",
    [
        ("utf-8", RUSSIAN),
        ("utf-8-sig", RUSSIAN),
        ("utf-16", RUSSIAN),  # with BOM, native order
        ("utf-16-be", "\ufeff" + RUSSIAN),
        ("utf-16-le", FRENCH),  # no BOM: sniffed from the NUL pattern
        ("utf-16-be", RUSSIAN),  # no BOM, Cyrillic: high bytes 0x00 and 0x04
        ("cp1251", RUSSIAN),
        ("koi8_r", RUSSIAN),
        ("latin-1", FRENCH),
        ("cp1252", FRENCH.replace("l'ONU", "l’ONU")),
    ],
)
def test_encodings(tmp_path: Path, encoding: str, text: str) -> None:
    data = text.replace("\n", "\r\n").encode(encoding)
    article = _one(tmp_path / "a.txt", data)
    title, body = text.removeprefix("\ufeff").strip().split("\n\n")
    assert (article.title, article.text) == (title, body)
    assert decode_bytes(data) == text.removeprefix("\ufeff")


def test_decode_bytes_normalizes_newlines_and_drops_the_bom() -> None:
    text = decode_bytes(b"\xef\xbb\xbfa\r\nb\rc\n")
    assert text == "a\nb\nc\n"
    # UTF-8 with one broken byte (a cut download) is not re-read as Latin-1 mojibake
    broken = ("Genève " * 20).encode("utf-8") + b"\xff"
    assert decode_bytes(broken).startswith("Genève Genève")
    with pytest.raises(ValueError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ArticleError, match="binary"):  # what `chronology dates` catches
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\n\t\n", "empty file"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        ("controls.txt", bytes(range(1, 9)) * 50, "binary"),
        ("only-title.txt", b"Just a headline\n", "no article text"),
        ("bad-bom.txt", b"\xff\xfe\x00\xd8", "byte-order mark"),
        ("nothing.jsonl", b"{}\n", "no readable article"),
        ("furniture.html", b"<html><body><nav><p>Home</p></nav></body></html>", "no article text"),
    ],
)
def test_unreadable_files_are_skipped_with_a_warning(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    (tmp_path / name).write_bytes(data)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "good.txt").write_text("Headline\n\nThe talks resumed on Monday.\n")
    articles, warnings = _read(tmp_path)
    assert [a.file for a in articles] == ["sub/good.txt"]
    assert len(warnings) == 1 if not name.endswith(".jsonl") else len(warnings) == 2
    assert warnings[-1].startswith(f"{name}: ") and reason in warnings[-1]
    with pytest.raises(ArticleError, match=name):
        read_article_file(tmp_path / name, root=tmp_path)


def test_ids_are_unique_across_folders_and_hidden_files_ignored(tmp_path: Path) -> None:
    for folder in ("a", "b", ".git"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "Story One.txt").write_text("Head\n\nThe talks resumed on Monday.\n")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    articles, warnings = _read(tmp_path)
    assert [(a.id, a.file) for a in articles] == [
        ("story-one", "a/Story One.txt"),
        ("story-one-2", "b/Story One.txt"),
    ]
    assert warnings == []


def test_ten_megabyte_article(tmp_path: Path) -> None:
    paragraph = (SEEDS / "000_8669875d53f030cc.txt").read_text().split("\n\n")[2]
    count = 10_000_000 // len(paragraph) + 1
    body = "\n\n".join(f"{paragraph} ({n})" for n in range(count))
    article = _one(tmp_path / "big.txt", "A very long article\n\n" + body)
    assert article.title == "A very long article"
    assert len(article.text) > 10_000_000
    # No date line: unknown, its relative dates counting from the latest date it tells.
    assert (article.published, article.anchor) == (None, "2021-11-11")


def test_a_thousand_articles_are_all_read(tmp_path: Path) -> None:
    """How fast: benchmarks/ingest_bench.py."""
    seeds = sorted(SEEDS.glob("*.txt"))
    for n in range(1000):
        shutil.copy(seeds[n % len(seeds)], tmp_path / f"{n:04d}.txt")
    articles, _ = _read(tmp_path)
    assert len(articles) == 1000


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.binary(max_size=400) | st.text(max_size=400).map(lambda t: t.encode("utf-8")),
    suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl"]),
)
def test_any_bytes_give_articles_or_an_article_error(
    tmp_path: Path, data: bytes, suffix: str
) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        articles = read_article_file(path, root=tmp_path, warn=lambda _: None)
    except ArticleError as error:
        assert str(error).startswith(f"fuzz{suffix}: ")
    else:
        assert all(a.title and a.text for a in articles)


def test_a_source_record_keeps_the_month_its_header_gives(tmp_path: Path) -> None:
    page = tmp_path / "month.txt"
    page.write_text(" date 2019-04 Fire at the cathedral\n\nThe spire collapsed on Monday.\n")
    article = read_article_file(page, root=tmp_path)[0]
    assert (article.published, article.month) == (None, "2019-04")
    source = source_of(article)
    assert (source.published, source.published_how) == ("2019-04", "header")
