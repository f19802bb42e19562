"""``drafter batch``: render or follow up many sources, with a progress line or bar and a table.

The work itself is ``drafter.batch``; this module checks the options, shows progress and prints
the summary table, every cell escaped so that no file name can break it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.exits import EXIT_BUG, EXIT_INPUT
from drafter.inputs import sources
from drafter.terminal import fit, printable, say

#: Lines of the summary table written at a time (see _print_table).
_LINES_AT_A_TIME = 200

if TYPE_CHECKING:
    from rich.table import Table

    from drafter.batch import Outcome, Task


def batch_command(inputs: list[Path], out: Path, followup: bool, session: int | None,
                  lang: list[str], jobs: int | None, force: bool, author: str,
                  phrases: Path | None = None, fmt: str = "docx",
                  reference: Path | None = None) -> int:
    """`drafter batch`: render or follow up every source; 2 if any failed, 70 for a bug.
    ``jobs`` None: as many workers as the batch's size and the cores make worth it;
    ``reference``: --reference-docx, read once here for every worker."""
    from drafter.batch import Task, choose_jobs, run
    from drafter.readers.reference import ReadFailure, layout_for
    from drafter.writers.pdf import PdfFailure, soffice

    error = _check_arguments(inputs, out, followup, session, jobs)
    if error is None and followup and fmt == "txt":
        error = "--format txt goes with rendering; a follow-up writes docx, akn or pdf"
    if error is None and fmt == "pdf":
        try:
            soffice()
        except PdfFailure as failure:
            error = f"{failure}; nothing was written"
    layout = None
    if error is None:
        try:
            layout = layout_for(reference, fmt)
        except ReadFailure as failure:
            error = f"{failure}; nothing was written"
    if error:
        say(f"drafter: {error}", err=True)
        return EXIT_INPUT
    paths = sources(inputs)
    if not paths:
        say(f"drafter: no *.yaml sources in {', '.join(map(str, inputs))}", err=True)
        return EXIT_INPUT
    tasks = [Task(path, out, followup, session, tuple(lang), author, phrases, fmt, layout)
             for path in paths]
    if jobs is None:
        jobs = choose_jobs(len(tasks))
    if sys.stderr.isatty():
        outcomes = _with_progress_bar(tasks, jobs, force)
    else:
        outcomes = run(tasks, jobs, force, _plain_line(len(tasks)))
    _print_table(_table(outcomes))
    if any(outcome.bug for outcome in outcomes):
        return EXIT_BUG
    return EXIT_INPUT if any(not outcome.ok for outcome in outcomes) else 0


def _check_arguments(inputs: list[Path], out: Path, followup: bool, session: int | None,
                     jobs: int | None) -> str | None:
    from drafter.batch import max_jobs

    if followup and session is None:
        return "--followup needs --session N, the session of the new drafts"
    if session is not None and not followup:
        return "--session goes with --followup; without it, batch renders the sources as they are"
    if jobs is not None and jobs < 1:
        return f"--jobs {jobs}: give 1 or more worker processes"
    if jobs is not None and jobs > max_jobs():
        return f"--jobs {jobs}: give at most {max_jobs()} worker processes (four per core of this machine)"
    if out.exists() and not out.is_dir():
        return f"--out {out} is a file, not a directory"
    if not inputs:
        return "give the sources to process: files or directories of *.yaml"
    return None


def _plain_line(total: int) -> Callable[[int, Outcome], None]:
    def report(done: int, outcome: Outcome) -> None:
        status = "ok" if outcome.ok else f"failed: {outcome.reason[0]}"
        say(f"[{done}/{total}] {outcome.source.name} {status}", err=True)
        if done == 1:
            _import_table()
    return report


def _import_table() -> None:
    """Import what prints the table while the workers draft the other sources: rich costs 180
    million instructions, a seventh of a cold render, which before the workers started (or
    after they end) every batch waited for."""
    import rich.console  # noqa: F401
    import rich.table  # noqa: F401
    import rich.text  # noqa: F401


def _with_progress_bar(tasks: list[Task], jobs: int, force: bool) -> list[Outcome]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from drafter.batch import run

    columns = (TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    # Redrawn from this thread as each source finishes, not by rich's own thread: the workers
    # are forked from this process (drafter.batch), which must then run no other thread.
    with Progress(*columns, console=Console(stderr=True), transient=True,
                  auto_refresh=False) as progress:
        bar = progress.add_task("drafting", total=len(tasks))

        def report(done: int, outcome: Outcome) -> None:
            progress.update(bar, completed=done, description=printable(outcome.source.name),
                            refresh=True)
        return run(tasks, jobs, force, report)


def _print_table(table: Table) -> None:
    """Print the summary a few hundred lines at a time, the same characters as printing it
    whole: rich lays out every line of a table before it writes the first (8 MiB for 1,000
    sources), so the batch's memory grew with its size."""
    from rich.console import Console
    from rich.segment import Segment, Segments

    console = Console(soft_wrap=False)
    piece: list[Segment] = []
    lines = 0
    for segment in console.render(table):
        piece.append(segment)
        if segment.text.endswith("\n"):
            lines += 1
            if lines % _LINES_AT_A_TIME == 0:  # whole lines: rich crops each to the width
                console.print(Segments(piece), end="")
                piece = []
    console.print(Segments(piece), end="")


def _table(outcomes: Iterable[Outcome]) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(title="drafter batch")
    table.add_column("file", overflow="fold", ratio=2)
    table.add_column("outputs", no_wrap=True)
    table.add_column("status", overflow="fold", ratio=3)
    for outcome in outcomes:
        outputs = "\n".join(printable(path.name) for path in outcome.outputs)
        if outcome.ok:
            status = "ok" + (f", {outcome.notes} to review" if outcome.notes else "")
        else:
            status = "failed: " + "\n".join(map(printable, outcome.reason))
        # Text, not markup: a "[" in a file name or a message is shown as typed; and only what
        # the terminal can show, so that rich measures the columns right.
        table.add_row(*(Text(fit(cell)) for cell in (printable(_shown(outcome.source)), outputs,
                                                     status)))
    return table


def _shown(path: Path) -> str:
    """A source as the drafter typed it: relative to the current directory when inside it.

    Neither the path nor its links are resolved, so a link that loops or leads nowhere is shown
    like any other path.
    """
    try:
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except (ValueError, OSError):  # outside the current directory, or no current directory
        return str(path)
