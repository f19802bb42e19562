"""Write a Document as an HTML fragment that looks like the Word page, for the editor's preview.

No web imports: the fragment is a string, every run escaped. Paragraphs carry ``data-part`` and
``data-index`` (their place in the source: compose keeps preamble[i] and operative[i] one to
one), so that the editor can select the paragraph a reader clicks. Tracked runs become ``<ins>``
and ``<del>``; footnotes sit at the foot of the page, as Word prints them.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from drafter.document import Block, Document, FootnoteRef, Point, Revision


def write_html(document: Document) -> str:
    """The document as one ``<article class="page">``, in its language."""
    lang = escape(document.lang)
    size = escape(document.page_size.lower())
    body = "\n".join(line for line in _body(document) if line)
    return f'<article class="page page-{size}" lang="{lang}">\n{body}\n</article>\n'


def _body(document: Document) -> Iterator[str]:
    preface = document.preface
    yield '<header class="masthead">'
    yield (f'<p class="masthead-top"><span class="un">{_inline(preface.united_nations)}</span> '
           f'<span class="symbol">{escape(preface.symbol)}</span></p>')
    yield f'<p class="organ">{_inline(preface.organ)}</p>'
    column = [block for block in (preface.distribution, preface.date, preface.translation,
                                  preface.original) if block is not None]
    lines = "<br>\n".join(_inline(block) for block in column)
    yield f'<p class="distribution">{lines}</p>'
    yield "</header>"
    yield _paragraph("session", preface.session)
    yield _paragraph("agenda-item", preface.agenda_item)
    yield _paragraph("agenda-title", preface.agenda_title)
    for name, block in (("adoption", preface.adoption), ("committee", preface.committee),
                        ("sponsors", preface.sponsors)):
        if block is not None:
            yield _paragraph(name, block)
    yield _paragraph("heading", preface.heading)
    yield _paragraph("formula", document.formula)
    for index, item in enumerate(document.preamble):
        yield _paragraph("preambular", item.content, part="preamble", index=index)
    for index, operative in enumerate(document.operative):
        number = f'<span class="num">{escape(operative.num)} </span>' if operative.num else ""
        yield _paragraph("operative", operative.content, part="operative", index=index,
                         lead=number)
        yield from _points(operative.points, index, 1)
    if document.conclusions is not None:
        closing = document.conclusions
        yield (f'<p class="conclusions">{_inline(closing.meeting)}<br>\n'
               f'{_inline(closing.date)}</p>')
    if document.footnotes:
        yield '<footer class="footnotes">'
        for footnote in document.footnotes:
            mark = f'<sup class="fn-num">{footnote.number}</sup> '
            yield _paragraph("footnote", footnote.content, lead=mark,
                             anchor=f"fn-{document.lang}-{footnote.number}")
        yield "</footer>"


def _points(points: list[Point], index: int, depth: int) -> Iterator[str]:
    for point in points:
        number = f'<span class="num">{escape(point.num)} </span>' if point.num else ""
        yield _paragraph(f"point depth-{depth}", point.content, part="operative", index=index,
                         lead=number)
        yield from _points(point.points, index, depth + 1)


def _paragraph(kind: str, block: Block, part: str | None = None, index: int | None = None,
               lead: str = "", anchor: str | None = None) -> str:
    if block.absent:  # a part a read draft lacks: nothing to show
        return ""
    attributes = f' class="{kind}"'
    if part is not None:
        attributes += f' data-part="{part}" data-index="{index}"'
    if anchor is not None:
        attributes += f' id="{anchor}"'
    return _revised(f"<p{attributes}>{lead}{_inline(block)}</p>", block.revision)


def _inline(block: Block) -> str:
    out = []
    for item in block.inlines:
        if isinstance(item, FootnoteRef):
            text = f'<sup class="fn-ref">{item.number}</sup>'
        else:
            text = escape(item.text)
            if item.superscript:
                text = f"<sup>{text}</sup>"
            if item.bold:
                text = f"<b>{text}</b>"
            if item.italic:
                text = f"<i>{text}</i>"
        out.append(_revised(text, item.revision))
    return "".join(out)


def _revised(html: str, revision: Revision) -> str:
    return f"<{revision}>{html}</{revision}>" if revision else html
