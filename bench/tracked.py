"""Benchmark the tracked-changes DOCX of a follow-up: 77/13 against its 79th-session draft.

Run: python bench/tracked.py   (prints medians of 50 in-process runs; nothing is asserted)
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "csto-77-13.yaml"
RUNS = 50


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> None:
    from drafter.compose import compose
    from drafter.resolution import CooperationSeries, GACitation, Mandate, Prose
    from drafter.revisions import diff_documents, tracked_docx
    from drafter.source import load
    from drafter.writers.docx import write_docx

    previous = load(EXAMPLE)
    preamble = [paragraph.model_copy(update={"resolutions": [
        *paragraph.resolutions, GACitation(number="77/13", date=dt.date(2022, 11, 21))]})
        if isinstance(paragraph, CooperationSeries) else paragraph
        for paragraph in previous.preamble]
    draft = previous.model_copy(update={
        "session": 79, "stage": "draft", "symbol": "A/79/L.99", "adoption": None,
        "draft_symbol": None, "distribution_date": dt.date(2024, 11, 1), "report": "A/79/302",
        "sponsors": [Prose(en="Armenia", fr="Arménie"), Prose(en="Belarus", fr="Bélarus")],
        "mandate": Mandate(report_session=81, agenda_session=81), "preamble": preamble,
    })
    when = dt.datetime(2024, 9, 1)
    print(f"example: {EXAMPLE.name} against its follow-up draft (median of {RUNS})")
    print(f"{'measure':44} {'median ms':>10}")
    for lang in ("en", "fr"):
        old, new = compose(previous, lang), compose(draft, lang)
        tracked_docx(old, new, "bench", when)  # warm caches
        tracked = diff_documents(old, new)
        print(f"{'tracked docx ' + lang + ' (diff + write)':44} "
              f"{median_ms(lambda: tracked_docx(old, new, 'bench', when)):10.2f}")
        print(f"{'  of which diff ' + lang:44} {median_ms(lambda: diff_documents(old, new)):10.2f}")
        print(f"{'  of which write ' + lang:44} "
              f"{median_ms(lambda: write_docx(tracked, author='bench', when=when)):10.2f}")
        print(f"{'clean docx ' + lang + ' (write only, for scale)':44} "
              f"{median_ms(lambda: write_docx(new)):10.2f}")


if __name__ == "__main__":
    main()
