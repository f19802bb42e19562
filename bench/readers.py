"""Benchmark the readers on what a resolution never is: a Word file of 800,000 paragraphs (the
7.4 MB file of issue 7), and on the largest files drafter itself writes (a source at the loader's
limits, rendered), which its readers must still take.

Each command runs as its own process; the wall time and the peak memory (maxrss of the child) are
printed. Nothing is asserted: the numbers go in the notes.

Run: python bench/readers.py [PARAGRAPHS]
"""

from __future__ import annotations

import io
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from timing import EXAMPLE

#: Operative paragraphs in the largest source that the loader takes (20,000 YAML nodes).
PARAGRAPHS = 2_700


def many_paragraphs(base: bytes, count: int) -> bytes:
    """The example's Word file with ``count`` short paragraphs added to its body."""
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    paragraph = '<w:p><w:r><w:t>Recalling paragraph {} of draft {:x},</w:t></w:r></w:p>'
    extra = "".join(paragraph.format(number, number * 7919 % 1000003 * 65537)
                    for number in range(count)).encode()
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:sectPr", extra + b"<w:sectPr", 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def largest_source(folder: Path) -> Path:
    """A source near the loader's limits (20,000 values): as many prose paragraphs as fit."""
    text = EXAMPLE.read_text(encoding="utf-8")
    paragraph = ("  - verb: requests\n    en: the Secretary-General to report on item {n} of the work"
                 " programme agreed between the two organizations\n    fr: le Secrétaire général de"
                 " faire rapport sur le point {n} du programme de travail convenu entre les deux"
                 " organisations\n")
    head, tail = text.split("operative:\n", 1)
    body = "".join(paragraph.format(n=n) for n in range(PARAGRAPHS))
    source = folder / "largest.yaml"
    source.write_text(head + "operative:\n" + body + tail, encoding="utf-8")
    return source


def run(arguments: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak memory of the child in MB, and the exit code of one drafter command."""
    drafter = shutil.which("drafter", path=str(Path(sys.executable).parent)) or "drafter"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run([drafter, *arguments], capture_output=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024, done.returncode


def main() -> None:
    from drafter.composer import compose
    from drafter.source import load
    from drafter.writers.docx import write_docx

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 800_000
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        big = folder / "big.docx"
        big.write_bytes(many_paragraphs(write_docx(compose(load(EXAMPLE), "en")), count))
        print(f"{big.name}: {count} paragraphs, {big.stat().st_size / 1e6:.1f} MB")
        print(f"{'command':44} {'seconds':>8} {'peak MB':>8} {'exit':>5}")
        for label, arguments in (("validate big.docx", ["validate", str(big)]),
                                 ("import big.docx", ["import", str(big), "-o", str(folder / "big.yaml")])):
            seconds, peak, code = run(arguments)
            print(f"{label:44} {seconds:8.2f} {peak:8.0f} {code:5}")
        source = largest_source(folder)
        seconds, peak, code = run(["render", str(source), "--out", str(folder), "--lang", "en"])
        print(f"{f'render largest.yaml ({PARAGRAPHS} paragraphs)':44} {seconds:8.2f} {peak:8.0f} {code:5}")
        rendered = folder / "largest.en.docx"
        if rendered.exists():
            print(f"  largest.en.docx: {rendered.stat().st_size / 1e6:.1f} MB")
            seconds, peak, code = run(["validate", str(rendered)])
            print(f"{'validate largest.en.docx':44} {seconds:8.2f} {peak:8.0f} {code:5}")
            seconds, peak, code = run(["import", str(rendered), "-o", str(folder / "again.yaml")])
            print(f"{'import largest.en.docx':44} {seconds:8.2f} {peak:8.0f} {code:5}")


if __name__ == "__main__":
    main()
