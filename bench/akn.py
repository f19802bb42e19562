"""Benchmark Akoma Ntoso: writing and reading 77/13 in process, per language, and the import of
both files from the command line.

Run: python bench/akn.py   (prints medians; nothing is asserted, numbers go in notes)
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from timing import EXAMPLE, cold_start_ms, median_ms


def main() -> None:
    from drafter.composer import compose
    from drafter.importer import import_pair
    from drafter.readers.akn import read_akn
    from drafter.source import load
    from drafter.writers.akn import write_akn

    resolution = load(EXAMPLE)
    print(f"example: {EXAMPLE.name}")
    print(f"{'measure':44} {'median ms':>10}")
    files = {}
    for lang in ("en", "fr"):
        document = compose(resolution, lang)
        files[lang] = write_akn(document)
        print(f"{'write ' + lang + ' akn (from the Document, n=200)':44} "
              f"{median_ms(lambda: write_akn(document), 200):10.2f}")
        print(f"{'read ' + lang + ' akn (to the Document, n=200)':44} "
              f"{median_ms(lambda: read_akn(files[lang]), 200):10.2f}")
        print(f"{'  file size ' + lang + ' (kB)':44} {len(files[lang]) / 1024:10.1f}")
    documents = [read_akn(files[lang]) for lang in ("en", "fr")]
    print(f"{'import en+fr (Documents to source, n=20)':44} "
          f"{median_ms(lambda: import_pair(*documents), 20):10.2f}")
    with tempfile.TemporaryDirectory() as out:
        english, french = Path(out) / "r.en.akn.xml", Path(out) / "r.fr.akn.xml"
        english.write_bytes(files["en"])
        french.write_bytes(files["fr"])
        arguments = ["import", str(french), "--pair", str(english), "-o", str(Path(out) / "r.yaml"),
                     "--force"]
        print(f"{'cold start: drafter import en+fr akn (n=10)':44} {cold_start_ms(arguments, 10):10.2f}")
        arguments = ["render", str(EXAMPLE), "--format", "akn", "--out", out, "--force"]
        print(f"{'cold start: drafter render, en+fr akn (n=10)':44} {cold_start_ms(arguments, 10):10.2f}")


if __name__ == "__main__":
    main()
