"""Cache entries: what is kept comes back whole under its key and format; anything else is a miss,
and a folder that cannot be written only means keeping nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.cache_entries import cache_folder, read_entry, write_entry

FORM = "drafter-test-cache 1"


def test_an_entry_comes_back_under_its_key_and_format(tmp_path: Path) -> None:
    write_entry(tmp_path / "kind", "abc", FORM, b"payload")
    assert read_entry(tmp_path / "kind" / "abc", "abc", FORM) == b"payload"
    assert [path.name for path in (tmp_path / "kind").iterdir()] == ["abc"]  # no temporary left


@pytest.mark.parametrize(("key", "form"), [("abd", FORM), ("abc", "drafter-test-cache 2")])
def test_an_entry_read_under_another_key_or_format_is_a_miss(tmp_path: Path, key: str, form: str) -> None:
    write_entry(tmp_path, "abc", FORM, b"payload")
    assert read_entry(tmp_path / "abc", key, form) is None


def test_a_changed_payload_or_a_missing_file_is_a_miss(tmp_path: Path) -> None:
    write_entry(tmp_path, "abc", FORM, b"payload")
    entry = tmp_path / "abc"
    entry.write_bytes(entry.read_bytes()[:-1] + b"P")
    assert read_entry(entry, "abc", FORM) is None
    assert read_entry(tmp_path / "absent", "absent", FORM) is None


def test_a_folder_that_cannot_be_made_keeps_nothing_and_says_nothing(tmp_path: Path) -> None:
    (tmp_path / "kind").write_text("a file where the folder should be", encoding="utf-8")
    write_entry(tmp_path / "kind", "abc", FORM, b"payload")
    assert (tmp_path / "kind").read_text(encoding="utf-8") == "a file where the folder should be"


def test_the_cache_folder_follows_xdg_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder("templates") == tmp_path / "drafter" / "templates"
