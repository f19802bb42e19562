"""Tracked changes between two Documents: accepting every revision gives the new draft, rejecting
every one gives the old text, for the follow-up of 77/13 and for random edits alike."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.composer import compose
from drafter.document import (
    Block,
    Document,
    Footnote,
    FootnoteRef,
    Inline,
    OperativeParagraph,
    Point,
    PreambularParagraph,
    Run,
)
from drafter.language import language
from drafter.resolution import Resolution
from conftest import W, part_xml
from drafter.revisions import _TOKEN, diff_documents, summarize, tracked_docx
from drafter.writers.docx import write_docx
from tracking import (
    accept_all,
    follow_up,
    footnotes_in_order,
    formatted_paragraphs,
    paragraph_texts,
    reference_ids,
    reject_all,
)

AUTHOR = "GA Affairs Branch"
WHEN = dt.datetime(2024, 9, 1)


@pytest.fixture(scope="module")
def pair(example: Resolution, lang: str) -> tuple[Document, Document]:
    return compose(example, lang), compose(follow_up(example), lang)


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


def _marked(block: Block, kind: str) -> str:
    return "".join(item.text for item in block.inlines
                   if isinstance(item, Run) and item.revision == kind)


def test_follow_up_accepts_to_the_draft_and_rejects_to_the_resolution(pair):
    assert_tracks(*pair)


def test_the_session_line_changes_word_by_word(pair, lang):
    session = diff_documents(*pair).preface.session
    words = {"en": ("Seventy-seventh", "Seventy-ninth"), "fr": ("Soixante-dix-septième", "Soixante-dix-neuvième")}
    old_word, new_word = words[lang]
    assert _marked(session, "del").strip() == old_word
    assert _marked(session, "ins").strip() == new_word
    assert any(isinstance(item, Run) and item.revision is None and "session" in item.text
               for item in session.inlines)


def test_the_appended_citation_is_an_insertion_in_the_same_paragraph(pair):
    tracked = diff_documents(*pair)
    series = next(p for p in tracked.preamble if p.name == "cooperation_series")
    assert series.content.revision is None
    assert "77/13" in _marked(series.content, "ins")
    assert "77/13" not in _marked(series.content, "del")


@pytest.mark.parametrize(("text", "tokens"), [
    ("25 July 2019 and 75/276,", ["25", " July", " 2019", " and", " 75/276", ","]),
    ("(a)\tthe A/79/L.20.", ["(", "a", ")", "\tthe", " A/79/L.20", "."]),
    ("chap. I, sect. C.", ["chap", ".", " I", ",", " sect", ".", " C", "."]),
    ("2019\u202f; l'Organisation « Kanal »", ["2019", "\u202f;", " l'Organisation", " «", " Kanal", " »"]),
    ("“Channel”, 1,5", ["“", "Channel", "”", ",", " 1,5"]),
])
def test_tokens_are_words_and_marks_with_the_spaces_before_them(text, tokens):
    assert _TOKEN.findall(text) == tokens
    assert "".join(tokens) == text


def test_a_word_that_gains_punctuation_is_kept_and_only_the_punctuation_changes(pair, lang):
    """The series recall: "2019 and 75/276" becomes "2019, 75/276": " and" goes, "," comes, and
    2019 stays untouched (not deleted and typed again)."""
    series = next(p for p in diff_documents(*pair).preamble if p.name == "cooperation_series")
    conjunction = {"en": " and", "fr": " et"}[lang]
    runs = [(item.text, item.revision) for item in series.content.inlines if isinstance(item, Run)]
    at = next(index for index, (text, kind) in enumerate(runs) if kind == "del")
    assert runs[at:at + 2] == [(conjunction, "del"), (",", "ins")]
    assert runs[at - 1][0].endswith("2019") and runs[at - 1][1] is None
    assert "2019" not in _marked(series.content, "del") + _marked(series.content, "ins")


def test_a_space_that_becomes_a_no_break_space_is_tracked_as_a_space(pair):
    old, _ = pair
    new = copy.deepcopy(old)
    first = new.preamble[1].content.inlines[-1]
    new.preamble[1].content.inlines[-1] = replace(first, text=first.text.replace(" ", "\u00a0", 1))
    tracked = diff_documents(old, new).preamble[1].content
    assert (_marked(tracked, "del"), _marked(tracked, "ins")) == (" ", "\u00a0")
    assert_tracks(old, new)


def test_a_change_of_italic_alone_is_a_change_of_formatting(pair):
    """Word's "Formatted: Italic": the word stays, its old formatting is recorded."""
    old, _ = pair
    new = copy.deepcopy(old)
    opener = new.preamble[2].content.inlines[0]
    new.preamble[2].content.inlines[0] = replace(opener, italic=False)
    tracked = diff_documents(old, new).preamble[2].content
    assert not _marked(tracked, "del") and not _marked(tracked, "ins")
    assert tracked.inlines[0] == replace(opener, italic=False, was=(True, False))
    blob = assert_tracks(old, new)
    changes = list(part_xml(blob, "word/document.xml").iter(f"{W}rPrChange"))
    assert len(changes) == 1 and changes[0].find(f"{W}rPr/{W}i") is not None
    assert changes[0].getparent().find(f"{W}i") is None


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
    _renumber(new)
    parts = {part.part: part.describe() for part in summarize(diff_documents(old, new))}
    assert parts["preamble"] == "preamble: 1 paragraph moved; 0 words inserted, 0 deleted"
    assert parts["operative"] == ("operative: 1 paragraph inserted, 8 renumbered; 5 words "
                                  "inserted, 0 deleted")
    assert "header" not in parts
    assert_tracks(old, new)


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


def test_the_report_footnote_stays_one_footnote_with_a_changed_body(pair):
    old, new = pair
    tracked = diff_documents(old, new)
    report = next(item for item in tracked.preamble[0].content.inlines if isinstance(item, FootnoteRef))
    assert report.revision is None
    body = tracked.footnotes[report.number - 1].content
    assert "A/77/277" in _marked(body, "del") and "A/79/302" in _marked(body, "ins")
    assert len(tracked.footnotes) == len(old.footnotes) == len(new.footnotes)


def test_identical_documents_have_no_revisions(pair):
    old, _ = pair
    tracked = diff_documents(old, copy.deepcopy(old))
    marks = [item.revision for block in tracked.blocks() for item in block.inlines]
    marks += [block.revision for block in tracked.blocks()]
    marks += [item.revision for note in tracked.footnotes for item in note.content.inlines]
    assert set(marks) == {None}


def test_inserting_an_operative_paragraph_renumbers_the_following_ones(pair, lang):
    old, _ = pair
    new = copy.deepcopy(old)
    added = OperativeParagraph(None, "invites", Block([Run("Invites", italic=True), Run(" all States to act;")]))
    new.operative.insert(1, added)
    _renumber(new)
    assert_tracks(old, new)
    diffed = diff_documents(old, new).operative
    assert diffed[1].content.revision == "ins"
    third = diffed[2].content
    assert (_marked(third, "del"), _marked(third, "ins")) == ("2.\t", "3.\t")
    assert _marked(diffed[0].content, "del") == ""


def test_a_rewritten_paragraph_is_deleted_and_inserted_whole(pair):
    old, _ = pair
    new = copy.deepcopy(old)
    new.preamble[3] = PreambularParagraph("noting", Block([Run("Noting", italic=True),
                                                           Run(" something else entirely,")]))
    tracked = diff_documents(old, new)
    assert [p.content.revision for p in tracked.preamble[3:5]] == ["del", "ins"]
    assert_tracks(old, new)


def test_languages_must_match(example):
    with pytest.raises(ValueError, match="languages"):
        diff_documents(compose(example, "en"), compose(example, "fr"))


def test_same_inputs_give_the_same_bytes(pair):
    assert tracked_docx(*pair, AUTHOR, WHEN) == tracked_docx(*pair, AUTHOR, WHEN)


# -- random edits ---------------------------------------------------------------------------------

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)


def _renumber(document: Document) -> None:
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
    _renumber(document)


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
