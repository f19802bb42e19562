"""Entries of drafter's cache folder: one file per key, carrying its format and key and a SHA-256
of its payload, written atomically; anything that does not match, or cannot be read or written,
is a miss, and the caller computes the value again."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

#: The largest entry (compiled code of a template, a parsed data file) is some tens of kB; an
#: entry far larger is not ours.
MAX_ENTRY_BYTES = 4 * 1024 * 1024


def cache_folder(kind: str) -> Path:
    """drafter's folder of ``kind`` in the user's cache folder (``$XDG_CACHE_HOME/drafter/kind``,
    by default ``~/.cache/drafter/kind``)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "drafter" / kind


def read_entry(path: Path, key: str, form: str) -> bytes | None:
    """The payload of the entry at ``path``, kept under ``key`` in the format ``form``; None for
    a miss."""
    header = f"{form} {key}\n".encode()
    try:
        with open(path, "rb") as stream:
            entry = stream.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    digest, payload = entry[len(header):len(header) + 32], entry[len(header) + 32:]
    if not entry.startswith(header) or hashlib.sha256(payload).digest() != digest:
        return None
    return payload


def write_entry(folder: Path, key: str, form: str, payload: bytes) -> None:
    """Keep ``payload`` under ``key`` atomically (parallel batch workers share the folder)."""
    import contextlib
    import tempfile

    entry = f"{form} {key}\n".encode() + hashlib.sha256(payload).digest() + payload
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
