"""Write a Document as a Word file laid out like a UN resolution, with real footnotes.

Layout decisions (styles, indents, the masthead) live here and in ``data/docx/``; the wording and
the inline formatting come from the Document. Footnote ids are 1..N in document order, because
LibreOffice pairs the k-th reference with the k-th smallest id.
"""

from __future__ import annotations

from functools import cache

from lxml import etree

from drafter.document import Block, Document, FootnoteRef, Point, Run
from drafter.language import language
from drafter.resources import DATA
from drafter.writers import ooxml, package
from drafter.writers.ooxml import paragraph, sub

#: Page width and height in twentieths of a point.
PAGES = {"A4": (11906, 16838), "Letter": (12240, 15840)}
MARGIN = 1134  # 2 cm on each side
DISTRIBUTION_TAB = 6804  # where "Distr.: General" and the date start (12 cm)
_SUBPARAGRAPH_STYLES = ("Subparagraph", "Subparagraph2")


def write_docx(document: Document) -> bytes:
    """The .docx bytes of a document; the same document always gives the same bytes."""
    width, height = PAGES[document.page_size]
    text_width = width - 2 * MARGIN
    body_xml = _body(document, width, height, text_width)
    locale = language(document.lang).locale
    parts = {
        "styles.xml": _static_part("styles.xml", locale, text_width),
        "settings.xml": _static_part("settings.xml", locale, text_width),
        "footnotes.xml": _footnotes(document),
        "header1.xml": _running_header(document.preface.symbol),
        "header2.xml": _empty("hdr"),
        "footer1.xml": _page_footer(),
        "footer2.xml": _empty("ftr"),
    }
    return package.build(body_xml, parts, title=document.preface.title.text(), language=locale,
                         created=document.issued)


@cache
def _static_part(name: str, locale: str, text_width: int) -> bytes:
    """A shipped part with the document's language and text width filled in."""
    text = (DATA / "docx" / name).read_text(encoding="utf-8")
    return text.replace("LOCALE", locale).replace("TEXTWIDTH", str(text_width)).encode("utf-8")


# -- body -------------------------------------------------------------------------------------

def _body(document: Document, width: int, height: int, text_width: int) -> bytes:
    root = ooxml.root("document")
    body = sub(root, "body")
    _masthead(body, document, text_width)
    preface = document.preface
    for block, style in ((preface.adoption, "Adoption"), (preface.committee, "Committee"),
                         (preface.sponsors, "Committee")):
        if block is not None:
            _inlines(paragraph(body, style), block)
    _inlines(paragraph(body, "ResolutionHeading"), preface.heading)
    _inlines(paragraph(body, "Formula"), document.formula)
    for item in document.preamble:
        _inlines(paragraph(body, "Preambular"), item.content)
    for operative in document.operative:
        p = paragraph(body, "Operative")
        if operative.num:
            ooxml.run(p, f"{operative.num}\t")
        _inlines(p, operative.content)
        _points(body, operative.points, 0)
    if document.conclusions is not None:
        _inlines(paragraph(body, "Closing"), document.conclusions.meeting)
        _inlines(paragraph(body, "Closing"), document.conclusions.date)
    _section(body, width, height)
    return ooxml.serialize(root)


def _masthead(body: etree._Element, document: Document, text_width: int) -> None:
    """The header block: United Nations and the symbol, the organ and distribution, the date,
    then the session, agenda item and its title."""
    preface = document.preface
    first = paragraph(body, "Masthead")
    ooxml.tab_stops(first, [("right", text_width)])
    _inlines(first, preface.united_nations)
    ooxml.run(first, "\t")
    symbol = ooxml.run(first, preface.symbol, bold=True)
    _size(symbol, 34)

    organ = paragraph(body, "Organ")
    ooxml.tab_stops(organ, [("left", DISTRIBUTION_TAB)])
    for item in preface.organ.inlines:
        if isinstance(item, Run):
            _size(ooxml.run(organ, item.text, bold=True), 34)
    ooxml.run(organ, "\t")
    _inlines(organ, preface.distribution)
    date_line = paragraph(body, "Masthead")
    ooxml.tab_stops(date_line, [("left", DISTRIBUTION_TAB)])
    ooxml.run(date_line, "\t")
    _inlines(date_line, preface.date)
    _border(date_line)

    for block, style in ((preface.session, "SessionItem"), (preface.agenda_item, "SessionItem"),
                         (preface.agenda_title, "AgendaTitle")):
        _inlines(paragraph(body, style), block)


def _points(body: etree._Element, points: list[Point], depth: int) -> None:
    style = _SUBPARAGRAPH_STYLES[min(depth, len(_SUBPARAGRAPH_STYLES) - 1)]
    for point in points:
        p = paragraph(body, style)
        ooxml.run(p, f"{point.num}\t")
        _inlines(p, point.content)
        _points(body, point.points, depth + 1)


def _inlines(p: etree._Element, block: Block) -> None:
    for item in block.inlines:
        if isinstance(item, FootnoteRef):
            ooxml.footnote_reference(p, item.number)
        else:
            ooxml.run(p, item.text, italic=item.italic, bold=item.bold, superscript=item.superscript)


def _size(run: etree._Element, half_points: int) -> None:
    rpr = run.find(ooxml.w("rPr"))
    if rpr is None:
        rpr = etree.Element(ooxml.w("rPr"))
        run.insert(0, rpr)
    sub(rpr, "sz", val=str(half_points))
    sub(rpr, "szCs", val=str(half_points))


def _border(p: etree._Element) -> None:
    """The thick rule under the masthead."""
    borders = sub(ooxml.paragraph_properties(p), "pBdr")
    sub(borders, "bottom", val="single", sz="12", space="4", color="auto")
    sub(ooxml.paragraph_properties(p), "spacing", after="360")


def _section(body: etree._Element, width: int, height: int) -> None:
    """Page size and margins; a first page without running header, later pages with one."""
    sect = sub(body, "sectPr")
    ids = package.RELATIONSHIP_IDS
    rel = f"{{{ooxml.R_NS}}}id"
    for kind, tag, part in (("default", "headerReference", "header1.xml"),
                            ("first", "headerReference", "header2.xml"),
                            ("default", "footerReference", "footer1.xml"),
                            ("first", "footerReference", "footer2.xml")):
        sub(sect, tag, type=kind).set(rel, ids[part])
    sub(sect, "footnotePr").append(etree.Element(ooxml.w("numFmt"), {ooxml.w("val"): "decimal"}))
    sub(sect, "pgSz", w=str(width), h=str(height))
    sub(sect, "pgMar", top="1440", right=str(MARGIN), bottom="1440", left=str(MARGIN),
        header="720", footer="720", gutter="0")
    sub(sect, "titlePg")


# -- other parts ------------------------------------------------------------------------------

def _footnotes(document: Document) -> bytes:
    root = ooxml.root("footnotes")
    for number, kind, mark in ((-1, "separator", "separator"),
                               (0, "continuationSeparator", "continuationSeparator")):
        note = sub(root, "footnote", type=kind, id=str(number))
        p = sub(note, "p")
        sub(sub(p, "pPr"), "spacing", after="0", line="240", lineRule="auto")
        sub(sub(p, "r"), mark)
    for footnote in document.footnotes:
        note = sub(root, "footnote", id=str(footnote.number))
        p = paragraph(note, "FootnoteText")
        mark = sub(p, "r")
        sub(sub(mark, "rPr"), "rStyle", val="FootnoteReference")
        sub(mark, "footnoteRef")
        ooxml.run(p, "\t")
        _inlines(p, footnote.content)
    return ooxml.serialize(root)


def _running_header(symbol: str) -> bytes:
    root = ooxml.root("hdr")
    p = paragraph(root, "Header")
    ooxml.run(p, symbol)
    return ooxml.serialize(root)


def _page_footer() -> bytes:
    root = ooxml.root("ftr")
    p = paragraph(root, "Footer")
    ooxml.run(p, "\t")
    ooxml.field(p, "PAGE", "2")
    ooxml.run(p, "/")
    ooxml.field(p, "NUMPAGES", "2")
    return ooxml.serialize(root)


def _empty(tag: str) -> bytes:
    root = ooxml.root(tag)
    paragraph(root, "Header" if tag == "hdr" else "Footer")
    return ooxml.serialize(root)
