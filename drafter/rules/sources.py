"""Where a finding on a YAML source points: the field or paragraph it is about, as line:column.

The rules read the Documents composed from a source, which know paragraphs, not fields. Each
composed paragraph is traced back to the source paragraph it was written from (a footnote to
the paragraph that carries its mark), and a finding that concerns one language only points at
that language's text when the paragraph has one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from drafter.document import Block, Document, FootnoteRef, Point
from drafter.findings import FieldPath, Finding
from drafter.rules.draft import Draft

Position = tuple[int, int]

#: Heading findings point at the first of these fields whose value holds the words at fault.
_HEADING_FIELDS: tuple[FieldPath, ...] = (("symbol",), ("draft_symbol",), ("report",),
                                          ("agenda_item",), ("session",), ("distribution_date",))


@dataclass(frozen=True)
class SourceMap:
    """A source's fields, their positions, and which field each composed paragraph comes from."""

    data: dict[str, Any]
    positions: dict[tuple[Any, ...], Position]
    paths: dict[int, FieldPath]  # reading order of a composed paragraph → its source paragraph

    def locate(self, finding: Finding) -> Finding:
        """The finding with the line and column of its field or paragraph."""
        field = finding.field
        path = field if field is not None else self._path(finding)
        if finding.lang and not field:
            path = self._in_language(path, finding.lang)
        if finding.words and not field:
            path = self._narrowed(path, finding.words) or path
        line, column = self._position(path)
        return replace(finding, line=line, column=column)

    def _path(self, finding: Finding) -> FieldPath:
        if finding.paragraph == "the heading":
            for path in _HEADING_FIELDS:
                value = self._value(path)
                if finding.words and value is not None and finding.words in str(value):
                    return path
            return ("symbol",)
        if finding.paragraph == "the closing lines":
            return ("adoption",)
        return self.paths.get(finding.order, ())

    def _in_language(self, path: FieldPath, lang: str) -> FieldPath:
        value = self._value(path)
        if isinstance(value, dict):
            if lang in value:
                return (*path, lang)
            if isinstance(value.get("continuation"), dict):
                return (*path, "continuation", lang)
        return path

    def _narrowed(self, path: FieldPath, words: str) -> FieldPath | None:
        """Inside a paragraph, the field that holds the words at fault, or their first word
        (a structured citation holds "67/6" where the text reads "67/6 of 19 November 2013")."""
        first = words.split()[0] if words.split() else words
        for wanted in dict.fromkeys((words, first)):
            for found, value in _leaves(self._value(path), path):
                if isinstance(value, (str, int)) and wanted in str(value):
                    return found
        return None

    def _value(self, path: FieldPath) -> Any:
        value: Any = self.data
        for part in path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return value

    def _position(self, path: FieldPath) -> Position:
        """Where a field's key stands, or a paragraph's first key: where the eye lands."""
        for end in range(len(path), 0, -1):
            key, last = tuple(path[:end - 1]), path[end - 1]
            if isinstance(last, str) and (*key, ("key", last)) in self.positions:
                return self.positions[(*key, ("key", last))]
            value = self._value(path[:end])
            if isinstance(value, dict) and value:
                first = (*path[:end], ("key", next(iter(value))))
                if first in self.positions:
                    return self.positions[first]
            if tuple(path[:end]) in self.positions:
                return self.positions[tuple(path[:end])]
        return 1, 1


def _leaves(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, Any]]:
    """Every scalar under a value, with its path, in the order of the source."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    else:
        yield path, value


def source_map(text: str, name: str, document: Document) -> SourceMap:
    """The map of a source's text; ``document`` is one of its compositions (both languages
    have the same paragraphs in the same order)."""
    from drafter.source import _read_yaml  # the positions the loader already computes

    data, positions = _read_yaml(text, name)
    return SourceMap(data, positions, _paths(document))


def _paths(document: Document) -> dict[int, FieldPath]:
    blocks = list(_blocks(document))
    by_block = {id(block): path for block, path in blocks}
    marks: dict[int, FieldPath] = {}
    for block, path in blocks:
        for item in block.inlines:
            if isinstance(item, FootnoteRef):
                marks.setdefault(item.number, path)
    for note in document.footnotes:
        by_block[id(note.content)] = marks.get(note.number, ())
    return {paragraph.order: by_block[id(paragraph.block)]
            for paragraph in Draft(document, "source").paragraphs if id(paragraph.block) in by_block}


def _blocks(document: Document) -> Iterator[tuple[Block, FieldPath]]:
    for index, paragraph in enumerate(document.preamble):
        yield paragraph.content, ("preamble", index)
    for index, operative in enumerate(document.operative):
        yield operative.content, ("operative", index)
        yield from _points(operative.points, ("operative", index))


def _points(points: list[Point], parent: FieldPath) -> Iterator[tuple[Block, FieldPath]]:
    for index, point in enumerate(points):
        path = (*parent, "subparagraphs", index)
        yield point.content, path
        yield from _points(point.points, path)
