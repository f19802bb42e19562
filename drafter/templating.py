"""The Jinja environments that hold the wording, and the filters that give templates grammar.

Templates produce prose with inline markup; they never see XML. The built-in templates run in a
plain environment; a directory given with ``--templates`` is searched first and everything then
runs in Jinja's sandbox, because user-supplied templates are code we did not write.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from drafter.language import Language, language
from drafter.resources import templates_dir

_SPACES = re.compile(r"[ \t\r\n]+")


class TemplateFailure(Exception):
    """A template that cannot be found or rendered, with where it went wrong."""


def _filters(lang: Language) -> dict[str, object]:
    def citations(items: Iterable[object]) -> str:
        """GA resolutions as a list: "64/256 of 2 March 2010, … and 75/276 of 28 April 2021"."""
        return lang.join([f"{{res|{item.number}|{item.date.isoformat()}}}" for item in items])  # type: ignore[attr-defined]

    def council(item: object) -> str:
        """A Security Council resolution: "1631 (2005) of 17 October 2005"."""
        dated = getattr(item, "date", None)
        second = dated.isoformat() if dated else str(item.year)  # type: ignore[attr-defined]
        return f"{{sc|{item.number}|{second}}}"  # type: ignore[attr-defined]

    def upper_first(text: str) -> str:
        return text[:1].upper() + text[1:]

    def lower_first(text: str) -> str:
        return text[:1].lower() + text[1:]

    return {
        "date": lambda value: f"{{date|{value.isoformat()}}}" if isinstance(value, date) else value,
        "session": lang.session,
        "ordinal": lang.ordinal,
        "join_list": lambda items: lang.join(list(items)),
        "citations": citations,
        "council": council,
        "doc": lambda symbol: f"{{doc|{symbol}}}",
        "upper_first": upper_first,
        "lower_first": lower_first,
    }


class Wording:
    """The templates of one language, rendered to single-line markup strings."""

    def __init__(self, lang: str, user_dir: Path | None = None) -> None:
        self.lang = language(lang)
        search = [templates_dir() / lang]
        if user_dir is not None:
            search.insert(0, user_dir / lang)
        kind = SandboxedEnvironment if user_dir is not None else jinja2.Environment
        self.env = kind(
            loader=jinja2.FileSystemLoader([str(path) for path in search]),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            auto_reload=False,
            bytecode_cache=_bytecode_cache(),
        )
        self.env.filters.update(_filters(self.lang))
        # Shared phrases (the agenda item's title, …) as macros every template can call.
        try:
            self.env.globals["phrases"] = self.env.get_template("phrases.j2").module
        except jinja2.TemplateError as error:
            raise _failure("phrases.j2", error) from None

    def render(self, name: str, context: dict[str, object]) -> str:
        """Render a whole template (a standard paragraph) to one line of markup."""
        try:
            return _one_line(self.env.get_template(name).render(context))
        except jinja2.TemplateError as error:
            raise _failure(name, error) from None

    def render_blocks(self, name: str, context: dict[str, object]) -> dict[str, str]:
        """Render every block of a skeleton template, each to one line of markup."""
        try:
            template = self.env.get_template(name)
            ctx = template.new_context(context)
            return {block: _one_line("".join(render(ctx)))
                    for block, render in template.blocks.items()}
        except jinja2.TemplateError as error:
            raise _failure(name, error) from None


def _one_line(text: str) -> str:
    """Templates wrap lines for readability; the wording is one paragraph of single spaces."""
    return _SPACES.sub(" ", text).strip()


def _failure(name: str, error: jinja2.TemplateError) -> TemplateFailure:
    where = getattr(error, "filename", None) or name
    line = getattr(error, "lineno", None)
    location = f"{where}:{line}" if line else str(where)
    if isinstance(error, jinja2.TemplateNotFound):
        return TemplateFailure(f"template {error.name!r} not found (needed for {name})")
    return TemplateFailure(f"template {location}: {error.message or error}")


@cache
def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs: compiling the twenty templates is most of a cold
    render. Without a writable cache directory, templates are simply compiled every time."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "drafter" / f"jinja-{jinja2.__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


@cache
def wording(lang: str, user_dir: Path | None = None) -> Wording:
    """One Wording per language and template directory, so templates compile once."""
    return Wording(lang, user_dir)
