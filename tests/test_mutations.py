"""The mutation suite: one injected error at a time, caught by its rule and by no other.

Errors are injected into the example's YAML source or into its rendered Word documents.
"""

from __future__ import annotations

import io
from copy import deepcopy
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from drafter.composer import compose
from drafter.document import Document, FootnoteRef
from drafter.rules import all_rules
from drafter.source import parse
from drafter.commands.validate import check_document, validate
from drafter.writers.docx import write_docx
from drafter.writers.text import write_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_TEXT = (ROOT / "examples" / "csto-77-13.yaml").read_text(encoding="utf-8")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
RULES = all_rules()

#: Operative paragraph 7 of the example divided into sub-paragraphs, one of them divided again.
SUBPARAGRAPHS = """\
    subparagraphs:
      - en: by holding regular consultations
        fr: en tenant des consultations régulières
      - en: by exchanging information
        fr: en échangeant des informations
        subparagraphs:
          - {en: on training, fr: sur la formation}
          - {en: on exercises, fr: sur les exercices}
"""
_AFTER_PARAGRAPH_7 = "      échanges dans le domaine du maintien de la paix\n"


FRENCH_SATISFACTION = """\
    fr: >-
      que, depuis la signature du Traité de sécurité collective, l'Organisation du Traité de
      sécurité collective est devenue une institution multifonctionnelle capable d'apporter des
      réponses appropriées à toutes sortes de menaces et de problèmes relevant de sa compétence
"""
ENGLISH_SATISFACTION = """\
    fr: >-
      that, since the signing of the Collective Security Treaty, the Collective Security Treaty
      Organization has become a multifunctional institution capable of responding appropriately to
      a wide range of threats and challenges within its competence
"""


def with_subparagraphs(text: str) -> str:
    assert text.count(_AFTER_PARAGRAPH_7) == 1
    return text.replace(_AFTER_PARAGRAPH_7, _AFTER_PARAGRAPH_7 + SUBPARAGRAPHS)


# -- editing sources and Word documents -----------------------------------------------------------

def yaml_edit(old: str, new: str, base: Callable[[str], str] = lambda text: text) -> Callable[[str], str]:
    """Replace one exact passage of the source text."""
    def edit(text: str) -> str:
        text = base(text)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        return text.replace(old, new)
    return edit


def texts(root: etree._Element) -> list[etree._Element]:
    return list(root.iter(f"{{{W}}}t"))


def paragraph_with(root: etree._Element, words: str) -> etree._Element:
    """The one body paragraph whose text contains ``words``."""
    found = [p for p in root.iter(f"{{{W}}}p")
             if words in "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))]
    assert len(found) == 1, f"{words!r} is in {len(found)} paragraphs"
    return found[0]


def text_edit(old: str, new: str) -> Callable[[etree._Element], None]:
    """Replace a passage inside one w:t element."""
    def edit(root: etree._Element) -> None:
        holders = [t for t in texts(root) if old in (t.text or "")]
        assert len(holders) == 1, f"{old!r} is in {len(holders)} text elements"
        holders[0].text = holders[0].text.replace(old, new)
    return edit


def label_edit(old: str, new: str) -> Callable[[etree._Element], None]:
    """Change a paragraph's number or letter, a text element of its own."""
    def edit(root: etree._Element) -> None:
        holders = [t for t in texts(root) if t.text == old]
        assert len(holders) == 1, f"{old!r} is {len(holders)} text elements"
        holders[0].text = new
    return edit


def run_with(root: etree._Element, text: str) -> etree._Element:
    holders = [t for t in texts(root) if t.text == text]
    assert holders, f"no run reads {text!r}"
    return holders[0].getparent()


def upright(text: str) -> Callable[[etree._Element], None]:
    """Remove the italics of the run that reads ``text``."""
    def edit(root: etree._Element) -> None:
        run = run_with(root, text)
        for italic in run.iterfind("w:rPr/w:i", NS):
            italic.getparent().remove(italic)
    return edit


def lowered(text: str) -> Callable[[etree._Element], None]:
    """Set the superscript run that reads ``text`` on the line."""
    def edit(root: etree._Element) -> None:
        run = run_with(root, text)
        for raised in run.iterfind("w:rPr/w:vertAlign", NS):
            raised.getparent().remove(raised)
    return edit


def drop_paragraph(words: str) -> Callable[[etree._Element], None]:
    def edit(root: etree._Element) -> None:
        p = paragraph_with(root, words)
        p.getparent().remove(p)
    return edit


def copy_paragraph(words: str) -> Callable[[etree._Element], None]:
    """Insert a copy of a paragraph after it, number and all."""
    def edit(root: etree._Element) -> None:
        p = paragraph_with(root, words)
        p.addnext(deepcopy(p))
    return edit


def move_paragraph(words: str, before: str) -> Callable[[etree._Element], None]:
    def edit(root: etree._Element) -> None:
        p = paragraph_with(root, words)
        paragraph_with(root, before).addprevious(p)
    return edit


def swap_mark(words: str) -> Callable[[etree._Element], None]:
    """Put the first footnote mark of a paragraph on the other side of its punctuation."""
    def edit(root: etree._Element) -> None:
        p = paragraph_with(root, words)
        mark = next(p.iter(f"{{{W}}}footnoteReference")).getparent()
        before = mark.getprevious().find("w:t", NS)
        if before.text[-1] in ",;.":  # English: the punctuation moves after the mark
            punctuation, before.text = before.text[-1], before.text[:-1]
            moved = deepcopy(mark.getprevious())
            moved.find("w:t", NS).text = punctuation
            mark.addnext(moved)
        else:  # French: the punctuation moves before the mark
            after = mark.getnext().find("w:t", NS)
            punctuation, after.text = after.text[0], after.text[1:]
            before.text += punctuation
    return edit


def insert_paragraph(text: str, before: str) -> Callable[[etree._Element], None]:
    """A plain paragraph of ``text`` before the one holding ``before``."""
    def edit(root: etree._Element) -> None:
        p = etree.Element(f"{{{W}}}p")
        etree.SubElement(etree.SubElement(p, f"{{{W}}}r"), f"{{{W}}}t").text = text
        paragraph_with(root, before).addprevious(p)
    return edit


def drop_mark(words: str) -> Callable[[etree._Element], None]:
    """Delete the first footnote mark of a paragraph (its footnote stays in the footnotes part)."""
    def edit(root: etree._Element) -> None:
        mark = next(paragraph_with(root, words).iter(f"{{{W}}}footnoteReference")).getparent()
        mark.getparent().remove(mark)
    return edit


def drop_footnote(number: int) -> Callable[[etree._Element], None]:
    """Delete a footnote's text from the footnotes part (its mark stays in the text)."""
    def edit(root: etree._Element) -> None:
        note = root.find(f"w:footnote[@w:id='{number}']", NS)
        note.getparent().remove(note)
    return edit


def type_marks(root: etree._Element) -> None:
    """Footnotes typed by hand, in the text: each mark a superscript number, and each note a
    paragraph at the end opening with its number and a tab (with ``drop_notes`` on the part)."""
    def superscript(text: str) -> etree._Element:
        run = etree.Element(f"{{{W}}}r")
        etree.SubElement(etree.SubElement(run, f"{{{W}}}rPr"), f"{{{W}}}vertAlign").set(
            f"{{{W}}}val", "superscript")
        etree.SubElement(run, f"{{{W}}}t").text = text
        return run

    for number, mark in enumerate(list(root.iter(f"{{{W}}}footnoteReference")), 1):
        mark.getparent().addprevious(superscript(str(number)))
        mark.getparent().getparent().remove(mark.getparent())
    section = root.find("w:body/w:sectPr", NS)
    for note in _document().footnotes:
        paragraph = etree.Element(f"{{{W}}}p")
        paragraph.append(superscript(str(note.number)))
        etree.SubElement(etree.SubElement(paragraph, f"{{{W}}}r"), f"{{{W}}}tab")
        for item in note.content.inlines:
            run = etree.SubElement(paragraph, f"{{{W}}}r")
            if isinstance(item, FootnoteRef):
                continue
            if item.italic:
                etree.SubElement(etree.SubElement(run, f"{{{W}}}rPr"), f"{{{W}}}i")
            etree.SubElement(run, f"{{{W}}}t").text = item.text
        section.addprevious(paragraph)


def drop_notes(root: etree._Element) -> None:
    """Only the separators stay in the footnotes part."""
    for note in list(root.iterfind("w:footnote", NS)):
        if int(note.get(f"{{{W}}}id", "0")) > 0:
            root.remove(note)


def text_replace(old: str, new: str) -> Callable[[str], str]:
    """Replace one exact passage of the rendered text draft."""
    def edit(text: str) -> str:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        return text.replace(old, new)
    return edit


def edits_of(*steps: Callable[[str], str]) -> Callable[[str], str]:
    """Several edits of the rendered text draft, in order."""
    def edit(text: str) -> str:
        for step in steps:
            text = step(text)
        return text
    return edit


def single_line_breaks(text: str) -> str:
    """The body's paragraphs separated by single line breaks, as a PDF extraction gives them."""
    head, body = text.split("The General Assembly,\n\n")
    body, notes = body.split("\n\n¹", 1)
    return head + "The General Assembly,\n" + body.replace("\n\n", "\n") + "\n\n¹" + notes


def without_preamble(text: str) -> str:
    """The formula followed at once by the operative part; the preamble's footnotes go too."""
    head, rest = text.split("The General Assembly,\n\n")
    body = rest[rest.index("1. *Welcomes"):rest.index("\n\n¹")]
    return head + "The General Assembly,\n\n" + body + "\n"


def as_draft(text: str) -> str:
    """The example as the draft it was, sponsored by Armenia and Belarus."""
    for old, new in (("stage: adopted", "stage: draft"), ("symbol: A/RES/77/13", "symbol: A/77/L.13"),
                     ("draft_symbol: A/77/L.13\n", ""),
                     ("adoption: {date: 2022-11-21, meeting: 39}\n",
                      "sponsors: [{en: Armenia, fr: Arménie}, {en: Belarus, fr: Bélarus}]\n")):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def edits(*steps: Callable[[etree._Element], None]) -> Callable[[etree._Element], None]:
    def edit(root: etree._Element) -> None:
        for step in steps:
            step(root)
    return edit


def rewrite(blob: bytes, part: str, edit: Callable[[etree._Element], None]) -> bytes:
    """The .docx with one XML part edited."""
    source = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == part:
                root = etree.fromstring(data)
                edit(root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(item, data)
    return out.getvalue()


# -- the mutations ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Mutation:
    """One injected error; ``lang`` is the Word document edited (the other is its pair)."""

    expected: str
    source: Callable[[str], str] | None = None  # an edit of the YAML text
    body: Callable[[etree._Element], None] | None = None  # an edit of word/document.xml
    notes: Callable[[etree._Element], None] | None = None  # an edit of word/footnotes.xml
    lang: str = "en"
    pair: bool = False  # check the edited Word document against the other language
    base: Callable[[str], str] = lambda text: text
    text: Callable[[str], str] | None = None  # an edit of the rendered text draft


MUTATIONS = {
    # Structure
    "docx-formula-lower-case": Mutation("S101", body=text_edit("The General Assembly,", "The general assembly,")),
    "docx-preambular-paragraph-among-operative": Mutation(
        "S102", body=move_paragraph("Encouraging the efforts", "Appreciates the efforts")),
    "docx-operative-number-skipped": Mutation("S104", body=label_edit("3.", "4.")),
    "docx-operative-paragraph-deleted-not-renumbered": Mutation(
        "S104", body=drop_paragraph("Invites the specialized")),
    "docx-fr-operative-paragraph-inserted-twice-numbered": Mutation(
        "S104", lang="fr", body=copy_paragraph("Invite les institutions spécialisées")),
    "docx-single-operative-numbered": Mutation(
        "S105", body=edits(*(drop_paragraph(words) for words in (
            "Welcomes with appreciation", "Notes with appreciation the resolute", "Appreciates the",
            "Invites the Secretary-General", "Calls upon the United Nations", "Invites the specialized",
            "Calls upon the two", "Requests the Secretary-General")))),
    "docx-subparagraph-letter-skipped": Mutation("S106", base=with_subparagraphs,
                                                 body=label_edit("(b)", "(c)")),
    "docx-fr-division-numeral-skipped": Mutation("S106", base=with_subparagraphs, lang="fr",
                                                 body=label_edit("ii)", "iii)")),
    "docx-no-operative-part": Mutation("S103", body=edits(*(drop_paragraph(words) for words in (
        "Welcomes with appreciation", "Notes with appreciation the resolute", "Appreciates the",
        "Invites the Secretary-General", "Calls upon the United Nations", "Invites the specialized",
        "Calls upon the two", "Requests the Secretary-General", "Decides to include")))),
    "docx-agenda-item-missing": Mutation("S109", body=drop_paragraph("Agenda item 127")),
    "docx-fr-header-lines-swapped": Mutation("S110", lang="fr", body=move_paragraph(
        "Point 127 t)", before="Soixante-dix-septième session")),
    "docx-adoption-line-without-date": Mutation("S111", body=text_edit(
        "Resolution adopted by the General Assembly on 21\u00a0November\u00a02022",
        "Resolution adopted by the General Assembly")),
    "docx-fr-stray-line-in-header": Mutation("S112", lang="fr", body=insert_paragraph(
        "Pour consultation uniquement", before="77/13. Coopération")),
    "text-no-preamble": Mutation("S113", text=without_preamble),
    "text-single-line-breaks": Mutation("S114", text=single_line_breaks),
    "text-paragraph-broken-in-two": Mutation("S115", text=text_replace(
        "Treaty Organization and the Department", "Treaty Organization\n\nand the Department")),
    "text-fr-closing-lines-missing": Mutation("S116", lang="fr", text=text_replace(
        "\n\n*39^{e} séance plénière\n21\u00a0novembre\u00a02022*", "")),
    "yaml-report-symbol-placeholder": Mutation("S108", source=yaml_edit(
        "report: A/77/277-S/2022/606", "report: A/77/xxx")),
    "yaml-prose-placeholder": Mutation("S108", source=yaml_edit(
        "adopted on {date|2010-03-18}", "adopted on […]",
        base=yaml_edit("adoptée le\n      {date|2010-03-18}", "adoptée le […]"))),
    "yaml-empty-subparagraph": Mutation("S107", source=yaml_edit(
        "by holding regular consultations", "'.'", base=with_subparagraphs)),
    # Openers and verbs
    "docx-opener-misspelt": Mutation("O201", body=text_edit("Recalling further", "Recaling further")),
    "docx-fr-opener-unknown": Mutation("O201", lang="fr", body=text_edit("Encourageant", "Poussant")),
    "docx-verb-misspelt": Mutation("O202", body=text_edit("Appreciates", "Apreciates")),
    "docx-opener-upright": Mutation("O203", body=upright("Recalling further")),
    "docx-verb-upright": Mutation("O204", lang="fr", body=upright("Prie")),
    # Punctuation
    "docx-preambular-ends-with-semicolon": Mutation(
        "P301", body=text_edit("within its competence,", "within its competence;")),
    "docx-operative-ends-with-full-stop": Mutation(
        "P302", body=text_edit("in the field of peacekeeping;", "in the field of peacekeeping.")),
    "docx-subparagraph-ends-with-full-stop": Mutation(
        "P302", base=with_subparagraphs, body=text_edit("on training;", "on training.")),
    "docx-last-operative-ends-with-semicolon": Mutation(
        "P303", body=text_edit("Treaty Organization”.", "Treaty Organization”;")),
    "docx-footnote-mark-before-comma": Mutation("P304", body=swap_mark("Having considered")),
    "docx-fr-footnote-mark-after-comma": Mutation("P304", lang="fr", body=swap_mark("Ayant examiné")),
    # Citations
    "yaml-resolution-dated-in-another-session": Mutation("C401", source=yaml_edit(
        "{number: 67/6, date: 2012-11-19}", "{number: 67/6, date: 2013-11-19}")),
    "docx-resolution-dated-31-april": Mutation("C401", body=text_edit(
        "75/276 of 28\u00a0April\u00a02021", "75/276 of 31\u00a0April\u00a02021")),
    "yaml-series-out-of-order": Mutation("C402", source=yaml_edit(
        "      - {number: 65/122, date: 2010-12-13}\n      - {number: 67/6, date: 2012-11-19}\n",
        "      - {number: 67/6, date: 2012-11-19}\n      - {number: 65/122, date: 2010-12-13}\n")),
    "yaml-own-number-of-another-session": Mutation("C403", source=yaml_edit(
        "symbol: A/RES/77/13", "symbol: A/RES/78/13")),
    "docx-heading-number-of-another-session": Mutation("C403", body=text_edit("77/13.", "78/13.")),
    "docx-council-resolution-without-year": Mutation("C404", body=text_edit(
        "resolution 1631 (2005) of", "resolution 1631 of")),
    "yaml-council-resolution-year-mismatch": Mutation("C404", source=yaml_edit(
        "{number: 1631, year: 2005, date: 2005-10-17}", "{number: 1631, year: 2005, date: 2006-10-17}")),
    "yaml-report-symbol-truncated": Mutation("C405", source=yaml_edit(
        "report: A/77/277-S/2022/606", "report: A/77/277-S/2022")),
    "docx-presidential-statement-symbol-malformed": Mutation("C405", notes=text_edit(
        "S/PRST/2013/12", "S/PRST/2013")),
    "docx-footnote-symbol-slash-missing": Mutation("C405", notes=text_edit(
        "A/77/277-S/2022/606", "A77/277-S/2022/606")),
    "docx-fr-footnote-symbol-slash-missing": Mutation("C405", lang="fr", notes=text_edit(
        "A/77/277-S/2022/606", "A77/277-S/2022/606")),
    "yaml-distribution-date-after-the-session": Mutation("C406", source=yaml_edit(
        "distribution_date: 2022-11-25", "distribution_date: 2023-11-25")),
    "yaml-adoption-date-before-the-session": Mutation("C406", source=yaml_edit(
        "adoption: {date: 2022-11-21, meeting: 39}", "adoption: {date: 2021-11-21, meeting: 39}")),
    "docx-fr-closing-date-differs": Mutation("C406", lang="fr", body=label_edit(
        "21\u00a0novembre\u00a02022", "22\u00a0novembre\u00a02022")),
    "yaml-draft-with-resolution-symbol": Mutation("C407", source=yaml_edit(
        "stage: adopted", "stage: draft", base=yaml_edit(
            "adoption: {date: 2022-11-21, meeting: 39}\n", "", base=yaml_edit(
                "draft_symbol: A/77/L.13\n", "")))),
    "yaml-draft-with-adoption-data": Mutation("C407", source=yaml_edit(
        "stage: adopted", "stage: draft", base=yaml_edit(
            "symbol: A/RES/77/13\n", "symbol: A/77/L.13\n", base=yaml_edit(
                "draft_symbol: A/77/L.13\n", "")))),
    "yaml-report-of-another-session": Mutation("C408", source=yaml_edit(
        "report: A/77/277-S/2022/606", "report: A/76/277-S/2022/606")),
    "text-running-header-of-another-document": Mutation("C409", text=text_replace(
        "*Recalling also* its resolution 59/50", "A/RES/77/14\n\n*Recalling also* its resolution 59/50")),
    "text-first-version-headed-revised": Mutation("C410", base=as_draft, text=text_replace(
        "Armenia and Belarus: draft resolution", "Armenia and Belarus: revised draft resolution")),
    "docx-fr-revision-headed-as-a-first-version": Mutation("C410", lang="fr", base=edits_of(
        as_draft, lambda text: text.replace("symbol: A/77/L.13", "symbol: A/77/L.13/Rev.1")),
        body=text_edit("projet de résolution révisé", "projet de résolution")),
    "docx-fr-original-named-differently": Mutation("B709", lang="fr", pair=True, base=as_draft,
                                                   body=text_edit("anglais", "français")),
    "docx-fr-sponsor-left-out": Mutation("B710", lang="fr", pair=True, base=as_draft,
                                         body=text_edit("Arménie et Bélarus", "Bélarus")),
    "docx-fr-footnote-without-full-stop": Mutation("P305", lang="fr", notes=text_edit(
        "Résolution 49/57, annexe.", "Résolution 49/57, annexe")),
    "yaml-word-written-twice": Mutation("P306", source=yaml_edit(
        "the efforts of the States members", "the efforts of the the States members")),
    "text-parenthesis-not-closed": Mutation("P307", text=text_replace("(S/INF/65)", "(S/INF/65")),
    # Footnotes
    # (Marks 3 and 4 swapped would also date a presidential statement in the wrong year: C404.)
    "text-footnote-marks-out-of-order": Mutation("F501", text=edits_of(
        text_replace("Counter-Terrorism Strategy⁵", "Counter-Terrorism Strategy⁶"),
        text_replace("World Drug Problem⁶", "World Drug Problem⁵"))),
    "docx-footnote-mark-deleted": Mutation("F502", body=drop_mark("Recalling further")),
    "docx-fr-footnote-text-deleted": Mutation("F502", lang="fr", notes=drop_footnote(5)),
    "text-footnote-line-deleted": Mutation("F502", text=text_replace(
        "² Resolution 49/57, annex.\n\n", "")),
    "docx-footnote-emptied": Mutation("F503", notes=text_edit("Resolution 60/288.", " ")),
    "docx-footnotes-typed-by-hand": Mutation("F504", body=type_marks, notes=drop_notes),
    # Follow-up mandate
    "yaml-report-and-agenda-sessions-differ": Mutation("M601", source=yaml_edit(
        "mandate: {report_session: 79, agenda_session: 79}",
        "mandate: {report_session: 79, agenda_session: 80}")),
    "docx-report-and-agenda-sessions-differ": Mutation("M601", body=text_edit(
        "provisional agenda of its seventy-ninth", "provisional agenda of its eightieth")),
    "yaml-mandate-for-current-session": Mutation("M602", source=yaml_edit(
        "mandate: {report_session: 79, agenda_session: 79}",
        "mandate: {report_session: 77, agenda_session: 77}")),
    "docx-fr-mandate-for-past-session": Mutation("M602", lang="fr", body=edits(
        text_edit("à sa soixante-dix-neuvième session un rapport",
                  "à sa soixante-seizième session un rapport"),
        text_edit("provisoire de sa soixante-dix-neuvième", "provisoire de sa soixante-seizième"))),
    "text-fr-session-misspelt": Mutation("M604", lang="fr", text=text_replace(
        "à sa soixante-dix-neuvième session un rapport", "à sa soixante-dix-neuvieme session un rapport")),
    "docx-sub-item-not-the-title": Mutation("M603", body=text_edit(
        "and the Collective Security Treaty Organization”.", "and the CSTO”.")),
    # English and French
    "docx-fr-preambular-paragraph-missing": Mutation(
        "B701", lang="fr", pair=True, body=drop_paragraph("Constatant avec satisfaction")),
    "docx-fr-operative-paragraph-missing": Mutation(
        "B702", lang="fr", pair=True, body=edits(
            drop_paragraph("les deux organisations à continuer"),
            label_edit("8.", "7."), label_edit("9.", "8."))),
    "yaml-fr-footnote-added": Mutation("B703", source=yaml_edit(
        "adoptée le\n      {date|2010-03-18}", "adoptée le\n      {date|2010-03-18}{fn|Voir A/64/PV.80.}")),
    "yaml-fr-resolution-number-differs": Mutation("B704", source=yaml_edit(
        "Nations Unies{fn|Résolution {res|60/288}.}", "Nations Unies{fn|Résolution {res|60/289}.}")),
    "yaml-en-date-differs": Mutation("B705", source=yaml_edit(
        "Counter-Terrorism, concluded on {date|2018-11-09}",
        "Counter-Terrorism, concluded on {date|2018-11-10}")),
    "yaml-fr-symbol-differs": Mutation("B706", source=yaml_edit(
        "Supplément n° 8 ({doc|E/2009/28})", "Supplément n° 8 ({doc|E/2009/29})")),
    "yaml-fr-period-differs": Mutation("B707", source=yaml_edit(
        "pour la période 2009-2019", "pour la période 2009-2020")),
    "docx-fr-verb-differs": Mutation("B708", lang="fr", pair=True, body=text_edit("Prie", "Invite")),
    # Typography
    "docx-fr-no-space-before-semicolon": Mutation("T801", lang="fr", body=text_edit(
        "maintien de la paix\u202f;", "maintien de la paix;")),
    "docx-fr-no-space-inside-guillemets": Mutation("T801", lang="fr", body=text_edit(
        "«\u00a0Nelegal\u00a0»", "«Nelegal»")),
    "docx-fr-breaking-space-before-semicolon": Mutation("T802", lang="fr", body=text_edit(
        "maintien de la paix\u202f;", "maintien de la paix ;")),
    "docx-fr-ordinal-not-raised": Mutation("T803", lang="fr", body=lowered("e")),
    "yaml-fr-hyphenated-nations-unies": Mutation("T804", source=yaml_edit(
        "Nations Unies{fn|Résolution", "Nations-Unies{fn|Résolution")),
    "yaml-en-secretary-general-unhyphenated": Mutation("T804", source=yaml_edit(
        "the Secretary-General of the United Nations to continue",
        "the Secretary General of the United Nations to continue")),
    "docx-en-organization-head-unhyphenated": Mutation("T804", body=text_edit(
        "Secretary-General of the Collective", "Secretary General of the Collective")),
    "docx-quotation-marks-of-french": Mutation("T805", body=text_edit("“Illegal”", "«Illegal»")),
    "docx-fr-date-that-does-not-exist": Mutation("T806", lang="fr", body=text_edit(
        "conclu le 9\u00a0novembre\u00a02018", "conclu le 31 novembre 2018")),
    "text-ordinal-with-the-wrong-ending": Mutation("T807", text=text_replace(
        "39th plenary meeting", "39nd plenary meeting")),
    "docx-en-secretary-general-unhyphenated": Mutation("T804", body=text_edit(
        "the Secretary-General to submit", "the Secretary General to submit")),
    "docx-fr-secretaire-generale-capitalized": Mutation("T804", lang="fr", body=text_edit(
        "le Secrétaire général de l'Organisation des Nations Unies de lui présenter",
        "la Secrétaire Générale de l'Organisation des Nations Unies de lui présenter")),
    # Language of the text
    "yaml-english-in-the-french-field": Mutation("L901", source=yaml_edit(
        FRENCH_SATISFACTION, ENGLISH_SATISFACTION)),
    "docx-fr-paragraph-in-english": Mutation("L901", lang="fr", body=text_edit(
        " " + " ".join(FRENCH_SATISFACTION.split()[2:]), " " + " ".join(ENGLISH_SATISFACTION.split()[2:]))),
    "yaml-left-to-translate": Mutation("L902", source=yaml_edit(
        "    fr: >-\n      la Déclaration conjointe", "    fr: >-\n      [to translate] la Déclaration conjointe")),
}


def _codes(findings) -> set[str]:
    return {finding.code for finding in findings}


def _docx(text: str, lang: str) -> bytes:
    return write_docx(compose(parse(text), lang))


@pytest.mark.parametrize("mutation", MUTATIONS.values(), ids=MUTATIONS.keys())
def test_mutation_is_caught_by_its_rule_alone(mutation: Mutation, tmp_path: Path) -> None:
    text = mutation.base(EXAMPLE_TEXT)
    if mutation.source is not None:
        target = tmp_path / "mutated.yaml"
        target.write_text(mutation.source(text), encoding="utf-8")
        report = validate([target], None, None, RULES)
    elif mutation.text is not None:
        target = tmp_path / f"mutated.{mutation.lang}.txt"
        target.write_text(mutation.text(write_text(compose(parse(text), mutation.lang))), encoding="utf-8")
        report = validate([target], None, None, RULES)
    else:
        blob = _docx(text, mutation.lang)
        if mutation.body is not None:
            blob = rewrite(blob, "word/document.xml", mutation.body)
        if mutation.notes is not None:
            blob = rewrite(blob, "word/footnotes.xml", mutation.notes)
        target = tmp_path / f"mutated.{mutation.lang}.docx"
        target.write_bytes(blob)
        other = None
        if mutation.pair:
            other = tmp_path / "other.docx"
            other.write_bytes(_docx(text, "en" if mutation.lang == "fr" else "fr"))
        report = validate([target], other, None, RULES)
    assert not report.unreadable
    assert _codes(report.findings) == {mutation.expected}, [str(f) for f in report.findings]


def test_every_rule_has_a_mutation() -> None:
    """Every rule fires on a real file: a YAML source, a Word document or a text draft."""
    covered = {mutation.expected for mutation in MUTATIONS.values()}
    assert covered == {rule.code for rule in RULES}


def _document() -> Document:
    return compose(parse(EXAMPLE_TEXT), "en")


def _renumber(document: Document, numbers: dict[int, int]) -> None:
    for paragraph in document.preamble:
        paragraph.content.inlines = [
            FootnoteRef(numbers.get(item.number, item.number)) if isinstance(item, FootnoteRef) else item
            for item in paragraph.content.inlines]


def _marks_swapped(document: Document) -> None:
    _renumber(document, {5: 6, 6: 5})


def _mark_doubled(document: Document) -> None:
    _renumber(document, {2: 1})


def _operative_removed(document: Document) -> None:
    document.operative.clear()


@pytest.mark.parametrize(("change", "expected"), [
    (_marks_swapped, "F501"), (_mark_doubled, "F502"), (_operative_removed, "S103"),
], ids=["document-marks-out-of-order", "document-footnote-marked-twice", "document-no-operative-part"])
def test_document_mutation(change: Callable[[Document], None], expected: str) -> None:
    document = _document()
    change(document)
    assert _codes(check_document(document, "docx", "mutated.docx", RULES)) == {expected}
