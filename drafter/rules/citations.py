"""Citation rules (C4xx): resolutions dated within their session, in order, well-formed symbols."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from msgspec.structs import replace

from drafter.document import Block, FootnoteRef
from drafter.findings import Issue, Where
from drafter.placeholders import is_placeholder_symbol
from drafter.regexes import compiled
from drafter.resolution import CouncilResolution, Resolution
from drafter.rules import Rule
from drafter.rules.draft import Draft, excerpt, plain, Kind
from drafter.rules.mandate import LAST_SESSION, SESSION_OF_SYMBOL, current_session
from drafter.rules.wording import Cited, find_symbols, has_digit, shortened, spoken, whole, wording

#: Resolutions are numbered session/number since the thirty-first session.
FIRST_NUMBERED_SESSION = 31
_TEXT: tuple[Kind, ...] = ("preamble", "operative", "point", "footnote")


def session_window(session: int) -> tuple[date, date] | None:
    """The dates a resolution of a session can bear, with a month's tolerance at each end.

    A session opens on a Tuesday in the third week of September of 1945 + N and closes the day
    before the next one opens; the window runs from 1 September to 30 September of the next
    year, so that no real resolution falls outside it. None for a session no calendar can date.
    """
    if not 0 < session <= date.max.year - 1946:
        return None
    return date(1945 + session, 9, 1), date(1946 + session, 9, 30)


_GA = compiled(r"(\d+)/(\d+)(?: [A-Z])?")
#: No session has adopted more resolutions than this (the most is about 350).
_MOST_RESOLUTIONS = 9999


def _dates(draft: Draft) -> Iterator[Issue]:
    words = wording(draft.lang.code)
    latest = current_session(draft) or LAST_SESSION
    for paragraph in draft.of_kind(*_TEXT):
        for cited in words.dated_citations(paragraph.plain):
            found = _GA.fullmatch(cited.number)
            if found is None:
                continue  # special and emergency special sessions: S-30/1, ES-10/1
            text = paragraph.plain[cited.start:cited.end]
            where = paragraph.where.at(shortened(text))
            session, number = whole(found.group(1)), whole(found.group(2))
            if session is not None and session < FIRST_NUMBERED_SESSION:
                continue
            window = session_window(session) if session is not None else None
            if session is not None and session > latest:
                yield Issue(where, f"Resolution {shortened(cited.number)} belongs to session "
                            f"{session}, after this resolution's session {latest}: it cannot be "
                            "cited yet.",
                            "Check the resolution number; a resolution cites only earlier ones.")
            elif session is None or number is None or number > _MOST_RESOLUTIONS or window is None:
                yield Issue(where, f"“{shortened(cited.number)}” is not the number of a General "
                            "Assembly resolution.",
                            "Check the number against the resolution itself: session/number, "
                            "such as 67/6.")
            elif cited.date is None:
                yield Issue(where, f"The date of resolution {cited.number} does not exist: "
                            f"“{text}”.", "Check the date against the resolution itself.")
            elif not window[0] <= cited.date <= window[1]:
                first, last = window
                yield Issue(where,
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
                yield Issue(paragraph.where.at(text[after.start:after.end]),
                            f"Resolution {after.number} ({spoken(after.date)}) is listed after "
                            f"{before.number} ({spoken(before.date)}).",
                            "List cited resolutions in the order of their adoption, oldest first.")


_DIGITS = compiled(r"\d+")


def _key(cited: Cited) -> tuple[date, int, int]:
    parts = [whole(part) or 0 for part in _DIGITS.findall(cited.number)[:2]]
    return cited.date or date.min, parts[0], parts[-1]


_OWN_NUMBER = compiled(r"\s*(\d+)/\d+(?: [A-Z])?\.")
_DRAFT = compiled(r"A/(\d+)/L\.")


def _own_number(draft: Draft) -> Iterator[Issue]:
    words = wording(draft.lang.code)
    preface = draft.document.preface
    heading = Where("the heading", 0, excerpt(preface.heading))
    found: dict[str, int] = {}
    line = words.session_line.search(plain(preface.session))
    if line and (session := words.session_number(line.group("session"))):
        found["the session line"] = session
    symbol = SESSION_OF_SYMBOL.match(preface.symbol)
    if symbol:
        found[f"the symbol {shortened(preface.symbol)}"] = whole(symbol.group(1)) or 0
    number = _OWN_NUMBER.match(plain(preface.heading))
    if number:
        found[f"the number {shortened(number.group()[:-1].strip())}"] = whole(number.group(1)) or 0
    draft_symbol = _DRAFT.search(plain(preface.committee)) if preface.committee else None
    if draft_symbol:
        found[f"the draft {draft_symbol.group()}…"] = whole(draft_symbol.group(1)) or 0
    if len(set(found.values())) > 1:
        said = ", ".join(f"{name} says session {value}" for name, value in found.items())
        yield Issue(heading, f"The heading names different sessions: {said}.",
                    "A resolution numbered N/x, and its draft A/N/L.x, belong to session N: make "
                    "the number, the symbol and the session line agree.")
    own = number.group()[:-1].strip() if number else preface.symbol.removeprefix("A/RES/")
    for paragraph in draft.of_kind(*_TEXT):
        for cited in words.ga_numbers(paragraph.plain):
            if cited.group() == own:
                yield Issue(paragraph.where.at(own), f"The resolution cites its own number, {own}.",
                            "A resolution refers to itself as “the present resolution”; check the "
                            "number cited.")


def _council(draft: Draft) -> Iterator[Issue]:
    words = wording(draft.lang.code)
    example = draft.lang.citation.sc.format(number=1631, year=2005)
    session = current_session(draft)
    window = session_window(session) if session is not None else None
    for paragraph in draft.of_kind(*_TEXT):
        text = paragraph.plain
        if not has_digit(text):  # each citation has a number
            continue
        for match in words.sc_bare.finditer(text):
            yield Issue(paragraph.where.at(match.group()),
                        f"Resolution {match.group('number')} is cited without its year in "
                        f"parentheses: “{match.group()}”.",
                        f"Cite a Security Council resolution with its year: “{example}”.")
        for match in words.sc_dated.finditer(text):
            cited = words.parse_date(match, "d")
            if cited and cited.year != int(match.group("year")):
                yield Issue(paragraph.where.at(match.group()),
                            f"Resolution {match.group('number')} ({match.group('year')}) is dated "
                            f"{spoken(cited)}, in another year: “{match.group()}”.",
                            "The year in parentheses is the year of adoption; check both.")
        for match in words.council(text):
            cited_as_resolution = words.resolution_word.search(text[max(0, match.start() - 60):match.start()])
            if window and cited_as_resolution and int(match.group("year")) > window[1].year:
                yield Issue(paragraph.where.at(match.group()),
                            f"Security Council resolution {match.group()} is dated after this "
                            f"resolution's session {session}.",
                            "Check the year: a resolution cites only what was adopted before it.")
    yield from _statements(draft)


_STATEMENT = compiled(r"\s*S/PRST/(\d{4})/")


def _statements(draft: Draft) -> Iterator[Issue]:
    """A presidential statement cited by its date, with its symbol S/PRST/YYYY/N in the
    footnote: the year of the date is the year of the symbol."""
    words = wording(draft.lang.code)
    notes = {int(note.num or 0): note.plain for note in draft.of_kind("footnote")
             if (note.num or "").isdigit()}
    for paragraph in draft.of_kind("preamble", "operative", "point"):
        before = ""
        for item in paragraph.block.inlines:
            if not isinstance(item, FootnoteRef):
                before += item.text
                continue
            statement = _STATEMENT.match(notes.get(item.number, ""))
            dates = list(words.date.finditer(before.rstrip(" ,;")[-40:]))
            dated = words.parse_date(dates[-1]) if dates else None
            if statement and dated and dated.year != int(statement.group(1)) and \
                    before.rstrip(" ,;").endswith(dates[-1].group()):
                yield Issue(paragraph.where.at(dates[-1].group()),
                            f"The statement of {spoken(dated)} has the symbol "
                            f"{statement.group().strip()}… of another year (footnote {item.number}).",
                            "Check the date and the symbol of the presidential statement.")


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
    from drafter import symbols

    preface = draft.document.preface
    heading = Where("the heading", 0, preface.symbol)
    places = [(heading, preface.symbol)]
    if preface.committee is not None:
        places.append((heading, plain(preface.committee)))
    places += [(paragraph.where, paragraph.plain) for paragraph in draft.of_kind(*_TEXT)]
    for where, text in places:
        for found in symbols.find(text):
            if any(is_placeholder_symbol(part) for part in found.symbols.parts):
                continue  # S108 reports placeholders
            problem = symbols.problem(found.text)
            if problem is not None:
                said, _, advice = problem.partition("; ")
                yield Issue(where.at(found.text), _sentence(said), _sentence(
                    advice or "compare it with the document: for instance A/77/277, "
                    "A/RES/77/13, A/77/L.13, S/PRST/2010/1, E/2009/28 or S/INF/65"))


def _sentence(text: str) -> str:
    """A clause of the grammar's explanation as a sentence: a capital and a full stop."""
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _calendar(draft: Draft) -> Iterator[Issue]:
    """The distribution date and the date of adoption fall within the session, the heading and
    the closing lines give the same date of adoption, and distribution follows adoption."""
    session = current_session(draft)
    window = session_window(session) if session is not None else None
    preface, conclusions = draft.document.preface, draft.document.conclusions
    heading = Where("the heading", 0, excerpt(preface.heading))
    distributed = _date_in(draft, preface.date)
    adopted = _date_in(draft, preface.adoption)
    closing = _date_in(draft, conclusions.date) if conclusions is not None else None
    if adopted and closing and adopted[0] != closing[0]:
        where = draft.of_kind("closing")[-1].where
        yield Issue(replace(where, field=("adoption", "date")).at(closing[1]),
                    f"The closing lines date the adoption {spoken(closing[0])}, the heading "
                    f"{spoken(adopted[0])}.",
                    "Give the date of adoption once, the same in both places.")
    adoption = adopted or closing
    for name, found, field in (("distribution date", distributed, "distribution_date"),
                               ("date of adoption", adoption, "adoption")):
        if found and window and not window[0] <= found[0] <= window[1]:
            yield Issue(replace(heading, field=(field,)).at(found[1]),
                        f"The {name}, {spoken(found[0])}, falls outside session {session}, which "
                        f"runs from September {window[0].year} to September {window[1].year}.",
                        f"A text of session {session} is adopted and distributed during that "
                        "session: check the date and the session.")
    if distributed and adoption and distributed[0] < adoption[0]:
        yield Issue(replace(heading, field=("distribution_date",)).at(distributed[1]),
                    f"The resolution is distributed on {spoken(distributed[0])}, before its "
                    f"adoption on {spoken(adoption[0])}.",
                    "A resolution is distributed after the General Assembly adopts it: check both "
                    "dates.")


def _date_in(draft: Draft, block: Block | None) -> tuple[date, str] | None:
    """The first valid date a heading line gives, with its words."""
    if block is None:
        return None
    words = wording(draft.lang.code)
    text = plain(block)
    for match in words.date.finditer(text):
        found = words.parse_date(match)
        if found is not None:
            return found, match.group()
    return None


_NUMBERED = compiled(r"\s*(?:S-|ES-)?\d+/\d+(?: [A-Z])?\.")
_L_DOCUMENT = compiled(r"A/\d+/L\.")


def _stage(draft: Draft) -> Iterator[Issue]:
    """An adopted resolution bears an A/RES symbol, a draft an L-document symbol."""
    if draft.origin == "source":
        return  # a source says its stage: see _stage_source
    preface = draft.document.preface
    numbered = _NUMBERED.match(plain(preface.heading))
    adopted = bool(preface.adoption or draft.document.conclusions or numbered)
    where = Where("the heading", 0, excerpt(preface.heading), preface.symbol, ("symbol",))
    yield from _stage_issues(where, adopted, preface.symbol)
    distribution = wording(draft.lang.code).data.distribution
    said, expected = (distribution.draft, distribution.adopted) if adopted else \
        (distribution.adopted, distribution.draft)
    if compiled(rf"\b{re.escape(said)}\b").search(plain(preface.distribution)):
        yield Issue(where.at(plain(preface.distribution).strip()),
                    f"The distribution line says “{said}” on "
                    f"{'an adopted resolution' if adopted else 'a draft'}.",
                    f"A {'resolution' if adopted else 'draft'} is distributed “{expected}”.")
    committee = plain(preface.committee) if preface.committee else ""
    for symbol, _, _ in find_symbols(committee):
        if not _L_DOCUMENT.match(symbol) and not is_placeholder_symbol(symbol):
            yield Issue(where.at(symbol), f"The committee line cites {symbol}, which is not the "
                        "symbol of a draft (A/77/L.13).",
                        "Under an adopted resolution, the committee line cites its draft, the "
                        "L-document.")


def _stage_source(resolution: Resolution) -> Iterator[Issue]:
    where = Where("the heading", 0, "", resolution.symbol, ("symbol",))
    yield from _stage_issues(where, resolution.stage == "adopted", resolution.symbol)
    if resolution.stage == "draft" and resolution.adoption is not None:
        yield Issue(Where("the heading", 0, "", resolution.adoption.date.isoformat(), ("adoption",)),
                    "The draft gives a date and meeting of adoption, which its rendering leaves "
                    "out.",
                    "Remove `adoption` from a draft, or set `stage: adopted` with the A/RES "
                    "symbol once the General Assembly has adopted it.")


def _stage_issues(where: Where, adopted: bool, symbol: str) -> Iterator[Issue]:
    if not adopted and symbol.startswith("A/RES/"):
        yield Issue(where, f"The draft bears {symbol}, the symbol of an adopted resolution.",
                    "A draft resolution is an L-document (A/77/L.13); the A/RES symbol is given "
                    "at adoption, with the date and meeting.")
    elif adopted and _L_DOCUMENT.match(symbol):
        yield Issue(where, f"The adopted resolution bears {symbol}, the symbol of its draft.",
                    "An adopted resolution bears its A/RES symbol (A/RES/77/13); the draft's "
                    "symbol is cited under the title.")


def _running_header(draft: Draft) -> Iterator[Issue]:
    """The running header prints the first page's symbol, /Rev number included."""
    symbol = draft.document.preface.symbol
    for printed in draft.document.preface.running_symbols:
        if symbol and printed != symbol:
            yield Issue(Where("the running header", 0, printed, printed),
                        f"The running header prints {printed}, but the first page {symbol}.",
                        _running_hint(symbol, printed))


def _revised_heading(draft: Draft) -> Iterator[Issue]:
    """The heading says "revised" exactly when the symbol has /Rev.N."""
    preface = draft.document.preface
    if not preface.symbol or preface.sponsors is None or preface.adoption is not None:
        return
    # Imported here, past the return: the reader's patterns cost a source 25 M instructions.
    from drafter import symbols
    from drafter.readers.structure import header_values

    values = header_values(preface.sponsors, "sponsors", draft.lang.code)
    revision = symbols.revision(preface.symbol)
    where = Where("the heading", 0, excerpt(preface.sponsors), plain(preface.sponsors).strip())
    if values.get("revised") and revision is None:
        yield Issue(where, "The heading calls the text a revised draft resolution, but its "
                    f"symbol {preface.symbol} is that of the first version.",
                    "A revised draft is issued under a symbol of its own, with /Rev.1 (A/79/L.20/"
                    "Rev.1): correct the symbol, or the heading if this is the first version.")
    elif values and not values.get("revised") and revision is not None:
        yield Issue(where, f"The symbol {preface.symbol} is that of revision {revision}, but the "
                    "heading calls the text a draft resolution.",
                    "The heading of a revised draft reads “…: revised draft resolution” "
                    "(“… : projet de résolution révisé” in French).")


def _running_hint(symbol: str, printed: str) -> str:
    from drafter import symbols

    if symbols.revision(symbol) != symbols.revision(printed):
        return (f"Every page of a revised draft carries its /Rev number: write {symbol} in the "
                "running header too (Word: Insert ▸ Header), or correct the first page.")
    return f"Every page carries the document's symbol: write {symbol} in the running header."


_SESSION_OF_REPORT = compiled(r"A/(\d+)/")


def _report_session(draft: Draft) -> Iterator[Issue]:
    """The report considered is a document of the session."""
    session = current_session(draft)
    if session is None:
        return
    pattern = wording(draft.lang.code).report_considered
    notes = {int(note.num or 0): note for note in draft.of_kind("footnote") if (note.num or "").isdigit()}
    for paragraph in draft.of_kind("preamble"):
        if not pattern.search(paragraph.plain):
            continue
        for item in paragraph.block.inlines:
            note = notes.get(item.number) if isinstance(item, FootnoteRef) else None
            for symbol, _, _ in find_symbols(note.plain if note else ""):
                found = _SESSION_OF_REPORT.match(symbol)
                if found and whole(found.group(1)) != session and not is_placeholder_symbol(symbol):
                    yield Issue(replace(paragraph.where, field=("report",)).at(symbol),
                                f"The report considered, {symbol}, is a document of session "
                                f"{shortened(found.group(1))}, not of this session {session}.",
                                f"The report considered at session {session} is the one the "
                                f"previous resolution requested for it (A/{session}/…): check "
                                "the symbol.")
        return  # the first paragraph that considers the report is the one


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
    Rule("C406", "error", "The distribution date and the date of adoption fall within the session.",
         "Session N runs from September of 1945 + N to September of the next year: a text of "
         "session N is adopted and distributed then, and a resolution is distributed after its "
         "adoption.",
         "Seventy-seventh session … 25 November 2023", "Seventy-seventh session … 25 November 2022",
         "DESIGN.md, Sessions and dates", document=_calendar),
    Rule("C407", "error", "The symbol matches the stage: A/RES/… adopted, A/N/L.… a draft.",
         "A draft resolution is an L-document of the session (A/77/L.13) and has no adoption "
         "data (a source's draft that gives `adoption` renders without it); the adopted "
         "resolution bears its A/RES symbol with the date and meeting of adoption.",
         "stage: draft … symbol: A/RES/77/13", "stage: draft … symbol: A/77/L.13",
         "editorial-rules.md 10 [V]", document=_stage, resolution=_stage_source),
    Rule("C408", "warning", "The report considered is a document of the session.",
         "The report of the Secretary-General that the resolution considers is the one the "
         "previous resolution requested for this session: A/77/… at session 77.",
         "(at session 77) Having considered the report … (A/76/277)",
         "(at session 77) Having considered the report … (A/77/277)",
         "DESIGN.md, Sessions and dates", document=_report_session),
    Rule("C409", "error", "The running header prints the symbol of the first page.",
         "Every page after the first carries the document's symbol in its running header, the "
         "same as the first page's: a revised draft (A/79/L.20/Rev.1) carries its /Rev number "
         "on every page.",
         "A/79/L.20/Rev.1 … (running header of page 2) A/79/L.20",
         "A/79/L.20/Rev.1 … (running header of page 2) A/79/L.20/Rev.1",
         "editorial-rules.md 13 [O]", document=_running_header),
    Rule("C410", "warning", "A revised draft is headed “revised draft resolution”.",
         "A revised draft is a new document whose symbol ends in /Rev.N (A/79/L.20/Rev.1); its "
         "heading reads “…: revised draft resolution” (“… : projet de résolution révisé”), and "
         "a first version's heading does not.",
         "A/79/L.20/Rev.1 … Armenia and Belarus: draft resolution",
         "A/79/L.20/Rev.1 … Armenia and Belarus: revised draft resolution",
         "GAAB guidelines for the submission of draft resolutions, L.--/Rev. documents [V]; "
         "the heading's wording [U], not yet seen in a retrieved L/Rev document",
         unverified=True, document=_revised_heading),
]
