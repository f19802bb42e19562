"""drafter.regexes: patterns compiled once per installation, the same patterns as re.compile's."""

from __future__ import annotations

import re

import pytest

from drafter import regexes
from drafter.cache_entries import cache_folder

PATTERNS = [
    (r"(?<![\w/.-])(?P<number>\d{1,3}/\d{1,4})(?: of (?P<date>\d{1,2} \w+ \d{4}))?", 0),
    (r"\b(?P<session>[a-zé]+(?:-[a-zé]+)*(?:ième|ème)) session", re.IGNORECASE),
    (r"[^\t\n\r -~\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", 0),
    (r"(?x) a [ ]+ b  # verbose", 0),
    ("«[ \u00a0\u202f]*(?=\\S)", 0),
]
TEXT = "Recalling its resolution 77/13 of 21 November 2022 « vu » and a  b, soixante-dix-neuvième Session"


@pytest.fixture
def table(tmp_path, monkeypatch):
    """A cache folder of its own, and a table not yet read."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(regexes, "_TABLE", regexes._Table())
    return tmp_path


def _start_again(monkeypatch) -> None:
    """What a new process knows: nothing but the cache folder."""
    monkeypatch.setattr(regexes, "_TABLE", regexes._Table())


def _same(mine: re.Pattern[str], theirs: re.Pattern[str]) -> None:
    assert mine == theirs  # same pattern, flags and engine code
    assert (mine.flags, mine.groups, mine.groupindex) == (theirs.flags, theirs.groups, theirs.groupindex)
    assert [match.groupdict() for match in mine.finditer(TEXT)] == \
        [match.groupdict() for match in theirs.finditer(TEXT)]


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_a_kept_pattern_is_the_pattern_re_compiles(table, monkeypatch, pattern, flags) -> None:
    _same(regexes.compiled(pattern, flags), re.compile(pattern, flags))  # a miss
    regexes.keep()
    _start_again(monkeypatch)
    handed: list[str] = []
    engine = regexes._sre.compile
    monkeypatch.setattr(regexes._sre, "compile", lambda *given: handed.append(given[0]) or engine(*given))
    _same(regexes.compiled(pattern, flags), re.compile(pattern, flags))  # a hit
    assert handed == [pattern]


def test_the_table_is_written_only_when_a_run_compiled_something_new(table, monkeypatch) -> None:
    regexes.keep()
    assert not cache_folder("regex").exists()  # nothing compiled, nothing written
    regexes.compiled(*PATTERNS[0])
    regexes.keep()
    [entry] = cache_folder("regex").iterdir()
    written = entry.stat().st_mtime_ns
    _start_again(monkeypatch)
    regexes.compiled(*PATTERNS[0])
    regexes.keep()
    assert entry.stat().st_mtime_ns == written


def test_a_damaged_table_or_a_program_the_engine_refuses_is_a_miss(table, monkeypatch) -> None:
    pattern, flags = PATTERNS[0]
    regexes.compiled(pattern, flags)
    regexes.keep()
    [entry] = cache_folder("regex").iterdir()
    entry.write_bytes(entry.read_bytes()[:-7])  # the digest no longer matches
    _start_again(monkeypatch)
    _same(regexes.compiled(pattern, flags), re.compile(pattern, flags))
    _start_again(monkeypatch)
    regexes._TABLE.programs = {(pattern, flags): (0, [999, 999], 0, {}, (None,))}  # not a program
    _same(regexes.compiled(pattern, flags), re.compile(pattern, flags))


def test_another_python_build_has_a_table_of_its_own(table, monkeypatch) -> None:
    regexes.compiled(*PATTERNS[0])
    regexes.keep()
    monkeypatch.setattr(regexes.sys, "version", "3.99.0 (elsewhere)")
    _start_again(monkeypatch)
    assert regexes._TABLE.programs_kept() == {}


def test_the_table_stops_growing(table, monkeypatch) -> None:
    monkeypatch.setattr(regexes, "MAX_PATTERNS", 3)
    for number in range(10):
        regexes.compiled(f"word{number}")
    assert len(regexes._TABLE.programs_kept()) == 3


def test_a_library_imported_meanwhile_gets_its_patterns_from_the_table(table, monkeypatch) -> None:
    """PyYAML, imported by drafter.source, compiles its patterns with re.compile."""
    import os
    import subprocess
    import sys

    script = "\n".join([
        "import re",
        "from drafter import regexes",
        "with regexes.kept_while_importing():",
        "    import yaml",
        "assert re.compile is regexes._RE_COMPILE",  # given back
        "pattern = yaml.reader.Reader.NON_PRINTABLE",
        "assert pattern == re.compile(pattern.pattern)",
        "regexes.keep()",
    ])
    for _ in range(2):  # a miss, then a hit
        subprocess.run([sys.executable, "-c", script], check=True,
                       env={**os.environ, "XDG_CACHE_HOME": str(table)})
    _start_again(monkeypatch)
    assert any("\\x85" in pattern or "\x85" in pattern for pattern, _ in regexes._TABLE.programs_kept())
