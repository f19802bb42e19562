"""Compiled templates kept between runs, in ``$XDG_CACHE_HOME/drafter/templates`` (by default
``~/.cache/drafter/templates``): compiling the templates is most of a cold render.

Jinja's ``FileSystemBytecodeCache`` keys an entry by template name and file only, so code
compiled for the sandbox of user templates was served to the environment of the built-in ones
(and failed there), and it unpickles whatever the file holds. Here an entry's key is the
environment kind, the template's file and its content; the file carries its key and a SHA-256
of the code, and anything that does not match, cannot be read or cannot be written is a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from types import CodeType

import jinja2
from jinja2.bccache import Bucket

_FORMAT = f"drafter-template-cache 1 {sys.implementation.cache_tag} jinja-{jinja2.__version__}"
#: Compiled code of the largest template is about 30 KB; anything far larger is not ours.
_MAX_ENTRY_BYTES = 4 * 1024 * 1024
_SANDBOX_SOURCE = Path(__file__).with_name("sandbox.py")


def template_cache() -> TemplateCache | None:
    """The cache in the user's cache folder; none when drafter's own source cannot be read."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    try:
        # Code compiled by another version of the guards must not be reused: key on their source.
        guards = hashlib.sha256(_SANDBOX_SOURCE.read_bytes()).hexdigest()
    except OSError:
        return None
    return TemplateCache(Path(base) / "drafter" / "templates", guards)


class TemplateCache(jinja2.BytecodeCache):
    """One file per environment kind, template file and template content."""

    def __init__(self, folder: Path, guards: str) -> None:
        self.folder = folder
        self.guards = guards

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> Bucket:
        kind = getattr(environment, "cache_kind", type(environment).__qualname__)
        key = hashlib.sha256("\0".join(
            [_FORMAT, self.guards, kind, name, filename or "", source]).encode()).hexdigest()
        bucket = Bucket(environment, key, key)
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        header = f"{_FORMAT} {bucket.key}\n".encode()
        try:
            with open(self.folder / bucket.key, "rb") as stream:
                data = stream.read(_MAX_ENTRY_BYTES + 1)
        except OSError:
            return
        digest, payload = data[len(header):len(header) + 32], data[len(header) + 32:]
        if not data.startswith(header) or hashlib.sha256(payload).digest() != digest:
            return
        try:
            code = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return
        if isinstance(code, CodeType):
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Write the entry atomically (parallel batch workers share the folder); a cache that
        cannot be written only means templates compile again next time."""
        payload = marshal.dumps(bucket.code)
        data = (f"{_FORMAT} {bucket.key}\n".encode() + hashlib.sha256(payload).digest() + payload)
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".part")
        except OSError:
            return
        try:
            with open(descriptor, "wb") as stream:
                stream.write(data)
            os.replace(temporary, self.folder / bucket.key)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
