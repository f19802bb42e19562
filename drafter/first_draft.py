"""A first-draft source for any registered organization, built from the standard paragraphs.

The draft holds what drafter knows (the organization's names and observer status, the session,
the follow-up mandate) and visible placeholders where only the drafter can write: the draft
symbol, the report, the agenda item and the prose paragraphs ("[…]"). No earlier cooperation
resolutions are known for a first draft, so the series recall is left out.
"""

from __future__ import annotations

import datetime as dt
import difflib

from drafter import placeholders
from drafter.language import LANGUAGES, language
from drafter.organizations import Organization, registry
from drafter.resolution import AgendaItem, Resolution


class NewDraftError(Exception):
    """A request for a first draft that cannot be met; the message says what to change."""


def new_resolution(org_key: str, session: int, agenda_item: AgendaItem | None = None) -> Resolution:
    """The first draft for ``org_key`` at ``session``, with placeholders where prose belongs."""
    organization = _organization(org_key)
    _check_session(session, session + organization.periodicity)
    prose = {"en": placeholders.PROSE, "fr": placeholders.PROSE}
    preamble: list[dict[str, object]] = [{"standard": "report_considered"},
                                         {"standard": "charter_regional"}]
    if organization.observer_status is not None:
        preamble.append({"standard": "observer_status"})
    preamble.append({"opener": "recognizing", **prose})
    following = session + organization.periodicity
    return Resolution.model_validate({
        "session": session,
        "agenda_item": agenda_item or placeholders.AGENDA_ITEM,
        "stage": "draft",
        "symbol": placeholders.draft_symbol(session),
        "distribution_date": first_draft_date(session),
        "organization": org_key,
        "report": placeholders.report_symbol(session),
        "mandate": {"report_session": following, "agenda_session": following},
        "preamble": preamble,
        "operative": [{"standard": "welcomes_report"},
                      {"verb": "encourages", **prose},
                      {"standard": "report_requested"},
                      {"standard": "agenda_inclusion"}],
    })


def first_draft_date(session: int) -> dt.date:
    """1 October of the session's first year: inside the session, which opens in September."""
    return dt.date(1945 + session, 10, 1)


def header(resolution: Resolution) -> list[str]:
    """The comment on top of a first draft: what it is and what is left to write."""
    name = registry()[resolution.organization].en.name
    session = language("en").session(resolution.session)
    todo = ", ".join(placeholders.placeholders(resolution))
    return [f"First draft: cooperation between the United Nations and the {name}, "
            f"{session} session (made by `drafter new`).",
            f"Still to write: {todo}.",
            f"Placeholders are {placeholders.PROSE} in prose, A/{resolution.session}/L.xx, "
            f"A/{resolution.session}/xxx and agenda item 999 (xx); `drafter validate` reports any "
            "left.",
            "Render with: drafter render THIS_FILE --out drafts/"]


def _organization(key: str) -> Organization:
    known = registry()
    if key not in known:
        close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"the keys are {', '.join(sorted(known))}"
        raise NewDraftError(f"--org {key!r} is not a registered organization; {hint}")
    return known[key]


def _check_session(session: int, following: int) -> None:
    last = min(max(language(code).sessions) for code in LANGUAGES)
    if session < 1 or following > last:
        raise NewDraftError(f"--session {session} is outside what drafter can write: the mandate "
                            f"names session {following}, and sessions run 1–{last}")
