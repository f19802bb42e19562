"""The editor's pages and its JSON calls; each reads the settings from ``app.state``.

The browser sends file names, never paths (``library.source_path`` checks them), and the text
being edited: previews, downloads and comparisons are made from that text, saved or not.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from drafter.web import library
from drafter.web.library import LibraryError

if TYPE_CHECKING:
    from drafter.web.app import Settings

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def _pages() -> Environment:
    """The editor's own page templates (not the user's: those only ever reach compose)."""
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_pages().get_template(template).render(**context), status_code=status)


async def _body(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
        # JSON may escape a lone surrogate ("\\ud800"), which no file can hold: refuse it here
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
        raise LibraryError("The request is not JSON.") from None
    if not isinstance(body, dict):
        raise LibraryError("The request is not a JSON object.")
    return body


def _text(body: dict[str, Any], field: str) -> str:
    value = body.get(field)
    if not isinstance(value, str):
        raise LibraryError(f"The request lacks its {field}.")
    return value


def _name(body: dict[str, Any]) -> str:
    return _text(body, "name")


# -- pages ------------------------------------------------------------------------------------

async def folder(request: Request) -> Response:
    """The sources of the folder, with "New draft"."""
    from drafter.organizations import registry

    settings = _settings(request)
    entries = library.list_sources(settings.root, settings.templates)
    organizations = sorted(((key, entry.en.name) for key, entry in registry().items()),
                           key=lambda item: item[1])
    return _page("folder.html", entries=entries, folder=settings.root, organizations=organizations)


async def editor(request: Request) -> Response:
    """The editor of one source: form, YAML, both previews and the findings."""
    settings = _settings(request)
    name = request.path_params["name"]
    library.read_source(settings.root, name)  # a missing file is a 404 page, not an empty editor
    others = [other for other in library.comparable_names(settings.root) if other != name]
    return _page("editor.html", name=name, others=others)


# -- data -------------------------------------------------------------------------------------

async def vocabulary(request: Request) -> Response:
    """What the form and the YAML completion offer: the schema, phrases (the folder's phrase
    book after the lexicon), organizations."""
    from drafter.phrasebook import BESIDE

    book = library.phrase_book(_settings(request).root, BESIDE)
    words = _vocabulary()
    phrases = {section: [*words["phrases"][section],
                         *({"key": key, **(book.phrase(section, key) or {})} for key in book.keys(section))]
               for section in ("preamble", "operative")}
    return JSONResponse({**words, "phrases": phrases})


@cache
def _vocabulary() -> dict[str, Any]:
    from drafter.language import language, phrase_keys
    from drafter.organizations import registry
    from drafter.schema import schema_json
    from drafter.resolution import STANDARDS

    english, french = language("en"), language("fr")
    phrases = {section: [{"key": key, "en": english.phrase(section, key),
                          "fr": french.phrase(section, key)} for key in phrase_keys(section)]
               for section in ("preamble", "operative")}
    organizations = [{"key": key, "en": entry.en.name, "fr": entry.fr.name}
                     for key, entry in sorted(registry().items())]
    return {"schema": json.loads(schema_json()), "phrases": phrases,
            "organizations": organizations, "standards": STANDARDS}


async def source(request: Request) -> Response:
    """The text of a source and its version, as on disk now."""
    text, version = library.read_source(_settings(request).root, request.path_params["name"])
    return JSONResponse({"text": text, "version": version})


async def render(request: Request) -> Response:
    """A keystroke: the text (with the form's data merged in, when given), previewed."""
    from drafter.web.edits import EditFailure, apply_data
    from drafter.web.preview import preview

    settings = _settings(request)
    body = await _body(request)
    text = _text(body, "text")
    data = body.get("data")
    if data is not None:
        if not isinstance(data, dict):
            raise LibraryError("The form's data is not a mapping.")
        try:
            text = apply_data(text, data)
        except EditFailure as failure:
            raise LibraryError(str(failure), 422) from None
    name = _name(body)
    shown = preview(text, name, settings.templates, library.phrase_book(settings.root, name))
    return JSONResponse({"text": text, **shown.as_json()})


async def save(request: Request) -> Response:
    """Write the text over the source, unless it does not load or the file changed on disk."""
    body = await _body(request)
    opened = body.get("version")
    if not isinstance(opened, str):
        raise LibraryError("The request lacks the version the editor opened.")
    version = library.save_source(_settings(request).root, _name(body), _text(body, "text"),
                                  opened, force=body.get("force") is True)
    return JSONResponse({"version": version})


async def new_draft(request: Request) -> Response:
    """A first draft for an organization and a session, as ``drafter new`` writes it."""
    from drafter.first_draft import NewDraftError, header, new_resolution
    from drafter.yamlout import dump_resolution

    body = await _body(request)
    organization, session = body.get("organization"), body.get("session")
    if not isinstance(organization, str) or not isinstance(session, int) or isinstance(session, bool):
        raise LibraryError("Choose an organization and a session number.")
    try:
        resolution = new_resolution(organization, session)
    except NewDraftError as error:
        raise LibraryError(f"{error}.", 422) from None
    name = f"{organization}-{session}.yaml"
    text = dump_resolution(resolution, header(resolution))
    library.save_source(_settings(request).root, name, text, None)
    return JSONResponse({"name": name}, status_code=201)


async def download(request: Request) -> Response:
    """One language as Word, PDF or text, from the text being edited."""
    from drafter.web.downloads import document_file

    body = await _body(request)
    settings = _settings(request)
    made = document_file(settings.root, _text(body, "text"), _name(body), _text(body, "lang"),
                         _text(body, "format"), settings.templates)
    return _attachment(made.filename, made.data, made.media_type)


async def followup(request: Request) -> Response:
    """The follow-up for a later session, as the files ``drafter followup`` writes, zipped."""
    from drafter.web.downloads import followup_files

    body = await _body(request)
    session = body.get("session")
    if not isinstance(session, int) or isinstance(session, bool):
        raise LibraryError("Give the session of the follow-up as a number.")
    settings = _settings(request)
    made = followup_files(settings.root, _text(body, "text"), _name(body), session, settings.author)
    return _attachment(made.filename, made.data, made.media_type)


async def compare(request: Request) -> Response:
    """The text against another source of the folder, as tracked Word files, zipped."""
    from drafter.web.downloads import compare_files

    settings = _settings(request)
    body = await _body(request)
    made = compare_files(settings.root, _text(body, "text"), _name(body), _text(body, "other"),
                         settings.author)
    return _attachment(made.filename, made.data, made.media_type)


def _attachment(filename: str, data: bytes, media_type: str) -> Response:
    """A download named ``filename``: the header holds an ASCII stand-in and the name itself
    percent-encoded (RFC 6266), so no name can break the header or add one of its own."""
    plain = re.sub(r"[^A-Za-z0-9._ -]", "_", filename)
    return Response(data, media_type=media_type, headers={
        "content-disposition": f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(filename)}"})


# -- errors -----------------------------------------------------------------------------------

async def _library_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, LibraryError)
    content: dict[str, Any] = {"error": str(error)}
    if isinstance(error, library.Conflict):
        content["version"] = error.version
    if request.url.path.startswith("/api/"):
        return JSONResponse(content, status_code=error.status)
    return _page("message.html", status=error.status, message=str(error))


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    message = "There is no such page in the editor." if error.status_code == 404 else error.detail
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=error.status_code)
    return _page("message.html", status=error.status_code, message=message)


HANDLERS: dict[Any, Any] = {LibraryError: _library_error, HTTPException: _http_error}
