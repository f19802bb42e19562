"""What an import could not read (ImportFailure) and what it assumed in its place (Guesses)."""

from __future__ import annotations


class ImportFailure(Exception):
    """A read document that does not make a valid source; the message says where and why."""


class Guesses:
    """What the source holds that the document did not say, each said once, in the order
    found: ``drafter import`` prints these lines and writes them at the top of the source."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, note: str) -> None:
        if note not in self.lines:
            self.lines.append(note)
