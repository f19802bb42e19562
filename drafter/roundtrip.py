"""Rewrite a YAML source as little as possible: the previous text, changed where the data changed.

ruamel.yaml's round trip keeps what a drafter wrote (comments, key order, quoting, the line breaks
of folded prose); the values that changed, and the keys and list items that are new, come from
the freshly written text, in drafter's house style. Lists are aligned item by item, so one
citation appended to a series is one new line, and a paragraph inserted is only that paragraph.
"""

from __future__ import annotations

import io
import json
from difflib import SequenceMatcher
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    SingleQuotedScalarString,
)

from drafter.regexes import compiled

#: Wide enough that ruamel.yaml never folds a line itself: folded prose keeps the line breaks
#: it was read with, and new prose those of the fresh text.
_NO_FOLDING = 4096
#: The shortest width at which changed prose is folded again (drafter writes 88 columns).
_WIDTH = 80
_WORD = compiled(r"\S+")


def update(previous: str, fresh: str, full: dict[str, Any]) -> str:
    """``previous`` changed to hold the data of ``fresh``, keeping everything of ``previous``
    that still holds; its comments before the first key are left to the caller (``yamlout``
    keeps those that stay).
    ``full`` is the data with its defaults, which ``fresh`` leaves out: a key that ``previous``
    spells out with the default value stays. A ``previous`` that is not a mapping is nothing to
    keep: ``fresh`` is returned."""
    yaml = _round_trip()
    old, new = yaml.load(previous), yaml.load(fresh)
    if not isinstance(old, CommentedMap) or not isinstance(new, CommentedMap):
        return fresh
    old.ca.comment = None
    out = io.StringIO()
    yaml.dump(_merge(old, new, full), out)
    return out.getvalue()


def _round_trip() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = _NO_FOLDING
    yaml.indent(mapping=2, sequence=4, offset=2)  # lists indented under their key
    yaml.preserve_quotes = True
    return yaml


def _merge(old: Any, new: Any, full: Any) -> Any:
    """``old`` holding ``new``'s data: old nodes where the data is the same."""
    if _plain(old) == _plain(new):
        return old
    if isinstance(old, CommentedMap) and isinstance(new, CommentedMap):
        return _merge_map(old, new, full if isinstance(full, dict) else {})
    if isinstance(old, CommentedSeq) and isinstance(new, CommentedSeq):
        return _merge_seq(old, new, full if isinstance(full, list) else [])
    if isinstance(old, FoldedScalarString) and isinstance(new, str):
        return _refold(old, str(new))
    return new


def _refold(old: FoldedScalarString, new: str) -> FoldedScalarString:
    """Changed prose folded where the old prose was, around the words that stayed, so that an
    edit rewrites its own lines only; lines the edit lengthened are folded again at the old
    text's width."""
    breaks = set(getattr(old, "fold_pos", []))
    old_words = [(word.group(), word.end() in breaks) for word in _WORD.finditer(old)]
    new_words = list(_WORD.finditer(new))
    kept: set[int] = set()
    matcher = SequenceMatcher(None, [word for word, _ in old_words],
                              [word.group() for word in new_words], autojunk=False)
    for tag, i1, _, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            kept.update(j1 + k for k in range(j2 - j1) if old_words[i1 + k][1])
    width = max([len(line) for line in _lines(str(old), breaks)] + [_WIDTH])
    folded = FoldedScalarString(new)
    positions, start = [], 0
    for index, word in enumerate(new_words[:-1]):
        following = new_words[index + 1]
        if new[word.end():following.start()] != " ":
            continue  # ruamel folds only at a single space
        if index in kept or following.end() - start > width:
            positions.append(word.end())
            start = word.end() + 1
    folded.fold_pos = positions  # type: ignore[attr-defined]
    return folded


def _lines(text: str, breaks: set[int]) -> list[str]:
    lines, start = [], 0
    for position in sorted(breaks):
        lines.append(text[start:position])
        start = position + 1
    return [*lines, text[start:]]


def _merge_map(old: CommentedMap, new: CommentedMap, full: dict[str, Any]) -> CommentedMap:
    for key in [key for key in old if key not in new]:
        if key not in full or _plain(old[key]) != _plain(full[key]):
            _delete(old, key)
    previous_key = None
    for key in new:
        if key in old:
            before = old[key]
            old[key] = _merge(before, new[key], full.get(key))
            _follow_comment(old, key, before, old[key])
        else:
            position = 0 if previous_key is None else list(old).index(previous_key) + 1
            old.insert(position, key, new[key])
            if key in new.ca.items:
                old.ca.items[key] = new.ca.items[key]
        previous_key = key
    return old


def _follow_comment(mapping: CommentedMap, key: Any, before: Any, after: Any) -> None:
    """A comment at the end of a changed value's line keeps its distance from the value."""
    entry = mapping.ca.items.get(key)
    comment = entry[2] if entry and len(entry) > 2 else None
    if before is after or comment is None or not comment.value.startswith("#"):
        return
    if isinstance(before, (dict, list)) or isinstance(after, (dict, list)):
        return
    comment.column = max(0, comment.column + _width(after) - _width(before))


def _width(scalar: Any) -> int:
    """How wide a one-line scalar is written."""
    quoted = isinstance(scalar, (SingleQuotedScalarString, DoubleQuotedScalarString))
    text = scalar.isoformat() if hasattr(scalar, "isoformat") else str(scalar)
    return len(text) + (2 if quoted else 0)


def _delete(mapping: CommentedMap, key: Any) -> None:
    """Remove a key; the comment lines after its value (about what follows) go to the key
    before it, or stay before the mapping's next key."""
    keys = list(mapping)
    comment = mapping.ca.items.pop(key, None)
    del mapping[key]
    trailing = comment[2] if comment and len(comment) > 2 else None
    if trailing is None:
        return
    index = keys.index(key)
    if index > 0:
        before = mapping.ca.items.setdefault(keys[index - 1], [None, None, None, None])
        if before[2] is None:
            before[2] = trailing


def _merge_seq(old: CommentedSeq, new: CommentedSeq, full: list[Any]) -> CommentedSeq:
    """Items aligned by their data: the same ones kept with their comments, changed ones
    merged in place, the others inserted or deleted."""
    matcher = SequenceMatcher(None, [_key(item) for item in old], [_key(item) for item in new],
                              autojunk=False)
    items: list[tuple[Any, Any]] = []  # (node, its comment entry)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            items += [(old[i], old.ca.items.get(i)) for i in range(i1, i2)]
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        items += [(_merge(old[i1 + k], new[j1 + k], full[j1 + k] if j1 + k < len(full) else None),
                   old.ca.items.get(i1 + k)) for k in range(paired)]
        items += [(new[j], new.ca.items.get(j)) for j in range(j1 + paired, j2)]
    old.ca.items.clear()
    old[:] = [node for node, _ in items]
    for index, (_, comment) in enumerate(items):
        if comment is not None:
            old.ca.items[index] = comment
    return old


def _key(item: Any) -> str:
    return json.dumps(_plain(item), sort_keys=True, default=str)


def _plain(value: Any) -> Any:
    """The data of a node, without its formatting: plain dicts, lists, strings and numbers."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, str):
        return str(value)
    return value
