"""The wording of resolutions in Jinja templates, and the filters that give templates grammar.

Templates produce prose with inline markup; they never see XML. They receive plain data (text,
numbers, dates, lists, mappings) and run in the sandbox of :mod:`drafter.sandbox`; a directory
given with ``--templates`` is searched first, and then every template also runs under limits,
because user-supplied templates are code we did not write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import jinja2

from drafter.language import Language, language
from drafter.resources import templates_dir
from drafter.sandbox import GuardedEnvironment, TemplateData, TemplateEnvironment
from drafter.template_cache import template_cache
from drafter.template_loader import FolderLoader

_T = TypeVar("_T")


class TemplateFailure(Exception):
    """A template that cannot be found or rendered, with where it went wrong."""


def _filters(lang: Language) -> dict[str, Callable[..., Any]]:
    def citations(items: Iterable[Mapping[str, Any]]) -> str:
        """GA resolutions as a list: "64/256 of 2 March 2010, … and 75/276 of 28 April 2021"."""
        return lang.join([f"{{res|{item['number']}|{item['date'].isoformat()}}}" for item in items])

    def council(item: Mapping[str, Any]) -> str:
        """A Security Council resolution: "1631 (2005) of 17 October 2005"."""
        dated = item.get("date")
        second = dated.isoformat() if dated else str(item["year"])
        return f"{{sc|{item['number']}|{second}}}"

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
        builtin = templates_dir()
        loaders = [FolderLoader(builtin / lang, builtin)]
        if user_dir is not None:
            loaders.insert(0, FolderLoader(user_dir / lang, user_dir))
        kind = GuardedEnvironment if user_dir is not None else TemplateEnvironment
        self.env = kind(
            loader=jinja2.ChoiceLoader(loaders),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            auto_reload=False,
            bytecode_cache=_bytecode_cache(),
        )
        self.env.add_filters(_filters(self.lang))
        # Shared phrases (the agenda item's title, …) as macros every template can call.
        self.env.globals["phrases"] = self._run(
            "phrases.j2", lambda: self.env.get_template("phrases.j2").module)

    def limits(self) -> AbstractContextManager[None]:
        """Everything rendered inside shares one budget (user templates only have limits)."""
        return self.env.limits()

    def render(self, name: str, context: TemplateData) -> str:
        """Render a whole template (a standard paragraph) to one line of markup."""
        _require_plain(context)

        def run() -> str:
            template = self.env.get_template(name)
            return "".join(template.root_render_func(template.new_context(context)))

        return _one_line(self._run(name, run))

    def render_blocks(self, name: str, context: TemplateData) -> dict[str, str]:
        """Render every block of a skeleton template, each to one line of markup."""
        _require_plain(context)

        def run() -> dict[str, str]:
            template = self.env.get_template(name)
            ctx = template.new_context(context)
            return _Blocks(name, {block: _one_line("".join(render(ctx)))
                                  for block, render in template.blocks.items()})

        return self._run(name, run)

    def _run(self, name: str, action: Callable[[], _T]) -> _T:
        """Run templates; whatever goes wrong in a user's template is that template's failure."""
        with self.env.limits():
            try:
                return action()
            except jinja2.TemplateError as error:
                raise _failure(name, error) from None
            except Exception as error:
                if not self.env.untrusted:
                    raise
                raise _failure(name, error) from None


class _Blocks(dict[str, str]):
    """The blocks of a skeleton; one that a user's copy of the skeleton lacks is its failure."""

    def __init__(self, name: str, blocks: dict[str, str]) -> None:
        super().__init__(blocks)
        self.name = name

    def __missing__(self, block: str) -> str:
        raise TemplateFailure(f"template {self.name} has no block {block!r}; a copy of a "
                              "built-in template must keep all of its blocks")


def _require_plain(context: object) -> None:
    if not isinstance(context, TemplateData):
        raise TypeError("templates are given TemplateData, checked to hold plain data only")


def _one_line(text: str) -> str:
    """Templates wrap lines for readability; the wording is one paragraph of single spaces.

    Runs of spaces, tabs and line ends become one space, with string methods: a regular
    expression replaced every single space between words too, at twice the cost."""
    words = text.replace("\n", " ").replace("\t", " ").replace("\r", " ").split(" ")
    return " ".join(filter(None, words)).strip()


def _failure(name: str, error: Exception) -> TemplateFailure:
    if isinstance(error, jinja2.TemplateNotFound):
        return TemplateFailure(f"template {error.name!r} not found (needed for {name})")
    where, line = _where(error, name)
    location = f"{where}:{line}" if line else where
    return TemplateFailure(f"template {location}: {_message(error)}")


def _where(error: Exception, name: str) -> tuple[str, int | None]:
    """The template (by its name under the language's folder) and line where the error arose,
    which may be a template that ``name`` includes or calls."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return error.name or name, error.lineno
    found: tuple[str, int | None] = (name, None)
    trace = error.__traceback__
    while trace is not None:
        template = trace.tb_frame.f_globals.get("__jinja_template__")
        if isinstance(template, jinja2.Template):
            found = (template.name or name, template.get_corresponding_lineno(trace.tb_lineno))
        trace = trace.tb_next
    return found


def _message(error: Exception) -> str:
    if isinstance(error, RecursionError):
        return ("the template goes too deep (a macro, include or extends that never ends, or "
                "brackets nested too deeply)")
    if isinstance(error, MemoryError):
        return "the template needs more memory than a template may use"
    if isinstance(error, jinja2.TemplateError):
        return error.message or str(error)
    return str(error) or type(error).__name__


@cache
def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs: compiling the twenty templates is most of a cold
    render. See drafter.template_cache for where, and why the entries are keyed as they are."""
    return template_cache()


@cache
def wording(lang: str, user_dir: Path | None = None) -> Wording:
    """One Wording per language and template directory, so templates compile once."""
    return Wording(lang, user_dir)
