"""Load a YAML source into a Resolution, reporting every mistake as file:line:column.

The YAML is composed by PyYAML (safe, C where available) and then walked here once: the walk
builds the plain data pydantic validates *and* the position of every field, so that any finding
about a source can say where it is. The walk is where untrusted input is bounded: a node budget
(aliases expanded, so a "billion laughs" stops at once), a depth limit, no alias inside itself,
text keys only, numbers written in decimal, and no character that a Word document cannot hold.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct
from pydantic import BaseModel, ValidationError

from drafter.collector import paused
from drafter.regexes import compiled, kept_while_importing
from drafter.resolution import STANDARDS, Resolution

with kept_while_importing():  # PyYAML compiles a dozen patterns as it is imported
    import yaml

if TYPE_CHECKING:
    from drafter.phrasebook import PhraseBook

#: The largest source read, in bytes: 77/13 is 20 kB; a source a hundred times longer is not one.
MAX_BYTES = 2_000_000
#: Values in one source, aliases counted each time they are used (77/13 has about 700).
MAX_NODES = 20_000
#: Nesting of lists and mappings (77/13 goes 5 deep; sub-paragraphs add 2 per level).
MAX_DEPTH = 40
#: Digits in a whole number: sessions, meetings and resolution numbers have a few.
MAX_DIGITS = 9
#: Markup tags ({i|…}, {fn|…}, …) in one source (77/13 has about 40). Each becomes a run of
#: the Word file, a footnote mark some 500 bytes of it: without a bound, 2 MB of ``{fn|a}``
#: rendered a document.xml of 180 MB that validate refuses (and took minutes and gigabytes).
MAX_TAGS = 10_000

#: Characters that XML 1.0, hence a Word document, cannot hold (tab and line breaks it can).
_NOT_XML = compiled("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DECIMAL = compiled(r"[-+]?[0-9]+")
_INT_TAG = "tag:yaml.org,2002:int"
_SCALAR_TAGS = {f"tag:yaml.org,2002:{name}" for name in
                ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader without YAML's own date parsing: dates stay text for pydantic, which
    reports an impossible date (2024-13-04) at its place instead of crashing."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Position = tuple[int, int]
#: A place in a source as pydantic names it: ("operative", 2, "fr"); list indices from 0.
ModelPath = tuple[str | int, ...]


class SourceError(Struct, frozen=True):
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


class _Scalar(Struct, frozen=True):
    """Where a text value sits in the file, to find a character of it again."""

    start: int  # offset in the file of the value's first character
    end: int
    style: str | None
    value: str


class Positions(Struct, frozen=True):
    """Where every field and paragraph of one source file starts.

    Paths are the model's: ``("operative", 2, "fr")`` is the French of the third operative
    paragraph. A path the file does not spell out (a default value) falls back to the nearest
    enclosing place, so every lookup answers.
    """

    file: str
    text: str
    values: Mapping[ModelPath, Position]
    keys: Mapping[ModelPath, Position]
    scalars: Mapping[ModelPath, _Scalar]

    def __repr__(self) -> str:
        # The source's text and its scalars would fill a screen.
        return f"Positions(file={self.file!r}, values={len(self.values)} places)"

    def at(self, *path: str | int) -> Position:
        """Line and column (from 1) where the value at ``path`` starts."""
        return self.values[self.nearest(path)]

    def key(self, *path: str | int) -> Position:
        """Line and column of the field name (``opener:``) of ``path``, or of its value."""
        found = self.nearest(path)
        return self.keys.get(found, self.values[found])

    def nearest(self, path: Sequence[str | int]) -> ModelPath:
        """The deepest place of ``path`` that the file spells out; parts it does not (the
        union tags pydantic inserts, a defaulted field) are passed over."""
        known: ModelPath = ()
        for part in path:
            if (*known, part) in self.values:
                known = (*known, part)
        return known

    def character(self, path: Sequence[str | int], index: int) -> Position:
        """Line and column of the ``index``-th character (from 0) of the text value at ``path``.

        Exact for plain, folded (>-) and literal (|) text; in quoted text an escape (\\n, \\")
        can shift it by a character or two, so it is a close place rather than the exact one.
        """
        found = self.nearest(path)
        scalar = self.scalars.get(found) if found and path and found[-1] == path[-1] else None
        if scalar is None or index < 0:
            return self.values[found]
        offset = _offset_in_source(self.text, scalar, index)
        line = self.text.count("\n", 0, offset) + 1
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1

    def error(self, path: Sequence[str | int], message: str) -> SourceError:
        """A located error about the value at ``path``."""
        line, column = self.at(*path)
        return SourceError(self.file, line, column, message)


def _offset_in_source(text: str, scalar: _Scalar, index: int) -> int:
    """The file offset of a value's character: the value and the file agree on every
    non-space character (folding only changes white space), so count those."""
    wanted = sum(1 for char in scalar.value[:index] if not char.isspace())
    start = scalar.start
    if scalar.style in (">", "|"):  # skip the block header line (">-", "|+2", …)
        start = text.find("\n", start, scalar.end) + 1 or scalar.start
    elif scalar.style in ('"', "'"):
        start += 1
    seen = 0
    for offset in range(start, scalar.end):
        if text[offset].isspace():
            continue
        if seen == wanted:
            return offset
        seen += 1
    return scalar.start


class Located(Struct, frozen=True):
    """A loaded source with the place in its file of every field and paragraph."""

    resolution: Resolution
    positions: Positions


def load(path: Path, phrases: Path | None = None) -> Resolution:
    """Read and validate one source file; raise SourceInvalid with located errors.

    Its openers and verbs may use the keys of the phrase book ``phrases`` (by default the one
    selected with ``--phrases``) and of a ``phrases.yaml`` beside it.
    """
    return load_located(path, phrases).resolution


def load_located(path: Path, phrases: Path | None = None) -> Located:
    """Read and validate one source file, keeping the positions of its fields."""
    from drafter.phrasebook import book_for

    book = book_for(path, phrases)
    return parse_located(read_text(path), str(path), book)


def parse(text: str, name: str = "<source>", phrases: PhraseBook | None = None) -> Resolution:
    """Validate source text; raise SourceInvalid with located errors."""
    return parse_located(text, name, phrases).resolution


def parse_located(text: str, name: str = "<source>", phrases: PhraseBook | None = None) -> Located:
    """Validate source text, keeping the positions of its fields."""
    try:
        with paused():
            data, positions = read_yaml(text, name)
            resolution = Resolution.model_validate(data, context={"phrases": phrases})
    except ValidationError as error:
        errors = sorted((_locate(item, positions) for item in error.errors()),
                        key=lambda found: (found.line, found.column))
        raise SourceInvalid(errors) from None
    return Located(resolution, positions)


def read_text(path: Path) -> str:
    """A source file's text, refused (located) when unreadable, too large or not UTF-8."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise _single(path, 1, 1, f"cannot read the file: {error.strerror or error}") from None
    if len(raw) > MAX_BYTES:
        raise _single(path, 1, 1, f"the file is larger than {MAX_BYTES // 1_000_000} MB; "
                      "a resolution's source is a few dozen kB, so this is not one")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise _single(path, line, 1, "the file is not UTF-8 text; save it as UTF-8") from None


def _single(path: Path | str, line: int, column: int, message: str) -> SourceInvalid:
    return SourceInvalid([SourceError(str(path), line, column, message)])


def read_yaml(text: str, name: str) -> tuple[dict[str, Any], Positions]:
    """Any YAML mapping file drafter reads (sources, phrase books) as plain data and positions.

    Raise SourceInvalid with one located error for what is not YAML or not a mapping.
    """
    if len(text) > MAX_BYTES:
        raise _single(name, 1, 1, f"the text is longer than {MAX_BYTES} characters")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise _single(name, 1, 1, "the file is empty; start from `drafter new` or an example")
        walk = _Walk(loader, text, name)
        data = walk.value(node, (), ())
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
    return data, Positions(name, text, walk.values, walk.keys, walk.scalars)


def _yaml_hint(problem: str) -> str:
    if "mapping values" in problem:
        return 'text containing ": " (as French does) must be quoted or written as a block with ">-"'
    if "found character '\\t'" in problem:
        return "indent with spaces, not tabs"
    return "check the indentation and the quotes around this place"


class _Walk:
    """One pass over the composed YAML: plain data, positions, and the limits of a source."""

    def __init__(self, loader: Any, text: str, name: str) -> None:
        self.loader = loader
        self.text = text
        self.name = name
        self.count = 0
        self.tags = 0
        self.values: dict[ModelPath, Position] = {}
        self.keys: dict[ModelPath, Position] = {}
        self.scalars: dict[ModelPath, _Scalar] = {}

    def fail(self, node: yaml.Node, message: str) -> SourceInvalid:
        mark = node.start_mark
        return _single(self.name, mark.line + 1, mark.column + 1, message)

    def value(self, node: yaml.Node, path: ModelPath, inside: tuple[int, ...]) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(node, f"the source has more than {MAX_NODES:,} values (aliases such as "
                            "*name count each time they are used); a resolution has far fewer")
        if id(node) in inside:
            raise self.fail(node, "an alias (*name) is used inside the list or mapping it names; "
                            "write the value out")
        if len(inside) >= MAX_DEPTH:
            raise self.fail(node, f"lists and mappings are nested more than {MAX_DEPTH} deep")
        self.values.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if node.tag not in _COLLECTION_TAGS:
            raise self.fail(node, f"the tag {_tag(node.tag)} is not used in a source; remove it")
        inside = (*inside, id(node))
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, (*path, index), inside) for index, item in enumerate(node.value)]
        data: dict[str, Any] = {}
        for key, item in node.value:
            if not isinstance(key, yaml.ScalarNode) or not isinstance(self.scalar(key, None), str):
                raise self.fail(key, "a field name is a plain word such as session or en, "
                                "not a list, a mapping or a number")
            if key.value in data:
                raise self.fail(key, f"the field {key.value!r} is given twice; keep one")
            self.keys.setdefault((*path, key.value), (key.start_mark.line + 1, key.start_mark.column + 1))
            data[key.value] = self.value(item, (*path, key.value), inside)
        return data

    def scalar(self, node: yaml.ScalarNode, path: ModelPath | None) -> Any:
        if node.tag not in _SCALAR_TAGS:
            raise self.fail(node, f"the tag {_tag(node.tag)} is not used in a source; remove it")
        if node.tag == _INT_TAG:
            if not node.style and not _DECIMAL.fullmatch(node.value):
                return node.value  # 0x4D, 1_000, 1:17: YAML 1.1 numbers no drafter means
            digits = node.value.lstrip("+-")
            if len(digits) > MAX_DIGITS:
                raise self.fail(node, f"a number of {len(digits):,} digits; the numbers of a "
                                f"source have at most {MAX_DIGITS}")
        try:
            value = self.loader.construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError, LookupError):  # !!bool maybe: KeyError
            raise self.fail(node, f"{_short(node.value)!r} is not a valid {_tag(node.tag)}; "
                            "remove the tag or correct the value") from None
        if isinstance(value, str):
            self.tags += value.count("{")
            if self.tags > MAX_TAGS:
                raise self.fail(node, f"the source has more than {MAX_TAGS:,} markup tags such as "
                                "{i|…} or {fn|…}; a resolution has a few dozen")
            if path is not None:
                self.scalars[path] = _Scalar(node.start_mark.index, node.end_mark.index, node.style,
                                             value)
            bad = _NOT_XML.search(value)
            if bad:
                if path is not None:
                    line, column = Positions(self.name, self.text, self.values, self.keys,
                                             self.scalars).character(path, bad.start())
                else:
                    line, column = node.start_mark.line + 1, node.start_mark.column + 1
                raise _single(self.name, line, column,
                              f"the text contains the control character U+{ord(bad.group()):04X}, "
                              "which a Word document cannot hold; remove it")
        return value


def _tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _short(value: Any, limit: int = 40) -> Any:
    """A value short enough to quote in a message."""
    if isinstance(value, str) and len(value) > limit:
        return value[: limit - 1] + "…"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10 ** limit:
        return f"{str(value)[:limit - 1]}…"
    return value


def _locate(error: Any, positions: Positions) -> SourceError:
    """Turn one pydantic error into a located sentence."""
    path = positions.nearest(error["loc"])
    kind = error["type"]
    field_name = error["loc"][-1] if error["loc"] else None
    if kind == "extra_forbidden":
        line, column = positions.key(*error["loc"])
        path = path[:-1] if path and path[-1] == field_name else path
        message = f"unknown field {field_name!r}" + _field_hint(str(field_name))
    elif kind == "missing" and path and path[-1] in ("opener", "verb"):
        line, column = positions.at(*path)
        message = (f"a phrase written out needs every language; add {field_name} "
                   "(for instance {en: Having received, fr: Ayant reçu})")
    elif kind == "missing":
        line, column = positions.at(*path)
        message = f"missing field {field_name!r}"
    elif kind == "no_observer_status":  # a check of the whole source about one paragraph
        path = ("preamble", error["ctx"]["index"])
        line, column = positions.at(*path)
        message = _message(error)
    elif kind == "markup" and path and path[-1] == field_name:
        line, column = positions.character(path, error["ctx"]["offset"] - 1)
        message = _message(error)
    else:
        line, column = positions.at(*path)
        message = _message(error)
    where = describe(path)
    return SourceError(positions.file, line, column, f"{where}: {message}" if where else message)


#: Plainer sentences for pydantic's most common complaints.
_PLAIN = {
    "int_parsing": "{input!r} is not a whole number",
    "int_type": "{input!r} is not a whole number",
    "int_from_float": "{input!r} is not a whole number",
    "bool_type": "{input!r} is not a whole number",
    "date_from_datetime_parsing": "{input!r} is not a date; write it as YYYY-MM-DD",
    "date_parsing": "{input!r} is not a date; write it as YYYY-MM-DD",
    "date_type": "{input!r} is not a date; write it as YYYY-MM-DD",
    "string_type": "{input!r} should be text; put it in quotes",
    "list_type": "this should be a list (lines starting with '- ')",
    "model_type": "this should be a mapping of fields",
    "model_attributes_type": "this should be a mapping of fields",
}


def _message(error: Any) -> str:
    if error["type"] in _PLAIN:
        shown = error.get("input")
        if error["type"] in ("int_type", "string_type") and isinstance(shown, bool):
            shown = "true" if shown else "false"  # as the drafter typed it
            if error["type"] == "int_type":
                return f"{shown} is not a whole number"
        return _PLAIN[error["type"]].format(input=_short(shown))
    message: str = error["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if error["type"].startswith("standard_"):
        part = error["type"].removeprefix("standard_")
        known = STANDARDS[part]
        given = error["input"].get("standard") if isinstance(error["input"], dict) else None
        close = difflib.get_close_matches(str(given), known, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"the {part} knows {', '.join(known)}"
        message = f"unknown standard paragraph {_short(given)!r}; {hint}"
    if error["type"] == "string_pattern_mismatch":
        message = f"{_short(error['input'])!r} is not in the expected form ({error['ctx']['pattern']})"
    return message


_LISTS = {"preamble": "preambular paragraph", "operative": "operative paragraph",
          "subparagraphs": "sub-paragraph", "resolutions": "resolution", "statements": "statement",
          "sponsors": "sponsor"}


def describe(path: Sequence[str | int]) -> str:
    """A path as a drafter reads it: "operative paragraph 3, sub-paragraph 1, fr"."""
    words: list[str] = []
    for index, part in enumerate(path):
        if isinstance(part, int):
            name = path[index - 1] if index else ""
            label = f"{_LISTS.get(str(name), name)} {part + 1}"
            if words:
                words[-1] = label
            else:
                words.append(label)
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
        for model_field in model.model_fields.values():
            pending.extend(_models_in(model_field.annotation))
    return sorted(names)


def _models_in(annotation: Any) -> list[Any]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in getattr(annotation, "__args__", ()) for model in _models_in(arg)]


def _field_hint(field_name: str) -> str:
    if field_name in _all_fields():  # a real field, in the wrong place: "did you mean" it would loop
        return "; that field belongs elsewhere in a source: check the indentation"
    close = difflib.get_close_matches(field_name, _all_fields(), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else "; see the README for the fields of a source"
