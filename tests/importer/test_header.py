"""Importing the header and closing lines: the symbol, the original language and the sponsors
come back; what is missing is a visible placeholder, and noted."""

from __future__ import annotations

from conftest import edited_text

from drafter.composer import compose
from drafter.importer import import_document
from drafter.readers.docx import read_docx
from drafter.readers.text import read_text
from drafter.writers.docx import write_docx


def test_a_draft_without_report_paragraph_or_closing_gets_placeholders(example):
    text = edited_text(example, "en", "*39th plenary meeting\n21\u00a0November\u00a02022*\n\n", "")
    text = text.replace(text[text.index("*Having considered*"): text.index("*Recalling* the Articles")], "")
    notes: list[str] = []
    got = import_document(read_text(text), notes)
    assert got.report == "A/77/xxx" and got.adoption is not None and got.adoption.meeting == 999
    assert any("report" in note for note in notes) and any("meeting" in note for note in notes)


def test_a_revised_draft_imports_back_from_either_language_alone_with_its_original(revised, lang):
    got = import_document(read_docx(write_docx(compose(revised, lang))))
    assert (got.symbol, got.original) == ("A/79/L.20/Rev.1", revised.original)
    assert [sponsor.model_dump()[lang] for sponsor in got.sponsors] == [
        sponsor.model_dump()[lang] for sponsor in revised.sponsors]
