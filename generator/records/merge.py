"""Three-way merge of one record, and the minimal rewrite of its YAML text.

``merge_record`` compares three versions of a record: ``base``, what the extraction
produced last time; ``ours``, the file in content/ as the editor left it; ``theirs``, what
the extraction produces now. Field by field, whoever changed a field since ``base`` wins,
and the editor wins when both did. Lists merge as sets keyed by their items (claims by
their ``source``), so additions and removals from both sides combine.

``update_yaml_text`` then turns the editor's text into the merged record by editing a
ruamel.yaml round-trip document in place; every top-level field whose value did not change
is copied back from the original text byte for byte, comments and all.

Everything here is pure: text and mappings in, text and mappings out.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.util import load_yaml_guess_indent

from generator.records.store import dump_record
from generator.records.yaml_load import load_yaml

_MISSING: Any = object()


@dataclass
class MergeResult:
    """The merged record and the fields both sides changed (the editor's value was kept)."""

    data: dict[str, Any]
    conflicts: list[str] = field(default_factory=list)


def merge_record(
    base: Mapping[str, Any] | None, ours: Mapping[str, Any], theirs: Mapping[str, Any]
) -> MergeResult:
    """Merge the editor's record (ours) with the new extraction (theirs) against base.

    With ``base`` None (the editor wrote the record, or the state was lost) the editor's
    record is kept as it is; only items new in theirs are added to lists ours already has.
    """
    conflicts: list[str] = []
    data = _merge_mapping(base, ours, theirs, "", conflicts)
    return MergeResult(data=data, conflicts=conflicts)


def _merge_mapping(
    base: Mapping[str, Any] | None,
    ours: Mapping[str, Any],
    theirs: Mapping[str, Any],
    where: str,
    conflicts: list[str],
) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for key, mine in ours.items():
        other = theirs.get(key, _MISSING)
        if base is None:
            if isinstance(mine, list) and isinstance(other, list):
                merged[key] = _merge_list(None, mine, other, f"{where}{key}", conflicts)
            else:
                merged[key] = mine
            continue
        value = _merge_value(base.get(key, _MISSING), mine, other, f"{where}{key}", conflicts)
        if value is not _MISSING:
            merged[key] = value
    if base is None:
        return merged
    for key, other in theirs.items():
        if key in ours:
            continue
        if key not in base:
            merged = _insert_after(merged, key, other, list(theirs))
        elif other != base[key]:
            conflicts.append(f"{where}{key}")  # the editor removed it, the extraction changed it
    return merged


def _merge_value(base: Any, ours: Any, theirs: Any, where: str, conflicts: list[str]) -> Any:
    if ours == base:
        return theirs
    if theirs in (base, ours):
        return ours
    if (
        isinstance(ours, list)
        and isinstance(theirs, list)
        and (base is _MISSING or isinstance(base, list))
    ):
        return _merge_list([] if base is _MISSING else base, ours, theirs, where, conflicts)
    if isinstance(ours, dict) and isinstance(theirs, dict) and isinstance(base, dict):
        return _merge_mapping(base, ours, theirs, f"{where}.", conflicts)
    conflicts.append(where)  # both changed it: the editor's value (or removal) wins
    return ours


def item_key(item: Any) -> str:
    """What identifies a list item in a merge: a claim's source, else its whole value."""
    if isinstance(item, dict) and "source" in item:
        return f"source:{item['source']}"
    return json.dumps(item, sort_keys=True, default=str)


def _merge_list(
    base: list[Any] | None, ours: list[Any], theirs: list[Any], where: str, conflicts: list[str]
) -> list[Any]:
    base_items = {item_key(item): item for item in base or ()}
    their_items = {item_key(item): item for item in theirs}
    merged: dict[str, Any] = {}
    for item in ours:
        key = item_key(item)
        if key in merged:
            continue
        old = base_items.get(key, _MISSING)
        new = their_items.get(key, _MISSING)
        if base is None or new == item:
            merged[key] = item
        elif new is _MISSING:
            if old is _MISSING:
                merged[key] = item  # the editor added it
            elif item != old:
                merged[key] = item  # the extraction dropped it, but the editor had changed it
                conflicts.append(f"{where}[{key}]")
            # else: the extraction dropped an item the editor left alone
        else:
            merged[key] = _merge_value(old, item, new, f"{where}[{key}]", conflicts)
    for key, item in their_items.items():
        if key not in merged and (base is None or key not in base_items):
            merged[key] = item  # new in the extraction; items the editor removed stay removed
    return list(merged.values())


def _insert_after(
    mapping: dict[str, Any], key: str, value: Any, order: list[str]
) -> dict[str, Any]:
    """mapping with key inserted after the nearest key that precedes it in order."""
    position = order.index(key)
    anchor = next((k for k in reversed(order[:position]) if k in mapping), None)
    if anchor is None:
        return {key: value, **mapping}
    result: dict[str, Any] = {}
    for existing, item in mapping.items():
        result[existing] = item
        if existing == anchor:
            result[key] = value
    return result


# --- the round-trip rewrite --------------------------------------------------------------


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 100
    yaml.allow_unicode = True
    yaml.representer.add_representer(
        type(None), lambda rep, _: rep.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    return yaml


def update_yaml_text(text: str, ours: Mapping[str, Any], merged: Mapping[str, Any]) -> str:
    """The editor's YAML text changed to hold merged, touching only what differs from ours.

    ``ours`` is text parsed as plain data. Untouched top-level fields keep their exact
    text and comments; changed ones are edited in place in a round-trip document, so
    comments inside them survive too. Falls back to ``store.dump_record`` (comments lost)
    only if the text cannot be round-tripped faithfully.
    """
    try:
        yaml = _yaml()
        document, indent, sequence_offset = load_yaml_guess_indent(text, yaml=yaml)
    except (YAMLError, ValueError):
        return dump_record(merged)
    if not isinstance(document, CommentedMap):
        return dump_record(merged)
    offset = sequence_offset or 0
    yaml.indent(mapping=2, sequence=max(indent or 2, offset + 2), offset=offset)
    original = _top_level_spans(text, document)
    changed = {key for key in merged if key not in ours or ours[key] != merged[key]}
    for key in changed:
        _detach_trailing_comments(document, key)
    _apply_mapping(document, ours, merged)
    stream = io.StringIO()
    yaml.dump(document, stream)
    dumped = stream.getvalue()
    candidates = []
    if original is not None:
        rewritten = _top_level_spans(dumped, _yaml().load(dumped))
        if rewritten is not None:
            candidates.append(_splice(original, rewritten, changed, ours, merged))
    candidates.append(dumped)
    for candidate in candidates:
        if _same_data(candidate, merged):
            return candidate
    return dump_record(merged)


def _same_data(text: str, expected: Mapping[str, Any]) -> bool:
    try:
        return bool(load_yaml(text) == dict(expected))
    except Exception:  # noqa: BLE001 - any failure means "not faithful"
        return False


@dataclass
class _Spans:
    preamble: str
    bodies: dict[str, str]
    trailers: dict[str, str]
    # For a block sequence: the lines before its first item, and the text of each item.
    heads: dict[str, str] = field(default_factory=dict)
    items: dict[str, list[str]] = field(default_factory=dict)


def _top_level_spans(text: str, document: Any) -> _Spans | None:
    """The text of each top-level field: its lines, and the comment lines after them."""
    if not isinstance(document, CommentedMap) or not document:
        return None
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    starts: list[tuple[int, str]] = []
    for key in document:
        line, column = document.lc.key(key)
        if column != 0 or not isinstance(key, str) or (starts and line <= starts[-1][0]):
            return None
        starts.append((line, key))
    spans = _Spans(preamble="".join(lines[: starts[0][0]]), bodies={}, trailers={})
    for index, (line, key) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(lines)
        chunk = lines[line:end]
        cut = len(chunk)
        while cut > 1 and (not chunk[cut - 1].strip() or chunk[cut - 1].startswith("#")):
            cut -= 1
        spans.bodies[key] = "".join(chunk[:cut])
        spans.trailers[key] = "".join(chunk[cut:])
        _item_spans(spans, key, document[key], lines, line, line + cut)
    return spans


def _item_spans(
    spans: _Spans, key: str, value: Any, lines: list[str], start: int, end: int
) -> None:
    """Record the text of each item of a block sequence found on lines[start:end]."""
    if not isinstance(value, CommentedSeq) or not value:
        return
    starts = [value.lc.item(index)[0] for index in range(len(value))]
    if starts[0] <= start or starts[-1] >= end or starts != sorted(set(starts)):
        return  # a flow sequence, or items that do not start on their own lines
    if not all(lines[line].lstrip().startswith("-") for line in starts):
        return
    spans.heads[key] = "".join(lines[start : starts[0]])
    bounds = [*starts, end]
    spans.items[key] = ["".join(lines[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


def _splice(
    original: _Spans,
    rewritten: _Spans,
    changed: set[str],
    ours: Mapping[str, Any],
    merged: Mapping[str, Any],
) -> str:
    # The comment lines after a removed field move up to the field kept before it.
    orphans: dict[str | None, str] = {}
    previous: str | None = None
    for key in original.bodies:
        if key in rewritten.bodies:
            previous = key
        elif original.trailers[key]:
            orphans[previous] = orphans.get(previous, "") + original.trailers[key]
    parts = [original.preamble, orphans.get(None, "")]
    for key, body in rewritten.bodies.items():
        if key in original.bodies and key not in changed:
            parts.append(original.bodies[key] + original.trailers[key])
            parts.append(orphans.get(key, ""))
            continue
        if key in original.items and key in rewritten.items:
            body = _splice_items(key, original, rewritten, ours[key], merged[key]) or _tidy(body)
        else:
            body = _tidy(body)
        parts.append(body + original.trailers.get(key, rewritten.trailers[key]))
        parts.append(orphans.get(key, ""))
    return "".join(parts)


def _splice_items(key: str, original: _Spans, rewritten: _Spans, old: Any, new: Any) -> str | None:
    """A changed list's text in which every item that did not change keeps its old text."""
    if not isinstance(old, list) or not isinstance(new, list):
        return None
    if len(old) != len(original.items[key]) or len(new) != len(rewritten.items[key]):
        return None
    kept: dict[str, str] = {}
    for item, text in zip(old, original.items[key], strict=True):
        kept.setdefault(json.dumps(item, sort_keys=True, default=str), text)
    texts = [
        kept.get(json.dumps(item, sort_keys=True, default=str)) or _tidy(text)
        for item, text in zip(new, rewritten.items[key], strict=True)
    ]
    return rewritten.heads[key] + "".join(texts)


def _tidy(text: str) -> str:
    """Without the space ruamel.yaml leaves where it folds a long plain scalar.

    Only in text ruamel.yaml wrote; should a space matter (a literal block), the check
    of the result against the merged data rejects the splice.
    """
    return "\n".join(line.rstrip(" ") for line in text.split("\n"))


def _detach_trailing_comments(document: CommentedMap, key: str) -> None:
    """Cut the full-line comments after a field's value from the value's last node.

    ruamel.yaml hangs the comment lines that follow a value (usually about the next field)
    on the value's last item; an item appended after it would then be written below them.
    The splice puts those lines back after the rewritten field.
    """
    if key not in document:
        return
    node: Any = document
    slot_key: Any = key
    while True:
        index = 2 if isinstance(node, CommentedMap) else 0
        slot = node.ca.items.get(slot_key)
        if slot and len(slot) > index and slot[index] is not None:
            token = slot[index]
            first, newline, _ = token.value.partition("\n")
            if first.strip().startswith("#"):
                token.value = first + newline
            else:
                slot[index] = None
        child = node[slot_key]
        if isinstance(child, CommentedMap) and child:
            node, slot_key = child, list(child)[-1]
        elif isinstance(child, CommentedSeq) and child:
            node, slot_key = child, len(child) - 1
        else:
            return


def _to_node(value: Any) -> Any:
    if isinstance(value, Mapping):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = _to_node(item)
        return node
    if isinstance(value, list | tuple):
        return CommentedSeq(_to_node(item) for item in value)
    return value


def _apply(container: Any, key: Any, old: Any, new: Any) -> None:
    node = container[key]
    if isinstance(node, CommentedMap) and isinstance(old, dict) and isinstance(new, dict):
        _apply_mapping(node, old, new)
    elif isinstance(node, CommentedSeq) and isinstance(old, list) and isinstance(new, list):
        if not _apply_sequence(node, old, new):
            container[key] = _to_node(new)
    else:
        container[key] = _to_node(new)


def _apply_mapping(node: CommentedMap, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
    for key in [k for k in node if k not in new]:
        del node[key]
    order = list(new)
    for key, value in new.items():
        if key in node and key in old:
            if old[key] != value:
                _apply(node, key, old[key], value)
            continue
        if key in node:
            node[key] = _to_node(value)
            continue
        position = order.index(key)
        anchor = next((k for k in reversed(order[:position]) if k in node), None)
        at = 0 if anchor is None else list(node).index(anchor) + 1
        node.insert(at, key, _to_node(value))


def _apply_sequence(node: CommentedSeq, old: list[Any], new: list[Any]) -> bool:
    """Edit node from old to new by deleting and appending items; False if it cannot."""
    old_keys = [item_key(item) for item in old]
    new_keys = [item_key(item) for item in new]
    wanted = set(new_keys)
    kept = [key for key in old_keys if key in wanted]
    if (
        len(node) != len(old)
        or len(set(old_keys)) != len(old_keys)
        or new_keys[: len(kept)] != kept
    ):
        return False
    for index in reversed(range(len(old))):
        if old_keys[index] not in wanted:
            del node[index]
    old_items = dict(zip(old_keys, old, strict=True))
    for index, key in enumerate(kept):
        if old_items[key] != new[index]:
            _apply(node, index, old_items[key], new[index])
    for item in new[len(kept) :]:
        node.append(_to_node(item))
    return True
