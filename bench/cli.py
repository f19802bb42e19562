"""Benchmark the command line's cold starts and the cost of ``import drafter``.

Run: python bench/cli.py [RUNS]   (prints medians; nothing is asserted, numbers go in notes)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile

from timing import EXAMPLE, cold_start_ms, median_ms


def _python_ms(code: str, runs: int) -> float:
    return median_ms(lambda: subprocess.run([sys.executable, "-c", code], check=True), runs)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    rows = [("python -c pass", _python_ms("pass", runs)),
            ("python -c 'import drafter'", _python_ms("import drafter", runs)),
            ("cold start: drafter --help", cold_start_ms(["--help"], runs)),
            ("cold start: drafter --version", cold_start_ms(["--version"], runs))]
    with tempfile.TemporaryDirectory() as out:
        rows.append(("cold start: drafter render example (en+fr docx)",
                     cold_start_ms(["render", str(EXAMPLE), "--out", out, "--force"], runs)))
    print(f"{'measure (n=' + str(runs) + ')':50} {'median ms':>10}")
    for label, milliseconds in rows:
        print(f"{label:50} {milliseconds:10.2f}")


if __name__ == "__main__":
    main()
