"""`drafter orgs`: every registered organization, with its names in both languages, its observer
status and the title of its sub-item exactly as the drafts print it."""

from __future__ import annotations

from typer.testing import CliRunner

from drafter.cli import app
from drafter.commands.orgs import sub_item_title
from drafter.organizations import registry
from drafter.resolution import Resolution


def test_every_registered_organization_is_listed_once() -> None:
    result = CliRunner().invoke(app, ["orgs"])
    assert result.exit_code == 0
    keys = [line for line in result.stdout.splitlines() if line and not line.startswith(" ")]
    assert keys == sorted(registry())


def test_an_organization_block_gives_names_observer_status_and_sub_item() -> None:
    result = CliRunner().invoke(app, ["orgs"])
    block = result.stdout.split("\n\n")[sorted(registry()).index("csto")].splitlines()
    assert block == [
        "csto",
        "  en: Collective Security Treaty Organization (CSTO)",
        "  fr: Organisation du Traité de sécurité collective (OTSC)",
        "  observer status: resolution 59/50 of 2 December 2004",
        "  sub-item (en): Cooperation between the United Nations and the Collective Security "
        "Treaty Organization",
        "  sub-item (fr): Coopération entre l'Organisation des Nations Unies et l'Organisation du "
        "Traité de sécurité collective",
        *(["  not confirmed in a UN source: " + ", ".join(registry()["csto"].unconfirmed)]
          if registry()["csto"].unconfirmed else []),
    ]


def test_the_sub_item_title_is_the_one_the_drafts_print(example: Resolution) -> None:
    from drafter.composer import compose

    for lang in ("en", "fr"):
        title = compose(example, lang).preface.title.text()
        shown = sub_item_title(registry()[example.organization], lang)
        assert title.replace("\u00a0", " ").replace("\u202f", " ") == shown


def test_an_organization_with_its_own_sub_item_title_shows_it() -> None:
    ipu = registry()["ipu"]
    assert sub_item_title(ipu, "en") == ipu.en.sub_item
    assert sub_item_title(ipu, "fr") == ipu.fr.sub_item
