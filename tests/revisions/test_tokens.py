"""The tokens of tracked text: words and marks with the spaces before them."""

from __future__ import annotations

import pytest

from drafter.revisions.tokens import TOKEN


@pytest.mark.parametrize(("text", "tokens"), [
    ("25 July 2019 and 75/276,", ["25", " July", " 2019", " and", " 75/276", ","]),
    ("(a)\tthe A/79/L.20.", ["(", "a", ")", "\tthe", " A/79/L.20", "."]),
    ("chap. I, sect. C.", ["chap", ".", " I", ",", " sect", ".", " C", "."]),
    ("2019\u202f; l'Organisation « Kanal »", ["2019", "\u202f;", " l'Organisation", " «", " Kanal", " »"]),
    ("“Channel”, 1,5", ["“", "Channel", "”", ",", " 1,5"]),
])
def test_tokens_are_words_and_marks_with_the_spaces_before_them(text, tokens):
    assert TOKEN.findall(text) == tokens
    assert "".join(tokens) == text
