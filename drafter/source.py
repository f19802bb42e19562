"""Load a YAML source into a Resolution, reporting every mistake as file:line:column."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from drafter.resolution import STANDARDS, Resolution

class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader without YAML's own date parsing: dates stay text for pydantic, which
    reports an impossible date (2024-13-04) at its place instead of crashing."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Position = tuple[int, int]


@dataclass(frozen=True, slots=True)
class SourceError:
    """One mistake in a source file, located for the drafter."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class SourceInvalid(Exception):
    """A source that cannot become a Resolution; carries every error found."""

    def __init__(self, errors: list[SourceError]) -> None:
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


def load(path: Path) -> Resolution:
    """Read and validate one source file; raise SourceInvalid with located errors."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise _single(path, line, 1, "the file is not UTF-8 text; save it as UTF-8") from None
    except OSError as error:
        raise _single(path, 1, 1, f"cannot read the file: {error.strerror or error}") from None
    return parse(text, str(path))


def parse(text: str, name: str = "<source>") -> Resolution:
    """Validate source text; raise SourceInvalid with located errors."""
    data, positions = _read_yaml(text, name)
    try:
        return Resolution.model_validate(data)
    except ValidationError as error:
        errors = sorted((_locate(item, positions, name) for item in error.errors()),
                        key=lambda found: (found.line, found.column))
        raise SourceInvalid(errors) from None


def _single(path: Path | str, line: int, column: int, message: str) -> SourceInvalid:
    return SourceInvalid([SourceError(str(path), line, column, message)])


def _read_yaml(text: str, name: str) -> tuple[Any, dict[tuple[Any, ...], Position]]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise _single(name, 1, 1, "the file is empty; start from `drafter new` or an example")
        positions = _positions(node, (), name)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or error.context or "not valid YAML"
        raise _single(name, line, column, f"YAML syntax: {problem}; {_yaml_hint(problem)}") from None
    except yaml.YAMLError as error:
        raise _single(name, 1, 1, f"YAML syntax: {error}") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise _single(name, 1, 1, "a source is a mapping of fields (session: 77, …), not a list or text")
    return data, positions


def _yaml_hint(problem: str) -> str:
    if "mapping values" in problem:
        return 'text containing ": " (as French does) must be quoted or written as a block with ">-"'
    if "found character '\\t'" in problem:
        return "indent with spaces, not tabs"
    return "check the indentation and the quotes around this place"


def _positions(node: yaml.Node, path: tuple[Any, ...], name: str) -> dict[tuple[Any, ...], Position]:
    """Map each path in the document to the line and column where its value starts."""
    found = {path: (node.start_mark.line + 1, node.start_mark.column + 1)}
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                mark = key.start_mark
                raise _single(name, mark.line + 1, mark.column + 1,
                              f"the field {key.value!r} is given twice; keep one")
            seen.add(key.value)
            found[(*path, ("key", key.value))] = (key.start_mark.line + 1, key.start_mark.column + 1)
            found.update(_positions(value, (*path, key.value), name))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            found.update(_positions(item, (*path, index), name))
    return found


def _locate(error: Any, positions: dict[tuple[Any, ...], Position], name: str) -> SourceError:
    """Turn one pydantic error into a located sentence."""
    path: tuple[Any, ...] = ()
    for part in error["loc"]:
        if (*path, part) in positions:
            path = (*path, part)
    kind = error["type"]
    field = error["loc"][-1] if error["loc"] else None
    if kind == "extra_forbidden":
        line, column = positions.get((*path[:-1], ("key", field)), positions[path])
        path = path[:-1] if path and path[-1] == field else path
        message = f"unknown field {field!r}" + _field_hint(str(field))
    elif kind == "missing":
        line, column = positions[path]
        message = f"missing field {field!r}"
    else:
        line, column = positions[path]
        message = _message(error)
    where = _describe(path)
    return SourceError(name, line, column, f"{where}: {message}" if where else message)


#: Plainer sentences for pydantic's most common complaints.
_PLAIN = {
    "int_parsing": "{input!r} is not a whole number",
    "int_type": "{input!r} is not a whole number",
    "date_from_datetime_parsing": "{input!r} is not a date; write it as YYYY-MM-DD",
    "date_parsing": "{input!r} is not a date; write it as YYYY-MM-DD",
    "date_type": "{input!r} is not a date; write it as YYYY-MM-DD",
    "string_type": "{input!r} should be text",
    "list_type": "this should be a list (lines starting with '- ')",
    "model_type": "this should be a mapping of fields",
    "model_attributes_type": "this should be a mapping of fields",
}


def _message(error: Any) -> str:
    if error["type"] in _PLAIN:
        return _PLAIN[error["type"]].format(input=error.get("input"))
    message: str = error["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if error["type"].startswith("standard_"):
        part = error["type"].removeprefix("standard_")
        known = STANDARDS[part]
        given = error["input"].get("standard") if isinstance(error["input"], dict) else None
        close = difflib.get_close_matches(str(given), known, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"the {part} knows {', '.join(known)}"
        message = f"unknown standard paragraph {given!r}; {hint}"
    if error["type"] == "string_pattern_mismatch":
        message = f"{error['input']!r} is not in the expected form ({error['ctx']['pattern']})"
    return message


_LISTS = {"preamble": "preambular paragraph", "operative": "operative paragraph",
          "subparagraphs": "sub-paragraph", "resolutions": "resolution", "statements": "statement",
          "sponsors": "sponsor"}


def _describe(path: tuple[Any, ...]) -> str:
    """A path as a drafter reads it: "operative paragraph 3, sub-paragraph 1, fr"."""
    words: list[str] = []
    for index, part in enumerate(path):
        if isinstance(part, int):
            words[-1] = f"{_LISTS.get(path[index - 1], path[index - 1])} {part + 1}"
        else:
            words.append(str(part))
    return ", ".join(words)


def _all_fields() -> list[str]:
    names: set[str] = set()
    pending: list[Any] = [Resolution]
    seen: set[Any] = set()
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        names.update(model.model_fields)
        for field in model.model_fields.values():
            pending.extend(_models_in(field.annotation))
    return sorted(names)


def _models_in(annotation: Any) -> list[Any]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in getattr(annotation, "__args__", ()) for model in _models_in(arg)]


def _field_hint(field: str) -> str:
    close = difflib.get_close_matches(field, _all_fields(), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else "; see the README for the fields of a source"
