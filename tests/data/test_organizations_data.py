"""Checks on drafter/data/organizations.yaml, the registry of organizations of the agenda item
"Cooperation between the United Nations and regional and other organizations"."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

DATA_FILE = Path(__file__).parents[2] / "drafter" / "data" / "organizations.yaml"

REQUIRED_KEYS = {
    "au", "aalco", "asean", "bsec", "caricom", "eccas", "cei", "cplp", "csto", "cis", "cica",
    "coe", "eco", "eaeu", "guam", "ipu", "oif", "sela", "las", "oic", "osce", "pif", "sco",
    "ctbto", "opcw",
}
ENTRY_FIELDS = {"en", "fr", "observer_status", "periodicity", "unconfirmed"}
OPTIONAL_ENTRY_FIELDS = {"earlier"}  # the forms before a change of name
EN_FIELDS = {"name", "article", "acronym", "head"}
FR_FIELDS = {"name", "gender", "number", "elision", "acronym", "head"}
OBSERVER_FIELDS = {"resolution", "date"}
#: A title of the agenda sub-item that does not follow "Cooperation between the United Nations
#: and <the organization>" (the Inter-Parliamentary Union's names national parliaments too).
OPTIONAL_LOCAL_FIELDS = {"sub_item"}
VOWELS_AND_H = set("AEIOUYÂÊÎÔÛÉÈH")
# "59/50", "31/16 A", or old-style "2011 (XX)".
RESOLUTION_RE = re.compile(r"^(\d{1,2}/\d{1,4}( [A-Z])?|\d{1,4} \([IVXLC]+\))$")


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate mapping keys (PyYAML keeps the last one silently)."""


def _construct_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)


@pytest.fixture(scope="module")
def registry() -> dict:
    with DATA_FILE.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_UniqueKeyLoader)
    assert isinstance(data, dict), "the registry must be a mapping keyed by organization key"
    return data


def _entries():
    with DATA_FILE.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return sorted(data.items())


ENTRIES = _entries()
ENTRY_IDS = [key for key, _ in ENTRIES]


def test_file_is_utf8_and_loads_without_duplicate_keys(registry):
    DATA_FILE.read_bytes().decode("utf-8")
    assert registry


def test_at_least_25_entries_with_required_keys(registry):
    assert len(registry) >= 25
    missing = REQUIRED_KEYS - set(registry)
    assert not missing, f"missing organizations: {sorted(missing)}"


@pytest.mark.parametrize("key", ENTRY_IDS)
def test_key_is_short_lowercase(key):
    assert re.fullmatch(r"[a-z][a-z0-9_]{1,15}", key), key


@pytest.mark.parametrize("key,entry", ENTRIES, ids=ENTRY_IDS)
def test_entry_has_exactly_the_fields(key, entry):
    assert isinstance(entry, dict)
    assert set(entry) - OPTIONAL_ENTRY_FIELDS == ENTRY_FIELDS
    assert isinstance(entry["en"], dict) and set(entry["en"]) - OPTIONAL_LOCAL_FIELDS == EN_FIELDS
    assert isinstance(entry["fr"], dict) and set(entry["fr"]) - OPTIONAL_LOCAL_FIELDS == FR_FIELDS


@pytest.mark.parametrize("key,entry", ENTRIES, ids=ENTRY_IDS)
def test_strings_are_clean(key, entry):
    for lang in ("en", "fr"):
        for field in ("name", "acronym", "head"):
            value = entry[lang][field]
            assert isinstance(value, str) and value, f"{lang}.{field}"
            assert value == value.strip() and "  " not in value, f"{lang}.{field}: {value!r}"
    # Typographic apostrophes would break string matching against the templates.
    assert "’" not in entry["fr"]["name"] and "’" not in entry["fr"]["head"]


@pytest.mark.parametrize("key,entry", ENTRIES, ids=ENTRY_IDS)
def test_english_article(key, entry):
    assert entry["en"]["article"] in {"the", ""}


@pytest.mark.parametrize("key,entry", ENTRIES, ids=ENTRY_IDS)
def test_french_gender_and_number(key, entry):
    assert entry["fr"]["gender"] in {"m", "f"}
    assert entry["fr"]["number"] in {"singular", "plural"}


@pytest.mark.parametrize("key,entry", ENTRIES, ids=ENTRY_IDS)
def test_french_elision_matches_initial_letter(key, entry):
    fr = entry["fr"]
    assert isinstance(fr["elision"], bool)
    starts_with_vowel_or_h = fr["name"][0].upper() in VOWELS_AND_H
    assert fr["elision"] is starts_with_vowel_or_h, fr["name"]


def test_elision_examples(registry):
    assert registry["au"]["fr"]["elision"] is True          # l'Union africaine
    assert registry["cei"]["fr"]["elision"] is True         # l'Initiative de l'Europe centrale
    assert registry["caricom"]["fr"]["elision"] is False    # la Communauté des Caraïbes
    assert registry["coe"]["fr"]["elision"] is False        # le Conseil de l'Europe
    assert registry["coe"]["fr"]["gender"] == "m"


@pytest.mark.parametrize("key,entry", ENTRIES, ids=ENTRY_IDS)
def test_periodicity(key, entry):
    value = entry["periodicity"]
    assert isinstance(value, int) and not isinstance(value, bool)
    assert value in {1, 2}


@pytest.mark.parametrize("key,entry", ENTRIES, ids=ENTRY_IDS)
def test_observer_status(key, entry):
    status = entry["observer_status"]
    if status is None:
        return
    assert isinstance(status, dict) and set(status) == OBSERVER_FIELDS
    assert isinstance(status["resolution"], str), "resolution must be quoted in the YAML"
    assert RESOLUTION_RE.fullmatch(status["resolution"]), status["resolution"]
    date = status["date"]
    assert isinstance(date, dt.date) and not isinstance(date, dt.datetime)
    assert dt.date(1945, 10, 24) <= date <= dt.date.today()


@pytest.mark.parametrize("key,entry", ENTRIES, ids=ENTRY_IDS)
def test_observer_status_session_matches_year(key, entry):
    """A resolution "S/N" of the S-th session is adopted in year 1945 + S or 1946 + S."""
    status = entry["observer_status"]
    if status is None or "/" not in status["resolution"]:
        return
    session = int(status["resolution"].split("/")[0])
    assert status["date"].year in {1945 + session, 1946 + session}, status


def _resolve(entry: dict, path: str) -> bool:
    node = entry
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


@pytest.mark.parametrize("key,entry", ENTRIES, ids=ENTRY_IDS)
def test_unconfirmed_paths_are_valid(key, entry):
    unconfirmed = entry["unconfirmed"]
    assert isinstance(unconfirmed, list)
    assert len(unconfirmed) == len(set(unconfirmed)), "duplicate paths"
    for path in unconfirmed:
        assert isinstance(path, str) and re.fullmatch(r"[a-z_]+(\.[a-z_]+)*", path), path
        assert path not in {"en", "fr", "unconfirmed"}, path
        assert _resolve(entry, path), f"{key}: {path} is not a field of the entry"
