"""``drafter render``: every source to its documents, each file on its own.

A source with a mistake, or one on which drafter hits a bug, is reported in its own lines and the
next source is rendered all the same; the exit code says the worst that happened.
"""

from __future__ import annotations

from pathlib import Path

from drafter.exits import EXIT_BUG, EXIT_INPUT, bug_report, debugging
from drafter.inputs import empty_folders, sources
from drafter.terminal import say

#: How a Word document (a zip) opens; given to render, its bytes read as YAML only say "not UTF-8".
_ZIP = b"PK\x03\x04"


def render_command(inputs: list[Path], languages: list[str], fmt: str, out: Path,
                   templates: Path | None, force: bool, reference: Path | None = None) -> int:
    """Render each source (directories give their *.yaml files); return 0, 2, or 70 for a bug.

    PDF is made in two passes: every source's Word files first, then one LibreOffice run that
    converts them all, then each source's PDF files written as a set. ``reference``:
    --reference-docx, read once for all the sources."""
    from drafter.render import RenderFailure, render_file, render_outputs, write_outputs

    layout = None
    if reference is not None:  # the Word reader is imported only when it is needed
        from drafter.readers.reference import ReadFailure, layout_for

        try:
            layout = layout_for(reference, fmt)
        except ReadFailure as failure:
            say(f"drafter: {failure}; nothing was written", err=True)
            return EXIT_INPUT

    if fmt == "pdf":  # so is the PDF writer: ``prepared`` below holds files for PDF only
        from drafter.writers.pdf import PdfFailure, as_pdf, soffice

        try:
            soffice()
        except PdfFailure as failure:
            say(f"drafter: {failure}; nothing was written", err=True)
            return EXIT_INPUT
    failed = bugs = False
    for folder in empty_folders(inputs):
        say(f"drafter: {folder} holds no *.yaml source to render", err=True)
        failed = True
    prepared: dict[Path, dict[Path, bytes]] = {}
    for source in sources(inputs):
        try:
            if fmt == "pdf":
                prepared[source] = render_outputs(source, languages, fmt, out, templates,
                                                  layout=layout)
            else:
                say(*(f"wrote {path}" for path in render_file(source, languages, fmt, out,
                                                              templates, force, layout=layout)))
        except RenderFailure as failure:
            failed = True
            say(*(_word_file(source) or failure.lines), err=True)
        except Exception as error:  # one source's bug must not cost the others
            if debugging():
                raise
            bugs = True
            say(bug_report(error, source), err=True)
    if prepared:
        try:
            converted = as_pdf(list(prepared.values()))
        except PdfFailure as failure:
            say(f"drafter: {failure}; nothing was written", err=True)
            return EXIT_INPUT
        for source, files in zip(prepared, converted, strict=True):
            try:
                say(*(f"wrote {path}" for path in write_outputs(source, files, force)))
            except RenderFailure as failure:
                failed = True
                say(*failure.lines, err=True)
    return EXIT_BUG if bugs else EXIT_INPUT if failed else 0


def _word_file(source: Path) -> list[str]:
    """What to do with a Word document given to render instead of its source (checked only once
    the file failed to load, so that rendering a source reads nothing more)."""
    try:
        with source.open("rb") as stream:
            if stream.read(len(_ZIP)) != _ZIP:
                return []
    except OSError:
        return []
    return [f"{source}: this is a Word document, not a YAML source: `drafter import {source}` "
            f"makes a source of it, and `drafter validate {source}` checks the draft as it is"]
