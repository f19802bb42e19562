"""Bilingual concordance (B7xx): the English and French versions say the same thing.

Both have the same paragraphs and footnotes, and each pair of paragraphs cites the same
resolutions, dates, symbols and figures, and opens with corresponding phrases.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from functools import cache

from drafter.document import Point
from drafter.findings import Issue
from drafter.language import Section
from drafter.regexes import compiled
from drafter.rules import PairCheck, Rule
from drafter.rules.draft import Draft, Kind, Paragraph, plain
from drafter.rules.wording import find_symbols, has_digit, spoken, wording

_PARTS: dict[Kind, str] = {"preamble": "preambular paragraphs",
                           "operative": "operative paragraphs", "point": "sub-paragraphs",
                           "footnote": "footnotes"}


def pairs(english: Draft, french: Draft) -> Iterator[tuple[Paragraph, Paragraph]]:
    """Paragraphs side by side, for each part whose paragraphs correspond one to one (a part
    whose count differs is reported once, by B701–B703, and its paragraphs are not compared);
    the header and closing lines too, when both versions have the same lines."""
    for kind in (*_PARTS, *_LINES):
        if _shape(english, kind) == _shape(french, kind):
            yield from zip(english.of_kind(kind), french.of_kind(kind))


#: The header and closing lines, compared line by line when both versions have the same ones.
_LINES: tuple[Kind, ...] = ("heading", "closing")


def _shape(draft: Draft, kind: Kind) -> object:
    if kind in _LINES:
        return [bool(paragraph.block.inlines) for paragraph in draft.of_kind(kind)]
    if kind == "point":
        return [_count_points(operative.points) for operative in draft.document.operative]
    return len(draft.of_kind(kind))


def _count(kind: Kind) -> PairCheck:
    def check(english: Draft, french: Draft) -> Iterator[Issue]:
        if kind == "operative":
            yield from _operative_counts(english, french)
            return
        left, right = len(english.of_kind(kind)), len(french.of_kind(kind))
        if left != right:
            yield Issue(english.everywhere, f"The English version has {left} {_PARTS[kind]}, the "
                        f"French version {right}.", _COUNT_HINT)
    return check


_COUNT_HINT = "Both versions must have the same paragraphs: find the one added, split or merged."


def _operative_counts(english: Draft, french: Draft) -> Iterator[Issue]:
    left, right = english.document.operative, french.document.operative
    if len(left) != len(right):
        yield Issue(english.everywhere, f"The English version has {len(left)} operative "
                    f"paragraphs, the French version {len(right)}.", _COUNT_HINT)
        return
    for paragraph, one, other in zip(english.of_kind("operative"), left, right):
        if _count_points(one.points) != _count_points(other.points):
            yield Issue(paragraph.where, "The two versions of this paragraph have different "
                        "sub-paragraphs.", _COUNT_HINT)


def _count_points(points: list[Point]) -> list[object]:
    return [_count_points(point.points) for point in points]


def _compare(name: str, extract: Callable[[Draft, Paragraph], list[str]], hint: str) -> PairCheck:
    def check(english: Draft, french: Draft) -> Iterator[Issue]:
        for left, right in pairs(english, french):
            found_en, found_fr = extract(english, left), extract(french, right)
            if found_en == found_fr:
                continue  # most paragraphs: nothing found in either (no Counter to build)
            mine, theirs = Counter(found_en), Counter(found_fr)
            if mine == theirs:
                continue
            only_en = ", ".join(sorted((mine - theirs).elements())) or "nothing more"
            only_fr = ", ".join(sorted((theirs - mine).elements())) or "nothing more"
            yield Issue(left.where.at(only_en if mine - theirs else ""),
                        f"The two versions differ in {name}: English has {only_en}, "
                        f"French has {only_fr}.", hint)
    return check


def resolution_numbers(draft: Draft, paragraph: Paragraph) -> list[str]:
    words = wording(draft.lang.code)
    text = paragraph.plain
    if not has_digit(text):  # every number has a digit
        return []
    council = [f"{m.group('number')} ({m.group('year')})" for m in words.council(text)]
    return [m.group() for m in words.ga_numbers(text)] + council


def dates(draft: Draft, paragraph: Paragraph) -> list[str]:
    if not has_digit(paragraph.plain):  # a date has its year
        return []
    return [spoken(found) for found in wording(draft.lang.code).dates(paragraph.plain) if found]


def symbols(draft: Draft, paragraph: Paragraph) -> list[str]:
    found = [symbol for symbol, _, _ in find_symbols(paragraph.plain)]
    headings = draft.of_kind("heading")  # none in a damaged Word file (found by the fuzz test)
    if headings and paragraph is headings[0] and draft.document.preface.symbol:
        found.append(draft.document.preface.symbol)  # the symbol, once for the header
    return found


def figures(draft: Draft, paragraph: Paragraph) -> list[str]:
    """Numbers that are not part of a date, a citation or a symbol: years, counts, ordinals."""
    if not has_digit(paragraph.plain):  # most paragraphs of prose: no figure to find
        return []
    words = wording(draft.lang.code)
    text, plain = list(paragraph.block.text()), paragraph.plain  # same length, same positions
    spans = [(start, end) for _, start, end in find_symbols(plain)]
    for found in (words.dates_in(plain), words.ga_numbers(plain), words.council(plain)):
        spans += [match.span() for match in found]
    for start, end in spans:
        text[start:end] = " " * (end - start)
    grouped, separator = _grouping(draft.lang.code)
    return [separator.sub("", found) if separator else found
            for found in grouped.findall("".join(text))]


@cache
def _grouping(code: str) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """A figure, its digits perhaps grouped ("1,000", « 1 000 »), and what groups them."""
    separators = wording(code).data.thousands_separators
    if not separators:
        return compiled(r"\d+"), None
    return (compiled(rf"\d+(?:[{re.escape(separators)}]\d{{3}})*(?!\d)"),
            compiled(f"[{re.escape(separators)}]"))


def _openers(english: Draft, french: Draft) -> Iterator[Issue]:
    for left, right in pairs(english, french):
        if left.kind not in ("preamble", "operative"):
            continue
        section: Section = "preamble" if left.kind == "preamble" else "operative"
        mine = wording(english.lang.code).opener(left.plain, section)
        theirs = wording(french.lang.code).opener(right.plain, section)
        if mine and theirs and not mine[1] & theirs[1]:
            expected = " / ".join(sorted({french.lang.phrase(section, key) for key in mine[1]}))
            yield Issue(left.where, f"“{mine[0]}” is rendered in French as “{theirs[0]}”.",
                        f"The lexicon renders “{mine[0]}” as “{expected}”: check that both "
                        "versions say the same thing.")


def _original(english: Draft, french: Draft) -> Iterator[Issue]:
    """Both versions name the same original language ("Original: English" / "Original :
    anglais"), when both print the line."""
    mine, theirs = _original_of(english), _original_of(french)
    if mine and theirs and mine != theirs:
        names = [english.lang.language_names[code] for code in (mine, theirs)]
        line = english.document.preface.original
        yield Issue(english.where(line).at(plain(line).strip() if line else ""),
                    f"The English version gives the original as {names[0]}, the French version "
                    f"as {names[1]}.",
                    "A draft has one original language, the one it was submitted in: correct "
                    "the “Original:” line of the version that is wrong.")


def _original_of(draft: Draft) -> str | None:
    line = draft.document.preface.original
    if line is None:
        return None  # a source's Documents: no reader to import (25 M instructions)
    from drafter.readers.structure import header_values

    name = header_values(line, "original", draft.lang.code).get("original", "")
    return draft.lang.language_named(name)


def _sponsors(english: Draft, french: Draft) -> Iterator[Issue]:
    """Both versions list as many sponsors, when both have the line."""
    counts = [_sponsor_count(draft) for draft in (english, french)]
    if counts[0] and counts[1] and counts[0] != counts[1]:
        line = english.document.preface.sponsors
        yield Issue(english.where(line).at(plain(line).strip() if line else ""),
                    f"The English version lists {counts[0]} sponsors, the French version "
                    f"{counts[1]}.",
                    "Both versions list the same sponsors: add the one missing (`drafter "
                    "sponsors` lists a source's, in both languages).")


def _sponsor_count(draft: Draft) -> int:
    line = draft.document.preface.sponsors
    if line is None:
        return 0
    from drafter.readers.structure import header_values

    names = header_values(line, "sponsors", draft.lang.code).get("sponsors", "")
    if not names:
        return 0
    style = draft.lang.list_style
    head, _, _ = names.rpartition(style.last)
    return len(head.split(style.separator.strip())) + 1 if head else 1


RULES = [
    Rule("B701", "error", "Both versions have the same number of preambular paragraphs.",
         "The English and French versions are the same resolution: paragraph for paragraph.",
         "17 preambular paragraphs in English, 16 in French",
         "17 preambular paragraphs in each version",
         "DESIGN.md, Checking drafts", pair=_count("preamble")),
    Rule("B702", "error", "Both versions have the same operative paragraphs and sub-paragraphs.",
         "Operative paragraphs, and the sub-paragraphs of each, correspond one to one.",
         "9 operative paragraphs in English, 8 in French",
         "9 operative paragraphs in each version",
         "DESIGN.md, Checking drafts", pair=_count("operative")),
    Rule("B703", "error", "Both versions have the same number of footnotes.",
         "Footnotes correspond one to one between the versions.",
         "7 footnotes in English, 6 in French", "7 footnotes in each version",
         "DESIGN.md, Checking drafts", pair=_count("footnote")),
    Rule("B704", "error", "Paired paragraphs cite the same resolutions.",
         "Each paragraph cites the same General Assembly and Security Council resolutions in "
         "both versions.",
         "its resolution 67/6 …   /   sa résolution 67/7 …",
         "its resolution 67/6 …   /   sa résolution 67/6 …",
         "DESIGN.md, Checking drafts",
         pair=_compare("the resolutions they cite", resolution_numbers,
                       "Check the resolution numbers against the original.")),
    Rule("B705", "error", "Paired paragraphs give the same dates.",
         "Dates are compared as calendar dates, read with each language's month names.",
         "of 2 March 2010   /   du 3 mars 2010", "of 2 March 2010   /   du 2 mars 2010",
         "DESIGN.md, Checking drafts",
         pair=_compare("their dates", dates, "Check the dates against the original.")),
    Rule("B706", "error", "Paired paragraphs cite the same document symbols.",
         "Document symbols are the same in every language.",
         "A/77/277   /   A/77/278", "A/77/277   /   A/77/277",
         "DESIGN.md, Checking drafts",
         pair=_compare("the document symbols they cite", symbols,
                       "Symbols do not change with the language: copy the right one.")),
    Rule("B707", "warning", "Paired paragraphs give the same figures.",
         "Numbers other than dates, resolution numbers and symbols (years, periods, counts, "
         "supplement numbers) are the same in both versions.",
         "for the period 2009–2019   /   pour la période 2009-2020",
         "for the period 2009–2019   /   pour la période 2009-2019",
         "DESIGN.md, Checking drafts",
         pair=_compare("their figures", figures, "Check the figures against the original.")),
    Rule("B708", "warning", "Opening phrases and verbs correspond between the versions.",
         "The English phrase and the French phrase that open paired paragraphs are each "
         "other's equivalents in the lexicon (`drafter phrases`).",
         "Requests …   /   Invite …", "Requests …   /   Prie …",
         "editorial-rules.md, Phrase equivalents [U]", unverified=True, pair=_openers),
    Rule("B709", "error", "Both versions name the same original language.",
         "A draft is submitted in one language, which every version names under its date: "
         "“Original: English” in English is “Original : anglais” in French.",
         "Original: English   /   Original : français",
         "Original: English   /   Original : anglais",
         "editorial-rules.md 15 [V] (drafts are submitted in one language)", pair=_original),
    Rule("B710", "error", "Both versions list the same number of sponsors.",
         "The sponsors line names the same States in every language, each in that language.",
         "Armenia, Belarus and Kazakhstan   /   Arménie et Bélarus",
         "Armenia, Belarus and Kazakhstan   /   Arménie, Bélarus et Kazakhstan",
         "DESIGN.md, Checking drafts", pair=_sponsors),
]
