"""Typography rules (T8xx): French spacing and ordinals, official forms of names and titles."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from drafter.document import FootnoteRef
from drafter.findings import Issue
from drafter.language import language
from drafter.organizations import registry
from drafter.rules import Rule
from drafter.rules.draft import MARK, Draft, Paragraph
from drafter.rules.wording import wording

_SPACES = " \u00a0\u202f"
#: A mark used as punctuation is followed by a space, the end, or a closing sign.
_AS_PUNCTUATION = r"(?=[\s»)\]]|$)"


def _spaces(draft: Draft) -> Iterator[tuple[Paragraph, str, str]]:
    """Each place where the language wants a no-break space: (paragraph, mark, space found).

    The space found is "" when there is none.
    """
    places = _places(draft.lang.code)
    if places is None:
        return
    for paragraph in draft.paragraphs:
        text = paragraph.marked
        for match in places.finditer(text):
            if match.group("before"):
                space = text[match.start() - 1]
                yield paragraph, match.group("before"), space if space in _SPACES else ""
            else:
                space = text[match.end()]
                yield paragraph, match.group("after"), space if space in _SPACES else ""


@cache
def _places(code: str) -> re.Pattern[str] | None:
    """Where the language's typography wants a space: a mark preceded or followed by one."""
    typography = language(code).typography
    if typography is None:
        return None
    before = "|".join(f"{re.escape(mark)}{_AS_PUNCTUATION if mark != '»' else ''}"
                      for mark in typography.before)
    after = "|".join(f"{re.escape(mark)}(?=.)" for mark in typography.after)
    return re.compile(f"(?<=.)(?P<before>{before})|(?P<after>{after})", re.DOTALL)


def _missing(draft: Draft) -> Iterator[Issue]:
    for paragraph, mark, space in _spaces(draft):
        if not space:
            yield Issue(paragraph.where, f"There is no space {_side(mark)} “{mark}”.",
                        _HINT)


def _breaking(draft: Draft) -> Iterator[Issue]:
    if draft.origin == "text":
        return  # plain text, often extracted from PDF, does not keep no-break spaces
    for paragraph, mark, space in _spaces(draft):
        if space == " ":
            yield Issue(paragraph.where, f"The space {_side(mark)} “{mark}” is an ordinary space, "
                        "which can break the line there.", _HINT)


def _side(mark: str) -> str:
    return "after" if mark == "«" else "before"


_HINT = ("Use a no-break space (U+00A0, or the narrow U+202F) before ; : ! ? and » and after «; "
         "drafter render puts them in for you.")


def _ordinals(draft: Draft) -> Iterator[Issue]:
    suffixes = sorted(wording(draft.lang.code).data.superscript_ordinals, key=len, reverse=True)
    if not suffixes:
        return
    pattern = re.compile(rf"(?<![\w/.-])\d+({'|'.join(map(re.escape, suffixes))})(?!\w)")
    for paragraph in draft.paragraphs:
        text, raised = _superscripts(paragraph)
        for match in pattern.finditer(text):
            start, end = match.span(1)
            if not all(raised[start:end]):
                yield Issue(paragraph.where, f"The ordinal “{match.group()}” is not set as a "
                            "superscript.",
                            f"Raise “{match.group(1)}” as a superscript: 39ᵉ séance, 1ᵉʳ août.")


def _superscripts(paragraph: Paragraph) -> tuple[str, list[bool]]:
    """The paragraph's text and, character by character, whether it is raised."""
    text: list[str] = []
    raised: list[bool] = []
    for item in paragraph.block.inlines:
        if isinstance(item, FootnoteRef):
            text.append(MARK)
            raised.append(False)
        else:
            text.append(item.text)
            raised += [item.superscript] * len(item.text)
    return "".join(text), raised


@dataclass(frozen=True)
class WrongForm:
    """A form that is wrong wherever it occurs, except before the name of an organization whose
    head bears that very title (“Secretary General of the Council of Europe”)."""

    pattern: re.Pattern[str]
    right: str  # a template of re.Match.expand: "\\g<before>Secrétaire génér\\g<end>"
    unless_before: tuple[str, ...] = ()  # " of the Council of Europe", …
    unless_after: tuple[str, ...] = ()  # "OSCE ", "its ", …

    def find(self, text: str) -> Iterator[tuple[str, str]]:
        """Each wrong form in the text, with what to write instead."""
        for match in self.pattern.finditer(text):
            if text.startswith(self.unless_before, match.end()) or \
                    text[:match.start()].endswith(self.unless_after):
                continue
            yield match.group(), match.expand(self.right)


@cache
def wrong_forms(code: str) -> tuple[WrongForm, ...]:
    """The forms that are wrong wherever they occur, with the right one.

    Besides the language data, a head of organization whose registered title is hyphenated
    ("Secretary-General") is wrong without the hyphen before that organization's name.
    """
    names = [organization.forms(code) for organization in registry().values()]
    forms = []
    for form in wording(code).data.wrong_forms:
        pattern = re.compile(form.wrong)
        titled = [name for name in names if pattern.fullmatch(name.head)]
        forms.append(WrongForm(pattern, form.right,
                               tuple(" " + name.of for name in titled),
                               (*form.unless_after, *(name.acronym + " " for name in titled))))
    for name in names:
        if "-" in name.head:
            wrong = re.escape(name.head.replace("-", " ")) + "(?= " + re.escape(name.of) + ")"
            forms.append(WrongForm(re.compile(wrong), name.head.replace("\\", "\\\\")))
    return tuple(forms)


def _names(draft: Draft) -> Iterator[Issue]:
    forms = wrong_forms(draft.lang.code)
    for paragraph in draft.paragraphs:
        seen: set[str] = set()
        for form in forms:
            for wrong, right in form.find(paragraph.plain):
                if wrong in seen:
                    continue  # one finding for one mistake, whichever form matched it
                seen.add(wrong)
                yield Issue(paragraph.where.at(wrong), f"“{wrong}” is not the official form.",
                            f"Write “{right}”.")


RULES = [
    Rule("T801", "warning", "French puts a space before ; : ! ? » and after «.",
         "French text has a space before the semicolon, colon, exclamation and question marks and "
         "the closing guillemet, and after the opening guillemet.",
         "collective; … «opération Kanal»", "collective ; … « opération Kanal »",
         "editorial-rules.md 19 [U]; DESIGN.md, French typography", unverified=True,
         document=_missing),
    Rule("T802", "warning", "That space is a no-break space.",
         "The space before ; : ! ? » and after « is a no-break space (U+00A0 or the narrow "
         "U+202F), so that the mark never starts a line. Plain-text files are not checked, since "
         "they seldom keep no-break spaces.",
         "collective ; (ordinary space)", "collective ; (no-break space)",
         "editorial-rules.md 19 [U]", unverified=True, document=_breaking),
    Rule("T803", "warning", "French ordinals are set as superscripts: 39ᵉ, 1ᵉʳ.",
         "The suffix of a French numeric ordinal is raised: « 39ᵉ séance plénière », "
         "« 1ᵉʳ août ». In plain text, ^e and ^{er} mark a superscript.",
         "39e séance plénière", "39ᵉ séance plénière",
         "editorial-rules.md 18 [O] and 19 [U]", unverified=True, document=_ordinals),
    Rule("T804", "error", "Names and titles take their official form.",
         "« Organisation des Nations Unies » has no hyphen and « Secrétaire général » a lower-case "
         "g; in English, the Secretary-General of the United Nations, and the head of an "
         "organization whose title is hyphenated, keep the hyphen.",
         "Nations-Unies ; Secrétaire Général ; Secretary General of the United Nations",
         "Nations Unies ; Secrétaire général ; Secretary-General of the United Nations",
         "editorial-rules.md 18 [O]", document=_names),
]
