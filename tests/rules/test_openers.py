"""Unknown openings (O201, O202): every one is a finding; the nearest known phrase is a hint for
the first ones only, so a draft of thousands of them is checked in seconds, not minutes."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REFERENCE
from drafter.rules import all_rules
from drafter.rules.openers import _SUGGESTIONS
from drafter.commands.validate import validate

PARAGRAPH = ("Encourageant les efforts que les États membres de l'Organisation du Traité de sécurité "
             "collective font pour atteindre des objectifs conformes aux buts et aux principes des "
             "Nations Unies,")


@pytest.mark.parametrize("extra", [0, 30])
def test_every_unknown_opening_is_a_finding_and_the_first_ones_get_the_nearest_phrase(
        extra: int, tmp_path: Path) -> None:
    count = _SUGGESTIONS + extra
    reference = REFERENCE.read_text(encoding="utf-8")
    assert PARAGRAPH in reference
    draft = tmp_path / "many.fr.txt"
    draft.write_text(reference.replace(PARAGRAPH, "\n\n".join(
        f"Encourageants les efforts numéro {n} des États membres," for n in range(count))),
        encoding="utf-8")
    rules = [rule for rule in all_rules() if rule.code == "O201"]
    findings = validate([draft], None, None, rules).findings
    assert len(findings) == count
    hinted = [finding for finding in findings if "“Encourageant”" in finding.hint]
    assert hinted == findings[:_SUGGESTIONS]
    assert all("`drafter phrases preamble`" in finding.hint for finding in findings[_SUGGESTIONS:])
