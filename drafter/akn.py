"""Akoma Ntoso (AKN4UN) names that the writer and the reader share: namespaces, FRBR URIs of a
resolution and of what it cites, and the rules that make eIds.

Conventions follow the UN's profile (unsceb-hlcm.github.io, "AKN4UN Naming convention"): a
General Assembly resolution is the work ``/akn/un/statement/deliberation/un-ga/{date}/{number}``,
its number written with "-" for "/" and "_" for a space (77/13 → 77-13), its expressions
``…/eng@{date}`` and ``…/fra@{date}``. A Security Council resolution is dated by its year when
the text gives no day. A citation that gives no date, and a document cited by its symbol, cannot
make an FRBR URI (the date is part of it); they link to the UN's own resolver of symbols.
eIds are made from the structure and the cleaned numbers only, never from the wording, so that
the English and French expressions of one resolution share them.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

from msgspec import Struct

from drafter.document import Meaning
from drafter.regexes import compiled

#: The Akoma Ntoso 3.0 namespace (OASIS LegalDocML).
NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#: drafter's own metadata under ``<proprietary>`` (the page size).
DRAFTER_NS = "urn:x-drafter:akn:1"
#: ISO 3166 reserves "un" for the United Nations: the AKN "country" of its documents.
COUNTRY = "un"
SUBTYPE = "deliberation"
#: Actors (the author part of a work URI): the General Assembly and the Security Council.
GENERAL_ASSEMBLY = "un-ga"
SECURITY_COUNCIL = "un-sc"
#: The UN's resolver of document symbols: what a symbol without a date links to.
SYMBOLS = "https://undocs.org/"
#: The name of the TLCReference that says what a cited document is, by meaning kind.
REFERENCE_NAMES = {"res": "generalAssemblyResolution", "sc": "securityCouncilResolution",
                   "doc": "document"}

_SEPARATORS = compiled(r"[^A-Za-z0-9]+")
_WORK = compiled(r"^/akn/un/statement/deliberation/(?P<actor>[a-z-]+)/"
                   r"(?P<date>\d{4}(?:-\d{2}-\d{2})?)/(?P<number>[^/@]+)$")


def uri_number(number: str) -> str:
    """A number as a URI part: "/" becomes "-" and a space "_" (AKN4UN)."""
    return number.replace("/", "-").replace(" ", "_")


def ga_number(part: str) -> str:
    """The inverse for a General Assembly number, whose only "/" is its last separator:
    "77-13" → "77/13", "S-30-1" → "S-30/1", "49-57_A" → "49/57 A"."""
    spaced = part.replace("_", " ")
    head, dash, tail = spaced.rpartition("-")
    return f"{head}/{tail}" if dash else spaced


class Work(Struct, frozen=True):
    """The FRBR work of a deliberative statement: who adopted (or will adopt) it, when, and its
    number as the UN writes it (77/13; a draft goes by its symbol, A/77/L.13)."""

    actor: str
    date: str  # YYYY-MM-DD, or YYYY when only the year is known
    number: str

    def uri(self) -> str:
        return (f"/akn/{COUNTRY}/statement/{SUBTYPE}/{self.actor}/{self.date}/"
                f"{uri_number(self.number)}")

    def expression(self, language: str, version: str) -> str:
        """The expression in one language (ISO 639-2, eng/fra) as of ``version`` (a date)."""
        return f"{self.uri()}/{language}@{version}"

    def manifestation(self, language: str, version: str) -> str:
        """The XML manifestation of that expression (AKN4UN: "[expression IRI]/.{format}")."""
        return f"{self.expression(language, version)}/.xml"


def parse_work(uri: str) -> Work | None:
    """The work of a URI made by ``Work.uri`` (a General Assembly number), None otherwise."""
    found = _WORK.match(uri)
    if found is None:
        return None
    number = found["number"]
    return Work(found["actor"], found["date"],
                ga_number(number) if found["actor"] == GENERAL_ASSEMBLY else number)


def href(meaning: Meaning) -> str:
    """Where a citation links to: an FRBR work URI when it is dated, else the symbol resolver."""
    args = meaning.args
    if meaning.kind == "res":
        if len(args) == 2:
            return Work(GENERAL_ASSEMBLY, args[1], args[0]).uri()
        return SYMBOLS + quote(f"A/RES/{args[0]}", safe="/()-.")
    if meaning.kind == "sc":
        return Work(SECURITY_COUNCIL, args[1], args[0]).uri()
    if meaning.kind == "doc":
        return SYMBOLS + quote(args[0], safe="/()-.")
    raise ValueError(f"a {meaning.kind} is not a citation")


def cited(kind: str, link: str) -> Meaning:
    """The citation that ``href`` made this link from; ValueError for any other link."""
    if kind == "doc" and link.startswith(SYMBOLS):
        return Meaning("doc", (unquote(link[len(SYMBOLS):]),))
    if kind == "res" and link.startswith(SYMBOLS + "A/RES/"):
        return Meaning("res", (unquote(link[len(SYMBOLS + "A/RES/"):]),))
    work = parse_work(link)
    actors = {"res": GENERAL_ASSEMBLY, "sc": SECURITY_COUNCIL}
    if work is not None and actors.get(kind) == work.actor:
        return Meaning(kind, (work.number, work.date))  # type: ignore[arg-type]
    raise ValueError(f"{link!r} is not a link drafter makes for a {kind} citation")


def reference_id(meaning: Meaning) -> str:
    """The eId of the TLCReference to a cited document: its kind and its numbers, each
    character other than a letter or digit a "-" (64/256 of 2 March 2010: res_64-256_2010-03-02)."""
    return "_".join([meaning.kind, *(_SEPARATORS.sub("-", arg).strip("-") for arg in meaning.args)])


# -- eIds -------------------------------------------------------------------------------------

#: Separators that stand between two digits of a number ("11.2", "2,3") and become "-".
_BETWEEN_DIGITS = compiled(r"(?<=\d)[\s.,;:_/-]+(?=\d)")
_NOT_ALPHANUMERIC = compiled(r"[\W_]+")


def clean_num(num: str) -> str:
    """The number part of an eId from a ``<num>``: brackets, spaces and final punctuation go,
    separators between digits become "-" (AKN4UN: "11.2 Rev. A" → "11-2RevA"), so "(a)" and
    "a)" both give "a"."""
    pieces = (_NOT_ALPHANUMERIC.sub("", piece) for piece in _BETWEEN_DIGITS.split(num))
    return "-".join(piece for piece in pieces if piece)


class EIds:
    """Hands out eIds, each once: a clash (two paragraphs numbered alike in a hand-made text)
    takes the suffix _2, _3 …, as bluebell does."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def claim(self, eid: str) -> str:
        unique, count = eid, 1
        while unique in self.used:
            count += 1
            unique = f"{eid}_{count}"
        self.used.add(unique)
        return unique


def child(parent: str | None, level: str, num: str | int | None = None) -> str:
    """``parent__level_num`` (``level`` alone for an element that is unique in its parent)."""
    own = level if num is None else f"{level}_{num}"
    return f"{parent}__{own}" if parent else own


#: The lines of the header (Preface fields) in order, with the names of their containers.
PREFACE = (("united_nations", "unitedNations"), ("symbol", "symbol"), ("organ", "organ"),
           ("distribution", "distribution"), ("date", "date"), ("translation", "translation"),
           ("original", "original"), ("session", "session"),
           ("agenda_item", "agendaItem"), ("agenda_title", "agendaTitle"), ("adoption", "adoption"),
           ("committee", "committee"), ("sponsors", "sponsors"), ("heading", "heading"))
