"""Reading Word files: our own, and ours after LibreOffice re-saved them, give back the tree."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from conftest import convert
from drafter.composer import compose
from drafter.document import Document, FootnoteRef, Run
from drafter.readers import ReadFailure
from drafter.readers.docx import read_docx
from drafter.writers.docx import write_docx


def _words(document: Document) -> list[str]:
    """Every body block and footnote, marks shown as [n], whitespace normalised."""
    def flat(inlines: list) -> str:
        return " ".join("".join(f"[{item.number}]" if isinstance(item, FootnoteRef) else item.text
                                for item in inlines).split())
    return ([flat(block.inlines) for block in document.blocks()]
            + [flat(note.content.inlines) for note in document.footnotes])


def test_our_docx_reads_back_as_the_composed_document(example, docx_bytes, lang):
    read = read_docx(docx_bytes[lang])
    composed = compose(example, lang)
    assert read.lang == lang
    assert read.preface.symbol == "A/RES/77/13"
    assert read.issued == example.distribution_date
    assert _words(read) == _words(composed)
    assert [p.num for p in read.operative] == [p.num for p in composed.operative]


def test_a_libreoffice_resave_reads_the_same(example, resaved_docx, lang):
    read = read_docx(resaved_docx[lang])
    assert _words(read) == _words(compose(example, lang))
    assert [note.number for note in read.footnotes] == list(range(1, len(read.footnotes) + 1))


def test_footnotes_follow_reference_ids_not_their_order_in_the_part(docx_bytes):
    """Swap the ids of the first two footnotes everywhere: the reader still pairs each mark with
    its own body, numbered in the order of the marks."""
    blob = docx_bytes["fr"]
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for name in ("word/document.xml", "word/footnotes.xml"):
        parts[name] = (parts[name].replace(b'w:id="1"', b'w:id="X"').replace(b'w:id="2"', b'w:id="1"')
                       .replace(b'w:id="X"', b'w:id="2"'))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    read = read_docx(buffer.getvalue())
    assert read.footnotes[0].content.text() == "A/77/277-S/2022/606."
    assert read.footnotes[1].content.text() == "Résolution 49/57, annexe."


def test_runs_keep_italic_and_superscript(docx_bytes):
    read = read_docx(docx_bytes["fr"])
    assert read.operative[0].content.inlines[0] == Run("Accueille avec satisfaction", italic=True)
    assert read.conclusions is not None
    assert Run("e", superscript=True) in read.conclusions.meeting.inlines
    assert read.preamble[0].name == "having_considered"
    assert read.operative[-1].name == "decides"


def test_language_is_detected_or_imposed(docx_bytes):
    assert read_docx(docx_bytes["en"]).lang == "en"
    with pytest.raises(ReadFailure, match="L'Assemblée générale"):
        read_docx(docx_bytes["en"], "fr")


def test_automatic_numbering_is_recognised_by_the_operative_verbs(docx_bytes):
    """Word's own list numbering leaves no "1." in the text; the verbs mark the operative part."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes["en"])) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/document.xml"], count = re.subn(rb"<w:r><w:t>\d+\.</w:t><w:tab/></w:r>", b"",
                                                parts["word/document.xml"])
    assert count == 9
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    read = read_docx(buffer.getvalue())
    assert len(read.preamble) == 15
    assert [p.num for p in read.operative] == [f"{n}." for n in range(1, 10)]
    assert read.operative[0].content.text().startswith("Welcomes with appreciation the report")


def test_a_tracked_draft_reads_as_its_changes_accepted(example, lang):
    import datetime as dt

    from drafter.commands.followup import follow_up
    from drafter.revisions import tracked_docx
    from drafter.writers.docx import write_docx

    draft = compose(follow_up(example, 79, "A/79/302", None).resolution, lang)
    tracked = tracked_docx(compose(example, lang), draft, "drafter", dt.datetime(2024, 11, 25))
    assert _words(read_docx(tracked)) == _words(read_docx(write_docx(draft)))


def _typed_word(*paragraphs: list[tuple[str, bool]]) -> bytes:
    """A Word file of paragraphs, each a list of (text, superscript) runs, made with python-docx."""
    from docx import Document as new_docx

    word = new_docx()
    for runs in paragraphs:
        paragraph = word.add_paragraph()
        for text, superscript in runs:
            paragraph.add_run(text).font.superscript = superscript or None
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def test_typed_marks_and_notes_keep_their_printed_numbers_and_a_number_typed_again_is_a_repeat():
    blob = _typed_word(
        [("The General Assembly,", False)],
        [("Recalling its resolutions,¹ and the Charter,²,³ ", False)],
        [("1.\tRequests", False), (" the report,", False), ("1", True), (" as before;", False)],
        [("¹ Resolution 49/57.", False)],
        [("2", True), ("\tA/77/277.", False)],
        [("³\tA/77/278.", False)])
    document = read_docx(blob)
    marks = [(item.number, item.repeat) for block in document.blocks() for item in block.inlines
             if isinstance(item, FootnoteRef)]
    assert marks == [(1, False), (2, False), (3, False), (1, True)]
    assert [(note.number, note.content.text()) for note in document.footnotes] == [
        (1, "Resolution 49/57."), (2, "A/77/277."), (3, "A/77/278.")]
    assert [d.kind for d in document.deviations if d.kind == "typed_footnotes"] == ["typed_footnotes"]


def test_superscript_text_that_is_no_footnote_number_stays_text():
    """Ordinals (39ᵉ, 1ᵉʳ) and long superscript numbers are text; with no typed note, no mark."""
    blob = _typed_word(
        [("L'Assemblée générale,", False)],
        [("Rappelant la 39", False), ("e", True), (" séance et le 1", False), ("er", True),
         (" août, ainsi que 12345", False), ("67890", True), (",", False)])
    document = read_docx(blob)
    assert not document.footnotes and not document.deviations
    assert not any(isinstance(item, FootnoteRef) for block in document.blocks() for item in block.inlines)


def test_a_revised_draft_reads_back_with_its_original_language(revised, lang):
    composed = compose(revised, lang)
    read = read_docx(write_docx(composed))
    assert read.preface.symbol == "A/79/L.20/Rev.1"
    assert _words(read) == _words(composed)
    for line in ("translation", "original", "sponsors"):
        block = getattr(composed.preface, line)
        assert getattr(read.preface, line) == block, line
    assert read.deviations == []


def test_a_libreoffice_resave_of_a_revised_draft_reads_the_same(revised, soffice, tmp_path):
    for lang in ("en", "fr"):
        composed = compose(revised, lang)
        source = tmp_path / f"revised.{lang}.docx"
        source.write_bytes(write_docx(composed))
        resaved = convert(soffice, source, "docx:MS Word 2007 XML", tmp_path / "out")
        read = read_docx(resaved.read_bytes())
        assert read.preface.symbol == "A/79/L.20/Rev.1"
        assert _words(read) == _words(composed)
        assert read.deviations == []


def _typed_spaces(document: Document) -> list[tuple[str, str]]:
    """The typed double spaces the reader noticed: (the paragraph's text, the words quoted)."""
    return [(d.block.text() if d.block else "", d.found) for d in document.deviations
            if d.kind == "typed_spaces"]


def test_spaces_typed_twice_in_a_word_file_are_noticed_in_their_paragraph_and_read_as_one():
    """In a Word file every space is typed (layout is tabs and breaks): two in a row between words
    are a slip the rules report, quoted with the words around; the tree reads one space."""
    blob = _typed_word(
        [("The General Assembly,", False)],
        [("Recalling", False), (" its resolution 49/57  and the Charter ", False),
         (" of the United Nations,", False), ("1", True)],
        [("1.\tRequests", False), (" the report ", False), (" of the Secretary-General;", False)],
        [("2.\tDecides  to include the item.", False)],
        [("1", True), ("\tSee  Official Records.", False)])  # a footnote typed by hand
    document = read_docx(blob)
    assert _typed_spaces(document) == [
        ("Recalling its resolution 49/57 and the Charter of the United Nations,",
         "resolution 49/57  and the"),  # the first of two: one finding per paragraph
        ("Requests the report of the Secretary-General;", "the report  of the"),
        ("Decides to include the item.", "Decides  to include"),
        ("See Official Records.", "See  Official Records."),
    ]


def test_tabs_breaks_and_the_spaces_at_the_ends_of_a_word_paragraph_are_layout():
    blob = _typed_word(
        [("The General Assembly,", False)],
        [("  Recalling its resolution 49/57 \t and the Charter,   ", False)],
        [("1.  Requests the report of the ", False)],
        [(" secretariat of the Organization.", False)])  # cut by a stray break: rejoined
    document = read_docx(blob)
    assert _typed_spaces(document) == []
    assert document.operative[0].content.text() == "Requests the report of the secretariat of the Organization."


def test_the_same_spaces_in_a_text_file_are_layout():
    """A text file (a PDF's text, justified lines) spaces words as it lays them out."""
    from drafter.readers.text import read_text

    document = read_text("The General Assembly,\n\nRecalling its resolution 49/57  and the Charter,\n\n"
                         "1.  Requests the report  of the Secretary-General.\n")
    assert _typed_spaces(document) == []
    assert document.preamble[0].content.text() == "Recalling its resolution 49/57 and the Charter,"


def _with_header(blob: bytes, part: str, symbol: str) -> bytes:
    """The file with the symbol of one running-header part replaced."""
    source = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part:
                data = re.sub(rb"A/RES/77/13", symbol.encode(), data)
            target.writestr(info, data)
    return out.getvalue()


def test_the_running_headers_symbols_are_read_for_the_rules(docx_bytes, lang):
    assert read_docx(docx_bytes[lang]).preface.running_symbols == ("A/RES/77/13",)
    changed = read_docx(_with_header(docx_bytes[lang], "word/header3.xml", "A/RES/77/14"))
    assert changed.preface.running_symbols == ("A/RES/77/13", "A/RES/77/14")
    assert changed.preface.symbol == "A/RES/77/13"


def test_a_revised_drafts_running_header_reads_with_its_revision(revised, lang):
    read = read_docx(write_docx(compose(revised, lang)))
    assert read.preface.running_symbols == ("A/79/L.20/Rev.1",)
