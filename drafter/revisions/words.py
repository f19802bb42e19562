"""Two versions of a paragraph diffed word by word: tokens equal by their words are kept (their
spaces and formatting tracked), the others deleted or inserted, footnote marks with their notes."""

from __future__ import annotations

from msgspec.structs import replace

from drafter.document import Block, FootnoteRef, Inline, Revision, Run, merge_runs
from drafter.revisions.align import opcodes
from drafter.revisions.footnotes import TrackedFootnotes
from drafter.revisions.tokens import has_note, numbered, tokens


class WordDiff:
    """Tracked paragraphs: changed word by word, or deleted or inserted whole."""

    def __init__(self, footnotes: TrackedFootnotes) -> None:
        self.footnotes = footnotes

    def changed(self, old: Block, new: Block, old_num: str | None = None,
                new_num: str | None = None) -> Block:
        """One paragraph, changed word by word; its number, if any, is one token, so that
        renumbering shows as "2." deleted and "3." inserted."""
        if old.inlines == new.inlines and old_num == new_num:
            if not has_note(new.inlines):
                return numbered(new_num, new)
            if self._kept_whole(new.inlines):
                # What the word diff gives when it keeps every token, without splitting the
                # runs into words and joining them again: each footnote kept, its body diffed.
                return Block(merge_runs([self.footnotes.shared(item, item, self.changed)
                                         if isinstance(item, FootnoteRef) else item
                                         for item in numbered(new_num, new).inlines]))
        before = numbered(old_num, Block()).inlines + tokens(old.inlines)
        after = numbered(new_num, Block()).inlines + tokens(new.inlines)
        return Block(merge_runs(self._tracked(before, after, strict=True)))

    def _kept_whole(self, inlines: list[Inline]) -> bool:
        """Whether the word diff of a paragraph against itself keeps every token as it is: no
        run records a former formatting, and each footnote mark stands for one footnote of
        both versions."""
        return all(item.was is None if isinstance(item, Run)
                   else self.footnotes.key(item, "old") == self.footnotes.key(item, "new")
                   for item in inlines)

    def listed(self, old: Block, new: Block, same: dict[str, str]) -> Block:
        """A list changed name by name: words that ``same`` maps to one another align (see
        ``_tracked``)."""
        return Block(merge_runs(self._tracked(tokens(old.inlines), tokens(new.inlines), True, same)))

    def whole(self, block: Block, kind: Revision) -> Block:
        """A paragraph deleted or inserted as a whole, with its footnotes."""
        return Block([self._alone(item, kind) for item in block.inlines], kind)

    def _tracked(self, before: list[Inline], after: list[Inline], strict: bool,
                 same: dict[str, str] | None = None) -> list[Inline]:
        """The tokens of both versions in tracked order. A replaced stretch with footnote marks
        on both sides is diffed again with any two marks equal: the footnote at that place
        stays, its body changed (the report considered: A/77/277 becomes A/79/302). Words that
        ``same`` maps to one another align, and show as replaced."""
        same = same or {}
        out: list[Inline] = []
        for tag, i1, i2, j1, j2 in opcodes([self._key(item, "old", strict, same) for item in before],
                                           [self._key(item, "new", strict, same) for item in after]):
            removed, added = before[i1:i2], after[j1:j2]
            if tag == "equal":
                for first, second in zip(removed, added, strict=True):
                    out += self._common(first, second)
            elif strict and has_note(removed) and has_note(added):
                out += self._tracked(removed, added, False, same)
            else:
                out += [self._alone(item, "del") for item in removed]
                out += [self._alone(item, "ins") for item in added]
        return out

    def _key(self, item: Inline, side: str, strict: bool,
             same: dict[str, str]) -> tuple[object, ...]:
        """What must be equal for two tokens to be the same: a word, whatever the spaces before
        it and its formatting (a change of italic is tracked as such), or a footnote mark of the
        same (possibly changed) footnote; any mark, unless ``strict``."""
        if isinstance(item, Run):
            word = item.text.lstrip()
            return (same.get(word, word),)
        if not strict:
            return ("note",)
        return self.footnotes.key(item, side)

    def _common(self, old: Inline, new: Inline) -> list[Inline]:
        """A token of both versions; a footnote mark of both keeps one footnote, its body diffed.
        The same word after other spaces (a space become a no-break space) keeps the word and
        tracks the spaces."""
        if isinstance(old, FootnoteRef) and isinstance(new, FootnoteRef):
            return [self.footnotes.shared(old, new, self.changed)]
        assert isinstance(old, Run) and isinstance(new, Run)
        # Bold is not compared: drafter's text has none, and a Word file read back has the
        # masthead's.
        was = None if (old.italic, old.superscript) == (new.italic, new.superscript) else (
            old.italic, old.superscript)
        if old.text == new.text:
            return [replace(new, was=was)]
        word = new.text.lstrip()
        if old.text.lstrip() != word:  # two words aligned as the same (see ``_tracked``)
            return [replace(old, revision="del"), replace(new, revision="ins", was=None)]
        return [replace(old, text=old.text[:len(old.text) - len(word)], revision="del"),
                replace(new, text=new.text[:len(new.text) - len(word)], revision="ins"),
                replace(new, text=word, was=was)]

    def _alone(self, item: Inline, kind: Revision) -> Inline:
        """A token of one version only; a footnote mark takes its whole footnote with it."""
        if isinstance(item, FootnoteRef):
            return self.footnotes.alone(item, kind)
        return replace(item, revision=kind)
