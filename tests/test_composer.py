"""Composing a Resolution into a Document: numbering, endings, sub-paragraphs, italics, footnote
marks, stages and the words that the registry and the language data supply."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from drafter.composer import compose
from drafter.document import Block, Document, FootnoteRef, Run
from drafter.resolution import Resolution
from drafter.source import load

FIXTURES = Path(__file__).parent / "fixtures"
NARROW = "\u202f"
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def adopted(example: Resolution) -> dict[str, Document]:
    return {code: compose(example, code) for code in ("en", "fr")}


@pytest.fixture(scope="module")
def draft_source() -> Resolution:
    return load(FIXTURES / "draft-coe.yaml")


@pytest.fixture(scope="module")
def draft(draft_source: Resolution) -> dict[str, Document]:
    return {code: compose(draft_source, code) for code in ("en", "fr")}


def _variant(edit: Any) -> Resolution:
    """The fixture draft with one change made to its data."""
    with (FIXTURES / "draft-coe.yaml").open(encoding="utf-8") as stream:
        data = copy.deepcopy(yaml.safe_load(stream))
    edit(data)
    return Resolution.model_validate(data)


def _around(block: Block, number: int) -> tuple[str, str]:
    """The text before and after the mark of footnote ``number`` in a block."""
    index = block.inlines.index(FootnoteRef(number))
    before = "".join(i.text for i in block.inlines[:index] if isinstance(i, Run))
    after = "".join(i.text for i in block.inlines[index + 1:] if isinstance(i, Run))
    return before, after


def _marks(document: Document) -> list[int]:
    return [item.number for block in document.blocks() for item in block.inlines
            if isinstance(item, FootnoteRef)]


# -- footnotes ------------------------------------------------------------------------------

def test_english_puts_the_footnote_mark_after_the_comma(adopted):
    before, after = _around(adopted["en"].preamble[0].content, 1)
    assert before.endswith("regional and other organizations,")
    assert after == ""


def test_french_puts_the_footnote_mark_before_the_comma(adopted):
    before, after = _around(adopted["fr"].preamble[0].content, 1)
    assert before.endswith("organisations régionales ou autres")
    assert after == ","


def test_footnote_marks_inside_a_paragraph_follow_the_language(adopted):
    paragraph = [p for p in adopted["en"].preamble if FootnoteRef(7) in p.content.inlines][0]
    before, after = _around(paragraph.content, 7)
    assert before.endswith("held in 2016,") and after.startswith(" and stressing")
    paragraph = [p for p in adopted["fr"].preamble if FootnoteRef(7) in p.content.inlines][0]
    before, after = _around(paragraph.content, 7)
    assert before.endswith("problème mondial de la drogue") and after.startswith(", et insistant")


def test_a_mark_not_next_to_punctuation_stays_in_place(adopted, lang):
    paragraph = [p for p in adopted[lang].preamble if FootnoteRef(3) in p.content.inlines][0]
    before, after = _around(paragraph.content, 3)
    assert before.endswith("2010") and after.startswith((" and", " et"))


def test_footnotes_are_numbered_1_to_n_in_document_order(adopted, lang):
    document = adopted[lang]
    assert _marks(document) == list(range(1, 8))
    assert [note.number for note in document.footnotes] == list(range(1, 8))


def test_footnote_bodies_are_composed_in_the_language(adopted):
    assert adopted["en"].footnotes[0].content.text() == "A/77/277-S/2022/606."
    assert adopted["en"].footnotes[1].content.text() == "Resolution 49/57, annex."
    assert adopted["fr"].footnotes[1].content.text() == "Résolution 49/57, annexe."


# -- superscripts and dates -----------------------------------------------------------------

def test_french_1er_is_a_superscript_run_in_the_composed_document(draft):
    inlines = draft["fr"].preamble[2].content.inlines
    index = inlines.index(Run("er", superscript=True))
    assert inlines[index - 1].text.endswith("le 1")
    assert inlines[index + 1].text.startswith("\u00a0août\u00a02024")


def test_french_1er_in_an_italic_footnote_is_italic_and_superscript(adopted):
    inlines = adopted["fr"].footnotes[2].content.inlines
    assert Run("er", italic=True, superscript=True) in inlines


def test_english_first_of_the_month_has_no_superscript(draft):
    inlines = draft["en"].preamble[2].content.inlines
    assert not any(isinstance(i, Run) and i.superscript for i in inlines)
    assert "on 1\u00a0August\u00a02024 in" in draft["en"].preamble[2].content.text()


def test_the_plenary_meeting_is_39e_with_a_superscript_in_french(adopted):
    assert adopted["fr"].conclusions.meeting.inlines == [
        Run("39"), Run("e", superscript=True), Run(" séance plénière")]
    assert adopted["fr"].conclusions.date.text() == "21\u00a0novembre\u00a02022"


def test_the_plenary_meeting_is_39th_in_english(adopted):
    assert adopted["en"].conclusions.meeting.text() == "39th plenary meeting"
    assert adopted["en"].conclusions.date.text() == "21\u00a0November\u00a02022"


def test_cited_resolutions_carry_their_dates(adopted):
    english = adopted["en"].preamble[3].content.text()
    french = adopted["fr"].preamble[3].content.text()
    assert "its resolutions 64/256 of 2\u00a0March\u00a02010, 65/122 of 13\u00a0December\u00a02010," in english
    assert "73/331 of 25\u00a0July\u00a02019 and 75/276 of 28\u00a0April\u00a02021 on cooperation" in english
    assert "ses résolutions 64/256 du 2\u00a0mars\u00a02010, 65/122 du 13\u00a0décembre\u00a02010," in french
    assert "73/331 du 25\u00a0juillet\u00a02019 et 75/276 du 28\u00a0avril\u00a02021 sur la coopération" in french


def test_security_council_resolutions_carry_year_and_date(adopted):
    assert "resolution 1631 (2005) of 17\u00a0October\u00a02005" in adopted["en"].preamble[4].content.text()
    assert "résolution 1631 (2005) du 17\u00a0octobre\u00a02005" in adopted["fr"].preamble[4].content.text()


def test_the_observer_status_resolution_comes_from_the_registry(adopted):
    assert "resolution 59/50 of 2\u00a0December\u00a02004" in adopted["en"].preamble[2].content.text()
    assert "résolution 59/50 du 2\u00a0décembre\u00a02004" in adopted["fr"].preamble[2].content.text()
    assert adopted["fr"].preamble[2].content.text().endswith(
        "à l'Organisation du Traité de sécurité collective,")


# -- paragraphs -----------------------------------------------------------------------------

def test_operative_paragraphs_are_numbered_1_to_n(adopted, lang):
    assert [p.num for p in adopted[lang].operative] == [f"{n}." for n in range(1, 10)]


def test_a_single_operative_paragraph_is_not_numbered_and_ends_with_a_full_stop(lang):
    resolution = _variant(lambda data: data.update(operative=data["operative"][-1:]))
    (paragraph,) = compose(resolution, lang).operative
    assert paragraph.num is None
    assert paragraph.content.text().endswith("résolution." if lang == "fr" else "resolution.")


def test_preambular_paragraphs_end_with_a_comma(adopted, lang):
    for paragraph in adopted[lang].preamble:
        assert paragraph.content.text().endswith(","), paragraph.content.text()


def test_operative_paragraphs_end_with_a_semicolon_and_the_last_with_a_full_stop(adopted, lang):
    endings = [p.content.text()[-1] for p in adopted[lang].operative]
    assert endings == [";"] * 8 + ["."]


def test_the_french_semicolon_takes_a_narrow_no_break_space(adopted):
    assert adopted["fr"].operative[0].content.text().endswith(f"Traité de sécurité collective{NARROW};")


def test_a_punctuation_mark_typed_by_the_drafter_is_replaced_not_doubled(draft):
    english = draft["en"].preamble[1].content.text()
    french = draft["fr"].preamble[1].content.text()
    assert english == "Recalling its resolution 77/284 of 2\u00a0May\u00a02023,"
    assert french == "Rappelant sa résolution 77/284 du 2\u00a0mai\u00a02023,"


def test_a_full_stop_typed_at_the_end_of_the_last_paragraph_is_not_doubled(lang):
    resolution = _variant(lambda data: data["operative"].__setitem__(
        -1, {"verb": "decides", "en": "to remain seized of the matter.",
             "fr": "de rester saisie de la question."}))
    assert compose(resolution, lang).operative[-1].content.text().endswith(("matter.", "question."))
    assert not compose(resolution, lang).operative[-1].content.text().endswith("..")


def test_preambular_openers_are_italic_and_the_rest_is_not(adopted, lang):
    for paragraph in adopted[lang].preamble:
        first, second = paragraph.content.inlines[:2]
        assert first.italic, first
        assert not second.italic and second.text.startswith(" "), second


def test_operative_verbs_are_italic(adopted):
    verbs = [p.content.inlines[0] for p in adopted["en"].operative]
    assert [v.text for v in verbs] == [
        "Welcomes with appreciation", "Notes with appreciation", "Appreciates", "Invites",
        "Calls upon", "Invites", "Calls upon", "Requests", "Decides"]
    assert all(v.italic for v in verbs)
    french = [p.content.inlines[0] for p in adopted["fr"].operative]
    assert [v.text for v in french[:3]] == ["Accueille avec satisfaction", "Note avec satisfaction",
                                            "Apprécie"]
    assert all(v.italic for v in french)


def test_italic_markup_in_prose_stays_italic(draft, lang):
    assert Run("Strasbourg", italic=True) in draft[lang].preamble[2].content.inlines


# -- sub-paragraphs -------------------------------------------------------------------------

def test_english_sub_paragraphs_are_lettered_a_then_roman_i(draft):
    (a, b) = draft["en"].operative[0].points
    assert (a.num, b.num) == ("(a)", "(b)")
    assert [p.num for p in a.points] == ["(i)", "(ii)"]


def test_french_sub_paragraphs_are_lettered_a_then_roman_i_without_opening_bracket(draft):
    (a, b) = draft["fr"].operative[0].points
    assert (a.num, b.num) == ("a)", "b)")
    assert [p.num for p in a.points] == ["i)", "ii)"]


def test_a_paragraph_introducing_sub_paragraphs_ends_with_a_colon(draft):
    assert draft["en"].operative[0].content.text().endswith("following areas:")
    assert draft["fr"].operative[0].content.text().endswith(f"domaines suivants{NBSP}:")
    assert draft["en"].operative[0].points[0].content.text() == "human rights, including:"


def test_the_last_sub_paragraph_carries_the_paragraphs_ending(draft):
    (a, b) = draft["en"].operative[0].points
    assert [p.content.text() for p in a.points] == ["freedom of expression;", "the rule of law;"]
    assert b.content.text() == "democracy;"


def test_sub_paragraphs_of_the_last_paragraph_end_with_a_full_stop(lang):
    resolution = _variant(lambda data: data.update(operative=data["operative"][:1]))
    (paragraph,) = compose(resolution, lang).operative
    (a, b) = paragraph.points
    assert a.points[-1].content.text().endswith(";")
    assert b.content.text().endswith(".")


# -- stages, page, header -------------------------------------------------------------------

def test_a_draft_is_distributed_limited(draft):
    assert draft["en"].preface.distribution.text() == "Distr.: Limited"
    assert draft["fr"].preface.distribution.text() == "Distr. limitée"


def test_an_adopted_resolution_is_distributed_generally(adopted):
    assert adopted["en"].preface.distribution.text() == "Distr.: General"
    assert adopted["fr"].preface.distribution.text() == "Distr. générale"


def test_a_draft_names_its_sponsors(draft):
    assert draft["en"].preface.sponsors.text() == "Armenia, Belarus and Kazakhstan: draft resolution"
    assert draft["fr"].preface.sponsors.text() == (
        f"Arménie, Bélarus et Kazakhstan{NBSP}: projet de résolution")


def _revised(data: dict[str, Any]) -> None:
    data["symbol"] = "A/79/L.20/Rev.1"


def test_a_revised_draft_is_a_revised_draft_resolution_in_both_languages():
    revised = _variant(_revised)
    assert compose(revised, "en").preface.sponsors.text() == (
        "Armenia, Belarus and Kazakhstan: revised draft resolution")
    assert compose(revised, "fr").preface.sponsors.text() == (
        f"Arménie, Bélarus et Kazakhstan{NBSP}: projet de résolution révisé")


def test_a_revised_draft_without_sponsors_is_a_revised_draft_resolution():
    revised = _variant(lambda data: (_revised(data), data.update(sponsors=[])))
    assert compose(revised, "en").preface.sponsors.text() == "Revised draft resolution"
    assert compose(revised, "fr").preface.sponsors.text() == "Projet de résolution révisé"


@pytest.mark.parametrize("number", [1, 2, 12])
def test_a_revised_draft_carries_its_symbol_whatever_the_revision(number, lang):
    revised = _variant(lambda data: data.update(symbol=f"A/79/L.20/Rev.{number}"))
    document = compose(revised, lang)
    assert document.preface.symbol == f"A/79/L.20/Rev.{number}"
    assert document.preface.heading.text() == document.preface.title.text()


def test_a_draft_submitted_in_english_says_so_and_the_french_names_its_language(draft):
    assert draft["en"].preface.translation is None
    assert draft["en"].preface.original.text() == "Original: English"
    assert draft["fr"].preface.translation.text() == "Français"
    assert draft["fr"].preface.original.text() == f"Original{NBSP}: anglais"


def test_a_draft_submitted_in_french_says_so_and_the_english_names_its_language():
    french = _variant(lambda data: data.update(original="fr"))
    english, version = compose(french, "en").preface, compose(french, "fr").preface
    assert english.translation.text() == "English"
    assert english.original.text() == "Original: French"
    assert version.translation is None
    assert version.original.text() == f"Original{NBSP}: français"


def test_an_adopted_resolution_has_no_original_line(adopted, lang):
    assert adopted[lang].preface.original is None
    assert adopted[lang].preface.translation is None


def test_a_draft_has_no_adoption_line_no_committee_and_no_closing(draft, lang):
    document = draft[lang]
    assert document.preface.adoption is None
    assert document.preface.committee is None
    assert document.conclusions is None


def test_a_draft_heading_is_the_title_without_a_number(draft):
    assert draft["en"].preface.heading.text() == (
        "Cooperation between the United Nations and the Council of Europe")
    assert draft["fr"].preface.heading.text() == (
        "Coopération entre l'Organisation des Nations Unies et le Conseil de l'Europe")


def test_an_adopted_resolution_has_its_adoption_line_and_committee(adopted):
    assert adopted["en"].preface.adoption.text() == (
        "Resolution adopted by the General Assembly on 21\u00a0November\u00a02022")
    assert adopted["fr"].preface.committee.text() == "[sans renvoi à une grande commission (A/77/L.13)]"
    assert adopted["fr"].preface.sponsors is None
    assert adopted["en"].preface.heading.text().startswith("77/13. Cooperation between")


def test_the_session_and_agenda_item_are_spelled_out(draft):
    assert draft["en"].preface.session.text() == "Seventy-ninth session"
    assert draft["fr"].preface.session.text() == "Soixante-dix-neuvième session"
    assert draft["en"].preface.agenda_item.text() == "Agenda item 128 (h)"
    assert draft["fr"].preface.agenda_item.text() == "Point 128 h) de l'ordre du jour"


def test_the_mandate_names_the_session_of_the_report(draft):
    assert "at its eighty-first session a report" in draft["en"].operative[-1].content.text()
    assert "à sa quatre-vingt-unième session un rapport" in draft["fr"].operative[-1].content.text()


def test_the_page_size_passes_to_the_document(draft, adopted):
    assert draft["en"].page_size == "Letter"
    assert adopted["fr"].page_size == "A4"


def test_both_languages_have_the_same_paragraph_structure(adopted, draft):
    for pair in (adopted, draft):
        english, french = pair["en"], pair["fr"]
        assert [p.name for p in english.preamble] == [p.name for p in french.preamble]
        assert [(p.num, p.name) for p in english.operative] == [(p.num, p.name) for p in french.operative]
        assert len(english.footnotes) == len(french.footnotes)
