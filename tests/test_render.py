"""Rendering one source to files: one file per language, all or nothing, never over a file unasked."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE
from drafter.render import RenderFailure, render_bytes, render_file

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A copy of the example in its own directory."""
    copy = tmp_path / "src" / "csto.yaml"
    copy.parent.mkdir()
    shutil.copy(EXAMPLE, copy)
    return copy


def _broken_french_templates(tmp_path: Path) -> Path:
    templates = tmp_path / "templates"
    (templates / "fr" / "operative").mkdir(parents=True)
    (templates / "fr" / "operative" / "report_requested.j2").write_text("{{ nobody }}", "utf-8")
    return templates


def test_each_language_is_written_to_stem_lang_format(source, tmp_path):
    out = tmp_path / "out"
    written = render_file(source, ["en", "fr"], "docx", out)
    assert written == [out / "csto.en.docx", out / "csto.fr.docx"]
    assert sorted(os.listdir(out)) == ["csto.en.docx", "csto.fr.docx"]


def test_text_output_is_utf8(source, tmp_path):
    (path,) = render_file(source, ["fr"], "txt", tmp_path / "out")
    assert path.name == "csto.fr.txt"
    assert "soixante-dix-neuvième" in path.read_text(encoding="utf-8")


def test_an_existing_output_is_not_overwritten_without_force(source, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    existing = out / "csto.fr.docx"
    existing.write_bytes(b"the delegation's edited draft")
    with pytest.raises(RenderFailure) as caught:
        render_file(source, ["en", "fr"], "docx", out)
    message = str(caught.value)
    assert str(existing) in message and "--force" in message
    assert existing.read_bytes() == b"the delegation's edited draft"
    assert os.listdir(out) == ["csto.fr.docx"]


def test_force_replaces_an_existing_output(source, tmp_path, example):
    out = tmp_path / "out"
    out.mkdir()
    (out / "csto.en.txt").write_bytes(b"old")
    render_file(source, ["en"], "txt", out, force=True)
    assert (out / "csto.en.txt").read_bytes() == render_bytes(example, "en", "txt")


def test_when_one_language_fails_nothing_is_written_for_the_source(source, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(RenderFailure) as caught:
        render_file(source, ["en", "fr"], "docx", out, templates=_broken_french_templates(tmp_path))
    assert str(caught.value).startswith(f"{source}: fr: template operative/report_requested.j2")
    assert not out.exists() or os.listdir(out) == []


def test_an_invalid_source_is_reported_with_file_line_and_column(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text((FIXTURES / "draft-coe.yaml").read_text("utf-8").replace(
        "organization: coe", "organization: cooe"), "utf-8")
    with pytest.raises(RenderFailure) as caught:
        render_file(bad, ["en"], "docx", tmp_path / "out")
    assert str(caught.value).startswith(f"{bad}:13:15: organization: unknown organization 'cooe'")
    assert not (tmp_path / "out").exists()


def test_an_out_that_is_a_file_is_refused(source, tmp_path):
    out = tmp_path / "out"
    out.write_bytes(b"not a directory")
    with pytest.raises(RenderFailure, match="is a file, not a directory"):
        render_file(source, ["en"], "txt", out)


def test_no_temporary_file_is_left_after_success_or_failure(source, tmp_path):
    out = tmp_path / "out"
    render_file(source, ["en", "fr"], "txt", out)
    with pytest.raises(RenderFailure):
        render_file(source, ["en", "fr"], "txt", out, force=True,
                    templates=_broken_french_templates(tmp_path))
    assert sorted(os.listdir(out)) == ["csto.en.txt", "csto.fr.txt"]


def test_a_footnote_in_a_footnote_is_a_located_source_error_and_nothing_is_written(tmp_path):
    bad = tmp_path / "nested.yaml"
    bad.write_text((FIXTURES / "draft-coe.yaml").read_text("utf-8").replace(
        "in {i|Strasbourg}", "in {fn|see {fn|nested}}"), "utf-8")
    with pytest.raises(RenderFailure) as caught:
        render_file(bad, ["en", "fr"], "txt", tmp_path / "out")
    assert str(caught.value).startswith(f"{bad}:23:")
    assert "preambular paragraph 3, en: a footnote cannot contain another footnote" in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_rendering_twice_gives_identical_bytes(example, lang):
    for fmt in ("docx", "txt"):
        assert render_bytes(example, lang, fmt) == render_bytes(example, lang, fmt)


def test_rendered_files_are_identical_across_runs(source, tmp_path):
    first = render_file(source, ["en", "fr"], "docx", tmp_path / "one")
    second = render_file(source, ["en", "fr"], "docx", tmp_path / "two")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
