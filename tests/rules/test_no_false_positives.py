"""No false positives: concordant resolutions validate clean, composed or read back.

Any well-formed resolution whose two languages say the same thing renders to Word and text
documents that validate clean, read back or not.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.composer import compose
from drafter.language import phrase_keys
from drafter.organizations import registry
from drafter.readers.docx import read_docx
from drafter.readers.text import read_text
from drafter.resolution import Resolution
from drafter.rules import all_rules
from drafter.rules.citations import session_window
from drafter.source import load
from drafter.commands.validate import check_document, check_pair, validate
from drafter.writers.docx import write_docx
from drafter.writers.text import write_text

from conftest import EXAMPLE

RULES = all_rules()
WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "kilo"]
words = st.sampled_from(WORDS)
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def ga_citation(draw: st.DrawFn) -> str:
    """A GA resolution dated within its session, before the example's session 77, other than
    the example itself."""
    session = draw(st.integers(40, 77))
    first, last = session_window(session)
    day = first + timedelta(days=draw(st.integers(20, (last - first).days - 40)))
    # never 77/13, the example's own number: citing it is a mistake (C403)
    number = draw(st.integers(1, 300).filter(lambda number: (session, number) != (77, 13)))
    return f"{{res|{session}/{number}|{day.isoformat()}}}"


#: Security Council resolutions adopted before the example's session 77 ended.
council = st.builds(lambda n, d, dated: f"{{sc|{n}|{d.isoformat() if dated else d.year}}}",
                    st.integers(1, 2800), st.dates(min_value=date(1990, 1, 1),
                                                   max_value=date(2022, 12, 31)), st.booleans())
symbols = st.builds(lambda s, n: f"{{doc|A/{s}/{n}}}", st.integers(40, 80), st.integers(1, 999))
#: Tokens as (English, French): the same facts, each language's punctuation.
tokens = st.one_of(
    words.map(lambda w: (w, w)), words.map(lambda w: (w, w)),
    dates.map(lambda d: (f"{{date|{d.isoformat()}}}",) * 2),
    ga_citation().map(lambda c: (c, c)), council.map(lambda c: (c, c)), symbols.map(lambda s: (s, s)),
    words.map(lambda w: (w + ",", w + ",")),
    words.map(lambda w: (f"“{w}”", f"« {w} »")),
    words.map(lambda w: (f"{w}: {w}", f"{w} : {w}")),
    st.lists(words, min_size=1, max_size=3).map(lambda w: ("{i|" + " ".join(w) + "}",) * 2),
    st.lists(words, min_size=1, max_size=4).map(lambda w: ("{fn|" + " ".join(w).capitalize() + ".}",) * 2),
    ga_citation().map(lambda c: (f"{{fn|See {c}.}}", f"{{fn|Voir {c}.}}")),
)


@st.composite
def prose(draw: st.DrawFn) -> dict[str, str]:
    parts = [(w, w) for w in [draw(words)]] + draw(st.lists(tokens, max_size=8)) + [(draw(words),) * 2]
    return {"en": " ".join(en for en, _ in parts), "fr": " ".join(fr for _, fr in parts)}


@st.composite
def resolutions(draw: st.DrawFn) -> Resolution:
    source = load(EXAMPLE).model_dump(mode="json")
    source["organization"] = draw(st.sampled_from(sorted(registry())))
    source["agenda_item"]["sub_item"] = draw(st.sampled_from([None, "t", "aa"]))
    if draw(st.booleans()):
        source.update(stage="draft", symbol="A/77/L.13", draft_symbol=None, adoption=None,
                      sponsors=[{"en": name.capitalize(), "fr": name.capitalize()}
                                for name in draw(st.lists(words, max_size=3, unique=True))])
    source["preamble"] = [{"standard": "report_considered"}] + [
        {"opener": draw(st.sampled_from(phrase_keys("preamble"))), **draw(prose())}
        for _ in range(draw(st.integers(0, 4)))]
    operative = []
    for _ in range(draw(st.integers(0, 3))):
        points = [{**draw(prose()), "subparagraphs": [draw(prose()) for _ in range(draw(st.integers(0, 2)))]}
                  for _ in range(draw(st.integers(0, 3)))]
        operative.append({"verb": draw(st.sampled_from(phrase_keys("operative"))), **draw(prose()),
                          "subparagraphs": points})
    ending = draw(st.sampled_from([[{"standard": "report_requested"}, {"standard": "agenda_inclusion"}],
                                   [{"standard": "agenda_inclusion"}]]))
    source["operative"] = operative + ending
    return Resolution.model_validate(source)


def _codes(findings) -> list[str]:
    return [f"{finding.code} {finding.paragraph}: {finding.message}" for finding in findings]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(resolutions())
def test_concordant_resolutions_validate_clean(resolution: Resolution) -> None:
    composed = {code: compose(resolution, code) for code in ("en", "fr")}
    for origin, documents in (
        ("source", composed),
        ("docx", {code: read_docx(write_docx(document)) for code, document in composed.items()}),
        ("text", {code: read_text(write_text(document)) for code, document in composed.items()}),
    ):
        findings = [finding for document in documents.values()
                    for finding in check_document(document, origin, "generated", RULES)]
        findings += check_pair(documents["en"], documents["fr"], origin, "generated", RULES)
        assert not findings, (origin, _codes(findings))


def test_footnotes_of_a_lead_in_come_before_those_of_its_subparagraphs() -> None:
    source = load(EXAMPLE).model_dump(mode="json")
    source["operative"][1]["en"] += "{fn|Lead-in.}"
    source["operative"][1]["fr"] += "{fn|Chapeau.}"
    source["operative"][1]["subparagraphs"] = [
        {"en": "alpha{fn|Point.}", "fr": "alpha{fn|Alinéa.}", "subparagraphs": []}]
    document = compose(Resolution.model_validate(source), "en")
    assert [note.content.text() for note in document.footnotes][-2:] == ["Lead-in.", "Point."]
    assert check_document(document, "source", "generated", RULES) == []


EXAMPLES = sorted((EXAMPLE.parent).glob("*.yaml")) + sorted(
    (EXAMPLE.parents[1] / "tests" / "fixtures").glob("*.yaml"))


@pytest.mark.parametrize("source", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_every_example_validates_clean_as_source_word_and_text(source: Path, tmp_path: Path) -> None:
    """The shipped examples, and their Word and text renderings checked alone and in pairs."""
    report = validate([source], None, None, RULES)
    assert (report.findings, report.unreadable) == ([], []), _codes(report.findings)
    resolution = load(source)
    for fmt, write in (("docx", write_docx), ("txt", lambda document: write_text(document).encode())):
        paths = {}
        for code in ("en", "fr"):
            paths[code] = tmp_path / f"{source.stem}.{code}.{fmt}"
            paths[code].write_bytes(write(compose(resolution, code)))
        report = validate([paths["en"]], paths["fr"], None, RULES)
        assert (report.findings, report.unreadable) == ([], []), (fmt, _codes(report.findings))
