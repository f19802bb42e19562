"""Language of the text (L9xx): each paragraph in the document's language, none left to translate.

A paragraph is taken for the other language when that language's stop words (the short words
its prose cannot do without, listed in ``data/<lang>/stopwords.yaml``) clearly outnumber the
document's own: a few names or titles kept in the original do not tip the balance.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from drafter.findings import Issue
from drafter.language import LANGUAGES, language
from drafter.pairing import UNTRANSLATED
from drafter.regexes import compiled
from drafter.resources import load_data
from drafter.rules import Rule
from drafter.rules.draft import Draft, Kind
from drafter.rules.wording import normalize, shortened

_TEXT: tuple[Kind, ...] = ("preamble", "operative", "point", "footnote")
_WORD = compiled(r"[^\W\d_]+'?")
#: The other language must have at least this many stop words, and twice as many as the own.
_AT_LEAST, _RATIO = 2, 2
_MARK = UNTRANSLATED.strip()


@cache
def stop_words(code: str) -> frozenset[str]:
    """The stop words of one language."""
    data = load_data(f"{code}/stopwords.yaml")
    assert isinstance(data, dict)
    return frozenset(normalize(word) for word in data["words"])


def written_in(text: str, code: str) -> str | None:
    """The other language a text is written in instead of ``code``, if it clearly is."""
    words = _WORD.findall(normalize(text).lower())
    # Each set looked up once, not once a word: the cache's call cost more than the test.
    own = sum(map(stop_words(code).__contains__, words))
    for other in LANGUAGES:
        if other == code:
            continue
        theirs = sum(map(stop_words(other).__contains__, words))
        if theirs >= _AT_LEAST and theirs > _RATIO * own:
            return other
    return None


def _language(draft: Draft) -> Iterator[Issue]:
    code = draft.lang.code
    for paragraph in draft.of_kind(*_TEXT):
        text = paragraph.plain
        if _MARK in text:
            continue  # waiting for its translation: reported once, by L902
        other = written_in(text, code)
        if other is not None:
            yield Issue(paragraph.where, f"This paragraph of the {draft.lang.name} version is "
                        f"written in {language(other).name}.",
                        f"Write it in {draft.lang.name}; in a source, the {code} field holds "
                        f"the {draft.lang.name} text.")


def _untranslated(draft: Draft) -> Iterator[Issue]:
    for paragraph in draft.paragraphs:
        text = paragraph.plain
        start = text.find(_MARK)
        if start >= 0:
            yield Issue(paragraph.where.at(shortened(text[start:], 60)),
                        f"This paragraph is not written in {draft.lang.name} yet: it is still "
                        f"the other version's text marked “{_MARK}”.",
                        f"Translate it into {draft.lang.name} and remove the mark before the "
                        "draft is rendered or submitted.")


RULES = [
    Rule("L901", "error", "Each paragraph is written in the language of its version.",
         "A paragraph of the French version written in English, or the reverse, is a paragraph "
         "pasted into the wrong place (in a source, into the wrong field). The short words each "
         "language cannot do without (the, of, and … / le, des, et …) tell them apart; names and "
         "titles kept in the original do not count.",
         "(in the French version) Rappelant its resolution 75/276 of 28 April 2021,",
         "(in the French version) Rappelant sa résolution 75/276 du 28 avril 2021,",
         "DESIGN.md, Both languages", document=_language),
    Rule("L902", "error", "No paragraph is left waiting for its translation.",
         "`drafter import` of one language copies each paragraph into the other language behind "
         "a “[to translate]” mark; the other version is not written until every mark is gone.",
         "fr: \"[to translate] its resolution 75/276 …\"",
         "fr: \"sa résolution 75/276 …\"",
         "drafter.pairing", document=_untranslated),
]
