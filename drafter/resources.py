"""Where drafter finds the data and templates it ships, installed or run from a checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

PACKAGE = Path(__file__).resolve().parent
DATA = PACKAGE / "data"


def templates_dir() -> Path:
    """The built-in templates: inside the package in a wheel, at the top of a checkout otherwise."""
    inside = PACKAGE / "templates"
    return inside if inside.is_dir() else PACKAGE.parent / "templates"


@cache
def load_data(relative: str) -> object:
    """Parse one shipped YAML data file; cached because every render reads the same files."""
    with (DATA / relative).open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
