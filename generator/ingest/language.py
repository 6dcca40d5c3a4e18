"""The language of an article, and what its language tells about its publication date.

The language is the one the input states (front matter or JSON Lines field ``language`` or
``lang``: 'ru', 'de-AT', 'pt_BR'), else the one py3langid identifies in the title and text
(its model ships in the wheel: nothing is downloaded). It is kept on the article and on its
source record; the analysis reads articles in English with the spaCy model and others with
``generator.nlp.foreign``.

A publication date line in the article's language ("Опубликовано: 22 марта 2024",
"Pressemitteilung 12 Januar 2021", "23. Februar, 2025") dates an article that the English
rules of ``generator.ingest.published`` left undated or only inferred; without one, so
does a date the text gives its today or yesterday ("صباح يومه السبت 9 شتنبر"), the weekday
it gives its today on or after its latest full date ("فجر اليوم السبت"), or the date its
lead gives in full with its weekday when that is its latest ("الجمعة 22 مارس/آذار 2024").
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import Any

from generator.errors import MarkupError
from generator.ingest.formats import Page
from generator.languages import ENGLISH, language, normalise_code
from generator.model import Article
from generator.timex.foreign import lead_date, lead_weekday_days, publication_line, written_on

_SAMPLE = 1000  # characters identification reads: plenty for prose, and it stays fast
_MIN_LETTERS = 20  # fewer letters than this cannot be told apart: left as English
_UNSURE = frozenset({"none", "unknown", "text", "text-weekday", "text-latest", "inferred"})
_LINES_READ = 15  # a byline is near the top, after a headline and a few menu lines


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify_language(text: str) -> str:
    """The ISO 639-1 code of the language a text is written in ('en' when too short)."""
    sample = text[:_SAMPLE]
    if sum(map(str.isalpha, sample)) < _MIN_LETTERS:
        return ENGLISH
    code, _probability = _identifier().classify(sample)
    return str(code)


def declared_language(value: str | None) -> str | None:
    """The language an input field states, as a code; MarkupError when it is not one."""
    if value is None:
        return None
    code = normalise_code(value)
    if code is None:
        raise MarkupError(f"language: not a language code (like 'ru' or 'de-AT'): {value!r}")
    return code


def with_language(article: Article, page: Page | None = None) -> Article:
    """The article with its language (the page's stated one, else identified), dated by a
    date line in its language when the English rules found no publication date or only
    inferred one. Of several date lines at the top of a page, a labelled one or one with a
    time of day (a byline) wins over a bare date (which may be the site's date bar)."""
    declared = declared_language(page.language if page is not None else None)
    code = declared or identify_language(f"{article.title}\n{article.text}")
    article = replace(article, language=code)
    if code == ENGLISH or article.published_how not in _UNSURE:
        return article
    raw = [page.title or "", *page.paragraphs] if page is not None else [article.text]
    lines = [line for text in raw for line in text.split("\n") if line.strip()]
    found = []
    for order, line in enumerate(lines[:_LINES_READ]):
        date = publication_line(_clean(line), code)
        if date is not None:
            strength = 2 if _TIME.search(line) or _labelled(line, code) else 1
            found.append((-strength, order, date))
    if not found:
        day = written_on(article.text, code)  # "сегодня, 22 марта 2024 года"
        sure = 0.8
        if day is None:
            day, sure = lead_date(article.text, code), 0.6  # "الجمعة 22 مارس/آذار 2024"
        if day is None and not article.month and (days := lead_weekday_days(article.text, code)):
            # "в пятницу, 16 февраля" and no year anywhere: the corpus chooses the year
            return replace(
                article,
                published=None,
                published_how="text-weekday",
                published_confidence=0.5,
                published_candidates=tuple(d.isoformat() for d in days),
            )
        if day is None or (article.month and day.isoformat()[:7] != article.month):
            return article
        iso = day.isoformat()
        return replace(
            article,
            published=iso,
            published_how="text",
            published_confidence=sure,
            published_candidates=(iso,),
            anchor=None,
            month=None,
        )
    iso = min(found)[2].isoformat()
    dated = replace(
        article,
        published=iso,
        published_how="date-line",
        published_confidence=0.9,
        published_candidates=(iso,),
    )
    if publication_line(_clean(article.title), code) is not None:  # the headline was a date
        headline = next((t for t in lines[1:] if _headline(t, code)), None)
        dated = replace(dated, title=headline or article.title)
    return dated


def _headline(line: str, code: str) -> bool:
    words = line.split()
    return 2 < len(words) <= 30 and publication_line(_clean(line), code) is None


_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")


def _labelled(line: str, code: str) -> bool:
    folded = line.strip().casefold()
    return any(
        folded.startswith(label.casefold()) for label in language(code).words("published_labels")
    )


def _clean(line: str) -> str:
    """A line without the separators pages put around a date ('2024-3-24 09:51 |')."""
    return re.sub(r"^[\s|•·–—-]+|[\s|•·–—-]+$", "", line)
