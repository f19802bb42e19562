"""Structure rules (S1xx): formula, order of the parts, numbering, lettering, empty paragraphs."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.findings import Issue, Where
from drafter.language import Section
from drafter.placeholders import AGENDA_ITEM, MEETING, PROSE, is_placeholder_symbol
from drafter.regexes import compiled
from drafter.rules import Rule
from drafter.rules.draft import Draft, Kind, Paragraph, excerpt, plain
from drafter.rules.wording import find_symbols, normalize, shortened, whole, wording

_NUMBER = compiled(r"^\s*(\d+)\.?\s*$")


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
    formulas = draft.of_kind("formula")
    where = formulas[0].where if formulas else Where("the enacting formula", 1)
    if not found:
        yield Issue(where, f"The enacting formula “{expected}” is missing.",
                    f"Put “{expected}” on its own line between the title and the preamble.")
    else:
        yield Issue(where, f"The enacting formula reads “{found}” instead of “{expected}”.",
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


_AGENDA_ITEM = compiled(rf"\b{AGENDA_ITEM.number}\b")
_MEETING = compiled(rf"\s*{MEETING}\D")


def _placeholders(draft: Draft) -> Iterator[Issue]:
    preface = draft.document.preface
    heading = Where("the heading", 0, excerpt(preface.heading))
    if is_placeholder_symbol(preface.symbol):
        yield _placeholder(heading, preface.symbol)
    if _AGENDA_ITEM.search(plain(preface.agenda_item)):
        yield _placeholder(heading, plain(preface.agenda_item).strip())
    closing = draft.document.conclusions
    if closing is not None and _MEETING.match(plain(closing.meeting)):
        yield _placeholder(draft.where(closing.meeting), plain(closing.meeting).strip())
    for paragraph in draft.paragraphs:
        if PROSE in paragraph.plain:
            yield _placeholder(paragraph.where, PROSE)
        for symbol, _, _ in find_symbols(paragraph.plain):
            if is_placeholder_symbol(symbol) and (paragraph.kind != "heading" or symbol != preface.symbol):
                yield _placeholder(paragraph.where, symbol)


#: The header lines of the current layout, as a reader names them.
_HEADER_LINES = {
    "organ": "the organ (General Assembly)", "distribution": "the distribution line",
    "date": "the date", "session": "the session", "agenda_item": "the agenda item",
    "agenda_title": "the title of the agenda item", "heading": "the heading with the title",
}


def _header_missing(draft: Draft) -> Iterator[Issue]:
    preface = draft.document.preface
    missing = [name for line, name in _HEADER_LINES.items() if getattr(preface, line).absent]
    if not missing:
        return
    listed = ", ".join(missing[:-1]) + (" and " if len(missing) > 1 else "") + missing[-1]
    yield Issue(Where("the heading", 0), f"The header lacks {listed}.",
                "Complete the header as `drafter render` lays it out: organ and distribution, "
                "date, session, agenda item and its title, then the number and title of the "
                "resolution.")


def _deviations(kind: str, draft: Draft) -> list[tuple[Where, str]]:
    return [(draft.where(deviation.block), deviation.found)
            for deviation in draft.document.deviations if deviation.kind == kind]


def _header_order(draft: Draft) -> Iterator[Issue]:
    for where, line in _deviations("header_order", draft):
        yield Issue(where, f"This header line ({_HEADER_LINES.get(line, line.replace('_', ' '))}) "
                    "comes after lines that follow it in the current layout.",
                    "Order the header as `drafter render` does: organ, distribution, date, "
                    "session, agenda item, its title, the adoption line, then the heading.")


def _header_layout(draft: Draft) -> Iterator[Issue]:
    for where, found in _deviations("header_layout", draft):
        yield Issue(where, f"The adoption line “{found}” follows an older layout.",
                    "Since about 2008 the line reads “Resolution adopted by the General Assembly "
                    "on <date>”, with the meeting and date again after the last paragraph.")


def _header_unknown(draft: Draft) -> Iterator[Issue]:
    for where, found in _deviations("header_unknown", draft):
        yield Issue(where, f"The header has text drafter does not recognise: “{found}”.",
                    "Remove it, or write the header line it stands for as `drafter render` "
                    "writes it.")


def _preamble_present(draft: Draft) -> Iterator[Issue]:
    if not draft.document.preamble and draft.document.operative:
        opener = draft.lang.phrase("preamble", "recalling")
        yield Issue(draft.everywhere, "The draft has no preambular paragraph.",
                    "A resolution usually opens with preambular paragraphs (such as "
                    f"“{opener} …,”) between the enacting formula and the first operative one.")


def _line_breaks(draft: Draft) -> Iterator[Issue]:
    for where, found in _deviations("line_breaks", draft):
        yield Issue(where, f"Paragraphs are separated by single line breaks ({found} told apart "
                    "by how they open); drafter split them where a line ends a sentence and the "
                    "next opens like a paragraph.",
                    "Separate paragraphs with a blank line, as a text export of Word does, so "
                    "that nothing is split or joined by guesswork.")


def _cut_off(draft: Draft) -> Iterator[Issue]:
    for where, _ in _deviations("cut_off", draft):
        yield Issue(where, "This paragraph was broken in two: a line stops without punctuation "
                    "and the next goes on in lower case.",
                    "Remove the line break inside the paragraph (drafter read the two parts as "
                    "one).")


def _closing_present(draft: Draft) -> Iterator[Issue]:
    document = draft.document
    adoption = document.preface.adoption
    if adoption is None or adoption.absent:
        return
    if any(d.kind == "header_layout" and d.block is adoption for d in document.deviations):
        return  # the compilation form gives the meeting and date in the adoption line
    if document.conclusions is None or document.conclusions.date.absent:
        meeting = draft.lang.ordinal(39)
        yield Issue(draft.everywhere, "The adopted resolution does not end with its plenary "
                    "meeting and date.",
                    f"After the last operative paragraph, add the meeting (such as “{meeting} "
                    "plenary meeting”) and the date of adoption on the next line.")


def _placeholder(where: Where, text: str) -> Issue:
    return Issue(where.at(text), f"“{text}” is a placeholder left to fill in.",
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
    Rule("S109", "warning", "The header has every line of the current layout.",
         "Under the symbol come the organ and the distribution, the date, the session, the agenda "
         "item and its title, and the heading with the number and title of the resolution.",
         "(no agenda item, no title of the agenda item)",
         "Agenda item 127 (t) / Cooperation between the United Nations and regional …",
         "editorial-rules.md 13 [O]", document=_header_missing),
    Rule("S110", "warning", "The header lines come in the order of the current layout.",
         "Organ and distribution, date, session, agenda item, its title, the adoption line, the "
         "committee line, then the heading.",
         "Agenda item 127 (t) before Seventy-seventh session",
         "Seventy-seventh session, then Agenda item 127 (t)",
         "editorial-rules.md 13 [O]", document=_header_order),
    Rule("S111", "warning", "The adoption line follows the current layout.",
         "Older resolutions say “Resolution adopted by the General Assembly” without a date, or "
         "(in the compilations) “Adopted at the 44th plenary meeting, on 30 October 2000, …”; "
         "today the line gives the date and the closing lines give the meeting.",
         "Resolution adopted by the General Assembly",
         "Resolution adopted by the General Assembly on 21 November 2022",
         "editorial-rules.md 13 and 14 [O]", document=_header_layout),
    Rule("S112", "warning", "The header holds only the lines of a resolution's header.",
         "Text before the enacting formula that is no header line (a note, a stray line) is not "
         "part of the resolution.",
         "For consultation only / 77/13. Cooperation …", "77/13. Cooperation …",
         "DESIGN.md, Readers are tolerant", document=_header_unknown),
    Rule("S113", "warning", "A resolution has a preamble.",
         "Preambular paragraphs, between the enacting formula and the operative part, give the "
         "background; a resolution without them is unusual.",
         "The General Assembly, / 1. Requests …", "The General Assembly, / Recalling …, / 1. Requests …",
         "editorial-rules.md 1 [V] (preamble, if any)", document=_preamble_present),
    Rule("S114", "warning", "Paragraphs are separated by blank lines.",
         "Text extracted from a PDF often separates paragraphs by single line breaks only; "
         "drafter then tells paragraphs apart by how they open, which is a guess.",
         "…of the United Nations,⏎Recalling also …", "…of the United Nations,⏎⏎Recalling also …",
         "DESIGN.md, Readers are tolerant", document=_line_breaks),
    Rule("S115", "error", "No paragraph is broken in two.",
         "A line break in the middle of a sentence makes two paragraphs of one: the first stops "
         "without punctuation and the second goes on in lower case.",
         "…between the United Nations and⏎the Collective Security Treaty Organization,",
         "…between the United Nations and the Collective Security Treaty Organization,",
         "editorial-rules.md 2 [V]", document=_cut_off),
    Rule("S116", "error", "An adopted resolution ends with its plenary meeting and date.",
         "After the last operative paragraph come the plenary meeting at which it was adopted and "
         "the date.", "(the text ends with the last operative paragraph)",
         "39th plenary meeting / 21 November 2022",
         "editorial-rules.md 8 [V]", document=_closing_present),
]
