"""Paragraphs diffed word by word: the words that change are tracked, the others stay, spaces and
formatting changes are tracked as such."""

from __future__ import annotations

import copy
from msgspec.structs import replace

from conftest import W, part_xml
from drafter.document import Run
from drafter.revisions import diff_documents
from tracking import assert_tracks, marked_text


def test_the_session_line_changes_word_by_word(pair, lang):
    session = diff_documents(*pair).preface.session
    words = {"en": ("Seventy-seventh", "Seventy-ninth"), "fr": ("Soixante-dix-septième", "Soixante-dix-neuvième")}
    old_word, new_word = words[lang]
    assert marked_text(session, "del").strip() == old_word
    assert marked_text(session, "ins").strip() == new_word
    assert any(isinstance(item, Run) and item.revision is None and "session" in item.text
               for item in session.inlines)


def test_the_appended_citation_is_an_insertion_in_the_same_paragraph(pair):
    tracked = diff_documents(*pair)
    series = next(p for p in tracked.preamble if p.name == "cooperation_series")
    assert series.content.revision is None
    assert "77/13" in marked_text(series.content, "ins")
    assert "77/13" not in marked_text(series.content, "del")


def test_a_word_that_gains_punctuation_is_kept_and_only_the_punctuation_changes(pair, lang):
    """The series recall: "2019 and 75/276" becomes "2019, 75/276": " and" goes, "," comes, and
    2019 stays untouched (not deleted and typed again)."""
    series = next(p for p in diff_documents(*pair).preamble if p.name == "cooperation_series")
    conjunction = {"en": " and", "fr": " et"}[lang]
    runs = [(item.text, item.revision) for item in series.content.inlines if isinstance(item, Run)]
    at = next(index for index, (text, kind) in enumerate(runs) if kind == "del")
    assert runs[at:at + 2] == [(conjunction, "del"), (",", "ins")]
    assert runs[at - 1][0].endswith("2019") and runs[at - 1][1] is None
    assert "2019" not in marked_text(series.content, "del") + marked_text(series.content, "ins")


def test_a_space_that_becomes_a_no_break_space_is_tracked_as_a_space(pair):
    old, _ = pair
    new = copy.deepcopy(old)
    first = new.preamble[1].content.inlines[-1]
    new.preamble[1].content.inlines[-1] = replace(first, text=first.text.replace(" ", "\u00a0", 1))
    tracked = diff_documents(old, new).preamble[1].content
    assert (marked_text(tracked, "del"), marked_text(tracked, "ins")) == (" ", "\u00a0")
    assert_tracks(old, new)


def test_a_change_of_italic_alone_is_a_change_of_formatting(pair):
    """Word's "Formatted: Italic": the word stays, its old formatting is recorded."""
    old, _ = pair
    new = copy.deepcopy(old)
    opener = new.preamble[2].content.inlines[0]
    new.preamble[2].content.inlines[0] = replace(opener, italic=False)
    tracked = diff_documents(old, new).preamble[2].content
    assert not marked_text(tracked, "del") and not marked_text(tracked, "ins")
    assert tracked.inlines[0] == replace(opener, italic=False, was=(True, False))
    blob = assert_tracks(old, new)
    changes = list(part_xml(blob, "word/document.xml").iter(f"{W}rPrChange"))
    assert len(changes) == 1 and changes[0].find(f"{W}rPr/{W}i") is not None
    assert changes[0].getparent().find(f"{W}i") is None
