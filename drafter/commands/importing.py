"""``drafter import``: read a draft (DOCX or text, one or both languages) into a YAML source."""

from __future__ import annotations

import os
from pathlib import Path

from drafter.exits import EXIT_INPUT
from drafter.importer import ImportFailure, import_files
from drafter.language import LANGUAGES
from drafter.output import OutputExists, OutputFailure, check_target, write_files
from drafter.pairing import UNTRANSLATED
from drafter.phrasebook import BESIDE, book_for
from drafter.readers import ReadFailure
from drafter.resolution import Resolution
from drafter.source import SourceInvalid
from drafter.terminal import say


def import_command(file: Path, lang: str | None, pair: Path | None, output: Path,
                   force: bool) -> int:
    """Import FILE (and its other-language version PAIR) into the source OUTPUT.

    Prints its own messages and returns the exit code: 0 when written, 2 otherwise.
    """
    from drafter.yamlout import dump_resolution

    if lang is not None and lang not in LANGUAGES:
        return _fail(f"--lang takes {' or '.join(LANGUAGES)}, not {lang!r}")
    inputs = [file, *([pair] if pair else [])]
    try:
        check_target(output, inputs)
    except OutputFailure as failure:
        return _fail(str(failure))
    exists = f"{output} already exists; add --force to overwrite it, or choose another -o"
    if os.path.lexists(output) and not force:
        return _fail(exists)
    notes: list[str] = []
    try:
        book = book_for(file)
        resolution, only = import_files(file, pair, lang, notes, book)
    except SourceInvalid as invalid:
        say(*map(str, invalid.errors), err=True)
        return EXIT_INPUT
    except ReadFailure as failure:
        return _fail(str(failure))
    except ImportFailure as failure:
        return _fail(f"{file}: {failure}")
    sources = [str(file)] + ([str(pair)] if pair else [])
    header = [f"Imported by `drafter import` from {' and '.join(sources)}."]
    if only is not None:
        header.append(f"Prose marked {UNTRANSLATED.strip()} is a copy of the {only} text: "
                      "translate it before rendering.")
    used = _book_used(resolution)
    if used and book_for(output) != book:
        header.append(f"Keys from the phrase book {' and '.join(book.files)}: {', '.join(used)}; "
                      f"keep the book beside this source as {BESIDE}, or give it with --phrases.")
    header += [f"Review: {note}." for note in notes]
    try:
        text = dump_resolution(resolution, header, _previous_source(output), book_keys=True)
        # Checked again under the folder's lock: of two drafters writing one name, one wins.
        write_files({output: text.encode("utf-8")}, force=force, keep=inputs)
    except OutputExists:
        return _fail(exists)
    except OutputFailure as failure:
        return _fail(str(failure))
    say(f"wrote {output}")
    for note in notes:
        say(f"  review: {note}")
    return 0


def _book_used(resolution: Resolution) -> list[str]:
    """The phrase-book keys the imported source names."""
    phrases = [*(p.opener for p in resolution.preamble), *(p.verb for p in resolution.operative)]
    return list(dict.fromkeys(key for phrase in phrases if (key := getattr(phrase, "key", None))))


def _previous_source(output: Path) -> str | None:
    """The source that --force replaces, when it is one: its comments and layout are kept."""
    from drafter.source import SourceInvalid, load

    if not output.is_file():
        return None
    try:
        load(output)
    except SourceInvalid:
        return None
    return output.read_text(encoding="utf-8")


def _fail(message: str) -> int:
    say(f"drafter: {message}", err=True)
    return EXIT_INPUT
