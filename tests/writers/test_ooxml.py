"""The WordprocessingML builders write, as text, the bytes lxml serialized the same elements to:
escapes, empty-element tags, xml:space, and the refusal of what XML cannot hold."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from drafter.writers import ooxml

W = f"{{{ooxml.W_NS}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: Texts with what needs escaping, tabs, edge spaces of every kind and characters beyond ASCII.
_TEXT = st.text(alphabet=st.sampled_from(list("ab &<>\"'\t\r\n é\u00a0\u202f;«»]") + ["\U0001f600"]),
                max_size=12)


def _lxml_part(build) -> bytes:
    """A w:document part built with lxml as drafter built its parts before, serialized."""
    root = etree.Element(f"{W}document", nsmap={"w": ooxml.W_NS, "r": ooxml.R_NS})
    build(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _lxml_run(parent, value: str, italic: bool, bold: bool, superscript: bool, deleted: bool):
    r = etree.SubElement(parent, f"{W}r")
    if italic or bold or superscript:
        rpr = etree.SubElement(r, f"{W}rPr")
        for on, tag in ((bold, "b"), (italic, "i")):
            if on:
                etree.SubElement(rpr, f"{W}{tag}")
        if superscript:
            etree.SubElement(rpr, f"{W}vertAlign", {f"{W}val": "superscript"})
    for index, piece in enumerate(value.split("\t")):
        if index:
            etree.SubElement(r, f"{W}tab")
        if piece:
            t = etree.SubElement(r, f"{W}{'delText' if deleted else 't'}")
            t.text = piece
            if piece != piece.strip():
                t.set(XML_SPACE, "preserve")


@given(_TEXT, st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_a_run_is_the_bytes_lxml_wrote(value, italic, bold, superscript, deleted):
    out: list[str] = []
    ooxml.run(out, value, ooxml.run_properties(italic=italic, bold=bold, superscript=superscript),
              deleted=deleted)
    expected = _lxml_part(lambda root: _lxml_run(root, value, italic, bold, superscript, deleted))
    assert ooxml.part("document", out) == expected


@given(_TEXT)
def test_an_attribute_is_escaped_as_lxml_escaped_it(value):
    out = [f'<w:ins w:author="{ooxml.attribute(value)}"/>']
    expected = _lxml_part(lambda root: etree.SubElement(root, f"{W}ins", {f"{W}author": value}))
    assert ooxml.part("document", out) == expected


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x0b", "\x1f", "\ufffe", "\uffff"])
def test_what_lxml_refuses_is_refused_alike(character):
    with pytest.raises(ValueError) as lxml_refusal:
        etree.Element("t").text = f"a{character}"
    out: list[str] = []
    ooxml.run(out, f"a{character}")
    with pytest.raises(ValueError) as refusal:
        ooxml.part("document", out)
    assert str(refusal.value) == str(lxml_refusal.value)
