"""What changed in a tracked document, part by part: the lines of ``drafter compare`` and
``drafter followup`` (paragraphs changed, inserted, deleted, moved, renumbered; words)."""

from __future__ import annotations

from collections.abc import Iterable

from msgspec import Struct

from drafter.document import PREFACE_LINES, Block, Conclusions, Document, Run, point_blocks
from drafter.revisions.tokens import TOKEN


class PartChanges(Struct, frozen=True):
    """What changed in one part of a tracked document, for the terminal's summary."""

    part: str
    paragraphs: dict[str, int]  # changed, inserted, deleted, moved, renumbered → how many
    words_inserted: int
    words_deleted: int
    lines: tuple[str, ...] = ()  # the header's or closing's changed lines, by name
    verb: str = "changed"

    def describe(self) -> str:
        """"operative: 1 paragraph inserted, 7 renumbered; 12 words inserted, 0 deleted"."""
        if self.lines:
            return f"{self.part}: {', '.join(self.lines)} {self.verb}"
        counts = [f"{count} {what}" for what, count in self.paragraphs.items() if count]
        if not counts:
            return f"{self.part}: no change"
        noun = "paragraph" if counts[0].startswith("1 ") else "paragraphs"
        if self.part == "footnotes":
            noun = "footnote" if noun == "paragraph" else "footnotes"
        counts[0] = counts[0].replace(" ", f" {noun} ", 1)
        return (f"{self.part}: {', '.join(counts)}; {_plural(self.words_inserted, 'word')} "
                f"inserted, {self.words_deleted} deleted")


def summarize(tracked: Document) -> list[PartChanges]:
    """The changes of a tracked document part by part: the header's changed lines, then the
    preamble's, operative part's and footnotes' paragraphs. A paragraph deleted in one place
    and inserted unchanged in another of the same part counts as moved; an operative paragraph
    or sub-paragraph whose number alone changed, as renumbered."""
    preface = tracked.preface
    lines = tuple(name.replace("_", " ") for name, block in (
        ("symbol", preface.tracked_symbol), *((name, getattr(preface, name)) for name in PREFACE_LINES))
        if block is not None and _revised(block))
    formula = [tracked.formula] if _revised(tracked.formula) else []
    operative = [block for paragraph in tracked.operative
                 for block in (paragraph.content, *point_blocks(paragraph.points))]
    parts = [("preamble", formula + [paragraph.content for paragraph in tracked.preamble]),
             ("operative", operative),
             ("footnotes", [note.content for note in tracked.footnotes])]
    closing = tracked.conclusions
    summary = [PartChanges("header", {}, 0, 0, lines) if lines else None,
               *(_part_changes(name, blocks) for name, blocks in parts),
               _closing(closing) if closing is not None else None]
    return [part for part in summary if part is not None]


def _closing(closing: Conclusions) -> PartChanges | None:
    blocks = (closing.meeting, closing.date)
    kinds = {item.revision for block in blocks for item in block.inlines}
    if kinds == {None}:
        return None
    verb = "deleted" if kinds == {"del"} else "inserted" if kinds == {"ins"} else "changed"
    return PartChanges("closing", {}, 0, 0, ("meeting", "date"), verb)


def _part_changes(part: str, blocks: list[Block]) -> PartChanges:
    counts = dict.fromkeys(("changed", "inserted", "deleted", "moved", "renumbered",
                            "reformatted", "re-spaced"), 0)
    gone: list[tuple[str, int]] = []  # whole deleted paragraphs: text and words
    came: list[tuple[str, int]] = []
    inserted = deleted = 0
    for block in blocks:
        revised = [item for item in block.inlines if isinstance(item, Run) and item.revision]
        plus = _word_count(item.text for item in revised if item.revision == "ins")
        minus = _word_count(item.text for item in revised if item.revision == "del")
        inserted, deleted = inserted + plus, deleted + minus
        kinds = {item.revision for item in block.inlines
                 if not (isinstance(item, Run) and not item.text.strip())}
        if kinds == {"del"}:
            gone.append((_unlabelled(block), minus))
        elif kinds == {"ins"}:
            came.append((_unlabelled(block), plus))
        elif revised and all(item.text.endswith("\t") for item in revised):
            counts["renumbered"] += 1
        elif revised and not "".join(item.text for item in revised).strip():
            counts["re-spaced"] += 1
        elif revised or kinds - {None}:
            counts["changed"] += 1
        elif any(isinstance(item, Run) and item.was is not None for item in block.inlines):
            counts["reformatted"] += 1
    for text, words in gone:
        twin = next((item for item in came if item[0] == text), None)
        if twin is None:
            counts["deleted"] += 1
            continue
        came.remove(twin)
        counts["moved"] += 1
        inserted, deleted = inserted - twin[1], deleted - words
    counts["inserted"] += len(came)
    return PartChanges(part, counts, inserted, deleted)


def _revised(block: Block) -> bool:
    return block.revision is not None or any(item.revision for item in block.inlines)


def _unlabelled(block: Block) -> str:
    """A paragraph's text without its number, to recognise it moved and renumbered."""
    return block.text().split("\t", 1)[-1] if "\t" in block.text()[:8] else block.text()


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _word_count(texts: Iterable[str]) -> int:
    """Words, not marks or spaces; a paragraph's number ("2.\t") is not a word."""
    return sum(1 for text in texts if not text.endswith("\t") for token in TOKEN.findall(text)
               if any(char.isalnum() for char in token))
