"""`drafter render`: each source on its own. A mistake or a bug in one costs only that one;
directories give their *.yaml sources, as for `drafter batch`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conftest import EXAMPLE, ROOT
from drafter import render as render_module
from drafter.cli import app
from drafter.exits import EXIT_BUG, EXIT_INPUT

DRAFT = ROOT / "tests" / "fixtures" / "draft-coe.yaml"


def _render(*args: object) -> Result:
    return CliRunner().invoke(app, ["render", *map(str, args)])


@pytest.fixture()
def three(tmp_path: Path) -> list[Path]:
    """a.yaml, bad.yaml (on which drafter will hit a bug) and b.yaml."""
    names = ["a.yaml", "bad.yaml", "b.yaml"]
    for name in names:
        shutil.copy(DRAFT, tmp_path / name)
    return [tmp_path / name for name in names]


@pytest.fixture()
def bug_on_bad(monkeypatch: pytest.MonkeyPatch) -> None:
    """drafter hits an unexpected exception on any source named bad.yaml."""
    real = render_module.render_file

    def render_file(source: Path, *args: object, **options: object) -> list[Path]:
        if source.name == "bad.yaml":
            raise ZeroDivisionError("division by zero")
        return real(source, *args, **options)  # type: ignore[arg-type]

    monkeypatch.delenv("DRAFTER_DEBUG", raising=False)
    monkeypatch.setattr(render_module, "render_file", render_file)


def test_a_bug_on_one_source_costs_only_that_source_and_exits_70_at_the_end(
        three: list[Path], tmp_path: Path, bug_on_bad: None) -> None:
    out = tmp_path / "out"
    result = _render(*three, "--format", "txt", "--out", out)
    assert result.exit_code == EXIT_BUG
    assert sorted(path.name for path in out.iterdir()) == [
        "a.en.txt", "a.fr.txt", "b.en.txt", "b.fr.txt"]
    assert result.stderr == (f"drafter: {three[1]}: internal error (ZeroDivisionError: division by "
                             "zero); please report it, with the command you ran. DRAFTER_DEBUG=1 "
                             "shows the details.\n")
    assert result.stdout.splitlines() == [f"wrote {out / name}" for name in (
        "a.en.txt", "a.fr.txt", "b.en.txt", "b.fr.txt")]


def test_a_bug_outweighs_a_mistake_in_the_exit_code(three: list[Path], tmp_path: Path,
                                                    bug_on_bad: None) -> None:
    three[0].write_text("session: [\n", encoding="utf-8")
    result = _render(*three, "--out", tmp_path / "out")
    assert result.exit_code == EXIT_BUG
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{three[0]}:2:1: YAML syntax") and "internal error" in lines[1]
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["b.en.docx", "b.fr.docx"]


def test_with_drafter_debug_a_bug_shows_its_traceback(three: list[Path], tmp_path: Path,
                                                      bug_on_bad: None,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTER_DEBUG", "1")
    result = _render(*three, "--out", tmp_path / "out")
    assert isinstance(result.exception, ZeroDivisionError)


def test_a_directory_gives_its_yaml_sources_in_name_order(three: list[Path], tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a source", encoding="utf-8")
    out = tmp_path / "out"
    result = _render(tmp_path, "--lang", "fr", "--format", "txt", "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"wrote {out / name}" for name in (
        "a.fr.txt", "b.fr.txt", "bad.fr.txt")]


def test_a_directory_without_sources_is_one_failure_and_the_other_inputs_are_rendered(
        tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "out"
    result = _render(empty, EXAMPLE, "--format", "txt", "--out", out)
    assert result.exit_code == EXIT_INPUT
    assert result.stderr == f"drafter: {empty} holds no *.yaml source to render\n"
    assert sorted(path.name for path in out.iterdir()) == ["csto-77-13.en.txt", "csto-77-13.fr.txt"]


def test_a_file_named_with_control_characters_cannot_forge_lines(tmp_path: Path) -> None:
    forged = tmp_path / "x\x1b[2J\nforged.yaml:1:1: all is well\x07.yaml"
    result = _render(forged, "--out", tmp_path / "out")
    assert result.exit_code == EXIT_INPUT
    assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr
    assert "\x07" not in result.stderr
    assert "x\\x1b[2J\\nforged.yaml:1:1: all is well\\x07.yaml:1:1: cannot read" in result.stderr
