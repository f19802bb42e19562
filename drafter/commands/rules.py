"""``drafter rules``: the catalogue of the rules ``drafter validate`` applies, printed."""

from __future__ import annotations

from drafter.commands.validate import EXIT_CLEAN


def rules_command(write: bool) -> int:
    """Print the rule catalogue, or (``write``) regenerate docs/rules.md from it."""
    from drafter.rules.manual import rules_text, write_rules_doc

    if write:
        print(f"wrote {write_rules_doc()}")
    else:
        print(rules_text())
    return EXIT_CLEAN
