"""Issue 7, "No input crashes drafter", through the command line: each probe of the issue, on every
command that takes that kind of input, ends in exit 0, 1 or 2 with one line naming the file,
never in an internal error (70). tests/test_source.py runs the hostile YAML through `render` and
`validate`; here the same sources go through `followup`, `compare` and `batch`, and Word and text
drafts with the issue's damage go through `validate`, `import`, `followup` and `compare`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from commandline import finished, written
from conftest import EXAMPLE
from damage import compression_method, corrupt_deflate, rezip
from test_source import HOSTILE

from drafter.composer import compose
from drafter.source import load
from drafter.writers.docx import write_docx
from drafter.writers.text import write_text

TEXT = EXAMPLE.read_text(encoding="utf-8")
DRAFTER = Path(sys.executable).parent / "drafter"


def _source(folder: Path, text: str, name: str = "draft.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _one_line_naming(ran: object, path: Path) -> None:
    err = getattr(ran, "err")
    assert str(path) in err and "internal error" not in err, err


@pytest.fixture(scope="module")
def drafts() -> dict[str, bytes]:
    """The example as Word and text drafts: "en.docx", "fr.txt", …"""
    resolution = load(EXAMPLE)
    made = {}
    for lang in ("en", "fr"):
        document = compose(resolution, lang)
        made[f"{lang}.docx"] = write_docx(document)
        made[f"{lang}.txt"] = write_text(document).encode("utf-8")
    return made


# -- YAML ---------------------------------------------------------------------------------------

EXTRA = {
    "an explicit boolean YAML does not know": TEXT.replace("session: 77", "session: !!bool maybe"),
    "a series citation of session 8055": TEXT.replace("{number: 64/256,", "{number: 8055/256,"),
    "a 5,000-digit resolution number in a citation": TEXT.replace("{number: 64/256,",
                                                                  "{number: 64/" + "9" * 5000 + ","),
    "a {res|…} of session 9999": TEXT.replace("{res|49/57}", "{res|9999/57}", 1),
    "a {res|…} of 5,000 digits": TEXT.replace("{res|49/57}", "{res|" + "4" * 5000 + "/57}", 1),
    "a Security Council resolution of 5,000 digits": TEXT.replace("{number: 1631,",
                                                                  "{number: " + "1" * 5000 + ","),
    "a session of 8055": TEXT.replace("session: 77", "session: 8055"),
    "a mandate for session 10**9": TEXT.replace("report_session: 79", "report_session: 999999999"),
}


@pytest.mark.parametrize("text", [*(case[0] for case in HOSTILE.values()), *EXTRA.values()],
                         ids=[*HOSTILE, *EXTRA])
def test_a_hostile_source_is_a_clean_failure_for_followup_compare_and_batch(text, tmp_path):
    source = _source(tmp_path, text)
    session = "8057" if "session: 8055" in text else "81"
    runs = [("followup", source, "--session", session, "--out", tmp_path / "followup"),
            ("compare", EXAMPLE, source, "--out", tmp_path / "compare"),
            ("compare", source, EXAMPLE, "--out", tmp_path / "compare"),
            ("batch", source, "--out", tmp_path / "batch"),
            ("batch", source, "--followup", "--session", session, "--out", tmp_path / "batch")]
    for run in runs:
        ran = finished(*run, allowed=(2,))
        assert str(source) in ran.err + ran.out, ran
    assert written(tmp_path / "followup") == written(tmp_path / "compare") == []
    assert written(tmp_path / "batch") == []


def test_a_follow_up_of_a_source_dated_9999_12_31_asks_for_the_date(tmp_path):
    far = _source(tmp_path, TEXT.replace("distribution_date: 2022-11-25", "distribution_date: 9999-12-31")
                  .replace("date: 2022-11-21, meeting", "date: 9999-12-31, meeting"))
    out = tmp_path / "out"
    ran = finished("followup", far, "--session", 79, "--out", out, allowed=(2,))
    assert "9999-12-31" in ran.err and "--date" in ran.err and ran.err.count("\n") == 1
    assert written(out) == []
    finished("batch", far, "--followup", "--session", 79, "--out", out, allowed=(2,))
    assert written(out) == []
    finished("followup", far, "--session", 79, "--date", "2024-11-01", "--out", out, allowed=(0,))
    checked = finished("validate", out / "csto-79.yaml", allowed=(1,))
    assert "C401" in checked.out and "31 December 9999" in checked.out
    assert "C406" in finished("validate", far, allowed=(1,)).out


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01"])
def test_tracked_changes_dated_at_the_ends_of_the_calendar_are_written(date, tmp_path):
    finished("followup", EXAMPLE, "--session", 79, "--date", date, "--out", tmp_path / "f", allowed=(0,))
    finished("compare", EXAMPLE, tmp_path / "f" / "csto-79.yaml", "--date", date, "--out",
             tmp_path / "c", allowed=(0,))


@pytest.mark.parametrize("author", ["Jane\nDoe", "Jane\x1b[31mDoe", "Jane\x07", "\u202eeoD"])
def test_compare_refuses_an_author_with_a_control_character(author, tmp_path):
    """followup and batch are in tests/test_cli.py."""
    ran = finished("compare", EXAMPLE, EXAMPLE, "--author", author, "--out", tmp_path, allowed=(2,))
    assert ran.err.startswith("drafter: --author ") and ran.err.count("\n") == 1
    assert written(tmp_path) == []


# -- Word and text drafts -----------------------------------------------------------------------

def _text_draft(drafts: dict[str, bytes], lang: str, edit: tuple[str, str]) -> str:
    text = drafts[f"{lang}.txt"].decode("utf-8")
    assert edit[0] in text, edit
    return text.replace(edit[0], edit[1], 1)


def _moved(text: str) -> str:
    lines = text.split("\n")
    lines.insert(3, lines.pop(-5))
    lines.insert(len(lines) // 2, lines.pop(1))
    return "\n".join(lines)


#: Dates as drafter typesets them, with no-break spaces.
MARCH_2010, NOVEMBER_2022 = "2\u00a0March\u00a02010", "21\u00a0November\u00a02022"
TEXT_PROBES = {
    "a 5,000-digit superscript mark": ("en", ("organizations,¹", "organizations," + "¹" * 5000)),
    "a 5,000-digit superscript footnote": ("en", ("\n¹ ", "\n" + "¹" * 5000 + " ")),
    "a citation of session 8055": ("en", (f"64/256 of {MARCH_2010}", f"8055/256 of {MARCH_2010}")),
    "a 5,000-digit resolution number": ("en", (f"64/256 of {MARCH_2010}", "64/" + "9" * 5000 + f" of {MARCH_2010}")),
    "a resolution numbered 8055/13": ("en", ("77/13. Cooperation", "8055/13. Cooperation")),
    "a resolution numbered with 5,000 digits": ("fr", ("77/13. Coopération", "9" * 5000 + "/13. Coopération")),
    "a session of 9,009": ("en", ("Seventy-seventh session", "Nine thousand and ninth session")),
    "an adoption on 31 December 9999": ("en", (NOVEMBER_2022, "31\u00a0December\u00a09999")),
    "an empty meeting number": ("en", ("39th plenary meeting", "th plenary meeting")),
    "an empty French meeting number": ("fr", ("39^{e} séance plénière", "^{e} séance plénière")),
}


@pytest.mark.parametrize(("lang", "edit"), TEXT_PROBES.values(), ids=TEXT_PROBES.keys())
def test_a_damaged_text_draft_gets_findings_and_every_command_ends_cleanly(lang, edit, drafts, tmp_path):
    draft = _source(tmp_path, _text_draft(drafts, lang, edit), f"draft.{lang}.txt")
    _every_command_on_a_draft(draft, lang, tmp_path)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_text_draft_with_lines_moved_gets_findings_and_every_command_ends_cleanly(lang, drafts, tmp_path):
    draft = _source(tmp_path, _moved(drafts[f"{lang}.txt"].decode("utf-8")), f"draft.{lang}.txt")
    _every_command_on_a_draft(draft, lang, tmp_path)


def _every_command_on_a_draft(draft: Path, lang: str, folder: Path) -> None:
    """A readable draft: validate reports findings (never refuses); the others end cleanly."""
    finished("validate", draft, allowed=(0, 1))
    finished("import", draft, "-o", folder / "imported.yaml", allowed=(0, 2))
    finished("followup", draft, "--lang", lang, "--session", 79, "--out", folder / "followup",
             allowed=(0, 2))
    finished("compare", EXAMPLE, draft, "--lang", lang, "--out", folder / "compare", allowed=(0,))
    finished("compare", draft, EXAMPLE, "--lang", lang, "--out", folder / "compare", "--force",
             allowed=(0,))


def _page_width(value: str):  # type: ignore[no-untyped-def]
    return lambda data: re.sub(rb'(<w:pgSz w:w=")\d+', rb"\g<1>" + value.encode(), data, count=1)


WORD_PROBES = {
    "a page width of ²": _page_width("²"),
    "a page width of 5,000 digits": _page_width("9" * 5000),
    "a negative page width": _page_width("-1"),
    "a 5,000-digit footnote id": lambda data: data.replace(b'w:footnoteReference w:id="1"',
                                                           b'w:footnoteReference w:id="' + b"9" * 5000 + b'"', 1),
    "a citation of session 8055": lambda data: data.replace(b"64/256", b"8055/256", 1),
    "a 5,000-digit superscript": lambda data: data.replace(b"<w:t>39</w:t>", b"<w:t>" + b"9" * 5000 + b"</w:t>", 1),
}


@pytest.mark.parametrize("change", WORD_PROBES.values(), ids=WORD_PROBES.keys())
def test_a_damaged_word_draft_gets_findings_and_every_command_ends_cleanly(change, drafts, tmp_path):
    draft = tmp_path / "draft.en.docx"
    draft.write_bytes(rezip(drafts["en.docx"], "word/document.xml", change))
    _every_command_on_a_draft(draft, "en", tmp_path)


BROKEN_ZIPS = {
    "a corrupt deflate stream": corrupt_deflate,
    **{f"compression method {method}": (lambda blob, method=method: compression_method(blob, method))
       for method in (1, 9, 12, 14, 93, 98, 99)},
}


@pytest.mark.parametrize("damage", BROKEN_ZIPS.values(), ids=BROKEN_ZIPS.keys())
def test_a_word_file_that_cannot_be_unpacked_is_one_line_for_every_command(damage, drafts, tmp_path):
    bad = tmp_path / "bad.en.docx"
    bad.write_bytes(damage(drafts["en.docx"]))
    good = tmp_path / "good.fr.docx"
    good.write_bytes(drafts["fr.docx"])
    for run in (("validate", bad), ("import", bad, "-o", tmp_path / "x.yaml"),
                ("import", good, "--pair", bad, "-o", tmp_path / "x.yaml"),
                ("followup", bad, "--pair", good, "--session", 79, "--out", tmp_path / "out"),
                ("compare", bad, EXAMPLE, "--lang", "en", "--out", tmp_path / "out"),
                ("validate", good, "--pair", bad)):
        ran = finished(*run, allowed=(2,))
        _one_line_naming(ran, bad)
    assert written(tmp_path / "out") == [] and not (tmp_path / "x.yaml").exists()
    # the other files of a validate are still checked
    mixed = finished("validate", EXAMPLE, bad, good, allowed=(2,))
    assert f"{bad}:" in mixed.err and "in 2 files checked" in mixed.out


# -- drafter's own output within drafter's reading limits ----------------------------------------

def _operative(text: str, paragraphs: str) -> str:
    return text[: text.index("operative:")] + "operative:\n" + paragraphs


LARGE = {
    "3,000 operative paragraphs": _operative(TEXT, "".join(
        f"  - verb: requests\n    en: the Secretary-General to report on item {n}\n"
        f"    fr: le Secrétaire général de faire rapport sur le point {n}\n" for n in range(3000))),
    "1.8 MB of ampersands": _operative(TEXT, '  - verb: requests\n    en: "' + "the & " * 300_000
                                       + '"\n    fr: la coopération\n'),
    "5,000 marks of one footnote": _operative(TEXT, "  - verb: requests\n    en: "
                                              + "the{fn|A note.} " * 5000 + "\n    fr: la coopération\n"),
    "9,900 italic words": _operative(TEXT, '  - verb: requests\n    en: "' + "the {i|a} " * 9_900
                                     + '"\n    fr: la coopération\n'),
    "9,900 marks of one footnote": _operative(TEXT, '  - verb: requests\n    en: "' + "the{fn|a} " * 9_900
                                              + '"\n    fr: la coopération\n'),
    "9,900 footnotes": _operative(TEXT, '  - verb: requests\n    en: "' + "".join(
        f"the{{fn|Note {n}.}} " for n in range(9_900)) + '"\n    fr: la coopération\n'),
    "9,900 dates in one paragraph": _operative(TEXT, '  - verb: requests\n    en: "' + "{date|2022-11-21} " * 9_900
                                                + '"\n    fr: la coopération\n'),
}


@pytest.mark.parametrize("text", LARGE.values(), ids=LARGE.keys())
def test_what_drafter_writes_from_a_large_valid_source_drafter_reads(text, tmp_path):
    """Repeated prose, which compresses far beyond 100 to 1, is tests/readers/test_safety.py's."""
    source = _source(tmp_path, text, "large.yaml")
    finished("render", source, "--out", tmp_path, allowed=(0,))
    for lang in ("en", "fr"):
        finished("validate", tmp_path / f"large.{lang}.docx", allowed=(0, 1))


@pytest.mark.parametrize("tag", ["{i|a}", "{fn|a}", "{date|2022-11-21}"])
def test_a_source_with_more_markup_than_drafter_writes_is_one_located_line(tag, tmp_path):
    """60,000 marks of one footnote (600 KB) rendered a document.xml of 34.5 MB in 9 s and 500 MB,
    which validate refused; 2 MB of them would have been 180 MB."""
    source = _source(tmp_path, _operative(TEXT, '  - verb: requests\n    en: "' + f"the {tag} " * 60_000
                                          + '"\n    fr: la coopération\n'), "large.yaml")
    for command in (["validate", source], ["render", source, "--out", tmp_path]):
        ran = finished(*command, allowed=(2,))
        assert re.match(rf"{re.escape(str(source))}:\d+:\d+: the source has more than 10,000 markup tags",
                        ran.err) and ran.err.count("\n") == 1, str(ran)
    assert written(tmp_path) == ["large.yaml"]


# -- a terminal that only speaks ASCII ----------------------------------------------------------

@pytest.fixture(scope="module")
def named_drafts(drafts: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example as a source, Word and text files whose names hold accents, and a source with a
    mistake whose message quotes French."""
    folder = tmp_path_factory.mktemp("ascii")
    (folder / "projet é.yaml").write_text(TEXT, encoding="utf-8")
    (folder / "faute “é”.yaml").write_text(TEXT.replace("organization: csto", "organization: cstö"),
                                           encoding="utf-8")
    for name, blob in drafts.items():
        (folder / f"projet é.{name}").write_bytes(blob)
    return folder


EVERY_COMMAND = {
    "render": ["render", "projet é.yaml", "faute “é”.yaml", "--out", "{out}"],
    "render txt": ["render", "projet é.yaml", "--format", "txt", "--out", "{out}"],
    "validate": ["validate", "faute “é”.yaml", "projet é.fr.txt", "absent é.yaml"],
    "validate json": ["validate", "projet é.fr.docx", "--pair", "projet é.en.docx", "--format", "json"],
    "validate sarif": ["validate", "projet é.fr.txt", "--format", "sarif"],
    "import": ["import", "projet é.fr.docx", "--pair", "projet é.en.docx", "-o", "{out}/é.yaml"],
    "import one language": ["import", "projet é.fr.txt", "-o", "{out}/é.yaml"],
    "followup": ["followup", "projet é.yaml", "--session", "79", "--out", "{out}"],
    "followup of a Word file": ["followup", "projet é.fr.docx", "--pair", "projet é.en.docx",
                                "--session", "79", "--out", "{out}"],
    "compare": ["compare", "projet é.yaml", "projet é.fr.txt", "--lang", "fr", "--out", "{out}"],
    "batch": ["batch", "projet é.yaml", "faute “é”.yaml", "--out", "{out}"],
    "batch followup": ["batch", "projet é.yaml", "--followup", "--session", "79", "--out", "{out}"],
    "new": ["new", "--org", "oif", "--session", "80"],
    "new to a file": ["new", "--org", "oif", "--session", "80", "-o", "{out}/oif é.yaml"],
    "schema": ["schema"],
    "phrases": ["phrases", "operative"],
    "orgs": ["orgs", "--session", "60"],
    "rules": ["rules"],
    "help": ["followup", "--help"],
    "a usage error": ["render", "--lang", "é"],
}
#: Commands whose standard output is data to redirect (UTF-8 whatever the terminal), not messages.
DATA = {"new", "schema"}


@pytest.mark.parametrize("terminal", [{"PYTHONIOENCODING": "ascii"},
                                      {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}],
                         ids=["PYTHONIOENCODING=ascii", "LC_ALL=C without UTF-8 mode"])
@pytest.mark.parametrize("command", EVERY_COMMAND, ids=EVERY_COMMAND)
def test_every_command_on_an_ascii_terminal_degrades_instead_of_failing(command, terminal, named_drafts,
                                                                        tmp_path):
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("LC_", "LANG", "PYTHONIOENCODING", "PYTHONUTF8", "DRAFTER_DEBUG"))}
    environment.update(terminal)
    words = [word.replace("{out}", str(tmp_path / "out")) for word in EVERY_COMMAND[command]]
    done = subprocess.run([str(DRAFTER), *words], env=environment, cwd=named_drafts,
                          capture_output=True, timeout=120)
    assert done.returncode in (0, 1, 2), done.stderr
    assert b"internal error" not in done.stderr and b"Traceback" not in done.stderr, done.stderr
    assert done.stderr.isascii(), done.stderr
    assert done.stdout.isascii() or command in DATA, done.stdout[:500]
    if done.returncode == 0 and "{out}" in " ".join(EVERY_COMMAND[command]):
        assert written(tmp_path / "out"), "nothing was written"


@pytest.mark.parametrize("name", ["evil\nsession: 99\n.fr.txt", "evil\u2028session: 99.fr.txt",
                                  "evil\x85x.fr.txt"])
def test_a_file_name_with_a_line_break_stays_inside_the_imported_sources_comment(name, drafts, tmp_path):
    draft = tmp_path / name
    draft.write_bytes(drafts["fr.txt"])
    finished("import", draft, "-o", tmp_path / "imported.yaml", allowed=(0,))
    lines = (tmp_path / "imported.yaml").read_text(encoding="utf-8").split("\n")
    header = next(line for line in lines if line.startswith("# Imported by"))  # after the schema line
    assert lines.index(header) <= 1 and header.endswith(".fr.txt.") and "evil\\" in header
    finished("validate", tmp_path / "imported.yaml", allowed=(0, 1))
    assert load(tmp_path / "imported.yaml").session == 77
