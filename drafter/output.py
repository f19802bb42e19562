"""Writing files safely: whole or not at all, and never over an existing file unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputFailure(Exception):
    """A file that could not be written; the message names it and says why."""


class OutputExists(OutputFailure):
    """Files that would be overwritten without --force; the message names them."""


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename it into place."""
    blocking = next((folder for folder in (path.parent, *path.parent.parents)
                     if folder.exists() and not folder.is_dir()), None)
    if blocking is not None:
        raise OutputFailure(f"cannot write {path}: {blocking} is a file, not a directory")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part",
                                             dir=path.parent)
    except OSError as error:
        raise OutputFailure(f"cannot write {path}: {error.strerror or error}") from None
    try:
        os.chmod(temporary, 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputFailure(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process umask (read by setting it, then restoring it)."""
    current = os.umask(0)
    os.umask(current)
    return current


def write_files(files: dict[Path, bytes], force: bool = False) -> list[Path]:
    """Write several files atomically, none of them if any exists already (unless ``force``).

    Every target is checked before any is written; if a write fails, the files this call created
    are removed again, so a set of outputs is never left half written.
    """
    existing = [str(path) for path in files if path.exists()]
    if existing and not force:
        raise OutputExists(f"{', '.join(existing)} already exist{'s' if len(existing) == 1 else ''}; "
                           "add --force to overwrite, or choose another --out")
    created: list[Path] = []
    try:
        for path, data in files.items():
            new = not path.exists()
            write_atomically(path, data)
            if new:
                created.append(path)
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise
    return list(files)
