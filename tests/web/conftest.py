"""Fixtures of the editor's tests: a folder of sources, the app's settings, a logged-in client."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT
from drafter.web.app import Settings
from webclient import PORT, TOKEN, Client


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with the 77/13 example, a draft with sub-paragraphs and a file that does not load."""
    root = tmp_path / "sources"
    root.mkdir()
    shutil.copy(EXAMPLE, root / "csto-77-13.yaml")
    shutil.copy(ROOT / "tests" / "fixtures" / "draft-coe.yaml", root / "draft-coe.yaml")
    (root / "broken.yaml").write_text("session: [unclosed\n", encoding="utf-8")
    return root


@pytest.fixture
def settings(folder: Path) -> Settings:
    return Settings(root=folder, token=TOKEN, port=PORT)


@pytest.fixture
def client(settings: Settings) -> Client:
    logged = Client(settings)
    logged.login()
    return logged
