"""Reference documents for --reference-docx, made with python-docx as a delegation would make
one in Word: a page setup, a Normal font and size, a Heading 1 and a Footnote Text style."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Cm, Inches, Pt

#: Text in the reference that must never reach drafter's output.
SECRET = "Internal note of the delegation: not for the draft"


def make_reference(path: Path, *, paper: str = "Letter", font: str = "Arial", size: float = 11,
                   heading: tuple[str, float] = ("Arial", 13), footnote: float = 9,
                   margins: tuple[float, float, float, float] = (2.5, 3.0, 2.0, 3.0),
                   header: float = 1.0, footer: float = 0.8) -> Path:
    """A reference document: ``margins`` top, right, bottom, left and the header and footer
    distances in centimetres, sizes in points."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = ((Inches(8.5), Inches(11)) if paper == "Letter"
                                               else (Cm(21), Cm(29.7)))
    top, right, bottom, left = margins
    section.top_margin, section.right_margin = Cm(top), Cm(right)
    section.bottom_margin, section.left_margin = Cm(bottom), Cm(left)
    section.header_distance, section.footer_distance = Cm(header), Cm(footer)
    section.header.paragraphs[0].text = SECRET
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = font, Pt(size)
    heading_style = document.styles["Heading 1"]
    heading_style.font.name, heading_style.font.size = heading[0], Pt(heading[1])
    notes = document.styles.add_style("footnote text", WD_STYLE_TYPE.PARAGRAPH)
    notes.base_style = normal
    notes.font.size = Pt(footnote)
    document.add_paragraph(SECRET)
    document.save(str(path))
    return path


def rewritten(path: Path, target: Path, part: str, old: bytes, new: bytes) -> Path:
    """A copy of a package with one part's bytes replaced: a template, a damaged value."""
    with zipfile.ZipFile(path) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    assert old in entries[part], f"{old!r} is not in {part}"
    entries[part] = entries[part].replace(old, new)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
        for name, blob in entries.items():
            copy.writestr(name, blob)
    target.write_bytes(buffer.getvalue())
    return target
