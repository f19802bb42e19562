"""The parts of a tracked document: the preface slot by slot; the preamble, the operative
paragraphs and their points aligned as sequences; the closing lines, kept or gone whole."""

from __future__ import annotations

from drafter.document import (
    Block,
    Conclusions,
    Document,
    OperativeParagraph,
    Point,
    PreambularParagraph,
    Preface,
    Revision,
    Run,
)
from drafter.language import language
from drafter.revisions.align import align
from drafter.revisions.footnotes import TrackedFootnotes
from drafter.revisions.tokens import numbered
from drafter.revisions.words import WordDiff


def tracked_document(old: Document, new: Document) -> Document:
    """The new document with the changes from ``old`` marked, its footnotes numbered 1..N."""
    footnotes = TrackedFootnotes(old, new)
    parts = _Parts(WordDiff(footnotes), new.lang)
    tracked = Document(
        lang=new.lang, page_size=new.page_size, issued=new.issued,
        preface=parts.preface(old.preface, new.preface),
        formula=parts.words.changed(old.formula, new.formula),
        preamble=[parts.preambular(before, after)
                  for before, after in align(old.preamble, new.preamble, _content_text)],
        operative=[parts.operative(before, after)
                   for before, after in align(old.operative, new.operative, _content_text)],
        conclusions=parts.conclusions(old.conclusions, new.conclusions),
        footnotes=[],
    )
    _keep_final_mark(list(tracked.blocks()))
    return footnotes.number(tracked)


class _Parts:
    """Each part of both versions as one tracked part."""

    def __init__(self, words: WordDiff, lang: str) -> None:
        self.words, self.lang = words, lang

    def preface(self, old: Preface, new: Preface) -> Preface:
        """Slot by slot: the masthead lines change word by word; the adoption line, the
        committee line and the sponsors line come or go whole."""
        changed, optional = self.words.changed, self.optional
        return Preface(
            united_nations=changed(old.united_nations, new.united_nations),
            symbol=new.symbol,
            organ=changed(old.organ, new.organ),
            distribution=changed(old.distribution, new.distribution),
            date=changed(old.date, new.date),
            translation=optional(old.translation, new.translation),
            original=optional(old.original, new.original),
            session=changed(old.session, new.session),
            agenda_item=changed(old.agenda_item, new.agenda_item),
            agenda_title=changed(old.agenda_title, new.agenda_title),
            adoption=optional(old.adoption, new.adoption),
            committee=optional(old.committee, new.committee),
            sponsors=self.listed(old.sponsors, new.sponsors),
            heading=changed(old.heading, new.heading),
            title=new.title,
            tracked_symbol=changed(Block([Run(old.symbol)]), Block([Run(new.symbol)])),
        )

    def optional(self, old: Block | None, new: Block | None) -> Block | None:
        if old is not None and new is not None:
            return self.words.changed(old, new)
        if old is not None:
            return self.words.whole(old, "del")
        if new is not None:
            return self.words.whole(new, "ins")
        return None

    def listed(self, old: Block | None, new: Block | None) -> Block | None:
        """The sponsors line, a list: its last joiner ("and") counts as a separator (","), so
        that the names kept stay and the names added are insertions ("Belarus and Kazakhstan"
        → "Belarus, Kazakhstan and Kyrgyzstan" inserts ", Kyrgyzstan", not "Kazakhstan")."""
        if old is None or new is None:
            return self.optional(old, new)
        style = language(self.lang).list_style
        return self.words.listed(old, new, {style.last.strip(): style.separator.strip()})

    def preambular(self, old: PreambularParagraph | None,
                   new: PreambularParagraph | None) -> PreambularParagraph:
        if old is not None and new is not None:
            return PreambularParagraph(new.name, self.words.changed(old.content, new.content))
        if old is not None:
            return PreambularParagraph(old.name, self.words.whole(old.content, "del"))
        assert new is not None
        return PreambularParagraph(new.name, self.words.whole(new.content, "ins"))

    def operative(self, old: OperativeParagraph | None,
                  new: OperativeParagraph | None) -> OperativeParagraph:
        if old is not None and new is not None:
            content = self.words.changed(old.content, new.content, old.num, new.num)
            return OperativeParagraph(None, new.name, content, self.points(old.points, new.points))
        if old is not None:
            return OperativeParagraph(None, old.name, self.words.whole(
                numbered(old.num, old.content), "del"), self.whole_points(old.points, "del"))
        assert new is not None
        return OperativeParagraph(None, new.name, self.words.whole(
            numbered(new.num, new.content), "ins"), self.whole_points(new.points, "ins"))

    def points(self, old: list[Point], new: list[Point]) -> list[Point]:
        points = []
        for before, after in align(old, new, _content_text):
            if before is not None and after is not None:
                content = self.words.changed(before.content, after.content, before.num, after.num)
                points.append(Point("", content, self.points(before.points, after.points)))
            elif before is not None:
                points += self.whole_points([before], "del")
            else:
                assert after is not None
                points += self.whole_points([after], "ins")
        return points

    def whole_points(self, points: list[Point], kind: Revision) -> list[Point]:
        return [Point("", self.words.whole(numbered(point.num, point.content), kind),
                      self.whole_points(point.points, kind)) for point in points]

    def conclusions(self, old: Conclusions | None, new: Conclusions | None) -> Conclusions | None:
        if old is not None and new is not None:
            return Conclusions(self.words.changed(old.meeting, new.meeting),
                               self.words.changed(old.date, new.date))
        if old is not None:
            return Conclusions(self.words.whole(old.meeting, "del"), self.words.whole(old.date, "del"))
        if new is not None:
            return Conclusions(self.words.whole(new.meeting, "ins"), self.words.whole(new.date, "ins"))
        return None


def _content_text(paragraph: PreambularParagraph | OperativeParagraph | Point) -> str:
    return paragraph.content.text()


def _keep_final_mark(paragraphs: list[Block]) -> None:
    """Word and LibreOffice never insert or delete a document's final paragraph mark: when the
    document ends with whole inserted or deleted paragraphs (the closing formula of an adopted
    resolution), each paragraph mark of that stretch passes to the paragraph before it, the way
    Word records typing or deleting at the end. Accepting or rejecting gives the same text."""
    start = len(paragraphs)
    while start > 0 and paragraphs[start - 1].revision is not None:
        start -= 1
    if start in (0, len(paragraphs)):
        return
    for index in range(start - 1, len(paragraphs) - 1):
        paragraphs[index].revision = paragraphs[index + 1].revision
    paragraphs[-1].revision = None

