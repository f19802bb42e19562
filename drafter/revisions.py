"""Tracked changes between two versions of a resolution: one Document carrying revision marks.

The GA Affairs Branch wants a follow-up draft to start from the official A/RES text with every
change shown in Word's Track Changes. ``diff_documents`` aligns the paragraphs of the old and the
new Document part by part (preface lines by their slot; preamble, operative paragraphs, their
sub-paragraphs and the footnotes as sequences), keeps similar paragraphs as one paragraph changed
word by word, and marks the rest as whole deleted or inserted paragraphs. Operative numbers and
sub-paragraph letters become the first run of their paragraph, so that renumbering shows as a
change. Accepting every revision gives the new text; rejecting every one gives the old text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from difflib import SequenceMatcher
from typing import TypeVar

from drafter.document import (
    Block,
    Conclusions,
    Document,
    Footnote,
    FootnoteRef,
    Inline,
    OperativeParagraph,
    Point,
    PreambularParagraph,
    Preface,
    Revision,
    Run,
    merge_runs,
)
from drafter.language import language
from drafter.layout import Layout

#: Two paragraphs whose words match at least this much (difflib's ratio) are one changed
#: paragraph, diffed word by word; below it, the old one is deleted and the new one inserted.
SIMILAR = 0.5
#: Punctuation that ends a phrase, and brackets and quotation marks: tokens of their own. A stop
#: inside a word ("A/79/L.20", "1,5") belongs to the word; a bracket never does.
_STOPS = ",;:.!?"
_BRACKETS = "()\\[\\]«»“”\""
#: A token: the spaces before it (no-break spaces included), then a word or one mark. Spaces lead,
#: so that "2019 and 75/276" → "2019, 75/276" shows " and" deleted and "," inserted: a word that
#: gains or loses the punctuation after it is never deleted and typed again.
_TOKEN = re.compile(rf"\s*(?:(?:[^\s{_STOPS}{_BRACKETS}]|[{_STOPS}](?=[^\s{_STOPS}{_BRACKETS}]))+"
                    rf"|[{_STOPS}{_BRACKETS}])|\s+")

T = TypeVar("T")


def diff_documents(old: Document, new: Document) -> Document:
    """The new document with the changes from ``old`` marked: deleted runs, paragraphs and
    footnotes of the old one, inserted ones of the new one. Footnotes are numbered 1..N in the
    tracked document's order, deleted and inserted ones included."""
    if old.lang != new.lang:
        raise ValueError(f"cannot track changes between languages {old.lang!r} and {new.lang!r}")
    return _Differ(old, new).document()


def tracked_docx(old: Document, new: Document, author: str, when: datetime) -> bytes:
    """The .docx of ``new`` with every change from ``old`` in Word's Track Changes, signed by
    ``author`` at ``when``; the same inputs always give the same bytes."""
    return track(old, new, author, when).docx


@dataclass(frozen=True, slots=True)
class Tracked:
    """A tracked-changes Word file and what changed, part by part."""

    docx: bytes
    changes: list[PartChanges]


def track(old: Document, new: Document, author: str, when: datetime,
          layout: Layout | None = None) -> Tracked:
    """What ``drafter compare`` and ``drafter followup`` write for one language: the .docx of
    ``new`` with every change from ``old`` tracked, and the summary of those changes."""
    from drafter.writers.docx import write_docx

    tracked = diff_documents(old, new)
    changes = summarize(tracked)
    return Tracked(write_docx(tracked, author=author, when=when, layout=layout), changes)


def signing_time(day: date) -> datetime:
    """When tracked changes are dated: midnight (UTC) of the new text's date, never the clock,
    so that the same inputs always give the same bytes."""
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)



@dataclass(frozen=True, slots=True)
class PartChanges:
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
        ("symbol", preface.tracked_symbol), *((name, getattr(preface, name)) for name in _LINES))
        if block is not None and _revised(block))
    formula = [tracked.formula] if _revised(tracked.formula) else []
    operative = [block for paragraph in tracked.operative
                 for block in (paragraph.content, *_point_blocks(paragraph.points))]
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


#: The header lines of a Preface, in reading order, by field name.
_LINES = ("united_nations", "organ", "distribution", "date", "translation", "original", "session",
          "agenda_item", "agenda_title", "adoption", "committee", "sponsors", "heading")


def _point_blocks(points: list[Point]) -> Iterator[Block]:
    for point in points:
        yield point.content
        yield from _point_blocks(point.points)


def _revised(block: Block) -> bool:
    return block.revision is not None or any(item.revision for item in block.inlines)


def _unlabelled(block: Block) -> str:
    """A paragraph's text without its number, to recognise it moved and renumbered."""
    return block.text().split("\t", 1)[-1] if "\t" in block.text()[:8] else block.text()


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _word_count(texts: Iterable[str]) -> int:
    """Words, not marks or spaces; a paragraph's number ("2.\t") is not a word."""
    return sum(1 for text in texts if not text.endswith("\t") for token in _TOKEN.findall(text)
               if any(char.isalnum() for char in token))

class _Differ:
    def __init__(self, old: Document, new: Document) -> None:
        self.old, self.new = old, new
        self.old_notes = {note.number: note.content for note in old.footnotes}
        self.new_notes = {note.number: note.content for note in new.footnotes}
        # Footnotes that are the same or a changed note, aligned in document order; a pair stays
        # one footnote only where the word diff of its paragraph matches the two marks.
        self.partner: dict[int, int] = {}
        for before, after in _align(old.footnotes, new.footnotes, lambda note: note.content.text()):
            if before is not None and after is not None:
                self.partner[after.number] = before.number
        self.paired = set(self.partner.values())
        #: Tracked footnote bodies, indexed by the provisional number of their marks.
        self.bodies: list[Block] = []
        #: The provisional number given to each footnote of either version, ("old" | "new",
        #: number), so that a mark citing it again cites the same tracked footnote.
        self.first: dict[tuple[str, int], int] = {}

    def document(self) -> Document:
        old, new = self.old, self.new
        tracked = Document(
            lang=new.lang, page_size=new.page_size, issued=new.issued,
            preface=self.preface(old.preface, new.preface),
            formula=self.changed(old.formula, new.formula),
            preamble=[self.preambular(before, after)
                      for before, after in _align(old.preamble, new.preamble, _content_text)],
            operative=[self.operative(before, after)
                       for before, after in _align(old.operative, new.operative, _content_text)],
            conclusions=self.conclusions(old.conclusions, new.conclusions),
            footnotes=[],
        )
        return self.finish(tracked)

    # -- parts --------------------------------------------------------------------------------

    def preface(self, old: Preface, new: Preface) -> Preface:
        """Slot by slot: the masthead lines change word by word; the adoption line, the
        committee line and the sponsors line come or go whole."""
        return Preface(
            united_nations=self.changed(old.united_nations, new.united_nations),
            symbol=new.symbol,
            organ=self.changed(old.organ, new.organ),
            distribution=self.changed(old.distribution, new.distribution),
            date=self.changed(old.date, new.date),
            translation=self.optional(old.translation, new.translation),
            original=self.optional(old.original, new.original),
            session=self.changed(old.session, new.session),
            agenda_item=self.changed(old.agenda_item, new.agenda_item),
            agenda_title=self.changed(old.agenda_title, new.agenda_title),
            adoption=self.optional(old.adoption, new.adoption),
            committee=self.optional(old.committee, new.committee),
            sponsors=self.listed(old.sponsors, new.sponsors),
            heading=self.changed(old.heading, new.heading),
            title=new.title,
            tracked_symbol=self.changed(Block([Run(old.symbol)]), Block([Run(new.symbol)])),
        )

    def preambular(self, old: PreambularParagraph | None,
                   new: PreambularParagraph | None) -> PreambularParagraph:
        if old is not None and new is not None:
            return PreambularParagraph(new.name, self.changed(old.content, new.content))
        if old is not None:
            return PreambularParagraph(old.name, self.whole(old.content, "del", self.old_notes))
        assert new is not None
        return PreambularParagraph(new.name, self.whole(new.content, "ins", self.new_notes))

    def operative(self, old: OperativeParagraph | None,
                  new: OperativeParagraph | None) -> OperativeParagraph:
        if old is not None and new is not None:
            content = self.changed(old.content, new.content, old.num, new.num)
            return OperativeParagraph(None, new.name, content, self.points(old.points, new.points))
        if old is not None:
            return OperativeParagraph(None, old.name, self.whole(
                _numbered(old.num, old.content), "del", self.old_notes),
                self.whole_points(old.points, "del", self.old_notes))
        assert new is not None
        return OperativeParagraph(None, new.name, self.whole(
            _numbered(new.num, new.content), "ins", self.new_notes),
            self.whole_points(new.points, "ins", self.new_notes))

    def points(self, old: list[Point], new: list[Point]) -> list[Point]:
        points = []
        for before, after in _align(old, new, _content_text):
            if before is not None and after is not None:
                content = self.changed(before.content, after.content, before.num, after.num)
                points.append(Point("", content, self.points(before.points, after.points)))
            elif before is not None:
                points += self.whole_points([before], "del", self.old_notes)
            else:
                assert after is not None
                points += self.whole_points([after], "ins", self.new_notes)
        return points

    def whole_points(self, points: list[Point], kind: Revision,
                     notes: dict[int, Block]) -> list[Point]:
        return [Point("", self.whole(_numbered(point.num, point.content), kind, notes),
                      self.whole_points(point.points, kind, notes)) for point in points]

    def conclusions(self, old: Conclusions | None, new: Conclusions | None) -> Conclusions | None:
        if old is not None and new is not None:
            return Conclusions(self.changed(old.meeting, new.meeting),
                               self.changed(old.date, new.date))
        if old is not None:
            return Conclusions(self.whole(old.meeting, "del", self.old_notes),
                               self.whole(old.date, "del", self.old_notes))
        if new is not None:
            return Conclusions(self.whole(new.meeting, "ins", self.new_notes),
                               self.whole(new.date, "ins", self.new_notes))
        return None

    # -- blocks -------------------------------------------------------------------------------

    def optional(self, old: Block | None, new: Block | None) -> Block | None:
        if old is not None and new is not None:
            return self.changed(old, new)
        if old is not None:
            return self.whole(old, "del", self.old_notes)
        if new is not None:
            return self.whole(new, "ins", self.new_notes)
        return None

    def listed(self, old: Block | None, new: Block | None) -> Block | None:
        """The sponsors line, a list: its last joiner ("and") counts as a separator (","), so
        that the names kept stay and the names added are insertions ("Belarus and Kazakhstan"
        → "Belarus, Kazakhstan and Kyrgyzstan" inserts ", Kyrgyzstan", not "Kazakhstan")."""
        if old is None or new is None:
            return self.optional(old, new)
        style = language(self.new.lang).list_style
        same = {style.last.strip(): style.separator.strip()}
        return Block(merge_runs(self.tokens(_tokens(old.inlines), _tokens(new.inlines), True, same)))

    def whole(self, block: Block, kind: Revision, notes: dict[int, Block]) -> Block:
        """A paragraph deleted or inserted as a whole, with its footnotes."""
        return Block([self.marked(item, kind, notes) for item in block.inlines], kind)

    def changed(self, old: Block, new: Block, old_num: str | None = None,
                new_num: str | None = None) -> Block:
        """One paragraph, changed word by word; its number, if any, is one token, so that
        renumbering shows as "2." deleted and "3." inserted."""
        if old.inlines == new.inlines and old_num == new_num and not _has_note(new.inlines):
            return _numbered(new_num, new)
        before = _numbered(old_num, Block()).inlines + _tokens(old.inlines)
        after = _numbered(new_num, Block()).inlines + _tokens(new.inlines)
        return Block(merge_runs(self.tokens(before, after, strict=True)))

    def tokens(self, before: list[Inline], after: list[Inline], strict: bool,
               same: dict[str, str] | None = None) -> list[Inline]:
        """The tokens of both versions in tracked order. A replaced stretch with footnote marks
        on both sides is diffed again with any two marks equal: the footnote at that place
        stays, its body changed (the report considered: A/77/277 becomes A/79/302). Words that
        ``same`` maps to one another align, and show as replaced."""
        same = same or {}
        matcher = SequenceMatcher(None, [self.key(item, "old", strict, same) for item in before],
                                  [self.key(item, "new", strict, same) for item in after],
                                  autojunk=False)
        out: list[Inline] = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            removed, added = before[i1:i2], after[j1:j2]
            if tag == "equal":
                for first, second in zip(removed, added, strict=True):
                    out += self.common(first, second)
            elif strict and _has_note(removed) and _has_note(added):
                out += self.tokens(removed, added, False, same)
            else:
                out += [self.marked(item, "del", self.old_notes) for item in removed]
                out += [self.marked(item, "ins", self.new_notes) for item in added]
        return out

    def key(self, item: Inline, side: str, strict: bool,
            same: dict[str, str]) -> tuple[object, ...]:
        """What must be equal for two tokens to be the same: a word, whatever the spaces before
        it and its formatting (a change of italic is tracked as such), or a footnote mark of the
        same (possibly changed) footnote; any mark, unless ``strict``."""
        if isinstance(item, Run):
            word = item.text.lstrip()
            return (same.get(word, word),)
        if not strict:
            return ("note",)
        if side == "old":
            return ("note", item.number) if item.number in self.paired else ("old note", item.number)
        partner = self.partner.get(item.number)
        return ("note", partner) if partner is not None else ("new note", item.number)

    def common(self, old: Inline, new: Inline) -> list[Inline]:
        """A token of both versions; a footnote mark of both keeps one footnote, its body diffed.
        The same word after other spaces (a space become a no-break space) keeps the word and
        tracks the spaces."""
        if isinstance(old, FootnoteRef) and isinstance(new, FootnoteRef):
            again = self.first.get(("new", new.number)) if new.repeat else None
            if again is not None:
                return [FootnoteRef(again, repeat=True)]
            mark = self.note(self.changed(self.old_notes.get(old.number, Block()),
                                          self.new_notes.get(new.number, Block())), None)
            self.first.setdefault(("old", old.number), mark.number)
            self.first.setdefault(("new", new.number), mark.number)
            return [mark]
        assert isinstance(old, Run) and isinstance(new, Run)
        # Bold is not compared: drafter's text has none, and a Word file read back has the
        # masthead's.
        was = None if (old.italic, old.superscript) == (new.italic, new.superscript) else (
            old.italic, old.superscript)
        if old.text == new.text:
            return [replace(new, was=was)]
        word = new.text.lstrip()
        if old.text.lstrip() != word:  # two words aligned as the same (see ``tokens``)
            return [replace(old, revision="del"), replace(new, revision="ins", was=None)]
        return [replace(old, text=old.text[:len(old.text) - len(word)], revision="del"),
                replace(new, text=new.text[:len(new.text) - len(word)], revision="ins"),
                replace(new, text=word, was=was)]

    def marked(self, item: Inline, kind: Revision, notes: dict[int, Block]) -> Inline:
        """A token of one version only; a footnote mark takes its whole footnote with it, unless
        it cites again a footnote already in the tracked document."""
        if isinstance(item, FootnoteRef):
            side = "old" if kind == "del" else "new"
            again = self.first.get((side, item.number)) if item.repeat else None
            if again is not None:
                return FootnoteRef(again, kind, repeat=True)
            body = notes.get(item.number, Block())
            mark = self.note(Block([replace(run, revision=kind) for run in body.inlines], kind),
                             kind)
            self.first.setdefault((side, item.number), mark.number)
            return mark
        return replace(item, revision=kind)

    def note(self, body: Block, kind: Revision) -> FootnoteRef:
        """The mark of a tracked footnote, numbered provisionally in order of creation."""
        self.bodies.append(body)
        return FootnoteRef(len(self.bodies) - 1, kind)

    def finish(self, document: Document) -> Document:
        """Leave the final paragraph mark untracked, and number the footnotes 1..N in the order
        of their marks in the tracked document."""
        order: dict[int, int] = {}
        blocks = list(document.blocks())
        _keep_final_mark(blocks)
        for block in blocks:
            block.inlines = [replace(item, number=order.setdefault(item.number, len(order) + 1))
                             if isinstance(item, FootnoteRef) else item
                             for item in block.inlines]
        document.footnotes = [Footnote(number, self.bodies[provisional])
                              for provisional, number in order.items()]
        return document


# -- helpers ----------------------------------------------------------------------------------

def _content_text(paragraph: PreambularParagraph | OperativeParagraph | Point) -> str:
    return paragraph.content.text()


def _numbered(num: str | None, content: Block) -> Block:
    """The content opened by its number, "8.\t" or "(a)\t", as the writer lays it out."""
    return Block([Run(f"{num}\t"), *content.inlines] if num else list(content.inlines))


def _keep_final_mark(paragraphs: list[Block]) -> None:
    """Word and LibreOffice never insert or delete a document's final paragraph mark: when the
    document ends with whole inserted or deleted paragraphs (the closing formula of an adopted
    resolution), each paragraph mark of that stretch passes to the paragraph before it, the way
    Word records typing or deleting at the end. Accepting or rejecting gives the same text."""
    start = len(paragraphs)
    while start > 0 and paragraphs[start - 1].revision is not None:
        start -= 1
    if start in (0, len(paragraphs)):
        return
    for index in range(start - 1, len(paragraphs) - 1):
        paragraphs[index].revision = paragraphs[index + 1].revision
    paragraphs[-1].revision = None


def _has_note(tokens: list[Inline]) -> bool:
    return any(isinstance(item, FootnoteRef) for item in tokens)


def _tokens(inlines: list[Inline]) -> list[Inline]:
    """Words and marks with the spaces before them, each keeping its run's formatting; footnote
    marks."""
    tokens: list[Inline] = []
    for item in inlines:
        if isinstance(item, FootnoteRef):
            tokens.append(item)
        else:
            tokens += [replace(item, text=word) for word in _TOKEN.findall(item.text)]
    return tokens


def _align(old: Sequence[T], new: Sequence[T],
           text: Callable[[T], str]) -> Iterator[tuple[T | None, T | None]]:
    """Paragraph pairs in tracked order: (old, new) for the same or a changed paragraph,
    (old, None) for a deleted one and (None, new) for an inserted one."""
    before, after = [text(item) for item in old], [text(item) for item in new]
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            yield from zip(old[i1:i2], new[j1:j2], strict=True)
        else:
            yield from _pair_similar(old[i1:i2], new[j1:j2],
                                     [_words(item) for item in before[i1:i2]],
                                     [_words(item) for item in after[j1:j2]])


def _words(text: str) -> list[str]:
    """The tokens of a paragraph's text without their spaces, to measure how alike two are."""
    return [token.lstrip() for token in _TOKEN.findall(text)]


def _pair_similar(old: Sequence[T], new: Sequence[T], old_words: list[list[str]],
                  new_words: list[list[str]]) -> Iterator[tuple[T | None, T | None]]:
    """Within a run of differing paragraphs, pair the most similar two, then recurse on each
    side of them (as difflib's Differ does with lines); unpaired ones are deleted, then inserted."""
    best, where = 0.0, (0, 0)
    matcher: SequenceMatcher[str] = SequenceMatcher(autojunk=False)
    for j, words in enumerate(new_words):
        matcher.set_seq2(words)
        for i, candidate in enumerate(old_words):
            matcher.set_seq1(candidate)
            if (matcher.real_quick_ratio() > best and matcher.quick_ratio() > best
                    and matcher.ratio() > best):
                best, where = matcher.ratio(), (i, j)
    if best < SIMILAR:
        yield from ((item, None) for item in old)
        yield from ((None, item) for item in new)
        return
    i, j = where
    yield from _pair_similar(old[:i], new[:j], old_words[:i], new_words[:j])
    yield old[i], new[j]
    yield from _pair_similar(old[i + 1:], new[j + 1:], old_words[i + 1:], new_words[j + 1:])
