"""Punctuation rules (P3xx): how each paragraph ends, and where footnote marks stand."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.findings import Issue
from drafter.rules import DocumentCheck, Rule
from drafter.rules.draft import MARK, Draft, Paragraph
from drafter.rules.structure import has_words, in_place

_PUNCTUATION = ",;:."
_NAMES = {",": "a comma", ";": "a semicolon", ":": "a colon", ".": "a full stop"}


def ending(paragraph: Paragraph) -> str:
    """The last character, footnote marks and spaces aside."""
    text = paragraph.marked.replace(MARK, "").rstrip()
    return text[-1:] if text else ""


def _expected(paragraph: Paragraph) -> str:
    if paragraph.kind == "preamble":
        return ","
    if paragraph.has_points:
        return ":"
    return "." if paragraph.closes_part else ";"


def _describe(mark: str) -> str:
    return _NAMES.get(mark, f"“{mark}”")


def _endings(final: bool | None) -> DocumentCheck:
    """Endings of the preamble (final None), or of the operative part but its end, or its end."""
    def check(draft: Draft) -> Iterator[Issue]:
        kinds = ("operative", "point") if final is not None else ("preamble",)
        for paragraph in in_place(draft, *kinds):
            if not has_words(paragraph.plain):
                continue
            if final is not None and paragraph.closes_part != final:
                continue
            expected, found = _expected(paragraph), ending(paragraph)
            if found != expected:
                yield Issue(paragraph.where,
                            f"This paragraph ends with {_describe(found)} instead of "
                            f"{_describe(expected)}.", _hint(paragraph, expected))
    return check


def _hint(paragraph: Paragraph, expected: str) -> str:
    if paragraph.kind == "preamble":
        return "End every preambular paragraph with a comma."
    if expected == ":":
        return "A paragraph introducing sub-paragraphs ends with a colon."
    if expected == ".":
        return "The last operative paragraph (or its last sub-paragraph) ends with a full stop."
    return "Operative paragraphs and sub-paragraphs end with a semicolon, except the very last."


def _marks(draft: Draft) -> Iterator[Issue]:
    after = draft.lang.footnote_mark == "after_punctuation"
    pattern = re.compile(f"{MARK}[{_PUNCTUATION}]" if after else f"[{_PUNCTUATION}]{MARK}")
    for paragraph in draft.of_kind("preamble", "operative", "point"):
        found = pattern.search(paragraph.marked)
        if found is None:
            continue
        mark = found.group().replace(MARK, "")
        if after:
            message = f"A footnote mark stands before {_describe(mark)}."
            hint = f"In English the footnote mark follows the punctuation: “organizations{mark}¹”."
        else:
            message = f"A footnote mark stands after {_describe(mark)}."
            hint = f"In French the footnote mark comes before the punctuation: « autres¹{mark} »."
        yield Issue(paragraph.where, message, hint)


RULES = [
    Rule("P301", "error", "A preambular paragraph ends with a comma.",
         "Every preambular paragraph, the last one included, ends with a comma (footnote marks "
         "aside).",
         "Recalling its resolution 75/276 of 28 April 2021;",
         "Recalling its resolution 75/276 of 28 April 2021,",
         "editorial-rules.md 3 [V]", document=_endings(None)),
    Rule("P302", "error", "Operative paragraphs and sub-paragraphs end with a semicolon.",
         "Every operative paragraph and sub-paragraph ends with a semicolon, except the very last "
         "one; a paragraph that introduces sub-paragraphs ends with a colon.",
         "3. Invites the specialized agencies … of mutual interest.",
         "3. Invites the specialized agencies … of mutual interest;",
         "editorial-rules.md 5 [O]", document=_endings(False)),
    Rule("P303", "error", "The last operative paragraph ends with a full stop.",
         "The operative part, and with it the resolution, ends with a full stop (after the last "
         "sub-paragraph when the last paragraph is divided).",
         "9. Decides to include … Organization”;", "9. Decides to include … Organization”.",
         "editorial-rules.md 5 [O]", document=_endings(True)),
    Rule("P304", "error", "Footnote marks stand where the language puts them.",
         "English puts a footnote mark after a comma or semicolon (“organizations,¹”); French "
         "puts it before (« autres¹, »).",
         "organizations¹,   /   autres,¹", "organizations,¹   /   autres¹,",
         "editorial-rules.md 12 [O]; A-RES-77-13.fr.txt", document=_marks),
]
