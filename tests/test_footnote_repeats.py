"""A footnote cited twice: the same {fn|…} text again is the same footnote, shown with its number
again (a NOTEREF field in Word), read back as a repeat mark, and accepted by F501/F502."""

from __future__ import annotations

import pytest

from conftest import EXAMPLE, W, part_xml

from drafter.composer import compose
from drafter.document import FootnoteRef
from drafter.resolution import Resolution
from drafter.rules import all_rules
from drafter.source import load
from drafter.commands.validate import check_document
from drafter.writers.docx import write_docx

#: The Declaration's footnote (footnote 2) cited again in the last preambular paragraph.
AGAIN = {"en": "Resolution {res|49/57}, annex.", "fr": "Résolution {res|49/57}, annexe."}


def cited_again() -> Resolution:
    source = load(EXAMPLE).model_dump(mode="json")
    last = source["preamble"][-1]
    for code in ("en", "fr"):
        last[code] += "{fn|" + AGAIN[code] + "}"
    return Resolution.model_validate(source)


def _marks(document) -> list[FootnoteRef]:
    return [item for block in document.blocks() for item in block.inlines
            if isinstance(item, FootnoteRef)]


def test_the_same_footnote_text_again_is_a_repeat_of_the_first(lang):
    document = compose(cited_again(), lang)
    plain = compose(load(EXAMPLE), lang)
    assert len(document.footnotes) == len(plain.footnotes)
    repeats = [mark for mark in _marks(document) if mark.repeat]
    assert repeats == [FootnoteRef(2, repeat=True)]
    last = document.preamble[-1].content.inlines
    assert FootnoteRef(2, repeat=True) in last


def test_word_shows_the_number_again_with_a_noteref_to_a_bookmark_on_the_first_mark(lang):
    body = part_xml(write_docx(compose(cited_again(), lang)), "word/document.xml")
    fields = [t.text for t in body.iter(f"{W}instrText")]
    assert fields == [" NOTEREF _RefFootnote2 \\f \\h "]
    bookmarks = list(body.iter(f"{W}bookmarkStart"))
    assert [b.get(f"{W}name") for b in bookmarks] == ["_RefFootnote2"]
    marked = bookmarks[0].getnext()
    assert marked.find(f"{W}footnoteReference").get(f"{W}id") == "2"
    # The field's shown result is the number, formatted as a footnote reference.
    result = [r for r in body.iter(f"{W}r") if r.findtext(f"{W}t") == "2"
              and r.find(f"{W}rPr/{W}rStyle") is not None]
    assert result and result[0].find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "FootnoteReference"


def test_a_repeat_mark_passes_the_footnote_rules(lang):
    findings = check_document(compose(cited_again(), lang), "source", "x.yaml", all_rules())
    assert not [f for f in findings if f.code.startswith("F5")]


def test_a_repeat_before_the_first_mark_is_reported(lang):
    document = compose(cited_again(), lang)
    first = document.preamble[0].content
    first.inlines = [*first.inlines, FootnoteRef(4, repeat=True)]
    codes = [f.code for f in check_document(document, "docx", "x.docx", all_rules())
             if f.code.startswith("F5")]
    assert codes == ["F502"]


@pytest.mark.parametrize("code", ["en", "fr"])
def test_a_second_plain_mark_of_one_footnote_is_still_reported(code):
    document = compose(load(EXAMPLE), code)
    last = document.preamble[-1].content
    last.inlines = [*last.inlines, FootnoteRef(1)]
    codes = [f.code for f in check_document(document, "docx", "x.docx", all_rules())]
    assert "F502" in codes


def test_the_readers_give_back_the_repeat_mark(lang):
    from drafter.readers.docx import read_docx
    from drafter.readers.text import read_text
    from drafter.writers.text import write_text

    document = compose(cited_again(), lang)
    for read_back in (read_docx(write_docx(document)), read_text(write_text(document))):
        assert _marks(read_back) == _marks(document)
        assert len(read_back.footnotes) == len(document.footnotes)


def test_a_libreoffice_resave_keeps_the_cross_reference(soffice, tmp_path, lang):
    from conftest import convert
    from drafter.readers.docx import read_docx

    document = compose(cited_again(), lang)
    source = tmp_path / f"again.{lang}.docx"
    source.write_bytes(write_docx(document))
    resaved = convert(soffice, source, "docx:MS Word 2007 XML", tmp_path / "out")
    assert _marks(read_docx(resaved.read_bytes())) == _marks(document)
