"""A composed Document says what its text means: each span covers exactly the text that its date,
citation, opener or verb became, in both languages, after French typography moved the spacing."""

from __future__ import annotations

from datetime import date

from conftest import EXAMPLE

from drafter.composer import compose
from drafter.document import Block, Document, Meaning
from drafter.language import language
from drafter.readers.patterns import plain
from drafter.resolution import Resolution
from drafter.source import load


def _blocks(document: Document) -> list[Block]:
    return [*document.blocks(), *(note.content for note in document.footnotes)]


def _covered(document: Document) -> list[tuple[Meaning, str]]:
    return [(span.meaning, block.text()[span.start: span.end])
            for block in _blocks(document) for span in block.meanings]


def test_every_span_covers_the_text_its_meaning_renders(example, lang):
    words = language(lang)
    document = compose(example, lang)
    covered = _covered(document)
    assert covered, "the example cites resolutions, dates and documents"
    for meaning, text in covered:
        spaced = text.replace("\u00a0", " ").replace("\u202f", " ")
        if meaning.kind in ("opener", "verb"):
            section = "preamble" if meaning.kind == "opener" else "operative"
            assert text == words.phrase(section, meaning.args[0])
        elif meaning.kind == "date":
            assert spaced == plain(words.format_date(date.fromisoformat(meaning.args[0])))
        elif meaning.kind == "doc":
            assert text == meaning.args[0]
        else:
            assert spaced.startswith(meaning.args[0])


def test_the_example_marks_its_citations_and_phrases(example):
    kinds = [meaning.kind for meaning, _ in _covered(compose(example, "en"))]
    assert kinds.count("opener") == 15 and kinds.count("verb") == 9
    assert {"date", "res", "sc", "doc"} <= set(kinds)


def test_both_languages_mean_the_same_things_in_the_same_order(example):
    english, french = ([meaning for meaning, _ in _covered(compose(example, code))]
                       for code in ("en", "fr"))
    assert sorted(english, key=repr) == sorted(french, key=repr)


def test_french_typography_moves_the_spans_with_the_spacing():
    source = load(EXAMPLE).model_dump(mode="json")
    typed = "les dates; {date|2009-08-01}: «{res|64/256|2010-03-02}» et {doc|S/INF/65}"
    source["preamble"][-1]["fr"] = typed
    block = compose(Resolution.model_validate(source), "fr").preamble[-1].content
    # Typography added no-break spaces before ";" and ":" and inside « », before the spans.
    # and inside the dates, which never split across lines.
    assert "dates\u202f; 1er\u00a0août\u00a02009\u00a0: «\u00a064/256" in block.text()
    covered = [block.text()[span.start: span.end] for span in block.meanings]
    assert covered == ["Constatant", "1er\u00a0août\u00a02009", "64/256 du 2\u00a0mars\u00a02010",
                       "S/INF/65"]


def test_the_organization_is_known_to_a_composed_document(example, lang):
    assert compose(example, lang).organization == "csto"

