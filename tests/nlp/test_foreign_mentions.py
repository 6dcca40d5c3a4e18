"""Event mentions of real articles in other languages (tests/fixtures/i18n)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.consolidate.pairing import traits, traits_similarity
from generator.ingest.reader import read_article_file
from generator.model import Article
from generator.nlp.foreign import find_foreign_mentions, split_sentences
from generator.nlp.foreign_names import NameFinder
from generator.slugs import slugify

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "i18n"


def _article(name: str) -> Article:
    return read_article_file(FIXTURES / name, root=FIXTURES)[0]


def test_russian_article_dated_by_its_date_line_tells_the_attack_and_the_mourning():
    article = _article("ru-crocus.txt")
    assert (article.language, article.published, article.published_how) == (
        "ru",
        "2024-03-23",
        "date-line",
    )
    mentions = find_foreign_mentions(article)
    told = {(m.date, m.type) for m in mentions}
    assert ("2024-03-22", "attack") in told
    assert ("2024-03-24", "statement") in told
    attack = next(m for m in mentions if m.date == "2024-03-22")
    assert "Россия" not in [a.text for a in attack.actors]
    assert {a.long_form for a in attack.actors} >= {"Russia"}  # "России"
    assert all(len((m.title or "").split()) <= 12 for m in mentions)


def test_german_front_matter_language_and_weekdays_counted_from_the_date():
    article = _article("de-haftbefehle.md")
    assert (article.language, article.published) == ("de", "2024-03-25")
    mentions = find_foreign_mentions(article)
    assert [(m.date, m.type) for m in mentions] == [
        ("2024-03-24", "legal"),
        ("2024-03-22", "attack"),
    ]
    assert mentions[0].title is not None and "Sonntagabend" not in mentions[0].title


def test_turkish_names_without_suffixes_and_no_event_on_a_deadline():
    article = _article("tr-kktc.txt")
    assert (article.language, article.published) == ("tr", "2024-03-23")
    mentions = find_foreign_mentions(article)
    assert [(m.date, m.type) for m in mentions] == [("2024-03-22", "attack")]
    names = {a.text: a.long_form for a in mentions[0].actors + mentions[0].places}
    assert names["Rusya"] == "Russia" and names["Moskova"] == "Moscow"


def test_arabic_date_with_two_month_names_and_clitics():
    mentions = find_foreign_mentions(_article("ar-crocus.txt"))
    assert [(m.date, m.type) for m in mentions] == [("2024-03-22", "casualties")]
    assert "Moscow" in {p.long_form for p in mentions[0].actors + mentions[0].places}


def test_french_weekday_with_its_date_and_no_date_without_an_anchor():
    article = _article("fr-notre-dame.txt")
    assert article.language == "fr" and article.published is None
    mentions = find_foreign_mentions(article)
    # "lundi 15 avril" has no year and the page no date: nothing is dated by the clock
    assert mentions == []


@pytest.mark.parametrize(
    ("code", "text", "english"),
    [
        ("ru", "Президент Азербайджана прибыл.", "Azerbaijan"),
        ("de", "Die Regierung Aserbaidschans erklärte.", "Azerbaijan"),
        ("fr", "Le président d'Azerbaïdjan a parlé.", "Azerbaijan"),
        ("ar", "وأذربيجان وقعت الاتفاق.", "Azerbaijan"),
        ("tr", "Azerbaycan'ın başkenti Bakü'de toplantı yapıldı.", "Azerbaijan"),
        ("tr", "Rusya'nın açıklaması geldi.", "Russia"),
    ],
)
def test_country_names_of_every_language_stand_for_the_english_record(code, text, english):
    names = NameFinder(code).find(text, 0, len(text))
    assert english in {n.mentioned.long_form for n in names}


def test_actor_record_aliases_match_inflected_forms():
    finder = NameFinder("ru", [{"pattern": "Путин", "label": "PERSON", "id": "vladimir-putin"}])
    names = finder.find("Встреча с Путиным прошла.", 0, 25)
    assert [(n.mentioned.text, n.mentioned.ent_id) for n in names] == [
        ("Путиным", "vladimir-putin")
    ]


def test_sentences_keep_ordinals_and_abbreviations():
    text = "Am 11. Januar traf er Dr. Müller in Moskau. Danach reiste er ab."
    assert [text[s:e] for s, e in split_sentences(text, "de")] == [
        "Am 11. Januar traf er Dr. Müller in Moskau.",
        "Danach reiste er ab.",
    ]


def test_one_event_across_languages_when_day_and_actors_agree():
    ru = find_foreign_mentions(_article("ru-crocus.txt"))[0]
    de = find_foreign_mentions(_article("de-haftbefehle.md"))[1]
    assert ru.date == de.date == "2024-03-22"
    shared = ["crocus-city-hall"]
    a = traits(ru.__class__(**{**ru.__dict__, "actor_keys": shared}))
    b = traits(de.__class__(**{**de.__dict__, "actor_keys": shared + ["moscow"]}))
    assert traits_similarity(a, b) >= 0.45
    other_day = traits(de.__class__(**{**de.__dict__, "date": "2024-03-24", "actor_keys": shared}))
    assert traits_similarity(a, other_day) == 0.0


def test_ids_of_names_in_other_scripts_are_transliterated():
    assert slugify("Владимир Путин") == "vladimir-putin"
    assert slugify("Mützenich") == "mutzenich"


def _sentence(text: str, code: str) -> Article:
    """One sentence of an article in language ``code`` published on 2024-05-20."""
    return Article(
        id=f"{code}-sentence",
        file=f"{code}-sentence.txt",
        title="T",
        text=text,
        published="2024-05-20",
        sha256="",
        published_how="date-line",
        published_confidence=1.0,
        published_candidates=("2024-05-20",),
        publisher=None,
        dateline=None,
        url=None,
        language=code,
    )


def test_a_decimal_comma_is_no_clause_boundary() -> None:
    """'magnitude 6,8': the quake is the clause of its date, not what follows the comma."""
    text = (
        "Un séisme de magnitude 6,8 a frappé le Maroc vendredi soir, faisant plus de 2 000 morts."
    )
    (mention,) = find_foreign_mentions(_sentence(text, "fr"))
    assert (mention.date, mention.type) == ("2024-05-17", "disaster")
    assert mention.title == "Un séisme de magnitude 6,8 a frappé le Maroc"


def test_a_date_word_is_no_event_word() -> None:
    """'salı' (Tuesday) is no 'saldırı' (attack): a resignation on Tuesday."""
    (mention,) = find_foreign_mentions(_sentence("Başbakan salı günü istifa etti.", "tr"))
    assert (mention.date, mention.type) == ("2024-05-14", "resignation")


def test_an_organisation_of_a_country_is_one_name_and_common_acronyms_are_none() -> None:
    # uralpress.ru, 15 December 2023: "than the Bank of Russia estimated", "GDP growth"
    text = "При этом рост ВВП в 2023 году оказалось более значительным, чем Банк России оценивал."
    names = [n.mentioned.text for n in NameFinder("ru").find(text, 0, len(text))]
    assert "Банк России" in names
    assert "Банк" not in names and "ВВП" not in names


@pytest.mark.parametrize(
    ("code", "text", "names"),
    [
        # a role of two words: the first is no name (evrensel.net)
        (
            "tr",
            "Rusya Devlet Başkanı Vladimir Putin, halka hitaben konuştu.",
            ["Rusya", "Vladimir Putin"],
        ),
        # a capitalised phrase ending on a word for an event is that event
        ("tr", "Bugün bir günlük ‘Milli Yas’ ilan edildi.", []),
        (
            "ru",
            "Сам он представлял это как «Марш справедливости» против Минобороны.",
            ["Минобороны"],
        ),
        # a century in Roman numerals
        ("fr", "La cathédrale, joyau du XIXe siècle, a brûlé.", []),
    ],
)
def test_roles_events_and_ordinals_are_no_names(code: str, text: str, names: list[str]) -> None:
    found = [n.mentioned.text for n in NameFinder(code).find(text, 0, len(text))]
    assert found == names


def test_weekdays_of_a_page_dated_by_its_month_date_what_they_tell_to_that_month() -> None:
    """'Der Tatverdächtige wurde am Samstagabend dem Haftrichter vorgeführt' names no
    known actor and no event word, but a sentence that names a day tells what happened
    on it; under a ' date 2024-12' header its weekday is December 2024, flagged as counted
    from the month's first day (a reading from a day the corpus gives replaces it)."""
    article = _article("de-magdeburg.txt")
    assert (article.published, article.month) == (None, "2024-12")
    mentions = find_foreign_mentions(article)
    told = {m.date_text: (m.date, m.anchored_on) for m in mentions}
    assert told["Samstagabend"] == ("2024-12", "2024-12-01")
    assert told["Freitagabend"] == ("2024-12", "2024-12-01")


def test_a_suspect_brought_before_a_custody_judge_is_legal() -> None:
    """'dem Haftrichter vorgeführt' (brought before the custody judge): a legal step, told
    in the words of German courts."""
    text = "Der Tatverdächtige wurde am Samstagabend dem Haftrichter vorgeführt."
    (mention,) = find_foreign_mentions(_sentence(text, "de"))
    assert mention.type == "legal"
