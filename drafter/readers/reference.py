"""Read a reference document (``--reference-docx``): a delegation's own Word file or template,
from which only the page setup and the fonts and sizes of a few styles are taken.

The file may come from anyone. It passes the same checks as a draft before python-docx opens it
(size, zip directory, encryption, macros, paragraphs counted while streamed), its XML is parsed
without DTDs or entities, and nothing of it but the values of ``drafter.layout`` is kept: no text,
no header, no image, no field ever reaches drafter's output. Values outside what Word itself
allows are refused with a sentence naming the file.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from lxml import etree

from drafter.layout import Font, Layout, PageChanges
from drafter.writers.docx import PAGES
from drafter.readers.safety import (
    MAX_PARAGRAPHS,
    Package,
    ReadFailure,
    parse_xml,
    read_limited,
)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
#: A Word template's main part (.dotx): python-docx reads it as it reads a document's.
_TEMPLATE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
#: The styles read, by their name in Word and the style ids Word and LibreOffice give them.
_NORMAL = ("normal", "Normal")
_HEADING = ("heading 1", "Heading1")
_FOOTNOTE = ("footnote text", "FootnoteText")
#: Word's own bounds: pages of 0.1 to 22 inches, type of 1 to 1,638 points (in half-points).
_PAGE_SIDE = (144, 31_680)
_SIZE = (2, 3_276)
#: The narrowest text a resolution's indents (up to 4.9 cm) leave room in: 2 inches.
_MIN_TEXT_WIDTH = 2_880
#: Longer than any font's name (Word's own limit is 31 characters).
_MAX_FONT_NAME = 64
#: How far a chain of styles based on one another is followed (Word nests a handful).
_MAX_BASED_ON = 32
_REMEDY = "open it in Word and save it again as .docx, or choose another reference"


def read_reference(path: Path) -> Layout:
    """The page setup and the fonts and sizes a reference document sets; ReadFailure, naming
    the file, for anything that is not a readable Word document or template."""
    name = str(path)
    data = read_limited(path)
    document = _open(data, name)
    for element in (document.element, document.styles.element):
        if element.getroottree().docinfo.doctype:
            raise ReadFailure(f"{name}: the XML declares a DOCTYPE, which Word never writes; "
                              "the file is refused as unsafe")
    try:
        return _layout(document, name)
    except (ValueError, OverflowError):  # a value that is not a number, or an infinite one
        raise ReadFailure(f"{name}: a page or style setting is not one Word writes; {_REMEDY}") from None


def _open(data: bytes, name: str) -> Any:
    """The python-docx Document of a .docx or .dotx, once drafter's checks have passed."""
    package = Package(data, name)
    package.xml("[Content_Types].xml")  # refuses macro-enabled documents
    for part in sorted(item for item in package.names if item.endswith(".xml")):
        # python-docx parses every part at once: one that may hold too many paragraphs (it is
        # larger than that many empty ones) has them counted first, while streamed.
        if package.zip.getinfo(part).file_size <= MAX_PARAGRAPHS * len("<w:p/>"):
            continue
        if package.count(part, f"{_W}p", MAX_PARAGRAPHS) > MAX_PARAGRAPHS:
            raise ReadFailure(f"{name}: the part {part} has more than {MAX_PARAGRAPHS} paragraphs, "
                              "more than a Word template; check that this is the right file")
    from docx.opc.part import PartFactory
    from docx.package import Package as WordPackage
    from docx.parts.document import DocumentPart

    # python-docx's own extension point: a template's main part is a document part too.
    PartFactory.part_type_for.setdefault(_TEMPLATE, DocumentPart)
    try:
        main = WordPackage.open(io.BytesIO(data)).main_document_part
    except Exception:  # python-docx raises KeyError, ValueError, lxml and zip errors alike
        main = None
    if not isinstance(main, DocumentPart):
        raise ReadFailure(f"{name}: this is not a Word document or template (.docx, .dotx) "
                          f"that drafter can read; {_REMEDY}")
    return main.document


def _layout(document: Any, name: str) -> Layout:
    from docx.opc.constants import RELATIONSHIP_TYPE

    page = _page(document, name)
    try:  # python-docx would make up default styles for a document without any
        document.part.part_related_by(RELATIONSHIP_TYPE.STYLES)
    except KeyError:
        return Layout(page=page)
    styles = _Styles(document.styles.element)
    theme = _theme(document, name)
    # LibreOffice does not mark its Normal style as the default one.
    normal = styles.default if styles.default is not None else styles.find(_NORMAL)
    return Layout(
        page=page,
        normal=_checked(styles.font(normal, theme), "Normal", name),
        heading=_checked(styles.font(styles.find(_HEADING), theme), "Heading 1", name),
        footnote=_checked(styles.font(styles.find(_FOOTNOTE), theme), "Footnote Text", name),
    )


def _page(document: Any, name: str) -> PageChanges:
    """The page setup of the document's last section (the body's, as pandoc takes it)."""
    sections = document.sections
    if len(sections) == 0:
        return PageChanges()
    section = sections[-1]
    sides = {"width": section.page_width, "height": section.page_height,
             "top": section.top_margin, "right": section.right_margin,
             "bottom": section.bottom_margin, "left": section.left_margin,
             "header": section.header_distance, "footer": section.footer_distance}
    # python-docx gives lengths in EMU: 635 to a twentieth of a point. Word writes a negative
    # top or bottom margin for "the same margin, even under a taller header"; LibreOffice
    # writes a header or footer distance of 0 for a page without header or footer, which
    # says nothing of where one should go (no printer prints at the edge).
    twips = {key: None if value is None else abs(round(value / 635)) for key, value in sides.items()}
    for key in ("header", "footer"):
        twips[key] = twips[key] or None
    page = PageChanges(**twips)
    for side, value in (("wide", page.width), ("high", page.height)):
        if value is not None and not _PAGE_SIDE[0] <= value <= _PAGE_SIDE[1]:
            raise ReadFailure(f"{name}: its page is {_cm(value)} {side}, which no paper is; "
                              f"{_REMEDY}")
    # Without a page size of its own, the reference's margins go on drafter's narrower page.
    width = page.width or min(side for side, _ in PAGES.values())
    height = page.height or min(side for _, side in PAGES.values())
    if page.left is not None and page.right is not None:
        if width - page.left - page.right < _MIN_TEXT_WIDTH:
            raise ReadFailure(f"{name}: its margins leave {_cm(width - page.left - page.right)} "
                              f"for the text, less than a resolution needs ({_cm(_MIN_TEXT_WIDTH)}); "
                              "choose narrower margins in its page setup")
    if page.top is not None and page.bottom is not None:
        if height - page.top - page.bottom < _MIN_TEXT_WIDTH:
            raise ReadFailure(f"{name}: its top and bottom margins leave "
                              f"{_cm(height - page.top - page.bottom)} for the text; choose "
                              "smaller margins in its page setup")
    for key in ("header", "footer"):
        value = getattr(page, key)
        if value is not None and value > height // 2:
            raise ReadFailure(f"{name}: its {key} is {_cm(value)} from the edge of the page, "
                              f"more than half the page; {_REMEDY}")
    return page


def _cm(twips: int) -> str:
    return f"{twips * 2.54 / 1440:.1f} cm"


class _Styles:
    """The paragraph styles of a styles part, by id and by name, read once: python-docx looks
    each one up with an XPath query over the whole part."""

    def __init__(self, root: etree._Element) -> None:
        self.defaults = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        self.by_id: dict[str, etree._Element] = {}
        self.by_name: dict[str, etree._Element] = {}
        self.default: etree._Element | None = None
        for style in root.iterchildren(f"{_W}style"):
            if style.get(f"{_W}type") != "paragraph":
                continue
            self.by_id.setdefault(style.get(f"{_W}styleId") or "", style)
            name = style.find(f"{_W}name")
            if name is not None:
                self.by_name.setdefault((name.get(f"{_W}val") or "").lower(), style)
            if self.default is None and style.get(f"{_W}default") in ("1", "true", "on"):
                self.default = style

    def find(self, names: tuple[str, str]) -> etree._Element | None:
        """The style with this name in Word, or this style id; None when absent."""
        word_name, style_id = names
        return self.by_name.get(word_name, self.by_id.get(style_id))

    def font(self, style: etree._Element | None, theme: dict[str, str]) -> Font:
        """A style's typeface and size as Word shows them: its own, else those of the styles
        it is based on, else the document's defaults. No style: nothing (drafter's own
        stays)."""
        if style is None:
            return Font()
        name = size = None
        seen: set[int] = set()
        while style is not None and len(seen) < _MAX_BASED_ON and id(style) not in seen:
            seen.add(id(style))
            rpr = style.find(f"{_W}rPr")
            name = name or _typeface(rpr, theme)
            size = size or _half_points(rpr)
            based = style.find(f"{_W}basedOn")
            style = None if based is None else self.by_id.get(based.get(f"{_W}val") or "")
        return Font(name or _typeface(self.defaults, theme), size or _half_points(self.defaults))


def _typeface(rpr: etree._Element | None, theme: dict[str, str]) -> str | None:
    """The Latin typeface of run properties: named, or the theme's (minor or major) font."""
    fonts = None if rpr is None else rpr.find(f"{_W}rFonts")
    if fonts is None:
        return None
    named = fonts.get(f"{_W}ascii") or fonts.get(f"{_W}hAnsi")
    if named:
        return named
    themed = fonts.get(f"{_W}asciiTheme") or fonts.get(f"{_W}hAnsiTheme") or ""
    return theme.get("major" if themed.startswith("major") else "minor") if themed else None


def _half_points(rpr: etree._Element | None) -> int | None:
    size = None if rpr is None else rpr.find(f"{_W}sz")
    value = None if size is None else size.get(f"{_W}val")
    if value is None:
        return None
    if value.endswith("pt"):  # the strict form of the standard: "10.5pt"
        return round(float(value[:-2]) * 2)
    return int(value)


def _theme(document: Any, name: str) -> dict[str, str]:
    """The theme's Latin fonts for headings ("major") and body text ("minor"), where styles
    name the theme's font instead of a typeface, as Word's own templates do."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    try:
        blob = document.part.part_related_by(RELATIONSHIP_TYPE.THEME).blob
    except KeyError:
        return {}
    root = parse_xml(blob, f"{name} (theme)")
    fonts = {}
    for kind in ("major", "minor"):
        latin = root.find(f"{_A}themeElements/{_A}fontScheme/{_A}{kind}Font/{_A}latin")
        if latin is not None and latin.get("typeface"):
            fonts[kind] = latin.get("typeface", "")
    return fonts


def _checked(font: Font, style: str, name: str) -> Font:
    """A font Word could have written: a plain name of reasonable length, a size Word allows."""
    if font.name is not None and (len(font.name) > _MAX_FONT_NAME or not font.name.isprintable()
                                  or not font.name.strip()):
        raise ReadFailure(f"{name}: the font of its {style} style is not a font's name; "
                          f"{_REMEDY}")
    if font.size is not None and not _SIZE[0] <= font.size <= _SIZE[1]:
        raise ReadFailure(f"{name}: its {style} style is {font.size / 2:g} pt, a size Word does "
                          f"not allow (1 to 1638 pt); {_REMEDY}")
    return Font(font.name.strip() if font.name else None, font.size)


def layout_for(reference: Path | None, fmt: str) -> Layout | None:
    """What ``--reference-docx`` gives a command writing ``fmt``: None without one; refused
    where no Word file is written (the option would silently do nothing)."""
    if reference is None:
        return None
    if fmt not in ("docx", "pdf"):
        raise ReadFailure(f"--reference-docx {reference}: it gives Word and PDF files their page, "
                          f"fonts and sizes, and --format {fmt} writes neither; leave it out")
    try:
        return read_reference(reference)
    except ReadFailure as failure:  # say which of the command's files it is
        raise ReadFailure(f"--reference-docx {failure}") from None
