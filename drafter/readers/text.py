"""Read plain text (drafter's own text output, or an extraction such as the reference 77/13)
into a Document.

Conventions: ``*…*`` italic, ``**…**`` bold, ``^{…}`` or ``^e`` superscript, superscript digits
are footnote marks. Paragraphs are separated by blank lines; line breaks inside a paragraph mean
nothing. A paragraph whose first line opens with a footnote mark holds footnotes, one per mark,
wherever a page break put them; a paragraph cut in two by such footnotes is joined again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from drafter.document import Document, FootnoteRef, Inline, Run
from drafter.readers.safety import ReadFailure, decode_text, read_limited
from drafter.readers.structure import Paragraph, assemble

_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_DIGITS = str.maketrans(_SUPERSCRIPT, "0123456789")
_FOOTNOTE_LINE = re.compile(f"^([{_SUPERSCRIPT}]+)\\s+")
_TOKEN = re.compile(rf"\*\*|\*|\^\{{([^{{}}]*)\}}|\^(\w)|([{_SUPERSCRIPT}]+)")
_BLANK = re.compile(r"\n[ \t]*\n\s*")
_ENDS = ",;.:"
#: Makes the mark of a footnote from its printed number; None inside footnotes.
Marks = Callable[[int], FootnoteRef] | None


def read_text(source: Path | str | bytes, lang: str | None = None, *,
              name: str | None = None) -> Document:
    """The Document in a text file (Path), its bytes, or its text (str)."""
    if isinstance(source, Path):
        name = name or str(source)
        text = decode_text(read_limited(source), name)
    elif isinstance(source, bytes):
        name = name or "the text"
        text = decode_text(source, name)
    else:
        name, text = name or "the text", source
    body, notes = _split(text.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs, footnotes = _number(body, notes, name)
    return assemble(paragraphs, footnotes, name=name, lang=lang)


def _split(text: str) -> tuple[list[str], dict[int, str]]:
    """Body paragraphs (rejoined across footnotes) and footnote texts by printed mark."""
    body: list[str] = []
    notes: dict[int, str] = {}
    interrupted = False
    for chunk in _BLANK.split(text.strip("\n")):
        lines = chunk.split("\n")
        if _FOOTNOTE_LINE.match(lines[0]):
            current = None
            for line in lines:
                mark = _FOOTNOTE_LINE.match(line)
                if mark:
                    current = int(mark.group(1).translate(_DIGITS))
                    notes[current] = line[mark.end():]
                elif current is not None:
                    notes[current] += "\n" + line
            interrupted = bool(body)
            continue
        if interrupted and _continues(body[-1], chunk):
            body[-1] += "\n" + chunk
        elif chunk.strip():
            body.append(chunk)
        interrupted = False
    return body, notes


def _continues(before: str, after: str) -> bool:
    """Whether a page's footnotes cut one paragraph in two."""
    tail = before.rstrip().rstrip("*")
    head = after.lstrip().lstrip("*")
    return not tail.endswith(tuple(_ENDS)) or head[:1].islower()


def _number(body: list[str], notes: dict[int, str], name: str) -> tuple[list[Paragraph], list[Paragraph]]:
    """Inlines of every paragraph, footnote marks renumbered 1..N in the order they occur."""
    footnotes: list[Paragraph] = []
    seen: dict[int, int] = {}

    def footnote(printed: int) -> FootnoteRef:
        if printed in seen:  # the same number again cites that footnote again
            return FootnoteRef(seen[printed], repeat=True)
        if printed not in notes:
            raise ReadFailure(f"{name}: footnote mark {printed} has no footnote text (a line "
                              f"starting with the mark); add it or remove the mark")
        footnotes.append(_inlines(notes[printed], None))
        seen[printed] = len(footnotes)
        return FootnoteRef(len(footnotes))

    paragraphs = [_inlines(chunk, footnote) for chunk in body]
    if len(footnotes) != len(notes):
        raise ReadFailure(f"{name}: {len(notes)} footnotes but {len(footnotes)} footnote marks in "
                          "the text; every footnote needs its mark")
    return paragraphs, footnotes


def _inlines(text: str, footnote: Marks) -> list[Inline]:
    out: list[Inline] = []
    italic = bold = False
    position = 0
    for token in _TOKEN.finditer(text):
        out.append(Run(text[position: token.start()], italic=italic, bold=bold))
        marker = token.group()
        if marker == "**":
            bold = not bold
        elif marker == "*":
            italic = not italic
        elif token.group(3):
            if footnote is None:
                out.append(Run(marker, italic=italic, bold=bold))
            else:
                out.append(footnote(int(marker.translate(_DIGITS))))
        else:
            out.append(Run(token.group(1) if token.group(1) is not None else token.group(2),
                           italic=italic, bold=bold, superscript=True))
        position = token.end()
    out.append(Run(text[position:], italic=italic, bold=bold))
    return [item for item in out if not isinstance(item, Run) or item.text]
