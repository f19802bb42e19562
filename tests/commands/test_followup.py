"""Follow-ups: 77/13 becomes the draft for the seventy-ninth session, in both languages, with the
changes tracked against the adopted text and the points the drafter must review."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from conftest import EXAMPLE, body_paragraphs, footnote_texts, part_xml
from drafter.commands.followup import (
    EXIT_INPUT,
    FollowUpError,
    follow_up,
    followup_command,
    parse_agenda_item,
)
from drafter.render import render_bytes
from drafter.resolution import AgendaItem, Resolution
from drafter.schema import modeline
from drafter.source import load
from drafter.yamlout import dump_resolution

ROOT = Path(__file__).resolve().parents[2]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EXPECTED = {
    "en": {"session": "Seventy-ninth session",
           "series": "75/276 of 28\u00a0April\u00a02021 and 77/13 of 21\u00a0November\u00a02022 on cooperation",
           "mandate": "eighty-first session"},
    "fr": {"session": "Soixante-dix-neuvième session",
           "series": "75/276 du 28\u00a0avril\u00a02021 et 77/13 du 21\u00a0novembre\u00a02022 sur la coopération",
           "mandate": "quatre-vingt-unième session"},
}


@pytest.fixture(scope="module")
def previous() -> Resolution:
    return load(EXAMPLE)


@pytest.fixture(scope="module")
def draft(previous: Resolution) -> Resolution:
    return follow_up(previous, 79, "A/79/302", None).resolution


def test_the_new_source(draft: Resolution, previous: Resolution) -> None:
    assert (draft.session, draft.stage, draft.symbol, draft.report) == (79, "draft", "A/79/L.xx", "A/79/302")
    assert (draft.mandate.report_session, draft.mandate.agenda_session) == (81, 81)
    assert draft.adoption is None and draft.draft_symbol is None
    assert draft.agenda_item == previous.agenda_item
    assert draft.distribution_date == dt.date(2024, 11, 25)
    assert draft.operative == previous.operative
    assert draft.preamble[4:] == previous.preamble[4:]
    series = draft.preamble[3]
    assert [item.number for item in series.resolutions][-2:] == ["75/276", "77/13"]  # type: ignore[union-attr]
    assert series.resolutions[-1].date == dt.date(2022, 11, 21)  # type: ignore[union-attr]


def test_the_sponsors_and_the_original_language_of_the_previous_source_are_kept(
        previous: Resolution, lang: str) -> None:
    from drafter.composer import compose
    from drafter.resolution import Prose

    sponsored = previous.model_copy(update={
        "sponsors": [Prose(en="Armenia", fr="Arménie"), Prose(en="Belarus", fr="Bélarus")],
        "original": "fr"})
    new = follow_up(sponsored, 79, "A/79/302", None).resolution
    assert (new.sponsors, new.original) == (sponsored.sponsors, "fr")
    preface = compose(new, lang).preface
    assert preface.sponsors.text().startswith({"en": "Armenia and Belarus: draft resolution",
                                               "fr": "Arménie et Bélarus"}[lang])
    assert preface.original.text().endswith({"en": "French", "fr": "français"}[lang])


def test_the_drafts_in_both_languages(draft: Resolution, lang: str) -> None:
    blob = render_bytes(draft, lang, "docx")
    paragraphs = body_paragraphs(blob)
    expected = EXPECTED[lang]
    assert expected["session"] in paragraphs
    series = next(p for p in paragraphs if "64/256" in p)
    assert expected["series"] in series
    assert footnote_texts(blob)[1] == "A/79/302."
    operative = [p for p in paragraphs if p[:1].isdigit() and "\t" in p]
    assert [p.split("\t")[0] for p in operative[7:]] == ["8.", "9."]
    assert all(expected["mandate"] in p for p in operative[7:])
    assert not any(expected["mandate"] in p for p in operative[:7])


def test_without_report_a_placeholder_is_left_and_noted(previous: Resolution) -> None:
    result = follow_up(previous, 79, None, AgendaItem(number=128, sub_item="u"))
    assert result.resolution.report == "A/79/xxx"
    assert "placeholder left: report symbol" in result.notes
    assert result.resolution.agenda_item == AgendaItem(number=128, sub_item="u")
    assert "agenda item 127 (t) → 128 (u)" in result.changes
    assert not any("previous session's" in note for note in result.notes)


def test_a_report_of_another_session_than_the_mandate_asked_for_is_a_warning(
        previous: Resolution) -> None:
    notes = follow_up(previous, 79, "A/78/302", None).notes
    assert notes[0] == ("warning: --report A/78/302 is a document of session 78, but A/RES/77/13 "
                        "asked for the report at session 79; check the symbol")
    assert not any(note.startswith("warning: --report")
                   for note in follow_up(previous, 79, "A/79/302", None).notes)


def test_review_notes(previous: Resolution) -> None:
    notes = follow_up(previous, 79, "A/79/302", None).notes
    assert "placeholder left: draft symbol" in notes
    assert any(note.startswith("agenda item 127 (t) is the previous session's") for note in notes)
    assert any(note.startswith("preambular paragraph 11: the period 2009–2019 ended") for note in notes)
    assert not any("2021–2025" in note for note in notes)  # ends after 2024
    later = follow_up(previous, 81, "A/81/100", None).notes
    assert any(note.startswith("preambular paragraph 11: the period 2009–2019, 2021–2025 ended")
               for note in later)
    coe = load(ROOT / "examples" / "coe-77-illustrative.yaml")
    news = follow_up(coe, 79, "A/79/302", None).notes
    assert "preambular paragraph 5: 16 May 2023, 17 May 2023 — news of the previous cycle; " \
           "still the latest?" in news


def test_the_series_recall_is_added_when_the_previous_text_had_none(previous: Resolution) -> None:
    data = previous.model_dump(exclude_defaults=True)
    data["preamble"] = [p for p in data["preamble"] if p.get("standard") != "cooperation_series"]
    result = follow_up(Resolution.model_validate(data), 79, "A/79/302", None)
    series = result.resolution.preamble[3]
    assert series.standard == "cooperation_series"  # type: ignore[union-attr]
    assert [item.number for item in series.resolutions] == ["77/13"]  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "expected"), [
    ("127 (t)", AgendaItem(number=127, sub_item="t")),
    ("127 t)", AgendaItem(number=127, sub_item="t")),
    ("127(aa)", AgendaItem(number=127, sub_item="aa")),
    ("128", AgendaItem(number=128)),
])
def test_agenda_items_are_read_as_drafters_write_them(text: str, expected: AgendaItem) -> None:
    assert parse_agenda_item(text) == expected


@pytest.mark.parametrize("text", ["t", "127 (T)", "127 (t", "item 127"])
def test_other_agenda_items_are_refused(text: str) -> None:
    with pytest.raises(FollowUpError, match="is not an agenda item such as"):
        parse_agenda_item(text)


@pytest.mark.parametrize(("session", "report", "message"), [
    (77, None, "must come after the previous resolution's session"),
    (79, "not a symbol", "is not a document symbol such as A/79/302"),
])
def test_impossible_follow_ups(previous: Resolution, session: int, report: str | None, message: str) -> None:
    with pytest.raises(FollowUpError, match=message):
        follow_up(previous, session, report, None)


def test_a_draft_cannot_be_followed_up() -> None:
    with pytest.raises(FollowUpError, match="is a draft; a follow-up starts from the adopted"):
        follow_up(load(ROOT / "tests" / "fixtures" / "draft-coe.yaml"), 81, None, None)


def _run(out: Path, force: bool = False, previous: Path = EXAMPLE, author: str = "Jane Doe") -> int:
    return followup_command(previous, 79, "A/79/302", "127 (t)", out, author, force, ["en", "fr"])


NAMES = ["csto-79.en.docx", "csto-79.en.tracked.docx", "csto-79.fr.docx",
         "csto-79.fr.tracked.docx", "csto-79.yaml"]


def test_the_command_writes_source_drafts_and_tracked_drafts(tmp_path: Path, capsys, draft: Resolution) -> None:  # type: ignore[no-untyped-def]
    assert _run(tmp_path) == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == NAMES
    source = tmp_path / "csto-79.yaml"
    assert load(source) == draft
    # The example's own schema line, kept; then the follow-up's header, then the example's comment.
    lines = source.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schemas/resolution.schema.json"
    assert lines[1].startswith("# Follow-up of resolution 77/13 for the seventy-ninth session")
    assert sum("yaml-language-server" in line for line in lines) == 1
    assert lines[lines.index("") + 1].startswith("# Resolution 77/13, Cooperation between the United")
    assert (tmp_path / "csto-79.fr.docx").read_bytes() == render_bytes(draft, "fr", "docx")
    body = part_xml((tmp_path / "csto-79.fr.tracked.docx").read_bytes(), "word/document.xml")
    marks = [*body.iter(f"{W}ins"), *body.iter(f"{W}del")]
    assert marks and {(m.get(f"{W}author"), m.get(f"{W}date")) for m in marks} == {
        ("Jane Doe", "2024-11-25T00:00:00Z")}
    inserted = "".join(t.text or "" for ins in body.iter(f"{W}ins") for t in ins.iter(f"{W}t"))
    assert "77/13" in inserted and "quatre-vingt-unième" in inserted
    printed = capsys.readouterr().out
    assert "series recall: 77/13 of 21 November 2022 added" in printed
    assert "To review:" in printed and "the period 2009–2019 ended" in printed


def test_same_inputs_same_bytes(tmp_path: Path) -> None:
    assert _run(tmp_path / "a") == 0 and _run(tmp_path / "b") == 0
    for name in NAMES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_nothing_is_overwritten_without_force(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "csto-79.fr.tracked.docx").write_bytes(b"mine")
    assert _run(tmp_path) == EXIT_INPUT
    assert "csto-79.fr.tracked.docx already exists; add --force" in capsys.readouterr().err
    assert [path.name for path in tmp_path.iterdir()] == ["csto-79.fr.tracked.docx"]
    assert _run(tmp_path, force=True) == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == NAMES
    assert (tmp_path / "csto-79.fr.tracked.docx").read_bytes() != b"mine"


def test_a_failed_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    real = os.replace
    calls = []

    def failing(source: str, target: str) -> None:
        calls.append(target)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(source, target)

    monkeypatch.setattr(os, "replace", failing)
    assert _run(tmp_path) == EXIT_INPUT
    assert "No space left on device; nothing was written" in capsys.readouterr().err
    assert len(calls) >= 3 and list(tmp_path.iterdir()) == []  # the third rename failed


def test_bad_previous_files_are_told_plainly(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.yaml"
    broken.write_text("session: 77\n", encoding="utf-8")
    assert _run(tmp_path / "out", previous=broken) == EXIT_INPUT
    assert f"{broken}:1:1: missing field 'agenda_item'" in capsys.readouterr().err
    word = tmp_path / "77-13.docx"
    word.write_bytes(b"PK\x03\x04 not really a Word document")
    assert _run(tmp_path / "out", previous=word) == EXIT_INPUT
    err = capsys.readouterr().err
    assert err.startswith(f"drafter: {word}: ") and "Traceback" not in err
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def official(tmp_path_factory: pytest.TempPathFactory, previous: Resolution) -> dict[str, Path]:
    """77/13 as Word documents, the form in which a previous resolution usually arrives."""
    folder = tmp_path_factory.mktemp("official")
    paths = {lang: folder / f"A-RES-77-13.{lang}.docx" for lang in ("en", "fr")}
    for lang, path in paths.items():
        path.write_bytes(render_bytes(previous, lang, "docx"))
    return paths


def test_a_pair_of_word_documents_gives_the_same_follow_up(tmp_path: Path, official: dict[str, Path]) -> None:
    assert _run(tmp_path / "yaml") == 0
    code = followup_command(official["fr"], 79, "A/79/302", "127 (t)", tmp_path / "word", "Jane Doe",
                            False, ["en", "fr"], pair=official["en"])
    assert code == 0
    word, yaml = _tree(tmp_path / "word"), _tree(tmp_path / "yaml")
    # The drafts are the same bytes; the source from YAML keeps the example's own layout.
    assert {name: blob for name, blob in word.items() if not name.endswith(".yaml")} == {
        name: blob for name, blob in yaml.items() if not name.endswith(".yaml")}
    assert load(tmp_path / "word" / "csto-79.yaml") == load(tmp_path / "yaml" / "csto-79.yaml")
    # From Word, a fresh source: it opens with the packaged schema's line.
    assert word["csto-79.yaml"].decode("utf-8").startswith(f"{modeline()}\n# Follow-up of resolution 77/13")


def test_one_word_document_gives_its_language_only(tmp_path: Path, official: dict[str, Path], capsys) -> None:  # type: ignore[no-untyped-def]
    code = followup_command(official["fr"], 79, "A/79/302", None, tmp_path, "drafter", False, ["en", "fr"])
    assert code == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "csto-79.fr.docx", "csto-79.fr.tracked.docx", "csto-79.yaml"]
    assert "only the fr text was read" in capsys.readouterr().out
    assert load(tmp_path / "csto-79.yaml").preamble[6].en.startswith("[to translate] ")  # type: ignore[union-attr]
    code = followup_command(official["fr"], 79, None, None, tmp_path / "en", "drafter", False, ["en"])
    assert code == EXIT_INPUT
    assert "read in fr only; ask for --lang fr, or give the other version with --pair" in capsys.readouterr().err


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_the_source_round_trips_through_yaml(draft: Resolution) -> None:
    from drafter.source import parse

    assert parse(dump_resolution(draft)) == draft


def test_a_chosen_date_dates_the_draft_and_its_changes(tmp_path: Path) -> None:
    code = followup_command(EXAMPLE, 79, "A/79/302", None, tmp_path, "drafter", False, ["fr"],
                            dt.date(2024, 10, 15))
    assert code == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "csto-79.fr.docx", "csto-79.fr.tracked.docx", "csto-79.yaml"]
    assert load(tmp_path / "csto-79.yaml").distribution_date == dt.date(2024, 10, 15)
    body = part_xml((tmp_path / "csto-79.fr.tracked.docx").read_bytes(), "word/document.xml")
    assert {mark.get(f"{W}date") for mark in body.iter(f"{W}ins")} == {"2024-10-15T00:00:00Z"}


def test_the_new_source_keeps_the_previous_ones_comments_so_git_diff_shows_the_changes(
        tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """The example with a delegation's comments and quoting, followed up: the diff of the
    sources is the top comment and one line per change, nothing re-wrapped."""
    import difflib

    commented = ROOT / "tests" / "fixtures" / "csto-77-13-commented.yaml"
    assert _run(tmp_path, previous=commented) == 0
    before = commented.read_text(encoding="utf-8").splitlines()
    after = (tmp_path / "csto-79.yaml").read_text(encoding="utf-8").splitlines()
    diff = [line for line in difflib.unified_diff(before, after, lineterm="", n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    body = [line for line in diff if not line[1:].startswith("#") and line[1:].strip()]
    assert sorted(body) == sorted([
        "-session: 77", '-stage: adopted', '-symbol: "A/RES/77/13"', "-draft_symbol: A/77/L.13",
        "-distribution_date: 2022-11-25", "-adoption: {date: 2022-11-21, meeting: 39}",
        "+session: 79", "+stage: draft", '+symbol: "A/79/L.xx"', "+distribution_date: 2024-11-25",
        "-report: A/77/277-S/2022/606  # the Secretary-General's report of this cycle",
        "+report: A/79/302  # the Secretary-General's report of this cycle",
        "-mandate: {report_session: 79, agenda_session: 79}",
        "+mandate: {report_session: 81, agenda_session: 81}",
        "+      - {number: 77/13, date: 2022-11-21}",
    ])
    comments = [line for line in before if line.lstrip().startswith("#") or " # " in line]
    kept = [line for line in comments[3:] if not line.startswith("report:")]
    assert all(line in after for line in kept)
    print(f"follow-up source diff: {len(diff)} changed lines, {len(body)} outside the top comment")
