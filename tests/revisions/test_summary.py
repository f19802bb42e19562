"""The summary of a tracked document, part by part."""

from __future__ import annotations

import copy

from drafter.document import Block, OperativeParagraph, Run
from drafter.revisions import diff_documents, summarize
from tracking import assert_tracks, renumber


def test_the_summary_names_what_changed_part_by_part(pair, lang):
    lines = [part.describe() for part in summarize(diff_documents(*pair))]
    # A draft's header adds the "Original:" line (and the French names its own language).
    lines_added = {"en": "original", "fr": "translation, original"}[lang]
    assert lines == [
        f"header: symbol, distribution, date, {lines_added}, session, adoption, committee, "
        "sponsors, heading changed",
        "preamble: 1 paragraph changed; 6 words inserted, 1 deleted",
        "operative: 2 paragraphs changed; 2 words inserted, 2 deleted",
        "footnotes: 1 footnote changed; 1 word inserted, 1 deleted",
        "closing: meeting, date deleted",
    ]


def test_the_summary_tells_moved_inserted_and_renumbered_paragraphs(pair):
    old, _ = pair
    new = copy.deepcopy(old)
    new.preamble.insert(0, new.preamble.pop(5))
    new.operative.insert(1, OperativeParagraph(None, "invites", Block(
        [Run("Invites", italic=True), Run(" all States to act;")])))
    renumber(new)
    parts = {part.part: part.describe() for part in summarize(diff_documents(old, new))}
    assert parts["preamble"] == "preamble: 1 paragraph moved; 0 words inserted, 0 deleted"
    assert parts["operative"] == ("operative: 1 paragraph inserted, 8 renumbered; 5 words "
                                  "inserted, 0 deleted")
    assert "header" not in parts
    assert_tracks(old, new)
