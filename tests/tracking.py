"""Helpers for tracked changes: a follow-up of 77/13 to diff against it; accepting or rejecting
every tracked change of a .docx on its XML, as Word's commands do; and what a reader then sees:
paragraph texts (python-docx) and footnote texts in the order of their marks; the defining
property of a tracked document (accept all gives the new text, reject all the old one)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document as open_docx
from lxml import etree

from drafter.document import Block, Document, Footnote, FootnoteRef, Inline, Point, Run
from drafter.language import language
from drafter.resolution import CooperationSeries, GACitation, Mandate, Prose, Resolution
from drafter.revisions import tracked_docx
from drafter.writers.docx import write_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
AUTHOR = "GA Affairs Branch"
WHEN = dt.datetime(2024, 9, 1)
_TRACKED_PARTS = ("word/document.xml", "word/footnotes.xml", "word/header1.xml",
                  "word/header3.xml")


def follow_up(previous: Resolution) -> Resolution:
    """The draft of the 79th session based on 77/13, changed the way a follow-up changes it."""
    preamble = [paragraph.model_copy(update={"resolutions": [
        *paragraph.resolutions, GACitation(number="77/13", date=dt.date(2022, 11, 21))]})
        if isinstance(paragraph, CooperationSeries) else paragraph
        for paragraph in previous.preamble]
    return previous.model_copy(update={
        "session": 79, "stage": "draft", "symbol": "A/79/L.99", "adoption": None,
        "draft_symbol": None, "distribution_date": dt.date(2024, 11, 1), "report": "A/79/302",
        "sponsors": [Prose(en="Armenia", fr="Arménie"), Prose(en="Belarus", fr="Bélarus")],
        "mandate": Mandate(report_session=81, agenda_session=81), "preamble": preamble,
    })


def accept_all(blob: bytes) -> bytes:
    """The file with every revision accepted: deletions gone, insertions kept."""
    return _resolve_package(blob, keep="ins")


def reject_all(blob: bytes) -> bytes:
    """The file with every revision rejected: insertions gone, deletions restored."""
    return _resolve_package(blob, keep="del")


def _resolve_package(blob: bytes, keep: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(blob))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename in _TRACKED_PARTS:
                root = etree.fromstring(data)
                resolve(root, keep)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, data)
    return buffer.getvalue()


def resolve(root: etree._Element, keep: str) -> None:
    """Resolve every ``w:ins``/``w:del`` and ``w:rPrChange`` under ``root``: ``keep`` is the
    kind that stays."""
    drop = "del" if keep == "ins" else "ins"
    # Paragraph marks first: a paragraph whose mark goes away joins the next paragraph.
    for mark in list(root.iter(W + drop)):
        if mark.getparent().tag == W + "rPr" and mark.getparent().getparent().tag == W + "pPr":
            _join_with_next(mark.getparent().getparent().getparent())
    for mark in list(root.iter(W + keep)):
        if mark.getparent().tag == W + "rPr":
            mark.getparent().remove(mark)
        else:
            _unwrap(mark)
    for mark in list(root.iter(W + drop)):
        mark.getparent().remove(mark)
    if keep == "del":
        for text in root.iter(W + "delText"):
            text.tag = W + "t"
        for text in root.iter(W + "delInstrText"):
            text.tag = W + "instrText"
    # Changes of formatting: accepting drops the record, rejecting restores the properties.
    for change in list(root.iter(W + "rPrChange")):
        rpr = change.getparent()
        if keep == "del":
            before = change.find(W + "rPr")
            rpr.getparent().replace(rpr, before)
        else:
            rpr.remove(change)


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def _join_with_next(p: etree._Element) -> None:
    """Move a paragraph's content to the start of the next paragraph, which keeps its own
    properties; the last paragraph of a part has no next one and simply goes."""
    following = p.getnext()
    content = [child for child in p if child.tag != W + "pPr"]
    if following is not None and following.tag == W + "p":
        ppr = following.find(W + "pPr")
        index = 0 if ppr is None else 1
        for offset, child in enumerate(content):
            following.insert(index + offset, child)
    p.getparent().remove(p)


def paragraph_texts(blob: bytes) -> list[str]:
    """Body paragraphs as python-docx reads them."""
    return [p.text for p in open_docx(io.BytesIO(blob)).paragraphs]


def formatted_paragraphs(blob: bytes) -> list[list[tuple[str, bool, bool]]]:
    """Body paragraphs as python-docx reads them: (text, italic, superscript) spans, neighbours
    of the same formatting joined, so that a change of italic shows."""
    paragraphs = []
    for p in open_docx(io.BytesIO(blob)).paragraphs:
        spans: list[tuple[str, bool, bool]] = []
        for r in p.runs:
            form = (bool(r.italic), bool(r.font.superscript))
            if spans and spans[-1][1:] == form:
                spans[-1] = (spans[-1][0] + r.text, *form)
            elif r.text:
                spans.append((r.text, *form))
        paragraphs.append(spans)
    return paragraphs


def footnotes_in_order(blob: bytes) -> list[str]:
    """Footnote texts in the order of their marks in the body."""
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        notes = etree.fromstring(archive.read("word/footnotes.xml"))
    texts = {note.get(W + "id"): "".join(t.text or "" for t in note.iter(W + "t"))
             for note in notes.iter(W + "footnote")}
    return [texts[ref.get(W + "id")] for ref in body.iter(W + "footnoteReference")]


def reference_ids(blob: bytes) -> list[int]:
    """The ids of the footnote marks in body order, tracked ones included."""
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    return [int(ref.get(W + "id")) for ref in body.iter(W + "footnoteReference")]


def header_text(blob: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        header = etree.fromstring(archive.read("word/header1.xml"))
    return "".join(t.text or "" for t in header.iter(W + "t"))


def assert_tracks(old: Document, new: Document) -> bytes:
    """The defining property: accept all → the new text, reject all → the old text."""
    tracked = tracked_docx(old, new, AUTHOR, WHEN)
    clean_new, clean_old = write_docx(new), write_docx(old)
    accepted, rejected = accept_all(tracked), reject_all(tracked)
    assert paragraph_texts(accepted) == paragraph_texts(clean_new)
    assert formatted_paragraphs(accepted) == formatted_paragraphs(clean_new)
    assert footnotes_in_order(accepted) == footnotes_in_order(clean_new)
    assert paragraph_texts(rejected) == paragraph_texts(clean_old)
    assert formatted_paragraphs(rejected) == formatted_paragraphs(clean_old)
    assert footnotes_in_order(rejected) == footnotes_in_order(clean_old)
    ids = reference_ids(tracked)
    assert ids == list(range(1, len(ids) + 1))
    return tracked


def marked_text(block: Block, kind: str) -> str:
    """The text of the runs of ``block`` tracked as ``kind`` ("del" or "ins")."""
    return "".join(item.text for item in block.inlines
                   if isinstance(item, Run) and item.revision == kind)


def renumber(document: Document) -> None:
    """Operative numbers, sub-paragraph letters and footnote numbers, as compose gives them."""
    count = len(document.operative)
    for index, operative in enumerate(document.operative):
        operative.num = f"{index + 1}." if count > 1 else None
        _reletter(operative.points, 0, document.lang)
    bodies = {note.number: note.content for note in document.footnotes}
    footnotes = []
    for block in document.blocks():
        inlines: list[Inline] = []
        for item in block.inlines:
            if isinstance(item, FootnoteRef):
                footnotes.append(Footnote(len(footnotes) + 1, bodies[item.number]))
                item = FootnoteRef(len(footnotes))
            inlines.append(item)
        block.inlines = inlines
    document.footnotes = footnotes


def _reletter(points: list[Point], depth: int, lang: str) -> None:
    for index, point in enumerate(points):
        point.num = language(lang).subparagraph_label(depth, index)
        _reletter(point.points, depth + 1, lang)
