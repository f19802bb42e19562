"""Turn read Documents back into a bilingual Resolution: the inverse of composing.

Openers and verbs become lexicon keys, formatting and citations become markup, and a paragraph
becomes a standard paragraph only when composing that standard, with the parameters read from
the paragraph, gives back exactly the paragraph that was read; anything else stays prose.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from drafter import placeholders
from drafter.document import Block, Document, FootnoteRef, Inline, Point, Run, merge_runs
from drafter.language import LANGUAGES, language
from drafter.organizations import every_form, registry
from drafter.pairing import Choice, Local, PairingFailure, pair, single
from drafter.phrasebook import EMPTY, PhraseBook
from drafter.readers import inlines as il
from drafter.readers.markup import canonical_marks, to_markup
from drafter.readers.patterns import flexible, leading_phrases, patterns
from drafter.readers.structure import NO_DATE, header_values
from drafter.resolution import Resolution

_ENDS = ",;.:"
_RES = re.compile(r"\{res\|([^|{}]+)\|(\d{4}-\d{2}-\d{2})\}")
_SC = re.compile(r"\{sc\|(\d+)\|(\d{4})(-\d{2}-\d{2})?\}")
_STATEMENT = re.compile(r"\{date\|([\d-]+)\}\{fn\|\{doc\|(S/PRST/\d{4}/\d+)\}((?:[^{}]|\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})*)\}")
_REPORT = re.compile(r"\{fn\|\{doc\|([^{}|]+)\}\.\}")
#: A General Assembly document, not a resolution, cited in a footnote: the report considered.
_DOCUMENT = re.compile(r"\{doc\|(A/(?!RES/)[^{}|]+)\}")


def _number(symbol: str) -> str | None:
    """The resolution number of an A/RES symbol: "A/RES/77/13" → "77/13"."""
    found = re.fullmatch(r"A/RES/(.+)", symbol)
    return found.group(1) if found else None


def _session_of_symbol(text: str | None) -> int | None:
    """The session in a General Assembly symbol: A/RES/77/13, A/77/L.13, A/77/277 → 77."""
    found = re.match(r"\s*A/(?:RES/)?(\d{1,3})/", text or "")
    return int(found.group(1)) if found else None


class ImportFailure(Exception):
    """A read document that does not make a valid source; the message says where and why."""


def import_document(document: Document, notes: list[str] | None = None,
                    book: PhraseBook = EMPTY) -> Resolution:
    """The Resolution of one language's Document; the other language is marked [to translate].
    What the source holds that the document did not say is appended to ``notes``. A phrase of
    the phrase ``book`` becomes its key (an InlinePhrase that remembers it)."""
    reader = _Reader(document, book)
    tree = reader.tree()
    _note(notes, reader.guesses, None)
    return _validate(single(tree, document.lang), book)


def import_pair(english: Document, french: Document, notes: list[str] | None = None,
                book: PhraseBook = EMPTY) -> Resolution:
    """The Resolution of an English and a French Document of the same text."""
    readers = [_Reader(document, book) for document in (english, french)]
    trees = [reader.tree() for reader in readers]
    # The "Original:" line printed in one version only still says which language is original.
    for tree, other in (trees, trees[::-1]):
        if "original" in other and "original" not in tree:
            tree["original"] = other["original"]
    for reader in readers:
        _note(notes, reader.guesses, reader.code)
    try:
        return _validate(pair(trees[0], trees[1], notes=notes), book)
    except PairingFailure as failure:
        raise ImportFailure(str(failure)) from None


def _note(notes: list[str] | None, guesses: list[str], code: str | None) -> None:
    if notes is not None:
        notes += [f"{guess} ({code})" if code else guess for guess in guesses]


def import_files(path: Path, pair_path: Path | None = None, lang: str | None = None,
                 notes: list[str] | None = None, book: PhraseBook = EMPTY) -> tuple[Resolution, str | None]:
    """The Resolution of a Word or text draft, and with ``pair_path`` its other-language version.

    The second value is the one language that was read, or None when both were. Raises
    ReadFailure for a file that cannot be read, ImportFailure for one that is not a source.
    """
    from drafter.readers import read

    first = read(path, lang)
    if pair_path is None:
        return import_document(first, notes, book), first.lang
    other = read(pair_path, None)
    if other.lang == first.lang:
        raise ImportFailure(f"{path} and {pair_path} are both in {language(first.lang).name}; "
                            "--pair takes the other language's version")
    english, french = sorted((first, other), key=lambda document: LANGUAGES.index(document.lang))
    return import_pair(english, french, notes, book), None


def _validate(tree: dict[str, Any], book: PhraseBook = EMPTY) -> Resolution:
    try:
        return Resolution.model_validate(tree, context={"phrases": book})
    except ValidationError as error:
        first = error.errors()[0]
        where = " ".join(str(part) for part in first["loc"])
        raise ImportFailure(f"the document does not make a valid source ({where}: {first['msg']}); "
                            "correct the draft and import it again") from None


class _Reader:
    """One language's Document, read into the source tree (prose as Local leaves)."""

    def __init__(self, document: Document, book: PhraseBook = EMPTY) -> None:
        self.document = document
        self.book = book
        self.code = document.lang
        self.notes = {note.number: note.content for note in document.footnotes}
        self.guesses: list[str] = []
        self.header = self._header()

    # -- header -------------------------------------------------------------------------------

    def _values(self) -> dict[str, str]:
        """What the header lines say, whatever layout they follow (see structure.header_values)."""
        preface = self.document.preface
        found: dict[str, str] = {}
        for name in ("united_nations", "organ", "distribution", "date", "translation", "original",
                     "session", "agenda_item", "agenda_title", "adoption", "committee", "sponsors",
                     "heading"):
            block = getattr(preface, name)
            if block is not None and not block.absent:
                found.update(header_values(block, name, self.code))
        return found

    def _header(self) -> dict[str, Any]:
        """The source's metadata from the header and closing lines; what the document lacks is
        taken from what else it says, or left as a visible placeholder, and noted."""
        document, values = self.document, self._values()
        preface, lang = document.preface, language(self.code)
        number = values.get("number") or _number(preface.symbol)
        session = self._session(values, number)
        adopted = (preface.adoption is not None or bool(number)
                   or preface.symbol.startswith("A/RES/"))
        agenda = ({"number": int(values["item"]), "sub_item": values.get("sub_item")}
                  if values.get("item") and int(values["item"]) > 0 else None)
        if agenda is None:
            agenda = placeholders.AGENDA_ITEM.model_dump()
            self.guess("the agenda item is missing: placeholder 999 (xx) left")
        header: dict[str, Any] = {
            "session": session, "agenda_item": agenda,
            "stage": "adopted" if adopted else "draft",
            "symbol": self._symbol(preface.symbol, number, session, adopted),
            "draft_symbol": values.get("draft_symbol"),
            "distribution_date": self._distributed(values),
        }
        if adopted:
            header["adoption"] = self._adoption(values, header["distribution_date"])
        if values.get("sponsors"):
            names = values["sponsors"].rsplit(lang.list_style.last, 1)
            names = names[0].split(lang.list_style.separator) + names[1:]
            header["sponsors"] = [{"_text": Local(name.strip())} for name in names]
        original = lang.language_named(values.get("original", ""))
        if original is not None:
            header["original"] = original
        header["page_size"] = document.page_size
        header["organization"] = self._organization()
        return header

    def guess(self, note: str) -> None:
        """Say what the source holds that the document did not (printed by ``drafter import``)."""
        if note not in self.guesses:
            self.guesses.append(note)

    def _session(self, values: dict[str, str], number: str | None) -> int:
        if values.get("session"):
            return patterns(self.code).read_session(values["session"])
        found = [_session_of_symbol(text) for text in (
            number and f"A/RES/{number}", self.document.preface.symbol, values.get("draft_symbol"),
            *(note.content.text() for note in self.document.footnotes[:1]))]
        session = next((value for value in found if value), None)
        if session is None:
            day = self._dated(values)
            session = day.year - 1945 - (day.month < 9) if day else None
        where = "the other header lines"
        if session is None or not 0 < session <= 120:
            session, where = self._latest_cited(), "the latest resolution or document the text cites"
        if session is None:
            raise ImportFailure("neither a session line, a resolution number, a symbol, a date "
                                "nor a citation says which session this is; add the header "
                                "(`drafter render` shows one) and import again")
        self.guess(f"the session line is missing: session {session} taken from {where}")
        return session

    def _latest_cited(self) -> int | None:
        """The latest session the text cites (a resolution "54/65", a symbol "A/54/884"): a
        resolution is adopted no earlier than what it cites."""
        text = " ".join([block.text() for block in self.document.blocks()]
                        + [note.content.text() for note in self.document.footnotes]
                        + [d.block.text() for d in self.document.deviations if d.block is not None])
        sessions = [int(found) for found in re.findall(r"(?<![\w/.])(?:A/(?:RES/)?)?(\d{2,3})/\d{1,4}(?!\d)", text)]
        sessions = [session for session in sessions if 0 < session <= 120]
        return max(sessions) if sessions else None

    def _dated(self, values: dict[str, str]) -> date | None:
        if self.document.issued != NO_DATE:
            return self.document.issued
        if values.get("adoption_date"):
            return date.fromisoformat(values["adoption_date"])
        return None

    def _symbol(self, symbol: str, number: str | None, session: int, adopted: bool) -> str:
        if symbol and (symbol.startswith("A/RES/") or not adopted):
            return symbol
        if number:
            return f"A/RES/{number}"
        self.guess("the document symbol is missing: placeholder left")
        return f"A/RES/{session}/xx" if adopted else placeholders.draft_symbol(session)

    def _distributed(self, values: dict[str, str]) -> date:
        day = self._dated(values) or self._closing_date()
        if self.document.issued == NO_DATE:
            self.guess("the distribution date is missing: " + (
                f"the adoption date {day.isoformat()} taken instead" if day else
                f"{NO_DATE.isoformat()} left in its place; set distribution_date"))
        return day or NO_DATE

    def _closing_date(self) -> date | None:
        conclusions = self.document.conclusions
        if conclusions is None:
            return None
        match = re.search(patterns(self.code).date("closing"), conclusions.date.text())
        return patterns(self.code).read_date(match, "closing") if match else None

    def _adoption(self, values: dict[str, str], distributed: date) -> dict[str, Any]:
        conclusions = self.document.conclusions
        adopted = (values.get("adoption_date") or
                   (day.isoformat() if (day := self._closing_date()) else None))
        meeting = values.get("meeting") or (
            (found.group() if (found := re.match(r"\d{1,4}", conclusions.meeting.text())) else None)
            if conclusions is not None else None)
        if adopted is None:
            adopted = distributed.isoformat()
            self.guess("the adoption date is missing: the distribution date taken instead")
        if meeting is None or int(meeting) == 0:
            meeting = str(placeholders.MEETING)
            self.guess(f"the plenary meeting is missing: placeholder {placeholders.MEETING} left")
        return {"date": adopted, "meeting": int(meeting)}

    def _organization(self) -> str:
        """The organization the title names; without a title, the one the text names most."""
        forms = [(key, org.forms(self.code).the) for key, org in every_form()]
        title = " ".join(self.document.preface.title.text().split())
        found = [(len(form), key) for key, form in forms if title.endswith(" " + form)]
        if found:
            return max(found)[1]
        text = " ".join(" ".join(block.text().split()) for block in self.document.blocks())
        counted = [(text.count(form), len(form), key) for key, form in forms]
        best = max(counted)
        if best[0] == 0:
            raise ImportFailure(f"the title {title!r} names no organization drafter knows, nor "
                                "does the text; see `drafter orgs`")
        self.guess(f"the title names no organization: {best[2]} taken from the text")
        return best[2]

    # -- the tree -----------------------------------------------------------------------------

    def tree(self) -> dict[str, Any]:
        preamble = [self._preambular(index, paragraph.content)
                    for index, paragraph in enumerate(self.document.preamble, 1)]
        operative = [self._operative(index, paragraph.content, paragraph.points)
                     for index, paragraph in enumerate(self.document.operative, 1)]
        report = next((item.pop("_report") for item in preamble if "_report" in item), None)
        report = report or self._report()
        sessions = {key: item.pop(key) for item in operative for key in ("_report_session", "_agenda_session")
                    if key in item}
        default = self.header["session"] + registry()[self.header["organization"]].periodicity
        if not preamble:
            self.guess("the draft has no preamble: a placeholder paragraph […] left")
            preamble = [{"opener": "recalling", "en": placeholders.PROSE, "fr": placeholders.PROSE}]
        if not operative:
            self.guess("the draft has no operative part: a placeholder paragraph […] left")
            operative = [{"verb": "decides", "en": placeholders.PROSE, "fr": placeholders.PROSE}]
        return {**self.header, "report": report,
                "mandate": {"report_session": sessions.get("_report_session", default),
                            "agenda_session": sessions.get("_agenda_session", default)},
                "preamble": preamble, "operative": operative}

    def _report(self) -> str:
        """The report considered when no standard paragraph gives it: the first General Assembly
        document (not a resolution) cited in a footnote of the preamble; else a placeholder."""
        for paragraph in self.document.preamble:
            for item in paragraph.content.inlines:
                note = self.notes.get(item.number) if isinstance(item, FootnoteRef) else None
                found = _DOCUMENT.search(self.body(note.inlines)) if note is not None else None
                if found:
                    return found.group(1)
        session = self.header["session"]
        self.guess(f"no report of the Secretary-General is cited: placeholder {placeholders.report_symbol(session)} left")
        return placeholders.report_symbol(session)

    def _preambular(self, index: int, block: Block) -> dict[str, Any]:
        where = f"preambular paragraph {index}"
        opener, keys, body = self._opening(block, "preamble", where)
        for standard in (_report_considered, _charter_regional, _observer_status,
                         _cooperation_series, _security_council):
            found = standard(self, body, keys) if keys else None
            if found is not None:
                return {"_label": where, **found, "opener": opener}
        return {"_label": where, "opener": opener, "_text": Local(body)}

    def _operative(self, index: int, block: Block, points: list[Point]) -> dict[str, Any]:
        where = f"operative paragraph {index}"
        verb, keys, body = self._opening(block, "operative", where)
        if not points and keys:
            for standard in (_welcomes_report, _report_requested, _agenda_inclusion):
                found = standard(self, body, keys)
                if found is not None:
                    return {"_label": where, **found, "verb": verb}
        item: dict[str, Any] = {"_label": where, "verb": verb, "_text": Local(body)}
        if points:
            item["subparagraphs"] = self._points(points)
        return item

    def _points(self, points: list[Point]) -> list[dict[str, Any]]:
        out = []
        for point in points:
            item: dict[str, Any] = {"_text": Local(self.body(point.content.inlines))}
            if point.points:
                item["subparagraphs"] = self._points(point.points)
            out.append(item)
        return out

    def _opening(self, block: Block, section: str, where: str) -> tuple[Choice | Local, list[str], str]:
        """The opener or verb (lexicon keys, or the phrase itself when the lexicon lacks it),
        its keys, and the markup of the rest."""
        keys, phrase, body = _opening(block, self.code, self.notes, section, self.book)
        if keys:
            also = language(self.code).also_renders(section, keys)  # type: ignore[arg-type]
            return Choice(tuple(keys), where, phrase, also), keys, body
        kind = "opening phrase" if section == "preamble" else "operative verb"
        self.guess(f"{where}: the {kind} “{phrase}” is not in the lexicon: kept as written")
        return Local(phrase), keys, body

    def body(self, inlines: list[Inline]) -> str:
        return _body(inlines, self.code, self.notes)

    # -- checking a standard paragraph by composing it ----------------------------------------

    def renders(self, section: str, paragraph: dict[str, Any], body: str,
                report: str | None = None, session: int | None = None) -> bool:
        """Whether composing this standard paragraph gives back the body that was read."""
        return self.rendered(section, paragraph, report, session) == body

    def rendered(self, section: str, paragraph: dict[str, Any], report: str | None = None,
                 session: int | None = None) -> str | None:
        """The body that composing this standard paragraph gives, None if it cannot compose."""
        from drafter.composer import compose

        filler = ({"standard": "charter_regional"} if section == "operative"
                  else {"standard": "agenda_inclusion"})
        mandate = {"report_session": session or 1, "agenda_session": session or 1}
        source = {**single(self.header, self.code), "report": report or "A/1/1", "mandate": mandate,
                  "preamble": [paragraph if section == "preamble" else filler],
                  "operative": [paragraph if section == "operative" else filler]}
        try:
            document = compose(Resolution.model_validate(source), self.code)
        except (ValidationError, ValueError):
            return None
        parts = document.preamble if section == "preamble" else document.operative
        notes = {note.number: note.content for note in document.footnotes}
        return _opening(parts[0].content, self.code, notes, section)[2]


def _opening(block: Block, code: str, notes: dict[int, Block], section: str,
             book: PhraseBook = EMPTY) -> tuple[list[str], str, str]:
    """The opener's keys, the phrase as written and the markup of the rest, without the ending
    punctuation. The longest phrase of the lexicon or the phrase book wins; a phrase outside
    both is the italic words that open the paragraph, or its first word when nothing is italic."""
    text = block.text()
    keys = leading_phrases(text, code, section)  # type: ignore[arg-type]
    known = language(code).phrase(section, keys[0]) if keys else ""  # type: ignore[arg-type]
    booked = _book_phrase(book, text, code, section)
    if booked is not None and len(booked[1]) > len(known):
        keys, known = [booked[0]], booked[1]
    if keys:
        pattern = flexible(known)
    else:
        first = next((item for item in block.inlines if isinstance(item, Run) and item.text.strip()), None)
        words = (first.text if first is not None and first.italic else text).split()[:8]
        pattern = r"\s*" + flexible(" ".join(words if first is not None and first.italic else words[:1]))
    start = re.match(pattern + r"\s*", text)
    end = start.end() if start else 0
    phrase = " ".join(text[:end].split())
    return keys, phrase, _body(il.cut(block.inlines, end, len(text)), code, notes)


def _book_phrase(book: PhraseBook, text: str, code: str, section: str) -> tuple[str, str] | None:
    """The key and words of the phrase book's longest phrase that opens ``text``."""
    start = " ".join(text.split())
    found = [(key, phrase[code]) for key, phrase in book.entries.get(section, {}).items()
             if start.startswith(phrase[code]) and not start[len(phrase[code]):][:1].isalpha()]
    return max(found, key=lambda item: len(item[1]), default=None)


def _body(inlines: list[Inline], code: str, notes: dict[int, Block]) -> str:
    """The markup of a paragraph's body, its closing punctuation dropped."""
    inlines = canonical_marks(inlines, code)
    last = inlines[-1] if inlines else None
    if isinstance(last, Run) and last.text.rstrip()[-1:] in tuple(_ENDS):
        inlines = [*inlines[:-1], replace(last, text=last.text.rstrip()[:-1])]
    return re.sub(r"[ \t\r\n]+", " ", to_markup(merge_runs(inlines), notes, code)).strip()


def _both(text: str) -> dict[str, str]:
    return {"en": text, "fr": text}


Standard = Callable[[_Reader, str, list[str]], "dict[str, Any] | None"]


def _fixed(name: str, section: str, key_field: str) -> Standard:
    """A standard paragraph with no parameters of its own."""
    def recognise(reader: _Reader, body: str, keys: list[str]) -> dict[str, Any] | None:
        for key in keys:
            paragraph = {"standard": name, key_field: key}
            if reader.renders(section, paragraph, body):
                return {"standard": name, key_field: Choice(tuple(keys), name)}
        return None
    return recognise


_charter_regional = _fixed("charter_regional", "preamble", "opener")


def _report_considered(reader: _Reader, body: str, keys: list[str]) -> dict[str, Any] | None:
    found = _REPORT.search(body)
    if found is None:
        return None
    for key in keys:
        paragraph = {"standard": "report_considered", "opener": key}
        if reader.renders("preamble", paragraph, body, report=found.group(1)):
            return {"standard": "report_considered", "opener": Choice(tuple(keys), ""),
                    "_report": found.group(1)}
    return None


def _observer_status(reader: _Reader, body: str, keys: list[str]) -> dict[str, Any] | None:
    found = _RES.search(body)
    if found is None:
        return None
    observer = registry()[reader.header["organization"]].observer_status
    cited = {"number": found.group(1), "date": found.group(2)}
    default = observer and (observer.resolution, observer.date.isoformat()) == found.groups()
    for key in keys:
        paragraph = {"standard": "observer_status", "opener": key, "resolution": cited}
        if reader.renders("preamble", paragraph, body):
            out: dict[str, Any] = {"standard": "observer_status", "opener": Choice(tuple(keys), "")}
            if not default:
                out["resolution"] = cited
            return out
    return None


def _cooperation_series(reader: _Reader, body: str, keys: list[str]) -> dict[str, Any] | None:
    cited = [{"number": m.group(1), "date": m.group(2)} for m in _RES.finditer(body)]
    for count in range(len(cited), 0, -1):
        for key in keys:
            paragraph = {"standard": "cooperation_series", "opener": key,
                         "resolutions": cited[:count]}
            found = _with_rest(reader, "preamble", paragraph, body, ", ", "continuation")
            if found is not None:
                return {**found, "opener": Choice(tuple(keys), "")}
    return None


def _with_rest(reader: _Reader, section: str, paragraph: dict[str, Any], body: str,
               joint: str, field: str) -> dict[str, Any] | None:
    """The standard alone, or followed by ``joint`` and a continuation in prose."""
    alone = reader.rendered(section, paragraph)
    if alone is None:
        return None
    if alone == body:
        return dict(paragraph)
    rest = body[len(alone) + len(joint):]
    if body.startswith(alone + joint) and rest and reader.renders(
            section, {**paragraph, field: _both(rest)}, body):
        return {**paragraph, field: {"_text": Local(rest)}}
    return None


def _security_council(reader: _Reader, body: str, keys: list[str]) -> dict[str, Any] | None:
    resolutions = [{"number": int(m.group(1)), "year": int(m.group(2)),
                    **({"date": m.group(2) + m.group(3)} if m.group(3) else {})}
                   for m in _SC.finditer(body)]
    if not resolutions:
        return None
    statements = []
    for match in _STATEMENT.finditer(body):
        statement: dict[str, Any] = {"symbol": match.group(2), "date": match.group(1)}
        rest = match.group(3)
        if rest.rstrip(".").strip():
            source = _source(reader, keys[0], resolutions, statement, rest.rstrip(".").rstrip())
            if source is None:
                return None
            statement["source"] = source
        statements.append(statement)
    for key in keys:
        paragraph = {"standard": "security_council", "opener": key, "resolutions": resolutions,
                     "statements": [_plain_source(item) for item in statements]}
        if reader.renders("preamble", paragraph, body):
            return {**paragraph, "opener": Choice(tuple(keys), ""), "statements": statements}
    return None


def _plain_source(statement: dict[str, Any]) -> dict[str, Any]:
    source = statement.get("source")
    if source is None:
        return statement
    return {**statement, "source": _both(source["_text"].text)}


def _source(reader: _Reader, key: str, resolutions: list[dict[str, Any]],
            statement: dict[str, Any], rest: str) -> dict[str, Any] | None:
    """The publication after a statement's symbol: the words the template puts before it are
    found by trying each of the first few word boundaries until composing the statement alone
    gives back its footnote."""
    expected = f"{{doc|{statement['symbol']}}}{rest}"
    for space in [index for index, char in enumerate(rest) if char == " "][:4]:
        source = rest[space + 1:]
        paragraph = {"standard": "security_council", "opener": key, "resolutions": resolutions,
                     "statements": [{**statement, "source": _both(source)}]}
        if _footnote_of(reader, paragraph) == expected:
            return {"_text": Local(source)}
    return None


def _footnote_of(reader: _Reader, paragraph: dict[str, Any]) -> str | None:
    from drafter.composer import compose

    source = {**single(reader.header, reader.code), "report": "A/1/1",
              "mandate": {"report_session": 1, "agenda_session": 1},
              "preamble": [paragraph], "operative": [{"standard": "agenda_inclusion"}]}
    try:
        document = compose(Resolution.model_validate(source), reader.code)
    except (ValidationError, ValueError):
        return None
    return reader.body(document.footnotes[-1].content.inlines) if document.footnotes else None


def _welcomes_report(reader: _Reader, body: str, keys: list[str]) -> dict[str, Any] | None:
    for key in keys:
        found = _with_rest(reader, "operative", {"standard": "welcomes_report", "verb": key},
                           body, " ", "continuation")
        if found is not None:
            return {**found, "verb": Choice(tuple(keys), "")}
    return None


def _session_standard(name: str, field: str) -> Standard:
    """A follow-up paragraph that names a session: the session is read, then checked."""
    def recognise(reader: _Reader, body: str, keys: list[str]) -> dict[str, Any] | None:
        found = re.search(patterns(reader.code).session("session"), body)
        if found is None:
            return None
        session = patterns(reader.code).read_session(found.group("session"))
        for key in keys:
            if reader.renders("operative", {"standard": name, "verb": key}, body, session=session):
                return {"standard": name, "verb": Choice(tuple(keys), ""), field: session}
        return None
    return recognise


_report_requested = _session_standard("report_requested", "_report_session")
_agenda_inclusion = _session_standard("agenda_inclusion", "_agenda_session")
