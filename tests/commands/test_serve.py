"""``drafter serve``: the printed address, and the real command in a subprocess on port 0."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import urllib.error
import urllib.request

import pytest

from conftest import EXAMPLE
from drafter.commands.serve import bind, display_url
from serving import address, serve


@pytest.mark.parametrize(("host", "port", "url"), [
    ("127.0.0.1", 8765, "http://127.0.0.1:8765/?token=T"),
    ("localhost", 80, "http://localhost:80/?token=T"),
    ("::1", 8888, "http://[::1]:8888/?token=T"),
    ("0.0.0.0", 9000, "http://127.0.0.1:9000/?token=T"),
    ("::", 9000, "http://[::1]:9000/?token=T"),
    ("my-laptop", 1234, "http://my-laptop:1234/?token=T"),
])
def test_the_printedaddress(host, port, url):
    assert display_url(host, port, "T") == url


def test_port_zero_binds_a_free_port_and_a_taken_port_is_an_error():
    sock = bind("127.0.0.1", 0)
    try:
        port = sock.getsockname()[1]
        assert port > 0
        with pytest.raises(OSError):
            bind("127.0.0.1", port)
    finally:
        sock.close()


def test_python_m_drafter_serve_prints_its_real_port_and_serves_with_the_token(tmp_path):
    shutil.copy(EXAMPLE, tmp_path / "csto-77-13.yaml")
    process = serve(tmp_path, "--port", "0", "--no-browser")
    try:
        url = address(process)
        found = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/\?token=([0-9a-f]{48})", url)
        assert found and found.group(1) != "0", url
        base = f"http://127.0.0.1:{found.group(1)}"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base + "/")
        assert refused.value.code == 403
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        page = opener.open(url).read().decode("utf-8")
        assert "csto-77-13.yaml" in page
    finally:
        errors = _stopped(process)
    assert "Traceback" not in errors, errors


def test_a_folder_that_does_not_exist_is_one_sentence_and_exit_2(tmp_path):
    process = serve(tmp_path / "missing", "--port", "0", "--no-browser")
    out, errors = process.communicate(timeout=30)
    assert process.returncode == 2
    assert errors.strip().count("\n") == 0 and "is not a folder" in errors


def test_a_port_in_use_is_one_sentence_and_exit_2(tmp_path):
    sock = bind("127.0.0.1", 0)
    try:
        process = serve(tmp_path, "--port", str(sock.getsockname()[1]), "--no-browser")
        _, errors = process.communicate(timeout=30)
    finally:
        sock.close()
    assert process.returncode == 2 and "--port 0" in errors and "Traceback" not in errors


@pytest.mark.parametrize("port", ["70000", "-1"])
def test_a_port_out_of_range_is_one_sentence_and_exit_2(tmp_path, port):
    """bind() raised OverflowError, which is not an OSError: it was exit 70."""
    process = serve(tmp_path, "--port", port, "--no-browser")
    _, errors = process.communicate(timeout=30)
    assert process.returncode == 2 and errors.strip().count("\n") == 0 and "is not a port" in errors


def test_serve_takes_a_phrase_book_as_the_other_commands_do(tmp_path):
    """--phrases FILE: the editor offers and accepts its keys, as it does phrases.yaml's."""
    folder, books = tmp_path / "drafts", tmp_path / "books"
    folder.mkdir()
    books.mkdir()
    shutil.copy(EXAMPLE, folder / "csto-77-13.yaml")
    book = books / "team.yaml"
    book.write_text("operative:\n  stands_ready: {en: Stands ready, fr: Se tient prête}\n",
                    encoding="utf-8")
    process = serve(folder, "--port", "0", "--no-browser", "--phrases", str(book))
    try:
        url = address(process)
        base = url.split("/?")[0]
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        opener.open(url).read()
        vocabulary = json.loads(opener.open(base + "/api/vocabulary").read().decode("utf-8"))
        assert {"key": "stands_ready", "en": "Stands ready", "fr": "Se tient prête"} in \
            vocabulary["phrases"]["operative"]
        text = (folder / "csto-77-13.yaml").read_text(encoding="utf-8").replace(
            "verb: appreciates", "verb: stands_ready")
        request = urllib.request.Request(
            base + "/api/render", json.dumps({"name": "csto-77-13.yaml", "text": text}).encode(),
            {"Content-Type": "application/json", "Origin": base, "Sec-Fetch-Site": "same-origin"})
        answer = json.loads(opener.open(request).read().decode("utf-8"))
        assert answer["valid"], answer["errors"]
        assert "<i>Se tient prête</i>" in answer["html"]["fr"]
    finally:
        errors = _stopped(process)
    assert "Traceback" not in errors, errors


def test_serve_refuses_a_phrase_book_with_a_mistake_before_it_listens(tmp_path):
    book = tmp_path / "team.yaml"
    book.write_text("operative:\n  stands_ready: 1\n", encoding="utf-8")
    process = serve(tmp_path, "--port", "0", "--no-browser", "--phrases", str(book))
    out, errors = process.communicate(timeout=30)
    assert process.returncode == 2 and "http://" not in out
    assert errors.startswith(f"{book}:2:") and "Traceback" not in errors


def _stopped(process: subprocess.Popen[str]) -> str:
    """Stop the server and return what it wrote on stderr."""
    process.terminate()
    try:
        return process.communicate(timeout=10)[1]
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()[1]
