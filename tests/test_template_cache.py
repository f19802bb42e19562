"""The cache of compiled templates: keyed by environment kind, template file and content, and a
miss, never an error, when an entry is unreadable, corrupt or someone else's.

Before: after one ``render --templates``, every plain render failed with exit 70 until
~/.cache/drafter was deleted, because code compiled for the sandbox was served to the plain
environment."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest

from drafter.composer import compose
from drafter.sandbox import GuardedEnvironment, TemplateEnvironment
from drafter.template_cache import TemplateCache
from drafter.templating import Wording, _bytecode_cache
from user_templates import user_templates


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own, used by every Wording made while the test runs."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _bytecode_cache.cache_clear()
    yield tmp_path / "cache" / "drafter" / "templates"
    _bytecode_cache.cache_clear()


def _entries(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if not path.name.startswith("."))


def _document(example, lang: str, templates: Path | None = None):  # type: ignore[no-untyped-def]
    """A document composed by a new Wording, which reads the cache (wording() would not)."""
    from drafter import composer

    words = Wording(lang, templates)
    with words.limits():
        return composer._Composer(example, words).document()


def test_after_a_render_with_user_templates_the_built_in_ones_still_render(example, lang, cache,
                                                                            tmp_path):
    expected = compose(example, lang)
    _document(example, lang, user_templates(tmp_path / "templates", "le Secrétaire général"))
    assert _document(example, lang) == expected


def test_each_environment_kind_has_entries_of_its_own(example, cache, tmp_path):
    _document(example, "fr")
    builtin = set(_entries(cache))
    _document(example, "fr", user_templates(tmp_path / "templates", "le Secrétaire général"))
    guarded = set(_entries(cache)) - builtin
    # Every template compiled again for the sandbox of user templates, the user's own in place
    # of the built-in one it overrides.
    assert len(guarded) == len(builtin)


def test_garbage_in_every_cache_file_is_a_miss_and_renders_still_work(example, lang, cache,
                                                                       tmp_path):
    expected = compose(example, lang)
    _document(example, lang)
    _document(example, lang, user_templates(tmp_path / "templates", "le Secrétaire général"))
    entries = _entries(cache)
    assert entries
    for index, entry in enumerate(entries):
        entry.write_bytes(bytes(range(256)) * (index + 1))
    assert _document(example, lang) == expected
    _document(example, lang, user_templates(tmp_path / "templates", "le Secrétaire général"))
    # The bad entries were replaced by good ones.
    assert all(entry.read_bytes()[:22] == b"drafter-template-cache" for entry in _entries(cache))


def test_a_cut_short_entry_and_one_copied_under_another_key_are_misses(example, cache):
    expected = compose(example, "fr")
    _document(example, "fr")
    first, second, *others = _entries(cache)
    shutil.copy(second, first)
    for entry in others:
        entry.write_bytes(entry.read_bytes()[: len(entry.read_bytes()) // 2])
    assert _document(example, "fr") == expected


def test_an_entry_that_cannot_be_read_is_a_miss(example, cache):
    expected = compose(example, "fr")
    _document(example, "fr")
    for entry in _entries(cache):
        entry.unlink()
        entry.mkdir()
    assert _document(example, "fr") == expected


def test_a_cache_folder_that_cannot_be_made_means_compiling_every_time(example, cache):
    cache.parent.mkdir(parents=True)
    cache.write_text("a file where the folder should be", encoding="utf-8")
    assert _document(example, "fr") == compose(example, "fr")


def test_an_edited_user_template_is_compiled_again(example, cache, tmp_path):
    templates = user_templates(tmp_path / "templates", "le Secrétaire général")
    assert _document(example, "fr", templates).operative[-2].content.text() == (
        "Prie le Secrétaire général\u202f;")
    user_templates(tmp_path / "templates", "la Secrétaire générale")
    assert _document(example, "fr", templates).operative[-2].content.text() == (
        "Prie la Secrétaire générale\u202f;")


def test_the_same_template_in_two_kinds_of_environment_has_two_keys(tmp_path):
    cache = TemplateCache(tmp_path, "guards")
    keys = {kind.__name__: cache.get_bucket(kind(loader=jinja2.DictLoader({})), "a.j2", "/a.j2",
                                            "{{ 1 }}").key
            for kind in (TemplateEnvironment, GuardedEnvironment)}
    assert keys["TemplateEnvironment"] != keys["GuardedEnvironment"]
    other = TemplateCache(tmp_path, "other guards").get_bucket(
        TemplateEnvironment(loader=jinja2.DictLoader({})), "a.j2", "/a.j2", "{{ 1 }}").key
    assert other != keys["TemplateEnvironment"]
