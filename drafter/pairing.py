"""Join what was read in English and in French into one bilingual source tree.

Each language gives the same tree, in which prose is a ``Local`` leaf; the trees must agree
everywhere else (keys, citations, dates). With one language only, the other language's prose is
the same text behind a visible ``[to translate]`` mark, so the source validates and nobody can
mistake it for a translation.
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct

from drafter.language import LANGUAGES

#: What stands before text copied from the other language until someone translates it.
UNTRANSLATED = "[to translate] "


class Local(Struct, frozen=True):
    """Prose in the language it was read in."""

    text: str


class Choice(Struct, frozen=True):
    """Lexicon keys that fit a phrase, and the phrase as written. The two languages share a key,
    or else each keeps its phrase (an inline phrase, ``{en: …, fr: …}``). ``also`` holds the keys
    the phrase renders as a declared synonym ("Souligne" also renders underlines)."""

    keys: tuple[str, ...]
    where: str
    text: str = ""
    also: tuple[str, ...] = ()


class PairingFailure(Exception):
    """The two versions do not say the same thing; the message says where."""


def single(tree: Any, code: str) -> Any:
    """A tree read in one language, with the other languages marked for translation."""
    if isinstance(tree, Local):
        return {other: tree.text if other == code else UNTRANSLATED + tree.text
                for other in LANGUAGES}
    if isinstance(tree, Choice):
        return tree.keys[0]
    if isinstance(tree, dict):
        return _spread({key: single(value, code) for key, value in tree.items()})
    if isinstance(tree, list):
        return [single(item, code) for item in tree]
    return tree


def pair(english: Any, french: Any, where: str = "the document", notes: list[str] | None = None) -> Any:
    """One tree from both languages' trees; PairingFailure where they differ. Phrases that are
    not each other's rendering, even as a declared synonym, are kept as written and noted."""
    if isinstance(english, Local) and isinstance(french, Local):
        return {"en": english.text, "fr": french.text}
    if isinstance(english, Choice) and isinstance(french, Choice):
        shared = [key for key in english.keys if key in french.keys]
        if shared:
            return shared[0]
        # A synonym pair (Underlines / Souligne) keeps its words: the key would render the
        # lexicon's own French ("Met l'accent sur") instead of the text's.
        if notes is not None and not set(english.keys + english.also) & set(french.keys + french.also):
            notes.append(f"{english.where}: the English “{english.text}” and the French "
                         f"“{french.text}” do not render each other in the lexicon: kept as "
                         "written; check that both versions say the same thing")
        return {"en": english.text, "fr": french.text}
    if isinstance(english, (Choice, Local)) and isinstance(french, (Choice, Local)):
        return {"en": english.text, "fr": french.text}  # a phrase outside the lexicon
    if isinstance(english, dict) and isinstance(french, dict):
        where = english.get("_label", where)
        if english.get("standard") != french.get("standard"):
            raise PairingFailure(f"{where}: the English reads as {_kind(english)} but the French "
                                 f"as {_kind(french)}; make both versions say the same thing")
        if english.keys() != french.keys():
            missing = sorted(set(english) ^ set(french))
            raise PairingFailure(f"{where}: only one version has {', '.join(missing)}; make the "
                                 "English and French say the same thing")
        return _spread({key: pair(english[key], french[key], f"{where}, {key}", notes)
                        for key in english})
    if isinstance(english, list) and isinstance(french, list):
        if len(english) != len(french):
            raise PairingFailure(f"{where}: the English has {len(english)} and the French "
                                 f"{len(french)}; they must match one for one")
        return [pair(a, b, f"{where} {index}", notes) for index, (a, b) in enumerate(zip(english, french), 1)]
    if english != french:
        raise PairingFailure(f"{where}: the English gives {_show(english)} but the French "
                             f"{_show(french)}; correct the one that is wrong")
    return english


def _kind(tree: dict[str, Any]) -> str:
    standard = tree.get("standard")
    return f"the standard paragraph {standard}" if standard else "a paragraph in prose"


def _show(value: Any) -> str:
    return str(value) if not isinstance(value, dict) else ", ".join(f"{k} {v}" for k, v in value.items())


def _spread(tree: dict[str, Any]) -> dict[str, Any]:
    """A paragraph's own prose (``_text``) becomes its en/fr fields; labels are dropped."""
    out = {key: value for key, value in tree.items() if key not in ("_text", "_label")}
    if "_text" in tree:
        out.update(tree["_text"])
    return out
