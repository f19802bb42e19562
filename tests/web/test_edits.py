"""The form's edits reach the source text without disturbing what the user wrote around them."""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, ROOT
from drafter.source import parse
from drafter.web.edits import EditFailure, apply_data

SOURCES = [EXAMPLE, ROOT / "tests" / "fixtures" / "draft-coe.yaml"]


def _data(text: str) -> dict:
    """The data as the browser holds it: JSON, dates as text."""
    return json.loads(json.dumps(yaml.safe_load(text), default=str))


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: path.name)
def test_unchanged_data_gives_the_text_back_byte_for_byte(path):
    text = "# a comment the user wrote\n" + path.read_text(encoding="utf-8")
    assert apply_data(text, _data(text)) == text


def test_a_changed_value_changes_only_its_line_and_keeps_comments():
    text = EXAMPLE.read_text(encoding="utf-8").replace("session: 77", "session: 77  # the session", 1)
    data = _data(text)
    data["agenda_item"]["number"] = 128
    out = apply_data(text, data)
    changed = [(a, b) for a, b in zip(text.splitlines(), out.splitlines()) if a != b]
    assert changed == [("agenda_item: {number: 127, sub_item: t}", "agenda_item: {number: 128, sub_item: t}")]
    assert "session: 77  # the session" in out


def test_added_moved_and_deleted_paragraphs_load_as_the_form_has_them():
    text = EXAMPLE.read_text(encoding="utf-8")
    data = _data(text)
    data["preamble"].append({"opener": "recalling", "en": "its earlier work", "fr": "ses travaux"})
    data["operative"][1], data["operative"][2] = data["operative"][2], data["operative"][1]
    del data["operative"][3]
    out = apply_data(text, data)
    resolution = parse(out)
    assert resolution.preamble[-1].en == "its earlier work"
    assert [p.model_dump(exclude_defaults=True) for p in resolution.operative] == \
        [p.model_dump(exclude_defaults=True) for p in parse(text).operative[:1] + [
            parse(text).operative[2], parse(text).operative[1]] + parse(text).operative[4:]]
    assert "\n\noperative:\n" in out  # the blank line before the operative part stays
    assert "  - {opener: recalling, en: its earlier work, fr: ses travaux}\n\noperative" in out


def test_long_new_prose_is_folded_and_reads_back_the_same():
    text = EXAMPLE.read_text(encoding="utf-8")
    data = _data(text)
    prose = ("the Secretary-General to continue to support the cooperation between the two "
             "organizations in every area named in this resolution and in those still to come, "
             "and to report on it in full")
    data["operative"][2]["en"] = prose
    out = apply_data(text, data)
    assert parse(out).operative[2].en == prose
    new_lines = set(out.splitlines()) - set(text.splitlines())
    assert len(new_lines) > 2 and max(len(line) for line in new_lines) <= 100


@settings(max_examples=40)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=300)
       .filter(lambda s: s.strip() == s and "  " not in s))
def test_any_prose_survives_the_round_trip(prose):
    text = EXAMPLE.read_text(encoding="utf-8")
    data = _data(text)
    data["preamble"][5]["en"] = prose
    assert yaml.safe_load(apply_data(text, data))["preamble"][5]["en"] == prose


def test_dates_stay_dates():
    text = EXAMPLE.read_text(encoding="utf-8")
    data = _data(text)
    data["distribution_date"] = "2022-11-28"
    assert "distribution_date: 2022-11-28\n" in apply_data(text, data)


@pytest.mark.parametrize("text", ["- a list\n", "key: [unclosed\n"])
def test_text_that_is_no_mapping_cannot_take_the_forms_edits(text):
    with pytest.raises(EditFailure):
        apply_data(text, {"session": 77})
