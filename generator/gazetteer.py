"""World knowledge that is not about any one topic: countries, their demonyms and capitals.

Lets the extraction read "the Azerbaijani side" as Azerbaijan and "Baku and Yerevan"
(as agents) as Azerbaijan and Armenia. The table ships in ``generator/data/countries.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Country:
    """A state with the words that stand for it."""

    name: str
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    aliases: tuple[str, ...]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(",") if part.strip())


@cache
def countries() -> tuple[Country, ...]:
    """Every country in the shipped table."""
    text = resources.files("generator.data").joinpath("countries.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = (line.split("\t") + ["", "", ""])[:4]
        rows.append(Country(cells[0].strip(), _split(cells[1]), _split(cells[2]), _split(cells[3])))
    return tuple(rows)


@cache
def by_demonym() -> dict[str, Country]:
    """Lower-cased demonym ('azerbaijani') -> country."""
    return {d.lower(): c for c in countries() for d in c.demonyms}


@cache
def by_capital() -> dict[str, Country]:
    """Lower-cased capital ('baku') -> country."""
    return {cap.lower(): c for c in countries() for cap in c.capitals}


@cache
def by_name() -> dict[str, Country]:
    """Lower-cased country name or alias -> country."""
    table = {c.name.lower(): c for c in countries()}
    for country in countries():
        for alias in country.aliases:
            table.setdefault(alias.lower(), country)
    table.update({f"the {key}": value for key, value in list(table.items())})
    table.update({key.replace(".", ""): value for key, value in list(table.items()) if "." in key})
    return table


@cache
def _state_rows() -> tuple[tuple[str, str], ...]:
    """(AP abbreviation or '' when AP never abbreviates it, name) of each US state
    (``generator/data/us_state_abbreviations.tsv``)."""
    text = resources.files("generator.data").joinpath("us_state_abbreviations.tsv")
    rows = []
    for line in text.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            short, _, name = line.partition("\t")
            rows.append((short.strip(), name.strip()))
    return tuple(rows)


@cache
def state_abbreviations() -> dict[str, str]:
    """An AP-style US state abbreviation without its dots ('Fla', 'NY') -> the state's
    name (shipped in ``generator/data/us_state_abbreviations.tsv``)."""
    return {short.replace(".", ""): name for short, name in _state_rows() if short}


@cache
def us_states() -> frozenset[str]:
    """The names of the fifty US states (``generator/data/us_state_abbreviations.tsv``)."""
    return frozenset(name for _, name in _state_rows())


def country_or_us_state(name: str) -> bool:
    """Whether a place's name, in any case, is a country's (or an alias of one) or a US
    state's: no city, town or village."""
    return name.lower() in by_name() or name.title() in us_states()


@cache
def not_actors() -> frozenset[str]:
    """Lower-cased names that are never actors: stock indices, time zones, news agencies
    and outlets (shipped in ``generator/data/not_actors.txt``)."""
    text = resources.files("generator.data").joinpath("not_actors.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


@cache
def thing_words() -> frozenset[str]:
    """Lower-cased words that make a name the name of a thing (a storm, a craft, a
    tournament), shipped in ``generator/data/thing_words.txt``."""
    text = resources.files("generator.data").joinpath("thing_words.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


# Thing words that come before a name as its title: "Hurricane Milton", "Operation Sindoor".
_THING_TITLES = frozenset({"hurricane", "storm", "typhoon", "cyclone", "tornado", "operation"})


def is_not_actor(name: str) -> bool:
    """A stock index, a time zone or a news outlet: its name, or its first words when
    those are a listed name of two words or more ('Dow Jones Industrial', not 'Dow
    Chemical'); or the name of a thing ('Hurricane Milton', 'the Australian Open', 'the
    Lander')."""
    words = name.lower().split()
    if not words:
        return False
    # "Hurricane Milton", "Alpha Particle X-ray Spectrometer", and a thing word alone ("the
    # Lander")
    if words[-1] in thing_words() or (len(words) > 1 and words[0] in _THING_TITLES):
        return True
    if "news" in words:  # "Fox News", "WND News Services": an outlet, a source
        return True
    return " ".join(words) in not_actors() or any(
        " ".join(words[:n]) in not_actors() for n in range(2, len(words))
    )
