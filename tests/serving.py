"""Run ``python -m drafter serve`` as a user would, and read the address it prints."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT


def serve(folder: Path, *options: str) -> subprocess.Popen[str]:
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "drafter", "serve", str(folder), *options],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment,
                            cwd=ROOT)


def address(process: subprocess.Popen[str]) -> str:
    """The URL the command prints, read line by line; the output is shown if it never comes."""
    lines = []
    deadline = time.monotonic() + 30
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        found = re.search(r"http://\S+", line)
        if found:
            return found.group(0)
    process.kill()
    _, errors = process.communicate()
    pytest.fail("drafter serve printed no address:\n" + "".join(lines) + errors)
