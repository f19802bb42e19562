"""Sources written back as YAML read like the examples and load into the same Resolution."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.placeholders import is_placeholder_symbol
from drafter.schema import modeline
from drafter.source import load, parse
from drafter.yamlout import dump_resolution

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "examples").glob("*.yaml")) + [ROOT / "tests" / "fixtures" / "draft-coe.yaml"]


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: path.name)
def test_round_trip(path: Path) -> None:
    resolution = load(path)
    assert parse(dump_resolution(resolution)) == resolution


def test_the_shape_of_the_examples() -> None:
    text = dump_resolution(load(ROOT / "examples" / "csto-77-13.yaml"), ["first", "second"])
    lines = text.splitlines()
    assert lines[:5] == [modeline(), "# first", "# second", "", "session: 77"]
    assert "agenda_item: {number: 127, sub_item: t}" in lines
    assert "\npreamble:\n  - standard: report_considered\n" in text
    assert "      - {number: 64/256, date: 2010-03-02}" in lines
    assert "\n\noperative:\n  - standard: welcomes_report\n" in text
    assert "    en: >-" in lines
    assert "page_size" not in text and "opener: having_considered" not in text  # defaults left out


@pytest.mark.parametrize(("symbol", "placeholder"), [
    ("A/79/L.xx", True), ("A/79/xxx", True), ("A/79/xxx-S/2024/xxx", True),
    ("A/79/L.20", False), ("A/79/302", False), ("A/RES/77/13", False), ("A/77/277-S/2022/606", False),
])
def test_placeholder_symbols(symbol: str, placeholder: bool) -> None:
    assert is_placeholder_symbol(symbol) is placeholder


# -- keeping the previous source's form -----------------------------------------------------------

@pytest.mark.parametrize("path", SOURCES, ids=lambda path: path.name)
def test_an_unchanged_source_is_written_back_byte_for_byte(path: Path) -> None:
    """Its schema line and its comments included; a source without a schema line gets one."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("# yaml-language-server:"):
        text = modeline() + "\n" + text
    assert dump_resolution(load(path), previous=text) == text


COMMENTED = ROOT / "tests" / "fixtures" / "csto-77-13-commented.yaml"


def test_comments_quoting_and_order_stay_where_the_data_changed() -> None:
    from drafter.resolution import Resolution

    text = COMMENTED.read_text(encoding="utf-8")
    data = load(COMMENTED).model_dump(mode="python", exclude_defaults=True)
    data["report"] = "A/79/302"
    data["operative"][1]["en"] = data["operative"][1]["en"].replace(
        "to strengthen its peacekeeping", "to strengthen further its peacekeeping")
    changed = Resolution.model_validate(data)
    out = dump_resolution(changed, previous=text)
    assert parse(out) == changed
    assert "report: A/79/302  # the Secretary-General's report of this cycle\n" in out
    assert 'symbol: "A/RES/77/13"\n' in out  # quoted as the drafter quoted it
    removed, added = _changed_lines(text, out)
    # The report's line, and the edited line of prose (now folded in two); nothing else.
    assert len(removed) == 2 and len(added) == 3


@pytest.mark.parametrize("prose", ["1e999", "1e3", "-2.5e-3", ".5", "-.inf", ".NaN"])
def test_prose_that_yaml_1_2_reads_as_a_number_stays_text_through_a_follow_up(prose: str) -> None:
    """PyYAML reads these as text, ruamel.yaml's round trip as numbers ("1e999" came back as
    ".inf", which no source may hold): written quoted, they are text to both."""
    from drafter.resolution import Resolution

    text = COMMENTED.read_text(encoding="utf-8")
    data = load(COMMENTED).model_dump(mode="python", exclude_defaults=True)
    data["preamble"][-1]["en"] = prose
    previous = dump_resolution(Resolution.model_validate(data), previous=text)
    unquoted = previous.replace(f"'{prose}'", prose)  # as a drafter may have typed it
    data["session"] = 79
    out = dump_resolution(Resolution.model_validate(data), previous=unquoted)
    assert parse(out).preamble[-1].en == prose  # type: ignore[union-attr]


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    import difflib

    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))
    return ([line for line in diff if line.startswith("-") and not line.startswith("---")],
            [line for line in diff if line.startswith("+") and not line.startswith("+++")])


def test_a_new_key_goes_where_the_schema_puts_it_and_a_default_spelled_out_stays() -> None:
    from drafter.resolution import Resolution

    text = COMMENTED.read_text(encoding="utf-8")
    data = load(COMMENTED).model_dump(mode="python", exclude_defaults=True)
    data["sponsors"] = [{"en": "Armenia", "fr": "Arménie"}]
    out = dump_resolution(Resolution.model_validate(data), previous=text)
    lines = out.splitlines()
    assert lines[lines.index("page_size: A4") - 1] == "  - {en: Armenia, fr: Arménie}"
    removed, added = _changed_lines(text, out)
    assert removed == [] and added == ["+sponsors:", "+  - {en: Armenia, fr: Arménie}"]


# -- the schema line and the comments on top --------------------------------------------------------

EXAMPLE = ROOT / "examples" / "csto-77-13.yaml"


def test_a_fresh_source_opens_with_the_schema_line_then_the_header() -> None:
    text = dump_resolution(load(EXAMPLE), ["Made by `drafter new`."])
    assert text.startswith(f"{modeline()}\n# Made by `drafter new`.\n\nsession: 77\n")
    assert modeline().startswith("# yaml-language-server: $schema=file://")


def test_the_previous_schema_line_is_kept_once_and_goes_first() -> None:
    body = EXAMPLE.read_text(encoding="utf-8").split("\n\n", 1)[1]
    previous = "# Our delegation's draft.\n# yaml-language-server: $schema=https://example.org/s.json\n\n" + body
    out = dump_resolution(load(EXAMPLE), ["Imported by `drafter import` from x.docx."], previous)
    assert out.splitlines()[:5] == ["# yaml-language-server: $schema=https://example.org/s.json",
                                    "# Imported by `drafter import` from x.docx.", "",
                                    "# Our delegation's draft.", ""]
    assert out.count("yaml-language-server") == 1 and modeline() not in out
    assert out.endswith(body)


def test_drafters_own_header_is_replaced_and_the_other_top_comments_stay() -> None:
    resolution = load(EXAMPLE)
    first = dump_resolution(resolution, ["Follow-up of resolution 75/276 (made by `drafter followup`).",
                                         "To review:", "- the report"])
    edited = first.replace("\n\nsession:", "\n\n# Agreed with the co-sponsors.\n# Second line.\n\nsession:", 1)
    again = dump_resolution(resolution, ["Follow-up of resolution 77/13 (made by `drafter followup`).",
                                         "To review:", "- nothing"], edited)
    assert again.splitlines()[:8] == [
        modeline(), "# Follow-up of resolution 77/13 (made by `drafter followup`).", "# To review:",
        "# - nothing", "", "# Agreed with the co-sponsors.", "# Second line.", ""]
    assert "75/276 (made by" not in again and again.count("yaml-language-server") == 1


def test_a_comment_on_the_first_key_stays_on_it() -> None:
    body = EXAMPLE.read_text(encoding="utf-8").split("\n\n", 1)[1]
    out = dump_resolution(load(EXAMPLE), previous="# The session of the debate\n" + body)
    assert out.startswith(f"{modeline()}\n# The session of the debate\nsession: 77\n")
