"""Benchmark the editor: how soon ``drafter serve`` answers, and how long one keystroke's preview takes.

Run: python bench/serve.py   (prints medians; nothing is asserted, numbers go in notes)
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from timing import EXAMPLE, median_ms


def start_times(folder: Path) -> tuple[float, float]:
    """Milliseconds from the process's start to its printed address, and to the first page."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "drafter", "serve", str(folder), "--port", "0",
                                "--no-browser"], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        url = ""
        while not url:
            found = re.search(r"http://\S+", process.stdout.readline())
            url = found.group(0) if found else ""
        printed = time.perf_counter()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        opener.open(url).read()
        answered = time.perf_counter()
    finally:
        process.terminate()
        process.wait()
    return (printed - start) * 1000, (answered - start) * 1000


def main() -> None:
    from drafter.web.preview import preview

    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(EXAMPLE, Path(folder) / EXAMPLE.name)
        starts = [start_times(Path(folder)) for _ in range(5)]
    text = EXAMPLE.read_text(encoding="utf-8")
    preview(text, EXAMPLE.name)  # warm the caches, as the first keystroke does
    print(f"{'measure':52} {'median ms':>10}")
    print(f"{'serve: start to printed address (n=5)':52} {statistics.median(s[0] for s in starts):10.1f}")
    print(f"{'serve: start to first page, folder of 1 (n=5)':52} {statistics.median(s[1] for s in starts):10.1f}")
    print(f"{'one keystroke: preview of 77/13, both pages + findings':52} "
          f"{median_ms(lambda: preview(text, EXAMPLE.name), 30):10.1f}")


if __name__ == "__main__":
    main()
