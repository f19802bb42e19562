"""Fuzzing Word and text drafts through the commands that take them besides `validate` and
`import` (tests/readers covers those two on damaged bytes): `followup` of a draft, `validate
--pair` and `import --pair` of two damaged versions, `compare` of any two, and `render` and
`followup` of what `import` wrote. Every one ends in exit 0, 1 or 2, never 70, never a hang.

The damage here is to the document's structure rather than its bytes: Word paragraphs dropped,
repeated, moved or swapped between the languages; runs moved; footnote marks pointing nowhere or
twice at one footnote; page sizes of "²" or 5,000 digits; tracked changes, tables and fields
where none were; text of odd dates, sessions of 8055 and more, 5,000-digit numbers and marks.
Text drafts get the same at the level of lines. The budget is fixed; CI derandomizes it.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from commandline import finished
from conftest import EXAMPLE, ROOT

from drafter.composer import compose
from drafter.source import load
from drafter.writers.docx import write_docx
from drafter.writers.text import write_text

BASES = [EXAMPLE, ROOT / "examples" / "au-77-illustrative.yaml", ROOT / "tests" / "fixtures" / "draft-coe.yaml"]
BUDGET = settings(max_examples=25, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
GUARD = 90  # seconds per command: only a hang gets near it
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: Text written into a draft: odd dates, citations beyond the calendar, huge numbers and marks.
WORDS = [
    "resolution 8055/1 of 2 March 2010", "resolution 64/" + "9" * 5000 + " of 2 March 2010",
    "resolutions 9999/1 of 31 December 9999 and 77/13", "31 February 2022", "1 January 0001",
    "Adopted at the 0th plenary meeting, on 1 January 9999", "99999999999th plenary meeting",
    "¹" * 5000, "⁹" * 300, "²³", "Agenda item 0", "Agenda item " + "9" * 5000,
    "Seventy-seventh session", "Eight thousand and fifty-fifth session", "A/RES/8055/1",
    "A/" + "7" * 5000 + "/L.13", "The General Assembly,", "L'Assemblée générale,", "Recalling",
    "Requests", "Prie", "(a)", "a)", "1.", "", " ", "\u00a0", "\u202f", "\ufeff", "é", "« »",
    "S/PRST/2010/1", "{fn|x}", "<w:p>", "]]>",
]


@cache
def _drafts(source: Path) -> dict[str, tuple[bytes, str]]:
    """The Word file and the text of each language of one source."""
    resolution = load(source)
    return {lang: (write_docx(document := compose(resolution, lang)), write_text(document))
            for lang in ("en", "fr")}


def _parts(blob: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _damaged_docx(draw: st.DrawFn, blob: bytes, other: bytes) -> bytes:
    """``blob`` with its paragraphs, runs, marks and sections mangled (``other``: the draft in
    the other language, whose paragraphs may wander in)."""
    parts = _parts(blob)
    body = etree.fromstring(parts["word/document.xml"])
    foreign = etree.fromstring(_parts(other)["word/document.xml"]).findall(f".//{W}p")
    for _ in range(draw(st.integers(1, 6))):
        paragraphs = body.findall(f".//{W}p")
        if not paragraphs:
            break
        target = paragraphs[draw(st.integers(0, len(paragraphs) - 1))]
        kind = draw(st.sampled_from(["drop", "repeat", "move", "foreign", "runs", "mark", "page",
                                     "words", "words", "revision", "table", "field"]))
        parent = target.getparent()
        if kind == "drop" and parent is not None:
            parent.remove(target)
        elif kind == "repeat":
            target.addnext(etree.fromstring(etree.tostring(target)))
        elif kind == "move" and parent is not None:
            place = paragraphs[draw(st.integers(0, len(paragraphs) - 1))]
            if place is not target:
                place.addprevious(target)
        elif kind == "foreign" and foreign:
            target.addnext(etree.fromstring(etree.tostring(foreign[draw(st.integers(0, len(foreign) - 1))])))
        elif kind == "runs":
            runs = body.findall(f".//{W}r")
            place = paragraphs[draw(st.integers(0, len(paragraphs) - 1))]
            if runs:
                place.append(runs[draw(st.integers(0, len(runs) - 1))])
        elif kind == "mark":
            marks = body.findall(f".//{W}footnoteReference")
            if marks:
                mark = marks[draw(st.integers(0, len(marks) - 1))]
                mark.set(f"{W}id", draw(st.sampled_from(["0", "-1", "1", "77", "", "x", "9" * 5000])))
        elif kind == "page":
            for size in body.iter(f"{W}pgSz"):
                size.set(f"{W}{draw(st.sampled_from(['w', 'h']))}",
                         draw(st.sampled_from(["²", "9" * 5000, "-1", "0", "", "12240.5"])))
        elif kind == "words":
            texts = body.findall(f".//{W}t")
            if texts:
                node = texts[draw(st.integers(0, len(texts) - 1))]
                node.text = draw(st.sampled_from(WORDS))
        elif kind == "revision":  # the paragraph's runs inside a tracked insertion or deletion
            runs = target.findall(f"{W}r")
            wrapper = etree.SubElement(target, f"{W}{draw(st.sampled_from(['ins', 'del']))}")
            wrapper.set(f"{W}id", "900")
            for run in runs:
                wrapper.append(run)
            if wrapper.tag == f"{W}del":
                for text in wrapper.iter(f"{W}t"):
                    text.tag = f"{W}delText"
        elif kind == "table" and parent is not None:
            table = etree.Element(f"{W}tbl")
            etree.SubElement(etree.SubElement(table, f"{W}tr"), f"{W}tc").append(
                etree.fromstring(etree.tostring(target)))
            target.addnext(table)
        elif kind == "field":
            run = etree.SubElement(target, f"{W}fldSimple")
            run.set(f"{W}instr", draw(st.sampled_from([" NOTEREF _RefFootnote9 \\f \\h ",
                                                       " INCLUDETEXT \"/etc/passwd\" ", " PAGE "])))
    parts["word/document.xml"] = etree.tostring(body, xml_declaration=True, encoding="UTF-8",
                                                standalone=True)
    if draw(st.booleans()) and "word/footnotes.xml" in parts:
        notes = etree.fromstring(parts["word/footnotes.xml"])
        bodies = [note for note in notes.findall(f"{W}footnote") if note.get(f"{W}type") is None]
        if bodies:
            note = bodies[draw(st.integers(0, len(bodies) - 1))]
            if draw(st.booleans()):
                notes.remove(note)
            else:
                note.set(f"{W}id", draw(st.sampled_from(["1", "-5", "abc", "9" * 5000])))
        parts["word/footnotes.xml"] = etree.tostring(notes, xml_declaration=True, encoding="UTF-8",
                                                     standalone=True)
    return _zip(parts)


def _damaged_text(draw: st.DrawFn, text: str, other: str) -> bytes:
    """``text`` with lines dropped, repeated, moved, taken from ``other`` or rewritten."""
    lines, foreign = text.split("\n"), other.split("\n")
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["drop", "repeat", "move", "foreign", "words", "number"]))
        if kind == "drop" and len(lines) > 1:
            del lines[at]
        elif kind == "repeat":
            lines.insert(at, lines[at])
        elif kind == "move":
            lines.insert(draw(st.integers(0, len(lines) - 1)), lines.pop(at))
        elif kind == "foreign":
            lines.insert(at, foreign[draw(st.integers(0, len(foreign) - 1))])
        elif kind == "words":
            cut = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:cut] + draw(st.sampled_from(WORDS)) + lines[at][cut:]
        elif kind == "number":  # every number of the line made huge, empty or beyond the calendar
            lines[at] = re.sub(r"\d+", draw(st.sampled_from(["9" * 5000, "", "8055", "0", "9999"])),
                               lines[at])
    ending = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    return ending.join(lines).encode("utf-8")


@st.composite
def damaged_pairs(draw: st.DrawFn) -> tuple[str, bytes, bytes]:
    """A suffix and the English and French versions of one draft, each damaged or not."""
    drafts = _drafts(draw(st.sampled_from(BASES)))
    (en_docx, en_text), (fr_docx, fr_text) = drafts["en"], drafts["fr"]
    if draw(st.booleans()):
        english = _damaged_docx(draw, en_docx, fr_docx) if draw(st.booleans()) else en_docx
        french = _damaged_docx(draw, fr_docx, en_docx) if draw(st.booleans()) else fr_docx
        return ".docx", english, french
    return ".txt", _damaged_text(draw, en_text, fr_text), _damaged_text(draw, fr_text, en_text)


def check_pair(suffix: str, english: bytes, french: bytes) -> None:
    """Every command that takes drafts, on one damaged pair."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        en, fr = folder / f"draft.en{suffix}", folder / f"draft.fr{suffix}"
        en.write_bytes(english)
        fr.write_bytes(french)
        finished("validate", en, "--pair", fr, seconds=GUARD)
        finished("followup", en, "--pair", fr, "--session", 79, "--out", folder / "both",
                 allowed=(0, 2), seconds=GUARD)
        finished("followup", fr, "--lang", "fr", "--session", 79, "--out", folder / "one",
                 allowed=(0, 2), seconds=GUARD)
        finished("compare", en, fr, "--out", folder / "languages", allowed=(0, 2), seconds=GUARD)
        finished("compare", EXAMPLE, fr, "--lang", "fr", "--out", folder / "against", allowed=(0, 2),
                 seconds=GUARD)
        imported = finished("import", en, "--pair", fr, "-o", folder / "imported.yaml",
                            allowed=(0, 2), seconds=GUARD)
        if imported.code == 0:  # what import writes is a source drafter loads and renders
            finished("validate", folder / "imported.yaml", allowed=(0, 1), seconds=GUARD)
            finished("render", folder / "imported.yaml", "--out", folder / "again", allowed=(0,),
                     seconds=GUARD)
            finished("followup", folder / "imported.yaml", "--session", 79, "--out",
                     folder / "next", allowed=(0, 2), seconds=GUARD)


@BUDGET
@given(damaged_pairs())
def test_a_damaged_pair_of_drafts_never_crashes_any_command(pair: tuple[str, bytes, bytes]) -> None:
    check_pair(*pair)
