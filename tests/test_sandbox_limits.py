"""User templates have bounded loops, sizes, depth and time: each probe of issue 7 that hung
or ended in an internal error is now a clean failure naming the template.

The same probes run through the command line, under a memory ceiling, in
tests/security/test_user_templates_cli.py."""

from __future__ import annotations

import re

import pytest

from drafter.composer import compose
from drafter.sandbox import LIMITS, Limits, TemplateLimit, measure
from drafter.templating import TemplateFailure
from user_templates import user_templates

_LOOPS = "more than 100,000 loop turns"
_SIZE = "larger than 250,000 characters and items"
_NUMBER = "a number larger than 1,024 bits"
_DEEP = "the template goes too deep"

#: (template, what the failure says). Jinja's ** is left-associative: 2 ** 10 ** 9 is 2 ** 90.
PROBES = {
    "nested loops": ("{% for a in range(100000) %}{% for b in range(100000) %}{{ b }}{% endfor %}"
                     "{% endfor %}", _LOOPS),
    "range of a billion": ("{% for a in range(10**9) %}{% endfor %}", "range() gives at most"),
    "recursive macro": ("{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}", _DEEP),
    "macro calling itself twice": ("{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}"
                                   "{% endif %}{% endmacro %}{{ m(60) }}", _LOOPS),
    "recursive include": ("{% include 'operative/report_requested.j2' %}", _DEEP),
    "include twice of itself": ("{% include 'operative/report_requested.j2' %}"
                                "{% include 'operative/report_requested.j2' %}", _DEEP),
    "recursive extends": ("{% extends 'operative/report_requested.j2' %}", _DEEP),
    "recursive import": ("{% import 'operative/report_requested.j2' as me %}", _DEEP),
    "recursive for loop": ("{% for x in [[1]] recursive %}{{ loop([x, x]) }}{% endfor %}", _DEEP),
    "text times ten billion": ("{{ 'x' * 10**10 }}", _SIZE),
    "list times ten billion": ("{{ [1] * 10**10 }}", _SIZE),
    "huge power": ("{{ 2 ** (10**9) }}", _NUMBER),
    "squaring in a loop": ("{% set ns = namespace(n=3) %}{% for i in range(64) %}"
                           "{% set ns.n = ns.n * ns.n %}{% endfor %}", _NUMBER),
    "number from hex text": ("{{ ('f' * 200000)|int(base=16) }}", _NUMBER),
    "huge join": ("{{ (['x' * 100000] * 100000)|join }}", _SIZE),
    "join with a huge separator": ("{{ range(100000)|join('y' * 100000) }}", _SIZE),
    "join of a list of lists": ("{% set ns = namespace(l=['x' * 1000]) %}{% for i in range(40) %}"
                                "{% set ns.l = [ns.l, ns.l] %}{% endfor %}{{ ns.l|join }}", _SIZE),
    "doubling with ~": ("{% set ns = namespace(s='x') %}{% for i in range(64) %}"
                        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}", _SIZE),
    "doubling with +": ("{% set ns = namespace(s='x') %}{% for i in range(64) %}"
                        "{% set ns.s = ns.s + ns.s %}{% endfor %}", _SIZE),
    "doubling a mapping": ("{% set ns = namespace(d={}) %}{% for i in range(64) %}"
                           "{% set ns.d = dict(a=ns.d, b=ns.d) %}{% endfor %}{{ ns.d }}", _SIZE),
    "namespace holding itself": ("{% set ns = namespace() %}{% set ns.me = ns %}{{ [ns] }}", _SIZE),
    "replace with a huge text": ("{{ ('x' * 100000)|replace('x', 'y' * 100000) }}", _SIZE),
    "mapping a filter over copies": ("{{ (['x' * 1000] * 1000)|map('upper')|list }}", _SIZE),
    "literal text in nested loops": ("{% for i in range(1000) %}{% for j in range(99) %}"
                                     + "x" * 1000 + "{% endfor %}{% endfor %}",
                                     "more than 2,500,000 characters and items in all"),
    "caller called twice, nested": ("{% macro m() %}{{ caller() }}{{ caller() }}{% endmacro %}"
                                    + "{% call m() %}" * 40 + "x" + "{% endcall %}" * 40, _LOOPS),
    "format width": ("{{ '{:>999999999}'.format(1) }}", "cannot use 'format' of a str"),
    "percent width": ("{{ '%999999999d' % 1 }}", "formatting text with % is not available"),
    "center": ("{{ 'x'|center(10**10) }}", "No filter named 'center'"),
    "lipsum": ("{{ lipsum(10**9) }}", "'lipsum' is undefined"),
    "sum of lists": ("{{ ([[1] * 1000] * 200)|sum(start=[]) }}", "sum adds numbers only"),
    "brackets nested too deeply": ("{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}", _DEEP),
}


@pytest.fixture(autouse=True)
def no_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the limits that do not depend on the machine's speed, unless a test sets the time."""
    monkeypatch.setattr("drafter.sandbox.LIMITS", Limits(seconds=3600.0))


@pytest.mark.parametrize(("text", "expected"), PROBES.values(), ids=PROBES.keys())
def test_a_hostile_user_template_ends_in_a_clean_failure_naming_it(text, expected, example,
                                                                    tmp_path):
    with pytest.raises(TemplateFailure) as caught:
        compose(example, "fr", user_templates(tmp_path, text))
    message = str(caught.value)
    # With its line, unless the template could not even be read (brackets nested too deeply).
    assert re.match(r"template operative/report_requested\.j2(:1)?: ", message)
    assert expected in message


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_limits_hold_in_both_languages(lang, example, tmp_path):
    text, expected = PROBES["nested loops"]
    with pytest.raises(TemplateFailure, match=expected):
        compose(example, lang, user_templates(tmp_path, text, lang=lang))


def test_the_paragraphs_of_a_document_share_one_budget(example, tmp_path):
    """60,000 loop turns are fine in one paragraph, but not in each of two of one document."""
    loop = "{% for i in range(60000) %}{% endfor %}le Secrétaire général"
    alone = user_templates(tmp_path / "alone", loop)
    assert "le Secrétaire général" in compose(example, "fr", alone).operative[-2].content.text()
    both = user_templates(tmp_path / "both", loop)
    user_templates(tmp_path / "both", loop, name="operative/agenda_inclusion.j2")
    with pytest.raises(TemplateFailure, match=_LOOPS):
        compose(example, "fr", both)
    # A new document starts with a new budget.
    assert compose(example, "fr", alone).operative[-2].content.text().endswith("général\u202f;")


def test_a_template_is_stopped_when_its_time_is_up(example, tmp_path, monkeypatch):
    monkeypatch.setattr("drafter.sandbox.LIMITS", Limits(seconds=0.0))
    with pytest.raises(TemplateFailure, match="ran longer than 0 seconds"):
        compose(example, "fr", user_templates(tmp_path, "{% for i in range(3) %}{{ i }}{% endfor %}"))


def test_a_user_template_within_the_limits_is_rendered(example, tmp_path):
    text = ("{% for word in ['le', 'Secrétaire', 'général'] %}{{ word }} {% endfor %}"
            "de présenter à sa {{ mandate.report_session|session }} session un rapport")
    document = compose(example, "fr", user_templates(tmp_path, text))
    assert document.operative[-2].content.text() == (
        "Prie le Secrétaire général de présenter à sa soixante-dix-neuvième session un "
        "rapport\u202f;")


# -- measuring what a template builds ---------------------------------------------------------

def test_a_value_is_measured_as_it_would_be_written_out():
    assert measure("abc") == 4
    assert measure(["abc", "abc"]) == 1 + 2 * 4
    shared = ["x" * 100]
    assert measure([shared, shared]) == 1 + 2 * measure(shared)
    assert measure({"a": 1}) == 1 + 1 + 2 + 1


def test_copies_of_the_same_list_count_each_time_so_doubling_is_caught_early():
    value: list[object] = ["x"]
    with pytest.raises(TemplateLimit):
        for _ in range(64):
            value = [value, value]
            measure(value)
    assert len(repr(value)) < LIMITS.value * 10
