"""Read drafts back: a .docx, Akoma Ntoso or text file becomes the same Document tree the
writers use."""

from __future__ import annotations

from pathlib import Path

from drafter.document import Document
from drafter.readers.safety import OLE_SIGNATURE, ZIP_SIGNATURE, ReadFailure, read_limited

__all__ = ["ReadFailure", "read"]


def read(path: Path, lang: str | None = None) -> Document:
    """Read a draft, telling a Word document, Akoma Ntoso XML and text apart by their content,
    not their names."""
    from drafter.readers.akn import is_akn, read_akn
    from drafter.readers.docx import read_docx
    from drafter.readers.text import read_text

    data = read_limited(path)
    if data.startswith((ZIP_SIGNATURE, b"PK\x05\x06", OLE_SIGNATURE)):
        return read_docx(data, lang, name=str(path))
    if is_akn(data):
        return read_akn(data, lang, name=str(path))
    return read_text(data, lang, name=str(path))
