"""Templates receive plain data, and the sandbox's policy denies what it does not list.

The first probe is the exploit of issue 7: a user template calling pydantic's deprecated
``parse_raw(..., proto="pickle", allow_pickle=True)`` on a model in its context ran a shell
command, and ``parse_file`` read any file."""

from __future__ import annotations

import msgspec
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from pydantic import BaseModel

from drafter.composer import compose
from drafter.organizations import OrganizationForms
from drafter.sandbox import TemplateData, check_plain
from drafter.templating import TemplateFailure, Wording
from user_templates import user_templates

#: Pickle protocol 0, as text: calls os.system("touch MARKER") when unpickled.
PAYLOAD = "cposix\\nsystem\\n(S'touch {marker}'\\ntR."


# -- what templates receive -------------------------------------------------------------------

_PLAIN = (str, int, float, bool, type(None), date, list, tuple, dict, OrganizationForms)


def _walk(value: Any) -> list[Any]:
    found = [value]
    if isinstance(value, dict):
        found += [item for inner in value.values() for item in _walk(inner)]
    elif isinstance(value, (list, tuple)):
        found += [item for inner in value for item in _walk(inner)]
    elif isinstance(value, msgspec.Struct):
        found += [item for name in value.__struct_fields__
                  for item in _walk(getattr(value, name))]
    return found


def test_every_template_of_the_example_receives_plain_data_only(example, lang, monkeypatch):
    seen: list[dict[str, object]] = []
    for method in ("render", "render_blocks"):
        original = getattr(Wording, method)

        def spy(self: Wording, name: str, context: TemplateData, _original: Any = original) -> Any:
            seen.append(dict(context))
            return _original(self, name, context)

        monkeypatch.setattr(Wording, method, spy)
    compose(example, lang)
    standard = [p for p in [*example.preamble, *example.operative] if hasattr(p, "standard")]
    assert len(seen) == 1 + len(standard)  # the skeleton, and each standard paragraph
    values = [item for context in seen for item in _walk(context)]
    assert not [item for item in values if not isinstance(item, _PLAIN)]
    assert not [item for item in values if isinstance(item, BaseModel)]
    assert all(isinstance(context["mandate"], dict) for context in seen)


class _Model(BaseModel):
    number: int


@pytest.mark.parametrize("value", [
    _Model(number=1), SimpleNamespace(number=1), print, {"items": 1}, {1: "one"}, [[_Model(number=1)]],
    {"org": SimpleNamespace()}, b"bytes",
], ids=["pydantic model", "namespace", "function", "key hidden by a method", "key not text",
        "model in a list", "object in a mapping", "bytes"])
def test_anything_but_plain_data_is_refused_as_a_bug_in_drafter(value):
    with pytest.raises(TypeError, match="template data"):
        check_plain({"value": value})


def test_templates_are_given_checked_data_not_any_mapping(example):
    with pytest.raises(TypeError, match="TemplateData"):
        Wording("en").render("operative/report_requested.j2", {"mandate": example.mandate})  # type: ignore[arg-type]


def test_extending_the_data_checks_the_new_names():
    data = TemplateData({"session": 77})
    assert data.extended({"continuation": "text"}) == {"session": 77, "continuation": "text"}
    with pytest.raises(TypeError):
        data.extended({"resolution": _Model(number=1)})


# -- the exploit --------------------------------------------------------------------------------

_OBJECTS = ["mandate", "agenda_item", "adoption", "org", "observer_status", "distribution_date",
            "session", "sponsors", "symbol", "phrases", "phrases.item", "range", "dict",
            "namespace", "namespace()", "self", "loop", "mandate.items()", "org.the"]
_METHODS = [
    f'parse_raw("{PAYLOAD}", proto="pickle", allow_pickle=True)',
    "parse_file('/etc/hostname')",
    "model_validate_json('{}')",
    "model_construct()",
    "__class__.__init__.__globals__",
]


@pytest.mark.parametrize("method", _METHODS, ids=["parse_raw", "parse_file", "validate_json",
                                                   "construct", "globals"])
@pytest.mark.parametrize("obj", _OBJECTS)
def test_no_object_a_template_can_reach_runs_code_or_reads_files(obj, method, example, tmp_path):
    marker = tmp_path / "pwned"
    call = method.replace("{marker}", str(marker))
    text = f"{{% for x in [1] %}}{{{{ {obj}.{call} }}}}{{% endfor %}}"
    with pytest.raises(TemplateFailure) as caught:
        compose(example, "fr", user_templates(tmp_path, text))
    assert str(caught.value).startswith("template operative/report_requested.j2:1: ")
    assert not marker.exists()


def test_the_parameters_of_a_standard_paragraph_are_plain_data_too(example, tmp_path):
    marker = tmp_path / "pwned"
    text = ('{{ resolutions[0].parse_raw("' + PAYLOAD.replace("{marker}", str(marker))
            + '", proto="pickle", allow_pickle=True) }}')
    templates = user_templates(tmp_path, text, "preamble/cooperation_series.j2")
    with pytest.raises(TemplateFailure, match="^template preamble/cooperation_series.j2:1: "):
        compose(example, "fr", templates)
    assert not marker.exists()


# -- what the policy allows and denies ------------------------------------------------------

@pytest.mark.parametrize(("expression", "expected"), [
    ("mandate.report_session", "79"),
    ("agenda_item['number']", "127"),
    ("mandate.items()|list|length", "2"),
    ("mandate.get('absent', 'none')", "none"),
    ("org.the|upper_first", "L'Organisation du Traité de sécurité collective"),
    ("'a b'.split()|join('+')", "a+b"),
    ("distribution_date.year", "2022"),
    ("phrases.item()|truncate(24, end='')", "Coopération entre"),
    ("range(3)|map('string')|join", "012"),
    ("[3, 1, 2]|sort|first", "1"),
    ("[{'k': 1}, {'k': 2}, {'k': 1}]|groupby('k')|map(attribute='grouper')|join", "12"),
], ids=lambda value: value if isinstance(value, str) and "(" not in value else None)
def test_plain_data_is_usable_in_every_ordinary_way(expression, expected, example, tmp_path):
    document = compose(example, "fr", user_templates(tmp_path, "{{ " + expression + " }}"))
    assert document.operative[-2].content.text() == f"Prie {expected}\u202f;"


def test_loops_namespaces_and_macros_work(example, tmp_path):
    text = ("{% set ns = namespace(words=[]) %}{% macro w(x) %}<{{ x }}>{% endmacro %}"
            "{% for x in ['a', 'b'] %}{% set ns.words = ns.words + [w(x) ~ loop.index] %}"
            "{% endfor %}{{ ns.words|join(' ') }}")
    document = compose(example, "fr", user_templates(tmp_path, text))
    assert document.operative[-2].content.text() == "Prie <a>1 <b>2\u202f;"


@pytest.mark.parametrize("expression", [
    "'x'.format(1)", "'x'.center(9)", "'x'.join(['a', 'b'])", "'x'.replace('x', 'y')",
    "distribution_date.today()", "distribution_date.replace(year=1)",
    "mandate.update({})", "mandate.pop('report_session')", "sponsors.append(1)",
    "org.__dataclass_fields__", "org.__struct_config__", "phrases.item.__globals__", "loop.__init__", "range.__self__",
    "cycler(1)", "joiner()", "lipsum()", "namespace.__init__",
])
def test_anything_the_policy_does_not_list_is_refused(expression, example, tmp_path):
    text = "{% for x in [1] %}{{ " + expression + " }}{% endfor %}"
    with pytest.raises(TemplateFailure, match="^template operative/report_requested.j2:1: "):
        compose(example, "fr", user_templates(tmp_path, text))


@pytest.mark.parametrize("name", ["center", "indent", "format", "wordwrap", "batch", "slice",
                                  "random", "tojson", "xmlattr", "urlize", "pprint"])
def test_filters_that_multiply_text_or_break_reproducibility_are_not_available(name, example,
                                                                               tmp_path):
    with pytest.raises(TemplateFailure, match=f"No filter named '{name}'"):
        compose(example, "fr", user_templates(tmp_path, "{{ 'x'|" + name + "(3) }}"))


def test_built_in_templates_give_the_same_document_under_the_policy_of_user_templates(
        example, lang, tmp_path):
    empty = tmp_path / "templates"
    (empty / lang).mkdir(parents=True)
    assert compose(example, lang, empty) == compose(example, lang)
