"""Render, or follow up, many sources at once, spread over processes, one failure isolating.

Workers only compute: each turns a few sources into their output files as bytes. The parent
alone writes, so that it can refuse two sources that would write the same file, and writes each
source's files as one set (``drafter.output.write_files``). Workers end soon after the parent
if it is killed. Results are written as they arrive and then dropped, and at most a few
sources are in flight per worker, so memory does not grow with the batch.

A small batch is done in this process: a worker only pays for itself over a few sources. On
Linux, workers are forked from the parent once it has imported and loaded everything a source
needs (modules, language data, templates), so they start at once; the parent runs no thread
then (the progress bar redraws from the main thread). Elsewhere they start from a clean
interpreter (forkserver or spawn), so a Python script that calls this module needs the usual
``if __name__ == "__main__":`` guard; if workers die anyway, their sources fail with a reason.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from msgspec import Struct

from drafter.layout import Layout

#: Chunks in flight per worker: enough to keep workers busy, few enough to bound memory.
_AHEAD = 2
#: Sources a worker takes at once (fewer round trips; a chunk's files are a few hundred kB).
_CHUNK = 4
#: Sources each worker should have for a pool to pay for itself (a worker costs about as
#: much as one source).
_SOURCES_PER_WORKER = 4
#: How often a worker checks that the batch that started it is still there.
_WATCH_SECONDS = 0.5


class Task(Struct, frozen=True):
    """One source to process, and where its outputs go."""

    source: Path
    out: Path
    followup: bool
    session: int | None
    languages: tuple[str, ...]
    author: str
    phrases: Path | None = None  # --phrases, for the workers (they do not share the parent's)
    fmt: str = "docx"  # docx, txt, akn or pdf (a follow-up: docx, akn or pdf); for pdf the
    # workers write Word files and the parent converts the whole batch at once
    layout: Layout | None = None  # --reference-docx, read once by the parent


class Outcome(Struct, frozen=True):
    """What became of one source: the files written, or why none were."""

    source: Path
    outputs: tuple[Path, ...] = ()
    reason: tuple[str, ...] = ()  # why nothing was written, one line each
    notes: int = 0
    bug: bool = False  # the reason is a bug in drafter, not a mistake in the source

    @property
    def ok(self) -> bool:
        return not self.reason


class _Computed(Struct, frozen=True):
    files: dict[str, bytes]
    notes: int


class _Failed(Struct, frozen=True):
    reason: tuple[str, ...]
    bug: bool = False

    @classmethod
    def because(cls, line: str, bug: bool = False) -> _Failed:
        return cls((line,), bug)


def compute(task: Task) -> _Computed | _Failed:
    """The output files of one source, or the reason there are none (runs in a worker)."""
    from drafter.commands.followup import (
        FollowUpError,
        follow_up,
        followup_files,
        languages_of,
        named,
        read_previous,
        with_reading_note,
    )
    from drafter.exits import bug_report
    from drafter.phrasebook import select
    from drafter.render import EXTENSIONS, RenderFailure, render_bytes
    from drafter.source import SourceInvalid, load

    select(task.phrases)
    written = "docx" if task.fmt == "pdf" else task.fmt  # the parent turns Word files into PDF
    try:
        if not task.source.is_file():
            return _Failed.because(_missing(task.source))
        if task.followup:
            previous = read_previous(task.source)
            languages = languages_of(previous, list(task.languages))
            result = with_reading_note(
                follow_up(previous.resolution, task.session or 0, None, None), previous)
            return _Computed(followup_files(previous.resolution, result, languages, task.author,
                                            previous.text, written, task.layout),
                             len(result.notes))
        if task.source.suffix.lower() not in (".yaml", ".yml"):
            return _Failed.because(f"{task.source}: batch renders YAML sources; Word and text "
                                   "files are followed up")
        resolution = load(task.source)
        return _Computed({f"{task.source.stem}.{lang}.{EXTENSIONS[written]}":
                          render_bytes(resolution, lang, written, source=task.source,
                                       layout=task.layout)
                          for lang in task.languages}, 0)
    except SourceInvalid as invalid:
        return _Failed(tuple(map(str, invalid.errors)))
    except RenderFailure as failure:
        return _Failed(tuple(named(task.source, line) for line in failure.lines))
    except FollowUpError as failure:
        return _Failed.because(named(task.source, str(failure)))
    except Exception as error:  # one source's bug must not stop the batch
        return _Failed.because(bug_report(error, task.source).removeprefix("drafter: "), bug=True)


def compute_chunk(tasks: list[Task]) -> list[_Computed | _Failed]:
    """The results of a few tasks, in order (runs in a worker)."""
    return [compute(task) for task in tasks]


def choose_jobs(sources: int) -> int:
    """Worker processes for a batch of ``sources``: one per core the batch may use, as long as
    each has a few sources; 1 (this process) for a small batch."""
    return max(1, min(_cores(), sources // _SOURCES_PER_WORKER))


def max_jobs() -> int:
    """The most worker processes --jobs may ask for: four per core. Every worker is forked at
    once, so --jobs 100000 was as many processes."""
    return 4 * _cores()


def _cores() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return cores or 1


def _missing(source: Path) -> str:
    """Why a source that is not a file cannot be read: absent, or a link that loops or dangles."""
    try:
        source.stat()
    except OSError as error:
        if isinstance(error, FileNotFoundError) and not source.is_symlink():
            return f"{source}: no such file"
        return f"{source}: cannot be read ({error.strerror or error})"
    return f"{source}: not a file"


def run(tasks: list[Task], jobs: int, force: bool,
        report: Callable[[int, Outcome], None]) -> list[Outcome]:
    """Process every task, writing outputs as results arrive; ``report`` hears of each as it
    finishes. The outcomes come back in the order of the tasks.

    PDF drafts wait for the whole batch: one LibreOffice run converts every source's Word
    files (starting LibreOffice once per source would cost seconds each), then each source's
    files are written as a set."""
    claimed: dict[Path, Path] = {}
    outcomes: list[Outcome] = []
    held: list[tuple[Task, _Computed]] = []
    for task, computed in _results(tasks, jobs):
        if isinstance(computed, _Failed):
            outcomes.append(Outcome(task.source, reason=computed.reason, bug=computed.bug))
        elif task.fmt == "pdf":
            held.append((task, computed))
            continue
        else:
            outcomes.append(_write(task, computed, force, claimed))
        report(len(outcomes), outcomes[-1])
    for task, pdf in _converted(held):
        outcomes.append(pdf if isinstance(pdf, Outcome) else _write(task, pdf, force, claimed))
        report(len(outcomes), outcomes[-1])
    order = {task.source: index for index, task in enumerate(tasks)}
    return sorted(outcomes, key=lambda outcome: order[outcome.source])


def _converted(held: list[tuple[Task, _Computed]]) -> Iterator[tuple[Task, _Computed | Outcome]]:
    """The held sources with their Word files turned into PDF, or each one failed with the
    reason when LibreOffice could not convert them."""
    from drafter.writers.pdf import PdfFailure, as_pdf

    if not held:
        return
    try:
        converted = as_pdf([computed.files for _, computed in held])
    except PdfFailure as failure:
        for task, _ in held:
            yield task, Outcome(task.source, reason=(f"{task.source}: {failure}",))
        return
    for (task, computed), files in zip(held, converted, strict=True):
        yield task, _Computed(files, computed.notes)


def _write(task: Task, computed: _Computed, force: bool, claimed: dict[Path, Path]) -> Outcome:
    """Write one source's files as a set, unless another source of the batch wrote one of them."""
    from drafter.exits import bug_report, debugging
    from drafter.output import OutputExists, OutputFailure, write_files

    targets = {task.out / name: blob for name, blob in computed.files.items()}
    clash = next((path for path in targets if path in claimed), None)
    try:
        if clash is not None:
            raise OutputExists(f"{clash} is written for {claimed[clash]} in this batch; "
                               "give each source its own organization and session")
        written = write_files(targets, force, keep=[task.source])
    except OutputFailure as error:
        return Outcome(task.source, reason=(f"{task.source}: {error}",))
    except Exception as error:  # a bug while writing one source must not stop the batch
        if debugging():
            raise
        return Outcome(task.source, reason=(bug_report(error, task.source).removeprefix("drafter: "),),
                       bug=True)
    claimed.update(dict.fromkeys(written, task.source))
    return Outcome(task.source, tuple(written), notes=computed.notes)


def _results(tasks: list[Task], jobs: int) -> Iterator[tuple[Task, _Computed | _Failed]]:
    """Each task with its result, in the order they finish; in-process when jobs is 1."""
    jobs = min(jobs, len(tasks))  # a worker with nothing to do is a process for nothing
    if jobs <= 1:
        for task in tasks:
            yield task, compute(task)
        return
    context = _context()
    if context.get_start_method() == "fork":
        _prepare(tasks)
    chunks = _chunks(tasks, jobs)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_exit_with,
                             initargs=(os.getpid(),)) as pool:
        pending: dict[Future[list[_Computed | _Failed]], list[Task]] = {}
        submitted = 0
        try:
            while True:
                while submitted < len(chunks) and len(pending) < jobs * _AHEAD:
                    if submitted == 0:  # the workers are forked now: share what is loaded
                        gc.freeze()
                    pending[pool.submit(compute_chunk, chunks[submitted])] = chunks[submitted]
                    if submitted == 0:
                        gc.unfreeze()
                    submitted += 1
                if not pending:
                    return
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    chunk = pending.pop(future)
                    try:
                        results = future.result()
                    except BrokenProcessPool:
                        results = [_stopped(task) for task in chunk]
                    yield from zip(chunk, results)
        except BrokenProcessPool:
            for task in [*(task for chunk in pending.values() for task in chunk),
                         *(task for chunk in chunks[submitted:] for task in chunk)]:
                yield task, _stopped(task)


def _chunks(tasks: list[Task], jobs: int) -> list[list[Task]]:
    """The tasks in chunks of at most _CHUNK, smaller as the batch ends (one source each at
    the last): the workers then finish together, and the last results leave little for this
    process to write after them. (Chunks of four to the end left one worker up to four
    sources behind the other: a tenth of a 25-source batch.)"""
    chunks, start = [], 0
    while start < len(tasks):
        size = max(1, min(_CHUNK, (len(tasks) - start) // (2 * jobs * _AHEAD)))
        chunks.append(tasks[start:start + size])
        start += size
    return chunks


def _prepare(tasks: list[Task]) -> None:
    """Import and load in this process what every source needs, so that the workers forked
    from it have it already: the modules of a render or follow-up, the registry, and each
    language's data and compiled templates."""
    from drafter.language import language
    from drafter.organizations import registry
    from drafter.render import render_bytes  # noqa: F401
    from drafter.source import load  # noqa: F401
    from drafter.templating import wording

    if any(task.followup for task in tasks):
        import drafter.commands.followup  # noqa: F401
        import drafter.readers  # noqa: F401
        import drafter.revisions  # noqa: F401
        import drafter.roundtrip  # noqa: F401
        import drafter.yamlout  # noqa: F401
    registry()
    for code in sorted({code for task in tasks for code in task.languages}):
        language(code)
        wording(code)


def _stopped(task: Task) -> _Failed:
    return _Failed.because(f"{task.source}: a worker process stopped unexpectedly (out of "
                           "memory, or killed); run again with --jobs 1")


def _exit_with(parent: int) -> None:
    """Worker initializer: end this worker soon after the batch that started it is gone
    (killed, say), instead of waiting forever for work that will not come."""
    import threading

    first = os.getppid()  # the forkserver's, which also exits with the batch

    def watch() -> None:
        while not _gone(parent, first):
            time.sleep(_WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="drafter-watch-parent", daemon=True).start()


def _gone(parent: int, first: int) -> bool:
    if os.name == "nt":  # no reparenting there, and os.kill would end the parent
        process = multiprocessing.parent_process()
        return process is not None and not process.is_alive()
    if os.getppid() != first:
        return True
    try:
        os.kill(parent, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass
    return False


def _context() -> multiprocessing.context.BaseContext:
    """Fork workers from this process on Linux (see _prepare); elsewhere from a clean server
    that has imported drafter once where the platform allows, or spawn them (Windows)."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["drafter.batch", "drafter.commands.followup", "drafter.render"])
        return context
    return multiprocessing.get_context("spawn")
