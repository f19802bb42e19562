"""What every benchmark script shares: the example, medians of repeated runs, CLI cold starts."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "csto-77-13.yaml"


def median_ms(action: Callable[[], object], runs: int,
              clock: Callable[[], float] = time.perf_counter) -> float:
    """The median time of ``runs`` calls, in milliseconds: wall time, or ``clock``'s
    (time.process_time: CPU time, which other work on a shared machine does not inflate)."""
    timings = []
    for _ in range(runs):
        start = clock()
        action()
        timings.append((clock() - start) * 1000)
    return statistics.median(timings)


def cold_start_ms(arguments: list[str], runs: int) -> float:
    """The median time of a whole ``drafter`` process, from start to exit."""
    drafter = shutil.which("drafter", path=str(Path(sys.executable).parent)) or "drafter"
    return median_ms(lambda: subprocess.run([drafter, *arguments], check=True,
                                            capture_output=True), runs)
