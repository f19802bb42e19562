"""drafter: drafting assistant for UN General Assembly cooperation resolutions, in English and French.

``import drafter`` is cheap: the functions of the Python API (``drafter.api``) are loaded on
first use. Three of them share their names with modules (``drafter.compose``,
``drafter.validate``, ``drafter.followup``): those modules stay what they are for every import,
and calling one calls the API function of its name.
"""

from __future__ import annotations

import sys
import types

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy knows the name)

__version__ = "0.1.0"
__all__ = ["compose", "followup", "load", "render_bytes", "to_python_docx", "validate"]
#: API functions whose names are also names of modules of this package.
_SHARED = frozenset({"compose", "followup", "validate"})

if TYPE_CHECKING:  # compose, followup and validate are modules to mypy, as to drafter's own code
    from drafter.api import load, render_bytes, to_python_docx


def __getattr__(name: str) -> object:
    if name in _SHARED:
        import importlib

        return importlib.import_module(f"{__name__}.{name}")  # made callable on import
    if name in __all__:
        from drafter import api

        function = getattr(api, name)
        globals()[name] = function
        return function
    raise AttributeError(f"module 'drafter' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _CallableModule(types.ModuleType):
    """A module of the package that is also an API function: calling it calls drafter.api's."""

    def __call__(self, *args: object, **kwargs: object) -> object:
        return self._function()(*args, **kwargs)

    @property
    def __signature__(self) -> object:
        import inspect

        return inspect.signature(self._function())

    def _function(self) -> types.FunctionType:
        from drafter import api

        function: types.FunctionType = getattr(api, self.__name__.rpartition(".")[2])
        return function


class _Package(types.ModuleType):
    """The package: Python sets each imported submodule as its attribute, and here the three
    modules that share an API function's name become callable as they are set."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _SHARED and type(value) is types.ModuleType:
            value.__class__ = _CallableModule
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
