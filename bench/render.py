"""Benchmark the foundation: in-process render time per language and CLI cold starts.

Run: python bench/render.py   (prints medians; nothing is asserted, numbers go in notes)
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "csto-77-13.yaml"


def median_ms(action, runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def cold_start_ms(arguments: list[str], runs: int = 15) -> float:
    drafter = shutil.which("drafter", path=str(Path(sys.executable).parent)) or "drafter"
    return median_ms(lambda: subprocess.run([drafter, *arguments], check=True,
                                            capture_output=True), runs)


def main() -> None:
    from drafter.compose import compose
    from drafter.source import load
    from drafter.writers.docx import write_docx
    from drafter.writers.text import write_text

    resolution = load(EXAMPLE)
    print(f"example: {EXAMPLE.name}")
    print(f"{'measure':44} {'median ms':>10}")
    print(f"{'load + validate source':44} {median_ms(lambda: load(EXAMPLE), 200):10.2f}")
    for lang in ("en", "fr"):
        compose(resolution, lang)  # warm the template and data caches
        write_docx(compose(resolution, lang))
        print(f"{'render ' + lang + ' docx (compose + write, n=200)':44} "
              f"{median_ms(lambda: write_docx(compose(resolution, lang)), 200):10.2f}")
        print(f"{'  of which compose ' + lang:44} {median_ms(lambda: compose(resolution, lang), 200):10.2f}")
        print(f"{'render ' + lang + ' txt (n=200)':44} "
              f"{median_ms(lambda: write_text(compose(resolution, lang)), 200):10.2f}")
    print(f"{'cold start: drafter --help (n=15)':44} {cold_start_ms(['--help']):10.2f}")
    with tempfile.TemporaryDirectory() as out:
        arguments = ["render", str(EXAMPLE), "--out", out, "--force"]
        print(f"{'cold start: drafter render, en+fr docx (n=15)':44} {cold_start_ms(arguments):10.2f}")


if __name__ == "__main__":
    main()
