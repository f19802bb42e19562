"""Word files as a drafter types them in a word processor: no drafter styles, the number typed
before each operative paragraph, footnotes made by the word processor. A Document is written as
a flat OpenDocument file (plain paragraphs, italic and superscript spans, real footnotes) and
LibreOffice saves it as .docx, so the Word XML is LibreOffice's own, not drafter's."""

from __future__ import annotations

import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

from drafter.document import Block, Document, FootnoteRef, Inline, Point, Run

_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>
 <style:style style:name="I" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
 <style:style style:name="S" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>
 <style:style style:name="IS" style:family="text"><style:text-properties fo:font-style="italic" style:text-position="super 58%"/></style:style>
</office:automatic-styles>
<office:body><office:text>
"""
_TAIL = "</office:text></office:body></office:document>\n"


def flat_odt(document: Document) -> str:
    """The document as a flat ODT: one plain paragraph per line of the draft."""
    notes = {note.number: note.content for note in document.footnotes}
    lines = [_spans(block, notes) for block in _lines(document)]
    return _HEAD + "".join(f"<text:p>{line}</text:p>\n" for line in lines) + _TAIL


def typed_docx(documents: dict[str, Document], folder: Path, soffice: str) -> dict[str, bytes]:
    """Each document typed by hand, by name; one LibreOffice run for all of them."""
    sources = []
    for name, document in documents.items():
        path = folder / f"{name}.fodt"
        path.write_text(flat_odt(document), encoding="utf-8")
        sources.append(str(path))
    subprocess.run([soffice, f"-env:UserInstallation=file://{folder / '.lo-profile'}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder), *sources],
                   check=True, capture_output=True, timeout=240)
    return {name: (folder / f"{name}.docx").read_bytes() for name in documents}


def _lines(document: Document) -> list[Block]:
    preface = document.preface
    first = Block([*preface.united_nations.inlines, *_text(f"\t{preface.symbol}")])
    lines = [first, preface.organ, preface.distribution, preface.date, preface.session,
             preface.agenda_item, preface.agenda_title]
    lines += [block for block in (preface.adoption, preface.committee, preface.sponsors)
              if block is not None]
    lines += [preface.heading, document.formula, *(item.content for item in document.preamble)]
    for operative in document.operative:
        lines.append(_numbered(operative.num, operative.content))
        lines += _points(operative.points)
    if document.conclusions is not None:
        lines += [document.conclusions.meeting, document.conclusions.date]
    return lines


def _points(points: list[Point]) -> list[Block]:
    out = []
    for point in points:
        out.append(_numbered(point.num, point.content))
        out += _points(point.points)
    return out


def _numbered(num: str | None, content: Block) -> Block:
    return Block([*_text(f"{num}\t"), *content.inlines]) if num else content


def _text(text: str) -> list[Inline]:
    return [Run(text)]


def _spans(block: Block, notes: dict[int, Block]) -> str:
    out = []
    for item in block.inlines:
        if isinstance(item, FootnoteRef):
            body = _spans(notes[item.number], {})
            out.append('<text:note text:note-class="footnote"><text:note-citation>'
                       f"{item.number}</text:note-citation><text:note-body><text:p>{body}"
                       "</text:p></text:note-body></text:note>")
            continue
        text = escape(item.text).replace("\t", "<text:tab/>")
        style = ("I" if item.italic else "") + ("S" if item.superscript else "")
        out.append(f'<text:span text:style-name="{style}">{text}</text:span>' if style else text)
    return "".join(out)
