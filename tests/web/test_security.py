"""The editor lets in its one user only: Host, origin and token checks, bounded bodies, headers."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from drafter.web.security import (
    MAX_BODY,
    BodyLimit,
    HostCheck,
    OriginCheck,
    TokenAuth,
    cookie_name,
    loopback_host,
    make_token,
)
from webclient import ORIGIN, PORT, TOKEN, Client


# -- the middleware alone, on a fake scope ----------------------------------------------------

async def _reached(scope: Any, receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"reached"})


def _call(app: Any, method: str = "GET", headers: dict[str, str] | None = None, query: str = "",
          body: bytes = b"") -> tuple[int, dict[str, str], bytes]:
    scope = {"type": "http", "method": method, "path": "/", "scheme": "http",
             "query_string": query.encode(),
             "headers": [(key.lower().encode(), value.encode()) for key, value in (headers or {}).items()]}
    sent: list[dict[str, Any]] = []
    chunks = [body[i:i + 65536] for i in range(0, len(body), 65536)] or [b""]

    async def receive() -> dict[str, Any]:
        chunk = chunks.pop(0) if chunks else b""
        return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = sent[0]
    headers_out = {key.decode(): value.decode() for key, value in start.get("headers", [])}
    return start["status"], headers_out, b"".join(m.get("body", b"") for m in sent[1:])


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765", "127.0.0.2",
                                  "LOCALHOST:1"])
def test_loopback_hosts_are_let_in(host):
    assert _call(HostCheck(_reached), headers={"host": host})[0] == 200


@pytest.mark.parametrize("host", ["evil.example:8765", "attacker.test", "10.0.0.5:8765",
                                  "127.0.0.1.evil.example", "", "localhost.evil.example"])
def test_other_hosts_are_refused_against_dns_rebinding(host):
    status, _, body = _call(HostCheck(_reached), headers={"host": host} if host else {})
    assert status == 403 and b"drafter serve printed" in body


def test_the_host_given_with_host_is_let_in_too():
    assert _call(HostCheck(_reached, frozenset({"my-laptop"})), headers={"host": "my-laptop:8765"})[0] == 200


@pytest.mark.parametrize(("headers", "status"), [
    ({"sec-fetch-site": "same-origin"}, 200),
    ({"sec-fetch-site": "none"}, 200),
    ({"sec-fetch-site": "cross-site", "origin": ORIGIN}, 403),
    ({"sec-fetch-site": "same-site"}, 403),
    ({"origin": ORIGIN}, 200),
    ({"origin": "http://127.0.0.1:9999"}, 403),
    ({"origin": "http://evil.example"}, 403),
    ({"origin": "null"}, 403),
    ({}, 403),
])
def test_state_changing_requests_need_the_same_origin(headers, status):
    headers = {"host": f"127.0.0.1:{PORT}", **headers}
    assert _call(OriginCheck(_reached), "POST", headers)[0] == status


def test_reading_needs_no_origin():
    assert _call(OriginCheck(_reached), "GET", {"host": "127.0.0.1"})[0] == 200


def test_the_token_is_traded_for_a_strict_http_only_cookie_and_a_fixed_redirect():
    status, headers, _ = _call(TokenAuth(_reached, TOKEN, PORT), query=f"token={TOKEN}&next=//evil")
    assert status == 303 and headers["location"] == "/"
    cookie = headers["set-cookie"]
    assert cookie.startswith(f"{cookie_name(PORT)}={TOKEN};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie


@pytest.mark.parametrize(("query", "cookie"), [
    ("", ""),
    ("token=wrong", ""),
    (f"token={TOKEN}x", ""),
    ("", f"{cookie_name(PORT)}=wrong"),
    ("", f"{cookie_name(PORT + 1)}={TOKEN}"),  # another server's cookie
    ("", 'garbage="; ;;'),
])
def test_requests_without_the_right_token_are_refused(query, cookie):
    status, headers, body = _call(TokenAuth(_reached, TOKEN, PORT), query=query,
                                  headers={"cookie": cookie} if cookie else {})
    assert status == 403 and "set-cookie" not in headers
    assert b"reached" not in body


def test_the_cookie_lets_in():
    status, _, body = _call(TokenAuth(_reached, TOKEN, PORT),
                            headers={"cookie": f"other=1; {cookie_name(PORT)}={TOKEN}"})
    assert status == 200 and body == b"reached"


def test_a_body_announced_too_large_is_refused_unread():
    status, _, _ = _call(BodyLimit(_reached, 100), "POST", {"content-length": "101"})
    assert status == 413


async def _reads_body(scope: Any, receive: Any, send: Any) -> None:
    while (await receive()).get("more_body"):
        pass
    await _reached(scope, receive, send)


def test_a_body_streamed_past_the_limit_is_refused():
    status, _, _ = _call(BodyLimit(_reads_body, 100_000), "POST", body=b"x" * 200_000)
    assert status == 413
    assert _call(BodyLimit(_reads_body, 100_000), "POST", body=b"x" * 1000)[0] == 200


@pytest.mark.parametrize(("host", "expected"), [
    ("localhost", True), ("127.0.0.1", True), ("127.1.2.3", True), ("::1", True), ("[::1]", True),
    ("0.0.0.0", False), ("192.168.1.2", False), ("example.com", False)])
def test_loopback_host(host, expected):
    assert loopback_host(host) is expected


def test_tokens_are_fresh_and_long():
    first, second = make_token(), make_token()
    assert first != second and len(first) >= 40


# -- the whole app, through httpx -------------------------------------------------------------

def test_the_first_visit_sets_the_cookie_then_the_folder_opens(settings):
    client = Client(settings)
    assert client.get("/").status_code == 403
    response = client.login()
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("path", ["/", "/edit/csto-77-13.yaml", "/api/source/csto-77-13.yaml",
                                  "/api/vocabulary", "/static/editor.js", "/static/editor.css"])
def test_every_page_and_asset_needs_the_token(settings, path):
    response = Client(settings).get(path)
    assert response.status_code == 403
    assert "csto" not in response.text and "function" not in response.text


def test_a_foreign_host_is_refused_even_with_the_cookie(client):
    assert client.get("/", headers={"host": "evil.example:8765"}).status_code == 403


@pytest.mark.parametrize("headers", [{"sec-fetch-site": "cross-site"},
                                     {"sec-fetch-site": "", "origin": "http://evil.example"}])
def test_cross_site_saves_are_refused_even_with_the_cookie(client, folder, headers):
    before = (folder / "csto-77-13.yaml").read_bytes()
    response = client.request("POST", "/api/save", json={"name": "csto-77-13.yaml", "text": "x"},
                              headers={k: v for k, v in headers.items() if v})
    assert response.status_code == 403
    assert (folder / "csto-77-13.yaml").read_bytes() == before


def test_a_huge_request_is_refused(client):
    response = client.post("/api/render", {"name": "a.yaml", "text": "x" * (MAX_BODY + 10)})
    assert response.status_code == 413


def test_every_response_forbids_inline_script_and_framing(client):
    for path in ("/", "/edit/csto-77-13.yaml", "/static/editor.js", "/api/vocabulary"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
