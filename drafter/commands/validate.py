"""``drafter validate``: check sources, Word and text files against the rule catalogue.

Inputs are read (a YAML source is composed in both languages), every chosen rule runs, and the
findings are reported as text, JSON or SARIF with an exit code.
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct, field
from msgspec.structs import replace

from drafter.document import Document
from drafter.exits import EXIT_BUG, EXIT_INPUT
from drafter.findings import BUG, INVALID, PAIR, UNREADABLE, Finding, Issue
from drafter.language import LANGUAGES, language
from drafter.rules import Rule, all_rules
from drafter.rules.draft import Draft, Origin
from drafter.rules.wording import forget, phrase_book, shortened

if TYPE_CHECKING:
    from drafter.phrasebook import PhraseBook
    from drafter.source import Located, SourceInvalid

#: Exit codes: clean, an error-severity finding, an input that cannot be read (as every command
#: says it); a bug in drafter is exits.EXIT_BUG.
EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, EXIT_INPUT
FORMATS = ("text", "json", "sarif")
SOURCE_SUFFIXES = (".yaml", ".yml")


class Unreadable(Exception):
    """An input that cannot be checked; carries one Problem per reason."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__("\n".join(problem.message for problem in problems))
        self.problems = list(problems)


class Problem(Struct, frozen=True):
    """A file that could not be checked: one sentence naming it, and a code (see INPUT_CODES)."""

    file: str
    code: str
    message: str
    line: int | None = None
    column: int | None = None


class Report(Struct):
    """Findings of one call, with the inputs that could not be checked."""

    findings: list[Finding] = field(default_factory=list)
    unreadable: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    checked: int = 0

    @property
    def exit_code(self) -> int:
        if any(problem.code == BUG for problem in self.unreadable):
            return EXIT_BUG
        if self.unreadable:
            return EXIT_UNREADABLE
        if any(finding.severity == "error" for finding in self.findings):
            return EXIT_FINDINGS
        return EXIT_CLEAN


# -- choosing rules ---------------------------------------------------------------------------

def choose_rules(select: str | None, ignore: str | None, unverified: bool = True) -> list[Rule]:
    """The rules to run: codes or code prefixes ("T8", "B") to select and to ignore.

    Raise ValueError for a code that names no rule.
    """
    rules = all_rules()
    chosen = [rule for rule in rules if _matches(rule, _codes(select))] if select else list(rules)
    ignored = _codes(ignore)
    chosen = [rule for rule in chosen if not (ignored and _matches(rule, ignored))]
    return [rule for rule in chosen if unverified or not rule.unverified]


def _codes(value: str | None) -> list[str]:
    codes = [code.strip().upper() for code in (value or "").split(",") if code.strip()]
    unknown = [code for code in codes if not any(rule.code.startswith(code) for rule in all_rules())]
    if unknown:
        raise ValueError(f"no rule has the code {', '.join(unknown)}; `drafter rules` lists them")
    return codes


def _matches(rule: Rule, codes: list[str]) -> bool:
    return any(rule.code.startswith(code) for code in codes)


# -- running rules ----------------------------------------------------------------------------

def check_document(document: Document, origin: Origin, file: str, rules: Iterable[Rule]) -> list[Finding]:
    """The findings of the one-language rules on one Document."""
    return _check_draft(Draft(document, origin), file, rules)


def check_pair(english: Document, french: Document, origin: Origin, file: str,
               rules: Iterable[Rule]) -> list[Finding]:
    """The findings of the concordance rules on an English and a French Document."""
    return _check_drafts(Draft(english, origin), Draft(french, origin), file, rules)


def _check_draft(draft: Draft, file: str, rules: Iterable[Rule]) -> list[Finding]:
    return [_finding(rule, issue, file) for rule in rules if rule.document
            for issue in rule.document(draft)]


def _check_drafts(left: Draft, right: Draft, file: str, rules: Iterable[Rule]) -> list[Finding]:
    return [_finding(rule, issue, file) for rule in rules if rule.pair
            for issue in rule.pair(left, right)]


def check_source(path: Path, rules: list[Rule], lang: str | None = None) -> list[Finding]:
    """Every finding on a YAML source, each with the line and column of its field or paragraph.

    Raise Unreadable for a file that is not a valid source, with each mistake located.
    """
    from drafter.source import SourceInvalid, load_located

    try:
        located = load_located(path)
    except SourceInvalid as invalid:
        raise _invalid(invalid) from None
    return _check_located(located, str(path), rules, lang)


def check_source_text(text: str, file: str, rules: list[Rule], lang: str | None = None,
                      phrases: PhraseBook | None = None) -> list[Finding]:
    """The located findings of a source given as text (``file`` names it in the findings;
    ``phrases`` is the phrase book its keys may come from, as ``drafter serve`` finds it)."""
    from drafter.source import SourceInvalid, parse_located

    try:
        located = parse_located(text, file, phrases)
    except SourceInvalid as invalid:
        raise _invalid(invalid) from None
    try:
        return _check_located(located, file, rules, lang)
    finally:
        forget()  # what the rules remembered of this text's paragraphs


def _check_located(located: Located, file: str, rules: list[Rule], lang: str | None) -> list[Finding]:
    from drafter.composer import compose
    from drafter.markup import MarkupError
    from drafter.rules.sources import source_map
    from drafter.templating import TemplateFailure

    resolution = located.resolution
    languages = [lang] if lang else ["en", "fr"]
    try:
        documents = {code: compose(resolution, code) for code in languages}
    except (MarkupError, TemplateFailure) as error:
        raise Unreadable(Problem(file, INVALID, _named(file, _shown(str(error))))) from None
    findings = [_finding(rule, issue, file) for rule in rules if rule.resolution
                for issue in rule.resolution(resolution)]
    # One Draft a language for both kinds of rules: its paragraphs and their texts, built once.
    drafts = {code: Draft(document, "source") for code, document in documents.items()}
    findings += _merge_languages({code: _check_draft(draft, file, rules)
                                  for code, draft in drafts.items()})
    if len(drafts) == 2:
        findings += _check_drafts(drafts["en"], drafts["fr"], file, rules)
    where = source_map(resolution, located.positions, next(iter(documents.values())))
    return [where.locate(finding) for finding in findings]


def _invalid(invalid: SourceInvalid) -> Unreadable:
    return Unreadable(*(Problem(error.path, INVALID, _shown(str(error)), error.line, error.column)
                        for error in invalid.errors))


def _merge_languages(by_language: dict[str, list[Finding]]) -> list[Finding]:
    """One finding where both renderings of a source have it; the language where only one has.

    Both renderings have the same paragraphs in the same order, so a finding is the same one
    when its rule and its paragraph's place in reading order are.
    """
    groups: dict[tuple[str, int, str], dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for code, findings in by_language.items():
        for finding in findings:
            heading = finding.paragraph if finding.order <= 0 else ""
            groups[(finding.code, finding.order, heading)][code].append(finding)
    merged = []
    for per_code in groups.values():
        lists = list(per_code.values())
        for index in range(max(map(len, lists))):
            present = [(code, items[index]) for code, items in per_code.items() if index < len(items)]
            code, finding = present[0]
            lang = code if len(present) == 1 and len(by_language) > 1 else None
            merged.append(replace(finding, lang=lang))
    return merged


def _finding(rule: Rule, issue: Issue, file: str) -> Finding:
    where = issue.where
    return Finding(rule.code, rule.severity, _shown(issue.message), _shown(issue.hint), file,
                   where.paragraph, _shown(shortened(where.excerpt, 60)), where.order,
                   words=_shown(where.words), field=where.field)


def read_document(path: Path, lang: str | None) -> tuple[Document, Origin]:
    """A Word or text file as a Document; raise Unreadable with a sentence naming the file."""
    from drafter.readers import ReadFailure, read

    try:
        document = read(path, lang)
    except ReadFailure as failure:
        raise Unreadable(Problem(str(path), UNREADABLE, _named(str(path), _shown(str(failure))))) from None
    return document, "docx" if path.suffix.lower() == ".docx" else "text"


def _named(file: str, message: str) -> str:
    return message if file in message else f"{file}: {message}"


def _shown(text: str) -> str:
    """Text from a file as it may be printed: no control character reaches the terminal raw."""
    from drafter.terminal import printable

    return printable(text)


def validate(files: list[Path], pair: Path | None, lang: str | None, rules: list[Rule]) -> Report:
    """Check every file; with ``pair``, also check the single file against its other version.

    Each file is checked on its own: one that cannot be read, or that meets a bug in drafter,
    is reported as such and the others are still checked.
    """
    report = Report()
    if pair is not None and files and _same_file(files[0], pair):
        report.files.append(str(files[0]))
        report.unreadable.append(Problem(str(files[0]), PAIR, _shown(
            f"{files[0]}: --pair names this same file; give the other language's version")))
        return report
    documents: dict[Path, tuple[Document, Origin]] = {}
    for path in [*files, *([pair] if pair else [])]:
        report.files.append(str(path))
        try:
            if path.suffix.lower() in SOURCE_SUFFIXES:
                report.findings += check_source(path, rules, lang)
            else:
                book = _book(path)
                document, origin = read_document(path, lang if path != pair else _other(lang))
                documents[path] = (document, origin)
                with phrase_book(book):
                    report.findings += check_document(document, origin, str(path), rules)
            report.checked += 1
        except Unreadable as unreadable:
            report.unreadable += unreadable.problems
        except Exception as error:  # one file's bug must not cost the others their findings
            if os.environ.get("DRAFTER_DEBUG"):
                raise
            report.unreadable.append(_bug(str(path), error))
        finally:
            forget()  # what the rules remembered of this file's paragraphs
    if pair and files[0] in documents and pair in documents:
        try:
            with phrase_book(_book(files[0])):
                report.findings += _check_pair(files[0], pair, documents, rules)
        except Unreadable as unreadable:
            report.unreadable += unreadable.problems
        except Exception as error:
            if os.environ.get("DRAFTER_DEBUG"):
                raise
            report.unreadable.append(_bug(str(files[0]), error))
        finally:
            forget()
    report.findings.sort(key=lambda finding: (report.files.index(finding.file), finding.order,
                                              finding.code))
    return report


def _book(path: Path) -> PhraseBook:
    """The phrase book of --phrases and of a phrases.yaml beside the draft: its openers and verbs
    are known ones too."""
    from drafter.phrasebook import book_for
    from drafter.source import SourceInvalid

    try:
        return book_for(path)
    except SourceInvalid as invalid:
        raise _invalid(invalid) from None


def _bug(file: str, error: Exception) -> Problem:
    return Problem(file, BUG, _shown(
        f"{file}: internal error while checking this file ({type(error).__name__}: {error}); "
        "please report it, with the file. The other files were checked. DRAFTER_DEBUG=1 shows "
        "the details."))


def _other(lang: str | None) -> str | None:
    return {"en": "fr", "fr": "en"}.get(lang or "")


def _check_pair(first: Path, other: Path, documents: dict[Path, tuple[Document, Origin]],
                rules: list[Rule]) -> list[Finding]:
    (one, origin), (two, _) = documents[first], documents[other]
    by_lang = {one.lang: one, two.lang: two}
    if set(by_lang) != {"en", "fr"}:
        raise Unreadable(Problem(str(first), PAIR,
                                 f"{first} and {other} are both in {language(one.lang).name}; "
                                 "--pair compares an English file with a French one"))
    return check_pair(by_lang["en"], by_lang["fr"], origin, str(first), rules)


# -- output -----------------------------------------------------------------------------------

def format_text(report: Report) -> str:
    """One line per finding, then a count.

    A source's findings start with file:line:column, so that editors jump to them; a Word or
    text file's findings name the paragraph and quote its first words.
    """
    lines = []
    for finding in report.findings:
        words = f" ({finding.excerpt})" if finding.excerpt else ""
        if finding.line is not None:
            lines.append(f"{finding.file}:{finding.line}:{finding.column}: {finding.code} "
                         f"{finding.severity}: {finding.message}{words} [{finding.place}] — "
                         f"{finding.hint}")
            continue
        lines.append(f"{finding.file}:{finding.place}: {finding.code} {finding.severity}: "
                     f"{finding.message}{words} — {finding.hint}")
    errors = sum(finding.severity == "error" for finding in report.findings)
    warnings = len(report.findings) - errors
    checked = report.checked
    if report.findings:
        lines.append(f"{_plural(errors, 'error')} and {_plural(warnings, 'warning')} "
                     f"in {_plural(checked, 'file')} checked.")
    elif checked:
        lines.append(f"No findings in {_plural(checked, 'file')} checked.")
    return "\n".join(lines)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _entries(report: Report) -> list[Finding | Problem]:
    """Findings and problems file by file, in the order the files were named."""
    order = {file: index for index, file in enumerate(report.files)}
    entries: list[Finding | Problem] = [*report.unreadable, *report.findings]
    return sorted(entries, key=lambda entry: (order.get(entry.file, len(order)),
                                              isinstance(entry, Finding)))


def format_json(report: Report) -> str:
    """The findings as a JSON list of objects; a file that could not be checked is an object
    with its code (I001 …) and message."""
    unverified = {rule.code for rule in all_rules() if rule.unverified}
    items = []
    for entry in _entries(report):
        if isinstance(entry, Problem):
            items.append({"file": entry.file, "line": entry.line, "column": entry.column,
                          "paragraph": None, "lang": None, "excerpt": "", "first_words": "",
                          "code": entry.code, "severity": "error", "unverified": False,
                          "message": entry.message, "hint": ""})
            continue
        items.append({"file": entry.file, "line": entry.line, "column": entry.column,
                      "paragraph": entry.paragraph, "lang": entry.lang, "excerpt": entry.quoted,
                      "first_words": entry.excerpt, "code": entry.code,
                      "severity": entry.severity, "unverified": entry.code in unverified,
                      "message": entry.message, "hint": entry.hint})
    return _json(items)


def format_sarif(report: Report, rules: list[Rule]) -> str:
    """The findings as SARIF 2.1.0, for editors and code-review tools."""
    from drafter import __version__

    index = {rule.code: position for position, rule in enumerate(rules)}
    results: list[dict[str, object]] = []
    for entry in _entries(report):
        physical: dict[str, object] = {"artifactLocation": {"uri": _uri(entry.file)}}
        if entry.line is not None:
            physical["region"] = {"startLine": entry.line, "startColumn": entry.column or 1}
        if isinstance(entry, Problem):
            results.append({"ruleId": entry.code, "level": "error",
                            "message": {"text": entry.message},
                            "locations": [{"physicalLocation": physical}]})
            continue
        results.append({
            "ruleId": entry.code,
            "ruleIndex": index[entry.code],
            "level": entry.severity,
            "message": {"text": f"{entry.message} — {entry.hint}"},
            "locations": [{
                "physicalLocation": physical,
                "logicalLocations": [{"name": entry.place, "fullyQualifiedName": entry.place}],
            }],
            **({"properties": {"excerpt": entry.quoted, "firstWords": entry.excerpt}}
               if entry.quoted else {}),
        })
    driver = {
        "name": "drafter",
        "version": __version__,
        "rules": [{
            "id": rule.code,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.explanation},
            "help": {"text": f"Wrong: {rule.wrong}\nRight: {rule.right}"},
            "defaultConfiguration": {"level": rule.severity},
            "properties": {"unverified": rule.unverified, "basis": rule.basis},
        } for rule in rules],
    }
    invocation = {
        "executionSuccessful": not report.unreadable,
        "toolExecutionNotifications": [{"level": "error", "message": {"text": problem.message}}
                                       for problem in report.unreadable],
    }
    sarif = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
             "runs": [{"tool": {"driver": driver}, "invocations": [invocation], "results": results}]}
    return _json(sarif)


def _json(data: object) -> str:
    """JSON in ASCII, every other character as its \\u escape. JSON and SARIF are read by
    programs, whose parsers turn the escapes back into the very characters, so nothing is lost,
    and ASCII passes unchanged through any terminal encoding, pipe or locale. Printed as UTF-8
    instead, an ASCII terminal would degrade “ ” into " " and break the JSON, a reader decoding
    with its locale's codec would fail, and a file name that is not UTF-8 would print as bytes
    that are not UTF-8 either (the escape keeps them: os.fsencode gives them back)."""
    return json.dumps(data, indent=2, ensure_ascii=True)


def _uri(file: str) -> str:
    """A file name as a SARIF URI reference: percent-encoded bytes, so that spaces, accents and
    names that are not UTF-8 make a valid URI that decodes back to the very name."""
    from urllib.parse import quote

    return quote(os.fsencode(Path(file).as_posix()), safe="/")


# -- commands ---------------------------------------------------------------------------------

def validate_command(files: list[Path], pair: Path | None, lang: str | None, select: str | None,
                     ignore: str | None, fmt: str, unverified: bool) -> int:
    """Check the files, print the findings in ``fmt``, and return the exit code."""
    problem = _usage_problem(files, pair, lang, fmt)
    if problem is None:
        try:
            rules = choose_rules(select, ignore, unverified)
        except ValueError as error:
            problem = str(error)
    if problem is not None:
        print(f"drafter: {problem}", file=sys.stderr)
        return EXIT_UNREADABLE
    report = validate(files, pair, lang, rules)
    for unreadable in report.unreadable:
        print(unreadable.message, file=sys.stderr)
    if fmt == "json":
        print(format_json(report))
    elif fmt == "sarif":
        print(format_sarif(report, rules))
    else:
        output = format_text(report)
        if output:
            print(output)
    return report.exit_code


def _usage_problem(files: list[Path], pair: Path | None, lang: str | None, fmt: str) -> str | None:
    if fmt not in FORMATS:
        return f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}"
    if lang is not None and lang not in LANGUAGES:
        return f"--lang must be en or fr, not {lang!r}"
    if not files:
        return "name at least one file to check"
    if pair is not None:
        if len(files) != 1:
            return "--pair compares one file with another: name a single FILE"
        if any(path.suffix.lower() in SOURCE_SUFFIXES for path in (files[0], pair)):
            return ("--pair compares Word or text files; a YAML source is already checked in "
                    "both languages")
    return None


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        try:
            return one.resolve() == other.resolve()
        except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
            return False  # reading it says what is wrong
