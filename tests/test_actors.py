"""Actor resolution rules, without a model."""

from __future__ import annotations

from generator.actors import ActorResolver, Mentioned, clean_name


def test_two_spellings_of_one_person_become_one_actor_with_an_alias() -> None:
    resolver = ActorResolver()
    first = resolver.resolve(Mentioned("Sergey Lavrov", "PERSON"))
    second = resolver.resolve(Mentioned("Sergei Lavrov", "PERSON"))
    surname = resolver.resolve(Mentioned("Lavrov", "PERSON"))
    assert first == second == surname
    (record,) = resolver.records()
    assert record["id"] == "sergey-lavrov"
    assert record["aliases"] == ["Lavrov", "Sergei Lavrov"]


def test_different_first_names_stay_different_people() -> None:
    resolver = ActorResolver()
    assert resolver.resolve(Mentioned("Ilham Aliyev", "PERSON")) != resolver.resolve(
        Mentioned("Heydar Aliyev", "PERSON")
    )


def test_demonym_resolves_to_its_country() -> None:
    resolver = ActorResolver()
    key = resolver.resolve(Mentioned("Azerbaijani", "NORP"))
    mislabeled = resolver.resolve(Mentioned("Azerbaijani", "PERSON"))
    assert key == mislabeled
    assert resolver.records()[0]["name"] == "Azerbaijan"


def test_capital_as_agent_is_the_state_and_as_place_the_city() -> None:
    resolver = ActorResolver()
    state = resolver.resolve(Mentioned("Baku", "GPE", as_agent=True))
    city = resolver.resolve(Mentioned("Baku", "GPE", as_place=True))
    records = {r["id"]: r for r in resolver.records()}
    assert records[resolver.final_ids()[state]]["kind"] == "country"
    assert records[resolver.final_ids()[city]]["kind"] == "place"
    assert "Baku" not in records["azerbaijan"]["aliases"]


def test_editor_alias_maps_to_the_editor_record() -> None:
    resolver = ActorResolver(
        [
            {
                "id": "lachin-corridor",
                "name": "Lachin corridor",
                "kind": "place",
                "aliases": ["Lachinsky corridor"],
            }
        ]
    )
    assert resolver.resolve(Mentioned("Lachinsky corridor", "ORG")) == "lachin-corridor"
    assert resolver.final_ids()["lachin-corridor"] == "lachin-corridor"


def test_short_and_long_names_of_a_place_merge() -> None:
    resolver = ActorResolver()
    long = resolver.resolve(Mentioned("Nagorno-Karabakh", "GPE"))
    short = resolver.resolve(Mentioned("Karabakh", "GPE"))
    assert long == short


def test_junk_is_not_an_actor() -> None:
    resolver = ActorResolver()
    for text in ("admin", "Photo of author", "2021", "the region", "Leave a Comment 12"):
        assert resolver.resolve(Mentioned(text, "ORG")) is None


def test_clean_name_strips_possessives_and_articles() -> None:
    assert clean_name("the Kremlin’s") == "Kremlin"
    assert clean_name(" Baku's ") == "Baku"
