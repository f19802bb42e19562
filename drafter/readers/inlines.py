"""Inline sequences as readers find them: plain text with offsets, slices that keep formatting,
whitespace collapsed the way a reader sees it, neighbouring runs of one format joined."""

from __future__ import annotations

from msgspec.structs import replace

from drafter.document import FootnoteRef, Inline, Run, merge_runs
from drafter.regexes import compiled

#: Layout whitespace (tabs, line breaks, spaces); no-break spaces are text and are kept.
_LAYOUT = compiled(r"[ \t\r\n]+")
#: Two spaces or more typed between two characters (a footnote mark counts as one): in a Word
#: file spaces are typed, layout is tabs and breaks; in a text file spaces may be layout too.
_TYPED_SPACES = compiled(r"(?<=[^\s]) {2,}(?=[^\s])")
#: How many words on each side of the spaces a finding quotes.
_AROUND = 2
#: Digits typed as superscript characters: a footnote mark in a text typed by hand.
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
TO_DIGITS = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
#: A footnote mark has at most this many digits; a longer superscript number is text.
MARK_DIGITS = 4


def text(inlines: list[Inline]) -> str:
    return "".join(item.text for item in inlines if isinstance(item, Run))


def cut(inlines: list[Inline], start: int, end: int) -> list[Inline]:
    """The inlines between two offsets of the plain text; a footnote mark goes with the text
    before it."""
    out: list[Inline] = []
    position = 0
    for item in inlines:
        if isinstance(item, FootnoteRef):
            if start < position <= end:
                out.append(item)
            continue
        low, high = max(start, position), min(end, position + len(item.text))
        if low < high:
            out.append(replace(item, text=item.text[low - position: high - position]))
        position += len(item.text)
    return out


def squeeze(inlines: list[Inline]) -> list[Inline]:
    """Runs of layout whitespace become one space, none at either end; runs are joined."""
    out: list[Inline] = []
    for item in merge_runs(inlines):
        if isinstance(item, Run):
            value = _LAYOUT.sub(" ", item.text)
            if value.startswith(" ") and (not _has_text(out) or _ends_with_space(out)):
                value = value[1:]
            item = replace(item, text=value)
        out.append(item)
    while out and isinstance(out[-1], Run) and out[-1].text.endswith(" "):
        out[-1] = replace(out[-1], text=out[-1].text[:-1])
        if not out[-1].text:
            out.pop()
    return merge_runs(out)


def _ends_with_space(inlines: list[Inline]) -> bool:
    last = inlines[-1]
    return isinstance(last, Run) and last.text.endswith(" ")


def _has_text(inlines: list[Inline]) -> bool:
    return any(isinstance(item, FootnoteRef) or item.text for item in inlines)


def typed_spaces(inlines: list[Inline]) -> str | None:
    """The words around the first spaces typed twice or more between two words, as written
    ("taken by  the Collective"), or None."""
    text = "".join("¹" if isinstance(item, FootnoteRef) else item.text for item in inlines)
    found = _TYPED_SPACES.search(text)
    if found is None:
        return None
    before = text[:found.start()].split()[-_AROUND:]
    after = text[found.end():].split()[:_AROUND]
    return " ".join(before) + found.group() + " ".join(after)
