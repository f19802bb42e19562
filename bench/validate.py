"""Benchmark `drafter validate`: checking one Word document in-process, and the cold start.

The cold start runs the command on the example source.

Run: python bench/validate.py   (prints medians; nothing is asserted, numbers go in notes)
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from timing import EXAMPLE, cold_start_ms, median_ms


def main() -> None:
    from drafter.composer import compose
    from drafter.rules import all_rules
    from drafter.source import load
    from drafter.commands.validate import validate
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
    cold = cold_start_ms(["validate", str(EXAMPLE)], 10)
    print(f"{'cold start: drafter validate example.yaml (n=10)':52} {cold:10.2f}")


if __name__ == "__main__":
    main()
