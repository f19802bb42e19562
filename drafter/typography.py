"""The final typographic pass: no-break spaces around punctuation, as the language data says.

It runs once on the composed Document, so nobody types no-break spaces into a template or a
source: an ordinary space before ``;`` is replaced, a missing one is added. Languages whose data
has no ``typography`` (English) keep their punctuation as it is. In every language the spaces
inside a date ("21 November 2022", "1er août 2009") become the language's ``date_space``, so
that no date is split across two lines.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from operator import is_

from msgspec.structs import replace

from drafter.document import (
    Block,
    Document,
    FootnoteRef,
    Inline,
    Point,
    Run,
    Span,
)
from drafter.language import Language, Typography, language
from drafter.regexes import compiled

_SPACES = " \u00a0\u202f"
_SPACE = f"[{_SPACES}]*"
#: A mark used as punctuation is followed by a space, the end, or a closing sign.
_AS_PUNCTUATION = r"(?=[\s»)\]]|$)"
#: Runs spaced once and kept, and the longest kept (bounded, as in drafter.markup).
_CACHED, _CACHED_LENGTH = 2048, 4000


#: Rules that can only match where one of some texts is: those texts, and each rule's pattern
#: and the text it puts in place of what the pattern matched.
Rules = tuple[tuple[str, ...], tuple[tuple[re.Pattern[str], str], ...]]


@cache
def _rules(code: str) -> tuple[Rules, ...]:
    """The compiled rules of one language, built once from its data: punctuation, each rule
    needing its mark, then dates, needing the name of a month."""
    lang = language(code)
    typography = lang.typography
    rules: list[Rules] = []
    for mark, space in (typography.before if typography else {}).items():
        tail = _AS_PUNCTUATION if mark != "»" else ""
        pattern = compiled(f"(?<=\\S){_SPACE}{re.escape(mark)}{tail}")
        rules.append(((mark,), ((pattern, space + mark),)))
    for mark, space in (typography.after if typography else {}).items():
        rules.append(((mark,), ((compiled(f"{re.escape(mark)}{_SPACE}(?=\\S)"), mark + space),)))
    if lang.date_space != " ":
        names = [re.escape(name) for name in lang.months]
        months = "(?:" + "|".join(names) + ")(?!\\w)"
        after_month = "|".join(f"(?<=\\b{name}[{_SPACES}])" for name in names)
        # Day and month, month and year: "9 November", "November 2018", "juillet 2019". Each
        # pattern finds a space (quick to scan for), looks behind it for what must come before
        # the spaces (a digit, a month), then ahead of them: trying twelve lookbehinds at every
        # character, or calling Python for every space that a month or year follows, is not.
        rules.append((lang.months, (
            (compiled(f"[{_SPACES}](?<=\\d[{_SPACES}])[{_SPACES}]*(?={months})"),
             lang.date_space),
            (compiled(f"[{_SPACES}](?=[{_SPACES}]*\\d{{4}}(?!\\d))(?:{after_month})[{_SPACES}]*"),
             lang.date_space),
        )))
    return tuple(rules)


@cache
def _needed(code: str) -> tuple[str, ...]:
    """Every text that a rule or a fix at a run boundary needs (the boundary fixes need a mark
    or a month, as the rules do): a block whose text holds none of them stays as it is."""
    return tuple(dict.fromkeys(part for needed, _ in _rules(code) for part in needed))


def _spaced(text: str, code: str) -> str:
    """A run's text with the rules applied one after the other, as each sees the text the
    previous one left; rules whose needed texts are all absent cannot match and are skipped
    (the date rules' lookbehinds are slow to try at every character of every run)."""
    return _spaced_text(text, code) if len(text) <= _CACHED_LENGTH else _apply(text, code)


def _apply(text: str, code: str) -> str:
    for needed, group in _rules(code):
        for part in needed:  # a loop, not any(): most texts hold none, and a generator costs
            if part in text:
                break
        else:
            continue
        for pattern, replacement in group:  # they change spaces, never what they need
            text = pattern.sub(replacement, text)
    return text


_spaced_text = lru_cache(maxsize=_CACHED)(_apply)


def apply_typography(document: Document, lang: Language) -> Document:
    """The document with the language's spacing rules applied to every block."""
    if lang.typography is None and lang.date_space == " ":
        return document
    typography = lang.typography or Typography(before={}, after={})

    needed = _needed(lang.code)

    def fix(block: Block) -> Block:
        old, text = block.inlines, block.text()
        for part in needed:  # a loop, not any(), as in _apply
            if part in text:
                break
        else:  # most blocks of an English document: no rule or boundary fix can change them
            return Block(list(old), meanings=block.meanings)
        inlines = _fix_inlines(old, lang, typography)
        # map(is_) compares in C, without a generator's frame per inline.
        if not block.meanings or (len(inlines) == len(old) and all(map(is_, inlines, old))):
            return Block(inlines, meanings=block.meanings)  # nothing to move
        return Block(inlines, meanings=_moved(block.meanings, text, Block(inlines).text()))

    def fix_points(points: list[Point]) -> list[Point]:
        return [Point(p.num, fix(p.content), fix_points(p.points)) for p in points]

    preface = document.preface
    preface_fields = {name: fix(value) for name, value in vars_of(preface).items()
                      if isinstance(value, Block)}
    conclusions = document.conclusions
    return replace(
        document,
        preface=replace(preface, **preface_fields),  # type: ignore[arg-type]
        formula=fix(document.formula),
        preamble=[replace(p, content=fix(p.content)) for p in document.preamble],
        operative=[replace(p, content=fix(p.content), points=fix_points(p.points))
                   for p in document.operative],
        conclusions=(replace(conclusions, meeting=fix(conclusions.meeting),
                             date=fix(conclusions.date)) if conclusions else None),
        footnotes=[replace(f, content=fix(f.content)) for f in document.footnotes],
    )


def vars_of(instance: object) -> dict[str, object]:
    """Field values of a Struct."""
    return {name: getattr(instance, name) for name in instance.__struct_fields__}  # type: ignore[attr-defined]


def _moved(spans: list[Span], before: str, after: str) -> list[Span]:
    """Spans over text whose spacing changed. Typography only adds, removes or replaces spaces
    next to punctuation, never other characters and never inside what a span covers (a date, a
    citation, a phrase), so the n-th other character of the text stays the n-th."""
    if not spans or before == after:
        return spans
    # Where spaces only became other spaces (a date's, most often), every other character
    # stays where it was; else, up to the first change.
    same = (len(before) if len(before) == len(after) and _plain(before) == _plain(after)
            else _same_start(before, after))
    kept = [span.start < span.end <= same and before[span.start] not in _SPACES
            and before[span.end - 1] not in _SPACES for span in spans]
    # Counted for all spans in one pass over each text: span by span, a paragraph of 10,000
    # dates counted its whole text 20,000 times (a minute).
    moving = [span for span, keep in zip(spans, kept) if not keep]
    counts = _all_others_before(before, [offset for span in moving for offset in (span.start, span.end)])
    found = _all_others_at(after, [index for span in moving
                                   for index in (counts[span.start], counts[span.end] - 1)])
    moved = []
    for span, keep in zip(spans, kept):
        if keep:
            moved.append(span)  # on characters that stay where they were: as it was
            continue
        first, last = counts[span.start], counts[span.end] - 1
        moved.append(replace(span, start=found[first], end=found[last] + 1)
                     if first <= last else span)
    return moved


def _plain(text: str) -> str:
    """The text with every space a plain one (str.replace is quicker than str.translate)."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")  # the other two _SPACES


def _same_start(one: str, other: str) -> int:
    """The length of the longest common beginning of two texts, by bisection."""
    low, high = 0, min(len(one), len(other))
    while low < high:
        middle = (low + high + 1) // 2
        if one[:middle] == other[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _others_before(text: str, offset: int) -> int:
    """How many characters other than spaces stand before ``offset`` (counted in C, not one by
    one in Python: this runs for every paragraph with a date or a citation)."""
    return _others_between(text, 0, min(offset, len(text)))


def _others_between(text: str, start: int, end: int) -> int:
    return end - start - text.count(" ", start, end) - text.count("\u00a0", start, end) - text.count(
        "\u202f", start, end)  # the three _SPACES


def _all_others_before(text: str, offsets: list[int]) -> dict[int, int]:
    """_others_before for every offset, each count going on from where the previous stopped."""
    found: dict[int, int] = {}
    position = count = 0
    for offset in sorted(set(offsets)):
        end = min(offset, len(text))
        count += _others_between(text, position, end)
        position = end
        found[offset] = count
    return found


def _all_others_at(text: str, indices: list[int]) -> dict[int, int]:
    """_other_at for every index, in one pass: from where the previous one was found, the
    ``index``-th character other than a space is at least ``index - count`` further on."""
    found: dict[int, int] = {}
    total = _others_between(text, 0, len(text))
    position = count = 0  # count: the characters other than spaces before position
    for index in sorted(set(indices)):
        if not count <= index < total:
            found[index] = _other_at(text, index)  # beyond the text (or negative): as it answers
            continue
        while count < index or text[position] in _SPACES:
            if count < index:
                end = position + index - count
                count += _others_between(text, position, end)
                position = end
            else:
                position += 1  # a space before the character sought
        found[index] = position
    return found


def _other_at(text: str, index: int) -> int:
    """The offset of the ``index``-th character other than a space (from 0), by bisection."""
    low, high = index, len(text) - 1
    while low < high:
        middle = (low + high) // 2
        if _others_before(text, middle + 1) > index:
            high = middle
        else:
            low = middle + 1
    return low


def _fix_inlines(inlines: list[Inline], lang: Language, typography: Typography) -> list[Inline]:
    out: list[Inline] = []
    code = lang.code
    # The boundary fixes that can change anything: English has no marks that take a space,
    # so its runs skip the marks' two.
    marks, dates = bool(typography.before or typography.after), lang.date_space != " "
    for item in inlines:
        if isinstance(item, Run):
            text = item.text
            spaced = _spaced(text, code)
            if out:  # what lies across the boundary with the inline before
                if marks:
                    spaced = _fix_boundary(out, _after_boundary(out, spaced, typography), typography)
                if dates:
                    spaced = _date_boundary(out, spaced, lang)
            if spaced != text:
                item = item.with_text(spaced)
        out.append(item)
    emptied = _empty_runs(out)
    if emptied and emptied > _empty_runs(inlines):
        # A run of spaces alone whose space now stands with a mark: it is dropped, so that the
        # Word file has no empty run; runs that came empty are dropped only then.
        out = [item for item in out if not isinstance(item, Run) or item.text]
    return out


def _empty_runs(inlines: list[Inline]) -> int:
    return sum(1 for item in inlines if isinstance(item, Run) and not item.text)


def _before_spaces(before: list[Inline]) -> int:
    """The index of the last inline before the runs of spaces that end ``before`` (-1 if there
    is none): where a run boundary falls, the spaces may be in a run of their own."""
    index = len(before) - 1
    while index >= 0 and _blank(before[index]):
        index -= 1
    return index


def _blank(item: Inline) -> bool:
    return isinstance(item, Run) and not item.text.strip(_SPACES)


def _blank_after(before: list[Inline], index: int) -> None:
    """Empty the runs of spaces after ``index``: their space now stands with a mark."""
    for position in range(index + 1, len(before)):
        item = before[position]
        if isinstance(item, Run) and item.text:
            before[position] = item.with_text("")


def _after_boundary(before: list[Inline], text: str, typography: Typography) -> str:
    """Spacing where a run ends with a mark that takes its space after it (« followed by a word
    in italics): the mark's no-break space stays with the mark, at the end of its run, and the
    spaces between it and this run's first word go (a run of spaces alone becomes empty)."""
    index = _before_spaces(before)
    previous = before[index] if index >= 0 else None
    if not text or not isinstance(previous, Run):
        return text
    ending = previous.text.rstrip(_SPACES)
    space = typography.after.get(ending[-1:])
    if space is None:
        return text
    if ending + space != previous.text:  # a run left as it was stays the same object (see fix)
        before[index] = previous.with_text(ending + space)
    _blank_after(before, index)
    return text.lstrip(_SPACES)


def _date_boundary(before: list[Inline], text: str, lang: Language) -> str:
    """A month opening a run after a day that ends the run before ("1{sup|er}", " août")."""
    previous = before[-1] if before else None
    if lang.date_space == " " or not isinstance(previous, Run):
        return text
    if not (previous.superscript or previous.text[-1:].isdigit()):
        return text
    rest = text.lstrip(_SPACES)
    if rest == text or not rest.startswith(lang.months):
        return text
    return lang.date_space + rest


def _fix_boundary(before: list[Inline], text: str, typography: Typography) -> str:
    """Spacing where a mark opens a run (an italic title followed by ";" or "»"): the space
    belongs between the two runs, and the spaces that end the runs before go."""
    rest = text.lstrip(_SPACES)
    mark = rest[:1]
    if not before or mark not in typography.before:
        return text
    index = _before_spaces(before)
    previous = before[index] if index >= 0 else None
    if isinstance(previous, Run):
        trimmed = previous.text.rstrip(_SPACES)
        if trimmed != previous.text:  # a run left as it was stays the same object (see fix)
            before[index] = previous.with_text(trimmed)
    elif previous is not None and not isinstance(previous, FootnoteRef):
        return text
    _blank_after(before, index)
    return typography.before[mark] + rest
