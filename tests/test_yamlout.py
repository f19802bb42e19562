"""Sources written back as YAML read like the examples and load into the same Resolution."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.placeholders import is_placeholder_symbol
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
    assert lines[:3] == ["# first", "# second", "session: 77"]
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
