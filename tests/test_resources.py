"""The shipped data files, parsed once and kept in the user's cache folder, never trusted blindly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafter import resources


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder, and load_data forgetting what this process loaded."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    resources.load_data.cache_clear()
    yield tmp_path / "drafter" / "data"
    resources.load_data.cache_clear()


def _parsed(relative: str) -> object:
    import yaml

    return yaml.safe_load((resources.DATA / relative).read_text(encoding="utf-8"))


@pytest.mark.parametrize("relative", ["organizations.yaml", "fr/lexicon.yaml", "symbols.yaml"])
def test_kept_data_is_the_data_the_file_parses_to_dates_included(cache, relative):
    first = resources.load_data(relative)
    assert len(list(cache.iterdir())) == 1
    resources.load_data.cache_clear()
    assert resources.load_data(relative) == first == _parsed(relative)


def test_the_registry_dates_come_back_as_dates(cache):
    resources.load_data("organizations.yaml")
    resources.load_data.cache_clear()
    entry = resources.load_data("organizations.yaml")["asean"]  # type: ignore[index]
    assert entry["observer_status"]["date"] == dt.date(2006, 12, 4)


@pytest.mark.parametrize("damage", [
    lambda entry: entry[:-3],  # cut short
    lambda entry: entry.replace(b"drafter-data-cache", b"drafter-data-cachf"),  # another format
    lambda entry: entry[:-1] + bytes([entry[-1] ^ 1]),  # payload changed: digest mismatch
])
def test_a_damaged_entry_is_parsed_again_and_replaced(cache, damage):
    expected = resources.load_data("symbols.yaml")
    (entry,) = cache.iterdir()
    entry.write_bytes(damage(entry.read_bytes()))
    resources.load_data.cache_clear()
    assert resources.load_data("symbols.yaml") == expected
    assert resources._read(entry, entry.name) == expected  # written again, whole


def test_an_entry_of_other_data_under_the_right_name_is_not_trusted(cache):
    """An entry carries its key and a digest; one copied under another file's name is a miss."""
    resources.load_data("symbols.yaml")
    (symbols,) = cache.iterdir()
    resources.load_data("en/sessions.yaml")
    (sessions,) = set(cache.iterdir()) - {symbols}
    symbols.write_bytes(sessions.read_bytes())
    resources.load_data.cache_clear()
    assert resources.load_data("symbols.yaml") == _parsed("symbols.yaml")


def test_code_marshalled_into_an_entry_is_refused(cache):
    import hashlib
    import marshal

    resources.load_data("symbols.yaml")
    (entry,) = cache.iterdir()
    header = entry.read_bytes().split(b"\n", 1)[0] + b"\n"
    payload = marshal.dumps(compile("print('no')", "x", "exec"))
    entry.write_bytes(header + hashlib.sha256(payload).digest() + payload)
    resources.load_data.cache_clear()
    assert resources.load_data("symbols.yaml") == _parsed("symbols.yaml")


def test_an_unwritable_cache_folder_only_means_parsing(cache):
    cache.parent.parent.mkdir(parents=True, exist_ok=True)
    (cache.parent).write_text("a file where the folder should be")
    assert resources.load_data("symbols.yaml") == _parsed("symbols.yaml")
