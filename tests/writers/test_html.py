"""The HTML writer: the editor's preview of the Word page, read back with lxml as a browser would."""

from __future__ import annotations

from datetime import date

import pytest
from lxml import html as lxml_html

from conftest import EXAMPLE
from drafter.composer import compose
from drafter.document import Block, Document, FootnoteRef, Run
from drafter.source import load
from drafter.writers.html import write_html
from test_reference import reference_parts


@pytest.fixture(scope="module")
def pages(example) -> dict[str, lxml_html.HtmlElement]:
    return {code: lxml_html.fragment_fromstring(write_html(compose(example, code)))
            for code in ("en", "fr")}


def _text(node: lxml_html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


def test_the_page_is_one_article_in_its_language(pages, lang):
    page = pages[lang]
    assert page.tag == "article" and page.get("lang") == lang
    assert "page-a4" in page.get("class")


def test_the_french_body_and_footnotes_are_the_official_text_word_for_word(pages):
    expected_body, expected_notes = reference_parts()
    page = pages["fr"]
    for mark in page.xpath('.//sup[@class="fn-ref"]'):
        mark.drop_tree()  # the reference text has no footnote marks once its markup is removed
    body = [node for node in page.xpath(".//p") if "footnote" not in node.get("class")]
    # The PDF extraction lost the "Nations Unies ... A/RES/77/13" line, as in test_reference.
    assert _text(body[0]).split() == ["Nations", "Unies", "A/RES/77/13"]
    assert " ".join(_text(node) for node in body[1:]).split() == expected_body
    notes = page.xpath('.//footer[@class="footnotes"]/p')
    assert [" ".join(_text(note).split()[1:]) for note in notes] == expected_notes


def test_french_typography_is_kept_as_no_break_spaces(pages):
    title = pages["fr"].xpath('.//p[@class="agenda-title"]')[0].text_content()
    assert "autres\u00a0: coopération" in title
    assert "\u202f" in pages["fr"].text_content() or "\u00a0" in pages["fr"].text_content()


def test_openers_and_verbs_are_italic_and_paragraphs_carry_their_place_in_the_source(pages, example):
    page = pages["en"]
    preambular = page.xpath('.//p[@class="preambular"]')
    assert len(preambular) == len(example.preamble)
    assert [node.get("data-index") for node in preambular] == [str(i) for i in range(len(preambular))]
    assert preambular[0].xpath("./i")[0].text == "Having considered"
    operative = page.xpath('.//p[@class="operative"]')
    assert len(operative) == len(example.operative)
    assert operative[0].xpath('./span[@class="num"]')[0].text == "1. "
    assert operative[0].xpath("./i")[0].text == "Welcomes with appreciation"
    assert {node.get("data-part") for node in operative} == {"operative"}


def test_the_masthead_carries_the_symbol_and_the_organ(pages):
    masthead = pages["fr"].xpath('.//header[@class="masthead"]')[0]
    assert masthead.xpath('.//span[@class="symbol"]')[0].text == "A/RES/77/13"
    assert _text(masthead.xpath('.//p[@class="organ"]')[0]) == "Assemblée générale"


def test_footnotes_sit_at_the_foot_numbered_as_their_marks(pages, lang):
    page = pages[lang]
    marks = [int(node.text) for node in page.xpath('.//sup[@class="fn-ref"]')]
    numbers = [int(node.text) for node in page.xpath('.//footer//sup[@class="fn-num"]')]
    assert marks == numbers == list(range(1, len(numbers) + 1))
    assert page[-1].tag == "footer"


def test_sub_paragraphs_are_lettered_in_each_languages_style():
    draft = load(EXAMPLE.parent.parent / "tests" / "fixtures" / "draft-coe.yaml")
    english = lxml_html.fragment_fromstring(write_html(compose(draft, "en")))
    french = lxml_html.fragment_fromstring(write_html(compose(draft, "fr")))
    assert english.xpath('.//p[contains(@class, "point")]/span[@class="num"]')[0].text == "(a) "
    assert french.xpath('.//p[contains(@class, "point")]/span[@class="num"]')[0].text == "a) "
    point = english.xpath('.//p[contains(@class, "point")]')[0]
    assert point.get("data-part") == "operative"


def _document(inlines: list) -> Document:
    """The 77/13 English document with its first preambular paragraph replaced."""
    document = compose(load(EXAMPLE), "en")
    document.preamble[0].content = Block(inlines)
    return document


def test_every_run_is_escaped_so_a_source_cannot_inject_markup():
    hostile = '<script>alert(1)</script> & "quotes" <img src=x onerror=alert(2)>'
    page = write_html(_document([Run(hostile)]))
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in page
    parsed = lxml_html.fragment_fromstring(page)
    assert parsed.xpath('.//p[@class="preambular"]')[0].text_content() == hostile


def test_revisions_become_ins_and_del():
    page = lxml_html.fragment_fromstring(write_html(_document(
        [Run("kept "), Run("old", revision="del"), Run("new", revision="ins"),
         FootnoteRef(1, revision="ins")])))
    paragraph = page.xpath('.//p[@class="preambular"]')[0]
    assert paragraph.xpath("./del")[0].text_content() == "old"
    assert [node.text_content() for node in paragraph.xpath("./ins")] == ["new", "1"]


def test_a_whole_inserted_paragraph_is_wrapped_in_ins():
    document = _document([Run("added")])
    document.preamble[0].content.revision = "ins"
    page = lxml_html.fragment_fromstring(write_html(document))
    assert page.xpath('.//ins/p[@class="preambular"]')[0].text_content() == "added"


def test_bold_italic_and_superscript_runs_nest_inside_one_another():
    page = write_html(_document([Run("39", superscript=False), Run("e", superscript=True, italic=True),
                                 Run("bold", bold=True)]))
    assert "39<i><sup>e</sup></i><b>bold</b>" in page


def test_the_same_document_gives_the_same_html(example):
    assert write_html(compose(example, "fr")) == write_html(compose(example, "fr"))


def test_the_page_size_is_a_class(example):
    document = compose(example, "en")
    document.page_size = "Letter"
    document.issued = date(2022, 11, 25)
    assert 'class="page page-letter"' in write_html(document)


def test_parts_a_read_draft_lacks_are_left_out():
    from drafter.document import absent

    document = compose(load(EXAMPLE), "en")
    document.preface.session = absent()
    page = lxml_html.fragment_fromstring(write_html(document))
    assert not page.xpath('.//p[@class="session"]')
    assert page.xpath('.//p[@class="agenda-item"]')


def test_a_revised_draft_shows_its_symbol_original_line_and_revised_heading(revised):
    english, french = (lxml_html.fragment_fromstring(write_html(compose(revised, code)))
                       for code in ("en", "fr"))
    assert english.xpath('.//span[@class="symbol"]')[0].text == "A/79/L.20/Rev.1"
    column = {code: [line.strip() for line in page.xpath('.//p[@class="distribution"]')[0].itertext()]
              for code, page in (("en", english), ("fr", french))}
    expected = {
        "en": {"en": ["Original: English"], "fr": ["Français", "Original\u00a0: anglais"]},
        "fr": {"en": ["English", "Original: French"], "fr": ["Original\u00a0: français"]},
        "ru": {"en": ["English", "Original: Russian"], "fr": ["Français", "Original\u00a0: russe"]},
    }[revised.original]
    assert column["en"][:2] == ["Distr.: Limited", "4\u00a0November\u00a02024"]
    assert {code: lines[2:] for code, lines in column.items()} == expected
    assert _text(english.xpath('.//p[@class="sponsors"]')[0]).endswith(": revised draft resolution")
    assert _text(french.xpath('.//p[@class="sponsors"]')[0]).endswith("projet de résolution révisé")
