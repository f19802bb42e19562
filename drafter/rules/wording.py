"""The words the rules look for in one language, compiled from the language's data files.

Dates, citations and opening phrases are recognized with the same data that writes them
(``data/<lang>/language.yaml`` and ``lexicon.yaml``), plus ``data/<lang>/rules.yaml`` for what
only validation needs; document symbols come from ``drafter.symbols``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from msgspec import Struct, convert

from drafter import symbols
from drafter.language import LANGUAGES, Language, Section, language
from drafter.regexes import compiled
from drafter.resources import load_data

if TYPE_CHECKING:
    from collections.abc import Callable
    from functools import _lru_cache_wrapper
    from typing import Any, TypeVar

    from drafter.phrasebook import PhraseBook

    _T = TypeVar("_T")

#: A GA resolution number standing alone: "67/6", "S-30/1", "31/16 A" (not inside a symbol).
GA_NUMBER = r"(?:S-|ES-)?\d+/\d+(?: [A-Z](?![\w]))?"
_NOT_AFTER = r"(?<![\w/.-])"
_MARKUP = compiled(r"\{sup\|([^}]*)\}")


# Structs rather than pydantic models: the data is drafter's own, and defining and validating
# five models cost each cold validate about 9 M instructions; msgspec.convert still refuses
# unknown keys, missing ones and values of the wrong type.
class WrongForm(Struct, frozen=True, forbid_unknown_fields=True):
    wrong: str  # a pattern
    right: str  # what to write instead: a template of re.Match.expand
    unless_after: list[str] = []  # words before which the form is right
    needs: list[str] = []  # texts of which every match holds one (none: always search)
    needs_lowered: list[str] = []  # the same for a form ignoring case: in the text lowered


class Quotes(Struct, frozen=True, forbid_unknown_fields=True):
    open: str
    close: str
    wrong: list[str]
    nested: list[str]


class Distribution(Struct, frozen=True, forbid_unknown_fields=True):
    draft: str
    adopted: str


class RuleData(Struct, frozen=True, forbid_unknown_fields=True):
    """The contents of ``data/<lang>/rules.yaml``."""

    formula: str
    resolution_word: str
    report_request: str
    agenda_inclusion: str
    sub_item: str
    report_considered: str
    session_line: str
    thousands_separators: str
    superscript_ordinals: list[str]
    wrong_forms: list[WrongForm]
    name_variants: list[tuple[str, str]]
    quotes: Quotes
    wrong_dates: list[str]
    distribution: Distribution
    session_word: str
    session_word_needs: str
    ordinal_suffixes: list[str]


class Cited(Struct, frozen=True):
    """A dated GA resolution citation found in text."""

    number: str
    date: date | None
    start: int
    end: int


#: Digit runs longer than this are no number a resolution uses (and Python refuses to convert
#: runs of more than 4,300 digits).
_MAX_DIGITS = 9
_DIGITS = compiled(rf"[0-9]{{1,{_MAX_DIGITS}}}")
_NOT_DIGIT = compiled(r"\D")
_DIGIT = compiled(r"\d")
#: Paragraphs whose answers are remembered below, for the file being checked (``forget``):
#: several rules ask the same question of the same paragraph (its digits, dates, citations and
#: symbols: B704-B707, C401-C404, T806), and each asking is a pattern tried at every character.
#: More than both versions of the largest draft drafter reads (20,000 paragraphs each): the
#: rules go through a file one rule at a time, so a file larger than the memory would find
#: nothing remembered, and checking it would cost more per paragraph than a small one.
_REMEMBERED = 1 << 16
#: Every function that remembers answers about paragraphs, for ``forget``.
_MEMORIES: list[_lru_cache_wrapper[Any]] = []


def _remembered(function: Callable[..., _T]) -> _lru_cache_wrapper[_T]:
    """``function`` remembering its answers by text until ``forget`` (see _REMEMBERED)."""
    memory = lru_cache(maxsize=_REMEMBERED)(function)
    _MEMORIES.append(memory)
    return memory


def whole(digits: str) -> int | None:
    """The number a run of ASCII digits writes, or None when it is no plausible number."""
    return int(digits) if _DIGITS.fullmatch(digits) else None


@_remembered
def has_digit(text: str) -> bool:
    """Whether a text holds a digit (any decimal digit, as ``\\d``): the patterns of dates, numbers
    and citations need one, and most look behind before anything else, which makes the regular
    expression engine try them at every character (some 40 times slower than a search that can
    skip ahead), so a paragraph without a digit is not searched."""
    return _DIGIT.search(text) is not None


def shortened(text: str, length: int = 40) -> str:
    """Text quoted in a message, cut short when an input makes it absurdly long."""
    return text if len(text) <= length else text[:length] + "…"


def spoken(value: date) -> str:
    """A date as findings say it: "19 November 2013"."""
    return language("en").format_date(value)


def normalize(text: str) -> str:
    """Apostrophes as typed on a keyboard, so "L’Assemblée" reads as "L'Assemblée"."""
    return text.replace("’", "'")


class _DataPattern:
    """A pattern of the language's rules.yaml, of the same name, compiled on first use and kept
    on the Wording (an attribute of the instance then hides this descriptor)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, wording: Wording, owner: type | None = None) -> re.Pattern[str]:
        pattern = compiled(getattr(wording.data, self.name))
        wording.__dict__[self.name] = pattern
        return pattern


class Wording:
    """One language's patterns, built once."""

    def __init__(self, lang: Language) -> None:
        self.lang = lang
        self.data = convert(load_data(f"{lang.code}/rules.yaml"), RuleData)
        self.date = compiled(_date_pattern(lang))
        dated = _prefixed(self.date.pattern, "d")
        self.ga_dated = compiled(_NOT_AFTER + _template(
            lang.citation.ga, number=f"(?P<number>{GA_NUMBER})", date=dated))
        self.ga_number = compiled(_NOT_AFTER + GA_NUMBER + r"(?![\w/])")
        # A Council citation opens with its number ("{number} ({year})"): the pattern opens with
        # the number's first digit, and looks behind it from the next one, so that the engine
        # skips ahead to the digits (opened with the look-behind, it was tried at every character).
        sc_parts = {"number": r"(?P<number>\d(?<![\w/.-]\d)\d*)", "year": r"(?P<year>\d{4})"}
        self.sc = compiled(_template(lang.citation.sc, **sc_parts))
        self.sc_dated = compiled(_template(lang.citation.sc_dated, **sc_parts, date=dated))
        self.sc_bare = compiled(
            rf"\b{self.data.resolution_word}\s+(?P<number>\d+)(?![\d/])(?! \((?:\d{{4}}|[IVXLC]+)\))")
        self.sessions = {word: number for number, word in lang.sessions.items()}
        self.months = {name: index + 1 for index, name in enumerate(lang.months)}
        self.days = {_MARKUP.sub(r"\1", form): day for day, form in lang.days.items()}

    # The data's own patterns, compiled on first use (drafter.regexes keeps their programs).
    session_line = _DataPattern()
    resolution_word = _DataPattern()
    report_request = _DataPattern()
    agenda_inclusion = _DataPattern()
    sub_item = _DataPattern()
    report_considered = _DataPattern()

    # -- dates and citations ------------------------------------------------------------------

    def parse_date(self, match: re.Match[str], prefix: str = "") -> date | None:
        """The date of a match of ``self.date`` (its groups possibly prefixed)."""
        day_text = match.group(f"{prefix}day")
        day = self.days.get(day_text) or int(_NOT_DIGIT.sub("", day_text))
        try:
            return date(int(match.group(f"{prefix}year")),
                        self.months[match.group(f"{prefix}month")], day)
        except ValueError:
            return None

    def dates(self, text: str) -> list[date | None]:
        return [self.parse_date(match) for match in self.dates_in(text)]

    # Wording is built once per language and kept (see ``wording``): remembering on it keeps
    # nothing alive that would not live anyway.
    @_remembered
    def dates_in(self, text: str) -> tuple[re.Match[str], ...]:
        """The matches of ``self.date`` in a text."""
        return tuple(self.date.finditer(text))

    @_remembered
    def dated_citations(self, text: str) -> tuple[Cited, ...]:
        """GA resolutions cited with a date, in order: "67/6 of 19 November 2012"."""
        if "/" not in text:  # every number has one: see ga_numbers
            return ()
        return tuple(Cited(match.group("number"), self.parse_date(match, "d"), match.start(),
                           match.end()) for match in self.ga_dated.finditer(text))

    @_remembered
    def ga_numbers(self, text: str) -> tuple[re.Match[str], ...]:
        """GA resolution numbers standing alone. Each holds a slash, which most paragraphs have
        not: ``in`` finds that at once, where the pattern, looking behind first, is tried at
        every character."""
        return tuple(self.ga_number.finditer(text)) if "/" in text else ()

    @_remembered
    def council(self, text: str) -> tuple[re.Match[str], ...]:
        """The matches of ``self.sc``, Security Council resolutions with their year."""
        return tuple(self.sc.finditer(text))

    def session_number(self, word: str) -> int | None:
        """73 for "seventy-third" / "soixante-treizième" (any case)."""
        return self.sessions.get(word.lower())

    # -- opening phrases ------------------------------------------------------------------------

    def opener(self, text: str, section: Section) -> tuple[str, frozenset[str]] | None:
        """The longest known phrase that opens the text, with every key that writes it: the
        lexicon's, and those of the phrase book in force (see ``phrase_book``)."""
        return _opener(self.lang.code, normalize(text.lstrip()[:_LONGEST_PHRASE]), section,
                       _BOOK.get().get((self.lang.code, section), ()))

    def nearest(self, text: str, section: Section, cutoff: float = 0.8) -> str | None:
        """The known phrase an opening most resembles, if one is at least ``cutoff`` close."""
        words = normalize(text).split()
        best, score = None, 0.0
        for phrase, _ in (*_phrases(self.lang.code, section),
                          *_BOOK.get().get((self.lang.code, section), ())):
            size = len(phrase.split())
            candidate = " ".join(words[:size]).rstrip(",;:.")
            ratio = difflib.SequenceMatcher(None, candidate.lower(), phrase.lower()).ratio()
            if ratio > score:
                best, score = phrase, ratio
        return best if score >= max(cutoff, 1e-9) else None


def forget() -> None:
    """Forget the answers remembered about the paragraphs of the file just checked: kept
    across files, a run checking many (``drafter serve``, a batch of files) would hold the text
    of each, and one file's run would profit from the run before (as benchmarks would see)."""
    for memory in _MEMORIES:
        memory.cache_clear()


@cache
def wording(code: str) -> Wording:
    """The patterns of "en" or "fr", built once per process."""
    return Wording(language(code))


@_remembered
def find_symbols(text: str) -> tuple[tuple[str, int, int], ...]:
    """Every symbol-like word with its span, stripped of the punctuation that follows it
    (the document alone: "A/61/256" of "A/61/256 and Add.1"); see drafter.symbols.find."""
    return tuple((found.document, found.start, found.start + len(found.document))
                 for found in symbols.find(text))


def well_formed(symbol: str) -> bool:
    """Whether every part of a (possibly joint) symbol has a known form."""
    return symbols.well_formed(symbol)


#: Enough of a paragraph's start to hold any opening phrase and the character after it.
_LONGEST_PHRASE = 80


Phrases = tuple[tuple[str, frozenset[str]], ...]
#: The phrases of the phrase book in force, by language and section (see ``phrase_book``).
_BOOK: ContextVar[dict[tuple[str, str], Phrases]] = ContextVar("phrase_book", default={})


@contextmanager
def phrase_book(book: PhraseBook) -> Iterator[None]:
    """Take a phrase book's openers and verbs for known ones while checking a Word or text
    draft (a source turns them into its own phrases when it loads)."""
    phrases = {(code, section): _ordered((key, entry[code]) for key, entry in entries.items())
               for section, entries in book.entries.items() for code in LANGUAGES}
    token = _BOOK.set(phrases)
    try:
        yield
    finally:
        _BOOK.reset(token)


@lru_cache(maxsize=4096)
def _opener(code: str, start: str, section: Section, book: Phrases) -> tuple[str, frozenset[str]] | None:
    by_initial = _by_initial(code, section)
    # Only the phrases of the text's first character can open it (an empty one, shortest and so
    # last, any text): trying all of them was 3,000 calls of startswith a language.
    lexicon = (*by_initial.get(start[:1], ()), *by_initial.get("", ()))
    for phrases in (lexicon, book):
        for phrase, keys in phrases:
            if start.startswith(phrase) and not start[len(phrase):len(phrase) + 1].isalpha():
                return phrase, keys
    return None


@cache
def _by_initial(code: str, section: Section) -> dict[str, Phrases]:
    """The lexicon's phrases by their first character, each group in the order of ``_phrases``."""
    groups: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for phrase, keys in _phrases(code, section):
        groups.setdefault(phrase[:1], []).append((phrase, keys))
    return {initial: tuple(group) for initial, group in groups.items()}


@cache
def _phrases(code: str, section: Section) -> Phrases:
    """The lexicon's phrases with every key each renders, declared synonyms included, so that
    "Souligne" answers both stresses and underlines."""
    return _ordered(language(code).readings(section))


def _ordered(entries: Iterable[tuple[str, str]]) -> Phrases:
    """Phrases with their keys, the longest first, so that the longest that opens a text wins."""
    by_phrase: dict[str, set[str]] = {}
    for key, phrase in entries:
        by_phrase.setdefault(normalize(phrase), set()).add(key)
    ordered = sorted(by_phrase.items(), key=lambda item: -len(item[0]))
    return tuple((phrase, frozenset(keys)) for phrase, keys in ordered)


def _date_pattern(lang: Language) -> str:
    days = sorted((_MARKUP.sub(r"\1", form) for form in lang.days.values()), key=len, reverse=True)
    day = "|".join([*map(re.escape, days), r"\d{1,2}"])
    months = "|".join(map(re.escape, lang.months))
    spaced = lang.date_pattern.replace(" ", "[ \u00a0]")  # dates are typeset with no-break spaces
    return spaced.format(day=f"(?P<day>{day})", month=f"(?P<month>{months})",
                            year=r"(?P<year>\d{4})") + r"(?!\d)"


_FIELD = compiled(r"\{(\w+)\}")
_DATE_GROUP = compiled(r"\(\?P<(day|month|year)>")


def _template(pattern: str, **groups: str) -> str:
    """A citation pattern of the language data ("{number} of {date}") as a regular expression."""
    parts = _FIELD.split(pattern)
    return "".join(groups[part] if index % 2 else re.escape(part)
                   for index, part in enumerate(parts))


def _prefixed(pattern: str, prefix: str) -> str:
    """Rename the groups of the date pattern, so a citation's own groups stay distinct."""
    return _DATE_GROUP.sub(rf"(?P<{prefix}\1>", pattern)
