"""Tolerant reading: a readable draft always gives a Document and findings, never a refusal.

Each case edits the example's text rendering the way real drafts differ (other years' headers,
missing parts, PDF line breaks, footnotes astray), in both languages, and checks what the tree
says and which rule reports it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLE

from drafter.composer import compose
from drafter.readers import ReadFailure, read
from drafter.readers.text import read_text
from drafter.rules import all_rules
from drafter.source import load
from drafter.commands.validate import EXIT_FINDINGS, check_document, validate
from drafter.writers.text import write_text

#: Lines of the example's header, by language, as the text writer prints them.
LINES = {
    "en": {"title": "**Cooperation between the United Nations and regional and other organizations: "
                    "cooperation between the United Nations and the Collective Security Treaty "
                    "Organization**\n\n",
           "adoption": "Resolution adopted by the General Assembly on 21\u00a0November\u00a02022",
           "undated": "Resolution adopted by the General Assembly",
           "committee": "[without reference to a Main Committee (A/77/L.13)]",
           "listed": "[without reference to a Main Committee (A/77/L.13 and Add.1)]",
           "compiled": "Adopted at the 39th plenary meeting, on 21\u00a0November\u00a02022, without a vote, "
                       "on the basis of draft resolution A/77/L.13 and Add.1",
           "formula": "The General Assembly,", "bare_formula": "The General Assembly",
           "closing": "\n\n*39th plenary meeting\n21\u00a0November\u00a02022*"},
    "fr": {"title": "**Coopération entre l'Organisation des Nations Unies et les organisations "
                    "régionales ou autres\u00a0: coopération entre l'Organisation des Nations Unies "
                    "et l'Organisation du Traité de sécurité collective**\n\n",
           "adoption": "Résolution adoptée par l'Assemblée générale le 21\u00a0novembre\u00a02022",
           "undated": "Résolution adoptée par l'Assemblée générale",
           "committee": "[sans renvoi à une grande commission (A/77/L.13)]",
           "listed": "[sans renvoi à une grande commission (A/77/L.13 et Add.1)]",
           "compiled": "Adoptée à la 39^{e} séance plénière, le 21\u00a0novembre\u00a02022, sans vote, sur la "
                       "base du projet de résolution A/77/L.13 et Add.1",
           "formula": "L'Assemblée générale,", "bare_formula": "L'Assemblée générale",
           "closing": "\n\n*39^{e} séance plénière\n21\u00a0novembre\u00a02022*"},
}


def example_text(lang: str) -> str:
    return write_text(compose(load(EXAMPLE), lang))


def replaced(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def codes(text: str, lang: str) -> set[str]:
    document = read_text(text)
    assert document.lang == lang
    return {finding.code for finding in check_document(document, "text", "t.txt", all_rules())}


def test_the_example_reads_clean(lang):
    assert codes(example_text(lang), lang) == set()


def test_a_header_without_the_bold_agenda_title(lang):
    text = replaced(example_text(lang), LINES[lang]["title"], "")
    document = read_text(text)
    assert document.preface.agenda_title.absent
    assert document.preface.heading.text().startswith("77/13.")
    assert codes(text, lang) == {"S109"}


def test_an_adoption_line_without_a_date_is_an_older_layout(lang):
    text = replaced(example_text(lang), LINES[lang]["adoption"], LINES[lang]["undated"])
    document = read_text(text)
    assert document.preface.adoption is not None and document.preface.adoption.text() == LINES[lang]["undated"]
    assert codes(text, lang) == {"S111"}


def test_a_committee_line_citing_a_symbol_and_its_addendum(lang):
    text = replaced(example_text(lang), LINES[lang]["committee"], LINES[lang]["listed"])
    document = read_text(text)
    assert document.preface.committee is not None
    assert "Add.1" in document.preface.committee.text()
    assert codes(text, lang) == set()


def test_the_compilation_form_of_the_adoption_line(lang):
    text = example_text(lang)
    text = replaced(text, LINES[lang]["adoption"] + "\n\n", "")
    text = replaced(text, LINES[lang]["committee"] + "\n\n", "")
    text = replaced(text, LINES[lang]["formula"], LINES[lang]["compiled"] + "\n\n" + LINES[lang]["formula"])
    text = replaced(text, LINES[lang]["closing"], "")
    document = read_text(text)
    assert document.conclusions is None
    assert [d.kind for d in document.deviations] == ["header_layout"]
    assert "S116" not in codes(text, lang) and "S111" in codes(text, lang)


def test_no_enacting_formula(lang):
    text = replaced(example_text(lang), LINES[lang]["formula"] + "\n\n", "")
    document = read_text(text)
    assert document.formula.absent and len(document.preamble) == 15
    assert codes(text, lang) == {"S101"}


def test_an_enacting_formula_without_its_comma(lang):
    text = replaced(example_text(lang), LINES[lang]["formula"], LINES[lang]["bare_formula"])
    assert codes(text, lang) == {"S101"}


def test_the_formula_run_into_the_first_preambular_paragraph(lang):
    text = replaced(example_text(lang), LINES[lang]["formula"] + "\n\n", LINES[lang]["formula"] + " ")
    document = read_text(text)
    assert document.formula.text() == LINES[lang]["formula"] and len(document.preamble) == 15
    assert codes(text, lang) == set()


def test_a_footnote_mark_without_its_footnote_text(lang):
    text = example_text(lang)
    note = next(line for line in text.splitlines() if line.startswith("²"))
    text = replaced(text, note + "\n\n", "")
    document = read_text(text)
    assert document.footnote(2) is None and len(document.footnotes) == 6
    assert codes(text, lang) == {"F502"}


def test_a_footnote_text_whose_mark_was_deleted(lang):
    text = example_text(lang)
    body, notes = text.split("\n\n¹", 1)
    body = body.replace("²", "", 1)
    text = body + "\n\n¹" + notes
    assert codes(text, lang) == {"F502"}


def test_a_five_thousand_digit_superscript_is_text_not_a_mark(lang):
    huge = "¹" * 5000
    text = replaced(example_text(lang), LINES[lang]["formula"], LINES[lang]["formula"] + huge)
    document = read_text(text)
    assert len(document.footnotes) == 7


def test_no_operative_part(lang):
    text = example_text(lang)
    start = text.index("\n\n1. ")
    text = text[:start] + text[text.index(LINES[lang]["closing"]):]
    document = read_text(text)
    assert document.operative == []
    assert "S103" in codes(text, lang)


def test_a_file_with_no_text_is_refused(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text("\n  \n\t\n", encoding="utf-8")
    with pytest.raises(ReadFailure, match="no paragraph of text"):
        read(path, None)


def test_any_text_gets_findings_not_a_refusal(tmp_path: Path):
    path = tmp_path / "notes.txt"
    path.write_text("Shopping list\n\nmilk\n", encoding="utf-8")
    report = validate([path], None, None, all_rules())
    assert not report.unreadable and report.exit_code == EXIT_FINDINGS
    assert {"S101", "S103"} <= {finding.code for finding in report.findings}


# -- Word files ---------------------------------------------------------------------------------

def _edited(blob: bytes, part: str, old: bytes, new: bytes) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == part:
                assert old in data
                data = data.replace(old, new, 1)
            target.writestr(item, data)
    return out.getvalue()


@pytest.mark.parametrize("width", ["²", "9" * 5000, "", "-3"])
def test_a_page_width_that_is_no_number_reads_as_a4(docx_bytes, lang, width):
    from drafter.readers.docx import read_docx

    blob = _edited(docx_bytes[lang], "word/document.xml", b'w:w="11906"', f'w:w="{width}"'.encode())
    assert read_docx(blob).page_size == "A4"


def test_a_footnote_mark_whose_footnote_is_missing_from_the_part(docx_bytes, lang):
    from drafter.readers.docx import read_docx

    blob = _edited(docx_bytes[lang], "word/footnotes.xml", b'w:id="3"', b'w:id="33"')
    document = read_docx(blob)
    assert document.footnote(3) is None
    assert [note.number for note in document.footnotes] == [1, 2, 4, 5, 6, 7, 8]
    findings = check_document(document, "docx", "x.docx", all_rules())
    assert {finding.code for finding in findings} == {"F502"}
    assert len(findings) == 2  # the mark points nowhere; the footnote has no mark
