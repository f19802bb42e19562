"""The patterns the rules read text with: symbols, dates, citations, sessions, phrases."""

from __future__ import annotations

import re
from datetime import date
from re import _constants, _parser  # type: ignore[attr-defined]
from typing import Any

import pytest

from drafter.rules.citations import session_window
from drafter.rules.typography import wrong_forms
from drafter.rules.wording import find_symbols, well_formed, wording


@pytest.mark.parametrize("symbol", [
    "A/77/277-S/2022/606", "A/RES/77/13", "A/77/L.13", "S/PRST/2010/1", "E/2009/28", "S/INF/65",
    "A/RES/S-30/1", "A/63/L.101/Add.1", "A/C.3/77/L.5", "A/77/PV.39", "S/2022/606", "A/61/256/Add.1",
    "E/CN.6/2023/3", "A/HRC/52/1", "A/CONF.199/20", "ST/SGB/2019/8", "A/ES-10/L.22", "E/RES/2009/1",
])
def test_well_formed_symbols(symbol: str) -> None:
    assert well_formed(symbol)


@pytest.mark.parametrize("symbol", [
    "A/77/L13", "S/PRST/2010", "A/RES/77-13", "A/77/277-S/2022", "E/2009", "S/INF", "A//77/13",
    "A/77/L.13/Rev", "S/RES/1631/2005",
])
def test_malformed_symbols(symbol: str) -> None:
    assert not well_formed(symbol)


def test_symbols_are_found_without_their_punctuation() -> None:
    text = "[sans renvoi (A/77/L.13)] voir (S/INF/65). A/77/277-S/2022/606."
    assert [found for found, _, _ in find_symbols(text)] == ["A/77/L.13", "S/INF/65", "A/77/277-S/2022/606"]


def test_session_window_is_tolerant_at_both_ends() -> None:
    assert session_window(77) == (date(2022, 9, 1), date(2023, 9, 30))


def test_french_dates_read_the_first_of_the_month() -> None:
    assert wording("fr").dates("du 1er août 2009 au 31 juillet 2010") == [date(2009, 8, 1), date(2010, 7, 31)]


def test_dated_citations_in_both_languages() -> None:
    english = wording("en").dated_citations("resolutions 64/256 of 2 March 2010 and 67/6 of 19 November 2012")
    french = wording("fr").dated_citations("résolutions 64/256 du 2 mars 2010 et 67/6 du 19 novembre 2012")
    assert [(c.number, c.date) for c in english] == [(c.number, c.date) for c in french] == [
        ("64/256", date(2010, 3, 2)), ("67/6", date(2012, 11, 19))]


def test_resolution_numbers_inside_symbols_are_not_citations() -> None:
    assert [m.group() for m in wording("en").ga_number.finditer("A/77/277-S/2022/606 and 60/288")] == ["60/288"]


def test_council_resolution_without_year() -> None:
    bare = wording("fr").sc_bare
    assert [m.group("number") for m in bare.finditer("résolution 1631 du 17 octobre 2005")] == ["1631"]
    assert not bare.search("résolution 1631 (2005), résolution 2011 (XX), résolution 49/57")


def test_sessions_are_read_back() -> None:
    assert wording("en").session_number("Seventy-ninth") == 79
    assert wording("fr").session_number("soixante-dix-neuvième") == 79


@pytest.mark.parametrize(("lang", "text", "phrase", "key"), [
    ("en", "Recalling further its resolutions", "Recalling further", "recalling_further"),
    ("fr", "Prie instamment les États", "Prie instamment", "urges"),
    ("fr", "Constatant avec satisfaction que", "Constatant avec satisfaction", "noting_with_satisfaction"),
    ("fr", "Ayant à l’esprit", "Ayant à l'esprit", "bearing_in_mind"),
])
def test_longest_opener_wins(lang: str, text: str, phrase: str, key: str) -> None:
    section = "operative" if text.startswith("Prie") else "preamble"
    found = wording(lang).opener(text, section)
    assert found is not None and found[0] == phrase and key in found[1]


def test_opener_stops_at_a_word_boundary() -> None:
    assert wording("en").opener("Recallingly", "preamble") is None


@pytest.mark.parametrize(("lang", "text", "nearest"), [
    ("en", "Recaling further its", "Recalling further"),
    ("en", "Apreciates the efforts", "Appreciates"),
    ("fr", "Rapelant sa résolution", "Rappelant"),
])
def test_near_misses_are_recognised(lang: str, text: str, nearest: str) -> None:
    section = "operative" if text.startswith("Apre") else "preamble"
    assert wording(lang).nearest(text, section) == nearest


def test_no_suggestion_for_unrelated_words() -> None:
    assert wording("en").nearest("Whereas the parties", "preamble") is None


def _wrong(lang: str, text: str) -> list[tuple[str, str]]:
    return [found for form in wrong_forms(lang) for found in form.find(text)]


def test_hyphenated_heads_come_from_the_registry() -> None:
    assert _wrong("en", "the Director General of the Organization for the Prohibition of "
                        "Chemical Weapons") == [("Director General", "Director-General")]
    # No French title of a head is hyphenated: French has only the forms of its data file.
    assert len(wrong_forms("fr")) == len(wording("fr").data.wrong_forms)


@pytest.mark.parametrize(("text", "found"), [
    ("the Secretary General to submit", [("Secretary General", "Secretary-General")]),
    ("the Secretary General of the United Nations", [("Secretary General", "Secretary-General")]),
    ("the Secretary general's report", [("Secretary general's", "Secretary-General's")]),
    ("the Deputy Secretary General", [("Deputy Secretary General", "Deputy Secretary-General")]),
    ("the Secretary-General of the United Nations", []),
    # Organizations whose head is a Secretary General, without the hyphen.
    ("the Secretary General of the Council of Europe", []),
    ("the OSCE Secretary General", []),
    ("the Council of Europe and its Secretary General", []),
])
def test_secretary_general_takes_the_hyphen_unless_it_is_another_organizations_title(
        text: str, found: list[tuple[str, str]]) -> None:
    assert _wrong("en", text) == found


@pytest.mark.parametrize(("text", "found"), [
    ("prie la Secrétaire Générale de", [("la Secrétaire Générale", "la Secrétaire générale")]),
    ("prie le Secrétaire Général de", [("le Secrétaire Général", "le Secrétaire général")]),
    ("au Secrétaire-général", [("au Secrétaire-général", "au Secrétaire général")]),
    ("la Secrétaire générale", []),
    ("l'Organisation des Nations-Unies", [("Nations-Unies", "Nations Unies")]),
])
def test_french_titles_keep_their_article_and_gender_in_the_hint(
        text: str, found: list[tuple[str, str]]) -> None:
    assert _wrong("fr", text) == found


def _literal(items: list[tuple[Any, Any]], flags: int) -> str | None:
    """The text a parsed sequence matches, when it is literal characters only (not ignoring
    case, unless the flags have _ANY_CASE)."""
    text = ""
    for op, av in items:
        if op is not _constants.LITERAL or _cased(av, flags):
            return None
        text += chr(av)
    return text


#: A flag of these tests: literal characters count whatever their case (for a need that is
#: itself searched for ignoring case).
_ANY_CASE = 1 << 20


def _cased(char: int, flags: int) -> bool:
    """Whether a literal character matches other characters than itself (ignoring case)."""
    return bool(flags & re.IGNORECASE and not flags & _ANY_CASE and chr(char).lower() != chr(char).upper())


def _required(items: list[tuple[Any, Any]], flags: int) -> list[set[str]]:
    """Sets of texts of which every match of a parsed pattern holds one each: its runs of
    literal characters (through branches of literals, those ignoring case left out), its
    groups', and one set per other branch."""
    found: list[set[str]] = []
    run = {""}
    for op, av in items:
        branches = [_literal(list(branch), flags) for branch in av[1]] if op is _constants.BRANCH else []
        if op is _constants.LITERAL and not _cased(av, flags):
            run = {text + chr(av) for text in run}
            continue
        if branches and None not in branches:
            run = {text + str(branch) for text in run for branch in branches}
            continue
        if op in (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT):
            continue  # zero width: the characters on each side are adjacent in the text
        if run != {""}:
            found.append(run)
        run = {""}
        if op is _constants.SUBPATTERN:
            _, added, removed, sub = av
            found += _required(list(sub), (flags | added) & ~removed)
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and av[0] >= 1:
            found += _required(list(av[2]), flags)
        elif op is _constants.BRANCH:
            required = [_required(list(branch), flags) for branch in av[1]]
            if all(required):
                found.append(set().union(*(sets[0] for sets in required)))
    if run != {""}:
        found.append(run)
    return found


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_wrong_forms_need_what_they_say(lang: str) -> None:
    """A form's ``needs`` gate the search of a paragraph: every match must hold one of them."""
    for form in wrong_forms(lang):
        if not form.needs:
            continue
        parsed = _parser.parse(form.pattern.pattern, form.pattern.flags)
        required = _required(list(parsed), parsed.state.flags)
        assert any(all(any(need in text for need in form.needs) for text in texts)
                   for texts in required), (form.pattern.pattern, form.needs, required)


#: Every character, to find those a pattern ignoring case matches to a given one.
_EVERY_CHARACTER = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_wrong_forms_ignoring_case_need_what_they_say(lang: str) -> None:
    """A form's ``needs_lowered`` gate the search of a paragraph lowered: every match holds one
    of them ignoring case, and every character the pattern matches to one of theirs lowers to
    it (not so "i", matched to "İ", or "s", matched to "ſ")."""
    gated = [form for form in wrong_forms(lang) if form.needs_lowered]
    assert gated
    for form in gated:
        parsed = _parser.parse(form.pattern.pattern, form.pattern.flags)
        required = _required(list(parsed), parsed.state.flags | _ANY_CASE)
        assert any(all(any(need in text.lower() for need in form.needs_lowered) for text in texts)
                   for texts in required), (form.pattern.pattern, form.needs_lowered, required)
        for char in set("".join(form.needs_lowered)):
            matched = re.findall(f"(?i){re.escape(char)}", _EVERY_CHARACTER)
            assert char in matched and all(found.lower() == char for found in matched), matched


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_session_words_need_what_rules_yaml_says(lang: str) -> None:
    """M604 searches only the paragraphs that hold ``session_word_needs`` (ignoring case, as
    the pattern)."""
    data = wording(lang).data
    parsed = _parser.parse(data.session_word, re.IGNORECASE)
    required = _required(list(parsed), parsed.state.flags | _ANY_CASE)
    assert any(all(data.session_word_needs in text for text in texts) for texts in required), required
