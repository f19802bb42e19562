"""The rule catalogue of ``drafter validate``: every rule with its code, severity and examples.

Each family lives in its own module and lists its rules in ``RULES``; a rule carries up to three
checks, one per kind of input: a Document in one language, the bilingual Resolution of a YAML
source (for what its rendering no longer shows), or an English and a French Document side by
side.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING

from msgspec import Struct

from drafter.findings import Issue, Severity

if TYPE_CHECKING:
    from drafter.resolution import Resolution
    from drafter.rules.draft import Draft

DocumentCheck = Callable[["Draft"], Iterable[Issue]]
ResolutionCheck = Callable[["Resolution"], Iterable[Issue]]
PairCheck = Callable[["Draft", "Draft"], Iterable[Issue]]


class Rule(Struct, frozen=True):
    """One editorial rule: what it checks, why, and a wrong and a right example."""

    code: str
    severity: Severity
    summary: str  # one line, the rule itself
    explanation: str
    wrong: str
    right: str
    basis: str  # where the rule comes from (editorial-rules.md, DESIGN.md)
    unverified: bool = False  # rests on an [U] convention: a warning that can be switched off
    document: DocumentCheck | None = None
    resolution: ResolutionCheck | None = None
    pair: PairCheck | None = None


#: Rule families in catalogue order, by the module that holds them.
FAMILIES = {
    "structure": "Structure",
    "openers": "Opening phrases and operative verbs",
    "punctuation": "Punctuation",
    "citations": "Citations",
    "footnotes": "Footnotes",
    "mandate": "Follow-up mandate",
    "bilingual": "English and French versions",
    "languages": "Language of the text",
    "typography": "Typography",
}


@cache
def catalogue() -> dict[str, list[Rule]]:
    """Every rule by family, in code order."""
    from importlib import import_module

    families = {}
    for name in FAMILIES:
        module = import_module(f"drafter.rules.{name}")
        families[name] = sorted(module.RULES, key=lambda rule: rule.code)
    return families


def all_rules() -> list[Rule]:
    """Every rule, in code order."""
    return [rule for rules in catalogue().values() for rule in rules]
