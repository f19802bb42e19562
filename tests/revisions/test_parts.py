"""The parts of a tracked document: header lines come and go whole, the sponsors line changes name
by name, paragraphs are aligned as sequences, and the final paragraph mark is never tracked."""

from __future__ import annotations

import copy

import pytest

from drafter.composer import compose
from drafter.document import Block, Document, OperativeParagraph, PreambularParagraph, Run
from drafter.revisions import diff_documents
from tracking import assert_tracks, marked_text, renumber


def test_adoption_and_closing_go_and_the_sponsors_come_as_whole_paragraphs(pair):
    tracked = diff_documents(*pair)
    preface = tracked.preface
    assert preface.adoption.revision == preface.committee.revision == "del"
    assert preface.sponsors.revision == "ins"
    assert {item.revision for item in preface.sponsors.inlines} == {"ins"}
    closing = tracked.conclusions
    assert {item.revision for item in closing.meeting.inlines + closing.date.inlines} == {"del"}


def test_the_final_paragraph_mark_is_never_tracked(pair):
    """The closing lines are deleted; their marks pass to the paragraphs before them."""
    tracked = diff_documents(*pair)
    last_operative = tracked.operative[-1].content
    assert [last_operative.revision, tracked.conclusions.meeting.revision,
            tracked.conclusions.date.revision] == ["del", "del", None]


def test_inserting_an_operative_paragraph_renumbers_the_following_ones(pair, lang):
    old, _ = pair
    new = copy.deepcopy(old)
    added = OperativeParagraph(None, "invites", Block([Run("Invites", italic=True), Run(" all States to act;")]))
    new.operative.insert(1, added)
    renumber(new)
    assert_tracks(old, new)
    diffed = diff_documents(old, new).operative
    assert diffed[1].content.revision == "ins"
    third = diffed[2].content
    assert (marked_text(third, "del"), marked_text(third, "ins")) == ("2.\t", "3.\t")
    assert marked_text(diffed[0].content, "del") == ""


def test_a_rewritten_paragraph_is_deleted_and_inserted_whole(pair):
    old, _ = pair
    new = copy.deepcopy(old)
    new.preamble[3] = PreambularParagraph("noting", Block([Run("Noting", italic=True),
                                                           Run(" something else entirely,")]))
    tracked = diff_documents(old, new)
    assert [p.content.revision for p in tracked.preamble[3:5]] == ["del", "ins"]
    assert_tracks(old, new)


@pytest.mark.parametrize(("before", "after", "inserted", "deleted"), [
    (["Armenia", "Belarus"], ["Armenia", "Belarus", "Kyrgyzstan"], {",", " and Kyrgyzstan"}, {" and"}),
    (["Armenia", "Belarus", "Kyrgyzstan"], ["Armenia", "Belarus"], {" and"}, {",", " and Kyrgyzstan"}),
    (["Armenia", "Belarus", "Kyrgyzstan"], ["Armenia", "Kyrgyzstan"], set(), {", Belarus"}),
    (["Belarus"], ["Armenia", "Belarus"], {"Armenia and "}, set()),
])
def test_sponsors_added_or_removed_are_the_names_only_and_the_names_kept_stay(
        revised, before, after, inserted, deleted):
    """The last joiner ("and") aligns with a separator (","), so a name is never deleted and
    inserted again because the list grew around it."""
    from drafter.resolution import Prose

    def version(names: list[str]) -> Document:
        return compose(revised.model_copy(update={"sponsors": [Prose(en=name, fr=name)
                                                               for name in names]}), "en")

    old, new = version(before), version(after)
    line = diff_documents(old, new).preface.sponsors
    runs = [item for item in line.inlines if isinstance(item, Run)]
    assert {run.text for run in runs if run.revision == "ins"} == inserted
    assert {run.text for run in runs if run.revision == "del"} == deleted
    assert_tracks(old, new)
