"""drafter as a Python library: the functions ``import drafter`` gives, with plain signatures.

Each one imports the stage it calls only when it is called, so that ``import drafter`` stays
cheap. Mistakes in the input raise the exception of the stage that found them, with the same
located sentence the command line prints: ``drafter.source.SourceInvalid`` (``load``),
``drafter.render.RenderFailure`` (``render_bytes``, ``to_python_docx``; also a bad template or
markup in ``compose``, as ``drafter.templating.TemplateFailure`` or ``drafter.markup.MarkupError``),
``drafter.commands.followup.FollowUpError`` (``followup``).
"""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

    from drafter.document import Document
    from drafter.commands.followup import FollowUp
    from drafter.resolution import Resolution
    from drafter.commands.validate import Report

PathLike = str | os.PathLike[str]


def load(path: PathLike) -> Resolution:
    """The Resolution of a YAML source file."""
    from drafter.source import load as load_source

    return load_source(Path(path))


def compose(resolution: Resolution, lang: str, templates: PathLike | None = None) -> Document:
    """A resolution in one language ("en" or "fr") as drafter's Document tree, through the
    built-in templates, or ``templates`` (a folder with en/ and fr/ overrides, run sandboxed)."""
    from drafter.composer import compose as compose_resolution

    return compose_resolution(resolution, lang, Path(templates) if templates else None)


def render_bytes(resolution: Resolution, lang: str, format: str = "docx",
                 templates: PathLike | None = None) -> bytes:
    """A resolution in one language as the bytes of a file: "docx" (Word), "txt" (UTF-8) or
    "akn" (Akoma Ntoso XML)."""
    from drafter.render import render_bytes as render

    return render(resolution, lang, format, Path(templates) if templates else None)


def to_python_docx(resolution: Resolution, lang: str) -> WordDocument:
    """A resolution in one language as a python-docx ``Document``, to post-process and save."""
    import docx

    return docx.Document(io.BytesIO(render_bytes(resolution, lang, "docx")))


def validate(*files: PathLike, pair: PathLike | None = None, lang: str | None = None,
             select: str | None = None, ignore: str | None = None,
             unverified: bool = True) -> Report:
    """Check YAML sources, Word or text drafts as `drafter validate` does.

    The Report has ``findings`` (each with ``code``, ``severity``, ``message``, ``hint``,
    ``file``, ``paragraph``, and ``line``/``column`` for a source), ``unreadable`` (the files
    that could not be checked) and the command's ``exit_code``. ``select`` and ``ignore`` take
    rule codes or prefixes, comma-separated, as the options do; an unknown code is a ValueError.
    """
    from drafter.commands.validate import choose_rules
    from drafter.commands.validate import validate as check

    rules = choose_rules(select, ignore, unverified)
    return check([Path(file) for file in files], Path(pair) if pair else None, lang, rules)


def followup(previous: Resolution | PathLike, session: int, *, report: str | None = None,
             agenda_item: str | None = None, date: dt.date | None = None) -> FollowUp:
    """The next session's draft from the previous, adopted, resolution (a Resolution, or a
    YAML, Word or text file): the new Resolution, what changed, and what to review."""
    from drafter.commands.followup import follow_up, parse_agenda_item, read_previous
    from drafter.resolution import Resolution

    if not isinstance(previous, Resolution):
        previous = read_previous(Path(previous)).resolution
    item = parse_agenda_item(agenda_item) if agenda_item is not None else None
    return follow_up(previous, session, report, item, date)
