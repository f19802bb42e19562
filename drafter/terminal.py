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
import sys
import unicodedata

#: What is escaped, by Unicode category: controls (C0 and C1, newline and tab included), format
#: characters (the bidirectional overrides that reorder what is shown, zero-width marks), line and
#: paragraph separators, lone surrogates (the bytes of a file name that is not UTF-8, as Python
#: decodes them), private-use and unassigned code points. No-break spaces (Zs) are kept.
_UNSAFE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
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
    text = str(value)
    if text.isprintable():  # the usual case, at C speed (it also refuses no-break spaces)
        return text
    return "".join(_escape(char) if _unsafe(char) else char for char in text)


def has_controls(text: str) -> bool:
    """Whether ``text`` holds a character that ``printable`` would escape."""
    return not text.isprintable() and any(map(_unsafe, text))


def _unsafe(char: str) -> bool:
    return unicodedata.category(char) in _UNSAFE


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


def _escape(char: str) -> str:
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
