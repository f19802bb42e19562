"""Tracked changes between two versions of a resolution: one Document carrying revision marks.

The GA Affairs Branch wants a follow-up draft to start from the official A/RES text with every
change shown in Word's Track Changes. ``diff_documents`` aligns the paragraphs of the old and the
new Document part by part (``parts``: preface lines by their slot; preamble, operative paragraphs,
their sub-paragraphs and the footnotes as sequences, ``align``), keeps similar paragraphs as one
paragraph changed word by word (``words``, on the ``tokens``), and marks the rest as whole
deleted or inserted paragraphs, footnotes going with their marks (``footnotes``). Operative
numbers and sub-paragraph letters become the first run of their paragraph, so that renumbering
shows as a change. Accepting every revision gives the new text; rejecting every one gives the
old text. ``summary`` says what changed, part by part.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from msgspec import Struct

from drafter.document import Document
from drafter.layout import Layout
from drafter.revisions.parts import tracked_document
from drafter.revisions.summary import PartChanges, summarize

__all__ = ["PartChanges", "Tracked", "diff_documents", "signing_time", "summarize", "track",
           "tracked_docx"]


def diff_documents(old: Document, new: Document) -> Document:
    """The new document with the changes from ``old`` marked: deleted runs, paragraphs and
    footnotes of the old one, inserted ones of the new one. Footnotes are numbered 1..N in the
    tracked document's order, deleted and inserted ones included."""
    if old.lang != new.lang:
        raise ValueError(f"cannot track changes between languages {old.lang!r} and {new.lang!r}")
    return tracked_document(old, new)


def tracked_docx(old: Document, new: Document, author: str, when: datetime) -> bytes:
    """The .docx of ``new`` with every change from ``old`` in Word's Track Changes, signed by
    ``author`` at ``when``; the same inputs always give the same bytes."""
    return track(old, new, author, when).docx


class Tracked(Struct, frozen=True):
    """A tracked-changes Word file and what changed, part by part."""

    docx: bytes
    changes: list[PartChanges]


def track(old: Document, new: Document, author: str, when: datetime,
          layout: Layout | None = None) -> Tracked:
    """What ``drafter compare`` and ``drafter followup`` write for one language: the .docx of
    ``new`` with every change from ``old`` tracked, and the summary of those changes."""
    from drafter.writers.docx import write_docx

    tracked = diff_documents(old, new)
    changes = summarize(tracked)
    return Tracked(write_docx(tracked, author=author, when=when, layout=layout), changes)


def signing_time(day: date) -> datetime:
    """When tracked changes are dated: midnight (UTC) of the new text's date, never the clock,
    so that the same inputs always give the same bytes."""
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
