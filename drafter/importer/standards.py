"""Recognising the standard paragraphs in read prose: each recogniser reads a standard's
parameters from the body and keeps them only if composing the standard gives the body back."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from drafter.importer.recompose import Recomposer
from drafter.organizations import registry
from drafter.pairing import Choice, Local
from drafter.readers.patterns import patterns
from drafter.regexes import compiled

_RES = compiled(r"\{res\|([^|{}]+)\|(\d{4}-\d{2}-\d{2})\}")
_SC = compiled(r"\{sc\|(\d+)\|(\d{4})(-\d{2}-\d{2})?\}")
_STATEMENT = compiled(r"\{date\|([\d-]+)\}\{fn\|\{doc\|(S/PRST/\d{4}/\d+)\}((?:[^{}]|\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})*)\}")
_REPORT = compiled(r"\{fn\|\{doc\|([^{}|]+)\}\.\}")

#: A recogniser: the standard paragraph's source item, or None when the body is not that standard.
Standard = Callable[[Recomposer, str, list[str]], "dict[str, Any] | None"]


def _both(text: str) -> dict[str, str]:
    return {"en": text, "fr": text}


def _fixed(name: str, section: str, key_field: str) -> Standard:
    """A standard paragraph with no parameters of its own."""
    def recognise(composer: Recomposer, body: str, keys: list[str]) -> dict[str, Any] | None:
        for key in keys:
            paragraph = {"standard": name, key_field: key}
            if composer.renders(section, paragraph, body):
                return {"standard": name, key_field: Choice(tuple(keys), name)}
        return None
    return recognise


_charter_regional = _fixed("charter_regional", "preamble", "opener")


def _report_considered(composer: Recomposer, body: str, keys: list[str]) -> dict[str, Any] | None:
    found = _REPORT.search(body)
    if found is None:
        return None
    for key in keys:
        paragraph = {"standard": "report_considered", "opener": key}
        if composer.renders("preamble", paragraph, body, report=found.group(1)):
            return {"standard": "report_considered", "opener": Choice(tuple(keys), ""),
                    "_report": found.group(1)}
    return None


def _observer_status(composer: Recomposer, body: str, keys: list[str]) -> dict[str, Any] | None:
    found = _RES.search(body)
    if found is None:
        return None
    observer = registry()[composer.organization].observer_status
    cited = {"number": found.group(1), "date": found.group(2)}
    default = observer and (observer.resolution, observer.date.isoformat()) == found.groups()
    for key in keys:
        paragraph = {"standard": "observer_status", "opener": key, "resolution": cited}
        if composer.renders("preamble", paragraph, body):
            out: dict[str, Any] = {"standard": "observer_status", "opener": Choice(tuple(keys), "")}
            if not default:
                out["resolution"] = cited
            return out
    return None


def _cooperation_series(composer: Recomposer, body: str, keys: list[str]) -> dict[str, Any] | None:
    cited = [{"number": m.group(1), "date": m.group(2)} for m in _RES.finditer(body)]
    for count in range(len(cited), 0, -1):
        for key in keys:
            paragraph = {"standard": "cooperation_series", "opener": key,
                         "resolutions": cited[:count]}
            found = _with_rest(composer, "preamble", paragraph, body, ", ", "continuation")
            if found is not None:
                return {**found, "opener": Choice(tuple(keys), "")}
    return None


def _with_rest(composer: Recomposer, section: str, paragraph: dict[str, Any], body: str,
               joint: str, field: str) -> dict[str, Any] | None:
    """The standard alone, or followed by ``joint`` and a continuation in prose."""
    alone = composer.rendered(section, paragraph)
    if alone is None:
        return None
    if alone == body:
        return dict(paragraph)
    rest = body[len(alone) + len(joint):]
    if body.startswith(alone + joint) and rest and composer.renders(
            section, {**paragraph, field: _both(rest)}, body):
        return {**paragraph, field: {"_text": Local(rest)}}
    return None


def _security_council(composer: Recomposer, body: str, keys: list[str]) -> dict[str, Any] | None:
    resolutions = [{"number": int(m.group(1)), "year": int(m.group(2)),
                    **({"date": m.group(2) + m.group(3)} if m.group(3) else {})}
                   for m in _SC.finditer(body)]
    if not resolutions:
        return None
    statements = []
    for match in _STATEMENT.finditer(body):
        statement: dict[str, Any] = {"symbol": match.group(2), "date": match.group(1)}
        rest = match.group(3)
        if rest.rstrip(".").strip():
            source = _source(composer, keys[0], resolutions, statement, rest.rstrip(".").rstrip())
            if source is None:
                return None
            statement["source"] = source
        statements.append(statement)
    for key in keys:
        paragraph = {"standard": "security_council", "opener": key, "resolutions": resolutions,
                     "statements": [_plain_source(item) for item in statements]}
        if composer.renders("preamble", paragraph, body):
            return {**paragraph, "opener": Choice(tuple(keys), ""), "statements": statements}
    return None


def _plain_source(statement: dict[str, Any]) -> dict[str, Any]:
    source = statement.get("source")
    if source is None:
        return statement
    return {**statement, "source": _both(source["_text"].text)}


def _source(composer: Recomposer, key: str, resolutions: list[dict[str, Any]],
            statement: dict[str, Any], rest: str) -> dict[str, Any] | None:
    """The publication after a statement's symbol: the words the template puts before it are
    found by trying each of the first few word boundaries until composing the statement alone
    gives back its footnote."""
    expected = f"{{doc|{statement['symbol']}}}{rest}"
    for space in [index for index, char in enumerate(rest) if char == " "][:4]:
        source = rest[space + 1:]
        paragraph = {"standard": "security_council", "opener": key, "resolutions": resolutions,
                     "statements": [{**statement, "source": _both(source)}]}
        if composer.footnote(paragraph) == expected:
            return {"_text": Local(source)}
    return None


def _welcomes_report(composer: Recomposer, body: str, keys: list[str]) -> dict[str, Any] | None:
    for key in keys:
        found = _with_rest(composer, "operative", {"standard": "welcomes_report", "verb": key},
                           body, " ", "continuation")
        if found is not None:
            return {**found, "verb": Choice(tuple(keys), "")}
    return None


def _session_standard(name: str, field: str) -> Standard:
    """A follow-up paragraph that names a session: the session is read, then checked."""
    def recognise(composer: Recomposer, body: str, keys: list[str]) -> dict[str, Any] | None:
        found = re.search(patterns(composer.code).session("session"), body)
        if found is None:
            return None
        session = patterns(composer.code).read_session(found.group("session"))
        for key in keys:
            if composer.renders("operative", {"standard": name, "verb": key}, body, session=session):
                return {"standard": name, "verb": Choice(tuple(keys), ""), field: session}
        return None
    return recognise


#: The standard paragraphs a preambular paragraph may be, tried in this order.
PREAMBULAR: tuple[Standard, ...] = (_report_considered, _charter_regional, _observer_status,
                                    _cooperation_series, _security_council)
#: The standard paragraphs an operative paragraph without points may be, tried in this order.
OPERATIVE: tuple[Standard, ...] = (_welcomes_report, _session_standard("report_requested", "_report_session"),
                                   _session_standard("agenda_inclusion", "_agenda_session"))
