"""Footnote rules (F5xx): numbered in order, each marked once (and cited again only by a repeat
mark after its first), none empty."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from drafter.document import FootnoteRef
from drafter.findings import Issue
from drafter.rules import Rule
from drafter.rules.draft import Draft, Paragraph
from drafter.rules.structure import has_words


def references(draft: Draft, repeats: bool = False) -> list[tuple[int, Paragraph]]:
    """Every footnote mark in reading order, with its paragraph; a mark that cites an earlier
    footnote again counts only with ``repeats``."""
    return [(item.number, paragraph) for paragraph in draft.paragraphs
            if paragraph.kind != "footnote"
            for item in paragraph.block.inlines
            if isinstance(item, FootnoteRef) and (repeats or not item.repeat)]


def _repeats(draft: Draft) -> list[tuple[int, Paragraph]]:
    return [(item.number, paragraph) for paragraph in draft.paragraphs
            if paragraph.kind != "footnote"
            for item in paragraph.block.inlines if isinstance(item, FootnoteRef) and item.repeat]


def _numbering(draft: Draft) -> Iterator[Issue]:
    """Numbers run 1 … N without gaps or repeats, and the marks come in that order. A mark
    without footnote or a footnote without mark is F502's, not a gap."""
    numbers = [int(note.num or 0) for note in draft.of_kind("footnote")]
    present = sorted(set(numbers) | {number for number, _ in references(draft)})
    if len(set(numbers)) != len(numbers) or present != list(range(1, len(present) + 1)):
        shown = ", ".join(map(str, numbers))
        yield Issue(draft.everywhere, f"The footnotes are numbered {shown}.",
                    "Number footnotes 1, 2, 3 … in the order of their marks in the text.")
        return
    latest = 0
    for number, paragraph in first_marks(draft):
        if number < latest:
            yield Issue(paragraph.where, f"The mark of footnote {number} comes after the mark of "
                        f"footnote {latest}.",
                        "Footnotes are numbered in the order their marks appear in the text.")
            return
        latest = number


def first_marks(draft: Draft) -> list[tuple[int, Paragraph]]:
    """The first mark of each footnote, in reading order."""
    seen: set[int] = set()
    firsts = []
    for number, paragraph in references(draft):
        if number not in seen:
            seen.add(number)
            firsts.append((number, paragraph))
    return firsts


def _referenced(draft: Draft) -> Iterator[Issue]:
    marks = references(draft)
    counts = Counter(number for number, _ in marks)
    notes = {int(note.num or 0): note for note in draft.of_kind("footnote")}
    for number, note in notes.items():
        if counts[number] == 0:
            yield Issue(note.where, f"Footnote {number} has no mark in the text.",
                        "Put its mark where the text cites the source, or delete the footnote.")
    seen: set[int] = set()
    for number, paragraph in marks:
        if number not in notes:
            yield Issue(paragraph.where, f"A footnote mark refers to footnote {number}, "
                        "which does not exist.", "Write the footnote or delete the mark.")
        elif number in seen:
            yield Issue(paragraph.where, f"Footnote {number} is marked a second time.",
                        "Each footnote has one mark; to cite the same source again, insert a "
                        "cross-reference to the first mark (in Word: Insert, Cross-reference, "
                        "Footnote number), or repeat the same {fn|…} text in a source.")
        seen.add(number)
    first = {number: paragraph.order for number, paragraph in marks}
    for number, paragraph in _repeats(draft):
        if number not in first or first[number] > paragraph.order:
            yield Issue(paragraph.where, f"This paragraph cites footnote {number} again before "
                        "its first mark.",
                        "A cross-reference repeats an earlier footnote's number; put the "
                        "footnote itself at the first place that cites the source.")


def _empty(draft: Draft) -> Iterator[Issue]:
    for note in draft.of_kind("footnote"):
        if not has_words(note.plain):
            yield Issue(note.where, f"Footnote {note.num} is empty.",
                        "Write the source it cites (a document symbol, a resolution) or delete "
                        "the footnote and its mark.")


def _typed(draft: Draft) -> Iterator[Issue]:
    """Footnotes typed as text move away from their page and lose their numbering when the text
    changes; the reader found them (``typed_footnotes``) so that the other rules still apply."""
    for deviation in draft.document.deviations:
        if deviation.kind != "typed_footnotes":
            continue
        notes = draft.of_kind("footnote")
        where = notes[0].where if notes else draft.everywhere
        count = int(deviation.found) if deviation.found.isdigit() else len(notes)
        said = "The footnote is" if count == 1 else f"The {count} footnotes are"
        yield Issue(where, f"{said} typed as text: superscript numbers in the paragraphs and the "
                    "notes as paragraphs of their own.",
                    "Make each one a real footnote with Word's footnote command (References, "
                    "Insert Footnote), which numbers the marks and keeps each note at the foot "
                    "of its page; drafter read them as footnotes meanwhile.")


RULES = [
    Rule("F501", "error", "Footnotes are numbered 1 … N in the order of their marks.",
         "Footnote numbers run from 1 without gaps, and the marks appear in the text in that order.",
         "… organizations,² … Security,¹", "… organizations,¹ … Security,²",
         "DESIGN.md, Facts that shape the DOCX", document=_numbering),
    Rule("F502", "error", "Each footnote is marked exactly once in the text.",
         "A footnote without a mark is lost; a mark without a footnote points nowhere; one "
         "footnote marked twice is ambiguous. A later paragraph may cite a footnote again with "
         "the same number (a cross-reference in Word), after its first mark.",
         "¹ A/77/277-S/2022/606. (and no mark ¹ in the text)",
         "… regional and other organizations,¹ … ¹ A/77/277-S/2022/606.",
         "editorial-rules.md 12 [O]", document=_referenced),
    Rule("F503", "error", "No footnote is empty.",
         "A footnote gives the source of what the text cites: a symbol, a resolution, a "
         "publication.", "¹ (nothing)", "¹ A/77/277-S/2022/606.",
         "editorial-rules.md 12 [O]", document=_empty),
    Rule("F504", "warning", "Footnotes in a Word draft are Word's footnotes, not typed text.",
         "A footnote typed by hand (a superscript number in the text, the note as a paragraph "
         "at the end) does not follow its mark from page to page and is not renumbered when "
         "footnotes are added; drafter reads it as a footnote and asks for a real one.",
         "… organizations,¹ … (at the end) ¹ A/77/277-S/2022/606.",
         "… organizations,¹ (a footnote made with References, Insert Footnote)",
         "DESIGN.md, Facts that shape the DOCX", document=_typed),
]
