"""An independent reader: LibreOffice opens both Word files, prints them to PDF with the
superscripts and footnotes, and keeps the footnotes through a re-save."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import W, footnote_texts, part_xml

NAMES = {"en": "csto-77-13.en", "fr": "csto-77-13.fr"}


def _soffice(soffice: str, files: list[Path], target: str, outdir: Path) -> None:
    """One LibreOffice run for several files, with its own profile so runs never collide."""
    profile = outdir / ".lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target,
         "--outdir", str(outdir), *map(str, files)],
        check=True, capture_output=True, timeout=240,
    )


@pytest.fixture(scope="session")
def written(tmp_path_factory: pytest.TempPathFactory, docx_bytes: dict[str, bytes]) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("docx")
    paths = {code: folder / f"{NAMES[code]}.docx" for code in NAMES}
    for code, path in paths.items():
        path.write_bytes(docx_bytes[code])
    return paths


@pytest.fixture(scope="session")
def pdfs(soffice: str, written: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    outdir = tmp_path_factory.mktemp("pdf")
    _soffice(soffice, list(written.values()), "pdf", outdir)
    produced = {code: outdir / f"{NAMES[code]}.pdf" for code in NAMES}
    assert all(path.exists() for path in produced.values()), "LibreOffice produced no PDF"
    return produced


@pytest.fixture(scope="session")
def resaved(soffice: str, written: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    outdir = tmp_path_factory.mktemp("resaved")
    _soffice(soffice, list(written.values()), "docx:MS Word 2007 XML", outdir)
    return {code: (outdir / f"{NAMES[code]}.docx").read_bytes() for code in NAMES}


def _pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True, timeout=60)
    return done.stdout


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_french_pdf_shows_the_39e_plenary_meeting(pdfs):
    text = _words(_pdf_text(pdfs["fr"]))
    assert re.search(r"39 ?e séance plénière", text), text[-400:]


def test_the_english_pdf_shows_the_39th_plenary_meeting(pdfs):
    assert "39th plenary meeting" in _words(_pdf_text(pdfs["en"]))


@pytest.mark.parametrize(
    ("lang", "notes"),
    [("fr", ["A/77/277-S/2022/606.", "Résolution 49/57, annexe.", "Résolution 60/288.",
             "Résolution S-30/1, annexe."]),
     ("en", ["A/77/277-S/2022/606.", "Resolution 49/57, annex.", "Resolution 60/288.",
             "Resolution S-30/1, annex."])],
)
def test_the_pdf_prints_the_footnotes(pdfs, lang, notes):
    text = _words(_pdf_text(pdfs[lang]))
    for note in notes:
        assert note in text, note


def test_the_french_pdf_keeps_the_no_break_spaces_as_spaces(pdfs):
    text = _words(_pdf_text(pdfs["fr"]).replace("\u202f", " ").replace("\u00a0", " "))
    assert "S/PRST/2010/1 ; voir" in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_pdf_has_at_least_two_pages(pdfs, lang):
    done = subprocess.run(["pdfinfo", str(pdfs[lang])], check=True, capture_output=True,
                          text=True, timeout=60)
    pages = int(re.search(r"^Pages:\s+(\d+)", done.stdout, re.MULTILINE).group(1))
    assert pages >= 2


def _notes_in_reference_order(blob: bytes) -> list[str]:
    """Footnote texts in the order of their marks in the body (ids may be renumbered)."""
    notes = footnote_texts(blob)
    body = part_xml(blob, "word/document.xml")
    order = [int(ref.get(f"{W}id")) for ref in body.iter(f"{W}footnoteReference")]
    return [" ".join(notes[number].split()) for number in order]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_libreoffice_resave_keeps_the_seven_footnotes_in_order(resaved, docx_bytes, lang):
    original = _notes_in_reference_order(docx_bytes[lang])
    again = _notes_in_reference_order(resaved[lang])
    assert len(original) == 7
    assert again == original
