"""Compose a Resolution in one language into a Document, through the templates.

Templates and prose give markup strings; this module turns them into runs, numbers the footnotes
in document order, adds the paragraph-ending punctuation, places footnote marks the way the
language does, and finally applies the language's typography.
"""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from drafter import markup, symbols
from drafter.collector import paused
from drafter.document import (
    Block,
    Conclusions,
    Document,
    Footnote,
    FootnoteRef,
    Inline,
    Meaning,
    OperativeParagraph,
    Point,
    PreambularParagraph,
    Preface,
    Run,
    Span,
    merge_runs,
)
from drafter.language import Language, Section, language
from drafter.phrasebook import INLINE
from drafter.organizations import registry
from drafter.resolution import (
    InlinePhrase,
    ObserverStatusGranted,
    Operative,
    Preambular,
    Prose,
    Resolution,
    Subparagraph,
)
from drafter.sandbox import TemplateData
from drafter.templating import Wording, wording
from drafter.typography import apply_typography

_PUNCTUATION = ",;.:"
#: Fields of a standard paragraph that are not template parameters.
_NOT_PARAMETERS = {"standard", "opener", "verb"}


def compose(resolution: Resolution, lang: str, templates: Path | None = None) -> Document:
    """The Document of a resolution in one language ("en" or "fr")."""
    words = wording(lang, templates)
    # User templates: one budget of loop turns, sizes and time per document; and the collector
    # keeps running for them, since what they build is theirs to decide.
    with words.limits(), (nullcontext() if words.env.untrusted else paused()):
        return _Composer(resolution, words).document()


class _Composer:
    def __init__(self, resolution: Resolution, words: Wording) -> None:
        self.resolution = resolution
        self.words = words
        self.lang: Language = words.lang
        self.footnotes: list[Footnote] = []
        self.cited: dict[tuple[markup.Node, ...], int] = {}  # footnote markup → its number
        self.context = TemplateData(_context(resolution, self.lang.code))

    def document(self) -> Document:
        blocks = self.words.render_blocks("document.j2", self.context)
        adopted = self.resolution.stage == "adopted"
        preface = Preface(
            united_nations=self.block(blocks["united_nations"]),
            symbol=symbols.format(self.resolution.symbol, self.lang.code),
            organ=self.block(blocks["organ"]),
            distribution=self.block(blocks["distribution"]),
            date=self.block(blocks["date"]),
            session=self.block(blocks["session"]),
            agenda_item=self.block(blocks["agenda_item"]),
            agenda_title=self.block(blocks["agenda_title"]),
            adoption=self.block(blocks["adoption"]) if blocks["adoption"] else None,
            committee=self.block(blocks["committee"]) if blocks["committee"] else None,
            sponsors=self.block(blocks["sponsors"]) if blocks["sponsors"] else None,
            heading=self.block(blocks["heading"]),
            title=self.block(blocks["title"]),
            # A copy of document.j2 made before these blocks existed still renders, without them.
            translation=self.block(blocks["translation"]) if blocks.get("translation") else None,
            original=self.block(blocks["original"]) if blocks.get("original") else None,
        )
        formula = self.block(blocks["formula"])
        preamble = [self.preambular(paragraph) for paragraph in self.resolution.preamble]
        count = len(self.resolution.operative)
        operative = [self.operative(paragraph, index, count)
                     for index, paragraph in enumerate(self.resolution.operative)]
        conclusions = (Conclusions(self.block(blocks["meeting"]), self.block(blocks["adoption_date"]))
                       if adopted else None)
        document = Document(
            lang=self.lang.code, page_size=self.resolution.page_size,
            issued=self.resolution.distribution_date, preface=preface,
            formula=formula, preamble=preamble, operative=operative, conclusions=conclusions,
            footnotes=self.footnotes, organization=self.resolution.organization,
        )
        return apply_typography(document, self.lang)

    # -- paragraphs ---------------------------------------------------------------------------

    def preambular(self, paragraph: Any) -> PreambularParagraph:
        if isinstance(paragraph, Preambular):
            name, body = _phrase_name(paragraph.opener), getattr(paragraph, self.lang.code)
        else:
            name = paragraph.standard
            body = self.standard("preamble", paragraph)
        opener = self.phrase("preamble", paragraph.opener)
        return PreambularParagraph(name, self.paragraph(
            opener, body, ",", Meaning("opener", (_phrase_name(paragraph.opener),))))

    def operative(self, paragraph: Any, index: int, count: int) -> OperativeParagraph:
        last = index == count - 1
        end = "." if last else ";"
        verb = self.phrase("operative", paragraph.verb)
        said = Meaning("verb", (_phrase_name(paragraph.verb),))
        num = f"{index + 1}." if count > 1 else None
        if isinstance(paragraph, Operative):
            body = getattr(paragraph, self.lang.code)
            # The lead-in before its sub-paragraphs, so footnotes are numbered in reading order.
            content = self.paragraph(verb, body, ":" if paragraph.subparagraphs else end, said)
            points = self.points(paragraph.subparagraphs, 0, end)
            return OperativeParagraph(num, _phrase_name(paragraph.verb), content, points)
        body = self.standard("operative", paragraph)
        return OperativeParagraph(num, paragraph.standard, self.paragraph(verb, body, end, said))

    def phrase(self, section: Section, value: str | InlinePhrase) -> str:
        """An opener or verb in this language: from the lexicon, or as the source writes it."""
        if isinstance(value, InlinePhrase):
            return str(getattr(value, self.lang.code))
        return self.lang.phrase(section, value)

    def points(self, items: list[Subparagraph], depth: int, end: str) -> list[Point]:
        points = []
        for index, item in enumerate(items):
            ending = end if index == len(items) - 1 else ";"
            label = self.lang.subparagraph_label(depth, index)
            content = self.paragraph(None, getattr(item, self.lang.code),
                                     ":" if item.subparagraphs else ending)
            inner = self.points(item.subparagraphs, depth + 1, ending)
            points.append(Point(label, content, inner))
        return points

    def standard(self, part: str, paragraph: BaseModel) -> str:
        parameters = {name: _localize(getattr(paragraph, name), self.lang.code)
                      for name in type(paragraph).model_fields if name not in _NOT_PARAMETERS}
        if isinstance(paragraph, ObserverStatusGranted) and paragraph.resolution is None:
            parameters["resolution"] = self.context["observer_status"]
        return self.words.render(f"{part}/{paragraph.standard}.j2",  # type: ignore[attr-defined]
                                 self.context.extended(parameters))

    def paragraph(self, opener: str | None, body: str, end: str,
                  said: Meaning | None = None) -> Block:
        """Italic opener (``said`` is its meaning), body, and the ending punctuation in place of
        any the drafter typed."""
        body = body.rstrip()
        if body and body[-1] in _PUNCTUATION:
            body = body[:-1].rstrip()
        runs = _Runs()
        spans: list[Span] = []
        if opener:
            runs.add(opener, True, False)
            runs.add(" ", False, False)
            if said is not None:
                spans.append(Span(0, len(opener), said))
        self.inlines(markup.parse(body), runs, False, False, spans)
        runs.add(end, False, False)
        return Block(_place_footnote_marks(runs.inlines(), self.lang.footnote_mark),
                     meanings=spans)

    # -- inline markup ------------------------------------------------------------------------

    def block(self, text: str) -> Block:
        runs = _Runs()
        spans: list[Span] = []
        self.inlines(markup.parse(text), runs, False, False, spans)
        return Block(runs.inlines(), meanings=spans)

    def inlines(self, nodes: tuple[markup.Node, ...], runs: _Runs, italic: bool,
                superscript: bool, spans: list[Span] | None = None) -> None:
        """Add the runs of markup to ``runs``. With ``spans``, what each value tag's text means
        is added to it, at offsets in the text of all of ``runs``."""
        for node in nodes:
            if isinstance(node, str):  # most nodes: text
                runs.add(node, italic, superscript)
            elif node.name == "i":
                self.inlines(node.children, runs, True, superscript, spans)
            elif node.name == "sup":
                self.inlines(node.children, runs, italic, True, spans)
            elif node.name == "fn":
                runs.mark(self.footnote(node.children))
            else:
                start = runs.length
                self.inlines(markup.parse(self.expand(node)), runs, italic, superscript)
                if spans is not None:
                    meaning = Meaning(node.name, node.args)  # type: ignore[arg-type]
                    spans.append(Span(start, runs.length, meaning))

    def footnote(self, children: tuple[markup.Node, ...]) -> FootnoteRef:
        """A new footnote; the same text again in the document cites that footnote again."""
        if children in self.cited:
            return FootnoteRef(self.cited[children], repeat=True)
        number = len(self.footnotes) + 1
        self.cited[children] = number
        # Reserve the number before the body, so the ids follow the order of the marks.
        self.footnotes.append(Footnote(number, Block()))
        # markup.parse refuses a footnote inside a footnote, so the content holds none.
        runs = _Runs()
        spans: list[Span] = []
        self.inlines(children, runs, False, False, spans)
        self.footnotes[number - 1].content.inlines = runs.inlines()
        self.footnotes[number - 1].content.meanings = spans
        return FootnoteRef(number)

    def expand(self, tag: markup.Tag) -> str:
        """A value tag as markup in this language: dates and citations."""
        args = tag.args
        if tag.name == "date":
            return self.lang.format_date(date.fromisoformat(args[0]))
        if tag.name == "res":
            return self.lang.ga_citation(args[0], date.fromisoformat(args[1]) if len(args) > 1 else None)
        if tag.name == "sc":
            if len(args[1]) == 4:
                return self.lang.sc_citation(args[0], int(args[1]), None)
            dated = date.fromisoformat(args[1])
            return self.lang.sc_citation(args[0], dated.year, dated)
        return symbols.format(args[0], self.lang.code)  # doc: "A/61/256 and Add.1" / "et Add.1"


class _Runs:
    """Inlines as merge_runs leaves them, built as they come: neighbouring texts of the same
    formatting are joined and empty ones dropped, so that each run is made once, rather than
    made for every piece of text, its length summed, and merged."""

    __slots__ = ("items", "texts", "italic", "superscript", "length")

    def __init__(self) -> None:
        self.items: list[Inline] = []
        self.texts: list[str] = []  # of the run being built
        self.italic = self.superscript = False  # its formatting
        self.length = 0  # of all the text so far, for the offsets of meanings

    def add(self, text: str, italic: bool, superscript: bool) -> None:
        if not text:
            return
        if self.texts and (italic != self.italic or superscript != self.superscript):
            self._close()
        self.texts.append(text)
        self.italic, self.superscript = italic, superscript
        self.length += len(text)

    def mark(self, reference: FootnoteRef) -> None:
        if self.texts:
            self._close()
        self.items.append(reference)

    def inlines(self) -> list[Inline]:
        if self.texts:
            self._close()
        return self.items

    def _close(self) -> None:
        self.items.append(Run("".join(self.texts), self.italic, False, self.superscript))
        self.texts = []


def _context(resolution: Resolution, lang: str) -> dict[str, object]:
    """What every template sees: plain data in one language, never the models themselves."""
    organization = registry()[resolution.organization].at(resolution.session)
    observer = organization.observer_status
    return {
        "session": resolution.session,
        "agenda_item": _localize(resolution.agenda_item, lang),
        "adopted": resolution.stage == "adopted",
        "adoption": _localize(resolution.adoption, lang),
        "distribution_date": resolution.distribution_date,
        "draft_symbol": resolution.draft_symbol,
        "symbol": resolution.symbol,
        "number": resolution.number,
        "sponsors": [getattr(sponsor, lang) for sponsor in resolution.sponsors],
        "revision": symbols.revision(resolution.symbol),
        "original": language(lang).language_names[resolution.original],
        "translated": resolution.original != lang,
        "org": organization.forms(lang),
        "observer_status": ({"number": observer.resolution, "date": observer.date}
                            if observer else None),
        "report_symbol": resolution.report,
        "mandate": _localize(resolution.mandate, lang),
    }


def _phrase_name(value: str | InlinePhrase) -> str:
    """The name a Document gives a paragraph: its lexicon or phrase-book key, else "inline"."""
    if isinstance(value, InlinePhrase):
        return value.key or INLINE
    return value


def _localize(value: Any, lang: str) -> Any:
    """A value as a template sees it: models become mappings of their fields, and bilingual
    prose the text of one language."""
    if isinstance(value, Prose):
        return getattr(value, lang)
    if isinstance(value, BaseModel):
        return {name: _localize(getattr(value, name), lang) for name in type(value).model_fields}
    if isinstance(value, list):
        return [_localize(item, lang) for item in value]
    return value


def _place_footnote_marks(inlines: list[Inline], placement: str) -> list[Inline]:
    """Move each footnote mark to its side of an adjacent punctuation mark (``inlines`` are
    merged runs: without a mark, they are returned as they are)."""
    for item in inlines:
        if isinstance(item, FootnoteRef):
            break
    else:
        return inlines
    pending = list(inlines)
    out: list[Inline] = []
    while pending:
        item = pending.pop(0)
        if isinstance(item, FootnoteRef) and placement == "after_punctuation" and pending:
            following = pending[0]
            if isinstance(following, Run) and following.text[:1] and following.text[0] in _PUNCTUATION:
                out.append(_with_text(following, following.text[0]))
                pending[0] = _with_text(following, following.text[1:])
        elif isinstance(item, FootnoteRef) and placement == "before_punctuation" and out:
            preceding = out[-1]
            if isinstance(preceding, Run) and preceding.text[-1:] and preceding.text[-1] in _PUNCTUATION:
                out[-1] = _with_text(preceding, preceding.text[:-1])
                pending.insert(0, _with_text(preceding, preceding.text[-1]))
        out.append(item)
    return merge_runs(out)


def _with_text(run: Run, text: str) -> Run:
    return run.with_text(text)
