"""The tokens of tracked text: a word or one mark with the spaces before it. The word diff
compares them, the paragraph alignment measures likeness with them, the summary counts them."""

from __future__ import annotations

from msgspec.structs import replace

from drafter.document import Block, FootnoteRef, Inline, Run
from drafter.regexes import compiled

#: Punctuation that ends a phrase, and brackets and quotation marks: tokens of their own. A stop
#: inside a word ("A/79/L.20", "1,5") belongs to the word; a bracket never does.
_STOPS = ",;:.!?"
_BRACKETS = "()\\[\\]«»“”\""
#: A token: the spaces before it (no-break spaces included), then a word or one mark. Spaces lead,
#: so that "2019 and 75/276" → "2019, 75/276" shows " and" deleted and "," inserted: a word that
#: gains or loses the punctuation after it is never deleted and typed again.
TOKEN = compiled(rf"\s*(?:(?:[^\s{_STOPS}{_BRACKETS}]|[{_STOPS}](?=[^\s{_STOPS}{_BRACKETS}]))+"
                   rf"|[{_STOPS}{_BRACKETS}])|\s+")


def tokens(inlines: list[Inline]) -> list[Inline]:
    """Words and marks with the spaces before them, each keeping its run's formatting; footnote
    marks."""
    found: list[Inline] = []
    for item in inlines:
        if isinstance(item, FootnoteRef):
            found.append(item)
        else:
            found += [replace(item, text=word) for word in TOKEN.findall(item.text)]
    return found


def words(text: str) -> list[str]:
    """The tokens of a paragraph's text without their spaces, to measure how alike two are."""
    return [token.lstrip() for token in TOKEN.findall(text)]


def numbered(num: str | None, content: Block) -> Block:
    """The content opened by its number, "8.\t" or "(a)\t", as the writer lays it out: one
    token, so that renumbering shows as a change."""
    return Block([Run(f"{num}\t"), *content.inlines] if num else list(content.inlines))


def has_note(inlines: list[Inline]) -> bool:
    return any(isinstance(item, FootnoteRef) for item in inlines)
