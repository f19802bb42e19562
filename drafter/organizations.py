"""The registry of organizations and the forms of their names that templates need."""

from __future__ import annotations

from dataclasses import dataclass
import datetime as dt
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, TypeAdapter

from drafter.language import language
from drafter.resources import load_data


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EnglishName(_Entry):
    name: str
    article: Literal["the", ""]
    acronym: str
    head: str
    sub_item: str | None = None  # when the sub-item's title is not "Cooperation between … and <name>"

    @property
    def form(self) -> str:
        return "definite" if self.article else "bare"


class FrenchName(_Entry):
    name: str
    gender: Literal["m", "f"]
    number: Literal["singular", "plural"]
    elision: bool
    acronym: str
    head: str
    sub_item: str | None = None

    @property
    def form(self) -> str:
        if self.elision:
            return "elided"
        return "plural" if self.number == "plural" else self.gender


class ObserverStatus(_Entry):
    resolution: str
    date: dt.date


class Organization(_Entry):
    """One registry entry: the organization's names and what the resolutions say of it."""

    en: EnglishName
    fr: FrenchName
    observer_status: ObserverStatus | None
    periodicity: Literal[1, 2]
    unconfirmed: list[str]

    def forms(self, lang: str) -> OrganizationForms:
        """The organization's name in every grammatical case of one language."""
        local: EnglishName | FrenchName = getattr(self, lang)
        articles = language(lang).articles
        return OrganizationForms(
            name=local.name,
            acronym=local.acronym,
            head=local.head,
            the=articles["the"][local.form] + local.name,
            of=articles["of"][local.form] + local.name,
            to=articles["to"][local.form] + local.name,
            sub_item=local.sub_item,
        )


@dataclass(frozen=True, slots=True)
class OrganizationForms:
    """What a template sees as ``org``: ``org.the`` is "l'Organisation du Traité…", and so on."""

    name: str
    acronym: str
    head: str
    the: str
    of: str
    to: str
    sub_item: str | None  # the sub-item's own title, where it is not the usual pattern


@cache
def registry() -> dict[str, Organization]:
    """Every registered organization by key, validated once per process."""
    adapter = TypeAdapter(dict[str, Organization])
    return adapter.validate_python(load_data("organizations.yaml"))
