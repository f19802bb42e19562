"""Benchmark loading sources: the example, and hostile sources at the limits (time and memory).

Run: python bench/source.py [--runs 5]   (prints a table; nothing is asserted)

Each hostile source is refused with one located error; this shows that refusing it stays cheap:
a billion-laughs file stops at the node budget, a 2 MB file is parsed once, markup nested 1,000
deep stops at the eighth level. Peak memory is the process's high-water mark after each case
(ru_maxrss), so read it as "no case grows memory beyond the previous ones".
"""

from __future__ import annotations

import argparse
import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import EXAMPLE, median_ms  # noqa: E402

from drafter.source import SourceInvalid, parse  # noqa: E402

LAUGHS = "".join([f"l0: &l0 [{', '.join(['lol'] * 9)}]\n"]
                 + [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]\n" for n in range(1, 9)])


def _cases() -> dict[str, str]:
    example = EXAMPLE.read_text(encoding="utf-8")
    long_prose = "x " * 900_000
    return {
        "example 77/13 (loads)": example,
        "billion laughs (532 bytes)": LAUGHS,
        "alias inside itself": "a: &a [*a]\n",
        "5,000-digit session": example.replace("session: 77", "session: " + "9" * 5000),
        "markup nested 1,000 deep": example.replace(
            "the Joint Declaration", "{i|" * 1000 + "x" + "}" * 1000, 1),
        "1.8 MB of prose in one field": example.replace(
            "the Joint Declaration", long_prose, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    def load(text: str) -> None:
        try:
            parse(text, "bench.yaml")
        except SourceInvalid:
            pass

    print(f"{'case':34} {'median ms':>10} {'peak RSS MB':>12}")
    for name, text in _cases().items():
        took = median_ms(lambda: load(text), runs)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{name:34} {took:10.1f} {peak:12.0f}")


if __name__ == "__main__":
    main()
