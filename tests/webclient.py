"""A client that talks to the editor's app in process through httpx's ASGI transport, as a
browser would (Host, Origin, the token cookie); shared by the tests under tests/web."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from drafter.web.app import Settings, create_app

TOKEN = "t0ken-for-tests"
PORT = 8765
ORIGIN = f"http://127.0.0.1:{PORT}"


class Client:
    """Synchronous calls to the app; ``login()`` trades the token for the cookie first."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.app = create_app(settings)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, **options: Any) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)  # type: ignore[arg-type]
            async with httpx.AsyncClient(transport=transport, base_url=ORIGIN,
                                         cookies=self.cookies) as client:
                return await client.request(method, path, **options)

        return asyncio.run(send())

    def login(self) -> httpx.Response:
        response = self.request("GET", f"/?token={self.settings.token}")
        self.cookies = dict(response.cookies)
        return response

    def get(self, path: str, **options: Any) -> httpx.Response:
        return self.request("GET", path, **options)

    def post(self, path: str, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
        return self.request("POST", path, json=body,
                            headers={"origin": ORIGIN, "sec-fetch-site": "same-origin", **(headers or {})})
