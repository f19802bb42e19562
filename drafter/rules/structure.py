"""Structure rules (S1xx): formula, order of the parts, numbering, lettering, empty paragraphs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.findings import Issue, Where
from drafter.language import Section
from drafter.placeholders import AGENDA_ITEM, PROSE, is_placeholder_symbol
from drafter.rules import Rule
from drafter.rules.draft import Draft, Kind, Paragraph, excerpt, plain
from drafter.rules.wording import find_symbols, normalize, shortened, whole, wording

_NUMBER = re.compile(r"^\s*(\d+)\.?\s*$")


def has_words(text: str) -> bool:
    """Whether a paragraph says anything (an empty one is reported once, by S107)."""
    return any(char.isalnum() for char in text)


def misplaced(draft: Draft, paragraph: Paragraph) -> bool:
    """Whether a paragraph opens like one of the other part (reported once, by S102)."""
    if paragraph.kind not in ("preamble", "operative"):
        return False
    words = wording(draft.lang.code)
    own: Section = "operative" if paragraph.kind == "operative" else "preamble"
    other: Section = "operative" if own == "preamble" else "preamble"
    return bool(words.opener(paragraph.plain, other) and not words.opener(paragraph.plain, own))


def in_place(draft: Draft, *kinds: Kind) -> list[Paragraph]:
    """The paragraphs of these kinds that are not misplaced."""
    return [paragraph for paragraph in draft.of_kind(*kinds) if not misplaced(draft, paragraph)]


def _formula(draft: Draft) -> Iterator[Issue]:
    expected = wording(draft.lang.code).data.formula
    found = " ".join(normalize(draft.document.formula.text()).split())
    if found == expected:
        return
    paragraph = draft.of_kind("formula")[0]
    if not found:
        yield Issue(paragraph.where, f"The enacting formula “{expected}” is missing.",
                    f"Put “{expected}” on its own line between the title and the preamble.")
    else:
        yield Issue(paragraph.where, f"The enacting formula reads “{found}” instead of “{expected}”.",
                    f"Write it exactly “{expected}”, with the comma.")


def _order(draft: Draft) -> Iterator[Issue]:
    words = wording(draft.lang.code)
    for paragraph in draft.of_kind("preamble", "operative"):
        if not misplaced(draft, paragraph):
            continue
        if paragraph.kind == "preamble":
            verb = words.opener(paragraph.plain, "operative") or ("",)
            yield Issue(paragraph.where,
                        f"This paragraph of the preamble opens with the operative verb “{verb[0]}”.",
                        "Move it to the operative part, after the preamble, and number it; or "
                        f"open it with a participle such as “{draft.lang.phrase('preamble', 'recalling')}”.")
        else:
            opener = words.opener(paragraph.plain, "preamble") or ("",)
            yield Issue(paragraph.where,
                        f"This operative paragraph opens with the preambular phrase “{opener[0]}”.",
                        "Move it to the preamble, before the first operative paragraph; or open "
                        "it with an operative verb.")


def _operative_present(draft: Draft) -> Iterator[Issue]:
    if not draft.document.operative:
        verb = draft.lang.phrase("operative", "requests")
        yield Issue(draft.everywhere, "The draft has no operative paragraph.",
                    "A resolution needs at least one operative paragraph, opening with a verb "
                    f"such as “{verb}” after the preamble.")


def _numbering(draft: Draft) -> Iterator[Issue]:
    """Each paragraph follows the one before it, or stands where its rank puts it.

    A paragraph inserted or deleted without renumbering shifts every number after it: comparing
    with the previous number as well as with the rank reports that once, where it happens.
    """
    operative = in_place(draft, "operative")
    if len(operative) < 2:
        return
    previous = 0
    for rank, paragraph in enumerate(operative, start=1):
        found = _NUMBER.match(paragraph.num or "")
        number = whole(found.group(1)) if found else None
        if number is not None and number in (previous + 1, rank):
            previous = number
            continue
        expected = previous + 1
        shown = f"numbered “{shortened(paragraph.num.strip())}”" if paragraph.num else "not numbered"
        yield Issue(paragraph.where, f"This operative paragraph is {shown}; it should be {expected}.",
                    "Number the operative paragraphs 1, 2, 3 … in order, without gaps; a "
                    "paragraph added or removed changes the numbers of those after it.")
        if number is not None:
            previous = number


def _single(draft: Draft) -> Iterator[Issue]:
    operative = in_place(draft, "operative")
    if len(operative) == 1 and operative[0].num:
        yield Issue(operative[0].where, "The only operative paragraph is numbered.",
                    f"Remove the number “{operative[0].num.strip()}”: a single operative "
                    "paragraph is not numbered.")


def _lettering(draft: Draft) -> Iterator[Issue]:
    for paragraph in draft.of_kind("point"):
        expected = draft.lang.subparagraph_label(paragraph.depth, paragraph.index)
        if (paragraph.num or "").strip() != expected:
            yield Issue(paragraph.where,
                        f"This sub-paragraph is labelled “{(paragraph.num or '').strip()}” where "
                        f"“{expected}” is expected.",
                        _lettering_hint(draft))


def _lettering_hint(draft: Draft) -> str:
    lang = draft.lang
    first = ", ".join(lang.subparagraph_label(0, index) for index in range(3))
    second = ", ".join(lang.subparagraph_label(1, index) for index in range(3))
    return f"Letter sub-paragraphs {first} … and their divisions {second} …, in order."


def _empty(draft: Draft) -> Iterator[Issue]:
    words = wording(draft.lang.code)
    for paragraph in draft.of_kind("preamble", "operative", "point"):
        text = paragraph.plain
        if PROSE in text:
            continue  # a placeholder paragraph is reported once, by S108
        if not has_words(text):
            yield Issue(paragraph.where, "This paragraph is empty.",
                        "Write its text or delete the paragraph.")
            continue
        if paragraph.kind == "point":
            continue
        section: Section = "operative" if paragraph.kind == "operative" else "preamble"
        opener = words.opener(text, section)
        if opener and not has_words(text.lstrip()[len(opener[0]):]):
            yield Issue(paragraph.where, f"This paragraph says nothing after “{opener[0]}”.",
                        "Complete the paragraph or delete it.")


def _placeholders(draft: Draft) -> Iterator[Issue]:
    preface = draft.document.preface
    heading = Where("the heading", 0, excerpt(preface.heading))
    if is_placeholder_symbol(preface.symbol):
        yield _placeholder(heading, preface.symbol)
    if re.search(rf"\b{AGENDA_ITEM.number}\b", plain(preface.agenda_item)):
        yield _placeholder(heading, plain(preface.agenda_item).strip())
    for paragraph in draft.paragraphs:
        if PROSE in paragraph.plain:
            yield _placeholder(paragraph.where, PROSE)
        for symbol, _, _ in find_symbols(paragraph.plain):
            if is_placeholder_symbol(symbol) and (paragraph.kind != "heading" or symbol != preface.symbol):
                yield _placeholder(paragraph.where, symbol)


def _placeholder(where: Where, text: str) -> Issue:
    return Issue(where, f"“{text}” is a placeholder left to fill in.",
                 "Replace it with the real text, symbol or number before the draft is submitted.")


RULES = [
    Rule("S101", "error", "The enacting formula “The General Assembly,” opens the resolution.",
         "After the title comes the name of the organ as the enacting formula, on its own line; "
         "the preamble and the operative part depend on it.",
         "General Assembly", "The General Assembly,",
         "editorial-rules.md 1 and 6 [V]", document=_formula),
    Rule("S102", "error", "The preamble comes before the operative part.",
         "Preambular paragraphs open with a participle or an adjective and come first; operative "
         "paragraphs open with a verb and follow. A paragraph of one kind among the other is "
         "misplaced.",
         "(in the preamble) Requests the Secretary-General …,",
         "(in the operative part) 8. Requests the Secretary-General …;",
         "editorial-rules.md 1 and 2 [V]", document=_order),
    Rule("S103", "error", "A resolution has at least one operative paragraph.",
         "The operative part carries the decisions; a text with a preamble alone is not a "
         "resolution.",
         "(a preamble and nothing after it)", "1. Requests the Secretary-General …;",
         "editorial-rules.md 1 [V]", document=_operative_present),
    Rule("S104", "error", "Operative paragraphs are numbered 1, 2, 3 … in order.",
         "Operative paragraphs are numbered with Arabic numerals from 1, without gaps or repeats.",
         "1. … 2. … 4. …", "1. … 2. … 3. …",
         "editorial-rules.md 4 [V]", document=_numbering),
    Rule("S105", "error", "A single operative paragraph is not numbered.",
         "When the operative part has only one paragraph, it carries no number.",
         "1. Decides to include …", "Decides to include …",
         "editorial-rules.md 4 [V]", document=_single),
    Rule("S106", "error", "Sub-paragraphs are lettered in sequence, in the language's style.",
         "First-level sub-paragraphs are (a), (b), (c) in English and a), b), c) in French; their "
         "divisions are (i), (ii) in English and i), ii) in French.",
         "(a) … (c) …   or, in French, (a) …", "(a) … (b) …   or, in French, a) … b) …",
         "editorial-rules.md 7 [V]", document=_lettering),
    Rule("S107", "error", "No paragraph is empty.",
         "An empty paragraph, or one with an opening phrase and nothing after it, is left over "
         "from editing.",
         "Recalling,", "Recalling its resolution 75/276 of 28 April 2021,",
         "editorial-rules.md 2 [V]", document=_empty),
    Rule("S108", "warning", "No placeholder is left to fill in.",
         "A follow-up draft leaves visible placeholders where only the drafter knows the answer: "
         "“[…]” in prose, symbols such as A/79/L.xx and A/79/xxx, agenda item 999 (xx).",
         "… report of the Secretary-General (A/79/xxx) …",
         "… report of the Secretary-General (A/79/302) …",
         "drafter.placeholders", document=_placeholders),
]
