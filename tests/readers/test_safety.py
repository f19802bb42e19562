"""Bad input: every file drafter refuses is refused with one sentence that names it, before any
harm (no entity resolved, no bomb unpacked, nothing read past the size limit)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from drafter.readers import ReadFailure, read
from drafter.readers.safety import MAX_FILE_BYTES


def _refused(path: Path, *words: str) -> str:
    with pytest.raises(ReadFailure) as caught:
        read(path, None)
    message = str(caught.value)
    assert str(path) in message and "\n" not in message and "Traceback" not in message
    for word in words:
        assert word in message
    return message


def _docx(parts: dict[str, bytes], base: bytes) -> bytes:
    """The example's package with some parts replaced or added."""
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        content = {name: archive.read(name) for name in archive.namelist()}
    content.update(parts)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in content.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_binary_file_that_is_not_a_document(tmp_path):
    path = tmp_path / "picture.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    _refused(path, "neither a Word document")


def test_an_empty_file(tmp_path):
    path = tmp_path / "empty.docx"
    path.touch()
    _refused(path, "empty")


def test_a_truncated_zip(tmp_path, docx_bytes):
    path = tmp_path / "cut.docx"
    path.write_bytes(docx_bytes["fr"][: len(docx_bytes["fr"]) // 2])
    _refused(path, "damaged")


def test_a_zip_that_is_not_a_word_document(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    path = tmp_path / "archive.docx"
    path.write_bytes(buffer.getvalue())
    _refused(path, "not")


def test_a_password_protected_document(tmp_path):
    path = tmp_path / "secret.docx"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(4096))
    _refused(path, "password")


def test_a_macro_enabled_document_by_content_type(tmp_path, docx_bytes):
    types = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
             b'package/2006/content-types"><Override PartName="/word/document.xml" ContentType='
             b'"application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>')
    path = tmp_path / "macros.docm"
    path.write_bytes(_docx({"[Content_Types].xml": types}, docx_bytes["en"]))
    _refused(path, "macros")


def test_a_document_carrying_a_vba_project(tmp_path, docx_bytes):
    path = tmp_path / "macros.docx"
    path.write_bytes(_docx({"word/vbaProject.bin": b"\x00" * 100}, docx_bytes["en"]))
    _refused(path, "macros")


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.docx"
    with path.open("wb") as stream:  # sparse: 50 MB announced, nothing written
        stream.truncate(50 * 1024 * 1024)
    assert path.stat().st_size > MAX_FILE_BYTES
    _refused(path, "50 MB", "20 MB")


def test_a_zip_bomb_is_refused_from_its_directory(tmp_path, docx_bytes):
    path = tmp_path / "bomb.docx"
    path.write_bytes(_docx({"word/document.xml": b"<a/>" + b" " * (90 * 1024 * 1024)}, docx_bytes["en"]))
    assert path.stat().st_size < MAX_FILE_BYTES
    _refused(path, "unsafe")


def test_external_entities_are_never_resolved(tmp_path, docx_bytes):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>').encode()
    path = tmp_path / "xxe.docx"
    path.write_bytes(_docx({"word/document.xml": xxe}, docx_bytes["en"]))
    message = _refused(path, "DOCTYPE")
    assert "TOP-SECRET-VALUE" not in message


def test_text_in_another_encoding(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("L'Assemblée générale,\n".encode("latin-1"))
    _refused(path, "UTF-8", "line 1")


def test_drafters_own_largest_drafts_pass_its_reading_limits(tmp_path, example):
    """A source near the loader's limits (one paragraph of 1.5 MB of repetitive text, which
    compresses far beyond 100 to 1) renders to a Word file that validate reads."""
    from drafter.composer import compose
    from drafter.resolution import Resolution
    from drafter.rules import all_rules
    from drafter.commands.validate import validate
    from drafter.writers.docx import write_docx

    source = example.model_dump(mode="json")
    text = "the two organizations " * 70_000
    source["operative"][1] = {"verb": "requests", "en": text, "fr": text}
    path = tmp_path / "largest.docx"
    path.write_bytes(write_docx(compose(Resolution.model_validate(source), "en")))
    assert len(text.encode()) > 1_500_000
    report = validate([path], None, None, all_rules())
    assert not report.unreadable, report.unreadable


def test_a_file_of_more_paragraphs_than_any_resolution_is_refused_before_it_is_parsed(tmp_path, docx_bytes):
    many = b"<w:p/>" * 25_000
    with zipfile.ZipFile(io.BytesIO(docx_bytes["en"])) as archive:
        body = archive.read("word/document.xml").replace(b"<w:sectPr", many + b"<w:sectPr", 1)
    path = tmp_path / "many.docx"
    path.write_bytes(_docx({"word/document.xml": body}, docx_bytes["en"]))
    _refused(path, "20000 paragraphs")
