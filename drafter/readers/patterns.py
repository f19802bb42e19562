"""Regular expressions built from the language data, to find dates, ordinals, sessions and opening
phrases in text and to read their values back: the inverse of ``drafter.language``."""

from __future__ import annotations

import re
import datetime as dt
from functools import cache

from msgspec import Struct

from drafter import markup
from drafter.language import Language, Section, language
from drafter.regexes import compiled


def plain(text: str) -> str:
    """The text of markup without its tags: "1{sup|er}" → "1er"."""
    return "".join(_plain_nodes(markup.parse(text)))


def _plain_nodes(nodes: tuple[markup.Node, ...]) -> list[str]:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        else:
            out += _plain_nodes(node.children) if node.children else list(node.args[:1])
    return out


def alternation(items: list[str]) -> str:
    """Escaped alternatives, longest first, so that a longer phrase wins over its beginning."""
    return "|".join(re.escape(item) for item in sorted(set(items), key=len, reverse=True))


def flexible(text: str) -> str:
    """A literal as a pattern in which any run of spaces matches any run of spaces."""
    return r"\s+".join(re.escape(part) for part in text.split())


class Patterns(Struct, frozen=True):
    """What one language writes, as patterns; ``as_markup`` when matching markup, not text."""

    lang: Language
    as_markup: bool

    def _form(self, text: str) -> str:
        return text if self.as_markup else plain(text)

    @property
    def _days(self) -> dict[str, int]:
        return {self._form(form): day for day, form in self.lang.days.items()}

    def date(self, name: str) -> str:
        """A date such as "1er août 2009"; groups <name>_d, <name>_m, <name>_y."""
        parts = re.split(r"(\{day\}|\{month\}|\{year\})", self.lang.date_pattern)
        fields = {
            "{day}": rf"(?P<{name}_d>{alternation(list(self._days)) + '|' if self._days else ''}[1-3]?\d)",
            "{month}": rf"(?P<{name}_m>{alternation(list(self.lang.months))})",
            "{year}": rf"(?P<{name}_y>\d{{4}})(?!\d)",
        }
        body = "".join(fields.get(part) or r"[ \u00a0]".join(map(re.escape, part.split(" ")))
                       for part in parts)
        return rf"(?<![\w/.]){body}"

    def read_date(self, match: re.Match[str], name: str) -> dt.date | None:
        """The date matched by ``date(name)``, or None when it does not exist (31 February)."""
        day_text = match.group(f"{name}_d")
        if not day_text:
            return None
        day = self._days.get(day_text) or int(day_text)
        month = self.lang.months.index(match.group(f"{name}_m")) + 1
        try:
            return dt.date(int(match.group(f"{name}_y")), month, day)
        except ValueError:
            return None

    def ordinal(self, name: str) -> str:
        """A numeric ordinal such as "39e" or "39th"; group <name>."""
        table = self.lang.ordinal_suffix
        suffixes = [*table.exact.values(), *table.last_two.values(), *table.last.values(),
                    table.default]
        return rf"(?P<{name}>\d+)(?:{alternation([self._form(s) for s in suffixes])})"

    def session(self, name: str) -> str:
        """A session spelled out, in any case of its first letter; group <name>."""
        forms = [form for word in self.lang.sessions.values()
                 for form in (word, word[:1].upper() + word[1:])]
        return rf"(?P<{name}>{alternation(forms)})(?![\w-])"

    def read_session(self, word: str) -> int:
        return {text: number for number, text in self.lang.sessions.items()}[word[:1].lower() + word[1:]]


@cache
def patterns(code: str, as_markup: bool = False) -> Patterns:
    return Patterns(language(code), as_markup)


def leading_phrases(text: str, code: str, section: Section) -> list[str]:
    """The keys of the longest lexicon phrase that opens ``text`` (several if they share it)."""
    pattern, keys = _phrases(code, section)
    found = pattern.match(" ".join(text[:_LONGEST].split()))
    return list(keys[found.group(1)]) if found else []


#: Longer than any opening phrase, so that only the head of a paragraph is looked at.
_LONGEST = 200


@cache
def _phrases(code: str, section: Section) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """One pattern for all the phrases of a section, longest first, and their keys."""
    keys: dict[str, tuple[str, ...]] = {}
    for key, phrase in language(code).phrases[section].items():
        keys[phrase] = (*keys.get(phrase, ()), key)
    return compiled(rf"({alternation(list(keys))})(?![^\W_])"), keys
