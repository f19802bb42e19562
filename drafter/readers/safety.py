"""Opening untrusted files safely: size limits, zip bombs, encrypted or macro documents, XML
entities and text encodings, each refused with one plain sentence that names the file."""

from __future__ import annotations

import codecs
import io
import lzma
import zipfile
import zlib
from pathlib import Path

from lxml import etree

#: The largest file drafter reads; a resolution with its footnotes is well under 1 MB.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: The most a Word package may hold once uncompressed, all parts together.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
#: The most one part may hold once uncompressed. drafter's largest draft (a source at the
#: loader's 2 MB limit) has a main part of a few MB; no compression ratio is judged, because
#: drafter's own drafts of repetitive text compress beyond 100 to 1 and were refused as bombs.
MAX_PART_BYTES = 32 * 1024 * 1024
MAX_ENTRIES = 2000
#: The most paragraphs drafter reads in one document. A resolution has a few hundred at most;
#: the largest source drafter loads (2 MB, 20,000 YAML nodes) renders to under 3,000.
MAX_PARAGRAPHS = 20_000

ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MACRO_CONTENT = b"macroEnabled"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          dtd_validation=False, huge_tree=False, remove_blank_text=False)


#: What the zip module raises on a damaged archive: a corrupt deflate stream is a zlib.error,
#: an unsupported compression method NotImplementedError, an encrypted part RuntimeError, a
#: damaged bzip2 stream OSError and a damaged LZMA stream LZMAError.
_DAMAGED: tuple[type[Exception], ...] = (
    zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError,
    RuntimeError, zlib.error, lzma.LZMAError)


class ReadFailure(Exception):
    """A file drafter cannot read; the message names the file and says what to do."""


def source_bytes(source: Path | bytes, name: str | None, unnamed: str) -> tuple[str, bytes]:
    """The name a reader reports and the bytes it reads: a file's (within the limits), or the
    bytes given, named ``unnamed`` unless ``name`` says otherwise."""
    if isinstance(source, Path):
        return name or str(source), read_limited(source)
    return name or unnamed, source


def read_limited(path: Path) -> bytes:
    """A file's bytes, refused before reading when it is larger than MAX_FILE_BYTES."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReadFailure(_too_large(path, size))
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ReadFailure(f"{path}: cannot be opened ({error.strerror or error}); "
                          "check the name and that you may read it") from None
    if len(data) > MAX_FILE_BYTES:
        raise ReadFailure(_too_large(path, len(data)))
    return data


def check_size(data: bytes, name: str) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise ReadFailure(_too_large(name, len(data)))
    if not data:
        raise ReadFailure(f"{name}: the file is empty; choose the .docx or .txt of the draft")


def _too_large(name: object, size: int) -> str:
    return (f"{name}: the file is {size / 1024 / 1024:.0f} MB, more than drafter reads "
            f"({MAX_FILE_BYTES // 1024 // 1024} MB); a resolution is far smaller, so check that "
            "this is the right file, or save it without embedded images")


def check_not_ole(data: bytes, name: str) -> None:
    """Encrypted Word files and old .doc files are OLE compound files, not zips."""
    if data.startswith(OLE_SIGNATURE):
        raise ReadFailure(f"{name}: this is a password-protected document or an old Word 97-2003 "
                          ".doc; remove the password and save it as a Word document (.docx)")


class Package:
    """The parts of a .docx, opened only after its zip directory passed the checks."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        check_size(data, name)
        check_not_ole(data, name)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except _DAMAGED:
            raise ReadFailure(f"{name}: the file is damaged or is not a Word document (.docx); "
                              "open it in Word and save it again as .docx") from None
        self._check_directory(infos)
        self.names = {info.filename for info in infos}
        if "word/vbaProject.bin" in self.names or any(
                item.lower().endswith("vbaproject.bin") for item in self.names):
            raise self._macros()

    def _check_directory(self, infos: list[zipfile.ZipInfo]) -> None:
        if len(infos) > MAX_ENTRIES:
            raise ReadFailure(f"{self.name}: the package holds {len(infos)} parts, far more than a "
                              "Word document; it is refused as unsafe")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise ReadFailure(f"{self.name}: the package is encrypted; remove the password "
                                  "and save it again as .docx")
            total += info.file_size
            if info.file_size > MAX_PART_BYTES:
                raise ReadFailure(f"{self.name}: the part {info.filename} unpacks to "
                                  f"{info.file_size // 1024 // 1024} MB, more than any Word "
                                  "document of a resolution (a zip bomb?); it is refused as unsafe")
        if total > MAX_UNPACKED_BYTES:
            raise ReadFailure(f"{self.name}: the package unpacks to {total // 1024 // 1024} MB, "
                              "more than any resolution; it is refused as unsafe")

    def _macros(self) -> ReadFailure:
        return ReadFailure(f"{self.name}: the document contains macros (.docm); drafter does not "
                           "open those: save it as a Word document (.docx) without macros")

    def read(self, part: str, most: int | None = None) -> bytes:
        """One part's bytes (the first ``most`` of them), never more than the directory
        announced."""
        try:
            info = self.zip.getinfo(part)
            with self.zip.open(info) as stream:
                data = stream.read(info.file_size + 1 if most is None else most)
        except KeyError:
            raise ReadFailure(f"{self.name}: the part {part} is missing, so this is not a complete "
                              "Word document; open it in Word and save it again as .docx") from None
        except _DAMAGED:
            raise self._damaged(part) from None
        if len(data) > info.file_size:
            raise ReadFailure(f"{self.name}: the part {part} is larger than announced; "
                              "it is refused as unsafe")
        return data

    def count(self, part: str, tag: str, most: int) -> int:
        """How many ``tag`` elements a part holds, streamed and stopped past ``most``: a file of
        800,000 paragraphs is refused before any tree of it is built."""
        found = 0
        try:
            self.read(part, 0)  # the part exists and its directory entry passed the checks
            stream = self.zip.open(part)  # decompressed as it is parsed: a huge part is left unread
            for _, element in etree.iterparse(stream, events=("end",),
                                              tag=tag, resolve_entities=False, no_network=True,
                                              load_dtd=False, huge_tree=False):
                found += 1
                if found > most:
                    break
                element.clear(keep_tail=True)  # lean: nothing of a counted element is kept
        except etree.XMLSyntaxError as error:
            raise ReadFailure(f"{self.name} ({part}): the XML is damaged ({error.msg}); open the "
                              "file in Word and save it again as .docx") from None
        except _DAMAGED:
            raise self._damaged(part) from None
        return found

    def _damaged(self, part: str) -> ReadFailure:
        return ReadFailure(f"{self.name}: the part {part} is damaged (truncated or corrupt) or "
                           "compressed in a way Word never uses; open the file in Word and save "
                           "it again as .docx")

    def xml(self, part: str) -> etree._Element:
        """One part parsed as XML, without DTDs, entities or network access."""
        data = self.read(part)
        if part == "[Content_Types].xml" and _MACRO_CONTENT in data:
            raise self._macros()
        return parse_xml(data, f"{self.name} ({part})")


def parse_xml(data: bytes, where: str, *, writer: str = "Word",
              remedy: str = "open the file in Word and save it again as .docx") -> etree._Element:
    """Parse XML that a stranger wrote: entities stay unresolved and a DOCTYPE is refused.
    ``writer`` and ``remedy`` name what normally writes such XML, and what to do."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise ReadFailure(f"{where}: the XML is damaged ({error.msg}); {remedy}") from None
    if root.getroottree().docinfo.doctype:
        raise ReadFailure(f"{where}: the XML declares a DOCTYPE, which {writer} never writes; "
                          "the file is refused as unsafe")
    return root


_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (with or without a byte-order mark) or UTF-16 with one; nothing else is guessed."""
    check_size(data, name)
    check_not_ole(data, name)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff")
            except UnicodeDecodeError:
                break
    else:
        if b"\x00" in data:
            raise ReadFailure(f"{name}: this is neither a Word document (.docx) nor a text file; "
                              "save the draft as .docx or as UTF-8 text")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise ReadFailure(f"{name}: line {line} is not UTF-8 text; save the file as UTF-8 "
                              "(in Word: Save as, Plain text, Unicode UTF-8)") from None
    raise ReadFailure(f"{name}: the text is damaged after its byte-order mark; save it again as UTF-8")
