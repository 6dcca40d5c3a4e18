"""Dates in other languages: the phrases of the issue, false positives, anchoring."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.ingest.reader import read_article_file
from generator.timex.foreign import (
    Anchor,
    find_dates,
    latest_full_date,
    lead_date,
    lead_weekday_days,
    publication_line,
    written_on,
)

FRIDAY = Anchor(dt.date(2024, 3, 22))


@pytest.mark.parametrize(
    ("code", "text", "anchor", "expected"),
    [
        ("ru", "в понедельник", dt.date(2024, 3, 27), "2024-03-25"),
        ("ru", "в мае", dt.date(2024, 3, 27), "2023-05"),
        ("ru", "Теракт произошел вечером 22 марта", dt.date(2024, 3, 24), "2024-03-22"),
        ("ru", "Он объявил 24 марта днём траура", dt.date(2024, 3, 23), "2024-03-24"),
        ("ru", "События 23–24 июня 2023 года", None, "2023-06-23/2023-06-24"),
        ("ru", "накануне", dt.date(2024, 3, 24), "2024-03-23"),
        ("de", "am 11. Januar", dt.date(2021, 1, 18), "2021-01-11"),
        ("de", "am späten Sonntagabend, dem 24. März", dt.date(2024, 3, 25), "2024-03-24"),
        ("de", "Im Jahr 2018 wurde er schuldig befunden", None, "2018"),
        ("fr", "le 5 mars", dt.date(2024, 3, 27), "2024-03-05"),
        ("fr", "lundi 15 avril au soir", dt.date(2019, 4, 16), "2019-04-15"),
        ("fr", "hier", dt.date(2024, 3, 27), "2024-03-26"),
        ("ar", "الأربعاء، 27 سبتمبر/أيلول 2023", None, "2023-09-27"),
        ("ar", "الجمعة 22 مارس/آذار 2024", None, "2024-03-22"),
        ("ar", "مساء يوم الجمعة 8 شتنبر 2023", None, "2023-09-08"),
        ("tr", "10-11 Mayıs 2024", None, "2024-05-10/2024-05-11"),
        ("tr", "21 Ocak 2025’te", None, "2025-01-21"),
        ("tr", "7 Temmuz’da başladı", dt.date(2026, 1, 20), "2025-07-07"),
        ("tr", "dün", dt.date(2024, 3, 23), "2024-03-22"),
    ],
)
def test_dates_of_the_languages(code: str, text: str, anchor: dt.date | None, expected: str):
    found = find_dates(text, code, Anchor(anchor) if anchor else None)
    assert [d.timex.edtf for d in found] == [expected]


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("de", "Die Union kommt auf 28,5 Prozent."),  # 'Die' is not Tuesday, 28,5 no date
        ("ru", "Мая Плисецкая танцевала."),  # a name, not May
        ("fr", "Il a pris 2,5 kilos."),
        ("tr", "Mayıs bir isimdir."),
    ],
)
def test_no_date_in_names_decimals_and_words(code: str, text: str):
    assert find_dates(text, code, FRIDAY) == []


def test_without_an_anchor_yearless_and_relative_dates_are_left_undated():
    found = find_dates("вечером 24 марта, в пятницу, до 22 мая 2024 года", "ru", None)
    assert [d.timex.edtf for d in found] == ["2024-05-22"]
    assert latest_full_date(found) == dt.date(2024, 5, 22)


@pytest.mark.parametrize(
    ("code", "text", "anchor", "expected"),
    [
        # a part of the day alone is the day the article tells ("am Abend", "ce soir")
        (
            "de",
            "Am Abend schlug die SPD-Führung Klingbeil vor.",
            Anchor(dt.date(2025, 2, 24)),
            "2025-02-24",
        ),
        ("fr", "je suis triste ce soir", Anchor(dt.date(2019, 4, 15)), "2019-04-15"),
        ("tr", "bu akşam açıklandı", Anchor(dt.date(2025, 1, 21)), "2025-01-21"),
        # in an article dated by its month only: that month
        ("de", "Lindner schrieb am Abend auf X", Anchor(dt.date(2025, 2, 1), "month"), "2025-02"),
        # a date after it is the day ("the morning of March 25")
        (
            "de",
            "Am Morgen des 25. März hat das Gericht",
            Anchor(dt.date(2024, 3, 26)),
            "2024-03-25",
        ),
    ],
)
def test_a_part_of_the_day_alone_is_the_day_told(
    code: str, text: str, anchor: Anchor, expected: str
) -> None:
    assert [d.timex.edtf for d in find_dates(text, code, anchor)] == [expected]


def test_today_in_an_article_dated_by_its_month_stays_undated() -> None:
    """ "heute" needs the day: its month alone would date a weekday's news to the month."""
    assert find_dates("heute", "de", Anchor(dt.date(2025, 2, 1), "month")) == []


def test_a_month_anchor_dates_a_day_month_with_its_weekday_and_a_weekday_alone_by_its_month():
    month = Anchor(dt.date(2024, 3, 1), "month")
    found = find_dates("am Freitag; am Sonntagabend, dem 24. März", "de", month)
    assert [(d.timex.edtf, d.yearless, d.relative) for d in found] == [
        ("2024-03", False, True),  # counted back from the 1st it would fall before the page
        ("2024-03-24", False, False),
    ]


def test_a_yearless_date_after_the_anchor_takes_the_year_the_text_last_wrote() -> None:
    """A year-in-review page of 1 January 2026: '19-23 Mart' is March 2025, as the text
    wrote just before, not March 2026, after the page."""
    text = "19 Mart 2025 sabahı gözaltı. Valilik 19-23 Mart tarihleri arasında yasak koydu."
    found = find_dates(text, "tr", Anchor(dt.date(2026, 1, 1)))
    assert [d.timex.edtf for d in found] == ["2025-03-19", "2025-03-19/2025-03-23"]
    # with no year written before it, the nearest year stands
    assert [d.timex.edtf for d in find_dates("23 Ocak", "tr", Anchor(dt.date(2026, 1, 1)))] == [
        "2026-01-23"
    ]


@pytest.mark.parametrize(
    ("code", "line", "expected"),
    [
        ("de", "Pressemitteilung 12 Januar 2021", "2021-01-12"),
        ("de", "23. Februar, 2025", "2025-02-23"),
        ("ru", "Опубликовано: 22 марта 2024", "2024-03-22"),
        ("ru", "23.03.2024, 16:34", "2024-03-23"),
        ("tr", "22 Ocak 2025 Çarşamba 07:38", "2025-01-22"),
        ("ar", "السبت 9 سبتمبر 2023 - 14:02", "2023-09-09"),
        ("fr", "Publié le 16 avril 2019", "2019-04-16"),
        ("ar", "07-10-2024 10:24 AM", "2024-10-07"),  # day-month-year with dashes
        ("ar", "تاريخ النشر: 12th, October 2024 GMT", "2024-10-12"),  # in English, day first
        ("ru", "Обновлено: 22 марта 2024", None),  # modified, not published
        ("de", "Am 22. März 2024 griffen vier Männer an", None),  # a sentence
    ],
)
def test_publication_date_lines(code: str, line: str, expected: str | None):
    found = publication_line(line, code)
    assert (found.isoformat() if found else None) == expected


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "i18n"


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        ("de", "Die Polizei meldete heute, 12. Januar 2021, einen Brand.", "2021-01-12"),
        ("ru", "Вчера, 21 марта 2024 года, в Москве прошёл митинг.", "2024-03-22"),
        ("fr", "Aujourd'hui 24 mars, la ville se recueille.", None),  # no year anywhere
        ("fr", "Le 24 mars 2024 était un dimanche.", None),  # no word for today
        ("de", "Heute ist Montag. 12. Januar 2021 war ein Dienstag.", None),  # another sentence
    ],
)
def test_a_date_the_text_calls_today_or_yesterday(code: str, text: str, expected: str | None):
    found = written_on(text, code)
    assert (found.isoformat() if found else None) == expected


def test_a_moroccan_page_that_dates_its_today_is_dated_by_it() -> None:
    # "... صباح يومه السبت 9 شتنبر الجاري": this Saturday morning, 9 September, after
    # the earthquake of "الجمعة 8 شتنبر 2023"
    article = read_article_file(FIXTURES / "ar-haouz-today.txt", root=FIXTURES)[0]
    assert (article.language, article.published, article.published_how) == (
        "ar",
        "2023-09-09",
        "text",
    )


def test_the_weekday_a_text_gives_its_today_follows_its_latest_full_date() -> None:
    # sawtbeirut.com, 9 September 2023: "at dawn today, Saturday", and a post it quotes
    text = (
        "ضرب زلزال قويّ المغرب فجر اليوم السبت، مما أدى إلى مقتل 296 شخصًا.\n"
        "— AkramPRO (@iamAkramPRO) September 9, 2023"
    )
    assert written_on(text, "ar") == dt.date(2023, 9, 9)
    # the Saturday after a Wednesday it writes in full; none without a full date
    assert written_on("Heute, Samstag, am 20.03.2024 begonnen.", "de") == dt.date(2024, 3, 23)
    assert written_on("ضرب زلزال قويّ المغرب فجر اليوم السبت.", "ar") is None


def test_a_lead_dated_in_full_with_its_weekday_dates_the_text() -> None:
    # arabicpost.net, 22 March 2024: "TASS reported, Friday 22 March 2024, that ..."
    lead = "أفادت وكالة تاس الروسية للأنباء، الجمعة 22 مارس/آذار 2024، بأن 40 شخصاً قُتلوا."
    assert lead_date(lead + "\nوأظهرت لقطات فيديو مشاهد فوضوية.", "ar") == dt.date(2024, 3, 22)
    # not when the weekday is another day's, nor when the text writes a later date
    assert lead_date(lead.replace("الجمعة", "الخميس"), "ar") is None
    assert lead_date(lead + "\nوفي 25 مارس 2024 مثل المتهمون أمام المحكمة.", "ar") is None


def test_a_lead_weekday_with_its_day_and_month_and_no_year_gives_each_year_it_fits() -> None:
    # news.mail.ru, 16 February 2024: "This was reported on Friday, 16 February, by ..."
    text = (
        "Об этом в пятницу, 16 февраля, в своем Telegram-канале сообщает региональное "
        "управление СКР.\nВ колонии скончался Алексей Навальный."
    )
    days = lead_weekday_days(text, "ru")
    assert dt.date(2024, 2, 16) in days and dt.date(2018, 2, 16) in days
    assert all((d.month, d.day, d.weekday()) == (2, 16, 4) for d in days)
    # 42mag.fr, 31 March 2025: a year written for a later election bounds nothing
    french = "Dans sa décision du lundi 31 mars, le tribunal a jugé Marine Le Pen coupable."
    assert dt.date(2025, 3, 31) in lead_weekday_days(french + " L'élection de 2027.", "fr")
    # the weekday chooses the years; a text that writes a full date is dated by it
    wednesdays = lead_weekday_days(text.replace("пятницу", "среду"), "ru")
    assert dt.date(2022, 2, 16) in wednesdays and dt.date(2024, 2, 16) not in wednesdays
    assert lead_weekday_days(text + " 16 февраля 2024 года.", "ru") == []
