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

from drafter.document import Block, Document, FootnoteRef, Point, Preface, Run
from drafter.language import language
from drafter.layout import Layout, PageSetup
from drafter.resources import DATA
from drafter.writers import ooxml, package
from drafter.writers.ooxml import paragraph, run
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
#: The parts that do not depend on the document's text (the headers carry its symbol).
_SHARED_PARTS = ("styles.xml", "settings.xml", "header2.xml", "footer1.xml", "footer2.xml",
                 "footer3.xml")


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
                         created=document.issued, shared=_SHARED_PARTS)


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

#: The size of the masthead's bold runs (symbol, organ), after their other properties.
_MASTHEAD_SIZE = '<w:sz w:val="34"/><w:szCs w:val="34"/>'
#: The thick rule under the masthead; pBdr goes right after the style, before the tabs, as
#: the schema orders them (Word refuses a file otherwise).
_BORDER = '<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="4" w:color="auto"/></w:pBdr>'


class _Marks:
    """The body's footnote marks: where the first mark of each footnote is (the index of its
    run among the pieces), and which footnotes a NOTEREF field cites again."""

    def __init__(self) -> None:
        self.first: dict[int, int] = {}
        self.cited: set[int] = set()


def _body(document: Document, page: PageSetup, revisions: ooxml.Revisions | None) -> bytes:
    out = ["<w:body>"]
    marks = _Marks()
    _masthead(out, document, page.text_width, revisions, marks)
    preface = document.preface
    for block, style in ((preface.adoption, "Adoption"), (preface.committee, "Committee"),
                         (preface.sponsors, "Committee")):
        if block is not None:
            _paragraph(out, style, block, revisions, marks)
    _paragraph(out, "ResolutionHeading", preface.heading, revisions, marks)
    last = _paragraph(out, "Formula", document.formula, revisions, marks)
    for item in document.preamble:
        last = _paragraph(out, "Preambular", item.content, revisions, marks)
    for operative in document.operative:
        last = _paragraph(out, "Operative", operative.content, revisions, marks, operative.num)
        last = _points(out, operative.points, 0, revisions, marks, last)
    if document.conclusions is not None:
        # The closing lines never stand alone on a page: the last operative paragraph keeps
        # with them (its last two lines at least, with widow control).
        ooxml.keep_with_next(out, last)
        _paragraph(out, "Closing", document.conclusions.meeting, revisions, marks)
        _paragraph(out, "Closing", document.conclusions.date, revisions, marks)
    out.append(_section(page))
    out.append("</w:body>")
    _bookmark_repeated(out, marks)
    return ooxml.part("document", out)


def _bookmark_repeated(out: list[str], marks: _Marks) -> None:
    """Bookmark the first mark of each footnote that a NOTEREF field cites again."""
    for number in marks.cited:
        index = marks.first.get(number)
        if index is not None:
            out[index] = ooxml.footnote_bookmark(out[index], number)


def _masthead(out: list[str], document: Document, text_width: int,
              revisions: ooxml.Revisions | None, marks: _Marks) -> None:
    """The header block: United Nations and the symbol, the organ and distribution, the date,
    then the session, agenda item and its title."""
    preface = document.preface
    paragraph(out, "Masthead", ooxml.tab_stops([("right", text_width)]))
    _inlines(out, preface.united_nations, revisions, marks)
    run(out, "\t")
    _inlines(out, _symbol(preface), revisions, marks, masthead=True)
    out.append("</w:p>")

    tab = min(DISTRIBUTION_TAB, text_width - _DATE_ROOM)
    paragraph(out, "Organ", ooxml.tab_stops([("left", tab)]))
    _inlines(out, preface.organ, revisions, marks, masthead=True)
    run(out, "\t")
    _inlines(out, preface.distribution, revisions, marks)
    out.append("</w:p>")
    paragraph(out, "Masthead",
              _BORDER + ooxml.tab_stops([("left", tab)]) + '<w:spacing w:after="360"/>')
    run(out, "\t")
    _inlines(out, preface.date, revisions, marks)
    # A draft's column goes on under the date, after a blank line: the language of a
    # translation, then the original's ("Français", "Original : anglais"), as L documents print
    # it. Line breaks rather than paragraphs, so that a line a tracked document inserts or
    # deletes is a change of runs: LibreOffice's Reject All joins a whole inserted paragraph to
    # the line before it when that line ends with an insertion, as the date line does.
    extra = [block for block in (preface.translation, preface.original) if block is not None]
    for index, block in enumerate(extra):
        breaks = "<w:r><w:br/></w:r>" * (1 if index else 2)
        if block.revision is None:
            out.append(breaks)
        else:
            out.append(f"{_tracker(revisions).mark(block.revision)}{breaks}</w:{block.revision}>")
        _inlines(out, Block([Run("\t", revision=block.revision), *block.inlines]), revisions,
                 marks)
    out.append("</w:p>")

    for block, style in ((preface.session, "SessionItem"), (preface.agenda_item, "SessionItem"),
                         (preface.agenda_title, "AgendaTitle")):
        _paragraph(out, style, block, revisions, marks)


def _symbol(preface: Preface) -> Block:
    """The symbol as runs: a tracked document's old and new symbol, or the symbol."""
    return preface.tracked_symbol or Block([Run(preface.symbol)])


def _points(out: list[str], points: list[Point], depth: int, revisions: ooxml.Revisions | None,
            marks: _Marks, last: int) -> int:
    """The paragraphs of sub-paragraphs; returns where the last paragraph written opens
    (``last`` when there are none)."""
    style = _SUBPARAGRAPH_STYLES[min(depth, len(_SUBPARAGRAPH_STYLES) - 1)]
    for point in points:
        last = _paragraph(out, style, point.content, revisions, marks, point.num)
        last = _points(out, point.points, depth + 1, revisions, marks, last)
    return last


def _paragraph(out: list[str], style: str, block: Block, revisions: ooxml.Revisions | None,
               marks: _Marks | None, num: str | None = None) -> int:
    """A paragraph holding one block after its number, if any; a whole inserted or deleted
    block also marks the paragraph mark, so that accepting or rejecting removes the paragraph.
    Returns where the paragraph opens (see ooxml.keep_with_next)."""
    properties = ("" if block.revision is None
                  else ooxml.mark_paragraph(block.revision, _tracker(revisions)))
    opening = paragraph(out, style, properties)
    if num:
        run(out, f"{num}\t")
    _inlines(out, block, revisions, marks)
    out.append("</w:p>")
    return opening


def _inlines(out: list[str], block: Block, revisions: ooxml.Revisions | None,
             marks: _Marks | None = None, *, masthead: bool = False) -> None:
    """The runs of a block; neighbouring runs with the same revision share one ``w:ins`` or
    ``w:del``. Masthead runs (symbol, organ) are bold and large. ``marks`` notes the body's
    footnote marks."""
    current = None
    for item in block.inlines:
        if item.revision != current:
            if current is not None:
                out.append(f"</w:{current}>")
            current = item.revision
            if current is not None:
                out.append(_tracker(revisions).mark(current))
        if isinstance(item, FootnoteRef):
            if item.repeat:
                ooxml.footnote_repeat(out, item.number, deleted=current == "del")
                if marks is not None:
                    marks.cited.add(item.number)
            else:
                if marks is not None and item.number not in marks.first:
                    marks.first[item.number] = len(out)
                ooxml.footnote_reference(out, item.number)
            continue
        bold = item.bold or masthead
        properties = ooxml.run_properties(italic=item.italic, bold=bold,
                                          superscript=item.superscript)
        size = _MASTHEAD_SIZE if masthead else ""
        change = ("" if item.was is None
                  else _tracker(revisions).format_change(*item.was, bold=bold, size=size))
        run(out, item.text, properties + size + change, deleted=current == "del")
    if current is not None:
        out.append(f"</w:{current}>")


def _section(page: PageSetup) -> str:
    """Page size and margins; a first page without running header, later pages with one."""
    ids = package.RELATIONSHIP_IDS
    references = "".join(
        f'<w:{tag} w:type="{kind}" r:id="{ids[part]}"/>'
        for kind, tag, part in (("even", "headerReference", "header3.xml"),
                                ("default", "headerReference", "header1.xml"),
                                ("first", "headerReference", "header2.xml"),
                                ("even", "footerReference", "footer3.xml"),
                                ("default", "footerReference", "footer1.xml"),
                                ("first", "footerReference", "footer2.xml")))
    orient = ' w:orient="landscape"' if page.width > page.height else ""
    return (f'<w:sectPr>{references}<w:footnotePr><w:numFmt w:val="decimal"/></w:footnotePr>'
            f'<w:pgSz w:w="{page.width}" w:h="{page.height}"{orient}/>'
            f'<w:pgMar w:top="{page.top}" w:right="{page.right}" w:bottom="{page.bottom}" '
            f'w:left="{page.left}" w:header="{page.header}" w:footer="{page.footer}" '
            'w:gutter="0"/><w:titlePg/></w:sectPr>')


# -- other parts ------------------------------------------------------------------------------

_SEPARATORS = "".join(
    f'<w:footnote w:type="{kind}" w:id="{number}"><w:p><w:pPr><w:spacing w:after="0" '
    f'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:{kind}/></w:r></w:p></w:footnote>'
    for number, kind in ((-1, "separator"), (0, "continuationSeparator")))
_FOOTNOTE_MARK = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'


def _footnotes(document: Document, revisions: ooxml.Revisions | None) -> bytes:
    out = [_SEPARATORS]
    for footnote in document.footnotes:
        out.append(f'<w:footnote w:id="{footnote.number}">')
        paragraph(out, "FootnoteText")
        # A whole inserted or deleted footnote: its mark and tab are part of the change too.
        whole = footnote.content.revision
        if whole is not None:
            out.append(_tracker(revisions).mark(whole))
        out.append(_FOOTNOTE_MARK)
        run(out, "\t")
        if whole is not None:
            out.append(f"</w:{whole}>")
        _inlines(out, footnote.content, revisions)
        out.append("</w:p></w:footnote>")
    return ooxml.part("footnotes", out)


def _running_header(symbol: Block, revisions: ooxml.Revisions | None, outside: str) -> bytes:
    """The symbol at the outside edge of the page: right on odd pages, left on even ones, as
    the UN prints a document meant to be printed on both sides."""
    out: list[str] = []
    paragraph(out, "Header")
    if outside == "right":
        run(out, "\t")
    _inlines(out, symbol, revisions)
    out.append("</w:p>")
    return ooxml.part("hdr", out)


def _page_footer(outside: str) -> bytes:
    """The page number ("2/3") at the outside edge, like the running header."""
    out: list[str] = []
    paragraph(out, "Footer")
    if outside == "right":
        run(out, "\t")
    ooxml.field(out, "PAGE", "2")
    run(out, "/")
    ooxml.field(out, "NUMPAGES", "2")
    out.append("</w:p>")
    return ooxml.part("ftr", out)


def _empty(tag: str) -> bytes:
    out: list[str] = []
    paragraph(out, "Header" if tag == "hdr" else "Footer")
    out.append("</w:p>")
    return ooxml.part(tag, out)
