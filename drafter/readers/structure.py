"""Recognise the parts of a resolution in a list of paragraphs, whatever file they came from.

The header is matched against patterns made from the language's own templates: a probe
resolution with unmistakable values (session 117, meeting 983, …) is composed, and in each
header block the probe values become pattern groups. So the reader knows exactly the wording
the writers produce, from the same templates, without a copy of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Literal

from drafter.document import (
    Block,
    Conclusions,
    Document,
    Footnote,
    Inline,
    OperativeParagraph,
    Point,
    PreambularParagraph,
    Preface,
    Run,
)
from drafter.language import LANGUAGES, Language, language
from drafter.organizations import registry
from drafter.templating import wording
from drafter.readers import inlines as il
from drafter.readers.patterns import alternation, flexible, leading_phrases, patterns, plain
from drafter.readers.safety import ReadFailure

#: A United Nations document symbol: "A/77/L.13", "A/77/277-S/2022/606", "S/PRST/2010/1".
SYMBOL = r"[A-Z]+(?:/[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*)+"
GA_NUMBER = r"(?:S-|ES-)?\d+/\d+(?: [A-Z])?"
_NUMBERED = re.compile(r"\s*(\d+)\.\s+")
_TIGHT = ":;!?»"  # marks a space may or may not precede
_END = r"(?=\s|\Z)"

Paragraph = list[Inline]

# The probe resolution's values: unlike anything a real header holds, so each is found again.
_SESSION, _NUMBER, _ITEM, _SUB_ITEM, _SPONSOR = 117, 983, 987, "zz", "Qqsponsor"
_DISTRIBUTED, _ADOPTED = date(2039, 12, 27), date(2039, 11, 26)


@dataclass(frozen=True)
class _Step:
    name: str
    pattern: re.Pattern[str]
    optional: bool


@dataclass(frozen=True)
class Skeleton:
    """What one language's header, formula and closing look like, as patterns."""

    lang: Language
    formula: re.Pattern[str]
    formula_text: str
    united_nations: str
    steps: tuple[_Step, ...]
    closing: re.Pattern[str]
    label: re.Pattern[str]


def _probe(adopted: bool, sub_item: bool, sponsors: bool, lang: str) -> Document:
    from drafter.compose import compose
    from drafter.resolution import Resolution

    resolution = Resolution.model_validate({
        "session": _SESSION,
        "agenda_item": {"number": _ITEM, "sub_item": _SUB_ITEM if sub_item else None},
        "stage": "adopted" if adopted else "draft",
        "symbol": f"A/RES/{_SESSION}/{_NUMBER}" if adopted else f"A/{_SESSION}/L.{_NUMBER}",
        "draft_symbol": f"A/{_SESSION}/L.{_NUMBER}" if adopted else None,
        "distribution_date": _DISTRIBUTED,
        "adoption": {"date": _ADOPTED, "meeting": _NUMBER} if adopted else None,
        "sponsors": [{"en": _SPONSOR, "fr": _SPONSOR}] if sponsors else [],
        "organization": next(iter(registry())), "report": "A/117/983",
        "mandate": {"report_session": _SESSION, "agenda_session": _SESSION},
        "preamble": [{"standard": "charter_regional"}],
        "operative": [{"standard": "agenda_inclusion"}],
    })
    return compose(resolution, lang)


def _values(code: str) -> dict[str, str]:
    """Each probe value as it is written, and the pattern that replaces it."""
    lang, text = language(code), patterns(code)
    probe_org = next(iter(registry().values())).forms(code)
    values = {
        f"{_SESSION}/{_NUMBER}": rf"(?P<number>{GA_NUMBER})",
        f"A/{_SESSION}/L.{_NUMBER}": rf"(?P<draft_symbol>{SYMBOL})",
        plain(lang.format_date(_DISTRIBUTED)): text.date("distribution"),
        plain(lang.format_date(_ADOPTED)): text.date("adoption"),
        plain(lang.ordinal(_NUMBER)): text.ordinal("meeting"),
        str(_ITEM): r"(?P<item>\d+)",
        _SUB_ITEM: r"(?P<sub_item>[a-z]{1,2})",
        _SPONSOR: r"(?P<sponsors>.+?)",
    }
    session = lang.session(_SESSION)
    for form in (session, session[:1].upper() + session[1:]):
        values[form] = text.session("session")
    for case in ("the", "of", "to", "name"):
        forms = [getattr(org.forms(code), case) for org in registry().values()]
        values[getattr(probe_org, case)] = f"(?:{'|'.join(map(flexible, _longest_first(forms)))})"
    # The sub-item's title is a slot of its own: some organizations' titles do not follow the
    # usual "Cooperation between the United Nations and …" (the Inter-Parliamentary Union's).
    sub_item = getattr(wording(code).env.globals["phrases"], "sub_item")
    titles = [str(sub_item(org.forms(code))) for org in registry().values()]
    probe_title = str(sub_item(probe_org))
    for variant in (str, _lower_first):
        values[variant(probe_title)] = (
            f"(?:{'|'.join(flexible(variant(title)) for title in _longest_first(titles))})")
    return values


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _longest_first(items: list[str]) -> list[str]:
    return sorted(set(items), key=len, reverse=True)


def _pattern(text: str, values: dict[str, str]) -> str:
    """A probe text as a pattern: probe values become groups, spaces become flexible."""
    probes = f"({alternation(list(values))})|" if values else "((?!))|"
    tokens = re.compile(probes + r"(\s+)")
    out, position = [], 0
    for match in tokens.finditer(text):
        out.append(re.escape(text[position: match.start()]))
        if match.group(1):
            out.append(values[match.group(1)])
        else:
            following = text[match.end(): match.end() + 1]
            tight = ((following != "" and following in _TIGHT)
                     or text[max(match.start() - 1, 0): match.start()] == "«")
            out.append(r"\s*" if tight else r"\s+")
        position = match.end()
    out.append(re.escape(text[position:]))
    return "".join(out)


def _optional(full: str, short: str, values: dict[str, str]) -> str:
    """A pattern for ``full`` in which what ``short`` lacks is optional."""
    prefix = 0
    while prefix < len(short) and full[prefix] == short[prefix]:
        prefix += 1
    suffix = 0
    while suffix < len(short) - prefix and full[-1 - suffix] == short[-1 - suffix]:
        suffix += 1
    middle = full[prefix: len(full) - suffix]
    return (_pattern(full[:prefix], values) + f"(?:{_pattern(middle, values)})?"
            + _pattern(full[len(full) - suffix:], values))


@cache
def skeleton(code: str) -> Skeleton:
    """The patterns of one language, made once from its templates."""
    lang, values = language(code), _values(code)
    adopted, bare = _probe(True, True, False, code), _probe(True, False, False, code)
    draft, sponsored = _probe(False, True, False, code), _probe(False, True, True, code)
    a, d = adopted.preface, draft.preface

    def block(text: str) -> str:
        return _pattern(text, values)

    titled = {**values, a.title.text(): f"(?P<title>{block(a.title.text())})"}
    heading = _optional(a.heading.text(), d.heading.text(), titled)
    steps = [
        ("united_nations", rf"(?P<block>{block(a.united_nations.text())})\s+(?P<symbol>{SYMBOL})", True),
        ("organ", block(a.organ.text()), False),
        ("distribution", f"{block(a.distribution.text())}|{block(d.distribution.text())}", False),
        ("date", block(a.date.text()), False),
        ("session", block(a.session.text()), False),
        ("agenda_item", _optional(a.agenda_item.text(), bare.preface.agenda_item.text(), values), False),
        ("agenda_title", block(a.agenda_title.text()), False),
        ("adoption", block(a.adoption.text()), True),  # type: ignore[union-attr]
        ("committee", block(a.committee.text()), True),  # type: ignore[union-attr]
        ("sponsors", f"{block(sponsored.preface.sponsors.text())}|{block(d.sponsors.text())}", True),  # type: ignore[union-attr]
        ("heading", heading, False),
    ]
    assert adopted.conclusions is not None
    closing = (f"(?P<meeting_block>{block(adopted.conclusions.meeting.text())})\\s+"
               f"(?P<date_block>{block(adopted.conclusions.date.text())})")
    labels = "|".join(re.escape(form).replace(re.escape("{label}"), "([a-z]+)")
                      for form in dict.fromkeys(lang.subparagraph_labels))
    return Skeleton(
        lang=lang,
        formula=re.compile(_pattern(adopted.formula.text(), {}), re.IGNORECASE),
        formula_text=adopted.formula.text(),
        united_nations=a.united_nations.text(),
        steps=tuple(_Step(name, re.compile(f"(?:{pattern}){_END}"), optional)
                    for name, pattern, optional in steps),
        closing=re.compile(closing),
        label=re.compile(rf"\s*(?:{labels})\s+"),
    )


# -- assembling a Document --------------------------------------------------------------------

def assemble(paragraphs: list[Paragraph], footnotes: list[Paragraph], *, name: str,
             lang: str | None, page_size: Literal["A4", "Letter"] = "A4") -> Document:
    """The Document of a resolution from its body paragraphs and footnote bodies (1..N)."""
    paragraphs = [p for p in paragraphs
                  if il.text(p).strip() or any(not isinstance(item, Run) for item in p)]
    shape, start = _find_formula(paragraphs, name, lang)
    preface, issued = _preface(paragraphs[:start], shape, name)
    preamble, operative, conclusions = _body(paragraphs[start + 1:], shape, name)
    _check_footnotes(paragraphs, footnotes, name)
    return Document(
        lang=shape.lang.code, page_size=page_size, issued=issued, preface=preface,
        formula=Block(il.squeeze(paragraphs[start])), preamble=preamble, operative=operative,
        conclusions=conclusions,
        footnotes=[Footnote(index, Block(il.squeeze(body)))
                   for index, body in enumerate(footnotes, start=1)],
    )


def _find_formula(paragraphs: list[Paragraph], name: str, lang: str | None) -> tuple[Skeleton, int]:
    """The enacting formula tells the language and where the header ends."""
    codes = [lang] if lang else list(LANGUAGES)
    for index, paragraph in enumerate(paragraphs):
        flat = " ".join(il.text(paragraph).split())
        for code in codes:
            shape = skeleton(code)
            if shape.formula.fullmatch(flat):
                return shape, index
    wanted = " or ".join(repr(skeleton(code).formula_text) for code in codes)
    raise ReadFailure(f"{name}: no enacting formula ({wanted}) found on a line of its own, so "
                      "this does not read as a General Assembly resolution"
                      + ("" if lang else "; if it is one, give its language with --lang"))


def _joined(paragraphs: list[Paragraph]) -> Paragraph:
    out: Paragraph = []
    for paragraph in paragraphs:
        if out:
            out.append(Run("\n"))
        out += paragraph
    return out


def _preface(paragraphs: list[Paragraph], shape: Skeleton, name: str) -> tuple[Preface, date]:
    flow = _joined(paragraphs)
    text = il.text(flow)
    position = len(text) - len(text.lstrip())
    blocks: dict[str, Block | None] = {}
    found: dict[str, str | None] = {}
    issued: date | None = None
    for step in shape.steps:
        match = step.pattern.match(text, position)
        if match is None:
            if step.optional:
                blocks[step.name] = None
                continue
            seen = " ".join(text[position: position + 60].split()) or "nothing"
            raise ReadFailure(f"{name}: the header has {seen!r} where drafter expects the "
                              f"{step.name.replace('_', ' ')}; write the header as drafter "
                              "renders it (see `drafter render`)")
        span = match.span("block") if "block" in match.groupdict() else match.span()
        blocks[step.name] = Block(il.squeeze(il.cut(flow, *span)))
        found.update({key: value for key, value in match.groupdict().items() if value})
        if step.name == "heading":
            blocks["title"] = Block(il.squeeze(il.cut(flow, *match.span("title"))))
        if step.name == "date":
            issued = patterns(shape.lang.code).read_date(match, "distribution")
        position = match.end() + len(text[match.end():]) - len(text[match.end():].lstrip())
    if position < len(text):
        raise ReadFailure(f"{name}: unexpected text {' '.join(text[position:][:60].split())!r} "
                          f"before {shape.formula_text!r}; remove it or move it into the body")
    if issued is None:
        raise ReadFailure(f"{name}: the date under the distribution line is not a real date; "
                          "correct it")
    symbol = found.get("symbol") or (f"A/RES/{found['number']}" if found.get("number") else "")
    preface = Preface(
        united_nations=blocks["united_nations"] or Block([Run(shape.united_nations)]),
        symbol=symbol, **{key: blocks[key] for key in (  # type: ignore[arg-type]
            "organ", "distribution", "date", "session", "agenda_item", "agenda_title",
            "adoption", "committee", "sponsors", "heading", "title")},
    )
    return preface, issued


def _body(paragraphs: list[Paragraph], shape: Skeleton, name: str) -> tuple[
        list[PreambularParagraph], list[OperativeParagraph], Conclusions | None]:
    conclusions = None
    for count in (2, 1):
        if len(paragraphs) > count:
            tail = _joined(paragraphs[-count:])
            text = il.text(tail)
            match = shape.closing.fullmatch(text, len(text) - len(text.lstrip()), len(text.rstrip()))
            if match:
                conclusions = Conclusions(Block(il.squeeze(il.cut(tail, *match.span("meeting_block")))),
                                          Block(il.squeeze(il.cut(tail, *match.span("date_block")))))
                paragraphs = paragraphs[:-count]
                break
    code = shape.lang.code
    kinds = [_kind(paragraph, shape) for paragraph in paragraphs]
    first = next((index for index, kind in enumerate(kinds) if kind[0] == "numbered"), None)
    numbering = first is None  # Word's automatic numbering leaves no number in the text
    if first is None:
        first = next((index for index, paragraph in enumerate(paragraphs)
                      if kinds[index][0] == "text" and _opens_operative(paragraph, code)), None)
    if first is None:
        raise ReadFailure(f"{name}: no operative paragraph found (numbered \"1.\", \"2.\", … or "
                          "opening with an operative verb); a resolution needs at least one")
    preamble = [PreambularParagraph(_key(paragraph, code, "preamble"), Block(il.squeeze(paragraph)))
                for paragraph in paragraphs[:first]]
    operative: list[OperativeParagraph] = []
    points: list[tuple[str, Paragraph]] = []
    for paragraph, (kind, value, end) in zip(paragraphs[first:], kinds[first:]):
        body = il.cut(paragraph, end, len(il.text(paragraph)))
        if kind == "point" and operative:
            points.append((value, body))
            continue
        if operative:
            operative[-1].points = _nest(points, shape.lang)
            points = []
        number = f"{value}." if kind == "numbered" else None
        if numbering and sum(kind[0] == "text" for kind in kinds[first:]) > 1:
            number = f"{len(operative) + 1}."
        operative.append(OperativeParagraph(number, _key(body, code, "operative"),
                                            Block(il.squeeze(body))))
    operative[-1].points = _nest(points, shape.lang)
    return preamble, operative, conclusions


def _kind(paragraph: Paragraph, shape: Skeleton) -> tuple[str, str, int]:
    """("numbered", "3", end of "3. "), ("point", "(a)", end of "(a) ") or ("text", "", 0)."""
    text = il.text(paragraph)
    numbered = _NUMBERED.match(text)
    if numbered:
        return "numbered", numbered.group(1), numbered.end()
    label = shape.label.match(text)
    if label:
        return "point", label.group().strip(), label.end()
    return "text", "", 0


def _opens_operative(paragraph: Paragraph, code: str) -> bool:
    """An operative verb ("Requests"), not a preambular phrase ("Requesting"), opens it."""
    text = il.text(paragraph)
    return bool(leading_phrases(text, code, "operative")) and not leading_phrases(text, code, "preamble")


def _key(paragraph: Paragraph, code: str, section: Literal["preamble", "operative"]) -> str:
    """The lexicon key of the paragraph's opening phrase or verb; empty when it has none."""
    keys = leading_phrases(il.text(paragraph), code, section)
    return keys[0] if keys else ""


def _nest(items: list[tuple[str, Paragraph]], lang: Language) -> list[Point]:
    """Sub-paragraphs in a tree: a label continues the deepest list it is the next label of."""
    top: list[Point] = []
    stack: list[tuple[list[Point], int]] = [(top, 0)]
    for label, body in items:
        level = next((index for index in reversed(range(len(stack)))
                      if lang.subparagraph_label(stack[index][1], len(stack[index][0])) == label),
                     len(stack) - 1)
        del stack[level + 1:]
        siblings, depth = stack[level]
        point = Point(label, Block(il.squeeze(body)))
        siblings.append(point)
        if il.text(body).rstrip().endswith(":"):
            stack.append((point.points, depth + 1))
    return top


def _check_footnotes(paragraphs: list[Paragraph], footnotes: list[Paragraph], name: str) -> None:
    from drafter.document import FootnoteRef

    marks = [item.number for paragraph in paragraphs for item in paragraph
             if isinstance(item, FootnoteRef) and not item.repeat]
    if marks != list(range(1, len(footnotes) + 1)):
        raise ReadFailure(f"{name}: {len(marks)} footnote marks but {len(footnotes)} footnotes; "
                          "every footnote needs its mark in the text, and every mark its footnote")
