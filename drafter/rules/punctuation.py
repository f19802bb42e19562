"""Punctuation rules (P3xx): how each paragraph ends, where footnote marks stand, spacing around
punctuation, and pairs of brackets and quotation marks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from msgspec import Struct

from drafter.findings import Issue
from drafter.language import language
from drafter.regexes import compiled
from drafter.rules import DocumentCheck, Rule
from drafter.rules.draft import MARK, Draft, Paragraph
from drafter.rules.structure import has_words, in_place
from drafter.rules.wording import shortened, wording

_PUNCTUATION = ",;:."
_NAMES = {",": "a comma", ";": "a semicolon", ":": "a colon", ".": "a full stop",
          "!": "an exclamation mark", "?": "a question mark", "(": "an opening parenthesis",
          ")": "a closing parenthesis", "[": "an opening bracket", "]": "a closing bracket"}


def ending(paragraph: Paragraph) -> str:
    """The last character, footnote marks and spaces aside."""
    text = paragraph.marked.replace(MARK, "").rstrip()
    return text[-1:] if text else ""


def _expected(paragraph: Paragraph) -> str:
    if paragraph.kind == "preamble":
        return ","
    if paragraph.has_points:
        return ":"
    return "." if paragraph.closes_part else ";"


def _describe(mark: str) -> str:
    return _NAMES.get(mark, f"“{mark}”")


def _endings(final: bool | None) -> DocumentCheck:
    """Endings of the preamble (final None), or of the operative part but its end, or its end."""
    def check(draft: Draft) -> Iterator[Issue]:
        kinds = ("operative", "point") if final is not None else ("preamble",)
        for paragraph in in_place(draft, *kinds):
            if not has_words(paragraph.plain):
                continue
            if final is not None and paragraph.closes_part != final:
                continue
            expected, found = _expected(paragraph), ending(paragraph)
            if found != expected:
                yield Issue(paragraph.where.at(_last_words(paragraph)),
                            f"This paragraph ends with {_describe(found)} instead of "
                            f"{_describe(expected)}.", _hint(paragraph, expected))
    return check


def _last_words(paragraph: Paragraph) -> str:
    """The end of a paragraph, where its punctuation is, as the reader sees it."""
    text = paragraph.marked.replace(MARK, "").rstrip()
    return "…" + text[-30:].split(" ", 1)[-1] if len(text) > 30 else text


def _hint(paragraph: Paragraph, expected: str) -> str:
    if paragraph.kind == "preamble":
        return "End every preambular paragraph with a comma."
    if expected == ":":
        return "A paragraph introducing sub-paragraphs ends with a colon."
    if expected == ".":
        return "The last operative paragraph (or its last sub-paragraph) ends with a full stop."
    return "Operative paragraphs and sub-paragraphs end with a semicolon, except the very last."


def _marks(draft: Draft) -> Iterator[Issue]:
    after = draft.lang.footnote_mark == "after_punctuation"
    pattern = compiled(f"{MARK}[{_PUNCTUATION}]" if after else f"[{_PUNCTUATION}]{MARK}")
    for paragraph in draft.of_kind("preamble", "operative", "point"):
        found = pattern.search(paragraph.marked)
        if found is None:
            continue
        mark = found.group().replace(MARK, "")
        if after:
            message = f"A footnote mark stands before {_describe(mark)}."
            hint = f"In English the footnote mark follows the punctuation: “organizations{mark}¹”."
        else:
            message = f"A footnote mark stands after {_describe(mark)}."
            hint = f"In French the footnote mark comes before the punctuation: « autres¹{mark} »."
        start = max(0, found.start() - 20)
        quoted = paragraph.marked[start:found.end()].replace(MARK, "¹").split(" ", 1)[-1]
        yield Issue(paragraph.where.at(quoted), message, hint)


def _footnote_sentences(draft: Draft) -> Iterator[Issue]:
    for note in draft.of_kind("footnote"):
        text = note.plain.strip()
        if not has_words(text):
            continue  # an empty footnote is reported by F503
        if text[-1] != ".":
            yield Issue(note.where.at(shortened(text[-30:])),
                        f"Footnote {note.num} does not end with a full stop.",
                        "A footnote is a sentence: end it with a full stop, as in "
                        "“A/77/277-S/2022/606.” or “Resolution 60/288.”")
        first = next((char for char in text if char.isalpha()), "")
        if first.islower():
            yield Issue(note.where.at(shortened(text, 30)),
                        f"Footnote {note.num} starts with a small letter.",
                        "A footnote is a sentence: start it with a capital (“See …”, "
                        "“Resolution …”) or with the symbol it cites.")


class _Slip(Struct, frozen=True):
    """A spacing mistake: where it is, what it is and what to do (``{mark}`` names the mark)."""

    pattern: re.Pattern[str]
    what: str
    hint: str
    #: Texts of which every match holds one: a paragraph with none is not searched (``in`` skips
    #: ahead, where most of these patterns are tried at every character). Empty: always search,
    #: as for a pattern that opens with its marks (sre skips ahead to them) or whose texts most
    #: paragraphs hold.
    needs: tuple[str, ...] = ()
    #: Characters on each side of the match that the slip's words take in: a pattern that
    #: opens with its mark and looks around it is searched skipping ahead to the mark.
    widen: int = 0


#: Marks written right after the word in every language, unless its typography puts a space
#: before them (French ; : ! ?, whose no-break space T801 and T802 check).
_TIGHT = ",.;:!?"
#: Brackets, which no language spaces inside; the quotation marks a language spaces inside are
#: its typography's (French « »), its other ones are written tight as well.
_OPENING, _CLOSING = "([", ")]"
#: A footnote mark in the text the slips are looked for in: no word and no space (a "¹" would be
#: a word character to the patterns), shown as "¹" in the words quoted.
_FOOTNOTE = "†"
#: Words quoted on each side of a slip.
_AROUND = 2


@cache
def _slips(code: str) -> tuple[_Slip, ...]:
    """The spacing mistakes looked for in one language, built from its typography and quotation
    marks, so that a space French wants is never one English forbids."""
    typography = language(code).typography
    before, after = (typography.before, typography.after) if typography else ({}, {})
    quotes = wording(code).data.quotes
    tight = "".join(mark for mark in _TIGHT if mark not in before)
    opening = _OPENING + "".join(mark for mark in (quotes.open, *quotes.nested[:1])
                                 if mark not in after)
    closing = _CLOSING + "".join(mark for mark in (quotes.close, *quotes.nested[1:])
                                 if mark not in before)
    return (
        _Slip(compiled(r"\S(?P<words>  +)\S"), "two spaces in a row",
              "Leave one space between words.", ("  ",)),
        _Slip(compiled(f"[\\w)\\]”’»{_FOOTNOTE}](?P<words> +(?P<mark>[{re.escape(tight)}]))(?!\\d)"),
              "a space before {mark}", "Put {mark} right after the word.",
              tuple(" " + mark for mark in tight)),
        # A letter, the mark, a letter; opened with a letter, the pattern stopped at every
        # letter (5.5 M instructions of a cold validate more than opened with the mark).
        _Slip(compiled(r"(?P<words>(?P<mark>[,;]))(?<=[^\W\d_][,;])(?=[^\W\d_])"),
              "no space after {mark}", "Put a space after {mark}.", widen=1),
        _Slip(compiled(f"(?P<words>(?P<mark>[{re.escape(opening)}]) +)(?=[\\w{_FOOTNOTE}])"),
              "a space after {mark}", "Write the words right after {mark}.",
              tuple(mark + " " for mark in opening)),
        _Slip(compiled(f"(?<=[\\w.{_FOOTNOTE}])(?P<words> +(?P<mark>[{re.escape(closing)}]))"),
              "a space before {mark}", "Put {mark} right after the words.",
              tuple(" " + mark for mark in closing)),
        _Slip(compiled(r"(?P<words>,[,;.:]|;[,;.:]|\.[,;]|:[,;.:])"), "punctuation marks doubled",
              "Keep one punctuation mark."),
        _Slip(_DOUBLED, "a word written twice", "Delete the second one."),
    )


#: Only the short words that prose cannot do without are never written twice on purpose.
_DOUBLED = compiled(r"(?i)(?<![\w'’-])(?P<words>(?P<word>[^\W\d_]+) (?P=word))(?![\w'’-])")


def _spacing(draft: Draft) -> Iterator[Issue]:
    for paragraph in draft.of_kind("preamble", "operative", "point", "footnote", "formula"):
        # A no-break space is a space to the eye: beside an ordinary one it makes two.
        text = paragraph.marked.replace(MARK, _FOOTNOTE).replace("\u00a0", " ").replace("\u202f", " ")
        for slip in _slips(draft.lang.code):
            if slip.needs and not any(need in text for need in slip.needs):
                continue
            found = slip.pattern.search(text)
            if found and slip.pattern is _DOUBLED:
                found = next((match for match in slip.pattern.finditer(text)
                              if match.group("word").lower() in _stop_words()), None)
            if found:
                mark = _describe(found.group("mark")) if "mark" in slip.pattern.groupindex else ""
                quoted = _around(text, found.start("words") - slip.widen,
                                 found.end("words") + slip.widen).replace(_FOOTNOTE, "¹")
                yield Issue(paragraph.where.at(quoted), f"This paragraph has "
                            f"{slip.what.format(mark=mark)}: “{quoted}”.", slip.hint.format(mark=mark))
    for deviation in draft.document.deviations:
        if deviation.kind == "typed_spaces":  # two spaces that the Word file's reader collapsed
            yield Issue(draft.where(deviation.block).at(deviation.found),
                        f"This paragraph has two spaces in a row: “{deviation.found}”.",
                        "Leave one space between words.")


def _around(text: str, start: int, end: int) -> str:
    """The text from ``start`` to ``end`` with the whole words around it, as written."""
    # Split at spaces, the last piece before and the first after are the rest of a word that
    # the slip cuts into (or empty, where it starts or ends at a space).
    head = " ".join(text[:start].split(" ")[-_AROUND - 1:])
    tail = " ".join(text[end:].split(" ")[:_AROUND + 1])
    return (head + text[start:end] + tail).strip()


#: Marks that open and close: each opening one is closed in the same paragraph.
_PAIRS = {"(": ")", "[": "]", "“": "”", "«": "»"}
#: French refers to sub-paragraphs by their label alone: « l'alinéa b) », « 3 b) ».
_LABEL = compiled(r"(?<![\w(])[a-z]{1,4}\)")
_PAIR_MARKS = frozenset([*_PAIRS, *_PAIRS.values()])
#: Each pair's two marks, found by the engine: the paragraphs that hold one, counted character by
#: character in Python, cost a cold validate 4.8 M instructions more.
_PAIR_PATTERNS = {opening: compiled(f"[{re.escape(opening + closing)}]")
                  for opening, closing in _PAIRS.items()}


def _pairs(draft: Draft) -> Iterator[Issue]:
    for paragraph in draft.paragraphs:
        if _PAIR_MARKS.isdisjoint(paragraph.plain):  # most paragraphs: nothing to count
            continue
        text = _LABEL.sub("", paragraph.plain)
        for opening, closing in _PAIRS.items():
            if opening not in text and closing not in text:
                continue
            depth = 0
            for char in _PAIR_PATTERNS[opening].findall(text):
                depth += 1 if char == opening else -1
                if depth < 0:
                    break
            if depth:
                yield Issue(paragraph.where.at(opening if depth > 0 else closing),
                            f"This paragraph has {'an' if opening in '([' else 'a'} “{opening}” "
                            f"without its “{closing}”." if depth > 0 else
                            f"This paragraph has a “{closing}” without its “{opening}”.",
                            f"Close each “{opening}” with “{closing}” in the same paragraph.")


def _stop_words() -> frozenset[str]:
    from drafter.language import LANGUAGES
    from drafter.rules.languages import stop_words

    return frozenset().union(*(stop_words(code) for code in LANGUAGES))


RULES = [
    Rule("P301", "error", "A preambular paragraph ends with a comma.",
         "Every preambular paragraph, the last one included, ends with a comma (footnote marks "
         "aside).",
         "Recalling its resolution 75/276 of 28 April 2021;",
         "Recalling its resolution 75/276 of 28 April 2021,",
         "editorial-rules.md 3 [V]", document=_endings(None)),
    Rule("P302", "error", "Operative paragraphs and sub-paragraphs end with a semicolon.",
         "Every operative paragraph and sub-paragraph ends with a semicolon, except the very last "
         "one; a paragraph that introduces sub-paragraphs ends with a colon.",
         "3. Invites the specialized agencies … of mutual interest.",
         "3. Invites the specialized agencies … of mutual interest;",
         "editorial-rules.md 5 [O]", document=_endings(False)),
    Rule("P303", "error", "The last operative paragraph ends with a full stop.",
         "The operative part, and with it the resolution, ends with a full stop (after the last "
         "sub-paragraph when the last paragraph is divided).",
         "9. Decides to include … Organization”;", "9. Decides to include … Organization”.",
         "editorial-rules.md 5 [O]", document=_endings(True)),
    Rule("P304", "error", "Footnote marks stand where the language puts them.",
         "English puts a footnote mark after a comma or semicolon (“organizations,¹”); French "
         "puts it before (« autres¹, »).",
         "organizations¹,   /   autres,¹", "organizations,¹   /   autres¹,",
         "editorial-rules.md 12 [O]; A-RES-77-13.fr.txt", document=_marks),
    Rule("P305", "error", "A footnote is a sentence: a capital first, a full stop last.",
         "Footnotes start with a capital letter or the symbol they cite, and end with a full stop.",
         "⁵ resolution 60/288", "⁵ Resolution 60/288.",
         "A-RES-77-13.fr.txt; editorial-rules.md 12 [O]", document=_footnote_sentences),
    Rule("P306", "error", "Words and punctuation are spaced as written: nothing doubled.",
         "One space between words (in a Word file too, where two typed spaces look like one); "
         "no space before a comma or a full stop, nor in English before ; : ! ?; a space after a "
         "comma or a semicolon; no space inside brackets, nor inside English quotation marks; "
         "one punctuation mark at a time; no word written twice. (The French spaces before "
         "; : ! ? » and after « are T801's and T802's.)",
         "within its competence ,, and  ( A/77/L.13 )", "within its competence, and (A/77/L.13)",
         "A-RES-77-13.fr.txt", document=_spacing),
    Rule("P307", "error", "Brackets and quotation marks come in pairs.",
         "Every opening parenthesis, square bracket and quotation mark is closed in the same "
         "paragraph.",
         "(A/77/L.13", "(A/77/L.13)", "A-RES-77-13.fr.txt", document=_pairs),
]
