"""Importing: render → read → import gives back the source, from Word, from LibreOffice's
re-save and from text; one language alone gives a source whose other language is marked."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, REFERENCE

from drafter.composer import compose
from drafter.importer import ImportFailure, import_document, import_pair
from drafter.language import phrase_keys
from drafter.organizations import registry
from drafter.pairing import UNTRANSLATED
from drafter.readers import read
from drafter.readers.docx import read_docx
from drafter.readers.text import read_text
from drafter.resolution import Resolution
from drafter.source import load
from drafter.writers.docx import write_docx
from drafter.writers.text import write_text


def _language(tree: object, code: str) -> object:
    """A model dump with only one language of each prose field."""
    if isinstance(tree, dict):
        return {key: _language(value, code) for key, value in tree.items()
                if key not in ({"en", "fr"} - {code})}
    if isinstance(tree, list):
        return [_language(item, code) for item in tree]
    return tree


def test_word_files_import_back_to_the_example(example, docx_bytes):
    got = import_pair(read_docx(docx_bytes["en"]), read_docx(docx_bytes["fr"]))
    assert got.model_dump() == example.model_dump()


def test_libreoffice_resaves_import_back_to_the_example(example, resaved_docx):
    got = import_pair(read_docx(resaved_docx["en"]), read_docx(resaved_docx["fr"]))
    assert got.model_dump() == example.model_dump()


def test_text_files_import_back_to_the_example(example):
    english, french = (read_text(write_text(compose(example, code))) for code in ("en", "fr"))
    assert import_pair(english, french).model_dump() == example.model_dump()


def test_the_reference_alone_gives_the_french_and_marks_the_english(example):
    got = import_document(read(REFERENCE, None))
    assert _language(got.model_dump(), "fr") == _language(example.model_dump(), "fr")
    english = got.operative[1]
    assert english.en == UNTRANSLATED + english.fr  # type: ignore[union-attr]


def test_a_pair_that_does_not_match_is_refused(docx_bytes):
    english, french = read_docx(docx_bytes["en"]), read_docx(docx_bytes["fr"])
    french.preamble.pop()
    with pytest.raises(ImportFailure, match="the English has 15 and the French 14"):
        import_pair(english, french)


# -- property: generated resolutions survive render → read → import ----------------------------

WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "kilo"]
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))
citations = st.builds(lambda n, m, d: f"{{res|{n}/{m}|{d.isoformat()}}}",
                      st.integers(40, 80), st.integers(1, 300), dates)
words = st.sampled_from(WORDS)
council = st.builds(lambda n, d, dated: f"{{sc|{n}|{d.isoformat() if dated else d.year}}}",
                    st.integers(1, 2800), dates, st.booleans())
symbols = st.builds(lambda s, n: f"{{doc|A/{s}/{n}}}", st.integers(40, 80), st.integers(1, 999))
tokens = st.one_of(words, words, words, dates.map(lambda d: f"{{date|{d.isoformat()}}}"), citations,
                   council, symbols, words.map(lambda w: w + ","), words.map(lambda w: f"« {w} »"),
                   words.map(lambda w: f"{w} : {w}"),
                   st.lists(words, min_size=1, max_size=3).map(lambda w: "{i|" + " ".join(w) + "}"))
footnotes = st.one_of(st.just(""), st.lists(words, min_size=1, max_size=4).map(
    lambda w: "{fn|" + " ".join(w).capitalize() + ".}"), citations.map(lambda c: f"{{fn|See {c}.}}"))


@st.composite
def prose(draw: st.DrawFn) -> str:
    parts = [draw(words)] + draw(st.lists(tokens, max_size=8)) + [draw(words)]
    # A source writes a footnote before the punctuation it touches (the canonical form).
    return " ".join(part + draw(footnotes) if index and not part.endswith(",") else part
                    for index, part in enumerate(parts))


@st.composite
def resolutions(draw: st.DrawFn) -> Resolution:
    source = load(EXAMPLE).model_dump(mode="json")
    source["organization"] = draw(st.sampled_from(sorted(registry())))
    source["page_size"] = draw(st.sampled_from(["A4", "Letter"]))
    source["agenda_item"]["sub_item"] = draw(st.sampled_from([None, "t", "aa"]))
    if draw(st.booleans()):
        source.update(stage="draft", draft_symbol=None, adoption=None,
                      symbol=draw(st.sampled_from(["A/77/L.13", "A/77/L.13/Rev.1", "A/77/L.13/Rev.2"])),
                      original=draw(st.sampled_from(["en", "fr", "ru"])),
                      sponsors=[{"en": name.capitalize(), "fr": name.capitalize()}
                                for name in draw(st.lists(words, max_size=3, unique=True))])

    def both() -> dict[str, str]:
        return {"en": draw(prose()), "fr": draw(prose())}

    source["preamble"] = [{"standard": "report_considered"}] + [
        {"opener": draw(st.sampled_from(phrase_keys("preamble"))), **both()}
        for _ in range(draw(st.integers(0, 4)))]
    operative = []
    for _ in range(draw(st.integers(1, 4))):
        points = [{**both(), "subparagraphs": [both() for _ in range(draw(st.integers(0, 2)))]}
                  for _ in range(draw(st.integers(0, 3)))]
        operative.append({"verb": draw(st.sampled_from(phrase_keys("operative"))), **both(),
                          "subparagraphs": points})
    source["operative"] = operative + [{"standard": "report_requested"}, {"standard": "agenda_inclusion"}]
    return Resolution.model_validate(source)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(resolutions())
def test_generated_resolutions_round_trip_through_word_and_text(resolution):
    # Plain text has no page size: it comes back as the default.
    for write, read_back, ignored in ((write_docx, read_docx, set()),
                                      (write_text, read_text, {"page_size"})):
        english, french = (read_back(write(compose(resolution, code))) for code in ("en", "fr"))
        got = import_pair(english, french)
        assert got.model_dump(exclude=ignored) == resolution.model_dump(exclude=ignored)


def test_a_citation_that_differs_between_languages_is_located(example):
    source = example.model_dump(mode="json")
    french = Resolution.model_validate(source)
    source["preamble"][3]["resolutions"][0]["date"] = "2010-03-03"
    english = Resolution.model_validate(source)
    with pytest.raises(ImportFailure, match=r"preambular paragraph 4, resolutions 1, date: the "
                       r"English gives 2010-03-03 but the French 2010-03-02"):
        import_pair(read_docx(write_docx(compose(english, "en"))),
                    read_docx(write_docx(compose(french, "fr"))))


def test_the_original_line_of_one_version_is_enough_for_the_pair(revised):
    english, french = (read_text(write_text(compose(revised, code))) for code in ("en", "fr"))
    english.preface.original = None  # a hand-typed English version without the line
    assert import_pair(english, french).original == revised.original
