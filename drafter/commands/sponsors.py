"""``drafter sponsors``: list a draft's sponsors, or add and remove co-sponsors between versions.

The source is rewritten through the round trip of ``drafter.yamlout``: only the sponsors lines
change, and its comments, key order, quoting and wrapping stay. Written as any command writes:
whole or not at all, and over an existing file (FILE itself included) only with --force.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from drafter.exits import EXIT_INPUT
from drafter.output import OutputExists, OutputFailure, write_files
from drafter.resolution import Prose
from drafter.source import SourceInvalid
from drafter.terminal import has_controls, say

#: What separates the English and the French name in --add.
SEPARATOR = "|"


class SponsorsFailure(Exception):
    """A change that cannot be made, with a sentence saying what to type instead."""


def sponsors_command(file: Path, add: list[str], remove: list[str], output: Path | None,
                     force: bool) -> int:
    """List FILE's sponsors, or write it (or OUTPUT) with sponsors added and removed.

    Prints its own messages and returns the exit code: 0 when done, 2 otherwise.
    """
    from drafter.source import load

    target = output or file
    if (add or remove) and os.path.lexists(target) and not force:
        return _fail(_exists(file, target))
    try:
        resolution = load(file)
    except SourceInvalid as invalid:
        say(*map(str, invalid.errors), err=True)
        return EXIT_INPUT
    except OSError as error:
        return _fail(f"cannot read {file}: {error.strerror or error}")
    if not add and not remove:
        _list(file, resolution.sponsors)
        return 0
    try:
        sponsors, notes = change(resolution.sponsors, [parse_name(text) for text in add], remove)
    except SponsorsFailure as failure:
        return _fail(f"{file}: {failure}")
    for note in notes:
        say(note)
    if sponsors == resolution.sponsors and target == file:
        say(f"{file} is unchanged")
        return 0
    from drafter.yamlout import dump_resolution

    changed = resolution.model_copy(update={"sponsors": sponsors})
    text = dump_resolution(changed, previous=file.read_text(encoding="utf-8"), book_keys=True)
    try:
        write_files({target: text.encode("utf-8")}, force=force)
    except OutputExists:
        return _fail(_exists(file, target))
    except OutputFailure as failure:
        return _fail(str(failure))
    say(f"wrote {target}")
    _list(target, sponsors)
    return 0


def parse_name(text: str) -> Prose:
    """A sponsor as typed after --add: "Kyrgyzstan|Kirghizistan"."""
    if has_controls(text):  # an escape or a line break would make a source drafter refuses
        raise SponsorsFailure(f"--add {text!r} is not a plain name: give it without control "
                              "characters (line breaks, tabs, escapes)")
    english, separator, french = text.partition(SEPARATOR)
    english, french = english.strip(), french.strip()
    if not separator or not english or not french or SEPARATOR in french:
        raise SponsorsFailure(f"--add {text!r} needs the name in English and in French, "
                              f"separated by {SEPARATOR}: --add \"Kyrgyzstan{SEPARATOR}Kirghizistan\"")
    try:
        return Prose(en=english, fr=french)
    except ValueError as error:  # markup in a name: braces are tags
        raise SponsorsFailure(f"--add {text!r} is not a name: {_first_error(error)}") from None


def change(sponsors: list[Prose], added: list[Prose],
           removed: list[str]) -> tuple[list[Prose], list[str]]:
    """The sponsors with ``removed`` (a name in either language) taken out and ``added`` put
    in, and a note for each name that was already there. A list in English alphabetical order
    stays in that order; any other list gets the new names at its end."""
    out = list(sponsors)
    notes: list[str] = []
    for name in removed:
        found = [sponsor for sponsor in out if _key(name) in (_key(sponsor.en), _key(sponsor.fr))]
        if not found:
            listed = ", ".join(sponsor.en for sponsor in out) or "none"
            raise SponsorsFailure(f"--remove {name!r} is not among the sponsors ({listed})")
        out.remove(found[0])
    ordered = out == sorted(out, key=lambda sponsor: _key(sponsor.en))
    for sponsor in added:
        known = next((other for other in out if _key(sponsor.en) == _key(other.en)
                      or _key(sponsor.fr) == _key(other.fr)), None)
        if known is not None:
            notes.append(f"{known.en} is already a sponsor")
            continue
        out.append(sponsor)
        if ordered:
            out.sort(key=lambda item: _key(item.en))
    return out, notes


def _key(name: str) -> str:
    """A name as compared and sorted: without accents or case ("Côte d'Ivoire", "Türkiye")."""
    decomposed = unicodedata.normalize("NFKD", " ".join(name.split()))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def _list(file: Path, sponsors: list[Prose]) -> None:
    if not sponsors:
        say(f"{file}: no sponsors yet; add them with --add \"English{SEPARATOR}Français\"")
        return
    say(f"{file}: {len(sponsors)} sponsor{'s' if len(sponsors) > 1 else ''}")
    for sponsor in sponsors:
        say(f"  {sponsor.en} {SEPARATOR} {sponsor.fr}")


def _exists(file: Path, target: Path) -> str:
    if target == file:
        return (f"{file} would be changed in place; add --force to update it, or -o NEW.yaml to "
                "write the changed source to another file")
    return f"{target} already exists; add --force to overwrite it, or choose another -o"


def _first_error(error: ValueError) -> str:
    errors = getattr(error, "errors", None)
    return str(errors()[0]["msg"]) if callable(errors) else str(error)


def _fail(message: str) -> int:
    say(f"drafter: {message}", err=True)
    return EXIT_INPUT

