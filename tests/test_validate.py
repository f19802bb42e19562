"""`drafter validate`: clean inputs stay clean, findings, formats, exit codes, docs/rules.md."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLE, REFERENCE, ROOT
from drafter.rules import all_rules
from drafter.rules.manual import rules_markdown, write_rules_doc
from drafter.validate import choose_rules, rules_command, validate, validate_command

FIXTURES = ROOT / "tests" / "fixtures"
MISTAKES = FIXTURES / "validate" / "mistakes.en.txt"
#: What the hand-typed English draft gets wrong, rule by rule.
MISTAKES_FOUND = {"C401", "C402", "P301", "T804"}


def run(capsys: pytest.CaptureFixture[str], *files: Path, pair: Path | None = None,
        lang: str | None = None, select: str | None = None, ignore: str | None = None,
        fmt: str = "text", unverified: bool = True) -> tuple[int, str, str]:
    code = validate_command(list(files), pair, lang, select, ignore, fmt, unverified)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, docx_bytes: dict[str, bytes]) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("rendered")
    paths = {}
    for code, blob in docx_bytes.items():
        paths[code] = folder / f"csto-77-13.{code}.docx"
        paths[code].write_bytes(blob)
    return paths


@pytest.fixture(scope="module")
def resaved(soffice: str, rendered: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    outdir = tmp_path_factory.mktemp("resaved")
    profile = outdir / ".lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(outdir), *map(str, rendered.values())],
                   check=True, capture_output=True, timeout=240)
    return {code: outdir / path.name for code, path in rendered.items()}


# -- no false positives -------------------------------------------------------------------------

@pytest.mark.parametrize("source", [EXAMPLE, FIXTURES / "draft-coe.yaml"], ids=["csto-77-13", "draft-coe"])
def test_sources_validate_clean(source: Path) -> None:
    report = validate([source], None, None, all_rules())
    assert (report.findings, report.unreadable) == ([], [])


def test_rendered_documents_validate_clean(rendered: dict[str, Path]) -> None:
    report = validate([rendered["en"]], rendered["fr"], None, all_rules())
    assert (report.findings, report.unreadable, report.exit_code) == ([], [], 0)


def test_libreoffice_resaves_validate_clean(resaved: dict[str, Path]) -> None:
    report = validate([resaved["fr"]], resaved["en"], None, all_rules())
    assert (report.findings, report.unreadable) == ([], [])


def test_reference_text_validates_clean(rendered: dict[str, Path]) -> None:
    report = validate([REFERENCE], rendered["en"], None, all_rules())
    assert (report.findings, report.unreadable) == ([], [])


# -- findings and exit codes --------------------------------------------------------------------

def test_hand_typed_mistakes_are_found(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, MISTAKES)
    assert code == 1
    lines = out.splitlines()
    assert {line.split(": ")[1].split()[0] for line in lines[:-1]} == MISTAKES_FOUND
    assert (f"{MISTAKES}:preambular paragraph 2: C402 error: Resolution 65/122 (13 December 2010) "
            "is listed after 67/6 (19 November 2013). (Recalling its resolutions 67/6 of 19…) — List cited "
            "resolutions in the order of their adoption, oldest first.") in lines
    assert lines[-1] == "4 errors and 0 warnings in 1 file checked."


def test_unreadable_input_is_named_and_the_others_are_checked(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("session: [\n", encoding="utf-8")
    stray = tmp_path / "notes.txt"
    stray.write_text("Shopping list\n\nmilk\n", encoding="utf-8")
    code, out, err = run(capsys, broken, EXAMPLE, stray)
    assert code == 2
    assert [line.split(":")[0] for line in err.splitlines()] == [str(broken), str(stray)]
    assert out.strip() == "No findings in 1 file checked."


def test_warnings_alone_exit_zero(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("pour la période 2009-2019",
                                                       "pour la période 2009-2020")
    source = tmp_path / "figures.yaml"
    source.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, source)
    assert code == 0
    assert " B707 warning: " in out


def test_select_ignore_and_unverified(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, MISTAKES, select="C4")[0] == 1
    code, out, _ = run(capsys, MISTAKES, select="C4,P", ignore="C401")
    assert {line.split(": ")[1].split()[0] for line in out.splitlines()[:-1]} == {"C402", "P301"}
    codes = {rule.code for rule in choose_rules(None, None, unverified=False)}
    assert codes == {rule.code for rule in all_rules() if not rule.unverified}
    assert "T801" not in codes and "S101" in codes


def test_unknown_rule_code_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, EXAMPLE, ignore="X999")
    assert (code, out) == (2, "")
    assert "X999" in err and "drafter rules" in err


def test_pair_of_the_same_language_is_refused(capsys: pytest.CaptureFixture[str],
                                              rendered: dict[str, Path]) -> None:
    code, _, err = run(capsys, rendered["fr"], pair=REFERENCE)
    assert code == 2
    assert "both in French" in err


def test_pair_reports_concordance(capsys: pytest.CaptureFixture[str], rendered: dict[str, Path],
                                  tmp_path: Path) -> None:
    shortened = tmp_path / "short.fr.txt"
    text = REFERENCE.read_text(encoding="utf-8")
    shortened.write_text(text.replace("du 2 mars 2010", "du 3 mars 2010"), encoding="utf-8")
    code, out, _ = run(capsys, rendered["en"], pair=shortened)
    assert code == 1
    assert f"{rendered['en']}:preambular paragraph 4: B705 error: " in out


# -- output formats -----------------------------------------------------------------------------

def test_json_lists_findings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, MISTAKES, fmt="json")
    items = json.loads(out)
    assert code == 1
    assert {item["code"] for item in items} == MISTAKES_FOUND
    assert set(items[0]) == {"file", "paragraph", "lang", "excerpt", "code", "severity",
                             "unverified", "message", "hint"}


def test_sarif_follows_2_1_0(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, MISTAKES, fmt="sarif")
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    run_ = sarif["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [rule.code for rule in all_rules()]
    result = run_["results"][0]
    assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert result["level"] in ("error", "warning")
    location = result["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == MISTAKES.as_posix()
    assert location["logicalLocations"][0]["name"].startswith(("preambular", "operative"))
    assert {item["ruleId"] for item in run_["results"]} == MISTAKES_FOUND


def test_unknown_format_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, EXAMPLE, fmt="xml")[0] == 2


# -- the catalogue ------------------------------------------------------------------------------

def test_every_rule_is_complete() -> None:
    rules = all_rules()
    assert len({rule.code for rule in rules}) == len(rules)
    for rule in rules:
        assert rule.summary and rule.explanation and rule.wrong and rule.right and rule.basis
        assert rule.document or rule.pair or rule.resolution, rule.code
        assert rule.severity == "warning" or not rule.unverified, rule.code
        assert ("[U]" in rule.basis) == rule.unverified, rule.code


def test_rules_command_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert rules_command(write=False) == 0
    out = capsys.readouterr().out
    for rule in all_rules():
        assert f"  {rule.code}  {rule.summary}" in out


def test_rules_doc_is_up_to_date() -> None:
    written = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert written == rules_markdown(), "docs/rules.md is stale: run `drafter rules --write`"


def test_write_rules_doc(tmp_path: Path) -> None:
    target = write_rules_doc(tmp_path / "docs" / "rules.md")
    assert target.read_text(encoding="utf-8") == rules_markdown()


def test_source_findings_name_the_language_only_when_one_is_concerned(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("{number: 67/6, date: 2012-11-19}", "{number: 67/6, date: 2013-11-19}")
    text = text.replace("Nations Unies{fn|Résolution", "Nations-Unies{fn|Résolution")
    source = tmp_path / "two.yaml"
    source.write_text(text, encoding="utf-8")
    findings = validate([source], None, None, all_rules()).findings
    assert [(f.code, f.place) for f in findings] == [
        ("C401", "preambular paragraph 4"), ("T804", "preambular paragraph 9 (fr)")]


def test_a_follow_up_draft_has_only_its_placeholders_to_fill(example) -> None:
    from drafter.compose import compose
    from drafter.followup import follow_up
    from drafter.validate import check_document, check_pair

    draft = follow_up(example, 79, None, None).resolution
    english, french = (compose(draft, code) for code in ("en", "fr"))
    findings = [*check_document(english, "source", "draft", all_rules()),
                *check_document(french, "source", "draft", all_rules()),
                *check_pair(english, french, "source", "draft", all_rules())]
    assert {(f.code, f.severity, f.paragraph) for f in findings} == {
        ("S108", "warning", "the heading"), ("S108", "warning", "footnote 1")}
