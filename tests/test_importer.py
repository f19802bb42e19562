"""Importing: render → read → import gives back the source, from Word, from LibreOffice's
re-save and from text; one language alone gives a source whose other language is marked."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, REFERENCE

from drafter.commands.importing import import_command
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


def test_standard_paragraphs_are_recognised_with_their_parameters(example):
    got = import_document(read(REFERENCE, None))
    assert [getattr(p, "standard", "prose") for p in got.preamble[:5]] == [
        "report_considered", "charter_regional", "observer_status", "cooperation_series",
        "security_council"]
    assert got.report == "A/77/277-S/2022/606"
    assert got.mandate.report_session == 79 and got.mandate.agenda_session == 79
    assert got.organization == "csto"


def test_a_pair_that_does_not_match_is_refused(docx_bytes):
    english, french = read_docx(docx_bytes["en"]), read_docx(docx_bytes["fr"])
    french.preamble.pop()
    with pytest.raises(ImportFailure, match="the English has 15 and the French 14"):
        import_pair(english, french)


def test_import_command_writes_a_source_that_loads_back(tmp_path, docx_bytes, example, capsys):
    english, french = tmp_path / "draft.en.docx", tmp_path / "draft.fr.docx"
    english.write_bytes(docx_bytes["en"])
    french.write_bytes(docx_bytes["fr"])
    output = tmp_path / "source.yaml"
    assert import_command(french, None, english, output, force=False) == 0
    assert load(output).model_dump() == example.model_dump()
    assert "en: >-" in output.read_text(encoding="utf-8")
    assert import_command(french, None, english, output, force=False) == 2
    assert "--force" in capsys.readouterr().err
    assert import_command(french, "fr", None, output, force=True) == 0


def test_import_command_refuses_unreadable_input_in_one_line(tmp_path, capsys):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert import_command(broken, None, None, tmp_path / "out.yaml", force=False) == 2
    error = capsys.readouterr().err.strip()
    assert str(broken) in error and "\n" not in error
    assert not (tmp_path / "out.yaml").exists()


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


# -- tolerant import -------------------------------------------------------------------------------

def _text(example, lang: str, old: str, new: str) -> str:
    text = write_text(compose(example, lang))
    assert text.count(old) == 1
    return text.replace(old, new)


def test_a_verb_outside_the_lexicon_becomes_an_inline_phrase(example):
    english = read_text(_text(example, "en", "*Calls upon* the two", "*Implores* the two"))
    french = read_text(_text(example, "fr", "*Engage* les deux", "*Conjure* les deux"))
    notes: list[str] = []
    got = import_pair(english, french, notes)
    verb = got.operative[6].verb  # type: ignore[union-attr]
    assert (verb.en, verb.fr) == ("Implores", "Conjure")
    assert any("Implores" in note for note in notes) and any("Conjure" in note for note in notes)
    again = read_text(write_text(compose(got, "fr")))
    assert again.operative[6].content.text().startswith("Conjure les deux")


def test_a_draft_without_report_paragraph_or_closing_gets_placeholders(example):
    text = _text(example, "en", "*39th plenary meeting\n21\u00a0November\u00a02022*\n\n", "")
    text = text.replace(text[text.index("*Having considered*"): text.index("*Recalling* the Articles")], "")
    notes: list[str] = []
    got = import_document(read_text(text), notes)
    assert got.report == "A/77/xxx" and got.adoption is not None and got.adoption.meeting == 999
    assert any("report" in note for note in notes) and any("meeting" in note for note in notes)


def test_a_report_cited_with_its_corrigendum_is_kept_as_printed(example, lang):
    symbol = {"en": "A/77/277-S/2022/606 and Corr.1", "fr": "A/77/277-S/2022/606 et Corr.1"}[lang]
    text = write_text(compose(example, lang)).replace("A/77/277-S/2022/606.", symbol + ".", 1)
    got = import_document(read_text(text))
    assert got.report == symbol
    assert symbol in write_text(compose(got, lang))


def test_import_command_prints_what_to_review(tmp_path, example, capsys):
    draft = tmp_path / "draft.txt"
    draft.write_text(_text(example, "en", "Agenda item 127 (t)\n\n", ""), encoding="utf-8")
    assert import_command(draft, None, None, tmp_path / "out.yaml", force=False) == 0
    out = capsys.readouterr().out
    assert "review: the agenda item is missing" in out
    assert "Review: the agenda item is missing" in (tmp_path / "out.yaml").read_text(encoding="utf-8")


def test_a_revised_draft_imports_back_from_either_language_alone_with_its_original(revised, lang):
    got = import_document(read_docx(write_docx(compose(revised, lang))))
    assert (got.symbol, got.original) == ("A/79/L.20/Rev.1", revised.original)
    assert [sponsor.model_dump()[lang] for sponsor in got.sponsors] == [
        sponsor.model_dump()[lang] for sponsor in revised.sponsors]


def test_the_original_line_of_one_version_is_enough_for_the_pair(revised):
    english, french = (read_text(write_text(compose(revised, code))) for code in ("en", "fr"))
    english.preface.original = None  # a hand-typed English version without the line
    assert import_pair(english, french).original == revised.original
