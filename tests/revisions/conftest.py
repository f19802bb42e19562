"""The pair every tracked-changes test diffs: 77/13 and its follow-up, composed in one language."""

from __future__ import annotations

import pytest

from drafter.composer import compose
from drafter.document import Document
from drafter.resolution import Resolution
from tracking import follow_up


@pytest.fixture(scope="module")
def pair(example: Resolution, lang: str) -> tuple[Document, Document]:
    return compose(example, lang), compose(follow_up(example), lang)
