"""PDF through LibreOffice: both languages printed and read back with pdftotext, the same bytes
for the same Word file, tracked changes visible, and the page as the UN prints it (dates on one
line, the closing lines with the last operative paragraph, mirrored headers and page numbers)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter.language import language
from drafter.writers import pdf
from drafter.writers.pdf import PdfFailure, as_pdf, to_pdf
from pdftext import page_count, pdf_text


@pytest.fixture(scope="module")
def pdfs(soffice: str, docx_bytes: dict[str, bytes]) -> dict[str, bytes]:
    return to_pdf({lang: docx_bytes[lang] for lang in ("en", "fr")})


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_both_languages_print_and_read_back(pdfs, tmp_path):
    english, french = (_flat(pdf_text(pdfs[lang], tmp_path)) for lang in ("en", "fr"))
    assert pdfs["en"].startswith(b"%PDF-")
    for words in ("A/RES/77/13", "The General Assembly,", "39th plenary meeting",
                  "21 November 2022", "Resolution S-30/1, annex."):
        assert words in english, words
    for words in ("L'Assemblée générale,", "39e séance plénière", "21 novembre 2022",
                  "S/PRST/2010/1 ; voir"):
        assert words in french.replace("39 e", "39e"), words


def test_the_same_word_file_gives_the_same_pdf(soffice, docx_bytes):
    again = to_pdf({"fr": docx_bytes["fr"]})
    assert again["fr"] == to_pdf({"fr": docx_bytes["fr"]})["fr"]
    assert b"/CreationDate(D:20221125000000" in again["fr"]  # the issue date, not the clock


def test_sets_of_files_keep_their_other_files_and_get_pdf_names(soffice, docx_bytes):
    sets = [{"a.en.docx": docx_bytes["en"], "a.yaml": b"session: 77\n"},
            {Path("out/b.fr.docx"): docx_bytes["fr"]}]
    first, second = as_pdf(sets)
    assert list(first) == ["a.en.pdf", "a.yaml"] and first["a.yaml"] == b"session: 77\n"
    assert list(second) == [Path("out/b.fr.pdf")] and second[Path("out/b.fr.pdf")].startswith(b"%PDF")


def test_without_libreoffice_one_sentence_names_the_package(monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(PdfFailure) as failure:
        to_pdf({"x": b"PK"})
    message = str(failure.value)
    assert "apt-get install libreoffice-writer-nogui" in message and "\n" not in message


def test_a_tracked_file_shows_both_versions(soffice, example, tmp_path):
    import datetime as dt

    from drafter.composer import compose
    from drafter.revisions import tracked_docx
    from tracking import follow_up

    tracked = tracked_docx(compose(example, "en"), compose(follow_up(example), "en"), "drafter",
                           dt.datetime(2024, 11, 1))
    text = _flat(pdf_text(to_pdf({"t": tracked})["t"], tmp_path))
    for words in ("A/RES/77/13", "A/79/L.99", "Seventy-seventh", "Seventy-ninth",
                  "A/77/277-S/2022/606", "A/79/302", "Armenia and Belarus"):
        assert words in text, words


# -- the page as the UN prints it --------------------------------------------------------------

@pytest.mark.parametrize("code", ["en", "fr"])
def test_no_date_is_split_across_two_lines(pdfs, tmp_path, code):
    text = pdf_text(pdfs[code], tmp_path).replace("\u00a0", " ")
    months = "|".join(language(code).months)
    split = re.findall(rf"\b\d{{1,2}}(?:er)?[ ]*\n[ ]*(?:{months})\b|\b(?:{months})[ ]*\n[ ]*\d{{4}}\b",
                       text)
    assert split == []
    dates = re.findall(rf"\b\d{{1,2}}(?:er)? (?:{months}) \d{{4}}\b", text)
    assert len(dates) >= 15


@pytest.mark.parametrize("code", ["en", "fr"])
def test_the_closing_lines_are_on_the_page_of_the_last_operative_paragraph(pdfs, tmp_path, code):
    last = page_count(pdfs[code], tmp_path)
    text = _flat(pdf_text(pdfs[code], tmp_path, page=last))
    meeting = {"en": "39th plenary meeting", "fr": "39e séance plénière"}[code]
    assert meeting in text.replace("39 e", "39e")
    assert text.split(meeting)[0].rstrip().endswith(("Organization”.", "collective »."))


@pytest.mark.parametrize("code", ["en", "fr"])
def test_running_headers_and_page_numbers_sit_on_the_outer_side(pdfs, tmp_path, code):
    pages = page_count(pdfs[code], tmp_path)
    assert pages >= 3
    for page in range(2, pages + 1):
        lines = [line for line in pdf_text(pdfs[code], tmp_path, page=page).splitlines()
                 if line.strip()]
        header, footer = lines[0], lines[-1]
        assert header.strip() == "A/RES/77/13" and footer.strip() == f"{page}/{pages}"
        # -layout keeps the horizontal position: flush left on even pages, far right on odd.
        for line in (header, footer):
            indent = len(line) - len(line.lstrip())
            assert (indent == 0) if page % 2 == 0 else (indent > 40), (page, line)
    first = pdf_text(pdfs[code], tmp_path, page=1).splitlines()
    assert not [line for line in first if line.strip() == f"1/{pages}"]  # no number on page 1
