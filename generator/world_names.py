"""Country and capital names in other languages, from the Unicode CLDR data that Babel ships.

Lets an article in any language CLDR covers name the same country records as English ones:
"Азербайджан", "Aserbaidschan", "Azerbaïdjan", "أذربيجان" and "Azerbaycan" all stand for
Azerbaijan. Countries are CLDR's territory names; capitals are CLDR's time-zone exemplar
cities (Москва, Moskau, Moscou, موسكو) for the capitals of ``generator/data/countries.tsv``
that are such a city. Each name comes with the English name the English analysis uses, so
that actor resolution treats both alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from generator import gazetteer


@dataclass(frozen=True)
class PlaceName:
    """A name of a country or capital in one language, and its English name."""

    name: str
    english: str
    kind: str  # "country" or "capital"


def _locale(code: str):  # type: ignore[no-untyped-def]
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return None


@cache
def language_names() -> frozenset[str]:
    """The English names of the languages CLDR knows, lower-cased ('sanskrit', 'russian'),
    less any that also names a country."""
    english = _locale("en")
    if english is None:
        return frozenset()
    countries = {c.name.lower() for c in gazetteer.countries()}
    return frozenset(n.lower() for n in english.languages.values()) - countries


@cache
def _territories() -> dict[str, str]:
    """CLDR territory code -> the English name the gazetteer uses for that country."""
    english = _locale("en")
    if english is None:
        return {}
    known = {c.name.lower(): c.name for c in gazetteer.countries()}
    for country in gazetteer.countries():
        for alias in country.aliases:
            known.setdefault(alias.lower(), country.name)
    table = {}
    for code, name in english.territories.items():
        if len(code) == 2 and code.isalpha() and code not in ("EU", "EZ", "UN", "ZZ", "QO"):
            table[code] = known.get(name.lower(), name)
    return table


@cache
def _capital_zones() -> dict[str, str]:
    """Time zone -> English capital name, for the capitals that are exemplar cities."""
    from zoneinfo import available_timezones

    from babel.dates import get_timezone_location

    capitals = {cap.lower(): cap for c in gazetteer.countries() for cap in c.capitals}
    zones: dict[str, str] = {}
    for zone in sorted(available_timezones()):
        if "/" not in zone or zone.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/")):
            continue
        try:
            city = get_timezone_location(zone, locale="en", return_city=True)
        except (LookupError, ValueError):
            continue
        if city.lower() in capitals:
            zones.setdefault(zone, capitals[city.lower()])
    return zones


@cache
def place_names(code: str) -> tuple[PlaceName, ...]:
    """Every country and capital name CLDR gives in a language (none for an unknown one)."""
    locale = _locale(code)
    if locale is None:
        return ()
    from babel.dates import get_timezone_location

    names: dict[tuple[str, str], PlaceName] = {}
    for territory, english in _territories().items():
        name = locale.territories.get(territory)
        if name:
            names.setdefault((name, english), PlaceName(name, english, "country"))
    for zone, capital in _capital_zones().items():
        try:
            city = get_timezone_location(zone, locale=locale, return_city=True)
        except (LookupError, ValueError):
            continue
        if city:
            names.setdefault((city, capital), PlaceName(city, capital, "capital"))
    return tuple(names.values())
