"""Citation rules (C4xx): resolutions dated within their session, in order, well-formed symbols."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from drafter.findings import Issue, Where
from drafter.placeholders import is_placeholder_symbol
from drafter.resolution import CouncilResolution, Resolution
from drafter.rules import Rule
from drafter.rules.draft import Draft, excerpt, plain, Kind
from drafter.rules.wording import Cited, find_symbols, spoken, well_formed, wording

#: Resolutions are numbered session/number since the thirty-first session.
FIRST_NUMBERED_SESSION = 31
_TEXT: tuple[Kind, ...] = ("preamble", "operative", "point", "footnote")


def session_window(session: int) -> tuple[date, date]:
    """The dates a resolution of a session can bear, with a month's tolerance at each end.

    A session opens on a Tuesday in the third week of September of 1945 + N and closes the day
    before the next one opens; the window runs from 1 September to 30 September of the next
    year, so that no real resolution falls outside it.
    """
    return date(1945 + session, 9, 1), date(1946 + session, 9, 30)


def _session_of(number: str) -> int | None:
    found = re.match(r"(\d+)/", number)
    return int(found.group(1)) if found else None


def _dates(draft: Draft) -> Iterator[Issue]:
    words = wording(draft.lang.code)
    for paragraph in draft.of_kind(*_TEXT):
        for cited in words.dated_citations(paragraph.plain):
            session = _session_of(cited.number)
            if session is None or session < FIRST_NUMBERED_SESSION:
                continue
            text = paragraph.plain[cited.start:cited.end]
            if cited.date is None:
                yield Issue(paragraph.where, f"The date of resolution {cited.number} does not "
                            f"exist: “{text}”.", "Check the date against the resolution itself.")
                continue
            first, last = session_window(session)
            if not first <= cited.date <= last:
                yield Issue(paragraph.where,
                            f"Resolution {cited.number} belongs to session {session}, which ran "
                            f"from September {first.year} to September {last.year}, but is dated "
                            f"{spoken(cited.date)}: “{text}”.",
                            "Check the resolution number and its date of adoption.")


def _order(draft: Draft) -> Iterator[Issue]:
    words = wording(draft.lang.code)
    glue = {draft.lang.list_style.separator, draft.lang.list_style.last,
            draft.lang.list_style.separator.rstrip() + draft.lang.list_style.last}
    for paragraph in draft.of_kind(*_TEXT):
        text = paragraph.plain
        cited = words.dated_citations(text)
        for before, after in zip(cited, cited[1:]):
            if text[before.end:after.start] not in glue or not (before.date and after.date):
                continue
            if _key(after) < _key(before):
                yield Issue(paragraph.where,
                            f"Resolution {after.number} ({spoken(after.date)}) is listed after "
                            f"{before.number} ({spoken(before.date)}).",
                            "List cited resolutions in the order of their adoption, oldest first.")


def _key(cited: Cited) -> tuple[date, int, int]:
    parts = [int(part) for part in re.findall(r"\d+", cited.number)[:2]]
    return cited.date or date.min, parts[0], parts[-1]


def _own_number(draft: Draft) -> Iterator[Issue]:
    words = wording(draft.lang.code)
    preface = draft.document.preface
    found: dict[str, int] = {}
    line = re.search(words.data.session_line, plain(preface.session))
    if line and (session := words.session_number(line.group("session"))):
        found["the session line"] = session
    symbol = re.match(r"A/(?:RES/)?(\d+)/", preface.symbol)
    if symbol:
        found[f"the symbol {preface.symbol}"] = int(symbol.group(1))
    number = re.match(r"\s*(\d+)/\d+(?: [A-Z])?\.", plain(preface.heading))
    if number:
        found[f"the number {number.group()[:-1].strip()}"] = int(number.group(1))
    if len(set(found.values())) > 1:
        said = ", ".join(f"{name} says session {value}" for name, value in found.items())
        yield Issue(Where("the heading", 0, excerpt(preface.heading)),
                    f"The heading names different sessions: {said}.",
                    "A resolution numbered N/x, and its draft A/N/L.x, belong to session N: make "
                    "the number, the symbol and the session line agree.")


def _council(draft: Draft) -> Iterator[Issue]:
    words = wording(draft.lang.code)
    example = draft.lang.citation.sc.format(number=1631, year=2005)
    for paragraph in draft.of_kind(*_TEXT):
        text = paragraph.plain
        for match in words.sc_bare.finditer(text):
            yield Issue(paragraph.where,
                        f"Resolution {match.group('number')} is cited without its year in "
                        f"parentheses: “{match.group()}”.",
                        f"Cite a Security Council resolution with its year: “{example}”.")
        for match in words.sc_dated.finditer(text):
            cited = words.parse_date(match, "d")
            if cited and cited.year != int(match.group("year")):
                yield Issue(paragraph.where,
                            f"Resolution {match.group('number')} ({match.group('year')}) is dated "
                            f"{spoken(cited)}, in another year: “{match.group()}”.",
                            "The year in parentheses is the year of adoption; check both.")


def _council_source(resolution: Resolution) -> Iterator[Issue]:
    """A source gives a Council resolution's year and date apart: the text shows only the date's."""
    for index, paragraph in enumerate(resolution.preamble):
        for cited in getattr(paragraph, "resolutions", []):
            if isinstance(cited, CouncilResolution) and cited.date and cited.date.year != cited.year:
                yield Issue(Where(f"preambular paragraph {index + 1}", index + 2),
                            f"Security Council resolution {cited.number} is given the year "
                            f"{cited.year} but the date {spoken(cited.date)}.",
                            "The year in parentheses is the year of adoption; correct the year "
                            "or the date in the source.")


def _symbols(draft: Draft) -> Iterator[Issue]:
    preface = draft.document.preface
    heading = Where("the heading", 0, preface.symbol)
    places = [(heading, preface.symbol)]
    if preface.committee is not None:
        places.append((heading, plain(preface.committee)))
    places += [(paragraph.where, paragraph.plain) for paragraph in draft.of_kind(*_TEXT)]
    for where, text in places:
        for symbol, _, _ in find_symbols(text):
            if not well_formed(symbol) and not is_placeholder_symbol(symbol):  # S108 says those
                yield Issue(where, f"“{symbol}” is not a well-formed document symbol.",
                            "Check the symbol against the document: for instance A/77/277, "
                            "A/RES/77/13, A/77/L.13, S/PRST/2010/1, E/2009/28 or S/INF/65.")


RULES = [
    Rule("C401", "error", "A resolution N/x is dated within session N.",
         "Session N opens in September of 1945 + N and closes the day before session N + 1 opens. "
         "A cited date must fall between 1 September of 1945 + N and 30 September of "
         "1946 + N (a tolerant window, since sessions open in the third week of September).",
         "its resolution 67/6 of 19 November 2013", "its resolution 67/6 of 19 November 2012",
         "DESIGN.md, Sessions and dates", document=_dates),
    Rule("C402", "error", "Cited resolutions are listed in chronological order.",
         "In a list of resolutions with their dates, each comes after the ones adopted before it.",
         "its resolutions 65/122 of 13 December 2010, 64/256 of 2 March 2010 and …",
         "its resolutions 64/256 of 2 March 2010, 65/122 of 13 December 2010 and …",
         "editorial-rules.md 11 [O]", document=_order),
    Rule("C403", "error", "The resolution's own number belongs to its session.",
         "Resolution N/x and its draft A/N/L.x are adopted at session N: the number, the symbol "
         "and the session line of the heading name the same session.",
         "Seventy-seventh session … 78/13. Cooperation …",
         "Seventy-seventh session … 77/13. Cooperation …",
         "editorial-rules.md 10 [V]; DESIGN.md, Sessions and dates", document=_own_number),
    Rule("C404", "error", "Security Council resolutions are cited with their year: 1631 (2005).",
         "A Security Council resolution is cited by number and year of adoption in parentheses; "
         "when its date is also given, the year matches it.",
         "Security Council resolution 1631 of 17 October 2005",
         "Security Council resolution 1631 (2005) of 17 October 2005",
         "editorial-rules.md 11 [O]", document=_council, resolution=_council_source),
    Rule("C405", "error", "Document symbols are well formed.",
         "A word that starts like a United Nations symbol (A/, S/, E/, ST/) must have one of the "
         "known forms, such as A/77/277-S/2022/606, A/RES/77/13, A/77/L.13, S/PRST/2010/1, "
         "E/2009/28 or S/INF/65.",
         "S/PRST/2010 ; A/77/L13", "S/PRST/2010/1 ; A/77/L.13",
         "editorial-rules.md 10, 12 and 13 [V]/[O]", document=_symbols),
]
