"""Aligning two sequences of paragraphs: the same or a similar paragraph pairs with its old
version; the rest are deleted or inserted whole."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Sequence
from difflib import SequenceMatcher
from typing import Literal, TypeVar

from drafter.revisions.tokens import words

#: Two paragraphs whose words match at least this much (difflib's ratio) are one changed
#: paragraph, diffed word by word; below it, the old one is deleted and the new one inserted.
SIMILAR = 0.5

T = TypeVar("T")
Opcode = tuple[Literal["replace", "delete", "insert", "equal"], int, int, int, int]


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """difflib's opcodes from ``a`` to ``b`` (no junk). Two equal sequences, most paragraphs
    of a follow-up, are one equal stretch without a matcher: a tracked draft diffs some 500
    token lists, and building their matchers cost a third of its diff."""
    if a == b:
        return [("equal", 0, len(a), 0, len(b))] if a else []
    return SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def align(old: Sequence[T], new: Sequence[T],
          text: Callable[[T], str]) -> Iterator[tuple[T | None, T | None]]:
    """Paragraph pairs in tracked order: (old, new) for the same or a changed paragraph,
    (old, None) for a deleted one and (None, new) for an inserted one."""
    before, after = [text(item) for item in old], [text(item) for item in new]
    for tag, i1, i2, j1, j2 in opcodes(before, after):
        if tag == "equal":
            yield from zip(old[i1:i2], new[j1:j2], strict=True)
        else:
            yield from _pair_similar(old[i1:i2], new[j1:j2],
                                     [words(item) for item in before[i1:i2]],
                                     [words(item) for item in after[j1:j2]])


def _pair_similar(old: Sequence[T], new: Sequence[T], old_words: list[list[str]],
                  new_words: list[list[str]]) -> Iterator[tuple[T | None, T | None]]:
    """Within a run of differing paragraphs, pair the most similar two, then recurse on each
    side of them (as difflib's Differ does with lines); unpaired ones are deleted, then inserted."""
    best, where = 0.0, (0, 0)
    matcher: SequenceMatcher[str] = SequenceMatcher(autojunk=False)
    for j, candidate_words in enumerate(new_words):
        matcher.set_seq2(candidate_words)
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
