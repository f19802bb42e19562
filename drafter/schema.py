"""The JSON Schema of a source: generated from the model, shipped inside the package.

Editors that speak the YAML language server complete and check a source against it: the
opener, verb and organization keys are enums there, beside the inline-phrase objects. The copy
in the package (``PACKAGED``) is what ``location`` and ``modeline`` point at, so a source
written anywhere finds it once drafter is installed; ``schemas/resolution.schema.json`` at the
top of a checkout is the same file, for the examples.
"""

from __future__ import annotations

import json
from pathlib import Path

from drafter.resources import DATA

#: The schema as shipped in the wheel.
PACKAGED = DATA / "resolution.schema.json"


def schema_json() -> str:
    """The JSON Schema of a source file, generated from the model."""
    from drafter.resolution import Resolution

    return json.dumps(Resolution.model_json_schema(), indent=2, ensure_ascii=False) + "\n"


def location() -> Path:
    """Where the packaged schema is on this machine."""
    return PACKAGED


def modeline() -> str:
    """The first line of a YAML source that tells an editor which schema checks it."""
    return f"# yaml-language-server: $schema={location().as_uri()}"
