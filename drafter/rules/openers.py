"""Opening phrases and operative verbs (O2xx): known to the lexicon, and set in italics."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.findings import Issue
from drafter.language import Section
from drafter.rules import DocumentCheck, Rule
from drafter.rules.draft import Draft, Paragraph, runs
from drafter.rules.structure import has_words
from drafter.rules.wording import shortened, wording

_OTHER: dict[Section, Section] = {"preamble": "operative", "operative": "preamble"}
#: Unknown openings of one part that get the nearest known phrase as a hint. Each hint compares
#: the opening with every known phrase, and a draft of 19,000 unknown openings took minutes; past
#: this many, each opening is still a finding, with the list of known phrases as its hint.
_SUGGESTIONS = 200


def _known(section: Section, what: str, example_key: str) -> DocumentCheck:
    """``example_key`` names the lexicon phrase shown as an example, in the draft's language.

    A source names its phrases by lexicon key or writes them inline in both languages, which the
    schema checks: only Word and text drafts can open with a phrase the lexicon does not know.
    """
    def check(draft: Draft) -> Iterator[Issue]:
        if draft.origin == "source":
            return
        words = wording(draft.lang.code)
        example = draft.lang.phrase(section, example_key)
        suggested = 0
        for paragraph in draft.of_kind(section):
            text = paragraph.plain
            if not has_words(text) or words.opener(text, section) or words.opener(text, _OTHER[section]):
                continue
            first = " ".join(text.split()[:3])
            close = near = None
            if suggested < _SUGGESTIONS:
                suggested += 1
                close, near = words.nearest(text, section), words.nearest(text, section, cutoff=0.0)
            own = ("if it is a phrase of your own, it may stay (a source writes it inline, in "
                   "both languages).")
            hint = (f"Did you mean “{close}”? Correct it; {own}" if close else
                    f"The nearest known {what} is “{near}”; {own}" if near else
                    f"Open it with an {what} such as “{example}”; `drafter phrases {section}` "
                    "lists the known ones.")
            yield Issue(paragraph.where.at(shortened(first)),
                        f"This paragraph opens with “{shortened(first)}…”, which is not a "
                        f"known {what}.", hint)
    return check


def _italic(section: Section, what: str) -> DocumentCheck:
    def check(draft: Draft) -> Iterator[Issue]:
        if draft.origin == "text":
            return  # plain text keeps no reliable italics
        words = wording(draft.lang.code)
        for paragraph in draft.of_kind(section):
            opener = words.opener(paragraph.plain, section)
            if opener and not _italic_prefix(paragraph, len(opener[0])):
                yield Issue(paragraph.where.at(opener[0]), f"The {what} “{opener[0]}” is not in italics.",
                            f"Set “{opener[0]}” in italics, and only those words.")
    return check


def _italic_prefix(paragraph: Paragraph, length: int) -> bool:
    """Whether the first ``length`` characters after any leading space are italic (spaces aside)."""
    text = "".join(run.text for run in runs(paragraph.block))
    start = len(text) - len(text.lstrip())
    end = start + length
    italic: list[bool] = []  # character by character, as far as the opening goes (not further)
    for run in runs(paragraph.block):
        if len(italic) >= end:
            break
        italic += [run.italic] * len(run.text)
    return all(flag or char.isspace() for char, flag in zip(text[start:end], italic[start:end]))


RULES = [
    Rule("O201", "warning", "Each preambular paragraph opens with a known participle or adjective.",
         "A preambular paragraph opens with a present, past or perfect participle, a participial "
         "phrase or an adjective. One that the lexicon (`drafter phrases preamble`) does not know "
         "may be a misspelling or a phrase of the drafter's own: the nearest known phrase is "
         "shown. Sources write their own phrases inline, in both languages.",
         "Recaling its resolution 59/50 …,", "Recalling its resolution 59/50 …,",
         "editorial-rules.md 2 [V]", document=_known("preamble", "opening phrase", "recalling")),
    Rule("O202", "warning", "Each operative paragraph opens with a known operative verb.",
         "An operative paragraph opens with a verb in the present tense. One that the lexicon "
         "(`drafter phrases operative`) does not know may be a misspelling or a verb of the "
         "drafter's own: the nearest known verb is shown. Sources write their own verbs inline, "
         "in both languages.",
         "1. Welcome with appreciation the report …;", "1. Welcomes with appreciation the report …;",
         "editorial-rules.md 2 [V]", document=_known("operative", "operative verb", "requests")),
    Rule("O203", "error", "The opening phrase of a preambular paragraph is in italics.",
         "In Word documents the participle or adjective that opens a preambular paragraph is "
         "italic (plain-text files are not checked).",
         "Recalling its resolution … (upright)", "*Recalling* its resolution … (italic)",
         "editorial-rules.md 3 and 6 [V]", document=_italic("preamble", "opening phrase")),
    Rule("O204", "warning", "The operative verb is in italics.",
         "In Word documents the verb that opens an operative paragraph is italic, as in the "
         "official texts (plain-text files are not checked).",
         "1. Requests the Secretary-General … (upright)",
         "1. *Requests* the Secretary-General … (italic)",
         "editorial-rules.md 19 [U]", unverified=True,
         document=_italic("operative", "operative verb")),
]
