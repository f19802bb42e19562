"""The inline markup of prose: italics, superscripts, footnotes, dates and citations in braces.

A tag is ``{name|argument|…}``. Braces never occur in resolution prose, so the markup cannot be
mistaken for text. Tags whose argument is prose (``i``, ``sup``, ``fn``) may nest; the others take
plain values that the language data formats (``{date|2022-11-21}``, ``{res|64/256|2010-03-02}``).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from msgspec import Struct

from drafter import symbols
from drafter.regexes import compiled

#: Tags whose single argument is prose, parsed recursively.
PROSE_TAGS = {"i": "italic", "sup": "superscript", "fn": "footnote"}
#: Tags whose arguments are values, with the number of arguments they accept.
VALUE_TAGS = {"date": (1, 1), "res": (1, 2), "sc": (2, 2), "doc": (1, 1)}
#: How deep prose tags may nest: a footnote's italic title with a superscript is three.
MAX_DEPTH = 8

# Digits are ASCII and few: sessions have three, resolutions four, Council resolutions five.
GA_NUMBER = compiled(r"^(?:S-|ES-)?[0-9]{1,3}/[0-9]{1,4}(?: [A-Z])?$|^[0-9]{1,4} \([IVXLC]+\)$")
SC_NUMBER = compiled(r"^[0-9]{1,5}$")
_YEAR = compiled(r"\d{4}")
_ISO_DATE = compiled(r"\d{4}-\d{2}-\d{2}")
#: The characters a scan stops at; everything between them is text.
_BRACE = compiled("[{}]")
#: Parsed texts kept (a document's prose, the templates' output, dates), and the longest text
#: kept: bounded, so that neither a batch of a thousand sources nor a hostile text grows memory.
_CACHED, _CACHED_LENGTH = 1024, 4000


class MarkupError(ValueError):
    """A malformed tag, with the offset in the text where it starts."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


class Tag(Struct, frozen=True):
    """One tag: ``children`` for prose tags, ``args`` for value tags."""

    name: str
    children: tuple[Node, ...] = ()
    args: tuple[str, ...] = ()


Node = str | Tag


def parse(text: str) -> tuple[Node, ...]:
    """Parse prose into text and tags; raise MarkupError on a malformed tag.

    The same text is parsed once: sources are checked when they load and parsed again when
    composed, and the standard paragraphs repeat in every document. The result is immutable.
    """
    return _parse(text) if len(text) > _CACHED_LENGTH else _cached(text)


def _parse(text: str) -> tuple[Node, ...]:
    nodes, _ = _parse_until(text, 0, opened_at=None, within=())
    return nodes


_cached = lru_cache(maxsize=_CACHED)(_parse)


def _parse_until(text: str, pos: int, opened_at: int | None,
                 within: tuple[str, ...]) -> tuple[tuple[Node, ...], int]:
    """Parse up to the brace closing the tag opened at ``opened_at`` (None: the whole text);
    ``within`` names the prose tags around this text, innermost last."""
    nodes: list[Node] = []
    start = pos
    while (brace := _BRACE.search(text, pos)) is not None:
        pos = brace.start()
        if pos > start:
            nodes.append(text[start:pos])
        if text[pos] == "}":
            if opened_at is None:
                raise MarkupError("a closing brace '}' without an opening '{'", pos)
            return tuple(nodes), pos + 1
        tag, pos = _parse_tag(text, pos, within)
        nodes.append(tag)
        start = pos
    if opened_at is not None:
        raise MarkupError("a tag is not closed: add '}'", opened_at)
    if len(text) > start:
        nodes.append(text[start:])
    return tuple(nodes), len(text)


def _parse_tag(text: str, pos: int, within: tuple[str, ...]) -> tuple[Tag, int]:
    bar = text.find("|", pos)
    close = text.find("}", pos)
    if bar == -1 or (close != -1 and close < bar):
        raise MarkupError(
            "a tag needs a name and an argument, such as {i|text} or {date|2022-11-21}", pos
        )
    name = text[pos + 1 : bar]
    if name in PROSE_TAGS:
        if len(within) >= MAX_DEPTH:
            raise MarkupError(f"tags are nested more than {MAX_DEPTH} deep", pos)
        if name == "fn" and "fn" in within:
            raise MarkupError("a footnote cannot contain another footnote", pos)
        children, end = _parse_until(text, bar + 1, opened_at=pos, within=(*within, name))
        if not "".join(child for child in children if isinstance(child, str)).strip() and not any(
                isinstance(child, Tag) for child in children):
            raise MarkupError(f"the tag {{{name}|…}} is empty: write its text after the bar", pos)
        return Tag(name, children=children), end
    if name in VALUE_TAGS:
        if close == -1:
            raise MarkupError(f"the tag {{{name}|…}} is not closed: add '}}'", pos)
        args = tuple(text[bar + 1 : close].split("|"))
        _check_values(name, args, pos)
        return Tag(name, args=args), close + 1
    known = ", ".join(sorted([*PROSE_TAGS, *VALUE_TAGS]))
    raise MarkupError(f"unknown tag {{{name}|…}}; the tags are {known}", pos)


def _check_values(name: str, args: tuple[str, ...], pos: int) -> None:
    low, high = VALUE_TAGS[name]
    if not low <= len(args) <= high:
        raise MarkupError(f"the tag {{{name}|…}} takes {_count(low, high)}", pos)
    if name == "date":
        _check_date(args[0], pos)
    elif name == "res":
        if not GA_NUMBER.fullmatch(args[0]):
            raise MarkupError(f"{args[0]!r} is not a General Assembly resolution number such as 64/256", pos)
        if len(args) == 2:
            _check_date(args[1], pos)
    elif name == "sc":
        if not SC_NUMBER.fullmatch(args[0]):
            raise MarkupError(f"{args[0]!r} is not a Security Council resolution number such as 1631", pos)
        if not (_YEAR.fullmatch(args[1]) or _is_date(args[1])):
            raise MarkupError(f"{args[1]!r} is neither a year such as 2005 nor a date such as 2005-10-17", pos)
    elif name == "doc":
        try:
            symbols.parse(args[0])
        except symbols.SymbolError as error:
            raise MarkupError(str(error), pos) from None


def _count(low: int, high: int) -> str:
    return f"{low} argument{'s' if low > 1 else ''}" if low == high else f"{low} or {high} arguments"


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return bool(_ISO_DATE.fullmatch(value))


def _check_date(value: str, pos: int) -> None:
    if not _is_date(value):
        raise MarkupError(f"{value!r} is not a date written as YYYY-MM-DD", pos)
