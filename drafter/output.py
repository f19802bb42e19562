"""Writing files safely: a command's files as one set, whole or not at all, never over an existing
file unless asked, and never mixed with the files of another drafter writing the same names.

How ``write_files`` writes a set into a folder:

1. Stage. A hidden folder ``.drafter-XXXX.tmp`` beside the targets receives every file (in
   ``new/``). Its owner holds a lock on it for its whole life, so another drafter can tell a set
   being written from one that a killed drafter left behind. A full disk fails here, before any
   target is touched.
2. Commit, under an exclusive lock on the output folder: first finish what killed drafters left
   (``recover``), then check that no target exists (unless ``force``), write the list of targets
   (``commit``: from here on the set is complete in the staging folder), and rename each file
   into place, an existing one moved into ``old/`` first.
3. If a rename fails, every file already moved is taken back and the old ones are restored.

A set killed while it was staged never touched the targets and is removed by the next write into
that folder; a set killed while it was renamed is completed by it. Folder locks are ``flock`` on
the folder itself, so no lock file is left behind; Windows has no ``flock``, and there a set is
staged and committed the same way but not locked against a concurrent drafter.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

#: The staging folders of write_files: ``.drafter-<random>.tmp``.
STAGING_PREFIX, STAGING_SUFFIX = ".drafter-", ".tmp"
#: How long a write waits for another drafter's commit into the same folder (commits take
#: milliseconds; a drafter stopped with Ctrl-Z would hold the lock for ever).
LOCK_SECONDS = 60.0
_COMMIT = "commit"


class OutputFailure(Exception):
    """A file that could not be written; the message names it and says why."""


class OutputExists(OutputFailure):
    """Files that would be overwritten without --force; the message names them."""


def write_atomically(path: Path, data: bytes, keep: Iterable[Path] = ()) -> None:
    """Write one file whole, replacing it if it exists (its caller asked before)."""
    write_files({path: data}, force=True, keep=keep)


def write_files(files: dict[Path, bytes], force: bool = False, keep: Iterable[Path] = ()) -> list[Path]:
    """Write the files (all in one folder) as one set: all of them, or none.

    Without ``force`` nothing is written if any target exists, checked under the folder's lock,
    so of two drafters writing the same names exactly one succeeds. With ``force``, either every
    target is replaced or every old file is kept. Even with ``force``, no target may be one of
    the files ``keep`` names (the command's inputs) or a device, pipe or socket: the rename would
    lose the draft being read, or put a file where /dev/null was.
    """
    if not files:
        return []
    folders = {path.parent for path in files}
    if len(folders) != 1:
        raise ValueError(f"write_files writes into one folder, not {sorted(map(str, folders))}")
    folder = folders.pop()
    first = next(iter(files))
    _make_folder(folder, first)
    keep = list(keep)
    for path in files:
        check_target(path, keep)
    staging = _Staging.create(folder, first)
    try:
        staging.write(files)
        with _locked(folder, first):
            recover(folder)
            existing = [str(path) for path in files if os.path.lexists(path)]
            if existing and not force:
                one = len(existing) == 1
                raise OutputExists(f"{', '.join(existing)} already exist{'s' if one else ''}; add "
                                   f"--force to replace {'it' if one else 'them'}, or write elsewhere")
            staging.commit([path.name for path in files])
    finally:
        staging.close()
    return list(files)


def recover(folder: Path) -> list[Path]:
    """Finish the sets that killed drafters left in ``folder``; return the files completed.

    A set with its commit list is completed (its files were all staged and some already renamed);
    one without is removed (no target was touched). Sets whose owner still runs are left alone.
    """
    completed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return completed
    for entry in entries:
        if not (entry.name.startswith(STAGING_PREFIX) and entry.name.endswith(STAGING_SUFFIX)
                and entry.is_dir(follow_symlinks=False)):
            continue
        staging = _Staging.abandoned(Path(entry.path))
        if staging is not None:
            completed += staging.finish()
    return completed


class _Staging:
    """One staging folder: the new files, the old ones moved aside, and its owner's lock."""

    def __init__(self, path: Path, handle: int) -> None:
        self.path = path
        self.handle = handle  # the open folder, locked for as long as its owner runs
        self.folder = path.parent
        self.moved: list[tuple[str, bool]] = []  # names renamed into place, and if one was there
        self.keep = False  # a set that could not be put back stays for recover() to complete

    @classmethod
    def create(cls, folder: Path, first: Path) -> _Staging:
        # Made under the folder's lock, so that no recover() sees it before its owner locks it.
        with _locked(folder, first):
            try:
                path = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, suffix=STAGING_SUFFIX,
                                             dir=folder))
            except OSError as error:
                raise _failure(first, error) from None
            handle = _open(path)
            _try_lock(handle)
            (path / "new").mkdir()
            (path / "old").mkdir()
        return cls(path, handle)

    @classmethod
    def abandoned(cls, path: Path) -> _Staging | None:
        """The staging folder at ``path`` if its owner is gone, else None (always None where
        there are no locks to tell)."""
        if _NO_LOCKS:
            return None
        try:
            handle = _open(path)
        except OSError:
            return None
        if not _try_lock(handle):
            _close(handle)
            return None
        return cls(path, handle)

    def write(self, files: dict[Path, bytes]) -> None:
        for path, data in files.items():
            try:
                descriptor = os.open(self.path / "new" / path.name,
                                     os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # umask applies
                with os.fdopen(descriptor, "wb") as stream:
                    stream.write(data)
            except OSError as error:
                raise _failure(path, error) from None

    def commit(self, names: list[str]) -> None:
        """Rename every staged file into place; on failure, put everything back as it was."""
        current = self.folder / names[0]
        try:
            _write_json(self.path / _COMMIT, {"targets": names})
            for name in names:
                current = self.folder / name
                existed = os.path.lexists(current)
                if existed:
                    os.replace(current, self.path / "old" / name)
                self.moved.append((name, existed))
                os.replace(self.path / "new" / name, current)
        except BaseException as error:
            try:
                self._roll_back()
            except OSError:
                self.keep = True  # complete in here: the next write into the folder finishes it
            if isinstance(error, OSError):
                raise _failure(current, error) from None
            raise

    def finish(self) -> list[Path]:
        """Complete an abandoned set that had its commit list, or drop one that had not."""
        completed = []
        try:
            names = json.loads((self.path / _COMMIT).read_text(encoding="utf-8"))["targets"]
        except (OSError, ValueError, KeyError, TypeError):
            names = []  # never committed: no target was touched
        try:
            for name in names if isinstance(names, list) else []:
                staged = self.path / "new" / str(name)
                if _plain_name(name) and staged.is_file() and not staged.is_symlink():
                    os.replace(staged, self.folder / name)
                    completed.append(self.folder / name)
        except OSError:
            self.keep = True  # left as it is for a later write to try again
        self.close()
        return completed

    def close(self) -> None:
        if not self.keep:
            shutil.rmtree(self.path, ignore_errors=True)
        _close(self.handle)

    def _roll_back(self) -> None:
        for name, existed in reversed(self.moved):
            target = self.folder / name
            if os.path.lexists(target) and not (self.path / "new" / name).exists():
                os.replace(target, self.path / "new" / name)
            if existed:
                os.replace(self.path / "old" / name, target)
        (self.path / _COMMIT).unlink(missing_ok=True)


def check_target(path: Path, keep: Iterable[Path] = ()) -> None:
    """Raise OutputFailure if ``path`` may not be written even with --force: a directory, a
    device, pipe or socket, or one of the files ``keep`` names."""
    if path.is_dir() and not path.is_symlink():
        raise OutputFailure(f"cannot write {path}: it is a directory")
    try:
        found = path.stat()
    except (OSError, ValueError):
        return  # nothing there yet, or a link to nothing: written as usual
    if any(_identity(other) == (found.st_dev, found.st_ino) for other in keep):
        raise OutputFailure(f"cannot write {path}: it is a file this command reads; "
                            "write the result elsewhere")
    if not (stat.S_ISREG(found.st_mode) or stat.S_ISDIR(found.st_mode)):
        raise OutputFailure(f"cannot write {path}: it is a device, a pipe or a socket, "
                            "not a file; write to a file")


def _identity(path: Path) -> tuple[int, int] | None:
    """The device and inode of the file at ``path`` (links followed), None if there is none."""
    try:
        found = path.stat()
    except (OSError, ValueError):
        return None
    return found.st_dev, found.st_ino


def _plain_name(name: object) -> bool:
    """A file name with no folder in it (a commit list is read back from disk)."""
    return (isinstance(name, str) and name not in ("", ".", "..") and "/" not in name
            and os.sep not in name and "\0" not in name)


def _write_json(path: Path, data: object) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data), encoding="utf-8")
    os.replace(partial, path)


def _make_folder(folder: Path, first: Path) -> None:
    blocking = next((parent for parent in (folder, *folder.parents)
                     if parent.exists() and not parent.is_dir()), None)
    if blocking is not None:
        raise OutputFailure(f"cannot write {first}: {blocking} is a file, not a directory")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _failure(first, error) from None


def _failure(path: Path, error: OSError) -> OutputFailure:
    return OutputFailure(f"cannot write {path}: {error.strerror or error}")


@contextmanager
def _locked(folder: Path, first: Path) -> Iterator[None]:
    """Hold the exclusive lock on ``folder``, waiting up to LOCK_SECONDS for another drafter."""
    try:
        handle = _open(folder)
    except OSError as error:
        raise _failure(first, error) from None
    try:
        deadline = time.monotonic() + LOCK_SECONDS
        while not _try_lock(handle):
            if time.monotonic() > deadline:
                raise OutputFailure(f"cannot write {first}: another drafter has been writing into "
                                    f"{folder} for {LOCK_SECONDS:.0f} seconds; try again")
            time.sleep(0.02)
        yield
    finally:
        _close(handle)  # closing the folder releases its lock


_NO_LOCKS = sys.platform == "win32"


def _open(folder: Path) -> int:
    """An open handle on a folder, to lock it (-1 where there are no locks)."""
    return -1 if _NO_LOCKS else os.open(folder, os.O_RDONLY)


def _close(handle: int) -> None:
    if handle >= 0:
        os.close(handle)


def _try_lock(handle: int) -> bool:
    """Take the exclusive flock on an open folder; False if another process holds it."""
    if sys.platform == "win32":
        return True
    import fcntl

    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        return True  # a file system without locks (some network shares): write unlocked
    return True
