"""Turn a read paragraph back into source markup: formatting becomes {i|…} {sup|…} {fn|…},
and the dates, citations and symbols that the language data writes become value tags.

This is the inverse of composing: what ``drafter.composer`` would render from the markup is what
was read. The language's typography (French no-break spaces) and footnote-mark placement are
undone, so the markup is the one a drafter would type.
"""

from __future__ import annotations

import re
from functools import cache

from msgspec.structs import replace

from drafter.document import Block, FootnoteRef, Inline, Run, merge_runs
from drafter.language import language
from drafter.readers.patterns import patterns
from drafter.readers.structure import GA_NUMBER
from drafter.regexes import compiled

_PUNCTUATION = ",;.:"
_NO_BREAK = "[\u00a0\u202f]+"


def to_markup(inlines: list[Inline], notes: dict[int, Block], code: str) -> str:
    """Markup for inlines, footnotes inline as {fn|…}, with dates and citations as tags."""
    return recognise(_formatting(canonical_marks(inlines, code), notes, code), code)


def canonical_marks(inlines: list[Inline], code: str) -> list[Inline]:
    """Footnote marks before the punctuation they touch, as a source writes them."""
    if language(code).footnote_mark != "after_punctuation":
        return list(inlines)
    out: list[Inline] = []
    for item in inlines:
        previous = out[-1] if out else None
        if (isinstance(item, FootnoteRef) and isinstance(previous, Run)
                and previous.text[-1:] in tuple(_PUNCTUATION)):
            out[-1] = replace(previous, text=previous.text[:-1])
            out += [item, replace(previous, text=previous.text[-1])]
        else:
            out.append(item)
    return merge_runs(out)


def _untypeset(text: str, code: str) -> str:
    typography = language(code).typography
    if typography is None:
        return text
    for mark in typography.before:
        text = re.sub(f"{_NO_BREAK}(?={re.escape(mark)})", " ", text)
    for mark in typography.after:
        text = re.sub(f"(?<={re.escape(mark)}){_NO_BREAK}", " ", text)
    return text


def _formatting(inlines: list[Inline], notes: dict[int, Block], code: str) -> str:
    out: list[str] = []
    italic = False
    for index, item in enumerate(inlines):
        if isinstance(item, FootnoteRef):
            following = next((x for x in inlines[index + 1:] if isinstance(x, Run)), None)
            if italic and not (following and following.italic):
                out.append("}")
                italic = False
            body = notes[item.number].inlines if item.number in notes else []
            out.append("{fn|" + _formatting(canonical_marks(body, code), {}, code) + "}")
            continue
        if item.italic != italic:
            out.append("{i|" if item.italic else "}")
            italic = item.italic
        text = _untypeset(item.text, code)
        out.append("{sup|" + text + "}" if item.superscript else text)
    if italic:
        out.append("}")
    return "".join(out)


@cache
def _recognisers(code: str) -> tuple[tuple[re.Pattern[str], object], ...]:
    """Symbols first, then Security Council and dated GA citations, dates, bare GA numbers."""
    lang, marked = language(code), patterns(code, as_markup=True)
    guard = r"(?<![\w/.\-])"

    def citation(template: str, **fields: str) -> str:
        parts = re.split(r"(\{\w+\})", template)
        return guard + "".join(fields[part[1:-1]] if part.startswith("{") else
                               r"[ \u00a0]".join(map(re.escape, part.split(" "))) for part in parts)

    def iso(match: re.Match[str], name: str) -> str | None:
        found = marked.read_date(match, name)
        return found.isoformat() if found else None

    def dated_council(match: re.Match[str]) -> str:
        dated = iso(match, "scd")
        if dated is None or dated[:4] != match.group("year"):
            return match.group()
        return f"{{sc|{match.group('sc')}|{dated}}}"

    def ga(match: re.Match[str]) -> str:
        dated = iso(match, "gad")
        return f"{{res|{match.group('ga')}|{dated}}}" if dated else match.group()

    def day(match: re.Match[str]) -> str:
        dated = iso(match, "d")
        return f"{{date|{dated}}}" if dated else match.group()

    sc, year = r"(?P<sc>\d{1,5})", r"(?P<year>\d{4})"
    return (
        (compiled(citation(lang.citation.sc_dated, number=sc, year=year, date=marked.date("scd"))),
         dated_council),
        (compiled(citation(lang.citation.sc, number=sc, year=year)),
         lambda m: f"{{sc|{m.group('sc')}|{m.group('year')}}}"),
        (compiled(citation(lang.citation.ga, number=f"(?P<ga>{GA_NUMBER})", date=marked.date("gad"))), ga),
        (compiled(marked.date("d")), day),
        (compiled(rf"{guard}(?:S-|ES-)?\d+/\d+(?: [A-Z](?![\w'’]))?(?![\w/])"),
         lambda m: f"{{res|{m.group()}}}"),
    )


def _symbols(text: str) -> str:
    """Document symbols as printed, with their lists ("A/63/228-S/2008/531 and Corr.1"), as
    {doc|…} tags: the grammar of ``drafter.symbols``, which prints them back in each language.
    Markup braces and bars are never part of a symbol."""
    from drafter import symbols

    pieces = re.split(r"([{}|])", text)
    out = []
    for index, piece in enumerate(pieces):
        if index % 2 or (index >= 2 and pieces[index - 2].endswith("doc")):
            out.append(piece)  # a brace or bar, or the argument of a {doc|…} already made
            continue
        position = 0
        for found in symbols.find(piece):
            out += [piece[position: found.start], "{doc|", found.text, "}"]
            position = found.end
        out.append(piece[position:])
    return "".join(out)


#: A value tag already made, whose arguments no later pattern may touch.
_VALUE_TAG = compiled(r"(\{(?:doc|res|sc|date)\|[^{}]*\})")


def recognise(text: str, code: str) -> str:
    """Value tags for the symbols, citations and dates found in markup, outside value tags."""
    text = _symbols(text)
    for pattern, replacement in _recognisers(code):
        pieces = _VALUE_TAG.split(text)
        text = "".join(piece if index % 2 else pattern.sub(replacement, piece)  # type: ignore[call-overload]
                       for index, piece in enumerate(pieces))
    return text
