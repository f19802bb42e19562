"""The Python API: ``import drafter`` is cheap and gives six functions that do what the commands
do, in both languages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import drafter
from conftest import EXAMPLE
from drafter.resolution import Resolution


def test_import_drafter_loads_no_heavy_module() -> None:
    script = ("import sys, drafter\n"
              "heavy = {'pydantic', 'jinja2', 'docx', 'lxml', 'typer', 'yaml', 'drafter.api'}\n"
              "print(sorted(heavy & set(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"


def test_the_api_functions_are_plain_functions_with_the_signatures_of_drafter_api(
        example: Resolution) -> None:
    import inspect

    from drafter import api
    from drafter.composer import compose

    for name in drafter.__all__:
        function = getattr(drafter, name)
        assert inspect.isfunction(function) and function is getattr(api, name)
    assert drafter.compose(example, "fr") == compose(example, "fr")
    assert set(drafter.__all__) <= set(dir(drafter))
    with pytest.raises(AttributeError):
        drafter.renderer  # noqa: B018


def test_render_bytes_gives_the_same_bytes_as_the_command(tmp_path: Path, lang: str) -> None:
    from typer.testing import CliRunner

    from drafter.cli import app

    assert CliRunner().invoke(app, ["render", str(EXAMPLE), "--out", str(tmp_path)]).exit_code == 0
    resolution = drafter.load(str(EXAMPLE))
    assert drafter.render_bytes(resolution, lang) == (tmp_path / f"csto-77-13.{lang}.docx").read_bytes()
    assert drafter.render_bytes(resolution, lang, "txt").decode("utf-8").startswith(
        "United Nations" if lang == "en" else "Nations Unies")


def test_to_python_docx_is_a_python_docx_document_of_the_draft(example: Resolution, lang: str) -> None:
    from docx.document import Document as WordDocument

    word = drafter.to_python_docx(example, lang)
    assert isinstance(word, WordDocument)
    composed = drafter.compose(example, lang)
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert composed.preface.heading.text() in texts
    assert len(word.sections) == 1


def test_validate_reports_findings_and_unreadable_files(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("session: [\n", encoding="utf-8")
    report = drafter.validate(EXAMPLE, broken)
    assert report.findings == [] and len(report.unreadable) == 1 and report.exit_code == 2
    with pytest.raises(ValueError, match="no rule has the code"):
        drafter.validate(EXAMPLE, select="Z9")


def test_followup_takes_a_resolution_or_a_file(example: Resolution) -> None:
    from_file = drafter.followup(EXAMPLE, 79, report="A/79/302")
    from_model = drafter.followup(example, 79, report="A/79/302")
    assert from_file.resolution == from_model.resolution
    assert from_file.resolution.session == 79 and from_file.resolution.report == "A/79/302"


def test_a_mistake_raises_the_stages_exception(tmp_path: Path) -> None:
    from drafter.commands.followup import FollowUpError
    from drafter.source import SourceInvalid

    broken = tmp_path / "broken.yaml"
    broken.write_text("session: [\n", encoding="utf-8")
    with pytest.raises(SourceInvalid, match=r"broken.yaml:2:1: YAML syntax"):
        drafter.load(broken)
    with pytest.raises(FollowUpError, match="must come after"):
        drafter.followup(EXAMPLE, 70)
