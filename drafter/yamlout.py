"""Write a Resolution back as a readable YAML source, in the style of the shipped examples.

Small mappings (citations, the agenda item, the mandate, sponsors) go on one line, long prose is
folded into ``>-`` blocks, fields keep the order of the schema and defaults are left out, so the
file reads like one written by hand and loads back into the same Resolution.

Given the previous source (a follow-up's, or the file an import replaces), the new source is
that file changed where the Resolution changed, through ruamel.yaml's round trip: its comments,
key order, quoting and line wrapping stay, so ``git diff`` shows only the changed lines. PyYAML
writes the house style of what is new; ruamel.yaml, which keeps what is old, cannot indent and
fold like the examples on its own.
"""

from __future__ import annotations

from typing import Any

import yaml

from drafter.resolution import Resolution

#: Prose longer than this is folded into a ``>-`` block; shorter prose stays on its line.
_FOLD_AT = 60
_WIDTH = 88


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


def dump_resolution(resolution: Resolution, header: list[str] | None = None,
                    previous: str | None = None, book_keys: bool = False,
                    keep_comment: bool = False) -> str:
    """The source text of a resolution, with ``header`` lines as comments on top; given the
    text of the ``previous`` source, that text with only what changed rewritten (its own
    comment on top gives way to ``header``, or stays with ``keep_comment``). With ``book_keys``, a
    phrase that came from a phrase book is written as its key (the source then needs the book),
    else written out."""
    data = resolution.model_dump(mode="python", exclude_defaults=True)
    full = resolution.model_dump(mode="python")
    if book_keys:
        data, full = _book_keys(resolution, data), _book_keys(resolution, full)
    body = _space_sections(yaml.dump(_shape(data), Dumper=_SourceDumper, allow_unicode=True,
                                     sort_keys=False, width=_WIDTH, default_flow_style=False))
    if previous is not None:
        from drafter.roundtrip import update

        body = update(previous, body, full, keep_comment)
    comments = "".join(f"# {line}".rstrip() + "\n" for line in header or [])
    return comments + ("\n" if comments else "") + body


def _book_keys(resolution: Resolution, data: dict[str, Any]) -> dict[str, Any]:
    """The dumped data with each phrase-book phrase (an InlinePhrase that knows its key) as its key."""
    for section, field in (("preamble", "opener"), ("operative", "verb")):
        for paragraph, dumped in zip(getattr(resolution, section), data.get(section, [])):
            phrase = getattr(paragraph, field)
            if getattr(phrase, "key", None) and field in dumped:
                dumped[field] = phrase.key
    return data


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
    if isinstance(value, str) and len(value) > _FOLD_AT and key in ("en", "fr"):
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
