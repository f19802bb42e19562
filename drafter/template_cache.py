"""Compiled templates kept between runs, in ``$XDG_CACHE_HOME/drafter/templates`` (by default
``~/.cache/drafter/templates``): compiling the templates is most of a cold render.

Jinja's ``FileSystemBytecodeCache`` keys an entry by template name and file only, so code
compiled for the sandbox of user templates was served to the environment of the built-in ones
(and failed there), and it unpickles whatever the file holds. Here an entry's key is the
environment kind, the template's file and its content; the file carries its key and a SHA-256
of the code, and anything that does not match, cannot be read or cannot be written is a miss.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from pathlib import Path
from types import CodeType

import jinja2
from jinja2.bccache import Bucket

from drafter.cache_entries import cache_folder, read_entry, write_entry

_FORMAT = f"drafter-template-cache 1 {sys.implementation.cache_tag} jinja-{jinja2.__version__}"
_SANDBOX_SOURCE = Path(__file__).with_name("sandbox.py")


def template_cache() -> TemplateCache | None:
    """The cache in the user's cache folder; none when drafter's own source cannot be read."""
    try:
        # Code compiled by another version of the guards must not be reused: key on their source.
        guards = hashlib.sha256(_SANDBOX_SOURCE.read_bytes()).hexdigest()
    except OSError:
        return None
    return TemplateCache(cache_folder("templates"), guards)


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
        payload = read_entry(self.folder / bucket.key, bucket.key, _FORMAT)
        if payload is None:
            return
        try:
            code = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return
        if isinstance(code, CodeType):
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the compiled code; a cache that cannot be written only means templates compile
        again next time."""
        write_entry(self.folder, bucket.key, _FORMAT, marshal.dumps(bucket.code))
