"""The inline markup of prose: every tag, nesting, and every malformed tag with its offset."""

from __future__ import annotations

import pytest

from drafter.markup import MarkupError, Tag, parse


def test_plain_text_is_one_node():
    assert parse("the report of the Secretary-General") == ("the report of the Secretary-General",)


def test_empty_text_has_no_nodes():
    assert parse("") == ()


@pytest.mark.parametrize("name", ["i", "sup", "fn"])
def test_prose_tags_hold_parsed_children(name):
    assert parse(f"a {{{name}|b}} c") == ("a ", Tag(name, children=("b",)), " c")


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("{date|2022-11-21}", Tag("date", args=("2022-11-21",))),
        ("{res|64/256}", Tag("res", args=("64/256",))),
        ("{res|64/256|2010-03-02}", Tag("res", args=("64/256", "2010-03-02"))),
        ("{res|S-30/1}", Tag("res", args=("S-30/1",))),
        ("{res|ES-10/19}", Tag("res", args=("ES-10/19",))),
        ("{res|60/288 A}", Tag("res", args=("60/288 A",))),
        ("{res|3208 (XXIX)}", Tag("res", args=("3208 (XXIX)",))),
        ("{sc|1631|2005}", Tag("sc", args=("1631", "2005"))),
        ("{sc|1631|2005-10-17}", Tag("sc", args=("1631", "2005-10-17"))),
        ("{doc|A/77/277-S/2022/606}", Tag("doc", args=("A/77/277-S/2022/606",))),
        ("{doc|E/2009/28}", Tag("doc", args=("E/2009/28",))),
    ],
)
def test_value_tags_keep_their_arguments(text, tag):
    assert parse(text) == (tag,)


def test_tags_nest_inside_prose_tags():
    text = "Voir {fn|{i|Documents officiels, Supplément n{sup|o} 8} ({doc|E/2009/28}), chap. I.}"
    assert parse(text) == (
        "Voir ",
        Tag("fn", children=(
            Tag("i", children=("Documents officiels, Supplément n", Tag("sup", children=("o",)),
                               " 8")),
            " (",
            Tag("doc", args=("E/2009/28",)),
            "), chap. I.",
        )),
    )


def test_a_footnote_may_cite_a_dated_resolution():
    assert parse("{fn|Resolution {res|49/57|1994-12-09}, annex.}") == (
        Tag("fn", children=("Resolution ", Tag("res", args=("49/57", "1994-12-09")), ", annex.")),
    )


def test_text_around_and_between_tags_is_kept_verbatim():
    assert parse("  on {date|2010-03-18}, and {date|2012-09-28}  ") == (
        "  on ", Tag("date", args=("2010-03-18",)), ", and ", Tag("date", args=("2012-09-28",)), "  ",
    )


def _error(text: str) -> MarkupError:
    with pytest.raises(MarkupError) as caught:
        parse(text)
    return caught.value


def test_an_unclosed_prose_tag_is_reported_at_its_opening_brace():
    error = _error("the Strategy {i|of the United Nations")
    assert "not closed" in str(error) and "add '}'" in str(error)
    assert error.offset == 13


def test_an_unclosed_tag_after_a_nested_tag_is_reported_at_its_own_brace():
    error = _error("see {fn|Resolution {res|49/57}, annex.")
    assert "not closed" in str(error)
    assert error.offset == 4


def test_an_unclosed_value_tag_is_reported_at_its_opening_brace():
    error = _error("adopted on {date|2010-03-18")
    assert str(error) == "the tag {date|…} is not closed: add '}'"
    assert error.offset == 11


def test_a_stray_closing_brace_is_reported_where_it_stands():
    error = _error("the report} of")
    assert str(error) == "a closing brace '}' without an opening '{'"
    assert error.offset == 10


def test_a_stray_closing_brace_after_a_complete_tag():
    error = _error("{i|Strasbourg}} city")
    assert "without an opening" in str(error)
    assert error.offset == 14


def test_an_unknown_tag_lists_the_known_tags():
    error = _error("the {b|bold} word")
    assert str(error) == "unknown tag {b|…}; the tags are date, doc, fn, i, res, sc, sup"
    assert error.offset == 4


@pytest.mark.parametrize("text", ["{i}", "{date}", "{}", "x {fn} y"])
def test_a_tag_without_an_argument_explains_the_form_of_a_tag(text):
    error = _error(text)
    assert "a tag needs a name and an argument" in str(error)
    assert error.offset == text.index("{")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{sc|1631}", "the tag {sc|…} takes 2 arguments"),
        ("{date|2022-11-21|2022-11-22}", "the tag {date|…} takes 1 argument"),
        ("{doc|A/77/1|A/77/2}", "the tag {doc|…} takes 1 argument"),
        ("{res|64/256|2010-03-02|x}", "the tag {res|…} takes 1 or 2 arguments"),
    ],
)
def test_a_value_tag_with_the_wrong_number_of_arguments_says_how_many(text, message):
    assert str(_error("see " + text)) == message
    assert _error("see " + text).offset == 4


@pytest.mark.parametrize("value", ["2022-13-01", "2022-02-30", "21/11/2022", "2022-1-5", "today"])
def test_a_bad_date_says_the_expected_form(value):
    error = _error(f"on {{date|{value}}}")
    assert str(error) == f"{value!r} is not a date written as YYYY-MM-DD"
    assert error.offset == 3


def test_a_bad_date_in_a_citation_is_reported():
    error = _error("{res|64/256|2 March 2010}")
    assert "is not a date written as YYYY-MM-DD" in str(error)
    assert error.offset == 0


@pytest.mark.parametrize("number", ["64-256", "A/RES/64/256", "64/", "sixty-four"])
def test_a_bad_general_assembly_number_shows_an_example(number):
    error = _error(f"resolution {{res|{number}}}")
    assert str(error) == f"{number!r} is not a General Assembly resolution number such as 64/256"
    assert error.offset == 11


def test_a_bad_security_council_number_shows_an_example():
    error = _error("{sc|S/RES/1631|2005}")
    assert str(error) == "'S/RES/1631' is not a Security Council resolution number such as 1631"


@pytest.mark.parametrize("second", ["05", "2005-13-40", "October 2005"])
def test_a_security_council_citation_needs_a_year_or_a_date(second):
    error = _error(f"{{sc|1631|{second}}}")
    assert "is neither a year such as 2005 nor a date such as 2005-10-17" in str(error)


def test_a_bad_document_symbol_shows_an_example():
    error = _error("{doc|a/77/277}")
    assert str(error).startswith("'a/77/277' is not a document symbol such as A/77/277")
    assert error.offset == 0


def test_a_malformed_tag_inside_a_footnote_is_reported_at_its_own_offset():
    error = _error("text{fn|Resolution {res|49-57}, annex.}")
    assert "General Assembly resolution number" in str(error)
    assert error.offset == 19


def test_prose_tags_nested_deeper_than_the_limit_are_refused_at_the_first_tag_too_deep():
    error = _error("{i|" * 1000 + "x" + "}" * 1000)
    assert str(error) == "tags are nested more than 8 deep"
    assert error.offset == 3 * 8


def test_a_footnote_with_an_italic_title_and_a_superscript_is_well_within_the_limit():
    assert parse("{fn|{i|Supplément n{sup|o} 8}}")


@pytest.mark.parametrize("name", ["fn", "i", "sup"])
@pytest.mark.parametrize("inside", ["", " ", "\n"])
def test_an_empty_prose_tag_is_refused(name, inside):
    error = _error(f"text{{{name}|{inside}}}")
    assert str(error) == f"the tag {{{name}|…}} is empty: write its text after the bar"
    assert error.offset == 4


def test_a_footnote_inside_a_footnote_is_refused_where_the_inner_one_starts():
    error = _error("its resolution{fn|See {i|{fn|nested}}.}")
    assert str(error) == "a footnote cannot contain another footnote"
    assert error.offset == len("its resolution{fn|See {i|")


@pytest.mark.parametrize("text", ["{doc|A/77/\n277}", "{doc|A/77/277\n}", "{sc|1631\n|2005}",
                                  "{res|64/256\n}", "{date|2022-11-21\n}", "{sc|١٦٣١|2005}",
                                  "{res|" + "9" * 5000 + "/1}"])
def test_values_with_line_breaks_other_digits_or_thousands_of_digits_are_refused(text):
    assert _error(text).offset == 0
