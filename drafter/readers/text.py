"""Read plain text (drafter's own text output, or an extraction such as the reference 77/13)
into a Document.

Conventions: ``*…*`` italic, ``**…**`` bold, ``^{…}`` or ``^e`` superscript, superscript digits
are footnote marks. Paragraphs are separated by blank lines; line breaks inside a paragraph mean
nothing. A line that opens with a footnote mark holds a footnote, wherever a page break put it;
a paragraph cut in two by such footnotes is joined again.

Text extracted from a PDF often has single line breaks only: a line that follows a line ending
a sentence and that opens like a paragraph (a number, a sub-paragraph label, the formula, an
opening phrase or verb) starts a new paragraph, and the Document says so (a ``line_breaks``
deviation). Page furniture (job numbers, bar codes, "2/4") is dropped, and so is a running
header: a line holding nothing but a document symbol, after the enacting formula (the Document
keeps the symbols it printed, for the rules to compare with the first page's).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from drafter import symbols
from drafter.document import Deviation, Document, FootnoteRef, Inline, Run
from drafter.language import LANGUAGES
from drafter.readers import inlines as il
from drafter.readers.patterns import leading_phrases
from drafter.readers.safety import MAX_PARAGRAPHS, ReadFailure, decode_text, source_bytes
from drafter.readers.structure import Paragraph, assemble, skeleton
from drafter.regexes import compiled

_SUPERSCRIPT, _DIGITS, _MARK_DIGITS = il.SUPERSCRIPT_DIGITS, il.TO_DIGITS, il.MARK_DIGITS
_FOOTNOTE_LINE = compiled(f"^\\s*([{_SUPERSCRIPT}]{{1,{_MARK_DIGITS}}})(?![{_SUPERSCRIPT}])\\s+")
_TOKEN = compiled(rf"\*\*|\*|\^\{{([^{{}}]*)\}}|\^(\w)|([{_SUPERSCRIPT}]+)")
_BLANK = compiled(r"\n[ \t]*\n\s*")
_ENDS = ",;.:"
_CLOSED = compiled(r"[,;:.][*\"”»’')\]" + _SUPERSCRIPT + r"]*\s*$")
_OPENS = compiled(r"\s*(?:\d{1,3}\.\s|\(?[a-z]{1,6}\)\s)")
#: Lines a PDF puts on every page: the job number "22-26741 (E)", its bar code, "2/4".
_FURNITURE = compiled(r"\s*(?:\d{2}-\d{5}\s*(?:\([A-Z]\))?|\*\d{7,}\*|\d{1,3}/\d{1,3})\s*")
#: Makes the mark of a footnote from its printed number; None inside footnotes.
Marks = Callable[[int], FootnoteRef] | None


def read_text(source: Path | str | bytes, lang: str | None = None, *,
              name: str | None = None) -> Document:
    """The Document in a text file (Path), its bytes, or its text (str)."""
    if isinstance(source, str):
        name, text = name or "the text", source
    else:
        name, data = source_bytes(source, name, "the text")
        text = decode_text(data, name)
    running: dict[str, None] = {}
    body, notes, split = _split(text.replace("\r\n", "\n").replace("\r", "\n"), name, running)
    paragraphs, footnotes = _number(body, notes)
    deviations = [Deviation("line_breaks", None, str(split))] if split else []
    return assemble(paragraphs, footnotes, name=name, lang=lang, deviations=deviations,
                    running_symbols=tuple(running))


def _split(text: str, name: str,
           running: dict[str, None]) -> tuple[list[str], list[tuple[int, str]], int]:
    """Body paragraphs (rejoined across footnotes), footnote texts with their printed marks,
    and how many paragraphs were told apart by single line breaks only; the symbols of running
    headers go into ``running``."""
    body: list[str] = []
    notes: list[tuple[int, str]] = []
    interrupted = False  # footnotes came last: the next text may go on with the paragraph before
    split = 0
    enacted = False  # the formula came: a symbol alone on a line is a running header
    for chunk in _BLANK.split(text.strip("\n")):
        pieces: list[str] = []
        footnote = False
        for line in chunk.split("\n"):
            if _FURNITURE.fullmatch(line):
                continue
            enacted = enacted or any(skeleton(code).formula.fullmatch(line) for code in LANGUAGES)
            symbol = _running_symbol(line) if enacted else None
            if symbol is not None:
                running[symbol] = None
                continue
            mark = _FOOTNOTE_LINE.match(line)
            if mark:
                notes.append((int(mark.group(1).translate(_DIGITS)), line[mark.end():]))
                footnote = True
                interrupted = interrupted or not pieces
            elif footnote and not notes[-1][1].rstrip().endswith("."):
                notes[-1] = (notes[-1][0], notes[-1][1] + "\n" + line)
            elif pieces and _starts(pieces[-1].rsplit("\n", 1)[-1], line):
                footnote = False
                split += 1
                pieces.append(line)
            elif pieces:
                footnote = False
                pieces[-1] += "\n" + line
            else:
                footnote = False
                pieces.append(line)
            if len(body) + len(pieces) > MAX_PARAGRAPHS or len(notes) > MAX_PARAGRAPHS:
                raise ReadFailure(f"{name}: the text has more than {MAX_PARAGRAPHS} paragraphs, "
                                  "more than any resolution; check that this is the right file")
        for index, piece in enumerate(pieces):
            if index == 0 and interrupted and body and _continues(body[-1], piece):
                body[-1] += "\n" + piece
            elif piece.strip():
                body.append(piece)
        interrupted = footnote if pieces else interrupted or footnote
    return body, notes, split


def _running_symbol(line: str) -> str | None:
    """The symbol a line holds when it holds nothing else ("A/79/L.20/Rev.1")."""
    found = symbols.find(line)
    return found[0].text if len(found) == 1 and found[0].text == line.strip() else None


def _starts(before: str, line: str) -> bool:
    """Whether a line opens a new paragraph although no blank line precedes it: the line before
    ends one (or is the formula), and this one opens like a paragraph."""
    formula = any(skeleton(code).formula.fullmatch(line) for code in LANGUAGES)
    after_formula = any(skeleton(code).formula.fullmatch(before) for code in LANGUAGES)
    if formula or after_formula:
        return True
    if not _CLOSED.search(before):
        return False
    plain = line.lstrip().lstrip("*")
    return bool(_OPENS.match(plain)) or any(
        leading_phrases(plain, code, section)  # type: ignore[arg-type]
        for code in LANGUAGES for section in ("preamble", "operative"))


def _continues(before: str, after: str) -> bool:
    """Whether a page's footnotes cut one paragraph in two."""
    tail = before.rstrip().rstrip("*")
    head = after.lstrip().lstrip("*")
    return not tail.endswith(tuple(_ENDS)) or head[:1].islower()


def _number(body: list[str], notes: list[tuple[int, str]]) -> tuple[list[Paragraph], list[tuple[int, Paragraph]]]:
    """Inlines of every paragraph and footnote. Marks keep their printed numbers, so that a
    mark without footnote, a footnote without mark and numbers out of order show in the tree;
    a number printed again cites that footnote again."""
    seen: set[int] = set()

    def footnote(printed: int) -> FootnoteRef:
        if printed in seen:
            return FootnoteRef(printed, repeat=True)
        seen.add(printed)
        return FootnoteRef(printed)

    paragraphs = [_inlines(chunk, footnote) for chunk in body]
    return paragraphs, [(number, _inlines(text, None)) for number, text in notes]


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
            if footnote is None or len(marker) > _MARK_DIGITS:
                out.append(Run(marker, italic=italic, bold=bold))
            else:
                out.append(footnote(int(marker.translate(_DIGITS))))
        else:
            out.append(Run(token.group(1) if token.group(1) is not None else token.group(2),
                           italic=italic, bold=bold, superscript=True))
        position = token.end()
    out.append(Run(text[position:], italic=italic, bold=bold))
    return [item for item in out if not isinstance(item, Run) or item.text]
