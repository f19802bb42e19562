"""Loading a YAML source: every mistake is reported as file:line:column with a plain-sentence fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.resolution import Resolution
from drafter.source import (
    MAX_BYTES,
    SourceError,
    SourceInvalid,
    describe,
    load,
    load_located,
    parse,
    parse_located,
)

FIXTURES = Path(__file__).parent / "fixtures"
DRAFT = (FIXTURES / "draft-coe.yaml").read_text(encoding="utf-8")


def _errors(text: str, name: str = "draft.yaml") -> list[SourceError]:
    with pytest.raises(SourceInvalid) as caught:
        parse(text, name)
    return caught.value.errors


def _one(text: str) -> SourceError:
    errors = _errors(text)
    assert len(errors) == 1, errors
    return errors[0]


def _edit(old: str, new: str) -> str:
    assert DRAFT.count(old) == 1, old
    return DRAFT.replace(old, new)


def _where(text: str, fragment: str, shift: int = 0) -> tuple[int, int]:
    """Line and column (1-based) of a fragment in a text."""
    offset = text.index(fragment) + shift
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_the_fixture_draft_and_the_example_load(example):
    assert isinstance(parse(DRAFT), Resolution)
    assert example.number == "77/13"


def test_an_error_prints_as_file_line_column_message():
    assert str(SourceError("a.yaml", 3, 10, "wrong")) == "a.yaml:3:10: wrong"


def test_source_invalid_prints_every_error_on_its_own_line():
    invalid = SourceInvalid([SourceError("a.yaml", 1, 1, "one"), SourceError("a.yaml", 2, 1, "two")])
    assert str(invalid) == "a.yaml:1:1: one\na.yaml:2:1: two"


def test_a_french_colon_in_a_plain_scalar_is_a_yaml_error_with_a_hint_to_quote():
    text = _edit("à coopérer dans les domaines", "à coopérer : les domaines")
    error = _one(text)
    assert (error.line, error.column) == _where(text, "à coopérer : les", len("à coopérer "))
    assert error.message.startswith("YAML syntax: mapping values are not allowed")
    assert "must be quoted" in error.message


def test_a_tab_in_the_indentation_says_to_indent_with_spaces():
    error = _one("session: 77\nagenda_item:\n\tnumber: 127\n")
    assert error.line == 3
    assert "YAML syntax" in error.message


def test_a_wrong_type_names_the_field_and_its_place():
    text = _edit("session: 79", 'session: "soixante"')
    error = _one(text)
    assert (error.line, error.column) == _where(text, '"soixante"')
    assert error.message == "session: 'soixante' is not a whole number"


def test_a_session_out_of_range_is_located():
    text = _edit("session: 79", "session: 200")
    error = _one(text)
    assert error.line == 3
    assert error.message.startswith("session: ") and "120" in error.message


def test_an_unknown_opening_phrase_suggests_the_closest_key():
    text = _edit("opener: recalling\n", "opener: recallin\n")
    error = _one(text)
    assert (error.line, error.column) == _where(text, "recallin\n")
    assert error.message == ("preambular paragraph 2, opener: unknown opening phrase 'recallin'; "
                             "did you mean 'recalling'?")


def test_an_unknown_verb_far_from_any_key_points_to_drafter_phrases():
    text = _edit("verb: encourages", "verb: xyzzy")
    error = _one(text)
    assert (error.line, error.column) == _where(text, "xyzzy")
    assert error.message == ("operative paragraph 1, verb: unknown operative verb 'xyzzy'; "
                             "run `drafter phrases operative` to list the known keys, or write the "
                             "phrase in both languages: {en: …, fr: …}")


def test_an_unknown_organization_suggests_the_closest_key():
    text = _edit("organization: coe", "organization: cstoo")
    error = _one(text)
    assert (error.line, error.column) == _where(text, "cstoo")
    assert error.message == "organization: unknown organization 'cstoo'; did you mean 'csto'?"


def test_an_unknown_organization_without_a_close_key_does_not_point_to_the_phrases():
    error = _one(_edit("organization: coe", "organization: worldbank"))
    assert "unknown organization 'worldbank'" in error.message
    assert "drafter phrases" not in error.message


def test_an_unknown_field_is_located_at_its_key_and_suggests_the_right_one():
    text = _edit("page_size: Letter", "pagesize: Letter")
    error = _one(text)
    assert (error.line, error.column) == _where(text, "pagesize")
    assert error.message == "unknown field 'pagesize'; did you mean 'page_size'?"


def test_an_unknown_field_deep_in_a_sub_paragraph_says_which_one():
    text = _edit("fr: l'état de droit}", "fr: l'état de droit, de: Rechtsstaat}")
    error = _one(text)
    assert (error.line, error.column) == _where(text, "de: Rechtsstaat")
    assert error.message.startswith(
        "operative paragraph 1, sub-paragraph 1, sub-paragraph 2: unknown field 'de'")


def test_a_missing_top_level_field_is_named():
    error = _one(_edit("report: A/79/302\n", ""))
    assert error.message == "missing field 'report'"


def test_a_missing_field_in_a_paragraph_is_located_at_the_paragraph():
    text = _edit("        fr: la démocratie\n", "")
    error = _one(text)
    assert (error.line, error.column) == _where(text, "en: democracy")
    assert error.message == "operative paragraph 1, sub-paragraph 2: missing field 'fr'"


def test_a_duplicated_key_is_located_at_its_second_occurrence():
    text = _edit("session: 79\n", "session: 79\nsession: 80\n")
    error = _one(text)
    assert (error.line, error.column) == _where(text, "session: 80")
    assert error.message == "the field 'session' is given twice; keep one"


def test_an_unknown_standard_paragraph_suggests_the_closest_one():
    text = _edit("standard: report_requested", "standard: report_request")
    error = _one(text)
    assert error.line == _where(text, "standard: report_request")[0]
    assert error.message == ("operative paragraph 2: unknown standard paragraph 'report_request'; "
                             "did you mean 'report_requested'?")


def test_an_unknown_standard_paragraph_far_from_any_lists_the_known_ones():
    error = _one(_edit("standard: report_considered", "standard: preface"))
    assert error.message == (
        "preambular paragraph 1: unknown standard paragraph 'preface'; the preamble knows "
        "report_considered, charter_regional, observer_status, cooperation_series, "
        "security_council")


def test_malformed_markup_is_located_at_the_tag_with_the_character_and_an_excerpt():
    text = _edit("in {i|Strasbourg}, the city", "in {i|Strasbourg, the city")
    error = _one(text)
    assert (error.line, error.column) == _where(text, "{i|Strasbourg")
    assert error.message.startswith("preambular paragraph 3, en: a tag is not closed: add '}'")
    assert "{value" not in error.message and "{excerpt" not in error.message


def test_errors_are_reported_in_the_order_of_the_file():
    text = _edit("verb: encourages", "verb: encourag").replace("organization: coe", "organization: x")
    errors = _errors(text)
    assert [error.line for error in errors] == sorted(error.line for error in errors)
    assert len(errors) == 2


def test_markup_errors_in_both_languages_are_all_reported():
    text = _edit("in {i|Strasbourg}", "in {b|Strasbourg}")
    text = text.replace("à {i|Strasbourg}", "à {b|Strasbourg}")
    errors = _errors(text)
    assert [error.message.split(":")[0] for error in errors] == [
        "preambular paragraph 3, en", "preambular paragraph 3, fr"]
    assert all("unknown tag {b|…}" in error.message for error in errors)


def test_an_adopted_resolution_without_adoption_says_what_to_add():
    error = _one(_edit("\nstage: draft", "\nstage: adopted").replace("A/79/L.20", "A/RES/79/20"))
    assert error.message == "an adopted resolution needs `adoption` (date and meeting)"


def test_a_draft_with_an_adoption_loads_so_that_validate_can_report_it():
    text = _edit("\nstage: draft", "\nstage: draft\nadoption: {date: 2024-11-18, meeting: 40}")
    resolution = parse(text, "draft.yaml")
    assert (resolution.stage, resolution.adoption is not None) == ("draft", True)


def test_an_adopted_resolution_needs_an_a_res_symbol():
    text = _edit("\nstage: draft", "\nstage: adopted\nadoption: {date: 2024-11-18, meeting: 40}")
    error = _one(text)
    assert error.message == "an adopted resolution's symbol starts with A/RES/, not 'A/79/L.20'"


def test_an_impossible_date_is_located_not_a_crash():
    text = _edit("distribution_date: 2024-11-04", "distribution_date: 2024-13-04")
    error = _one(text)
    assert (error.line, error.column) == _where(text, "2024-13-04")
    assert "distribution_date" in error.message


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_an_empty_file_says_how_to_start(text):
    error = _one(text)
    assert (error.line, error.column) == (1, 1)
    assert error.message == "the file is empty; start from `drafter new` or an example"


@pytest.mark.parametrize("text", ["- session\n- stage\n", "just some text\n"])
def test_a_source_that_is_not_a_mapping_is_refused(text):
    assert "a source is a mapping of fields" in _one(text).message


def test_a_file_that_is_not_utf8_names_the_line_of_the_bad_byte(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(DRAFT.encode("latin-1"))  # the first "é" is in "Arménie", line 9
    with pytest.raises(SourceInvalid) as caught:
        load(path)
    (error,) = caught.value.errors
    assert (error.path, error.line) == (str(path), 9)
    assert error.message == "the file is not UTF-8 text; save it as UTF-8"


def test_a_missing_file_is_reported_with_its_path(tmp_path):
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(SourceInvalid) as caught:
        load(path)
    assert str(caught.value) == f"{path}:1:1: cannot read the file: No such file or directory"


def test_a_directory_is_not_a_source(tmp_path):
    with pytest.raises(SourceInvalid, match="cannot read the file"):
        load(tmp_path)


def test_load_names_errors_after_the_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(DRAFT.replace("session: 79", "session: x"), encoding="utf-8")
    with pytest.raises(SourceInvalid) as caught:
        load(path)
    assert str(caught.value).startswith(f"{path}:3:10: session: ")


# -- positions of every field, for findings --------------------------------------------------

def test_load_located_gives_the_line_and_column_of_every_field_and_paragraph(tmp_path):
    path = tmp_path / "draft.yaml"
    path.write_text(DRAFT, encoding="utf-8")
    located = load_located(path)
    assert located.resolution == parse(DRAFT)
    positions = located.positions
    assert positions.file == str(path)
    assert positions.at("session") == _where(DRAFT, "79")
    assert positions.key("session") == _where(DRAFT, "session: 79")
    assert positions.at("operative", 0) == _where(DRAFT, "verb: encourages")
    assert positions.at("preamble", 1, "fr") == _where(DRAFT, "sa résolution {res|77/284")
    assert positions.at("operative", 0, "subparagraphs", 1, "fr") == _where(DRAFT, "la démocratie")


def test_a_place_the_file_does_not_spell_out_falls_back_to_the_nearest_enclosing_one():
    positions = parse_located(DRAFT).positions
    # The standard paragraph's opener is a default: the paragraph itself is the place.
    assert positions.at("preamble", 0, "opener") == positions.at("preamble", 0)
    assert positions.at("no such field") == positions.at() == _where(DRAFT, "session: 79")


def test_a_character_of_a_text_is_located_on_its_own_line_in_folded_and_plain_text():
    text = _edit("    en: the meeting held on", "    en: >-\n      the meeting held\n      on")
    positions = parse_located(text).positions
    value = parse(text).preamble[2].en  # type: ignore[union-attr]
    assert positions.character(("preamble", 2, "en"), value.index("on {date")) == _where(text, "on {date")
    assert positions.character(("preamble", 2, "en"), value.index("{i|")) == _where(text, "{i|Stras")
    plain = positions.character(("preamble", 2, "fr"), len("la réunion "))
    assert plain == _where(text, "tenue le")


def test_positions_describe_paths_as_a_drafter_reads_them():
    assert describe(("operative", 2, "subparagraphs", 0, "fr")) == "operative paragraph 3, sub-paragraph 1, fr"


def test_a_located_error_names_the_file_and_the_place():
    positions = parse_located(DRAFT, "d.yaml").positions
    error = positions.error(("operative", 0, "verb"), "wrong")
    assert str(error) == f"d.yaml:{_where(DRAFT, 'encourages')[0]}:{_where(DRAFT, 'encourages')[1]}: wrong"


# -- inputs that must not crash: each is one located error ------------------------------------

LAUGHS = "".join(
    [f"l0: &l0 [{', '.join(['lol'] * 9)}]\n"]
    + [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]\n" for n in range(1, 9)]
)

HOSTILE = {
    "billion laughs": (LAUGHS, "&l0", "more than 20,000 values"),
    "an alias inside itself": (_edit("session: 79", "session: &loop [*loop]"), "&loop",
                               "used inside the list or mapping it names"),
    "a complex key": (_edit("session: 79", "? [a, b]\n: 79"), "[a, b]", "a field name is a plain word"),
    "a mapping as key": (_edit("session: 79", "? {a: 1}\n: 79"), "{a: 1}", "a field name"),
    "a bad timestamp": (_edit("distribution_date: 2024-11-04", "distribution_date: !!timestamp 2022-02-30"),
                        "!!timestamp", "'2022-02-30' is not a valid !!timestamp"),
    "a bad explicit integer": (_edit("session: 79", "session: !!int abc"), "!!int abc",
                               "'abc' is not a whole number"),
    "a bad explicit float": (_edit("session: 79", "session: !!float abc"), "!!float abc",
                             "'abc' is not a valid !!float"),
    "a tag of a set": (_edit("session: 79", "session: !!set {a, b}"), "!!set", "the tag !!set is not used"),
    "a python tag": (_edit("session: 79", "session: !!python/object:os.system {}"), "!!python",
                     "is not used in a source"),
    "a 5,000-digit integer": (_edit("session: 79", "session: " + "9" * 5000), "9999",
                              "a number of 5,000 digits"),
    "a control character": (_edit("fr: la démocratie", 'fr: "la d\\x07mocratie"'), "\\x07",
                            "control character U+0007"),
    "a NUL character": (_edit("fr: la démocratie", 'fr: "la d\\0mocratie"'), "\\0",
                        "control character U+0000"),
    "a lone surrogate": (_edit("fr: la démocratie", 'fr: "la d\\ud800mocratie"'), "d800",
                         "YAML syntax: found invalid Unicode character escape code"),
    "markup nested 1,000 deep": (_edit("fr: la démocratie", 'fr: "' + "{i|" * 1000 + "x" + "}" * 1000 + '"'),
                                 ("{i|{i|", 3 * 8), "nested more than 8 deep"),
    "session: true": (_edit("session: 79", "session: true"), "true", "session: true is not a whole number"),
    "meeting: true": (_edit("\nstage: draft", "\nstage: adopted\nadoption: {date: 2024-11-18, meeting: true}")
                      .replace("A/79/L.20", "A/RES/79/20"), "true}", "meeting: true is not a whole number"),
    "a session in hexadecimal": (_edit("session: 79", "session: 0x4F"), "0x4F", "'0x4F' is not a whole number"),
    "a newline inside {doc|…}": (_edit("fr: la démocratie", 'fr: "la {doc|A/77/\\n277} x"'), "{doc|",
                                  "is not a document symbol"),
    "a newline inside {sc|…}": (_edit("fr: la démocratie", 'fr: "la {sc|1631\\n|2005} x"'), "{sc|",
                                 "is not a Security Council resolution number"),
    "an empty footnote": (_edit("fr: la démocratie", "fr: la démocratie{fn|}"), "{fn|}",
                          "the tag {fn|…} is empty"),
    "a footnote in a footnote": (_edit("fr: la démocratie", "fr: la démocratie{fn|a{fn|b}}"), "{fn|b}",
                                 "a footnote cannot contain another footnote"),
}


@pytest.mark.parametrize(("text", "place", "message"), HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_input_is_one_located_error(text, place, message):
    error = _one(text)
    fragment, shift = place if isinstance(place, tuple) else (place, 0)
    assert (error.line, error.column) == _where(text, fragment, shift), error
    assert message in error.message
    assert "\n" not in str(error)


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# " + b"x" * MAX_BYTES)
    with pytest.raises(SourceInvalid, match="larger than 2 MB"):
        load(path)


def test_lists_nested_beyond_the_limit_are_refused():
    text = "session:\n" + "".join("  " * depth + "-\n" for depth in range(1, 60)) + "  " * 60 + "x\n"
    assert "nested more than 40 deep" in _one(text).message


def test_an_alias_used_within_limits_still_loads():
    text = _edit("fr: l'état de droit}", "fr: &law l'état de droit}")
    text = text.replace("        fr: la démocratie\n", "        fr: *law\n")
    paragraph = parse(text).operative[0]
    assert paragraph.subparagraphs[1].fr == "l'état de droit"  # type: ignore[union-attr]


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_fails_with_exit_code_2_on_the_command_line(tmp_path, name):
    from typer.testing import CliRunner

    from drafter.cli import app

    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE[name][0], encoding="utf-8")
    for command in (["render", str(path), "--out", str(tmp_path / "out")], ["validate", str(path)]):
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 2, (command, result.output, result.exception)
        assert f"{path}:" in result.output
    assert not (tmp_path / "out").exists()
