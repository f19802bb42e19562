"""Small builders for WordprocessingML elements: runs, paragraphs, fields, footnotes.

python-docx has no API for footnotes, fields or revisions, and its proxy objects cost more than
a resolution's whole render budget; these builders make the few elements drafter needs directly
with lxml, in the w: namespace python-docx itself uses, so python-docx reads the result.
"""

from __future__ import annotations

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSMAP = {"w": W_NS, "r": R_NS}
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


#: Clark names made once: a document has hundreds of elements of a dozen kinds.
_NAMES: dict[str, str] = {}


def w(tag: str) -> str:
    """The Clark name of a w: element or attribute."""
    name = _NAMES.get(tag)
    if name is None:
        name = _NAMES[tag] = f"{{{W_NS}}}{tag}"
    return name


def sub(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    """Append a w: child with w: attributes."""
    if not attributes:
        return _SubElement(parent, w(tag))
    return _SubElement(parent, w(tag), {w(key): value for key, value in attributes.items()})


_SubElement = etree.SubElement


def paragraph(parent: etree._Element, style: str | None = None) -> etree._Element:
    """Append a ``w:p``, with a paragraph style when given."""
    p = sub(parent, "p")
    if style:
        sub(sub(p, "pPr"), "pStyle", val=style)
    return p


def paragraph_properties(p: etree._Element) -> etree._Element:
    """The ``w:pPr`` of a paragraph, created first in order when missing."""
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    return ppr


def run(parent: etree._Element, text: str, *, italic: bool = False, bold: bool = False,
        superscript: bool = False, style: str | None = None,
        deleted: bool = False) -> etree._Element:
    """Append a ``w:r`` with its text; tabs become ``w:tab`` as Word expects, and the text of
    a deleted run goes in ``w:delText``."""
    r = _SubElement(parent, _R)
    if italic or bold or superscript or style:
        rpr = _SubElement(r, _RPR)
        if style:
            sub(rpr, "rStyle", val=style)
        if bold:
            _SubElement(rpr, _B)
        if italic:
            _SubElement(rpr, _I)
        if superscript:
            _SubElement(rpr, _VERT_ALIGN, _SUPERSCRIPT)
    kind = _DEL_TEXT if deleted else _T
    for index, piece in enumerate(text.split("\t") if "\t" in text else (text,)):
        if index:
            _SubElement(r, _TAB)
        if piece:
            t = _SubElement(r, kind)
            t.text = piece
            if piece != piece.strip():
                t.set(XML_SPACE, "preserve")
    return r


_R, _RPR, _B, _I, _VERT_ALIGN, _T, _DEL_TEXT, _TAB = map(
    w, ("r", "rPr", "b", "i", "vertAlign", "t", "delText", "tab"))
_SUPERSCRIPT = {w("val"): "superscript"}


class Revisions:
    """Who made the tracked changes and when; hands out the ``w:id`` of each mark in order,
    1, 2, 3 …, unique across the parts of one document."""

    def __init__(self, author: str, date: str) -> None:
        self.author = author
        self.date = date
        self.count = 0

    def mark(self, parent: etree._Element, kind: str) -> etree._Element:
        """Append a ``w:ins`` or ``w:del``: around runs, or empty in a paragraph mark's rPr."""
        self.count += 1
        return sub(parent, kind, id=str(self.count), author=self.author, date=self.date)


    def format_change(self, run: etree._Element, italic: bool, superscript: bool) -> None:
        """Record that a run's formatting changed (``w:rPrChange``, last in its ``w:rPr``):
        the run was ``italic`` and ``superscript`` before; its other properties stayed."""
        rpr = run.find(w("rPr"))
        if rpr is None:
            rpr = etree.Element(w("rPr"))
            run.insert(0, rpr)
        before = etree.Element(w("rPr"))
        for child in rpr:
            if child.tag not in (w("i"), w("vertAlign")):
                before.append(etree.fromstring(etree.tostring(child)))
        if italic:
            _insert_ordered(before, etree.Element(w("i")))
        if superscript:
            _insert_ordered(before, etree.Element(w("vertAlign"), {w("val"): "superscript"}))
        self.count += 1
        change = sub(rpr, "rPrChange", id=str(self.count), author=self.author, date=self.date)
        change.append(before)


#: The order of the run properties drafter writes, as the schema sequences them.
_RUN_PROPERTIES = tuple(w(tag) for tag in ("rStyle", "b", "i", "sz", "szCs", "vertAlign"))


def _insert_ordered(rpr: etree._Element, child: etree._Element) -> None:
    rank = _RUN_PROPERTIES.index(child.tag)
    index = sum(1 for existing in rpr
                if existing.tag in _RUN_PROPERTIES and _RUN_PROPERTIES.index(existing.tag) < rank)
    rpr.insert(index, child)


def mark_paragraph(p: etree._Element, kind: str, revisions: Revisions) -> None:
    """Mark a paragraph's mark as inserted or deleted (``w:pPr/w:rPr/w:ins``), last in pPr."""
    revisions.mark(sub(paragraph_properties(p), "rPr"), kind)


def footnote_reference(parent: etree._Element, number: int) -> etree._Element:
    """Append the mark of footnote ``number`` in the body."""
    r = sub(parent, "r")
    sub(sub(r, "rPr"), "rStyle", val="FootnoteReference")
    sub(r, "footnoteReference", id=str(number))
    return r


def footnote_bookmark(reference: etree._Element, number: int) -> None:
    """Bookmark the run of footnote ``number``'s mark, for the marks that cite it again."""
    start = etree.Element(w("bookmarkStart"), {w("id"): str(number), w("name"): bookmark_name(number)})
    reference.addprevious(start)
    reference.addnext(etree.Element(w("bookmarkEnd"), {w("id"): str(number)}))


def footnote_repeat(parent: etree._Element, number: int, deleted: bool = False) -> None:
    """Append a second mark of footnote ``number`` as Word writes one: a NOTEREF field to the
    first mark's bookmark, formatted as a footnote reference (``\\f``), showing the number."""
    parts = (("fldChar", "begin"), ("instrText", f" NOTEREF {bookmark_name(number)} \\f \\h "),
             ("fldChar", "separate"), ("t", str(number)), ("fldChar", "end"))
    for kind, value in parts:
        r = sub(parent, "r")
        sub(sub(r, "rPr"), "rStyle", val="FootnoteReference")
        if kind == "fldChar":
            sub(r, kind, fldCharType=value)
            continue
        text = sub(r, _DELETED.get(kind, kind) if deleted else kind)
        text.text = value
        text.set(XML_SPACE, "preserve")


#: The element of a text or field instruction inside a deletion.
_DELETED = {"t": "delText", "instrText": "delInstrText"}


def bookmark_name(number: int) -> str:
    """The hidden bookmark (Word hides names starting with _Ref) on footnote number's mark."""
    return f"_RefFootnote{number}"


def field(parent: etree._Element, instruction: str, placeholder: str) -> etree._Element:
    """Append a simple field (PAGE, NUMPAGES) that the reader's application computes."""
    fld = sub(parent, "fldSimple", instr=f" {instruction} ")
    run(fld, placeholder)
    return fld


def keep_with_next(p: etree._Element) -> None:
    """Keep a paragraph on the page of the next one (``w:keepNext``, right after the style)."""
    ppr = paragraph_properties(p)
    style = ppr.find(w("pStyle"))
    ppr.insert(1 if style is not None else 0, etree.Element(w("keepNext")))


def tab_stops(p: etree._Element, stops: list[tuple[str, int]]) -> None:
    """Give a paragraph its own tab stops: (alignment, position in twentieths of a point)."""
    ppr = paragraph_properties(p)
    tabs = etree.Element(w("tabs"))
    for alignment, position in stops:
        sub(tabs, "tab", val=alignment, pos=str(position))
    style = ppr.find(w("pStyle"))
    ppr.insert(1 if style is not None else 0, tabs)


def root(tag: str) -> etree._Element:
    """A part's root element with the w: and r: namespaces declared."""
    return etree.Element(w(tag), nsmap=NSMAP)


def serialize(element: etree._Element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)
