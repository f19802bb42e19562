"""What a check reports: a finding with its rule code, severity, place and advice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Where:
    """A place in one document: a paragraph as a reader names it, and its first words."""

    paragraph: str  # "operative paragraph 3", "footnote 2", "the document"
    order: int = 0  # position in reading order, to list findings as the text runs
    excerpt: str = ""  # the paragraph's first words, to find it in Word


@dataclass(frozen=True, slots=True)
class Issue:
    """What a check found, before the engine adds the rule and the file."""

    where: Where
    message: str
    hint: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One reported problem, located in a file."""

    code: str
    severity: Severity
    message: str
    hint: str
    file: str
    paragraph: str
    excerpt: str = ""
    order: int = 0
    lang: str | None = None  # set when a source's finding concerns one language only

    @property
    def place(self) -> str:
        """The paragraph, with the language when only one language is concerned."""
        return f"{self.paragraph} ({self.lang})" if self.lang else self.paragraph
