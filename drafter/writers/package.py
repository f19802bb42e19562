"""The OPC package around a Word document: parts, relationships, content types, and a zip
written byte for byte the same for the same content, so drafts can live in git.

python-docx stamps every zip entry with the current time; this writer gives every entry a fixed
time, order and mode instead.

The parts every document shares (styles, settings, relationships, the page footers, …) are
compressed once per installation: their compressed forms are kept in a table in the user's cache
folder (``$XDG_CACHE_HOME/drafter/deflate``), by the SHA-256 of the part, one table per zlib,
checked like every cache entry; anything else is a miss, and the part is compressed again.
"""

from __future__ import annotations

import hashlib
import marshal
import struct
import zlib
from collections.abc import Collection, Mapping
from datetime import date
from functools import lru_cache

from drafter.cache_entries import MAX_ENTRY_BYTES, cache_folder, read_entry, write_entry

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
    "header3.xml": (f"{_WML}.header+xml", f"{_OFFICE}/header"),  # even pages
    "footer3.xml": (f"{_WML}.footer+xml", f"{_OFFICE}/footer"),
}
#: The relationship id of each word/ part, referred to from document.xml.
RELATIONSHIP_IDS = {name: f"rId{index}" for index, name in enumerate(WORD_PARTS, start=1)}


def build(document_xml: bytes, word_parts: Mapping[str, bytes], title: str, language: str,
          created: date, shared: Collection[str] = ()) -> bytes:
    """Zip a document and its parts into a .docx, deterministically. ``shared``: the word parts
    that are the same in many documents (styles, settings, …), whose compressed form is kept."""
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
    kept = {*_SHARED, *(f"word/{name}" for name in shared)}
    return _zip(entries, kept)


# The zip is written here rather than with zipfile, which costs a third of a document's writing
# in per-entry bookkeeping and compresses the same styles for every document. The bytes are
# those zipfile writes for these entries (ZIP_DEFLATED at the default level, 1980-01-01, made on
# MS-DOS, mode 0600, no data descriptor); tests/test_outputs_unchanged.py holds them to that.
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_VERSION, _DEFLATED, _MODE = 20, 8, 0o600 << 16
_DOS_DATE = (_EPOCH[0] - 1980) << 9 | _EPOCH[1] << 5 | _EPOCH[2]  # and time 00:00:00
#: Entries compressed once per process and kept: the parts documents may share.
_KEPT_BYTES = 16_384
#: The entries of the package that are the same in every document with the same word parts.
_SHARED = ("[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "word/_rels/document.xml.rels")


def _zip(entries: Mapping[str, bytes], shared: Collection[str] = ()) -> bytes:
    """A zip of the entries, in order, with nothing that varies from run to run; the compressed
    form of the ``shared`` entries is kept between runs."""
    pieces: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for name, blob in entries.items():
        if len(blob) > _KEPT_BYTES:
            crc, packed = _deflate(blob)
        else:
            crc, packed = _deflated(blob, name in shared)
        encoded = name.encode("ascii")
        local = _LOCAL.pack(b"PK\x03\x04", _VERSION, 0, 0, _DEFLATED, 0, _DOS_DATE, crc,
                            len(packed), len(blob), len(encoded), 0)
        directory.append(_CENTRAL.pack(b"PK\x01\x02", _VERSION, 0, _VERSION, 0, 0, _DEFLATED, 0,
                                       _DOS_DATE, crc, len(packed), len(blob), len(encoded), 0, 0,
                                       0, 0, _MODE, offset) + encoded)
        pieces += (local, encoded, packed)
        offset += len(local) + len(encoded) + len(packed)
    central = b"".join(directory)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(directory), len(directory), len(central), offset, 0)
    return b"".join([*pieces, central, end])


def _deflate(blob: bytes) -> tuple[int, bytes]:
    """The CRC-32 and raw deflate stream of an entry, as zipfile makes them."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return zlib.crc32(blob), compressor.compress(blob) + compressor.flush()


@lru_cache(maxsize=64)
def _deflated(blob: bytes, shared: bool) -> tuple[int, bytes]:
    """``_deflate``, once per process; for a shared part, once per installation: compressing the
    ten parts an English document shares with every other took 2.1 of the 15 million
    instructions of its first render in a process, finding them in the table 0.5."""
    if not shared:
        return _deflate(blob)
    digest = hashlib.sha256(blob).digest()
    table = _table()
    found = table.get(digest)
    if (isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], int)
            and isinstance(found[1], bytes)):
        return found
    made = table[digest] = _deflate(blob)
    if len(table) <= _MAX_KEPT:
        payload = marshal.dumps(table)
        if len(payload) < MAX_ENTRY_BYTES:
            write_entry(cache_folder("deflate"), _key(), _FORMAT, payload)
    return made


_FORMAT = "drafter-deflate-cache 1"
#: Parts in the table: a few per language and reference document; beyond, it stops growing.
_MAX_KEPT = 256


@lru_cache(maxsize=1)
def _table() -> dict[bytes, tuple[int, bytes]]:
    """The kept compressed parts by the SHA-256 of each part, read once per process."""
    key = _key()
    payload = read_entry(cache_folder("deflate") / key, key, _FORMAT)
    if payload is None:
        return {}
    try:
        table = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return {}
    return table if isinstance(table, dict) else {}


def _key() -> str:
    """One table per zlib: another version may compress the same part to other bytes."""
    return hashlib.sha256(f"{_FORMAT}\0{zlib.ZLIB_RUNTIME_VERSION}".encode()).hexdigest()


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
        f"<dc:title>{_escaped(title)}</dc:title><dc:creator>drafter</dc:creator>"
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


def _escaped(text: str) -> str:
    """Text as XML content: html.escape(text, quote=False), without importing html, whose table
    of 2,000 entities costs 8 million instructions of every cold render."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
