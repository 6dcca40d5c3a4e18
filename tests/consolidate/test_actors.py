"""Actor resolution rules, without a model."""

from __future__ import annotations

from generator.consolidate.actors import ActorResolver
from generator.model import Mentioned, to_record
from generator.nlp.names import clean_name


def _records(resolver: ActorResolver) -> list[dict[str, object]]:
    """The actor records as they are written."""
    return [to_record(actor) for actor in resolver.records()]


def test_two_spellings_of_one_person_become_one_actor_with_an_alias() -> None:
    resolver = ActorResolver()
    first = resolver.resolve(Mentioned("Sergey Lavrov", "PERSON"))
    second = resolver.resolve(Mentioned("Sergei Lavrov", "PERSON"))
    surname = resolver.resolve(Mentioned("Lavrov", "PERSON"))
    assert first == second == surname
    (record,) = _records(resolver)
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
    assert _records(resolver)[0]["name"] == "Azerbaijan"


def test_capital_as_agent_is_the_state_and_as_place_the_city() -> None:
    resolver = ActorResolver()
    state = resolver.resolve(Mentioned("Baku", "GPE", as_agent=True))
    city = resolver.resolve(Mentioned("Baku", "GPE", as_place=True))
    records = {r["id"]: r for r in _records(resolver)}
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


def test_acronym_joins_the_organisation_it_abbreviates() -> None:
    resolver = ActorResolver()
    acronym = resolver.resolve(Mentioned("UAW", "ORG"))
    full = resolver.resolve(Mentioned("United Auto Workers", "ORG"))
    ids = resolver.final_ids()
    assert acronym is not None and full is not None
    assert ids[acronym] == ids[full] == "united-auto-workers"
    (record,) = _records(resolver)
    assert record["aliases"] == ["UAW"]


def test_surname_tagged_as_organisation_joins_the_person() -> None:
    resolver = ActorResolver()
    surname = resolver.resolve(Mentioned("Jobs", "ORG"))
    person = resolver.resolve(Mentioned("Steve Jobs", "PERSON"))
    assert surname is not None and person is not None
    assert resolver.final_ids()[surname] == resolver.final_ids()[person] == "steve-jobs"
    assert [r["id"] for r in _records(resolver)] == ["steve-jobs"]


def test_a_full_name_tagged_as_organisation_is_the_person_in_either_order() -> None:
    for order in (
        (("Djokovic", "PERSON"), ("Novak Djokovic", "ORG")),
        (("Novak Djokovic", "ORG"), ("Djokovic", "PERSON")),
    ):
        resolver = ActorResolver()
        keys = {resolver.resolve(Mentioned(text, label)) for text, label in order}
        assert len(keys) == 1
        (record,) = _records(resolver)
        assert (record["name"], record["kind"]) == ("Novak Djokovic", "person")
    # a company's name is no person's, whatever person shares a word of it
    resolver = ActorResolver()
    resolver.resolve(Mentioned("Marcus Goldman", "PERSON"))
    resolver.resolve(Mentioned("Goldman Sachs Group", "ORG"))
    assert {r["kind"] for r in _records(resolver)} == {"person", "organization"}


def test_shared_first_name_stays_apart_from_both_people() -> None:
    resolver = ActorResolver()
    steve = resolver.resolve(Mentioned("Steve", "PERSON"))
    resolver.resolve(Mentioned("Steve Jobs", "PERSON"))
    resolver.resolve(Mentioned("Steve Wozniak", "PERSON"))
    assert steve is not None and resolver.final_ids()[steve] == "steve"


def test_products_indices_and_time_zones_are_not_actors() -> None:
    resolver = ActorResolver()
    for text, label in [
        ("iPhones", "ORG"),
        ("Nikkei 225", "ORG"),
        ("Dow Jones Industrial Average", "ORG"),
        ("UTC", "ORG"),
        ("Hang Seng Index", "ORG"),
    ]:
        assert resolver.resolve(Mentioned(text, label)) is None, text
    assert resolver.resolve(Mentioned("Dow Chemical", "ORG")) == "dow-chemical"


def test_dotted_abbreviation_of_a_country_resolves_to_it() -> None:
    resolver = ActorResolver()
    assert resolver.resolve(Mentioned("U.S.", "GPE", as_agent=True)) == "united-states"


def test_one_word_name_does_not_join_a_longer_name_ending_in_it() -> None:
    resolver = ActorResolver()
    white = resolver.resolve(Mentioned("White House", "ORG"))
    house = resolver.resolve(Mentioned("House", "ORG"))
    assert white != house
    karabakh = resolver.resolve(Mentioned("Nagorno-Karabakh", "GPE"))
    assert resolver.resolve(Mentioned("Karabakh", "GPE")) == karabakh


class _EveryDraft(ActorResolver):
    """The resolver comparing every new name with every draft, as without the index."""

    def _candidates(self, name: str) -> set[str] | None:
        return None


def _resolved(resolver: ActorResolver, names: list[tuple[str, str]]) -> list[str | None]:
    return [resolver.resolve(Mentioned(text, label)) for text, label in names]


def test_the_last_word_index_finds_every_draft_a_comparison_with_all_would() -> None:
    # Last words alike in each way _same_thing accepts (equal, five-letter prefixes, one
    # letter apart at the start, in the middle and at the end, a suffix), and like an alias.
    names = [
        ("Bank of Tokyo", "ORG"),
        ("Bank of Pokyo", "ORG"),
        ("Bank of Pokyi", "ORG"),  # like the alias Pokyo, not the name Tokyo
        ("Lachin corridor", "LOC"),
        ("Lachinsky corridor", "LOC"),
        ("Nagorno-Karabakh", "GPE"),
        ("Karabakh", "GPE"),
        ("Grand Hotel Adlon", "FAC"),
        ("Grand Hotel Adlan", "FAC"),
        ("Helsinki Group", "ORG"),
        ("Helsinkiy Group", "ORG"),
        ("Sea Shepherds", "ORG"),
        ("Sea Shephard", "ORG"),
        ("Bank of America Corp.", "ORG"),
        ("Bank of America Corporation", "ORG"),
        ("White House", "FAC"),
        ("House", "FAC"),
        ("Yerevan Office", "ORG"),
        ("Yerevan Offices", "ORG"),
    ]
    indexed, everything = ActorResolver(), _EveryDraft()
    assert _resolved(indexed, names) == _resolved(everything, names)
    assert _records(indexed) == _records(everything)
    assert len(set(_resolved(ActorResolver(), names))) < len(names) - 4  # names do merge


def test_a_merge_into_a_merged_name_reaches_the_record_that_stays() -> None:
    # 'SJ' is the initials of 'Smith-Jones', which is the surname of 'Anna Smith-Jones':
    # whatever order they come in, all three are one record and every key maps to it.
    for order in (
        ["SJ", "Smith-Jones", "Anna Smith-Jones"],
        ["Anna Smith-Jones", "Smith-Jones", "SJ"],
        ["Smith-Jones", "SJ", "Anna Smith-Jones"],
    ):
        resolver = ActorResolver()
        keys = [resolver.resolve(Mentioned(n, "PERSON" if " " in n else "ORG")) for n in order]
        ids = resolver.final_ids()
        records = _records(resolver)
        assert [record["id"] for record in records] == ["anna-smith-jones"], order
        assert {ids[key] for key in keys if key} == {"anna-smith-jones"}, order
        assert set(records[0]["aliases"]) == {"SJ", "Smith-Jones"}, order


def test_an_ap_state_abbreviation_is_the_state() -> None:
    resolver = ActorResolver()
    dateline = resolver.resolve(Mentioned("Fla.", "GPE"))
    text = resolver.resolve(Mentioned("Florida", "GPE"))
    assert dateline == text == "florida"
    assert resolver.resolve(Mentioned("N.Y.", "GPE")) == "new-york"
    # a person's given name is no state
    assert resolver.resolve(Mentioned("Del", "PERSON")) != "delaware"


def test_every_spelling_of_a_country_is_its_one_record() -> None:
    resolver = ActorResolver()
    spellings = [
        [("Cote d’Ivoire", "GPE"), ("Côte d'Ivoire", "GPE"), ("Ivory Coast", "GPE")]
        + [("Ivorian", "NORP")],
        [("DRC", "ORG"), ("DR Congo", "GPE"), ("Democratic Republic of Congo", "GPE")]
        + [("Congolese", "NORP")],
        [("Haitian", "NORP"), ("Haiti", "NORP")],
    ]
    for names in spellings:
        assert len({resolver.resolve(Mentioned(name, label)) for name, label in names}) == 1
    names = {record["name"]: record["kind"] for record in _records(resolver)}
    assert names == {
        "Côte d'Ivoire": "country",
        "Democratic Republic of the Congo": "country",
        "Haiti": "country",
    }


def test_a_place_named_with_its_word_for_a_place_in_lower_case_is_the_place_so_named() -> None:
    resolver = ActorResolver()
    described = resolver.resolve(Mentioned("Crocus music hall", "FAC", as_place=True))
    named = resolver.resolve(Mentioned("Crocus City Hall", "FAC", as_place=True))
    other = resolver.resolve(Mentioned("Melbourne airport", "FAC", as_place=True))
    ids = resolver.final_ids()
    assert ids[described] == ids[named] == "crocus-city-hall"
    assert ids[other] == "melbourne-airport"  # no airport of Melbourne named otherwise
    records = {r["id"]: r for r in _records(resolver)}
    assert records["crocus-city-hall"]["aliases"] == ["Crocus music hall"]
    assert set(records) == {"crocus-city-hall", "melbourne-airport"}
