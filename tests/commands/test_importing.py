"""drafter import writes a source that loads back, refuses unreadable input in one line, prints what
to review, and over an existing source (--force) keeps that source's comments and layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT, edited_text
from drafter.commands.importing import import_command
from drafter.render import render_bytes
from drafter.schema import modeline
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
    # The source's schema line stays first, once; its own comment on top stays below the header.
    lines = written.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../schemas/resolution.schema.json"
    assert lines[1].startswith("# Imported by `drafter import`")
    assert sum("yaml-language-server" in line for line in lines) == 1
    assert "# The example 77/13 with the comments and quoting a delegation adds by hand (tests of" in lines
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


BOOK = """\
preamble:
  having_been_briefed: {en: Having been briefed, fr: Ayant été informée}
operative:
  stands_ready: {en: Stands ready, fr: Se tient prête}
"""


def _booked_drafts(folder: Path) -> tuple[dict[str, Path], Path]:
    """The example with a phrase-book opener and verb, rendered to Word in both languages."""
    from drafter.phrasebook import parse_book
    from drafter.source import parse

    book = folder / "book.yaml"
    book.write_text(BOOK, encoding="utf-8")
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("opener: encouraging", "opener: having_been_briefed")
    text = text.replace("verb: appreciates", "verb: stands_ready")
    resolution = parse(text, "booked.yaml", phrases=parse_book(BOOK))
    drafts = {lang: folder / f"booked.{lang}.docx" for lang in ("en", "fr")}
    for lang, path in drafts.items():
        path.write_bytes(render_bytes(resolution, lang, "docx"))
    return drafts, book


def test_import_with_a_phrase_book_writes_its_keys(tmp_path: Path, capsys) -> None:
    from drafter import phrasebook
    from drafter.source import load as load_source

    drafts, book = _booked_drafts(tmp_path)
    target = tmp_path / "imported.yaml"
    phrasebook.select(book)
    try:
        assert import_command(drafts["en"], None, drafts["fr"], target, force=False) == 0
        assert "  - opener: having_been_briefed" in target.read_text(encoding="utf-8").splitlines()
        assert "  - verb: stands_ready" in target.read_text(encoding="utf-8").splitlines()
        loaded = load_source(target)  # with the book selected, as `render --phrases` loads it
        assert loaded.preamble[7].opener.key == "having_been_briefed"
        # From one language alone, the key gives the other language's words too.
        single = tmp_path / "single.yaml"
        assert import_command(drafts["fr"], None, None, single, force=False) == 0
        assert "  - verb: stands_ready" in single.read_text(encoding="utf-8").splitlines()
    finally:
        phrasebook.select(None)
    written = target.read_text(encoding="utf-8")
    assert "Keys from the phrase book" not in written  # the book given is the one in force


def test_a_phrase_book_beside_the_draft_is_used_and_named_in_the_source(tmp_path: Path) -> None:
    drafts, book = _booked_drafts(tmp_path)
    book.rename(tmp_path / "phrases.yaml")
    elsewhere = tmp_path / "out"
    elsewhere.mkdir()
    target = elsewhere / "imported.yaml"
    assert import_command(drafts["fr"], None, drafts["en"], target, force=False) == 0
    written = target.read_text(encoding="utf-8")
    assert "  - verb: stands_ready" in written.splitlines()
    assert (f"# Keys from the phrase book {tmp_path / 'phrases.yaml'}: having_been_briefed, "
            "stands_ready; keep the book beside this source as phrases.yaml, or give it "
            "with --phrases.") in written.splitlines()
    # Without any book the same drafts import the phrases written out.
    (tmp_path / "phrases.yaml").unlink()
    plain = elsewhere / "plain.yaml"
    assert import_command(drafts["fr"], None, drafts["en"], plain, force=False) == 0
    assert "  - verb: {en: Stands ready, fr: Se tient prête}" in \
        plain.read_text(encoding="utf-8").splitlines()


def test_a_phrase_book_with_a_mistake_beside_the_draft_is_a_located_error(tmp_path: Path, capsys) -> None:
    drafts, _ = _booked_drafts(tmp_path)
    (tmp_path / "phrases.yaml").write_text("operative:\n  x: 1\n", encoding="utf-8")
    target = tmp_path / "imported.yaml"
    assert import_command(drafts["en"], None, None, target, force=False) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{tmp_path / 'phrases.yaml'}:2:") and not target.exists()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_imported_source_opens_with_the_schema_line_and_keeps_one_header(
        tmp_path: Path, lang: str) -> None:
    """Imported again over itself, the source has one schema line and one header: the new one."""
    draft = tmp_path / f"77-13.{lang}.docx"
    draft.write_bytes(render_bytes(load(EXAMPLE), lang, "docx"))
    target = tmp_path / "source.yaml"
    assert import_command(draft, None, None, target, force=False) == 0
    first = target.read_text(encoding="utf-8")
    assert first.startswith(f"{modeline()}\n# Imported by `drafter import` from {draft}.\n")
    assert import_command(draft, None, None, target, force=True) == 0
    assert target.read_text(encoding="utf-8") == first


def test_import_command_writes_a_source_that_loads_back(tmp_path, docx_bytes, example, capsys):
    english, french = tmp_path / "draft.en.docx", tmp_path / "draft.fr.docx"
    english.write_bytes(docx_bytes["en"])
    french.write_bytes(docx_bytes["fr"])
    output = tmp_path / "source.yaml"
    assert import_command(french, None, english, output, force=False) == 0
    assert load(output).model_dump() == example.model_dump()
    assert "en: >-" in output.read_text(encoding="utf-8")
    assert import_command(french, None, english, output, force=False) == 2
    assert "--force" in capsys.readouterr().err
    assert import_command(french, "fr", None, output, force=True) == 0


def test_import_command_refuses_unreadable_input_in_one_line(tmp_path, capsys):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert import_command(broken, None, None, tmp_path / "out.yaml", force=False) == 2
    error = capsys.readouterr().err.strip()
    assert str(broken) in error and "\n" not in error
    assert not (tmp_path / "out.yaml").exists()


def test_import_command_prints_what_to_review(tmp_path, example, capsys):
    draft = tmp_path / "draft.txt"
    draft.write_text(edited_text(example, "en", "Agenda item 127 (t)\n\n", ""), encoding="utf-8")
    assert import_command(draft, None, None, tmp_path / "out.yaml", force=False) == 0
    out = capsys.readouterr().out
    assert "review: the agenda item is missing" in out
    assert "Review: the agenda item is missing" in (tmp_path / "out.yaml").read_text(encoding="utf-8")
