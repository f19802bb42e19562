"""Importing standard paragraphs: recognised with their parameters, and kept as printed when
composing them gives the paragraph back."""

from __future__ import annotations

from conftest import REFERENCE

from drafter.composer import compose
from drafter.importer import import_document
from drafter.readers import read
from drafter.readers.text import read_text
from drafter.writers.text import write_text


def test_standard_paragraphs_are_recognised_with_their_parameters(example):
    got = import_document(read(REFERENCE, None))
    assert [getattr(p, "standard", "prose") for p in got.preamble[:5]] == [
        "report_considered", "charter_regional", "observer_status", "cooperation_series",
        "security_council"]
    assert got.report == "A/77/277-S/2022/606"
    assert got.mandate.report_session == 79 and got.mandate.agenda_session == 79
    assert got.organization == "csto"


def test_a_report_cited_with_its_corrigendum_is_kept_as_printed(example, lang):
    symbol = {"en": "A/77/277-S/2022/606 and Corr.1", "fr": "A/77/277-S/2022/606 et Corr.1"}[lang]
    text = write_text(compose(example, lang)).replace("A/77/277-S/2022/606.", symbol + ".", 1)
    got = import_document(read_text(text))
    assert got.report == symbol
    assert symbol in write_text(compose(got, lang))
