"""Where a finding on a YAML source points: the field or paragraph it is about, as line:column.

The rules read the Documents composed from a source, which know paragraphs, not fields. Each
composed paragraph is traced back to the source paragraph it was written from (a footnote to
the paragraph that carries its mark); a finding that concerns one language only points at that
language's text, and one that quotes the words at fault points at those words when the source
writes them as they are printed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from msgspec import Struct
from msgspec.structs import replace

from drafter.document import Block, Document, FootnoteRef, Point
from drafter.findings import FieldPath, Finding
from drafter.rules.draft import Draft

if TYPE_CHECKING:
    from drafter.resolution import Resolution
    from drafter.source import Positions

#: Heading findings point at the first of these fields whose value holds the words at fault.
_HEADING_FIELDS = ("symbol", "draft_symbol", "report", "distribution_date")


class SourceMap(Struct, frozen=True):
    """A source's positions, and which source paragraph each composed paragraph comes from."""

    resolution: Resolution
    positions: Positions
    paths: dict[int, FieldPath]  # reading order of a composed paragraph → its source paragraph

    def locate(self, finding: Finding) -> Finding:
        """The finding with the line and column of its words, field or paragraph."""
        if finding.field is not None:
            line, column = self.positions.key(*finding.field)
            return replace(finding, line=line, column=column)
        path = self._path(finding)
        if finding.lang:
            path = self._in_language(path, finding.lang)
        line, column = self._words(path, finding.words) or self._start(path)
        return replace(finding, line=line, column=column)

    def _path(self, finding: Finding) -> FieldPath:
        if finding.paragraph == "the heading":
            for name in _HEADING_FIELDS:
                if finding.words and finding.words in str(getattr(self.resolution, name)):
                    return (name,)
            return ("symbol",)
        if finding.paragraph == "the closing lines":
            return ("adoption",)
        return self.paths.get(finding.order, ())

    def _in_language(self, path: FieldPath, lang: str) -> FieldPath:
        for inner in ((*path, lang), (*path, "continuation", lang)):
            if self.positions.nearest(inner) == inner:
                return inner
        return path

    def _words(self, path: FieldPath, words: str) -> tuple[int, int] | None:
        """Where the words at fault, or their first word, are written inside ``path`` (a
        structured citation holds "67/6" where the text reads "67/6 of 19 November 2013")."""
        if not words or not path:
            return None
        scalars = sorted(((place, scalar) for place, scalar in self.positions.scalars.items()
                          if place[:len(path)] == path), key=lambda item: item[1].start)
        for wanted in dict.fromkeys((words, words.split()[0])):
            for place, scalar in scalars:
                index = scalar.value.find(wanted)
                if index >= 0:
                    return self.positions.character(place, index)
        return None

    def _start(self, path: FieldPath) -> tuple[int, int]:
        """A field's name (``fr:``), or a paragraph's first line: where the eye lands."""
        return self.positions.key(*path) if path and isinstance(path[-1], str) else \
            self.positions.at(*path)


def source_map(resolution: Resolution, positions: Positions, document: Document) -> SourceMap:
    """The map of a loaded source; ``document`` is one of its compositions (both languages
    have the same paragraphs in the same order)."""
    return SourceMap(resolution, positions, _paths(document))


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
