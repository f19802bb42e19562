"""First drafts: every registered organization renders in both languages, with the right French
articles, no leftovers of templating, and placeholders where the drafter must write."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document as open_docx

from conftest import body_paragraphs, footnote_texts
from drafter import placeholders
from drafter.first_draft import new_resolution
from drafter.organizations import registry
from drafter.render import render_bytes

#: The French article of each organization's name, written out by hand (not read from the
#: registry), so a wrong gender or elision in the data shows here.
ARTICLE = {
    "aalco": "l'", "asean": "l'", "au": "l'", "bsec": "l'", "caricom": "la ", "cei": "l'",
    "cica": "la ", "cis": "la ", "coe": "le ", "cplp": "la ", "csto": "l'", "ctbto": "la ",
    "eaeu": "l'", "eccas": "la ", "eco": "l'", "guam": "l'", "ipu": "l'", "las": "la ",
    "oic": "l'", "oif": "l'", "opcw": "l'", "osce": "l'", "pif": "le ", "sco": "l'",
    "sela": "le ",
}
TO = {"l'": "à l'", "la ": "à la ", "le ": "au "}


def test_the_article_table_covers_the_registry() -> None:
    assert sorted(ARTICLE) == sorted(registry())


def _all_text(blob: bytes) -> str:
    return "\n".join([*body_paragraphs(blob), *footnote_texts(blob).values()])


@pytest.mark.parametrize("key", sorted(registry()))
def test_every_organization_renders_in_both_languages(key: str) -> None:
    resolution = new_resolution(key, 80)
    org = registry()[key]
    for lang in ("en", "fr"):
        blob = render_bytes(resolution, lang, "docx")
        open_docx(io.BytesIO(blob))  # a document Word's reader accepts
        text = _all_text(blob)
        assert not re.search(r"None|[{}]", text), text
        assert placeholders.PROSE in text
    french = body_paragraphs(render_bytes(resolution, "fr", "docx"))
    name = ARTICLE[key] + org.fr.name
    title = org.fr.sub_item or f"Coopération entre l'Organisation des Nations Unies et {name}"
    assert title in french
    assert any(paragraph.endswith(f"autres\u00a0: c{title[1:]}") for paragraph in french)
    agenda = next(p for p in french if "\tDécide" in p)
    assert f"«\u00a0{title}\u00a0»." in agenda
    if org.observer_status is not None:
        observer = next(p for p in french if "statut d'observateur" in p)
        assert f"statut d'observateur {TO[ARTICLE[key]]}{org.fr.name}," in observer
    else:
        assert not any("statut d'observateur" in p for p in french)


def test_a_first_draft_holds_the_mandate_and_no_series() -> None:
    resolution = new_resolution("csto", 80)
    assert (resolution.stage, resolution.symbol, resolution.report) == ("draft", "A/80/L.xx", "A/80/xxx")
    assert resolution.mandate.report_session == resolution.mandate.agenda_session == 82
    assert resolution.sponsors == []
    kinds = [getattr(paragraph, "standard", "prose") for paragraph in resolution.preamble]
    assert kinds == ["report_considered", "charter_regional", "observer_status", "prose"]
    assert [getattr(p, "standard", "prose") for p in resolution.operative] == [
        "welcomes_report", "prose", "report_requested", "agenda_inclusion"]
    assert placeholders.placeholders(resolution) == [
        "draft symbol", "report symbol", "agenda item", "preambular paragraph 4 (en, fr)",
        "operative paragraph 2 (en, fr)"]


@pytest.mark.parametrize("key", sorted(registry()))
def test_a_first_draft_passes_validate_but_for_its_placeholders(key: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from drafter.commands.validate import check_source, choose_rules
    from drafter.yamlout import dump_resolution

    source = tmp_path / f"{key}.yaml"
    source.write_text(dump_resolution(new_resolution(key, 80)), encoding="utf-8")
    findings = check_source(source, choose_rules(None, None))
    assert findings, "the placeholders must be reported"
    assert {finding.code for finding in findings} == {"S108"}, findings
