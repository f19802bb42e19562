"""Reading plain text: the reference extraction of 77/13 and drafter's own text output."""

from __future__ import annotations

from conftest import REFERENCE

from drafter.composer import compose
from drafter.document import Document, FootnoteRef, Run
from drafter.readers import read
from drafter.readers.text import read_text
from drafter.writers.text import write_text


def _words(document: Document) -> list[str]:
    def flat(inlines: list) -> str:
        return " ".join("".join(f"[{item.number}]" if isinstance(item, FootnoteRef) else item.text
                                for item in inlines).split())
    return ([flat(block.inlines) for block in document.blocks()]
            + [flat(note.content.inlines) for note in document.footnotes])


def test_the_reference_text_reads_as_the_composed_french(example):
    document = read(REFERENCE, None)
    assert document.lang == "fr"
    composed = compose(example, "fr")
    assert _words(document) == _words(composed)
    assert document.preface.symbol == "A/RES/77/13"  # the lost masthead line, from "77/13."


def test_a_paragraph_cut_by_a_page_of_footnotes_is_joined_again():
    document = read(REFERENCE, None)
    council = document.preamble[4].content.text()
    assert "celles du 13 janvier 2010 et du 6 août 2013, qui soulignent" in " ".join(council.split())
    assert len(document.footnotes) == 7


def test_our_text_output_reads_back(example, lang):
    composed = compose(example, lang)
    document = read_text(write_text(composed))
    assert document.lang == lang
    assert _words(document) == _words(composed)


def test_markers_become_formatting():
    text = REFERENCE.read_text(encoding="utf-8")
    document = read_text(text, "fr")
    assert document.operative[1].content.inlines[0] == Run("Note avec satisfaction", italic=True)
    assert document.conclusions is not None
    assert Run("e", italic=True, superscript=True) in document.conclusions.meeting.inlines
    assert document.preface.agenda_title.inlines[0].bold


def test_utf8_with_bom_and_utf16_are_read(tmp_path):
    text = REFERENCE.read_text(encoding="utf-8")
    for encoding in ("utf-8-sig", "utf-16"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        assert read(path, None).lang == "fr"


def test_a_revised_draft_reads_back_from_text_with_its_original_language(revised, lang):
    composed = compose(revised, lang)
    document = read_text(write_text(composed))
    assert document.preface.symbol == "A/79/L.20/Rev.1"
    assert _words(document) == _words(composed)
    for line in ("translation", "original", "sponsors"):
        assert getattr(document.preface, line) == getattr(composed.preface, line), line
    assert document.deviations == []


def test_a_hand_typed_header_in_capitals_gives_the_original_and_the_revision():
    text = ("United Nations A/79/L.20/Rev.1\n\nGeneral Assembly\n\nDISTR.: LIMITED\n4 November 2024\n"
            "ENGLISH\nORIGINAL: FRENCH\n\nSeventy-ninth session\n\nAgenda item 128 (h)\n\n"
            "Armenia and Belarus: revised draft resolution\n\n"
            "Cooperation between the United Nations and the Council of Europe\n\n"
            "The General Assembly,\n\n*Recalling* its resolutions,\n\n*Decides* to remain seized.\n")
    document = read_text(text)
    assert document.preface.translation.text() == "ENGLISH"
    assert document.preface.original.text() == "ORIGINAL: FRENCH"
    assert document.preface.sponsors.text() == "Armenia and Belarus: revised draft resolution"
    assert [d.kind for d in document.deviations] == []


def test_a_symbol_alone_on_a_line_after_the_formula_is_a_running_header(revised, lang):
    text = write_text(compose(revised, lang))
    lines = text.split("\n\n")
    lines.insert(len(lines) // 2, "A/79/L.20/Rev.1\n2/3")  # a page break in a PDF extraction
    document = read_text("\n\n".join(lines))
    assert document.preface.running_symbols == ("A/79/L.20/Rev.1",)
    assert _words(document) == _words(compose(revised, lang))


def test_a_symbol_alone_on_a_line_of_the_first_page_is_the_masthead_not_a_running_header(revised):
    text = write_text(compose(revised, "en")).replace("United Nations A/79/L.20/Rev.1",
                                                      "United Nations\n\nA/79/L.20/Rev.1")
    assert read_text(text).preface.running_symbols == ()
