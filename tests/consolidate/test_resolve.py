"""Titles made when a sentence gave none, from the resolved actors (no model)."""

from __future__ import annotations

from generator.consolidate.actors import ActorResolver
from generator.consolidate.resolve import resolve_mentions
from generator.model import Mention, Mentioned


def _statement(quote: str, *names: str) -> Mention:
    return Mention(
        "a",
        quote,
        "2024-03-23",
        "Saturday night",
        "statement",
        None,
        "2024-03-24",
        0,
        actors=[Mentioned(name, "PERSON") for name in names],
    )


def test_a_statement_is_made_by_its_speaker_not_by_a_name_in_its_quoted_words() -> None:
    asked = _statement(
        "“Was there anyone on the list named Igor Klimenchenko?,” one user wrote on Saturday.",
        "Igor Klimenchenko",
    )
    told = _statement(
        "This was announced by Kremlin spokesman Dmitry Peskov on Saturday.", "Dmitry Peskov"
    )
    first, second = resolve_mentions([asked, told], ActorResolver())
    assert first.title is not None and "Klimenchenko makes a statement" not in first.title
    assert second.title == "Dmitry Peskov makes a statement"
