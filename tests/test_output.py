"""Writing files: whole or not at all, no temporary file left behind, the umask respected."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from drafter import output
from drafter.output import write_atomically


def test_a_new_file_is_written_with_its_bytes(tmp_path):
    target = tmp_path / "a.docx"
    write_atomically(target, b"content")
    assert target.read_bytes() == b"content"
    assert os.listdir(tmp_path) == ["a.docx"]


def test_missing_directories_are_created(tmp_path):
    target = tmp_path / "drafts" / "2024" / "a.txt"
    write_atomically(target, b"x")
    assert target.read_bytes() == b"x"


def test_an_existing_file_is_replaced_whole(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"old and longer content")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["a.txt"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")

    def broken_replace(source: str, destination: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", broken_replace)
    with pytest.raises(output.OutputFailure, match="cannot write .*a.txt: No space left on device"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["a.txt"]


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "fdopen", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(tmp_path / "a.txt", b"new")
    assert os.listdir(tmp_path) == []


def test_the_file_gets_the_usual_permissions_of_the_umask(tmp_path):
    previous = os.umask(0o022)
    try:
        write_atomically(tmp_path / "a.txt", b"x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o644
