"""The Akoma Ntoso reader: the writer's output comes back as the same Document, meanings and
all; files are told apart by content; hostile or broken XML is refused in one sentence that
names the file, and a file with parts missing reads with those parts absent."""

from __future__ import annotations

import msgspec
from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOT

from drafter import akn
from drafter.composer import compose
from drafter.document import Document
from drafter.readers import ReadFailure, read
from drafter.readers.akn import is_akn, read_akn
from drafter.readers.safety import MAX_FILE_BYTES
from drafter.source import load
from drafter.writers.akn import write_akn

A = "{%s}" % akn.NS
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def everything(document: Document) -> dict[str, object]:
    """The whole tree, meanings and organization included (equality leaves them out)."""
    return msgspec.to_builtins(document)


@pytest.mark.parametrize("source", EXAMPLES, ids=lambda path: path.stem)
def test_every_example_comes_back_as_the_same_document(source, lang):
    document = compose(load(source), lang)
    back = read_akn(write_akn(document))
    assert back == document
    assert everything(back) == everything(document)


def test_the_golden_files_read_as_77_13(example, lang):
    path = ROOT / "tests" / "fixtures" / "akn" / f"A-RES-77-13.{lang}.akn.xml"
    assert everything(read_akn(path)) == everything(compose(example, lang))


def test_files_are_told_apart_by_content_not_name(tmp_path, example):
    disguised = tmp_path / "draft.txt"
    disguised.write_bytes(write_akn(compose(example, "fr")))
    assert read(disguised).lang == "fr"
    assert read(disguised).preface.symbol == "A/RES/77/13"


@pytest.mark.parametrize(("head", "found"), [
    (b'<akomaNtoso xmlns="x">', True),
    (b'\xef\xbb\xbf<?xml version="1.0" encoding="UTF-8"?>\n<akomaNtoso>', True),
    (b'<?xml version="1.0"?><!-- written by hand --> <an:akomaNtoso xmlns:an="x">', True),
    (b"<akomaNtosoX>", False),
    (b"<akomaNtoso><", True),
    (b"<akomaNtoso", True),
    (b"<html><akomaNtoso>", False),
    (b"United Nations A/RES/77/13", False),
    (b"<?xml version='1.0'", False),
])
def test_akoma_ntoso_is_recognised_by_its_root_element(head, found):
    assert is_akn(head) is found


def _refused(data: bytes, match: str) -> str:
    with pytest.raises(ReadFailure, match=match) as caught:
        read_akn(data, name="draft.akn.xml")
    message = str(caught.value)
    assert message.startswith("draft.akn.xml: ") and "\n" not in message
    return message


def test_a_doctype_with_entities_is_refused_as_unsafe():
    laughs = (b'<?xml version="1.0"?><!DOCTYPE akomaNtoso [<!ENTITY a "aaaaaaaaaa">'
              b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
              b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">&b;</akomaNtoso>')
    _refused(laughs, "DOCTYPE")


def test_an_external_entity_is_never_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    data = (f'<!DOCTYPE akomaNtoso [<!ENTITY x SYSTEM "file://{secret}">]>'
            f'<akomaNtoso xmlns="{akn.NS}">&x;</akomaNtoso>').encode()
    assert "SECRET" not in _refused(data, "refused as unsafe")


def test_damaged_xml_says_how_to_make_the_file_again():
    message = _refused(b"<akomaNtoso><statement>", "the XML is damaged")
    assert "drafter render --format akn" in message


def test_nesting_beyond_the_parser_limit_is_refused_without_a_crash():
    deep = b"<i>" * 5000 + b"x" + b"</i>" * 5000
    _refused(f'<akomaNtoso xmlns="{akn.NS}"><statement><p>'.encode() + deep + b"</p></statement></akomaNtoso>",
             "damaged")


def test_a_file_over_the_size_limit_is_refused_before_parsing():
    _refused(b"<akomaNtoso>" + b" " * MAX_FILE_BYTES, "MB")


def test_xml_that_is_not_a_resolution_is_refused():
    _refused(b'<akomaNtoso xmlns="http://example.org/other"><statement/></akomaNtoso>',
             "not an Akoma Ntoso 3.0 resolution")
    _refused(f'<akomaNtoso xmlns="{akn.NS}"><act/></akomaNtoso>'.encode(), "no <statement>")


def test_the_language_comes_from_the_file_and_must_match_lang(example):
    data = write_akn(compose(example, "fr"))
    assert read_akn(data).lang == "fr"
    with pytest.raises(ReadFailure, match="in French, not English"):
        read_akn(data, "en", name="x")
    _refused(data.replace(b'language="fra"', b'language="deu"'), "'deu', not eng or fra")


def test_a_file_without_its_manifestation_date_is_refused(example):
    data = write_akn(compose(example, "en"))
    _refused(data.replace(b'<FRBRdate date="2022-11-25" name="distribution"/>', b""), "no date")


def _without(data: bytes, *paths: str) -> bytes:
    root = etree.fromstring(data)
    for path in paths:
        for element in root.xpath(path, namespaces={"a": akn.NS}):
            element.getparent().remove(element)
    return etree.tostring(root)


def test_missing_parts_read_as_absent(example):
    data = _without(write_akn(compose(example, "en")),
                    "//a:container[@name='session']", "//a:container[@name='symbol']",
                    "//a:formula", "//a:container[@name='heading']")
    document = read_akn(data)
    assert document.preface.session.absent and document.formula.absent
    assert document.preface.heading.absent and document.preface.title.absent
    assert document.preface.symbol == ""
    assert document.preface.organ.text() == "General Assembly"


def test_a_footnote_mark_that_points_nowhere_is_refused(example):
    data = write_akn(compose(example, "en")).replace(
        b'<authorialNote marker="1"', b'<noteRef href="#nowhere" marker="1"/><authorialNote marker="1"')
    _refused(data, "points to no footnote")


def test_unknown_inline_elements_are_read_for_their_text(example):
    data = write_akn(compose(example, "en")).replace(
        b"<p>The General Assembly,</p>", b'<p>The <span class="x">General</span> Assembly,</p>')
    assert read_akn(data).formula.text() == "The General Assembly,"


def test_a_path_is_read_and_named_in_messages(tmp_path):
    broken = tmp_path / "broken.akn.xml"
    broken.write_bytes(b"<akomaNtoso><")
    with pytest.raises(ReadFailure, match=str(broken)):
        read(Path(broken))


def test_phrases_written_out_or_from_a_phrase_book_come_back(lang):
    from conftest import EXAMPLE

    from drafter.phrasebook import parse_book
    from drafter.resolution import Resolution

    book = parse_book("operative:\n  looks_forward_to: {en: Looks forward to, fr: Attend avec intérêt}\n",
                      "phrases.yaml")
    source = load(EXAMPLE).model_dump(mode="json")
    source["preamble"][-1]["opener"] = {"en": "Having heard", "fr": "Ayant entendu"}
    source["operative"][1]["verb"] = "looks_forward_to"
    document = compose(Resolution.model_validate(source, context={"phrases": book}), lang)
    data = write_akn(document)
    assert everything(read_akn(data)) == everything(document)
    root = etree.fromstring(data)
    opener = root.findall(f".//{A}inline[@name='opener']")[-1]
    assert opener.get("refersTo") is None  # a phrase written out has no key to refer to
    verb = root.find(f".//{A}paragraph[@eId='para_2']")
    assert verb.get("refersTo") == "#looks_forward_to"
    concept = root.find(f".//{A}TLCConcept[@eId='looks_forward_to']")
    assert concept.get("showAs") == {"en": "Looks forward to", "fr": "Attend avec intérêt"}[lang]
