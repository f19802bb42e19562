"""The ``drafter`` command line: render sources, write the JSON schema, list the phrases.

Heavy modules (pydantic, jinja2, lxml) are imported inside the commands, so that ``--help``
answers at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="drafter",
    help="Draft UN General Assembly cooperation resolutions in English and French.\n\n"
    "One YAML source describes a resolution in both languages; drafter renders UN-style Word "
    "documents (or plain text) from it.\n\n"
    "Start with: drafter render examples/csto-77-13.yaml --out out/",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

#: Exit code for input that cannot be rendered (syntax, types, unknown keys, existing outputs).
EXIT_INPUT = 2


@app.command()
def render(
    files: Annotated[list[Path], typer.Argument(help="YAML sources to render.", show_default=False)],
    lang: Annotated[str, typer.Option(help="Languages, comma-separated: en, fr or en,fr.")] = "en,fr",
    format: Annotated[str, typer.Option("--format", help="docx (Word) or txt (plain text).")] = "docx",
    out: Annotated[Path, typer.Option(help="Directory to write into (created if missing).")] = Path("."),
    templates: Annotated[
        Path | None,
        typer.Option(help="Directory with en/ and fr/ templates that override the built-in ones; "
                     "they run in a sandbox."),
    ] = None,
    force: Annotated[bool, typer.Option(help="Overwrite files that already exist.")] = False,
) -> None:
    """Render sources to OUT/<stem>.<lang>.<format>, one file per language.

    Mistakes in a source are reported as file:line:column with a hint, and nothing is written
    for that file; the other files are still rendered. Exit code 2 when any file failed.

    Example: drafter render examples/csto-77-13.yaml --lang fr --format txt --out drafts/
    """
    from drafter.render import RenderFailure, render_file

    languages = _languages(lang)
    if format not in ("docx", "txt"):
        _fail(f"--format must be docx or txt, not {format!r}")
    if templates is not None and not templates.is_dir():
        _fail(f"--templates {templates}: not a directory (it should hold en/ and fr/)")
    failed = False
    for source in files:
        try:
            written = render_file(source, languages, format, out, templates, force)
        except RenderFailure as failure:
            failed = True
            typer.echo(str(failure), err=True)
            continue
        for path in written:
            typer.echo(f"wrote {path}")
    if failed:
        raise typer.Exit(EXIT_INPUT)


@app.command()
def schema(
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the JSON schema.")]
    = Path("schemas/resolution.schema.json"),
) -> None:
    """Write the JSON Schema of a source, so editors complete and check YAML files.

    Example: drafter schema -o schemas/resolution.schema.json
    """
    from drafter.render import schema_json
    from drafter.output import write_atomically

    write_atomically(output, schema_json().encode("utf-8"))
    typer.echo(f"wrote {output}")


@app.command()
def phrases(
    section: Annotated[str, typer.Argument(help="preamble or operative.")] = "preamble",
) -> None:
    """List the keys of opening phrases (preamble) or operative verbs, with English and French.

    Example: drafter phrases operative
    """
    from drafter.language import LANGUAGES, language, phrase_keys

    if section not in ("preamble", "operative"):
        _fail(f"choose preamble or operative, not {section!r}")
    for key in phrase_keys(section):  # type: ignore[arg-type]
        words = " | ".join(language(code).phrase(section, key) for code in LANGUAGES)  # type: ignore[arg-type]
        typer.echo(f"{key:32} {words}")


def _languages(value: str) -> list[str]:
    from drafter.language import LANGUAGES

    chosen = [item.strip() for item in value.split(",") if item.strip()]
    unknown = [item for item in chosen if item not in LANGUAGES]
    if unknown or not chosen:
        _fail(f"--lang takes {', '.join(LANGUAGES)} separated by commas, not {value!r}")
    return list(dict.fromkeys(chosen))


def _fail(message: str) -> None:
    typer.echo(f"drafter: {message}", err=True)
    raise typer.Exit(EXIT_INPUT)
