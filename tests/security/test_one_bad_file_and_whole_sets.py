"""Issue 7, "One bad file never costs the others" and "Outputs are never a mixed or partial
set", through the command line with every kind of bad input at once. The races, kills and full
disks of the second section are tests/test_output.py and tests/test_batch.py (real processes,
SIGKILL, RLIMIT_FSIZE); here: every command that writes keeps what exists without --force, leaves
no temporary file behind, and replaces everything with it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from commandline import finished, written
from conftest import EXAMPLE

from drafter.composer import compose
from drafter.source import load
from drafter.writers.docx import write_docx
from drafter.writers.text import write_text

TEXT = EXAMPLE.read_text(encoding="utf-8")
LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, "
    f"*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}]\n" for n in range(9))


@pytest.fixture
def mixed(tmp_path: Path) -> dict[str, Path]:
    """Good sources and drafts among every kind of bad one, in one folder."""
    folder = tmp_path / "in"
    folder.mkdir()
    files = {
        "good": folder / "a-good.yaml",
        "laughs": folder / "b-laughs.yaml",
        "latin1": folder / "c-latin1.yaml",
        "mistake": folder / "d-mistake.yaml",
        "loop": folder / "e-loop.yaml",
        "good2": folder / "f-good.yaml",
        "docx": folder / "g-draft.fr.docx",
        "text": folder / "h-draft.en.txt",
        "not a zip": folder / "i-fake.docx",
    }
    files["good"].write_text(TEXT, encoding="utf-8")
    files["laughs"].write_text(LAUGHS, encoding="utf-8")
    files["latin1"].write_bytes(TEXT.replace("session: 77", "session: 77 # Sécurité").encode("latin-1", "replace"))
    files["mistake"].write_text(TEXT.replace("organization: csto", "organization: cstoo"), encoding="utf-8")
    files["loop"].symlink_to(files["loop"])
    # a wrong date in a good file: validate has a finding to report for it
    files["good2"].write_text(TEXT.replace("{number: 67/6, date: 2012-11-19}",
                                           "{number: 67/6, date: 2013-11-19}"), encoding="utf-8")
    resolution = load(EXAMPLE)
    files["docx"].write_bytes(write_docx(compose(resolution, "fr")))
    files["text"].write_text(write_text(compose(resolution, "en")), encoding="utf-8")
    files["not a zip"].write_bytes(b"PK\x03\x04 not really a zip")
    return files


BAD = ["laughs", "latin1", "mistake", "loop"]


def test_render_renders_every_good_source_among_bad_ones(mixed, tmp_path):
    out = tmp_path / "out"
    sources = [mixed[name] for name in ("good", *BAD, "good2")]
    ran = finished("render", *sources, tmp_path / "missing.yaml", "--out", out, allowed=(2,))
    assert written(out) == ["a-good.en.docx", "a-good.fr.docx", "f-good.en.docx", "f-good.fr.docx"]
    for name in BAD:
        assert str(mixed[name]) in ran.err, name
    assert "internal error" not in ran.err


def test_validate_reports_the_good_files_findings_among_bad_ones(mixed, tmp_path):
    files = [mixed[name] for name in ("good", *BAD, "good2", "docx", "text", "not a zip")]
    ran = finished("validate", *files, allowed=(2,))
    assert f"{mixed['good2']}:" in ran.out and "C401" in ran.out  # the wrong date of 67/6
    for name in (*BAD, "not a zip"):
        assert str(mixed[name]) in ran.err + ran.out, name
    assert "in 4 files checked" in ran.out, ran.out  # the good YAML, Word and text files
    for form in ("json", "sarif"):
        report = finished("validate", *files, "--format", form, allowed=(2,))
        assert str(mixed["good2"]) in report.out and str(mixed["not a zip"]) in report.out


@pytest.mark.parametrize("followup", [False, True])
def test_batch_does_every_good_source_of_a_folder_among_bad_ones(mixed, tmp_path, followup):
    out = tmp_path / "out"
    options = ["--followup", "--session", "79"] if followup else []
    ran = finished("batch", mixed["good"].parent, *options, "--out", out, allowed=(2,))
    names = written(out)
    if followup:
        # both good sources follow up into csto-79: the first one wins, the second is refused
        assert "csto-79.yaml" in names and "csto-79.fr.tracked.docx" in names
    else:
        assert names == ["a-good.en.docx", "a-good.fr.docx", "f-good.en.docx", "f-good.fr.docx"]
    for name in BAD:
        assert mixed[name].name in ran.out + ran.err, name


def test_a_source_without_read_permission_costs_only_itself(mixed, tmp_path):
    if os.geteuid() == 0:  # root reads anything: make it a folder named like a source instead
        locked = mixed["good"].parent / "z-locked.yaml"
        locked.mkdir()
    else:
        locked = mixed["good"].parent / "z-locked.yaml"
        locked.write_text(TEXT, encoding="utf-8")
        locked.chmod(0)
    out = tmp_path / "out"
    ran = finished("render", mixed["good"], locked, mixed["good2"], "--out", out, allowed=(2,))
    assert str(locked) in ran.err and len(written(out)) == 4


# -- every command that writes: nothing replaced without --force, nothing left behind -----------

def _commands(mixed: dict[str, Path], out: Path) -> dict[str, tuple[list[object], list[str]]]:
    """Each writing command, with the files it writes into ``out``."""
    good, docx, text = mixed["good"], mixed["docx"], mixed["text"]
    return {
        "render": (["render", good, "--out", out], ["a-good.en.docx", "a-good.fr.docx"]),
        "render txt": (["render", good, "--format", "txt", "--out", out], ["a-good.en.txt", "a-good.fr.txt"]),
        "followup": (["followup", good, "--session", 79, "--out", out],
                     ["csto-79.yaml", "csto-79.en.docx", "csto-79.en.tracked.docx", "csto-79.fr.docx",
                      "csto-79.fr.tracked.docx"]),
        "batch": (["batch", good, "--out", out], ["a-good.en.docx", "a-good.fr.docx"]),
        "compare": (["compare", text, mixed["good2"], "--out", out], ["f-good.en.tracked.docx"]),
        "compare both": (["compare", good, mixed["good2"], "--out", out],
                         ["f-good.en.tracked.docx", "f-good.fr.tracked.docx"]),
        "compare -o": (["compare", good, docx, "--lang", "fr", "-o", out / "c.docx"], ["c.docx"]),
        "import": (["import", docx, "-o", out / "i.yaml"], ["i.yaml"]),
        "new": (["new", "--org", "au", "--session", 80, "-o", out / "n.yaml"], ["n.yaml"]),
        "schema": (["schema", "-o", out / "s.json"], ["s.json"]),
        "rules": (["rules", "-o", out / "r.md"], ["r.md"]),
    }


@pytest.mark.parametrize("command", ["render", "render txt", "followup", "batch", "compare",
                                     "compare both", "compare -o", "import", "new", "schema", "rules"])
def test_a_command_keeps_existing_files_without_force_and_leaves_nothing_behind(mixed, tmp_path, command):
    out = tmp_path / "out"
    out.mkdir()
    arguments, names = _commands(mixed, out)[command]
    for name in names:
        (out / name).write_bytes(b"the user's own file")
    ran = finished(*arguments, allowed=(2,))
    assert "--force" in ran.err + ran.out, ran
    assert written(out) == sorted(names)
    assert all((out / name).read_bytes() == b"the user's own file" for name in names)
    finished(*arguments, "--force", allowed=(0,))
    assert written(out) == sorted(names)
    assert all((out / name).read_bytes() != b"the user's own file" for name in names)


@pytest.mark.parametrize("command", ["render", "followup", "compare both", "batch"])
def test_one_existing_file_of_a_set_stops_the_whole_set(mixed, tmp_path, command):
    out = tmp_path / "out"
    out.mkdir()
    arguments, names = _commands(mixed, out)[command]
    (out / names[-1]).write_bytes(b"the user's own file")
    finished(*arguments, allowed=(2,))
    assert written(out) == [names[-1]]
