"""Benchmark the tracked-changes DOCX of a follow-up: 77/13 against its 79th-session draft.

Run: python bench/tracked.py   (prints medians of 50 in-process runs; nothing is asserted)
"""

from __future__ import annotations

import datetime as dt

from timing import EXAMPLE, median_ms

RUNS = 50


def main() -> None:
    from drafter.composer import compose
    from drafter.commands.followup import follow_up
    from drafter.revisions import diff_documents, tracked_docx
    from drafter.source import load
    from drafter.writers.docx import write_docx

    previous = load(EXAMPLE)
    draft = follow_up(previous, 79, "A/79/302", None).resolution
    when = dt.datetime(2024, 9, 1)
    print(f"example: {EXAMPLE.name} against its follow-up draft (median of {RUNS})")
    print(f"{'measure':44} {'median ms':>10}")
    for lang in ("en", "fr"):
        old, new = compose(previous, lang), compose(draft, lang)
        tracked_docx(old, new, "bench", when)  # warm caches
        tracked = diff_documents(old, new)
        print(f"{'tracked docx ' + lang + ' (diff + write)':44} "
              f"{median_ms(lambda: tracked_docx(old, new, 'bench', when), RUNS):10.2f}")
        print(f"{'  of which diff ' + lang:44} {median_ms(lambda: diff_documents(old, new), RUNS):10.2f}")
        print(f"{'  of which write ' + lang:44} "
              f"{median_ms(lambda: write_docx(tracked, author='bench', when=when), RUNS):10.2f}")
        print(f"{'clean docx ' + lang + ' (write only, for scale)':44} "
              f"{median_ms(lambda: write_docx(new), RUNS):10.2f}")


if __name__ == "__main__":
    main()
