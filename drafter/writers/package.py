"""The OPC package around a Word document: parts, relationships, content types, and a zip
written byte for byte the same for the same content, so drafts can live in git.

python-docx stamps every zip entry with the current time; this writer gives every entry a fixed
time, order and mode instead.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from datetime import date
from xml.sax.saxutils import escape

_EPOCH = (1980, 1, 1, 0, 0, 0)
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"

#: Content type and relationship type of each part drafter writes under word/.
WORD_PARTS: dict[str, tuple[str, str]] = {
    "styles.xml": (f"{_WML}.styles+xml", f"{_OFFICE}/styles"),
    "settings.xml": (f"{_WML}.settings+xml", f"{_OFFICE}/settings"),
    "footnotes.xml": (f"{_WML}.footnotes+xml", f"{_OFFICE}/footnotes"),
    "header1.xml": (f"{_WML}.header+xml", f"{_OFFICE}/header"),
    "header2.xml": (f"{_WML}.header+xml", f"{_OFFICE}/header"),
    "footer1.xml": (f"{_WML}.footer+xml", f"{_OFFICE}/footer"),
    "footer2.xml": (f"{_WML}.footer+xml", f"{_OFFICE}/footer"),
}
#: The relationship id of each word/ part, referred to from document.xml.
RELATIONSHIP_IDS = {name: f"rId{index}" for index, name in enumerate(WORD_PARTS, start=1)}


def build(document_xml: bytes, word_parts: Mapping[str, bytes], title: str, language: str,
          created: date) -> bytes:
    """Zip a document and its parts into a .docx, deterministically."""
    overrides = [("/word/document.xml", f"{_WML}.document.main+xml"),
                 ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                 ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")]
    overrides += [(f"/word/{name}", WORD_PARTS[name][0]) for name in word_parts]
    entries = {
        "[Content_Types].xml": _content_types(overrides),
        "_rels/.rels": _relationships([
            ("rId1", f"{_OFFICE}/officeDocument", "word/document.xml"),
            ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
            ("rId3", f"{_OFFICE}/extended-properties", "docProps/app.xml"),
        ]),
        "docProps/core.xml": _core(title, language, created),
        "docProps/app.xml": _APP,
        "word/document.xml": document_xml,
        "word/_rels/document.xml.rels": _relationships(
            [(RELATIONSHIP_IDS[name], WORD_PARTS[name][1], name) for name in word_parts]),
        **{f"word/{name}": blob for name, blob in word_parts.items()},
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, blob in entries.items():
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o600 << 16
            archive.writestr(info, blob)
    return buffer.getvalue()


def _content_types(overrides: list[tuple[str, str]]) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
             '<Default Extension="xml" ContentType="application/xml"/>']
    lines += [f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides]
    lines.append("</Types>")
    return "".join(lines).encode()


def _relationships(items: list[tuple[str, str, str]]) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    lines += [f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>' for rid, kind, target in items]
    lines.append("</Relationships>")
    return "".join(lines).encode()


def _core(title: str, language: str, created: date) -> bytes:
    stamp = f"{created.isoformat()}T00:00:00Z"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>drafter</dc:creator>"
        f"<cp:lastModifiedBy>drafter</cp:lastModifiedBy><dc:language>{language}</dc:language>"
        f'<cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


_APP = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>drafter</Application></Properties>"
)
