"""Writing files: a command's files are one set, written whole or not at all. An existing file is
replaced only with --force, and then either every file is replaced or every old one is kept; two
drafters writing the same names never mix their files; a drafter killed while writing leaves
nothing that the next write does not finish or clean."""

from __future__ import annotations

import fcntl
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from drafter import output
from drafter.output import OutputExists, OutputFailure, recover, write_atomically, write_files


def _listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def _set(folder: Path, content: bytes = b"new") -> dict[Path, bytes]:
    return {folder / "x.en.docx": content + b" en", folder / "x.fr.docx": content + b" fr"}


# -- a set, whole -----------------------------------------------------------------------------

def test_a_set_is_written_whole_and_leaves_nothing_else(tmp_path: Path) -> None:
    assert write_files(_set(tmp_path)) == list(_set(tmp_path))
    assert _listing(tmp_path) == ["x.en.docx", "x.fr.docx"]
    assert (tmp_path / "x.fr.docx").read_bytes() == b"new fr"


def test_missing_directories_are_created(tmp_path: Path) -> None:
    target = tmp_path / "drafts" / "2024" / "a.txt"
    write_atomically(target, b"x")
    assert target.read_bytes() == b"x"


def test_an_existing_file_stops_the_whole_set_without_force(tmp_path: Path) -> None:
    (tmp_path / "x.fr.docx").write_bytes(b"edited by hand")
    with pytest.raises(OutputExists, match=r"x.fr.docx already exists; add --force to replace it"):
        write_files(_set(tmp_path))
    assert _listing(tmp_path) == ["x.fr.docx"]
    assert (tmp_path / "x.fr.docx").read_bytes() == b"edited by hand"


def test_force_replaces_every_file_of_the_set(tmp_path: Path) -> None:
    write_files(_set(tmp_path, b"old"))
    write_files(_set(tmp_path, b"new"), force=True)
    assert [(tmp_path / name).read_bytes() for name in _listing(tmp_path)] == [b"new en", b"new fr"]


def test_a_directory_in_the_way_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "x.fr.docx").mkdir()
    (tmp_path / "x.fr.docx" / "keep").write_text("mine")
    with pytest.raises(OutputFailure, match="x.fr.docx: it is a directory"):
        write_files(_set(tmp_path), force=True)
    assert (tmp_path / "x.fr.docx" / "keep").read_text() == "mine"
    assert _listing(tmp_path) == ["x.fr.docx"]


def test_a_file_in_the_place_of_a_folder_is_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "drafts").write_text("x")
    with pytest.raises(OutputFailure, match=r"drafts is a file, not a directory"):
        write_files({tmp_path / "drafts" / "a.txt": b"x"})


def test_one_set_goes_into_one_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="one folder"):
        write_files({tmp_path / "a" / "x": b"", tmp_path / "b" / "x": b""})


def test_the_file_gets_the_usual_permissions_of_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        write_atomically(tmp_path / "a.txt", b"x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o644


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "fdopen", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(tmp_path / "a.txt", b"new")
    assert os.listdir(tmp_path) == []


# -- a full disk ------------------------------------------------------------------------------

def test_a_full_disk_while_staging_replaces_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(_set(tmp_path, b"old"))
    real = os.fdopen
    calls = []

    def second_write_fails(descriptor: int, mode: str):  # type: ignore[no-untyped-def]
        calls.append(descriptor)
        if len(calls) == 2:
            os.close(descriptor)
            raise OSError(28, "No space left on device")
        return real(descriptor, mode)

    monkeypatch.setattr(output.os, "fdopen", second_write_fails)
    with pytest.raises(OutputFailure, match=r"cannot write .*x.fr.docx: No space left on device"):
        write_files(_set(tmp_path, b"new"), force=True)
    assert [(tmp_path / name).read_bytes() for name in _listing(tmp_path)] == [b"old en", b"old fr"]


def _french_rename_fails(monkeypatch: pytest.MonkeyPatch, code: int, message: str) -> None:
    real = os.replace

    def replace(source: str, target: str) -> None:
        if str(target).endswith("x.fr.docx") and "/new/" in str(source):
            raise OSError(code, message)
        real(source, target)

    monkeypatch.setattr(output.os, "replace", replace)


def test_a_failed_rename_puts_back_every_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(_set(tmp_path, b"old"))
    _french_rename_fails(monkeypatch, 28, "No space left on device")
    with pytest.raises(OutputFailure, match=r"cannot write .*x.fr.docx: No space left on device"):
        write_files(_set(tmp_path, b"new"), force=True)
    assert _listing(tmp_path) == ["x.en.docx", "x.fr.docx"]
    assert [(tmp_path / name).read_bytes() for name in _listing(tmp_path)] == [b"old en", b"old fr"]


def test_a_failed_rename_of_a_new_set_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _french_rename_fails(monkeypatch, 5, "Input/output error")
    with pytest.raises(OutputFailure, match="Input/output error"):
        write_files(_set(tmp_path))
    assert _listing(tmp_path) == []


def test_a_set_that_cannot_be_put_back_is_completed_by_the_next_write(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(_set(tmp_path, b"old"))
    real = os.replace
    broken = {"on": True}

    def disk_goes_bad(source: str, target: str) -> None:
        # the French rename fails, and so does every rename that would undo the English one
        if broken["on"] and (str(target).endswith("x.fr.docx") or "/new/" in str(target)):
            raise OSError(5, "Input/output error")
        real(source, target)

    monkeypatch.setattr(output.os, "replace", disk_goes_bad)
    with pytest.raises(OutputFailure):
        write_files(_set(tmp_path, b"new"), force=True)
    broken["on"] = False
    write_files({tmp_path / "other.txt": b"x"})  # any later write into the folder
    assert _listing(tmp_path) == ["other.txt", "x.en.docx", "x.fr.docx"]
    assert [(tmp_path / name).read_bytes() for name in ("x.en.docx", "x.fr.docx")] == [b"new en", b"new fr"]


@pytest.mark.parametrize("force", [False, True])
def test_a_real_write_limit_fails_the_set_and_keeps_the_old_files(tmp_path: Path, force: bool) -> None:
    """RLIMIT_FSIZE makes the kernel refuse the French file (larger than the limit), as a full disk
    would, after the English one (smaller) was written."""
    from conftest import EXAMPLE

    out = tmp_path / "out"
    out.mkdir()
    environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    drafter = Path(sys.executable).parent / "drafter"
    subprocess.run([drafter, "render", EXAMPLE, "--out", tmp_path / "warm"], env=environment,
                   check=True, capture_output=True)  # compiles the templates outside the limit
    sizes = {lang: (tmp_path / "warm" / f"csto-77-13.{lang}.docx").stat().st_size for lang in ("en", "fr")}
    assert sizes["en"] < sizes["fr"]
    if force:
        for lang in sizes:
            (out / f"csto-77-13.{lang}.docx").write_bytes(b"old " + lang.encode())
    script = textwrap.dedent(f"""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, ({sizes["fr"] - 1}, {sizes["fr"] - 1}))
        sys.argv = ["drafter", "render", {str(EXAMPLE)!r}, "--out", {str(out)!r}] + {["--force"] if force else []!r}
        from drafter.cli import main
        main()
    """)
    done = subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    assert "csto-77-13.fr.docx: File too large" in done.stderr and "Traceback" not in done.stderr
    expected = {f"csto-77-13.{lang}.docx": b"old " + lang.encode() for lang in sizes} if force else {}
    assert {path.name: path.read_bytes() for path in out.iterdir()} == expected


# -- a drafter killed while writing -----------------------------------------------------------

def _killed_while_writing(tmp_path: Path, when: str, force: bool) -> subprocess.CompletedProcess[str]:
    """Run write_files in a child that SIGKILLs itself at ``when``: after staging the first file,
    or after renaming the first file into place."""
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from drafter import output

        folder = Path({str(tmp_path)!r})
        real_fdopen, real_replace = os.fdopen, os.replace
        staged = []

        def fdopen(descriptor, mode):
            staged.append(descriptor)
            if {when!r} == "staging" and len(staged) == 2:
                os.kill(os.getpid(), signal.SIGKILL)
            return real_fdopen(descriptor, mode)

        def replace(source, target):
            real_replace(source, target)
            if {when!r} == "commit" and "/new/" in str(source):
                os.kill(os.getpid(), signal.SIGKILL)

        output.os.fdopen, output.os.replace = fdopen, replace
        output.write_files({{folder / "x.en.docx": b"new en", folder / "x.fr.docx": b"new fr"}},
                           force={force})
    """)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("force", [False, True])
def test_killed_while_staging_the_targets_are_untouched_and_the_next_write_cleans_up(
        tmp_path: Path, force: bool) -> None:
    if force:
        write_files(_set(tmp_path, b"old"))
    done = _killed_while_writing(tmp_path, "staging", force)
    assert done.returncode == -signal.SIGKILL, done.stderr
    left = [name for name in _listing(tmp_path) if name.startswith(".drafter-")]
    assert len(left) == 1
    assert {name: (tmp_path / name).read_bytes() for name in _listing(tmp_path) if name not in left} == (
        {"x.en.docx": b"old en", "x.fr.docx": b"old fr"} if force else {})
    assert recover(tmp_path) == []
    assert not any(name.startswith(".drafter-") for name in _listing(tmp_path))
    write_files(_set(tmp_path, b"again"), force=force)  # a re-run is not blocked by half a set
    assert (tmp_path / "x.fr.docx").read_bytes() == b"again fr"


@pytest.mark.parametrize("force", [False, True])
def test_killed_while_renaming_the_next_write_completes_the_set(tmp_path: Path, force: bool) -> None:
    if force:
        write_files(_set(tmp_path, b"old"))
    done = _killed_while_writing(tmp_path, "commit", force)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert (tmp_path / "x.en.docx").read_bytes() == b"new en"  # killed after this rename
    assert (tmp_path / "x.fr.docx").exists() == force
    with pytest.raises(OutputExists):
        write_files({tmp_path / "x.fr.docx": b"mine"})  # the next write completes the set first
    assert [(tmp_path / name).read_bytes() for name in _listing(tmp_path)] == [b"new en", b"new fr"]


def test_a_set_still_being_written_by_another_drafter_is_left_alone(tmp_path: Path) -> None:
    staging = tmp_path / ".drafter-live.tmp"
    (staging / "new").mkdir(parents=True)
    (staging / "new" / "x.en.docx").write_bytes(b"being written")
    holder = os.open(staging, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)  # as its owner does for as long as it runs
    try:
        assert recover(tmp_path) == []
        assert (staging / "new" / "x.en.docx").exists()
    finally:
        os.close(holder)
    assert recover(tmp_path) == [] and not staging.exists()  # its owner gone, it is removed


def test_a_forged_commit_list_cannot_move_files_out_of_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    staging = folder / ".drafter-forged.tmp"
    (staging / "new").mkdir(parents=True)
    (staging / "new" / "ok.txt").write_bytes(b"ok")
    (staging / "commit").write_text('{"targets": ["../escaped.txt", "ok.txt", 7]}')
    assert recover(folder) == [folder / "ok.txt"]
    assert _listing(tmp_path) == ["out"] and _listing(folder) == ["ok.txt"]


def test_a_drafter_that_holds_the_folder_too_long_is_one_sentence(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "LOCK_SECONDS", 0.2)
    holder = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        with pytest.raises(OutputFailure, match="another drafter has been writing into"):
            write_files(_set(tmp_path))
    finally:
        os.close(holder)
    assert _listing(tmp_path) == []


# -- two drafters at once ---------------------------------------------------------------------

def test_two_renders_of_the_same_name_at_once_exactly_one_wins(tmp_path: Path) -> None:
    from conftest import EXAMPLE

    text = EXAMPLE.read_text(encoding="utf-8")
    sources = []
    for variant, date in (("one", "2022-11-25"), ("two", "2022-11-28")):
        (tmp_path / variant).mkdir()
        source = tmp_path / variant / "same.yaml"
        source.write_text(text.replace("distribution_date: 2022-11-25", f"distribution_date: {date}"),
                          encoding="utf-8")
        sources.append(source)
    drafter = Path(sys.executable).parent / "drafter"
    expected = {}
    for source in sources:
        subprocess.run([drafter, "render", source, "--out", source.parent], check=True, capture_output=True)
        expected[source] = {path.name: path.read_bytes() for path in source.parent.glob("*.docx")}
    assert expected[sources[0]] != expected[sources[1]]
    for round_ in range(3):
        out = tmp_path / f"out{round_}"
        out.mkdir()
        holder = os.open(out, os.O_RDONLY)
        fcntl.flock(holder, fcntl.LOCK_EX)  # both start, then meet at the lock
        runs = [subprocess.Popen([drafter, "render", source, "--out", out], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for source in sources]
        os.close(holder)
        results = [(run.wait(timeout=120), *run.communicate()) for run in runs]
        codes = sorted(code for code, _, _ in results)
        assert codes == [0, 2], results
        winner = sources[[code for code, _, _ in results].index(0)]
        loser_err = next(err for code, _, err in results if code == 2)
        assert "already exist" in loser_err and "--force" in loser_err
        assert {path.name: path.read_bytes() for path in out.iterdir()} == expected[winner]


def test_a_drafter_paused_in_its_commit_still_makes_the_other_lose(tmp_path: Path) -> None:
    """The existence check and the renames are one step under the folder's lock: a second
    drafter that checks while the first is renaming waits, then finds the first one's files."""
    script = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from drafter import output

        real = output._write_json

        def paused(path, data):
            print("committing", flush=True)
            time.sleep(1.5)
            real(path, data)

        output._write_json = paused
        folder = Path({str(tmp_path)!r})
        output.write_files({{folder / "x.en.docx": b"first en", folder / "x.fr.docx": b"first fr"}})
    """)
    first = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert first.stdout is not None and first.stdout.readline() == "committing\n"
    with pytest.raises(OutputExists):
        write_files(_set(tmp_path, b"second"))
    assert first.wait(timeout=60) == 0
    assert [(tmp_path / name).read_bytes() for name in _listing(tmp_path)] == [b"first en", b"first fr"]


# -- the sources that `drafter new` and `drafter import` write ----------------------------------

def _source_commands(folder: Path) -> dict[str, list[list[str]]]:
    """Two different runs of each command that write a source: two organizations' first
    drafts, and the example's English and French Word files imported one language at a time."""
    from conftest import EXAMPLE
    from drafter.render import render_bytes
    from drafter.source import load

    drafts = []
    for lang in ("en", "fr"):
        draft = folder / f"77-13.{lang}.docx"
        if not draft.exists():
            draft.write_bytes(render_bytes(load(EXAMPLE), lang, "docx"))
        drafts.append(str(draft))
    return {"new": [["new", "--org", org, "--session", "77"] for org in ("csto", "sco")],
            "import": [["import", draft] for draft in drafts]}


def _drafter() -> Path:
    return Path(sys.executable).parent / "drafter"


@pytest.mark.parametrize("command", ["new", "import"])
def test_two_sources_written_to_one_name_at_once_exactly_one_wins(tmp_path: Path, command: str) -> None:
    """Both runs find no file, make their source and start writing it; the folder's lock is
    held until both are there, so they meet: one writes its source whole, the other is refused."""
    runs = _source_commands(tmp_path)[command]
    expected = []
    for index, arguments in enumerate(runs):
        alone = tmp_path / f"alone{index}" / "same.yaml"
        subprocess.run([_drafter(), *arguments, "-o", alone], check=True, capture_output=True)
        expected.append(alone.read_bytes())
    assert expected[0] != expected[1]
    script = textwrap.dedent("""
        import sys
        from pathlib import Path
        from drafter import cli, output

        real, marker = output.write_files, Path(sys.argv.pop(1))

        def write_files(files, force=False, **options):
            marker.touch()  # past the command's own check: now only the lock decides
            return real(files, force, **options)

        output.write_files = write_files
        cli.main()
    """)
    out = tmp_path / "out"
    out.mkdir()
    holder = os.open(out, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        started = [subprocess.Popen([sys.executable, "-c", script, tmp_path / f"writing{index}",
                                     *arguments, "-o", out / "same.yaml"],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                   for index, arguments in enumerate(runs)]
        deadline = time.monotonic() + 120
        while not all((tmp_path / f"writing{index}").exists() for index in range(2)):
            assert time.monotonic() < deadline and all(run.poll() is None for run in started), \
                [run.communicate() for run in started if run.poll() is not None]
            time.sleep(0.05)
    finally:
        os.close(holder)
    results = [(run.wait(timeout=120), *run.communicate()) for run in started]
    codes = [code for code, _, _ in results]
    assert sorted(codes) == [0, 2], results
    loser = results[codes.index(2)][2]
    assert "same.yaml already exists; add --force" in loser and "Traceback" not in loser
    assert _listing(out) == ["same.yaml"]
    assert (out / "same.yaml").read_bytes() == expected[codes.index(0)]


@pytest.mark.parametrize("command", ["new", "import"])
def test_a_file_made_by_another_drafter_meanwhile_is_kept_without_force(
        tmp_path: Path, command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The command checks for OUTPUT before it starts and again under the folder's lock: a
    file that appears after the first check is not replaced."""
    from drafter.commands.importing import import_command
    from drafter.commands.new import new_command

    target = tmp_path / "same.yaml"
    make_folder = output._make_folder

    def another_drafter_meanwhile(folder: Path, first: Path) -> None:
        target.write_text("# theirs\n", encoding="utf-8")
        make_folder(folder, first)

    arguments = _source_commands(tmp_path)[command][0]
    monkeypatch.setattr(output, "_make_folder", another_drafter_meanwhile)
    code = (new_command(arguments[2], 77, target, False) if command == "new"
            else import_command(Path(arguments[1]), None, None, target, False))
    assert code == 2
    assert "same.yaml already exists; add --force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "# theirs\n"
    assert [name for name in _listing(tmp_path) if name.startswith(".drafter-")] == []


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("command", ["new", "import"])
def test_a_source_killed_half_written_is_never_in_place_and_the_next_run_cleans_up(
        tmp_path: Path, command: str, force: bool) -> None:
    arguments = _source_commands(tmp_path)[command][0]
    out = tmp_path / "out"
    out.mkdir()
    target = out / "source.yaml"
    if force:
        target.write_text("# the drafter's own\n", encoding="utf-8")
    extra = ["--force"] if force else []
    script = textwrap.dedent(f"""
        import os, signal, sys
        from drafter import output, cli

        real_fdopen = os.fdopen

        class Half:
            def __init__(self, stream):
                self.stream = stream
            def __enter__(self):
                return self
            def __exit__(self, *exc):
                return False
            def write(self, data):
                self.stream.write(data[:len(data) // 2])
                self.stream.flush()
                os.kill(os.getpid(), signal.SIGKILL)

        output.os.fdopen = lambda descriptor, mode: Half(real_fdopen(descriptor, mode))
        sys.argv = ["drafter", *{[*arguments, "-o", str(target), *extra]!r}]
        cli.main()
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    staged = [name for name in _listing(out) if name.startswith(".drafter-")]
    assert len(staged) == 1 and list((out / staged[0] / "new").iterdir())  # the half is there only
    assert _listing(out) == sorted([*staged, *(["source.yaml"] if force else [])])
    if force:
        assert target.read_text(encoding="utf-8") == "# the drafter's own\n"
    again = subprocess.run([_drafter(), *arguments, "-o", target, *extra], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert _listing(out) == ["source.yaml"]
    from drafter.source import load

    assert load(target).session == 77
