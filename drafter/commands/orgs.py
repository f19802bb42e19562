"""``drafter orgs``: the registry of organizations as a drafter reads it, one block per key."""

from __future__ import annotations

from drafter.language import LANGUAGES, language
from drafter.organizations import Organization, registry
from drafter.templating import wording
from drafter.terminal import say


def orgs_command() -> int:
    """Print every registered organization: key, names, observer status, sub-item titles."""
    for key, organization in sorted(registry().items()):
        say(*organization_lines(key, organization), "")
    return 0


def organization_lines(key: str, organization: Organization) -> list[str]:
    """The block `drafter orgs` prints for one organization."""
    lines = [f"{key}"]
    for code in LANGUAGES:
        local = getattr(organization, code)
        lines.append(f"  {code}: {local.name} ({local.acronym})")
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
