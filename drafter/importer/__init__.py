"""Turn read Documents back into a bilingual Resolution: the inverse of composing.

The header and closing lines give the metadata (``header``, ``dates``); the paragraphs, read
with that metadata, give the body (``paragraphs``): openers and verbs become lexicon keys
(``opening``), formatting and citations become markup, and a paragraph becomes a standard
paragraph (``standards``) only when composing that standard, with the parameters read from the
paragraph, gives back exactly the paragraph that was read (``recompose``); anything else stays
prose. What the document did not say is guessed or left as a placeholder, and noted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from drafter.document import Document
from drafter.importer.guesses import Guesses, ImportFailure
from drafter.importer.header import read_header
from drafter.importer.paragraphs import read_body
from drafter.language import LANGUAGES, language
from drafter.pairing import PairingFailure, pair, single
from drafter.phrasebook import EMPTY, PhraseBook
from drafter.resolution import Resolution

__all__ = ["ImportFailure", "import_document", "import_files", "import_pair"]


def import_document(document: Document, notes: list[str] | None = None,
                    book: PhraseBook = EMPTY) -> Resolution:
    """The Resolution of one language's Document; the other language is marked [to translate].
    What the source holds that the document did not say is appended to ``notes``. A phrase of
    the phrase ``book`` becomes its key (an InlinePhrase that remembers it)."""
    guesses = Guesses()
    tree = read_body(document, read_header(document, guesses), book, guesses)
    _note(notes, guesses, None)
    return _validate(single(tree, document.lang), book)


def import_pair(english: Document, french: Document, notes: list[str] | None = None,
                book: PhraseBook = EMPTY) -> Resolution:
    """The Resolution of an English and a French Document of the same text."""
    documents = (english, french)
    guesses = (Guesses(), Guesses())
    headers = [read_header(document, found) for document, found in zip(documents, guesses)]
    trees = [read_body(document, header, book, found)
             for document, header, found in zip(documents, headers, guesses)]
    # The "Original:" line printed in one version only still says which language is original.
    for tree, other in (trees, trees[::-1]):
        if "original" in other and "original" not in tree:
            tree["original"] = other["original"]
    for document, found in zip(documents, guesses):
        _note(notes, found, document.lang)
    try:
        return _validate(pair(trees[0], trees[1], notes=notes), book)
    except PairingFailure as failure:
        raise ImportFailure(str(failure)) from None


def _note(notes: list[str] | None, guesses: Guesses, code: str | None) -> None:
    if notes is not None:
        notes += [f"{guess} ({code})" if code else guess for guess in guesses.lines]


def import_files(path: Path, pair_path: Path | None = None, lang: str | None = None,
                 notes: list[str] | None = None, book: PhraseBook = EMPTY) -> tuple[Resolution, str | None]:
    """The Resolution of a Word or text draft, and with ``pair_path`` its other-language version.

    The second value is the one language that was read, or None when both were. Raises
    ReadFailure for a file that cannot be read, ImportFailure for one that is not a source.
    """
    from drafter.readers import read

    first = read(path, lang)
    if pair_path is None:
        return import_document(first, notes, book), first.lang
    other = read(pair_path, None)
    if other.lang == first.lang:
        raise ImportFailure(f"{path} and {pair_path} are both in {language(first.lang).name}; "
                            "--pair takes the other language's version")
    english, french = sorted((first, other), key=lambda document: LANGUAGES.index(document.lang))
    return import_pair(english, french, notes, book), None


def _validate(tree: dict[str, Any], book: PhraseBook = EMPTY) -> Resolution:
    try:
        return Resolution.model_validate(tree, context={"phrases": book})
    except ValidationError as error:
        first = error.errors()[0]
        where = " ".join(str(part) for part in first["loc"])
        raise ImportFailure(f"the document does not make a valid source ({where}: {first['msg']}); "
                            "correct the draft and import it again") from None
