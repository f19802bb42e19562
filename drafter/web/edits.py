"""Carry the form's edits into the source text, keeping its comments and layout.

The form edits plain data (what the YAML holds); the file is the user's, with comments, folded
prose and one-line citations. ruamel.yaml's round trip loads the text into nodes that remember
all of that; the new data is merged into them value by value, so that only what changed is
written anew, in the style of its neighbours (PyYAML, which drafter reads with, forgets layout).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, ScalarString

from drafter.regexes import compiled

#: Prose longer than this becomes a folded ``>-`` block, as ``drafter new`` writes it.
FOLD_AT = 60
#: Folded lines are cut near this width.
WIDTH = 96
_DATE = compiled(r"^\d{4}-\d{2}-\d{2}$")
_SEQUENCE_INDENT = compiled(r"^( *)[A-Za-z_][\w]*:[ \t]*\n( *)- ", re.MULTILINE)


class EditFailure(Exception):
    """The form's data could not be carried into the text (the text is not a YAML mapping)."""


def apply_data(text: str, data: dict[str, Any]) -> str:
    """``text`` with its values replaced by ``data``: unchanged values keep their exact form."""
    yaml = _round_trip(text)
    try:
        tree = yaml.load(text) if text.strip() else CommentedMap()
    except YAMLError as error:
        raise EditFailure(f"the YAML text cannot be read ({error.__class__.__name__}); "
                          "correct it in the YAML view first") from None
    if not isinstance(tree, CommentedMap):
        raise EditFailure("the YAML text is not a mapping of fields; correct it in the YAML view")
    merged = _merge(tree, data, None)
    out = io.StringIO()
    yaml.dump(merged, out)
    return _blank_lines_kept(text, out.getvalue())


def _round_trip(text: str) -> YAML:
    """A round-trip YAML that indents lists as ``text`` does (``- `` under or beside its key)."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap what the user wrapped
    yaml.allow_unicode = True
    found = _SEQUENCE_INDENT.search(text)
    offset = max(0, len(found.group(2)) - len(found.group(1))) if found else 2
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    return yaml


def _merge(old: Any, new: Any, key: str | None) -> Any:
    if isinstance(new, dict) and isinstance(old, CommentedMap):
        for name in [name for name in old if name not in new]:
            del old[name]
        for name, value in new.items():
            old[name] = _merge(old[name], value, name) if name in old else _fresh(value, name)
        return old
    if isinstance(new, list) and isinstance(old, CommentedSeq):
        del old[len(new):]
        for index, value in enumerate(new):
            if index < len(old):
                old[index] = _merge(old[index], value, key)
            else:
                if old:
                    _drop_trailing_comment(old[-1])  # the blank line that closed the list
                old.append(_fresh(value, key))
        return old
    if _same(old, new):
        return old
    if isinstance(new, str) and isinstance(old, ScalarString) and not isinstance(old, FoldedScalarString):
        return type(old)(new)  # keeps the quotes the user chose
    return _fresh(new, key)


def _drop_trailing_comment(node: Any) -> bool:
    """Remove the comment (often just a blank line) that ruamel keeps after a list's last item:
    an item added after it would otherwise sit below that blank line."""
    if isinstance(node, (CommentedMap, CommentedSeq)) and node:
        last = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
        if _drop_trailing_comment(node[last]):
            return True
        slot = node.ca.items.get(last)
        where = 2 if isinstance(node, CommentedMap) else 0
        if slot and slot[where] is not None:
            slot[where] = None
            return True
    return False


def _blank_lines_kept(original: str, text: str) -> str:
    """The blank line before a top-level field (``operative:``) stays where the user put it."""
    spaced = set(re.findall(r"\n\n([A-Za-z_]\w*):", original))
    for name in spaced:
        text = re.sub(rf"(?<=[^\n])\n{name}:", f"\n\n{name}:", text, count=1)
    return text


def _same(old: Any, new: Any) -> bool:
    """Whether the form left a value as it was (a date comes back from JSON as its ISO text)."""
    if isinstance(old, dt.date):
        return isinstance(new, str) and old.isoformat() == new
    if isinstance(old, bool) != isinstance(new, bool):
        return False
    return bool(old == new)


def _fresh(value: Any, key: str | None) -> Any:
    """A new value in the style ``drafter new`` writes: small mappings on one line, long prose
    folded, dates as dates."""
    if isinstance(value, dict):
        mapping = CommentedMap((name, _fresh(item, name)) for name, item in value.items())
        if "standard" not in value and _small(mapping):
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list):
        return CommentedSeq(_fresh(item, key) for item in value)
    if isinstance(value, str) and _DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, str) and len(value) > FOLD_AT and "\n" not in value:
        return _folded(value)
    return value


def _small(mapping: CommentedMap) -> bool:
    scalars = all(not isinstance(item, (dict, list, FoldedScalarString)) for item in mapping.values())
    return scalars and sum(len(str(item)) + len(name) + 4 for name, item in mapping.items()) <= FOLD_AT


def _folded(text: str) -> FoldedScalarString:
    """Prose as a ``>-`` block, cut at spaces near WIDTH (a fold reads back as one space)."""
    folded = FoldedScalarString(text)
    positions: list[int] = []
    line_start = 0
    for match in re.finditer(" ", text):
        if match.start() - line_start > WIDTH - 8 and positions[-1:] != [match.start()]:
            previous = text.rfind(" ", line_start, match.start())
            cut = previous if previous > line_start else match.start()
            # A fold must not sit beside another space, or the reader would lose one.
            if text[cut - 1: cut] != " " and text[cut + 1: cut + 2] != " ":
                positions.append(cut)
                line_start = cut + 1
    folded.fold_pos = positions  # type: ignore[attr-defined]
    return folded
