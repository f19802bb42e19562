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
import os
import sys
from datetime import date, datetime
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
DATA = PACKAGE / "data"

_FORMAT = f"drafter-data-cache 1 {sys.implementation.cache_tag}"
#: The largest data file is about 25 kB; an entry far larger is not ours.
_MAX_ENTRY_BYTES = 4 * 1024 * 1024


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


def cache_folder(kind: str) -> Path:
    """drafter's folder of ``kind`` in the user's cache folder (as drafter.template_cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "drafter" / kind


def _read(path: Path, key: str) -> object | None:
    header = f"{_FORMAT} {key}\n".encode()
    try:
        with open(path, "rb") as stream:
            entry = stream.read(_MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    digest, payload = entry[len(header):len(header) + 32], entry[len(header) + 32:]
    if not entry.startswith(header) or hashlib.sha256(payload).digest() != digest:
        return None
    try:
        return _thawed(marshal.loads(payload))
    except (EOFError, ValueError, TypeError):
        return None


def _write(folder: Path, key: str, data: object) -> None:
    """Keep the data atomically; a cache that cannot be written only means parsing next time."""
    import contextlib
    import tempfile

    try:
        payload = marshal.dumps(_frozen(data))  # type: ignore[arg-type]  # plain data only
    except ValueError:  # a value marshal cannot hold: keep nothing
        return
    entry = f"{_FORMAT} {key}\n".encode() + hashlib.sha256(payload).digest() + payload
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".part")
    except OSError:
        return
    try:
        with open(descriptor, "wb") as stream:
            stream.write(entry)
        os.replace(temporary, folder / key)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


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


def _thawed(value: object) -> object:
    """The data again; anything but plain data is a damaged entry (TypeError)."""
    if isinstance(value, dict):
        return {_thawed(key): _thawed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_thawed(item) for item in value]
    if isinstance(value, tuple) and len(value) == 1 and isinstance(value[0], str):
        return date.fromisoformat(value[0])
    if isinstance(value, _PLAIN):
        return value
    raise TypeError(f"not plain data: {type(value).__name__}")
