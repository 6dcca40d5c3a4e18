"""A quick pre-check compiled from a JSON Schema into small Python tests.

Validating thousands of records with jsonschema is slow, and nearly all of them are valid.
``compile_quick_check`` turns a schema into a plain function that runs the same tests as
jsonschema (Draft 2020-12) on an instance, many times faster.

The invariant: the check says True (valid) only when jsonschema would find nothing wrong.
False means "ask jsonschema", which also words the errors; a schema using a keyword, or a
form of one, that is not mirrored here compiles to None, and then jsonschema decides alone.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

QuickCheck = Callable[[Any], bool]


def compile_quick_check(schema: Mapping[str, Any]) -> QuickCheck | None:
    """A check that is True only for an instance jsonschema finds nothing wrong with.

    None when the schema is not a Draft 2020-12 one or uses what the check does not know.
    """
    import jsonschema  # loaded when a record is first checked, not by every importer

    if jsonschema.validators.validator_for(schema) is not jsonschema.Draft202012Validator:
        return None
    return _quick_check(schema)


def _anything(value: Any) -> bool:
    return True


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def _distinct_strings(value: Any) -> bool:
    if not isinstance(value, list):
        return True
    return all(isinstance(item, str) for item in value) and len(set(value)) == len(value)


# jsonschema's own type tests (jsonschema/_types.py); an "integer" 1.0 is left to it.
_TYPES: dict[str, QuickCheck] = {
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "null": lambda v: v is None,
    "number": _is_number,
    "object": lambda v: isinstance(v, dict),
    "string": lambda v: isinstance(v, str),
}

_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "examples"})


def _every(tests: Iterable[QuickCheck | None]) -> list[QuickCheck] | None:
    # None as soon as one part cannot be checked quickly: then nothing can.
    listed = []
    for test in tests:
        if test is None:
            return None
        listed.append(test)
    return listed


def _quick_type(names: Any) -> QuickCheck | None:
    tests = _every(map(_TYPES.get, [names] if isinstance(names, str) else names))
    if tests is None:
        return None
    return tests[0] if len(tests) == 1 else lambda v: any(test(v) for test in tests)


def _quick_pattern(pattern: str) -> QuickCheck:
    search = re.compile(pattern).search
    return lambda v: not isinstance(v, str) or search(v) is not None


def _quick_enum(values: list[Any]) -> QuickCheck:
    # Only a string among string values is decided here; anything else goes to jsonschema.
    strings = frozenset(value for value in values if isinstance(value, str))
    return lambda v: isinstance(v, str) and v in strings


def _quick_properties(properties: dict[str, Any]) -> QuickCheck | None:
    listed = _every(map(_quick_check, properties.values()))
    if listed is None:
        return None
    tests = dict(zip(properties, listed, strict=True))

    def check(value: Any) -> bool:
        if isinstance(value, dict):
            for name, item in value.items():
                test = tests.get(name)
                if test is not None and not test(item):
                    return False
        return True

    return check


def _quick_items(schema: Any) -> QuickCheck | None:
    test = _quick_check(schema)
    if test is None:
        return None

    def check(value: Any) -> bool:
        if isinstance(value, list):
            for item in value:
                if not test(item):
                    return False
        return True

    return check


def _quick_any_of(schemas: list[Any]) -> QuickCheck | None:
    tests = _every(map(_quick_check, schemas))
    return None if tests is None else lambda v: any(test(v) for test in tests)


# What each keyword our schemas use requires, as jsonschema/_keywords.py tests it.
_KEYWORDS: dict[str, Callable[[Any], QuickCheck | None]] = {
    "type": _quick_type,
    "enum": _quick_enum,
    "pattern": _quick_pattern,
    "minLength": lambda n: lambda v: not isinstance(v, str) or not len(v) < n,
    "minItems": lambda n: lambda v: not isinstance(v, list) or not len(v) < n,
    "minimum": lambda m: lambda v: not (_is_number(v) and v < m),
    "maximum": lambda m: lambda v: not (_is_number(v) and v > m),
    "uniqueItems": lambda unique: _distinct_strings if unique else _anything,
    "required": lambda names: lambda v: not isinstance(v, dict) or all(n in v for n in names),
    "properties": _quick_properties,
    "additionalProperties": lambda allowed: _anything if allowed is True else None,
    "items": _quick_items,
    "anyOf": _quick_any_of,
}


def _quick_check(schema: Any) -> QuickCheck | None:
    """A check that is True only for an instance jsonschema finds nothing wrong with.

    False means "ask jsonschema", which also words the errors. None when the schema uses a
    keyword, or a form of one, that the check does not know.
    """
    if schema is True:
        return _anything
    if not isinstance(schema, dict):
        return None
    tests = _every(
        _KEYWORDS[keyword](value) if keyword in _KEYWORDS else None
        for keyword, value in schema.items()
        if keyword not in _ANNOTATIONS
    )
    if tests is None:
        return None

    def check(value: Any) -> bool:
        for test in tests:  # noqa: SIM110 - twice as fast as all() over a generator
            if not test(value):
                return False
        return True

    return check
