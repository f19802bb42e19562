"""`drafter schema` and `drafter rules -o`: printed without -o, written only where -o says, an
existing file replaced only with --force."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from drafter.cli import app
from drafter.exits import EXIT_INPUT
from drafter.schema import schema_json
from drafter.rules.manual import rules_markdown


def _run(*args: object) -> Result:
    return CliRunner().invoke(app, [str(arg) for arg in args])


GENERATED = {"schema": (["schema"], schema_json), "rules": (["rules"], rules_markdown)}


def test_the_schema_is_printed_without_o_and_nothing_is_written(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = _run("schema")
    assert result.exit_code == 0
    assert result.stdout == schema_json()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", list(GENERATED))
def test_o_writes_a_new_file(command: str, tmp_path: Path) -> None:
    arguments, text = GENERATED[command]
    target = tmp_path / "docs" / "out.txt"
    result = _run(*arguments, "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8") == text()


@pytest.mark.parametrize("command", list(GENERATED))
def test_an_existing_file_is_replaced_only_with_force(command: str, tmp_path: Path) -> None:
    arguments, text = GENERATED[command]
    target = tmp_path / "existing.md"
    target.write_text("mine", encoding="utf-8")
    result = _run(*arguments, "-o", target)
    assert result.exit_code == EXIT_INPUT
    assert str(target) in result.stderr and "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "mine"
    assert _run(*arguments, "-o", target, "--force").exit_code == 0
    assert target.read_text(encoding="utf-8") == text()


@pytest.mark.parametrize("command", list(GENERATED))
def test_a_directory_is_not_a_file_to_write(command: str, tmp_path: Path) -> None:
    arguments, _ = GENERATED[command]
    result = _run(*arguments, "-o", tmp_path, "--force")
    assert result.exit_code == EXIT_INPUT
    assert result.stderr == f"drafter: -o {tmp_path} is a directory; give the name of the file to write\n"


def test_rules_write_says_where_to_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = _run("rules", "--write")
    assert result.exit_code == EXIT_INPUT
    assert "-o docs/rules.md" in result.stderr
    assert list(tmp_path.iterdir()) == []
