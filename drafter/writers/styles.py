"""The styles part of drafter's Word files, with a reference document's fonts and sizes put in.

drafter's own styles (``data/docx/styles.xml``) stay the model: a reference (``--reference-docx``)
changes the typeface and size of the base text, of the resolution's heading and of the
footnotes, and every exact line height that goes with a changed size grows or shrinks with it,
so that the text keeps drafter's proportions (10 pt on 12 pt) in the delegation's sizes.
"""

from __future__ import annotations

from functools import cache

from lxml import etree

from drafter.layout import Font, Layout
from drafter.resources import DATA
from drafter.writers.ooxml import W_NS


@cache
def styles_part(locale: str, text_width: int, layout: Layout | None = None) -> bytes:
    """The styles part for a document's language and text width, in a reference's fonts."""
    text = (DATA / "docx" / "styles.xml").read_text(encoding="utf-8")
    data = text.replace("LOCALE", locale).replace("TEXTWIDTH", str(text_width)).encode("utf-8")
    if layout is None or layout.normal == layout.heading == layout.footnote == Font():
        return data
    root = etree.fromstring(data)
    defaults = root.find(f"{w('docDefaults')}")
    assert defaults is not None  # drafter's own file
    _restyle(defaults.find(f"{w('rPrDefault')}/{w('rPr')}"),
             defaults.find(f"{w('pPrDefault')}/{w('pPr')}"), layout.normal)
    for style_id, font in (("ResolutionHeading", layout.heading), ("FootnoteText", layout.footnote)):
        style = root.find(f"{w('style')}[@{w('styleId')}='{style_id}']")
        assert style is not None
        _restyle(style.find(w("rPr")), style.find(w("pPr")), font)
    return serialize(root)


def _restyle(rpr: etree._Element | None, ppr: etree._Element | None, font: Font) -> None:
    """Put a font into run properties that hold a size (drafter's own always do), and scale
    the exact line height of the paragraph properties by the change of size."""
    assert rpr is not None and ppr is not None
    if font.name is not None:
        fonts = rpr.find(w("rFonts"))
        if fonts is None:  # rFonts comes first in run properties (after a character style)
            fonts = etree.Element(w("rFonts"))
            rpr.insert(0, fonts)
        for script in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(w(script), font.name)
    if font.size is None:
        return
    size = rpr.find(w("sz"))
    assert size is not None
    own = int(size.get(w("val"), "20"))
    for tag in ("sz", "szCs"):
        element = rpr.find(w(tag))
        (element if element is not None else sub(rpr, tag)).set(w("val"), str(font.size))
    spacing = ppr.find(w("spacing"))
    if spacing is not None and spacing.get(w("line")) is not None:
        line = int(spacing.get(w("line"), "240"))
        spacing.set(w("line"), str(round(line * font.size / own)))


def w(tag: str) -> str:
    """The Clark name of a w: element or attribute."""
    return f"{{{W_NS}}}{tag}"


def sub(parent: etree._Element, tag: str) -> etree._Element:
    """Append a w: child."""
    return etree.SubElement(parent, w(tag))


def serialize(element: etree._Element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)
