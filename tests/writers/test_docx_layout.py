"""The page as the UN prints it, in the Word XML: dates that never split across lines, the closing
lines kept with the last operative paragraph, widow and orphan control, running headers and page
numbers mirrored on even and odd pages, and one italic form for Official Records citations."""

from __future__ import annotations

import re

import pytest

from conftest import W, part_xml
from drafter.composer import compose
from drafter.language import language
from drafter.resolution import Resolution
from drafter.writers.docx import write_docx

R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _texts(blob: bytes) -> list[str]:
    """Every paragraph's text, body and footnotes, tabs included."""
    out = []
    for part in ("word/document.xml", "word/footnotes.xml"):
        for p in part_xml(blob, part).iter(f"{W}p"):
            out.append("".join(t.text or "" for t in p.iter(f"{W}t")))
    return out


def _date_with_a_breaking_space(lang: str) -> re.Pattern[str]:
    months = "|".join(language(lang).months)
    return re.compile(rf"\d(?:er)? (?:{months})\b|\b(?:{months}) \d{{4}}")


def test_no_date_has_a_space_where_a_line_can_break(docx_bytes, lang):
    texts = _texts(docx_bytes[lang])
    assert not [text for text in texts if _date_with_a_breaking_space(lang).search(text)]
    joined = "\n".join(texts)
    expected = {"en": ["9\u00a0November\u00a02018", "25\u00a0July\u00a02019", "21\u00a0November\u00a02022"],
                "fr": ["9\u00a0novembre\u00a02018", "25\u00a0juillet\u00a02019", "21\u00a0novembre\u00a02022"]}
    assert all(date in joined for date in expected[lang])


def test_the_french_first_of_the_month_keeps_er_and_the_month_together(docx_bytes):
    notes = part_xml(docx_bytes["fr"], "word/footnotes.xml")
    runs = list(notes.iter(f"{W}r"))
    after_er = [runs[index + 1] for index, run in enumerate(runs[:-1])
                if "".join(t.text or "" for t in run.iter(f"{W}t")) == "er"]
    assert len(after_er) == 2
    assert all("".join(t.text for t in run.iter(f"{W}t")).startswith("\u00a0août\u00a0")
               for run in after_er)


def test_a_date_typed_without_a_tag_is_protected_too(example, lang):
    data = example.model_dump(mode="json")
    typed = {"en": "the meeting of 3 May 2021 in Minsk", "fr": "la réunion du 3 mai 2021 à Minsk"}
    data["preamble"][-1][lang] = typed[lang]
    text = compose(Resolution.model_validate(data), lang).preamble[-1].content.text()
    assert {"en": "3\u00a0May\u00a02021", "fr": "3\u00a0mai\u00a02021"}[lang] in text


def _paragraphs(blob: bytes) -> list:
    return list(part_xml(blob, "word/document.xml").find(f"{W}body").iter(f"{W}p"))


def _style(p) -> str | None:
    style = p.find(f"{W}pPr/{W}pStyle")
    return None if style is None else style.get(f"{W}val")


def test_the_closing_lines_keep_with_the_last_operative_paragraph(docx_bytes, lang):
    paragraphs = _paragraphs(docx_bytes[lang])
    closing = [index for index, p in enumerate(paragraphs) if _style(p) == "Closing"]
    assert len(closing) == 2
    last_operative = paragraphs[closing[0] - 1]
    assert _style(last_operative) == "Operative"
    properties = last_operative.find(f"{W}pPr")
    assert [child.tag for child in properties][:2] == [f"{W}pStyle", f"{W}keepNext"]
    styles = part_xml(docx_bytes[lang], "word/styles.xml")
    closing_style = styles.find(f"{W}style[@{W}styleId='Closing']")
    assert closing_style.find(f"{W}pPr/{W}keepNext") is not None
    # Only the paragraph before the closing lines is kept with what follows.
    kept = [p for p in paragraphs if p.find(f"{W}pPr/{W}keepNext") is not None]
    assert kept == [last_operative]


def test_a_draft_has_no_closing_lines_to_keep(example, lang):
    from tracking import follow_up

    paragraphs = _paragraphs(write_docx(compose(follow_up(example), lang)))
    assert not [p for p in paragraphs if p.find(f"{W}pPr/{W}keepNext") is not None]


def test_widow_and_orphan_control_is_on_for_every_paragraph(docx_bytes, lang):
    styles = part_xml(docx_bytes[lang], "word/styles.xml")
    defaults = styles.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr")
    assert defaults[0].tag == f"{W}widowControl"
    assert not [element for element in styles.iter(f"{W}widowControl")
                if element.get(f"{W}val") in ("0", "false", "off")]


def _part(blob: bytes, kind: str, which: str):
    section = part_xml(blob, "word/document.xml").find(f"{W}body/{W}sectPr")
    ref = next(r for r in section.findall(f"{W}{kind}Reference") if r.get(f"{W}type") == which)
    rels = part_xml(blob, "word/_rels/document.xml.rels")
    target = next(rel.get("Target") for rel in rels if rel.get("Id") == ref.get(R_ID))
    return part_xml(blob, f"word/{target}")


def _content(part) -> list[str]:
    """A header's or footer's runs in order: "TAB", text, or "FIELD" for PAGE and NUMPAGES."""
    out = []
    for element in part.iter(f"{W}tab", f"{W}t", f"{W}fldSimple"):
        if element.tag == f"{W}fldSimple":
            out.append(element.get(f"{W}instr").strip())
        elif element.tag == f"{W}tab" and element.getparent().tag == f"{W}r":
            out.append("TAB")
        elif element.tag == f"{W}t" and element.getparent().getparent().tag != f"{W}fldSimple":
            out.append(element.text)
    return out


def test_running_headers_and_page_numbers_are_mirrored(docx_bytes, lang):
    blob = docx_bytes[lang]
    settings = part_xml(blob, "word/settings.xml")
    assert settings.find(f"{W}evenAndOddHeaders") is not None
    assert _content(_part(blob, "header", "default")) == ["TAB", "A/RES/77/13"]  # odd: right
    assert _content(_part(blob, "header", "even")) == ["A/RES/77/13"]  # even: left
    assert _content(_part(blob, "footer", "default")) == ["TAB", "PAGE", "/", "NUMPAGES"]
    assert _content(_part(blob, "footer", "even")) == ["PAGE", "/", "NUMPAGES"]
    assert _content(_part(blob, "header", "first")) == []


def _italic_spans(blob: bytes, start: str) -> list[str]:
    """The italic text of the footnote that starts with ``start``."""
    notes = part_xml(blob, "word/footnotes.xml")
    for note in notes.iter(f"{W}footnote"):
        text = "".join(t.text or "" for t in note.iter(f"{W}t"))
        if text.lstrip("\t").startswith(start):
            return ["".join(t.text or "" for t in run.iter(f"{W}t")) for run in note.iter(f"{W}r")
                    if run.find(f"{W}rPr/{W}i") is not None]
    raise AssertionError(f"no footnote starts with {start!r}")


@pytest.mark.parametrize(("lang", "start", "title"), [
    ("en", "See", "Official Records of the Economic and Social Council, 2009, Supplement No. 8 "
                  "(E/2009/28)"),
    ("fr", "Voir", "Documents officiels du Conseil économique et social, 2009, Supplément n° 8 "
                   "(E/2009/28)"),
])
def test_official_records_are_cited_in_one_italic_form_in_both_languages(docx_bytes, lang, start,
                                                                         title):
    """The title of the Official Records, the supplement and its symbol in italics, as the
    French official text of 77/13 prints them and as both languages print Security Council
    publications (Resolutions and Decisions … (S/INF/65))."""
    assert "".join(_italic_spans(docx_bytes[lang], start)).replace("\u00a0", " ") == title
