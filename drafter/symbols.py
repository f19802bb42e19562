"""United Nations document symbols as printed: one grammar for sources, markup, rules and readers.

Two levels, on purpose. The *shape* (``SHAPE``, ``parse``) is what a source may hold: anything
that looks like a symbol or a printed list of them, so that a source with a slightly wrong
symbol still loads and ``drafter validate`` reports it as a finding (C405) instead of refusing
the file. The *form* (``problem``, ``well_formed``) is the strict grammar of ``data/symbols.yaml``
that says whether each document of a list is a real UN symbol.

A printed list is a symbol followed by more documents of its series, joined as the language
joins a list: "A/61/256 and Add.1", "A/63/228-S/2008/531 et Corr.1", "A/64/13 and Add.1 and 2".
A source may write the conjunction of either language; ``format`` prints it in each.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from msgspec import Struct

from drafter.language import LANGUAGES, language
from drafter.regexes import compiled
from drafter.resources import load_data

#: The longest symbol or list accepted (77/13's longest is 19 characters).
MAX_LENGTH = 120
#: What regular expressions give a meaning (see _literal).
_SPECIAL = compiled(r"([.^$*+?()\[\]{}|\\])")


class SymbolError(ValueError):
    """A text that is not a document symbol, with a sentence saying why."""


class _Strict(Struct, frozen=True):
    prefix: str
    form: str


class _Grammar(Struct, frozen=True):
    """data/symbols.yaml, read without a model (checked by tests/test_symbols.py)."""

    bodies: list[str]
    suffixes: list[str]
    strict: list[_Strict]
    general: str

    @classmethod
    def read(cls, data: dict[str, Any]) -> _Grammar:
        return cls(bodies=data["bodies"], suffixes=data["suffixes"],
                   strict=[_Strict(entry["prefix"], entry["form"]) for entry in data["strict"]],
                   general=data["general"])


class SymbolList(Struct, frozen=True):
    """A symbol as printed: one document (possibly joint), then more of its series."""

    document: str  # "A/63/228-S/2008/531"
    additions: tuple[str, ...] = ()  # ("Corr.1",), ("Add.1", "2")
    #: What stands before each addition: "last" (and/et) or "separator" (a comma), as written.
    links: tuple[str, ...] = ()

    def format(self, lang: str) -> str:
        """As the language prints it: "A/61/256 and Add.1" / "A/61/256 et Add.1"."""
        style = language(lang).list_style
        return self.document + "".join(getattr(style, link) + addition
                                       for link, addition in zip(self.links, self.additions))

    @property
    def parts(self) -> tuple[str, ...]:
        """The parts of a joint symbol: ("A/63/228", "S/2008/531")."""
        return tuple(_grammar().joint.split(self.document))

    def documents(self) -> list[str]:
        """Every document the list names, spelled out: A/61/256, A/61/256/Add.1, …"""
        out = [self.document]
        kind = ""
        for addition in self.additions:
            if "." in addition:
                kind = addition.split(".")[0]
                out.append(f"{self.document}/{addition}")
            else:
                out.append(f"{self.document}/{kind}.{addition}")
        return out


class Found(Struct, frozen=True):
    """A symbol found in running text, with its span and what it names."""

    text: str  # as printed, with any list: "A/61/256 and Add.1"
    start: int
    end: int
    symbols: SymbolList

    @property
    def document(self) -> str:
        """The first document alone: "A/61/256"."""
        return self.symbols.document


class _Compiled(Struct, frozen=True):
    """The grammar's regular expressions, built once from the data."""

    bodies: frozenset[str]  # the organs whose symbols the grammar knows: A, S, E, ST
    joint: re.Pattern[str]  # the hyphen between the parts of a joint symbol
    strict: list[tuple[re.Pattern[str], re.Pattern[str]]]  # (prefix, form) of each series
    general: re.Pattern[str]
    conjunctions: re.Pattern[str]  # ", ", " and ", " et ": what joins a printed list
    shape: str
    shaped: re.Pattern[str]  # shape, compiled: from the regex table, not re's per-process cache
    candidate: re.Pattern[str]  # a symbol, with its list, in running text


@cache
def _grammar() -> _Compiled:
    data = _Grammar.read(load_data("symbols.yaml"))  # type: ignore[arg-type]
    bodies = "|".join(map(re.escape, data.bodies))
    kinds = "|".join(map(re.escape, data.suffixes))
    number = "[0-9]{1,3}"
    suffix = rf"(?:/(?:{kinds})\.{number})*"
    conjunctions = tuple(dict.fromkeys(
        joiner for code in LANGUAGES
        for joiner in (language(code).list_style.last, language(code).list_style.separator)))
    joined = "|".join(map(_literal, conjunctions))
    # After the first document: "Add.1", "Corr.2", "Add.1/Corr.1", "Add.1-3"; then also a bare
    # number continuing the series before it ("Add.1 and 2"). A placeholder "xx" counts too.
    named = rf"(?:(?:{kinds})\.(?:{number}|xx+)(?:/(?:{kinds})\.{number})*(?:[-–]{number})?)"
    tail = rf"(?:(?:{joined}){named}(?:(?:{joined})(?:{named}|{number}))*)?"
    part = r"[A-Z][A-Za-z0-9().]{0,20}(?:/(?:E?S-)?[A-Za-z0-9().]{1,20})*"  # A/ES-10/L.22
    # In running text: a body, perhaps run into its session by a slip (A77/277), then a slash.
    head = rf"(?:{bodies})(?:[0-9]{{1,4}})?/[^\s,;()\[\]”»]*[^\s,;()\[\]”».:]"
    shape = rf"^{part}(?:-{part})*{tail}$"
    return _Compiled(
        bodies=frozenset(data.bodies),
        joint=compiled(rf"-(?=(?:{bodies})/)"),
        strict=[(compiled(entry.prefix), compiled(entry.form + suffix)) for entry in data.strict],
        general=compiled(data.general + suffix),
        conjunctions=compiled(joined),
        shape=shape,
        shaped=compiled(shape),
        candidate=compiled(rf"(?<![\w/.-]){head}{tail}(?![\w/])"),
    )


def _literal(text: str) -> str:
    """``re.escape`` for the JSON Schema too: it escapes spaces, which JavaScript's engine
    refuses under the "u" flag, so escape only what regular expressions give a meaning."""
    return _SPECIAL.sub(r"\\\1", text)


def shape() -> str:
    """The regular expression (anchored) of what a source may hold where a symbol is expected.

    Loose on purpose: ``problem`` judges the form. Written for every engine that reads the JSON
    Schema (no look-behind).
    """
    return _grammar().shape


def parse(text: str) -> SymbolList:
    """A symbol or printed list, in either language's form; raise SymbolError if it is none."""
    if len(text) > MAX_LENGTH:
        raise SymbolError(f"a document symbol has at most {MAX_LENGTH} characters")
    if not _grammar().shaped.fullmatch(text):
        raise SymbolError(f"{text!r} is not a document symbol such as A/77/277, "
                          "A/63/228-S/2008/531 or A/61/256 and Add.1")
    return _split(text)


def _split(text: str) -> SymbolList:
    conjunctions = _grammar().conjunctions
    first, *more = conjunctions.split(text)
    links = tuple(_link(found.group()) for found in conjunctions.finditer(text))
    return SymbolList(first, tuple(more), links)


def _link(joiner: str) -> str:
    separators = {language(code).list_style.separator for code in LANGUAGES}
    return "separator" if joiner in separators else "last"


def validate(text: str) -> str:
    """The text if it has the shape of a symbol (for pydantic validators); SymbolError if not."""
    parse(text)
    return text


def format(text: str, lang: str) -> str:
    """A symbol or list as the language prints it: "A/61/256 et Add.1" in French."""
    return parse(text).format(lang)


def well_formed(symbol: str) -> bool:
    """Whether every part of one (possibly joint) symbol has a known form."""
    grammar = _grammar()
    for part in grammar.joint.split(symbol):
        forms = [form for prefix, form in grammar.strict if prefix.match(part)]
        if not (forms[0] if forms else grammar.general).fullmatch(part):
            return False
    return True


def problem(text: str) -> str | None:
    """What is wrong with a symbol or printed list, as a sentence; None when it is well formed."""
    try:
        symbols = parse(text)
    except SymbolError as error:
        return str(error)
    known = _grammar().bodies
    for part in symbols.parts:
        body = re.split("[^A-Z]", part, maxsplit=1)[0]  # "A" of A/77/277, and of A77/277
        if body in known and not well_formed(part):
            return (f"“{part}” is not a well-formed document symbol; compare it with the document "
                    "(for instance A/77/277, S/2022/606, A/RES/77/13, A/77/L.13, S/PRST/2010/1)")
    return None


#: The revision suffix of a symbol: "/Rev.1" of A/79/L.20/Rev.1 (and of A/79/L.20/Rev.1/Corr.1).
_REVISION = compiled(r"/Rev\.([0-9]{1,3})(?=/|$)")


def revision(symbol: str) -> int | None:
    """The revision number a symbol carries, 1 for A/79/L.20/Rev.1; None for an original.

    Only the document itself counts, not the documents of a printed list after it: a revised
    draft is a new document, whose symbol ends in /Rev.N (or /Rev.N/Corr.M for its corrigendum).
    """
    found = _REVISION.findall(_split(symbol).document)
    return int(found[-1]) if found else None


def find(text: str) -> list[Found]:
    """Every symbol-like word of running text, with any list after it, without the punctuation
    that ends a sentence or a parenthesis: "(A/77/L.13 and Add.1)." gives "A/77/L.13 and Add.1"."""
    if "/" not in text:  # every symbol has one; the pattern, looking behind first, is slow to fail
        return []
    return [Found(match.group(), match.start(), match.end(), _split(match.group()))
            for match in _grammar().candidate.finditer(text)]
