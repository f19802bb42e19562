"""The wording data of each language: session ordinals, dates, meeting ordinals, lists, citations."""

from __future__ import annotations

from datetime import date

import pytest

from drafter.language import LANGUAGES, language, phrase_keys

EN = language("en")
FR = language("fr")


@pytest.mark.parametrize(
    ("number", "english", "french"),
    [
        (1, "first", "première"),
        (21, "twenty-first", "vingt et unième"),
        (71, "seventy-first", "soixante et onzième"),
        (77, "seventy-seventh", "soixante-dix-septième"),
        (79, "seventy-ninth", "soixante-dix-neuvième"),
        (80, "eightieth", "quatre-vingtième"),
        (81, "eighty-first", "quatre-vingt-unième"),
        (100, "one hundredth", "centième"),
        (101, "one hundred and first", "cent unième"),
        (120, "one hundred and twentieth", "cent vingtième"),
    ],
)
def test_sessions_are_spelled_out_in_both_languages(number, english, french):
    assert EN.session(number) == english
    assert FR.session(number) == french


def test_french_eightieth_session_is_quatre_vingtieme_not_num2words_spelling():
    assert FR.session(80) != "quatre-vingtsième"


@pytest.mark.parametrize("number", [0, 121, -1])
@pytest.mark.parametrize("code", LANGUAGES)
def test_a_session_out_of_range_is_an_error_that_names_the_range(code, number):
    with pytest.raises(ValueError, match="outside 1–120"):
        language(code).session(number)


def test_english_dates_are_day_month_year():
    assert EN.format_date(date(2022, 11, 21)) == "21 November 2022"


def test_french_dates_use_lower_case_months():
    assert FR.format_date(date(2022, 11, 21)) == "21 novembre 2022"


def test_french_dates_put_1er_in_superscript_markup():
    assert FR.format_date(date(2009, 8, 1)) == "1{sup|er} août 2009"


def test_english_first_of_the_month_is_a_plain_number():
    assert EN.format_date(date(2009, 8, 1)) == "1 August 2009"


@pytest.mark.parametrize(
    ("number", "expected"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
     (21, "21st"), (22, "22nd"), (23, "23rd"), (39, "39th"), (111, "111th"), (112, "112th"),
     (101, "101st")],
)
def test_english_meeting_ordinals_follow_the_last_digits(number, expected):
    assert EN.ordinal(number) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [(1, "1{sup|re}"), (2, "2{sup|e}"), (11, "11{sup|e}"), (21, "21{sup|e}"), (39, "39{sup|e}"),
     (111, "111{sup|e}")],
)
def test_french_meeting_ordinals_are_superscript_re_for_1_and_e_otherwise(number, expected):
    assert FR.ordinal(number) == expected


@pytest.mark.parametrize(
    ("items", "english", "french"),
    [
        ([], "", ""),
        (["a"], "a", "a"),
        (["a", "b"], "a and b", "a et b"),
        (["a", "b", "c"], "a, b and c", "a, b et c"),
        (["Armenia", "Belarus", "Kazakhstan", "Russia"],
         "Armenia, Belarus, Kazakhstan and Russia", "Armenia, Belarus, Kazakhstan et Russia"),
    ],
)
def test_lists_join_with_commas_and_a_final_conjunction_without_serial_comma(items, english, french):
    assert EN.join(items) == english
    assert FR.join(items) == french


def test_general_assembly_citations_carry_their_date():
    assert EN.ga_citation("64/256", date(2010, 3, 2)) == "64/256 of 2 March 2010"
    assert FR.ga_citation("64/256", date(2010, 3, 2)) == "64/256 du 2 mars 2010"


def test_general_assembly_citation_without_a_date_is_the_number_alone():
    assert EN.ga_citation("49/57", None) == "49/57"
    assert FR.ga_citation("49/57", None) == "49/57"


def test_french_citation_dated_the_first_keeps_the_superscript_markup():
    assert FR.ga_citation("73/331", date(2019, 7, 1)) == "73/331 du 1{sup|er} juillet 2019"


def test_security_council_citations_give_the_year_in_brackets():
    assert EN.sc_citation("1631", 2005, None) == "1631 (2005)"
    assert FR.sc_citation("1631", 2005, None) == "1631 (2005)"


def test_security_council_citations_with_a_date():
    assert EN.sc_citation("1631", 2005, date(2005, 10, 17)) == "1631 (2005) of 17 October 2005"
    assert FR.sc_citation("1631", 2005, date(2005, 10, 17)) == "1631 (2005) du 17 octobre 2005"


@pytest.mark.parametrize(
    ("depth", "index", "english", "french"),
    [(0, 0, "(a)", "a)"), (0, 1, "(b)", "b)"), (0, 25, "(z)", "z)"), (0, 26, "(aa)", "aa)"),
     (1, 0, "(i)", "i)"), (1, 3, "(iv)", "iv)"), (1, 8, "(ix)", "ix)")],
)
def test_subparagraph_labels_are_letters_then_roman_numerals(depth, index, english, french):
    assert EN.subparagraph_label(depth, index) == english
    assert FR.subparagraph_label(depth, index) == french


def test_opening_phrases_and_verbs_are_paired_by_key():
    assert EN.phrase("preamble", "recalling") == "Recalling"
    assert FR.phrase("preamble", "recalling") == "Rappelant"
    assert EN.phrase("operative", "requests") == "Requests"
    assert FR.phrase("operative", "requests") == "Prie"


def test_phrase_keys_are_the_same_in_both_languages():
    for section in ("preamble", "operative"):
        assert list(EN.phrases[section]) == list(FR.phrases[section]) == phrase_keys(section)


def test_footnote_marks_go_after_punctuation_in_english_and_before_in_french():
    assert EN.footnote_mark == "after_punctuation"
    assert FR.footnote_mark == "before_punctuation"


def test_only_french_has_a_typography_pass():
    assert EN.typography is None
    assert FR.typography is not None


def test_an_unknown_language_is_refused_with_the_known_ones():
    with pytest.raises(ValueError, match="unknown language 'xx'; drafter writes en, fr"):
        language("xx")


def test_language_data_is_loaded_once():
    assert language("fr") is language("fr")


def _conforms(value: object, kind: object) -> bool:
    """Whether a value has the type a Struct field declares (the kinds the data uses)."""
    import types
    import typing

    import msgspec

    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if isinstance(kind, type) and issubclass(kind, msgspec.Struct):
        hints = typing.get_type_hints(kind)
        return isinstance(value, kind) and all(  # type: ignore[arg-type]
            _conforms(getattr(value, item.name), hints[item.name]) for item in msgspec.structs.fields(kind))
    if origin in (typing.Union, types.UnionType):
        return any(_conforms(value, arg) for arg in args)
    if origin is typing.Literal:
        return value in args
    if origin is tuple:
        return isinstance(value, tuple) and all(_conforms(item, args[0]) for item in value)
    if origin is dict:
        return isinstance(value, dict) and all(
            _conforms(key, args[0]) and _conforms(item, args[1]) for key, item in value.items())
    if kind is type(None):
        return value is None
    return type(value) is kind  # exactly: an int is not a str, and a bool is not an int


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_language_data_has_every_field_with_the_type_it_declares(code):
    """The data files are read into plain Structs, without a validating library: this is
    their validation."""
    from drafter.language import Language

    assert _conforms(language(code), Language)


def test_a_language_data_file_with_a_key_too_many_or_missing_is_refused():
    from drafter.language import ListStyle, _keys

    with pytest.raises(ValueError, match="ListStyle has the keys"):
        _keys(ListStyle, {"separator": ", ", "last": " and ", "oxford": True}, "data/en/language.yaml")
    with pytest.raises(ValueError, match="ListStyle has the keys"):
        _keys(ListStyle, {"separator": ", "}, "data/en/language.yaml")
