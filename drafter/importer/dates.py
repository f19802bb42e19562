"""When a read document was adopted: its session, distribution date and adoption (date and
meeting), from the header lines or, where they are missing, from what else the document says."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from drafter import placeholders
from drafter.document import Document
from drafter.importer.guesses import Guesses, ImportFailure
from drafter.readers.patterns import patterns
from drafter.readers.structure import NO_DATE


def session(document: Document, values: dict[str, str], number: str | None,
            guesses: Guesses) -> int:
    """The session line's; else the one a symbol, a date or the latest citation implies."""
    if values.get("session"):
        return patterns(document.lang).read_session(values["session"])
    found = [_session_of_symbol(text) for text in (
        number and f"A/RES/{number}", document.preface.symbol, values.get("draft_symbol"),
        *(note.content.text() for note in document.footnotes[:1]))]
    session = next((value for value in found if value), None)
    if session is None:
        day = _dated(document, values)
        session = day.year - 1945 - (day.month < 9) if day else None
    where = "the other header lines"
    if session is None or not 0 < session <= 120:
        session, where = _latest_cited(document), "the latest resolution or document the text cites"
    if session is None:
        raise ImportFailure("neither a session line, a resolution number, a symbol, a date "
                            "nor a citation says which session this is; add the header "
                            "(`drafter render` shows one) and import again")
    guesses.add(f"the session line is missing: session {session} taken from {where}")
    return session


def _session_of_symbol(text: str | None) -> int | None:
    """The session in a General Assembly symbol: A/RES/77/13, A/77/L.13, A/77/277 → 77."""
    found = re.match(r"\s*A/(?:RES/)?(\d{1,3})/", text or "")
    return int(found.group(1)) if found else None


def _latest_cited(document: Document) -> int | None:
    """The latest session the text cites (a resolution "54/65", a symbol "A/54/884"): a
    resolution is adopted no earlier than what it cites."""
    text = " ".join([block.text() for block in document.blocks()]
                    + [note.content.text() for note in document.footnotes]
                    + [d.block.text() for d in document.deviations if d.block is not None])
    sessions = [int(found) for found in re.findall(r"(?<![\w/.])(?:A/(?:RES/)?)?(\d{2,3})/\d{1,4}(?!\d)", text)]
    sessions = [session for session in sessions if 0 < session <= 120]
    return max(sessions) if sessions else None


def _dated(document: Document, values: dict[str, str]) -> date | None:
    if document.issued != NO_DATE:
        return document.issued
    if values.get("adoption_date"):
        return date.fromisoformat(values["adoption_date"])
    return None


def distributed(document: Document, values: dict[str, str], guesses: Guesses) -> date:
    """The date line's; else the adoption or closing date; else a visible stand-in."""
    day = _dated(document, values) or _closing_date(document)
    if document.issued == NO_DATE:
        guesses.add("the distribution date is missing: " + (
            f"the adoption date {day.isoformat()} taken instead" if day else
            f"{NO_DATE.isoformat()} left in its place; set distribution_date"))
    return day or NO_DATE


def _closing_date(document: Document) -> date | None:
    conclusions = document.conclusions
    if conclusions is None:
        return None
    match = re.search(patterns(document.lang).date("closing"), conclusions.date.text())
    return patterns(document.lang).read_date(match, "closing") if match else None


def adoption(document: Document, values: dict[str, str], distributed: date,
             guesses: Guesses) -> dict[str, Any]:
    """The adoption's date and plenary meeting, from the header or the closing lines."""
    conclusions = document.conclusions
    adopted = (values.get("adoption_date") or
               (day.isoformat() if (day := _closing_date(document)) else None))
    meeting = values.get("meeting") or (
        (found.group() if (found := re.match(r"\d{1,4}", conclusions.meeting.text())) else None)
        if conclusions is not None else None)
    if adopted is None:
        adopted = distributed.isoformat()
        guesses.add("the adoption date is missing: the distribution date taken instead")
    if meeting is None or int(meeting) == 0:
        meeting = str(placeholders.MEETING)
        guesses.add(f"the plenary meeting is missing: placeholder {placeholders.MEETING} left")
    return {"date": adopted, "meeting": int(meeting)}
