"""The editor's outputs, made from the text being edited (saved or not): one language as Word,
PDF or text, a follow-up's files, and a comparison with another source as tracked Word files."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from msgspec import Struct

from drafter.resolution import Resolution
from drafter.source import SourceInvalid, parse
from drafter.web.library import COMPARABLE, LibraryError, folder_file, phrase_book, source_path

FORMATS = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           "pdf": "application/pdf", "txt": "text/plain; charset=utf-8",
           "akn": "application/akn+xml"}
ZIP = "application/zip"
#: How long LibreOffice may take to convert one document.
PDF_TIMEOUT = 120


class Download(Struct, frozen=True):
    filename: str
    data: bytes
    media_type: str


def libreoffice() -> str | None:
    """The LibreOffice program, when installed (PDF downloads need it)."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _resolution(root: Path, text: str, name: str) -> Resolution:
    try:
        return parse(text, name, phrase_book(root, name))
    except SourceInvalid as invalid:
        first = invalid.errors[0]
        raise LibraryError(f"Correct the source first: line {first.line}, column {first.column}: "
                           f"{first.message}.", 422) from None


def _stem(name: str) -> str:
    return Path(name).stem


def document_file(root: Path, text: str, name: str, lang: str, fmt: str,
                  templates: Path | None = None) -> Download:
    """One language of the source as DOCX, PDF, text or Akoma Ntoso XML."""
    from drafter.render import EXTENSIONS, RenderFailure, render_bytes

    if fmt not in FORMATS or lang not in ("en", "fr"):
        raise LibraryError("Choose English or French, and Word, PDF, text or Akoma Ntoso.", 400)
    resolution = _resolution(root, text, name)
    try:
        data = render_bytes(resolution, lang, "docx" if fmt == "pdf" else fmt, templates)
    except RenderFailure as failure:
        raise LibraryError(str(failure), 422) from None
    if fmt == "pdf":
        data = _pdf(data)
    return Download(f"{_stem(name)}.{lang}.{EXTENSIONS[fmt]}", data, FORMATS[fmt])


def _pdf(docx: bytes) -> bytes:
    """The PDF of a Word file, converted by LibreOffice in a profile of its own."""
    program = libreoffice()
    if program is None:
        raise LibraryError("PDF needs LibreOffice (Debian/Ubuntu: apt-get install "
                           "libreoffice-writer-nogui); Word and text downloads work without it.", 501)
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as folder:
        work = Path(folder)
        (work / "draft.docx").write_bytes(docx)
        try:
            subprocess.run([program, "--headless", f"-env:UserInstallation={(work / 'profile').as_uri()}",
                            "--convert-to", "pdf", "--outdir", str(work), str(work / "draft.docx")],
                           capture_output=True, timeout=PDF_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise LibraryError("LibreOffice took too long to make the PDF; try again.", 504) from None
        pdf = work / "draft.pdf"
        if not pdf.is_file():
            raise LibraryError("LibreOffice could not make the PDF; download the Word file instead.",
                               500)
        return pdf.read_bytes()


def followup_files(root: Path, text: str, name: str, session: int, author: str) -> Download:
    """A zip of the follow-up for ``session``: its source, clean and tracked drafts, as
    ``drafter followup`` writes them."""
    from drafter.commands import followup

    previous = _resolution(root, text, name)
    try:
        result = followup.follow_up(previous, session, None, None)
    except followup.FollowUpError as error:
        raise LibraryError(f"{error}.".replace("..", "."), 422) from None
    files = followup.followup_files(previous, result, ["en", "fr"], author)
    return Download(f"{followup.followup_name(result.resolution)}.zip", _zip(files), ZIP)


def compare_files(root: Path, text: str, name: str, other: str, author: str) -> Download:
    """A zip of the text's tracked Word files against ``other``, an earlier version in the
    folder (a source, a Word or a text file), as ``drafter compare`` makes them, with the
    summary of the changes."""
    from drafter.commands.compare import (
        CompareFailure,
        Version,
        languages_to_compare,
        read_version,
    )
    from drafter.revisions import signing_time, track

    path = folder_file(root, other, COMPARABLE)
    new = Version(source_path(root, name), resolution=_resolution(root, text, name))
    files, lines = {}, []
    try:
        old = read_version(path)
        for lang in languages_to_compare(old, new, None):
            before, after = old.in_language(lang), new.in_language(lang)
            tracked = track(before, after, author, signing_time(after.issued))
            files[f"{_stem(name)}.{lang}.tracked.docx"] = tracked.docx
            lines += [f"{lang}:", *(f"  {part.describe()}" for part in tracked.changes)]
    except CompareFailure as failure:
        first, *more = failure.lines or (str(failure),)
        also = f" ({len(more)} more mistakes in {other})" if more else ""
        raise LibraryError(f"{first}{also}.".replace("..", "."), 422) from None
    files["changes.txt"] = ("\n".join(lines) + "\n").encode("utf-8")
    return Download(f"{_stem(name)}-vs-{Path(other).stem}.zip", _zip(files), ZIP)


def _zip(files: dict[str, bytes]) -> bytes:
    """A zip with fixed dates, so the same files give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for filename, data in files.items():
            archive.writestr(zipfile.ZipInfo(filename, (1980, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()
