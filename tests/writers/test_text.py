"""The plain-text writer: the conventions of the reference extraction of 77/13."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.composer import compose
from drafter.document import Block, FootnoteRef, Run
from drafter.source import load
from drafter.writers.text import _inline, footnote_mark, write_text

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture(scope="module")
def texts(example) -> dict[str, str]:
    return {code: write_text(compose(example, code)) for code in ("en", "fr")}


@pytest.fixture(scope="module")
def draft_texts() -> dict[str, str]:
    draft = load(FIXTURES / "draft-coe.yaml")
    return {code: write_text(compose(draft, code)) for code in ("en", "fr")}


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


@pytest.mark.parametrize(("number", "mark"), [(1, "¹"), (7, "⁷"), (10, "¹⁰"), (23, "²³")])
def test_footnote_marks_are_superscript_digits(number, mark):
    assert footnote_mark(number) == mark


def test_paragraphs_are_separated_by_blank_lines_and_the_text_ends_with_a_newline(texts, lang):
    text = texts[lang]
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\n\n\n" not in text


def test_the_first_line_gives_the_organization_and_the_symbol(texts):
    assert texts["en"].startswith("United Nations A/RES/77/13\n\nGeneral Assembly\n\n")
    assert texts["fr"].startswith("Nations Unies A/RES/77/13\n\nAssemblée générale\n\n")


def test_the_agenda_title_is_bold(texts):
    assert "\n\n**Coopération entre l'Organisation des Nations Unies et les organisations " in texts["fr"]


def test_italic_openers_are_starred_with_the_space_outside(texts):
    assert ("\n\n*Having considered* the report of the Secretary-General on cooperation between "
            "the United Nations and regional and other organizations,¹\n\n") in texts["en"]
    assert "\n\n*Ayant examiné* le rapport" in texts["fr"]


def test_operative_paragraphs_are_numbered_with_italic_verbs(texts):
    paragraphs = _paragraphs(texts["en"])
    assert any(p.startswith("1. *Welcomes with appreciation* the report") for p in paragraphs)
    assert any(p.startswith("9. *Decides* to include") for p in paragraphs)


def test_the_footnote_mark_follows_the_language(texts):
    assert "regional and other organizations,¹" in texts["en"]
    assert "organisations régionales ou autres¹," in texts["fr"]


def test_superscripts_are_written_with_a_caret_and_braces(texts):
    assert "*39^{e} séance plénière\n21\u00a0novembre\u00a02022*" in texts["fr"]
    assert "*39th plenary meeting\n21\u00a0November\u00a02022*" in texts["en"]


def test_footnotes_follow_the_text_each_opening_with_its_mark(texts):
    paragraphs = _paragraphs(texts["fr"].rstrip("\n"))
    notes = paragraphs[-7:]
    assert [note.split(" ", 1)[0] for note in notes] == list("¹²³⁴⁵⁶⁷")
    assert notes[0] == "¹ A/77/277-S/2022/606."
    assert notes[2] == ("³ S/PRST/2010/1\u202f; voir *Résolutions et décisions du Conseil de "
                        "sécurité, 1^{er}\u00a0août\u00a02009-31\u00a0juillet\u00a02010 (S/INF/65)*.")


def test_an_italic_span_survives_a_superscript_inside_it():
    block = Block([Run("Voir "), Run("Résolutions, 1", italic=True),
                   Run("er", italic=True, superscript=True), Run(" août", italic=True), Run(".")])
    assert _inline(block) == "Voir *Résolutions, 1^{er} août*."


def test_an_italic_span_closes_before_trailing_spaces():
    block = Block([Run("Rappelant ", italic=True), Run("sa résolution")])
    assert _inline(block) == "*Rappelant* sa résolution"


def test_an_italic_span_at_the_end_of_a_block_is_closed():
    assert _inline(Block([Run("voir "), Run("Strasbourg", italic=True)])) == "voir *Strasbourg*"


def test_a_footnote_mark_inside_an_italic_span_does_not_break_it():
    block = Block([Run("a", italic=True), FootnoteRef(2), Run("b", italic=True)])
    assert _inline(block) == "*a²b*"


def test_a_draft_shows_its_sponsors_and_sub_paragraphs(draft_texts):
    paragraphs = _paragraphs(draft_texts["en"])
    assert "Armenia, Belarus and Kazakhstan: draft resolution" in paragraphs
    assert "(a) human rights, including:" in paragraphs
    assert "(ii) the rule of law;" in paragraphs
    french = _paragraphs(draft_texts["fr"])
    assert "a) les droits de l'homme, notamment\u00a0:" in french
    assert "i) la liberté d'expression\u202f;" in french


def test_a_draft_has_no_closing(draft_texts, lang):
    assert "plenary meeting" not in draft_texts[lang] and "séance plénière" not in draft_texts[lang]


def test_writing_twice_gives_the_same_text(example, lang):
    assert write_text(compose(example, lang)) == write_text(compose(example, lang))
