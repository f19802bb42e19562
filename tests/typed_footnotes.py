"""Word drafts whose footnotes are typed by hand, made with python-docx: the marks typed as
superscript numbers in the text and the notes as paragraphs at the end, as someone does who
does not know Word's footnote command (or as a PDF converted to Word gives them).

Two ways of typing them, one per corpus file:
- ``formatted``: the digits formatted as superscript (Ctrl+Shift+=), the note opening with a
  superscript number and a tab;
- ``characters``: the superscript characters ¹ ² ³ typed in the text, the note opening "¹ ".

Run ``python tests/typed_footnotes.py`` to write the corpus files again (tests/corpus/README.md);
python-docx stamps the zip with the time, so the tests compare what the files say, not bytes.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Literal

from docx import Document as new_docx

from drafter.document import Block, Document, FootnoteRef, Run

Typing = Literal["formatted", "characters"]
_CHARACTERS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
#: The corpus files: which document, typed which way.
FILES = {"77-13.en.typed-footnotes.docx": ("en", "formatted"),
         "77-13.fr.typed-footnotes.docx": ("fr", "characters")}


def typed_footnotes(document: Document, typing: Typing) -> bytes:
    """The document typed in Word without its footnote command: no styles, "1." and a tab before
    operative paragraphs, openers in italic, marks and notes typed as ``typing`` says."""
    word = new_docx()
    preface = document.preface
    for block in (preface.united_nations, preface.organ, preface.distribution, preface.date,
                  preface.session, preface.agenda_item):
        word.add_paragraph(block.text())
    word.add_paragraph().add_run(preface.agenda_title.text()).bold = True
    for block in (preface.adoption, preface.committee, preface.heading, document.formula):
        if block is not None:
            word.add_paragraph(block.text())

    def typed(block: Block, number: str | None) -> None:
        paragraph = word.add_paragraph(f"{number}\t" if number else "")
        for item in block.inlines:
            if isinstance(item, FootnoteRef):
                if typing == "formatted":
                    paragraph.add_run(str(item.number)).font.superscript = True
                else:
                    paragraph.add_run(str(item.number).translate(_CHARACTERS))
            else:
                run = paragraph.add_run(item.text)
                run.italic = item.italic or None
                run.font.superscript = item.superscript or None

    for preambular in document.preamble:
        typed(preambular.content, None)
    for operative in document.operative:
        typed(operative.content, operative.num)
        for point in operative.points:
            typed(point.content, point.num)
    if document.conclusions is not None:
        typed(document.conclusions.meeting, None)
        typed(document.conclusions.date, None)
    for note in document.footnotes:
        number = str(note.number)
        if typing == "formatted":
            typed(Block([Run(number, superscript=True), Run("\t"), *note.content.inlines]), None)
        else:
            typed(Block([Run(number.translate(_CHARACTERS) + " "), *note.content.inlines]), None)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def originals() -> dict[str, Document]:
    """What the corpus files were typed from: resolution 77/13 as drafter renders the example,
    in English and in French (whose words are the official text's, tests/test_reference.py)."""
    from drafter.composer import compose
    from drafter.source import load

    resolution = load(ROOT / "examples" / "csto-77-13.yaml")
    return {lang: compose(resolution, lang) for lang in ("en", "fr")}


def main() -> None:
    documents = originals()
    for name, (lang, typing) in FILES.items():
        (CORPUS / name).write_bytes(typed_footnotes(documents[lang], typing))
        print(f"wrote {CORPUS / name}")


if __name__ == "__main__":
    main()
