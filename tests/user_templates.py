"""A ``--templates`` folder for tests: one template of the tester's, the built-in ones for the
rest."""

from __future__ import annotations

from pathlib import Path

REPORT_REQUESTED = "operative/report_requested.j2"


def user_templates(root: Path, text: str | None = None, name: str = REPORT_REQUESTED,
                   lang: str = "fr") -> Path:
    """``root`` made a templates folder (``en/`` and ``fr/``) holding ``lang/name`` with ``text``
    (only its folder when ``text`` is None)."""
    path = root / lang / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if text is not None:
        path.write_text(text, encoding="utf-8")
    for code in ("en", "fr"):
        (root / code).mkdir(exist_ok=True)
    return root
