"""``drafter schema`` and ``drafter rules -o``: print a generated file, or write it only where
``-o`` says, replacing an existing file only with ``--force``."""

from __future__ import annotations

from pathlib import Path

from drafter.exits import EXIT_INPUT
from drafter.terminal import say, write_data


def write_or_print(text: str, output: Path | None, force: bool) -> int:
    """Print ``text`` as UTF-8 (it is data, so it is neither escaped nor degraded), or write it."""
    from drafter.output import OutputFailure, write_files

    if output is None:
        write_data(text)
        return 0
    if output.is_dir():
        say(f"drafter: -o {output} is a directory; give the name of the file to write", err=True)
        return EXIT_INPUT
    try:
        write_files({output: text.encode("utf-8")}, force)
    except OutputFailure as failure:
        say(f"drafter: {failure}", err=True)
        return EXIT_INPUT
    say(f"wrote {output}")
    return 0
