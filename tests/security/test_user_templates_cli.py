"""Hostile ``--templates`` folders through the installed command, as a user would meet them:
exit code 2 (never 70), one line naming the template, nothing written, no code run, and the
same clean drafts before and after, from the same template cache.

Each run has a ceiling of 1 GiB of address space (on Linux) and two minutes: a guard that let
a probe through would show as a memory error or a time-out, not as the expected sentence.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from user_templates import REPORT_REQUESTED as NAME
from user_templates import user_templates

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "csto-77-13.yaml"
DRAFTER = Path(sys.executable).parent / "drafter"
PAYLOAD = "cposix\\nsystem\\n(S'touch {marker}'\\ntR."
SECRET = "a secret that must never reach a draft"


def _ceiling() -> None:
    import resource

    try:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    except (ValueError, OSError):  # platforms that do not enforce it
        pass


def _drafter(cache: Path, *arguments: object) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    environment.pop("DRAFTER_DEBUG", None)
    return subprocess.run([str(DRAFTER), *map(str, arguments)], capture_output=True, text=True,
                          env=environment, preexec_fn=_ceiling, timeout=120, cwd=ROOT)


def _written(out: Path) -> list[str]:
    return sorted(path.name for path in out.rglob("*")) if out.exists() else []


#: A sample of the probes of tests/test_sandbox_limits.py and test_sandbox.py.
PROBES = {
    "pickle exploit": (f'{{{{ mandate.parse_raw("{PAYLOAD}", proto="pickle", allow_pickle=True) }}}}',
                       "has no attribute 'parse_raw'"),
    "file read": ("{{ org.parse_file('{secret}') }}", "has no attribute 'parse_file'"),
    "include outside": ("{% include '../../../secret.txt' %}", "points outside the templates folder"),
    "nested loops": ("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}"
                     "{% endfor %}", "more than 100,000 loop turns"),
    "recursive include": (f"{{% include '{NAME}' %}}", "goes too deep"),
    "text times ten billion": ("{{ 'x' * 10**10 }}", "larger than 250,000"),
    "huge join": ("{{ (['x' * 100000] * 100000)|join }}", "larger than 250,000"),
    "range of a billion": ("{% for i in range(10**9) %}{% endfor %}", "at most 250,000 numbers"),
    "recursive macro": ("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}", "goes too deep"),
    "a huge power": ("{{ 2**999999 }}", "larger than 1,024 bits"),
    "subclasses": ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "templates cannot use '__class__'"),
    "doubling a list": ("{% set ns = namespace(l=['x']) %}{% for i in range(64) %}"
                        "{% set ns.l = [ns.l, ns.l] %}{% endfor %}{{ ns.l }}", "larger than 250,000"),
}


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One template cache for the whole module, as one user's ~/.cache/drafter."""
    return tmp_path_factory.mktemp("cache")


@pytest.mark.parametrize(("text", "expected"), PROBES.values(), ids=PROBES.keys())
def test_a_hostile_template_is_exit_2_with_one_line_naming_it(text, expected, cache, tmp_path):
    marker, secret = tmp_path / "pwned", tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    text = text.replace("{marker}", str(marker)).replace("{secret}", str(secret))
    out = tmp_path / "out"
    done = _drafter(cache, "render", EXAMPLE, "--out", out,
                    "--templates", user_templates(tmp_path / "t" / "u", text))
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"{EXAMPLE}: fr: template {NAME}")
    assert expected in done.stderr
    assert done.stderr.count("\n") == 1 and "internal error" not in done.stderr
    assert done.stdout == "" and _written(out) == []
    assert not marker.exists() and SECRET not in done.stderr


def test_a_template_linked_outside_the_folder_is_refused(cache, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    templates = user_templates(tmp_path / "templates", None)
    (templates / "fr" / NAME).symlink_to(secret)
    out = tmp_path / "out"
    done = _drafter(cache, "render", EXAMPLE, "--format", "txt", "--out", out,
                    "--templates", templates)
    assert done.returncode == 2, done.stderr
    assert "is a link to" in done.stderr and "outside the templates folder" in done.stderr
    assert SECRET not in done.stderr and _written(out) == []


def test_after_hostile_templates_every_plain_command_works_and_drafts_are_unchanged(cache,
                                                                                    tmp_path):
    before = tmp_path / "before"
    assert _drafter(cache, "render", EXAMPLE, "--out", before).returncode == 0
    for probe in ("pickle exploit", "recursive include"):
        _drafter(cache, "render", EXAMPLE, "--out", tmp_path / "bad", "--templates",
                 user_templates(tmp_path / "hostile", PROBES[probe][0]))
    good = user_templates(tmp_path / "good", "le Secrétaire général de faire rapport")
    assert _drafter(cache, "render", EXAMPLE, "--out", tmp_path / "custom",
                    "--templates", good).returncode == 0

    after = tmp_path / "after"
    runs = {
        "render": _drafter(cache, "render", EXAMPLE, "--out", after),
        "validate": _drafter(cache, "validate", EXAMPLE),
        "followup": _drafter(cache, "followup", EXAMPLE, "--session", "79", "--out",
                             tmp_path / "followup"),
        "batch": _drafter(cache, "batch", EXAMPLE, "--out", tmp_path / "batch"),
    }
    assert {command: done.returncode for command, done in runs.items()} == {
        "render": 0, "validate": 0, "followup": 0, "batch": 0}, {c: d.stderr for c, d in runs.items()}
    for lang in ("en", "fr"):
        name = f"{EXAMPLE.stem}.{lang}.docx"
        assert (after / name).read_bytes() == (before / name).read_bytes()
        assert (tmp_path / "batch" / name).read_bytes() == (before / name).read_bytes()
