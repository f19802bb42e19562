"""What reaches the terminal: every message line escaped, and characters it cannot show degraded.

Values in messages come from sources, Word files and arguments, so they may hold control
characters: ESC would drive the terminal, and a newline could forge a second ``file:1:1:`` line.
``printable`` escapes them (``\\n``, ``\\x1b``) at the output boundary, and ``say`` prints each
line through it. A terminal that cannot encode a character (``LC_ALL=C``,
``PYTHONIOENCODING=ascii``) gets a plain stand-in ("->" for "→", "e" for "é") instead of a
crash: ``degrade_streams`` installs that for the console script.
"""

from __future__ import annotations

import codecs
import re
import sys

#: C0 and C1 controls (newline and tab included), line and paragraph separators, the
#: bidirectional overrides that reorder what is shown, and lone surrogates (the bytes of a file
#: name that is not UTF-8, as Python decodes them).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: Stand-ins for characters drafter prints that have no decomposition into ASCII letters.
_STAND_INS = {
    "→": "->", "←": "<-", "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "«": "<<",
    "»": ">>", "–": "-", "—": "--", "…": "...", "•": "*", "×": "x", "≥": ">=", "≤": "<=",
    "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "\u00a0": " ", "\u202f": " ",
}
DEGRADE = "drafter-degrade"


def printable(value: object) -> str:
    """``value`` as text that shows as one line and cannot drive the terminal."""
    return _UNSAFE.sub(_escape, str(value))


def has_controls(text: str) -> bool:
    """Whether ``text`` holds a character that ``printable`` would escape."""
    return _UNSAFE.search(text) is not None


def say(*lines: object, err: bool = False) -> None:
    """Print each of ``lines`` as one escaped line, on stdout or (``err``) stderr."""
    stream = sys.stderr if err else sys.stdout
    for line in lines:
        print(printable(line), file=stream)
    stream.flush()


def fit(text: str, stream: object = None) -> str:
    """``text`` as ``stream`` (stdout by default) will show it: degraded where its encoding
    cannot hold a character, so that a layout measured on it stays right."""
    encoding = getattr(stream or sys.stdout, "encoding", None) or "utf-8"
    return text.encode(encoding, DEGRADE).decode(encoding)


def write_data(text: str) -> None:
    """Print a file's contents (a source, a schema) on stdout as UTF-8, whatever the terminal's
    encoding: it is data to redirect into a file, so it is neither escaped nor degraded."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def _escape(found: re.Match[str]) -> str:
    char = found.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the undecodable byte itself
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _degrade(error: UnicodeError) -> tuple[str, int]:
    """The codec error handler: a plain stand-in for each character the stream cannot encode.

    Written here because the stand-ins are few (accents are dropped by Unicode decomposition,
    punctuation comes from a short table) and a transliteration library would be a dependency
    for one error path.
    """
    import unicodedata

    if not isinstance(error, UnicodeEncodeError):
        raise error
    plain = []
    for char in error.object[error.start:error.end]:
        stand_in = _STAND_INS.get(char)
        if stand_in is None:
            decomposed = unicodedata.normalize("NFKD", char)
            stand_in = decomposed.encode("ascii", "ignore").decode("ascii") or "?"
        plain.append(stand_in)
    return "".join(plain), error.end


codecs.register_error(DEGRADE, _degrade)


def degrade_streams() -> None:
    """Let stdout and stderr print what their encoding cannot hold as plain stand-ins."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", None) or "ascii").lower().replace("_", "-")
        if reconfigure is not None and not encoding.startswith("utf"):
            reconfigure(errors=DEGRADE)
