"""`drafter sponsors`: the list of a draft's sponsors, and co-sponsors added or removed between
versions, written back into the source so that only its sponsors lines change."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import W, part_xml
from drafter.cli import app
from drafter.commands.compare import compare_files
from drafter.commands.sponsors import EXIT_INPUT, SponsorsFailure, change, parse_name, sponsors_command
from drafter.composer import compose
from drafter.resolution import Prose
from drafter.schema import modeline
from drafter.source import load

FIXTURES = Path(__file__).parents[1] / "fixtures"
ADDED = ["Russian Federation|Fédération de Russie", "Kyrgyzstan|Kirghizistan"]


@pytest.fixture()
def draft(tmp_path: Path) -> Path:
    """The fixture draft (Armenia, Belarus, Kazakhstan), with its comments, in a folder of its own."""
    path = tmp_path / "A-79-L.20.yaml"
    path.write_text((FIXTURES / "draft-coe.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return path


def _changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0,
                                                  lineterm="")
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_without_changes_the_sponsors_are_listed_in_both_languages(draft, capsys):
    before = draft.read_bytes()
    assert sponsors_command(draft, [], [], None, False) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{draft}: 3 sponsors", "  Armenia | Arménie", "  Belarus | Bélarus",
        "  Kazakhstan | Kazakhstan"]
    assert draft.read_bytes() == before


def test_added_sponsors_change_only_the_sponsors_lines_and_keep_the_comments(draft):
    before = draft.read_text(encoding="utf-8")
    assert sponsors_command(draft, ADDED, [], None, True) == 0
    after = draft.read_text(encoding="utf-8")
    # The draft had no schema line: like every source drafter writes, it now opens with one.
    assert _changed_lines(before, after) == [
        f"+{modeline()}",
        "+  - {en: Kyrgyzstan, fr: Kirghizistan}",
        "+  - {en: Russian Federation, fr: Fédération de Russie}"]
    assert after.startswith(f"{modeline()}\n# A small draft (stage: draft) with sponsors")
    assert [sponsor.en for sponsor in load(draft).sponsors] == [
        "Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russian Federation"]


def test_the_heading_lists_the_added_sponsors_in_both_languages(draft):
    assert sponsors_command(draft, ADDED, ["Belarus"], None, True) == 0
    resolution = load(draft)
    assert compose(resolution, "en").preface.sponsors.text() == (
        "Armenia, Kazakhstan, Kyrgyzstan and Russian Federation: draft resolution")
    assert compose(resolution, "fr").preface.sponsors.text() == (
        "Arménie, Kazakhstan, Kirghizistan et Fédération de Russie\u00a0: projet de résolution")


def test_the_source_is_changed_in_place_only_with_force(draft, capsys):
    before = draft.read_bytes()
    assert sponsors_command(draft, ADDED, [], None, False) == EXIT_INPUT
    error = capsys.readouterr().err
    assert "add --force" in error and "-o NEW.yaml" in error and error.count("\n") == 1
    assert draft.read_bytes() == before


def test_output_writes_a_changed_copy_and_keeps_an_existing_one_without_force(draft, capsys):
    copy = draft.with_name("A-79-L.20-Rev.1.yaml")
    before = draft.read_bytes()
    assert sponsors_command(draft, ADDED[:1], [], copy, False) == 0
    assert draft.read_bytes() == before
    assert [sponsor.en for sponsor in load(copy).sponsors][-1] == "Russian Federation"
    kept = copy.read_bytes()
    assert sponsors_command(draft, ADDED[1:], [], copy, False) == EXIT_INPUT
    assert "already exists" in capsys.readouterr().err
    assert copy.read_bytes() == kept


@pytest.mark.parametrize(("add", "remove", "message"), [
    (["Kyrgyzstan"], [], "needs the name in English and in French, separated by |"),
    (["|Kirghizistan"], [], "needs the name in English and in French"),
    (["Kyrgyzstan|Kirghi|zistan"], [], "needs the name in English and in French"),
    (["Kyrgyzstan|Kirghi{zistan"], [], "is not a name"),
    ([], ["Spain"], "'Spain' is not among the sponsors (Armenia, Belarus, Kazakhstan)"),
])
def test_a_change_that_cannot_be_made_is_one_line_and_writes_nothing(draft, capsys, add, remove,
                                                                     message):
    before = draft.read_bytes()
    assert sponsors_command(draft, add, remove, None, True) == EXIT_INPUT
    error = capsys.readouterr().err
    assert message in error and str(draft) in error and error.count("\n") == 1
    assert "Traceback" not in error
    assert draft.read_bytes() == before
    assert sorted(path.name for path in draft.parent.iterdir()) == [draft.name]


def test_a_source_with_mistakes_is_refused_with_its_located_errors(draft, capsys):
    draft.write_text(draft.read_text(encoding="utf-8").replace("session: 79", "session: [79"),
                     encoding="utf-8")
    before = draft.read_bytes()
    assert sponsors_command(draft, ADDED, [], None, True) == EXIT_INPUT
    assert f"{draft}:" in capsys.readouterr().err
    assert draft.read_bytes() == before


def test_a_name_already_listed_is_said_and_the_source_is_left_alone(draft, capsys):
    before = draft.read_bytes()
    assert sponsors_command(draft, ["belarus|Bélarus"], [], None, True) == 0
    out = capsys.readouterr().out
    assert "Belarus is already a sponsor" in out and "unchanged" in out
    assert draft.read_bytes() == before


def test_a_list_in_alphabetical_order_stays_so_another_gets_the_new_names_at_its_end():
    listed = [Prose(en=name, fr=name) for name in ("Armenia", "Tajikistan")]
    added = [parse_name("Côte d'Ivoire|Côte d'Ivoire"), parse_name("Belarus|Bélarus")]
    assert [s.en for s in change(listed, added, [])[0]] == [
        "Armenia", "Belarus", "Côte d'Ivoire", "Tajikistan"]
    unordered = list(reversed(listed))
    assert [s.en for s in change(unordered, added, [])[0]] == [
        "Tajikistan", "Armenia", "Côte d'Ivoire", "Belarus"]


def test_a_sponsor_is_removed_by_its_name_in_either_language():
    listed = [Prose(en="Armenia", fr="Arménie"), Prose(en="Belarus", fr="Bélarus")]
    assert [s.en for s in change(listed, [], ["ARMENIE"])[0]] == ["Belarus"]
    with pytest.raises(SponsorsFailure, match="not among the sponsors"):
        change(listed, [], ["Armenia", "Armenia"])


def test_the_tracked_comparison_of_two_versions_shows_the_added_sponsors_as_insertions(draft, tmp_path):
    old = tmp_path / "old.yaml"
    old.write_bytes(draft.read_bytes())
    assert sponsors_command(draft, ADDED, [], None, True) == 0
    files, lines = compare_files(old, draft, None, "drafter", None)
    for lang, names in (("en", ("Kyrgyzstan", "Russian Federation")),
                        ("fr", ("Kirghizistan", "Fédération de Russie"))):
        body = part_xml(files[lang], "word/document.xml")
        inserted = "".join(t.text or "" for mark in body.iter(f"{W}ins") for t in mark.iter(f"{W}t"))
        deleted = "".join(t.text or "" for mark in body.iter(f"{W}del")
                          for t in mark.iter(f"{W}delText"))
        assert all(name in inserted for name in names), inserted
        # The names kept stay: only the joiner before the old last name changes.
        assert deleted == {"en": " and", "fr": " et"}[lang], deleted
    assert any("header: sponsors changed" in line for line in lines), lines


def test_the_command_line_lists_adds_and_removes(draft):
    runner = CliRunner()
    listed = runner.invoke(app, ["sponsors", str(draft)])
    assert listed.exit_code == 0 and "Armenia | Arménie" in listed.output
    changed = runner.invoke(app, ["sponsors", str(draft), "--add", ADDED[1], "--add", ADDED[0],
                                  "--remove", "Armenia", "--force"])
    assert changed.exit_code == 0, changed.output
    assert f"wrote {draft}" in changed.output
    assert [sponsor.en for sponsor in load(draft).sponsors] == [
        "Belarus", "Kazakhstan", "Kyrgyzstan", "Russian Federation"]
