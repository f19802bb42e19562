"""A read paragraph's opening phrase or verb and the markup of the rest: how a paragraph read
from a draft is told apart, and compared with one drafter composes."""

from __future__ import annotations

import re

from msgspec.structs import replace

from drafter.document import Block, Inline, Run, merge_runs
from drafter.language import language
from drafter.phrasebook import EMPTY, PhraseBook
from drafter.readers import inlines as il
from drafter.readers.markup import canonical_marks, to_markup
from drafter.readers.patterns import flexible, leading_phrases

#: The punctuation that closes a paragraph, which the source leaves to the templates.
_ENDS = ",;.:"


def opening(block: Block, code: str, notes: dict[int, Block], section: str,
            book: PhraseBook = EMPTY) -> tuple[list[str], str, str]:
    """The opener's keys, the phrase as written and the markup of the rest, without the ending
    punctuation. The longest phrase of the lexicon or the phrase book wins; a phrase outside
    both is the italic words that open the paragraph, or its first word when nothing is italic."""
    text = block.text()
    keys = leading_phrases(text, code, section)  # type: ignore[arg-type]
    known = language(code).phrase(section, keys[0]) if keys else ""  # type: ignore[arg-type]
    booked = _book_phrase(book, text, code, section)
    if booked is not None and len(booked[1]) > len(known):
        keys, known = [booked[0]], booked[1]
    if keys:
        pattern = flexible(known)
    else:
        first = next((item for item in block.inlines if isinstance(item, Run) and item.text.strip()), None)
        words = (first.text if first is not None and first.italic else text).split()[:8]
        pattern = r"\s*" + flexible(" ".join(words if first is not None and first.italic else words[:1]))
    start = re.match(pattern + r"\s*", text)
    end = start.end() if start else 0
    phrase = " ".join(text[:end].split())
    return keys, phrase, body(il.cut(block.inlines, end, len(text)), code, notes)


def _book_phrase(book: PhraseBook, text: str, code: str, section: str) -> tuple[str, str] | None:
    """The key and words of the phrase book's longest phrase that opens ``text``."""
    start = " ".join(text.split())
    found = [(key, phrase[code]) for key, phrase in book.entries.get(section, {}).items()
             if start.startswith(phrase[code]) and not start[len(phrase[code]):][:1].isalpha()]
    return max(found, key=lambda item: len(item[1]), default=None)


def body(inlines: list[Inline], code: str, notes: dict[int, Block]) -> str:
    """The markup of a paragraph's body, its closing punctuation dropped."""
    inlines = canonical_marks(inlines, code)
    last = inlines[-1] if inlines else None
    if isinstance(last, Run) and last.text.rstrip()[-1:] in tuple(_ENDS):
        inlines = [*inlines[:-1], replace(last, text=last.text.rstrip()[:-1])]
    return re.sub(r"[ \t\r\n]+", " ", to_markup(merge_runs(inlines), notes, code)).strip()
