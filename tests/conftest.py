"""Shared fixtures: the shipped example, its rendered documents, and readers that check them
with independent clients (python-docx, LibreOffice)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import os

import pytest
from docx import Document as open_docx
from hypothesis import settings
from lxml import etree

from drafter.composer import compose
from drafter.resolution import Resolution
from drafter.source import load
from drafter.writers.docx import write_docx
from drafter.writers.text import write_text

# Property tests never fail on a slow machine's timing, and in CI they draw the same examples on
# every run, so a red build always means a real change; locally they explore at random.
settings.register_profile("drafter", deadline=None, derandomize=bool(os.environ.get("CI")))
settings.load_profile("drafter")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "csto-77-13.yaml"
REFERENCE = ROOT / "tests" / "fixtures" / "reference" / "A-RES-77-13.fr.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="session")
def example() -> Resolution:
    return load(EXAMPLE)


@pytest.fixture(scope="session", params=["en", "fr", "ru"])
def original(request: pytest.FixtureRequest) -> str:
    """The language a draft was submitted in: one of drafter's, or another official language
    (then both versions are translations)."""
    return request.param


@pytest.fixture(scope="session")
def revised(original: str) -> Resolution:
    """The fixture draft revised (A/79/L.20/Rev.1), submitted in English, French or Russian."""
    draft = load(ROOT / "tests" / "fixtures" / "draft-coe.yaml")
    return draft.model_copy(update={"symbol": "A/79/L.20/Rev.1", "original": original})


@pytest.fixture(scope="session", params=["en", "fr"])
def lang(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="session")
def docx_bytes(example: Resolution) -> dict[str, bytes]:
    return {code: write_docx(compose(example, code)) for code in ("en", "fr")}


def edited_text(resolution: Resolution, lang: str, old: str, new: str) -> str:
    """The text rendering of ``resolution`` with ``old`` (found exactly once) replaced by ``new``:
    a draft with one mistake or one omission, for the import and validate tests."""
    text = write_text(compose(resolution, lang))
    assert text.count(old) == 1
    return text.replace(old, new)


def part_xml(blob: bytes, name: str) -> etree._Element:
    """One XML part of a .docx, parsed."""
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        return etree.fromstring(archive.read(name))


def body_paragraphs(blob: bytes) -> list[str]:
    """The text of every body paragraph, read by python-docx (footnote marks excluded)."""
    return [p.text for p in open_docx(io.BytesIO(blob)).paragraphs]


def footnote_texts(blob: bytes) -> dict[int, str]:
    """Footnote bodies by id, separators skipped."""
    root = part_xml(blob, "word/footnotes.xml")
    notes = {}
    for note in root.iter(f"{W}footnote"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator"):
            continue
        text = "".join(node.text or "" for node in note.iter(f"{W}t"))
        notes[int(note.get(f"{W}id"))] = text
    return notes


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice is a test dependency (installed by .ci/run): missing it is a failure."""
    path = shutil.which("soffice") or shutil.which("libreoffice")
    assert path, "LibreOffice (soffice) is required: apt-get install libreoffice-writer-nogui"
    return path


def convert(soffice: str, source: Path, target_format: str, outdir: Path) -> Path:
    """Convert a file with headless LibreOffice (its own profile, so runs never collide)."""
    profile = outdir / ".lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         target_format, "--outdir", str(outdir), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    produced = outdir / f"{source.stem}.{target_format.split(':')[0]}"
    assert produced.exists(), f"LibreOffice produced no {produced.name}"
    return produced


@pytest.fixture(scope="session")
def resaved_docx(soffice: str, docx_bytes: dict[str, bytes],
                 tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The example's DOCX after a LibreOffice re-save: ids renumbered, styles renamed."""
    folder = tmp_path_factory.mktemp("resave-in")
    outdir = tmp_path_factory.mktemp("resave-out")
    resaved = {}
    for code, blob in docx_bytes.items():
        source = folder / f"example.{code}.docx"
        source.write_bytes(blob)
        resaved[code] = convert(soffice, source, "docx:MS Word 2007 XML", outdir).read_bytes()
    return resaved
