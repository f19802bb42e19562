"""Small builders for WordprocessingML, written as text: runs, paragraphs, fields, footnotes.

python-docx has no API for footnotes, fields or revisions, and its proxy objects cost more than
a resolution's whole render budget. The few elements drafter needs are written here straight as
the text lxml serialized them to (same order of attributes, same escapes, same empty-element
tags: tests/writers/test_ooxml.py holds the two to the same bytes). Building a document's few
hundred elements with lxml (which validates every name and namespace) and serializing them cost
a quarter of a render: the example's English render took 29.0M instructions with it, 21.5M
without.

Builders append pieces of text to a list, the part being joined once at the end.
"""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

#: What lxml refuses in a text or attribute: control characters, and U+FFFE and U+FFFF in
#: UTF-8. Looked for in the encoded part with bytes.translate and ``in``: a regular expression
#: over the whole text of the parts cost 0.7M instructions a render (of 16M).
_CONTROLS = bytes(code for code in range(32) if chr(code) not in "\t\n\r")


def text(value: str) -> str:
    """Text content escaped as libxml2 writes it (a carriage return as a character reference)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        "\r", "&#13;")


def attribute(value: str) -> str:
    """An attribute value escaped as libxml2 writes it, for values drafter does not choose."""
    return text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def part(tag: str, pieces: list[str]) -> bytes:
    """A part's bytes: the XML declaration, and the root ``w:tag`` around ``pieces``, with the
    w: and r: namespaces declared; a text lxml would refuse is refused the same way."""
    data = (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f'<w:{tag} xmlns:w="{W_NS}" xmlns:r="{R_NS}">{"".join(pieces)}</w:{tag}>').encode("utf-8")
    if (len(data.translate(None, _CONTROLS)) != len(data) or b"\xef\xbf\xbe" in data
            or b"\xef\xbf\xbf" in data):  # U+FFFE, U+FFFF
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or "
                         "control characters")
    return data


def paragraph(out: list[str], style: str | None = None, properties: str = "") -> int:
    """Append the opening of a ``w:p`` with its style and then ``properties`` (pPr children,
    in the schema's order); return the index of the piece that ends with the style, after
    which :func:`keep_with_next` puts its mark. Close the paragraph with ``</w:p>``."""
    if not style and not properties:
        out.append("<w:p>")
        return len(out) - 1
    out.append(f'<w:p><w:pPr><w:pStyle w:val="{style}"/>' if style else "<w:p><w:pPr>")
    out.append(f"{properties}</w:pPr>")
    return len(out) - 2


def keep_with_next(out: list[str], index: int) -> None:
    """Keep the paragraph opened at ``index`` on the page of the next one (``w:keepNext``,
    right after the style)."""
    opening = out[index]
    out[index] = opening + "<w:keepNext/>" if opening != "<w:p>" else "<w:p><w:pPr><w:keepNext/></w:pPr>"


def run_properties(*, italic: bool = False, bold: bool = False, superscript: bool = False,
                   style: str | None = None) -> str:
    """The children of a run's ``w:rPr``, in the schema's order."""
    properties = f'<w:rStyle w:val="{style}"/>' if style else ""
    if bold:
        properties += "<w:b/>"
    if italic:
        properties += "<w:i/>"
    if superscript:
        properties += '<w:vertAlign w:val="superscript"/>'
    return properties


def run(out: list[str], value: str, properties: str = "", deleted: bool = False) -> None:
    """Append a ``w:r`` with its properties (see :func:`run_properties`) and its text; tabs
    become ``w:tab`` as Word expects, and the text of a deleted run goes in ``w:delText``."""
    kind = "delText" if deleted else "t"
    content = ""
    for index, piece in enumerate(value.split("\t") if "\t" in value else (value,)):
        if index:
            content += "<w:tab/>"
        if piece:
            space = ' xml:space="preserve"' if piece != piece.strip() else ""
            content += f"<w:{kind}{space}>{text(piece)}</w:{kind}>"
    if properties:
        out.append(f"<w:r><w:rPr>{properties}</w:rPr>{content}</w:r>")
    else:
        out.append(f"<w:r>{content}</w:r>" if content else "<w:r/>")


class Revisions:
    """Who made the tracked changes and when; hands out the ``w:id`` of each mark in order,
    1, 2, 3 …, unique across the parts of one document."""

    def __init__(self, author: str, date: str) -> None:
        self.author = author
        self.date = date
        self.count = 0

    def mark(self, kind: str) -> str:
        """The opening of a ``w:ins`` or ``w:del`` around runs (close it with ``</w:kind>``)."""
        self.count += 1
        return f'<w:{kind} w:id="{self.count}" w:author="{attribute(self.author)}" w:date="{self.date}">'

    def empty_mark(self, kind: str) -> str:
        """A ``w:ins`` or ``w:del`` with nothing inside, as a paragraph mark's rPr holds it."""
        return self.mark(kind)[:-1] + "/>"

    def format_change(self, italic: bool, superscript: bool, *, style: str | None = None,
                      bold: bool = False, size: str = "") -> str:
        """The ``w:rPrChange`` (last in its ``w:rPr``) recording that a run's formatting
        changed: it was ``italic`` and ``superscript`` before; its other properties (its
        ``style``, ``bold`` and ``size`` elements) stayed."""
        before = run_properties(italic=italic, bold=bold, style=style) + size
        if superscript:
            before += '<w:vertAlign w:val="superscript"/>'
        self.count += 1
        return (f'<w:rPrChange w:id="{self.count}" w:author="{attribute(self.author)}" '
                f'w:date="{self.date}">' + (f"<w:rPr>{before}</w:rPr>" if before else "<w:rPr/>")
                + "</w:rPrChange>")


def mark_paragraph(kind: str, revisions: Revisions) -> str:
    """The properties marking a paragraph's mark as inserted or deleted (``w:rPr/w:ins``),
    last in its pPr."""
    return f"<w:rPr>{revisions.empty_mark(kind)}</w:rPr>"


_REFERENCE = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'


def footnote_reference(out: list[str], number: int) -> None:
    """Append the mark of footnote ``number`` in the body."""
    out.append(f'{_REFERENCE}<w:footnoteReference w:id="{number}"/></w:r>')


def footnote_bookmark(reference: str, number: int) -> str:
    """The run of footnote ``number``'s mark bookmarked, for the marks that cite it again."""
    return (f'<w:bookmarkStart w:id="{number}" w:name="{bookmark_name(number)}"/>{reference}'
            f'<w:bookmarkEnd w:id="{number}"/>')


def footnote_repeat(out: list[str], number: int, deleted: bool = False) -> None:
    """Append a second mark of footnote ``number`` as Word writes one: a NOTEREF field to the
    first mark's bookmark, formatted as a footnote reference (``\\f``), showing the number."""
    instruction, shown = ("delInstrText", "delText") if deleted else ("instrText", "t")
    out.append(
        f'{_REFERENCE}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'{_REFERENCE}<w:{instruction} xml:space="preserve"> NOTEREF {bookmark_name(number)} '
        f'\\f \\h </w:{instruction}></w:r>'
        f'{_REFERENCE}<w:fldChar w:fldCharType="separate"/></w:r>'
        f'{_REFERENCE}<w:{shown} xml:space="preserve">{number}</w:{shown}></w:r>'
        f'{_REFERENCE}<w:fldChar w:fldCharType="end"/></w:r>')


def bookmark_name(number: int) -> str:
    """The hidden bookmark (Word hides names starting with _Ref) on footnote number's mark."""
    return f"_RefFootnote{number}"


def field(out: list[str], instruction: str, placeholder: str) -> None:
    """Append a simple field (PAGE, NUMPAGES) that the reader's application computes."""
    out.append(f'<w:fldSimple w:instr=" {instruction} ">')
    run(out, placeholder)
    out.append("</w:fldSimple>")


def tab_stops(stops: list[tuple[str, int]]) -> str:
    """A paragraph's own tab stops (pPr child): (alignment, position in twentieths of a
    point)."""
    return "<w:tabs>" + "".join(f'<w:tab w:val="{alignment}" w:pos="{position}"/>'
                                for alignment, position in stops) + "</w:tabs>"
