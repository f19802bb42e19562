"""Phrase books: openers and verbs that a delegation or a team adds to the built-in lexicon.

A phrase book is a YAML file shaped like the lexicon, with both languages side by side::

    preamble:
      having_received: {en: Having received, fr: Ayant reçu}
    operative:
      looks_forward_to: {en: Looks forward to, fr: Attend avec intérêt}

It is given with ``--phrases FILE``, or found as ``phrases.yaml`` beside a source. A source
then names its keys like the lexicon's; loading turns each into an inline phrase that remembers
its key, so that nothing after loading needs the book.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from drafter.language import LANGUAGES, Section, language, phrase_keys
from drafter.regexes import compiled

#: The file a source's folder may hold.
BESIDE = "phrases.yaml"
#: What a Document calls a paragraph whose opener or verb is written out in the source.
INLINE = "inline"
#: Keys are words joined by underscores, like the lexicon's.
KEY = compiled(r"[a-z][a-z0-9_]{0,59}")
SECTIONS: tuple[Section, ...] = ("preamble", "operative")
#: The longest phrase: the lexicon's longest opener has 44 characters.
MAX_PHRASE = 80
#: Entries in one book.
MAX_ENTRIES = 2_000
#: What a phrase may not hold: markup braces, line breaks.
_NOT_IN_PHRASE = compiled(r"[{}\n\r\t]")


class PhraseBook(Struct, frozen=True):
    """The phrases of one or more books, by section and key: {"en": …, "fr": …}."""

    entries: dict[str, dict[str, dict[str, str]]] = field(
        default_factory=lambda: {section: {} for section in SECTIONS})
    files: tuple[str, ...] = ()

    def keys(self, section: str) -> list[str]:
        return list(self.entries.get(section, {}))

    def phrase(self, section: str, key: str) -> dict[str, str] | None:
        """The phrase in every language, or None when the book does not have the key."""
        return self.entries.get(section, {}).get(key)

    def merged(self, other: PhraseBook) -> PhraseBook:
        """Both books; a key both define must mean the same in both."""
        entries: dict[str, dict[str, dict[str, str]]] = {
            section: dict(self.entries.get(section, {})) for section in SECTIONS}
        for section in SECTIONS:
            for key, phrase in other.entries.get(section, {}).items():
                if entries[section].get(key, phrase) != phrase:
                    from drafter.source import SourceError, SourceInvalid

                    raise SourceInvalid([SourceError(
                        other.files[0] if other.files else "<phrases>", 1, 1,
                        f"{section}, {key}: defined differently in {', '.join(self.files)}; "
                        "keep one definition")])
                entries[section][key] = phrase
        return PhraseBook(entries, (*self.files, *other.files))


EMPTY = PhraseBook()


def load_book(path: Path) -> PhraseBook:
    """Read a phrase book; raise SourceInvalid with a located error for each mistake."""
    from drafter.source import read_text

    return parse_book(read_text(path), str(path))


def parse_book(text: str, name: str = "<phrases>") -> PhraseBook:
    """Check a phrase book's text; raise SourceInvalid with located errors."""
    from drafter.source import SourceError, SourceInvalid, read_yaml

    data, positions = read_yaml(text, name)
    errors: list[SourceError] = []
    entries: dict[str, dict[str, dict[str, str]]] = {section: {} for section in SECTIONS}
    count = 0

    def fail(path: tuple[Any, ...], message: str) -> None:
        errors.append(positions.error(path, message))

    for section, phrases in data.items():
        if section not in SECTIONS:
            close = difflib.get_close_matches(str(section), SECTIONS, n=1)
            errors.append(SourceError(name, *positions.key(section),
                                      f"unknown section {section!r}; "
                                      + (f"did you mean {close[0]!r}?" if close
                                         else "a phrase book has preamble and operative")))
            continue
        if not isinstance(phrases, dict):
            fail((section,), f"{section}: this should be a mapping of keys to phrases "
                 "(key: {en: …, fr: …})")
            continue
        built_in = set(phrase_keys(section))  # type: ignore[arg-type]
        for key, phrase in phrases.items():
            count += 1
            where = (section, key)
            if count > MAX_ENTRIES:
                fail(where, f"a phrase book holds at most {MAX_ENTRIES} phrases")
                break
            if not KEY.fullmatch(key):
                errors.append(SourceError(name, *positions.key(*where),
                                          f"{section}: {key!r} is not a key; write words in lower "
                                          "case joined by underscores, such as having_received"))
                continue
            problem = _phrase_problem(phrase)
            if problem:
                path = (*where, problem[0]) if problem[0] else where
                fail(path, f"{section}, {key}: {problem[1]}")
                continue
            wanted = {lang: phrase[lang] for lang in LANGUAGES}
            if key in built_in:
                # The lexicon grows: a book's key it has since taken is fine if it means the same.
                known = {lang: language(lang).phrase(section, key) for lang in LANGUAGES}
                if known != wanted:
                    errors.append(SourceError(name, *positions.key(*where),
                                              f"{section}, {key}: the lexicon already has this key "
                                              f"for {' / '.join(known.values())}; choose another name"))
                continue
            entries[section][key] = wanted
    if errors:
        raise SourceInvalid(sorted(errors, key=lambda error: (error.line, error.column)))
    return PhraseBook(entries, (name,))


def _phrase_problem(phrase: Any) -> tuple[str, str] | None:
    """What is wrong with one entry, and in which language ("" for the entry itself)."""
    if not isinstance(phrase, dict):
        return "", f"write the phrase in every language: {{{', '.join(f'{lang}: …' for lang in LANGUAGES)}}}"
    for lang in phrase:
        if lang not in LANGUAGES:
            return "", f"unknown language {lang!r}; the languages are {', '.join(LANGUAGES)}"
    for lang in LANGUAGES:
        if lang not in phrase:
            return "", f"the {lang} phrase is missing; give the phrase in every language"
        problem = phrase_text_problem(phrase[lang])
        if problem:
            return lang, problem
    return None


def phrase_text_problem(value: Any) -> str | None:
    """What is wrong with the text of an opener or verb written out, or None."""
    if not isinstance(value, str) or not value.strip():
        return "the phrase should be text"
    if len(value) > MAX_PHRASE:
        return f"a phrase has at most {MAX_PHRASE} characters"
    if _NOT_IN_PHRASE.search(value):
        return "a phrase is words only: no braces, no line breaks"
    if value != value.strip():
        return "the phrase starts or ends with a space"
    return None


# -- the book in force --------------------------------------------------------------------------

_selected: list[Path] = []


def select(path: Path | None) -> None:
    """Use this phrase book (``--phrases``) for every source loaded by this process."""
    _selected[:] = [path] if path is not None else []


def selected() -> Path | None:
    """The book given with ``--phrases``, if any."""
    return _selected[0] if _selected else None


def book_for(source: Path | None, explicit: Path | None = None) -> PhraseBook:
    """The phrases a source may use: the book given (or selected), then ``phrases.yaml`` beside
    the source. Raise SourceInvalid for a book with mistakes."""
    book = EMPTY
    given = explicit or selected()
    if given is not None:
        book = load_book(given)
    if source is not None:
        beside = source.parent / BESIDE
        if beside.is_file() and (given is None or beside.resolve() != given.resolve()):
            book = book.merged(load_book(beside))
    return book
