"""Render one source file to its documents: load, compose per language, write, all or nothing."""

from __future__ import annotations

from pathlib import Path

from drafter.composer import compose
from drafter.document import Document
from drafter.layout import Layout
from drafter.markup import MarkupError
from drafter.output import OutputFailure, write_files
from drafter.resolution import Resolution
from drafter.source import SourceInvalid, load
from drafter.templating import TemplateFailure


#: How each output format ends a file's name: <stem>.<lang>.<extension>.
EXTENSIONS = {"docx": "docx", "txt": "txt", "akn": "akn.xml", "pdf": "pdf"}


class RenderFailure(Exception):
    """A source that could not be rendered; each line says where and what to do."""

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def render_file(source: Path, languages: list[str], fmt: str, out: Path,
                templates: Path | None = None, force: bool = False, *,
                layout: Layout | None = None) -> list[Path]:
    """Render ``source`` into ``out``; nothing is written unless every language succeeds."""
    return write_outputs(source, render_outputs(source, languages, fmt, out, templates,
                                                layout=layout), force)


def render_outputs(source: Path, languages: list[str], fmt: str, out: Path,
                   templates: Path | None = None, *,
                   layout: Layout | None = None) -> dict[Path, bytes]:
    """The files of ``source`` by path, not yet written (for pdf: the Word files, named .docx,
    that ``drafter.writers.pdf.as_pdf`` converts with those of the other sources). ``layout``:
    a reference document's page setup, fonts and sizes for the Word files."""
    try:
        resolution = load(source)
    except SourceInvalid as invalid:
        raise RenderFailure(*map(str, invalid.errors)) from None
    if out.exists() and not out.is_dir():
        raise RenderFailure(f"{source}: --out {out} is a file, not a directory")
    written = "docx" if fmt == "pdf" else fmt
    return {out / f"{source.stem}.{code}.{EXTENSIONS[written]}": render_bytes(
        resolution, code, written, templates, source, layout=layout) for code in languages}


def write_outputs(source: Path, files: dict[Path, bytes], force: bool) -> list[Path]:
    """Write one source's files as a set."""
    try:
        return write_files(files, force, keep=[source])
    except OutputFailure as failure:
        raise RenderFailure(f"{source}: {failure}") from None


def render_bytes(resolution: Resolution, lang: str, fmt: str, templates: Path | None = None,
                 source: Path | None = None, *, layout: Layout | None = None) -> bytes:
    """One language of a resolution as DOCX, PDF (through LibreOffice), Akoma Ntoso XML or
    UTF-8 text bytes; Word and PDF in a reference document's ``layout``, if given."""
    document = compose_document(resolution, lang, templates, source)
    if fmt in ("docx", "pdf"):
        from drafter.writers.docx import write_docx

        docx = write_docx(document, layout=layout)
        if fmt == "docx":
            return docx
        from drafter.writers.pdf import to_pdf

        return to_pdf({"document": docx})["document"]
    if fmt == "akn":
        from drafter.writers.akn import write_akn

        return write_akn(document)
    from drafter.writers.text import write_text

    return write_text(document).encode("utf-8")


def compose_document(resolution: Resolution, lang: str, templates: Path | None = None,
                     source: Path | None = None) -> Document:
    """The Document of one language, a template or markup problem becoming a RenderFailure."""
    try:
        return compose(resolution, lang, templates)
    except (TemplateFailure, MarkupError) as error:
        raise RenderFailure(f"{source or '<source>'}: {lang}: {error}") from None
