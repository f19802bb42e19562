"""The body of a read document: its preambular and operative paragraphs and their points, each a
standard paragraph when composing that standard gives it back, else prose after its opening."""

from __future__ import annotations

from typing import Any

from drafter import placeholders
from drafter.document import Block, Document, FootnoteRef, Point
from drafter.importer.guesses import Guesses
from drafter.importer.opening import body, opening
from drafter.importer.recompose import Recomposer
from drafter.importer.standards import OPERATIVE, PREAMBULAR
from drafter.language import language
from drafter.organizations import registry
from drafter.pairing import Choice, Local
from drafter.phrasebook import PhraseBook
from drafter.regexes import compiled

#: A General Assembly document, not a resolution, cited in a footnote: the report considered.
_DOCUMENT = compiled(r"\{doc\|(A/(?!RES/)[^{}|]+)\}")


def read_body(document: Document, header: dict[str, Any], book: PhraseBook,
              guesses: Guesses) -> dict[str, Any]:
    """The source tree: the header's metadata, the report, the mandate and the paragraphs."""
    reader = Paragraphs(document, Recomposer(header, document.lang), book, guesses)
    preamble = [reader.preambular(index, paragraph.content)
                for index, paragraph in enumerate(document.preamble, 1)]
    operative = [reader.operative(index, paragraph.content, paragraph.points)
                 for index, paragraph in enumerate(document.operative, 1)]
    report = next((item.pop("_report") for item in preamble if "_report" in item), None)
    report = report or reader.cited_report()
    if report is None:
        report = placeholders.report_symbol(header["session"])
        guesses.add(f"no report of the Secretary-General is cited: placeholder {report} left")
    sessions = {key: item.pop(key) for item in operative for key in ("_report_session", "_agenda_session")
                if key in item}
    default = header["session"] + registry()[header["organization"]].periodicity
    if not preamble:
        guesses.add("the draft has no preamble: a placeholder paragraph […] left")
        preamble = [{"opener": "recalling", "en": placeholders.PROSE, "fr": placeholders.PROSE}]
    if not operative:
        guesses.add("the draft has no operative part: a placeholder paragraph […] left")
        operative = [{"verb": "decides", "en": placeholders.PROSE, "fr": placeholders.PROSE}]
    return {**header, "report": report,
            "mandate": {"report_session": sessions.get("_report_session", default),
                        "agenda_session": sessions.get("_agenda_session", default)},
            "preamble": preamble, "operative": operative}


class Paragraphs:
    """One language's paragraphs read into source items (prose as Local leaves)."""

    def __init__(self, document: Document, composer: Recomposer, book: PhraseBook,
                 guesses: Guesses) -> None:
        self.document, self.composer, self.book, self.guesses = document, composer, book, guesses
        self.code = document.lang
        self.notes = {note.number: note.content for note in document.footnotes}

    def preambular(self, index: int, block: Block) -> dict[str, Any]:
        where = f"preambular paragraph {index}"
        opener, keys, text = self._opening(block, "preamble", where)
        for standard in PREAMBULAR:
            found = standard(self.composer, text, keys) if keys else None
            if found is not None:
                return {"_label": where, **found, "opener": opener}
        return {"_label": where, "opener": opener, "_text": Local(text)}

    def operative(self, index: int, block: Block, points: list[Point]) -> dict[str, Any]:
        where = f"operative paragraph {index}"
        verb, keys, text = self._opening(block, "operative", where)
        if not points and keys:
            for standard in OPERATIVE:
                found = standard(self.composer, text, keys)
                if found is not None:
                    return {"_label": where, **found, "verb": verb}
        item: dict[str, Any] = {"_label": where, "verb": verb, "_text": Local(text)}
        if points:
            item["subparagraphs"] = self._points(points)
        return item

    def _points(self, points: list[Point]) -> list[dict[str, Any]]:
        out = []
        for point in points:
            item: dict[str, Any] = {"_text": Local(body(point.content.inlines, self.code, self.notes))}
            if point.points:
                item["subparagraphs"] = self._points(point.points)
            out.append(item)
        return out

    def _opening(self, block: Block, section: str, where: str) -> tuple[Choice | Local, list[str], str]:
        """The opener or verb (lexicon keys, or the phrase itself when the lexicon lacks it),
        its keys, and the markup of the rest."""
        keys, phrase, text = opening(block, self.code, self.notes, section, self.book)
        if keys:
            also = language(self.code).also_renders(section, keys)  # type: ignore[arg-type]
            return Choice(tuple(keys), where, phrase, also), keys, text
        kind = "opening phrase" if section == "preamble" else "operative verb"
        self.guesses.add(f"{where}: the {kind} “{phrase}” is not in the lexicon: kept as written")
        return Local(phrase), keys, text

    def cited_report(self) -> str | None:
        """The report considered when no standard paragraph gives it: the first General
        Assembly document (not a resolution) cited in a footnote of the preamble."""
        for paragraph in self.document.preamble:
            for item in paragraph.content.inlines:
                note = self.notes.get(item.number) if isinstance(item, FootnoteRef) else None
                found = _DOCUMENT.search(body(note.inlines, self.code, self.notes)) if note is not None else None
                if found:
                    return found.group(1)
        return None
