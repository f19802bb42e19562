"""What a check reports: a finding with its rule code, severity, place and advice."""

from __future__ import annotations

from typing import Literal

from msgspec import Struct
from msgspec.structs import replace

Severity = Literal["error", "warning"]

#: Where a finding on a YAML source points: a path of field names and list indices,
#: ("operative", 2, "fr") for the French of operative paragraph 3.
FieldPath = tuple[str | int, ...]


class Where(Struct, frozen=True):
    """A place in one document: a paragraph as a reader names it, and its first words."""

    paragraph: str  # "operative paragraph 3", "footnote 2", "the document"
    order: int = 0  # position in reading order, to list findings as the text runs
    excerpt: str = ""  # the paragraph's first words, to find it in Word
    words: str = ""  # the words at fault, quoted as they are written, when a rule knows them
    field: FieldPath | None = None  # for checks on a source: the field concerned

    def at(self, words: str) -> Where:
        """The same place, pointing at the words at fault."""
        return replace(self, words=words)


class Issue(Struct, frozen=True):
    """What a check found, before the engine adds the rule and the file."""

    where: Where
    message: str
    hint: str


class Finding(Struct, frozen=True):
    """One reported problem, located in a file."""

    code: str
    severity: Severity
    message: str
    hint: str
    file: str
    paragraph: str
    excerpt: str = ""  # the paragraph's first words
    order: int = 0
    lang: str | None = None  # set when a source's finding concerns one language only
    words: str = ""  # the words at fault, when the rule knows them
    line: int | None = None  # a source's findings: where the field or paragraph starts
    column: int | None = None
    field: FieldPath | None = None  # a source's field, when the rule knows it

    @property
    def place(self) -> str:
        """The paragraph, with the language when only one language is concerned."""
        return f"{self.paragraph} ({self.lang})" if self.lang else self.paragraph

    @property
    def quoted(self) -> str:
        """What the finding points at: the words at fault, or else the paragraph's first words."""
        return self.words or self.excerpt


#: Codes of the files that cannot be checked, which no rule can select or ignore.
UNREADABLE, INVALID, PAIR, BUG = "I001", "I002", "I003", "I999"
INPUT_CODES = {
    UNREADABLE: "The file cannot be opened as a document (not a Word or UTF-8 text file, "
                "encrypted, over the size limits, or with no text).",
    INVALID: "The YAML source does not follow the source format; the message gives the line "
             "and column.",
    PAIR: "The two files given with --pair cannot be compared (the same language, or the same "
          "file).",
    BUG: "drafter met a bug while checking the file; the other files are still checked. "
         "Please report it.",
}
