"""Benchmark the foundation: in-process render time per language and CLI cold starts.

Run: python bench/render.py   (prints medians; nothing is asserted, numbers go in notes)
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from timing import EXAMPLE, cold_start_ms, median_ms


def main() -> None:
    from drafter.composer import compose
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
    with tempfile.TemporaryDirectory() as empty:
        # --templates with nothing in it: every built-in template under the user-template limits.
        templates = Path(empty)
        for lang in ("en", "fr"):
            (templates / lang).mkdir()
            compose(resolution, lang, templates)
            print(f"{'  compose ' + lang + ' with an empty --templates':44} "
                  f"{median_ms(lambda: compose(resolution, lang, templates), 200):10.2f}")
    print(f"{'cold start: drafter --help (n=15)':44} {cold_start_ms(['--help'], 15):10.2f}")
    with tempfile.TemporaryDirectory() as out:
        arguments = ["render", str(EXAMPLE), "--out", out, "--force"]
        print(f"{'cold start: drafter render, en+fr docx (n=15)':44} {cold_start_ms(arguments, 15):10.2f}")


if __name__ == "__main__":
    main()
