"""Read a Word document (ours, re-saved by LibreOffice, or typed by hand) into a Document.

Only structure and text count: paragraphs in order, runs with their direct italic, bold and
superscript formatting, footnote references followed to their bodies through the package's
relationships. Style names are never trusted, because LibreOffice renames them.
"""

from __future__ import annotations

from typing import Literal

import posixpath
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from msgspec.structs import replace
from lxml import etree

from drafter.document import Deviation, Document, FootnoteRef, Inline, Run
from drafter.readers import inlines as il
from drafter.readers.safety import MAX_PARAGRAPHS, Package, ReadFailure, source_bytes
from drafter.readers.structure import Paragraph, assemble
from drafter.regexes import compiled
from drafter.writers.docx import PAGES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_OFF = {"0", "false", "off", "none"}
#: Containers whose content is not part of the running text (deleted, or duplicated elsewhere).
_SKIP = {f"{W}del", f"{W}moveFrom", f"{W}txbxContent", f"{_MC}Fallback", f"{W}instrText",
         f"{W}delText", f"{W}rPr", f"{W}pPr"}
_SEPARATORS = {"separator", "continuationSeparator", "continuationNotice"}
#: A footnote mark typed as superscript characters (¹, ²³), at most MARK_DIGITS long.
_TYPED_MARK = compiled(f"(?<![{il.SUPERSCRIPT_DIGITS}])[{il.SUPERSCRIPT_DIGITS}]{{1,{il.MARK_DIGITS}}}"
                         f"(?![{il.SUPERSCRIPT_DIGITS}])")
#: Makes the mark of a footnote from its id; None inside footnotes, which have no marks.
Marks = Callable[[str], FootnoteRef] | None


def read_docx(source: Path | bytes, lang: str | None = None, *, name: str | None = None) -> Document:
    """The Document in a .docx file or its bytes; ReadFailure when it cannot be read safely."""
    name, data = source_bytes(source, name, "the document")
    package = Package(data, name)
    package.xml("[Content_Types].xml")  # refuses macro-enabled documents
    main = _target(package, "", "officeDocument")
    if main is None:
        raise ReadFailure(f"{name}: this zip file is not a Word document (no main document part); "
                          "choose the .docx of the draft")
    if package.count(main, f"{W}p", MAX_PARAGRAPHS) > MAX_PARAGRAPHS:
        raise ReadFailure(f"{name}: the document has more than {MAX_PARAGRAPHS} paragraphs, more "
                          "than any resolution; check that this is the right file")
    root = package.xml(main)
    body = root.find(f"{W}body")
    if body is None:
        raise ReadFailure(f"{name}: the Word document has no body; open it in Word and save it again")
    notes_part = _target(package, main, "footnotes")
    notes = _footnote_bodies(package.xml(notes_part)) if notes_part else {}
    paragraphs, footnotes = _paragraphs(body, notes, name)
    deviations = []
    if not footnotes and not any(isinstance(item, FootnoteRef) for p in paragraphs for item in p):
        paragraphs, footnotes = _typed_footnotes(paragraphs)
        if footnotes:
            deviations.append(Deviation("typed_footnotes", None, str(len(footnotes))))
    return assemble(paragraphs, footnotes, name=name, lang=lang, page_size=_page_size(body),
                    deviations=deviations, typed_spaces=True,
                    running_symbols=_running_symbols(package, main, body))


def _target(package: Package, source: str, kind: str) -> str | None:
    """The part that ``source`` relates to with a relationship of this kind, if any."""
    return next((path for _, found, path in _relations(package, source) if found == kind), None)


def _relations(package: Package, source: str) -> Iterator[tuple[str, str, str | None]]:
    """The id, kind and target part (None when it is not in the package) of each internal
    relationship of ``source``."""
    folder, base = posixpath.split(source)
    rels = posixpath.join(folder, "_rels", f"{base}.rels")
    if rels not in package.names:
        return
    for relation in package.xml(rels).iter(f"{_RELS}Relationship"):
        if relation.get("TargetMode") == "External":
            continue
        target = relation.get("Target", "")
        path = posixpath.normpath(target.lstrip("/") if target.startswith("/")
                                  else posixpath.join(folder, target))
        yield (relation.get("Id", ""), relation.get("Type", "").rsplit("/", 1)[-1],
               path if path in package.names else None)


def _running_symbols(package: Package, main: str, body: etree._Element) -> tuple[str, ...]:
    """The document symbols that the running headers of odd and even pages print (the first
    page has the masthead instead), each once, as a revision leaves them (deletions skipped)."""
    from drafter import symbols

    parts = {identifier: path for identifier, kind, path in _relations(package, main)
             if kind == "header" and path is not None}
    wanted = {parts[reference.get(f"{_R}id", "")] for reference in body.iter(f"{W}headerReference")
              if reference.get(f"{W}type") != "first" and reference.get(f"{_R}id", "") in parts}
    found: dict[str, None] = {}
    for part in sorted(wanted):
        root = package.xml(part)
        text = "".join((element.text or "") if element.tag == f"{W}t" else " "
                       for element in root.iter(f"{W}t", f"{W}tab")
                       if not any(parent.tag in _SKIP for parent in element.iterancestors()))
        found.update(dict.fromkeys(symbol.text for symbol in symbols.find(text)))
    return tuple(found)


def _footnote_bodies(root: etree._Element) -> dict[str, list[etree._Element]]:
    """Footnote paragraphs by id; separators are layout, not footnotes."""
    return {note.get(f"{W}id", ""): note.findall(f"{W}p") for note in root.iter(f"{W}footnote")
            if note.get(f"{W}type") not in _SEPARATORS}


def _paragraphs(body: etree._Element, notes: dict[str, list[etree._Element]],
                name: str) -> tuple[list[Paragraph], list[tuple[int, Paragraph]]]:
    """Body paragraphs, with footnote marks numbered 1..N in the order they occur, then the
    footnotes: those marked, and after them those whose mark was deleted from the text."""
    reader = _Reader(notes, _bookmarked_notes(body), name)
    paragraphs = []
    for p in body.iter(f"{W}p"):
        if _in_text(p):
            paragraphs.append(reader.inlines(p))
            if len(paragraphs) > MAX_PARAGRAPHS:
                raise ReadFailure(f"{name}: the document has more than {MAX_PARAGRAPHS} "
                                  "paragraphs, more than any resolution; check that this is the "
                                  "right file")
    for note_id in notes:
        if note_id not in reader.numbers:
            reader.note(note_id)
    return paragraphs, reader.footnotes


def _bookmarked_notes(body: etree._Element) -> dict[str, str]:
    """Footnote ids by the name of the bookmark around their mark, for NOTEREF fields."""
    found: dict[str, str] = {}
    open_names: list[str] = []
    for element in body.iter(f"{W}bookmarkStart", f"{W}footnoteReference"):
        if element.tag == f"{W}bookmarkStart":
            open_names.append(element.get(f"{W}name", ""))
        else:
            for bookmark in open_names:
                found.setdefault(bookmark, element.get(f"{W}id", ""))
            open_names = []
    return found


class _Reader:
    """Walks paragraphs in order: numbers footnote marks, and reads a NOTEREF field (a footnote
    cited again) as a repeat mark instead of the number it shows."""

    def __init__(self, notes: dict[str, list[etree._Element]], bookmarks: dict[str, str],
                 name: str) -> None:
        self.notes, self.bookmarks, self.name = notes, bookmarks, name
        self.footnotes: list[tuple[int, Paragraph]] = []
        self.numbers: dict[str, int] = {}  # footnote id → its number
        self.missing = 0  # marks whose footnote is not in the footnotes part
        self.field: list[str] = []  # the instruction of each complex field open, innermost last
        self.hiding = False  # inside the shown result of a NOTEREF field

    def footnote(self, note_id: str) -> FootnoteRef:
        """The mark of a footnote; a mark whose footnote is missing keeps its number, and the
        Document has no footnote of that number."""
        if note_id in self.numbers:
            return FootnoteRef(self.numbers[note_id], repeat=True)
        if note_id in self.notes:
            return FootnoteRef(self.note(note_id))
        self.missing += 1
        return FootnoteRef(len(self.footnotes) + self.missing)

    def note(self, note_id: str) -> int:
        """Number the footnote of this id next, and read its text."""
        text: Paragraph = []
        for index, p in enumerate(self.notes[note_id]):
            if index:
                text.append(Run("\n"))
            text += _inlines(p, None)
        number = len(self.footnotes) + self.missing + 1
        self.footnotes.append((number, text))
        self.numbers[note_id] = number
        return number

    def inlines(self, p: etree._Element) -> Paragraph:
        out: list[Inline] = []
        self.walk(p, out, top=True)
        return out

    def walk(self, element: etree._Element, out: list[Inline], top: bool = False) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP or (tag == f"{W}p" and not top):
                continue
            if tag == f"{W}r":
                self.run(child, out)
            elif tag == f"{W}fldSimple" and _noteref(child.get(f"{W}instr", "")):
                self.cite_again(child.get(f"{W}instr", ""), out)
            elif tag != f"{W}p":
                self.walk(child, out)

    def run(self, run: etree._Element, out: list[Inline]) -> None:
        for child in run:
            if child.tag == f"{W}fldChar":
                self.field_char(child.get(f"{W}fldCharType", ""), out)
            elif child.tag == f"{W}instrText" and self.field:
                self.field[-1] += child.text or ""
        if not self.hiding:
            _run(run, out, self.footnote)

    def field_char(self, kind: str, out: list[Inline]) -> None:
        if kind == "begin":
            self.field.append("")
        elif kind == "separate" and self.field and _noteref(self.field[-1]):
            self.cite_again(self.field[-1], out)
            self.hiding = True
        elif kind == "end" and self.field:
            self.field.pop()
            self.hiding = False

    def cite_again(self, instruction: str, out: list[Inline]) -> None:
        note_id = self.bookmarks.get(instruction.split()[1], "")
        if note_id in self.numbers:
            out.append(FootnoteRef(self.numbers[note_id], repeat=True))


def _typed_footnotes(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[tuple[int, Paragraph]]]:
    """Footnotes typed by hand (a draft typed without Word's footnote command, a PDF converted
    to Word): a paragraph that opens with a superscript number is a footnote, and superscript
    numbers in the other paragraphs are its marks. Marks and notes keep their printed numbers and
    a number printed again cites its footnote again, as the text reader reads them."""
    body: list[Paragraph] = []
    notes: list[tuple[int, Paragraph]] = []
    for paragraph in paragraphs:
        note = _typed_note(paragraph)
        if note is None:
            body.append(paragraph)
        else:
            notes.append(note)
    if not notes:
        return paragraphs, []
    seen: set[int] = set()

    def mark(printed: int) -> FootnoteRef:
        repeat = printed in seen
        seen.add(printed)
        return FootnoteRef(printed, repeat=repeat)

    return [_typed_marks(paragraph, mark) for paragraph in body], notes


def _typed_note(paragraph: Paragraph) -> tuple[int, Paragraph] | None:
    """The printed number and text of a paragraph that opens with a superscript number."""
    for index, item in enumerate(paragraph):
        if not isinstance(item, Run):
            return None
        if not item.text.strip():
            continue
        text = item.text.lstrip()
        if item.superscript:
            found = re.match(rf"\d{{1,{il.MARK_DIGITS}}}(?!\d)", text)
            if found is None or text[found.end():].strip():
                return None
            number, rest = int(found.group()), ""
        else:
            found = _TYPED_MARK.match(text)
            if found is None or (text[found.end():] and not text[found.end()].isspace()):
                return None
            number, rest = int(found.group().translate(il.TO_DIGITS)), text[found.end():]
        return number, [Run(rest, item.italic, item.bold), *paragraph[index + 1:]]
    return None


def _typed_marks(paragraph: Paragraph, mark: Callable[[int], FootnoteRef]) -> Paragraph:
    """The paragraph with its superscript numbers (formatted, or typed as ¹²³) as marks."""
    out: Paragraph = []
    for item in paragraph:
        if not isinstance(item, Run):
            out.append(item)
        elif item.superscript and re.fullmatch(rf"\s*\d{{1,{il.MARK_DIGITS}}}\s*", item.text):
            number = item.text.strip()
            start = item.text.index(number)
            out += [Run(item.text[:start], item.italic, item.bold), mark(int(number)),
                    Run(item.text[start + len(number):], item.italic, item.bold)]
        else:
            position = 0
            for found in _TYPED_MARK.finditer(item.text):
                out += [replace(item, text=item.text[position:found.start()]),
                        mark(int(found.group().translate(il.TO_DIGITS)))]
                position = found.end()
            out.append(replace(item, text=item.text[position:]))
    return [item for item in out if not isinstance(item, Run) or item.text]


def _noteref(instruction: str) -> bool:
    words = instruction.split()
    return len(words) > 1 and words[0].upper() == "NOTEREF"


def _in_text(p: etree._Element) -> bool:
    return not any(ancestor.tag in _SKIP for ancestor in p.iterancestors())


def _inlines(p: etree._Element, footnote: Marks) -> Paragraph:
    out: list[Inline] = []
    _walk(p, out, footnote, top=True)
    return out


def _walk(element: etree._Element, out: list[Inline], footnote: Marks, top: bool = False) -> None:
    for child in element:
        if child.tag in _SKIP or (child.tag == f"{W}p" and not top):
            continue
        if child.tag == f"{W}r":
            _run(child, out, footnote)
        elif child.tag != f"{W}p":
            _walk(child, out, footnote)


def _run(run: etree._Element, out: list[Inline], footnote: Marks) -> None:
    rpr = run.find(f"{W}rPr")
    italic, bold, superscript = _on(rpr, "i"), _on(rpr, "b"), _vertical(rpr) == "superscript"
    for child in run:
        tag = child.tag
        text = None
        if tag == f"{W}t":
            text = child.text or ""
        elif tag == f"{W}tab":
            text = "\t"
        elif tag in (f"{W}br", f"{W}cr"):
            text = "\n"
        elif tag == f"{W}noBreakHyphen":
            text = "\u2011"
        elif tag == f"{W}footnoteReference" and footnote is not None:
            out.append(footnote(child.get(f"{W}id", "")))
        if text:
            out.append(Run(text, italic=italic, bold=bold, superscript=superscript))


def _on(rpr: etree._Element | None, tag: str) -> bool:
    element = rpr.find(f"{W}{tag}") if rpr is not None else None
    return element is not None and element.get(f"{W}val", "true").lower() not in _OFF


def _vertical(rpr: etree._Element | None) -> str | None:
    element = rpr.find(f"{W}vertAlign") if rpr is not None else None
    return element.get(f"{W}val") if element is not None else None


def _page_size(body: etree._Element) -> Literal["A4", "Letter"]:
    """The page size nearest to the section's width; A4 when the width is not a number (Word
    writes up to five ASCII digits; "²" or a 5,000-digit number is no width)."""
    size = body.find(f"{W}sectPr/{W}pgSz")
    value = size.get(f"{W}w", "") if size is not None else ""
    width = int(value) if re.fullmatch(r"[0-9]{1,6}", value) else PAGES["A4"][0]
    return min(PAGES, key=lambda page: abs(PAGES[page][0] - width))
