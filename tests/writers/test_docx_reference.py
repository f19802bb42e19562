"""A reference document's layout in drafter's Word files: its page size, margins and header and
footer distances in the section, its fonts and sizes in the styles (with the exact line heights
scaled to them), and nothing changed where it sets nothing."""

from __future__ import annotations

import io
import zipfile

import pytest

from conftest import W, part_xml
from drafter.composer import compose
from drafter.layout import Font, Layout, PageChanges
from drafter.resolution import Resolution
from drafter.writers.docx import write_docx

LETTER = Layout(page=PageChanges(width=12240, height=15840, top=1417, right=1701, bottom=1134,
                                 left=1701, header=567, footer=454),
                normal=Font("Arial", 22), heading=Font("Arial", 26), footnote=Font("Arial", 18))


def _part(blob: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        return package.read(name)


def _style(blob: bytes, style_id: str):  # type: ignore[no-untyped-def]
    return part_xml(blob, "word/styles.xml").find(f"{W}style[@{W}styleId='{style_id}']")


def _value(element, path: str, attribute: str) -> str | None:  # type: ignore[no-untyped-def]
    found = element.find(path)
    return None if found is None else found.get(f"{W}{attribute}")


def test_an_empty_layout_changes_no_byte(example: Resolution, docx_bytes: dict[str, bytes],
                                         lang: str) -> None:
    assert write_docx(compose(example, lang), layout=Layout()) == docx_bytes[lang]


def test_the_section_takes_the_page_setup(example: Resolution, lang: str) -> None:
    blob = write_docx(compose(example, lang), layout=LETTER)
    section = part_xml(blob, "word/document.xml").find(f"{W}body/{W}sectPr")
    assert {key: _value(section, f"{W}pgSz", key) for key in ("w", "h", "orient")} == {
        "w": "12240", "h": "15840", "orient": None}
    assert {key: _value(section, f"{W}pgMar", key) for key in
            ("top", "right", "bottom", "left", "header", "footer")} == {
        "top": "1417", "right": "1701", "bottom": "1134", "left": "1701", "header": "567",
        "footer": "454"}


def test_the_styles_take_the_fonts_and_sizes(example: Resolution, lang: str) -> None:
    blob = write_docx(compose(example, lang), layout=LETTER)
    styles = part_xml(blob, "word/styles.xml")
    defaults = styles.find(f"{W}docDefaults")
    fonts = defaults.find(f"{W}rPrDefault/{W}rPr/{W}rFonts")
    assert {fonts.get(f"{W}{script}") for script in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Arial"}
    assert _value(defaults, f"{W}rPrDefault/{W}rPr/{W}sz", "val") == "22"
    # drafter's 10 pt on 12 pt becomes 11 pt on 13.2 pt.
    assert _value(defaults, f"{W}pPrDefault/{W}pPr/{W}spacing", "line") == "264"
    heading = _style(blob, "ResolutionHeading")
    assert _value(heading, f"{W}rPr/{W}rFonts", "ascii") == "Arial"
    assert (_value(heading, f"{W}rPr/{W}sz", "val"), _value(heading, f"{W}rPr/{W}szCs", "val")) == ("26", "26")
    assert _value(heading, f"{W}pPr/{W}spacing", "line") == str(round(280 * 26 / 24))
    notes = _style(blob, "FootnoteText")
    assert _value(notes, f"{W}rPr/{W}sz", "val") == "18"
    assert _value(notes, f"{W}pPr/{W}spacing", "line") == str(round(210 * 18 / 17))
    # rFonts comes first in run properties, as the schema orders them.
    assert heading.find(f"{W}rPr")[0].tag == f"{W}rFonts"


def test_what_the_reference_does_not_set_stays_drafters(example: Resolution,
                                                        docx_bytes: dict[str, bytes]) -> None:
    only_margins = Layout(page=PageChanges(left=1440, right=1440))
    blob = write_docx(compose(example, "en"), layout=only_margins)
    section = part_xml(blob, "word/document.xml").find(f"{W}body/{W}sectPr")
    assert _value(section, f"{W}pgSz", "w") == "11906"  # the source's A4
    assert _value(section, f"{W}pgMar", "left") == "1440"
    assert _value(section, f"{W}pgMar", "top") == "1440"  # drafter's own
    # No font given: drafter's styles, but for the tab at the right edge of the narrower text.
    assert _part(blob, "word/styles.xml") == _part(docx_bytes["en"], "word/styles.xml").replace(
        b'w:pos="9638"', b'w:pos="9026"')


def test_a_narrow_text_moves_the_distribution_date_left(example: Resolution) -> None:
    """On 15 cm of text the date keeps its 5 cm, so it never breaks ("25 November 202|2")."""
    narrow = Layout(page=PageChanges(width=12240, left=1800, right=1800))  # 6 inches of text
    body = part_xml(write_docx(compose(example, "en"), layout=narrow), "word/document.xml")
    tabs = {tab.get(f"{W}pos") for tab in body.iter(f"{W}tab") if tab.get(f"{W}val") == "left"}
    assert "5806" in tabs and "6804" not in tabs


def test_a_landscape_reference_gives_a_landscape_page(example: Resolution) -> None:
    wide = Layout(page=PageChanges(width=16838, height=11906))
    section = part_xml(write_docx(compose(example, "fr"), layout=wide), "word/document.xml")
    assert _value(section.find(f"{W}body/{W}sectPr"), f"{W}pgSz", "orient") == "landscape"


@pytest.mark.parametrize("author", [None, "Jane Doe"])
def test_the_same_layout_gives_the_same_bytes(example: Resolution, lang: str,
                                              author: str | None) -> None:
    import datetime as dt

    when = dt.datetime(2024, 11, 25) if author else None
    made = [write_docx(compose(example, lang), author=author, when=when, layout=LETTER)
            for _ in range(2)]
    assert made[0] == made[1]
