"""drafter's command line run in this process, as the console script runs it (the safety net of
``cli.main`` included), so a probe sees the exit code a user would see: 70 only for a bug.

In process, because the fuzz tests run hundreds of commands and a fresh interpreter costs half a
second each. A time guard stops a command that hangs: it raises a BaseException, which no
``except Exception`` in drafter can swallow and turn into an exit code.
"""

from __future__ import annotations

import io
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from drafter.cli import main

#: What a finished command may exit with: 0 done, 1 findings (validate), 2 bad input.
FINISHED = (0, 1, 2)
BUG = 70


class Hang(BaseException):
    """A command ran past its time guard."""


@dataclass(frozen=True, slots=True)
class Ran:
    """One command's exit code and what it printed."""

    args: tuple[str, ...]
    code: int
    out: str
    err: str

    def __str__(self) -> str:
        return f"drafter {' '.join(self.args)} -> {self.code}\n{self.out[-2000:]}\n{self.err[-2000:]}"


def drafter(*args: object, seconds: int = 120) -> Ran:
    """``drafter ARGS`` in this process: exit code, stdout and stderr (UTF-8)."""
    words = tuple(map(str, args))
    out, err = _stream(), _stream()
    saved = sys.argv, sys.stdout, sys.stderr, os.environ.pop("DRAFTER_DEBUG", None)
    sys.argv, sys.stdout, sys.stderr = ["drafter", *words], out, err
    code: int = 0
    try:
        with bounded(seconds, " ".join(words)):
            main()
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    finally:
        sys.argv, sys.stdout, sys.stderr = saved[:3]
        if saved[3] is not None:
            os.environ["DRAFTER_DEBUG"] = saved[3]
    return Ran(words, code, _text(out), _text(err))


def finished(*args: object, allowed: tuple[int, ...] = FINISHED, seconds: int = 120) -> Ran:
    """``drafter ARGS``, asserting that it ended with one of ``allowed`` (never a bug, never a
    traceback) and that every message it printed is one line without control characters."""
    ran = drafter(*args, seconds=seconds)
    assert ran.code in allowed, str(ran)
    assert "Traceback" not in ran.err, str(ran)
    assert "\x1b" not in ran.out + ran.err, str(ran)
    return ran


@contextmanager
def bounded(seconds: int, what: str) -> Iterator[None]:
    """Stop what runs inside after ``seconds`` (on the main thread, where pytest runs tests)."""
    def hang(signum: int, frame: object) -> None:
        raise Hang(f"drafter {what} ran for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def written(folder: Path) -> list[str]:
    """Every file under ``folder`` (hidden ones too), by relative name."""
    if not folder.exists():
        return []
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if not path.is_dir())


def _stream() -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace",
                            write_through=True)


def _text(stream: io.TextIOWrapper) -> str:
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8", "replace")
