"""Reading PDF files back in tests: their text as pdftotext gives it, and their page count."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is required: apt-get install poppler-utils"
    return path


def pdf_text(blob: bytes, tmp_path: Path, page: int | None = None, layout: bool = True) -> str:
    """The text of a PDF (or of one page), as pdftotext reads it."""
    source = tmp_path / "read.pdf"
    source.write_bytes(blob)
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run([_tool("pdftotext"), *(["-layout"] if layout else []), *pages,
                           str(source), "-"], check=True, capture_output=True, text=True,
                          timeout=60).stdout


def page_count(blob: bytes, tmp_path: Path) -> int:
    source = tmp_path / "count.pdf"
    source.write_bytes(blob)
    info = subprocess.run([_tool("pdfinfo"), str(source)], check=True, capture_output=True,
                          text=True, timeout=60).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


def page_size(blob: bytes, tmp_path: Path) -> str:
    """The page size pdfinfo reports, e.g. "612 x 792 pts (letter)"."""
    source = tmp_path / "size.pdf"
    source.write_bytes(blob)
    info = subprocess.run([_tool("pdfinfo"), str(source)], check=True, capture_output=True,
                          text=True, timeout=60).stdout
    return re.search(r"^Page size:\s+(.+)$", info, re.MULTILINE).group(1).strip()


def font_names(blob: bytes, tmp_path: Path) -> set[str]:
    """The fonts embedded in a PDF, without their subset prefix (ABCDEF+)."""
    source = tmp_path / "fonts.pdf"
    source.write_bytes(blob)
    listing = subprocess.run([_tool("pdffonts"), str(source)], check=True, capture_output=True,
                             text=True, timeout=60).stdout.splitlines()[2:]
    return {line.split()[0].split("+")[-1] for line in listing if line.strip()}
