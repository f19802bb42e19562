"""Write a Document as a Word file laid out like a UN resolution, with real footnotes.

Layout decisions (styles, indents, the masthead) live here and in ``data/docx/``; the wording and
the inline formatting come from the Document. Footnote ids are 1..N in document order, because
LibreOffice pairs the k-th reference with the k-th smallest id. A tracked document (see
``drafter.revisions``) is written with Word's revision marks: ``w:ins`` / ``w:del`` around runs,
and on the paragraph mark of a whole inserted or deleted paragraph.
"""

from __future__ import annotations

from datetime import datetime, timezone
from functools import cache
from typing import Literal

from lxml import etree

from drafter.document import Block, Document, FootnoteRef, Point, Preface, Run
from drafter.language import language
from drafter.layout import Layout, PageSetup
from drafter.resources import DATA
from drafter.writers import ooxml, package
from drafter.writers.ooxml import paragraph, sub
from drafter.writers.styles import styles_part

#: Page width and height in twentieths of a point.
PAGES: dict[Literal["A4", "Letter"], tuple[int, int]] = {"A4": (11906, 16838),
                                                         "Letter": (12240, 15840)}
MARGIN = 1134  # 2 cm on each side
#: Top and bottom margins (1 inch), and the distance of the header and footer from the edge.
_TOP_BOTTOM, _HEADER_FOOTER = 1440, 720
DISTRIBUTION_TAB = 6804  # where "Distr.: General" and the date start (12 cm)
#: Room the distribution date needs at the right of its tab (5 cm): on a narrower text, as a
#: reference document's margins may leave, the tab moves left so the date stays on one line.
_DATE_ROOM = 2834
_SUBPARAGRAPH_STYLES = ("Subparagraph", "Subparagraph2")


def write_docx(document: Document, *, author: str | None = None,
               when: datetime | None = None, layout: Layout | None = None) -> bytes:
    """The .docx bytes of a document; the same document always gives the same bytes.

    A tracked document's revision marks are signed by ``author`` at ``when`` (both needed);
    given them, the file also opens with Track Changes on, so that later edits are tracked too.
    ``layout``: the page setup, fonts and sizes of a reference document, over drafter's own.
    """
    revisions = _revisions(author, when)
    page = page_setup(document, layout)
    text_width = page.text_width
    body_xml = _body(document, page, revisions)
    locale = language(document.lang).locale
    settings = _static_part("settings.xml", locale, text_width)
    if revisions is not None:
        settings = settings.replace(b"<w:defaultTabStop", b"<w:trackRevisions/><w:defaultTabStop")
    parts = {
        "styles.xml": styles_part(locale, text_width, layout),
        "settings.xml": settings,
        "footnotes.xml": _footnotes(document, revisions),
        "header1.xml": _running_header(_symbol(document.preface), revisions, outside="right"),
        "header2.xml": _empty("hdr"),
        "footer1.xml": _page_footer(outside="right"),
        "footer2.xml": _empty("ftr"),
        "header3.xml": _running_header(_symbol(document.preface), revisions, outside="left"),
        "footer3.xml": _page_footer(outside="left"),
    }
    return package.build(body_xml, parts, title=document.preface.title.text(), language=locale,
                         created=document.issued)


def page_setup(document: Document, layout: Layout | None = None) -> PageSetup:
    """drafter's page for the document's paper size, or a reference's page setup over it."""
    width, height = PAGES[document.page_size]
    own = PageSetup(width, height, top=_TOP_BOTTOM, right=MARGIN, bottom=_TOP_BOTTOM,
                    left=MARGIN, header=_HEADER_FOOTER, footer=_HEADER_FOOTER)
    return own if layout is None else layout.page_setup(own)


@cache
def _static_part(name: str, locale: str, text_width: int) -> bytes:
    """A shipped part with the document's language and text width filled in."""
    text = (DATA / "docx" / name).read_text(encoding="utf-8")
    return text.replace("LOCALE", locale).replace("TEXTWIDTH", str(text_width)).encode("utf-8")


def _revisions(author: str | None, when: datetime | None) -> ooxml.Revisions | None:
    """The signature of the revision marks; a naive ``when`` is taken as UTC."""
    if author is None and when is None:
        return None
    if author is None or when is None:
        raise ValueError("revision marks need both an author and a date (author=…, when=…)")
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc)
    return ooxml.Revisions(author, when.strftime("%Y-%m-%dT%H:%M:%SZ"))


def _tracker(revisions: ooxml.Revisions | None) -> ooxml.Revisions:
    if revisions is None:
        raise ValueError("this document has revision marks: write it with author=… and when=…")
    return revisions


# -- body -------------------------------------------------------------------------------------

def _body(document: Document, page: PageSetup, revisions: ooxml.Revisions | None) -> bytes:
    root = ooxml.root("document")
    body = sub(root, "body")
    _masthead(body, document, page.text_width, revisions)
    preface = document.preface
    for block, style in ((preface.adoption, "Adoption"), (preface.committee, "Committee"),
                         (preface.sponsors, "Committee")):
        if block is not None:
            _paragraph(body, style, block, revisions)
    _paragraph(body, "ResolutionHeading", preface.heading, revisions)
    _paragraph(body, "Formula", document.formula, revisions)
    for item in document.preamble:
        _paragraph(body, "Preambular", item.content, revisions)
    for operative in document.operative:
        _paragraph(body, "Operative", operative.content, revisions, operative.num)
        _points(body, operative.points, 0, revisions)
    if document.conclusions is not None:
        # The closing lines never stand alone on a page: the last operative paragraph keeps
        # with them (its last two lines at least, with widow control).
        ooxml.keep_with_next(body[-1])
        _paragraph(body, "Closing", document.conclusions.meeting, revisions)
        _paragraph(body, "Closing", document.conclusions.date, revisions)
    _section(body, page)
    _bookmark_repeated(root)
    return ooxml.serialize(root)


def _bookmark_repeated(root: etree._Element) -> None:
    """Bookmark the first mark of each footnote that a NOTEREF field cites again."""
    cited = {text.text.split()[1] for text in root.iter(ooxml.w("instrText"), ooxml.w("delInstrText"))
             if text.text and text.text.split()[:1] == ["NOTEREF"]}
    for reference in root.iter(ooxml.w("footnoteReference")):
        number = int(reference.get(ooxml.w("id"), "0"))
        if ooxml.bookmark_name(number) in cited:
            cited.discard(ooxml.bookmark_name(number))
            ooxml.footnote_bookmark(reference.getparent(), number)


def _masthead(body: etree._Element, document: Document, text_width: int,
              revisions: ooxml.Revisions | None) -> None:
    """The header block: United Nations and the symbol, the organ and distribution, the date,
    then the session, agenda item and its title."""
    preface = document.preface
    first = paragraph(body, "Masthead")
    ooxml.tab_stops(first, [("right", text_width)])
    _inlines(first, preface.united_nations, revisions)
    ooxml.run(first, "\t")
    _inlines(first, _symbol(preface), revisions, masthead=True)

    tab = min(DISTRIBUTION_TAB, text_width - _DATE_ROOM)
    organ = paragraph(body, "Organ")
    ooxml.tab_stops(organ, [("left", tab)])
    _inlines(organ, preface.organ, revisions, masthead=True)
    ooxml.run(organ, "\t")
    _inlines(organ, preface.distribution, revisions)
    date_line = paragraph(body, "Masthead")
    ooxml.tab_stops(date_line, [("left", tab)])
    _border(date_line)
    ooxml.run(date_line, "\t")
    _inlines(date_line, preface.date, revisions)
    # A draft's column goes on under the date, after a blank line: the language of a
    # translation, then the original's ("Français", "Original : anglais"), as L documents print
    # it. Line breaks rather than paragraphs, so that a line a tracked document inserts or
    # deletes is a change of runs: LibreOffice's Reject All joins a whole inserted paragraph to
    # the line before it when that line ends with an insertion, as the date line does.
    extra = [block for block in (preface.translation, preface.original) if block is not None]
    for index, block in enumerate(extra):
        parent = (date_line if block.revision is None
                  else _tracker(revisions).mark(date_line, block.revision))
        for _ in range(1 if index else 2):
            sub(sub(parent, "r"), "br")
        _inlines(date_line, Block([Run("\t", revision=block.revision), *block.inlines]), revisions)

    for block, style in ((preface.session, "SessionItem"), (preface.agenda_item, "SessionItem"),
                         (preface.agenda_title, "AgendaTitle")):
        _paragraph(body, style, block, revisions)


def _symbol(preface: Preface) -> Block:
    """The symbol as runs: a tracked document's old and new symbol, or the symbol."""
    return preface.tracked_symbol or Block([Run(preface.symbol)])


def _points(body: etree._Element, points: list[Point], depth: int,
            revisions: ooxml.Revisions | None) -> None:
    style = _SUBPARAGRAPH_STYLES[min(depth, len(_SUBPARAGRAPH_STYLES) - 1)]
    for point in points:
        _paragraph(body, style, point.content, revisions, point.num)
        _points(body, point.points, depth + 1, revisions)


def _paragraph(parent: etree._Element, style: str, block: Block,
               revisions: ooxml.Revisions | None, num: str | None = None) -> etree._Element:
    """A paragraph holding one block after its number, if any; a whole inserted or deleted
    block also marks the paragraph mark, so that accepting or rejecting removes the paragraph."""
    p = paragraph(parent, style)
    if block.revision is not None:
        ooxml.mark_paragraph(p, block.revision, _tracker(revisions))
    if num:
        ooxml.run(p, f"{num}\t")
    _inlines(p, block, revisions)
    return p


def _inlines(p: etree._Element, block: Block, revisions: ooxml.Revisions | None, *,
             masthead: bool = False) -> None:
    """The runs of a block; neighbouring runs with the same revision share one ``w:ins`` or
    ``w:del``. Masthead runs (symbol, organ) are bold and large."""
    parent, current = p, None
    for item in block.inlines:
        if item.revision != current:
            current = item.revision
            parent = p if current is None else _tracker(revisions).mark(p, current)
        if isinstance(item, FootnoteRef) and item.repeat:
            ooxml.footnote_repeat(parent, item.number, deleted=current == "del")
            continue
        if isinstance(item, FootnoteRef):
            ooxml.footnote_reference(parent, item.number)
            continue
        r = ooxml.run(parent, item.text, italic=item.italic, bold=item.bold or masthead,
                      superscript=item.superscript, deleted=current == "del")
        if masthead:
            _size(r, 34)
        if item.was is not None:
            _tracker(revisions).format_change(r, *item.was)


def _size(run: etree._Element, half_points: int) -> None:
    rpr = run.find(ooxml.w("rPr"))
    if rpr is None:
        rpr = etree.Element(ooxml.w("rPr"))
        run.insert(0, rpr)
    sub(rpr, "sz", val=str(half_points))
    sub(rpr, "szCs", val=str(half_points))


def _border(p: etree._Element) -> None:
    """The thick rule under the masthead; pBdr goes right after the style, before the tabs, as
    the schema orders them (Word refuses a file otherwise)."""
    properties = ooxml.paragraph_properties(p)
    borders = etree.Element(ooxml.w("pBdr"))
    sub(borders, "bottom", val="single", sz="12", space="4", color="auto")
    style = properties.find(ooxml.w("pStyle"))
    properties.insert(1 if style is not None else 0, borders)
    sub(properties, "spacing", after="360")


def _section(body: etree._Element, page: PageSetup) -> None:
    """Page size and margins; a first page without running header, later pages with one."""
    sect = sub(body, "sectPr")
    ids = package.RELATIONSHIP_IDS
    rel = f"{{{ooxml.R_NS}}}id"
    for kind, tag, part in (("even", "headerReference", "header3.xml"),
                            ("default", "headerReference", "header1.xml"),
                            ("first", "headerReference", "header2.xml"),
                            ("even", "footerReference", "footer3.xml"),
                            ("default", "footerReference", "footer1.xml"),
                            ("first", "footerReference", "footer2.xml")):
        sub(sect, tag, type=kind).set(rel, ids[part])
    sub(sect, "footnotePr").append(etree.Element(ooxml.w("numFmt"), {ooxml.w("val"): "decimal"}))
    size = sub(sect, "pgSz", w=str(page.width), h=str(page.height))
    if page.width > page.height:
        size.set(ooxml.w("orient"), "landscape")
    sub(sect, "pgMar", top=str(page.top), right=str(page.right), bottom=str(page.bottom),
        left=str(page.left), header=str(page.header), footer=str(page.footer), gutter="0")
    sub(sect, "titlePg")


# -- other parts ------------------------------------------------------------------------------

def _footnotes(document: Document, revisions: ooxml.Revisions | None) -> bytes:
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
        # A whole inserted or deleted footnote: its mark and tab are part of the change too.
        whole = footnote.content.revision
        opening = p if whole is None else _tracker(revisions).mark(p, whole)
        mark = sub(opening, "r")
        sub(sub(mark, "rPr"), "rStyle", val="FootnoteReference")
        sub(mark, "footnoteRef")
        ooxml.run(opening, "\t")
        _inlines(p, footnote.content, revisions)
    return ooxml.serialize(root)


def _running_header(symbol: Block, revisions: ooxml.Revisions | None, outside: str) -> bytes:
    """The symbol at the outside edge of the page: right on odd pages, left on even ones, as
    the UN prints a document meant to be printed on both sides."""
    root = ooxml.root("hdr")
    p = paragraph(root, "Header")
    if outside == "right":
        ooxml.run(p, "\t")
    _inlines(p, symbol, revisions)
    return ooxml.serialize(root)


def _page_footer(outside: str) -> bytes:
    """The page number ("2/3") at the outside edge, like the running header."""
    root = ooxml.root("ftr")
    p = paragraph(root, "Footer")
    if outside == "right":
        ooxml.run(p, "\t")
    ooxml.field(p, "PAGE", "2")
    ooxml.run(p, "/")
    ooxml.field(p, "NUMPAGES", "2")
    return ooxml.serialize(root)


def _empty(tag: str) -> bytes:
    root = ooxml.root(tag)
    paragraph(root, "Header" if tag == "hdr" else "Footer")
    return ooxml.serialize(root)
