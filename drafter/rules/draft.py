"""A Document as the rules read it: its paragraphs in reading order, each named for a diplomat."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import Literal

from msgspec import Struct
from msgspec.structs import replace

from drafter.document import Block, Document, FootnoteRef, Point, Run
from drafter.findings import Where
from drafter.language import Language, language

Origin = Literal["source", "docx", "text"]
Kind = Literal["heading", "formula", "preamble", "operative", "point", "closing", "footnote"]

#: Stands for a footnote mark in a paragraph's text, so that rules see where marks are.
MARK = "\ufffc"
_EXCERPT_WORDS = 6


class Paragraph(Struct, frozen=True, dict=True):
    """One paragraph with what the rules need to know about its place."""

    kind: Kind
    label: str  # "operative paragraph 3, sub-paragraph (b)"
    block: Block
    order: int
    index: int = 0  # position among its siblings, from 0
    num: str | None = None  # the number or letter the document gives it
    depth: int = 0  # sub-paragraphs: 0 for (a), 1 for (i)
    has_points: bool = False
    closes_part: bool = False  # the last words of the operative part

    @property
    def where(self) -> Where:
        """Where a finding on this paragraph points."""
        return Where(self.label, self.order, excerpt(self.block))

    @cached_property
    def plain(self) -> str:
        """The text with no-break spaces as ordinary spaces, footnote marks left out."""
        return plain(self.block)

    @cached_property
    def marked(self) -> str:
        """The text as typed, each footnote mark standing as MARK."""
        return marked(self.block)


class Draft(Struct, dict=True):
    """A Document to check, with where it came from (some rules depend on the file type)."""

    document: Document
    origin: Origin

    @property
    def lang(self) -> Language:
        return language(self.document.lang)

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        return list(_paragraphs(self.document))

    def of_kind(self, *kinds: Kind) -> list[Paragraph]:
        """The paragraphs of these kinds, in reading order (found once per kinds: rules ask
        for each paragraph, and a scan each time grew as the square of the document)."""
        found = self._of_kind.get(kinds)
        if found is None:
            found = self._of_kind[kinds] = [paragraph for paragraph in self.paragraphs
                                            if paragraph.kind in kinds]
        return list(found)

    @cached_property
    def _of_kind(self) -> dict[tuple[Kind, ...], list[Paragraph]]:
        return {}

    @property
    def everywhere(self) -> Where:
        """The document as a whole, for what is missing rather than wrong."""
        return Where("the document", -1)

    def where(self, block: Block | None, label: str = "the heading") -> Where:
        """Where a finding about this block points: its paragraph in the tree, or ``label``
        (with the block's first words) for a block the tree does not hold."""
        if block is None:
            return self.everywhere
        for paragraph in self.paragraphs:
            if paragraph.block is block:
                return paragraph.where
        return Where(label, 0, excerpt(block))


def plain(block: Block) -> str:
    return block.text().replace("\u00a0", " ").replace("\u202f", " ")


def marked(block: Block) -> str:
    return "".join(MARK if isinstance(item, FootnoteRef) else item.text for item in block.inlines)


def excerpt(block: Block) -> str:
    """The first words of a paragraph, so that a reader finds it in Word."""
    words = plain(block).split()
    if not words:
        return ""
    shown = " ".join(words[:_EXCERPT_WORDS])
    return shown + ("…" if len(words) > _EXCERPT_WORDS else "")


def runs(block: Block) -> list[Run]:
    return [item for item in block.inlines if isinstance(item, Run)]


def _paragraphs(document: Document) -> Iterator[Paragraph]:
    preface = document.preface
    order = 0
    # The line naming a translation's language is left out: only one version prints it, and
    # the header lines of the two versions are compared one to one.
    for block in (preface.organ, preface.distribution, preface.date, preface.original, preface.session,
                  preface.agenda_item, preface.agenda_title, preface.adoption, preface.committee,
                  preface.sponsors, preface.heading):
        if block is not None and not block.absent:
            yield Paragraph("heading", "the heading", block, order)
    order += 1
    if not document.formula.absent:
        yield Paragraph("formula", "the enacting formula", document.formula, order)
    for index, item in enumerate(document.preamble):
        order += 1
        yield Paragraph("preamble", f"preambular paragraph {index + 1}", item.content, order, index)
    count = len(document.operative)
    for index, operative in enumerate(document.operative):
        order += 1
        label = f"operative paragraph {index + 1}" if count > 1 else "the operative paragraph"
        last = index == count - 1
        yield Paragraph("operative", label, operative.content, order, index, operative.num,
                        has_points=bool(operative.points), closes_part=last and not operative.points)
        for paragraph in _points(operative.points, label, 0, last):
            order += 1
            yield replace(paragraph, order=order)
    if document.conclusions is not None:
        for block in (document.conclusions.meeting, document.conclusions.date):
            order += 1
            yield Paragraph("closing", "the closing lines", block, order)
    for index, footnote in enumerate(document.footnotes):
        order += 1
        yield Paragraph("footnote", f"footnote {footnote.number}", footnote.content, order, index,
                        str(footnote.number))


def _points(points: list[Point], parent: str, depth: int, closing: bool) -> Iterator[Paragraph]:
    for index, point in enumerate(points):
        label = f"{parent}, sub-paragraph {point.num or index + 1}"
        last = closing and index == len(points) - 1
        yield Paragraph("point", label, point.content, 0, index, point.num, depth,
                        has_points=bool(point.points), closes_part=last and not point.points)
        yield from _points(point.points, label, depth + 1, last)
