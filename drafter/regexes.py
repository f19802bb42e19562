"""drafter's regular expressions, compiled once per installation rather than at every start.

Python compiles a pattern in Python (``re._parser`` reads it, ``re._compiler`` turns it into a
program for the matching engine): drafter's two hundred patterns, most of them built from the
language data, were a tenth of a cold ``drafter validate``. The program of each pattern is kept
in the user's cache folder (``$XDG_CACHE_HOME/drafter/regex``), one table per Python build, and
handed to the engine directly at later starts, as ``re.compile`` itself hands it. Each program is
kept marshalled on its own and read when its pattern is first asked for: a command reads the
programs it uses, not the two hundred of every command that ran before. The table is
checked like every cache entry (format, key, digest of its content); anything else is a miss,
and a miss compiles the pattern with ``re.compile`` as before. The standard library has no such
cache, so it is written here, on the few internals that ``re.compile`` itself is made of; if they
change in another Python, every pattern is a miss.
"""

from __future__ import annotations

import hashlib
import marshal
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from drafter.cache_entries import MAX_ENTRY_BYTES, cache_folder, read_entry, write_entry

try:  # the engine and the two halves of re.compile (CPython)
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: no table, re.compile only
    _sre = None  # type: ignore[assignment]

_FORMAT = "drafter-regex-cache 2"
#: A program: the flags, the engine's code, the number of groups, and the group names both ways.
Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
#: Patterns built from a phrase book differ from book to book: the table stops growing here.
MAX_PATTERNS = 2_000


class _Table:
    """The kept programs, read once per process; those added in it are written by ``keep``."""

    def __init__(self) -> None:
        self.programs: dict[tuple[str, int], bytes] | None = None  # each program marshalled
        self.added = False

    def programs_kept(self) -> dict[tuple[str, int], bytes]:
        if self.programs is None:
            self.programs = _read()
        return self.programs


_TABLE = _Table()
_RE_COMPILE = re.compile


def compiled(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the kept program when there is one."""
    flags = int(flags)
    if _sre is None:
        return _RE_COMPILE(pattern, flags)
    programs = _TABLE.programs_kept()
    kept = programs.get((pattern, flags))
    if kept is not None:
        try:
            return _sre.compile(pattern, *marshal.loads(kept))  # type: ignore[no-any-return]
        except Exception:  # a damaged program, or one this engine refuses (invalid SRE code)
            del programs[(pattern, flags)]
    found = _RE_COMPILE(pattern, flags)
    if len(programs) < MAX_PATTERNS and isinstance(pattern, str):
        programs[(pattern, flags)] = marshal.dumps(_program(pattern, flags))
        _TABLE.added = True
    return found


@contextmanager
def kept_while_importing() -> Iterator[None]:
    """Patterns from the table for a library being imported: PyYAML compiles a dozen as it is
    imported (60 of the 85 million instructions of ``import yaml``, 5 % of a cold render), with
    ``re.compile``, which answers from the table meanwhile. The patterns are the same either
    way, and drafter runs no other thread while it starts."""
    re.compile = compiled  # type: ignore[assignment]
    try:
        yield
    finally:
        re.compile = _RE_COMPILE


def keep() -> None:
    """Write the table if this process compiled patterns it did not hold (a command calls this
    once, when it is done; a table that cannot be written only means compiling next time)."""
    if not _TABLE.added or _TABLE.programs is None:
        return
    try:
        payload = marshal.dumps(_TABLE.programs)
    except ValueError:
        return
    if len(payload) < MAX_ENTRY_BYTES:
        write_entry(cache_folder("regex"), _key(), _FORMAT, payload)
    _TABLE.added = False


def _program(pattern: str, flags: int) -> Program:
    """What ``re._compiler.compile`` gives the engine for this pattern."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # The code's opcodes are named int constants, which marshal does not keep: plain ints.
    return (int(flags | parsed.state.flags), [int(word) for word in code],
            parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _key() -> str:
    """One table per Python build and engine version: a program is valid for those only."""
    build = f"{_FORMAT}\0{sys.version}\0{sys.implementation.cache_tag}\0{_sre.MAGIC}\0{_sre.CODESIZE}"
    return hashlib.sha256(build.encode()).hexdigest()


def _read() -> dict[tuple[str, int], bytes]:
    key = _key()
    payload = read_entry(cache_folder("regex") / key, key, _FORMAT)
    if payload is None:
        return {}
    try:
        table: Any = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return {}
    return table if isinstance(table, dict) else {}
