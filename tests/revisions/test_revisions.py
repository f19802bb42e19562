"""Tracked changes between two Documents: accepting every revision gives the new draft, rejecting
every one gives the old text, for the follow-up of 77/13 and for random edits alike."""

from __future__ import annotations

import copy
from msgspec.structs import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.composer import compose
from drafter.document import (
    Block,
    Document,
    Footnote,
    FootnoteRef,
    OperativeParagraph,
    Point,
    PreambularParagraph,
    Run,
)
from drafter.revisions import diff_documents, tracked_docx
from tracking import AUTHOR, WHEN, assert_tracks, renumber


def test_follow_up_accepts_to_the_draft_and_rejects_to_the_resolution(pair):
    assert_tracks(*pair)


def test_identical_documents_have_no_revisions(pair):
    old, _ = pair
    tracked = diff_documents(old, copy.deepcopy(old))
    marks = [item.revision for block in tracked.blocks() for item in block.inlines]
    marks += [block.revision for block in tracked.blocks()]
    marks += [item.revision for note in tracked.footnotes for item in note.content.inlines]
    assert set(marks) == {None}


def test_languages_must_match(example):
    with pytest.raises(ValueError, match="languages"):
        diff_documents(compose(example, "en"), compose(example, "fr"))


def test_same_inputs_give_the_same_bytes(pair):
    assert tracked_docx(*pair, AUTHOR, WHEN) == tracked_docx(*pair, AUTHOR, WHEN)


# -- random edits ---------------------------------------------------------------------------------

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)


def _edit(document: Document, draw: st.DataObject) -> None:
    """One random edit: a word, a paragraph, a sub-paragraph or a footnote added or removed."""
    kind = draw.draw(st.sampled_from(["word", "word", "preambular", "operative", "point",
                                      "drop preambular", "drop operative", "add note",
                                      "drop note", "closing"]))
    paragraphs = [p.content for p in document.preamble] + [p.content for p in document.operative]
    if kind == "word":
        blocks = list(document.blocks()) + [note.content for note in document.footnotes]
        block = draw.draw(st.sampled_from(blocks))
        runs = [i for i, item in enumerate(block.inlines) if isinstance(item, Run)]
        if not runs:
            return
        index = draw.draw(st.sampled_from(runs))
        run = block.inlines[index]
        words = run.text.split(" ")
        at = draw.draw(st.integers(0, len(words) - 1))
        action = draw.draw(st.sampled_from(["insert", "delete", "replace"]))
        if action == "insert":
            words.insert(at, draw.draw(WORDS))
        elif action == "delete" and len(words) > 1:
            del words[at]
        else:
            words[at] = draw.draw(WORDS)
        block.inlines[index] = replace(run, text=" ".join(words))
    elif kind == "preambular":
        at = draw.draw(st.integers(0, len(document.preamble)))
        text = " ".join(draw.draw(st.lists(WORDS, min_size=1, max_size=6)))
        document.preamble.insert(at, PreambularParagraph("noting", Block(
            [Run("Noting", italic=True), Run(f" {text},")])))
    elif kind == "operative":
        at = draw.draw(st.integers(0, len(document.operative)))
        text = " ".join(draw.draw(st.lists(WORDS, min_size=1, max_size=6)))
        document.operative.insert(at, OperativeParagraph(None, "invites", Block(
            [Run("Invites", italic=True), Run(f" {text};")])))
    elif kind == "point":
        operative = draw.draw(st.sampled_from(document.operative))
        at = draw.draw(st.integers(0, len(operative.points)))
        operative.points.insert(at, Point("", Block([Run(draw.draw(WORDS) + ";")])))
    elif kind == "drop preambular" and len(document.preamble) > 1:
        del document.preamble[draw.draw(st.integers(0, len(document.preamble) - 1))]
    elif kind == "drop operative" and len(document.operative) > 1:
        del document.operative[draw.draw(st.integers(0, len(document.operative) - 1))]
    elif kind == "add note":
        block = draw.draw(st.sampled_from(paragraphs))
        at = draw.draw(st.integers(0, len(block.inlines)))
        number = max([note.number for note in document.footnotes], default=0) + 1
        document.footnotes.append(Footnote(number, Block([Run(f"{draw.draw(WORDS)}.")])))
        block.inlines.insert(at, FootnoteRef(number))
    elif kind == "drop note":
        marked = [block for block in paragraphs if any(isinstance(i, FootnoteRef) for i in block.inlines)]
        if marked:
            block = draw.draw(st.sampled_from(marked))
            refs = [i for i, item in enumerate(block.inlines) if isinstance(item, FootnoteRef)]
            del block.inlines[draw.draw(st.sampled_from(refs))]
    elif kind == "closing":
        document.conclusions = None
    renumber(document)


@pytest.mark.parametrize("code", ["en", "fr"])
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_random_edits_accept_to_the_new_and_reject_to_the_old(example, code, data):
    base = compose(example, code)
    edited = copy.deepcopy(base)
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        _edit(edited, data)
    forward = data.draw(st.booleans(), label="base is the old version")
    old, new = (base, edited) if forward else (edited, base)
    assert_tracks(old, new)
