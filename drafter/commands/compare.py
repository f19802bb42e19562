"""``drafter compare``: two versions of a draft, in any form, as Word files with tracked changes.

Each version is a YAML source (composed in every language asked for), or a Word, text or other
file that ``drafter.readers`` reads (one language, found from its text). Per language, the old
version's text becomes the new one's through Word revisions (``drafter.revisions``), signed by
``--author`` at midnight (UTC) of the new version's date, so the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from msgspec import Struct

from drafter.document import Document
from drafter.exits import EXIT_INPUT
from drafter.language import LANGUAGES, language
from drafter.layout import Layout
from drafter.resolution import Resolution
from drafter.terminal import say

_SOURCE_SUFFIXES = (".yaml", ".yml")


class CompareFailure(Exception):
    """Versions that cannot be compared; each line says what to change."""

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


class Version(Struct, frozen=True):
    """One side of a comparison: a bilingual source, or a draft read in one language."""

    path: Path
    resolution: Resolution | None = None
    document: Document | None = None

    @property
    def languages(self) -> tuple[str, ...]:
        return LANGUAGES if self.document is None else (self.document.lang,)

    def in_language(self, lang: str) -> Document:
        """The version's Document in ``lang`` (composed from a source, or as read)."""
        if self.document is not None:
            return self.document
        from drafter.render import RenderFailure, compose_document

        assert self.resolution is not None
        try:
            return compose_document(self.resolution, lang, source=self.path)
        except RenderFailure as failure:
            raise CompareFailure(*failure.lines) from None


def read_version(path: Path, lang: str | None = None) -> Version:
    """A YAML source by its suffix; anything else through the readers, which tell a Word file
    from text by content. ``lang``: the one language asked for, a hint for the reader."""
    if path.suffix.lower() in _SOURCE_SUFFIXES:
        from drafter.source import SourceInvalid, load

        try:
            return Version(path, resolution=load(path))
        except SourceInvalid as invalid:
            raise CompareFailure(*map(str, invalid.errors)) from None
    from drafter.readers import ReadFailure, read

    try:
        return Version(path, document=read(path))
    except ReadFailure as failure:
        if lang is None:
            raise CompareFailure(str(failure)) from None
        try:  # the reader may need the language to find the enacting formula
            return Version(path, document=read(path, lang))
        except ReadFailure:
            raise CompareFailure(str(failure)) from None


def languages_to_compare(old: Version, new: Version, requested: list[str] | None) -> list[str]:
    """The languages both versions have: those asked for, or all they share."""
    if requested is None:
        shared = [lang for lang in LANGUAGES if lang in old.languages and lang in new.languages]
        if not shared:
            raise CompareFailure(f"{old.path} is in {_name(old.languages[0])} and {new.path} in "
                                 f"{_name(new.languages[0])}; compare two versions in the same "
                                 "language")
        return shared
    for version in (old, new):
        missing = [lang for lang in requested if lang not in version.languages]
        if missing:
            raise CompareFailure(f"{version.path} is in {_name(version.languages[0])}, not in "
                                 f"{_name(missing[0])} (--lang {','.join(requested)}); compare "
                                 "two versions in the same language")
    return requested


def output_stem(new: Path) -> str:
    """The name the outputs share: NEW's, without a language suffix ("csto-79.en" → "csto-79",
    "csto-79.en.akn.xml" → "csto-79")."""
    return re.sub(rf"\.(?:{'|'.join(LANGUAGES)})$", "", re.sub(r"\.akn$", "", new.stem))


def compare_files(old_path: Path, new_path: Path, requested: list[str] | None,
                  author: str, day: dt.date | None,
                  layout: Layout | None = None) -> tuple[dict[str, bytes], list[str]]:
    """The tracked Word file of every language, by language, and the summary lines; in a
    reference document's ``layout``, if given."""
    from drafter.revisions import signing_time, track

    hint = requested[0] if requested and len(requested) == 1 else None
    old, new = read_version(old_path, hint), read_version(new_path, hint)
    files: dict[str, bytes] = {}
    lines: list[str] = []
    for lang in languages_to_compare(old, new, requested):
        before, after = old.in_language(lang), new.in_language(lang)
        tracked = track(before, after, author, signing_time(day or after.issued), layout)
        files[lang] = tracked.docx
        lines.append(f"{_name(lang)}:")
        lines += [f"  {part.describe()}" for part in tracked.changes]
    return files, lines


def compare_command(old: Path, new: Path, requested: list[str] | None, out: Path | None,
                    output: Path | None, author: str, day: dt.date | None, force: bool,
                    fmt: str = "docx", reference: Path | None = None) -> int:
    """`drafter compare`: write the tracked files (Word, or their PDF), print what changed;
    return the exit code. ``reference``: --reference-docx."""
    from drafter.output import OutputFailure, write_files
    from drafter.readers.reference import ReadFailure, layout_for
    from drafter.writers.pdf import PdfFailure, as_pdf, soffice

    try:
        if out is not None and output is not None:
            raise CompareFailure("give either --out DIR or -o FILE, not both")
        if fmt == "pdf":
            soffice()  # before any work: without LibreOffice, say so at once
        layout = layout_for(reference, fmt)
        files, lines = compare_files(old, new, requested, author, day, layout)
        if output is not None and len(files) > 1:
            raise CompareFailure(f"-o names one file, but {len(files)} languages are compared; "
                                 "give --lang with one language, or --out DIR")
        if output is not None:
            targets = {output: next(iter(files.values()))}
        else:
            folder = out or Path(".")
            if folder.exists() and not folder.is_dir():
                raise CompareFailure(f"--out {folder} is a file, not a directory")
            stem = output_stem(new)
            targets = {folder / f"{stem}.{lang}.tracked.{fmt}": blob for lang, blob in files.items()}
        if fmt == "pdf":  # the targets' names, with the PDF of each Word file
            (converted,) = as_pdf([{f"{lang}.docx": blob for lang, blob in files.items()}])
            targets = dict(zip(targets, converted.values(), strict=True))
        written = write_files(targets, force, keep=(old, new))
    except (CompareFailure, PdfFailure, ReadFailure) as failure:
        # a source's mistakes one line each; say escapes any line break inside one
        shown = failure.lines if isinstance(failure, CompareFailure) else (str(failure),)
        say(*(f"drafter: {line}" for line in shown), err=True)
        return EXIT_INPUT
    except OutputFailure as failure:
        say(f"drafter: {failure}; nothing was written", err=True)
        return EXIT_INPUT
    say(*(f"wrote {path}" for path in written), *lines)
    return 0


def _name(lang: str) -> str:
    return language(lang).name
