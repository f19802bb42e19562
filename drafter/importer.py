"""Turn read Documents back into a bilingual Resolution: the inverse of composing.

Openers and verbs become lexicon keys, formatting and citations become markup, and a paragraph
becomes a standard paragraph only when composing that standard, with the parameters read from
the paragraph, gives back exactly the paragraph that was read; anything else stays prose.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from drafter.document import Block, Document, Inline, Point, Run, merge_runs
from drafter.language import LANGUAGES, language
from drafter.organizations import every_form, registry
from drafter.pairing import Choice, Local, PairingFailure, pair, single
from drafter.readers import inlines as il
from drafter.readers.markup import canonical_marks, to_markup
from drafter.readers.patterns import flexible, leading_phrases, patterns
from drafter.readers.structure import skeleton
from drafter.resolution import Resolution

_ENDS = ",;.:"
_RES = re.compile(r"\{res\|([^|{}]+)\|(\d{4}-\d{2}-\d{2})\}")
_SC = re.compile(r"\{sc\|(\d+)\|(\d{4})(-\d{2}-\d{2})?\}")
_STATEMENT = re.compile(r"\{date\|([\d-]+)\}\{fn\|\{doc\|(S/PRST/\d{4}/\d+)\}((?:[^{}]|\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})*)\}")
_REPORT = re.compile(r"\{fn\|\{doc\|([^{}|]+)\}\.\}")


class ImportFailure(Exception):
    """A read document that does not make a valid source; the message says where and why."""


def import_document(document: Document) -> Resolution:
    """The Resolution of one language's Document; the other language is marked [to translate]."""
    return _validate(single(_Reader(document).tree(), document.lang))


def import_pair(english: Document, french: Document) -> Resolution:
    """The Resolution of an English and a French Document of the same text."""
    trees = [_Reader(document).tree() for document in (english, french)]
    try:
        return _validate(pair(trees[0], trees[1]))
    except PairingFailure as failure:
        raise ImportFailure(str(failure)) from None


def import_files(path: Path, pair_path: Path | None = None,
                 lang: str | None = None) -> tuple[Resolution, str | None]:
    """The Resolution of a Word or text draft, and with ``pair_path`` its other-language version.

    The second value is the one language that was read, or None when both were. Raises
    ReadFailure for a file that cannot be read, ImportFailure for one that is not a source.
    """
    from drafter.readers import read

    first = read(path, lang)
    if pair_path is None:
        return import_document(first), first.lang
    other = read(pair_path, None)
    if other.lang == first.lang:
        raise ImportFailure(f"{path} and {pair_path} are both in {language(first.lang).name}; "
                            "--pair takes the other language's version")
    english, french = sorted((first, other), key=lambda document: LANGUAGES.index(document.lang))
    return import_pair(english, french), None


def _validate(tree: dict[str, Any]) -> Resolution:
    try:
        return Resolution.model_validate(tree)
    except ValidationError as error:
        first = error.errors()[0]
        where = " ".join(str(part) for part in first["loc"])
        raise ImportFailure(f"the document does not make a valid source ({where}: {first['msg']}); "
                            "correct the draft and import it again") from None


class _Reader:
    """One language's Document, read into the source tree (prose as Local leaves)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.code = document.lang
        self.notes = {note.number: note.content for note in document.footnotes}
        self.header = self._header()

    # -- header -------------------------------------------------------------------------------

    def _groups(self) -> dict[str, str]:
        preface = self.document.preface
        found: dict[str, str] = {}
        for step in skeleton(self.code).steps:
            block = getattr(preface, step.name)
            if block is None or step.name == "united_nations":
                continue
            match = step.pattern.fullmatch(" ".join(block.text().split()))
            if match is None:
                raise ImportFailure(f"the {step.name.replace('_', ' ')} {block.text()!r} is not "
                                    "in the form drafter writes; correct it")
            found.update({key: value for key, value in match.groupdict().items() if value})
            if step.name == "adoption":
                adopted = patterns(self.code).read_date(match, "adoption")
                if adopted is not None:
                    found["adoption_date"] = adopted.isoformat()
        return found

    def _header(self) -> dict[str, Any]:
        document, groups = self.document, self._groups()
        lang = language(self.code)
        adopted = document.preface.adoption is not None
        header: dict[str, Any] = {
            "session": patterns(self.code).read_session(groups["session"]),
            "agenda_item": {"number": int(groups["item"]), "sub_item": groups.get("sub_item")},
            "stage": "adopted" if adopted else "draft",
            "symbol": document.preface.symbol,
            "draft_symbol": groups.get("draft_symbol"),
            "distribution_date": document.issued,
        }
        if not header["symbol"]:
            raise ImportFailure("the document symbol (such as A/79/L.12) is missing from the first "
                                "line; add it after \"United Nations\" and import again")
        if adopted:
            if document.conclusions is None:
                raise ImportFailure("an adopted resolution ends with its plenary meeting and date; "
                                    "add them after the last operative paragraph")
            meeting = re.match(r"\d+", document.conclusions.meeting.text())
            header["adoption"] = {"date": groups.get("adoption_date"), "meeting": int(meeting.group())}  # type: ignore[union-attr]
        if groups.get("sponsors"):
            names = groups["sponsors"].rsplit(lang.list_style.last, 1)
            names = names[0].split(lang.list_style.separator) + names[1:]
            header["sponsors"] = [{"_text": Local(name.strip())} for name in names]
        header["page_size"] = document.page_size
        header["organization"] = self._organization()
        return header

    def _organization(self) -> str:
        title = " ".join(self.document.preface.title.text().split())
        found = [(len(org.forms(self.code).the), key) for key, org in every_form()
                 if title.endswith(" " + org.forms(self.code).the)]
        if not found:
            raise ImportFailure(f"the title {title!r} names no organization drafter knows; "
                                "see data/organizations.yaml")
        return max(found)[1]

    # -- the tree -----------------------------------------------------------------------------

    def tree(self) -> dict[str, Any]:
        preamble = [self._preambular(index, paragraph.content)
                    for index, paragraph in enumerate(self.document.preamble, 1)]
        operative = [self._operative(index, paragraph.content, paragraph.points)
                     for index, paragraph in enumerate(self.document.operative, 1)]
        report = next((item.pop("_report") for item in preamble if "_report" in item), None)
        if report is None:
            raise ImportFailure("no paragraph considers the report of the Secretary-General with "
                                "its symbol in a footnote; drafter needs the report's symbol")
        sessions = {key: item.pop(key) for item in operative for key in ("_report_session", "_agenda_session")
                    if key in item}
        default = self.header["session"] + registry()[self.header["organization"]].periodicity
        return {**self.header, "report": report,
                "mandate": {"report_session": sessions.get("_report_session", default),
                            "agenda_session": sessions.get("_agenda_session", default)},
                "preamble": preamble, "operative": operative}

    def _preambular(self, index: int, block: Block) -> dict[str, Any]:
        where = f"preambular paragraph {index}"
        keys, body = self._opening(block, "preamble", where)
        for standard in (_report_considered, _charter_regional, _observer_status,
                         _cooperation_series, _security_council):
            found = standard(self, body, keys)
            if found is not None:
                return {"_label": where, **found, "opener": Choice(tuple(keys), where)}
        return {"_label": where, "opener": Choice(tuple(keys), where), "_text": Local(body)}

    def _operative(self, index: int, block: Block, points: list[Point]) -> dict[str, Any]:
        where = f"operative paragraph {index}"
        keys, body = self._opening(block, "operative", where)
        if not points:
            for standard in (_welcomes_report, _report_requested, _agenda_inclusion):
                found = standard(self, body, keys)
                if found is not None:
                    return {"_label": where, **found, "verb": Choice(tuple(keys), where)}
        item: dict[str, Any] = {"_label": where, "verb": Choice(tuple(keys), where),
                                "_text": Local(body)}
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

    def _opening(self, block: Block, section: str, where: str) -> tuple[list[str], str]:
        return _opening(block, self.code, self.notes, section, where)

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
        from drafter.compose import compose

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
        try:
            return _opening(parts[0].content, self.code, notes, section, "")[1]
        except ImportFailure:
            return None


def _opening(block: Block, code: str, notes: dict[int, Block], section: str,
             where: str) -> tuple[list[str], str]:
    """The opener's keys and the markup of the rest, without the ending punctuation."""
    text = block.text()
    keys = leading_phrases(text, code, section)  # type: ignore[arg-type]
    if not keys:
        kind = "an opening phrase" if section == "preamble" else "an operative verb"
        raise ImportFailure(f"{where} ({' '.join(text.split()[:4])} …) does not start with "
                            f"{kind} drafter knows; use one of `drafter phrases {section}`")
    phrase = language(code).phrase(section, keys[0])  # type: ignore[arg-type]
    start = re.match(flexible(phrase) + r"\s*", text)
    return keys, _body(il.cut(block.inlines, start.end(), len(text)), code, notes)  # type: ignore[union-attr]


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
    from drafter.compose import compose

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
