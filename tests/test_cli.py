"""The command line: every mistake is one located sentence on stderr, exit code 2, no traceback,
nothing written; good files are still rendered; outputs are overwritten only with --force."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest
from typer.testing import CliRunner, Result

from conftest import EXAMPLE
from drafter.cli import app
from drafter.schema import schema_json

FIXTURES = Path(__file__).parent / "fixtures"
DRAFT = (FIXTURES / "draft-coe.yaml").read_text(encoding="utf-8")
DRAFTER = Path(sys.executable).parent / "drafter"


def _run(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(arg) for arg in args])


def _edit(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert text.count(old) == 1, old
        return text.replace(old, new)
    return edit


def _nothing_written(out: Path) -> bool:
    return not out.exists() or not any(out.iterdir())


def _assert_clean_failure(result: Result) -> None:
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    assert result.stdout == ""


# -- mistakes in a source -------------------------------------------------------------------

SOURCE_MISTAKES = {
    "yaml syntax (French colon)": (
        _edit("à coopérer dans les domaines", "à coopérer : les domaines"),
        "must be quoted"),
    "tab indentation": (_edit("  - opener: noting\n", "\t- opener: noting\n"), "YAML syntax"),
    "wrong type": (_edit("session: 79", 'session: "soixante"'), "session: "),
    "unknown opener": (_edit("opener: recalling\n", "opener: recallin\n"),
                       "did you mean 'recalling'?"),
    "unknown verb": (_edit("verb: encourages", "verb: encourag"), "unknown operative verb 'encourag'"),
    "unknown organization": (_edit("organization: coe", "organization: cstoo"),
                             "did you mean 'csto'?"),
    "unknown field": (_edit("page_size: Letter", "pagesize: Letter"), "did you mean 'page_size'?"),
    "missing field": (_edit("report: A/79/302\n", ""), "missing field 'report'"),
    "duplicated key": (_edit("session: 79\n", "session: 79\nsession: 80\n"), "given twice"),
    "unknown standard paragraph": (
        _edit("standard: report_requested", "standard: report_request"),
        "unknown standard paragraph"),
    "malformed markup": (_edit("in {i|Strasbourg}", "in {i|Strasbourg"), "a tag is not closed"),
    "unknown markup tag": (_edit("in {i|Strasbourg}", "in {b|Strasbourg}"), "unknown tag {b|…}"),
    "adopted without adoption": (
        lambda text: text.replace("\nstage: draft", "\nstage: adopted").replace(
            "A/79/L.20", "A/RES/79/20"),
        "an adopted resolution needs `adoption`"),
    "impossible date": (_edit("2024-11-04", "2024-13-04"), "distribution_date"),
    "empty file": (lambda text: "", "the file is empty"),
    "a list, not a mapping": (lambda text: "- session: 79\n", "a source is a mapping of fields"),
}


@pytest.mark.parametrize("case", list(SOURCE_MISTAKES))
def test_a_mistake_in_a_source_is_one_located_sentence_and_nothing_is_written(case, tmp_path):
    edit, expected = SOURCE_MISTAKES[case]
    source = tmp_path / "draft.yaml"
    source.write_text(edit(DRAFT), encoding="utf-8")
    out = tmp_path / "out"
    result = _run("render", source, "--out", out)
    _assert_clean_failure(result)
    assert re.match(rf"^{re.escape(str(source))}:\d+:\d+: ", result.stderr), result.stderr
    assert expected in result.stderr
    assert _nothing_written(out)


def test_a_file_that_is_not_utf8_is_reported(tmp_path):
    source = tmp_path / "latin1.yaml"
    source.write_bytes(DRAFT.encode("latin-1"))
    result = _run("render", source, "--out", tmp_path / "out")
    _assert_clean_failure(result)
    assert result.stderr == f"{source}:9:1: the file is not UTF-8 text; save it as UTF-8\n"


def test_a_word_document_given_to_render_is_pointed_to_import_and_validate(tmp_path):
    out = tmp_path / "out"
    assert _run("render", EXAMPLE, "--out", out).exit_code == 0
    word = out / "csto-77-13.fr.docx"
    result = _run("render", word, "--out", tmp_path / "again")
    _assert_clean_failure(result)
    assert result.stderr == (f"{word}: this is a Word document, not a YAML source: `drafter import "
                             f"{word}` makes a source of it, and `drafter validate {word}` checks "
                             "the draft as it is\n")
    assert _nothing_written(tmp_path / "again")


def test_a_missing_file_is_reported(tmp_path):
    source = tmp_path / "absent.yaml"
    result = _run("render", source, "--out", tmp_path / "out")
    _assert_clean_failure(result)
    assert result.stderr == f"{source}:1:1: cannot read the file: No such file or directory\n"


def test_every_error_of_a_source_is_reported_not_only_the_first(tmp_path):
    source = tmp_path / "draft.yaml"
    source.write_text(DRAFT.replace("organization: coe", "organization: cstoo")
                      .replace("verb: encourages", "verb: encourag"), encoding="utf-8")
    result = _run("render", source, "--out", tmp_path / "out")
    _assert_clean_failure(result)
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"{source}:") for line in lines)


# -- mistakes in the options ----------------------------------------------------------------

@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--lang", "xx"], "drafter: --lang takes en, fr separated by commas, not 'xx'\n"),
        (["--lang", ""], "drafter: --lang takes en, fr separated by commas, not ''\n"),
    ],
)
def test_a_bad_option_is_one_sentence(options, message, tmp_path):
    result = _run("render", EXAMPLE, "--out", tmp_path / "out", *options)
    _assert_clean_failure(result)
    assert result.stderr == message
    assert _nothing_written(tmp_path / "out")


def test_a_value_outside_an_options_choices_names_the_choices(tmp_path):
    result = _run("render", EXAMPLE, "--out", tmp_path / "out", "--format", "odt")
    _assert_clean_failure(result)
    assert "'odt' is not one of 'docx', 'txt'" in result.stderr
    assert _nothing_written(tmp_path / "out")


def test_templates_that_are_not_a_directory_are_refused(tmp_path):
    not_a_dir = tmp_path / "templates.j2"
    not_a_dir.write_text("x", encoding="utf-8")
    result = _run("render", EXAMPLE, "--out", tmp_path / "out", "--templates", not_a_dir)
    _assert_clean_failure(result)
    assert "--templates" in result.stderr and "not a directory" in result.stderr
    assert _nothing_written(tmp_path / "out")


def _user_template(tmp_path: Path, text: str) -> Path:
    templates = tmp_path / "templates"
    (templates / "fr" / "operative").mkdir(parents=True)
    (templates / "fr" / "operative" / "report_requested.j2").write_text(text, encoding="utf-8")
    return templates


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("le {{ secretaire_general }}", "'secretaire_general' is undefined"),
        ("{{ ''.__class__.__mro__ }}", "__class__"),
        ("{% if %}", "report_requested.j2:1"),
    ],
    ids=["undefined variable", "sandbox", "syntax"],
)
def test_a_bad_user_template_is_a_clean_error_and_nothing_is_written(template, expected, tmp_path):
    out = tmp_path / "out"
    result = _run("render", EXAMPLE, "--out", out, "--templates", _user_template(tmp_path, template))
    _assert_clean_failure(result)
    assert result.stderr.startswith(f"{EXAMPLE}: fr: template ")
    assert expected in result.stderr
    assert _nothing_written(out)


def test_a_user_template_changes_only_its_paragraph(tmp_path):
    templates = _user_template(tmp_path, "le Secrétaire général de faire rapport à sa "
                                         "{{ mandate.report_session|session }} session")
    custom, builtin = tmp_path / "custom", tmp_path / "builtin"
    assert _run("render", EXAMPLE, "--format", "txt", "--out", custom,
                "--templates", templates).exit_code == 0
    assert _run("render", EXAMPLE, "--format", "txt", "--out", builtin).exit_code == 0
    new = (custom / "csto-77-13.fr.txt").read_text("utf-8").split("\n\n")
    old = (builtin / "csto-77-13.fr.txt").read_text("utf-8").split("\n\n")
    changed = [(a, b) for a, b in zip(old, new) if a != b]
    assert len(old) == len(new) and len(changed) == 1
    assert changed[0][1] == ("8. *Prie* le Secrétaire général de faire rapport à sa "
                             "soixante-dix-neuvième session\u202f;")
    assert ((custom / "csto-77-13.en.txt").read_bytes()
            == (builtin / "csto-77-13.en.txt").read_bytes())


# -- several files, existing outputs ----------------------------------------------------------

def test_with_several_files_the_good_ones_are_written_and_the_exit_code_is_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(DRAFT.replace("organization: coe", "organization: cstoo"), encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text(DRAFT, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["render", str(bad), str(good), "--format", "txt",
                                      "--out", str(out)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == ["good.en.txt", "good.fr.txt"]
    assert result.stdout == f"wrote {out / 'good.en.txt'}\nwrote {out / 'good.fr.txt'}\n"
    assert result.stderr.startswith(f"{bad}:13:15: ")


def test_an_existing_output_is_kept_without_force(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    existing = out / "csto-77-13.fr.docx"
    existing.write_bytes(b"edited by hand")
    result = _run("render", EXAMPLE, "--out", out)
    _assert_clean_failure(result)
    assert str(existing) in result.stderr and "--force" in result.stderr
    assert existing.read_bytes() == b"edited by hand"
    assert [p.name for p in out.iterdir()] == ["csto-77-13.fr.docx"]


def test_force_replaces_an_existing_output(tmp_path, docx_bytes):
    out = tmp_path / "out"
    out.mkdir()
    (out / "csto-77-13.fr.docx").write_bytes(b"edited by hand")
    result = _run("render", EXAMPLE, "--out", out, "--force")
    assert result.exit_code == 0, result.output
    assert (out / "csto-77-13.fr.docx").read_bytes() == docx_bytes["fr"]
    assert sorted(p.name for p in out.iterdir()) == ["csto-77-13.en.docx", "csto-77-13.fr.docx"]


def test_a_successful_render_says_what_it_wrote(tmp_path):
    out = tmp_path / "out"
    result = _run("render", EXAMPLE, "--lang", "fr", "--format", "txt", "--out", out)
    assert result.exit_code == 0
    assert result.stdout == f"wrote {out / 'csto-77-13.fr.txt'}\n"
    assert [p.name for p in out.iterdir()] == ["csto-77-13.fr.txt"]


# -- other commands and help ----------------------------------------------------------------

@pytest.mark.parametrize("command", [[], ["render"], ["schema"], ["phrases"]],
                         ids=["drafter", "render", "schema", "phrases"])
def test_help_exits_0_and_shows_an_example(command):
    result = _run(*command, "--help")
    assert result.exit_code == 0
    assert "example" in result.stdout.lower(), result.stdout


def test_schema_writes_the_json_schema(tmp_path):
    target = tmp_path / "schema.json"
    result = _run("schema", "--output", target)
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8") == schema_json()


def test_phrases_lists_keys_with_english_and_french():
    result = _run("phrases", "operative")
    assert result.exit_code == 0
    line = [line for line in result.stdout.splitlines() if line.startswith("requests ")][0]
    assert line.split(None, 1)[1] == "Requests | Prie"


def test_phrases_refuses_an_unknown_section():
    result = _run("phrases", "annex")
    _assert_clean_failure(result)
    assert "'annex' is not one of 'preamble', 'operative'" in result.stderr


# -- the installed command ------------------------------------------------------------------

def test_the_installed_command_renders_the_example(tmp_path):
    out = tmp_path / "out"
    done = subprocess.run([str(DRAFTER), "render", str(EXAMPLE), "--format", "txt", "--out", str(out)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["csto-77-13.en.txt", "csto-77-13.fr.txt"]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [(_edit("organization: coe", "organization: cstoo"), ":13:15: organization: unknown"),
     (_edit("2024-11-04", "2024-13-04"), ":7:20: distribution_date")],
    ids=["unknown organization", "impossible date"],
)
def test_the_installed_command_reports_mistakes_without_a_traceback(edit, expected, tmp_path):
    source = tmp_path / "draft.yaml"
    source.write_text(edit(DRAFT), encoding="utf-8")
    done = subprocess.run([str(DRAFTER), "render", str(source), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"{source}{expected}"), done.stderr
    assert done.stdout == ""
    assert _nothing_written(tmp_path / "out")


def test_an_output_that_cannot_be_written_is_one_sentence(tmp_path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    for arguments in (["render", str(EXAMPLE), "--out", str(blocker / "out")],
                      ["schema", "-o", str(blocker / "schema.json")],
                      ["followup", str(EXAMPLE), "--session", "79", "--out", str(blocker)]):
        result = subprocess.run([str(DRAFTER), *arguments], capture_output=True, text=True)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert f"{blocker} is a file, not a directory" in result.stderr


def test_the_safety_net_turns_a_bug_into_a_report_and_ctrl_c_into_a_quiet_stop(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import drafter.cli as cli

    def broken(**options: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.delenv("DRAFTER_DEBUG", raising=False)
    monkeypatch.setattr(cli, "app", broken)
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == cli.EXIT_BUG
    assert "internal error (RuntimeError: boom); please report it" in capsys.readouterr().err

    def interrupted(**options: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "app", interrupted)
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == cli.EXIT_INTERRUPTED
    assert "interrupted" in capsys.readouterr().err



def test_the_command_ends_at_once_with_its_whole_output_and_exit_code(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The console script skips Python's teardown (cli.run): nothing it printed may be lost."""
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("Recalling its resolution 75/276 of 28 April 2021;\n" * 400, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "drafter", "validate", str(wrong), "--format",
                             "json"], capture_output=True, text=True)
    in_process = CliRunner().invoke(app, ["validate", str(wrong), "--format", "json"])
    assert result.returncode == in_process.exit_code == 1
    assert len(result.stdout) > 65_536  # more than a pipe holds: flushed before the exit
    assert json.loads(result.stdout) == json.loads(in_process.stdout)


@pytest.mark.parametrize("busy", ["handler", "thread"])
def test_the_command_exits_as_usual_when_work_is_left_for_the_end(busy, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import atexit
    import threading

    import drafter.cli as cli

    monkeypatch.setattr(cli, "main", lambda: None)
    if busy == "handler":
        monkeypatch.setattr(atexit, "_ncallbacks", lambda: 1)
    else:
        monkeypatch.setattr(threading, "active_count", lambda: 2)
    with pytest.raises(SystemExit) as stopped:  # os._exit would end this very test run
        cli.run()
    assert stopped.value.code == 0


# -- conventions: version, completion, choices in --help --------------------------------------

def test_version_is_the_package_version():
    from importlib.metadata import version

    import drafter

    result = _run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"drafter {drafter.__version__}\n"
    assert drafter.__version__ == version("drafter")


def test_shell_completion_is_typers_own():
    assert "--install-completion" in _run("--help").stdout
    # The script bash would install; asked for by name, so the shell running the tests does
    # not matter (--show-completion detects the parent shell, and refuses sh).
    environment = {**os.environ, "_DRAFTER_COMPLETE": "source_bash"}
    done = subprocess.run([str(DRAFTER)], env=environment, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "_DRAFTER_COMPLETE=complete_bash" in done.stdout


@pytest.mark.parametrize(("words", "expected"), [
    ("drafter render --lang ", ["en", "fr", "en,fr"]),
    ("drafter render --format ", ["docx", "txt", "akn", "pdf"]),
    ("drafter validate x --format ", ["text", "json", "sarif"]),
    ("drafter new --org as", ["asean"]),
])
def test_completion_offers_the_allowed_values(words, expected):
    environment = {**os.environ, "_DRAFTER_COMPLETE": "complete_bash", "COMP_WORDS": words,
                   "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
    done = subprocess.run([str(DRAFTER)], env=environment, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == expected


@pytest.mark.parametrize(("command", "shown"), [
    ("render", ["--lang [en|fr|en,fr]", "--format <docx|txt|akn|pdf>"]),
    ("followup", ["--lang [en|fr|en,fr]"]),
    ("batch", ["--lang [en|fr|en,fr]"]),
    ("validate", ["--lang <en|fr>", "--format <text|json|sarif>"]),
    ("import", ["--lang <en|fr>"]),
    ("phrases", ["<preamble|operative>"]),
])
def test_help_lists_the_allowed_values(command, shown):
    help_text = " ".join(_run(command, "--help").stdout.split())
    for choices in shown:
        assert choices in help_text, help_text


def test_the_cli_languages_are_drafters_languages():
    from drafter.cli import Lang
    from drafter.language import LANGUAGES

    assert tuple(Lang.__members__) == LANGUAGES


@pytest.mark.parametrize("author", ["Jane\nDoe", "Jane\x1b[31mDoe", "Jane\tDoe", "Jane\x07"])
@pytest.mark.parametrize("command", ["followup", "batch"])
def test_an_author_with_a_control_character_is_a_clear_error(author, command, tmp_path):
    out = tmp_path / "out"
    arguments = {"followup": ["followup", EXAMPLE, "--session", "79"],
                 "batch": ["batch", EXAMPLE, "--followup", "--session", "79"]}[command]
    result = _run(*arguments, "--author", author, "--out", out)
    _assert_clean_failure(result)
    assert result.stderr.startswith("drafter: --author ") and "control characters" in result.stderr
    assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert _nothing_written(out)


# -- a terminal that only speaks ASCII ------------------------------------------------------

ASCII_TERMINALS = {
    "PYTHONIOENCODING=ascii": {"PYTHONIOENCODING": "ascii"},
    "LC_ALL=C without UTF-8 mode": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"},
    "LC_ALL=C": {"LC_ALL": "C", "LANG": "C"},
}


def _ascii_run(terminal: str, *arguments: str | Path) -> subprocess.CompletedProcess[bytes]:
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("LC_", "PYTHONIOENCODING", "PYTHONUTF8"))}
    environment.update(ASCII_TERMINALS[terminal])
    return subprocess.run([str(DRAFTER), *map(str, arguments)], env=environment,
                          capture_output=True, timeout=120)


def _ascii_only(done: subprocess.CompletedProcess[bytes]) -> tuple[str, str]:
    assert b"internal error" not in done.stderr and b"Traceback" not in done.stderr, done.stderr
    return done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


@pytest.mark.parametrize("terminal", list(ASCII_TERMINALS))
def test_followup_on_an_ascii_terminal_prints_plain_arrows(terminal, tmp_path):
    done = _ascii_run(terminal, "followup", EXAMPLE, "--session", "79", "--out", tmp_path)
    out, _ = _ascii_only(done)
    assert done.returncode == 0
    assert "session 77 -> 79" in out or "session 77 → 79" in out


@pytest.mark.parametrize("terminal", list(ASCII_TERMINALS))
def test_validate_on_an_ascii_terminal_prints_french_findings(terminal, tmp_path):
    source = tmp_path / "draft.yaml"
    source.write_text(EXAMPLE.read_text(encoding="utf-8").replace(
        "Nations Unies{fn|Résolution", "Nations-Unies{fn|Résolution"), encoding="utf-8")
    done = _ascii_run(terminal, "validate", source)
    out, _ = _ascii_only(done)
    assert done.returncode == 1
    assert "T804" in out and ('"Nations-Unies"' in out or "“Nations-Unies”" in out)


@pytest.mark.parametrize("fmt", ["json", "sarif"])
@pytest.mark.parametrize("terminal", list(ASCII_TERMINALS))
def test_validate_json_and_sarif_on_an_ascii_terminal_are_valid_and_lose_nothing(terminal, fmt, tmp_path):
    """Machine output is ASCII with \\u escapes: it parses, and gives back every character the
    findings hold (curly quotes, accents, the file's name, even one that is not UTF-8), exactly
    as the same command gives on a UTF-8 terminal."""
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "Nations Unies{fn|Résolution", "Nations-Unies{fn|Résolution")
    names = ["é “draft”.yaml", os.fsdecode(b"caf\xe9 draft.yaml")]
    for name in names:
        (tmp_path / name).write_text(text, encoding="utf-8")
    files = [tmp_path / name for name in names]
    done = _ascii_run(terminal, "validate", *files, "--format", fmt)
    _ascii_only(done)
    assert done.returncode == 1 and done.stdout.isascii()
    on_utf8 = subprocess.run([str(DRAFTER), "validate", *map(str, files), "--format", fmt],
                             env={**os.environ, "PYTHONIOENCODING": "utf-8"}, capture_output=True, timeout=120)
    if fmt == "json":  # a file name is the same bytes, decoded as each terminal's locale says
        assert ([{**item, "file": os.fsencode(item["file"])} for item in json.loads(done.stdout)]
                == [{**item, "file": os.fsencode(item["file"])} for item in json.loads(on_utf8.stdout)])
        findings = json.loads(done.stdout)
        assert [os.fsencode(item["file"]) for item in findings] == [os.fsencode(path) for path in files]
        assert {item["message"] for item in findings} == {"“Nations-Unies” is not the official form."}
    else:
        assert json.loads(done.stdout) == json.loads(on_utf8.stdout)
        results = json.loads(done.stdout)["runs"][0]["results"]
        uris = [result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for result in results]
        assert all(uri.isascii() and " " not in uri for uri in uris)
        assert [unquote_to_bytes(uri) for uri in uris] == [os.fsencode(path) for path in files]
        assert "“Nations-Unies”" in results[0]["message"]["text"]


@pytest.mark.parametrize("terminal", list(ASCII_TERMINALS))
def test_render_and_batch_on_an_ascii_terminal(terminal, tmp_path):
    source = tmp_path / "é “draft”.yaml"
    source.write_text(DRAFT, encoding="utf-8")
    broken = tmp_path / "broken “é”.yaml"
    broken.write_text(DRAFT.replace("organization: coe", "organization: cstoo"), encoding="utf-8")
    done = _ascii_run(terminal, "render", source, broken, "--out", tmp_path / "render")
    out, err = _ascii_only(done)
    assert done.returncode == 2 and out.count("wrote ") == 2 and "cstoo" in err
    done = _ascii_run(terminal, "batch", source, broken, "--out", tmp_path / "batch")
    out, err = _ascii_only(done)
    assert done.returncode == 2 and "drafter batch" in out and "cstoo" in out


def test_python_m_drafter_is_the_drafter_command():
    done = subprocess.run([sys.executable, "-m", "drafter", "--version"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("drafter ")
