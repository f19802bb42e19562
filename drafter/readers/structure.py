"""Recognise the parts of a resolution in a list of paragraphs, whatever file they came from.

The header is matched against patterns made from the language's own templates: a probe
resolution with unmistakable values (session 117, meeting 983, …) is composed, and in each
header block the probe values become pattern groups. So the reader knows exactly the wording
the writers produce, from the same templates, without a copy of it. Other years' layouts
(``data/<lang>/reading.yaml``) and generic shapes (a bracketed committee line, "55/9. Title")
are recognised too.

Reading is tolerant: whatever is a resolution in substance becomes a Document. A part that is
missing is absent in the tree, header lines may come in any order, text that fits nowhere is
kept as a deviation, and the rules report all of it. Only a file without any paragraph of text
is refused.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Literal

from msgspec import Struct

from drafter.document import (
    Block,
    Conclusions,
    Deviation,
    Document,
    Footnote,
    Inline,
    OperativeParagraph,
    Point,
    PreambularParagraph,
    Preface,
    Run,
    absent,
)
from drafter.language import LANGUAGES, Language, language
from drafter.organizations import every_form, registry
from drafter.readers import inlines as il
from drafter.readers.patterns import alternation, flexible, leading_phrases, patterns, plain
from drafter.readers.safety import MAX_PARAGRAPHS, ReadFailure
from drafter.regexes import compiled
from drafter.resources import load_data
from drafter.templating import wording

#: A United Nations document symbol: "A/77/L.13", "A/77/277-S/2022/606", "S/PRST/2010/1".
SYMBOL = r"[A-Z]+(?:/[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*)+"
#: A General Assembly resolution number: "64/256", "S-30/1", "69/96 A", or before 1976 "2011 (XX)".
GA_NUMBER = r"(?:(?:S-|ES-)?\d+/\d+(?: [A-Z])?|\d+ \([IVXLC]+\))"
_NUMBERED = compiled(r"\s*(\d{1,4})\.\s+")
_TIGHT = ":;!?»"  # marks a space may or may not precede
_END = r"(?=\s|\Z)"
#: What ends a paragraph: its punctuation, perhaps followed by closing quotes or brackets.
_CLOSED = compiled(r"[,;:.!?][\"”»’')\]]*\s*$")
#: Where the issue date of a document with no date at all is taken from: the Charter's entry
#: into force, a date no draft has, so that nobody mistakes it for a real one.
NO_DATE = date(1945, 10, 24)

Paragraph = list[Inline]

# The probe resolution's values: unlike anything a real header holds, so each is found again.
_SESSION, _NUMBER, _ITEM, _SUB_ITEM, _SPONSOR = 117, 983, 987, "zz", "Qqsponsor"
_DISTRIBUTED, _ADOPTED = date(2039, 12, 27), date(2039, 11, 26)


class Step(Struct, frozen=True):
    """One header line: its name in the Preface and the pattern of its text."""

    name: str
    pattern: re.Pattern[str]


_LINE = compiled(r"[^\n]+")
#: A bold line that no other pattern fits: the agenda title, as hand-typed headers set it.
_BOLD_TITLE = Step("agenda_title", _LINE)


class Skeleton(Struct, frozen=True):
    """What one language's header, formula and closing look like, as patterns."""

    lang: Language
    formula: re.Pattern[str]  # the formula alone, with or without its punctuation, any case
    formula_start: re.Pattern[str]  # the formula opening a paragraph that goes on
    formula_inside: re.Pattern[str]  # the formula, as written, inside a paragraph
    formula_text: str
    united_nations: str
    steps: tuple[Step, ...]  # the header lines in the order of the current layout
    others: tuple[Step, ...]  # other years' layouts and generic shapes, tried after the steps
    closing: re.Pattern[str]
    meeting: re.Pattern[str]  # the meeting line alone, or ending the last paragraph
    label: re.Pattern[str]


def _probe(adopted: bool, sub_item: bool, sponsors: bool, lang: str,
           revised: bool = False) -> Document:
    from drafter.composer import compose
    from drafter.resolution import Resolution

    draft = f"A/{_SESSION}/L.{_NUMBER}" + ("/Rev.1" if revised else "")
    resolution = Resolution.model_validate({
        "session": _SESSION,
        "agenda_item": {"number": _ITEM, "sub_item": _SUB_ITEM if sub_item else None},
        "stage": "adopted" if adopted else "draft",
        "symbol": f"A/RES/{_SESSION}/{_NUMBER}" if adopted else draft,
        # A translation, so that the draft's header names its own language and the original's.
        "original": _other(lang),
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


def _other(code: str) -> str:
    """A language other than this one: the probe's original, so that it is a translation."""
    return next(other for other in LANGUAGES if other != code)


def _symbol_list() -> str:
    """A symbol as printed in a header, with the documents listed after it ("and Add.1")."""
    joiners = alternation([language(code).list_style.last.strip() for code in LANGUAGES])
    more = r"(?:(?:Add|Corr|Rev|Amend)\.)?\d+(?:/(?:Add|Corr|Rev|Amend)\.\d+)*"
    return rf"{SYMBOL}(?:(?:,\s*|\s+(?:{joiners})\s+){more})*"


def _values(code: str) -> dict[str, str]:
    """Each probe value as it is written, and the pattern that replaces it."""
    lang, text = language(code), patterns(code)
    probe_org = next(iter(registry().values())).forms(code)
    values = {
        f"{_SESSION}/{_NUMBER}": rf"(?P<number>{GA_NUMBER})",
        f"A/{_SESSION}/L.{_NUMBER}": rf"(?P<draft_symbol>{_symbol_list()})",
        # Dates as the typography pass sets them, with no-break spaces (date_space).
        plain(lang.format_date(_DISTRIBUTED)).replace(" ", lang.date_space): text.date("distribution"),
        plain(lang.format_date(_ADOPTED)).replace(" ", lang.date_space): text.date("adoption"),
        plain(lang.ordinal(_NUMBER)): text.ordinal("meeting"),
        str(_ITEM): r"(?P<item>\d{1,4})",
        _SUB_ITEM: r"(?P<sub_item>[a-z]{1,2})",
        _SPONSOR: r"(?P<sponsors>.+?)",
        # "Original: English" names the original in this language; the probe's is another one.
        lang.language_names[_other(code)]: f"(?P<original>{alternation(list(lang.language_names.values()))})",
    }
    session = lang.session(_SESSION)
    for form in (session, session[:1].upper() + session[1:]):
        values[form] = text.session("session")
    for case in ("the", "of", "to", "name"):
        forms = [getattr(org.forms(code), case) for _, org in every_form()]
        values[getattr(probe_org, case)] = f"(?:{'|'.join(map(flexible, _longest_first(forms)))})"
    # The sub-item's title is a slot of its own: some organizations' titles do not follow the
    # usual "Cooperation between the United Nations and …" (the Inter-Parliamentary Union's).
    sub_item = getattr(wording(code).env.globals["phrases"], "sub_item")
    titles = [str(sub_item(org.forms(code))) for _, org in every_form()]
    probe_title = str(sub_item(probe_org))
    for variant in (str, _lower_first):
        values[variant(probe_title)] = (
            f"(?:{'|'.join(flexible(variant(title)) for title in _longest_first(titles))})")
    return values


def _common_prefix(texts: list[str]) -> str:
    """The words every text opens with: "Cooperation between the United Nations and"."""
    words = texts[0].split()
    for text in texts[1:]:
        other = text.split()
        count = 0
        while count < min(len(words), len(other)) and words[count] == other[count]:
            count += 1
        words = words[:count]
    return " ".join(words)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _longest_first(items: list[str]) -> list[str]:
    return sorted(set(items), key=len, reverse=True)


def _pattern(text: str, values: dict[str, str]) -> str:
    """A probe text as a pattern: probe values become groups, spaces become flexible."""
    probes = f"({alternation(list(values))})|" if values else "((?!))|"
    tokens = compiled(probes + r"(\s+)")
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


def _optional(full: str, short: str, values: dict[str, str], name: str | None = None) -> str:
    """A pattern for ``full`` in which what ``short`` lacks is optional (a group ``name``, when
    given, says whether it was there)."""
    prefix = 0
    while prefix < len(short) and full[prefix] == short[prefix]:
        prefix += 1
    suffix = 0
    while suffix < len(short) - prefix and full[-1 - suffix] == short[-1 - suffix]:
        suffix += 1
    middle = full[prefix: len(full) - suffix]
    group = f"(?P<{name}>" if name else "(?:"
    return (_pattern(full[:prefix], values) + f"{group}{_pattern(middle, values)})?"
            + _pattern(full[len(full) - suffix:], values))


def _compilation(code: str) -> str:
    """The compilation form of the adoption line, and whatever follows it on its paragraph."""
    form = str(load_data(f"{code}/reading.yaml")["compilation"])  # type: ignore[index]
    text = patterns(code)
    pieces = re.split(r"(\{meeting\}|\{date\})", form)
    fields = {"{meeting}": text.ordinal("meeting"), "{date}": text.date("adoption")}
    return "".join(fields.get(piece) or r"\s+".join(map(re.escape, piece.split(" ")))
                   for piece in pieces if piece) + r"[^\n]*"


@cache
def skeleton(code: str) -> Skeleton:
    """The patterns of one language, made once from its templates."""
    lang, values = language(code), _values(code)
    adopted, bare = _probe(True, True, False, code), _probe(True, False, False, code)
    draft, sponsored = _probe(False, True, False, code), _probe(False, True, True, code)
    revised, revised_sponsored = (_probe(False, True, False, code, revised=True),
                                  _probe(False, True, True, code, revised=True))
    a, d = adopted.preface, draft.preface

    def block(text: str) -> str:
        return _pattern(text, values)

    titled = {**values, a.title.text(): f"(?P<title>{block(a.title.text())})"}
    heading = _optional(a.heading.text(), d.heading.text(), titled)
    assert a.adoption is not None and a.committee is not None and adopted.conclusions is not None
    assert d.sponsors is not None and sponsored.preface.sponsors is not None
    assert revised.preface.sponsors is not None and revised_sponsored.preface.sponsors is not None
    assert d.translation is not None and d.original is not None
    # "…: draft resolution" or "…: revised draft resolution" (a /Rev.N symbol), and without
    # sponsors "Draft resolution" or "Revised draft resolution" (compared in lower case).
    sponsors = (_optional(revised_sponsored.preface.sponsors.text(),
                          sponsored.preface.sponsors.text(), values, "revised"),
                _optional(_lower_first(revised.preface.sponsors.text()),
                          _lower_first(d.sponsors.text()), values, "revised_alone"))
    undated = str(load_data(f"{code}/reading.yaml")["undated_adoption"])  # type: ignore[index]
    steps = [
        ("united_nations", rf"(?P<block>{block(a.united_nations.text())})(?:[ \t]+(?P<symbol>{SYMBOL}))?"),
        ("organ", block(a.organ.text())),
        ("distribution", f"{block(a.distribution.text())}|{block(d.distribution.text())}"),
        ("date", block(a.date.text())),
        ("translation", block(d.translation.text())),
        ("original", block(d.original.text())),
        ("session", block(a.session.text())),
        ("agenda_item", _optional(a.agenda_item.text(), bare.preface.agenda_item.text(), values)),
        ("agenda_title", block(a.agenda_title.text())),
        ("adoption", block(a.adoption.text())),
        ("committee", block(a.committee.text())),
        ("sponsors", "|".join(sponsors)),
        ("heading", heading),
    ]
    titles = _longest_first([str(getattr(wording(code).env.globals["phrases"], "sub_item")(org.forms(code)))
                             for org in registry().values()])
    item = flexible(_common_prefix(titles)).replace("oo", "o-?o")  # "Co-operation" before 1990
    others = [
        ("adoption", f"(?P<compiled>{_compilation(code)})"),
        ("adoption", f"(?P<undated>{flexible(undated)})"),
        ("adoption", f"(?P<meeting_line>{block(adopted.conclusions.meeting.text())})"),
        ("distribution", r"Distr\.\s*:?\s*[^\W\d]+"),
        ("committee", r"\[[^\[\]\n]{3,300}\]"),
        ("heading", rf"(?P<number>{GA_NUMBER})\.?\s+(?P<title>[^\n]+)"),
        ("heading", rf"(?P<title>{item}[^\n]+)"),
    ]
    meeting = block(adopted.conclusions.meeting.text())
    closing = f"(?P<meeting_block>{meeting})\\s+(?P<date_block>{block(adopted.conclusions.date.text())})"
    labels = "|".join(re.escape(form).replace(re.escape("{label}"), "([a-z]{1,6})")
                      for form in dict.fromkeys(lang.subparagraph_labels))
    formula = adopted.formula.text().rstrip(",;:. ")
    return Skeleton(
        lang=lang,
        formula=compiled(rf"\s*{flexible(formula)}\s*[,;:.]?\s*", re.IGNORECASE),
        formula_start=compiled(rf"\s*{flexible(formula)}\s*,\s+(?=\S)", re.IGNORECASE),
        formula_inside=compiled(rf"(?<=\s)(?P<formula>{flexible(adopted.formula.text())})\s+(?=[^\W\d_])"),
        formula_text=adopted.formula.text(),
        united_nations=a.united_nations.text(),
        # Older layouts print header lines in capitals ("RESOLUTION ADOPTED BY THE GENERAL ASSEMBLY").
        steps=tuple(Step(name, compiled(f"(?:{pattern}){_END}", re.IGNORECASE)) for name, pattern in steps),
        others=tuple(Step(name, compiled(f"(?:{pattern}){_END}", re.IGNORECASE)) for name, pattern in others),
        closing=compiled(closing),
        meeting=compiled(rf"(?:^|\s)(?P<meeting_block>{meeting})(?:\s+(?P<date_block>"
                           rf"{patterns(code).date('closing')}))?\s*$"),
        label=compiled(rf"\s*(?:{labels})\s+"),
    )


def header_values(block: Block, name: str, code: str) -> dict[str, str]:
    """The values a header line holds (session, item, symbols, dates as found), by group name;
    empty when the line has none of the known forms."""
    shape = skeleton(code)
    text = " ".join(block.text().split())
    for step in (*shape.steps, *shape.others):
        if step.name != name:
            continue
        match = step.pattern.fullmatch(text)
        if match is None:
            continue
        found = {key: value for key, value in match.groupdict().items() if value}
        if found.pop("revised_alone", None):
            found["revised"] = "revised"
        for field in ("adoption", "distribution"):
            if f"{field}_y" in found:
                day = patterns(code).read_date(match, field)
                if day is not None:
                    found[f"{field}_date"] = day.isoformat()
        return found
    return {}


# -- assembling a Document --------------------------------------------------------------------

def assemble(paragraphs: list[Paragraph], footnotes: list[tuple[int, Paragraph]], *, name: str,
             lang: str | None, page_size: Literal["A4", "Letter"] = "A4",
             deviations: list[Deviation] | None = None, typed_spaces: bool = False,
             running_symbols: tuple[str, ...] = ()) -> Document:
    """The Document of a resolution from its body paragraphs and its footnotes (each with the
    number it bears in the file), and the symbols its running headers print; ReadFailure only
    when there is no text at all.

    ``typed_spaces``: every space in the paragraphs was typed (a Word file, whose layout is tabs
    and breaks), so two in a row between words are a slip that the rules report; in a text
    file they may be layout (justified lines), and only collapse."""
    if len(paragraphs) > MAX_PARAGRAPHS:
        raise ReadFailure(f"{name}: the document has {len(paragraphs)} paragraphs, more than "
                          f"drafter reads ({MAX_PARAGRAPHS}); a resolution has a few hundred "
                          "at most, so check that this is the right file")
    paragraphs = [p for p in paragraphs
                  if il.text(p).strip() or any(not isinstance(item, Run) for item in p)]
    if not any(il.text(p).strip() for p in paragraphs):
        raise ReadFailure(f"{name}: the document has no paragraph of text; choose the .docx or "
                          ".txt of the draft")
    detected = _language(paragraphs)
    shape = skeleton(lang or detected or LANGUAGES[0])
    if lang and detected and detected != lang:
        found = language(detected).name
        raise ReadFailure(f"{name}: no enacting formula ({shape.formula_text!r}) nor opening "
                          f"phrases of {shape.lang.name} found: the text reads as {found}; leave "
                          "out --lang, or give the other file")
    noticed = list(deviations or [])
    start, formula = _find_formula(paragraphs, shape)
    header = paragraphs[:start]
    body = paragraphs[start + (0 if formula is None else 1):]
    preface, issued = _Header(header, shape, noticed).preface()
    preface.running_symbols = running_symbols
    preamble, operative, conclusions = _Body(body, shape, noticed, typed_spaces).parts()
    issued = issued or _date_of(preface, conclusions, shape) or NO_DATE
    formula_block = Block(il.squeeze(formula)) if formula is not None else absent()
    notes = [Footnote(number, Block(il.squeeze(text))) for number, text in footnotes]
    if typed_spaces:
        for typed, block in ((formula or [], formula_block),
                             *((text, note.content) for (_, text), note in zip(footnotes, notes))):
            _note_spaces(noticed, typed, block)
    return Document(
        lang=shape.lang.code, page_size=page_size, issued=issued, preface=preface,
        formula=formula_block, preamble=preamble, operative=operative, conclusions=conclusions,
        footnotes=notes, deviations=noticed,
    )


def _note_spaces(noticed: list[Deviation], typed: Paragraph, block: Block) -> None:
    """Spaces typed twice or more between words of a paragraph (read from a Word file)."""
    found = il.typed_spaces(typed)
    if found is not None:
        noticed.append(Deviation("typed_spaces", block, found))


def _language(paragraphs: list[Paragraph]) -> str | None:
    """The language whose formula, opening phrases and verbs the text uses most; None when it
    uses none of any language."""
    scores = dict.fromkeys(LANGUAGES, 0)
    for paragraph in paragraphs[:400]:
        head = il.text(paragraph)[:160]
        for code in LANGUAGES:
            shape = skeleton(code)
            if shape.formula.fullmatch(head) or shape.formula_start.match(head):
                scores[code] += 10
            for section in ("preamble", "operative"):
                if leading_phrases(head, code, section):  # type: ignore[arg-type]
                    scores[code] += 1
    best = max(LANGUAGES, key=lambda code: scores[code])
    return best if scores[best] else None


def _find_formula(paragraphs: list[Paragraph], shape: Skeleton) -> tuple[int, Paragraph | None]:
    """Where the header ends and the formula, if any: on its own line, or opening the first
    preambular paragraph (which is then cut from it)."""
    for index, paragraph in enumerate(paragraphs):
        text = il.text(paragraph)
        if shape.formula.fullmatch(text):
            return index, paragraph
        opening = shape.formula_start.match(text)
        if opening:
            formula = il.cut(paragraph, 0, len(text[:opening.end()].rstrip()))
            paragraphs[index: index + 1] = [formula, il.cut(paragraph, opening.end(), len(text))]
            return index, formula
    for index, paragraph in enumerate(paragraphs):  # a PDF extraction run into one line
        text = il.text(paragraph)
        inside = shape.formula_inside.search(text)
        if inside:
            formula = il.cut(paragraph, inside.start("formula"), inside.end("formula"))
            paragraphs[index: index + 1] = [il.cut(paragraph, 0, inside.start("formula")), formula,
                                            il.cut(paragraph, inside.end(), len(text))]
            return index + 1, formula
    code = shape.lang.code
    for index, paragraph in enumerate(paragraphs):
        text = il.text(paragraph)
        if (_NUMBERED.match(text) or leading_phrases(text[:160], code, "preamble")
                or leading_phrases(text[:160], code, "operative")):
            return index, None
    return len(paragraphs), None


def _joined(paragraphs: list[Paragraph]) -> Paragraph:
    out: Paragraph = []
    for paragraph in paragraphs:
        if out:
            out.append(Run("\n"))
        out += paragraph
    return out


class _Header:
    """The header lines, found in any order; what fits no line is kept as a deviation."""

    def __init__(self, paragraphs: list[Paragraph], shape: Skeleton,
                 noticed: list[Deviation]) -> None:
        self.flow = _joined(paragraphs)
        self.text = il.text(self.flow)
        self.shape = shape
        self.noticed = noticed
        self.issued: date | None = None

    def preface(self) -> tuple[Preface, date | None]:
        text, shape = self.text, self.shape
        blocks: dict[str, Block] = {}
        found: dict[str, str] = {}
        order = [step.name for step in shape.steps]
        latest = -1
        position = self.skip(0)
        while position < len(text):
            hit = self.line(position, blocks)
            if hit is None:
                end = text.find("\n", position)
                end = len(text) if end < 0 else end
                self.noticed.append(Deviation("header_unknown", self.block(position, end),
                                              " ".join(text[position:end].split())[:80]))
                position = self.skip(end)
                continue
            step, match = hit
            span = match.span("block") if match.groupdict().get("block") else match.span()
            block = self.block(*span)
            blocks[step.name] = block
            found.update({key: value for key, value in match.groupdict().items() if value})
            if step.name == "heading" and match.groupdict().get("title"):
                blocks["title"] = self.block(*match.span("title"))
            if step in shape.others and step.name == "adoption":
                # Its own layout puts it where it is (the compilation form after the heading).
                self.noticed.append(Deviation("header_layout", block, " ".join(match.group().split())[:80]))
            else:
                index = order.index(step.name)
                if index < latest:
                    self.noticed.append(Deviation("header_order", block, step.name))
                latest = max(latest, index)
            if step.name == "date":
                self.issued = patterns(shape.lang.code).read_date(match, "distribution")
            position = self.skip(match.end())
        symbol = found.get("symbol") or (f"A/RES/{found['number']}" if found.get("number") else "")
        preface = Preface(
            # The first line is the Organization's logo in UN documents: text extracted from
            # the PDF lacks it, and nothing is missing when it does.
            united_nations=blocks.get("united_nations") or Block([Run(shape.united_nations)]),
            symbol=symbol,
            organ=blocks.get("organ") or absent(), distribution=blocks.get("distribution") or absent(),
            date=blocks.get("date") or absent(), session=blocks.get("session") or absent(),
            agenda_item=blocks.get("agenda_item") or absent(),
            agenda_title=blocks.get("agenda_title") or absent(),
            adoption=blocks.get("adoption"), committee=blocks.get("committee"),
            sponsors=blocks.get("sponsors"), heading=blocks.get("heading") or absent(),
            title=blocks.get("title") or blocks.get("heading") or absent(),
            translation=blocks.get("translation"), original=blocks.get("original"),
        )
        return preface, self.issued

    def line(self, position: int, seen: dict[str, Block]) -> tuple[Step, re.Match[str]] | None:
        """The header line that starts here: the current layout's lines not seen yet, then
        other layouts; a bold paragraph is the agenda title when nothing else fits."""
        for step in (*self.shape.steps, *self.shape.others):
            if step.name in seen:
                continue
            match = step.pattern.match(self.text, position)
            if match is not None and match.end() > position:
                return step, match
        line = _LINE.match(self.text, position)
        if line is not None and "agenda_title" not in seen and self.bold(*line.span()):
            return _BOLD_TITLE, line
        return None

    def bold(self, start: int, end: int) -> bool:
        runs = [item for item in il.cut(self.flow, start, end) if isinstance(item, Run) and item.text.strip()]
        return bool(runs) and all(run.bold for run in runs)

    def block(self, start: int, end: int) -> Block:
        return Block(il.squeeze(il.cut(self.flow, start, end)))

    def skip(self, position: int) -> int:
        return position + len(self.text[position:]) - len(self.text[position:].lstrip())


def _date_of(preface: Preface, conclusions: Conclusions | None, shape: Skeleton) -> date | None:
    """The adoption date, for a document without a distribution date."""
    code = shape.lang.code
    if preface.adoption is not None:
        values = header_values(preface.adoption, "adoption", code)
        if values.get("adoption_date"):
            return date.fromisoformat(values["adoption_date"])
    if conclusions is not None:
        match = re.search(patterns(code).date("closing"), conclusions.date.text())
        return patterns(code).read_date(match, "closing") if match else None
    return None


class _Body:
    """The preamble, the operative part with its sub-paragraphs, and the closing lines."""

    def __init__(self, paragraphs: list[Paragraph], shape: Skeleton,
                 noticed: list[Deviation], typed_spaces: bool = False) -> None:
        self.shape, self.noticed, self.typed_spaces = shape, noticed, typed_spaces
        self.paragraphs, self.joined = _rejoin(paragraphs)

    def parts(self) -> tuple[list[PreambularParagraph], list[OperativeParagraph], Conclusions | None]:
        conclusions = self.closing()
        paragraphs, code = self.paragraphs, self.shape.lang.code
        kinds = [_kind(paragraph, self.shape) for paragraph in paragraphs]
        first = next((index for index, kind in enumerate(kinds) if kind[0] == "numbered"), None)
        numbering = first is None  # Word's automatic numbering leaves no number in the text
        if first is None:
            first = next((index for index, paragraph in enumerate(paragraphs)
                          if kinds[index][0] == "text" and _opens_operative(paragraph, code)),
                         len(paragraphs))
        preamble = []
        for index, paragraph in enumerate(paragraphs[:first]):
            block = Block(il.squeeze(paragraph))
            self.note(index, block, paragraph)
            preamble.append(PreambularParagraph(_key(paragraph, code, "preamble"), block))
        operative: list[OperativeParagraph] = []
        points: list[tuple[str, Paragraph, int]] = []
        texts = sum(kind[0] == "text" for kind in kinds[first:])
        for index in range(first, len(paragraphs)):
            kind, value, end = kinds[index]
            paragraph = paragraphs[index]
            body = il.cut(paragraph, end, len(il.text(paragraph)))
            if kind == "point" and operative:
                points.append((value, body, index))
                continue
            if operative:
                operative[-1].points = self.nest(points)
                points = []
            number = f"{value}." if kind == "numbered" else None
            if numbering and texts > 1:
                number = f"{len(operative) + 1}."
            block = Block(il.squeeze(body))
            self.note(index, block, body)
            operative.append(OperativeParagraph(number, _key(body, code, "operative"), block))
        if operative:
            operative[-1].points = self.nest(points)
        return preamble, operative, conclusions

    def closing(self) -> Conclusions | None:
        """The meeting and date at the end: one or two paragraphs, or the end of the last one
        (text extracted from a PDF runs them together)."""
        paragraphs, shape = self.paragraphs, self.shape
        for count in (2, 1):
            if len(paragraphs) >= count:
                tail = _joined(paragraphs[-count:])
                text = il.text(tail)
                match = shape.closing.fullmatch(text, len(text) - len(text.lstrip()), len(text.rstrip()))
                if match:
                    del paragraphs[-count:]
                    return Conclusions(Block(il.squeeze(il.cut(tail, *match.span("meeting_block")))),
                                       Block(il.squeeze(il.cut(tail, *match.span("date_block")))))
        if not paragraphs:
            return None
        last = paragraphs[-1]
        text = il.text(last)
        match = shape.meeting.search(text)
        if match is None:
            return None
        rest = il.cut(last, 0, match.start("meeting_block"))
        date_block = (Block(il.squeeze(il.cut(last, *match.span("date_block"))))
                      if match.group("date_block") else absent())
        conclusions = Conclusions(Block(il.squeeze(il.cut(last, *match.span("meeting_block")))), date_block)
        if il.text(rest).strip():
            paragraphs[-1] = rest
        else:
            paragraphs.pop()
        return conclusions

    def note(self, index: int, block: Block, typed: Paragraph) -> None:
        """A paragraph that was rejoined, or that stops mid-sentence at the end of the text;
        spaces typed twice in it."""
        if index in self.joined:
            self.noticed.append(Deviation("cut_off", block, "joined"))
        if self.typed_spaces:
            _note_spaces(self.noticed, typed, block)

    def nest(self, items: list[tuple[str, Paragraph, int]]) -> list[Point]:
        """Sub-paragraphs in a tree: a label continues the deepest list it is the next label of."""
        lang = self.shape.lang
        top: list[Point] = []
        stack: list[tuple[list[Point], int]] = [(top, 0)]
        for label, body, index in items:
            level = next((depth for depth in reversed(range(len(stack)))
                          if lang.subparagraph_label(stack[depth][1], len(stack[depth][0])) == label),
                         len(stack) - 1)
            del stack[level + 1:]
            siblings, depth = stack[level]
            point = Point(label, Block(il.squeeze(body)))
            self.note(index, point.content, body)
            siblings.append(point)
            if il.text(body).rstrip().endswith(":"):
                stack.append((point.points, depth + 1))
        return top


def _rejoin(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], set[int]]:
    """Paragraphs broken in two by a stray line break joined again: one that stops without
    punctuation followed by one that goes on in lower case. Returns the indexes of the joined."""
    out: list[Paragraph] = []
    joined: set[int] = set()
    for paragraph in paragraphs:
        head = il.text(paragraph).lstrip()[:1]
        if out and head.islower() and not _CLOSED.search(il.text(out[-1])):
            # One space at the break: those typed at the end of a line are layout, not a slip.
            out[-1] = [*_trimmed(out[-1], -1), Run(" "), *_trimmed(paragraph, 0)]
            joined.add(len(out) - 1)
            continue
        out.append(list(paragraph))
    return out, joined


def _trimmed(paragraph: Paragraph, end: int) -> Paragraph:
    """The paragraph without the ordinary spaces at one end (0 the start, -1 the end) of the
    run there, if a run is there."""
    item = paragraph[end] if paragraph else None
    if not isinstance(item, Run):
        return paragraph
    text = item.text.lstrip(" ") if end == 0 else item.text.rstrip(" ")
    rest = paragraph[1:] if end == 0 else paragraph[:-1]
    kept = [item.with_text(text)] if text else []
    return [*kept, *rest] if end == 0 else [*rest, *kept]


def _kind(paragraph: Paragraph, shape: Skeleton) -> tuple[str, str, int]:
    """("numbered", "3", end of "3. "), ("point", "(a)", end of "(a) ") or ("text", "", 0)."""
    text = il.text(paragraph)[:40]
    numbered = _NUMBERED.match(text)
    if numbered:
        return "numbered", numbered.group(1), numbered.end()
    label = shape.label.match(text)
    if label:
        return "point", label.group().strip(), label.end()
    return "text", "", 0


def _opens_operative(paragraph: Paragraph, code: str) -> bool:
    """An operative verb ("Requests"), not a preambular phrase ("Requesting"), opens it."""
    text = il.text(paragraph)[:160]
    return bool(leading_phrases(text, code, "operative")) and not leading_phrases(text, code, "preamble")


def _key(paragraph: Paragraph, code: str, section: Literal["preamble", "operative"]) -> str:
    """The lexicon key of the paragraph's opening phrase or verb; empty when it has none."""
    keys = leading_phrases(il.text(paragraph)[:160], code, section)
    return keys[0] if keys else ""
