"""The editor's ASGI application: settings, one route table, and the security middleware around it."""

from __future__ import annotations

import os
from pathlib import Path

from msgspec import Struct
from starlette.applications import Starlette
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from drafter.terminal import say
from drafter.web import views
from drafter.web.security import ASGIApp, Message, Receive, Scope, Send, protect, refuse

STATIC = Path(__file__).resolve().parent / "static"


class Settings(Struct, frozen=True):
    """What one ``drafter serve`` serves, fixed at start: the views read it from ``app.state``."""

    root: Path  # the folder of sources; nothing outside it is read or written
    token: str
    port: int
    host: str = "127.0.0.1"
    author: str = "drafter"  # who signs tracked changes
    templates: Path | None = None  # the folder's own templates (run in the sandbox)


def create_app(settings: Settings) -> ASGIApp:
    """The editor for ``settings.root``, behind the Host, origin and token checks."""
    routes = [
        Route("/", views.folder),
        Route("/edit/{name}", views.editor),
        Route("/api/vocabulary", views.vocabulary),
        Route("/api/source/{name}", views.source),
        Route("/api/render", views.render, methods=["POST"]),
        Route("/api/save", views.save, methods=["POST"]),
        Route("/api/new", views.new_draft, methods=["POST"]),
        Route("/api/download", views.download, methods=["POST"]),
        Route("/api/followup", views.followup, methods=["POST"]),
        Route("/api/compare", views.compare, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers=views.HANDLERS)
    app.state.settings = settings
    hosts = frozenset({settings.host}) if settings.host else frozenset()
    return protect(BugReport(app), settings.token, settings.port, hosts)


class BugReport:
    """A bug in a view is one line on the terminal and a 500 sentence in the page, never a
    traceback (DRAFTER_DEBUG=1 shows it), as the other commands do."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as error:
            if os.environ.get("DRAFTER_DEBUG"):
                raise
            # through say: the path and the message hold what the client sent
            say(f"drafter: internal error ({type(error).__name__}: {error}) on {scope.get('path')}; "
                "please report it. DRAFTER_DEBUG=1 shows the details.", err=True)
            if not started:
                await refuse(send, 500, "drafter met an internal error; your edits are kept in this "
                             "browser. Please report it (the terminal says more).")
