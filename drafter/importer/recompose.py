"""Composing one standard paragraph with the read document's header and language: a reading of
a paragraph as a standard one is right only when composing it gives back what was read."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from drafter.document import Document
from drafter.importer.opening import body, opening
from drafter.pairing import single
from drafter.resolution import Resolution


class Recomposer:
    """The read document's metadata and language, to compose standard paragraphs with."""

    def __init__(self, header: dict[str, Any], code: str) -> None:
        self.organization: str = header["organization"]
        self.code = code
        self._header = single(header, code)

    def renders(self, section: str, paragraph: dict[str, Any], body: str,
                report: str | None = None, session: int | None = None) -> bool:
        """Whether composing this standard paragraph gives back the body that was read."""
        return self.rendered(section, paragraph, report, session) == body

    def rendered(self, section: str, paragraph: dict[str, Any], report: str | None = None,
                 session: int | None = None) -> str | None:
        """The body that composing this standard paragraph gives, None if it cannot compose."""
        document = self._compose(section, paragraph, report, session)
        if document is None:
            return None
        parts = document.preamble if section == "preamble" else document.operative
        notes = {note.number: note.content for note in document.footnotes}
        return opening(parts[0].content, self.code, notes, section)[2]

    def footnote(self, paragraph: dict[str, Any]) -> str | None:
        """The markup of the last footnote composing this preambular paragraph gives."""
        document = self._compose("preamble", paragraph)
        if document is None or not document.footnotes:
            return None
        notes = {note.number: note.content for note in document.footnotes}
        return body(document.footnotes[-1].content.inlines, self.code, notes)

    def _compose(self, section: str, paragraph: dict[str, Any], report: str | None = None,
                 session: int | None = None) -> Document | None:
        """A resolution of this one paragraph (and a standard one in the other part)."""
        from drafter.composer import compose

        filler = ({"standard": "charter_regional"} if section == "operative"
                  else {"standard": "agenda_inclusion"})
        mandate = {"report_session": session or 1, "agenda_session": session or 1}
        source = {**self._header, "report": report or "A/1/1", "mandate": mandate,
                  "preamble": [paragraph if section == "preamble" else filler],
                  "operative": [paragraph if section == "operative" else filler]}
        try:
            return compose(Resolution.model_validate(source), self.code)
        except (ValidationError, ValueError):
            return None
