"""Visible placeholders that drafter leaves where only the drafter can write, and finding them.

Prose placeholders are "[…]". Symbols must still match the schema's symbol pattern, so an
unknown draft symbol is "A/79/L.xx" and an unknown report "A/79/xxx": lower-case x's never occur
in a real symbol, so they are easy to see and easy to find (``drafter validate`` and the
follow-up's review notes look for them with ``is_placeholder_symbol``). An unknown agenda item is
999 (xx), which no agenda reaches, and an unknown plenary meeting the 999th.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from drafter.regexes import compiled
from drafter.resolution import AgendaItem, Resolution

PROSE = "[…]"
#: An agenda item not known yet: "Agenda item 999 (xx)" cannot be mistaken for a real one.
AGENDA_ITEM = AgendaItem(number=999, sub_item="xx")
#: A plenary meeting not known (an imported text without its closing lines): no session has 999.
MEETING = 999
_SYMBOL = compiled(r"(?:^|[/.])x{2,}$")


def draft_symbol(session: int) -> str:
    """The symbol of a draft whose L-number is not known yet: "A/79/L.xx"."""
    return f"A/{session}/L.xx"


def report_symbol(session: int) -> str:
    """The symbol of a report not yet issued: "A/79/xxx"."""
    return f"A/{session}/xxx"


def is_placeholder_symbol(symbol: str) -> bool:
    """True for the symbols that ``draft_symbol`` and ``report_symbol`` make."""
    return any(_SYMBOL.search(part) for part in symbol.split("-"))


def placeholders(resolution: Resolution) -> list[str]:
    """Where placeholders are left, in words: "report symbol", "operative paragraph 2 (fr)"."""
    found = [f"{name} symbol" for name, field in (("draft", "symbol"), ("report", "report"))
             if is_placeholder_symbol(getattr(resolution, field))]
    if resolution.agenda_item == AGENDA_ITEM:
        found.append("agenda item")
    for section, label in (("preamble", "preambular paragraph"), ("operative", "operative paragraph")):
        for index, paragraph in enumerate(getattr(resolution, section), start=1):
            langs = sorted({lang for lang, text in texts(paragraph) if PROSE in text})
            if langs:
                found.append(f"{label} {index} ({', '.join(langs)})")
    return found


def texts(value: Any, lang: str | None = None) -> Iterator[tuple[str, str]]:
    """Every prose string of a model (a paragraph, a resolution) with its language."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from texts(getattr(value, name), name if name in ("en", "fr") else lang)
    elif isinstance(value, list):
        for item in value:
            yield from texts(item, lang)
    elif isinstance(value, str) and lang is not None:
        yield lang, value
