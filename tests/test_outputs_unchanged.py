"""Every output of every example stays byte for byte what it was: DOCX and text in both
languages, and the follow-up files (new source, clean and tracked drafts), so that a change made
for speed can never change a document.

The digests are in tests/fixtures/outputs.sha256. A change of the output that is meant (a new
layout, a corrected wording) rewrites them: ``python tests/test_outputs_unchanged.py --write``;
the diff of that file then shows which documents changed, to be looked at before committing.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
DIGESTS = ROOT / "tests" / "fixtures" / "outputs.sha256"
#: The session every example is followed up to (the examples are of the 77th).
FOLLOWUP_SESSION = 80


def outputs(example: Path) -> dict[str, bytes]:
    """Every file drafter makes from one example, by a name that says what it is."""
    from drafter.commands.followup import follow_up, followup_files
    from drafter.render import render_bytes
    from drafter.source import load

    resolution = load(example)
    files = {f"{example.stem}.{lang}.{fmt}": render_bytes(resolution, lang, fmt)
             for lang in ("en", "fr") for fmt in ("docx", "txt")}
    result = follow_up(resolution, FOLLOWUP_SESSION, None, None)
    made = followup_files(resolution, result, ["en", "fr"], "drafter",
                          example.read_text(encoding="utf-8"))
    files.update({f"{example.stem} followup/{name}": blob for name, blob in made.items()})
    return files


def digests() -> dict[str, str]:
    return {name: hashlib.sha256(blob).hexdigest()
            for example in EXAMPLES for name, blob in outputs(example).items()}


def _recorded() -> dict[str, str]:
    lines = DIGESTS.read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split("  ", 1) for line in lines if line)}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_every_output_of_an_example_is_the_recorded_bytes(example):
    recorded = _recorded()
    made = {name: hashlib.sha256(blob).hexdigest() for name, blob in outputs(example).items()}
    expected = {name: digest for name, digest in recorded.items()
                if name.split(".")[0] == example.stem or name.startswith(f"{example.stem} ")}
    changed = sorted(name for name in made.keys() | expected.keys()
                     if made.get(name) != expected.get(name))
    assert not changed, (f"these outputs are no longer the recorded bytes: {', '.join(changed)}; "
                         "if that is meant, run `python tests/test_outputs_unchanged.py --write` "
                         "and look at the documents before committing")


def test_the_digests_cover_every_example():
    stems = {name.split(".")[0].split(" ")[0] for name in _recorded()}
    assert stems == {example.stem for example in EXAMPLES}


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        raise SystemExit("usage: python tests/test_outputs_unchanged.py --write")
    DIGESTS.write_text("".join(f"{digest}  {name}\n" for name, digest in sorted(digests().items())),
                       encoding="utf-8")
    print(f"wrote {DIGESTS.relative_to(ROOT)}")
