"""Word files damaged on purpose, for the tests that feed drafter broken zips: a part replaced, a
compression method Word never uses, a corrupt deflate stream."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable


def rezip(blob: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    """The .docx ``blob`` with ``part`` replaced by ``change`` of its bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item.filename, change(data) if item.filename == part else data)
    return out.getvalue()


def compression_method(blob: bytes, method: int) -> bytes:
    """Every entry's compression method set to ``method``, in the local and central headers."""
    data = bytearray(blob)
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        start = data.find(signature)
        while start >= 0:
            struct.pack_into("<H", data, start + offset, method)
            start = data.find(signature, start + 4)
    return bytes(data)


def corrupt_deflate(blob: bytes) -> bytes:
    """document.xml's compressed bytes overwritten in the middle: a corrupt deflate stream."""
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        info = archive.getinfo("word/document.xml")
    data = bytearray(blob)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    middle = start + info.compress_size // 2
    data[middle: middle + 16] = b"\xff" * 16
    return bytes(data)
