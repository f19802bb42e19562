"""The Word file, read as XML and through python-docx: footnotes, italics, superscripts,
numbering, headers and footers, page size, and parity between English and French."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document as open_docx
from lxml import etree

from conftest import W, body_paragraphs, footnote_texts, part_xml
from drafter.composer import compose
from drafter.source import load
from drafter.writers.docx import write_docx

FIXTURES = Path(__file__).parents[1] / "fixtures"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
#: A General Assembly resolution number in running text (not inside a symbol such as A/77/277).
GA_CITATION = re.compile(r"(?<![/\w-])(?:S-)?\d{1,3}/\d{1,4}\b(?!/)")


@pytest.fixture(scope="module")
def draft_docx() -> dict[str, bytes]:
    draft = load(FIXTURES / "draft-coe.yaml")
    return {code: write_docx(compose(draft, code)) for code in ("en", "fr")}


def _body(blob: bytes) -> etree._Element:
    return part_xml(blob, "word/document.xml").find(f"{W}body")


def _styled(blob: bytes, style: str) -> list[etree._Element]:
    return [p for p in _body(blob).iter(f"{W}p")
            if p.find(f"{W}pPr/{W}pStyle") is not None
            and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == style]


def _runs(p: etree._Element) -> list[etree._Element]:
    return p.findall(f"{W}r")


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def _has(run: etree._Element, prop: str, val: str | None = None) -> bool:
    found = run.find(f"{W}rPr/{W}{prop}")
    return found is not None and (val is None or found.get(f"{W}val") == val)


def _references(blob: bytes) -> list[int]:
    return [int(ref.get(f"{W}id")) for ref in _body(blob).iter(f"{W}footnoteReference")]


# -- footnotes ------------------------------------------------------------------------------

def test_footnote_ids_are_1_to_n_in_document_order_with_one_reference_each(docx_bytes, lang):
    blob = docx_bytes[lang]
    assert _references(blob) == list(range(1, 8))
    assert sorted(footnote_texts(blob)) == list(range(1, 8))


def test_the_footnotes_part_has_the_two_separators(docx_bytes, lang):
    notes = part_xml(docx_bytes[lang], "word/footnotes.xml").findall(f"{W}footnote")
    assert [(n.get(f"{W}id"), n.get(f"{W}type")) for n in notes[:2]] == [
        ("-1", "separator"), ("0", "continuationSeparator")]
    assert notes[0].find(f".//{W}separator") is not None
    assert notes[1].find(f".//{W}continuationSeparator") is not None


def test_each_footnote_body_opens_with_its_own_mark(docx_bytes, lang):
    for note in part_xml(docx_bytes[lang], "word/footnotes.xml").findall(f"{W}footnote")[2:]:
        first = _runs(note.find(f"{W}p"))[0]
        assert first.find(f"{W}footnoteRef") is not None


def test_the_footnotes_part_is_related_to_the_document(docx_bytes):
    rels = part_xml(docx_bytes["fr"], "word/_rels/document.xml.rels")
    targets = {rel.get("Target"): rel.get("Type") for rel in rels}
    assert targets["footnotes.xml"].endswith("/footnotes")


def test_english_footnote_reference_runs_come_after_the_comma(docx_bytes):
    paragraph = _styled(docx_bytes["en"], "Preambular")[0]
    runs = _runs(paragraph)
    index = [i for i, r in enumerate(runs) if r.find(f"{W}footnoteReference") is not None][0]
    assert _text(runs[index - 1]).endswith("organizations,")
    assert index == len(runs) - 1


def test_french_footnote_reference_runs_come_before_the_comma(docx_bytes):
    paragraph = _styled(docx_bytes["fr"], "Preambular")[0]
    runs = _runs(paragraph)
    index = [i for i, r in enumerate(runs) if r.find(f"{W}footnoteReference") is not None][0]
    assert _text(runs[index - 1]).endswith("autres")
    assert _text(runs[index + 1]) == ","


def test_footnote_reference_runs_use_the_reference_style(docx_bytes):
    for ref in _body(docx_bytes["fr"]).iter(f"{W}footnoteReference"):
        assert _has(ref.getparent(), "rStyle", "FootnoteReference")


# -- italics, numbers, superscripts ----------------------------------------------------------

def test_the_first_run_of_every_preambular_paragraph_is_italic(docx_bytes, lang):
    paragraphs = _styled(docx_bytes[lang], "Preambular")
    assert len(paragraphs) == 15
    for paragraph in paragraphs:
        first, second = _runs(paragraph)[:2]
        assert _has(first, "i"), _text(first)
        assert not _has(second, "i"), _text(second)


def test_operative_paragraphs_open_with_their_number_a_tab_and_an_italic_verb(docx_bytes):
    paragraphs = _styled(docx_bytes["en"], "Operative")
    assert len(paragraphs) == 9
    for number, paragraph in enumerate(paragraphs, start=1):
        numbering, verb = _runs(paragraph)[:2]
        assert _text(numbering) == f"{number}."
        assert numbering.find(f"{W}tab") is not None
        assert not _has(numbering, "i")
        assert _has(verb, "i")
    assert _text(_runs(paragraphs[-1])[1]) == "Decides"


def test_39e_has_a_superscript_e_in_the_closing(docx_bytes):
    closing = _styled(docx_bytes["fr"], "Closing")[0]
    runs = _runs(closing)
    assert [_text(r) for r in runs] == ["39", "e", " séance plénière"]
    assert _has(runs[1], "vertAlign", "superscript")
    assert not _has(runs[0], "vertAlign")


def test_1er_in_the_footnotes_has_a_superscript_er(docx_bytes):
    notes = part_xml(docx_bytes["fr"], "word/footnotes.xml")
    superscripts = [r for r in notes.iter(f"{W}r")
                    if _has(r, "vertAlign", "superscript") and _text(r) == "er"]
    assert len(superscripts) == 2  # "1er août 2009" and "1er août 2013"
    for run in superscripts:
        following = run.getnext()
        assert _text(following).startswith("\u00a0août")
        assert _has(run, "i")


def test_english_has_no_superscript_in_the_body(docx_bytes):
    assert not [r for r in _body(docx_bytes["en"]).iter(f"{W}r") if _has(r, "vertAlign")]


def test_no_break_spaces_are_written_as_characters(docx_bytes):
    notes = part_xml(docx_bytes["fr"], "word/footnotes.xml")
    assert "S/PRST/2010/1\u202f; voir" in "".join(_text(n) for n in notes)
    assert "autres\u00a0: coopération" in _text(_styled(docx_bytes["fr"], "AgendaTitle")[0])


def test_text_with_edge_spaces_is_preserved(docx_bytes):
    space = "{http://www.w3.org/XML/1998/namespace}space"
    for t in _body(docx_bytes["en"]).iter(f"{W}t"):
        if t.text != t.text.strip():
            assert t.get(space) == "preserve", repr(t.text)


# -- page, headers, footers -----------------------------------------------------------------

def test_a4_is_the_default_page(docx_bytes):
    size = _body(docx_bytes["en"]).find(f"{W}sectPr/{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")


def test_a_letter_page_is_8_5_by_11_inches(draft_docx, lang):
    size = _body(draft_docx[lang]).find(f"{W}sectPr/{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("12240", "15840")


def test_the_first_page_has_its_own_header_and_footer_and_even_pages_theirs(docx_bytes):
    section = _body(docx_bytes["fr"]).find(f"{W}sectPr")
    assert section.find(f"{W}titlePg") is not None
    kinds = {(ref.tag, ref.get(f"{W}type")) for ref in section
             if ref.tag in (f"{W}headerReference", f"{W}footerReference")}
    assert kinds == {(f"{W}{tag}Reference", which) for tag in ("header", "footer")
                     for which in ("default", "first", "even")}


def _related_part(blob: bytes, kind: str, which: str) -> etree._Element:
    section = _body(blob).find(f"{W}sectPr")
    ref = [r for r in section.findall(f"{W}{kind}Reference") if r.get(f"{W}type") == which][0]
    rels = part_xml(blob, "word/_rels/document.xml.rels")
    target = [rel.get("Target") for rel in rels if rel.get("Id") == ref.get(R_ID)][0]
    return part_xml(blob, f"word/{target}")


def test_the_running_header_shows_the_symbol(docx_bytes, draft_docx):
    assert _text(_related_part(docx_bytes["fr"], "header", "default")) == "A/RES/77/13"
    assert _text(_related_part(draft_docx["en"], "header", "default")) == "A/79/L.20"
    assert _text(_related_part(docx_bytes["fr"], "header", "first")) == ""


def test_the_footer_has_a_page_field(docx_bytes):
    footer = _related_part(docx_bytes["en"], "footer", "default")
    instructions = [f.get(f"{W}instr").strip() for f in footer.iter(f"{W}fldSimple")]
    assert "PAGE" in instructions


# -- parity and readers ---------------------------------------------------------------------

def _counts(blob: bytes) -> tuple[int, int, int, int]:
    text = " ".join(body_paragraphs(blob)) + " " + " ".join(footnote_texts(blob).values())
    return (len(_styled(blob, "Preambular")), len(_styled(blob, "Operative")),
            len(footnote_texts(blob)), len(GA_CITATION.findall(text)))


def test_english_and_french_have_the_same_paragraphs_footnotes_and_citations(docx_bytes):
    english, french = _counts(docx_bytes["en"]), _counts(docx_bytes["fr"])
    assert english == french
    assert english[:3] == (15, 9, 7)
    assert english[3] == 12  # 77/13, 59/50, 64/256 … 75/276, 49/57, 60/288, S-30/1


def test_the_same_resolutions_are_cited_in_both_languages(docx_bytes):
    def cited(blob: bytes) -> list[str]:
        text = " ".join(body_paragraphs(blob)) + " " + " ".join(footnote_texts(blob).values())
        return sorted(GA_CITATION.findall(text))

    assert cited(docx_bytes["en"]) == cited(docx_bytes["fr"])


def test_python_docx_reads_the_paragraphs(docx_bytes):
    paragraphs = body_paragraphs(docx_bytes["en"])
    assert paragraphs[0] == "United Nations\tA/RES/77/13"
    assert "The General Assembly," in paragraphs
    assert paragraphs[-2:] == ["39th plenary meeting", "21\u00a0November\u00a02022"]


def test_the_document_language_is_set(docx_bytes):
    core = open_docx(io.BytesIO(docx_bytes["fr"])).core_properties
    assert core.language == "fr-FR"
    assert core.title == ("Coopération entre l'Organisation des Nations Unies et l'Organisation du "
                          "Traité de sécurité collective")
    styles = part_xml(docx_bytes["fr"], "word/styles.xml")
    assert "fr-FR" in {node.get(f"{W}val") for node in styles.iter(f"{W}lang")}


def test_sub_paragraphs_are_written_with_their_labels(draft_docx):
    texts = [_text(p) for p in _styled(draft_docx["fr"], "Subparagraph")]
    assert texts == ["a)les droits de l'homme, notamment\u00a0:", "b)la démocratie\u202f;"]
    nested = [_text(p) for p in _styled(draft_docx["fr"], "Subparagraph2")]
    assert nested == ["i)la liberté d'expression\u202f;", "ii)l'état de droit\u202f;"]


def test_a_draft_writes_its_sponsors_and_no_closing(draft_docx):
    paragraphs = body_paragraphs(draft_docx["en"])
    assert "Armenia, Belarus and Kazakhstan: draft resolution" in paragraphs
    assert "Distr.: Limited" in paragraphs[1]
    assert not _styled(draft_docx["en"], "Closing")


# -- revised drafts and the original language -------------------------------------------------

@pytest.fixture(scope="module")
def revised_docx() -> dict[str, bytes]:
    """The fixture draft revised (A/79/L.20/Rev.1) and submitted in French."""
    draft = load(FIXTURES / "draft-coe.yaml").model_copy(
        update={"symbol": "A/79/L.20/Rev.1", "original": "fr"})
    return {code: write_docx(compose(draft, code)) for code in ("en", "fr")}


def _column(blob: bytes) -> list[str]:
    """The lines of the distribution column under the organ: the date paragraph, cut at its
    line breaks, without the tabs that place it."""
    date_line = _styled(blob, "Masthead")[1]
    lines, current = [], []
    for element in date_line.iter(f"{W}t", f"{W}br"):
        if element.tag == f"{W}br":
            lines.append("".join(current))
            current = []
        else:
            current.append(element.text or "")
    return [*lines, "".join(current)]


def test_the_original_language_stands_under_the_date_after_a_blank_line(draft_docx):
    assert _column(draft_docx["en"]) == ["4\u00a0November\u00a02024", "", "Original: English"]
    assert _column(draft_docx["fr"]) == ["4\u00a0novembre\u00a02024", "", "Français",
                                         "Original\u00a0: anglais"]


def test_a_draft_submitted_in_french_names_the_english_translation(revised_docx):
    assert _column(revised_docx["en"]) == ["4\u00a0November\u00a02024", "", "English",
                                           "Original: French"]
    assert _column(revised_docx["fr"]) == ["4\u00a0novembre\u00a02024", "", "Original\u00a0: français"]


def test_the_rule_under_the_masthead_follows_the_original_line(draft_docx, lang):
    date_line = _styled(draft_docx[lang], "Masthead")[1]
    assert date_line.find(f"{W}pPr/{W}pBdr/{W}bottom") is not None
    assert date_line.getnext().find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "SessionItem"


def test_an_adopted_resolution_has_no_original_line(docx_bytes, lang):
    assert len(_column(docx_bytes[lang])) == 1


def test_a_revised_draft_prints_its_symbol_in_the_masthead_and_both_running_headers(revised_docx, lang):
    blob = revised_docx[lang]
    assert _text(_styled(blob, "Masthead")[0]).endswith("A/79/L.20/Rev.1")
    for kind in ("default", "even"):
        assert _text(_related_part(blob, "header", kind)) == "A/79/L.20/Rev.1"


def test_a_revised_draft_is_headed_revised_draft_resolution(revised_docx):
    assert _text(_styled(revised_docx["en"], "Committee")[0]) == (
        "Armenia, Belarus and Kazakhstan: revised draft resolution")
    assert _text(_styled(revised_docx["fr"], "Committee")[0]) == (
        "Arménie, Bélarus et Kazakhstan\u00a0: projet de résolution révisé")
