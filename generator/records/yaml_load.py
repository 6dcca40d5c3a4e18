"""Reading records' YAML quickly: libyaml parses, plain data is built straight from its nodes.

Records are read as PyYAML's SafeLoader reads them, with one change: dates stay the strings
people wrote (2020-11 must stay 2020-11). The invariant kept here: libyaml only makes it
faster. ``parse_document`` gives the data, the node marks (so the lines) and the syntax
errors that PyYAML's SafeLoader with that change gives: a text libyaml rejects is parsed
again by PyYAML, whose error is the one reported, and a node that is not plain data (an
alias, a merge key, a tag records do not use) is left to PyYAML's constructor.
"""

from __future__ import annotations

from typing import Any

import yaml


class _RecordLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as the strings people wrote (2020-11 must stay 2020-11)."""


_RecordLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _FastRecordLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same with libyaml when it is there."""


_FastRecordLoader.yaml_implicit_resolvers = _RecordLoader.yaml_implicit_resolvers


def load_yaml(text: str) -> Any:
    """Parse YAML the way records are read: safe, and dates kept as the strings people wrote.

    Raises yaml.YAMLError on a text that is not YAML, and on a value its explicit tag cannot
    be (``!!int high``), at that value's line."""
    loader = _FastRecordLoader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _construct(loader, node)
    finally:
        loader.dispose()


def parse_document(text: str) -> tuple[Any, Any]:
    """The document's node and data, parsed by libyaml (the same data and line marks, several
    times faster); a file it rejects is parsed again by PyYAML, whose syntax errors we report.

    (None, None) for an empty document; raises yaml.YAMLError on a text that is not YAML.
    """
    try:
        return _parse_with(_FastRecordLoader, text)
    except yaml.YAMLError:
        return _parse_with(_RecordLoader, text)


def field_lines(node: yaml.Node | None) -> dict[tuple[Any, ...], int]:
    """The line (1-based) of each field path under a document's node, from its marks.

    A mapping's value is located at its key's line; () is the line of the document itself.
    """
    lines: dict[tuple[Any, ...], int] = {}
    if node is not None:
        _node_lines(node, (), lines)
    return lines


def _node_lines(node: yaml.Node, prefix: tuple[Any, ...], out: dict[tuple[Any, ...], int]) -> None:
    out[prefix] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (*prefix, key_node.value)
            out[key] = key_node.start_mark.line + 1
            _node_lines(value_node, key, out)
            out[key] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _node_lines(item, (*prefix, index), out)


def _parse_with(loader_class: Any, text: str) -> tuple[Any, Any]:
    # (node, data) of the single document; (None, None) for an empty one.
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        try:
            return node, _plain_data(loader, node, set(), 0)
        except _NotPlain:
            # PyYAML's constructor also folds merge keys (<<) into the node: lines come after.
            return node, _construct(loader, node)
    finally:
        loader.dispose()


# What PyYAML's constructors raise on a value its explicit tag cannot be.
_BAD_VALUE = (ValueError, TypeError, AttributeError, OverflowError)


def _construct(loader: Any, node: yaml.Node) -> Any:
    try:
        return loader.construct_document(node)
    except _BAD_VALUE:
        raise _bad_value(loader, node) from None


def _bad_value(loader: Any, node: yaml.Node) -> yaml.YAMLError:
    """The error for the first scalar under node that its tag's constructor rejects."""
    pending, seen = [node], set()
    while pending:
        current = pending.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.ScalarNode):
            # Forget what the failed construction left half built.
            loader.constructed_objects, loader.recursive_objects = {}, {}
            try:
                loader.construct_object(current)
            except _BAD_VALUE:
                return _rejected(current)
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            pending.extend(part for pair in current.value for part in pair)
    return yaml.constructor.ConstructorError(None, None, "a value cannot be read", node.start_mark)


def _rejected(node: yaml.ScalarNode) -> yaml.YAMLError:
    kind = str(node.tag).rsplit(":", 1)[-1]
    return yaml.constructor.ConstructorError(
        None, None, f"{node.value!r} is not a valid {kind}", node.start_mark
    )


class _NotPlain(Exception):
    """A node left to PyYAML's constructor: an alias, a merge key, a tag records do not use."""


_STR, _MAP, _SEQ = (f"tag:yaml.org,2002:{name}" for name in ("str", "map", "seq"))
_PLAIN_SCALARS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("int", "float", "bool", "null"))


def _plain_data(loader: Any, node: yaml.Node, seen: set[int], depth: int) -> Any:
    # What SafeConstructor builds, without the bookkeeping per node that took a third of the
    # time spent in YAML.
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR:
            return node.value
        if node.tag in _PLAIN_SCALARS:
            try:
                return loader.yaml_constructors[node.tag](loader, node)
            except _BAD_VALUE:
                raise _rejected(node) from None
        raise _NotPlain
    if id(node) in seen or depth > 100:  # an alias, or deeper than this recursion should go
        raise _NotPlain
    seen.add(id(node))
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        return [_plain_data(loader, item, seen, depth + 1) for item in node.value]
    if not isinstance(node, yaml.MappingNode) or node.tag != _MAP:
        raise _NotPlain
    mapping = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag != _STR:
            raise _NotPlain
        mapping[key.value] = _plain_data(loader, value, seen, depth + 1)
    return mapping
