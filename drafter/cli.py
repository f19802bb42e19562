"""The ``drafter`` command line: options only; each command's logic lives in its own module.

Heavy modules (pydantic, jinja2, lxml) are imported inside the commands, so that ``--help``
answers at once. No ``from __future__ import annotations`` here: typer reads the options of
every command at each start, and string annotations cost it an ``eval`` each (15 ms a start).
"""

import copy
import datetime as dt
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.main import get_command_name

from drafter.exits import EXIT_BUG, EXIT_INPUT, EXIT_INTERRUPTED, bug_report, debugging
from drafter.terminal import has_controls, say


class _Commands(typer.Typer):
    """A typer app that makes click's version of the one command a run names, not of all.

    typer turns every registered command's options into click's at each start, some 27 million
    instructions for the fourteen commands (3 % of a cold render) where a run uses one. click
    looks at the named command only (its help, its errors), so the answers are the same; any
    other first word (none, an option, a mistyped command) gets the whole app."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        words = kwargs.get("args", args[0] if args else None)
        if words is None:
            words = sys.argv[1:]
        named = [info for info in self.registered_commands if words and info.callback is not None
                 and words[0] == (info.name or get_command_name(info.callback.__name__))]
        if not named:
            return super().__call__(*args, **kwargs)
        chosen = copy.copy(self)
        chosen.registered_commands = named
        return typer.Typer.__call__(chosen, *args, **kwargs)


app = _Commands(
    name="drafter",
    help="Draft UN General Assembly cooperation resolutions in English and French.\n\n"
    "One YAML source describes a resolution in both languages; drafter renders UN-style Word "
    "documents (or plain text) from it.\n\n"
    "Start with: drafter render examples/csto-77-13.yaml --out out/",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

__all__ = ["EXIT_BUG", "EXIT_INPUT", "EXIT_INTERRUPTED", "app", "main", "run"]


class Lang(str, Enum):
    """A language drafter writes; the same codes as drafter.language.LANGUAGES (a test checks)."""

    en = "en"
    fr = "fr"


class RenderFormat(str, Enum):
    """What `render` and `batch` write."""

    docx = "docx"
    txt = "txt"
    akn = "akn"
    pdf = "pdf"


class DraftFormat(str, Enum):
    """What `followup` writes besides the source."""

    docx = "docx"
    akn = "akn"
    pdf = "pdf"


class TrackedFormat(str, Enum):
    """What `compare` writes: tracked changes, in Word or printed to PDF."""

    docx = "docx"
    pdf = "pdf"


class ReportFormat(str, Enum):
    """How `validate` reports its findings."""

    text = "text"
    json = "json"
    sarif = "sarif"


class Section(str, Enum):
    """The two parts of a resolution whose phrases `phrases` lists."""

    preamble = "preamble"
    operative = "operative"


#: The --lang of commands that write both languages by default: one code, or several with commas.
LANGUAGES_METAVAR = "[" + "|".join([*Lang.__members__, ",".join(Lang.__members__)]) + "]"


def _language_choices() -> list[str]:
    return [*Lang.__members__, ",".join(Lang.__members__)]


def _organization_keys() -> list[str]:
    from drafter.organizations import registry

    return sorted(registry())


LangList = Annotated[str, typer.Option(
    "--lang", metavar=LANGUAGES_METAVAR, autocompletion=_language_choices,
    help="Languages to write, comma-separated.")]
Force = Annotated[bool, typer.Option(help="Replace files that already exist.")]
Author = Annotated[str, typer.Option(help="Name shown on the tracked changes.")]
OutDir = Annotated[Path, typer.Option(help="Directory to write into (created if missing).")]
#: --reference-docx: the page setup, fonts and sizes of a delegation's own Word file (pandoc's
#: convention).
ReferenceDocx = Annotated[Path | None, typer.Option("--reference-docx", metavar="FILE", help="A Word document or template (.docx, .dotx) whose page size, margins, and fonts and sizes (Normal, Heading 1, Footnote Text) the Word and PDF files take; its text is ignored.", show_default=False)]
#: --phrases: a phrase book adding openers and verbs to the lexicon.
Phrases = Annotated[Path | None, typer.Option(help="A phrase book (YAML) adding openers and verbs to the lexicon; a phrases.yaml beside a source is used too.")]


def main() -> None:
    """The console script: the commands, with the last word on anything they did not handle.

    A diplomat should never see a traceback: an unwritable output is one sentence, Ctrl-C stops
    quietly (every write is atomic, so nothing is left half-written), and a bug in drafter says
    how to report it. DRAFTER_DEBUG=1 shows the traceback instead.
    """
    import os

    from drafter.terminal import degrade_streams

    # The command line uses no pydantic plugin: skip pydantic's search of every installed
    # package's entry points at the first model (a few ms of each cold start).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    degrade_streams()
    try:
        app(prog_name="drafter")
    except KeyboardInterrupt:
        say("drafter: interrupted; files already written are complete, no other was started",
            err=True)
        raise SystemExit(EXIT_INTERRUPTED) from None
    except Exception as error:  # the safety net for what no command anticipated
        from drafter.output import OutputFailure

        if isinstance(error, OutputFailure):
            say(f"drafter: {error}", err=True)
            raise SystemExit(EXIT_INPUT) from None
        if debugging():
            raise
        say(bug_report(error), err=True)
        raise SystemExit(EXIT_BUG) from None


def run() -> None:
    """The ``drafter`` command: main(), then the process ends without tearing Python down.

    When a command returns, its files are written and closed; what Python would still do is
    free every module and object one by one, some 85 million instructions (a tenth of a cold
    render) that nothing needs. So the output streams are flushed and the process exits at once,
    unless something asked for work at the end (a thread still running, an ``atexit``
    handler, as batch's worker pool registers): then, and when a stream cannot be flushed
    (a closed pipe), Python exits as usual. ``main`` itself still raises SystemExit, for tests.
    """
    import atexit
    import os
    import sys
    import threading

    try:
        main()
        code: object = 0
    except SystemExit as stopped:
        code = stopped.code
    if code is None:
        code = 0
    regexes = sys.modules.get("drafter.regexes")
    if regexes is not None:
        regexes.keep()  # the patterns this run compiled, for the next runs (drafter.regexes)
    pending = getattr(atexit, "_ncallbacks", lambda: 1)()  # CPython's count of handlers
    if type(code) is int and not pending and threading.active_count() == 1:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            pass  # Python's own exit reports it, as it always did
        else:
            os._exit(code)
    raise SystemExit(code)


def _show_version(value: bool) -> None:
    if value:
        from drafter import __version__

        say(f"drafter {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_show_version,
                                          help="Show drafter's version and exit.")] = False,
) -> None:
    """Draft UN General Assembly cooperation resolutions in English and French."""


@app.command()
def render(
    files: Annotated[list[Path], typer.Argument(help="YAML sources, or directories whose *.yaml files are taken.", show_default=False)],
    lang: LangList = "en,fr",
    format: Annotated[RenderFormat, typer.Option("--format", help="docx (Word), txt (plain text), akn (Akoma Ntoso XML, <stem>.<lang>.akn.xml) or pdf (through LibreOffice).")] = RenderFormat.docx,
    out: OutDir = Path("."),
    templates: Annotated[
        Path | None,
        typer.Option(help="Directory with en/ and fr/ templates that override the built-in ones; "
                     "they run in a sandbox."),
    ] = None,
    phrases: Phrases = None,
    reference_docx: ReferenceDocx = None,
    force: Force = False,
) -> None:
    """Render sources to OUT/<stem>.<lang>.<format>, one file per language.

    Mistakes in a source are reported as file:line:column with a hint, and nothing is written
    for that file; the other files are still rendered. Exit code 2 when any file failed, 70 when
    drafter hit a bug on one of them.

    Example: drafter render examples/csto-77-13.yaml --lang fr --format txt --out drafts/
    """
    from drafter.commands.render import render_command

    _use_phrases(phrases)
    languages = _languages(lang)
    if templates is not None and not templates.is_dir():
        _fail(f"--templates {templates}: not a directory (it should hold en/ and fr/)")
    raise typer.Exit(render_command(files, languages, format.value, out, templates, force,
                                    reference_docx))


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write the JSON schema to; without it the schema is printed.")] = None,
    force: Force = False,
) -> None:
    """Print or write the JSON Schema of a source, so editors complete and check YAML files.

    Example: drafter schema -o schemas/resolution.schema.json --force
    """
    from drafter.commands.generated import write_or_print
    from drafter.schema import schema_json

    raise typer.Exit(write_or_print(schema_json(), output, force))


@app.command()
def phrases(
    section: Annotated[Section, typer.Argument(help="Which phrases: the preamble's openers or the operative verbs.")] = Section.preamble,
    phrases: Annotated[Path | None, typer.Option(help="A phrase book whose keys are listed too.")] = None,
) -> None:
    """List the keys of opening phrases (preamble) or operative verbs, with English and French.

    Example: drafter phrases operative
    """
    from drafter.commands.phrases import book_lines, lexicon_lines

    say(*lexicon_lines(section.value))
    _use_phrases(phrases)  # checked after the lexicon is listed: a broken book is the last line
    if phrases is not None:
        say(*book_lines(phrases, section.value))


@app.command()
def orgs(
    session: Annotated[int | None, typer.Option(help="Show the names in force at this session (names change over time).")] = None,
) -> None:
    """List the registered organizations: key, names in both languages, observer status and the
    title of their sub-item.

    Example: drafter orgs
    """
    from drafter.commands.orgs import orgs_command

    raise typer.Exit(orgs_command(session))


@app.command()
def new(
    org: Annotated[str, typer.Option("--org", autocompletion=_organization_keys, help="Key of the organization in the registry, e.g. csto, au, asean (`drafter orgs` lists them).", show_default=False)],
    session: Annotated[int, typer.Option("--session", help="The General Assembly session of the draft, e.g. 80.", show_default=False)],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write the source to; without it the source is printed.")] = None,
    phrases: Phrases = None,
    force: Force = False,
) -> None:
    """Start a first draft for an organization: a YAML source with the standard paragraphs.

    What only the drafter can write is left visible: [...] in prose, the draft symbol
    A/N/L.xx, the report A/N/xxx and agenda item 999 (xx).

    Example: drafter new --org au --session 80 -o au-80.yaml
    """
    from drafter.commands.new import new_command

    _use_phrases(phrases)
    raise typer.Exit(new_command(org, session, output, force))


@app.command()
def followup(
    previous: Annotated[Path, typer.Argument(help="The previous resolution: a YAML source, or its Word (.docx) or text version.", show_default=False)],
    session: Annotated[int, typer.Option("--session", help="The session of the new draft, e.g. 79.", show_default=False)],
    report: Annotated[str | None, typer.Option(help="Symbol of the Secretary-General's report considered, e.g. A/79/302.")] = None,
    agenda_item: Annotated[str | None, typer.Option("--agenda-item", help='The agenda item of the new session, e.g. "127 (t)" or "127 t)".')] = None,
    pair: Annotated[Path | None, typer.Option(help="The other language's version of a Word or text PREVIOUS.")] = None,
    date: Annotated[str | None, typer.Option(help="Distribution date of the draft, YYYY-MM-DD; by default the previous one moved on by as many years as sessions.")] = None,
    author: Author = "drafter",
    lang: LangList = "en,fr",
    out: OutDir = Path("."),
    phrases: Phrases = None,
    format: Annotated[DraftFormat, typer.Option("--format", help="docx: clean and tracked Word drafts; pdf: the same printed through LibreOffice, tracked changes shown; akn: the new text in Akoma Ntoso XML (<org>-<session>.<lang>.akn.xml), without tracked changes.")] = DraftFormat.docx,
    reference_docx: ReferenceDocx = None,
    force: Force = False,
) -> None:
    """Make the next session's draft from the previous resolution.

    Writes OUT/<org>-<session>.yaml (the new source), OUT/<org>-<session>.<lang>.docx (clean
    drafts) and OUT/<org>-<session>.<lang>.tracked.docx (every change from the previous text in
    Word's Track Changes), then lists what changed and what to review. With --format akn, the
    drafts are Akoma Ntoso XML of the new text instead, with no tracked version.

    Example: drafter followup examples/csto-77-13.yaml --session 79 --report A/79/302 --out drafts/
    """
    from drafter.commands.followup import followup_command

    _use_phrases(phrases)
    raise typer.Exit(followup_command(previous, session, report, agenda_item, out, _author(author),
                                      force, _languages(lang), _date(date), pair, format.value,
                                      reference_docx))


@app.command()
def compare(
    old: Annotated[Path, typer.Argument(help="The earlier version: a YAML source, a Word (.docx) or a text file.", show_default=False)],
    new: Annotated[Path, typer.Argument(help="The later version, in any of the same forms.", show_default=False)],
    lang: Annotated[str | None, typer.Option(metavar=LANGUAGES_METAVAR, autocompletion=_language_choices, help="Languages, comma-separated; by default every language both versions have.")] = None,
    out: Annotated[Path | None, typer.Option(help="Directory to write OUT/<new>.<lang>.tracked.docx into (default: here).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="The one file to write, when one language is compared.")] = None,
    author: Author = "drafter",
    date: Annotated[str | None, typer.Option(help="Date of the tracked changes, YYYY-MM-DD; by default the new version's date.")] = None,
    format: Annotated[TrackedFormat, typer.Option("--format", help="docx (Word) or pdf (through LibreOffice, the changes shown).")] = TrackedFormat.docx,
    reference_docx: ReferenceDocx = None,
    force: Annotated[bool, typer.Option(help="Overwrite files that already exist.")] = False,
) -> None:
    """Show every change between two versions of a draft as Word's tracked changes.

    Writes, per language, the old text with every change to the new one as a revision:
    Accept All gives the new version, Reject All the old one. Then prints what changed in
    the header, the preamble, the operative part and the footnotes.

    Example: drafter compare A-77-L13.docx csto-79.yaml --lang en --out drafts/
    """
    from drafter.commands.compare import compare_command

    raise typer.Exit(compare_command(old, new, _languages(lang) if lang is not None else None, out,
                                     output, _author(author), _date(date), force, format.value,
                                     reference_docx))


@app.command()
def sponsors(
    file: Annotated[Path, typer.Argument(help="The YAML source of the draft.", show_default=False)],
    add: Annotated[list[str] | None, typer.Option("--add", metavar="\"ENGLISH|FRANÇAIS\"", help="A sponsor to add, named in English and in French: --add \"Kyrgyzstan|Kirghizistan\" (repeat for more).", show_default=False)] = None,
    remove: Annotated[list[str] | None, typer.Option("--remove", metavar="NAME", help="A sponsor to remove, by its name in either language (repeat for more).", show_default=False)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the changed source here instead of changing FILE.")] = None,
    force: Annotated[bool, typer.Option(help="Replace an existing file: FILE itself, to change it in place.")] = False,
) -> None:
    """List a draft's sponsors, or add and remove co-sponsors between versions.

    Without --add or --remove, prints the sponsors in English and French. With them, rewrites
    the source with only its sponsors lines changed (comments and layout stay); changing FILE
    in place needs --force, as replacing any file does, or -o writes a copy. The heading then
    lists them: "Armenia, Belarus and Kyrgyzstan: draft resolution".

    Example: drafter sponsors A-79-L20.yaml --add "Kyrgyzstan|Kirghizistan" --force
    """
    from drafter.commands.sponsors import sponsors_command

    raise typer.Exit(sponsors_command(file, add or [], remove or [], output, force))


@app.command()
def batch(
    inputs: Annotated[list[Path], typer.Argument(help="Sources, or directories whose *.yaml files are taken.", show_default=False)],
    out: OutDir = Path("."),
    followup: Annotated[bool, typer.Option("--followup", help="Make the next session's drafts instead of rendering.")] = False,
    session: Annotated[int | None, typer.Option(help="With --followup: the session of the new drafts.")] = None,
    lang: LangList = "en,fr",
    jobs: Annotated[int | None, typer.Option(help="Worker processes; 1 works in this process, at most four per core. By default, one per core when there are enough sources to share, else 1.", show_default=False)] = None,
    author: Annotated[str, typer.Option(help="With --followup: name shown on the tracked changes.")] = "drafter",
    phrases: Phrases = None,
    format: Annotated[RenderFormat, typer.Option("--format", help="docx (Word), txt (plain text, not with --followup), akn (Akoma Ntoso XML) or pdf (one LibreOffice run for the whole batch).")] = RenderFormat.docx,
    reference_docx: ReferenceDocx = None,
    force: Force = False,
) -> None:
    """Render, or follow up, many sources; a broken one does not stop the others.

    Exit code 2 when any source failed; the table at the end says which and why.

    Example: drafter batch examples/ --followup --session 79 --jobs 2 --out drafts/
    """
    from drafter.commands.batch import batch_command

    _use_phrases(phrases)
    raise typer.Exit(batch_command(inputs, out, followup, session, _languages(lang), jobs, force,
                                   _author(author), phrases, format.value, reference_docx))


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="The draft to read: a Word document (.docx) or UTF-8 text.", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="The YAML source to write.", show_default=False)],
    lang: Annotated[Lang | None, typer.Option(help="The draft's language; found from the text when omitted.")] = None,
    pair: Annotated[Path | None, typer.Option(help="The same draft in the other language, to import both at once.")] = None,
    phrases: Phrases = None,
    force: Annotated[bool, typer.Option(help="Replace OUTPUT if it exists.")] = False,
) -> None:
    """Read a draft (Word or text) back into a YAML source.

    With --pair, the English and French versions become one bilingual source and must say the
    same thing paragraph for paragraph. With one language, the other language's prose is copied
    and marked [to translate]. Unreadable or unsafe files are refused with exit code 2.

    Example: drafter import draft.fr.docx --pair draft.en.docx -o draft.yaml
    """
    from drafter.commands.importing import import_command

    _use_phrases(phrases)
    raise typer.Exit(import_command(file, lang.value if lang else None, pair, output, force))


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="YAML sources, Word (.docx) or text files to check.", show_default=False)],
    pair: Annotated[Path | None, typer.Option(help="The other language's version of FILE (Word or text), to check that both say the same thing.")] = None,
    lang: Annotated[Lang | None, typer.Option(help="The language of FILE (read from the text when omitted).")] = None,
    select: Annotated[str | None, typer.Option(help="Only these rules: codes or prefixes, comma-separated, e.g. C4,P301.")] = None,
    ignore: Annotated[str | None, typer.Option(help="Skip these rules: codes or prefixes, comma-separated, e.g. T801,B707.")] = None,
    format: Annotated[ReportFormat, typer.Option("--format", help="How findings are printed.")] = ReportFormat.text,
    phrases: Phrases = None,
    unverified: Annotated[bool, typer.Option("--unverified/--no-unverified", help="Apply the rules that rest on conventions not yet confirmed in a UN source (warnings).")] = True,
) -> None:
    """Check drafts against UN editorial rules.

    Structure, opening phrases and verbs, punctuation, citations and their dates, footnotes, the
    follow-up mandate, French typography, and whether the English and French versions say the
    same thing. Each finding gives the file, the paragraph, the rule code and what to do;
    `drafter rules` explains every rule. Exit code 0 when clean, 1 when an error was found,
    2 when a file could not be read (the other files are still checked).

    Example: drafter validate draft.en.docx --pair draft.fr.docx
    """
    from drafter.commands.validate import validate_command

    _use_phrases(phrases)
    raise typer.Exit(validate_command(files, pair, lang.value if lang else None, select, ignore,
                                      format.value, unverified))


@app.command()
def rules(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the catalogue as Markdown to this file (docs/rules.md in drafter's repository).")] = None,
    force: Force = False,
    write: Annotated[bool, typer.Option("--write", hidden=True)] = False,
) -> None:
    """List the rules of `drafter validate`, each with a wrong and a right example.

    Example: drafter rules -o docs/rules.md --force
    """
    if write and output is None:
        _fail("--write needs the file to write: -o docs/rules.md (add --force to replace it)")
    if output is None:
        from drafter.commands.rules import rules_command

        raise typer.Exit(rules_command(False))
    from drafter.commands.generated import write_or_print
    from drafter.rules.manual import rules_markdown

    raise typer.Exit(write_or_print(rules_markdown(), output, force))


@app.command()
def serve(
    folder: Annotated[Path, typer.Argument(help="The folder of sources to edit.")] = Path("."),
    port: Annotated[int, typer.Option(help="Port to listen on; 0 picks a free one.")] = 8765,
    host: Annotated[str, typer.Option(help="Address to listen on; other than 127.0.0.1, others on the network can reach the editor (with its token).")] = "127.0.0.1",
    browser: Annotated[bool, typer.Option("--browser/--no-browser", help="Open the editor in the web browser.")] = True,
    phrases: Phrases = None,
) -> None:
    """Edit the sources of FOLDER in the browser: a form and the YAML, with the English and French
    pages side by side as you type, the findings beside their paragraphs, and the downloads.

    Prints the address to open, with its access token; press Ctrl-C to stop.

    Example: drafter serve drafts/ --port 0 --no-browser
    """
    from drafter.commands.serve import serve_command

    _use_phrases(phrases.resolve() if phrases else None)
    raise typer.Exit(serve_command(folder, port, host, browser))


def _languages(value: str) -> list[str]:
    chosen = [item.strip() for item in value.split(",") if item.strip()]
    if not chosen or any(item not in Lang.__members__ for item in chosen):
        _fail(f"--lang takes {', '.join(Lang.__members__)} separated by commas, not {value!r}")
    return list(dict.fromkeys(chosen))


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(f"--date {value!r} is not a date written as YYYY-MM-DD")


def _author(value: str) -> str:
    if has_controls(value):
        _fail(f"--author {value!r} is not a plain name: give it without control characters "
              "(newlines, tabs, escapes)")
    return value


def _use_phrases(path: Path | None) -> None:
    """Check the phrase book of --phrases now, and use it for every source this command loads."""
    from drafter import phrasebook
    from drafter.source import SourceInvalid

    if path is not None:
        try:
            phrasebook.load_book(path)
        except SourceInvalid as invalid:
            say(*map(str, invalid.errors), err=True)
            raise typer.Exit(EXIT_INPUT) from None
    phrasebook.select(path)


def _fail(message: str) -> NoReturn:
    say(f"drafter: {message}", err=True)
    raise typer.Exit(EXIT_INPUT)
