"""What the pipeline is given besides the text, without importing spaCy: the entity-ruler
patterns built from actor records, and the date each article's relative dates count from
(never the day of the run).
The cache computes its keys from these, so they must not need spaCy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from generator import gazetteer

LABELS = {
    "person": "PERSON",
    "country": "GPE",
    "place": "GPE",
    "organization": "ORG",
    "group": "NORP",
}


def actor_patterns(actors: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Entity-ruler patterns for every name and alias of every actor record, for demonyms,
    and for the names of countries written in more than one word."""
    patterns: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()

    def add(label: str, text: str, actor_id: str) -> None:
        text = text.strip()
        if len(text) < 2 or (text, label) in seen:
            return
        seen.add((text, label))
        patterns.append({"label": label, "pattern": text, "id": actor_id})

    for actor in actors:
        label = LABELS.get(str(actor.get("kind")), "ORG")
        for name in [actor.get("name"), *(actor.get("aliases") or ())]:
            if name:
                add(label, str(name), str(actor["id"]))
    for country in gazetteer.countries():
        for demonym in country.demonyms:
            add("NORP", demonym, "")
        # names of more than one word are a country's wherever they stand ("Cote d’Ivoire"
        # is no person called Cote); one word may be a person's too ("Chad", "Jordan")
        for name in (country.name, *country.aliases):
            if " " in name:
                add("GPE", name, "")
    return patterns


def anchor_date(published: str | None, anchor: str | None = None) -> dt.date | None:
    """The date relative expressions count from: the publication date, else the day the
    article's own text shows it was written on at the earliest (``Article.anchor``), else
    None (its relative and year-less dates stay undated). Never the day of the run."""
    for value in (published, anchor):
        if value:
            return dt.date.fromisoformat(value[:10])
    return None
