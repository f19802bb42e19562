"""French typography: no-break spaces before ; : ! ? and inside « », applied once, in French only."""

from __future__ import annotations

from msgspec.structs import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.document import (
    Block,
    Document,
    Footnote,
    FootnoteRef,
    Inline,
    OperativeParagraph,
    PreambularParagraph,
    Preface,
    Run,
)
from drafter.language import language
from drafter.typography import apply_typography

NARROW = "\u202f"  # narrow no-break space, before ; ! ?
NBSP = "\u00a0"  # no-break space, before : and inside « »


def _document(*inlines: Inline, lang: str = "fr") -> Document:
    """A document whose first preambular paragraph holds these inlines."""
    def block(text: str = "x") -> Block:
        return Block([Run(text)])

    preface = Preface(block(), "A/77/L.1", block(), block(), block(), block(), block(), block(),
                      None, None, None, block(), block())
    return Document(lang=lang, page_size="A4", issued=date(2022, 11, 25), preface=preface,
                    formula=block("L'Assemblée générale,"),
                    preamble=[PreambularParagraph("recalling", Block(list(inlines)))],
                    operative=[OperativeParagraph(None, "decides", block("Décide."))],
                    conclusions=None, footnotes=[])


def _fixed(*inlines: Inline, lang: str = "fr") -> list[Inline]:
    document = apply_typography(_document(*inlines, lang=lang), language(lang))
    return document.preamble[0].content.inlines


def _text(*inlines: Inline, lang: str = "fr") -> str:
    return Block(_fixed(*inlines, lang=lang)).text()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("S/PRST/2010/1 ; voir", f"S/PRST/2010/1{NARROW}; voir"),
        ("pourquoi ? Parce que", f"pourquoi{NARROW}? Parce que"),
        ("Agissons ! Maintenant", f"Agissons{NARROW}! Maintenant"),
        ("autres : coopération", f"autres{NBSP}: coopération"),
    ],
)
def test_a_plain_space_typed_before_a_mark_becomes_the_right_no_break_space(typed, expected):
    assert _text(Run(typed)) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("S/PRST/2010/1; voir", f"S/PRST/2010/1{NARROW}; voir"),
        ("pourquoi? Parce que", f"pourquoi{NARROW}? Parce que"),
        ("Agissons! Maintenant", f"Agissons{NARROW}! Maintenant"),
        ("autres: coopération", f"autres{NBSP}: coopération"),
        ("fin;", f"fin{NARROW};"),
    ],
)
def test_a_missing_space_before_a_mark_is_added(typed, expected):
    assert _text(Run(typed)) == expected


def test_guillemets_get_no_break_spaces_inside():
    assert _text(Run("baptisée « opération Kanal », que")) == f"baptisée «{NBSP}opération Kanal{NBSP}», que"
    assert _text(Run("baptisée «opération Kanal», que")) == f"baptisée «{NBSP}opération Kanal{NBSP}», que"


def test_the_wrong_no_break_space_is_replaced_by_the_right_one():
    assert _text(Run(f"voir{NBSP}; et")) == f"voir{NARROW}; et"
    assert _text(Run(f"autres{NARROW}: et")) == f"autres{NBSP}: et"


def test_several_spaces_before_a_mark_become_one():
    assert _text(Run("voir  ; et")) == f"voir{NARROW}; et"


@pytest.mark.parametrize("text", ["réunion à 10:30 au siège", "voir http://un.org/fr", "ratio 3:1"])
def test_a_colon_not_followed_by_a_space_is_not_punctuation_and_stays(text):
    assert _text(Run(text)) == text


def test_a_mark_that_opens_a_run_takes_its_space_from_the_previous_run():
    inlines = _fixed(Run("Résolutions et décisions", italic=True), Run("; voir"))
    assert inlines == [Run("Résolutions et décisions", italic=True), Run(f"{NARROW}; voir")]


def test_a_plain_space_across_a_run_boundary_is_replaced():
    inlines = _fixed(Run("Résolutions et décisions ", italic=True), Run("; voir"))
    assert Block(inlines).text() == f"Résolutions et décisions{NARROW}; voir"


def test_an_italic_run_followed_by_a_run_that_opens_with_space_and_semicolon():
    inlines = _fixed(Run("Résolutions et décisions", italic=True), Run(" ; voir"))
    assert Block(inlines).text() == f"Résolutions et décisions{NARROW}; voir"


def test_a_footnote_mark_before_a_colon_gets_the_space_after_the_mark():
    inlines = _fixed(Run("autres"), FootnoteRef(1), Run(": voir"))
    assert inlines == [Run("autres"), FootnoteRef(1), Run(f"{NBSP}: voir")]


def test_typography_is_idempotent_on_the_example(example):
    from drafter.composer import compose

    french = compose(example, "fr")
    again = apply_typography(french, language("fr"))
    assert again == french


_WORD = st.text(alphabet="abcéÉ19/", min_size=1, max_size=6)
_SPACE_BEFORE = st.sampled_from(["", " ", "  ", NBSP, NARROW])
_MARK = st.sampled_from(["", "", ";", ":", "!", "?", ",", "."])
_PHRASE = st.tuples(_WORD, _SPACE_BEFORE, _MARK, st.booleans()).map(
    lambda parts: (f"« {parts[0]} »" if parts[3] else parts[0])
    + (parts[1] + parts[2] if parts[2] else ""))
_PROSE = st.lists(_PHRASE, min_size=1, max_size=8).map(" ".join)


@given(_PROSE, st.integers(min_value=0, max_value=60))
def test_typography_applied_twice_changes_nothing_more(text, cut):
    cut = min(cut, len(text))
    runs = [run for run in (Run(text[:cut], italic=True), Run(text[cut:])) if run.text]
    once = _fixed(*runs)
    twice = apply_typography(_document(*once), language("fr")).preamble[0].content.inlines
    assert twice == once


def test_english_is_left_untouched():
    text = "Distr.: General; see « this » and 10:30 ?"
    assert _text(Run(text), lang="en") == text


def test_the_pass_reaches_the_preface_footnotes_and_operative_paragraphs():
    document = _document(Run("x"))
    document.preface.agenda_title = Block([Run("organisations régionales ou autres : coopération")])
    document.footnotes = [Footnote(1, Block([Run("S/PRST/2010/1 ; voir")]))]
    document.operative[0].content = Block([Run("Décide : ceci")])
    fixed = apply_typography(document, language("fr"))
    assert fixed.preface.agenda_title.text() == f"organisations régionales ou autres{NBSP}: coopération"
    assert fixed.footnotes[0].content.text() == f"S/PRST/2010/1{NARROW}; voir"
    assert fixed.operative[0].content.text() == f"Décide{NBSP}: ceci"


def test_the_french_example_has_no_plain_space_before_a_semicolon_or_colon(example):
    from drafter.composer import compose

    french = compose(example, "fr")
    texts = [block.text() for block in french.blocks()] + [note.content.text()
                                                           for note in french.footnotes]
    for text in texts:
        assert " ;" not in text and " :" not in text and "« " not in text and " »" not in text, text
    assert any(f"{NARROW};" in text for text in texts)
    assert any(f"«{NBSP}opération Kanal{NBSP}»" in text for text in texts)


@pytest.mark.parametrize(
    ("typed", "expected", "lang"),
    [
        ("le 9 novembre 2018, à", f"le 9{NBSP}novembre{NBSP}2018, à", "fr"),
        ("le 9  novembre \u202f 2018", f"le 9{NBSP}novembre{NBSP}2018", "fr"),
        ("en juillet 2019", f"en juillet{NBSP}2019", "fr"),
        ("on 21 November 2022 and May 2018", f"on 21{NBSP}November{NBSP}2022 and May{NBSP}2018", "en"),
    ],
)
def test_the_spaces_inside_a_date_become_one_no_break_space(typed, expected, lang):
    assert _text(Run(typed), lang=lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("en 2018 et 2019, 12 membres", "fr"),
        ("je semai 2018 graines", "fr"),  # a month's name ending a longer word is no month
        ("le 9 novembres", "fr"),
        ("novembre 20189", "fr"),  # five digits are no year
        ("Dismay 2018, May20", "en"),
    ],
)
def test_spaces_that_are_not_inside_a_date_stay(text, lang):
    assert _text(Run(text), lang=lang) == text


_SPACED_TEXT = st.text(alphabet=" \u00a0\u202fab;:«»", max_size=40)


@given(_SPACED_TEXT)
def test_characters_other_than_spaces_are_counted_as_one_by_one_would(text):
    """Spans move by the n-th character other than a space; typography counts them with
    str.count and bisection, and must give what counting character by character gives."""
    from bisect import bisect_left

    from drafter.typography import _SPACES, _other_at, _others_before

    others = [index for index, char in enumerate(text) if char not in _SPACES]
    for offset in range(len(text) + 2):
        assert _others_before(text, offset) == bisect_left(others, offset)
    for index, offset in enumerate(others):
        assert _other_at(text, index) == offset


@pytest.mark.parametrize("runs", [
    [Run("l'« "), Run("opération Kanal", italic=True), Run(" »,")],
    [Run("l'«"), Run("opération Kanal", italic=True), Run("»,")],
    [Run("l'« "), Run(" "), Run("opération Kanal", italic=True), Run(" ", italic=True), Run("»,")],
    [Run("l'«\u202f"), Run("opération Kanal ", italic=True), Run(" »,")],
], ids=["plain-spaces", "no-spaces", "spaces-in-runs-of-their-own", "wrong-spaces"])
def test_guillemets_around_words_in_another_formatting_get_no_break_spaces(runs):
    """« then an italic word: the space after « is a no-break space whichever run holds it; it
    stays with the guillemet, and the italic words keep their formatting and nothing else."""
    assert _fixed(*runs) == [Run(f"l'«{NBSP}"), Run("opération Kanal", italic=True), Run(f"{NBSP}»,")]


@pytest.mark.parametrize(("mark", "space"), [(";", NARROW), ("!", NARROW), ("?", NARROW), (":", NBSP), ("»", NBSP)])
@pytest.mark.parametrize("typed", ["", " ", "  ", NBSP])
def test_a_mark_after_words_in_another_formatting_gets_its_no_break_space(mark, space, typed):
    for italic_space, plain_space in ((typed, ""), ("", typed)):
        inlines = _fixed(Run("le "), Run("Règlement" + italic_space, italic=True), Run(f"{plain_space}{mark} voir"))
        assert Block(inlines).text() == f"le Règlement{space}{mark} voir"
        assert [run.text for run in inlines if isinstance(run, Run) and run.italic] == ["Règlement"]


_FORMATS = st.sampled_from([{}, {"italic": True}, {"bold": True}, {"italic": True, "bold": True}])


@given(_PROSE, st.lists(st.integers(min_value=0, max_value=80), max_size=4), st.lists(_FORMATS, min_size=5, max_size=5))
def test_where_runs_change_formatting_makes_no_difference_to_the_spacing(text, cuts, formats):
    """Cut anywhere into runs of mixed formatting, a text gets the spacing it gets in one run:
    no ordinary space is left beside « » ; : ! ?, whatever formatting the words around have."""
    edges = sorted({0, len(text), *(min(cut, len(text)) for cut in cuts)})
    runs = [Run(text[start:end], **formats[index]) for index, (start, end) in enumerate(zip(edges, edges[1:]))
            if text[start:end]]
    fixed = _fixed(*runs)
    assert Block(fixed).text() == _text(Run(text))
    assert apply_typography(_document(*fixed), language("fr")).preamble[0].content.inlines == fixed


@pytest.mark.parametrize("runs", [
    [Run("l'«"), Run(" "), Run(""), Run(" opération", italic=True)],
    [Run("l'« "), Run(" ", italic=True), Run("  "), Run("opération", italic=True)],
], ids=["empty-run-between", "several-runs-of-spaces"])
def test_runs_of_spaces_alone_after_a_guillemet_leave_one_no_break_space(runs):
    inlines = _fixed(*runs)
    assert Block(inlines).text() == f"l'«{NBSP}opération"
    assert all(not isinstance(run, Run) or run.text for run in inlines)


@pytest.mark.parametrize("runs", [
    [Run("le "), Run("Règlement ", italic=True), Run(" "), Run("; voir")],
    [Run("le "), Run("Règlement", italic=True), Run(" "), Run(""), Run(" ; voir")],
], ids=["space-in-both-runs", "empty-run-between"])
def test_runs_of_spaces_alone_before_a_mark_leave_one_no_break_space(runs):
    assert _text(*runs) == f"le Règlement{NARROW}; voir"


def test_a_mark_after_a_footnote_mark_and_a_run_of_spaces_gets_its_no_break_space():
    inlines = _fixed(Run("le Règlement"), FootnoteRef(1), Run(" "), Run(": voir"))
    assert Block(inlines).text().endswith(f"{NBSP}: voir")
    assert isinstance(inlines[1], FootnoteRef)


def test_empty_runs_that_came_with_the_text_are_kept_when_nothing_moves():
    runs = [Run("Rappelant "), Run(""), Run("sa résolution", italic=True)]
    assert _fixed(*runs) == runs


def _italic_names(tmp_path):
    """The example with its two operation names in italics, typed with and without spaces."""
    from drafter.source import load

    from tests.conftest import EXAMPLE

    text = EXAMPLE.read_text(encoding="utf-8")
    assert "« opération Kanal »" in text and "« Nelegal »" in text
    text = text.replace("« opération Kanal »", "« {i|opération Kanal} »").replace(
        "« Nelegal »", "«{i|Nelegal}»")
    path = tmp_path / "italic-names.yaml"
    path.write_text(text, encoding="utf-8")
    return load(path)


@pytest.mark.parametrize(("name", "typed"), [("opération Kanal", "with spaces"), ("Nelegal", "without")])
def test_a_composed_french_paragraph_keeps_its_guillemets_and_no_break_spaces_around_an_italic_name(
        tmp_path, name, typed):
    from drafter.composer import compose

    document = compose(_italic_names(tmp_path), "fr")
    inlines = next(p.content.inlines for p in document.preamble if name in p.content.text())
    runs = [run for run in inlines if isinstance(run, Run)]
    at = next(index for index, run in enumerate(runs) if run.italic and run.text == name)
    assert runs[at - 1].text.endswith(f"«{NBSP}") and not runs[at - 1].italic
    assert runs[at + 1].text.startswith(f"{NBSP}»") and not runs[at + 1].italic
    assert f"«{NBSP}{name}{NBSP}»" in Block(inlines).text()


def test_the_french_word_file_has_no_break_spaces_at_the_boundaries_of_the_italic_names(tmp_path):
    from drafter.composer import compose
    from drafter.writers.docx import write_docx

    from tests.conftest import W, part_xml

    body = part_xml(write_docx(compose(_italic_names(tmp_path), "fr")), "word/document.xml")
    for name in ("opération Kanal", "Nelegal"):
        paragraph = next(p for p in body.iter(f"{W}p")
                         if name in "".join(t.text or "" for t in p.iter(f"{W}t")))
        runs = [(r.find(f"{W}rPr/{W}i") is not None, "".join(t.text or "" for t in r.iter(f"{W}t")))
                for r in paragraph.iter(f"{W}r")]
        at = runs.index((True, name))
        assert runs[at - 1][1].endswith(f"«{NBSP}") and runs[at + 1][1].startswith(f"{NBSP}»")
        assert all(t.text for t in paragraph.iter(f"{W}t")), "no empty text is written"
        text = "".join(text for _, text in runs)
        assert "« " not in text and " »" not in text and f"«{NBSP}{name}{NBSP}»" in text


def test_the_english_word_file_of_the_same_source_is_the_example_s(tmp_path, docx_bytes):
    """English has no such rule: italics inside the French guillemets change nothing there."""
    from drafter.composer import compose
    from drafter.writers.docx import write_docx

    assert write_docx(compose(_italic_names(tmp_path), "en")) == docx_bytes["en"]


def test_a_meaning_after_a_dropped_run_of_spaces_still_covers_its_words():
    """A run of spaces alone that gives its space up is dropped: the meanings that follow move
    with the text (a block's runs are fewer, so it is not the block it was)."""
    from drafter.document import Meaning, Span

    runs = [Run("l'« "), Run(" "), Run("opération", italic=True), Run(" », A/77/277")]
    text = Block(runs).text()
    start = text.index("A/77/277")
    block = Block(runs, meanings=[Span(start, start + 8, Meaning("doc", ("A/77/277",)))])
    document = _document()
    document = replace(document, preamble=[PreambularParagraph("recalling", block)])
    fixed = apply_typography(document, language("fr")).preamble[0].content
    [span] = fixed.meanings
    assert fixed.text() == f"l'«{NBSP}opération{NBSP}», A/77/277"
    assert fixed.text()[span.start:span.end] == "A/77/277"
    assert len(fixed.inlines) == 3


@given(_SPACED_TEXT, st.lists(st.integers(0, 44), max_size=12), st.lists(st.integers(-1, 44), max_size=12))
def test_characters_counted_for_many_spans_at_once_are_counted_as_one_by_one(text, offsets, indices):
    """A paragraph of thousands of dates moves all its spans with one pass over its text."""
    from drafter.typography import _all_others_at, _all_others_before, _other_at, _others_before

    assert _all_others_before(text, offsets) == {offset: _others_before(text, offset) for offset in offsets}
    assert _all_others_at(text, indices) == {index: _other_at(text, index) for index in indices}
