"""One language's wording data: phrases, session ordinals, dates, lists, citations, typography.

Everything that differs between English and French lives in ``data/<lang>/*.yaml``; this module
only reads it and fills its patterns. Formatting functions return inline markup (``1{sup|er}``)
so that superscripts and citations stay structured until the Document is built.
"""

from __future__ import annotations

import string
from datetime import date
from functools import cache
from typing import Any, Literal

from msgspec import Struct
from msgspec.structs import fields

from drafter.resources import load_data

LANGUAGES: tuple[str, ...] = ("en", "fr")
Section = Literal["preamble", "operative"]

# Plain frozen dataclasses rather than pydantic models: the data is drafter's own, checked
# field by field by tests/test_language.py, and building models for it cost every command a
# tenth of its start-up. The loader still insists on exactly the declared keys.


class OrdinalSuffix(Struct, frozen=True):
    exact: dict[int, str]
    last_two: dict[int, str]
    last: dict[int, str]
    default: str


class ListStyle(Struct, frozen=True):
    separator: str
    last: str


class CitationStyle(Struct, frozen=True):
    ga: str
    sc: str
    sc_dated: str


class Typography(Struct, frozen=True):
    before: dict[str, str]
    after: dict[str, str]


class Language(Struct, frozen=True):
    """The wording data of one language, as loaded from its data files."""

    code: str
    name: str
    #: Each language's name as this one writes it: "English" / "anglais".
    language_names: dict[str, str]
    months: tuple[str, ...]
    # Named apart from the data keys (date, list) so that the types stay usable here.
    date_pattern: str
    days: dict[int, str]
    ordinal_suffix: OrdinalSuffix
    list_style: ListStyle
    citation: CitationStyle
    subparagraph_labels: tuple[str, ...]
    footnote_mark: Literal["before_punctuation", "after_punctuation"]
    typography: Typography | None
    #: The space between day, month and year; a no-break space keeps a date on one line.
    date_space: str
    articles: dict[Literal["the", "of", "to"], dict[str, str]]
    locale: str
    frbr_language: str  # ISO 639-2, for Akoma Ntoso identifiers
    phrases: dict[str, dict[str, str]]
    #: Declared synonyms (data/<lang>/synonyms.yaml): by section, a key and the other keys whose
    #: phrase may also render it ("underlines": ("stresses",) — "Souligne" renders Underlines).
    synonyms: dict[str, dict[str, tuple[str, ...]]]
    sessions: dict[int, str]

    def language_named(self, name: str) -> str | None:
        """The code of the language this one calls ``name`` ("anglais" → "en"), in any case."""
        return next((code for code, known in self.language_names.items()
                     if known.casefold() == name.strip().casefold()), None)

    def phrase(self, section: Section, key: str) -> str:
        """The opening phrase (preamble) or operative verb (operative) with this key."""
        return self.phrases[section][key]

    def readings(self, section: Section) -> list[tuple[str, str]]:
        """Every (key, phrase) that a text in this language may open with for a key: each key's
        own phrase, then the declared synonyms (another key's phrase that also renders it)."""
        phrases = self.phrases[section]
        return [*phrases.items(), *((key, phrases[other])
                                    for key, others in self.synonyms[section].items() for other in others)]

    def also_renders(self, section: Section, keys: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        """The keys that the phrase of ``keys`` also renders as a declared synonym."""
        return tuple(key for key, others in self.synonyms[section].items() if set(others) & set(keys))

    def session(self, number: int) -> str:
        """A session spelled out in lower case: "seventy-seventh" / "soixante-dix-septième"."""
        try:
            return self.sessions[number]
        except KeyError:
            raise ValueError(f"session {number} is outside 1–{max(self.sessions)}") from None

    def ordinal(self, number: int) -> str:
        """A numeric ordinal as markup: "39th", "39{sup|e}", "1{sup|re}"."""
        table = self.ordinal_suffix
        suffix = (
            table.exact.get(number)
            or table.last_two.get(number % 100)
            or table.last.get(number % 10)
            or table.default
        )
        return f"{number}{suffix}"

    def format_date(self, value: date) -> str:
        """A date as markup: "21 November 2022", "1{sup|er} août 2009"."""
        day = self.days.get(value.day, str(value.day))
        return self.date_pattern.format(day=day, month=self.months[value.month - 1], year=value.year)

    def join(self, items: list[str]) -> str:
        """Join a list the way the language does: "a, b and c" / "a, b et c"."""
        if len(items) < 2:
            return "".join(items)
        return self.list_style.separator.join(items[:-1]) + self.list_style.last + items[-1]

    def ga_citation(self, number: str, dated: date | None) -> str:
        """A General Assembly resolution: "64/256 of 2 March 2010" (markup)."""
        if dated is None:
            return number
        return self.citation.ga.format(number=number, date=self.format_date(dated))

    def sc_citation(self, number: str, year: int, dated: date | None) -> str:
        """A Security Council resolution: "1631 (2005)", optionally with its date (markup)."""
        if dated is None:
            return self.citation.sc.format(number=number, year=year)
        return self.citation.sc_dated.format(number=number, year=year, date=self.format_date(dated))

    def subparagraph_label(self, depth: int, index: int) -> str:
        """The label of the index-th (0-based) sub-paragraph at a depth: "(a)", "ii)"."""
        pattern = self.subparagraph_labels[min(depth, len(self.subparagraph_labels) - 1)]
        label = _letters(index) if depth % 2 == 0 else _roman(index + 1)
        return pattern.format(label=label)


def _letters(index: int) -> str:
    """a … z, then aa, bb … as UN documents continue the series."""
    letter = string.ascii_lowercase[index % 26]
    return letter * (index // 26 + 1)


def _roman(number: int) -> str:
    numerals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = []
    for value, numeral in numerals:
        count, number = divmod(number, value)
        out.append(numeral * count)
    return "".join(out)


@cache
def language(code: str) -> Language:
    """The wording data of "en" or "fr", loaded once per process."""
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}; drafter writes {', '.join(LANGUAGES)}")
    where = f"data/{code}/language.yaml"
    raw = _keys(None, load_data(f"{code}/language.yaml"), where)
    data = {_RENAMED.get(key, key): value for key, value in raw.items()}
    data.update(code=code, phrases=load_data(f"{code}/lexicon.yaml"),
                synonyms=_synonyms(load_data(f"{code}/synonyms.yaml"), f"data/{code}/synonyms.yaml"),
                sessions=load_data(f"{code}/sessions.yaml"))
    _keys(Language, data, where)
    typography = data["typography"]
    return Language(**{
        **data,
        "months": tuple(data["months"]),
        "subparagraph_labels": tuple(data["subparagraph_labels"]),
        "ordinal_suffix": OrdinalSuffix(**_keys(OrdinalSuffix, data["ordinal_suffix"], where)),
        "list_style": ListStyle(**_keys(ListStyle, data["list_style"], where)),
        "citation": CitationStyle(**_keys(CitationStyle, data["citation"], where)),
        "typography": None if typography is None else Typography(**_keys(Typography, typography, where)),
    })


#: Data keys whose field has another name.
_RENAMED = {"date": "date_pattern", "list": "list_style"}


def _keys(kind: type | None, data: object, where: str) -> dict[str, Any]:
    """``data`` as a mapping with exactly the fields of ``kind`` (any keys when None)."""
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected a mapping, found {data!r}")
    if kind is not None:
        expected = {item.name for item in fields(kind)}
        if set(data) != expected:
            raise ValueError(f"{where}: {kind.__name__} has the keys {sorted(expected)}, "
                             f"not {sorted(data)}")
    return data


def _synonyms(data: object, where: str) -> dict[str, dict[str, tuple[str, ...]]]:
    """Synonyms by section and key: the keys of ``like`` (``why`` is for the reader)."""
    sections = _keys(None, data, where)
    return {section: {key: tuple(_keys(None, entry, where)["like"]) for key, entry in entries.items()}
            for section, entries in sections.items()}


def phrase_keys(section: Section) -> list[str]:
    """The stable keys of one section of the lexicon (the same in every language)."""
    return list(language(LANGUAGES[0]).phrases[section])
