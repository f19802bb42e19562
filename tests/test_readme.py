"""The README's Python examples run as written (doctest), from a copy of the repository's
examples, so the documented API cannot drift from the code."""

from __future__ import annotations

import doctest
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

README = ROOT / "README.md"


def _section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", text, re.S | re.M)
    assert found, f"the README has no section {title!r}"
    return found.group(1)


def test_the_python_api_section_has_an_example_of_each_function() -> None:
    section = _section("Python API")
    for name in ("load", "compose", "render_bytes", "to_python_docx", "validate", "followup"):
        assert re.search(rf"^>>> .*drafter\.{name}\(", section, re.M), name


def test_the_python_api_examples_run_as_written(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    (tmp_path / "api.txt").write_text(_section("Python API"), encoding="utf-8")
    script = ("import doctest, sys\n"
              "failed, tried = doctest.testfile('api.txt', module_relative=False,"
              " optionflags=doctest.ELLIPSIS)\n"
              "sys.exit(1 if failed or not tried else 0)\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(path.name for path in tmp_path.glob("*.docx")) == [
        "csto-77-13.en.docx", "csto-77-13.fr.docx", "csto-79.en.docx"]


def test_doctest_runs_every_line_that_looks_like_an_example() -> None:
    section = _section("Python API")
    examples = doctest.DocTestParser().get_examples(section)
    assert len(examples) == len(re.findall(r"^>>> ", section, re.M)) > 0
