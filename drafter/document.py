"""The language-specific Document tree that every writer and reader shares.

Shaped after the UN's Akoma Ntoso profile (AKN4UN): a preface (the header block), the preamble
(enacting formula and preambular paragraphs), the main body (numbered operative paragraphs and
their sub-paragraphs), the conclusions (meeting and date) and the footnotes. Paragraph content is
a sequence of inlines: runs of text with their formatting, and footnote references. A writer
reads only this tree; it never sees the Resolution.

A tracked document (``drafter.revisions``) is the same tree with revision marks: a run or a
footnote mark may be inserted or deleted, and a whole paragraph (its Block) too; a run whose
text stayed may carry the formatting it had before (``Run.was``).

A read document (``drafter.readers``) is the same tree as the file has it, not as it should be:
a part the file lacks is an absent Block (``Block.absent``), an empty preamble or None
conclusions; footnote numbers are those the file prints, so they may skip, repeat or point
nowhere; and what the reader noticed that the tree cannot show (paragraphs run together, a header
in another year's layout) is a Deviation. The rules report all of it.

A composed document also says what some of its text stands for (``Block.meanings``: dates,
citations, the opening phrase or operative verb) and which organization it is about, so that a
writer of semantic markup (Akoma Ntoso) never reads its own text back. These sit beside the runs,
which stay as they are for the writers that ignore them; readers of Word and text files cannot
know them and leave them empty. Equality ignores them, so trees compare by what they show.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Literal

from msgspec import Struct, field

#: A tracked change: inserted or deleted text; None for text common to both versions.
Revision = Literal["ins", "del"] | None

#: What a reader can notice beyond the tree: a header line out of its place, a header line in
#: another year's layout, header text it does not recognise, paragraphs separated by single
#: line breaks (a PDF extraction), a paragraph that stops mid-sentence.
DeviationKind = Literal["header_order", "header_layout", "header_unknown", "line_breaks",
                        "cut_off", "typed_footnotes", "typed_spaces"]


class Run(Struct, frozen=True):
    """Text with one formatting."""

    text: str
    italic: bool = False
    bold: bool = False
    superscript: bool = False
    revision: Revision = None
    #: In a tracked document, the (italic, superscript) this text had before a tracked change
    #: of formatting alone; None when its formatting did not change.
    was: tuple[bool, bool] | None = None

    def with_text(self, text: str) -> Run:
        """Other text with this run's formatting (a generic ``replace`` costs more, and runs are
        remade for every merge and every typographic fix)."""
        return Run(text, self.italic, self.bold, self.superscript, self.revision, self.was)


class FootnoteRef(Struct, frozen=True):
    """The mark of footnote ``number`` (1..N in document order); a revision on the mark means
    the whole footnote is inserted or deleted. A ``repeat`` mark cites an earlier footnote
    again: it shows that footnote's number and has no footnote of its own (Word writes it as a
    NOTEREF cross-reference to the first mark)."""

    number: int
    revision: Revision = None
    repeat: bool = False


Inline = Run | FootnoteRef


class Meaning(Struct, frozen=True):
    """What a stretch of text stands for. ``kind`` is a value tag of the markup with its
    arguments as the source gives them (``date`` 2010-03-18; ``res`` 64/256 and its date when
    cited with one; ``sc`` 1631 and its year or date; ``doc`` a document symbol), or ``opener`` /
    ``verb`` with the lexicon key of a paragraph's opening phrase or operative verb (a phrase
    book's key, or "inline" for a phrase the source writes out: ``drafter.phrasebook.INLINE``)."""

    kind: Literal["date", "res", "sc", "doc", "opener", "verb"]
    args: tuple[str, ...] = ()


class Span(Struct, frozen=True):
    """A meaning over the characters ``start``..``end`` of a Block's text (``Block.text()``:
    footnote marks take no room), whatever runs they fall in."""

    start: int
    end: int
    meaning: Meaning


def merge_runs(inlines: list[Inline]) -> list[Inline]:
    """Join neighbouring runs of the same formatting and revision; drop empty runs.

    Writers and readers both build content piece by piece; merging keeps one run per span, so
    trees built from the same text compare equal whatever way they were assembled.
    """
    merged: list[Inline] = []
    #: The texts joined into each merged item, where it joins more than one: each run is made
    #: once, at the end, rather than once for every run joined to it.
    joined: dict[int, list[str]] = {}
    for item in inlines:
        if isinstance(item, Run):
            if not item.text:
                continue
            previous = merged[-1] if merged else None
            # The same formatting, compared field by field (no tuples made for each pair).
            if (isinstance(previous, Run) and previous.italic == item.italic
                    and previous.superscript == item.superscript and previous.bold == item.bold
                    and previous.revision == item.revision and previous.was == item.was):
                texts = joined.get(len(merged) - 1)
                if texts is None:
                    joined[len(merged) - 1] = [previous.text, item.text]
                else:
                    texts.append(item.text)
                continue
        merged.append(item)
    for index, texts in joined.items():
        merged[index] = merged[index].with_text("".join(texts))  # type: ignore[union-attr]
    return merged


class Block(Struct):
    """A paragraph's content: its inlines in order. ``revision`` is that of the paragraph mark,
    set on a whole inserted or deleted paragraph (whose runs carry their own marks); on a
    footnote's content, it marks the whole footnote."""

    inlines: list[Inline] = field(default_factory=list)
    revision: Revision = None
    absent: bool = False  # the part is missing from a read file (not merely empty)
    meanings: list[Span] = field(default_factory=list)  # in text order; not compared

    def __eq__(self, other: object) -> bool:
        # Blocks are equal by what they show: meanings depend on how the text was built.
        if type(other) is not Block:
            return NotImplemented
        return (self.inlines == other.inlines and self.revision == other.revision
                and self.absent == other.absent)

    def text(self) -> str:
        """The text without formatting and without footnote marks."""
        return "".join(item.text for item in self.inlines if isinstance(item, Run))


def absent() -> Block:
    """The Block of a part that a read file lacks: no text, and ``absent`` for the rules."""
    return Block(absent=True)


class Deviation(Struct, frozen=True):
    """What a reader noticed that the tree alone cannot show, for the rules to report.

    ``kind`` names it (the rules map each kind to a code; see ``drafter.rules``), ``block`` is
    the paragraph it is about (in the tree, or a header line kept nowhere else), None for the
    whole document; ``found`` quotes what the file has, in a few words.
    """

    kind: DeviationKind
    block: Block | None = None
    found: str = ""


class Preface(Struct):
    """The header block of the first page, in AKN4UN's ``<preface>``. In a read document any
    line may be absent (``Block.absent``), and ``symbol`` empty."""

    united_nations: Block
    symbol: str
    organ: Block
    distribution: Block
    date: Block
    session: Block
    agenda_item: Block
    agenda_title: Block
    adoption: Block | None  # "Resolution adopted by the General Assembly on …" (adopted)
    committee: Block | None  # "[without reference to a Main Committee (A/77/L.13)]"
    sponsors: Block | None  # "Armenia, …: draft resolution" (drafts)
    heading: Block  # "77/13. Cooperation between …" or, for a draft, the title alone
    title: Block  # the title alone, for running headers
    tracked_symbol: Block | None = None  # a tracked document's symbol, old and new as revisions
    #: Drafts only, under the date: the language of this version when it is a translation
    #: ("Français"), then the language the draft was submitted in ("Original: English").
    translation: Block | None = None
    original: Block | None = None
    #: The symbols the running headers of a read file print (none in a composed document,
    #: whose running headers print ``symbol``), for the rules to compare with ``symbol``.
    running_symbols: tuple[str, ...] = ()


#: The lines of a Preface in reading order, by field name (``symbol`` is text, not a line).
PREFACE_LINES = ("united_nations", "organ", "distribution", "date", "translation", "original",
                 "session", "agenda_item", "agenda_title", "adoption", "committee", "sponsors",
                 "heading")


class PreambularParagraph(Struct):
    """One preambular paragraph; ``name`` is its opener key or standard name."""

    name: str
    content: Block


class Point(Struct):
    """A sub-paragraph: "(a)" / "a)", possibly divided further. A tracked document leaves
    ``num`` empty and opens the content with it, so that relettering shows as a change."""

    num: str
    content: Block
    points: list[Point] = field(default_factory=list)


class OperativeParagraph(Struct):
    """One operative paragraph; ``num`` is None when it is the only one, and in a tracked
    document, which opens the content with it so that renumbering shows as a change."""

    num: str | None
    name: str
    content: Block
    points: list[Point] = field(default_factory=list)


class Conclusions(Struct):
    """The closing formula: the plenary meeting and the date of adoption."""

    meeting: Block
    date: Block


class Footnote(Struct):
    number: int
    content: Block


class Document(Struct):
    """A resolution in one language, ready for any writer."""

    lang: str
    page_size: Literal["A4", "Letter"]
    issued: date  # the distribution date, for the file's metadata
    preface: Preface
    formula: Block
    preamble: list[PreambularParagraph]
    operative: list[OperativeParagraph]
    conclusions: Conclusions | None
    footnotes: list[Footnote]
    deviations: list[Deviation] = field(default_factory=list)  # read documents only
    organization: str | None = None  # its registry key, if composed; not compared

    def __eq__(self, other: object) -> bool:
        # Documents are equal by what they hold: a read file knows no registry key.
        if type(other) is not Document:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name)
                   for name in self.__struct_fields__ if name != "organization")

    def blocks(self) -> Iterator[Block]:
        """Every block of the body in reading order (footnotes and absent parts excluded)."""
        preface = self.preface
        for block in (preface.united_nations, preface.organ, preface.distribution, preface.date,
                      preface.translation, preface.original,
                      preface.session, preface.agenda_item, preface.agenda_title,
                      preface.adoption, preface.committee, preface.sponsors, preface.heading):
            if block is not None and not block.absent:
                yield block
        if not self.formula.absent:
            yield self.formula
        for paragraph in self.preamble:
            yield paragraph.content
        for operative in self.operative:
            yield operative.content
            yield from point_blocks(operative.points)
        if self.conclusions is not None:
            yield self.conclusions.meeting
            yield self.conclusions.date


    def footnote(self, number: int) -> Footnote | None:
        """The footnote a mark refers to; None when the file has no such footnote."""
        return next((note for note in self.footnotes if note.number == number), None)


def point_blocks(points: list[Point]) -> Iterator[Block]:
    """The blocks of sub-paragraphs and their divisions, in reading order."""
    for point in points:
        yield point.content
        yield from point_blocks(point.points)
