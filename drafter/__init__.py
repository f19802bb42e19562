"""drafter: drafting assistant for UN General Assembly cooperation resolutions, in English and French.

``import drafter`` is cheap: the functions of the Python API (``drafter.api``) are loaded on
first use. Three of their names are also names of modules (``drafter.compose``,
``drafter.validate``, ``drafter.followup``); the package keeps the function under that name, and
the module stays importable as usual (``from drafter.compose import compose``).
"""

from __future__ import annotations

import sys
import types

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy knows the name)
__version__ = "0.1.0"
__all__ = ["compose", "followup", "load", "render_bytes", "to_python_docx", "validate"]

if TYPE_CHECKING:
    from drafter.api import compose, followup, load, render_bytes, to_python_docx, validate


def __getattr__(name: str) -> object:
    if name in __all__:
        from drafter import api

        function = getattr(api, name)
        globals()[name] = function
        return function
    raise AttributeError(f"module 'drafter' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """The package, whose API functions are not replaced by the modules of the same name.

    Python sets every imported submodule as an attribute of its package; for the API's names
    the function stays (the module is in ``sys.modules`` all the same).
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name in __all__ and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
