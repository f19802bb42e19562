"""Importing the paragraphs: points keep their place under an unnumbered paragraph, and a verb
outside the lexicon stays as written, noted for review."""

from __future__ import annotations

from conftest import edited_text

from drafter.composer import compose
from drafter.importer import import_pair
from drafter.readers.docx import read_docx
from drafter.readers.text import read_text
from drafter.resolution import Resolution
from drafter.writers.docx import write_docx
from drafter.writers.text import write_text


def test_a_single_operative_paragraph_is_unnumbered_and_keeps_its_subparagraphs(example):
    source = example.model_dump(mode="json")
    source["operative"] = [{"verb": "requests", "en": "the Secretary-General", "fr": "le Secrétaire général",
                            "subparagraphs": [{"en": "to report", "fr": "de faire rapport"},
                                              {"en": "to consult", "fr": "de consulter"}]}]
    resolution = Resolution.model_validate(source)
    french = read_docx(write_docx(compose(resolution, "fr")))
    assert french.operative[0].num is None and [p.num for p in french.operative[0].points] == ["a)", "b)"]
    english = read_docx(write_docx(compose(resolution, "en")))
    assert import_pair(english, french).model_dump() == resolution.model_dump()


def test_a_verb_outside_the_lexicon_becomes_an_inline_phrase(example):
    english = read_text(edited_text(example, "en", "*Calls upon* the two", "*Implores* the two"))
    french = read_text(edited_text(example, "fr", "*Engage* les deux", "*Conjure* les deux"))
    notes: list[str] = []
    got = import_pair(english, french, notes)
    verb = got.operative[6].verb  # type: ignore[union-attr]
    assert (verb.en, verb.fr) == ("Implores", "Conjure")
    assert any("Implores" in note for note in notes) and any("Conjure" in note for note in notes)
    again = read_text(write_text(compose(got, "fr")))
    assert again.operative[6].content.text().startswith("Conjure les deux")
