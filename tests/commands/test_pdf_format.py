"""--format pdf on render, compare, followup and batch: PDF files read back with pdftotext; and
without LibreOffice, exit code 2, one sentence naming the package, and no file written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT
from pdftext import pdf_text

FOLLOWED = ["csto-79.en.pdf", "csto-79.en.tracked.pdf", "csto-79.fr.pdf",
            "csto-79.fr.tracked.pdf", "csto-79.yaml"]


def drafter(*arguments: str | Path, path: str | None = None) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ)
    if path is not None:
        environment["PATH"] = path
    return subprocess.run([sys.executable, "-m", "drafter", *map(str, arguments)],
                          capture_output=True, text=True, timeout=600, env=environment)


def _words(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_render_writes_a_pdf_per_language(soffice, tmp_path):
    done = drafter("render", EXAMPLE, ROOT / "tests" / "fixtures" / "draft-coe.yaml",
                   "--format", "pdf", "--out", tmp_path)
    assert done.returncode == 0, done.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "csto-77-13.en.pdf", "csto-77-13.fr.pdf", "draft-coe.en.pdf", "draft-coe.fr.pdf"]
    text = _words(pdf_text((tmp_path / "csto-77-13.fr.pdf").read_bytes(), tmp_path))
    assert "L'Assemblée générale," in text and "21 novembre 2022" in text


def test_followup_writes_the_source_and_pdf_drafts(soffice, tmp_path):
    done = drafter("followup", EXAMPLE, "--session", "79", "--report", "A/79/302",
                   "--format", "pdf", "--out", tmp_path)
    assert done.returncode == 0, done.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == FOLLOWED
    tracked = _words(pdf_text((tmp_path / "csto-79.en.tracked.pdf").read_bytes(), tmp_path))
    assert "A/77/277-S/2022/606" in tracked and "A/79/302" in tracked  # deleted and inserted


def test_compare_writes_the_tracked_pdf(soffice, tmp_path):
    done = drafter("compare", EXAMPLE, ROOT / "tests" / "fixtures" / "reference" / "A-RES-77-13.fr.txt",
                   "--format", "pdf", "-o", tmp_path / "changes.pdf")
    assert done.returncode == 0, done.stderr
    assert [path.name for path in tmp_path.iterdir()] == ["changes.pdf"]
    assert "French:" in done.stdout
    assert "Coopération entre" in _words(pdf_text((tmp_path / "changes.pdf").read_bytes(), tmp_path))


def test_batch_converts_the_whole_batch(soffice, tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("csto-77-13.yaml", "au-77-illustrative.yaml"):
        (sources / name).write_bytes((ROOT / "examples" / name).read_bytes())
    done = drafter("batch", sources, "--followup", "--session", "79", "--format", "pdf",
                   "--jobs", "2", "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    written = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert written == sorted([*FOLLOWED, *(name.replace("csto", "au") for name in FOLLOWED)])


@pytest.mark.parametrize("command", [
    ["render", EXAMPLE],
    ["followup", EXAMPLE, "--session", "79"],
    ["compare", EXAMPLE, EXAMPLE],
    ["batch", EXAMPLE],
])
def test_without_libreoffice_nothing_is_written(tmp_path, command):
    """A PATH without soffice: one sentence naming the package, exit code 2, no file."""
    empty = tmp_path / "bin"
    empty.mkdir()
    out = tmp_path / "out"
    done = drafter(*command, "--format", "pdf", "--out", out, path=str(empty))
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "apt-get install libreoffice-writer-nogui" in lines[0], lines
    assert not out.exists()
