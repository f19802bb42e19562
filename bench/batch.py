"""Benchmark `drafter batch --followup`: documents per second and peak memory, by batch size and jobs.

Run: python bench/batch.py [--sizes 20,200] [--jobs 1,2]   (prints a table; nothing is asserted)

Each measurement runs in a fresh process on copies of examples/*.yaml in a temporary directory,
following every copy up to session 79 in English and French: per source a new YAML source, two
clean drafts and two drafts with tracked changes (4 documents). Copies of one organization would
write the same follow-up names, so each copy gets its own output directory (drafter.batch.run
with one Task per copy — the code path of the command). Peak memory is the high-water mark of
resident memory (VmHWM): of the parent, and of the largest worker, polled from /proc (Linux),
because forkserver workers are not children of the parent and getrusage cannot see them.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _peak_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


class _WorkerPeak(threading.Thread):
    """Polls the peak resident memory of every descendant process while the batch runs."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            for pid in _descendants(os.getpid()):
                self.peak = max(self.peak, _peak_kib(pid))


def one(size: int, jobs: int) -> dict[str, float]:
    """One measurement, in this process: follow up ``size`` copies with ``jobs`` workers (0: as
    many as `drafter batch` chooses)."""
    from drafter.batch import Task, choose_jobs, run

    jobs = jobs or choose_jobs(size)
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        tasks = []
        for index in range(size):
            source = folder / "in" / f"{index:03d}-{examples[index % len(examples)].name}"
            source.parent.mkdir(exist_ok=True)
            shutil.copy(examples[index % len(examples)], source)
            tasks.append(Task(source, folder / "out" / f"{index:03d}", True, 79, ("en", "fr"), "bench"))
        watcher = _WorkerPeak()
        watcher.start()
        start = time.perf_counter()
        outcomes = run(tasks, jobs, False, lambda done, outcome: None)
        seconds = time.perf_counter() - start
        watcher.done.set()
        watcher.join()
        failed = [outcome.reason for outcome in outcomes if not outcome.ok]
        if failed:
            raise SystemExit(f"{len(failed)} sources failed, first: {failed[0]}")
        documents = sum(1 for outcome in outcomes for path in outcome.outputs if path.suffix == ".docx")
    return {"size": size, "jobs": jobs, "seconds": seconds, "documents": documents,
            "parent_mib": _peak_kib(os.getpid()) / 1024, "worker_mib": watcher.peak / 1024}


def command(size: int) -> dict[str, float]:
    """`drafter batch DIR --out OUT` over ``size`` copies of the examples, each its own name, as
    a user runs it: rendering, writing into one folder and printing the summary table, which
    ``one`` leaves out. Peak memory is the largest of the command and its workers (getrusage of
    this process's children: it runs nothing else)."""
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    drafter = shutil.which("drafter", path=str(Path(sys.executable).parent)) or "drafter"
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        (folder / "in").mkdir()
        for index in range(size):
            example = examples[index % len(examples)]
            shutil.copy(example, folder / "in" / f"{index:04d}-{example.name}")
        start = time.perf_counter()
        subprocess.run([drafter, "batch", str(folder / "in"), "--out", str(folder / "out")],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        documents = len(list((folder / "out").glob("*.docx")))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    return {"size": size, "seconds": seconds, "documents": documents, "peak_mib": peak / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20,200")
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--one", nargs=2, type=int, help=argparse.SUPPRESS)
    parser.add_argument("--command", type=int, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.one:
        print(json.dumps(one(*arguments.one)))
        return
    if arguments.command:
        print(json.dumps(command(arguments.command)))
        return
    print(f"{'sources':>7} {'jobs':>4} {'docx':>5} {'seconds':>8} {'docx/s':>7} "
          f"{'parent MiB':>10} {'worker MiB':>10}")
    for size in map(int, arguments.sizes.split(",")):
        for jobs in map(int, arguments.jobs.split(",")):
            result = json.loads(subprocess.run(
                [sys.executable, __file__, "--one", str(size), str(jobs)],
                check=True, capture_output=True, text=True).stdout)
            workers = f"{result['worker_mib']:10.1f}" if jobs > 1 else f"{'(in parent)':>10}"
            print(f"{size:7d} {jobs:4d} {result['documents']:5d} {result['seconds']:8.2f} "
                  f"{result['documents'] / result['seconds']:7.1f} {result['parent_mib']:10.1f} "
                  f"{workers}")


if __name__ == "__main__":
    main()
