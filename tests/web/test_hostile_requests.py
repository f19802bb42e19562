"""The editor's JSON calls, probed as an attacker and a careless user would (issue 7 for
`drafter serve`): whatever a request holds, the answer is a sentence with a 4xx status, never a
500 (an internal error), and no file outside the folder is read or written. Host, origin, token
and body-size checks are in test_security.py; path traversal by name in test_app.py.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import unquote

import pytest

from conftest import EXAMPLE
from test_source import HOSTILE
from webclient import ORIGIN, Client

TEXT = EXAMPLE.read_text(encoding="utf-8")
FAR = TEXT.replace("distribution_date: 2022-11-25", "distribution_date: 9999-12-31")
ROUTES = ["/api/render", "/api/save", "/api/new", "/api/download", "/api/followup", "/api/compare"]


def _sentence(response: Any) -> str:
    """The error of a refused call: a 4xx status and one line."""
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
    message = response.json()["error"]
    assert isinstance(message, str) and message and "\n" not in message
    return message


def _raw(client: Client, path: str, body: bytes) -> Any:
    return client.request("POST", path, content=body,
                          headers={"origin": ORIGIN, "sec-fetch-site": "same-origin",
                                   "content-type": "application/json"})


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("body", [
    b"[" * 100_000 + b"]" * 100_000,
    b'{"name": "x.yaml", "text": "a", "data": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    b'{"name": "x.yaml", "text": "\\ud800", "lang": "en", "format": "txt", "session": 79, '
    b'"other": "csto-77-13.yaml", "version": "", "organization": "csto"}',
    b"\xff\xfe\x00", b"NaN", b"", b"null", b'"text"',
], ids=["arrays 100,000 deep", "data 5,000 deep", "a lone surrogate", "not UTF-8", "NaN", "empty",
        "null", "a string"])
def test_a_body_that_is_not_a_json_object_of_text_is_one_sentence(client, route, body):
    _sentence(_raw(client, route, body))


@pytest.mark.parametrize("data", [{"session": {"a": [1, {"b": None}]}}, {"preamble": [None, 1, "x"]},
                                  {"session": 10**30}, {"operative": "x" * 100_000},
                                  {"preamble": [{"opener": {"en": []}}]}, {"": None}, {"a" * 1000: 1}])
def test_odd_form_data_gives_a_preview_with_errors_or_a_sentence(client, data):
    response = client.post("/api/render", {"name": "x.yaml", "text": TEXT, "data": data})
    if response.status_code != 200:
        _sentence(response)
    else:
        assert response.json()["valid"] is False or data == {"": None}, data


@pytest.mark.parametrize(("route", "body"), [
    ("/api/download", {"name": "x.yaml", "text": TEXT, "lang": "xx", "format": "docx"}),
    ("/api/download", {"name": "x.yaml", "text": TEXT, "lang": "en", "format": "exe"}),
    ("/api/download", {"name": "x.yaml", "text": FAR.replace("session: 77", "session: true"),
                       "lang": "en", "format": "docx"}),
    ("/api/followup", {"name": "x.yaml", "text": FAR, "session": 79}),
    ("/api/followup", {"name": "x.yaml", "text": TEXT, "session": 10**100}),
    ("/api/followup", {"name": "x.yaml", "text": TEXT, "session": 8055}),
    ("/api/followup", {"name": "x.yaml", "text": TEXT, "session": -5}),
    ("/api/followup", {"name": "x.yaml", "text": TEXT, "session": 79.5}),
    ("/api/followup", {"name": "x.yaml", "text": TEXT, "session": True}),
    ("/api/compare", {"name": "x.yaml", "text": TEXT, "other": "broken.yaml"}),
    ("/api/compare", {"name": "x.yaml", "text": TEXT, "other": "../secret.yaml"}),
    ("/api/compare", {"name": "x.yaml", "text": TEXT, "other": "/etc/passwd"}),
    ("/api/compare", {"name": "x.yaml", "text": TEXT, "other": "missing.yaml"}),
    ("/api/compare", {"name": "x.yaml", "text": "session: [", "other": "csto-77-13.yaml"}),
    ("/api/new", {"organization": "csto", "session": 10**100}),
    ("/api/new", {"organization": "csto", "session": 8055}),
    ("/api/new", {"organization": "../csto", "session": 80}),
    ("/api/new", {"organization": "csto\x1b[2J", "session": 80}),
    ("/api/save", {"name": "x.yaml", "text": TEXT, "version": None}),
    ("/api/save", {"name": "x.yaml", "text": FAR.replace("session: 77", "session: !!bool maybe"),
                   "version": ""}),
])
def test_odd_values_in_a_call_are_one_sentence(client, route, body):
    _sentence(client.post(route, body))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_source_in_the_editor_gives_located_errors(client, folder, name):
    text = HOSTILE[name][0]
    answer = client.post("/api/render", {"name": "x.yaml", "text": text})
    assert answer.status_code == 200, answer.text[:300]
    assert answer.json()["valid"] is False and answer.json()["errors"][0]["line"] >= 1
    for route, extra in (("/api/download", {"lang": "fr", "format": "docx"}),
                         ("/api/followup", {"session": 81}), ("/api/save", {"version": ""}),
                         ("/api/compare", {"other": "csto-77-13.yaml"})):
        _sentence(client.post(route, {"name": "x.yaml", "text": text, **extra}))
    assert not (folder / "x.yaml").exists()


@pytest.mark.parametrize("name", ["é→.yaml", 'a"\r\nX-Evil: 1\r\n.yaml', "\x1b[2J.yaml", "a/../../b.yaml",
                                  "Projet 2024 v1.yaml", "x" * 119 + ".yaml"])
@pytest.mark.parametrize(("route", "extra"), [
    ("/api/download", {"lang": "fr", "format": "docx"}), ("/api/followup", {"session": 79}),
    ("/api/compare", {"other": "csto-77-13.yaml"})])
def test_a_download_named_anything_is_refused_or_has_one_clean_header(client, name, route, extra):
    response = client.post(route, {"name": name, "text": TEXT, **extra})
    if response.status_code != 200:
        _sentence(response)
        return
    disposition = response.headers["content-disposition"]
    assert "\r" not in disposition and "\n" not in disposition and "x-evil" not in response.headers
    assert disposition.isascii()
    shown = unquote(disposition.split("filename*=UTF-8''")[1])
    assert "/" not in shown and shown.endswith((".docx", ".zip"))


@pytest.mark.parametrize("route", ROUTES)
def test_no_call_is_answered_without_the_token(settings, folder, route):
    stranger = Client(settings)  # never logged in
    body = {"name": "csto-77-13.yaml", "text": "session: 1\n", "version": "", "force": True,
            "organization": "csto", "session": 80, "lang": "en", "format": "txt",
            "other": "csto-77-13.yaml"}
    response = stranger.post(route, body)
    assert response.status_code in (401, 403)
    assert "session: 1" not in (folder / "csto-77-13.yaml").read_text(encoding="utf-8")
    assert not (folder / "csto-80.yaml").exists()


@pytest.mark.parametrize("path", ["/api/source/..%2F..%2Fetc%2Fpasswd", "/static/..%2Fapp.py",
                                  "/static/../app.py", "/static/%2e%2e/views.py",
                                  "/api/source/x%00.yaml", "/api/source/" + "a" * 5000 + ".yaml",
                                  "/edit/%ff.yaml", "/api/source/%1b%5b2J.yaml"])
def test_odd_paths_are_a_404_that_shows_nothing_of_drafter(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "import " not in response.text and "root:" not in response.text


@pytest.fixture
def odd_files(folder):
    """Files a careless user leaves in the folder: links to themselves and a named pipe."""
    for name in ("loop.yaml", "loop.docx"):
        (folder / name).symlink_to(name)
    os.mkfifo(folder / "pipe.yaml")
    return folder


def test_an_earlier_version_with_many_mistakes_is_one_sentence(client, folder):
    """compare's mistakes are one line each; the editor shows the first and counts the others."""
    (folder / "two.yaml").write_text("session: 77\nfoo: 1\n", encoding="utf-8")
    message = _sentence(client.post("/api/compare", {"name": "x.yaml", "text": TEXT, "other": "two.yaml"}))
    assert message.startswith(f"{folder / 'two.yaml'}:1:1: missing field") and "more mistakes in two.yaml" in message


@pytest.mark.parametrize(("method", "path", "body"), [
    ("GET", "/", None), ("GET", "/edit/loop.yaml", None), ("GET", "/api/source/loop.yaml", None),
    ("GET", "/edit/pipe.yaml", None), ("GET", "/api/source/pipe.yaml", None),
    ("POST", "/api/save", {"name": "loop.yaml", "text": TEXT, "version": None}),
    ("POST", "/api/compare", {"name": "x.yaml", "text": TEXT, "other": "loop.docx"}),
    ("POST", "/api/compare", {"name": "x.yaml", "text": TEXT, "other": "pipe.yaml"}),
], ids=["the list", "edit a loop", "open a loop", "edit a pipe", "open a pipe", "save over a loop",
        "compare with a loop", "compare with a pipe"])
def test_links_to_themselves_and_pipes_in_the_folder_are_listed_or_refused_in_a_sentence(
        client, odd_files, method, path, body):
    response = client.request(method, path) if body is None else client.post(path, body)
    if path == "/":
        assert response.status_code == 200 and "csto-77-13.yaml" in response.text
    elif path.startswith("/edit/"):
        assert response.status_code in (200, 404), response.text[:300]
    else:
        _sentence(response)
    assert (odd_files / "pipe.yaml").is_fifo() and (odd_files / "loop.yaml").is_symlink()
