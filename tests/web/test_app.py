"""The editor's pages and calls, in process: listing, previewing, saving, new drafts, outputs."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx
from lxml import html as lxml_html

from conftest import EXAMPLE
from drafter.readers import read
from drafter.commands.validate import check_document
from drafter.rules import all_rules
from drafter.schema import modeline


def _source(client, name="csto-77-13.yaml") -> dict:
    response = client.get(f"/api/source/{name}")
    assert response.status_code == 200
    return response.json()


# -- the folder page --------------------------------------------------------------------------

def test_the_folder_lists_each_source_with_organization_session_stage_and_findings(client):
    page = lxml_html.fromstring(client.get("/").text)
    rows = {row.xpath("./td[1]")[0].text_content(): [cell.text_content().strip() for cell in row.xpath("./td")]
            for row in page.xpath('//table[@class="sources"]/tbody/tr')}
    assert rows["csto-77-13.yaml"][1:4] == ["csto", "77", "adopted"]
    assert rows["draft-coe.yaml"][1:4] == ["coe", "79", "draft"]
    assert rows["csto-77-13.yaml"][4] == "none"
    assert rows["broken.yaml"][4] == "does not load"
    assert page.xpath('//form[@id="new-draft"]//select[@name="organization"]/option[@value="csto"]')


def test_a_new_draft_is_written_into_the_folder_and_opens(client, folder):
    response = client.post("/api/new", {"organization": "au", "session": 80})
    assert response.status_code == 201 and response.json() == {"name": "au-80.yaml"}
    text = (folder / "au-80.yaml").read_text(encoding="utf-8")
    assert text.startswith(f"{modeline()}\n# First draft") and "organization: au" in text
    assert client.get("/edit/au-80.yaml").status_code == 200
    again = client.post("/api/new", {"organization": "au", "session": 80})
    assert again.status_code == 409 and "already exists" in again.json()["error"]
    assert (folder / "au-80.yaml").read_text(encoding="utf-8") == text


@pytest.mark.parametrize(("body", "message"), [
    ({"organization": "nato", "session": 80}, "nato"),
    ({"organization": "au", "session": "80"}, "session"),
    ({"organization": "au", "session": True}, "session"),
])
def test_a_new_draft_with_bad_choices_is_one_sentence(client, body, message):
    response = client.post("/api/new", body)
    assert response.status_code in (400, 422) and message in response.json()["error"]


# -- no path outside the folder ---------------------------------------------------------------

@pytest.mark.parametrize("name", ["..%2Fsecret.yaml", "%2Fetc%2Fpasswd", "sub%2Fx.yaml",
                                  "..%2F..%2Fsecret.yaml", "secret.txt", ".hidden.yaml", "link.yaml", "missing.yaml"])
def test_no_file_outside_the_folder_can_be_read(client, folder, name):
    (folder.parent / "secret.yaml").write_text("session: 1\n", encoding="utf-8")
    (folder / "link.yaml").symlink_to(folder.parent / "secret.yaml")
    for path in (f"/api/source/{name}", f"/edit/{name}"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "session: 1" not in response.text


@pytest.mark.parametrize("name", ["../secret.yaml", "/tmp/x.yaml", "sub/x.yaml", "link.yaml", "x.txt"])
def test_no_file_outside_the_folder_can_be_written(client, folder, name):
    (folder.parent / "secret.yaml").write_text("session: 1\n", encoding="utf-8")
    (folder / "link.yaml").symlink_to(folder.parent / "secret.yaml")
    outside = Path("/tmp/x.yaml")  # whatever the machine holds there stays as it was
    before = outside.read_bytes() if outside.exists() else None
    text = EXAMPLE.read_text(encoding="utf-8")
    response = client.post("/api/save", {"name": name, "text": text, "version": "", "force": True})
    assert response.status_code == 404
    assert (folder.parent / "secret.yaml").read_text(encoding="utf-8") == "session: 1\n"
    assert (outside.read_bytes() if outside.exists() else None) == before


# -- previews ---------------------------------------------------------------------------------

def test_a_preview_gives_both_pages_and_no_findings_for_the_example(client):
    text = _source(client)["text"]
    answer = client.post("/api/render", {"name": "csto-77-13.yaml", "text": text}).json()
    assert answer["valid"] and answer["errors"] == [] and answer["findings"] == []
    assert answer["text"] == text
    assert '<article class="page page-a4" lang="en">' in answer["html"]["en"]
    assert "<i>Ayant examiné</i>" in answer["html"]["fr"]
    assert answer["data"]["organization"] == "csto" and answer["data"]["distribution_date"] == "2022-11-25"


def test_the_forms_data_is_merged_into_the_text_keeping_comments(client):
    text = "# kept comment\n" + _source(client)["text"]
    data = client.post("/api/render", {"name": "x.yaml", "text": text}).json()["data"]
    data["operative"][1]["en"] = "the efforts of the Organization in the region"
    answer = client.post("/api/render", {"name": "x.yaml", "text": text, "data": data}).json()
    assert answer["valid"]
    assert answer["text"].startswith("# kept comment\n")
    assert "the efforts of the Organization in the region\n    fr: >-\n" in answer["text"]
    assert "<i>Notes with appreciation</i> the efforts of the Organization in the region;" in answer["html"]["en"]
    assert answer["text"].count("\n") < text.count("\n")  # only that paragraph changed


def test_a_mistake_is_a_finding_beside_its_paragraph_with_line_and_column(client):
    text = _source(client)["text"].replace(
        "the resolute efforts", "the resolute efforts in resolution 64/256 of 2 March 2011", 1)
    answer = client.post("/api/render", {"name": "x.yaml", "text": text}).json()
    assert answer["valid"]
    dated = [finding for finding in answer["findings"] if finding["code"] == "C401"]
    assert len(dated) == 1 and "64/256" in dated[0]["message"] and dated[0]["hint"]
    assert (dated[0]["part"], dated[0]["index"]) == ("operative", 1)
    lines = text.splitlines()[dated[0]["line"] - 1:]  # where the English text starts
    assert lines[0].strip() == "en: >-" and lines[1].strip().startswith("the resolute efforts in")


def test_an_invalid_edit_gives_located_errors_and_the_data_still(client):
    text = _source(client)["text"].replace("verb: notes_with_appreciation", "verb: notes_with_apreciation")
    answer = client.post("/api/render", {"name": "x.yaml", "text": text}).json()
    assert not answer["valid"] and answer["html"] == {}
    error = answer["errors"][0]
    assert "did you mean 'notes_with_appreciation'?" in error["message"]
    assert (error["part"], error["index"]) == ("operative", 1)
    assert text.splitlines()[error["line"] - 1].strip().startswith("- verb: notes_with_apreciation")
    assert answer["data"]["operative"][1]["verb"] == "notes_with_apreciation"


def test_text_that_is_not_yaml_gives_one_located_error(client):
    answer = client.post("/api/render", {"name": "x.yaml", "text": "session: [77\n"}).json()
    assert not answer["valid"] and answer["data"] is None
    assert answer["errors"][0]["line"] >= 1 and "YAML" in answer["errors"][0]["message"]


@pytest.mark.parametrize("body", [[], {"name": "x.yaml"}, {"name": "x.yaml", "text": 3},
                                  {"name": "x.yaml", "text": "a: 1", "data": [1]}])
def test_malformed_calls_are_one_sentence(client, body):
    response = client.post("/api/render", body)
    assert response.status_code == 400 and response.json()["error"].endswith(".")


def test_not_json_is_one_sentence(client):
    response = client.request("POST", "/api/render", content=b"{not json",
                              headers={"origin": "http://127.0.0.1:8765"})
    assert response.status_code == 400 and response.json() == {"error": "The request is not JSON."}


# -- saving -----------------------------------------------------------------------------------

def test_saving_writes_the_file_and_returns_its_new_version(client, folder):
    opened = _source(client)
    text = opened["text"].replace("adopted on {date|2010-03-18}", "adopted in {date|2010-03-18}")
    response = client.post("/api/save", {"name": "csto-77-13.yaml", "text": text,
                                         "version": opened["version"]})
    assert response.status_code == 200
    assert (folder / "csto-77-13.yaml").read_text(encoding="utf-8") == text
    assert response.json()["version"] == _source(client)["version"] != opened["version"]
    assert not list(folder.glob(".*part"))


def test_saving_over_a_file_changed_on_disk_asks_first(client, folder):
    opened = _source(client)
    (folder / "csto-77-13.yaml").write_text(opened["text"] + "# changed elsewhere\n", encoding="utf-8")
    body = {"name": "csto-77-13.yaml", "text": opened["text"], "version": opened["version"]}
    response = client.post("/api/save", body)
    assert response.status_code == 409 and "changed on disk" in response.json()["error"]
    assert (folder / "csto-77-13.yaml").read_text(encoding="utf-8").endswith("# changed elsewhere\n")
    assert client.post("/api/save", {**body, "force": True}).status_code == 200
    assert (folder / "csto-77-13.yaml").read_text(encoding="utf-8") == opened["text"]


def test_an_invalid_edit_never_replaces_the_last_good_source(client, folder):
    opened = _source(client)
    bad = opened["text"].replace("organization: csto", "organization: cst")
    response = client.post("/api/save", {"name": "csto-77-13.yaml", "text": bad,
                                         "version": opened["version"], "force": True})
    assert response.status_code == 422
    assert "line" in response.json()["error"] and "last good version" in response.json()["error"]
    assert (folder / "csto-77-13.yaml").read_text(encoding="utf-8") == opened["text"]


# -- outputs ----------------------------------------------------------------------------------

def test_the_word_download_is_the_edited_text_and_validates_clean(client, tmp_path):
    text = _source(client)["text"].replace("adopted on {date|2010-03-18}", "adopted in Moscow on {date|2010-03-18}")
    response = client.post("/api/download", {"name": "csto-77-13.yaml", "text": text, "lang": "en",
                                             "format": "docx"})
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith('attachment; filename="csto-77-13.en.docx";')
    paragraphs = [p.text for p in open_docx(io.BytesIO(response.content)).paragraphs]
    assert any("adopted in Moscow on 18\u00a0March\u00a02010" in p for p in paragraphs)  # no-break
    (tmp_path / "d.docx").write_bytes(response.content)
    document = read(tmp_path / "d.docx", "en")
    assert [f.code for f in check_document(document, "docx", "d.docx", all_rules())] == []


def test_the_text_download_is_utf8_in_french(client):
    response = client.post("/api/download", {"name": "csto-77-13.yaml", "text": _source(client)["text"],
                                             "lang": "fr", "format": "txt"})
    assert response.status_code == 200 and "Rappelant" in response.content.decode("utf-8")


def test_the_akoma_ntoso_download_is_named_as_render_names_it(client):
    response = client.post("/api/download", {"name": "csto-77-13.yaml", "text": _source(client)["text"],
                                             "lang": "en", "format": "akn"})
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith('attachment; filename="csto-77-13.en.akn.xml";')
    assert b"<akomaNtoso" in response.content


def test_the_pdf_download_comes_from_libreoffice(client, soffice):
    response = client.post("/api/download", {"name": "csto-77-13.yaml", "text": _source(client)["text"],
                                             "lang": "fr", "format": "pdf"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_a_download_of_an_invalid_text_says_what_to_correct(client):
    response = client.post("/api/download", {"name": "x.yaml", "text": "session: 77\n", "lang": "en",
                                             "format": "docx"})
    assert response.status_code == 422 and response.json()["error"].startswith("Correct the source first")


def test_follow_up_gives_the_source_and_the_tracked_drafts(client):
    response = client.post("/api/followup", {"name": "csto-77-13.yaml", "text": _source(client)["text"],
                                             "session": 79})
    assert response.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert names == ["csto-79.yaml", "csto-79.en.docx", "csto-79.en.tracked.docx", "csto-79.fr.docx",
                     "csto-79.fr.tracked.docx"]
    again = client.post("/api/followup", {"name": "csto-77-13.yaml", "text": _source(client)["text"],
                                          "session": 79})
    assert again.content == response.content


def test_follow_up_of_a_draft_explains_why_not(client):
    response = client.post("/api/followup", {"name": "draft-coe.yaml",
                                             "text": _source(client, "draft-coe.yaml")["text"], "session": 81})
    assert response.status_code == 422 and "adopted" in response.json()["error"]


def test_compare_gives_tracked_word_files_in_both_languages(client):
    text = _source(client)["text"].replace("adopted on {date|2010-03-18}", "adopted in Moscow on {date|2010-03-18}")
    response = client.post("/api/compare", {"name": "csto-77-13.yaml", "text": text,
                                            "other": "csto-77-13.yaml"})
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.namelist() == ["csto-77-13.en.tracked.docx", "csto-77-13.fr.tracked.docx",
                                  "changes.txt"]
    body = archive.read("csto-77-13.en.tracked.docx")
    document = zipfile.ZipFile(io.BytesIO(body)).read("word/document.xml").decode()
    assert "<w:ins " in document and "Moscow" in document
    assert "preamble: 1 paragraph changed" in archive.read("changes.txt").decode()


def test_compare_with_a_word_file_of_the_folder_tracks_its_language(client, folder):
    docx = client.post("/api/download", {"name": "csto-77-13.yaml", "text": _source(client)["text"],
                                         "lang": "fr", "format": "docx"}).content
    (folder / "official.fr.docx").write_bytes(docx)
    page = lxml_html.fromstring(client.get("/edit/csto-77-13.yaml").text)
    assert "official.fr.docx" in page.xpath('//select[@id="compare-other"]/option/text()')
    text = _source(client)["text"].replace("collective, adoptée le", "collective, adoptée à Moscou le")
    response = client.post("/api/compare", {"name": "csto-77-13.yaml", "text": text, "other": "official.fr.docx"})
    assert response.status_code == 200, response.text
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.namelist() == ["csto-77-13.fr.tracked.docx", "changes.txt"]
    document = zipfile.ZipFile(io.BytesIO(archive.read("csto-77-13.fr.tracked.docx"))).read("word/document.xml")
    assert "Moscou" in document.decode()


def test_compare_with_a_file_outside_the_folder_is_refused(client):
    response = client.post("/api/compare", {"name": "csto-77-13.yaml", "text": _source(client)["text"],
                                            "other": "../csto-77-13.yaml"})
    assert response.status_code == 404


def test_the_vocabulary_has_the_schema_phrases_and_organizations(client):
    vocabulary = client.get("/api/vocabulary").json()
    assert "preamble" in vocabulary["schema"]["properties"]
    assert {"key": "recalling", "en": "Recalling", "fr": "Rappelant"} in vocabulary["phrases"]["preamble"]
    assert any(item["key"] == "csto" for item in vocabulary["organizations"])
    assert "report_requested" in vocabulary["standards"]["operative"]


def test_the_editor_page_loads_only_its_own_script(client):
    page = lxml_html.fromstring(client.get("/edit/csto-77-13.yaml").text)
    scripts = page.xpath("//script")
    assert [script.get("src") for script in scripts] == ["/static/editor.js"]
    assert all(not (script.text or "").strip() for script in scripts)
    assert not page.xpath("//*[@onclick or @onload or @onerror or @style]")
    assert page.xpath('//select[@id="compare-other"]/option/text()') == ["broken.yaml", "draft-coe.yaml"]
    assert not page.xpath("//*[contains(text(), 'phrases.yaml')]")


def test_an_unknown_page_is_a_sentence(client):
    response = client.get("/nowhere")
    assert response.status_code == 404 and "no such page" in response.text


BOOK = """operative:
  underlines_strongly: {en: Underlines strongly, fr: Souligne avec force}
"""


def test_the_phrase_book_beside_the_sources_is_offered_and_accepted(client, folder):
    (folder / "phrases.yaml").write_text(BOOK, encoding="utf-8")
    assert "phrases.yaml" not in client.get("/").text
    vocabulary = client.get("/api/vocabulary").json()
    assert {"key": "underlines_strongly", "en": "Underlines strongly",
            "fr": "Souligne avec force"} in vocabulary["phrases"]["operative"]
    text = _source(client)["text"].replace("verb: notes_with_appreciation", "verb: underlines_strongly")
    answer = client.post("/api/render", {"name": "csto-77-13.yaml", "text": text}).json()
    assert answer["valid"], answer["errors"]
    assert "<i>Souligne avec force</i>" in answer["html"]["fr"]
    opened = _source(client)
    saved = client.post("/api/save", {"name": "csto-77-13.yaml", "text": text, "version": opened["version"]})
    assert saved.status_code == 200


def test_a_phrase_written_out_in_both_languages_is_previewed(client):
    text = _source(client)["text"].replace("verb: notes_with_appreciation",
                                           "verb: {en: Salutes, fr: Salue}")
    answer = client.post("/api/render", {"name": "csto-77-13.yaml", "text": text}).json()
    assert answer["valid"], answer["errors"]
    assert "<i>Salutes</i>" in answer["html"]["en"] and "<i>Salue</i>" in answer["html"]["fr"]


def test_a_phrase_book_with_a_mistake_is_one_sentence(client, folder):
    (folder / "phrases.yaml").write_text("operative: [oops\n", encoding="utf-8")
    response = client.post("/api/render", {"name": "csto-77-13.yaml", "text": _source(client)["text"]})
    assert response.status_code == 422 and response.json()["error"].startswith("The phrase book has a mistake")
