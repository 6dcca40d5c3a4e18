"""The language of an article, and what its language tells about its publication date.

The language is the one the input states (front matter or JSON Lines field ``language`` or
``lang``: 'ru', 'de-AT', 'pt_BR'), else the one py3langid identifies in the title and text
(its model ships in the wheel: nothing is downloaded). It is kept on the article and on its
source record; the analysis reads articles in English with the spaCy model and others with
``generator.nlp.foreign``.

A publication date line in the article's language ("Опубликовано: 22 марта 2024",
"Pressemitteilung 12 Januar 2021", "23. Februar, 2025") dates an article that the English
rules of ``generator.ingest.published`` left undated or only inferred.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import Any

from generator.errors import MarkupError
from generator.languages import ENGLISH, normalise_code
from generator.model import Article
from generator.timex.foreign import publication_line

_SAMPLE = 3000  # characters identification reads: plenty, and it stays fast
_MIN_LETTERS = 20  # fewer letters than this cannot be told apart: left as English
_UNSURE = frozenset({"none", "unknown", "text-weekday", "text-latest", "inferred"})
_LINES_READ = 8


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify_language(text: str) -> str:
    """The ISO 639-1 code of the language a text is written in ('en' when too short)."""
    sample = text[:_SAMPLE]
    if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
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


def with_language(article: Article, declared: str | None = None) -> Article:
    """The article with its language, and dated by a date line in its language when the
    English rules found no publication date or only inferred one."""
    code = declared_language(declared) or identify_language(f"{article.title}\n{article.text}")
    article = replace(article, language=code)
    if code == ENGLISH or article.published_how not in _UNSURE:
        return article
    lines = [article.title, *[line for line in article.text.split("\n") if line.strip()]]
    for index, line in enumerate(lines[:_LINES_READ]):
        found = publication_line(_clean(line), code)
        if found is None:
            continue
        iso = found.isoformat()
        dated = replace(
            article,
            published=iso,
            published_how="date-line",
            published_confidence=0.9,
            published_candidates=(iso,),
        )
        if index == 0 and len(lines) > 1:  # the headline was the date line
            dated = replace(dated, title=next((t for t in lines[1:] if len(t.split()) > 2), ""))
        return dated if dated.title else replace(dated, title=article.title)
    return article


def _clean(line: str) -> str:
    """A line without the separators pages put around a date ('2024-3-24 09:51 |')."""
    return re.sub(r"^[\s|•·–—-]+|[\s|•·–—-]+$", "", line)
