"""UN document symbols as printed: one grammar for the schema, {doc|…}, the rules and the readers."""

from __future__ import annotations

import re

import pytest

from drafter import symbols
from drafter.symbols import SymbolError, SymbolList

PRINTED = {
    "A/61/256 and Add.1": ("A/61/256 et Add.1", SymbolList("A/61/256", ("Add.1",), ("last",))),
    "A/63/228-S/2008/531 and Corr.1": ("A/63/228-S/2008/531 et Corr.1",
                                       SymbolList("A/63/228-S/2008/531", ("Corr.1",), ("last",))),
    "A/60/L.40 and Add.1": ("A/60/L.40 et Add.1", SymbolList("A/60/L.40", ("Add.1",), ("last",))),
    "A/63/L.101 and Add.1": ("A/63/L.101 et Add.1", SymbolList("A/63/L.101", ("Add.1",), ("last",))),
    "A/64/13 and Add.1 and 2": ("A/64/13 et Add.1 et 2",
                                SymbolList("A/64/13", ("Add.1", "2"), ("last", "last"))),
    "A/62/1, Add.1 and Corr.1": ("A/62/1, Add.1 et Corr.1",
                                 SymbolList("A/62/1", ("Add.1", "Corr.1"), ("separator", "last"))),
    "A/77/277-S/2022/606": ("A/77/277-S/2022/606", SymbolList("A/77/277-S/2022/606")),
}


@pytest.mark.parametrize("printed", PRINTED)
def test_a_printed_list_is_parsed_and_printed_in_each_language(printed):
    french, parsed = PRINTED[printed]
    assert symbols.parse(printed) == parsed
    assert symbols.format(printed, "en") == printed
    assert symbols.format(printed, "fr") == french
    assert symbols.parse(french) == parsed  # a source may write either language's conjunction
    assert symbols.format(french, "en") == printed
    assert symbols.problem(printed) is None


def test_a_list_names_every_document_spelled_out():
    assert symbols.parse("A/64/13 and Add.1 and 2").documents() == [
        "A/64/13", "A/64/13/Add.1", "A/64/13/Add.2"]
    assert symbols.parse("A/63/228-S/2008/531 and Corr.1").parts == ("A/63/228", "S/2008/531")


@pytest.mark.parametrize("symbol", [
    "A/77/277-S/2022/606", "A/RES/77/13", "A/77/L.13", "S/PRST/2010/1", "E/2009/28", "S/INF/65",
    "A/RES/S-30/1", "A/63/L.101/Add.1", "A/C.3/77/L.5", "A/C.1/77/L.52/Rev.1", "A/77/PV.39",
    "S/2022/606", "A/61/256/Add.1", "A/61/256/Corr.1", "A/61/256/Add.1/Corr.1", "A/61/256/Amend.1",
    "A/RES/60/1/Corr.1", "A/INF/77/1", "E/CN.6/2023/3", "E/CN.3/2023/L.2", "A/HRC/52/1",
    "A/CONF.199/20", "ST/SGB/2019/8", "A/ES-10/L.22", "E/RES/2009/1", "S/RES/1631",
])
def test_well_formed_symbols_of_every_series(symbol):
    assert symbols.well_formed(symbol)
    assert symbols.problem(symbol) is None


@pytest.mark.parametrize("symbol", [
    "A/77/L13", "S/PRST/2010", "A/RES/77-13", "A/77/277-S/2022", "E/2009", "S/INF", "A//77/13",
    "A/77/L.13/Rev", "S/RES/1631/2005", "A77/277-S/2022/606", "A/77/277/Add", "A/C.9/77/L.5",
])
def test_malformed_symbols_have_a_problem_naming_the_wrong_part(symbol):
    assert symbols.problem(symbol) is not None


def test_the_problem_of_a_joint_symbol_names_its_wrong_part():
    assert symbols.problem("A77/277-S/2022/606").startswith("“A77/277” is not a well-formed")


def test_symbols_of_other_bodies_have_the_shape_and_are_not_judged():
    assert symbols.problem("UNEP/EA.5/1") is None


@pytest.mark.parametrize("text", ["a/77/277", "A/77/ 277", "A/77/277 and 2", "A/77/277 and", "and Add.1",
                                  "A/77/277\n", "", "A/61/256 and Add.1 and Add", "A/" + "7" * 200])
def test_what_has_not_the_shape_of_a_symbol_is_refused_with_examples(text):
    with pytest.raises(SymbolError):
        symbols.parse(text)


def test_placeholders_have_the_shape_so_a_new_draft_loads():
    for placeholder in ("A/79/L.xx", "A/79/xxx", "A/79/L.xx and Add.xx"):
        symbols.parse(placeholder)


def test_symbols_are_found_in_running_text_with_their_lists_and_without_punctuation():
    text = ("[sans renvoi à une grande commission (A/63/L.101 et Add.1)] voir (S/INF/65). "
            "A/77/277-S/2022/606. Report (A/63/228-S/2008/531 and Corr.1); see A77/277-S/2022/606, "
            "A/77/277 and 2 others.")
    assert [found.text for found in symbols.find(text)] == [
        "A/63/L.101 et Add.1", "S/INF/65", "A/77/277-S/2022/606", "A/63/228-S/2008/531 and Corr.1",
        "A77/277-S/2022/606", "A/77/277"]
    first = symbols.find(text)[0]
    assert text[first.start:first.end] == first.text and first.document == "A/63/L.101"


def test_the_shape_is_a_regular_expression_without_look_behind_for_the_json_schema():
    pattern = symbols.shape()
    assert pattern.startswith("^") and pattern.endswith("$")
    assert "(?<" not in pattern and "\\ " not in pattern
    assert re.fullmatch(pattern, "A/63/228-S/2008/531 et Corr.1")


def test_a_source_with_printed_lists_renders_them_in_each_language(tmp_path):
    from conftest import EXAMPLE
    from drafter.composer import compose
    from drafter.source import parse
    from drafter.writers.text import write_text

    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "report: A/77/277-S/2022/606", "report: A/77/277-S/2022/606 and Corr.1").replace(
        "draft_symbol: A/77/L.13", "draft_symbol: A/77/L.13 et Add.1").replace(
        "({doc|S/INF/65})", "({doc|S/INF/65 and Add.1})")
    resolution = parse(text)
    english, french = (write_text(compose(resolution, lang)) for lang in ("en", "fr"))
    assert "A/77/277-S/2022/606 and Corr.1." in english
    assert "A/77/277-S/2022/606 et Corr.1." in french
    assert "(A/77/L.13 and Add.1)]" in english
    assert "(A/77/L.13 et Add.1)]" in french
    assert "(S/INF/65 and Add.1)" in english and "(S/INF/65 et Add.1)" in french


def test_the_symbol_grammar_data_has_exactly_the_fields_it_is_read_into():
    """data/symbols.yaml is read without a validating library: this is its validation."""
    from drafter.resources import load_data

    data = load_data("symbols.yaml")
    assert isinstance(data, dict) and set(data) == {"bodies", "suffixes", "strict", "general"}
    assert all(isinstance(item, str) for item in [*data["bodies"], *data["suffixes"], data["general"]])
    assert data["strict"] and all(
        isinstance(entry, dict) and set(entry) == {"prefix", "form"}
        and all(isinstance(value, str) for value in entry.values()) for entry in data["strict"])


@pytest.mark.parametrize(("symbol", "revision"), [
    ("A/79/L.20/Rev.1", 1), ("A/79/L.20/Rev.2", 2), ("A/C.3/79/L.5/Rev.12", 12),
    ("A/79/L.20/Rev.1/Corr.1", 1), ("A/79/L.20/Rev.1 and Add.1", 1),
    ("A/79/L.20", None), ("A/RES/77/13", None), ("A/79/L.20 and Rev.1", None),
])
def test_the_revision_is_read_from_the_document_not_from_the_list_after_it(symbol, revision):
    assert symbols.revision(symbol) == revision


def test_a_revised_draft_symbol_is_well_formed_and_loads():
    assert symbols.problem("A/79/L.20/Rev.1") is None
    assert re.fullmatch(symbols.shape(), "A/79/L.20/Rev.1")
