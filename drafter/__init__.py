"""drafter: drafting assistant for UN General Assembly cooperation resolutions, in English and French.

``import drafter`` is cheap: the functions of the Python API (``drafter.api``) are loaded on
first use, so a script that only wants ``drafter.__version__`` pays for nothing else.
"""

from __future__ import annotations

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
