"""Checks on the language data files: lexicon (phrase pairs) and session ordinals."""

from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).parents[2] / "drafter" / "data"
LANGS = ("en", "fr")
SECTIONS = ("preamble", "operative")


def _load(lang, name):
    with open(DATA / lang / name, encoding="utf-8") as f:
        return yaml.safe_load(f)


@pytest.fixture(scope="module")
def lexicons():
    return {lang: _load(lang, "lexicon.yaml") for lang in LANGS}


@pytest.fixture(scope="module")
def sessions():
    return {lang: _load(lang, "sessions.yaml") for lang in LANGS}


def test_lexicon_sections(lexicons):
    for lang in LANGS:
        assert list(lexicons[lang]) == list(SECTIONS), lang


@pytest.mark.parametrize("section", SECTIONS)
def test_lexicon_same_keys_same_order(lexicons, section):
    assert list(lexicons["en"][section]) == list(lexicons["fr"][section])


@pytest.mark.parametrize("section", SECTIONS)
def test_lexicon_counts(lexicons, section):
    for lang in LANGS:
        assert len(lexicons[lang][section]) >= 45, (lang, section)


@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("lang", LANGS)
def test_lexicon_values_well_formed(lexicons, lang, section):
    entries = lexicons[lang][section]
    for key, phrase in entries.items():
        assert isinstance(key, str) and key == key.lower() and key.replace("_", "").isalpha(), key
        assert isinstance(phrase, str), (key, phrase)
        assert phrase == phrase.strip(), (key, phrase)
        assert not phrase.endswith(","), (key, phrase)
        assert phrase[0].isupper(), (key, phrase)
        assert "\u2019" not in phrase, (key, phrase)  # straight apostrophes only
    phrases = list(entries.values())
    duplicates = sorted({p for p in phrases if phrases.count(p) > 1})
    assert not duplicates, (lang, section, duplicates)


REQUIRED_PAIRS = {
    "preamble": {
        "having_considered": ("Having considered", "Ayant examiné"),
        "recalling": ("Recalling", "Rappelant"),
        "recalling_also": ("Recalling also", "Rappelant également"),
        "recalling_further": ("Recalling further", "Rappelant en outre"),
        "noting_with_satisfaction": ("Noting with satisfaction", "Constatant avec satisfaction"),
        "encouraging": ("Encouraging", "Encourageant"),
        "stressing": ("Stressing", "Soulignant"),
        "welcoming": ("Welcoming", "Se félicitant"),
        "welcoming_also": ("Welcoming also", "Se félicitant également"),
        "noting": ("Noting", "Notant"),
        "taking_note_with_appreciation": ("Taking note with appreciation", "Prenant note avec satisfaction"),
        "acknowledging": ("Acknowledging", "Constatant"),
        "reaffirming": ("Reaffirming", "Réaffirmant"),
        "taking_note": ("Taking note", "Prenant note"),
        "recognizing": ("Recognizing", "Reconnaissant"),
        "convinced": ("Convinced", "Convaincue"),
        "bearing_in_mind": ("Bearing in mind", "Ayant à l'esprit"),
        "considering": ("Considering", "Considérant"),
        "emphasizing": ("Emphasizing", "Insistant sur"),
    },
    "operative": {
        "welcomes_with_appreciation": ("Welcomes with appreciation", "Accueille avec satisfaction"),
        "notes_with_appreciation": ("Notes with appreciation", "Note avec satisfaction"),
        "appreciates": ("Appreciates", "Apprécie"),
        "invites": ("Invites", "Invite"),
        "calls_upon": ("Calls upon", "Engage"),
        "requests": ("Requests", "Prie"),
        "decides": ("Decides", "Décide"),
        "welcomes": ("Welcomes", "Se félicite"),
        "takes_note": ("Takes note", "Prend note"),
        "encourages": ("Encourages", "Encourage"),
        "reaffirms": ("Reaffirms", "Réaffirme"),
        "stresses": ("Stresses", "Souligne"),
        "recognizes": ("Recognizes", "Reconnaît"),
        "urges": ("Urges", "Prie instamment"),
        "emphasizes": ("Emphasizes", "Insiste sur"),
        "commends": ("Commends", "Salue"),
    },
}


@pytest.mark.parametrize("section", SECTIONS)
def test_lexicon_required_pairs(lexicons, section):
    for key, (en, fr) in REQUIRED_PAIRS[section].items():
        assert lexicons["en"][section].get(key) == en, key
        assert lexicons["fr"][section].get(key) == fr, key


def test_sessions_keys(sessions):
    for lang in LANGS:
        assert list(sessions[lang]) == list(range(1, 121)), lang
        for n, word in sessions[lang].items():
            assert isinstance(word, str) and word == word.strip().lower(), (lang, n, word)


SESSION_SPOTS = {
    1: ("first", "première"),
    2: ("second", "deuxième"),
    5: ("fifth", "cinquième"),
    9: ("ninth", "neuvième"),
    21: ("twenty-first", "vingt et unième"),
    31: ("thirty-first", "trente et unième"),
    71: ("seventy-first", "soixante et onzième"),
    77: ("seventy-seventh", "soixante-dix-septième"),
    79: ("seventy-ninth", "soixante-dix-neuvième"),
    80: ("eightieth", "quatre-vingtième"),
    81: ("eighty-first", "quatre-vingt-unième"),
    91: ("ninety-first", "quatre-vingt-onzième"),
    99: ("ninety-ninth", "quatre-vingt-dix-neuvième"),
    100: ("one hundredth", "centième"),
    101: ("one hundred and first", "cent unième"),
    111: ("one hundred and eleventh", "cent onzième"),
    120: ("one hundred and twentieth", "cent vingtième"),
}


@pytest.mark.parametrize("n", sorted(SESSION_SPOTS))
def test_sessions_spot_values(sessions, n):
    en, fr = SESSION_SPOTS[n]
    assert sessions["en"][n] == en
    assert sessions["fr"][n] == fr


def test_sessions_unique(sessions):
    for lang in LANGS:
        values = list(sessions[lang].values())
        assert len(values) == len(set(values)), lang
