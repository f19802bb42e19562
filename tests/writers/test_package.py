"""The OPC package: every part declared and related, and the same bytes for the same document."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import date

import pytest
from lxml import etree

from drafter.composer import compose
from drafter.writers import package
from drafter.writers.docx import write_docx
from drafter.writers.package import RELATIONSHIP_IDS, WORD_PARTS, build

CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def _archive(blob: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(blob))


def test_rendering_twice_gives_identical_docx_bytes(example, lang):
    assert write_docx(compose(example, lang)) == write_docx(compose(example, lang))


def test_every_zip_entry_has_the_same_fixed_timestamp_and_mode(docx_bytes, lang):
    for info in _archive(docx_bytes[lang]).infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0), info.filename
        assert info.external_attr >> 16 == 0o600, info.filename
        assert info.compress_type == zipfile.ZIP_DEFLATED, info.filename


def test_content_types_come_first_and_the_entry_order_is_fixed(docx_bytes):
    names = _archive(docx_bytes["en"]).namelist()
    assert names[0] == "[Content_Types].xml"
    assert names == _archive(docx_bytes["fr"]).namelist()


def test_the_archive_is_valid(docx_bytes, lang):
    assert _archive(docx_bytes[lang]).testzip() is None


def test_every_xml_part_has_a_content_type(docx_bytes):
    archive = _archive(docx_bytes["fr"])
    types = etree.fromstring(archive.read("[Content_Types].xml"))
    overrides = {o.get("PartName") for o in types.iter(f"{CONTENT_TYPES}Override")}
    defaults = {d.get("Extension") for d in types.iter(f"{CONTENT_TYPES}Default")}
    for name in archive.namelist():
        if name != "[Content_Types].xml":
            assert f"/{name}" in overrides or name.rsplit(".", 1)[-1] in defaults, name
    assert "/word/document.xml" in overrides


def test_every_word_part_is_related_with_its_fixed_id(docx_bytes):
    rels = etree.fromstring(_archive(docx_bytes["en"]).read("word/_rels/document.xml.rels"))
    found = {rel.get("Target"): rel.get("Id") for rel in rels}
    assert found == RELATIONSHIP_IDS
    assert set(WORD_PARTS) == set(RELATIONSHIP_IDS)


def test_the_core_properties_are_dated_by_the_distribution_date_not_the_clock():
    blob = build(b"<doc/>", {}, title="T & <t>", language="fr-FR", created=date(2022, 11, 25))
    core = _archive(blob).read("docProps/core.xml").decode()
    assert "2022-11-25T00:00:00Z" in core
    assert "<dc:title>T &amp; &lt;t&gt;</dc:title>" in core
    assert blob == build(b"<doc/>", {}, title="T & <t>", language="fr-FR", created=date(2022, 11, 25))


def test_only_the_parts_given_are_declared():
    blob = build(b"<doc/>", {"styles.xml": b"<styles/>"}, title="t", language="en-GB",
                 created=date(2024, 1, 1))
    archive = _archive(blob)
    assert "word/styles.xml" in archive.namelist()
    assert "word/footnotes.xml" not in archive.namelist()
    assert b"footnotes" not in archive.read("[Content_Types].xml")


# -- the compressed parts kept between runs ----------------------------------------------------

@pytest.fixture
def kept(tmp_path, monkeypatch):
    """A cache folder of its own, and a process that has compressed nothing yet."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _start_again()
    yield tmp_path / "drafter" / "deflate"
    _start_again()


def _start_again() -> None:
    """What a new process knows: nothing but the cache folder."""
    package._deflated.cache_clear()
    package._table.cache_clear()


def test_the_shared_parts_are_kept_and_a_kept_part_gives_the_same_bytes(kept, example, lang):
    first = write_docx(compose(example, lang))
    [table] = kept.iterdir()
    assert len(package._table()) == 10  # styles, settings, relationships, footers…
    written = table.stat().st_ino, table.stat().st_mtime_ns
    _start_again()
    compressed: list[bytes] = []
    deflate = package._deflate
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(package, "_deflate", lambda blob: compressed.append(blob) or deflate(blob))
        assert write_docx(compose(example, lang)) == first
    names = _archive(first).namelist()
    assert len(compressed) == len(names) - 10  # only what depends on the document
    assert (table.stat().st_ino, table.stat().st_mtime_ns) == written  # nothing new to write


def test_a_damaged_table_is_a_miss(kept, example):
    first = write_docx(compose(example, "en"))
    [table] = kept.iterdir()
    table.write_bytes(table.read_bytes()[:-1] + b"x")
    _start_again()
    assert package._table() == {}
    assert write_docx(compose(example, "en")) == first


def test_a_part_that_depends_on_the_document_is_not_kept(kept):
    build(b"<doc/>", {"styles.xml": b"<styles/>", "footnotes.xml": b"<notes/>"}, title="t",
          language="en-GB", created=date(2024, 1, 1), shared=("styles.xml",))
    table = package._table()
    assert hashlib.sha256(b"<styles/>").digest() in table
    assert hashlib.sha256(b"<notes/>").digest() not in table
    assert hashlib.sha256(b"<doc/>").digest() not in table
