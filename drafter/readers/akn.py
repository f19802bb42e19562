"""Read Akoma Ntoso XML in the UN's profile (AKN4UN), as ``drafter render --format akn`` writes
it, back into the Document tree: the inverse of ``drafter.writers.akn``.

The file is untrusted: it is read within the size limit and parsed without DTD, entities or
network (``drafter.readers.safety``). Elements are taken by name, and only those drafter writes
carry anything: the preface's containers, the enacting formula, the preambular containers, the
numbered paragraphs with their lists and points, the conclusions, the footnotes
(``authorialNote``, ``noteRef``), the formatting (``i``, ``b``, ``sup``) and what the text means
(``date``, ``docDate``, ``ref``, ``inline`` opener or verb); any other inline element is read for
its text alone. What the file lacks is absent in the tree, as from any reader.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Literal

from lxml import etree

from drafter import akn
from drafter.document import (
    Block,
    Conclusions,
    Document,
    Footnote,
    FootnoteRef,
    Inline,
    Meaning,
    OperativeParagraph,
    Point,
    PreambularParagraph,
    Preface,
    Run,
    Span,
    absent,
    merge_runs,
)
from drafter.language import LANGUAGES, language
from drafter.phrasebook import INLINE
from drafter.readers.safety import ReadFailure, check_size, parse_xml, source_bytes

_A = "{%s}" % akn.NS
_FORMATS = {"i": "italic", "b": "bold", "sup": "superscript"}
#: The organizations that every file refers to; the one left is the resolution's partner.
_FIXED = {"drafter", "unitedNations", "generalAssembly"}
#: The root element, with or without a namespace prefix.
_ROOT = re.compile(rb"<(?:[\w.-]+:)?akomaNtoso(?=[\s/>]|$)")
_REMEDY = "write it again with `drafter render --format akn`"


def read_akn(source: Path | bytes, lang: str | None = None, *, name: str | None = None) -> Document:
    """The Document in an Akoma Ntoso file or its bytes; ReadFailure when it cannot be read."""
    name, data = source_bytes(source, name, "the Akoma Ntoso file")
    check_size(data, name)
    root = parse_xml(data, name, writer="Akoma Ntoso", remedy=_REMEDY)
    statement = root.find(f"{_A}statement")
    if root.tag != f"{_A}akomaNtoso" or statement is None:
        raise ReadFailure(f"{name}: this is not an Akoma Ntoso 3.0 resolution (no <statement> in "
                          f"the namespace {akn.NS}); {_REMEDY}")
    return _Reader(statement, name, lang).document()


def is_akn(data: bytes) -> bool:
    """Whether a file's bytes are Akoma Ntoso: its root element, after any XML declaration and
    comments, is ``akomaNtoso``."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    while head.startswith((b"<?", b"<!--")):
        end = head.find(b"?>" if head.startswith(b"<?") else b"-->")
        if end < 0:
            return False
        head = head[end + 3 - (head.startswith(b"<?")):].lstrip()
    return _ROOT.match(head) is not None


class _Reader:
    def __init__(self, statement: etree._Element, name: str, lang: str | None) -> None:
        self.statement = statement
        self.name = name
        self.code = self.language(lang)
        references = statement.find(f"{_A}meta/{_A}references")
        self.references = {item.get("eId"): item for item in references} if references is not None else {}
        self.footnotes: list[Footnote] = []
        self.note_numbers: dict[str, int] = {}  # eId of an authorialNote → its footnote number

    def language(self, wanted: str | None) -> str:
        found = self.statement.find(f"{_A}meta/{_A}identification/{_A}FRBRExpression/{_A}FRBRlanguage")
        value = found.get("language") if found is not None else None
        codes = [code for code in LANGUAGES if language(code).frbr_language == value]
        if not codes:
            known = " or ".join(language(code).frbr_language for code in LANGUAGES)
            raise ReadFailure(f"{self.name}: the expression's language (FRBRlanguage) is "
                              f"{value!r}, not {known}; {_REMEDY}")
        if wanted is not None and wanted != codes[0]:
            raise ReadFailure(f"{self.name}: the file is in {language(codes[0]).name}, not "
                              f"{language(wanted).name}; give the right --lang or leave it out")
        return codes[0]

    # -- the document -------------------------------------------------------------------------

    def document(self) -> Document:
        statement = self.statement
        preface = self.preface(statement.find(f"{_A}preface"))
        formula, preamble = self.preamble(statement.find(f"{_A}preamble"))
        operative = [self.operative(index, element) for index, element in enumerate(
            _children(statement.find(f"{_A}mainBody"), "paragraph"), start=1)]
        conclusions = self.conclusions(statement.find(f"{_A}conclusions"))
        return Document(
            lang=self.code, page_size=self.page_size(), issued=self.issued(), preface=preface,
            formula=formula, preamble=preamble, operative=operative, conclusions=conclusions,
            footnotes=self.footnotes, organization=self.organization(),
        )

    def issued(self) -> dt.date:
        found = self.statement.find(
            f"{_A}meta/{_A}identification/{_A}FRBRManifestation/{_A}FRBRdate")
        try:
            return dt.date.fromisoformat(found.get("date") or "")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            raise ReadFailure(f"{self.name}: the manifestation has no date (FRBRManifestation/"
                              f"FRBRdate); {_REMEDY}") from None

    def page_size(self) -> Literal["A4", "Letter"]:
        found = self.statement.find(f"{_A}meta/{_A}proprietary/{{{akn.DRAFTER_NS}}}pageSize")
        return "Letter" if found is not None and found.text == "Letter" else "A4"

    def organization(self) -> str | None:
        keys = [eid for eid, item in self.references.items()
                if item.tag == f"{_A}TLCOrganization" and eid not in _FIXED]
        return keys[0] if len(keys) == 1 else None

    # -- the parts ----------------------------------------------------------------------------

    def preface(self, element: etree._Element | None) -> Preface:
        containers = {item.get("name"): item for item in _children(element, "container")}
        blocks: dict[str, Block | None] = {}
        for field, name in akn.PREFACE:
            holder = containers.get(name)
            blocks[field] = self.paragraphs(holder)[0] if holder is not None else None
        symbol = blocks.pop("symbol")
        heading = containers.get("heading")
        titled = heading.find(f".//{_A}docTitle") if heading is not None else None
        if titled is None and "title" in containers:
            titled = containers["title"].find(f".//{_A}docTitle")
        title = self.block(titled) if titled is not None else absent()
        def line(field: str) -> Block:
            return blocks[field] or absent()

        return Preface(
            united_nations=line("united_nations"), symbol=symbol.text() if symbol else "",
            organ=line("organ"), distribution=line("distribution"), date=line("date"),
            session=line("session"), agenda_item=line("agenda_item"),
            agenda_title=line("agenda_title"), adoption=blocks["adoption"],
            committee=blocks["committee"], sponsors=blocks["sponsors"], heading=line("heading"),
            title=title, translation=blocks["translation"], original=blocks["original"])

    def preamble(self, element: etree._Element | None) -> tuple[Block, list[PreambularParagraph]]:
        formula = _children(element, "formula")
        paragraphs = [PreambularParagraph(item.get("name") or "", self.paragraphs(item)[0])
                      for item in _children(element, "container")]
        return (self.paragraphs(formula[0])[0] if formula else absent()), paragraphs

    def operative(self, index: int, element: etree._Element) -> OperativeParagraph:
        name = (element.get("refersTo") or "").removeprefix("#") or INLINE
        content, points = self.division(element)
        return OperativeParagraph(_num(element), name, content, points)

    def division(self, element: etree._Element) -> tuple[Block, list[Point]]:
        """The text of a paragraph or point: its content, or the intro and points of its list."""
        items = element.find(f"{_A}list")
        if items is None:
            return self.paragraphs(element.find(f"{_A}content"))[0], []
        intro = self.paragraphs(items.find(f"{_A}intro"))[0]  # first: footnotes go in reading order
        points = []
        for point in _children(items, "point"):
            content, inner = self.division(point)
            points.append(Point(_num(point) or "", content, inner))
        return intro, points

    def conclusions(self, element: etree._Element | None) -> Conclusions | None:
        if element is None:
            return None
        blocks = [block for holder in _children(element, "container")
                  for block in self.paragraphs(holder)]
        if len(blocks) != 2:
            raise ReadFailure(f"{self.name}: the conclusions hold {len(blocks)} lines where drafter "
                              f"writes two (the plenary meeting and the date); {_REMEDY}")
        return Conclusions(blocks[0], blocks[1])

    # -- inline content -----------------------------------------------------------------------

    def paragraphs(self, holder: etree._Element | None) -> list[Block]:
        """The blocks of the ``<p>`` elements directly inside an element (at least one)."""
        found = [self.block(p) for p in _children(holder, "p")]
        return found or [Block()]

    def block(self, element: etree._Element) -> Block:
        runs: list[Inline] = []
        spans: list[Span] = []
        self.walk(element, {}, runs, spans)
        return Block(merge_runs(runs), meanings=spans)

    def walk(self, element: etree._Element, flags: dict[str, bool], runs: list[Inline],
             spans: list[Span]) -> None:
        """Runs and marks of an element's content, with the meanings of the elements in it."""
        if element.text:
            runs.append(_run(element.text, flags))
        for child in element:
            if isinstance(child.tag, str):
                self.inline(child, flags, runs, spans)
            if child.tail:
                runs.append(_run(child.tail, flags))

    def inline(self, element: etree._Element, flags: dict[str, bool], runs: list[Inline],
               spans: list[Span]) -> None:
        local = etree.QName(element).localname
        if local == "authorialNote":
            runs.append(FootnoteRef(self.note(element)))
            return
        if local == "noteRef":
            number = self.note_numbers.get((element.get("href") or "").removeprefix("#"))
            if number is None:
                raise ReadFailure(f"{self.name}: a footnote mark (noteRef) points to no footnote "
                                  f"written before it; {_REMEDY}")
            runs.append(FootnoteRef(number, repeat=True))
            return
        inner = {**flags, _FORMATS[local]: True} if local in _FORMATS else flags
        start = _length(runs)
        self.walk(element, inner, runs, spans)
        meaning = self.meaning(element, local)
        if meaning is not None and _length(runs) > start:
            spans.append(Span(start, _length(runs), meaning))

    def meaning(self, element: etree._Element, local: str) -> Meaning | None:
        """What a date, reference or phrase element says its text means; None for the others."""
        if local in ("date", "docDate"):
            return Meaning("date", (element.get("date") or "",))
        if local == "inline" and element.get("name") in ("opener", "verb"):
            key = (element.get("refersTo") or "").removeprefix("#") or INLINE
            return Meaning(element.get("name"), (key,))  # type: ignore[arg-type]
        if local == "ref":
            reference = self.references.get((element.get("refersTo") or "").removeprefix("#"))
            names = {name: kind for kind, name in akn.REFERENCE_NAMES.items()}
            kind = names.get(reference.get("name") if reference is not None else None)  # type: ignore[arg-type]
            try:
                return akn.cited(kind, element.get("href") or "") if kind else None
            except ValueError:
                return None
        return None

    def note(self, element: etree._Element) -> int:
        """A footnote at its mark: numbered in the order the marks come."""
        number = len(self.footnotes) + 1
        self.footnotes.append(Footnote(number, Block()))
        self.footnotes[number - 1].content = self.paragraphs(element)[0]
        if element.get("eId"):
            self.note_numbers[element.get("eId")] = number  # type: ignore[index]
        return number


def _children(element: etree._Element | None, local: str) -> list[etree._Element]:
    return [] if element is None else list(element.iterchildren(f"{_A}{local}"))


def _num(element: etree._Element) -> str | None:
    found = element.find(f"{_A}num")
    return found.text or "" if found is not None else None


def _run(text: str, flags: dict[str, bool]) -> Run:
    return Run(text, italic=flags.get("italic", False), bold=flags.get("bold", False),
               superscript=flags.get("superscript", False))


def _length(runs: list[Inline]) -> int:
    return sum(len(item.text) for item in runs if isinstance(item, Run))
