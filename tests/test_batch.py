"""Batches: every good source is written even when one is broken, outputs are atomic and never
overwritten unasked, and worker processes give the same bytes as one process."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from drafter.commands.batch import batch_command
from drafter.exits import EXIT_INPUT as EXIT_FAILED
from drafter.inputs import sources

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    """Two good sources and a broken one."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("csto-77-13.yaml", "asean-77-illustrative.yaml"):
        shutil.copy(EXAMPLES / name, folder / name)
    (folder / "broken.yaml").write_text("session: [\n", encoding="utf-8")
    return folder


def _batch(inputs: list[Path], out: Path, followup: bool = False, jobs: int = 1,
           force: bool = False) -> int:
    return batch_command(inputs, out, followup, 79 if followup else None, ["en", "fr"], jobs,
                         force, "drafter")


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_one_broken_source_does_not_stop_the_others(inputs: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    assert _batch([inputs], out) == EXIT_FAILED
    assert sorted(_tree(out)) == ["asean-77-illustrative.en.docx", "asean-77-illustrative.fr.docx",
                                  "csto-77-13.en.docx", "csto-77-13.fr.docx"]
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[0] == "[1/3] asean-77-illustrative.yaml ok"
    assert lines[1].startswith(f"[2/3] broken.yaml failed: {inputs / 'broken.yaml'}:2:1: YAML syntax")
    assert lines[2] == "[3/3] csto-77-13.yaml ok"
    assert "failed:" in captured.out and "csto-77-13.en.docx" in captured.out


def test_follow_ups_of_a_directory(inputs: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (inputs / "broken.yaml").unlink()
    out = tmp_path / "out"
    assert _batch([inputs], out, followup=True) == 0
    assert sorted(_tree(out)) == sorted(f"{org}-79{suffix}" for org in ("asean", "csto") for suffix in (
        ".yaml", ".en.docx", ".fr.docx", ".en.tracked.docx", ".fr.tracked.docx"))
    assert "to review" in capsys.readouterr().out


def test_two_sources_for_one_file_the_second_fails(inputs: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (inputs / "broken.yaml").unlink()
    shutil.copy(EXAMPLES / "csto-77-13.yaml", inputs / "csto-copy.yaml")
    assert _batch([inputs], tmp_path / "out", followup=True) == EXIT_FAILED
    err = capsys.readouterr().err
    assert "csto-copy.yaml failed:" in err and "is written for" in err and "in this batch" in err


def test_existing_outputs_are_kept_unless_forced(inputs: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    out.mkdir()
    (out / "csto-77-13.fr.docx").write_bytes(b"mine")
    assert _batch([inputs], out) == EXIT_FAILED
    assert "csto-77-13.yaml failed:" in capsys.readouterr().err
    assert (out / "csto-77-13.fr.docx").read_bytes() == b"mine"
    assert not (out / "csto-77-13.en.docx").exists()  # all targets checked before any is written
    assert (out / "asean-77-illustrative.en.docx").exists()
    (inputs / "broken.yaml").unlink()
    assert _batch([inputs], out, force=True) == 0
    assert (out / "csto-77-13.fr.docx").read_bytes().startswith(b"PK")


def test_a_failed_write_leaves_no_partial_file(inputs: Path, tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    real = os.replace

    def failing(source: str, target: str) -> None:
        if "csto-77-13.fr" in str(target):
            raise OSError(28, "No space left on device")
        real(source, target)

    monkeypatch.setattr(os, "replace", failing)
    out = tmp_path / "out"
    assert _batch([inputs], out, jobs=2) == EXIT_FAILED
    assert sorted(_tree(out)) == ["asean-77-illustrative.en.docx", "asean-77-illustrative.fr.docx"]
    assert "csto-77-13.yaml failed:" in capsys.readouterr().err
    assert not any(name.endswith(".part") for name in os.listdir(out))


@pytest.mark.parametrize("followup", [False, True])
def test_two_workers_give_the_same_bytes_as_one(inputs: Path, tmp_path: Path, followup: bool) -> None:
    assert _batch([inputs], tmp_path / "one", followup, jobs=1) == EXIT_FAILED
    assert _batch([inputs], tmp_path / "two", followup, jobs=2) == EXIT_FAILED
    one, two = _tree(tmp_path / "one"), _tree(tmp_path / "two")
    assert len(one) == (10 if followup else 4) and one == two


def test_every_example_renders(tmp_path: Path) -> None:
    assert _batch([EXAMPLES], tmp_path) == 0
    assert len(list(tmp_path.glob("*.docx"))) == 2 * len(list(EXAMPLES.glob("*.yaml")))


def test_sources_in_order_once(inputs: Path) -> None:
    listed = sources([inputs, inputs / "csto-77-13.yaml"])
    assert [path.name for path in listed] == ["asean-77-illustrative.yaml", "broken.yaml",
                                              "csto-77-13.yaml"]


@pytest.mark.parametrize(("followup", "session", "jobs", "message"), [
    (True, None, 1, "--followup needs --session N"),
    (False, 79, 1, "--session goes with --followup"),
    (False, None, 0, "--jobs 0: give 1 or more"),
    (False, None, 100_000, "--jobs 100000: give at most"),
])
def test_bad_arguments(inputs: Path, tmp_path: Path, followup: bool, session: int | None, jobs: int,
                       message: str, capsys) -> None:  # type: ignore[no-untyped-def]
    code = batch_command([inputs], tmp_path / "out", followup, session, ["en"], jobs, False, "x")
    assert code == EXIT_FAILED and message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_missing_input_is_one_failure(inputs: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "nowhere.yaml"
    assert _batch([missing, inputs / "csto-77-13.yaml"], tmp_path / "out") == EXIT_FAILED
    assert f"nowhere.yaml failed: {missing}: no such file" in capsys.readouterr().err
    assert len(list((tmp_path / "out").iterdir())) == 2


def test_word_documents_are_followed_up_not_rendered(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from drafter.render import render_bytes
    from drafter.source import load

    word = tmp_path / "A-RES-77-13.fr.docx"
    word.write_bytes(render_bytes(load(EXAMPLES / "csto-77-13.yaml"), "fr", "docx"))
    assert _batch([word], tmp_path / "rendered") == EXIT_FAILED
    assert "batch renders YAML sources; Word and text files are followed up" in capsys.readouterr().err
    assert _batch([word], tmp_path / "out", followup=True) == 0
    assert sorted(_tree(tmp_path / "out")) == ["csto-79.fr.docx", "csto-79.fr.tracked.docx",
                                               "csto-79.yaml"]


def test_a_looping_link_and_odd_names_do_not_break_the_summary(inputs: Path, tmp_path: Path,
                                                                monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    (inputs / "broken.yaml").unlink()
    (inputs / "loop.yaml").symlink_to("loop.yaml")
    odd = inputs / "odd\x1b[2J\nname\udcff.yaml"
    odd.write_bytes(b"- not a mapping\n")
    monkeypatch.chdir(inputs)
    out = tmp_path / "out"
    assert _batch([inputs, Path("loop.yaml")], out) == EXIT_FAILED
    assert sorted(_tree(out)) == ["asean-77-illustrative.en.docx", "asean-77-illustrative.fr.docx",
                                  "csto-77-13.en.docx", "csto-77-13.fr.docx"]
    captured = capsys.readouterr()
    assert "loop.yaml failed: loop.yaml: cannot be read (Too many levels of symbolic links)" in captured.err
    assert "odd\\x1b[2J\\nname\\xff.yaml failed: " in captured.err
    assert "loop.yaml" in captured.out and "csto-77-13.fr.docx" in captured.out
    assert "\x1b" not in captured.out + captured.err and "\udcff" not in captured.out
    assert len([line for line in captured.err.splitlines() if line.startswith("[")]) == 5


def test_a_bug_on_one_source_fails_that_source_and_the_batch_exits_70(inputs: Path, tmp_path: Path,
                                                                       monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from drafter import render

    real = render.render_bytes

    def render_bytes(resolution, lang, *args, **kwargs):  # type: ignore[no-untyped-def]
        if resolution.organization == "asean":
            raise KeyError("boom")
        return real(resolution, lang, *args, **kwargs)

    monkeypatch.setattr(render, "render_bytes", render_bytes)
    assert _batch([inputs], tmp_path / "out") == 70
    assert sorted(_tree(tmp_path / "out")) == ["csto-77-13.en.docx", "csto-77-13.fr.docx"]
    err = capsys.readouterr().err
    assert "asean-77-illustrative.yaml failed: " in err and "internal error (KeyError: 'boom')" in err


def _marked_processes(mark: str) -> list[int]:
    """The processes whose environment carries ``mark`` (only the ones this test started)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                environment = (entry / "environ").read_bytes()
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if f"DRAFTER_TEST_MARK={mark}".encode() in environment.split(b"\0") and state != "Z":
                found.append(int(entry.name))
    return found


def test_a_batch_killed_midway_leaves_whole_sets_and_its_workers_exit(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time
    import uuid

    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(40):
        shutil.copy(EXAMPLES / "csto-77-13.yaml", folder / f"s{index:02d}.yaml")
    out = tmp_path / "out"
    mark = uuid.uuid4().hex
    drafter = Path(sys.executable).parent / "drafter"
    environment = {**os.environ, "DRAFTER_TEST_MARK": mark}
    batch = subprocess.Popen([drafter, "batch", folder, "--out", out, "--jobs", "2"], env=environment,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(list(out.glob("*.docx"))) < 6 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(_marked_processes(mark)) >= 3, "the batch should run with its two workers"
    batch.send_signal(signal.SIGKILL)
    assert batch.wait(timeout=30) == -signal.SIGKILL
    deadline = time.monotonic() + 15
    while _marked_processes(mark) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _marked_processes(mark) == [], "worker processes outlived the batch"
    written = {path.name for path in out.glob("*.docx")}
    assert 6 <= len(written) < 80
    assert not list(out.glob("*.part")) and not list(out.glob(".*.part"))
    rerun = subprocess.run([drafter, "batch", folder, "--out", out, "--jobs", "2"],
                           capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 2  # the sources written before the kill exist already
    assert "already exist" in rerun.stderr
    assert sorted(path.name for path in out.iterdir()) == sorted(
        f"s{index:02d}.{lang}.docx" for index in range(40) for lang in ("en", "fr"))


def test_a_batch_forks_no_more_workers_than_it_has_sources(inputs: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Every worker is forked at once: --jobs 8 for three sources was eight processes."""
    from drafter import batch

    asked: list[int] = []
    real = batch.ProcessPoolExecutor

    def recording(max_workers: int, **options):  # type: ignore[no-untyped-def]
        asked.append(max_workers)
        return real(max_workers=max_workers, **options)

    monkeypatch.setattr(batch, "ProcessPoolExecutor", recording)
    monkeypatch.setattr(batch, "max_jobs", lambda: 8)
    sources = sorted(inputs.glob("*.yaml"))
    _batch([inputs], tmp_path / "out", jobs=8)
    assert asked == [len(sources)]


@pytest.mark.parametrize("colour", [False, True])
def test_a_long_summary_is_printed_in_pieces_the_same_as_whole(monkeypatch, capsys,  # type: ignore[no-untyped-def]
                                                                colour: bool) -> None:
    """The summary table is written a few hundred lines at a time, so that a batch's memory does
    not grow with it, and reads exactly as rich prints it whole, in colour or not."""
    from rich.console import Console

    from drafter.batch import Outcome
    from drafter.commands.batch import _LINES_AT_A_TIME, _print_table, _table

    monkeypatch.setenv("COLUMNS", "97")
    if colour:
        monkeypatch.setenv("FORCE_COLOR", "1")
    else:
        monkeypatch.delenv("FORCE_COLOR", raising=False)
    out = Path("out")
    outcomes = [Outcome(Path(f"in/org-{index}.yaml"),
                        tuple(out / f"org-{index}.{lang}.docx" for lang in ("en", "fr")), notes=index % 3)
                if index % 7 else
                Outcome(Path(f"in/org-{index}.yaml"), reason=("a long reason " * 12, "and a second line"))
                for index in range(3 * _LINES_AT_A_TIME // 2)]
    Console(soft_wrap=False).print(_table(outcomes))
    whole = capsys.readouterr().out
    _print_table(_table(outcomes))
    pieces = capsys.readouterr().out
    assert len(whole.splitlines()) > 2 * _LINES_AT_A_TIME
    assert ("\x1b[" in whole) is colour
    assert pieces == whole
