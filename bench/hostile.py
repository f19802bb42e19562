"""Benchmark the worst inputs within drafter's limits (issue 7: bounded time): one paragraph of
thousands of dates or footnote marks, hundreds of edited paragraphs, thousands of unknown
openings. Each of these once took a minute or more; a regression shows here first.

Run: python bench/hostile.py   (prints medians of CPU time, which a machine shared with other
work does not inflate; nothing is asserted, numbers go in notes)
"""

from __future__ import annotations

import tempfile
import time
from functools import partial
from pathlib import Path

from timing import EXAMPLE
from timing import median_ms as _median_ms

TEXT = EXAMPLE.read_text(encoding="utf-8")


median_ms = partial(_median_ms, clock=time.process_time)


def _operative(paragraphs: str) -> str:
    return TEXT[: TEXT.index("operative:")] + "operative:\n" + paragraphs


def _one_paragraph(english: str) -> str:
    return _operative(f'  - verb: requests\n    en: "{english}"\n    fr: la coopération\n')


def _edited(word: str, count: int) -> str:
    return _operative("".join(f"  - verb: requests\n    en: the Secretary-General to report on {word} {n}\n"
                              f"    fr: le Secrétaire général de faire rapport sur le point {n}\n"
                              for n in range(count)))


def main() -> None:
    from drafter.composer import compose
    from drafter.commands.compare import compare_files
    from drafter.commands.validate import validate
    from drafter.rules import all_rules
    from drafter.source import parse
    from drafter.writers.docx import write_docx
    from drafter.writers.text import write_text

    print(f"{'measure':60} {'CPU ms':>10}")
    for label, english in [("9,900 dates in one paragraph", "{date|2022-11-21} " * 9_900),
                           ("9,900 dated citations in one paragraph", "{res|64/256|2010-03-02} " * 9_900),
                           ("9,900 marks of one footnote", "the{fn|a} " * 9_900)]:
        resolution = parse(_one_paragraph(english), "bench.yaml")
        print(f"{'render en: ' + label + ' (n=3)':60} "
              f"{median_ms(lambda: write_docx(compose(resolution, 'en')), 3):10.0f}")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        marks = folder / "marks.yaml"
        marks.write_text(_one_paragraph("the{fn|a} report of 21 November 2022, " * 5_000), encoding="utf-8")
        draft = folder / "marks.en.docx"
        draft.write_bytes(write_docx(compose(parse(marks.read_text(encoding="utf-8"), "marks.yaml"), "en")))
        print(f"{'compare en: a paragraph of 5,000 marks, Word vs source (n=3)':60} "
              f"{median_ms(lambda: compare_files(draft, marks, ['en'], 'bench', None), 3):10.0f}")
        for count in (300, 3_000):
            old, new = folder / f"old{count}.yaml", folder / f"new{count}.yaml"
            old.write_text(_edited("item", count), encoding="utf-8")
            new.write_text(_edited("question", count), encoding="utf-8")
            print(f"{f'compare en: {count:,} paragraphs, each edited (n=3)':60} "
                  f"{median_ms(lambda: compare_files(old, new, ['en'], 'bench', None), 3):10.0f}")
        unknown = folder / "unknown.en.txt"
        text = write_text(compose(parse(TEXT, "bench.yaml"), "en"))
        first = text.index("\n1. ") + 1
        unknown.write_text(text[:first] + "".join(
            f"{n}. *Requestz* the Secretary-General to report on item {n};\n\n" for n in range(1, 9_501))
            + text[first:], encoding="utf-8")
        rules = all_rules()
        print(f"{'validate a text draft of 9,500 unknown operative verbs (n=3)':60} "
              f"{median_ms(lambda: validate([unknown], None, None, rules), 3):10.0f}")


if __name__ == "__main__":
    main()
