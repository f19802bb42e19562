"""`drafter validate`: clean inputs stay clean, findings, formats, exit codes, docs/rules.md."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLE, REFERENCE, ROOT
from drafter.rules import all_rules
from drafter.rules.manual import rules_markdown, write_rules_doc
from drafter.commands.validate import choose_rules, validate, validate_command

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
    stray = tmp_path / "notes.txt"  # no paragraph of text: not a document at all
    stray.write_text("\n   \n\t\n", encoding="utf-8")
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


# -- spacing slips in a Word draft typed by hand ------------------------------------------------

def _word_draft(folder: Path, name: str, paragraphs: list[str]) -> Path:
    """A Word file typed as a drafter types one (python-docx, plain paragraphs, "1." and a tab)."""
    from docx import Document as new_docx

    word = new_docx()
    for text in paragraphs:
        word.add_paragraph(text)
    path = folder / name
    word.save(path)
    return path


SLIPS = {
    "en": (["The General Assembly,",
            "Recalling its resolution 49/57  and the Charter of the United Nations,",
            "Noting the report ( A/77/277) of the Secretary-General ,",
            "1.\tRequests the Secretary-General to submit a report : on cooperation;",
            "2.\tDecides to include the item,in the agenda."],
           [("preambular paragraph 1", "This paragraph has two spaces in a row: “resolution 49/57  and the”."),
            ("preambular paragraph 2", "This paragraph has a space before a comma: “of the Secretary-General ,”."),
            ("preambular paragraph 2", "This paragraph has a space after an opening parenthesis: “the report ( A/77/277) of the”."),
            ("operative paragraph 1", "This paragraph has a space before a colon: “submit a report : on cooperation;”."),
            ("operative paragraph 2", "This paragraph has no space after a comma: “include the item,in the agenda.”.")]),
    "fr": (["L'Assemblée générale,",
            "Rappelant sa résolution 49/57  et la Charte des Nations Unies,",
            "Notant le rapport ( A/77/277) du Secrétaire général ,",
            "1.\tPrie le Secrétaire général de présenter un rapport : sur la coopération ;",
            "2.\tDécide d'inscrire la question,à l'ordre du jour."],
           [("preambular paragraph 1", "This paragraph has two spaces in a row: “résolution 49/57  et la”."),
            ("preambular paragraph 2", "This paragraph has a space before a comma: “du Secrétaire général ,”."),
            ("preambular paragraph 2", "This paragraph has a space after an opening parenthesis: “le rapport ( A/77/277) du Secrétaire”."),
            ("operative paragraph 2", "This paragraph has no space after a comma: “d'inscrire la question,à l'ordre du”.")]),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_spacing_slips_typed_in_a_word_draft_are_found_where_they_are_with_their_words(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    """Two spaces between words, a space before a comma, inside a parenthesis, a missing space
    after a comma: one finding each, in its paragraph, quoting the words as typed. The space
    before a colon is a slip in English; French wants one there, a no-break one (T802's)."""
    paragraphs, expected = SLIPS[lang]
    draft = _word_draft(tmp_path, f"typed.{lang}.docx", paragraphs)
    items = json.loads(run(capsys, draft, fmt="json")[1])
    found = sorted((item["paragraph"], item["message"]) for item in items if item["code"] == "P306")
    assert found == sorted(expected)
    assert all(item["excerpt"] in item["message"] for item in items if item["code"] == "P306")
    if lang == "fr":
        assert any(item["code"] == "T802" and item["paragraph"] == "operative paragraph 1" for item in items)


def test_spaces_a_text_file_lays_out_are_no_slip(tmp_path: Path) -> None:
    """The same slips typed as text: two spaces in a row may be the layout of a text file (a
    PDF's text, justified), so only the others are reported."""
    text = tmp_path / "typed.en.txt"
    text.write_text("\n\n".join(SLIPS["en"][0]) + "\n", encoding="utf-8")
    report = validate([text], None, None, choose_rules("P306", None, True))
    assert [finding.words for finding in report.findings] == [
        "of the Secretary-General ,", "the report ( A/77/277) of the", "submit a report : on cooperation;",
        "include the item,in the agenda."]


# -- output formats -----------------------------------------------------------------------------

def test_json_lists_findings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, MISTAKES, fmt="json")
    items = json.loads(out)
    assert code == 1
    assert {item["code"] for item in items} == MISTAKES_FOUND
    assert set(items[0]) == {"file", "line", "column", "paragraph", "lang", "excerpt",
                             "first_words", "code", "severity", "unverified", "message", "hint"}


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


def test_rules_doc_is_up_to_date() -> None:
    written = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert written == rules_markdown(), "docs/rules.md is stale: run `drafter rules -o docs/rules.md --force`"


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
    from drafter.composer import compose
    from drafter.commands.followup import follow_up
    from drafter.commands.validate import check_document, check_pair

    draft = follow_up(example, 79, None, None).resolution
    english, french = (compose(draft, code) for code in ("en", "fr"))
    findings = [*check_document(english, "source", "draft", all_rules()),
                *check_document(french, "source", "draft", all_rules()),
                *check_pair(english, french, "source", "draft", all_rules())]
    assert {(f.code, f.severity, f.paragraph) for f in findings} == {
        ("S108", "warning", "the heading"), ("S108", "warning", "footnote 1")}


# -- one file at a time, never an internal error --------------------------------------------------

def _crashing_rule():
    from drafter.rules import Rule

    def check(draft):
        if "Kanal" in " ".join(paragraph.plain for paragraph in draft.paragraphs):
            raise RuntimeError("a bug in a rule")
        return []
    return Rule("X001", "error", "crash", "crash", "wrong", "right", "test", document=check)


def test_a_bug_on_one_file_costs_the_others_nothing(tmp_path: Path) -> None:
    good, good2 = MISTAKES, tmp_path / "good2.fr.txt"
    good2.write_text(REFERENCE.read_text(encoding="utf-8").replace("du 2 mars 2010", "du 2 mars 2011"),
                     encoding="utf-8")
    bad = tmp_path / "bad.fr.txt"
    bad.write_text(REFERENCE.read_text(encoding="utf-8"), encoding="utf-8")
    good2.write_text(good2.read_text(encoding="utf-8").replace("Kanal", "Canal"), encoding="utf-8")
    report = validate([good, bad, good2], None, None, [*all_rules(), _crashing_rule()])
    assert {finding.file for finding in report.findings} == {str(good), str(good2)}
    assert [(problem.file, problem.code) for problem in report.unreadable] == [(str(bad), "I999")]
    assert "internal error while checking this file" in report.unreadable[0].message
    assert report.exit_code == 70


@pytest.mark.parametrize("cited", ["8055/256", "64/" + "9" * 5000, "9" * 5000 + "/1"],
                         ids=["session-8055", "5000-digit-number", "5000-digit-session"])
def test_absurd_resolution_numbers_are_findings(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                cited: str) -> None:
    draft = tmp_path / "absurd.fr.txt"
    draft.write_text(REFERENCE.read_text(encoding="utf-8").replace(
        "résolutions 64/256 du", f"résolutions {cited} du"), encoding="utf-8")
    code, out, err = run(capsys, draft)
    assert (code, err) == (1, "")
    assert " C401 error: " in out and len(out) < 2000


def test_a_source_citing_session_8055_is_a_located_error(capsys: pytest.CaptureFixture[str],
                                                         tmp_path: Path) -> None:
    source = tmp_path / "far.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace("{number: 75/276, date: 2021-04-28}",
                                                       "{number: 8055/276, date: 2021-04-28}")
    source.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, source)
    assert (code, out) == (2, "")
    assert err.startswith(f"{source}:{_line_of(text, '8055/276')}:")


# -- machine output and locations -----------------------------------------------------------------

def test_a_file_that_cannot_be_read_is_an_entry_in_json_and_sarif(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    stray = tmp_path / "notes.txt"  # no paragraph of text: not a document at all
    stray.write_text("\n   \n\t\n", encoding="utf-8")
    code, out, _ = run(capsys, stray, fmt="json")
    assert code == 2
    [entry] = json.loads(out)
    assert (entry["file"], entry["code"], entry["severity"]) == (str(stray), "I001", "error")
    assert entry["message"]
    _, out, _ = run(capsys, stray, fmt="sarif")
    [result] = json.loads(out)["runs"][0]["results"]
    assert result["ruleId"] == "I001"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == stray.as_posix()


def test_an_invalid_source_is_located_in_json_and_sarif(capsys: pytest.CaptureFixture[str],
                                                         tmp_path: Path) -> None:
    source = tmp_path / "invalid.yaml"
    source.write_text(EXAMPLE.read_text(encoding="utf-8").replace("opener: recalling_also",
                                                                  "opener: recaling_also", 1),
                      encoding="utf-8")
    line = source.read_text(encoding="utf-8").splitlines().index("  - opener: recaling_also") + 1
    code, out, _ = run(capsys, source, fmt="json")
    assert code == 2
    [entry] = json.loads(out)
    assert (entry["code"], entry["line"]) == ("I002", line)
    assert "recalling_also" in entry["message"]
    _, out, _ = run(capsys, source, fmt="sarif")
    [result] = json.loads(out)["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == line


def test_a_file_paired_with_itself_is_one_error(capsys: pytest.CaptureFixture[str],
                                                rendered: dict[str, Path]) -> None:
    code, out, err = run(capsys, rendered["en"], pair=rendered["en"])
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1 and "--pair names this same file" in err
    code, out, _ = run(capsys, rendered["en"], pair=rendered["en"], fmt="json")
    assert [entry["code"] for entry in json.loads(out)] == ["I003"]


def _mutated(tmp_path: Path, *edits: tuple[str, str]) -> tuple[Path, str]:
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    source = tmp_path / "mutated.yaml"
    source.write_text(text, encoding="utf-8")
    return source, text


def _line_of(text: str, words: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if words in line)


def test_source_findings_carry_line_and_column_in_every_format(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source, text = _mutated(tmp_path, ("distribution_date: 2022-11-25", "distribution_date: 2023-11-25"),
                            ("Nations Unies{fn|Résolution", "Nations-Unies{fn|Résolution"),
                            ("report: A/77/277-S/2022/606", "report: A/76/277-S/2022/606"))
    code, out, _ = run(capsys, source)
    assert code == 1
    lines = out.splitlines()
    date_line = _line_of(text, "distribution_date:")
    assert any(line.startswith(f"{source}:{date_line}:1: C406 error: The distribution date")
               for line in lines), lines
    report_line = _line_of(text, "report: A/76")
    assert any(line.startswith(f"{source}:{report_line}:1: C408 warning: ") for line in lines), lines
    # The French of preambular paragraph 9: the words at fault, where the source writes them.
    french = [line for line in lines if " T804 " in line]
    assert len(french) == 1 and "[preambular paragraph 9 (fr)]" in french[0]
    _, line, column = french[0].split(":")[:3]
    assert text.splitlines()[int(line) - 1][int(column) - 1:].startswith("Nations-Unies")
    items = json.loads(run(capsys, source, fmt="json")[1])
    assert all(isinstance(item["line"], int) and isinstance(item["column"], int) for item in items)
    sarif = json.loads(run(capsys, source, fmt="sarif")[1])
    regions = [result["locations"][0]["physicalLocation"]["region"]
               for result in sarif["runs"][0]["results"]]
    assert {region["startLine"] for region in regions} == {item["line"] for item in items}


def test_paragraph_findings_point_at_the_paragraph_in_the_source(tmp_path: Path) -> None:
    source, text = _mutated(tmp_path, ("the Secretary-General of the United Nations to continue",
                                       "the Secretary General of the United Nations to continue"))
    [finding] = validate([source], None, None, all_rules()).findings
    assert (finding.code, finding.place) == ("T804", "operative paragraph 4 (en)")
    line = text.splitlines()[finding.line - 1]
    assert line[finding.column - 1:].startswith("Secretary General of the United Nations")


def test_a_finding_on_a_whole_text_points_at_its_field(tmp_path: Path) -> None:
    source, text = _mutated(tmp_path, ("    fr: >-\n      la Déclaration conjointe",
                                       "    fr: >-\n      [to translate] la Déclaration conjointe"),
                            ("que, depuis la signature du Traité de sécurité collective, l'Organisation "
                             "du Traité de\n      sécurité collective est devenue",
                             "that, since the signing of the Collective Security Treaty, the Collective "
                             "Security Treaty\n      Organization has become"),
                            ("capable d'apporter des\n      réponses appropriées à toutes sortes de "
                             "menaces et de problèmes relevant de sa compétence",
                             "capable of responding appropriately to\n      a wide range of threats "
                             "and challenges within its competence"))
    untranslated, english = validate([source], None, None, all_rules()).findings
    assert (untranslated.code, untranslated.place) == ("L902", "preambular paragraph 6 (fr)")
    lines = text.splitlines()
    assert lines[untranslated.line - 1][untranslated.column - 1:].startswith("[to translate]")
    assert (english.code, english.place) == ("L901", "preambular paragraph 7 (fr)")
    assert lines[english.line - 1][english.column - 1:] == "fr: >-"


def test_docx_findings_quote_the_words_at_fault_and_the_hint_keeps_the_feminine(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    draft = tmp_path / "feminine.fr.txt"
    draft.write_text(REFERENCE.read_text(encoding="utf-8").replace(
        "*Prie* le Secrétaire général", "*Prie* la Secrétaire Générale"), encoding="utf-8")
    code, out, _ = run(capsys, draft, fmt="json")
    [entry] = json.loads(out)
    assert (code, entry["code"], entry["excerpt"]) == (1, "T804", "la Secrétaire Générale")
    assert entry["first_words"].startswith("Prie la Secrétaire")
    assert entry["hint"] == "Write “la Secrétaire générale”."
    assert entry["paragraph"] == "operative paragraph 8"


def test_control_characters_never_reach_the_terminal(capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path) -> None:
    source = tmp_path / "control.yaml"
    source.write_text(EXAMPLE.read_text(encoding="utf-8").replace(
        "opener: recalling_also", 'opener: "recalling\\e[31m\\nfake.yaml:1:1: x"', 1), encoding="utf-8")
    code, out, err = run(capsys, source)
    assert code == 2
    assert "\x1b" not in err and len(err.strip().splitlines()) == 1


# -- the open phrase book ---------------------------------------------------------------------

def _with_opener(tmp_path: Path, phrase: str, name: str = "own.fr.txt") -> Path:
    draft = tmp_path / name
    draft.write_text(REFERENCE.read_text(encoding="utf-8").replace(
        "\nEncourageant les efforts", f"\n{phrase} les efforts"), encoding="utf-8")
    return draft


def test_an_opener_outside_the_lexicon_is_a_warning_with_the_nearest_phrase(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, _with_opener(tmp_path, "Encourageants"), fmt="json")
    [finding] = json.loads(out)
    assert (code, finding["code"], finding["severity"]) == (0, "O201", "warning")
    assert "“Encourageant”" in finding["hint"]
    code, out, _ = run(capsys, _with_opener(tmp_path, "Applaudissant"), fmt="json")
    [finding] = json.loads(out)
    assert (code, finding["code"]) == (0, "O201")
    assert "nearest known opening phrase is “" in finding["hint"]


def test_a_phrase_book_beside_a_draft_makes_its_phrases_known(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    draft = _with_opener(tmp_path, "Applaudissant")
    (tmp_path / "phrases.yaml").write_text(
        "preamble:\n  applauding: {en: Applauding, fr: Applaudissant}\n", encoding="utf-8")
    assert run(capsys, draft)[:2] == (0, "No findings in 1 file checked.\n")


def test_an_inline_phrase_in_one_language_is_a_located_error(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source, text = _mutated(tmp_path, ("  - opener: encouraging\n", "  - opener: {en: Urging}\n"))
    code, out, err = run(capsys, source)
    assert (code, out) == (2, "")
    line = _line_of(text, "opener: {en: Urging}")
    assert err.startswith(f"{source}:{line}:") and "fr" in err
    [entry] = json.loads(run(capsys, source, fmt="json")[1])
    assert (entry["code"], entry["line"]) == ("I002", line)


def test_an_inline_phrase_in_both_languages_is_accepted(tmp_path: Path) -> None:
    source, _ = _mutated(tmp_path, ("  - opener: encouraging\n",
                                    "  - opener: {en: Applauding, fr: Applaudissant}\n"))
    report = validate([source], None, None, all_rules())
    assert (report.findings, report.unreadable) == ([], [])


def test_a_draft_with_adoption_data_or_an_a_res_symbol_gets_located_findings_not_a_refusal(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = (FIXTURES / "draft-coe.yaml").read_text(encoding="utf-8")
    text = text.replace("\nstage: draft\n", "\nstage: draft\nadoption: {date: 2024-11-18, meeting: 40}\n")
    text = text.replace("\nsymbol: A/79/L.20\n", "\nsymbol: A/RES/79/20\n")
    source = tmp_path / "draft.yaml"
    source.write_text(text, encoding="utf-8")
    adoption, symbol = _line_of(text, "adoption: {date"), _line_of(text, "symbol: A/RES/79/20")
    code, out, err = run(capsys, source)
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert any(line.startswith(f"{source}:{adoption}:1: C407 error: The draft gives a date and "
                               "meeting of adoption") for line in lines), lines
    assert any(line.startswith(f"{source}:{symbol}:1: C407 error: The draft bears A/RES/79/20")
               for line in lines), lines
    code, out, _ = run(capsys, source, fmt="json")
    assert code == 1
    assert sorted((item["code"], item["line"], item["column"]) for item in json.loads(out)) == \
        sorted([("C407", adoption, 1), ("C407", symbol, 1)])
    # The renderer still works: the draft renders as a draft, without an adoption line.
    from drafter.composer import compose
    from drafter.source import load
    for lang in ("en", "fr"):
        document = compose(load(source), lang)
        assert document.preface.adoption is None and document.conclusions is None


def test_nothing_of_a_checked_file_is_remembered_after_it(rendered: dict[str, Path]) -> None:
    """The rules remember what they found in each paragraph (its digits, dates, citations,
    symbols) while one file is checked, and forget it afterwards: a process checking many files
    (drafter serve) keeps none of their text, and each file is checked as the first would be."""
    from drafter.commands.validate import check_source_text
    from drafter.rules.wording import Wording, find_symbols, has_digit

    remembered = (has_digit, find_symbols, Wording.dates_in, Wording.dated_citations,
                  Wording.ga_numbers, Wording.council)
    assert validate([rendered["en"]], rendered["fr"], None, all_rules()).checked == 2  # a pair
    assert [memo.cache_info().currsize for memo in remembered] == [0] * len(remembered)
    assert validate([EXAMPLE], None, None, all_rules()).checked == 1
    assert [memo.cache_info().currsize for memo in remembered] == [0] * len(remembered)
    check_source_text(EXAMPLE.read_text(encoding="utf-8"), "x.yaml", all_rules())
    assert [memo.cache_info().currsize for memo in remembered] == [0] * len(remembered)
    assert has_digit("67/6") and has_digit.cache_info().currsize == 1  # outside a check too
