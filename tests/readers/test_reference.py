"""A reference document (--reference-docx) gives its page setup and the fonts and sizes of
Normal, Heading 1 and Footnote Text, and nothing else; a file that is not a readable Word
document or template, or that sets what Word never would, is refused in one sentence."""

from __future__ import annotations

import zipfile
from msgspec.structs import replace
from pathlib import Path

import docx
import pytest
from docx.shared import Cm

from conftest import convert
from drafter.layout import Font, Layout, PageChanges
from drafter.readers.reference import layout_for, read_reference
from drafter.readers.safety import ReadFailure
from references import make_reference, rewritten

STYLES = "word/styles.xml"
DOCUMENT = "word/document.xml"


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    return make_reference(tmp_path / "letter.docx")


def test_the_page_setup_and_the_three_styles_are_read(letter: Path) -> None:
    assert read_reference(letter) == Layout(
        page=PageChanges(width=12240, height=15840, top=Cm(2.5).twips, right=Cm(3).twips,
                         bottom=Cm(2).twips, left=Cm(3).twips, header=Cm(1).twips,
                         footer=Cm(0.8).twips),
        normal=Font("Arial", 22), heading=Font("Arial", 26), footnote=Font("Arial", 18))


def test_a4_and_times_new_roman(tmp_path: Path) -> None:
    path = make_reference(tmp_path / "a4.docx", paper="A4", font="Times New Roman", size=12,
                          heading=("Times New Roman", 14), footnote=10)
    layout = read_reference(path)
    assert (layout.page.width, layout.page.height) == (Cm(21).twips, Cm(29.7).twips)
    assert layout.normal == Font("Times New Roman", 24) and layout.footnote == Font("Times New Roman", 20)


def test_fonts_named_by_the_theme_are_the_themes_fonts(tmp_path: Path) -> None:
    """Word's own templates name the theme's body and heading fonts, not a typeface."""
    path = tmp_path / "plain.docx"
    docx.Document().save(str(path))
    layout = read_reference(path)
    assert layout.normal == Font("Cambria", 22)  # python-docx's theme: minor font Cambria
    assert layout.heading == Font("Calibri", 28)  # major font Calibri, 14 pt
    assert layout.footnote == Font()  # no Footnote Text style: drafter's own stays


def test_a_style_based_on_another_takes_what_it_does_not_set_from_it(tmp_path: Path) -> None:
    path = make_reference(tmp_path / "ref.docx", font="Georgia", size=12)
    # The footnote style sets only its size: its font is Normal's.
    assert read_reference(path).footnote == Font("Georgia", 18)


def test_a_word_template_dotx_is_read_as_a_document(letter: Path, tmp_path: Path) -> None:
    template = rewritten(letter, tmp_path / "house.dotx", "[Content_Types].xml",
                         b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml")
    assert read_reference(template) == read_reference(letter)


def test_a_libreoffice_resave_gives_the_same_page_and_fonts(soffice: str, letter: Path,
                                                            tmp_path: Path) -> None:
    """LibreOffice does not mark Normal as the default style, and writes a footer distance of 0
    for a page without footer (which says nothing: drafter's own distance stays)."""
    resaved = convert(soffice, letter, "docx:MS Word 2007 XML", tmp_path / "lo")
    layout, original = read_reference(resaved), read_reference(letter)
    assert layout.page == replace(original.page, footer=None)
    assert layout.normal == original.normal and layout.footnote == original.footnote


def test_a_chain_of_styles_based_on_one_another_in_a_loop_ends(letter: Path, tmp_path: Path) -> None:
    looped = rewritten(letter, tmp_path / "loop.docx", STYLES, b'<w:basedOn w:val="Normal"/>',
                       b'<w:basedOn w:val="Heading1"/>')
    assert read_reference(looped).heading.name == "Arial"


def test_sizes_in_the_strict_form_are_read(letter: Path, tmp_path: Path) -> None:
    strict = rewritten(letter, tmp_path / "strict.docx", STYLES, b'<w:sz w:val="22"/>',
                       b'<w:sz w:val="10.5pt"/>')
    assert read_reference(strict).normal.size == 21


# -- refused ------------------------------------------------------------------------------------

def _refused(path: Path, *words: str) -> None:
    with pytest.raises(ReadFailure) as refused:
        read_reference(path)
    message = str(refused.value)
    assert message.startswith(str(path)) and "\n" not in message
    for word in words:
        assert word in message


def test_a_missing_file(tmp_path: Path) -> None:
    _refused(tmp_path / "nowhere.docx", "cannot be opened")


def test_a_text_file_or_an_empty_file(tmp_path: Path) -> None:
    text = tmp_path / "notes.docx"
    text.write_text("Arial 11, A4\n", encoding="utf-8")
    _refused(text, "not a Word document")
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    _refused(empty, "empty")


def test_a_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://'
                         'schemas.openxmlformats.org/package/2006/content-types"/>')
        package.writestr("xl/workbook.xml", "<workbook/>")
    _refused(path, "not a Word document or template")


def test_an_old_doc_or_a_password_protected_file(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    _refused(path, "Word 97-2003")


def test_a_macro_enabled_template(letter: Path, tmp_path: Path) -> None:
    macros = rewritten(letter, tmp_path / "house.dotm", "[Content_Types].xml",
                       b"wordprocessingml.document.main+xml",
                       b"ms-word.template.macroEnabledTemplate.main+xml")
    _refused(macros, "macros")


def test_a_doctype_in_the_styles(letter: Path, tmp_path: Path) -> None:
    doctype = rewritten(letter, tmp_path / "doctype.docx", STYLES, b"<w:styles ",
                        b'<!DOCTYPE w:styles [<!ENTITY a "aaaaaaaaaa">]><w:styles ')
    _refused(doctype, "DOCTYPE")


def test_damaged_xml(letter: Path, tmp_path: Path) -> None:
    damaged = rewritten(letter, tmp_path / "damaged.docx", STYLES, b"</w:styles>", b"")
    _refused(damaged, "damaged")


@pytest.mark.parametrize(("part", "old", "new", "words"), [
    (DOCUMENT, b'<w:pgSz w:w="12240"', b'<w:pgSz w:w="100"', ["0.2 cm wide", "no paper"]),
    (DOCUMENT, b'<w:pgSz w:w="12240" w:h="15840"', b'<w:pgSz w:w="12240" w:h="99999"',
     ["176.4 cm high"]),
    (DOCUMENT, b'w:left="1701"', b'w:left="9000"', ["margins leave", "for the text"]),
    (DOCUMENT, b'w:top="1417"', b'w:top="14000"', ["top and bottom margins"]),
    (DOCUMENT, b'w:header="567"', b'w:header="9000"', ["header is 15.9 cm from the edge"]),
    (DOCUMENT, b'w:left="1701"', b'w:left="wide"', ["not one Word writes"]),
    (STYLES, b'<w:sz w:val="22"/>', b'<w:sz w:val="4000"/>', ["Normal style is 2000 pt"]),
    (STYLES, b'<w:sz w:val="22"/>', b'<w:sz w:val="large"/>', ["not one Word writes"]),
    (STYLES, b'<w:sz w:val="22"/>', b'<w:sz w:val="infpt"/>', ["not one Word writes"]),
    (STYLES, b'w:ascii="Arial"', b'w:ascii="' + b"A" * 200 + b'"', ["not a font's name"]),
])
def test_values_word_never_writes(letter: Path, tmp_path: Path, part: str, old: bytes,
                                  new: bytes, words: list[str]) -> None:
    _refused(rewritten(letter, tmp_path / "odd.docx", part, old, new), *words)


def test_the_reference_goes_with_word_and_pdf_only(letter: Path) -> None:
    assert layout_for(None, "txt") is None
    assert layout_for(letter, "pdf") == read_reference(letter)
    with pytest.raises(ReadFailure, match=r"^--reference-docx .*--format akn writes neither"):
        layout_for(letter, "akn")


def test_the_option_is_named_in_the_refusal(tmp_path: Path) -> None:
    with pytest.raises(ReadFailure, match=r"^--reference-docx .*nowhere.docx: cannot be opened"):
        layout_for(tmp_path / "nowhere.docx", "docx")


def test_a_document_of_more_paragraphs_than_any_template(letter: Path, tmp_path: Path) -> None:
    """Counted while streamed, before python-docx builds a tree of it."""
    many = rewritten(letter, tmp_path / "many.docx", DOCUMENT, b"<w:body>",
                     b"<w:body>" + b"<w:p/>" * 20_001)
    _refused(many, "more than 20000 paragraphs")
