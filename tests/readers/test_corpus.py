"""Drafts drafter did not write (tests/corpus, and variants made here from real texts): every one
is read without a refusal, and the completed ones import and render back to the same words.

"The same words" is measured on the body (from the enacting formula to the last footnote): the
share of the original's words that the rendering of the imported source gives back in order.
The header is left out because rendering lays it out in the current layout, which is the point.
"""

from __future__ import annotations

import io
import re
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from docx import Document as new_docx

from conftest import EXAMPLE, REFERENCE, ROOT, convert
import typed_footnotes

from drafter.composer import compose
from drafter.document import Document, FootnoteRef
from drafter.importer import import_document
from drafter.readers import read
from drafter.readers.docx import read_docx
from drafter.readers.text import read_text
from drafter.rules import all_rules
from drafter.source import load
from drafter.commands.validate import EXIT_UNREADABLE, validate
from drafter.writers.text import write_text

CORPUS = ROOT / "tests" / "corpus"
FILES = sorted(CORPUS.glob("*.txt"))
#: The least share of a completed text's words that its imported source gives back.
SAME_WORDS = 0.98


def body_words(document: Document) -> list[str]:
    """The words from the formula to the last footnote, footnote marks as [n]."""
    def flat(block) -> list[str]:
        return "".join(f" [{item.number}] " if isinstance(item, FootnoteRef) else item.text
                       for item in block.inlines).split()

    blocks = [document.formula] + [p.content for p in document.preamble]
    for operative in document.operative:
        blocks.append(operative.content)
        stack = list(operative.points)
        while stack:
            point = stack.pop(0)
            blocks.append(point.content)
            stack[:0] = point.points
    words = [word for block in blocks for word in ((operative_num(block, document) or []) + flat(block))]
    for note in document.footnotes:
        words += [f"[{note.number}]", *flat(note.content)]
    return [re.sub(r"[\u00a0\u202f]", " ", word) for word in words]


def operative_num(block, document: Document) -> list[str] | None:
    for operative in document.operative:
        if operative.content is block and operative.num:
            return [operative.num]
    return None


def same_words(original: Document, again: Document) -> float:
    before, after = body_words(original), body_words(again)
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(before)


def round_trip(document: Document) -> float:
    """Import the document, render the source in its language, read it back, compare."""
    resolution = import_document(document)
    return same_words(document, read_text(write_text(compose(resolution, document.lang))))


# -- the files of the corpus ----------------------------------------------------------------------

@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_every_corpus_file_is_read_and_gets_findings_not_a_refusal(path: Path):
    report = validate([path], None, None, all_rules())
    assert not report.unreadable, report.unreadable
    assert report.exit_code != EXIT_UNREADABLE
    document = read(path, None)
    assert document.lang == path.name.split(".")[1]
    assert body_words(document)


def test_the_one_line_pdf_extraction_keeps_every_word():
    document = read(CORPUS / "54-280.en.pdf-line.txt", None)
    words = (CORPUS / "54-280.en.pdf-line.txt").read_text(encoding="utf-8").split()
    read_back = " ".join([block.text() for block in document.blocks()]
                         + [d.block.text() for d in document.deviations if d.block is not None])
    assert all(word in read_back for word in words if word not in ("00", "50074", "/..."))


def test_a_partial_text_keeps_what_it_has():
    document = read(CORPUS / "36-24.en.partial.txt", None)
    assert len(document.preamble) == 5 and len(document.operative) == 4
    assert document.operative[-1].content.text().endswith("importan")
    assert {d.kind for d in document.deviations} == {"header_layout"}


@pytest.mark.parametrize("name", ["54-280.en.txt", "A-RES-77-13.fr.txt"])
def test_completed_real_texts_import_and_render_to_the_same_words(name):
    path = CORPUS / name if (CORPUS / name).exists() else REFERENCE
    assert round_trip(read(path, None)) >= SAME_WORDS


def test_the_imported_real_text_keeps_its_header_values():
    resolution = import_document(read(CORPUS / "54-280.en.txt", None))
    assert (resolution.session, resolution.symbol, resolution.draft_symbol) == (
        54, "A/RES/54/280", "A/54/L.86 and Add.1")
    assert resolution.adoption is not None and resolution.adoption.meeting == 98
    assert resolution.organization == "ctbto"


# -- the same texts in other layouts --------------------------------------------------------------

def example_text(lang: str) -> str:
    return write_text(compose(load(EXAMPLE), lang))


_ADOPTION = {"en": ("Resolution adopted by the General Assembly on 21 November 2022",
                    "Adopted at the 39th plenary meeting, on 21 November 2022, without a vote"),
             "fr": ("Résolution adoptée par l'Assemblée générale le 21 novembre 2022",
                    "Adoptée à la 39^{e} séance plénière, le 21 novembre 2022, sans vote")}


def undated(text: str, lang: str) -> str:
    """The layout before about 2008: the adoption line without a date."""
    line = _ADOPTION[lang][0]
    written = re.escape(line).replace("\\ ", "[ \u00a0]")  # the date typeset or typed
    return re.sub(written, line.rsplit(" ", 4 if lang == "en" else 4)[0], text)


def compiled(text: str, lang: str) -> str:
    """The compilation layout: title, then "Adopted at the 39th plenary meeting, on …", and no
    closing lines."""
    lines = text.split("\n\n")
    header_end = next(i for i, line in enumerate(lines) if line.startswith(("77/13.",)))
    kept = [line for line in lines[:header_end] if not line.startswith(_ADOPTION[lang][0][:10])
            and not line.startswith("[")]
    rest = [line for line in lines[header_end + 1:] if "plenary meeting" not in line
            and "séance plénière" not in line]
    return "\n\n".join(kept + [lines[header_end], _ADOPTION[lang][1]] + rest)


def capitals(text: str, lang: str) -> str:
    """The 2000 layout: masthead and adoption line in capitals, "Distr. GENERAL"."""
    first, rest = text.split("\n\n", 1)
    rest = re.sub(r"Distr\.:? (General|générale)", lambda m: "Distr. " + m.group(1).upper(), rest)
    return first.upper() + "\n\n" + undated(rest, lang).replace(
        undated(_ADOPTION[lang][0], lang), undated(_ADOPTION[lang][0], lang).upper())


def no_agenda_title(text: str, lang: str) -> str:
    return re.sub(r"\n\n\*\*[^*]+\*\*", "", text, count=1)


def pdf_lines(text: str, lang: str) -> str:
    """A PDF extraction: lines wrapped at 90 characters, single line breaks between paragraphs,
    the job number and a page number among them."""
    head, body = text.split("\n\n", 1)
    body, notes = body.split("\n\n¹", 1)
    lines = []
    for paragraph in body.split("\n\n"):
        line = ""
        for word in paragraph.split():
            if len(line) + len(word) > 90:
                lines.append(line)
                line = ""
            line = f"{line} {word}".strip()
        lines.append(line)
    lines[len(lines) // 2: len(lines) // 2] = ["22-26741 (E)", "2/4"]
    return head + "\n\n" + "\n".join(lines) + "\n\n¹" + notes


LAYOUTS = {"undated": undated, "compiled": compiled, "capitals": capitals,
           "no-agenda-title": no_agenda_title, "pdf-lines": pdf_lines}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_example_in_other_layouts_reads_and_renders_back(layout, lang):
    original = example_text(lang)
    text = LAYOUTS[layout](original, lang)
    assert text != original
    document = read_text(text)
    assert document.lang == lang and len(document.operative) == 9 and len(document.preamble) == 15
    assert len(document.footnotes) == 7
    assert round_trip(document) >= SAME_WORDS


def test_the_official_french_in_other_layouts_reads_and_renders_back():
    original = REFERENCE.read_text(encoding="utf-8")
    for layout in ("undated", "compiled", "pdf-lines"):
        document = read_text(LAYOUTS[layout](original, "fr"))
        assert len(document.operative) == 9, layout
        assert round_trip(document) >= SAME_WORDS, layout


# -- Word files typed by hand --------------------------------------------------------------------

def hand_typed(lang: str) -> bytes:
    """The example as someone types it in Word with python-docx: no styles, "1." and a tab,
    openers in italic runs, the agenda title in bold, no footnotes."""
    document = compose(load(EXAMPLE), lang)
    word = new_docx()
    preface = document.preface
    for block in (preface.united_nations, preface.organ, preface.distribution, preface.date,
                  preface.session, preface.agenda_item):
        word.add_paragraph(block.text())
    word.add_paragraph().add_run(preface.agenda_title.text()).bold = True
    for block in (preface.adoption, preface.committee, preface.heading, document.formula):
        if block is not None:
            word.add_paragraph(block.text())

    def typed(block, number: str | None) -> None:
        p = word.add_paragraph(f"{number}\t" if number else "")
        for item in block.inlines:
            if not isinstance(item, FootnoteRef):
                p.add_run(item.text).italic = item.italic or None
    for paragraph in document.preamble:
        typed(paragraph.content, None)
    for paragraph in document.operative:
        typed(paragraph.content, paragraph.num)
    assert document.conclusions is not None
    word.add_paragraph(document.conclusions.meeting.text())
    word.add_paragraph(document.conclusions.date.text())
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def test_a_hand_typed_word_draft_reads_imports_and_renders_back(lang):
    document = read_docx(hand_typed(lang))
    assert document.lang == lang and len(document.preamble) == 15
    assert [p.num for p in document.operative] == [f"{n}." for n in range(1, 10)]
    assert not document.footnotes
    assert round_trip(document) >= SAME_WORDS


def test_a_libreoffice_resave_of_a_hand_typed_draft(soffice, tmp_path, lang):
    source = tmp_path / f"typed.{lang}.docx"
    source.write_bytes(hand_typed(lang))
    resaved = convert(soffice, source, "docx:MS Word 2007 XML", tmp_path / "out")
    report = validate([resaved], None, None, all_rules())
    assert not report.unreadable
    document = read_docx(resaved.read_bytes())
    assert len(document.operative) == 9
    assert round_trip(document) >= SAME_WORDS


def test_a_partial_hand_typed_draft_is_read_with_findings(tmp_path, lang):
    """Cut after the preamble: no operative part, no closing lines: findings, not a refusal."""
    word = new_docx(io.BytesIO(hand_typed(lang)))
    body = word.element.body
    paragraphs = body.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")
    for p in paragraphs[-11:]:
        body.remove(p)
    path = tmp_path / f"partial.{lang}.docx"
    word.save(path)
    report = validate([path], None, None, all_rules())
    assert report.exit_code == 1
    assert {"S103", "S116"} <= {finding.code for finding in report.findings}


@pytest.mark.parametrize("name", ["36-24.en.partial.txt", "37-4.en.partial.txt", "52-4.fr.partial.txt",
                                  "55-9.en.partial.txt", "54-280.en.pdf-line.txt"])
def test_partial_real_texts_import_with_what_to_review(name):
    """What a partial text does not say is taken from what it says or left as a placeholder,
    and each guess is a line to review; what it says is kept."""
    document = read(CORPUS / name, None)
    notes: list[str] = []
    resolution = import_document(document, notes)
    assert notes
    again = read_text(write_text(compose(resolution, document.lang)))
    assert same_words(document, again) >= SAME_WORDS


def test_a_text_that_says_nothing_of_its_session_is_refused_by_import_in_one_sentence():
    """The session is the one value import cannot leave as a placeholder: a partial text
    without header, date or numbered citation (47/12 as published on the page) is refused."""
    from drafter.importer import ImportFailure

    with pytest.raises(ImportFailure, match="which session"):
        import_document(read(CORPUS / "47-12.en.partial.txt", None))


# -- footnotes typed by hand in Word ---------------------------------------------------------------

TYPED = {lang: CORPUS / name for name, (lang, _) in typed_footnotes.FILES.items()}


def test_the_typed_footnote_files_are_what_their_generator_writes(lang):
    """tests/typed_footnotes.py made them; python-docx dates the zip, so compare what they say."""
    typing = typed_footnotes.FILES[TYPED[lang].name][1]
    again = typed_footnotes.typed_footnotes(compose(load(EXAMPLE), lang), typing)
    assert read_docx(TYPED[lang]) == read_docx(again)


def test_footnotes_typed_by_hand_in_word_are_read_as_footnotes_with_a_warning(lang):
    document = read_docx(TYPED[lang])
    composed = compose(load(EXAMPLE), lang)
    assert [(note.number, note.content.text()) for note in document.footnotes] == \
        [(note.number, note.content.text()) for note in composed.footnotes]
    assert body_words(document) == body_words(composed)  # every mark where the text has it
    report = validate([TYPED[lang]], None, None, all_rules())
    assert (report.unreadable, report.exit_code) == ([], 0)
    [finding] = report.findings
    assert (finding.code, finding.severity, finding.paragraph) == ("F504", "warning", "footnote 1")
    assert "Word's footnote command" in finding.hint


def test_a_word_draft_with_typed_footnotes_imports_with_its_footnotes(tmp_path):
    from drafter.importer import import_pair

    resolution = import_pair(read_docx(TYPED["en"]), read_docx(TYPED["fr"]))
    expected = load(EXAMPLE).model_copy(update={"page_size": resolution.page_size})
    assert resolution == expected  # the footnotes are {fn|…} again, in both languages
    for lang in ("en", "fr"):
        assert round_trip(read_docx(TYPED[lang])) >= SAME_WORDS


def test_superscript_digits_stay_text_when_the_word_file_has_real_footnotes(docx_bytes, lang):
    """Only a file without Word's footnotes has typed ones: our own drafts read unchanged."""
    document = read_docx(docx_bytes[lang])
    assert not any(d.kind == "typed_footnotes" for d in document.deviations)
    assert len(document.footnotes) == 7
