"""Exit codes every command shares, and the one line that reports a bug in drafter."""

from __future__ import annotations

import os

#: Input that cannot be used: syntax, types, unknown keys, existing outputs, bad options.
EXIT_INPUT = 2
#: A bug in drafter itself (EX_SOFTWARE); never the fault of the input.
EXIT_BUG = 70
#: After Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130


def debugging() -> bool:
    """DRAFTER_DEBUG=1: let a bug's traceback through instead of the one-line report."""
    return bool(os.environ.get("DRAFTER_DEBUG"))


def bug_report(error: BaseException, file: object = None) -> str:
    """One line for an unexpected exception: which file it stopped, and that it is drafter's bug."""
    where = f"{file}: " if file is not None else ""
    return (f"drafter: {where}internal error ({type(error).__name__}: {error}); please report it, "
            "with the command you ran. DRAFTER_DEBUG=1 shows the details.")
