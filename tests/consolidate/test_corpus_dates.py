"""Undated articles' weekdays read from the days dated articles give the same happening."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.consolidate.corpus_dates import corpus_days
from generator.ingest.reader import read_article_file
from generator.model import Article, Mention
from generator.nlp.foreign import find_foreign_mentions


def _article(
    article_id: str, text: str, published: str | None, anchor: str | None = None
) -> Article:
    return Article(
        id=article_id,
        file=f"{article_id}.txt",
        sha256="0",
        title=article_id,
        text=text,
        published=published,
        published_how="header" if published else "unknown",
        published_confidence=1.0 if published else 0.0,
        published_candidates=(),
        publisher=None,
        dateline=None,
        url=None,
        anchor=anchor,
    )


def _days(articles: list[Article], mentions: list[Mention]) -> dict[str, tuple[str, frozenset]]:
    """corpus_days as (day, matched days) per article."""
    return {k: (found.day, found.matched) for k, found in corpus_days(articles, mentions).items()}


def _written_in(code: str, text: str, published: str | None = None) -> Article:
    """An article in language ``code``, its id the code."""
    return replace(_article(code, text, published), language=code)


def _told(source: str, quote: str, date: str) -> Mention:
    return Mention(source, quote, date, "Tuesday", "legal", None, "2021-04-21", 0)


VERDICT = "A jury found former police officer Derek Chauvin guilty of murdering George Floyd."
DATED = [
    _told(
        "a",
        "A Minneapolis jury found Derek Chauvin guilty of murdering George Floyd.",
        "2021-04-20",
    ),
    _told("a", "Derek Chauvin was led away in handcuffs to a state prison.", "2021-04-21"),
    _told("b", "The jury began deliberating on the Chauvin charges.", "2021-04-19"),
]


def test_a_weekday_takes_the_day_dated_articles_give_the_same_happening() -> None:
    articles = [
        _article("a", "", "2021-04-21"),
        _article("b", "", "2021-04-19"),
        _article("u", f"On Tuesday, {VERDICT} Crowds cheered outside.", None),
    ]
    assert _days(articles, DATED) == {"u": ("2021-04-20", frozenset({"2021-04-20"}))}


def test_no_match_on_another_weekday_nor_for_a_day_ahead_nor_other_words() -> None:
    articles = [
        _article("a", "", "2021-04-21"),
        _article("b", "", "2021-04-19"),
        _article("wrong-day", f"On Friday, {VERDICT}", None),
        _article("ahead", f"On Tuesday the judge will say whether {VERDICT}", None),
        _article("other", "On Tuesday the city council voted on a new budget for parks.", None),
        _article("dated", f"On Tuesday, {VERDICT}", "2021-04-20"),
    ]
    assert _days(articles, DATED) == {}


def test_an_anchor_after_the_matched_day_rules_it_out() -> None:
    articles = [
        _article("a", "", "2021-04-21"),
        _article("u", f"On Tuesday, {VERDICT} It was filed on May 3, 2021.", None, "2021-05-03"),
    ]
    assert _days(articles, DATED) == {}


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "i18n"


def test_a_french_weekday_takes_the_day_a_page_dated_by_month_gives_it() -> None:
    # A header with the month only: "lundi 15 avril" dates the page's "lundi soir"; the
    # other pages of the corpus say which words are rare.
    pages = [p for p in sorted(FIXTURES.iterdir()) if p.name != "README.md"]
    corpus = [read_article_file(page, root=FIXTURES)[0] for page in pages]
    article = next(a for a in corpus if a.id == "fr-notre-dame-month")
    assert (article.language, article.published, article.month) == ("fr", None, "2019-04")
    told = {a.id: find_foreign_mentions(a) for a in corpus}
    # "lundi 15 avril" takes the header's year; "lundi soir" alone only the page's month,
    # flagged as counted from its first day, until a reading from a day replaces it
    assert [(m.date, m.anchored_on) for m in told[article.id]] == [
        ("2019-04-15", None),
        ("2019-04", "2019-04-01"),
    ]
    days = _days(corpus, [m for mentions in told.values() for m in mentions])
    assert days[article.id] == ("2019-04-15", frozenset({"2019-04-15"}))
    again = replace(article, published=days[article.id][0], anchor=None)
    hidalgo = [m for m in find_foreign_mentions(again) if "Hidalgo" in m.quote]
    assert [m.date for m in hidalgo] == ["2019-04-15"]


def test_a_weekday_in_another_language_matches_by_numbers_and_places() -> None:
    # the same happening told in English (dated) and in Russian (undated): they share no
    # word, but the number and the places it names are the same
    dated = [
        _told("en", "Gunmen killed 133 people at a concert hall near Moscow.", "2024-03-22"),
        _told("en", "The prime minister of Armenia met the president of Russia.", "2024-03-22"),
    ]
    russian = replace(
        _article("ru", "В пятницу в концертном зале под Москвой погибли 133 человека.", None),
        language="ru",
    )
    articles = [_article("en", "", "2024-03-23"), russian]
    assert _days(articles, dated) == {"ru": ("2024-03-22", frozenset({"2024-03-22"}))}


def test_the_lead_of_a_dated_article_tells_the_news_of_its_day() -> None:
    # perthnow.com.au, 7 August 2024, and an undated page telling the same news: the
    # dated lead has no weekday, and the undated one's future is what was said that day
    dated = _article(
        "dated",
        "The head of the World Health Organization says an emergency committee will be "
        "convened to discuss the mpox outbreak in the Democratic Republic of Congo. "
        "Cases were confirmed in Burundi.",
        "2024-08-07",
    )
    undated = _article(
        "undated",
        "The head of the World Health Organization said on Wednesday that an emergency "
        "committee meeting would be convened to discuss the mpox outbreak in the "
        "Democratic Republic of Congo.",
        None,
    )
    found = _days([dated, undated], [])
    assert found == {"undated": ("2024-08-07", frozenset({"2024-08-07"}))}


def test_a_day_and_month_without_a_year_take_the_year_dated_articles_give() -> None:
    # "on April 20" in an undated page: a dated page tells the verdict that day; no match
    # on another day, for a day ahead, or with other words
    told = {
        "u": f"On April 20, {VERDICT} Crowds cheered outside.",
        "wrong-day": f"On April 22, {VERDICT}",
        "ahead": f"The judge will say on April 20 whether {VERDICT}",
        "other": "On April 20 the city council voted on a new budget for parks.",
    }
    dated = [_article("a", "", "2021-04-21"), _article("b", "", "2021-04-19")]
    undated = [_article(name, text, None) for name, text in told.items()]
    found = _days(dated + undated, DATED)
    assert found == {"u": ("2021-04-20", frozenset({"2021-04-20"}))}


def test_a_day_and_month_in_another_language_match_by_the_date_and_numbers() -> None:
    # evrensel.net (Turkish, undated) and a dated Russian page: the day of mourning
    dated = [
        _told("ru", "В России 24 марта объявлено днем общенационального траура.", "2024-03-24"),
        _told("ru", "Погибли 133 человека.", "2024-03-24"),
    ]
    turkish = _written_in(
        "tr",
        "Moskova'daki saldırısında hayatını kaybedenler için 24 Mart’ta bir günlük "
        "‘Milli Yas’ ilan edildi. Saldırıda 133 kişi hayatını kaybetti.",
    )
    articles = [_written_in("ru", "", "2024-03-25"), turkish]
    assert _days(articles, dated) == {"tr": ("2024-03-24", frozenset({"2024-03-24"}))}


def test_a_day_and_month_with_their_weekday_take_the_year_near_the_corpus() -> None:
    # togowebtv.com (undated): "vendredi 22 mars" and "ce dimanche 24 mars"; 22 March was
    # a Friday in 2024 (and in 2019 and 2030), the corpus tells March 2024: no word needed
    dated = [_told("ru", "Мэр Москвы отменил все массовые мероприятия.", "2024-03-23")]
    french = _written_in(
        "fr",
        "Les suspects de l’attaque du Crocus City Hall, qui a fait au moins 137 morts "
        "vendredi 22 mars, ont été placés en détention ce dimanche 24 mars.",
    )
    articles = [_written_in("ru", "", "2024-03-25"), french]
    found = _days(articles, dated)
    assert found == {"fr": ("2024-03-24", frozenset({"2024-03-22", "2024-03-24"}))}
    # a weekday that is not the date's in a year near the corpus dates nothing
    wrong = replace(french, text=french.text.replace("vendredi 22", "jeudi 22"))
    assert _days([articles[0], replace(wrong, text=wrong.text.split(", ont")[0])], dated) == {}


def test_a_weekday_after_an_abbreviation_is_read_with_its_whole_sentence() -> None:
    # "at 4:15 p.m. Tuesday": the full stop of "p.m." ends no sentence, so the weekday's
    # sentence keeps the words that tell the happening
    articles = [
        _article("a", "", "2021-04-21"),
        _article("b", "", "2021-04-19"),
        _article(
            "u",
            "A jury found Derek Chauvin guilty of murdering George Floyd at 4 p.m. "
            "Tuesday afternoon.",
            None,
        ),
    ]
    assert _days(articles, DATED) == {"u": ("2021-04-20", frozenset({"2021-04-20"}))}


def test_a_happening_told_as_today_takes_the_day_dated_articles_give_it() -> None:
    # "was found guilty on all charges today": the day of writing is the day the dated
    # articles give the verdict, whatever its weekday; words shared by chance, or a day
    # ahead ("will ... today"), match nothing
    articles = [
        _article("a", "", "2021-04-21"),
        _article("b", "", "2021-04-19"),
        _article("u", "Derek Chauvin was found guilty of murdering George Floyd today.", None),
        _article("ahead", "A jury will say today whether Derek Chauvin murdered Floyd.", None),
        _article("other", "The city council voted on a new budget for parks today.", None),
    ]
    assert _days(articles, DATED) == {"u": ("2021-04-20", frozenset({"2021-04-20"}))}


def test_a_match_in_the_lead_says_the_article_tells_the_news_of_that_day() -> None:
    # the verdict told in the lead is the news of the day the article was written; told
    # after four other sentences, it may be background to later news
    lead = _article("lead", f"On Tuesday, {VERDICT} Crowds cheered outside.", None)
    filler = "The city was quiet. Schools were open. Shops were busy. Buses ran. "
    late = _article("late", f"{filler}On Tuesday, {VERDICT}", None)
    found = corpus_days([_article("a", "", "2021-04-21"), lead, late], DATED)
    assert found["lead"].in_lead
    assert not found["late"].in_lead
    assert found["late"].day == "2021-04-20"
