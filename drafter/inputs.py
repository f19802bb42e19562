"""Which files a command is given: files as named, directories as the YAML sources they hold."""

from __future__ import annotations

from pathlib import Path

from drafter.phrasebook import BESIDE


def sources(inputs: list[Path]) -> list[Path]:
    """Files as given, directories as their *.yaml files in name order, each path once.
    A directory's phrase book (phrases.yaml) is not a source: its sources use it."""
    found: list[Path] = []
    for path in inputs:
        found.extend(_held(path) if path.is_dir() else [path])
    return list(dict.fromkeys(found))


def empty_folders(inputs: list[Path]) -> list[Path]:
    """The directories among ``inputs`` that hold no *.yaml source."""
    return [path for path in inputs if path.is_dir() and not _held(path)]


def _held(folder: Path) -> list[Path]:
    return sorted(path for path in folder.glob("*.yaml") if path.name != BESIDE)
