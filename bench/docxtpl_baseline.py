"""The docxtpl baseline of goal 1: the same document rendered by docxtpl from a template.

docxtpl is installed for the benchmark only (``pip install -e '.[bench]'``); drafter never
imports it. The comparison is meant to be fair to docxtpl:

- the template is made with python-docx from drafter's own DOCX of the same resolution and
  language, so it has the same paragraphs, runs, formatting, styles, headers and footnotes
  (the same count); every piece of text (``w:t``) becomes a ``{{ tN }}`` placeholder;
- docxtpl is given the final text of every run, so it does no composing, no markup and no
  typography: only what a template engine must do (load the template, render, save);
- the template is loaded from bytes in memory, never from disk, and escaping is on
  (``autoescape=True``), as it must be for text that may hold ``&`` or ``<``.
"""

from __future__ import annotations

import io

from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEMPLATED = ("document.main+xml", "footnotes+xml", "header+xml", "footer+xml")


def make_template(docx: bytes) -> tuple[bytes, dict[str, str]]:
    """A docxtpl template of a DOCX (as bytes) and the context that fills it back in."""
    import docx as python_docx

    document = python_docx.Document(io.BytesIO(docx))
    context: dict[str, str] = {}

    def templated(root: etree._Element) -> None:
        for text in root.iter(f"{_W}t"):
            name = f"t{len(context)}"
            context[name] = text.text or ""
            text.text = "{{ " + name + " }}"

    for part in document.part.package.iter_parts():
        if not part.content_type.endswith(_TEMPLATED):
            continue
        element = getattr(part, "element", None)
        if element is not None:  # a part python-docx knows: edit its tree
            templated(element)
        else:  # the footnotes: python-docx keeps them as bytes
            root = etree.fromstring(part.blob)
            templated(root)
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                        standalone=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), context


def render(template: bytes, context: dict[str, str]) -> bytes:
    """What docxtpl does for one document: load the template from memory, render, save."""
    from docxtpl import DocxTemplate

    document = DocxTemplate(io.BytesIO(template))
    document.render(context, autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def texts(docx: bytes) -> tuple[list[str], int]:
    """Every text of the body, footnotes and headers in order, and the number of footnotes:
    what must be equal in drafter's document and docxtpl's."""
    import zipfile

    found: list[str] = []
    footnotes = 0
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        for name in sorted(archive.namelist()):
            if name.startswith("word/") and name.endswith(".xml") and "/_rels/" not in name:
                root = etree.fromstring(archive.read(name))
                found += [text.text or "" for text in root.iter(f"{_W}t")]
                if name == "word/footnotes.xml":
                    footnotes = sum(1 for note in root.iter(f"{_W}footnote")
                                    if int(note.get(f"{_W}id", "0")) > 0)
    return found, footnotes
