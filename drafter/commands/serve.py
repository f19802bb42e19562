"""``drafter serve``: the browser editor on a local port, with a fresh token per start.

The socket is bound first, so that port 0 works and the printed URL shows the real port; then
uvicorn serves the app on that socket. Starlette and uvicorn are imported here only, so that the
other commands do not pay for them. The browser is opened through a redirect file (as Jupyter
does), which keeps the token out of other users' process listings.
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import webbrowser
from pathlib import Path

from drafter.exits import EXIT_INPUT
from drafter.terminal import say
from drafter.web.security import loopback_host, make_token


def display_url(host: str, port: int, token: str) -> str:
    """The address to print: a wildcard host is shown as the loopback address that reaches it."""
    shown = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/?token={token}"


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (0: any free port); OSError when it cannot be."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(64)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def serve_command(folder: Path, port: int, host: str, open_browser: bool) -> int:
    """Serve the editor for the sources in ``folder`` until Ctrl-C; return the exit code."""
    if not folder.is_dir():
        say(f"drafter: {folder} is not a folder; give the folder that holds the sources "
            "(or nothing, for the current folder)", err=True)
        return EXIT_INPUT
    if not 0 <= port <= 65535:
        say(f"drafter: --port {port} is not a port; give one from 1 to 65535, or 0 for any free one",
            err=True)
        return EXIT_INPUT
    try:
        sock = bind(host, port)
    except OSError as error:
        say(f"drafter: cannot listen on {host}:{port} ({error.strerror or error}); choose another "
            "--port, or --port 0 for any free one", err=True)
        return EXIT_INPUT
    token = make_token()
    real_port = sock.getsockname()[1]
    url = display_url(host, real_port, token)
    # The socket listens already: the address works from now on, and a browser that connects
    # while the app is still importing simply waits in the socket's queue.
    say(f"drafter serve: editing the sources in {folder.resolve()}")
    from drafter.phrasebook import selected

    if selected() is not None:
        say(f"  with the phrase book {selected()} (and any phrases.yaml in the folder)")
    if not loopback_host(host):
        say(f"  listening on {host}: anyone who can reach this machine and has the address "
            "below can edit these files")
    say(f"  open {url}", "  press Ctrl-C to stop")
    if open_browser:
        _open_browser(url)
    import uvicorn

    from drafter.web.app import Settings, create_app

    templates = folder / "templates"
    settings = Settings(root=folder.resolve(), token=token, port=real_port, host=host,
                        templates=templates if templates.is_dir() else None)
    threading.Thread(target=_warm, daemon=True).start()
    config = uvicorn.Config(create_app(settings), log_level="warning", lifespan="off",
                            server_header=False)
    uvicorn.Server(config).run(sockets=[sock])
    return 0


def _warm() -> None:
    """Load the model and the pipeline while the browser is on its way: the first page needs
    them, and importing them is most of a cold start."""
    import drafter.web.preview  # noqa: F401
    import drafter.commands.validate  # noqa: F401


def _open_browser(url: str) -> None:
    """Open ``url`` through a page that redirects to it, readable by this user only."""
    handle, name = tempfile.mkstemp(prefix="drafter-open-", suffix=".html")
    with os.fdopen(handle, "w", encoding="utf-8") as page:
        page.write(f'<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" '
                   f'content="0;url={url}"><p><a href="{url}">Open the drafter editor</a></p>\n')
    webbrowser.open(Path(name).as_uri())
