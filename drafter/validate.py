"""``drafter validate``: check sources, Word and text files against the rule catalogue.

Inputs are read (a YAML source is composed in both languages), every chosen rule runs, and the
findings are reported as text, JSON or SARIF with an exit code.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from drafter.document import Document
from drafter.findings import Finding, Issue
from drafter.language import LANGUAGES, language
from drafter.rules import Rule, all_rules
from drafter.rules.draft import Draft, Origin

#: Exit codes: clean, an error-severity finding, an input that cannot be read.
EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
FORMATS = ("text", "json", "sarif")
SOURCE_SUFFIXES = (".yaml", ".yml")


class Unreadable(Exception):
    """An input that cannot be checked; the message names the file and says why."""


@dataclass(slots=True)
class Report:
    """Findings of one call, with the inputs that could not be read."""

    findings: list[Finding] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # one sentence per input not checked
    files: list[str] = field(default_factory=list)
    checked: int = 0

    @property
    def exit_code(self) -> int:
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
    draft = Draft(document, origin)
    return [_finding(rule, issue, file) for rule in rules if rule.document
            for issue in rule.document(draft)]


def check_pair(english: Document, french: Document, origin: Origin, file: str,
               rules: Iterable[Rule]) -> list[Finding]:
    """The findings of the concordance rules on an English and a French Document."""
    left, right = Draft(english, origin), Draft(french, origin)
    return [_finding(rule, issue, file) for rule in rules if rule.pair
            for issue in rule.pair(left, right)]


def check_source(path: Path, rules: list[Rule], lang: str | None = None) -> list[Finding]:
    """Every finding on a YAML source: the Resolution, each language, and their concordance."""
    from drafter.compose import compose
    from drafter.markup import MarkupError
    from drafter.source import SourceInvalid, load
    from drafter.templating import TemplateFailure

    try:
        resolution = load(path)
    except SourceInvalid as invalid:
        more = len(invalid.errors) - 1
        raise Unreadable(str(invalid.errors[0]) + (f" (and {more} more)" if more else "")) from None
    languages = [lang] if lang else ["en", "fr"]
    try:
        documents = {code: compose(resolution, code) for code in languages}
    except (MarkupError, TemplateFailure) as error:
        raise Unreadable(f"{path}: {error}") from None
    file = str(path)
    findings = [_finding(rule, issue, file) for rule in rules if rule.resolution
                for issue in rule.resolution(resolution)]
    by_language = {code: check_document(document, "source", file, rules)
                   for code, document in documents.items()}
    findings += _merge_languages(by_language)
    if len(documents) == 2:
        findings += check_pair(documents["en"], documents["fr"], "source", file, rules)
    return findings


def _merge_languages(by_language: dict[str, list[Finding]]) -> list[Finding]:
    """One finding where both renderings of a source have it; the language where only one has."""
    groups: dict[tuple[str, str], dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for code, findings in by_language.items():
        for finding in findings:
            groups[(finding.code, finding.paragraph)][code].append(finding)
    merged = []
    for per_code in groups.values():
        lists = list(per_code.values())
        for index in range(max(map(len, lists))):
            present = [(code, items[index]) for code, items in per_code.items() if index < len(items)]
            code, finding = present[0]
            lang = code if len(present) == 1 and len(by_language) > 1 else None
            merged.append(_with_lang(finding, lang))
    return merged


def _with_lang(finding: Finding, lang: str | None) -> Finding:
    return Finding(finding.code, finding.severity, finding.message, finding.hint, finding.file,
                   finding.paragraph, finding.excerpt, finding.order, lang)


def _finding(rule: Rule, issue: Issue, file: str) -> Finding:
    return Finding(rule.code, rule.severity, issue.message, issue.hint, file,
                   issue.where.paragraph, issue.where.excerpt, issue.where.order)


def read_document(path: Path, lang: str | None) -> tuple[Document, Origin]:
    """A Word or text file as a Document; raise Unreadable with a sentence naming the file."""
    from drafter.readers import ReadFailure, read

    try:
        document = read(path, lang)
    except ReadFailure as failure:
        raise Unreadable(_named(path, str(failure))) from None
    return document, "docx" if path.suffix.lower() == ".docx" else "text"


def _named(path: Path, message: str) -> str:
    return message if str(path) in message else f"{path}: {message}"


def validate(files: list[Path], pair: Path | None, lang: str | None, rules: list[Rule]) -> Report:
    """Check every file; with ``pair``, also check the single file against its other version."""
    report = Report()
    documents: dict[Path, tuple[Document, Origin]] = {}
    for path in [*files, *([pair] if pair else [])]:
        report.files.append(str(path))
        try:
            if path.suffix.lower() in SOURCE_SUFFIXES:
                report.findings += check_source(path, rules, lang)
                report.checked += 1
                continue
            document, origin = read_document(path, lang if path != pair else _other(lang))
        except Unreadable as unreadable:
            report.unreadable.append(str(unreadable))
            continue
        documents[path] = (document, origin)
        report.findings += check_document(document, origin, str(path), rules)
        report.checked += 1
    if pair and files[0] in documents and pair in documents:
        try:
            report.findings += _check_pair(files[0], pair, documents, rules)
        except Unreadable as unreadable:
            report.unreadable.append(str(unreadable))
    report.findings.sort(key=lambda finding: (report.files.index(finding.file), finding.order,
                                              finding.code))
    return report


def _other(lang: str | None) -> str | None:
    return {"en": "fr", "fr": "en"}.get(lang or "")


def _check_pair(first: Path, other: Path, documents: dict[Path, tuple[Document, Origin]],
                rules: list[Rule]) -> list[Finding]:
    (one, origin), (two, _) = documents[first], documents[other]
    by_lang = {one.lang: one, two.lang: two}
    if set(by_lang) != {"en", "fr"}:
        raise Unreadable(f"{first} and {other} are both in {language(one.lang).name}; "
                         "--pair compares an English file with a French one")
    return check_pair(by_lang["en"], by_lang["fr"], origin, str(first), rules)


# -- output -----------------------------------------------------------------------------------

def format_text(report: Report) -> str:
    """One line per finding, then a count."""
    lines = []
    for finding in report.findings:
        words = f" ({finding.excerpt})" if finding.excerpt else ""
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


def format_json(report: Report) -> str:
    """The findings as a JSON list of objects."""
    unverified = {rule.code for rule in all_rules() if rule.unverified}
    items = [{"file": finding.file, "paragraph": finding.paragraph, "lang": finding.lang,
              "excerpt": finding.excerpt, "code": finding.code, "severity": finding.severity,
              "unverified": finding.code in unverified, "message": finding.message,
              "hint": finding.hint} for finding in report.findings]
    return json.dumps(items, indent=2, ensure_ascii=False)


def format_sarif(report: Report, rules: list[Rule]) -> str:
    """The findings as SARIF 2.1.0, for editors and code-review tools."""
    from drafter import __version__

    index = {rule.code: position for position, rule in enumerate(rules)}
    results = [{
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": finding.severity,
        "message": {"text": f"{finding.message} — {finding.hint}"},
        "locations": [{
            "physicalLocation": {"artifactLocation": {"uri": Path(finding.file).as_posix()}},
            "logicalLocations": [{"name": finding.place, "fullyQualifiedName": finding.place}],
        }],
        **({"properties": {"excerpt": finding.excerpt}} if finding.excerpt else {}),
    } for finding in report.findings]
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
        "toolExecutionNotifications": [{"level": "error", "message": {"text": message}}
                                       for message in report.unreadable],
    }
    sarif = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
             "runs": [{"tool": {"driver": driver}, "invocations": [invocation], "results": results}]}
    return json.dumps(sarif, indent=2, ensure_ascii=False)


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
    for message in report.unreadable:
        print(message, file=sys.stderr)
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


def rules_command(write: bool) -> int:
    """Print the rule catalogue, or (``write``) regenerate docs/rules.md from it."""
    from drafter.rules.manual import rules_text, write_rules_doc

    if write:
        print(f"wrote {write_rules_doc()}")
    else:
        print(rules_text())
    return EXIT_CLEAN
