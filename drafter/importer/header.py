"""The metadata of a read document from its header and closing lines: session, stage, symbol,
dates, adoption, sponsors, organization; what they lack is inferred or a placeholder, and noted."""

from __future__ import annotations

import re
from typing import Any

from drafter import placeholders
from drafter.document import PREFACE_LINES, Document
from drafter.importer import dates
from drafter.importer.guesses import Guesses, ImportFailure
from drafter.language import Language, language
from drafter.organizations import every_form
from drafter.pairing import Local
from drafter.readers.structure import header_values

def read_header(document: Document, guesses: Guesses) -> dict[str, Any]:
    """The source's metadata (the header values of the source tree, prose as Local leaves)."""
    values = _values(document)
    preface, code = document.preface, document.lang
    number = values.get("number") or _number(preface.symbol)
    session = dates.session(document, values, number, guesses)
    adopted = (preface.adoption is not None or bool(number)
               or preface.symbol.startswith("A/RES/"))
    header: dict[str, Any] = {
        "session": session, "agenda_item": _agenda_item(values, guesses),
        "stage": "adopted" if adopted else "draft",
        "symbol": _symbol(preface.symbol, number, session, adopted, guesses),
        "draft_symbol": values.get("draft_symbol"),
        "distribution_date": dates.distributed(document, values, guesses),
    }
    if adopted:
        header["adoption"] = dates.adoption(document, values, header["distribution_date"], guesses)
    lang = language(code)
    if values.get("sponsors"):
        header["sponsors"] = _sponsors(values["sponsors"], lang)
    original = lang.language_named(values.get("original", ""))
    if original is not None:
        header["original"] = original
    header["page_size"] = document.page_size
    header["organization"] = _organization(document, guesses)
    return header


def _values(document: Document) -> dict[str, str]:
    """What the header lines say, whatever layout they follow (see structure.header_values)."""
    found: dict[str, str] = {}
    for name in PREFACE_LINES:
        block = getattr(document.preface, name)
        if block is not None and not block.absent:
            found.update(header_values(block, name, document.lang))
    return found


def _number(symbol: str) -> str | None:
    """The resolution number of an A/RES symbol: "A/RES/77/13" → "77/13"."""
    found = re.fullmatch(r"A/RES/(.+)", symbol)
    return found.group(1) if found else None


def _agenda_item(values: dict[str, str], guesses: Guesses) -> dict[str, Any]:
    if values.get("item") and int(values["item"]) > 0:
        return {"number": int(values["item"]), "sub_item": values.get("sub_item")}
    guesses.add("the agenda item is missing: placeholder 999 (xx) left")
    return placeholders.AGENDA_ITEM.model_dump()


def _symbol(symbol: str, number: str | None, session: int, adopted: bool, guesses: Guesses) -> str:
    if symbol and (symbol.startswith("A/RES/") or not adopted):
        return symbol
    if number:
        return f"A/RES/{number}"
    guesses.add("the document symbol is missing: placeholder left")
    return f"A/RES/{session}/xx" if adopted else placeholders.draft_symbol(session)


def _sponsors(line: str, lang: Language) -> list[dict[str, Local]]:
    """The sponsors line's names: "A, B and C" → A, B, C."""
    names = line.rsplit(lang.list_style.last, 1)
    names = names[0].split(lang.list_style.separator) + names[1:]
    return [{"_text": Local(name.strip())} for name in names]


def _organization(document: Document, guesses: Guesses) -> str:
    """The organization the title names; without a title, the one the text names most."""
    forms = [(key, org.forms(document.lang).the) for key, org in every_form()]
    title = " ".join(document.preface.title.text().split())
    found = [(len(form), key) for key, form in forms if title.endswith(" " + form)]
    if found:
        return max(found)[1]
    text = " ".join(" ".join(block.text().split()) for block in document.blocks())
    counted = [(text.count(form), len(form), key) for key, form in forms]
    best = max(counted)
    if best[0] == 0:
        raise ImportFailure(f"the title {title!r} names no organization drafter knows, nor "
                            "does the text; see `drafter orgs`")
    guesses.add(f"the title names no organization: {best[2]} taken from the text")
    return best[2]
