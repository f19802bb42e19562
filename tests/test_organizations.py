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
    from drafter.compose import compose
    from drafter.importer import import_document
    from drafter.new import new_resolution
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
