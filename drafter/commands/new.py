"""``drafter new``: write (or print) the first-draft source of an organization and a session."""

from __future__ import annotations

import os
from pathlib import Path

from drafter.exits import EXIT_INPUT


def new_command(org: str, session: int, output: Path | None, force: bool) -> int:
    """`drafter new`: write (or print) a first-draft source; return the exit code."""
    from drafter.first_draft import NewDraftError, header, new_resolution
    from drafter.output import OutputExists, OutputFailure, write_files
    from drafter.terminal import say, write_data
    from drafter.yamlout import dump_resolution

    try:
        resolution = new_resolution(org, session)
    except NewDraftError as error:
        say(f"drafter: {error}", err=True)
        return EXIT_INPUT
    text = dump_resolution(resolution, header(resolution))
    if output is None:
        write_data(text)
        return 0
    if output.is_dir():
        say(f"drafter: -o {output} is a directory; give a file name such as "
            f"{output / f'{org}-{session}.yaml'}", err=True)
        return EXIT_INPUT
    exists = f"{output} already exists; add --force to overwrite it, or choose another -o"
    if os.path.lexists(output) and not force:
        say(f"drafter: {exists}", err=True)
        return EXIT_INPUT
    try:
        # Checked again under the folder's lock: of two drafters writing one name, one wins.
        write_files({output: text.encode("utf-8")}, force=force)
    except OutputExists:
        say(f"drafter: {exists}", err=True)
        return EXIT_INPUT
    except OutputFailure as failure:
        say(f"drafter: {failure}", err=True)
        return EXIT_INPUT
    say(f"wrote {output}", err=True)
    return 0
