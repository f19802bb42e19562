"""Write a Document as Akoma Ntoso 3.0 XML in the UN's profile (AKN4UN).

``<akomaNtoso><statement name="resolution">`` (``resolutionDraft`` for a draft): ``<meta>``
identifies the work, expression and manifestation (FRBR) from the Document's own symbol and
dates, refers to the United Nations, the General Assembly, the organization, the
Secretary-General and every document cited, and records the adoption as a lifecycle event.
Then ``<preface>``, ``<preamble>``, ``<mainBody>`` and ``<conclusions>`` map one to one from the
Document's parts. What the text means (``Block.meanings``) becomes ``<date>``, ``<ref>`` and
``<inline name="opener|verb">``; footnotes become ``<authorialNote>`` at their marks, and a mark
that cites a footnote again a ``<noteRef>`` to it. A tracked document is refused: Akoma Ntoso
models amendments its own way, which drafter does not write.
"""

from __future__ import annotations

from itertools import groupby
from typing import Literal

from lxml import etree
from msgspec import Struct
from msgspec.structs import replace

from drafter import akn
from drafter.document import Block, Document, FootnoteRef, Inline, Meaning, Point, Run, Span
from drafter.language import language
from drafter.organizations import registry
from drafter.phrasebook import INLINE
from drafter.readers.inlines import cut
from drafter.regexes import compiled
from drafter.resources import load_data

_A = "{%s}" % akn.NS
#: Elements that hold only other elements: indented in the output. Inside a ``<p>``, every
#: character is text and is left as it is.
_STRUCTURE = {"akomaNtoso", "statement", "meta", "identification", "FRBRWork", "FRBRExpression",
              "FRBRManifestation", "lifecycle", "references", "proprietary", "preface",
              "preamble", "mainBody", "conclusions", "container", "formula", "paragraph",
              "list", "point", "intro", "content"}
#: Formatting, outermost first.
_FORMATS = (("b", "bold"), ("i", "italic"), ("sup", "superscript"))
_NUMBER = compiled(r"^(?P<number>.*\S)(?P<rest>\.\s*)$")

Where = Literal["body", "preface"]


class AknFailure(ValueError):
    """A Document that cannot be written as Akoma Ntoso; the message says why."""


def write_akn(document: Document) -> bytes:
    """The document as AKN4UN XML, UTF-8, the same bytes for the same Document."""
    if _tracked(document):
        raise AknFailure("this text carries tracked changes; Akoma Ntoso is written for one "
                         "version only: write the new text (the clean draft) instead")
    if not document.preface.symbol:
        raise AknFailure("the text has no document symbol, which identifies it in Akoma Ntoso; "
                         "add it (such as A/79/L.12) first")
    root = _Writer(document).root()
    _indent(root, 0)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def _element(parent: etree._Element | None, tag: str, **attributes: str) -> etree._Element:
    name = _A + tag
    if parent is None:
        return etree.Element(name, attributes, nsmap={None: akn.NS})  # type: ignore[dict-item]
    return etree.SubElement(parent, name, attributes)


class _Writer:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.lang = language(document.lang)
        self.labels: dict[str, str] = load_data(f"{document.lang}/akn.yaml")  # type: ignore[assignment]
        self.eids = akn.EIds()
        self.concepts: dict[str, str] = {}  # eId → what it is called in this language
        self.references: dict[str, tuple[Meaning, str]] = {}  # eId → citation, its text
        self.notes = {note.number: note.content for note in document.footnotes}
        self.note_ids: dict[int, str] = {}  # footnote number → eId of its authorialNote
        self.note_counts: dict[str, int] = {}  # eId of an element → notes written inside it

    # -- the document -------------------------------------------------------------------------

    def root(self) -> etree._Element:
        document = self.document
        root = _element(None, "akomaNtoso")
        adopted = document.preface.adoption is not None
        statement = _element(root, "statement", name="resolution" if adopted else "resolutionDraft",
                             contains="originalVersion")
        meta = _element(statement, "meta")
        self.preface(_element(statement, "preface"))
        self.preamble(_element(statement, "preamble"))
        self.main_body(_element(statement, "mainBody"))
        if document.conclusions is not None:
            self.conclusions(_element(statement, "conclusions"))
        self.meta(meta)
        return root

    # -- metadata -----------------------------------------------------------------------------

    def identity(self) -> tuple[akn.Work, str, str]:
        """The work; the expression's version date; what that date is (adoption/distribution)."""
        document = self.document
        symbol = document.preface.symbol
        adopted = _first_date(document.conclusions.date if document.conclusions else None,
                              document.preface.adoption)
        if document.preface.adoption is not None and symbol.startswith("A/RES/"):
            number = symbol[len("A/RES/"):]
        else:
            number = symbol
        if adopted is not None:
            return akn.Work(akn.GENERAL_ASSEMBLY, adopted, number), adopted, "adoption"
        issued = document.issued.isoformat()
        return akn.Work(akn.GENERAL_ASSEMBLY, issued, number), issued, "distribution"

    def meta(self, meta: etree._Element) -> None:
        document = self.document
        work, version, event = self.identity()
        code = self.lang.frbr_language
        expression = work.expression(code, version)
        identification = _element(meta, "identification", source="#drafter")
        frbr = _element(identification, "FRBRWork")
        _element(frbr, "FRBRthis", value=f"{work.uri()}/!main")
        _element(frbr, "FRBRuri", value=work.uri())
        _element(frbr, "FRBRdate", date=version, name=event)
        _element(frbr, "FRBRauthor", href="#generalAssembly", **{"as": "#author"})
        _element(frbr, "FRBRcountry", value=akn.COUNTRY)
        _element(frbr, "FRBRsubtype", value=akn.SUBTYPE)
        _element(frbr, "FRBRnumber", value=akn.uri_number(work.number), showAs=work.number)
        _element(frbr, "FRBRname", value="resolution")
        frbr = _element(identification, "FRBRExpression")
        _element(frbr, "FRBRthis", value=f"{expression}/!main")
        _element(frbr, "FRBRuri", value=expression)
        _element(frbr, "FRBRdate", date=version, name=event)
        _element(frbr, "FRBRauthor", href="#generalAssembly", **{"as": "#author"})
        _element(frbr, "FRBRlanguage", language=code)
        frbr = _element(identification, "FRBRManifestation")
        _element(frbr, "FRBRthis", value=f"{expression}/!main.xml")
        _element(frbr, "FRBRuri", value=work.manifestation(code, version))
        _element(frbr, "FRBRdate", date=document.issued.isoformat(), name="distribution")
        _element(frbr, "FRBRauthor", href="#drafter")
        if event == "adoption":
            lifecycle = _element(meta, "lifecycle", source="#drafter")
            _element(lifecycle, "eventRef", eId="eref_1", date=version, source="#original",
                     refersTo="#adoption", type="generation")
        self.reference_list(_element(meta, "references", source="#drafter"), expression)
        proprietary = _element(meta, "proprietary", source="#drafter")
        size = etree.SubElement(proprietary, f"{{{akn.DRAFTER_NS}}}pageSize",
                                nsmap={"drafter": akn.DRAFTER_NS})  # type: ignore[dict-item]
        size.text = document.page_size

    def reference_list(self, references: etree._Element, expression: str) -> None:
        document = self.document
        _element(references, "original", eId="original", href=expression,
                 showAs=document.preface.symbol)
        organization = registry().get(document.organization or "")
        parties = [("drafter", "/akn/ontology/organization/drafter", self.labels["drafter"]),
                   ("unitedNations", "/akn/ontology/organization/un",
                    _shown(document.preface.united_nations) or "United Nations"),
                   ("generalAssembly", f"/akn/ontology/organization/un/{akn.GENERAL_ASSEMBLY}",
                    _shown(document.preface.organ) or "General Assembly")]
        if document.organization:
            name = organization.forms(document.lang).name if organization else document.organization
            parties.append((document.organization,
                            f"/akn/ontology/organization/{document.organization}", name))
        for eid, href, shown in parties:
            _element(references, "TLCOrganization", eId=eid, href=href, showAs=shown)
        _element(references, "TLCRole", eId="secretaryGeneral",
                 href="/akn/ontology/role/un/secretaryGeneral",
                 showAs=self.labels["secretary_general"])
        if document.conclusions is not None:
            _element(references, "TLCEvent", eId="adoption", href="/akn/ontology/event/un/adoption",
                     showAs=self.labels["adoption"])
        for eid, shown in self.concepts.items():
            _element(references, "TLCConcept", eId=eid,
                     href=f"/akn/ontology/concept/un/drafter/{eid}", showAs=shown)
        for eid, (meaning, shown) in self.references.items():
            _element(references, "TLCReference", eId=eid, name=akn.REFERENCE_NAMES[meaning.kind],
                     href=akn.href(meaning), showAs=shown)

    # -- the parts ----------------------------------------------------------------------------

    def preface(self, preface_element: etree._Element) -> None:
        preface = self.document.preface
        for field, name in akn.PREFACE:
            if field == "symbol":
                if preface.symbol:
                    p = self.container(preface_element, name)
                    _element(p, "docNumber", refersTo="#original").text = preface.symbol
                continue
            block = getattr(preface, field)
            if block is None or block.absent:
                continue
            p = self.container(preface_element, name)
            if field == "heading":
                self.heading(p, block, preface.title)
            elif field == "united_nations":
                self.inlines(_element(p, "organization", refersTo="#unitedNations"), block, "preface", None)
            elif field == "organ":
                self.inlines(_element(p, "docAuthority", refersTo="#generalAssembly"), block, "preface", None)
            else:
                self.inlines(p, block, "preface", None)

    def container(self, parent: etree._Element, name: str) -> etree._Element:
        """A named container of the preface, and the paragraph in it."""
        holder = _element(parent, "container", name=name,
                          eId=self.eids.claim(akn.child("preface", name)))
        return _element(holder, "p")

    def heading(self, p: etree._Element, heading: Block, title: Block) -> None:
        """"77/13. Title": the number as ``docNumber``, the title as ``docTitle``; a title that
        the heading does not end with gets a container of its own."""
        text, tail = heading.text(), title.text()
        start = len(text) - len(tail)
        if tail and text.endswith(tail) and _slice(heading, start, len(text)).inlines == title.inlines:
            prefix = _slice(heading, 0, start)
            found = _NUMBER.match(prefix.text())
            if found:
                self.inlines(_element(p, "docNumber"), _slice(prefix, 0, found.end("number")),
                             "preface", None)
                self.inlines(p, _slice(prefix, found.end("number"), start), "preface", None)
            else:
                self.inlines(p, prefix, "preface", None)
            self.inlines(_element(p, "docTitle"), title, "preface", None)
            return
        self.inlines(p, heading, "preface", None)
        if not title.absent:
            holder = p.getparent().getparent()  # type: ignore[union-attr]
            self.inlines(_element(self.container(holder, "title"), "docTitle"), title, "preface", None)

    def preamble(self, preamble: etree._Element) -> None:
        document = self.document
        if not document.formula.absent:
            formula = _element(preamble, "formula", name="enactingFormula",
                               eId=self.eids.claim(akn.child("preamble", "formula")))
            self.inlines(_element(formula, "p"), document.formula, "body", formula.get("eId"))
        for index, paragraph in enumerate(document.preamble, start=1):
            eid = self.eids.claim(akn.child("preamble", "container", index))
            holder = _element(preamble, "container", name=paragraph.name or "preambularParagraph",
                              eId=eid)
            self.inlines(_element(holder, "p"), paragraph.content, "body", eid)

    def main_body(self, body: etree._Element) -> None:
        for index, paragraph in enumerate(self.document.operative, start=1):
            number = akn.clean_num(paragraph.num or "") or str(index)
            eid = self.eids.claim(akn.child(None, "para", number))
            element = _element(body, "paragraph", eId=eid)
            if paragraph.name and paragraph.name != INLINE:
                element.set("refersTo", "#" + self.concept(paragraph.name, "operative"))
            if paragraph.num:
                _element(element, "num").text = paragraph.num
            self.division(element, eid, paragraph.content, paragraph.points)

    def division(self, element: etree._Element, eid: str, content: Block, points: list[Point]) -> None:
        """A paragraph's or a point's text: its content alone, or the list it introduces."""
        if not points:
            self.inlines(_element(_element(element, "content"), "p"), content, "body", eid)
            return
        list_id = self.eids.claim(akn.child(eid, "list", 1))
        items = _element(element, "list", eId=list_id)
        intro = _element(items, "intro", eId=self.eids.claim(akn.child(list_id, "intro")))
        self.inlines(_element(intro, "p"), content, "body", list_id)
        for index, point in enumerate(points, start=1):
            number = akn.clean_num(point.num) or str(index)
            point_id = self.eids.claim(akn.child(list_id, "point", number))
            item = _element(items, "point", eId=point_id)
            if point.num:
                _element(item, "num").text = point.num
            self.division(item, point_id, point.content, point.points)

    def conclusions(self, element: etree._Element) -> None:
        closing = self.document.conclusions
        assert closing is not None
        holder = _element(element, "container", name="conclusion",
                          eId=self.eids.claim(akn.child("conclusions", "conclusion")))
        self.inlines(_element(_element(holder, "p"), "event", refersTo="#adoption"),
                     closing.meeting, "preface", None)
        self.inlines(_element(holder, "p"), closing.date, "preface", None)

    # -- inline content -----------------------------------------------------------------------

    def inlines(self, parent: etree._Element, block: Block, where: Where, owner: str | None) -> None:
        """A block's runs and footnote marks. ``owner`` is the eId that the footnotes written
        here are numbered under."""
        self.formatted(parent, _units(block), 0, frozenset(), where, owner)

    def meaning(self, parent: etree._Element, span: Span, text: str, where: Where) -> etree._Element:
        """The element of a stretch of ``text`` that has a meaning."""
        meaning = span.meaning
        if meaning.kind == "date":
            return _element(parent, "docDate" if where == "preface" else "date", date=meaning.args[0])
        if meaning.kind in ("opener", "verb"):
            element = _element(parent, "inline", name=meaning.kind)
            if meaning.args and meaning.args[0] != INLINE:  # a phrase written out has no key
                section: Literal["preamble", "operative"] = (
                    "preamble" if meaning.kind == "opener" else "operative")
                element.set("refersTo", "#" + self.concept(meaning.args[0], section, text))
            return element
        eid = akn.reference_id(meaning)
        self.references.setdefault(eid, (meaning, _label(meaning)))
        return _element(parent, "ref", href=akn.href(meaning), refersTo="#" + eid)

    def concept(self, key: str, section: Literal["preamble", "operative"],
                shown: str | None = None) -> str:
        """The TLCConcept of a phrase key or standard paragraph, named as the text says it
        (``shown``), else as the lexicon does, else after its key."""
        if shown is not None:
            self.concepts[key] = shown
        else:
            self.concepts.setdefault(key, self.lang.phrases[section].get(key) or key.replace("_", " "))
        return key

    def formatted(self, parent: etree._Element, units: list[_Unit], level: int,
                  applied: frozenset[str], where: Where, owner: str | None) -> None:
        """Units inside bold, italic and superscript elements, neighbours sharing them; a stretch
        with a meaning is one element, inside the formatting it has throughout and around the
        formatting that changes within it (the superscript of "1er")."""
        if level == len(_FORMATS):
            for unit in units:
                if unit.span is None:
                    for item in unit.items:
                        if isinstance(item, FootnoteRef):
                            self.note(parent, item, owner)
                        else:
                            _append_text(parent, item.text)
                else:
                    text = "".join(item.text for item in unit.items if isinstance(item, Run))
                    inside = self.meaning(parent, unit.span, text, where)
                    self.formatted(inside, [_Unit.of(None, [item]) for item in unit.items], 0,
                                   applied, where, owner)
            return
        tag, flag = _FORMATS[level]
        if flag in applied:
            self.formatted(parent, units, level + 1, applied, where, owner)
            return
        for on, group in groupby(units, key=lambda unit: unit.on[level]):
            if on:
                self.formatted(_element(parent, tag), list(group), level + 1, applied | {flag},
                               where, owner)
            else:
                self.formatted(parent, list(group), level + 1, applied, where, owner)

    def note(self, parent: etree._Element, mark: FootnoteRef, owner: str | None) -> None:
        """A footnote at its mark; a mark that cites a footnote again refers to the first."""
        if mark.repeat and mark.number in self.note_ids:
            _element(parent, "noteRef", href="#" + self.note_ids[mark.number], marker=str(mark.number))
            return
        base = owner or "preface"
        count = self.note_counts.get(base, 0) + 1
        self.note_counts[base] = count
        eid = self.eids.claim(akn.child(base, "authorialNote", count))
        self.note_ids.setdefault(mark.number, eid)
        note = _element(parent, "authorialNote", marker=str(mark.number), placement="bottom", eId=eid)
        self.inlines(_element(note, "p"), self.notes.get(mark.number, Block()), "body", eid)


class _Unit(Struct, frozen=True):
    """A stretch of a block: a run or mark outside any meaning, or the runs of one meaning;
    ``on`` says, per format, whether all of it has that format."""

    span: Span | None
    items: list[Inline]
    on: tuple[bool, ...]

    @classmethod
    def of(cls, span: Span | None, items: list[Inline]) -> _Unit:
        return cls(span, items, tuple(all(isinstance(item, Run) and getattr(item, flag)
                                          for item in items) for _, flag in _FORMATS))


def _units(block: Block) -> list[_Unit]:
    """The block's inlines cut where meanings start and end, grouped by the meaning they are in."""
    spans: list[Span] = []
    for span in sorted(block.meanings, key=lambda item: item.start):
        if span.start < span.end and (not spans or span.start >= spans[-1].end):
            spans.append(span)
    pieces: list[tuple[Span | None, Inline]] = []
    position = 0
    for item in block.inlines:
        if isinstance(item, FootnoteRef):
            pieces.append((next((s for s in spans if s.start < position < s.end), None), item))
            continue
        end = position + len(item.text)
        edges = sorted({edge for s in spans for edge in (s.start, s.end) if position < edge < end})
        for low, high in zip([position, *edges], [*edges, end]):
            piece = item if (low, high) == (position, end) else replace(
                item, text=item.text[low - position: high - position])
            pieces.append((next((s for s in spans if s.start <= low < s.end), None), piece))
        position = end
    units: list[_Unit] = []
    for span, group in groupby(pieces, key=lambda piece: piece[0]):
        items = [item for _, item in group]
        units += [_Unit.of(span, items)] if span is not None else [_Unit.of(None, [i]) for i in items]
    return units


def _slice(block: Block, start: int, end: int) -> Block:
    """The part of a block between two offsets of its text, with its meanings."""
    spans = [replace(span, start=span.start - start, end=span.end - start)
             for span in block.meanings if start <= span.start and span.end <= end]
    return Block(cut(block.inlines, start, end), meanings=spans)


def _append_text(parent: etree._Element, text: str) -> None:
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _first_date(*blocks: Block | None) -> str | None:
    for block in blocks:
        for span in block.meanings if block is not None else ():
            if span.meaning.kind == "date":
                return span.meaning.args[0]
    return None


def _shown(block: Block) -> str:
    return " ".join(block.text().split())


def _label(meaning: Meaning) -> str:
    """How a cited document is named in the references: its symbol."""
    if meaning.kind == "res":
        return f"A/RES/{meaning.args[0]}"
    if meaning.kind == "sc":
        return f"S/RES/{meaning.args[0]} ({meaning.args[1][:4]})"
    return meaning.args[0]


def _tracked(document: Document) -> bool:
    if document.preface.tracked_symbol is not None:
        return True
    blocks = [*document.blocks(), *(note.content for note in document.footnotes)]
    return any(block.revision is not None or any(
        item.revision is not None or getattr(item, "was", None) is not None for item in block.inlines)
               for block in blocks)


def _indent(element: etree._Element, depth: int) -> None:
    """Line breaks and indentation between structural elements only."""
    if etree.QName(element).localname not in _STRUCTURE or not len(element):
        return
    inner = "\n" + "  " * (depth + 1)
    element.text = inner
    for child in element:
        _indent(child, depth + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * depth
