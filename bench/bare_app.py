"""The floor for drafter's cold starts: a typer app that only imports typer, pydantic, jinja2 and
lxml, with a `validate` and a `render` command shaped like drafter's, doing nothing.

`bench/goals.py` runs it beside `drafter validate x.yaml` and `drafter render x.yaml`: what
drafter takes beyond it is drafter's own import, set-up and work.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import jinja2  # noqa: F401
import lxml.etree  # noqa: F401
import pydantic  # noqa: F401
import typer

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False)


@app.command()
def validate(files: Annotated[list[Path], typer.Argument(help="Sources to check.")]) -> None:
    """Check sources (does nothing)."""
    typer.echo(f"{len(files)} file(s)")


@app.command()
def render(files: Annotated[list[Path], typer.Argument(help="Sources to render.")],
           out: Annotated[Path, typer.Option(help="Directory to write into.")] = Path("."),
           force: Annotated[bool, typer.Option(help="Replace files.")] = False) -> None:
    """Render sources (does nothing)."""
    typer.echo(f"{len(files)} file(s) to {out}")


if __name__ == "__main__":
    app()
