"""``drafter phrases``: the keys of the opening phrases or the operative verbs with their English
and French words (and the synonyms each language declares), then those a phrase book adds."""

from __future__ import annotations

from pathlib import Path

from drafter.language import LANGUAGES, language, phrase_keys


def lexicon_lines(part: str) -> list[str]:
    """One line per key of the lexicon's ``part`` (preamble or operative)."""
    lines = []
    for key in phrase_keys(part):  # type: ignore[arg-type]
        words = " | ".join(language(code).phrase(part, key) for code in LANGUAGES)  # type: ignore[arg-type]
        also = [f"{code} also: {language(code).phrase(part, other)}"  # type: ignore[arg-type]
                for code in LANGUAGES for other in language(code).synonyms[part].get(key, ())]
        lines.append(f"{key:32} {words}" + (f" ({'; '.join(also)})" if also else ""))
    return lines


def book_lines(path: Path, part: str) -> list[str]:
    """One line per key the phrase book at ``path`` adds to ``part``."""
    from drafter.phrasebook import load_book

    return [f"{key:32} {' | '.join(phrase[code] for code in LANGUAGES)}"
            for key, phrase in load_book(path).entries[part].items()]
