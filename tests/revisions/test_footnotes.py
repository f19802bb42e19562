"""Tracked footnotes: a changed footnote stays one footnote, a footnote cited again stays one."""

from __future__ import annotations

import pytest

from drafter.composer import compose
from drafter.document import FootnoteRef
from drafter.revisions import diff_documents
from tracking import assert_tracks, follow_up, marked_text


def test_the_report_footnote_stays_one_footnote_with_a_changed_body(pair):
    old, new = pair
    tracked = diff_documents(old, new)
    report = next(item for item in tracked.preamble[0].content.inlines if isinstance(item, FootnoteRef))
    assert report.revision is None
    body = tracked.footnotes[report.number - 1].content
    assert "A/77/277" in marked_text(body, "del") and "A/79/302" in marked_text(body, "ins")
    assert len(tracked.footnotes) == len(old.footnotes) == len(new.footnotes)


@pytest.mark.parametrize("side", ["both", "old", "new"])
def test_a_footnote_cited_again_stays_one_footnote(example, lang, side):
    """The Declaration's footnote cited a second time: the repeat mark cites the same tracked
    footnote, in one version or both, and no second body is made."""
    from test_footnote_repeats import cited_again

    plain, again = compose(example, lang), compose(cited_again(), lang)
    draft_again = compose(follow_up(cited_again()), lang)
    old, new = {"both": (again, draft_again), "old": (again, compose(follow_up(example), lang)),
                "new": (plain, draft_again)}[side]
    tracked = diff_documents(old, new)
    assert len(tracked.footnotes) == len(plain.footnotes)
    repeats = [item for block in tracked.blocks() for item in block.inlines
               if isinstance(item, FootnoteRef) and item.repeat]
    assert len(repeats) == 1 and repeats[0].number == 2
    assert repeats[0].revision == {"both": None, "old": "del", "new": "ins"}[side]
    assert_tracks(old, new)
