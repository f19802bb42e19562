"""The cyclic garbage collector paused while a stage builds many objects that form no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Loading a source and composing a document make many small objects and no garbage cycles
    worth finding: the collector's passes over them cost a third of a large source's load and
    grow with its size. Leaves the collector as it was (another thread may have turned it off)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
