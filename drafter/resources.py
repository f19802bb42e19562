"""Where drafter finds the data and templates it ships, installed or run from a checkout.

The shipped YAML data files are parsed once and kept, as plain data, beside the compiled
templates in the user's cache folder (``$XDG_CACHE_HOME/drafter/data``): parsing them is a
tenth of a cold start, reading the kept form almost nothing. An entry is named by the SHA-256 of
the file's content (and of the cache format), carries that name and a digest of its payload, and
holds only plain data; anything else (stale, foreign, damaged, unreadable) is a miss, and the
file is parsed again.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from drafter.cache_entries import cache_folder, read_entry, write_entry

PACKAGE = Path(__file__).resolve().parent
DATA = PACKAGE / "data"

_FORMAT = f"drafter-data-cache 1 {sys.implementation.cache_tag}"


def templates_dir() -> Path:
    """The built-in templates: inside the package in a wheel, at the top of a checkout otherwise."""
    inside = PACKAGE / "templates"
    return inside if inside.is_dir() else PACKAGE.parent / "templates"


@cache
def load_data(relative: str) -> object:
    """One shipped YAML data file as plain data, once per process (and parsed once per content:
    see the module's docstring)."""
    raw = (DATA / relative).read_bytes()
    key = hashlib.sha256(b"\0".join([_FORMAT.encode(), relative.encode(), raw])).hexdigest()
    folder = cache_folder("data")
    kept = _read(folder / key, key)
    if kept is not None:
        return kept
    import yaml

    data = yaml.load(raw.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    _write(folder, key, data)
    return data


def _read(path: Path, key: str) -> object | None:
    payload = read_entry(path, key, _FORMAT)
    if payload is None:
        return None
    try:
        return _thawed(marshal.loads(payload))
    except (EOFError, ValueError, TypeError):
        return None


def _write(folder: Path, key: str, data: object) -> None:
    """Keep the data; a cache that cannot be written only means parsing next time."""
    try:
        payload = marshal.dumps(_frozen(data))  # type: ignore[arg-type]  # plain data only
    except ValueError:  # a value marshal cannot hold: keep nothing
        return
    write_entry(folder, key, _FORMAT, payload)


_PLAIN = (str, int, float, bool, type(None))


def _frozen(value: object) -> object:
    """Data as marshal keeps it: a date becomes a 1-tuple of its ISO text (YAML gives no tuples)."""
    if isinstance(value, dict):
        return {_frozen(key): _frozen(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_frozen(item) for item in value]
    if isinstance(value, date) and not isinstance(value, datetime):
        return (value.isoformat(),)
    if isinstance(value, _PLAIN):
        return value
    raise ValueError(f"not plain data: {type(value).__name__}")


_LEAVES = frozenset(_PLAIN)


def _thawed(value: Any) -> object:
    """The data again; anything but plain data is a damaged entry (TypeError). Text, most of
    the data, is passed over without a call: the walk over all the shipped data took 7.2 million
    instructions with a call per value, 2.4 without. (marshal gives exact types, no subclass.)"""
    kind = type(value)
    if kind is dict:
        return {key if type(key) is str else _thawed(key): item if type(item) is str else _thawed(item)
                for key, item in value.items()}
    if kind is list:
        return [item if type(item) is str else _thawed(item) for item in value]
    if kind is tuple and len(value) == 1 and type(value[0]) is str:
        return date.fromisoformat(value[0])
    if kind in _LEAVES:
        return value
    raise TypeError(f"not plain data: {kind.__name__}")
