"""The sources in the editor's folder: listing them, opening one by name, saving it safely.

The browser names a file, never a path: a name is a single ``*.yaml`` file name that must exist
directly in the folder (no separator, no ``..``, no link leading elsewhere), so nothing outside
the folder can be read or written. Saving refuses text that does not load (the last good source
stays on disk) and a file that changed on disk since the editor opened it (the version is the
hash of its bytes), and writes atomically.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

from drafter.regexes import compiled

if TYPE_CHECKING:  # the model and the loader load on first use, so that serve starts at once
    from drafter.phrasebook import PhraseBook

#: How many sources a folder listing shows, so a huge folder stays a quick page.
MAX_LISTED = 500
_NAME = compiled(r"^[A-Za-z0-9][A-Za-z0-9._ -]{0,120}\.ya?ml$")
_FILE = compiled(r"^[A-Za-z0-9][A-Za-z0-9._ -]{0,120}$")
#: What "Compare with…" accepts as the earlier version: what ``drafter compare`` reads.
COMPARABLE = (".yaml", ".yml", ".docx", ".txt")


class LibraryError(Exception):
    """A request about a file that cannot be met; the message says why, in one sentence."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class Conflict(LibraryError):
    """The file changed on disk since it was opened."""

    def __init__(self, message: str, version: str) -> None:
        super().__init__(message, 409)
        self.version = version


class Entry(Struct, frozen=True):
    """One source of the folder as the list page shows it."""

    name: str
    organization: str
    session: str
    stage: str
    findings: int | None  # None when the file does not load
    problem: str = ""


def version(data: bytes) -> str:
    """The version of a file's content that saving compares with."""
    return hashlib.sha256(data).hexdigest()


def source_path(root: Path, name: str) -> Path:
    """The file ``name`` directly inside ``root``; LibraryError for anything else."""
    if not _NAME.match(name) or name != Path(name).name:
        raise LibraryError("A source is named by its file name alone, ending in .yaml.", 404)
    return _inside(root, name)


def folder_file(root: Path, name: str, suffixes: tuple[str, ...]) -> Path:
    """An existing file of the folder with one of ``suffixes``, named by its file name alone."""
    if not _FILE.match(name) or name != Path(name).name or Path(name).suffix.lower() not in suffixes:
        raise LibraryError(f"Choose a file of the folder ending in {', '.join(suffixes)}.", 404)
    path = _inside(root, name)
    if not path.is_file():
        raise LibraryError(f"{name} is not in the folder (was it moved or deleted?).", 404)
    return path


def _inside(root: Path, name: str) -> Path:
    path = root / name
    try:
        inside = path.resolve(strict=False).parent == root.resolve()
    except (OSError, RuntimeError):  # a loop of links is a RuntimeError before Python 3.13
        inside = False
    if not inside:
        raise LibraryError(f"{name} is not a file of the editor's folder.", 404)
    return path


def read_source(root: Path, name: str) -> tuple[str, str]:
    """The text of a source and its version."""
    path = source_path(root, name)
    if not path.is_file():
        raise LibraryError(f"{name} is not in the folder (was it moved or deleted?).", 404)
    raw = _read(path)
    try:
        return raw.decode("utf-8"), version(raw)
    except UnicodeDecodeError:
        raise LibraryError(f"{name} is not UTF-8 text; save it as UTF-8 and reload.", 422) from None


def _read(path: Path) -> bytes:
    from drafter.source import MAX_BYTES

    with path.open("rb") as stream:
        raw = stream.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise LibraryError(f"{path.name} is larger than {MAX_BYTES // 1_000_000} MB; "
                           "a resolution's source is far smaller.", 413)
    return raw


def phrase_book(root: Path, name: str) -> PhraseBook:
    """The phrases a source of the folder may use: ``phrases.yaml`` beside it, as the commands
    find it; a book with mistakes is a LibraryError naming its line."""
    from drafter.phrasebook import book_for
    from drafter.source import SourceInvalid

    try:
        return book_for(source_path(root, name))
    except SourceInvalid as invalid:
        first = invalid.errors[0]
        raise LibraryError(f"The phrase book has a mistake: {first}.", 422) from None


def save_source(root: Path, name: str, text: str, opened: str | None, force: bool = False) -> str:
    """Write ``text`` over ``name`` if it loads and the file is still the version ``opened``
    (None: a new file, which must not exist yet); return the new version."""
    from drafter.output import OutputFailure, write_atomically
    from drafter.source import SourceInvalid, parse

    path = source_path(root, name)
    try:
        parse(text, name, phrase_book(root, name))
    except SourceInvalid as invalid:
        first = invalid.errors[0]
        raise LibraryError(f"Not saved: line {first.line}, column {first.column}: {first.message}. "
                           "The file on disk keeps its last good version.", 422) from None
    current = version(_read(path)) if path.is_file() else None
    if current != opened and not force:
        message = (f"{name} already exists." if opened is None else
                   f"{name} changed on disk since you opened it." if current else
                   f"{name} was deleted on disk since you opened it.")
        raise Conflict(message, current or "")
    data = text.encode("utf-8")
    try:
        write_atomically(path, data)
    except OutputFailure as failure:
        raise LibraryError(f"Not saved: {failure}.", 500) from None
    return version(data)


def source_names(root: Path) -> list[str]:
    """The sources of the folder by name: its YAML files but the phrase book."""
    from drafter.phrasebook import BESIDE

    return sorted(path.name for path in root.iterdir()
                  if path.is_file() and _NAME.match(path.name) and path.name != BESIDE)[:MAX_LISTED]


def comparable_names(root: Path) -> list[str]:
    """The files of the folder that "Compare with…" offers."""
    from drafter.phrasebook import BESIDE

    return sorted(path.name for path in root.iterdir()
                  if path.is_file() and _FILE.match(path.name) and path.name != BESIDE
                  and path.suffix.lower() in COMPARABLE)[:MAX_LISTED]


def list_sources(root: Path, templates: Path | None = None) -> list[Entry]:
    """The sources of the folder, by name, each with its findings count."""
    from drafter.web.preview import preview

    entries = []
    names = source_names(root)
    for name in names:
        try:
            text, _ = read_source(root, name)
        except LibraryError as error:
            entries.append(Entry(name, "", "", "", None, str(error)))
            continue
        try:
            book = phrase_book(root, name)
        except LibraryError as error:
            entries.append(Entry(name, "", "", "", None, str(error)))
            continue
        shown = preview(text, name, templates, book)
        data = shown.data or {}
        if shown.errors:
            first = shown.errors[0]
            problem = f"line {first['line']}: {first['message']}"
            entries.append(Entry(name, str(data.get("organization", "")),
                                 str(data.get("session", "")), str(data.get("stage", "")), None,
                                 problem))
            continue
        entries.append(Entry(name, str(data["organization"]), str(data["session"]),
                             str(data["stage"]), len(shown.findings)))
    return entries
