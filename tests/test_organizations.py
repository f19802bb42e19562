"""French and English grammar of organization names, from the registry's gender, number, elision."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from drafter.organizations import (
    EnglishName,
    FrenchName,
    ObserverStatus,
    Organization,
    registry,
)


def _organization(*, en_article: str = "the", gender: str = "f", number: str = "singular",
                  elision: bool = False, fr_name: str = "Communautés européennes") -> Organization:
    return Organization(
        en=EnglishName(name="European Communities", article=en_article, acronym="EC",
                       head="President"),
        fr=FrenchName(name=fr_name, gender=gender, number=number, elision=elision,
                      acronym="CE", head="Président"),
        observer_status=ObserverStatus(resolution="3208 (XXIX)", date=dt.date(1974, 10, 11)),
        periodicity=2,
        unconfirmed=[],
    )


@pytest.mark.parametrize(
    ("key", "the", "of", "to"),
    [
        ("csto",  # feminine, elided before a vowel
         "l'Organisation du Traité de sécurité collective",
         "de l'Organisation du Traité de sécurité collective",
         "à l'Organisation du Traité de sécurité collective"),
        ("coe",  # masculine
         "le Conseil de l'Europe", "du Conseil de l'Europe", "au Conseil de l'Europe"),
        ("caricom",  # feminine
         "la Communauté des Caraïbes", "de la Communauté des Caraïbes",
         "à la Communauté des Caraïbes"),
    ],
)
def test_french_articles_and_contractions_come_from_the_registry(key, the, of, to):
    forms = registry()[key].forms("fr")
    assert (forms.the, forms.of, forms.to) == (the, of, to)


def test_a_plural_french_name_takes_les_des_aux():
    forms = _organization(number="plural").forms("fr")
    assert forms.the == "les Communautés européennes"
    assert forms.of == "des Communautés européennes"
    assert forms.to == "aux Communautés européennes"


def test_elision_wins_over_gender_and_number():
    forms = _organization(gender="m", elision=True, fr_name="Organe européen").forms("fr")
    assert (forms.the, forms.of, forms.to) == (
        "l'Organe européen", "de l'Organe européen", "à l'Organe européen")


def test_english_definite_names_take_the():
    forms = registry()["csto"].forms("en")
    assert forms.the == "the Collective Security Treaty Organization"
    assert forms.of == "of the Collective Security Treaty Organization"
    assert forms.to == "to the Collective Security Treaty Organization"


def test_english_bare_names_take_no_article():
    forms = _organization(en_article="").forms("en")
    assert (forms.the, forms.of, forms.to) == (
        "European Communities", "of European Communities", "to European Communities")


def test_forms_carry_the_acronym_and_head_of_each_language():
    csto = registry()["csto"]
    assert (csto.forms("en").acronym, csto.forms("fr").acronym) == ("CSTO", "OTSC")
    assert csto.forms("fr").head == "Secrétaire général"
    assert csto.forms("fr").name == "Organisation du Traité de sécurité collective"


def test_the_registry_knows_the_observer_status_of_the_csto():
    status = registry()["csto"].observer_status
    assert status is not None
    assert (status.resolution, status.date) == ("59/50", dt.date(2004, 12, 2))


def test_a_registry_entry_refuses_an_unknown_gender():
    with pytest.raises(ValidationError, match="gender"):
        _organization(gender="n")


def test_the_registry_is_validated_once_per_process():
    assert registry() is registry()


def test_an_organization_with_its_own_sub_item_title_keeps_it_everywhere_and_reads_back() -> None:
    from drafter.composer import compose
    from drafter.importer import import_document
    from drafter.first_draft import new_resolution
    from drafter.readers.docx import read_docx
    from drafter.writers.docx import write_docx

    org = registry()["ipu"]
    resolution = new_resolution("ipu", 80)
    for lang in ("en", "fr"):
        title = getattr(org, lang).sub_item
        document = compose(resolution, lang)
        assert document.preface.title.text() == title
        assert document.preface.agenda_title.text().endswith(title[1:])
        assert title in document.operative[-1].content.text()
        assert import_document(read_docx(write_docx(document))).organization == "ipu"


# -- the registry over time ------------------------------------------------------------------

def test_the_oic_is_named_as_it_was_called_at_each_session():
    oic = registry()["oic"]
    assert oic.at(65).en.name == "Organization of the Islamic Conference"
    assert oic.at(65).forms("fr").the == "l'Organisation de la Conférence islamique"
    assert oic.at(66).en.name == "Organization of Islamic Cooperation"
    assert oic.at(66).forms("fr").of == "de l'Organisation de la coopération islamique"
    assert oic.at(79) == oic


def test_eras_list_every_form_with_its_sessions_oldest_first():
    eras = registry()["oic"].eras()
    assert [(first, last, entry.en.name) for first, last, entry in eras] == [
        (None, 65, "Organization of the Islamic Conference"), (66, None, "Organization of Islamic Cooperation")]
    assert [(first, last) for first, last, _ in registry()["csto"].eras()] == [(None, None)]


def test_an_earlier_form_keeps_what_it_does_not_change():
    earlier = registry()["oic"].at(60)
    assert earlier.en.acronym == "OIC" and earlier.fr.gender == "f" and earlier.fr.elision


def test_an_earlier_form_that_makes_an_invalid_entry_is_refused():
    entry = _organization().model_dump()
    with pytest.raises(ValidationError):
        Organization.model_validate({**entry, "earlier": [{"until": 60, "fr": {"gender": "n"}, "source": "x"}]})
    with pytest.raises(ValidationError, match="oldest to the newest"):
        Organization.model_validate({**entry, "earlier": [
            {"until": 60, "en": {"name": "B"}, "source": "x"}, {"until": 50, "en": {"name": "A"}, "source": "x"}]})


@pytest.mark.parametrize(("session", "english", "french"), [
    (64, "the Organization of the Islamic Conference", "l'Organisation de la Conférence islamique"),
    (67, "the Organization of Islamic Cooperation", "l'Organisation de la coopération islamique"),
])
def test_a_source_of_a_session_is_rendered_with_the_name_then_in_force(session, english, french):
    from conftest import ROOT
    from drafter.composer import compose
    from drafter.source import parse

    text = (ROOT / "tests" / "fixtures" / "draft-coe.yaml").read_text(encoding="utf-8")
    text = (text.replace("organization: coe", "organization: oic")
            .replace("session: 79", f"session: {session}").replace("A/79/", f"A/{session}/")
            .replace("report_session: 81, agenda_session: 81",
                     f"report_session: {session + 2}, agenda_session: {session + 2}"))
    resolution = parse(text)
    assert english in compose(resolution, "en").preface.agenda_title.text()
    assert french in compose(resolution, "fr").preface.agenda_title.text()


def test_drafter_orgs_shows_earlier_names_and_the_names_at_a_session():
    from typer.testing import CliRunner

    from drafter.cli import app

    listing = CliRunner().invoke(app, ["orgs"]).output
    assert "until session 65: en: Organization of the Islamic Conference; fr: Organisation de la " \
           "Conférence islamique" in listing
    at = CliRunner().invoke(app, ["orgs", "--session", "64"]).output
    assert "Cooperation between the United Nations and the Organization of the Islamic Conference" in at


def test_the_observer_status_paragraph_for_an_organization_without_one_is_a_located_error():
    from conftest import ROOT
    from drafter.source import SourceInvalid, parse

    text = (ROOT / "tests" / "fixtures" / "draft-coe.yaml").read_text(encoding="utf-8")
    text = text.replace("organization: coe", "organization: ctbto").replace(
        "  - standard: report_considered\n", "  - standard: report_considered\n  - standard: observer_status\n")
    with pytest.raises(SourceInvalid) as caught:
        parse(text, "d.yaml")
    (error,) = caught.value.errors
    assert error.line == text[: text.index("standard: observer_status")].count("\n") + 1
    assert error.message.startswith("preambular paragraph 2: the registry records no observer status for "
                                    "Preparatory Commission")
    given = text.replace("  - standard: observer_status\n",
                         "  - standard: observer_status\n    resolution: {number: 54/26, date: 1999-11-15}\n")
    assert parse(given).preamble[1].resolution.number == "54/26"  # type: ignore[union-attr]


def test_a_text_naming_the_organization_as_it_was_called_is_read_back_as_that_organization(tmp_path):
    from conftest import ROOT
    from drafter.composer import compose
    from drafter.importer import import_files
    from drafter.source import parse
    from drafter.writers.text import write_text

    text = (ROOT / "tests" / "fixtures" / "draft-coe.yaml").read_text(encoding="utf-8")
    text = (text.replace("organization: coe", "organization: oic").replace("session: 79", "session: 64")
            .replace("A/79/", "A/64/").replace("{res|77/284|2023-05-02}", "{res|62/284|2008-05-02}")
            .replace("report_session: 81, agenda_session: 81", "report_session: 66, agenda_session: 66"))
    resolution = parse(text)
    paths = []
    for lang in ("en", "fr"):
        path = tmp_path / f"oic.{lang}.txt"
        path.write_text(write_text(compose(resolution, lang)), encoding="utf-8")
        paths.append(path)
    assert import_files(paths[0], paths[1])[0].organization == "oic"


def test_the_shipped_registry_is_valid_and_read_as_validation_would_read_it():
    """registry() reads drafter's own file without validating it; this is its validation."""
    from pydantic import TypeAdapter

    from drafter.organizations import Organization
    from drafter.resources import load_data

    validated = TypeAdapter(dict[str, Organization]).validate_python(load_data("organizations.yaml"))
    assert validated == registry()
    assert [entry.model_dump() for entry in validated.values()] == [
        entry.model_dump() for entry in registry().values()]
