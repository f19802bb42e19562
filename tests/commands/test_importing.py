"""drafter import over an existing source (--force) keeps that source's comments and layout."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLE, ROOT
from drafter.commands.importing import import_command
from drafter.render import render_bytes
from drafter.source import load

COMMENTED = ROOT / "tests" / "fixtures" / "csto-77-13-commented.yaml"


def test_importing_over_a_source_keeps_its_comments(tmp_path: Path) -> None:
    drafts = {lang: tmp_path / f"77-13.{lang}.docx" for lang in ("en", "fr")}
    for lang, path in drafts.items():
        path.write_bytes(render_bytes(load(EXAMPLE), lang, "docx"))
    target = tmp_path / "source.yaml"
    target.write_text(COMMENTED.read_text(encoding="utf-8"), encoding="utf-8")
    assert import_command(drafts["fr"], None, drafts["en"], target, force=True) == 0
    written = target.read_text(encoding="utf-8")
    assert load(target) == load(EXAMPLE)
    assert written.startswith("# Imported by `drafter import`")
    for line in ("  # The series: every earlier resolution on cooperation with the CSTO.",
                 "report: A/77/277-S/2022/606  # the Secretary-General's report of this cycle",
                 '  - verb: invites  # agreed at the second informal reading'):
        assert line in written.splitlines()


def test_a_file_that_is_not_a_source_is_simply_replaced(tmp_path: Path) -> None:
    draft = tmp_path / "77-13.en.docx"
    draft.write_bytes(render_bytes(load(EXAMPLE), "en", "docx"))
    target = tmp_path / "source.yaml"
    target.write_text("not: [a source\n", encoding="utf-8")
    assert import_command(draft, None, None, target, force=True) == 0
    assert load(target).symbol == "A/RES/77/13"
