"""Write a Resolution back as a readable YAML source, in the style of the shipped examples.

Small mappings (citations, the agenda item, the mandate, sponsors) go on one line, long prose is
folded into ``>-`` blocks, fields keep the order of the schema and defaults are left out, so the
file reads like one written by hand and loads back into the same Resolution.

Given the previous source (a follow-up's, or the file an import replaces), the new source is
that file changed where the Resolution changed, through ruamel.yaml's round trip: its comments,
key order, quoting and line wrapping stay, so ``git diff`` shows only the changed lines. PyYAML
writes the house style of what is new; ruamel.yaml, which keeps what is old, cannot indent and
fold like the examples on its own.

Every source drafter writes opens with the ``yaml-language-server`` line that points an editor at
the schema (``drafter.schema.modeline``); a previous source's own such line, and the comments on
top that drafter did not write, stay.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml

from drafter.regexes import compiled
from drafter.resolution import Resolution
from drafter.schema import modeline
from drafter.terminal import printable

#: Every header drafter writes says so in its first line ("… (made by `drafter new`).",
#: "Imported by `drafter import` from …"): that comment paragraph is drafter's own, and a new
#: header replaces it instead of piling up above it.
BY_DRAFTER = "by `drafter "
_MODELINE = compiled(r"#\s*yaml-language-server\s*:")

#: Prose longer than this is folded into a ``>-`` block; shorter prose stays on its line.
_FOLD_AT = 60
_WIDTH = 88
#: Characters that YAML 1.1 (PyYAML) reads as line breaks and YAML 1.2 (ruamel.yaml) does not: in
#: a folded block they break the text or its indentation, so prose holding one stays quoted.
_BREAKS = frozenset("\x85\u2028\u2029")


class _Flow(dict):  # type: ignore[type-arg]
    """A mapping written on one line: {number: 64/256, date: 2010-03-02}."""


class _Folded(str):
    """Prose written as a folded block."""


class _SourceDumper(yaml.SafeDumper):
    """Indents lists under their key, as the examples do (the C dumper cannot)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


def _flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)


def _folded(dumper: yaml.SafeDumper, data: _Folded) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style=">")


_SourceDumper.add_representer(_Flow, _flow)
_SourceDumper.add_representer(_Folded, _folded)
# The round trip (drafter.roundtrip) reads sources as YAML 1.2, where more plain words are
# numbers than in PyYAML's YAML 1.1: prose such as "1e999" is text to the one and infinity to
# the other, and came back from a follow-up as ".inf". Text that YAML 1.2 reads as a number is
# quoted, so that both read it as text.
_SourceDumper.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    compiled(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"
               r"|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$"),
    list("-+0123456789."))


def dump_resolution(resolution: Resolution, header: list[str] | None = None,
                    previous: str | None = None, book_keys: bool = False) -> str:
    """The source text of a resolution: the schema line, the ``header`` lines as comments,
    then the data. Given the text of the ``previous`` source, that text with only what changed
    rewritten; its schema line and the comments on top that drafter did not write stay. With
    ``book_keys``, a phrase that came from a phrase book is written as its key (the source then
    needs the book), else written out."""
    data = resolution.model_dump(mode="python", exclude_defaults=True)
    full = resolution.model_dump(mode="python")
    if book_keys:
        data, full = _book_keys(resolution, data), _book_keys(resolution, full)
    body = _space_sections(yaml.dump(_shape(data), Dumper=_SourceDumper, allow_unicode=True,
                                     sort_keys=False, width=_WIDTH, default_flow_style=False))
    if previous is not None:
        from drafter.roundtrip import update

        body = update(previous, body, full)
    return _top(header or [], previous) + body


def _book_keys(resolution: Resolution, data: dict[str, Any]) -> dict[str, Any]:
    """The dumped data with each phrase-book phrase (an InlinePhrase that knows its key) as its key."""
    for section, field in (("preamble", "opener"), ("operative", "verb")):
        for paragraph, dumped in zip(getattr(resolution, section), data.get(section, [])):
            phrase = getattr(paragraph, field)
            if getattr(phrase, "key", None) and field in dumped:
                dumped[field] = phrase.key
    return data


def _top(header: list[str], previous: str | None) -> str:
    """The comment lines above the data, and the blank line that parts them from it."""
    # printable: a file name or a note holding a line break (or, under LC_ALL=C, undecodable
    # bytes) must stay one comment line, never end the comment and write YAML of its own
    top = [modeline(), *(f"# {printable(line)}".rstrip() for line in header)]
    kept: list[list[str]] = []
    attached = False  # the previous comment touched the first key: no blank line between
    if previous is not None:
        lines = _leading_comments(previous)
        attached = bool(lines) and bool(lines[-1].strip())
        schema_lines = [line for line in lines if _MODELINE.match(line)]
        top[0] = schema_lines[0] if schema_lines else top[0]
        kept = [paragraph for paragraph in _paragraphs(line for line in lines
                                                       if not _MODELINE.match(line))
                if not (header and BY_DRAFTER in paragraph[0])]
    for index, paragraph in enumerate(kept):
        top += ([""] if header or index else []) + paragraph
    return "\n".join(top) + ("\n" if kept and attached else "\n\n")


def _leading_comments(text: str) -> list[str]:
    """The comment and blank lines before the first line of data, stripped."""
    lines = []
    for line in text.lstrip("\ufeff").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            break
        lines.append(line.strip())
    return lines


def _paragraphs(lines: Iterable[str]) -> list[list[str]]:
    """Comment lines in runs parted by blank lines."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [paragraph for paragraph in paragraphs if paragraph]


def _shape(value: Any, key: str | None = None) -> Any:
    """Mark what is written on one line and what is folded; paragraphs stay blocks, with
    `standard` first."""
    if isinstance(value, dict):
        if "standard" in value:
            value = {"standard": value["standard"], **value}
        shaped = {name: _shape(item, name) for name, item in value.items()}
        return _Flow(shaped) if "standard" not in shaped and _is_small(shaped) else shaped
    if isinstance(value, list):
        return [_shape(item, key) for item in value]
    if (isinstance(value, str) and len(value) > _FOLD_AT and key in ("en", "fr")
            and not _BREAKS.intersection(value)):
        return _Folded(value)
    return value


def _is_small(mapping: dict[str, Any]) -> bool:
    """Scalars only, short enough to read on one line."""
    scalars = all(not isinstance(item, (dict, list, _Folded)) for item in mapping.values())
    return scalars and sum(len(str(item)) + len(name) + 4 for name, item in mapping.items()) <= _FOLD_AT


def _space_sections(text: str) -> str:
    """A blank line before the preamble and the operative part, as in the examples."""
    for section in ("preamble:", "operative:"):
        text = text.replace(f"\n{section}\n", f"\n\n{section}\n", 1)
    return text
