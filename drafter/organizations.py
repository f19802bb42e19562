"""The registry of organizations and the forms of their names that templates need.

Names change (the Organization of the Islamic Conference became the Organization of Islamic
Cooperation in June 2011): an entry keeps its earlier forms with the last session that used
them, and a resolution of session N names the organization as it was called then
(``Organization.at``). Templates, readers and ``drafter orgs`` all go through that lookup.
"""

# No ``from __future__ import annotations``: pydantic would evaluate every field's annotation
# from its text as it builds the classes below (2.7 M instructions of each start).

import datetime as dt
from functools import cache
from typing import Any, Literal

from msgspec import Struct
from pydantic import BaseModel, ConfigDict, Field, model_validator

from drafter.language import language
from drafter.resources import load_data


class _Entry(BaseModel):
    # Built on first use: the shipped registry is read without them (see registry()).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


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


class EarlierForms(_Entry):
    """What an organization was called up to and including session ``until``: the fields of
    ``en`` and ``fr`` that differed from the forms after it."""

    until: int = Field(gt=0, le=120)
    en: dict[str, str] = {}
    fr: dict[str, str | bool] = {}
    source: str  # where the change is documented


class Organization(_Entry):
    """One registry entry: the organization's names and what the resolutions say of it."""

    en: EnglishName
    fr: FrenchName
    observer_status: ObserverStatus | None
    periodicity: Literal[1, 2]
    unconfirmed: list[str]
    earlier: list[EarlierForms] = []

    @model_validator(mode="after")
    def _earlier_forms_are_complete(self) -> "Organization":
        for form in self.earlier:
            self._with(form)  # every earlier form must make a valid entry
        if [form.until for form in self.earlier] != sorted({form.until for form in self.earlier}):
            raise ValueError("earlier forms go from the oldest to the newest, each with its own `until`")
        return self

    def _with(self, form: EarlierForms) -> "Organization":
        return Organization(
            en=EnglishName.model_validate({**self.en.model_dump(), **form.en}),
            fr=FrenchName.model_validate({**self.fr.model_dump(), **form.fr}),
            observer_status=self.observer_status, periodicity=self.periodicity,
            unconfirmed=self.unconfirmed)

    def at(self, session: int) -> "Organization":
        """The entry as the resolutions of ``session`` name the organization."""
        for form in self.earlier:
            if session <= form.until:
                return self._with(form)
        return self

    def eras(self) -> "list[tuple[int | None, int | None, Organization]]":
        """Every form with the first and last session it was used at (None: open-ended), oldest
        first, so that readers recognize a text of any year."""
        out: list[tuple[int | None, int | None, Organization]] = []
        first: int | None = None
        for form in self.earlier:
            out.append((first, form.until, self._with(form)))
            first = form.until + 1
        out.append((first, None, self))
        return out

    def forms(self, lang: str) -> "OrganizationForms":
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


class OrganizationForms(Struct, frozen=True):
    """What a template sees as ``org``: ``org.the`` is "l'Organisation du Traité…", and so on."""

    name: str
    acronym: str
    head: str
    the: str
    of: str
    to: str
    sub_item: str | None  # the sub-item's own title, where it is not the usual pattern


def organization(key: str, session: int) -> Organization:
    """The organization ``key`` as named at ``session`` (KeyError for an unknown key)."""
    return registry()[key].at(session)


def every_form() -> list[tuple[str, Organization]]:
    """Every organization in every form it has had, by key: what a reader may meet in a text
    of any year."""
    return [(key, entry) for key, organization in registry().items()
            for _, _, entry in organization.eras()]


@cache
def registry() -> dict[str, Organization]:
    """Every registered organization by key, read once per process.

    The registry is drafter's own file: it is read into the models without validating it here
    (tests/test_organizations.py validates it with them), so that no command pays for building
    six models at every start.
    """
    data: dict[str, dict[str, Any]] = load_data("organizations.yaml")  # type: ignore[assignment]
    return {key: _entry(entry) for key, entry in data.items()}


def _entry(data: dict[str, Any]) -> Organization:
    status = data["observer_status"]
    return Organization.model_construct(
        en=EnglishName.model_construct(**data["en"]),
        fr=FrenchName.model_construct(**data["fr"]),
        observer_status=None if status is None else ObserverStatus.model_construct(**status),
        periodicity=data["periodicity"],
        unconfirmed=data["unconfirmed"],
        earlier=[EarlierForms.model_construct(**form) for form in data.get("earlier", [])],
    )
