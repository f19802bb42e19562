"""Render, or follow up, many sources at once, spread over processes, one failure isolating.

Workers only compute: each turns one source into its output files as bytes. The parent alone
writes, so that it can refuse two sources that would write the same file, check every target
before writing any, and write atomically. Results are written as they arrive and then dropped,
and at most a few sources are in flight per worker, so memory does not grow with the batch.
Workers start from a clean interpreter (forkserver or spawn, never a fork of a parent that may
run a progress thread), so a Python script that calls this module needs the usual
``if __name__ == "__main__":`` guard; if workers die anyway, their sources fail with a reason.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

EXIT_FAILED = 2
#: Sources in flight per worker: enough to keep workers busy, few enough to bound memory.
_AHEAD = 2


@dataclass(frozen=True, slots=True)
class Task:
    """One source to process, and where its outputs go."""

    source: Path
    out: Path
    followup: bool
    session: int | None
    languages: tuple[str, ...]
    author: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one source: the files written, or why none were."""

    source: Path
    outputs: tuple[Path, ...] = ()
    reason: str | None = None
    notes: int = 0

    @property
    def ok(self) -> bool:
        return self.reason is None


@dataclass(frozen=True, slots=True)
class _Computed:
    files: dict[str, bytes]
    notes: int


def sources(inputs: list[Path]) -> list[Path]:
    """Files as given, directories as their *.yaml files in name order, each path once."""
    found: list[Path] = []
    for path in inputs:
        found.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return list(dict.fromkeys(found))


def compute(task: Task) -> _Computed | str:
    """The output files of one source, or the reason there are none (runs in a worker)."""
    from drafter.followup import (
        FollowUpError,
        follow_up,
        followup_files,
        languages_of,
        named,
        read_previous,
        with_reading_note,
    )
    from drafter.render import RenderFailure, render_bytes
    from drafter.source import SourceInvalid, load

    try:
        if not task.source.is_file():
            return f"{task.source}: no such file"
        if task.followup:
            previous = read_previous(task.source)
            languages = languages_of(previous, list(task.languages))
            result = with_reading_note(
                follow_up(previous.resolution, task.session or 0, None, None), previous)
            return _Computed(followup_files(previous.resolution, result, languages, task.author),
                             len(result.notes))
        if task.source.suffix.lower() not in (".yaml", ".yml"):
            return f"{task.source}: batch renders YAML sources; Word and text files are followed up"
        resolution = load(task.source)
        return _Computed({f"{task.source.stem}.{lang}.docx":
                          render_bytes(resolution, lang, "docx", source=task.source)
                          for lang in task.languages}, 0)
    except SourceInvalid as invalid:
        return str(invalid)
    except (FollowUpError, RenderFailure) as failure:
        return named(task.source, str(failure))
    except Exception as error:  # noqa: BLE001 — one source's bug must not stop the batch
        return f"{task.source}: unexpected error, please report it: {type(error).__name__}: {error}"


def run(tasks: list[Task], jobs: int, force: bool,
        report: Callable[[int, Outcome], None]) -> list[Outcome]:
    """Process every task, writing outputs as results arrive; ``report`` hears of each as it
    finishes. The outcomes come back in the order of the tasks."""
    from drafter.output import OutputExists, OutputFailure, write_files

    claimed: dict[Path, Path] = {}
    outcomes: list[Outcome] = []
    for done, (task, computed) in enumerate(_results(tasks, jobs), start=1):
        if isinstance(computed, str):
            outcome = Outcome(task.source, reason=computed)
        else:
            targets = {task.out / name: blob for name, blob in computed.files.items()}
            clash = next((path for path in targets if path in claimed), None)
            try:
                if clash is not None:
                    raise OutputExists(f"{clash} is written for {claimed[clash]} in this batch; "
                                       "give each source its own organization and session")
                written = write_files(targets, force)
                claimed.update(dict.fromkeys(written, task.source))
                outcome = Outcome(task.source, tuple(written), notes=computed.notes)
            except OutputFailure as error:
                outcome = Outcome(task.source, reason=f"{task.source}: {error}")
        outcomes.append(outcome)
        report(done, outcome)
    order = {task.source: index for index, task in enumerate(tasks)}
    return sorted(outcomes, key=lambda outcome: order[outcome.source])


def _results(tasks: list[Task], jobs: int) -> Iterator[tuple[Task, _Computed | str]]:
    """Each task with its result, in the order they finish; in-process when jobs is 1."""
    if jobs <= 1:
        for task in tasks:
            yield task, compute(task)
        return
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_context()) as pool:
        pending: dict[Future[_Computed | str], Task] = {}
        submitted = 0
        try:
            while True:
                while submitted < len(tasks) and len(pending) < jobs * _AHEAD:
                    pending[pool.submit(compute, tasks[submitted])] = tasks[submitted]
                    submitted += 1
                if not pending:
                    return
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    task = pending.pop(future)
                    try:
                        yield task, future.result()
                    except BrokenProcessPool:
                        yield task, _stopped(task)
        except BrokenProcessPool:
            for task in [*pending.values(), *tasks[submitted:]]:
                yield task, _stopped(task)


def _stopped(task: Task) -> str:
    return (f"{task.source}: a worker process stopped unexpectedly (out of memory, or killed); "
            "run again with --jobs 1")


def _context() -> multiprocessing.context.BaseContext:
    """Fork workers from a clean server that has imported drafter once, where the platform
    allows; spawn them elsewhere (Windows, macOS)."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["drafter.batch", "drafter.followup", "drafter.render"])
        return context
    return multiprocessing.get_context("spawn")


def batch_command(inputs: list[Path], out: Path, followup: bool, session: int | None,
                  lang: list[str], jobs: int, force: bool, author: str) -> int:
    """`drafter batch`: render or follow up every source; return 2 if any failed."""
    from rich.console import Console

    error = _check_arguments(inputs, out, followup, session, jobs)
    if error:
        print(f"drafter: {error}", file=sys.stderr)
        return EXIT_FAILED
    paths = sources(inputs)
    if not paths:
        print(f"drafter: no *.yaml sources in {', '.join(map(str, inputs))}", file=sys.stderr)
        return EXIT_FAILED
    tasks = [Task(path, out, followup, session, tuple(lang), author) for path in paths]
    if sys.stderr.isatty():
        outcomes = _with_progress_bar(tasks, jobs, force)
    else:
        outcomes = run(tasks, jobs, force, _plain_line(len(tasks)))
    Console(soft_wrap=False).print(_table(outcomes))
    return EXIT_FAILED if any(not outcome.ok for outcome in outcomes) else 0


def _check_arguments(inputs: list[Path], out: Path, followup: bool, session: int | None,
                     jobs: int) -> str | None:
    if followup and session is None:
        return "--followup needs --session N, the session of the new drafts"
    if session is not None and not followup:
        return "--session goes with --followup; without it, batch renders the sources as they are"
    if jobs < 1:
        return f"--jobs {jobs}: give 1 or more worker processes"
    if out.exists() and not out.is_dir():
        return f"--out {out} is a file, not a directory"
    if not inputs:
        return "give the sources to process: files or directories of *.yaml"
    return None


def _plain_line(total: int) -> Callable[[int, Outcome], None]:
    def report(done: int, outcome: Outcome) -> None:
        status = "ok" if outcome.ok else f"failed: {(outcome.reason or '').splitlines()[0]}"
        print(f"[{done}/{total}] {outcome.source.name} {status}", file=sys.stderr, flush=True)
    return report


def _with_progress_bar(tasks: list[Task], jobs: int, force: bool) -> list[Outcome]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        bar = progress.add_task("drafting", total=len(tasks))

        def report(done: int, outcome: Outcome) -> None:
            progress.update(bar, completed=done, description=outcome.source.name)
        return run(tasks, jobs, force, report)


def _table(outcomes: Iterable[Outcome]):  # type: ignore[no-untyped-def]
    from rich.table import Table

    table = Table(title="drafter batch")
    table.add_column("file", overflow="fold", ratio=2)
    table.add_column("outputs", no_wrap=True)
    table.add_column("status", overflow="fold", ratio=3)
    for outcome in outcomes:
        outputs = "\n".join(path.name for path in outcome.outputs)
        if outcome.ok:
            status = "ok" + (f", {outcome.notes} to review" if outcome.notes else "")
        else:
            status = f"failed: {outcome.reason}"
        table.add_row(_shown(outcome.source), outputs, status)
    return table


def _shown(path: Path) -> str:
    """A source as the drafter typed it: relative to the current directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
