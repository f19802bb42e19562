"""The footnotes of a tracked document: which old and new footnotes are one (changed) footnote,
the tracked body of each, and their numbers 1..N in the order of their marks."""

from __future__ import annotations

from collections.abc import Callable

from msgspec.structs import replace

from drafter.document import Block, Document, Footnote, FootnoteRef, Revision
from drafter.revisions.align import align


class TrackedFootnotes:
    """Footnotes as they enter the tracked document, numbered provisionally in order of
    creation until ``number`` gives every mark its final number."""

    def __init__(self, old: Document, new: Document) -> None:
        self.bodies_of = {"old": {note.number: note.content for note in old.footnotes},
                          "new": {note.number: note.content for note in new.footnotes}}
        # Footnotes that are the same or a changed note, aligned in document order; a pair stays
        # one footnote only where the word diff of its paragraph matches the two marks.
        self.partner: dict[int, int] = {}
        for before, after in align(old.footnotes, new.footnotes, lambda note: note.content.text()):
            if before is not None and after is not None:
                self.partner[after.number] = before.number
        self.paired = set(self.partner.values())
        #: Tracked footnote bodies, indexed by the provisional number of their marks.
        self.bodies: list[Block] = []
        #: The provisional number given to each footnote of either version, ("old" | "new",
        #: number), so that a mark citing it again cites the same tracked footnote.
        self.first: dict[tuple[str, int], int] = {}

    def key(self, mark: FootnoteRef, side: str) -> tuple[object, ...]:
        """What a mark of ``side`` ("old" or "new") stands for: the same for an old and a new
        mark of one (possibly changed) footnote."""
        if side == "old":
            return ("note", mark.number) if mark.number in self.paired else ("old note", mark.number)
        partner = self.partner.get(mark.number)
        return ("note", partner) if partner is not None else ("new note", mark.number)

    def shared(self, old: FootnoteRef, new: FootnoteRef,
               diff: Callable[[Block, Block], Block]) -> FootnoteRef:
        """The mark of a footnote of both versions: one footnote, its body diffed."""
        again = self.first.get(("new", new.number)) if new.repeat else None
        if again is not None:
            return FootnoteRef(again, repeat=True)
        mark = self._add(diff(self.bodies_of["old"].get(old.number, Block()),
                              self.bodies_of["new"].get(new.number, Block())), None)
        self.first.setdefault(("old", old.number), mark.number)
        self.first.setdefault(("new", new.number), mark.number)
        return mark

    def alone(self, mark: FootnoteRef, kind: Revision) -> FootnoteRef:
        """The mark of a footnote of one version only, deleted or inserted with its whole body,
        unless it cites again a footnote already in the tracked document."""
        side = "old" if kind == "del" else "new"
        again = self.first.get((side, mark.number)) if mark.repeat else None
        if again is not None:
            return FootnoteRef(again, kind, repeat=True)
        body = self.bodies_of[side].get(mark.number, Block())
        tracked = self._add(Block([replace(run, revision=kind) for run in body.inlines], kind), kind)
        self.first.setdefault((side, mark.number), tracked.number)
        return tracked

    def _add(self, body: Block, kind: Revision) -> FootnoteRef:
        """The mark of a tracked footnote, numbered provisionally in order of creation."""
        self.bodies.append(body)
        return FootnoteRef(len(self.bodies) - 1, kind)

    def number(self, document: Document) -> Document:
        """Number the footnotes 1..N in the order of their marks in the tracked document."""
        order: dict[int, int] = {}
        for block in document.blocks():
            block.inlines = [replace(item, number=order.setdefault(item.number, len(order) + 1))
                             if isinstance(item, FootnoteRef) else item
                             for item in block.inlines]
        document.footnotes = [Footnote(number, self.bodies[provisional])
                              for provisional, number in order.items()]
        return document
