"""Word files to PDF through an installed LibreOffice, run headless: one process for a whole set.

drafter writes the .docx itself; LibreOffice only lays it out and prints it, so the PDF shows what
Word would show, tracked changes included (insertions underlined, deletions struck through, in
the margin colour of their author). Each conversion runs in a private temporary profile, so it
never collides with a LibreOffice the user has open, nor with another conversion; nothing is
left behind. Starting LibreOffice costs about two seconds, hence one process for all the files
of a command (a whole batch), never one per file.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import TypeVar

#: The executables that start LibreOffice, in the order they are looked for.
_EXECUTABLES = ("soffice", "libreoffice")
#: The package that gives them, named in the message when none is installed.
PACKAGE = "libreoffice-writer-nogui"
#: Seconds LibreOffice may take: its start, then each file.
_START_SECONDS = 120
_SECONDS_PER_FILE = 30


class PdfFailure(Exception):
    """PDF output that cannot be made; the message says why and what to do."""


def soffice() -> str:
    """The LibreOffice executable, or a PdfFailure that names the package to install."""
    for name in _EXECUTABLES:
        found = shutil.which(name)
        if found:
            return found
    raise PdfFailure(f"PDF output needs LibreOffice, which is not installed: install it "
                     f"(Debian/Ubuntu: apt-get install {PACKAGE}; elsewhere from "
                     "libreoffice.org), or choose --format docx")


Name = TypeVar("Name", str, Path)


def as_pdf(sets: list[dict[Name, bytes]]) -> list[dict[Name, bytes]]:
    """Sets of output files with every Word file among them (a name ending in .docx) turned
    into its PDF (the same name ending in .pdf), the other files kept: one LibreOffice run for
    all the sets of a command."""
    documents = {f"{index}:{name}": blob for index, files in enumerate(sets)
                 for name, blob in files.items() if str(name).endswith(".docx")}
    pdfs = to_pdf(documents)
    return [{(_pdf_name(name) if str(name).endswith(".docx") else name):
             pdfs.get(f"{index}:{name}", blob) for name, blob in files.items()}
            for index, files in enumerate(sets)]


def _pdf_name(name: Name) -> Name:
    if isinstance(name, Path):
        return name.with_suffix(".pdf")
    return name.removesuffix(".docx") + ".pdf"


def to_pdf(documents: dict[str, bytes]) -> dict[str, bytes]:
    """The PDF of each .docx, by the same key, from one LibreOffice run."""
    if not documents:
        return {}
    executable = soffice()
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as folder:
        work = Path(folder)
        (work / "in").mkdir()
        # Files are named by position: keys may be any text, and LibreOffice names its output
        # after its input.
        names = {key: f"{index}.docx" for index, key in enumerate(documents)}
        for key, name in names.items():
            (work / "in" / name).write_bytes(documents[key])
        command = [executable, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", str(work / "out"),
                   *(str(work / "in" / name) for name in names.values())]
        timeout = _START_SECONDS + _SECONDS_PER_FILE * len(documents)
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False,
                                  stdin=subprocess.DEVNULL, env=_environment(work))
        except subprocess.TimeoutExpired:
            raise PdfFailure(f"LibreOffice did not finish the PDF within {timeout} seconds; "
                             "try again, or choose --format docx") from None
        except OSError as error:
            raise PdfFailure(f"LibreOffice could not be started ({error.strerror or error}); "
                             f"reinstall it (apt-get install {PACKAGE}) or choose --format docx"
                             ) from None
        pdfs = {}
        for key, name in names.items():
            produced = work / "out" / name.replace(".docx", ".pdf")
            if not produced.is_file():
                detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
                raise PdfFailure(f"LibreOffice made no PDF of {key.split(':', 1)[-1]} (exit code "
                                 f"{done.returncode}"
                                 f"{': ' + detail[0] if detail[0] else ''}); choose --format docx")
            pdfs[key] = _settled(produced.read_bytes(), documents[key])
        return pdfs


_CREATED_DOCX = re.compile(rb"<dcterms:created[^>]*>(\d{4})-(\d{2})-(\d{2})T")
_CREATED_PDF = re.compile(rb"/CreationDate\(D:\d{14}")
#: The file identifier and the checksum LibreOffice writes in the trailer: 32 hexadecimal digits.
_STAMPS = re.compile(rb"(?<=/ID \[ <)[0-9A-F]{32}(?=>)|(?<=>\n<)[0-9A-F]{32}(?=> \])"
                     rb"|(?<=/DocChecksum /)[0-9A-F]{32}")


def _settled(pdf: bytes, docx: bytes) -> bytes:
    """The same PDF for the same .docx: LibreOffice stamps the time of the conversion, a random
    file identifier and a checksum over both; the date becomes the .docx's own (its issue date)
    and the identifier and checksum a digest of the rest. Each keeps its length, so the offsets
    of the file stay right."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        created = _CREATED_DOCX.search(archive.read("docProps/core.xml"))
    if created is not None:
        stamp = b"/CreationDate(D:" + b"".join(created.groups()) + b"000000"
        pdf = _CREATED_PDF.sub(lambda _: stamp, pdf, count=1)
    digest = hashlib.md5(_STAMPS.sub(b"0" * 32, pdf), usedforsecurity=False).hexdigest()
    return _STAMPS.sub(digest.upper().encode(), pdf)


def _environment(work: Path) -> dict[str, str]:
    """LibreOffice's environment: its own home and temporary folder, inside ``work``."""
    environment = dict(os.environ)
    environment["HOME"] = str(work)
    environment["TMPDIR"] = str(work)
    return environment
