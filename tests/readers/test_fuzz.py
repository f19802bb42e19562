"""Fuzzing the readers: damaged Word files and scrambled text drafts end in exit 0, 1 or 2 from
`validate` and 0 or 2 from `import`, never in an internal error (70), and never hang.

The budget is fixed (``max_examples``) and in CI the examples are derandomized (tests/conftest.py),
so a red build always means a real change. A 60-second alarm per example guards against a hang;
it is not a speed test (speed is measured in bench/readers.py).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commandline import bounded
from conftest import EXAMPLE
from damage import compression_method, corrupt_deflate, rezip

from drafter.commands.importing import import_command
from drafter.composer import compose
from drafter.rules import all_rules
from drafter.source import load
from drafter.commands.validate import validate
from drafter.writers.docx import write_docx
from drafter.writers.text import write_text

RULES = all_rules()
BUDGET = settings(max_examples=40, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
HANG = 60  # seconds: far beyond any example's time, so only a hang trips it


@cache
def example(lang: str) -> tuple[bytes, str]:
    composed = compose(load(EXAMPLE), lang)
    return write_docx(composed), write_text(composed)


def check(data: bytes, suffix: str) -> None:
    """Validate and import one input: only the exit codes of a finished command are allowed."""
    with tempfile.TemporaryDirectory() as name, bounded(HANG, "validate and import"):
        path = Path(name) / f"fuzzed{suffix}"
        path.write_bytes(data)
        report = validate([path], None, None, RULES)
        problems = [problem.message for problem in report.unreadable]
        assert report.exit_code in (0, 1, 2), problems
        code = import_command(path, None, None, Path(name) / "out.yaml", force=False)
        assert code in (0, 2)


# -- Word files ---------------------------------------------------------------------------------

@st.composite
def damaged_docx(draw: st.DrawFn) -> bytes:
    blob, _ = example(draw(st.sampled_from(["en", "fr"])))
    kind = draw(st.sampled_from(["flip", "truncate", "method", "part", "xml"]))
    if kind == "flip":
        data = bytearray(blob)
        for _ in range(draw(st.integers(1, 30))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    if kind == "truncate":
        return blob[: draw(st.integers(0, len(blob) - 1))]
    if kind == "method":
        return compression_method(blob, draw(st.sampled_from([1, 6, 9, 12, 14, 93, 95, 98, 99, 65535])))
    part = draw(st.sampled_from(["word/document.xml", "word/footnotes.xml", "[Content_Types].xml",
                                 "word/_rels/document.xml.rels"]))
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        original = archive.read(part)
    if kind == "part":
        return rezip(blob, part, lambda _: draw(st.binary(max_size=400)))
    # XML that stays well formed but says odd things: attributes and text replaced.
    text = original.decode("utf-8")
    for _ in range(draw(st.integers(1, 12))):
        old = draw(st.sampled_from(['w:w="11906"', 'w:id="1"', 'w:id="3"', "<w:t>", "</w:p>",
                                    "footnoteReference", 'w:val="superscript"', "w:p>"]))
        new = draw(st.sampled_from(['w:w="²"', 'w:w="' + "9" * 5000 + '"', 'w:id="77"', 'w:id=""',
                                    "<w:t>¹²³⁴⁵</w:t><w:t>", "</w:p><w:p/>", "footnoteRef",
                                    'w:val="subscript"', "w:p>", "<w:t>The General Assembly,</w:t>"]))
        text = text.replace(old, new, draw(st.integers(1, 3)))
    return rezip(blob, part, lambda _: text.encode("utf-8"))


@BUDGET
@given(damaged_docx())
def test_a_damaged_word_file_never_crashes_drafter(blob: bytes) -> None:
    check(blob, ".docx")


def test_an_unsupported_compression_method_and_a_corrupt_stream_are_refused_in_one_line():
    blob, _ = example("en")
    for data in (compression_method(blob, 99), compression_method(blob, 14), corrupt_deflate(blob)):
        with tempfile.TemporaryDirectory() as name:
            path = Path(name) / "bad.docx"
            path.write_bytes(data)
            report = validate([path], None, None, RULES)
            assert report.exit_code == 2
            [problem] = report.unreadable
            assert str(path) in problem.message and "\n" not in problem.message


# -- text drafts --------------------------------------------------------------------------------

PIECES = ["¹", "²³", "⁴" * 5000, "*", "**", "^{", "^{e}", "}", "1.", "(a)", "a)", "\t", "",
          "The General Assembly,", "L'Assemblée générale,", "Recalling", "Rappelant", "Requests",
          "39th plenary meeting", "21 November 2022", "31 February 2022", "A/RES/77/13",
          "A77/277-S/2022/606", "Agenda item", "Agenda item 0", "[without reference to a Main Committee (",
          "Resolution adopted by the General Assembly", "Adopted at the 0th plenary meeting, on 1 January 9999",
          "99999999999/1", "\u00a0", "\u202f", "\ufeff", "\x0c", "é", "§"]


@st.composite
def scrambled_text(draw: st.DrawFn) -> bytes:
    _, text = example(draw(st.sampled_from(["en", "fr"])))
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(["move", "drop", "copy", "insert", "join", "edit"]))
        at = draw(st.integers(0, len(lines) - 1))
        if kind == "move":
            lines.insert(draw(st.integers(0, len(lines) - 1)), lines.pop(at))
        elif kind == "drop" and len(lines) > 1:
            del lines[at]
        elif kind == "copy":
            lines.insert(draw(st.integers(0, len(lines))), lines[at])
        elif kind == "insert":
            lines.insert(at, " ".join(draw(st.lists(st.sampled_from(PIECES), max_size=4))))
        elif kind == "join" and at + 1 < len(lines):
            lines[at: at + 2] = [lines[at] + " " + lines[at + 1]]
        elif kind == "edit":
            line = lines[at]
            cut = draw(st.integers(0, len(line)))
            lines[at] = line[:cut] + draw(st.sampled_from(PIECES)) + line[cut:]
    return "\n".join(lines).encode("utf-8")


@BUDGET
@given(scrambled_text())
def test_a_scrambled_text_draft_never_crashes_drafter(data: bytes) -> None:
    check(data, ".txt")


def test_a_text_draft_with_lines_moved_is_read(lang):
    """The two crashes issue 7 names: lines moved (AttributeError) and an empty number (int(''))."""
    _, text = example(lang)
    lines = text.split("\n")
    lines.insert(3, lines.pop(-5))
    lines.insert(len(lines) // 2, lines.pop(1))
    check("\n".join(lines).encode("utf-8"), ".txt")
    check(text.replace("*39th plenary meeting", "*th plenary meeting")
          .replace("*39^{e} séance plénière", "*^{e} séance plénière").encode("utf-8"), ".txt")
