"""The fonts, sizes and page setup a delegation's own Word file gives drafter's Word output.

``--reference-docx FILE`` follows pandoc's convention: the reference's content is ignored, its
page setup and the fonts and sizes of a few styles are used. What the reference does not set is
``None`` here, and drafter's own layout stays for it. Lengths are in twentieths of a point and
sizes in half-points, as WordprocessingML writes them, so that the writer copies them exactly.
"""

from __future__ import annotations

from msgspec import Struct
from msgspec.structs import fields, replace


class Font(Struct, frozen=True):
    """A typeface and a size in half-points; None where the reference leaves it to drafter."""

    name: str | None = None
    size: int | None = None


class PageSetup(Struct, frozen=True):
    """Page size, margins and the distance of the header and footer from the page's edge."""

    width: int
    height: int
    top: int
    right: int
    bottom: int
    left: int
    header: int
    footer: int

    @property
    def text_width(self) -> int:
        return self.width - self.left - self.right


class PageChanges(Struct, frozen=True):
    """The parts of a page setup a reference sets, each None where it sets nothing."""

    width: int | None = None
    height: int | None = None
    top: int | None = None
    right: int | None = None
    bottom: int | None = None
    left: int | None = None
    header: int | None = None
    footer: int | None = None


class Layout(Struct, frozen=True):
    """What a reference document sets: the page, the base text (its Normal style), the
    resolution's heading (its Heading 1) and the footnotes (its Footnote Text)."""

    page: PageChanges = PageChanges()
    normal: Font = Font()
    heading: Font = Font()
    footnote: Font = Font()

    def page_setup(self, own: PageSetup) -> PageSetup:
        """drafter's ``own`` page with what the reference sets instead."""
        given = {item.name: getattr(self.page, item.name) for item in fields(self.page)}
        return replace(own, **{name: value for name, value in given.items() if value is not None})
