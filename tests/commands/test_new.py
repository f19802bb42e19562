"""drafter new: a first draft printed or written once (replaced only with --force), and bad
requests told plainly."""

from __future__ import annotations

import pytest

from drafter.commands.new import new_command
from drafter.exits import EXIT_INPUT
from drafter.first_draft import new_resolution
from drafter.schema import modeline
from drafter.source import load, parse


def test_without_output_the_source_goes_to_stdout_and_loads_back(capsys: pytest.CaptureFixture[str]) -> None:
    assert new_command("sco", 79, None, False) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"{modeline()}\n# First draft: cooperation between the United Nations "
                              "and the Shanghai")
    assert parse(printed) == new_resolution("sco", 79)


def test_output_is_written_once_and_overwritten_only_with_force(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "drafts" / "au-80.yaml"
    assert new_command("au", 80, target, False) == 0
    assert load(target) == new_resolution("au", 80)
    assert target.read_text(encoding="utf-8").splitlines()[0] == modeline()
    target.write_text("mine", encoding="utf-8")
    assert new_command("au", 80, target, False) == EXIT_INPUT
    assert "already exists; add --force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "mine"
    assert new_command("au", 80, target, True) == 0
    assert load(target).organization == "au"
    assert [path.name for path in target.parent.iterdir()] == ["au-80.yaml"]


@pytest.mark.parametrize(("org", "session", "message"), [
    ("csot", 80, "did you mean 'csto'?"),
    ("csto", 119, "outside what drafter can write"),
])
def test_bad_requests_are_told_plainly(org: str, session: int, message: str, capsys) -> None:  # type: ignore[no-untyped-def]
    assert new_command(org, session, None, False) == EXIT_INPUT
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""
