"""Which files a command is given: files as named, directories as the YAML sources they hold."""

from __future__ import annotations

from pathlib import Path


def sources(inputs: list[Path]) -> list[Path]:
    """Files as given, directories as their *.yaml files in name order, each path once."""
    found: list[Path] = []
    for path in inputs:
        found.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return list(dict.fromkeys(found))


def empty_folders(inputs: list[Path]) -> list[Path]:
    """The directories among ``inputs`` that hold no *.yaml source."""
    return [path for path in inputs if path.is_dir() and not any(path.glob("*.yaml"))]
