"""Reading templates from a folder, and nothing outside it: no ``..`` or absolute names, no link
that leads out of the folder, no file that is not a small UTF-8 text."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import jinja2

#: Far more than any template needs (the built-in ones are under 2 KB).
MAX_TEMPLATE_BYTES = 256 * 1024


class TemplateRefused(jinja2.TemplateError):
    """A template name or file that would read outside the templates folder, or is no template."""


class FolderLoader(jinja2.BaseLoader):
    """Templates under ``folder``; links are followed only while they stay inside ``boundary``
    (the ``--templates`` folder, which holds one folder per language)."""

    def __init__(self, folder: Path, boundary: Path) -> None:
        self.folder = folder
        self.boundary = boundary

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        path = self.folder.joinpath(*_pieces(template))
        try:
            real = path.resolve(strict=True)
            boundary = self.boundary.resolve(strict=True)
        except FileNotFoundError:
            raise jinja2.TemplateNotFound(template) from None
        except (OSError, RuntimeError) as error:  # a loop of links, a folder that cannot be read
            raise TemplateRefused(f"{path} cannot be read ({getattr(error, 'strerror', error)})") from None
        if not real.is_relative_to(boundary):
            raise TemplateRefused(f"{path} is a link to {real}, outside the templates folder "
                                  f"{self.boundary}; copy the template into the folder instead")
        return _read(path, real), str(path), lambda: True


def _pieces(name: str) -> list[str]:
    """The parts of a template name, which is always relative to the templates folder."""
    if name.startswith("/") or "\\" in name or "\0" in name or ".." in name.split("/"):
        raise TemplateRefused(f"the template name {name!r} points outside the templates folder; "
                              "name templates relative to it, e.g. 'operative/report_requested.j2'")
    pieces = [piece for piece in name.split("/") if piece not in ("", ".")]
    if not pieces:
        raise jinja2.TemplateNotFound(name)
    return pieces


def _read(path: Path, real: Path) -> str:
    """The text of a template, opened without following a link swapped in since it was resolved."""
    try:
        descriptor = os.open(real, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                             | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise TemplateRefused(f"{path} cannot be read ({error.strerror})") from None
    with open(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise TemplateRefused(f"{path} is not a file")
        data = stream.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateRefused(f"{path} is larger than {MAX_TEMPLATE_BYTES // 1024} KB; "
                              "a template holds the wording of one paragraph or one document")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise TemplateRefused(f"{path} is not UTF-8 text (byte {error.start + 1}); "
                              "save it as UTF-8") from None
