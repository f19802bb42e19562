"""The Jinja environments templates run in: plain data, an attribute policy that denies by default,
and, for templates a user supplies, limits on loops, calls, sizes and time.

Jinja's own ``SandboxedEnvironment`` allows every attribute that does not start with an
underscore, which is how a template reached pydantic's ``parse_raw(..., allow_pickle=True)`` on a
model in its context. Here templates receive plain data only (see :func:`check_plain`), and the
policy lists what they may touch: a few methods of text and mappings, the fields of read-only
views, loop variables and macros. Everything else is refused.

Limits are kept in-process rather than in a child process with rlimits: the messages can name
the template and line, the cost is a counter per loop turn, call and piece of output, and it
works the same on every platform (RLIMIT_AS is not enforced on macOS).
"""

from __future__ import annotations

import time
from collections.abc import (Callable, ItemsView, Iterable, Iterator, KeysView, Mapping,
                             MutableMapping, ValuesView)
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from types import BuiltinMethodType, MethodType
from typing import Any

from msgspec import Struct
import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.defaults import DEFAULT_FILTERS
from jinja2.environment import TemplateModule
from jinja2.runtime import BlockReference, Context, LoopContext, Macro
from jinja2.sandbox import SandboxedEnvironment
from jinja2.filters import make_attrgetter
from jinja2.utils import Namespace, _PassArg, pass_context, pass_environment
from jinja2.visitor import NodeTransformer


class TemplateLimit(jinja2.TemplateRuntimeError):
    """A template that went past one of its limits (loop turns, sizes, time, nesting)."""


class Limits(Struct, frozen=True):
    """What the user templates of one document may spend. The whole of resolution 77/13 is
    about 20,000 characters and its templates turn a loop a few dozen times; these leave room
    for far more."""

    steps: int = 100_000  # loop turns, calls and templates loaded
    value: int = 250_000  # characters and items in any one value a template builds
    produced: int = 2_500_000  # characters and items built in all, output included
    seconds: float = 5.0
    number_bits: int = 1_024  # about 300 digits


LIMITS = Limits()

# -- plain data -------------------------------------------------------------------------------

_SCALARS = frozenset({str, int, float, bool, type(None), date})
#: Keys that would be hidden behind a method of the same name when a template writes ``x.key``.
_DICT_ATTRIBUTES = frozenset(dir(dict))


def _view_fields(kind: type) -> tuple[str, ...] | None:
    """The fields of a read-only view (a frozen Struct), which templates may read."""
    if kind not in _VIEWS:
        frozen = issubclass(kind, Struct) and kind.__struct_config__.frozen
        _VIEWS[kind] = kind.__struct_fields__ if frozen else None  # type: ignore[attr-defined]
    return _VIEWS[kind]


_VIEWS: dict[type, tuple[str, ...] | None] = {}


def check_plain(context: Mapping[str, object]) -> None:
    """Refuse (as a bug in drafter) a context holding anything but plain data: text, numbers,
    dates, None, lists, tuples, mappings with text keys and read-only views of such."""
    pending = list(context.values())
    while pending:
        value = pending.pop()
        kind = type(value)
        if kind in _SCALARS:
            continue
        if kind is list or kind is tuple:
            pending.extend(value)  # type: ignore[arg-type]
        elif kind is dict:
            if not all(type(key) is str and key not in _DICT_ATTRIBUTES for key in value):  # type: ignore[attr-defined]
                raise TypeError(f"template data has a mapping with keys {list(value)}")  # type: ignore[call-overload]
            pending.extend(value.values())  # type: ignore[attr-defined]
        elif (fields := _view_fields(kind)) is not None:
            pending.extend(getattr(value, field) for field in fields)
        else:
            raise TypeError(f"template data holds a {kind.__name__}, which is not plain data")


class TemplateData(dict[str, object]):
    """A template's context, checked once to hold plain data only."""

    def __init__(self, values: Mapping[str, object]) -> None:
        check_plain(values)
        super().__init__(values)

    def extended(self, values: Mapping[str, object]) -> TemplateData:
        """This context with more names (a standard paragraph's parameters), checking only those."""
        check_plain(values)
        data = TemplateData.__new__(TemplateData)
        dict.update(data, self)
        dict.update(data, values)
        return data


# -- the policy -------------------------------------------------------------------------------

#: Methods that return something no larger than the object they are called on.
_ALLOWED_METHODS: dict[type, frozenset[str]] = {
    str: frozenset({
        "capitalize", "casefold", "count", "endswith", "find", "isalnum", "isalpha", "isdecimal",
        "isdigit", "islower", "isnumeric", "isspace", "istitle", "isupper", "lower", "lstrip",
        "partition", "removeprefix", "removesuffix", "rfind", "rpartition", "rsplit", "rstrip",
        "split", "splitlines", "startswith", "strip", "swapcase", "title", "upper"}),
    dict: frozenset({"get", "items", "keys", "values"}),
    LoopContext: frozenset({
        "changed", "cycle", "depth", "depth0", "first", "index", "index0", "last", "length",
        "nextitem", "previtem", "revindex", "revindex0"}),
}
_ALLOWED_FIELDS: dict[type, frozenset[str]] = {date: frozenset({"year", "month", "day"})}
_ALLOWED = (*_ALLOWED_METHODS.items(), *_ALLOWED_FIELDS.items())

#: Jinja's filters whose result is bounded by their input; ``join``, ``replace`` and ``sum`` are
#: replaced by versions that check first. Left out: those that multiply text by a number given
#: in the template (center, indent, wordwrap, format, batch, slice, …), ``random`` (output
#: must be reproducible), and the HTML, JSON and debugging ones, which no resolution needs.
_BUILTIN_FILTERS = frozenset({
    "abs", "attr", "capitalize", "count", "d", "default", "dictsort", "first", "float", "groupby",
    "int", "items", "last", "length", "list", "lower", "map", "max", "min", "reject",
    "rejectattr", "reverse", "round", "select", "selectattr", "sort", "string", "striptags",
    "title", "trim", "truncate", "unique", "upper", "wordcount"})


class TemplateEnvironment(SandboxedEnvironment):
    """Jinja's sandbox with a deny-by-default policy: the environment of the built-in templates,
    and the base of the one for user templates."""

    #: Part of the bytecode cache's key: code compiled here is never served to another kind.
    cache_kind = "policy"
    untrusted = False

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.clear()
        self.globals.update(range=_range, dict=dict, namespace=Namespace)
        self._callable_globals = (_range, dict, Namespace)
        self.filters = {}
        self.add_filters({name: DEFAULT_FILTERS[name] for name in _BUILTIN_FILTERS})
        self.add_filters({"join": _join, "replace": _replace, "sum": _sum})

    def add_filters(self, filters: Mapping[str, Callable[..., Any]]) -> None:
        """Make filters available to templates (under the limits, where there are limits)."""
        self.filters.update(filters)

    @contextmanager
    def limits(self) -> Iterator[None]:
        """Where templates are rendered; the built-in ones are trusted to stay small."""
        yield

    def getattr(self, obj: Any, attribute: str) -> Any:
        """``mandate.report_session`` reads the key at once: plain data never has a key named
        like a method of dict (check_plain), so trying the attribute first would only cost an
        exception on every read."""
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if attr.startswith("_"):
            return False
        fields = _view_fields(type(obj))
        if fields is not None:
            return attr in fields
        for kind, names in _ALLOWED:
            if isinstance(obj, kind):
                return attr in names
        if isinstance(obj, TemplateModule):  # the macros of an imported template
            return attr in vars(obj)
        if isinstance(obj, Namespace):  # {% set ns.count = … %}
            return True
        if isinstance(obj, tuple) and hasattr(obj, "_fields"):  # groupby's (grouper, list)
            return attr in obj._fields
        return False

    def is_safe_callable(self, obj: Any) -> bool:
        if isinstance(obj, (Macro, BlockReference, LoopContext, jinja2.Undefined)):
            return True  # calling an Undefined raises its own error: "'x' is undefined"
        if any(obj is allowed for allowed in self._callable_globals):
            return True
        if isinstance(obj, (MethodType, BuiltinMethodType)):
            owner = getattr(obj, "__self__", None)
            return any(isinstance(owner, kind) and obj.__name__ in names
                       for kind, names in _ALLOWED_METHODS.items())
        return False

    def wrap_str_format(self, value: Any) -> None:
        """``str.format`` is not a method templates may use (``'{:>999999999}'.format(1)``)."""
        return None

    def unsafe_undefined(self, obj: Any, attribute: str) -> jinja2.Undefined:
        return self.undefined(
            f"templates cannot use {attribute!r} of a {type(obj).__name__} (they see text, "
            "numbers, dates, lists and mappings)",
            name=attribute, obj=obj, exc=jinja2.exceptions.SecurityError)


def _range(*args: int) -> range:
    """Python's range, up to as many numbers as a value may hold."""
    numbers = range(*args)
    if len(numbers) > LIMITS.value:
        raise TemplateLimit(f"range() gives at most {LIMITS.value:,} numbers in a template")
    return numbers


@pass_environment
def _join(environment: jinja2.Environment, value: Iterable[Any], d: str = "",
          attribute: str | int | None = None) -> str:
    """Jinja's join, refusing before it builds text larger than a template may build."""
    if attribute is not None:
        value = map(make_attrgetter(environment, attribute), value)
    texts = [str(item) for item in value]
    _refuse_size(sum(map(len, texts)) + len(str(d)) * max(len(texts) - 1, 0))
    return str(d).join(texts)


def _replace(value: str, old: str, new: str, count: int | None = None) -> str:
    """Jinja's replace, refusing before it builds text larger than a template may build."""
    text, old, new = str(value), str(old), str(new)
    found = text.count(old) if old else len(text) + 1
    if count is not None and count >= 0:
        found = min(found, count)
    _refuse_size(len(text) + found * (len(new) - len(old)))
    return text.replace(old, new, -1 if count is None else count)


@pass_environment
def _sum(environment: jinja2.Environment, iterable: Iterable[Any],
         attribute: str | int | None = None, start: Any = 0) -> Any:
    """Jinja's sum, for numbers only (adding lists or text would build values unmeasured)."""
    if attribute is not None:
        iterable = map(make_attrgetter(environment, attribute), iterable)
    total = start
    for item in iterable:
        if not isinstance(item, (int, float)) or not isinstance(total, (int, float)):
            raise TemplateLimit("sum adds numbers only")
        total += item
    return total


def _refuse_size(size: int, limits: Limits = LIMITS) -> None:
    if size > limits.value:
        raise TemplateLimit(f"the template builds a text or list larger than "
                            f"{limits.value:,} characters and items")


# -- limits -----------------------------------------------------------------------------------

class Budget:
    """What one render has spent so far."""

    __slots__ = ("limits", "steps", "produced", "deadline")

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.steps = 0
        self.produced = 0
        self.deadline = time.monotonic() + limits.seconds

    def step(self) -> None:
        """One loop turn, call or template loaded."""
        self.steps += 1
        if self.steps > self.limits.steps:
            raise TemplateLimit(f"the template repeats too much (more than {self.limits.steps:,} "
                                "loop turns, calls and includes in one document)")
        self._in_time()

    def charge(self, value: Any) -> Any:
        """Count a value the template has just built; refuse it when it is too large."""
        size = measure(value, self.limits)
        self.produced += size
        if self.produced > self.limits.produced:
            raise TemplateLimit(f"the template builds too much (more than "
                                f"{self.limits.produced:,} characters and items in all)")
        self._in_time()
        return value

    def _in_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimit(f"the template ran longer than {self.limits.seconds:g} seconds")


def measure(value: Any, limits: Limits = LIMITS) -> int:
    """The size of a value as it would be written out: characters of text, digits of numbers,
    and every item of a list counted each time it appears (``[x, x]`` is twice ``x``), so that
    lists of lists of the same text cannot grow without being counted. Refuses past the limit."""
    total, pending = 0, [value]
    while pending:
        item = pending.pop()
        kind = type(item)
        total += 1
        if kind is str:
            total += len(item)
        elif kind is list or kind is tuple:
            pending.extend(item)
        elif kind is dict:
            pending.extend(item.items())
        elif kind is int:
            total += _digits(item, limits)
        elif isinstance(item, str):
            total += len(item)
        elif isinstance(item, bool):
            pass
        elif isinstance(item, int):
            total += _digits(item, limits)
        elif isinstance(item, range):
            total += len(item)
        elif isinstance(item, (list, tuple, set, frozenset, KeysView, ValuesView, ItemsView)):
            pending.extend(item)
        elif isinstance(item, dict):
            pending.extend(item.items())
        elif isinstance(item, Namespace):
            pending.append(item._Namespace__attrs)  # type: ignore[attr-defined]
        if total > limits.value:
            _refuse_size(total, limits)
    return total


def _digits(number: int, limits: Limits) -> int:
    bits = number.bit_length()
    if bits > limits.number_bits:
        raise TemplateLimit(f"the template computes a number larger than "
                            f"{limits.number_bits:,} bits")
    return bits // 3


_BUDGET: ContextVar[Budget | None] = ContextVar("drafter_template_budget", default=None)


def _budget() -> Budget:
    budget = _BUDGET.get()
    if budget is None:  # only Wording renders user templates, and always inside limits()
        raise RuntimeError("a user template ran outside its limits")
    return budget


class GuardedEnvironment(TemplateEnvironment):
    """The environment of user templates: the same policy, and every loop turn, call, value
    built and piece of output counted against the limits of the current render."""

    cache_kind = "guarded"
    untrusted = True
    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.code_generator_class = _GuardedCodeGenerator
        self.filters.update(_out=_out, _value=_value, _loop=_loop)

    @contextmanager
    def limits(self) -> Iterator[None]:
        """Render inside this block: one budget for everything rendered in it, the outermost
        block's (a document's paragraphs share the budget of the document)."""
        if _BUDGET.get() is not None:
            yield
            return
        token = _BUDGET.set(Budget(LIMITS))
        try:
            yield
        finally:
            _BUDGET.reset(token)

    def add_filters(self, filters: Mapping[str, Callable[..., Any]]) -> None:
        self.filters.update({name: _guarded_filter(function) for name, function in filters.items()})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        budget = _budget()
        if operator == "%" and isinstance(left, str):
            raise TemplateLimit("formatting text with % is not available in templates; "
                                "join text with ~")
        if operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
            if max(abs(left).bit_length(), 1) * right > budget.limits.number_bits * 2:
                raise TemplateLimit(f"the template computes a number larger than "
                                    f"{budget.limits.number_bits:,} bits")
        if operator == "*":  # a text or list repeated: its items (less its own 1) times over
            for sequence, times in ((left, right), (right, left)):
                if isinstance(times, int) and not isinstance(sequence, int) and times > 0:
                    _refuse_size((measure(sequence, budget.limits) - 1) * times + 1, budget.limits)
        if operator == "+" and not isinstance(left, (int, float)):
            _refuse_size(measure(left, budget.limits) + measure(right, budget.limits),
                         budget.limits)
        return budget.charge(self.binop_table[operator](left, right))

    def call(__self, __context: Context, __obj: Any, *args: Any,  # noqa: N805 (Jinja's signature)
             **kwargs: Any) -> Any:
        budget = _budget()
        budget.step()
        if isinstance(__obj, LoopContext) and args:  # a recursive loop's next level
            args = (_counted(args[0], budget), *args[1:])
        return budget.charge(super().call(__context, __obj, *args, **kwargs))

    def get_template(self, name: Any, parent: str | None = None,
                     globals: MutableMapping[str, Any] | None = None) -> jinja2.Template:
        _budget().step()
        return super().get_template(name, parent, globals)

    def select_template(self, names: Any, parent: str | None = None,
                        globals: MutableMapping[str, Any] | None = None) -> jinja2.Template:
        _budget().step()
        return super().select_template(names, parent, globals)


def _guarded_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose result is counted, and whose lazy results are counted item by item."""
    passing = _PassArg.from_obj(function)

    @pass_context  # also keeps Jinja from running the filter while compiling
    def guarded(context: Context, value: Any, *args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        if passing is _PassArg.context:
            result = function(context, value, *args, **kwargs)
        elif passing is _PassArg.eval_context:
            result = function(context.eval_ctx, value, *args, **kwargs)
        elif passing is _PassArg.environment:
            result = function(context.environment, value, *args, **kwargs)
        else:
            result = function(value, *args, **kwargs)
        if isinstance(result, Iterator):
            return _counted(result, budget)
        return budget.charge(result)

    return guarded


def _counted(iterable: Iterable[Any], budget: Budget) -> Iterator[Any]:
    for item in iterable:
        budget.step()
        yield item


@pass_context
def _loop(context: Context, iterable: Iterable[Any]) -> Iterator[Any]:
    """Every ``{% for %}`` iterates through this: one step per turn."""
    return _counted(iterable, _budget())


@pass_context
def _out(context: Context, value: Any) -> str:
    """Every piece of output, literal text included, goes through this before it is kept."""
    return _budget().charge(str(value))  # type: ignore[no-any-return]


@pass_context
def _value(context: Context, value: Any) -> Any:
    """Lists, tuples, mappings and ``~`` joins written in a template are measured as built."""
    return _budget().charge(value)


class _Guard(NodeTransformer):
    """Route loops, output, literal containers and ``~`` through the counting filters."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = _filter(node.iter, "_loop")
        return node

    def visit_Output(self, node: nodes.Output) -> nodes.Node:
        self.generic_visit(node)
        node.nodes = [_filter(child, "_out") for child in node.nodes]
        return node

    def _measured(self, node: nodes.Expr) -> nodes.Node:
        self.generic_visit(node)
        return _filter(node, "_value")

    visit_Concat = visit_List = visit_Dict = _measured

    def visit_Tuple(self, node: nodes.Tuple) -> nodes.Node:
        return self._measured(node) if node.ctx == "load" else self.generic_visit(node)


def _filter(node: nodes.Node, name: str) -> nodes.Filter:
    return nodes.Filter(node, name, [], [], None, None, lineno=node.lineno)


class _GuardedCodeGenerator(CodeGenerator):
    """Jinja's code generator, run on the template once the guards are in place."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        _Guard().visit(node)
        node.set_environment(self.environment)
        super().visit_Template(node, frame)
