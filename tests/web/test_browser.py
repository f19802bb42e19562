"""The editor in a real browser: Playwright drives Debian's chromium against ``drafter serve``.

Marked ``browser``; they run with the rest of the suite (the README's test command and .ci/run).
Without chromium they fail with one sentence naming the package, never skip.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from serving import address, serve

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture fails with a sentence naming the package
    expect = None  # type: ignore[assignment]

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra installs it
        pytest.fail("The browser tests need the playwright package: pip install -e '.[test]'")
    executable = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if executable is None:
        pytest.fail("The browser tests need Debian's chromium: apt-get install chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def url(folder: Path) -> Iterator[str]:
    process = serve(folder, "--port", "0", "--no-browser")
    try:
        yield address(process)
    finally:
        process.terminate()
        try:
            process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


@pytest.fixture
def page(browser: Any, url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1500, "height": 950}, accept_downloads=True)
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(str(error)))
    # A refused request (a 409 or 422 the test asks for) is logged by chromium; scripts' errors are not
    opened.on("console", lambda message: message.type == "error"
              and not message.text.startswith("Failed to load resource") and problems.append(message.text))
    opened.goto(url)
    yield opened
    context.close()
    assert problems == [], problems


def _open(page: Any, name: str) -> None:
    page.click(f"text={name}")
    page.wait_for_selector("#preview-en .page")
    page.wait_for_selector("#preview-fr .page")


def _card(page: Any, part: str, index: int) -> Any:
    return page.locator(f'.paragraph[data-part="{part}"][data-index="{index}"]')


def test_a_request_without_the_token_is_refused(browser, url):
    base = url.split("?")[0]
    context = browser.new_context()
    response = context.new_page().goto(base)
    assert response.status == 403
    assert "address drafter serve printed" in response.text()
    context.close()


def test_a_new_draft_opens_with_both_pages(page, folder):
    page.select_option("select[name=organization]", "au")
    page.fill("input[name=session]", "80")
    page.click("text=Create")
    page.wait_for_url(re.compile(r"/edit/au-80\.yaml$"))
    page.wait_for_selector("#preview-fr .page")
    assert "African Union" in page.inner_text("#preview-en")
    assert "Union africaine" in page.inner_text("#preview-fr")
    assert (folder / "au-80.yaml").is_file()
    # a first draft has placeholders, which are findings
    assert "S108" in page.inner_text("#findings-list")


def test_typing_in_a_paragraph_changes_both_previews(page):
    _open(page, "csto-77-13.yaml")
    card = _card(page, "operative", 1)
    card.locator("textarea[name=en]").fill("the efforts of the Organization in Central Asia")
    expect(page.locator("#preview-en")).to_contain_text("in Central Asia;")
    card.locator("textarea[name=fr]").fill("les efforts de l'Organisation en Asie centrale")
    expect(page.locator("#preview-fr")).to_contain_text("en Asie centrale ;")
    assert "Notes with appreciation the efforts of the Organization in Central Asia;" in page.inner_text("#preview-en")
    assert page.inner_text("#status") == "Unsaved changes"


def test_a_draft_submitted_in_french_shows_its_original_line_in_both_previews(page):
    _open(page, "draft-coe.yaml")
    expect(page.locator("#preview-en")).to_contain_text("Original: English")
    page.select_option("select[name=original]", "fr")
    expect(page.locator("#preview-en")).to_contain_text("Original: French")
    expect(page.locator("#preview-fr")).to_contain_text("Original\u00a0: français")
    assert "Français" not in page.inner_text("#preview-fr")


def test_a_mistake_shows_its_finding_beside_the_paragraph_with_line_and_column(page):
    _open(page, "csto-77-13.yaml")
    card = _card(page, "operative", 1)
    area = card.locator("textarea[name=en]")
    area.fill(area.input_value() + " in resolution 64/256 of 2 March 2011")
    finding = card.locator(".para-findings li", has_text="C401")
    finding.wait_for()
    assert "64/256" in finding.inner_text() and re.search(r"line \d+, column \d+", finding.inner_text())
    listed = page.locator("#findings-list li", has_text="C401")
    assert re.search(r"operative paragraph 2.*line \d+, column \d+", listed.inner_text())
    page.uncheck("#show-error")
    assert not listed.is_visible()
    page.check("#show-error")
    assert listed.is_visible()


def test_clicking_a_paragraph_in_the_preview_selects_it_in_the_form(page):
    _open(page, "csto-77-13.yaml")
    page.click('#preview-fr [data-part="operative"][data-index="3"]')
    assert "selected" in _card(page, "operative", 3).get_attribute("class")
    assert "selected" in page.get_attribute('#preview-en [data-part="operative"][data-index="3"]', "class")


def test_an_invalid_edit_keeps_the_last_good_pages_and_is_never_saved(page, folder):
    _open(page, "csto-77-13.yaml")
    before = (folder / "csto-77-13.yaml").read_text(encoding="utf-8")
    _card(page, "preamble", 5).locator("input[name=opener]").fill("recaling")
    expect(page.locator("#status")).to_have_text(re.compile("^Not valid"))
    assert "did you mean 'recalling'?" in page.inner_text("#findings-list")
    assert "Recalling also the Joint Declaration" in page.inner_text("#preview-en")  # the last good page
    page.click("#save")
    expect(page.locator("#status")).to_have_text(re.compile("^Not saved"))
    assert (folder / "csto-77-13.yaml").read_text(encoding="utf-8") == before


def test_save_then_reload_and_unsaved_edits_survive_a_reload(page, folder):
    _open(page, "csto-77-13.yaml")
    _card(page, "operative", 1).locator("textarea[name=en]").fill("the efforts of the Organization in Central Asia")
    expect(page.locator("#preview-en")).to_contain_text("in Central Asia;")
    page.click("#save")
    expect(page.locator("#status")).to_have_text("Saved")
    saved = (folder / "csto-77-13.yaml").read_text(encoding="utf-8")
    assert "the efforts of the Organization in Central Asia" in saved
    assert saved.startswith("# yaml-language-server: $schema=../schemas/resolution.schema.json\n"
                            "# Resolution 77/13")  # the comments on top are kept
    page.reload()
    page.wait_for_selector("#preview-en .page")
    assert "in Central Asia;" in page.inner_text("#preview-en")
    # an edit that is not saved comes back after a reload, and says so
    _card(page, "operative", 1).locator("textarea[name=fr]").fill("les efforts en Asie centrale")
    expect(page.locator("#status")).to_have_text("Unsaved changes")
    page.reload()
    page.wait_for_selector("#preview-fr .page")
    assert "les efforts en Asie centrale" in page.inner_text("#preview-fr")
    assert "unsaved edits were restored" in page.inner_text("#notice")
    assert "les efforts en Asie centrale" not in (folder / "csto-77-13.yaml").read_text(encoding="utf-8")


def test_saving_over_a_file_changed_on_disk_asks_first(page, folder):
    _open(page, "csto-77-13.yaml")
    _card(page, "operative", 1).locator("textarea[name=en]").fill("the efforts of the Organization")
    expect(page.locator("#status")).to_have_text("Unsaved changes")
    path = folder / "csto-77-13.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# edited elsewhere\n", encoding="utf-8")
    questions: list[str] = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    page.click("#save")
    expect(page.locator("#status")).to_have_text(re.compile("^Not saved"))
    assert "changed on disk" in questions[0]
    assert path.read_text(encoding="utf-8").endswith("# edited elsewhere\n")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#save")
    expect(page.locator("#status")).to_have_text("Saved")
    assert "the efforts of the Organization\n" in path.read_text(encoding="utf-8")


def test_the_word_download_validates(page, tmp_path):
    _open(page, "csto-77-13.yaml")
    page.click("#downloads summary")
    with page.expect_download() as waiting:
        page.click('#downloads button[data-lang="fr"][data-format="docx"]')
    download = waiting.value
    assert download.suggested_filename == "csto-77-13.fr.docx"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    from drafter.readers import read
    from drafter.rules import all_rules
    from drafter.commands.validate import check_document

    document = read(target, "fr")
    assert document.preface.symbol == "A/RES/77/13"
    assert check_document(document, "docx", str(target), all_rules()) == []


def test_the_yaml_view_completes_from_the_schema_and_edits_the_same_source(page):
    _open(page, "draft-coe.yaml")
    page.click("#tab-yaml")
    area = page.locator("#yaml")
    area.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\npage_s")
    page.wait_for_selector("#completion li")
    assert page.inner_text("#completion li[aria-selected=true]").startswith("page_size")
    page.keyboard.press("Enter")
    page.keyboard.type("A")
    page.wait_for_selector("#completion li")
    assert [item.split("\n")[0] for item in page.locator("#completion li").all_inner_texts()] == ["A4"]
    page.keyboard.press("Enter")
    assert area.input_value().endswith("\npage_size: A4")
    # the draft had page_size: Letter already: the YAML now has it twice, which is an error
    expect(page.locator("#status")).to_have_text(re.compile("^Not valid"))
    page.keyboard.press("Control+z")
    page.keyboard.press("Backspace")
    for _ in range(len("page_size: A4")):
        page.keyboard.press("Backspace")
    page.keyboard.type("\npreamble:\n  - opener: recog")
    page.wait_for_selector("#completion li")
    assert "recognizing" in page.inner_text("#completion")


def test_both_views_edit_the_same_source(page):
    _open(page, "draft-coe.yaml")
    page.click("#tab-yaml")
    area = page.locator("#yaml")
    area.fill(area.input_value().replace("the two organizations to cooperate", "both organizations to cooperate"))
    expect(page.locator("#preview-en")).to_contain_text("both organizations to cooperate")
    page.click("#tab-form")
    assert _card(page, "operative", 0).locator("textarea[name=en]").first.input_value().startswith("both organizations")
    _card(page, "operative", 0).locator("textarea[name=fr]").first.fill("les deux organisations à coopérer davantage")
    expect(page.locator("#preview-fr")).to_contain_text("coopérer davantage")
    page.click("#tab-yaml")
    assert "fr: les deux organisations à coopérer davantage" in area.input_value()


def test_paragraphs_are_added_moved_and_deleted(page):
    _open(page, "csto-77-13.yaml")
    count = page.locator('.paragraph[data-part="operative"]').count()
    _card(page, "operative", 0).locator("button[title='Add a paragraph after this one']").click()
    expect(page.locator("#preview-en p.operative")).to_have_count(count + 1)
    new = _card(page, "operative", 1)
    new.locator("textarea[name=en]").fill("the Organization to act")
    new.locator("textarea[name=fr]").fill("l'Organisation d'agir")
    expect(page.locator('#preview-en p.operative[data-index="1"]')).to_have_text("2. Requests the Organization to act;")
    new.locator("button[title='Move down']").click()
    expect(page.locator("#preview-en p.operative[data-index=\"2\"]")).to_contain_text("the Organization to act")
    _card(page, "operative", 2).locator("button[title='Delete']").click()
    expect(page.locator("#preview-en p.operative")).to_have_count(count)
    assert "the Organization to act" not in page.inner_text("#preview-en")


def test_a_footnote_added_from_the_form_sits_at_the_foot_of_both_pages(page):
    _open(page, "draft-coe.yaml")
    for lang, note in (("en", "See A/79/302."), ("fr", "Voir A/79/302.")):
        area = _card(page, "operative", 0).locator(f"textarea[name={lang}]").first
        area.click()
        page.keyboard.press("End")
        _card(page, "operative", 0).locator("button", has_text="Footnote").first.click()
        area.press("End")
        text = area.input_value()
        area.fill(text.replace("{fn|Footnote text.}", "{fn|" + note + "}"))
    expect(page.locator("#preview-fr footer")).to_contain_text("Voir A/79/302.")
    assert "See A/79/302." in page.inner_text("#preview-en footer")


def test_an_operative_verb_typed_in_both_languages_reaches_both_pages(page):
    _open(page, "csto-77-13.yaml")
    card = _card(page, "operative", 1)
    card.locator("button", has_text="Type it").click()
    card = _card(page, "operative", 1)
    card.locator("input").nth(0).fill("Salutes")
    card.locator("input").nth(1).fill("Salue")
    expect(page.locator('#preview-en p.operative[data-index="1"] i')).to_have_text("Salutes")
    expect(page.locator('#preview-fr p.operative[data-index="1"] i')).to_have_text("Salue")
