"""The typed, bilingual source of a cooperation resolution: one file, both languages.

Structured where a program must reason (session, symbols, dates, citations, the follow-up
mandate, the standard paragraphs and their parameters); free prose per language elsewhere, with
the inline markup of ``drafter.markup``. Validation here is about what the renderer needs: known
keys, well-formed markup, consistent stage. Editorial checks belong to ``drafter validate``.
"""

# No ``from __future__ import annotations``: pydantic would evaluate every field's annotation
# from its text as it builds the 23 classes below (5.6 M instructions of each start).

import difflib
import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    ValidationInfo,
    JsonValue,
    field_validator,
    model_validator,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from drafter import markup, phrasebook, symbols
from drafter.language import Section, phrase_keys
from drafter.organizations import registry
from drafter.regexes import compiled

GA_NUMBER_PATTERN = markup.GA_NUMBER.pattern
_RES_NUMBER = compiled(r"^A/RES/(.+)$")


class _Model(BaseModel):
    # Built on first use, once, inside the Resolution: a command that validates no source pays
    # nothing, and one that does builds the nested models once instead of one by one.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _symbol(value: str) -> str:
    try:
        return symbols.validate(value)
    except symbols.SymbolError as error:
        raise PydanticCustomError("symbol", "{message}", {"message": str(error)}) from None


#: A document symbol, or a printed list of them ("A/63/228-S/2008/531 and Corr.1"). Its form is
#: judged by rule C405, so that a slightly wrong symbol is a finding rather than a refusal.
Symbol = Annotated[str, AfterValidator(_symbol),
                   WithJsonSchema({"type": "string", "pattern": symbols.shape()})]


def _unknown(kind: str, value: str, known: list[str], listing: str) -> PydanticCustomError:
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}?" if close else listing
    return PydanticCustomError("unknown_key", "unknown {kind} '{value}'; {hint}",
                               {"kind": kind, "value": value, "hint": hint})


def _check_markup(value: str) -> str:
    try:
        markup.parse(value)
    except markup.MarkupError as error:
        raise PydanticCustomError(
            "markup", "{message} (at character {offset}: '{excerpt}')",
            {"message": str(error), "offset": error.offset + 1,
             "excerpt": " ".join(value[error.offset : error.offset + 24].split())},
        ) from None
    return value


class Prose(_Model):
    """Text in both languages, with inline markup."""

    en: str = Field(min_length=1, description="English text, with inline markup.")
    fr: str = Field(min_length=1, description="French text, with inline markup.")

    _markup = field_validator("en", "fr")(_check_markup)


class GACitation(_Model):
    """A General Assembly resolution cited with its date: "64/256 of 2 March 2010"."""

    number: Annotated[str, Field(pattern=GA_NUMBER_PATTERN, examples=["64/256"])]
    date: dt.date


class CouncilResolution(_Model):
    """A Security Council resolution: "1631 (2005)", with its date when the text gives it."""

    number: Annotated[int, Field(gt=0, strict=True, examples=[1631])]
    year: Annotated[int, Field(ge=1946, le=2999, strict=True)]
    date: dt.date | None = None


class PresidentialStatement(_Model):
    """A statement by the President of the Security Council, cited by date with a footnote."""

    symbol: Annotated[str, Field(pattern=r"^S/PRST/\d{4}/\d+$", examples=["S/PRST/2010/1"])]
    date: dt.date
    source: Prose | None = Field(
        None, description="Where it is published, for the footnote after the symbol.")


class InlinePhrase(_Model):
    """An opening phrase or verb written out in every language, for a phrase outside the lexicon:
    ``{en: Having received, fr: Ayant reçu}``. One loaded from a phrase book keeps its key."""

    en: str = Field(description="The English phrase, e.g. Having received.")
    fr: str = Field(description="The French phrase, e.g. Ayant reçu.")
    _key: str | None = PrivateAttr(None)

    @field_validator("en", "fr")
    @classmethod
    def _words(cls, value: str) -> str:
        problem = phrasebook.phrase_text_problem(value)
        if problem:
            raise PydanticCustomError("phrase", "{problem}", {"problem": problem})
        return value

    @property
    def key(self) -> str | None:
        """The phrase book's key, or None for a phrase written out in the source."""
        return self._key


def _from_book(key: str, phrase: dict[str, str]) -> InlinePhrase:
    inline = InlinePhrase.model_validate(phrase)
    inline._key = key
    return inline


def _phrase_key(section: Section, kind: str) -> Any:
    """A validator of a key: the lexicon's, or the phrase book's (given as validation context)."""

    def check(value: str, info: ValidationInfo) -> str | InlinePhrase:
        book = (info.context or {}).get("phrases") or phrasebook.EMPTY
        if value in phrase_keys(section):
            return value
        found = book.phrase(section, value)
        if found is not None:
            return _from_book(value, found)
        raise _unknown(kind, value, [*phrase_keys(section), *book.keys(section)],
                       f"run `drafter phrases {section}` to list the known keys, or write the "
                       "phrase in both languages: {en: …, fr: …}")

    return check


def _phrase_kind(value: Any) -> str:
    return "inline" if isinstance(value, (dict, InlinePhrase)) else "key"


def _key_schema(section: Section, kind: str, example: str) -> WithJsonSchema:
    """Keys as an enum, so an editor completes and checks them (phrase books add more)."""
    return WithJsonSchema({"type": "string", "enum": phrase_keys(section),
                           "description": f"Key of the {kind} in the lexicon, e.g. {example}."})


_OpenerKey = Annotated[str, AfterValidator(_phrase_key("preamble", "opening phrase")),
                       _key_schema("preamble", "opening phrase", "recalling")]
_VerbKey = Annotated[str, AfterValidator(_phrase_key("operative", "operative verb")),
                     _key_schema("operative", "operative verb", "requests")]
#: An opening phrase: a lexicon key (recalling) or {en: …, fr: …}.
Opener = Annotated[Annotated[_OpenerKey, Tag("key")] | Annotated[InlinePhrase, Tag("inline")],
                   Discriminator(_phrase_kind)]
#: An operative verb: a lexicon key (requests) or {en: …, fr: …}.
Verb = Annotated[Annotated[_VerbKey, Tag("key")] | Annotated[InlinePhrase, Tag("inline")],
                 Discriminator(_phrase_kind)]


class Preambular(_Model):
    """A preambular paragraph in prose: an opening phrase by key, the rest per language."""

    opener: Opener = Field(description="The opening phrase: a key of the lexicon, e.g. recalling, "
                           "or the phrase in both languages, {en: Having received, fr: Ayant reçu}.")
    en: str = Field(min_length=1)
    fr: str = Field(min_length=1)

    _markup = field_validator("en", "fr")(_check_markup)


class _StandardPreambular(_Model):
    opener: Opener


class ReportConsidered(_StandardPreambular):
    """Having considered the report of the Secretary-General (the top-level `report`)."""

    standard: Literal["report_considered"]
    opener: Opener = "having_considered"


class CharterRegional(_StandardPreambular):
    """Recalling the Articles of the Charter that encourage regional cooperation."""

    standard: Literal["charter_regional"]
    opener: Opener = "recalling"


class ObserverStatusGranted(_StandardPreambular):
    """Recalling the resolution that granted the organization observer status."""

    standard: Literal["observer_status"]
    opener: Opener = "recalling_also"
    resolution: GACitation | None = Field(
        None, description="Defaults to the observer-status resolution in the registry.")


class CooperationSeries(_StandardPreambular):
    """Recalling the earlier resolutions on cooperation with the organization."""

    standard: Literal["cooperation_series"]
    opener: Opener = "recalling_further"
    resolutions: list[GACitation] = Field(min_length=1)
    continuation: Prose | None = Field(
        None, description="More recalls after a comma: \"and its Declaration on …\".")


class SecurityCouncil(_StandardPreambular):
    """Recalling the Security Council's resolutions and presidential statements on partnerships."""

    standard: Literal["security_council"]
    opener: Opener = "recalling"
    resolutions: list[CouncilResolution] = Field(min_length=1)
    statements: list[PresidentialStatement] = []


class _StandardOperative(_Model):
    verb: Verb


class WelcomesReport(_StandardOperative):
    """Welcomes the report of the Secretary-General."""

    standard: Literal["welcomes_report"]
    verb: Verb = "welcomes_with_appreciation"
    continuation: Prose | None = Field(None, description="What follows \"the report …\".")


class ReportRequested(_StandardOperative):
    """Requests a report at the session named by the mandate."""

    standard: Literal["report_requested"]
    verb: Verb = "requests"


class AgendaInclusion(_StandardOperative):
    """Decides to include the sub-item in the provisional agenda of the mandate's session."""

    standard: Literal["agenda_inclusion"]
    verb: Verb = "decides"


class Subparagraph(_Model):
    """A lettered sub-paragraph, itself possibly divided."""

    en: str = Field(min_length=1)
    fr: str = Field(min_length=1)
    subparagraphs: list["Subparagraph"] = []

    _markup = field_validator("en", "fr")(_check_markup)


class Operative(_Model):
    """An operative paragraph in prose: a verb by key, the rest per language."""

    verb: Verb = Field(description="The operative verb: a key of the lexicon, e.g. requests, or "
                       "the verb in both languages, {en: Underlines, fr: Souligne}.")
    en: str = Field(min_length=1)
    fr: str = Field(min_length=1)
    subparagraphs: list[Subparagraph] = []
    _markup = field_validator("en", "fr")(_check_markup)


def _kind(value: Any) -> str:
    """Route a paragraph to its model: by `standard` when given, to prose otherwise."""
    if isinstance(value, dict):
        return str(value.get("standard", "prose"))
    return str(getattr(value, "standard", "prose"))


PreambularParagraph = Annotated[
    Annotated[Preambular, Tag("prose")]
    | Annotated[ReportConsidered, Tag("report_considered")]
    | Annotated[CharterRegional, Tag("charter_regional")]
    | Annotated[ObserverStatusGranted, Tag("observer_status")]
    | Annotated[CooperationSeries, Tag("cooperation_series")]
    | Annotated[SecurityCouncil, Tag("security_council")],
    Discriminator(_kind, custom_error_type="standard_preamble",
                  custom_error_message="unknown standard paragraph"),
]

OperativeParagraph = Annotated[
    Annotated[Operative, Tag("prose")]
    | Annotated[WelcomesReport, Tag("welcomes_report")]
    | Annotated[ReportRequested, Tag("report_requested")]
    | Annotated[AgendaInclusion, Tag("agenda_inclusion")],
    Discriminator(_kind, custom_error_type="standard_operative",
                  custom_error_message="unknown standard paragraph"),
]

#: The standard paragraphs of each part, by name, for messages and suggestions.
STANDARDS: dict[str, tuple[str, ...]] = {
    "preamble": ("report_considered", "charter_regional", "observer_status",
                 "cooperation_series", "security_council"),
    "operative": ("welcomes_report", "report_requested", "agenda_inclusion"),
}


class AgendaItem(_Model):
    """Agenda item 127, sub-item (t)."""

    number: int = Field(gt=0, le=999, strict=True)
    sub_item: Annotated[str, Field(pattern=r"^[a-z]{1,2}$")] | None = None


class Adoption(_Model):
    """When an adopted resolution was adopted: the date and the plenary meeting."""

    date: dt.date
    meeting: int = Field(gt=0, le=999, strict=True, description="Number of the plenary meeting, e.g. 39.")


class Mandate(_Model):
    """The follow-up: the session at which the Secretary-General reports, and the session on
    whose provisional agenda the sub-item is included."""

    report_session: int = Field(gt=0, le=120, strict=True)
    agenda_session: int = Field(gt=0, le=120, strict=True)


#: The registry's keys, so an editor completes and checks `organization`.
_ORGANIZATION_KEYS: list[JsonValue] = [key for key in sorted(registry())]


class Resolution(_Model):
    """A cooperation resolution, in English and French."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, defer_build=True,
        json_schema_extra={"title": "drafter resolution source",
                           "$comment": "Generated by `drafter schema`; do not edit."},
    )

    session: int = Field(gt=0, le=120, strict=True, description="The General Assembly session, e.g. 77.")
    agenda_item: AgendaItem
    stage: Literal["draft", "adopted"]
    symbol: Symbol = Field(description="The symbol of the document: A/RES/77/13, A/77/L.13.",
                           examples=["A/RES/77/13", "A/77/L.13"])
    draft_symbol: Symbol | None = Field(
        None, description="The L-document of the draft, cited under an adopted resolution: "
        "A/77/L.13, A/63/L.101 and Add.1.", examples=["A/77/L.13", "A/63/L.101 and Add.1"])
    distribution_date: dt.date
    adoption: Adoption | None = None
    sponsors: list[Prose] = Field([], description="Sponsoring States (drafts), in the order "
                                  "the draft lists them: [{en: Armenia, fr: Arménie}, …].")
    original: Literal["ar", "zh", "en", "fr", "ru", "es"] = Field(
        "en", description="The official language the draft was submitted in, printed on drafts "
        "as \"Original: English\" (\"Original : anglais\" in French): ar, zh, en, fr, ru or es.")
    page_size: Literal["A4", "Letter"] = "A4"
    organization: str = Field(description="Key of the organization in the registry, e.g. csto "
                              "(`drafter orgs` lists them).",
                              json_schema_extra={"enum": _ORGANIZATION_KEYS})
    report: Symbol = Field(
        description="Symbol of the report of the Secretary-General considered: A/77/277, "
        "A/63/228-S/2008/531 and Corr.1.",
        examples=["A/77/277-S/2022/606", "A/63/228-S/2008/531 and Corr.1"])
    mandate: Mandate
    preamble: list[PreambularParagraph] = Field(min_length=1)
    operative: list[OperativeParagraph] = Field(min_length=1)

    @field_validator("organization")
    @classmethod
    def _known_organization(cls, value: str) -> str:
        if value not in registry():
            known = sorted(registry())
            raise _unknown("organization", value, known, f"the registry knows {', '.join(known)}")
        return value

    @model_validator(mode="after")
    def _stage_consistent(self) -> "Resolution":
        """What an adopted text cannot be rendered without. A draft that carries adoption data
        or an A/RES symbol still renders (as a draft): validate reports it (C407)."""
        if self.stage == "adopted":
            if self.adoption is None:
                raise ValueError("an adopted resolution needs `adoption` (date and meeting)")
            if not self.symbol.startswith("A/RES/"):
                raise ValueError(f"an adopted resolution's symbol starts with A/RES/, not {self.symbol!r}")
        return self

    @model_validator(mode="after")
    def _observer_status_known(self) -> "Resolution":
        """The observer-status paragraph cites the registry's resolution unless it gives one."""
        entry = registry()[self.organization]
        if entry.observer_status is not None:
            return self
        for index, paragraph in enumerate(self.preamble):
            if isinstance(paragraph, ObserverStatusGranted) and paragraph.resolution is None:
                raise PydanticCustomError(
                    "no_observer_status",
                    "the registry records no observer status for {name}; give the resolution "
                    "that granted it (resolution: {number: …, date: …}) or remove this paragraph",
                    {"name": entry.at(self.session).en.name, "index": index})
        return self

    @property
    def number(self) -> str | None:
        """The resolution number, "77/13", read from an A/RES symbol."""
        found = _RES_NUMBER.match(self.symbol)
        return found.group(1) if found else None
