"""drafter compare: any two versions of a draft — YAML sources, our Word files, Word files re-saved
by LibreOffice or typed by hand, text files, the official text of 77/13 — in either language,
give a Word file in which Accept All gives the new version and Reject All the old one."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
from pathlib import Path

import pytest

from conftest import REFERENCE, W, part_xml
from drafter.commands.compare import (
    EXIT_INPUT,
    CompareFailure,
    compare_command,
    compare_files,
    output_stem,
    read_version,
)
from drafter.composer import compose
from drafter.document import Document
from drafter.resolution import Resolution
from drafter.writers.docx import write_docx
from drafter.writers.text import write_text
from drafter.yamlout import dump_resolution
from handtyped import typed_docx
from tracking import (
    accept_all,
    follow_up,
    footnotes_in_order,
    formatted_paragraphs,
    paragraph_texts,
    reject_all,
)

KINDS = ("yaml", "docx", "resaved", "typed", "text")
#: A Basic macro that resolves every tracked change of each file listed in a text file (source,
#: target and command separated by tabs), so one LibreOffice run does them all.
_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub ResolveAll(listing As String)
  Dim hidden(0) As New com.sun.star.beans.PropertyValue
  hidden(0).Name = "Hidden"
  hidden(0).Value = True
  Dim word(0) As New com.sun.star.beans.PropertyValue
  word(0).Name = "FilterName"
  word(0).Value = "MS Word 2007 XML"
  helper = createUnoService("com.sun.star.frame.DispatchHelper")
  handle = FreeFile
  Open listing For Input As #handle
  Do While Not EOF(handle)
    Line Input #handle, entry
    fields = Split(entry, Chr(9))
    doc = StarDesktop.loadComponentFromURL(ConvertToURL(fields(0)), "_blank", 0, hidden())
    helper.executeDispatch(doc.getCurrentController().getFrame(), ".uno:" &amp; fields(2), "", 0, Array())
    doc.storeToURL(ConvertToURL(fields(1)), word())
    doc.close(True)
  Loop
  Close #handle
End Sub
</script:module>
"""


@pytest.fixture(scope="module")
def versions(example: Resolution) -> dict[str, Resolution]:
    return {"old": example, "new": follow_up(example)}


@pytest.fixture(scope="module")
def inputs(versions: dict[str, Resolution], soffice: str,
           tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, str], Path]:
    """Every version in every form and language: (version, kind, lang) → file."""
    folder = tmp_path_factory.mktemp("versions")
    paths: dict[tuple[str, str, str], Path] = {}
    documents = {(name, lang): compose(resolution, lang)
                 for name, resolution in versions.items() for lang in ("en", "fr")}
    for name, resolution in versions.items():
        source = folder / f"{name}.yaml"
        source.write_text(dump_resolution(resolution), encoding="utf-8")
        for lang in ("en", "fr"):
            paths[(name, "yaml", lang)] = source
    for (name, lang), document in documents.items():
        paths[(name, "docx", lang)] = folder / f"{name}.{lang}.docx"
        paths[(name, "docx", lang)].write_bytes(write_docx(document))
        paths[(name, "text", lang)] = folder / f"{name}.{lang}.txt"
        paths[(name, "text", lang)].write_text(write_text(document), encoding="utf-8")
    resaved = folder / "resaved"
    subprocess.run([soffice, f"-env:UserInstallation=file://{folder / '.lo-profile'}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(resaved),
                    *(str(paths[(name, "docx", lang)]) for name, lang in documents)],
                   check=True, capture_output=True, timeout=240)
    typed_folder = folder / "typed"
    typed_folder.mkdir()
    typed = typed_docx({f"{name}.{lang}": document for (name, lang), document in documents.items()},
                       typed_folder, soffice)
    for name, lang in documents:
        paths[(name, "resaved", lang)] = resaved / f"{name}.{lang}.docx"
        paths[(name, "typed", lang)] = typed_folder / f"{name}.{lang}.docx"
        assert typed[f"{name}.{lang}"] == paths[(name, "typed", lang)].read_bytes()
    paths[("old", "official", "fr")] = REFERENCE
    return paths


def _as_read(path: Path, lang: str) -> Document:
    return read_version(path).in_language(lang)


def assert_accepts_and_rejects(tracked: bytes, old: Document, new: Document) -> None:
    """Accept All gives the new version and Reject All the old one, text, italics,
    superscripts and footnotes alike (each as drafter writes it)."""
    for resolved, version in ((accept_all(tracked), new), (reject_all(tracked), old)):
        clean = write_docx(version)
        assert paragraph_texts(resolved) == paragraph_texts(clean)
        assert formatted_paragraphs(resolved) == formatted_paragraphs(clean)
        assert footnotes_in_order(resolved) == footnotes_in_order(clean)


PAIRS = [(old, new, lang) for old, new in itertools.product(KINDS, KINDS) for lang in ("en", "fr")]
PAIRS += [("official", new, "fr") for new in KINDS]


@pytest.mark.parametrize(("old_kind", "new_kind", "lang"), PAIRS,
                         ids=[f"{old}-{new}-{lang}" for old, new, lang in PAIRS])
def test_every_pair_of_input_kinds_accepts_to_the_new_and_rejects_to_the_old(
        inputs, old_kind, new_kind, lang):
    old_path, new_path = inputs[("old", old_kind, lang)], inputs[("new", new_kind, lang)]
    files, lines = compare_files(old_path, new_path, [lang], "GA Affairs Branch", None)
    assert list(files) == [lang]
    assert_accepts_and_rejects(files[lang], _as_read(old_path, lang), _as_read(new_path, lang))
    assert any(line.startswith("  preamble: 1 paragraph changed") for line in lines), lines


@pytest.mark.parametrize("kind", ["docx", "resaved", "typed", "text"])
def test_a_version_compared_with_its_source_has_no_change_of_words(inputs, kind, lang):
    files, lines = compare_files(inputs[("old", "yaml", lang)], inputs[("old", kind, lang)],
                                 [lang], "drafter", None)
    body = part_xml(files[lang], "word/document.xml")
    assert body.find(f".//{W}ins") is None and body.find(f".//{W}del") is None
    assert lines[1:4] == ["  preamble: no change", "  operative: no change", "  footnotes: no change"]


def test_two_sources_are_compared_in_both_languages_by_default(inputs):
    files, lines = compare_files(inputs[("old", "yaml", "en")], inputs[("new", "yaml", "en")],
                                 None, "drafter", None)
    assert list(files) == ["en", "fr"]
    assert lines[0] == "English:" and "French:" in lines


def test_the_changes_are_signed_at_midnight_utc_of_the_new_date_or_of_date(inputs):
    old, new = inputs[("old", "yaml", "en")], inputs[("new", "text", "en")]
    for day, stamp in ((None, "2024-11-01T00:00:00Z"), (dt.date(2024, 12, 3), "2024-12-03T00:00:00Z")):
        files, _ = compare_files(old, new, ["en"], "Mission of Armenia", day)
        marks = list(part_xml(files["en"], "word/document.xml").iter(f"{W}ins", f"{W}del"))
        assert {(mark.get(f"{W}author"), mark.get(f"{W}date")) for mark in marks} == {
            ("Mission of Armenia", stamp)}


def test_the_same_inputs_give_the_same_bytes(inputs, lang):
    pair = inputs[("old", "typed", lang)], inputs[("new", "docx", lang)]
    assert compare_files(*pair, [lang], "drafter", None) == compare_files(*pair, [lang], "drafter", None)


@pytest.mark.parametrize(("old", "new", "asked", "message"), [
    (("old", "docx", "en"), ("new", "docx", "fr"), None,
     "old.en.docx is in English and new.fr.docx in French; compare two versions in the same language"),
    (("old", "text", "fr"), ("new", "yaml", "fr"), ["en"],
     "old.fr.txt is in French, not in English (--lang en); compare two versions in the same language"),
    (("old", "yaml", "en"), ("new", "docx", "en"), ["en", "fr"],
     "new.en.docx is in English, not in French (--lang en,fr); compare two versions in the same "
     "language"),
])
def test_mismatched_languages_are_one_sentence(inputs, old, new, asked, message):
    with pytest.raises(CompareFailure) as failure:
        compare_files(inputs[old], inputs[new], asked, "drafter", None)
    assert str(failure.value).replace(f"{inputs[old].parent}/", "") == message


def test_the_command_writes_one_file_per_language_and_prints_the_summary(inputs, tmp_path, capsys):
    code = compare_command(inputs[("old", "yaml", "en")], inputs[("new", "yaml", "en")], None,
                           tmp_path, None, "drafter", None, False)
    assert code == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["new.en.tracked.docx",
                                                               "new.fr.tracked.docx"]
    printed = capsys.readouterr().out.splitlines()
    assert printed[:2] == [f"wrote {tmp_path / 'new.en.tracked.docx'}",
                           f"wrote {tmp_path / 'new.fr.tracked.docx'}"]
    assert printed[2:] == [
        "English:",
        "  header: symbol, distribution, date, original, session, adoption, committee, sponsors, "
        "heading changed",
        "  preamble: 1 paragraph changed; 6 words inserted, 1 deleted",
        "  operative: 2 paragraphs changed; 2 words inserted, 2 deleted",
        "  footnotes: 1 footnote changed; 1 word inserted, 1 deleted",
        "  closing: meeting, date deleted",
        "French:",
        "  header: symbol, distribution, date, translation, original, session, adoption, committee, "
        "sponsors, heading changed",
        "  preamble: 1 paragraph changed; 6 words inserted, 1 deleted",
        "  operative: 2 paragraphs changed; 2 words inserted, 2 deleted",
        "  footnotes: 1 footnote changed; 1 word inserted, 1 deleted",
        "  closing: meeting, date deleted",
    ]


def test_one_language_to_one_named_file(inputs, tmp_path):
    target = tmp_path / "changes.docx"
    assert compare_command(inputs[("old", "official", "fr")], inputs[("new", "yaml", "fr")], ["fr"],
                           None, target, "drafter", None, False) == 0
    assert paragraph_texts(accept_all(target.read_bytes()))[0].split() == [
        "Nations", "Unies", "A/79/L.99"]


@pytest.mark.parametrize(("arguments", "message"), [
    ({"requested": None, "output": "one.docx"}, "-o names one file, but 2 languages are compared"),
    ({"requested": None, "out": "folder", "output": "one.docx"}, "either --out DIR or -o FILE"),
])
def test_outputs_that_cannot_be_are_refused_before_anything_is_written(
        inputs, tmp_path, capsys, arguments, message):
    options = {"requested": None, "out": None, "output": None, **arguments}
    for name in ("out", "output"):
        if options[name] is not None:
            options[name] = tmp_path / options[name]
    code = compare_command(inputs[("old", "yaml", "en")], inputs[("new", "yaml", "en")],
                           options["requested"], options["out"], options["output"], "drafter",
                           None, False)
    assert code == EXIT_INPUT
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_an_existing_output_is_kept_without_force(inputs, tmp_path, capsys):
    target = tmp_path / "new.en.tracked.docx"
    target.write_bytes(b"keep me")
    arguments = (inputs[("old", "yaml", "en")], inputs[("new", "yaml", "en")], None, tmp_path,
                 None, "drafter", None)
    assert compare_command(*arguments, False) == EXIT_INPUT
    assert "already exist" in capsys.readouterr().err
    assert target.read_bytes() == b"keep me" and not (tmp_path / "new.fr.tracked.docx").exists()
    assert compare_command(*arguments, True) == 0
    assert target.read_bytes()[:2] == b"PK"


def test_unreadable_versions_are_one_line_naming_the_file(inputs, tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text("session: [\n", encoding="utf-8")
    noise = tmp_path / "noise.docx"
    noise.write_bytes(b"PK\x03\x04 not really a zip")
    for bad in (broken, noise):
        assert compare_command(bad, inputs[("new", "yaml", "en")], None, tmp_path / "out", None,
                               "drafter", None, False) == EXIT_INPUT
        error = capsys.readouterr().err
        assert str(bad) in error and "Traceback" not in error
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("name", "stem"), [("csto-79.en.docx", "csto-79"), ("csto-79.yaml", "csto-79"),
                                            ("draft.fr.txt", "draft"), ("A-79-L.20.docx", "A-79-L.20")])
def test_outputs_are_named_after_the_new_version(name, stem):
    assert output_stem(Path(name)) == stem


def test_libreoffice_accepts_to_the_new_and_rejects_to_the_old_version(inputs, soffice, tmp_path):
    """LibreOffice's own Accept All and Reject All, on pairs of every input kind."""
    chosen = [("typed", "yaml", "en"), ("text", "resaved", "en"), ("yaml", "typed", "fr"),
              ("official", "docx", "fr")]
    listing, expected = [], {}
    for index, (old_kind, new_kind, lang) in enumerate(chosen):
        old_path, new_path = inputs[("old", old_kind, lang)], inputs[("new", new_kind, lang)]
        files, _ = compare_files(old_path, new_path, [lang], "drafter", None)
        source = tmp_path / f"tracked-{index}.docx"
        source.write_bytes(files[lang])
        for command, version in (("Accept", new_path), ("Reject", old_path)):
            target = tmp_path / f"{command}-{index}.docx"
            listing.append(f"{source}\t{target}\t{command}AllTrackedChanges")
            expected[target] = write_docx(_as_read(version, lang))
    (tmp_path / "listing.txt").write_text("\n".join(listing) + "\n", encoding="utf-8")
    profile = tmp_path / ".lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--terminate_after_init"],
                   check=True, capture_output=True, timeout=180)
    (profile / "user" / "basic" / "Standard" / "Module1.xba").write_text(_MACRO, encoding="utf-8")
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                    f'macro:///Standard.Module1.ResolveAll("{tmp_path / "listing.txt"}")'],
                   check=True, capture_output=True, timeout=300)
    for target, clean in expected.items():
        resolved = target.read_bytes()
        assert paragraph_texts(resolved) == paragraph_texts(clean), target.name
        assert footnotes_in_order(resolved) == footnotes_in_order(clean), target.name
