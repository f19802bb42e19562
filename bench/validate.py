"""Benchmark `drafter validate`: checking one Word document in-process, and the cold start.

The cold start runs the command on the example source.

Run: python bench/validate.py   (prints medians; nothing is asserted, numbers go in notes)
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
#: The command as the lead wires it, and the same call without the CLI when it is not wired yet.
FALLBACK = ("import sys; from pathlib import Path; from drafter.validate import validate_command; "
            "sys.exit(validate_command([Path(sys.argv[1])], None, None, None, None, 'text', True))")


def median_ms(action, runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def validate_command_line() -> tuple[list[str], str]:
    """`drafter validate` when the CLI has it; otherwise the function it would call."""
    drafter = shutil.which("drafter", path=str(Path(sys.executable).parent))
    if drafter and subprocess.run([drafter, "validate", "--help"], capture_output=True).returncode == 0:
        return [drafter, "validate"], "drafter validate"
    return [sys.executable, "-c", FALLBACK], "python -c validate_command (CLI not wired)"


def main() -> None:
    from drafter.compose import compose
    from drafter.rules import all_rules
    from drafter.source import load
    from drafter.validate import validate
    from drafter.writers.docx import write_docx

    resolution = load(EXAMPLE)
    rules = all_rules()
    print(f"example: {EXAMPLE.name}")
    print(f"{'measure':52} {'median ms':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for lang in ("en", "fr"):
            docx = Path(folder) / f"example.{lang}.docx"
            docx.write_bytes(write_docx(compose(resolution, lang)))
            validate([docx], None, None, rules)  # warm the caches (patterns, lexicon, skeleton)
            print(f"{'validate one ' + lang + ' docx, read + rules (n=50)':52} "
                  f"{median_ms(lambda: validate([docx], None, None, rules), 50):10.2f}")
    validate([EXAMPLE], None, None, rules)
    print(f"{'validate the source, en + fr + pair (n=50)':52} "
          f"{median_ms(lambda: validate([EXAMPLE], None, None, rules), 50):10.2f}")
    command, name = validate_command_line()
    cold = median_ms(lambda: subprocess.run([*command, str(EXAMPLE)], check=True,
                                            capture_output=True), 5)
    print(f"{'cold start: ' + name + ' (n=5)':52} {cold:10.2f}")


if __name__ == "__main__":
    main()
