"""The French rendering of 77/13 is the official text, word for word and in order."""

from __future__ import annotations

import difflib
import re

from conftest import REFERENCE, body_paragraphs, footnote_texts

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
FOOTNOTE_LINE = re.compile(f"^[{SUPERSCRIPT_DIGITS}]+ ")


def _strip_markup(text: str) -> str:
    text = re.sub(r"\^\{([^}]*)\}", r"\1", text)
    text = re.sub(r"\^(\w)", r"\1", text)
    text = text.replace("*", "")
    return re.sub(f"[{SUPERSCRIPT_DIGITS}]", "", text)


def reference_parts() -> tuple[list[str], list[str]]:
    """The reference's body words and its footnotes (in order), markup removed."""
    body, notes = [], []
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        if FOOTNOTE_LINE.match(line):
            notes.append(" ".join(_strip_markup(FOOTNOTE_LINE.sub("", line)).split()))
        else:
            body.append(line)
    return _strip_markup("\n".join(body)).split(), notes


def _diff(expected: list[str], actual: list[str]) -> str:
    return "\n".join(list(difflib.unified_diff(expected, actual, lineterm="", n=3))[:40])


def test_french_body_matches_the_official_text_word_for_word(docx_bytes):
    expected, _ = reference_parts()
    paragraphs = body_paragraphs(docx_bytes["fr"])
    # The PDF extraction lost the "Nations Unies ... A/RES/77/13" line; the DOCX has it.
    assert paragraphs[0].split() == ["Nations", "Unies", "A/RES/77/13"]
    actual = " ".join(paragraphs[1:]).split()
    assert actual == expected, _diff(expected, actual)


def test_french_footnotes_match_the_official_text_in_order(docx_bytes):
    _, expected = reference_parts()
    notes = footnote_texts(docx_bytes["fr"])
    assert sorted(notes) == list(range(1, len(expected) + 1))
    actual = [" ".join(notes[number].split()) for number in sorted(notes)]
    assert actual == expected


def test_french_text_output_matches_the_official_text(example):
    from drafter.composer import compose
    from drafter.writers.text import write_text

    text = write_text(compose(example, "fr"))
    lines = text.splitlines()
    body = "\n".join(line for line in lines[1:] if not FOOTNOTE_LINE.match(line))
    expected_body, expected_notes = reference_parts()
    assert _strip_markup(body).split() == expected_body
    notes = [" ".join(_strip_markup(FOOTNOTE_LINE.sub("", line)).split())
             for line in lines if FOOTNOTE_LINE.match(line)]
    assert notes == expected_notes
