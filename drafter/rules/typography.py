"""Typography rules (T8xx): French spacing and ordinals, official forms of names and titles."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import cache

from msgspec import Struct

from drafter.document import FootnoteRef
from drafter.findings import Issue
from drafter.language import language
from drafter.organizations import registry
from drafter.regexes import compiled
from drafter.rules import Rule
from drafter.rules.draft import MARK, Draft, Paragraph
from drafter.rules.wording import has_digit, wording

_SPACES = " \u00a0\u202f"
#: A mark used as punctuation is followed by a space, the end, or a closing sign.
_AS_PUNCTUATION = r"(?=[\s»)\]]|$)"
# The patterns of numbers open with their first digit and look behind it from the next one: opened
# with the look-behind (or a \b), a pattern is tried at every character of a paragraph; opened
# with a digit, the engine skips ahead to the digits (5.5 M instructions of a cold validate).
#: No letter, digit, slash, point or hyphen before the digit just matched.
_NOT_AFTER = r"(?<![\w/.-]\d)"


def _spaces(draft: Draft) -> Iterator[tuple[Paragraph, str, str, str]]:
    """Each place where the language wants a no-break space: (paragraph, mark, space found,
    the words around it).

    The space found is "" when there is none.
    """
    places = _places(draft.lang.code)
    typography = draft.lang.typography
    if places is None or typography is None:
        return
    marks = (*typography.before, *typography.after)
    for paragraph in draft.paragraphs:
        text = paragraph.marked
        if not any(mark in text for mark in marks):  # each place is at a mark: ``in`` skips ahead
            continue
        for match in places.finditer(text):
            mark = match.group()
            if mark in typography.before and match.start() == 0:
                continue  # no space can precede it (one character: the next match is unchanged)
            around = text[max(0, match.start() - 12):match.end() + 12].replace(MARK, "")
            words = around.split(" ", 1)[-1] if match.start() > 12 else around
            if mark in typography.before:
                space = text[match.start() - 1]
                yield paragraph, mark, space if space in _SPACES else "", words
            else:
                space = text[match.end()]
                yield paragraph, mark, space if space in _SPACES else "", words


@cache
def _places(code: str) -> re.Pattern[str] | None:
    """Where the language's typography wants a space: a mark preceded or followed by one (each
    mark one character, wanting a space on one side only).

    Every alternative opens with its mark, so that the engine skips ahead to the marks; a mark
    that wants a space before it is skipped at the start of a text by ``_spaces``, not by a
    look-behind here, which made the engine try the pattern at every character (2.6 M
    instructions a cold validate)."""
    typography = language(code).typography
    if typography is None:
        return None
    before = [f"{re.escape(mark)}{_AS_PUNCTUATION if mark != '»' else ''}"
              for mark in typography.before]
    after = [f"{re.escape(mark)}(?=.)" for mark in typography.after]
    return compiled("|".join([*before, *after]), re.DOTALL)


def _missing(draft: Draft) -> Iterator[Issue]:
    for paragraph, mark, space, words in _spaces(draft):
        if not space:
            yield Issue(paragraph.where.at(words.strip()), f"There is no space {_side(mark)} “{mark}”.",
                        _HINT)


def _breaking(draft: Draft) -> Iterator[Issue]:
    if draft.origin == "text":
        return  # plain text, often extracted from PDF, does not keep no-break spaces
    for paragraph, mark, space, words in _spaces(draft):
        if space == " ":
            yield Issue(paragraph.where.at(words.strip()), f"The space {_side(mark)} “{mark}” is an ordinary space, "
                        "which can break the line there.", _HINT)


def _side(mark: str) -> str:
    return "after" if mark == "«" else "before"


_HINT = ("Use a no-break space (U+00A0, or the narrow U+202F) before ; : ! ? and » and after «; "
         "drafter render puts them in for you.")


def _ordinals(draft: Draft) -> Iterator[Issue]:
    suffixes = sorted(wording(draft.lang.code).data.superscript_ordinals, key=len, reverse=True)
    if not suffixes:
        return
    pattern = compiled(rf"\d{_NOT_AFTER}\d*({'|'.join(map(re.escape, suffixes))})(?!\w)")
    for paragraph in draft.paragraphs:
        if not has_digit(paragraph.marked):  # the text _superscripts gives: an ordinal has digits
            continue
        text, raised = _superscripts(paragraph)
        for match in pattern.finditer(text):
            start, end = match.span(1)
            if not all(raised[start:end]):
                yield Issue(paragraph.where.at(match.group()), f"The ordinal “{match.group()}” is not set as a "
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


class WrongForm(Struct, frozen=True):
    """A form that is wrong wherever it occurs, except before the name of an organization whose
    head bears that very title (“Secretary General of the Council of Europe”)."""

    pattern: re.Pattern[str]
    right: str  # a template of re.Match.expand: "\\g<before>Secrétaire génér\\g<end>"
    unless_before: tuple[str, ...] = ()  # " of the Council of Europe", …
    unless_after: tuple[str, ...] = ()  # "OSCE ", "its ", …
    #: Texts of which every match holds one: a paragraph without any is not searched (``in``
    #: skips ahead, where a pattern that opens with a look-behind is tried at every character).
    needs: tuple[str, ...] = ()
    #: The same for a form that ignores case: texts in lower case, one of which every match
    #: holds once lowered (``str.lower``, which turns each character these texts match into
    #: the very one).
    needs_lowered: tuple[str, ...] = ()

    def find(self, text: str) -> Iterator[tuple[str, str]]:
        """Each wrong form in the text, with what to write instead."""
        for match in self.pattern.finditer(text):
            if text.startswith(self.unless_before, match.end()) or \
                    text[:match.start()].endswith(self.unless_after):
                continue
            right = match.expand(self.right)
            if match.group() != right:  # a pattern that ignores case also finds the right form
                yield match.group(), right


@cache
def wrong_forms(code: str) -> tuple[WrongForm, ...]:
    """The forms that are wrong wherever they occur, with the right one.

    Besides the language data, a head of organization whose registered title is hyphenated
    ("Secretary-General") is wrong without the hyphen before that organization's name, and a
    registered name is wrong in another spelling ("Collective Security Treaty Organisation").
    """
    names = [organization.forms(code) for organization in registry().values()]
    forms = []
    for form in wording(code).data.wrong_forms:
        pattern = compiled(form.wrong)
        titled = [name for name in names if pattern.fullmatch(name.head)]
        forms.append(WrongForm(pattern, form.right,
                               tuple(" " + name.of for name in titled),
                               (*form.unless_after, *(name.acronym + " " for name in titled)),
                               tuple(form.needs), tuple(form.needs_lowered)))
    for name in names:
        for right, written in wording(code).data.name_variants:
            if right in name.name:
                forms.append(WrongForm(compiled(re.escape(name.name.replace(right, written))),
                                       name.name.replace("\\", "\\\\")))
        if "-" in name.head:
            wrong = re.escape(name.head.replace("-", " ")) + "(?= " + re.escape(name.of) + ")"
            forms.append(WrongForm(compiled(wrong), name.head.replace("\\", "\\\\")))
    return tuple(forms)


def _names(draft: Draft) -> Iterator[Issue]:
    forms = wrong_forms(draft.lang.code)
    for paragraph in draft.paragraphs:
        seen: set[str] = set()
        text = paragraph.plain
        lowered = text.lower()  # a microsecond; the forms ignoring case take 20-60 to fail
        for form in forms:
            if form.needs and not any(need in text for need in form.needs):
                continue
            if form.needs_lowered and not any(need in lowered for need in form.needs_lowered):
                continue
            if not form.pattern.search(text):  # the usual case, without a generator
                continue
            for wrong, right in form.find(text):
                if wrong in seen:
                    continue  # one finding for one mistake, whichever form matched it
                seen.add(wrong)
                yield Issue(paragraph.where.at(wrong), f"“{wrong}” is not the official form.",
                            f"Write “{right}”.")


def _quotes(draft: Draft) -> Iterator[Issue]:
    quotes = wording(draft.lang.code).data.quotes
    wrong = frozenset(quotes.wrong)
    for paragraph in draft.paragraphs:
        if wrong.isdisjoint(paragraph.plain):  # most paragraphs: no scan character by character
            continue
        depth = 0
        for index, char in enumerate(paragraph.plain):
            if char == quotes.open:
                depth += 1
            elif char == quotes.close:
                depth -= 1
            elif char in quotes.wrong and not (depth > 0 and char in quotes.nested):
                start = max(0, index - 12)
                yield Issue(paragraph.where.at(paragraph.plain[start:index + 12].strip()),
                            f"The quotation mark “{char}” is not the {draft.lang.name} one.",
                            f"Quote with {quotes.open} … {quotes.close}"
                            + (f", and {' … '.join(quotes.nested)} inside them." if quotes.nested
                               else "."))
                break


_NUMBER = rf"(?P<number>\d{_NOT_AFTER}\d{{0,3}})"


def _dates(draft: Draft) -> Iterator[Issue]:
    """Dates that do not exist, in another convention, with a misspelt month or a plain day where
    the language writes an ordinal (« 1er août »), and periods that run backwards."""
    words, lang = wording(draft.lang.code), draft.lang
    special = {day: _unmarked(form) for day, form in lang.days.items()}
    wrong = [compiled(_date_regex(pattern)) for pattern in words.data.wrong_dates]
    months = {month.lower() for month in lang.months}
    for paragraph in draft.of_kind("preamble", "operative", "point", "footnote", "heading",
                                   "closing"):
        text = paragraph.plain
        if not has_digit(text):  # every pattern below has a digit (a year, a day, a number)
            continue
        cited = [(found.start, found.end) for found in words.dated_citations(text)]
        for match in words.dates_in(text):
            found = words.parse_date(match)
            quoted = match.group()
            if found is None and not any(start <= match.start() < end for start, end in cited):
                yield Issue(paragraph.where.at(quoted), f"The date “{quoted}” does not exist.",
                            "Check the day and the month.")
            elif found is not None and match.group("day") == str(found.day) and found.day in special:
                right = quoted.replace(str(found.day), special[found.day], 1)
                yield Issue(paragraph.where.at(quoted), f"The date “{quoted}” writes the day "
                            f"as a plain number.", f"Write “{right}”.")
        for pattern in wrong:
            for match in pattern.finditer(text):
                yield Issue(paragraph.where.at(match.group()), f"The date “{match.group()}” is "
                            f"not written as {lang.name} writes dates.",
                            f"Write the day, the month and the year: “{spoken_in(lang.code, match)}”.")
        for match in _WORDS_DATE.finditer(text):
            month = match.group("month")
            if month.lower() in months or month in ("session", "sessions"):
                continue
            close = difflib.get_close_matches(month.lower(), months, n=1, cutoff=0.5)
            if close:
                yield Issue(paragraph.where.at(match.group()), f"“{month}” is not a month in "
                            f"{lang.name}.", f"Write “{close[0]}”.")
        for match in _PERIOD.finditer(text):
            if int(match.group("end")) < int(match.group("start")):
                yield Issue(paragraph.where.at(match.group()), f"The period “{match.group()}” "
                            "ends before it begins.", "Write the earlier year first.")


#: A date whose month is a word, to tell a misspelt month.
_WORDS_DATE = compiled(r"(?P<day>\d(?<!\w\d)\d?) (?P<month>[^\W\d_]{3,12}) (?P<year>\d{4})\b")
_PERIOD = compiled(r"(?P<start>(?:19|20)(?<![\w/.-]\d\d)\d\d)\s*[-–]\s*(?P<end>(?:19|20)\d\d)(?![\w/-])")


_FIELD = compiled(r"\{(\w+)\}")


def _date_regex(pattern: str) -> str:
    """A date convention of the data ("{month} {day}, {year}") as a regular expression."""
    from drafter.language import language as of

    months = "|".join(of("en").months + of("fr").months)
    parts = {"month": f"(?P<month>{months})", "day": r"(?P<day>\d{1,2})", "year": r"(?P<year>\d{4})"}
    return "".join(parts[part] if index % 2 else re.escape(part)
                   for index, part in enumerate(_FIELD.split(pattern))) + r"(?!\d)"


def spoken_in(code: str, match: re.Match[str]) -> str:
    """The date a wrong convention wrote, as the language writes it."""
    from datetime import date

    lang = language(code)
    month = next((index for index, name in enumerate(lang.months, 1) if name == match.group("month")), 0)
    try:
        return _unmarked(lang.format_date(date(int(match.group("year")), month,
                                               int(match.group("day")))))
    except ValueError:
        return f"{match.group('day')} {match.group('month')} {match.group('year')}"


def _ordinals_suffixes(draft: Draft) -> Iterator[Issue]:
    """Numeric ordinals with the language's suffix: 39th, 21st; 39e, 1er, 1re."""
    lang = draft.lang
    typed = sorted(wording(lang.code).data.ordinal_suffixes, key=len, reverse=True)
    pattern = compiled(rf"{_NUMBER}(?P<suffix>{'|'.join(map(re.escape, typed))})(?![\w])")
    for paragraph in draft.paragraphs:
        if not has_digit(paragraph.plain):  # a numeric ordinal has digits
            continue
        for match in pattern.finditer(paragraph.plain):
            number = int(match.group("number"))
            right = {_unmarked(lang.ordinal(number))[len(match.group("number")):]}
            if number in lang.days:
                right.add(_unmarked(lang.days[number])[len(match.group("number")):])
            suffix = match.group("suffix")
            if suffix not in right and suffix.removesuffix("s") not in right:
                yield Issue(paragraph.where.at(match.group()), f"The ordinal “{match.group()}” "
                            "has the wrong ending.",
                            f"Write “{_unmarked(lang.ordinal(number))}”.")


_SUPERSCRIPT = compiled(r"\{sup\|([^}]*)\}")


def _unmarked(text: str) -> str:
    return _SUPERSCRIPT.sub(r"\1", text)


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
    Rule("T805", "error", "Quotation marks are the language's own: “ ” in English, « » in French.",
         "English quotes with “ ”, French with « » (and “ ” inside them); straight typewriter "
         "quotes and the other language's marks are mistakes.",
         "l'opération “Kanal”   /   the operation «Channel»",
         "l'opération « Kanal »   /   the operation “Channel”",
         "A-RES-77-13.fr.txt; DESIGN.md, French typography", document=_quotes),
    Rule("T806", "error", "Dates are written day, month, year, and exist.",
         "A date exists and is written as the language writes dates: “18 March 2010”, « 18 mars "
         "2010 », « 1er août 2009 » with the ordinal of the first; a period runs from the earlier "
         "year.",
         "March 18, 2010 ; 31 April 2021 ; 1 août 2009 ; 2025–2021",
         "18 March 2010 ; 30 April 2021 ; 1er août 2009 ; 2021–2025",
         "DESIGN.md, French typography; A-RES-77-13.fr.txt", document=_dates),
    Rule("T807", "error", "Numeric ordinals take the language's ending: 39th, 21st; 39e, 1er.",
         "The ending of a numeric ordinal follows the number in English (1st, 2nd, 3rd, 39th) and "
         "is e in French (1er or 1re for the first).",
         "39st plenary meeting ; 39ème séance", "39th plenary meeting ; 39e séance",
         "A-RES-77-13.fr.txt; DESIGN.md, French typography", document=_ordinals_suffixes),
]
