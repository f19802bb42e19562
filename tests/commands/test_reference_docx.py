"""--reference-docx on render, followup, compare and batch: the Word files (and the PDF made from
them) take the reference's page and fonts in both languages, none of its text; a reference that
cannot be used stops the command before anything is written."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT, W, part_xml
from pdftext import font_names, page_size, pdf_text
from references import SECRET, make_reference


def drafter(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "drafter", *map(str, arguments)],
                          capture_output=True, text=True, timeout=600, env=dict(os.environ))


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    """Letter paper, 3 cm side margins, Arial 11."""
    return make_reference(tmp_path / "letter-arial.docx")


@pytest.fixture
def a4(tmp_path: Path) -> Path:
    """A4 paper, 2 cm side margins, Times New Roman 12."""
    return make_reference(tmp_path / "a4-times.docx", paper="A4", font="Times New Roman", size=12,
                          heading=("Times New Roman", 14), footnote=10,
                          margins=(2.0, 2.0, 2.0, 2.0))


def _page(blob: bytes) -> tuple[str | None, ...]:
    section = part_xml(blob, "word/document.xml").find(f"{W}body/{W}sectPr")
    size, margins = section.find(f"{W}pgSz"), section.find(f"{W}pgMar")
    return (size.get(f"{W}w"), size.get(f"{W}h"), margins.get(f"{W}left"), margins.get(f"{W}right"))


def _normal_font(blob: bytes) -> tuple[str | None, str | None]:
    run = part_xml(blob, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    return run.find(f"{W}rFonts").get(f"{W}ascii"), run.find(f"{W}sz").get(f"{W}val")


def _has_no_reference_text(blob: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        return all(SECRET.encode() not in package.read(name) for name in package.namelist())


DRAFT = ROOT / "tests" / "fixtures" / "draft-coe.yaml"
LETTER_ARIAL = (("12240", "15840", "1701", "1701"), ("Arial", "22"))


def test_render_takes_the_page_and_fonts_in_both_languages(letter: Path, tmp_path: Path) -> None:
    done = drafter("render", EXAMPLE, "--reference-docx", letter, "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    for lang in ("en", "fr"):
        blob = (tmp_path / "out" / f"csto-77-13.{lang}.docx").read_bytes()
        assert (_page(blob), _normal_font(blob)) == LETTER_ARIAL
        assert _has_no_reference_text(blob)
    again = drafter("render", EXAMPLE, "--reference-docx", letter, "--out", tmp_path / "again")
    assert again.returncode == 0
    for lang in ("en", "fr"):  # the same inputs, the same bytes
        name = f"csto-77-13.{lang}.docx"
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "again" / name).read_bytes()


@pytest.mark.parametrize(("reference", "paper", "fonts"), [
    ("letter", "(letter)", {"LiberationSans", "LiberationSans-Bold", "LiberationSans-Italic"}),
    ("a4", "(A4)", {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic"}),
])
def test_the_pdf_has_the_references_paper_and_typeface(soffice: str, tmp_path: Path,
                                                      request: pytest.FixtureRequest,
                                                      reference: str, paper: str,
                                                      fonts: set[str]) -> None:
    """The reference's paper wins over the source's (the example is A4, the draft Letter);
    LibreOffice prints Arial and Times New Roman with their metric twins, Liberation Sans and
    Liberation Serif (fonts-liberation)."""
    path = request.getfixturevalue(reference)
    done = drafter("render", EXAMPLE, DRAFT, "--format", "pdf", "--reference-docx", path,
                   "--out", tmp_path / "pdf")
    assert done.returncode == 0, done.stderr
    for lang, words in (("en", "The General Assembly,"), ("fr", "L'Assemblée générale,")):
        for stem in ("csto-77-13", "draft-coe"):
            blob = (tmp_path / "pdf" / f"{stem}.{lang}.pdf").read_bytes()
            assert page_size(blob, tmp_path).endswith(paper), (stem, lang)
            assert font_names(blob, tmp_path) == fonts, (stem, lang)
            assert words in pdf_text(blob, tmp_path).replace("\u00a0", " ")


def test_followup_gives_every_draft_the_reference(letter: Path, tmp_path: Path) -> None:
    done = drafter("followup", EXAMPLE, "--session", "79", "--reference-docx", letter,
                   "--out", tmp_path)
    assert done.returncode == 0, done.stderr
    for name in ("csto-79.en.docx", "csto-79.en.tracked.docx", "csto-79.fr.docx",
                 "csto-79.fr.tracked.docx"):
        assert (_page((tmp_path / name).read_bytes()),
                _normal_font((tmp_path / name).read_bytes())) == LETTER_ARIAL, name


def test_compare_gives_the_tracked_files_the_reference(a4: Path, tmp_path: Path) -> None:
    done = drafter("compare", EXAMPLE, ROOT / "tests" / "fixtures" / "reference" / "A-RES-77-13.fr.txt",
                   "--reference-docx", a4, "-o", tmp_path / "changes.docx")
    assert done.returncode == 0, done.stderr
    blob = (tmp_path / "changes.docx").read_bytes()
    assert _page(blob) == ("11906", "16838", "1134", "1134")
    assert _normal_font(blob) == ("Times New Roman", "24")
    assert part_xml(blob, "word/document.xml").find(f".//{W}ins") is not None


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_gives_every_worker_the_reference(letter: Path, tmp_path: Path, jobs: str) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("csto-77-13.yaml", "au-77-illustrative.yaml", "cis-77-illustrative.yaml"):
        (sources / name).write_bytes((ROOT / "examples" / name).read_bytes())
    done = drafter("batch", sources, "--reference-docx", letter, "--jobs", jobs,
                   "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    written = sorted((tmp_path / "out").iterdir())
    assert len(written) == 6
    assert all((_page(path.read_bytes()), _normal_font(path.read_bytes())) == LETTER_ARIAL
               for path in written)


COMMANDS = [
    ["render", EXAMPLE],
    ["followup", EXAMPLE, "--session", "79"],
    ["compare", EXAMPLE, EXAMPLE],
    ["batch", EXAMPLE],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: str(command[0]))
def test_a_reference_that_is_not_a_word_file_stops_the_command(tmp_path: Path,
                                                              command: list[str | Path]) -> None:
    reference = tmp_path / "house-style.docx"
    reference.write_text("Arial 11 on Letter paper, please\n", encoding="utf-8")
    out = tmp_path / "out"
    done = drafter(*command, "--reference-docx", reference, "--out", out)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"drafter: --reference-docx {reference}: ")
    assert "not a Word document" in lines[0] and "Traceback" not in done.stderr
    assert not out.exists() or not list(out.iterdir())


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: str(command[0]))
def test_a_missing_reference_stops_the_command(tmp_path: Path, command: list[str | Path]) -> None:
    out = tmp_path / "out"
    done = drafter(*command, "--reference-docx", tmp_path / "nowhere.docx", "--out", out)
    assert done.returncode == 2 and "nowhere.docx: cannot be opened" in done.stderr
    assert not out.exists() or not list(out.iterdir())


@pytest.mark.parametrize("command", [
    ["render", EXAMPLE, "--format", "txt"],
    ["render", EXAMPLE, "--format", "akn"],
    ["followup", EXAMPLE, "--session", "79", "--format", "akn"],
    ["batch", EXAMPLE, "--format", "akn"],
], ids=lambda command: f"{command[0]}-{command[-1]}")
def test_a_reference_with_a_format_that_has_no_page_is_refused(letter: Path, tmp_path: Path,
                                                               command: list[str | Path]) -> None:
    done = drafter(*command, "--reference-docx", letter, "--out", tmp_path / "out")
    assert done.returncode == 2
    assert "writes neither; leave it out" in done.stderr
    assert not (tmp_path / "out").exists()
