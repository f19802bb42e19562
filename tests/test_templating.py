"""The Jinja wording: grammar filters, strict variables, user overrides run in the sandbox.

The sandbox's policy and limits, the folder and the cache have their own files, as their modules:
test_sandbox.py, test_sandbox_limits.py, test_template_loader.py, test_template_cache.py."""

from __future__ import annotations

import re
from datetime import date

import pytest

from conftest import ROOT
from drafter.composer import compose
from drafter.sandbox import GuardedEnvironment, TemplateEnvironment
from drafter.templating import TemplateFailure, Wording, wording
from user_templates import user_templates


def _render(lang: str, source: str, **context: object) -> str:
    return wording(lang).env.from_string(source).render(**context)


@pytest.mark.parametrize(
    ("lang", "expected"), [("en", "seventy-ninth"), ("fr", "soixante-dix-neuvième")])
def test_the_session_filter_spells_out_the_session(lang, expected):
    assert _render(lang, "{{ 79|session }}") == expected


def test_the_session_filter_refuses_a_session_out_of_range():
    with pytest.raises(ValueError, match="outside 1–120"):
        _render("en", "{{ 121|session }}")


@pytest.mark.parametrize(("lang", "expected"), [("en", "39th"), ("fr", "39{sup|e}")])
def test_the_ordinal_filter_gives_markup(lang, expected):
    assert _render(lang, "{{ 39|ordinal }}") == expected


def test_the_date_filter_leaves_a_date_tag_for_the_language_to_format():
    assert _render("fr", "{{ d|date }}", d=date(2009, 8, 1)) == "{date|2009-08-01}"


def test_the_citations_filter_joins_dated_resolutions_in_the_language():
    items = [{"number": "64/256", "date": date(2010, 3, 2)},
             {"number": "65/122", "date": date(2010, 12, 13)},
             {"number": "67/6", "date": date(2012, 11, 19)}]
    assert _render("en", "{{ items|citations }}", items=items) == (
        "{res|64/256|2010-03-02}, {res|65/122|2010-12-13} and {res|67/6|2012-11-19}")
    assert _render("fr", "{{ items|citations }}", items=items).endswith(" et {res|67/6|2012-11-19}")


def test_the_council_filter_uses_the_date_when_known_and_the_year_otherwise():
    dated = {"number": 1631, "year": 2005, "date": date(2005, 10, 17)}
    undated = {"number": 1631, "year": 2005, "date": None}
    assert _render("en", "{{ r|council }}", r=dated) == "{sc|1631|2005-10-17}"
    assert _render("en", "{{ r|council }}", r=undated) == "{sc|1631|2005}"


def test_join_list_and_case_filters():
    assert _render("fr", "{{ ['a', 'b', 'c']|join_list }}") == "a, b et c"
    assert _render("en", "{{ 'coopération'|upper_first }}") == "Coopération"
    assert _render("en", "{{ 'Cooperation'|lower_first }}") == "cooperation"
    assert _render("en", "{{ 'A/77/277'|doc }}") == "{doc|A/77/277}"


def test_templates_are_rendered_to_one_line_of_single_spaces(example):
    english = compose(example, "en")
    assert english.operative[-2].content.text() == (
        "Requests the Secretary-General to submit to the General Assembly at its seventy-ninth "
        "session a report on the implementation of the present resolution;")


def test_one_wording_per_language_and_directory_is_kept():
    assert wording("en") is wording("en")
    assert wording("en") is not wording("fr")


def test_built_in_templates_run_in_the_sandbox_and_user_templates_also_under_limits(tmp_path):
    (tmp_path / "en").mkdir()
    assert type(Wording("en").env) is TemplateEnvironment
    assert type(Wording("en", tmp_path).env) is GuardedEnvironment


def test_a_user_template_overrides_only_its_own_paragraph(example, tmp_path):
    templates = user_templates(tmp_path, name="operative/report_requested.j2", text="le Secrétaire général de lui faire rapport à sa "
                           "{{ mandate.report_session|session }} session")
    builtin = compose(example, "fr")
    custom = compose(example, "fr", templates)
    assert custom.operative[-2].content.text() == (
        "Prie le Secrétaire général de lui faire rapport à sa soixante-dix-neuvième session\u202f;")
    assert custom.operative[-2] != builtin.operative[-2]
    assert custom.operative[:-2] == builtin.operative[:-2]
    assert custom.operative[-1] == builtin.operative[-1]
    assert custom.preamble == builtin.preamble
    assert custom.footnotes == builtin.footnotes
    assert compose(example, "en", templates) == compose(example, "en")


def test_an_undefined_variable_in_a_user_template_is_a_template_failure(example, tmp_path):
    templates = user_templates(tmp_path, name="operative/report_requested.j2", text="le {{ secretary_general }}")
    with pytest.raises(TemplateFailure) as caught:
        compose(example, "fr", templates)
    message = str(caught.value)
    assert message == "template operative/report_requested.j2:1: 'secretary_general' is undefined"


def test_a_user_template_cannot_reach_python_internals(example, tmp_path):
    templates = user_templates(tmp_path, name="operative/report_requested.j2", text="{{ ''.__class__.__mro__ }}")
    with pytest.raises(TemplateFailure, match="unsafe|__class__"):
        compose(example, "fr", templates)


def test_a_user_template_cannot_call_unsafe_methods(example, tmp_path):
    templates = user_templates(tmp_path, name="operative/report_requested.j2", text="{{ org.the.format.__globals__ }}")
    with pytest.raises(TemplateFailure, match="cannot use 'format' of a str"):
        compose(example, "fr", templates)


def test_an_error_in_an_included_template_names_that_template_and_its_line(example, tmp_path):
    user_templates(tmp_path, name="parts/verb.j2", text="le Secrétaire général\n{{ nobody }}")
    templates = user_templates(tmp_path, name="operative/report_requested.j2", text="{% include 'parts/verb.j2' %}")
    with pytest.raises(TemplateFailure, match=r"^template parts/verb\.j2:2: 'nobody' is undefined$"):
        compose(example, "fr", templates)


def test_a_copy_of_the_skeleton_that_lacks_a_block_names_it(example, tmp_path):
    templates = user_templates(tmp_path, name="document.j2", text="{% block title %}Titre{% endblock %}")
    with pytest.raises(TemplateFailure, match="template document.j2 has no block 'united_nations'"):
        compose(example, "fr", templates)


def test_a_copy_of_the_skeleton_made_before_the_original_line_renders_a_draft_without_it(
        revised, tmp_path):
    built_in = (ROOT / "templates" / "fr" / "document.j2").read_text(encoding="utf-8")
    older = re.sub(r"\{% block (translation|original) %\}.*?\{% endblock %\}\n", "", built_in)
    assert "block original" not in older
    preface = compose(revised, "fr", user_templates(tmp_path, name="document.j2", text=older)).preface
    assert preface.original is None and preface.translation is None
    assert preface.sponsors.text().endswith("projet de résolution révisé")


def test_a_syntax_error_in_a_user_template_names_the_file_and_line(example, tmp_path):
    templates = user_templates(tmp_path, name="operative/report_requested.j2", text="le rapport\n{% if %}")
    with pytest.raises(TemplateFailure, match=r"report_requested\.j2:2"):
        compose(example, "fr", templates)


def test_a_missing_included_template_names_it(example, tmp_path):
    templates = user_templates(tmp_path, name="operative/report_requested.j2", text="{% include 'absent.j2' %}")
    with pytest.raises(TemplateFailure, match="template 'absent.j2' not found"):
        compose(example, "fr", templates)
