"""Phrase books and inline phrases: openers and verbs beyond the lexicon, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter.cli import app
from drafter.composer import compose
from drafter.phrasebook import INLINE, EMPTY, book_for, load_book, parse_book, select
from drafter.resolution import InlinePhrase
from drafter.source import SourceInvalid, load, parse

FIXTURES = Path(__file__).parent / "fixtures"
DRAFT = (FIXTURES / "draft-coe.yaml").read_text(encoding="utf-8")
BOOK = """\
# A delegation's phrases
preamble:
  team_having_received: {en: Having received, fr: Ayant reçu}
operative:
  team_underlines_strongly:
    en: Underlines strongly
    fr: Souligne fortement
"""


@pytest.fixture(autouse=True)
def _no_selected_book():
    select(None)
    yield
    select(None)


def _edit(old: str, new: str, text: str = DRAFT) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _where(text: str, fragment: str) -> tuple[int, int]:
    offset = text.index(fragment)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _errors(text: str, name: str = "phrases.yaml") -> list[str]:
    with pytest.raises(SourceInvalid) as caught:
        parse_book(text, name)
    return [str(error) for error in caught.value.errors]


# -- inline phrases in a source -----------------------------------------------------------------

def test_an_opener_and_a_verb_written_out_in_both_languages_are_rendered_in_each():
    text = _edit("opener: noting\n", "opener: {en: Having received, fr: Ayant reçu}\n")
    text = _edit("verb: encourages", "verb: {en: Underlines, fr: Souligne}", text)
    resolution = parse(text)
    assert resolution.preamble[2].opener == InlinePhrase(en="Having received", fr="Ayant reçu")  # type: ignore[union-attr]
    english, french = compose(resolution, "en"), compose(resolution, "fr")
    assert english.preamble[2].content.inlines[0].text == "Having received"  # type: ignore[union-attr]
    assert english.preamble[2].content.inlines[0].italic  # type: ignore[union-attr]
    assert french.preamble[2].content.inlines[0].text == "Ayant reçu"  # type: ignore[union-attr]
    assert english.operative[0].content.inlines[0].text == "Underlines"  # type: ignore[union-attr]
    assert french.operative[0].content.inlines[0].text == "Souligne"  # type: ignore[union-attr]
    assert english.preamble[2].name == english.operative[0].name == INLINE


def test_a_standard_paragraph_may_take_an_inline_opener():
    text = _edit("  - standard: report_considered\n",
                 "  - standard: report_considered\n    opener: {en: Having examined, fr: Ayant étudié}\n")
    document = compose(parse(text), "fr")
    assert document.preamble[0].content.inlines[0].text == "Ayant étudié"  # type: ignore[union-attr]


def test_an_inline_phrase_in_one_language_is_a_located_error_naming_the_missing_one():
    text = _edit("verb: encourages", "verb: {en: Underlines}")
    with pytest.raises(SourceInvalid) as caught:
        parse(text, "d.yaml")
    (error,) = caught.value.errors
    assert (error.line, error.column) == _where(text, "{en: Underlines}")
    assert error.message.startswith("operative paragraph 1, verb: a phrase written out needs every "
                                    "language; add fr")


@pytest.mark.parametrize(("phrase", "message"), [
    ('{en: "Having {i|received}", fr: Ayant reçu}', "no braces, no line breaks"),
    ('{en: "", fr: Ayant reçu}', "the phrase should be text"),
    ('{en: Having received, fr: Ayant reçu, de: Nach Erhalt}', "unknown field 'de'"),
    ('{en: Having received, fr: 7}', "should be text"),
])
def test_an_inline_phrase_is_words_in_each_language(phrase, message):
    text = _edit("opener: noting\n", f"opener: {phrase}\n")
    with pytest.raises(SourceInvalid) as caught:
        parse(text)
    assert message in str(caught.value)


def test_an_inline_phrase_is_written_back_as_written_out():
    text = _edit("verb: encourages", "verb: {en: Underlines, fr: Souligne}")
    dumped = parse(text).model_dump(mode="json")
    assert dumped["operative"][0]["verb"] == {"en": "Underlines", "fr": "Souligne"}


def test_an_unknown_key_is_still_an_error_that_suggests_the_closest_key():
    text = _edit("opener: noting\n", "opener: notting\n")
    with pytest.raises(SourceInvalid, match="did you mean 'noting'"):
        parse(text)


# -- phrase books ------------------------------------------------------------------------------

def test_a_phrase_book_adds_keys_that_a_source_uses_like_the_lexicon():
    book = parse_book(BOOK)
    text = _edit("opener: noting\n", "opener: team_having_received\n")
    text = _edit("verb: encourages", "verb: team_underlines_strongly", text)
    resolution = parse(text, phrases=book)
    opener = resolution.preamble[2].opener  # type: ignore[union-attr]
    assert isinstance(opener, InlinePhrase) and opener.key == "team_having_received"
    english = compose(resolution, "en")
    assert english.preamble[2].name == "team_having_received"
    assert english.operative[0].content.inlines[0].text == "Underlines strongly"  # type: ignore[union-attr]
    assert compose(resolution, "fr").operative[0].content.inlines[0].text == "Souligne fortement"  # type: ignore[union-attr]


def test_without_the_book_its_keys_are_unknown_and_the_hint_lists_the_book_keys_with_it():
    text = _edit("verb: encourages", "verb: team_underlines_strongy")
    with pytest.raises(SourceInvalid, match="unknown operative verb"):
        parse(text)
    with pytest.raises(SourceInvalid, match="did you mean 'team_underlines_strongly'"):
        parse(text, phrases=parse_book(BOOK))


def test_a_phrases_file_beside_the_source_is_used(tmp_path):
    (tmp_path / "phrases.yaml").write_text(BOOK, encoding="utf-8")
    source = tmp_path / "draft.yaml"
    source.write_text(_edit("verb: encourages", "verb: team_underlines_strongly"), encoding="utf-8")
    assert load(source).operative[0].verb.key == "team_underlines_strongly"  # type: ignore[union-attr]


def test_a_book_given_and_the_one_beside_are_merged_and_must_agree(tmp_path):
    given = tmp_path / "team.yaml"
    given.write_text("operative:\n  team_underlines_strongly: {en: Stresses strongly, fr: Souligne}\n",
                     encoding="utf-8")
    (tmp_path / "phrases.yaml").write_text(BOOK, encoding="utf-8")
    with pytest.raises(SourceInvalid, match="defined differently"):
        book_for(tmp_path / "draft.yaml", given)
    given.write_text("operative:\n  team_notes_keenly: {en: Notes keenly, fr: Note vivement}\n",
                     encoding="utf-8")
    book = book_for(tmp_path / "draft.yaml", given)
    assert set(book.keys("operative")) == {"team_notes_keenly", "team_underlines_strongly"}
    assert book_for(None) == EMPTY


def test_a_key_the_lexicon_has_with_the_same_words_is_accepted_and_one_with_others_refused():
    same = parse_book("preamble:\n  recalling: {en: Recalling, fr: Rappelant}\n")
    assert same.keys("preamble") == []
    errors = _errors("preamble:\n  recalling: {en: Remembering, fr: Se souvenant}\n")
    assert errors == ["phrases.yaml:2:3: preamble, recalling: the lexicon already has this key for "
                      "Recalling / Rappelant; choose another name"]


@pytest.mark.parametrize(("text", "expected"), [
    ("premable: {}\n", "phrases.yaml:1:1: unknown section 'premable'; did you mean 'preamble'?"),
    ("operative: [a, b]\n", "phrases.yaml:1:12: operative: this should be a mapping of keys"),
    ("operative:\n  Bad Key: {en: x, fr: y}\n", "phrases.yaml:2:3: operative: 'Bad Key' is not a key"),
    ("operative:\n  ok_key: {en: Underlines}\n", "phrases.yaml:2:11: operative, ok_key: the fr phrase is missing"),
    ("operative:\n  ok_key: {en: Underlines, fr: \"a{b\"}\n",
     "phrases.yaml:2:32: operative, ok_key: a phrase is words only"),
    ("operative:\n  ok_key: {en: Underlines, fr: Souligne, de: Betont}\n",
     "phrases.yaml:2:11: operative, ok_key: unknown language 'de'"),
    ("operative:\n  ok_key: Underlines\n", "phrases.yaml:2:11: operative, ok_key: write the phrase in every"),
    ("- a\n", "phrases.yaml:1:1: a source is a mapping"),
    ("operative: {a: &a [*a]}\n", "phrases.yaml:1:16: an alias"),
])
def test_mistakes_in_a_phrase_book_are_located(text, expected):
    assert _errors(text)[0].startswith(expected), _errors(text)


def test_every_mistake_of_a_book_is_reported_in_file_order():
    errors = _errors("operative:\n  Bad: {en: x, fr: y}\n  ok_key: {en: x}\npreamble: 3\n")
    assert [error.split(":")[1] for error in errors] == ["2", "3", "4"]


# -- the command line -------------------------------------------------------------------------

def _run(*args: str | Path):
    return CliRunner().invoke(app, [str(arg) for arg in args])


def test_render_and_validate_take_a_phrase_book_with_phrases(tmp_path):
    book = tmp_path / "team.yaml"
    book.write_text(BOOK, encoding="utf-8")
    source = tmp_path / "draft.yaml"
    source.write_text(_edit("verb: encourages", "verb: team_underlines_strongly"), encoding="utf-8")
    out = tmp_path / "out"
    assert _run("render", source, "--out", out).exit_code == 2
    result = _run("render", source, "--out", out, "--format", "txt", "--phrases", book)
    assert result.exit_code == 0, result.output
    assert "Souligne fortement" in (out / "draft.fr.txt").read_text(encoding="utf-8")
    assert _run("validate", source, "--phrases", book).exit_code in (0, 1)
    assert _run("validate", source).exit_code == 2


def test_batch_workers_use_the_phrase_book(tmp_path):
    book = tmp_path / "team.yaml"
    book.write_text(BOOK, encoding="utf-8")
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("a", "b"):
        (sources / f"{name}.yaml").write_text(
            _edit("verb: encourages", "verb: team_underlines_strongly"), encoding="utf-8")
    result = _run("batch", sources, "--out", tmp_path / "out", "--jobs", "2", "--phrases", book)
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out").glob("*.docx"))) == 4


def test_a_bad_phrase_book_stops_every_command_with_its_located_error(tmp_path):
    book = tmp_path / "team.yaml"
    book.write_text("operative:\n  Bad Key: {en: x, fr: y}\n", encoding="utf-8")
    source = tmp_path / "draft.yaml"
    source.write_text(DRAFT, encoding="utf-8")
    for command in (["render", source], ["validate", source], ["batch", source],
                    ["followup", source, "--session", "81"], ["import", source, "-o", tmp_path / "x.yaml"],
                    ["new", "--org", "coe", "--session", "81"], ["phrases", "operative"]):
        result = _run(*command, "--phrases", book)
        assert result.exit_code == 2, (command, result.output)
        assert f"{book}:2:3:" in result.output


def test_drafter_phrases_lists_the_book_after_the_lexicon(tmp_path):
    book = tmp_path / "team.yaml"
    book.write_text(BOOK, encoding="utf-8")
    result = _run("phrases", "operative", "--phrases", book)
    assert result.output.splitlines()[-1].split() == ["team_underlines_strongly", "Underlines", "strongly",
                                                      "|", "Souligne", "fortement"]
    assert load_book(book).files == (str(book),)
