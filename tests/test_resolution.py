"""The bilingual schema: what a source may say, its defaults, and the errors the renderer needs."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from drafter.resolution import (
    AgendaInclusion,
    CooperationSeries,
    Operative,
    Preambular,
    ReportConsidered,
    ReportRequested,
    Resolution,
    WelcomesReport,
)

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def draft() -> dict[str, Any]:
    """The fixture draft as plain data, fresh for each test to modify."""
    with (FIXTURES / "draft-coe.yaml").open(encoding="utf-8") as stream:
        return copy.deepcopy(yaml.safe_load(stream))


def _messages(data: dict[str, Any]) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        Resolution.model_validate(data)
    return [error["msg"] for error in caught.value.errors()]


def _kinds(data: dict[str, Any]) -> list[str]:
    """The pydantic error types (stable across pydantic's rewordings)."""
    with pytest.raises(ValidationError) as caught:
        Resolution.model_validate(data)
    return [error["type"] for error in caught.value.errors()]


def test_the_number_of_an_adopted_resolution_is_read_from_its_symbol(example):
    assert example.number == "77/13"


def test_a_draft_has_no_resolution_number(draft):
    assert Resolution.model_validate(draft).number is None


def test_a_resolution_is_immutable(example):
    with pytest.raises(ValidationError):
        example.session = 78  # type: ignore[misc]


def test_paragraphs_with_standard_become_standard_paragraphs_and_others_prose(example):
    kinds = [type(paragraph) for paragraph in example.preamble[:4]]
    assert kinds[0] is ReportConsidered and kinds[3] is CooperationSeries
    assert type(example.preamble[-1]) is Preambular
    assert type(example.operative[0]) is WelcomesReport
    assert type(example.operative[1]) is Operative
    assert [type(p) for p in example.operative[-2:]] == [ReportRequested, AgendaInclusion]


def test_standard_paragraphs_have_their_usual_opener_or_verb_by_default(example):
    assert example.preamble[0].opener == "having_considered"
    assert example.preamble[1].opener == "recalling"
    assert example.preamble[2].opener == "recalling_also"
    assert example.preamble[3].opener == "recalling_further"
    assert example.operative[0].verb == "welcomes_with_appreciation"
    assert example.operative[-2].verb == "requests"
    assert example.operative[-1].verb == "decides"


def test_a_standard_paragraph_may_take_another_known_opener(draft):
    draft["preamble"][0] = {"standard": "report_considered", "opener": "taking_note"}
    assert Resolution.model_validate(draft).preamble[0].opener == "taking_note"


def test_a_standard_paragraphs_opener_is_checked_against_the_lexicon(draft):
    draft["preamble"][0] = {"standard": "report_considered", "opener": "having_considerd"}
    assert _messages(draft) == [
        "unknown opening phrase 'having_considerd'; did you mean 'having_considered'?"]


def test_an_unknown_verb_suggests_the_closest_key(draft):
    draft["operative"][0]["verb"] = "request"
    assert _messages(draft) == ["unknown operative verb 'request'; did you mean 'requests'?"]


def test_the_observer_status_resolution_defaults_to_the_registry(example):
    assert example.preamble[2].resolution is None


@pytest.mark.parametrize("number", ["64-256", "A/RES/64/256", "64/256/1"])
def test_a_cited_resolution_number_must_look_like_64_256(draft, number):
    draft["preamble"].append({"standard": "cooperation_series",
                              "resolutions": [{"number": number, "date": "2010-03-02"}]})
    assert "string_pattern_mismatch" in _kinds(draft)


def test_a_cooperation_series_needs_at_least_one_resolution(draft):
    draft["preamble"].append({"standard": "cooperation_series", "resolutions": []})
    assert "too_short" in _kinds(draft)


def test_a_presidential_statement_symbol_is_checked(draft):
    draft["preamble"].append({"standard": "security_council",
                              "resolutions": [{"number": 1631, "year": 2005}],
                              "statements": [{"symbol": "S/PRST/2010", "date": "2010-01-13"}]})
    assert "string_pattern_mismatch" in _kinds(draft)


@pytest.mark.parametrize("field", ["en", "fr"])
def test_prose_may_not_be_empty_in_either_language(draft, field):
    draft["preamble"][1][field] = ""
    assert _kinds(draft) == ["string_too_short"]


def test_markup_is_checked_in_sponsors_too(draft):
    draft["sponsors"][0]["fr"] = "Arménie}"
    assert _messages(draft) == [
        "a closing brace '}' without an opening '{' (at character 8: '}')"]


def test_the_mandate_sessions_stop_at_120(draft):
    draft["mandate"]["report_session"] = 121
    assert _kinds(draft) == ["less_than_equal"]


@pytest.mark.parametrize("sub_item", ["T", "t)", "abc", "1"])
def test_a_sub_item_is_one_or_two_lower_case_letters(draft, sub_item):
    draft["agenda_item"]["sub_item"] = sub_item
    assert _kinds(draft) == ["string_pattern_mismatch"]


def test_the_page_size_is_a4_or_letter(draft):
    draft["page_size"] = "Legal"
    assert _kinds(draft) == ["literal_error"]


def test_a_page_size_defaults_to_a4(draft):
    del draft["page_size"]
    assert Resolution.model_validate(draft).page_size == "A4"


def test_unknown_fields_are_refused_everywhere(draft):
    draft["operative"][0]["subparagraphs"][0]["note"] = "x"
    assert _kinds(draft) == ["extra_forbidden"]


def test_at_least_one_preambular_and_one_operative_paragraph(draft):
    draft["operative"] = []
    assert _kinds(draft) == ["too_short"]
