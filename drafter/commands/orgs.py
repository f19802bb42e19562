"""``drafter orgs``: the registry of organizations as a drafter reads it, one block per key."""

from __future__ import annotations

from drafter.language import LANGUAGES, language
from drafter.organizations import Organization, registry
from drafter.templating import wording
from drafter.terminal import say


def orgs_command(session: int | None = None) -> int:
    """Print every registered organization: key, names, observer status, sub-item titles; as
    named at ``session`` when given (names change: the registry keeps their dates)."""
    for key, organization in sorted(registry().items()):
        say(*organization_lines(key, organization.at(session) if session else organization), "")
    return 0


def organization_lines(key: str, organization: Organization) -> list[str]:
    """The block `drafter orgs` prints for one organization."""
    lines = [f"{key}"]
    for code in LANGUAGES:
        local = getattr(organization, code)
        lines.append(f"  {code}: {local.name} ({local.acronym})")
    for first, last, earlier in organization.eras()[:-1]:
        since = f"sessions {first}–{last}" if first else f"until session {last}"
        names = "; ".join(f"{code}: {getattr(earlier, code).name}" for code in LANGUAGES)
        lines.append(f"  {since}: {names}")
    status = organization.observer_status
    lines.append("  observer status: " + (
        f"resolution {status.resolution} of {language('en').format_date(status.date)}"
        if status else "none recorded"))
    for code in LANGUAGES:
        lines.append(f"  sub-item ({code}): {sub_item_title(organization, code)}")
    if organization.unconfirmed:
        lines.append(f"  not confirmed in a UN source: {', '.join(organization.unconfirmed)}")
    return lines


def sub_item_title(organization: Organization, lang: str) -> str:
    """The sub-item's title as the templates write it in ``lang``."""
    phrases = wording(lang).env.globals["phrases"]
    return str(phrases.sub_item(organization.forms(lang)))  # type: ignore[attr-defined]
