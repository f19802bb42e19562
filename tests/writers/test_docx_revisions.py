"""Revision marks in the Word file: their XML as Word writes it, and what LibreOffice makes of it
(shows both versions, keeps the marks on a re-save, accepts to the draft, rejects to the old text)."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from lxml import etree

from conftest import W, convert, part_xml
from drafter.composer import compose
from drafter.document import Block, Footnote, FootnoteRef, Run
from drafter.resolution import Resolution
from drafter.revisions import diff_documents, tracked_docx
from drafter.writers.docx import write_docx
from tracking import follow_up, footnotes_in_order, paragraph_texts

AUTHOR = "GA Affairs Branch"
WHEN = dt.datetime(2024, 9, 1)
PARTS = ("word/document.xml", "word/footnotes.xml", "word/header1.xml",
                  "word/header3.xml")
#: Words of the old and the new version that a reader must see in the tracked file.
SEEN = {"en": ["A/RES/77/13", "A/79/L.99", "Seventy-seventh", "Seventy-ninth", "39th plenary meeting",
               "Armenia and Belarus"],
        "fr": ["A/RES/77/13", "A/79/L.99", "Soixante-dix-septième", "Soixante-dix-neuvième",
               "39e séance plénière", "Arménie et Bélarus"]}
_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Resolve(source As String, target As String, command As String)
  Dim hidden(0) As New com.sun.star.beans.PropertyValue
  hidden(0).Name = "Hidden"
  hidden(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(source), "_blank", 0, hidden())
  helper = createUnoService("com.sun.star.frame.DispatchHelper")
  helper.executeDispatch(doc.getCurrentController().getFrame(), ".uno:" &amp; command, "", 0, Array())
  Dim word(0) As New com.sun.star.beans.PropertyValue
  word(0).Name = "FilterName"
  word(0).Value = "MS Word 2007 XML"
  doc.storeToURL(ConvertToURL(target), word())
  doc.close(True)
End Sub
</script:module>
"""


@pytest.fixture(scope="module")
def tracked(example: Resolution) -> dict[str, bytes]:
    return {code: tracked_docx(compose(example, code), compose(follow_up(example), code),
                               AUTHOR, WHEN) for code in ("en", "fr")}


def _marks(blob: bytes) -> list[etree._Element]:
    return [mark for name in PARTS for mark in part_xml(blob, name).iter(f"{W}ins", f"{W}del")]


def test_marks_are_signed_and_numbered_1_to_n_in_document_order(tracked, lang):
    marks = _marks(tracked[lang])
    assert [int(mark.get(f"{W}id")) for mark in marks] == list(range(1, len(marks) + 1))
    assert {(mark.get(f"{W}author"), mark.get(f"{W}date")) for mark in marks} == {
        (AUTHOR, "2024-09-01T00:00:00Z")}


def test_deleted_text_is_del_text_and_inserted_text_is_text(tracked, lang):
    marks = _marks(tracked[lang])
    deleted = [mark for mark in marks if mark.tag == f"{W}del"]
    inserted = [mark for mark in marks if mark.tag == f"{W}ins"]
    assert all(mark.find(f".//{W}t") is None for mark in deleted)
    assert all(mark.find(f".//{W}delText") is None for mark in inserted)
    assert "A/RES/77/13" in {t.text for mark in deleted for t in mark.iter(f"{W}delText")}
    assert "A/79/L.99" in {t.text for mark in inserted for t in mark.iter(f"{W}t")}


def test_whole_paragraphs_mark_their_paragraph_mark_last_in_its_properties(tracked, lang):
    body = part_xml(tracked[lang], "word/document.xml")
    marked = [ppr for ppr in body.iter(f"{W}pPr") if ppr.find(f"{W}rPr") is not None]
    assert marked
    for ppr in marked:
        assert ppr[-1].tag == f"{W}rPr"
        assert [child.tag for child in ppr[-1]] in ([f"{W}ins"], [f"{W}del"])
    paragraphs = list(body.iter(f"{W}p"))
    assert paragraphs[-1].find(f"{W}pPr/{W}rPr") is None  # the final mark stays


def test_the_report_footnote_body_changes_inside_footnotes_xml(tracked, lang):
    notes = part_xml(tracked[lang], "word/footnotes.xml")
    report = next(note for note in notes.iter(f"{W}footnote") if note.get(f"{W}id") == "1")
    assert [t.text for t in report.iter(f"{W}delText")] == ["A/77/277-S/2022/606"]
    assert [t.text for mark in report.iter(f"{W}ins") for t in mark.iter(f"{W}t")] == ["A/79/302"]
    assert "".join(t.text for t in report.iter(f"{W}t")).endswith("A/79/302.")  # the stop stays
    assert report.find(f".//{W}footnoteRef").getparent().getparent().tag == f"{W}p"


@pytest.mark.parametrize("kind", ["ins", "del"])
def test_a_whole_inserted_or_deleted_footnote_has_its_mark_and_body_marked(example, kind):
    plain = compose(example, "en")
    annotated = compose(example, "en")
    number = len(annotated.footnotes) + 1
    annotated.operative[-1].content.inlines.append(FootnoteRef(number))
    annotated.footnotes.append(Footnote(number, Block([Run("A new source.")])))
    old, new = (plain, annotated) if kind == "ins" else (annotated, plain)
    blob = tracked_docx(old, new, AUTHOR, WHEN)
    refs = list(part_xml(blob, "word/document.xml").iter(f"{W}footnoteReference"))
    assert [ref.getparent().getparent().tag for ref in refs].count(f"{W}{kind}") == 1
    assert refs[-1].getparent().getparent().tag == f"{W}{kind}"
    notes = part_xml(blob, "word/footnotes.xml")
    note = next(n for n in notes.iter(f"{W}footnote") if n.get(f"{W}id") == refs[-1].get(f"{W}id"))
    assert note.find(f".//{W}footnoteRef").getparent().getparent().tag == f"{W}{kind}"
    text = "t" if kind == "ins" else "delText"
    assert [t.text for mark in note.iter(f"{W}{kind}") for t in mark.iter(f"{W}{text}")] == [
        "A new source."]


def test_track_changes_is_on_in_a_tracked_file_only(tracked, docx_bytes, lang):
    setting = f"{W}trackRevisions"
    assert part_xml(tracked[lang], "word/settings.xml").find(setting) is not None
    assert part_xml(docx_bytes[lang], "word/settings.xml").find(setting) is None


def test_revision_marks_need_an_author_and_a_date(example):
    tracked = diff_documents(compose(example, "en"), compose(follow_up(example), "en"))
    with pytest.raises(ValueError, match="author"):
        write_docx(tracked)
    with pytest.raises(ValueError, match="both"):
        write_docx(tracked, author=AUTHOR)


def test_the_date_is_written_in_utc(example):
    tracked = diff_documents(compose(example, "en"), compose(follow_up(example), "en"))
    paris = dt.timezone(dt.timedelta(hours=2))
    blob = write_docx(tracked, author=AUTHOR, when=dt.datetime(2024, 9, 1, 14, 30, tzinfo=paris))
    assert {mark.get(f"{W}date") for mark in _marks(blob)} == {"2024-09-01T12:30:00Z"}


def test_libreoffice_shows_both_versions_and_keeps_the_marks(tracked, lang, soffice, tmp_path):
    source = tmp_path / f"tracked-{lang}.docx"
    source.write_bytes(tracked[lang])
    pdf = convert(soffice, source, "pdf", tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    for words in SEEN[lang]:
        assert words in " ".join(text.split()), words
    resaved_dir = tmp_path / "resaved"
    resaved = convert(soffice, source, "docx:MS Word 2007 XML", resaved_dir).read_bytes()
    marks = _marks(resaved)
    deleted = {t.text for mark in marks if mark.tag == f"{W}del" for t in mark.iter(f"{W}delText")}
    inserted = {t.text for mark in marks if mark.tag == f"{W}ins" for t in mark.iter(f"{W}t")}
    assert "A/RES/77/13" in deleted and "A/79/L.99" in inserted


def test_libreoffice_accepts_to_the_draft_and_rejects_to_the_resolution(
        tracked, lang, example, soffice, tmp_path):
    source = tmp_path / f"tracked-{lang}.docx"
    source.write_bytes(tracked[lang])
    convert(soffice, source, "pdf", tmp_path)  # creates the LibreOffice profile
    profile = tmp_path / ".lo-profile"
    (profile / "user" / "basic" / "Standard" / "Module1.xba").write_text(_MACRO, encoding="utf-8")
    expected = {"Accept": write_docx(compose(follow_up(example), lang)),
                "Reject": write_docx(compose(example, lang))}
    for command, clean in expected.items():
        target = tmp_path / f"{command}.docx"
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        f'macro:///Standard.Module1.Resolve("{source}","{target}",'
                        f'"{command}AllTrackedChanges")'],
                       check=True, capture_output=True, timeout=180)
        resolved = target.read_bytes()
        assert paragraph_texts(resolved) == paragraph_texts(clean), command
        assert footnotes_in_order(resolved) == footnotes_in_order(clean), command
