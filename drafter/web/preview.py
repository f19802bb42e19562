"""What the editor shows for a source text: its data, both pages as HTML, and every finding.

The same path as the commands: ``source.parse_located``, compose per language,
``writers.html``, then ``validate.check_source_text`` (which locates each finding in the text).
Each finding and error is placed at a paragraph of the source (part and index) with its line and
column, so the page can show it beside that paragraph. A text that does not load still gives its data (when it is YAML) and its
located errors, never an exception.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from drafter.findings import Finding
from drafter.phrasebook import PhraseBook
from drafter.regexes import compiled
from drafter.source import Positions, SourceError, SourceInvalid, parse_located, read_yaml

LANGUAGES = ("en", "fr")
_LABEL = compiled(r"^(?:(preambular|operative) paragraph (\d+)|(the operative paragraph))")


class Preview(Struct):
    """The answer to one keystroke; ``html`` is empty when the text did not compose."""

    data: dict[str, Any] | None
    html: dict[str, str] = field(default_factory=dict)
    findings: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors

    def as_json(self) -> dict[str, Any]:
        return {"data": _plain(self.data), "html": self.html, "findings": self.findings,
                "errors": self.errors, "valid": self.valid}


def preview(text: str, name: str, templates: Path | None = None,
            phrases: PhraseBook | None = None) -> Preview:
    """Load, compose, write and check ``text`` (the source called ``name``, whose keys may come
    from the phrase book ``phrases``)."""
    from drafter.composer import compose
    from drafter.markup import MarkupError
    from drafter.rules import all_rules
    from drafter.templating import TemplateFailure
    from drafter.commands.validate import Unreadable, check_source_text
    from drafter.writers.html import write_html

    try:
        located = parse_located(text, name, phrases)
    except SourceInvalid as invalid:
        return _invalid(text, name, invalid.errors)
    try:
        documents = {lang: compose(located.resolution, lang, templates) for lang in LANGUAGES}
    except (MarkupError, TemplateFailure) as error:
        failure = SourceError(name, 1, 1, str(error))
        return _invalid(text, name, [failure])
    data, positions = read_yaml(text, name)
    try:
        findings = check_source_text(text, name, all_rules(), phrases=phrases)
    except Unreadable as unreadable:
        problems = [SourceError(name, problem.line or 1, problem.column or 1, problem.message)
                    for problem in unreadable.problems]
        return _invalid(text, name, problems)
    return Preview(
        data=data,
        html={lang: write_html(document) for lang, document in documents.items()},
        findings=[_finding(finding, positions) for finding in findings],
    )


def _invalid(text: str, name: str, errors: list[SourceError]) -> Preview:
    try:
        data, positions = read_yaml(text, name)
    except SourceInvalid:
        data, positions = None, None
    return Preview(data=data, errors=[_error(error, positions) for error in errors])


def _finding(finding: Finding, positions: Positions) -> dict[str, Any]:
    part, index = _paragraph_of(finding.paragraph)
    path: tuple[str | int, ...] = (part, index) if part is not None and index is not None else ()
    if path and finding.lang:
        path = (*path, finding.lang)
    line, column = positions.at(*path)
    return {"code": finding.code, "severity": finding.severity, "message": finding.message,
            "hint": finding.hint, "paragraph": finding.place, "part": part, "index": index,
            "line": line, "column": column}


def _paragraph_of(label: str) -> tuple[str | None, int | None]:
    """"operative paragraph 3, sub-paragraph (b)" → ("operative", 2)."""
    found = _LABEL.match(label)
    if found is None:
        return None, None
    if found.group(3):
        return "operative", 0
    part = "preamble" if found.group(1) == "preambular" else "operative"
    return part, int(found.group(2)) - 1


def _error(error: SourceError, positions: Positions | None) -> dict[str, Any]:
    part, index = _paragraph_at(error.line, positions) if positions else (None, None)
    return {"code": "source", "severity": "error", "message": error.message, "hint": "",
            "paragraph": "", "part": part, "index": index, "line": error.line,
            "column": error.column}


def _paragraph_at(line: int, positions: Positions) -> tuple[str | None, int | None]:
    """The paragraph whose lines hold ``line``: the last one starting at or before it."""
    best: tuple[str | None, int | None] = (None, None)
    best_line = 0
    for path, (start, _) in positions.values.items():
        if len(path) == 2 and path[0] in ("preamble", "operative") and isinstance(path[1], int):
            if best_line < start <= line:
                best, best_line = (str(path[0]), path[1]), start
    if best[0] is not None:
        following = [start for path, (start, _) in positions.values.items()
                     if len(path) == 1 and best_line < start <= line]
        if following:  # a top-level field after the list: not in a paragraph
            return None, None
    return best


def _plain(value: Any) -> Any:
    """Data as JSON can carry it: dates as their ISO text."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value
