"""The injected-error suite: every rule, several mistakes each, injected into the example's YAML
source and into its Word and text renderings in English and French, each found by its rule.

The mistakes are data (``injected.yaml``): the edits of the source text, or of one language's
rendering (the same edits apply to the Word file, across its runs, and to the text file). A case
passes when the expected rule reports the mistake; other rules may also speak (a paragraph moved
into the wrong part is also wrongly punctuated). The unedited files validate clean (see
test_validate.py), so every finding here comes from the injected mistake.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from copy import deepcopy
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree

from conftest import EXAMPLE
from drafter.composer import compose
from drafter.findings import Finding
from drafter.rules import all_rules
from drafter.source import parse
from drafter.commands.validate import validate
from drafter.writers.docx import write_docx
from drafter.writers.text import write_text

CATALOGUE = yaml.safe_load((Path(__file__).with_name("injected.yaml")).read_text(encoding="utf-8"))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
RULES = all_rules()
_SPACES = " \u00a0\u202f"

#: Edits of the source made before rendering, for mistakes that need more than the example has.
BASES: dict[str, list[list[str]]] = {
    "subparagraphs": [["      échanges dans le domaine du maintien de la paix\n",
                       "      échanges dans le domaine du maintien de la paix\n"
                       "    subparagraphs:\n"
                       "      - {en: by holding regular consultations, fr: en tenant des consultations régulières}\n"
                       "      - en: by exchanging information\n"
                       "        fr: en échangeant des informations\n"
                       "        subparagraphs:\n"
                       "          - {en: on training, fr: sur la formation}\n"
                       "          - {en: on exercises, fr: sur les exercices}\n"]],
    "draft": [["stage: adopted", "stage: draft"], ["symbol: A/RES/77/13", "symbol: A/77/L.13"],
              ["draft_symbol: A/77/L.13\n", ""],
              ["adoption: {date: 2022-11-21, meeting: 39}\n",
               "sponsors: [{en: Armenia, fr: Arménie}, {en: Belarus, fr: Bélarus}]\n"]],
}


@dataclass(frozen=True)
class Case:
    name: str
    code: str
    format: str  # yaml, docx or txt
    lang: str | None  # the edited rendering; None for the source
    edits: dict[str, Any]
    base: str | None
    pair: bool
    known: str | None  # why drafter misses it today


def _cases() -> Iterator[Case]:
    for entry in CATALOGUE:
        base, pair, known = entry.get("base"), entry.get("pair", False), entry.get("known")
        if "yaml" in entry:
            yield Case(f"{entry['id']}-yaml", entry["code"], "yaml", None,
                       _edits(entry["yaml"]), base, False, known)
        for lang in ("en", "fr"):
            if lang in entry:
                edits = _edits(entry[lang])
                for fmt in edits.get("formats", ["docx", "txt"]):
                    yield Case(f"{entry['id']}-{lang}-{fmt}", entry["code"], fmt, lang, edits,
                               base, pair, known)


def _edits(spec: Any) -> dict[str, Any]:
    """A list of [old, new] pairs is the short form of {replace: […]}."""
    return {"replace": spec} if isinstance(spec, list) else spec


CASES = list(_cases())
#: The cases drafter misses today, each with the reason; they are expected failures.
PARAMETERS = [pytest.param(case, id=case.name, marks=[pytest.mark.xfail(reason=case.known)]
                           if case.known else []) for case in CASES]


# -- editing text ---------------------------------------------------------------------------

def _pattern(old: str) -> re.Pattern[str]:
    """``old`` where an ordinary space also matches a no-break space (typography puts them)."""
    return re.compile("".join(f"[{_SPACES}]" if char == " " else re.escape(char) for char in old))


def _changed(old: str, new: str) -> tuple[int, int, str]:
    """The part of ``old`` that the edit changes, as (start, end) in ``old``, and its new text:
    the words the edit keeps keep their formatting."""
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return prefix, len(old) - suffix, new[prefix:len(new) - suffix]


#: The text writer's markup: italics, bold, superscripts; edits are written without it.
_MARKUP = re.compile(r"\*\*|\*|\^\{([^{}]*)\}")


def _unmarked(text: str) -> tuple[str, list[int]]:
    """The text without markup, and for each of its characters the position in ``text``."""
    clean: list[str] = []
    places: list[int] = []
    position = 0
    for match in _MARKUP.finditer(text):
        clean.append(text[position:match.start()])
        places += range(position, match.start())
        if match.group(1) is not None:  # the raised letters stay, as text
            clean.append(match.group(1))
            places += range(match.start(1), match.end(1))
        position = match.end()
    clean.append(text[position:])
    places += range(position, len(text))
    return "".join(clean), places


def _replace_text(text: str, old: str, new: str) -> str:
    clean, places = _unmarked(text)
    found = list(_pattern(old).finditer(clean))
    assert len(found) == 1, f"{old!r} occurs {len(found)} times"
    start, end, middle = _changed(old, new)
    first = found[0].start() + start
    if start == end:  # an insertion: after the character before it
        at = places[first - 1] + 1 if first else places[0]
        return text[:at] + middle + text[at:]
    return text[:places[first]] + middle + text[places[found[0].start() + end - 1] + 1:]


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def _one(items: list[str], words: str) -> int:
    found = [index for index, item in enumerate(items) if _pattern(words).search(_unmarked(item)[0])]
    assert len(found) == 1, f"{words!r} is in {len(found)} paragraphs"
    return found[0]


def _starting(paragraphs: list[str], label: str) -> int:
    found = [index for index, paragraph in enumerate(paragraphs) if paragraph.startswith(label)]
    assert len(found) == 1, f"{label!r} starts {len(found)} paragraphs"
    return found[0]


def edit_text(text: str, edits: dict[str, Any]) -> str:
    for old, new in edits.get("raw", []):
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    for old, new in edits.get("raw_all", []):
        assert text.count(old) > 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    for old, new in edits.get("replace", []):
        text = _replace_text(text, old, new)
    paragraphs = _paragraphs(text)
    labelled = [(_starting(paragraphs, old + " "), old, new) for old, new in edits.get("label", [])]
    for index, old, new in labelled:
        paragraphs[index] = (new + " " if new else "") + paragraphs[index][len(old) + 1:]
    for words in edits.get("copy", []):
        index = _one(paragraphs, words)
        paragraphs.insert(index + 1, paragraphs[index])
    for words, before in edits.get("move", []):
        moved = paragraphs.pop(_one(paragraphs, words))
        paragraphs.insert(_one(paragraphs, before), moved)
    for words, text in edits.get("insert", []):
        paragraphs.insert(_one(paragraphs, words), text)
    for words in edits.get("drop", []):
        paragraphs.pop(_one(paragraphs, words))
    for words in edits.get("drop_last", []):
        paragraphs.pop(max(index for index, paragraph in enumerate(paragraphs)
                           if _pattern(words).search(_unmarked(paragraph)[0])))
    return "\n\n".join(paragraphs)


# -- editing Word documents -----------------------------------------------------------------

def _texts(paragraph: etree._Element) -> list[etree._Element]:
    return list(paragraph.iter(f"{{{W}}}t"))


def _joined(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in _texts(paragraph))


def _replace_in_paragraph(paragraph: etree._Element, match: re.Match[str], old: str, new: str) -> None:
    """Replace a span of the paragraph's text, which may cross runs: the changed words take the
    formatting of the run where they start."""
    start, end, middle = _changed(old, new)
    first, last = match.start() + start, match.start() + end
    offset = 0
    placed = False
    for t in _texts(paragraph):
        text = t.text or ""
        begin, stop = offset, offset + len(text)
        offset = stop
        inside = begin <= first <= stop if first == last else begin < last and stop > first
        if not inside or placed and first == last:
            continue
        keep_before = text[:max(0, first - begin)]
        keep_after = text[max(0, last - begin):] if last < stop else ""
        t.text = keep_before + ("" if placed else middle) + keep_after
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        placed = True


def _label(texts: list[etree._Element], old: str) -> etree._Element:
    found = [t for t in texts if t.text == old]
    assert len(found) == 1, f"{old!r} is {len(found)} text elements"
    return found[0]


def _all_paragraphs(parts: dict[str, etree._Element]) -> list[etree._Element]:
    return [p for root in parts.values() for p in root.iter(f"{{{W}}}p")]


def _paragraph_with(parts: dict[str, etree._Element], words: str) -> etree._Element:
    found = [p for p in _all_paragraphs(parts) if _pattern(words).search(_joined(p))]
    assert len(found) == 1, f"{words!r} is in {len(found)} paragraphs"
    return found[0]


def _run_reading(parts: dict[str, etree._Element], text: str) -> etree._Element:
    found = [t.getparent() for p in _all_paragraphs(parts) for t in _texts(p) if t.text == text]
    assert found, f"no run reads {text!r}"
    return found[0]


def _swap_mark(parts: dict[str, etree._Element], words: str) -> None:
    """Put the first footnote mark of a paragraph on the other side of its punctuation."""
    p = _paragraph_with(parts, words)
    mark = next(p.iter(f"{{{W}}}footnoteReference")).getparent()
    before = mark.getprevious().find("w:t", NS)
    if before.text[-1] in ",;.":
        punctuation, before.text = before.text[-1], before.text[:-1]
        moved = deepcopy(mark.getprevious())
        moved.find("w:t", NS).text = punctuation
        mark.addnext(moved)
    else:
        after = mark.getnext().find("w:t", NS)
        punctuation, after.text = after.text[0], after.text[1:]
        before.text += punctuation


def _marks(parts: dict[str, etree._Element]) -> list[etree._Element]:
    return list(parts["word/document.xml"].iter(f"{{{W}}}footnoteReference"))


def edit_docx(parts: dict[str, etree._Element], edits: dict[str, Any]) -> None:
    for old, new in edits.get("replace", []):
        matches = [(p, m) for p in _all_paragraphs(parts) for m in _pattern(old).finditer(_joined(p))]
        assert len(matches) == 1, f"{old!r} occurs {len(matches)} times"
        _replace_in_paragraph(*matches[0], old, new)
    labels = [t for p in _all_paragraphs(parts) for t in _texts(p)]
    for t, new in [(_label(labels, old), new) for old, new in edits.get("label", [])]:
        t.text = new
    for words in edits.get("copy", []):
        p = _paragraph_with(parts, words)
        p.addnext(deepcopy(p))
    for words, before in edits.get("move", []):
        p = _paragraph_with(parts, words)
        _paragraph_with(parts, before).addprevious(p)
    for words, text in edits.get("insert", []):
        p = _paragraph_with(parts, words)
        added = deepcopy(p)
        for extra in _texts(added)[1:]:
            extra.getparent().remove(extra)
        _texts(added)[0].text = text
        p.addprevious(added)
    for words in edits.get("drop", []):
        p = _paragraph_with(parts, words)
        p.getparent().remove(p)
    for words in edits.get("drop_last", []):
        p = [p for p in _all_paragraphs(parts) if _pattern(words).search(_joined(p))][-1]
        p.getparent().remove(p)
    for text in edits.get("upright", []):
        for italic in _run_reading(parts, text).iterfind("w:rPr/w:i", NS):
            italic.getparent().remove(italic)
    for text in edits.get("lower", []):
        for raised in _run_reading(parts, text).iterfind("w:rPr/w:vertAlign", NS):
            raised.getparent().remove(raised)
    for words in edits.get("swap_mark", []):
        _swap_mark(parts, words)
    for first, second in edits.get("swap_marks", []):  # footnote marks by number, from 1
        marks = _marks(parts)
        one, two = marks[first - 1], marks[second - 1]
        ids = one.get(f"{{{W}}}id"), two.get(f"{{{W}}}id")
        one.set(f"{{{W}}}id", ids[1])
        two.set(f"{{{W}}}id", ids[0])
    for number in edits.get("drop_mark", []):
        run = _marks(parts)[number - 1].getparent()
        run.getparent().remove(run)
    if edits.get("type_notes"):
        _type_notes(parts)


def _superscript_run(text: str) -> etree._Element:
    run = etree.Element(f"{{{W}}}r")
    etree.SubElement(etree.SubElement(run, f"{{{W}}}rPr"), f"{{{W}}}vertAlign").set(
        f"{{{W}}}val", "superscript")
    etree.SubElement(run, f"{{{W}}}t").text = text
    return run


def _type_notes(parts: dict[str, etree._Element]) -> None:
    """Footnotes typed by hand: each mark a superscript number, each note a paragraph at the end
    opening with its number and a tab, and the footnotes part left with its separators only."""
    notes = parts["word/footnotes.xml"]
    texts = {note.get(f"{{{W}}}id"): " ".join(_joined(p) for p in note.iter(f"{{{W}}}p")).strip()
             for note in notes.iter(f"{{{W}}}footnote") if int(note.get(f"{{{W}}}id", "0")) > 0}
    body = parts["word/document.xml"].find("w:body", NS)
    for number, mark in enumerate(_marks(parts), 1):
        mark.getparent().addprevious(_superscript_run(str(number)))
        mark.getparent().getparent().remove(mark.getparent())
    for number, text in enumerate(texts.values(), 1):
        paragraph = etree.Element(f"{{{W}}}p")
        paragraph.append(_superscript_run(str(number)))
        etree.SubElement(etree.SubElement(paragraph, f"{{{W}}}r"), f"{{{W}}}tab")
        etree.SubElement(etree.SubElement(paragraph, f"{{{W}}}r"), f"{{{W}}}t").text = text
        body.find("w:sectPr", NS).addprevious(paragraph)
    for note in list(notes.iter(f"{{{W}}}footnote")):
        if int(note.get(f"{{{W}}}id", "0")) > 0:
            notes.remove(note)


def rewrite_docx(blob: bytes, edits: dict[str, Any]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(blob))
    names = [name for name in source.namelist()
             if name in ("word/document.xml", "word/footnotes.xml")]
    parts = {name: etree.fromstring(source.read(name)) for name in names}
    edit_docx(parts, edits)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename in parts:
                data = etree.tostring(parts[item.filename], xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
            target.writestr(item, data)
    return out.getvalue()


# -- running the cases ------------------------------------------------------------------------

@cache
def source_text(base: str | None) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in BASES.get(base or "", []):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@cache
def rendering(base: str | None, lang: str, fmt: str) -> bytes:
    document = compose(parse(source_text(base)), lang)
    return write_docx(document) if fmt == "docx" else write_text(document).encode("utf-8")


_WRITE: dict[str, Callable[[bytes, dict[str, Any]], bytes]] = {
    "docx": rewrite_docx,
    "txt": lambda data, edits: edit_text(data.decode("utf-8"), edits).encode("utf-8"),
}


def findings_of(case: Case, folder: Path) -> dict[str, list[Finding]]:
    """The findings on the mutated file (and its pair), by code."""
    if case.format == "yaml":
        target = folder / "mutated.yaml"
        target.write_text(edit_text(source_text(case.base), case.edits), encoding="utf-8")
        report = validate([target], None, None, RULES)
    else:
        assert case.lang is not None
        target = folder / f"mutated.{case.lang}.{case.format}"
        target.write_bytes(_WRITE[case.format](rendering(case.base, case.lang, case.format), case.edits))
        other = None
        if case.pair:
            other = folder / f"other.{case.format}"
            other.write_bytes(rendering(case.base, "en" if case.lang == "fr" else "fr", case.format))
        report = validate([target], other, None, RULES)
    assert not report.unreadable, [problem.message for problem in report.unreadable]
    found: dict[str, list[Finding]] = {}
    for finding in report.findings:
        found.setdefault(finding.code, []).append(finding)
    return found


#: Rules about a whole paragraph, a part or the document, which have no words to quote.
WHOLE = {"S101", "S102", "S103", "S105", "S107", "S109", "S110", "S111", "S112", "S113", "S114",
         "S115", "S116", "F501", "F502", "F503", "F504", "B701", "B702", "B703", "B708", "L901", "S104",
         "S106", "C403"}  # C403: the heading names different sessions, in several lines


@pytest.mark.parametrize("case", PARAMETERS)
def test_injected_mistake_is_found_by_its_rule(case: Case, tmp_path: Path) -> None:
    found = findings_of(case, tmp_path)
    assert case.code in found, sorted(found)
    if case.code not in WHOLE:  # a source's findings carry a line instead of the words
        assert all(finding.words or finding.line for finding in found[case.code]), found[case.code]


def test_every_rule_has_injected_mistakes_in_every_form_it_can_take() -> None:
    by_code: dict[str, set[str]] = {}
    for case in CASES:
        by_code.setdefault(case.code, set()).add(case.format)
    assert set(by_code) == {rule.code for rule in RULES}
    missed = sum(case.known is not None for case in CASES)
    assert missed / len(CASES) < 0.05, f"{missed} of {len(CASES)} injected mistakes are missed"
    assert sum(len(formats) for formats in by_code.values()) >= 2 * len(RULES)
    assert {case.lang for case in CASES} == {None, "en", "fr"}
