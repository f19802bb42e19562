"""drafter rules: every rule of the catalogue is listed with its summary."""

from __future__ import annotations

import pytest

from drafter.commands.rules import rules_command
from drafter.rules import all_rules


def test_rules_command_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert rules_command(write=False) == 0
    out = capsys.readouterr().out
    for rule in all_rules():
        assert f"  {rule.code}  {rule.summary}" in out
