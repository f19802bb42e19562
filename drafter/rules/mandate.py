"""Follow-up mandate rules (M6xx): one later session for the report and the agenda, the right title.

The report and the agenda inclusion name the same session, later than the current one, and the
sub-item put on the agenda is the resolution's own title.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from drafter.findings import Issue, Where
from drafter.language import language
from drafter.regexes import compiled
from drafter.rules import Rule
from drafter.rules.draft import Draft, Paragraph, excerpt, plain
from drafter.rules.wording import normalize, whole, wording

#: The last session whose name the language data can write: a later one is a mistake.
LAST_SESSION = max(language("en").sessions)
_NUMBERED = compiled(r"^\s*\d+/\d+(?: [A-Z])?\.\s*")
#: The session of a resolution's symbol (A/RES/77/13, A/77/L.13) and of its number (77/13.).
SESSION_OF_SYMBOL = compiled(r"A/(?:RES/)?(\d+)/")
_SESSION_OF_NUMBER = compiled(r"\s*(\d+)/")
_QUOTES = str.maketrans({"“": "", "”": "", "«": "", "»": "", '"': ""})


def _found(draft: Draft, pattern: re.Pattern[str]) -> tuple[int, Paragraph, str] | None:
    """The session a mandate paragraph names, the paragraph, and the words that name it."""
    words = wording(draft.lang.code)
    for paragraph in draft.of_kind("operative", "point"):
        match = pattern.search(paragraph.plain)
        if match and (session := words.session_number(match.group("session"))):
            return session, paragraph, match.group()
    return None


def current_session(draft: Draft) -> int | None:
    """The session of the resolution, from the heading's session line, symbol or number."""
    words = wording(draft.lang.code)
    preface = draft.document.preface
    line = words.session_line.search(plain(preface.session))
    if line and (session := words.session_number(line.group("session"))):
        return session
    number = SESSION_OF_SYMBOL.match(preface.symbol) or _SESSION_OF_NUMBER.match(plain(preface.heading))
    session = whole(number.group(1)) if number else None
    return session if session is not None and session <= LAST_SESSION else None


def _mandate(draft: Draft) -> tuple[tuple[int, Paragraph, str] | None, tuple[int, Paragraph, str] | None]:
    words = wording(draft.lang.code)
    return _found(draft, words.report_request), _found(draft, words.agenda_inclusion)


def _same_session(draft: Draft) -> Iterator[Issue]:
    report, agenda = _mandate(draft)
    if report and agenda and report[0] != agenda[0]:
        yield _mismatch(agenda[1].where.at(agenda[2]), report[0], agenda[0])


def _later_session(draft: Draft) -> Iterator[Issue]:
    current = current_session(draft)
    if current is None:
        return
    for found in _mandate(draft):
        if found and found[0] <= current:
            yield _not_later(found[1].where.at(found[2]), found[0], current)


def _sub_item(draft: Draft) -> Iterator[Issue]:
    words = wording(draft.lang.code)
    preface = draft.document.preface
    title = _comparable(_NUMBERED.sub("", plain(preface.heading)))
    agenda = _found(draft, words.agenda_inclusion)
    match = words.sub_item.search(agenda[1].plain) if agenda else None
    if agenda and match and title and _comparable(match.group("title")) != title:
        yield Issue(agenda[1].where.at(match.group("title").strip()),
                    f"The sub-item put on the agenda, “{match.group('title').strip()}”, is not the "
                    f"title of the resolution, “{title}”.",
                    "Name the sub-item exactly as the resolution's title.")
    # The title of the agenda item in the header: "item: sub-item", the sub-item being the title.
    _, colon, sub_item = plain(preface.agenda_title).partition(":")
    if colon and title and _comparable(sub_item).lower() != title.lower():
        yield Issue(Where("the heading", 0, excerpt(preface.heading), sub_item.strip()),
                    f"The title of the agenda item ends with “{sub_item.strip()}”, but the "
                    f"resolution is entitled “{title}”.",
                    "The resolution bears the title of its sub-item: make the two agree.")


def _session_names(draft: Draft) -> Iterator[Issue]:
    """A session named by an ordinal the language does not write ("seventy-nineth")."""
    words = wording(draft.lang.code)
    pattern = compiled(words.data.session_word, re.IGNORECASE)
    # The pattern backtracks through every word; its fixed text, found with skips ahead, is rare.
    needs = compiled(re.escape(words.data.session_word_needs), re.IGNORECASE)
    for paragraph in draft.paragraphs:
        if not needs.search(paragraph.plain):
            continue
        for match in pattern.finditer(paragraph.plain):
            name = match.group("session")
            if words.session_number(name) is None:
                close = difflib.get_close_matches(name.lower(), list(words.sessions), n=1, cutoff=0.8)
                yield Issue(paragraph.where.at(match.group()),
                            f"“{name}” is not the name of a session.",
                            f"Did you mean “{close[0]}”?" if close else
                            "Spell the session's ordinal out, as in “seventy-ninth session”.")


def _comparable(text: str) -> str:
    return " ".join(normalize(text).translate(_QUOTES).split())


def _mismatch(where: Where, report: int, agenda: int) -> Issue:
    return Issue(where, f"The report is requested for session {report} but the sub-item is put on "
                 f"the agenda of session {agenda}.",
                 "The Secretary-General reports at the session whose agenda includes the "
                 "sub-item: name the same session in both paragraphs.")


def _not_later(where: Where, mandated: int, current: int) -> Issue:
    return Issue(where, f"The follow-up names session {mandated}, which is not after the current "
                 f"session {current}.",
                 f"Name a later session, usually {current + 2} for a biennial resolution.")


RULES = [
    Rule("M601", "error", "The report and the agenda inclusion name the same session.",
         "The Secretary-General's report is requested for the session on whose provisional agenda "
         "the sub-item is included.",
         "8. Requests … at its seventy-ninth session a report …; 9. Decides to include in the "
         "provisional agenda of its eightieth session …",
         "8. Requests … at its seventy-ninth session a report …; 9. Decides to include in the "
         "provisional agenda of its seventy-ninth session …",
         "DESIGN.md, Sessions and dates", document=_same_session),
    Rule("M602", "error", "The follow-up names a session after the current one.",
         "A resolution of session N asks for a report at a later session, usually N + 2 for the "
         "biennial cooperation resolutions.",
         "(at session 77) … at its seventy-seventh session a report …",
         "(at session 77) … at its seventy-ninth session a report …",
         "DESIGN.md, Sessions and dates", document=_later_session),
    Rule("M603", "error", "The sub-item put on the agenda is the resolution's title.",
         "The agenda inclusion names the sub-item by the resolution's own title, word for word, "
         "and the title of the agenda item in the header ends with it.",
         "the sub-item entitled “Cooperation between the United Nations and the CSTO”",
         "the sub-item entitled “Cooperation between the United Nations and the Collective "
         "Security Treaty Organization”",
         "editorial-rules.md 9 [V]", document=_sub_item),
    Rule("M604", "error", "Sessions are named by their ordinal, spelt out right.",
         "A session is named by its ordinal in words: “seventy-ninth session”, « soixante-dix-"
         "neuvième session »; a misspelt one names no session at all.",
         "at its seventy-nineth session", "at its seventy-ninth session",
         "DESIGN.md, Sessions and dates", document=_session_names),
]
