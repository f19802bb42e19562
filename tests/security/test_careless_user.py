"""Issue 7, a careless user's mistakes through the command line: a folder's phrase book given as
if it were a source, an output named after an input, an output that is a pipe or a device. Each
ends in one sentence and exit 2 or in the work asked for, and never loses a file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from commandline import finished, written
from conftest import EXAMPLE, ROOT

from drafter.composer import compose
from drafter.source import load
from drafter.writers.docx import write_docx
from drafter.writers.text import write_text

BOOK = "preamble:\n  having_heard: {en: Having heard, fr: Ayant entendu}\n"


def _folder_with_a_book(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "phrases.yaml").write_text(BOOK, encoding="utf-8")
    (folder / "a.yaml").write_text(EXAMPLE.read_text(encoding="utf-8").replace(
        "opener: noting_with_satisfaction", "opener: having_heard", 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", [["render"], ["batch"], ["batch", "--followup", "--session", "79"]])
def test_the_phrase_book_of_a_folder_is_not_taken_for_a_source(command, tmp_path):
    folder = _folder_with_a_book(tmp_path)
    ran = finished(*command, folder, "--out", tmp_path / "out", allowed=(0,))
    assert "phrases.yaml" not in ran.err
    assert written(tmp_path / "out")


@pytest.mark.parametrize("command", ["render", "batch"])
def test_a_folder_holding_only_a_phrase_book_holds_no_source(command, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "phrases.yaml").write_text(BOOK, encoding="utf-8")
    ran = finished(command, folder, "--out", tmp_path / "out", allowed=(2,))
    assert "no *.yaml source" in ran.err
    assert not written(tmp_path / "out")


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("drafts")
    resolution = load(EXAMPLE)
    for lang in ("en", "fr"):
        composed = compose(resolution, lang)
        (folder / f"draft.{lang}.docx").write_bytes(write_docx(composed))
        (folder / f"draft.{lang}.txt").write_text(write_text(composed), encoding="utf-8")
    return folder


def _copy(drafts: Path, folder: Path) -> dict[str, bytes]:
    folder.mkdir(exist_ok=True)
    for path in drafts.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "csto-79.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return {path.name: path.read_bytes() for path in folder.iterdir()}


#: Commands told, with --force, to write over one of the files they read.
OVER_AN_INPUT = {
    "import -o the draft": ["import", "draft.fr.txt", "-o", "draft.fr.txt"],
    "import -o the pair": ["import", "draft.en.docx", "--pair", "draft.fr.docx", "-o", "draft.fr.docx"],
    "compare -o the new version": ["compare", "draft.en.txt", "draft.en.docx", "-o", "draft.en.docx"],
    "compare -o the old version": ["compare", "draft.en.docx", "draft.en.txt", "-o", "draft.en.docx"],
    "followup into the source's name": ["followup", "csto-79.yaml", "--session", "79", "--out", "."],
    "batch followup into the source's name": ["batch", "csto-79.yaml", "--followup", "--session", "79",
                                              "--out", "."],
}


@pytest.mark.parametrize("args", OVER_AN_INPUT.values(), ids=OVER_AN_INPUT.keys())
def test_no_command_writes_over_a_file_it_reads_even_with_force(args, drafts, tmp_path):
    folder = tmp_path / "work"
    before = _copy(drafts, folder)
    here = Path.cwd()
    os.chdir(folder)
    try:
        ran = finished(*args, "--force", allowed=(2,))
    finally:
        os.chdir(here)
    assert "it is a file this command reads" in ran.err, str(ran)
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before


#: Commands told, with --force, to write their one file where a named pipe is.
ONTO_A_PIPE = {
    "schema": ["schema", "-o"],
    "rules": ["rules", "-o"],
    "new": ["new", "--org", "csto", "--session", "80", "-o"],
    "import": ["import", "{drafts}/draft.fr.txt", "-o"],
    "compare": ["compare", "{drafts}/draft.en.txt", "{drafts}/draft.en.docx", "-o"],
}


@pytest.mark.parametrize("args", ONTO_A_PIPE.values(), ids=ONTO_A_PIPE.keys())
@pytest.mark.parametrize("link", [False, True], ids=["pipe", "link to a pipe"])
def test_an_output_that_is_a_pipe_is_refused_and_kept(args, link, drafts, tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    target = pipe
    if link:
        target = tmp_path / "link"
        target.symlink_to(pipe)
    ran = finished(*(arg.format(drafts=drafts) for arg in args), target, "--force", allowed=(2,))
    assert "a device, a pipe or a socket" in ran.err and str(target) in ran.err, str(ran)
    assert pipe.is_fifo() and (target.is_symlink() or not link)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted({"pipe", target.name})


@pytest.mark.parametrize("item", ["0", "0 (a)", "1000 (t)", "1" * 5000])
def test_an_agenda_item_out_of_range_is_one_sentence(item, tmp_path):
    ran = finished("followup", EXAMPLE, "--session", "79", "--agenda-item", item, "--out", tmp_path,
                   allowed=(2,))
    assert "agenda items are numbered 1 to 999" in ran.err and ran.err.count("\n") == 1
    assert not written(tmp_path)


@pytest.mark.parametrize("pair", [False, True], ids=["a file", "its pair"])
def test_a_link_to_itself_given_to_validate_is_one_sentence(pair, drafts, tmp_path):
    loop = tmp_path / "loop.en.txt"
    loop.symlink_to(loop.name)
    files = [drafts / "draft.fr.txt", loop] if pair else [loop, drafts / "draft.fr.txt"]
    ran = finished("validate", files[0], "--pair", files[1], allowed=(2,))
    assert f"{loop}: cannot be opened" in ran.err, str(ran)


@pytest.mark.parametrize("name", ["two.yaml", "two\nfake.yaml:1:1: forged.yaml"])
def test_compare_shows_each_mistake_of_a_source_on_a_line_of_its_own(name, tmp_path):
    """They were one line joined by a visible \\n; a line break in a file name stays escaped."""
    source = tmp_path / name
    source.write_text("session: 77\nfoo: 1\n", encoding="utf-8")
    ran = finished("compare", source, EXAMPLE, "--out", tmp_path / "out", allowed=(2,))
    lines = ran.err.splitlines()
    assert len(lines) > 2 and all(line.startswith(f"drafter: {tmp_path}/two") for line in lines), str(ran)
    assert "\\n" not in ran.err.replace("two\\nfake", "") and not written(tmp_path / "out")


@pytest.mark.parametrize("name", ["Ky\x1b[31mrgyzstan|Kirghizistan", "Kyrgyz\nstan|Kirghizistan",
                                  "Kyrgyzstan|Kirghiz\u2028istan", "Kyrgyzstan\t|Kirghizistan"])
def test_sponsors_refuses_a_name_with_a_control_character_and_keeps_the_source(name, tmp_path):
    """With --force it rewrote the source in place with an escape that drafter then refused."""
    draft = tmp_path / "draft.yaml"
    draft.write_bytes((ROOT / "tests" / "fixtures" / "draft-coe.yaml").read_bytes())
    before = draft.read_bytes()
    ran = finished("sponsors", draft, "--add", name, "--force", allowed=(2,))
    assert "is not a plain name" in ran.err and ran.err.count("\n") == 1
    assert draft.read_bytes() == before
    finished("validate", draft, allowed=(0, 1))
