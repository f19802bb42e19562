"""Write a Document as plain text, in the conventions of the reference extraction of 77/13.

``*…*`` marks italics, ``**…**`` bold, ``^{…}`` superscripts; footnote marks are superscript
digits, and the footnotes follow the text, one per paragraph, each opening with its mark.
"""

from __future__ import annotations

from collections.abc import Iterator

from drafter.document import Block, Document, FootnoteRef, Point

_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def footnote_mark(number: int) -> str:
    """"12" → "¹²"."""
    return str(number).translate(_SUPERSCRIPT_DIGITS)


def write_text(document: Document) -> str:
    """The document as UTF-8 text: paragraphs separated by blank lines."""
    return "\n\n".join(_paragraphs(document)) + "\n"


def _paragraphs(document: Document) -> Iterator[str]:
    preface = document.preface
    yield f"{_inline(preface.united_nations)} {preface.symbol}"
    yield _inline(preface.organ)
    # The distribution column: a draft's "Original: English" line (after its translation's
    # language, if it is one) stands under the date.
    yield "\n".join(_inline(block) for block in (preface.distribution, preface.date,
                                                  preface.translation, preface.original)
                     if block is not None)
    yield _inline(preface.session)
    yield _inline(preface.agenda_item)
    yield f"**{_inline(preface.agenda_title)}**"
    for block in (preface.adoption, preface.committee, preface.sponsors):
        if block is not None:
            yield _inline(block)
    yield _inline(preface.heading)
    yield _inline(document.formula)
    for item in document.preamble:
        yield _inline(item.content)
    for operative in document.operative:
        number = f"{operative.num} " if operative.num else ""
        yield number + _inline(operative.content)
        yield from _points(operative.points)
    if document.conclusions is not None:
        closing = document.conclusions
        yield f"*{_inline(closing.meeting)}\n{_inline(closing.date)}*"
    for footnote in document.footnotes:
        yield f"{footnote_mark(footnote.number)} {_inline(footnote.content)}"


def _points(points: list[Point]) -> Iterator[str]:
    for point in points:
        yield f"{point.num} {_inline(point.content)}"
        yield from _points(point.points)


def _inline(block: Block) -> str:
    """Runs with italic spans marked at their edges, so one span survives a superscript."""
    out: list[str] = []
    italic = False
    for item in block.inlines:
        if isinstance(item, FootnoteRef):
            text, wants_italic = footnote_mark(item.number), italic
        else:
            text = f"^{{{item.text}}}" if item.superscript else item.text
            text = f"**{text}**" if item.bold and text.strip() else text
            wants_italic = item.italic
        if wants_italic != italic:
            out.append(_toggle(out, text, opening=wants_italic))
            italic = wants_italic
        out.append(text)
    if italic:
        out.append(_toggle(out, "", opening=False))
    return "".join(out)


def _toggle(out: list[str], following: str, opening: bool) -> str:
    """An italic marker, moved outside the spaces at the span's edge."""
    if opening:
        return "*"
    text = "".join(out)
    trailing = text[len(text.rstrip()):]
    if trailing:
        out[:] = [text.rstrip()]
        return "*" + trailing
    return "*"
