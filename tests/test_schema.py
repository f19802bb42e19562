"""The checked-in JSON Schema: current with the code, well formed, and true of the sources.

jsonschema is not a dependency, so the sources are checked with a small validator for the subset
of JSON Schema that pydantic writes here (type, properties, required, additionalProperties, items,
oneOf/anyOf, $ref, const, enum, pattern, lengths and bounds)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import EXAMPLE, ROOT
from drafter.schema import schema_json

SCHEMA_PATH = ROOT / "schemas" / "resolution.schema.json"
FIXTURES = Path(__file__).parent / "fixtures"
TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _as_json(path: Path) -> Any:
    """A YAML source as a JSON document would hold it (dates as ISO strings)."""
    with path.open(encoding="utf-8") as stream:
        return json.loads(json.dumps(yaml.safe_load(stream), default=str))


def _problems(value: Any, node: dict[str, Any], root: dict[str, Any], where: str = "$") -> list[str]:
    if "$ref" in node:
        target = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return _problems(value, target, root, where)
    for key in ("oneOf", "anyOf"):
        if key in node:
            matching = [o for o in node[key] if not _problems(value, o, root, where)]
            if not matching or (key == "oneOf" and len(matching) > 1):
                return [f"{where}: {len(matching)} of the {key} alternatives match"]
    kind = node.get("type")
    if kind == "integer" and not (isinstance(value, int) and not isinstance(value, bool)):
        return [f"{where}: not an integer"]
    if kind in TYPES and not isinstance(value, TYPES[kind]):
        return [f"{where}: not {kind}"]
    if "const" in node and value != node["const"]:
        return [f"{where}: not {node['const']!r}"]
    if "enum" in node and value not in node["enum"]:
        return [f"{where}: not one of {node['enum']}"]
    problems: list[str] = []
    if isinstance(value, str):
        if "pattern" in node and not re.search(node["pattern"], value):
            problems.append(f"{where}: does not match {node['pattern']}")
        if len(value) < node.get("minLength", 0):
            problems.append(f"{where}: too short")
    if isinstance(value, int):
        if value < node.get("minimum", value) or value > node.get("maximum", value):
            problems.append(f"{where}: out of bounds")
        if "exclusiveMinimum" in node and value <= node["exclusiveMinimum"]:
            problems.append(f"{where}: not above {node['exclusiveMinimum']}")
    if isinstance(value, list):
        if len(value) < node.get("minItems", 0):
            problems.append(f"{where}: too few items")
        for index, item in enumerate(value):
            problems += _problems(item, node.get("items", {}), root, f"{where}[{index}]")
    if isinstance(value, dict):
        properties = node.get("properties", {})
        problems += [f"{where}: missing {name}" for name in node.get("required", []) if name not in value]
        if node.get("additionalProperties") is False:
            problems += [f"{where}: unknown {name}" for name in value if name not in properties]
        for name, item in value.items():
            if name in properties:
                problems += _problems(item, properties[name], root, f"{where}.{name}")
    return problems


def test_the_checked_in_schema_is_current():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_json(), (
        "schemas/resolution.schema.json is stale: run `drafter schema -o schemas/resolution.schema.json --force` and commit the result")


def test_the_schema_is_json_with_definitions_and_the_required_fields(schema):
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert "$defs" in schema and {"Preambular", "Operative", "Prose", "Mandate"} <= set(schema["$defs"])
    assert set(schema["required"]) == {
        "session", "agenda_item", "stage", "symbol", "distribution_date", "organization",
        "report", "mandate", "preamble", "operative"}


def test_every_reference_in_the_schema_resolves(schema):
    references = re.findall(r'"\$ref": "#/\$defs/([^"]+)"', json.dumps(schema))
    assert references
    assert set(references) <= set(schema["$defs"])


def test_the_schema_says_it_is_generated(schema):
    assert "drafter schema" in schema["$comment"]


@pytest.mark.parametrize("source", [EXAMPLE, FIXTURES / "draft-coe.yaml"], ids=["example", "draft"])
def test_the_sources_validate_against_the_schema(schema, source):
    assert _problems(_as_json(source), schema, schema) == []


def test_the_schema_refuses_what_the_loader_refuses(schema):
    data = _as_json(EXAMPLE)
    data["pagesize"] = "A4"
    data["operative"][1]["verb"] = 7
    data["preamble"][0] = {"standard": "report_considered", "en": "x"}
    assert set(_problems(data, schema, schema)) == {
        "$: unknown pagesize", "$.operative[1]: 0 of the oneOf alternatives match",
        "$.preamble[0]: 0 of the oneOf alternatives match"}


# -- the packaged schema ------------------------------------------------------------------------

def test_the_schema_ships_inside_the_package_and_the_checkout_copy_is_the_same_file():
    from drafter.schema import PACKAGED, location

    assert location() == PACKAGED
    assert PACKAGED.is_relative_to(ROOT / "drafter"), "the wheel carries drafter/ only"
    assert PACKAGED.read_text(encoding="utf-8") == schema_json(), (
        "drafter/data/resolution.schema.json is stale: run "
        "`drafter schema -o drafter/data/resolution.schema.json --force` and commit the result")
    assert PACKAGED.read_bytes() == SCHEMA_PATH.read_bytes()


def test_the_modeline_points_editors_at_the_packaged_schema():
    from drafter.schema import PACKAGED, modeline

    assert modeline() == f"# yaml-language-server: $schema={PACKAGED.as_uri()}"


def _phrase_alternatives(schema: dict[str, Any], model: str, field: str) -> list[dict[str, Any]]:
    return schema["$defs"][model]["properties"][field]["oneOf"]


@pytest.mark.parametrize(("model", "field", "section"), [
    ("Preambular", "opener", "preamble"), ("ReportConsidered", "opener", "preamble"),
    ("Operative", "verb", "operative"), ("AgendaInclusion", "verb", "operative")])
def test_openers_and_verbs_are_the_lexicon_keys_or_an_inline_phrase(schema, model, field, section):
    from drafter.language import phrase_keys

    keys, inline = _phrase_alternatives(schema, model, field)
    assert keys["enum"] == phrase_keys(section)
    assert inline == {"$ref": "#/$defs/InlinePhrase"}
    assert set(schema["$defs"]["InlinePhrase"]["required"]) == {"en", "fr"}


def test_the_organization_is_one_of_the_registry_keys(schema):
    from drafter.organizations import registry

    assert schema["properties"]["organization"]["enum"] == sorted(registry())


def test_the_schema_checks_keys_phrases_organizations_and_symbols_as_the_loader_does(schema):
    data = _as_json(EXAMPLE)
    data["operative"][1]["verb"] = {"en": "Underlines", "fr": "Souligne"}
    data["report"] = "A/77/277-S/2022/606 and Corr.1"
    assert _problems(data, schema, schema) == []
    data["operative"][1]["verb"] = {"en": "Underlines"}
    data["preamble"][5]["opener"] = "recallin"
    data["organization"] = "cstoo"
    data["report"] = "A/77/277 and"
    assert set(_problems(data, schema, schema)) == {
        "$.operative[1]: 0 of the oneOf alternatives match", "$.preamble[5]: 0 of the oneOf alternatives match",
        "$.organization: not one of " + str(schema["properties"]["organization"]["enum"]),
        "$.report: does not match " + schema["properties"]["report"]["pattern"]}


def test_the_schema_takes_a_revised_draft_and_its_original_language_as_the_loader_does(schema):
    from drafter.resolution import Resolution

    data = _as_json(FIXTURES / "draft-coe.yaml")
    data.update(symbol="A/79/L.20/Rev.1", original="fr")
    assert _problems(data, schema, schema) == []
    assert Resolution.model_validate(data).original == "fr"
    data["original"] = "ru"  # submitted in Russian: both versions are translations
    assert _problems(data, schema, schema) == []
    data["original"] = "de"
    assert _problems(data, schema, schema) == [
        "$.original: not one of ['ar', 'zh', 'en', 'fr', 'ru', 'es']"]
