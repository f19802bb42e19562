"""What reaches the terminal: control characters escaped, one printed line per message line, and
characters the terminal cannot encode degraded instead of crashing."""

from __future__ import annotations

import io
import sys

import pytest

from drafter import terminal
from drafter.terminal import DEGRADE, degrade_streams, has_controls, printable, say, write_data


@pytest.mark.parametrize(("raw", "shown"), [
    ("a\x1b[31mred", "a\\x1b[31mred"),
    ("bell\x07", "bell\\x07"),
    ("two\nlines", "two\\nlines"),
    ("carriage\rreturn", "carriage\\rreturn"),
    ("tab\there", "tab\\there"),
    ("delete\x7f", "delete\\x7f"),
    ("c1 csi\x9b31m", "c1 csi\\x9b31m"),
    ("line\u2028separator", "line\\u2028separator"),
    ("right\u202eto-left", "right\\u202eto-left"),
    ("latin1-\udcffname.yaml", "latin1-\\xffname.yaml"),
    ("zero\u200bwidth", "zero\\u200bwidth"),
    ("private\ue000use", "private\\ue000use"),
], ids=["escape", "bell", "newline", "carriage return", "tab", "delete", "c1 control",
        "line separator", "bidi override", "undecodable byte", "zero width space", "private use"])
def test_control_characters_are_escaped(raw: str, shown: str) -> None:
    assert printable(raw) == shown
    assert has_controls(raw)


def test_french_text_and_no_break_spaces_are_kept_as_they_are() -> None:
    text = "« Coopération » → l’Organisation\u202f; 1\u00a0000"
    assert printable(text) == text
    assert not has_controls(text)


def test_a_value_with_a_newline_cannot_forge_a_second_line(capsys: pytest.CaptureFixture[str]) -> None:
    say("draft.yaml:3:1: unknown organization 'x\ndraft.yaml:1:1: forged'", "second", err=True)
    assert capsys.readouterr().err.splitlines() == [
        "draft.yaml:3:1: unknown organization 'x\\ndraft.yaml:1:1: forged'", "second"]


def test_characters_an_ascii_terminal_cannot_show_are_degraded() -> None:
    text = "session 77 → 79, « Secrétaire général », “quoted” — œuvre… 中"
    assert text.encode("ascii", DEGRADE) == (
        b'session 77 -> 79, << Secretaire general >>, "quoted" -- oeuvre... ?')


def test_a_latin1_terminal_keeps_the_accents_it_can_show() -> None:
    assert "é → è".encode("latin-1", DEGRADE) == "é -> è".encode("latin-1")


def test_streams_that_cannot_encode_unicode_are_set_to_degrade(monkeypatch: pytest.MonkeyPatch) -> None:
    ascii_out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    utf8_err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", ascii_out)
    monkeypatch.setattr(sys, "stderr", utf8_err)
    degrade_streams()
    assert ascii_out.errors == DEGRADE and utf8_err.errors == "strict"
    print("é → x", file=ascii_out)
    ascii_out.flush()
    assert ascii_out.buffer.getvalue() == b"e -> x\n"  # type: ignore[attr-defined]


def test_data_is_printed_as_utf8_whatever_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    ascii_out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr(terminal.sys, "stdout", ascii_out)
    write_data("fr: « Secrétaire général »\n")
    assert ascii_out.buffer.getvalue() == "fr: « Secrétaire général »\n".encode()  # type: ignore[attr-defined]
