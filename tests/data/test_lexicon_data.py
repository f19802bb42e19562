"""Checks on the language data files: lexicon (phrase pairs, their sources) and session ordinals."""

import re
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
def sources():
    with open(DATA / "lexicon-sources.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


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
        assert len(lexicons[lang][section]) >= 120, (lang, section)


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


# Every key the lexicon had before it grew to the phrases the Assembly uses: sources and examples
# name them, so none may be renamed or dropped.
STABLE_KEYS = {
    "preamble": """having_considered recalling recalling_also recalling_further noting_with_satisfaction
        encouraging stressing welcoming welcoming_also noting taking_note_with_appreciation
        acknowledging reaffirming taking_note recognizing convinced bearing_in_mind considering
        emphasizing recalling_in_particular reaffirming_also recognizing_also recognizing_further
        noting_also noting_further noting_with_appreciation noting_with_concern
        noting_with_deep_concern noting_with_regret welcoming_further welcoming_with_appreciation
        acknowledging_also stressing_also emphasizing_also considering_also taking_note_also
        bearing_in_mind_also keeping_in_mind taking_into_account taking_into_consideration affirming
        reiterating believing concerned deeply_concerned gravely_concerned expressing_concern
        expressing_deep_concern alarmed mindful fully_aware deeply_convinced firmly_convinced
        determined desiring guided_by encouraged_by commending expressing_gratitude regretting
        deploring condemning""".split(),
    "operative": """welcomes_with_appreciation notes_with_appreciation appreciates invites calls_upon
        requests decides welcomes takes_note encourages reaffirms stresses recognizes urges
        emphasizes commends expresses_appreciation also_welcomes also_requests further_requests
        also_decides further_decides also_invites further_invites also_encourages
        further_encourages strongly_encourages also_calls_upon calls_for also_stresses
        also_reaffirms also_recognizes notes also_notes notes_with_concern notes_with_deep_concern
        also_takes_note takes_note_with_appreciation takes_note_with_interest acknowledges
        acknowledges_with_appreciation affirms reiterates recalls considers supports
        expresses_gratitude expresses_concern expresses_deep_concern regrets deplores condemns
        strongly_condemns demands approves adopts confirms recommends authorizes declares
        proclaims""".split(),
}


@pytest.mark.parametrize("section", SECTIONS)
def test_lexicon_keeps_every_earlier_key(lexicons, section):
    missing = [key for key in STABLE_KEYS[section] if key not in lexicons["en"][section]]
    assert not missing, missing


@pytest.mark.parametrize("section", SECTIONS)
def test_lexicon_preamble_and_operative_never_open_alike(lexicons, section):
    """A reader tells the two apart by which list opens the paragraph: no phrase may be, or open
    like, a phrase of the other list."""
    for lang in LANGS:
        other = "operative" if section == "preamble" else "preamble"
        for phrase in lexicons[lang][section].values():
            for theirs in lexicons[lang][other].values():
                assert phrase != theirs and not phrase.startswith(theirs + " "), (lang, phrase, theirs)


def test_lexicon_french_agrees_with_the_assembly(lexicons):
    """« l'Assemblée générale » is feminine: no masculine form of the adjectives it uses."""
    masculine = re.compile(r"\b(Convaincu|Conscient|Préoccupé|Résolu|Alarmé|Troublé|Guidé|"
                           r"Encouragé|Désireux|Satisfait|Confiant)\b")
    for section in SECTIONS:
        for key, phrase in lexicons["fr"][section].items():
            assert not masculine.search(phrase), (section, key, phrase)


REQUIRED_NEW = {
    "preamble": {"having_received": ("Having received", "Ayant reçu")},
    "operative": {
        "underlines": ("Underlines", None),
        "looks_forward_to": ("Looks forward to", "Attend avec intérêt"),
        "exhorts": ("Exhorts", "Exhorte"),
    },
}


@pytest.mark.parametrize("section", SECTIONS)
def test_lexicon_has_the_phrases_real_drafts_use(lexicons, section):
    for key, (en, fr) in REQUIRED_NEW[section].items():
        assert lexicons["en"][section].get(key) == en, key
        if fr is not None:
            assert lexicons["fr"][section].get(key) == fr, key


def test_sources_cover_every_key(lexicons, sources):
    assert list(sources) == list(SECTIONS)
    for section in SECTIONS:
        assert list(sources[section]) == list(lexicons["en"][section]), section


SYMBOL = re.compile(r"A/RES/\d+/\d+")


@pytest.mark.parametrize("section", SECTIONS)
def test_sources_say_where_and_whether_confirmed(sources, section):
    """``confirmed`` is true exactly when one resolution was seen in both language versions."""
    for key, entry in sources[section].items():
        assert set(entry) <= {"en", "fr", "confirmed", "note"}, (key, entry)
        assert isinstance(entry["confirmed"], bool), key
        for lang in LANGS:
            assert isinstance(entry[lang], list), (key, lang)
            assert all(isinstance(s, str) and SYMBOL.fullmatch(s) for s in entry[lang]), (key, lang)
        assert entry["confirmed"] == bool(set(entry["en"]) & set(entry["fr"])), key
        if "note" in entry:
            assert isinstance(entry["note"], str) and entry["note"].strip(), key


def test_sources_confirm_some_pairs_and_mark_the_rest(sources):
    flags = [entry["confirmed"] for section in SECTIONS for entry in sources[section].values()]
    assert any(flags) and not all(flags)


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


def test_every_phrase_reads_back_as_its_own_key_from_word_and_text():
    """Rendering one paragraph per lexicon key and reading the drafts back gives the same keys:
    no phrase is lost to a longer one, and none is taken for the other section's."""
    from conftest import EXAMPLE

    from drafter.composer import compose
    from drafter.importer import import_pair
    from drafter.language import phrase_keys
    from drafter.readers.docx import read_docx
    from drafter.readers.text import read_text
    from drafter.resolution import Resolution
    from drafter.source import load
    from drafter.writers.docx import write_docx
    from drafter.writers.text import write_text

    source = load(EXAMPLE).model_dump(mode="json")
    source["preamble"] = [{"standard": "report_considered"}] + [
        {"opener": key, "en": "the efforts of the organization", "fr": "les efforts de l'organisation"}
        for key in phrase_keys("preamble")]
    source["operative"] = [
        {"verb": key, "en": "the efforts of the organization", "fr": "les efforts de l'organisation"}
        for key in phrase_keys("operative")] + [{"standard": "agenda_inclusion"}]
    resolution = Resolution.model_validate(source)
    for write, read_back in ((write_docx, read_docx), (write_text, read_text)):
        english, french = (read_back(write(compose(resolution, code))) for code in LANGS)
        got = import_pair(english, french)
        assert [p.opener for p in got.preamble] == [p.opener for p in resolution.preamble]
        assert [p.verb for p in got.operative] == [p.verb for p in resolution.operative]


# -- declared synonyms ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def synonyms():
    return {lang: _load(lang, "synonyms.yaml") for lang in LANGS}


def _declared(synonyms):
    return [(lang, section, key, other) for lang in LANGS for section in SECTIONS
            for key, entry in synonyms[lang][section].items() for other in entry["like"]]


def test_every_synonym_is_deliberate(lexicons, synonyms):
    """Declared with a reason, between two keys of the same section that the lexicon has, and
    only where the other key's phrase is not already the key's own: nothing is a synonym by
    accident, and each key keeps its one canonical phrase."""
    for lang in LANGS:
        assert list(synonyms[lang]) == list(SECTIONS), lang
        for section in SECTIONS:
            for key, entry in synonyms[lang][section].items():
                assert set(entry) == {"like", "why"}, (lang, key)
                assert isinstance(entry["why"], str) and len(entry["why"].split()) >= 5, (lang, key)
                assert entry["like"] and len(set(entry["like"])) == len(entry["like"]), (lang, key)
    for lang, section, key, other in _declared(synonyms):
        assert key in lexicons[lang][section] and other in lexicons[lang][section], (lang, key, other)
        assert other != key
        assert lexicons[lang][section][other] != lexicons[lang][section][key], (lang, key, other)
    assert ("fr", "operative", "underlines", "stresses") in _declared(synonyms)


def test_a_synonym_reads_alone_as_the_key_its_phrase_belongs_to(synonyms):
    from drafter.language import language
    from drafter.readers.patterns import leading_phrases

    for lang, section, key, other in _declared(synonyms):
        phrase = language(lang).phrase(section, other)
        assert leading_phrases(f"{phrase} the text", lang, section)[0] == other
        assert key in language(lang).also_renders(section, [other])
        assert language(lang).phrase(section, key) != phrase  # one canonical phrase per key


def test_synonym_pairs_validate_and_import_as_written_and_a_real_mismatch_is_reported(synonyms, tmp_path):
    """Each declared synonym, as a paragraph written out {en: key's English, fr: the synonym}: its
    Word pair gets no B708 and imports as written with nothing to review; a pair that no synonym
    declares (Requests / Invite) still gets B708 and a line to review."""
    from conftest import EXAMPLE

    from drafter.composer import compose
    from drafter.importer import import_pair
    from drafter.language import language
    from drafter.readers.docx import read_docx
    from drafter.resolution import InlinePhrase, Resolution
    from drafter.rules import all_rules
    from drafter.source import load
    from drafter.commands.validate import validate
    from drafter.writers.docx import write_docx

    def written(section, key, other, lang):
        en = language("en").phrase(section, key if lang == "fr" else other)
        fr = language("fr").phrase(section, other if lang == "fr" else key)
        return {"en": en, "fr": fr}

    declared = [entry for entry in _declared(synonyms)]
    source = load(EXAMPLE).model_dump(mode="json")
    source["preamble"] = [{"standard": "report_considered"}] + [
        {"opener": written(section, key, other, lang), "en": "the efforts of the organization",
         "fr": "les efforts de l'organisation"}
        for lang, section, key, other in declared if section == "preamble"]
    mismatch = {"en": "Requests", "fr": "Invite"}
    source["operative"] = [
        {"verb": written(section, key, other, lang), "en": "the efforts of the organization",
         "fr": "les efforts de l'organisation"}
        for lang, section, key, other in declared if section == "operative"] + [
        {"verb": mismatch, "en": "the Secretary-General to report", "fr": "le Secrétaire général à rendre compte"},
        {"standard": "agenda_inclusion"}]
    resolution = Resolution.model_validate(source)
    paths = {}
    for code in LANGS:
        paths[code] = tmp_path / f"synonyms.{code}.docx"
        paths[code].write_bytes(write_docx(compose(resolution, code)))
    report = validate([paths["en"]], paths["fr"], None, all_rules())
    assert [(f.code, f.paragraph) for f in report.findings] == [
        ("B708", f"operative paragraph {len(source['operative']) - 1}")]
    notes: list[str] = []
    got = import_pair(read_docx(paths["en"]), read_docx(paths["fr"]), notes)
    assert [p.opener for p in got.preamble] == [p.opener for p in resolution.preamble]
    assert [p.verb for p in got.operative] == [p.verb for p in resolution.operative]
    assert all(isinstance(p.verb, InlinePhrase) for p in got.operative[:-1])
    assert [note for note in notes if "do not render each other" in note] == [
        f"operative paragraph {len(source['operative']) - 1}: the English “Requests” and the "
        "French “Invite” do not render each other in the lexicon: kept as written; check that "
        "both versions say the same thing"]
