"""The cheap searches that pass lines over: the same answer as the plain case-blind pattern."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.progress.counts import COUNT_HINTS
from bot.progress.hints import Hints, fold_case
from bot.progress.notations import parse_progress
from bot.progress.sentences import FINISH_HINTS, PERCENT_HINTS

ALTERNATIVES = (*COUNT_HINTS, *FINISH_HINTS, *PERCENT_HINTS, r"\[", r"\{\{", "<", r"\*\*", r"\\")
PLAIN = re.compile("|".join(ALTERNATIVES), re.IGNORECASE)
HINTS = Hints(*ALTERNATIVES)
# Pieces of the hints, their letters in both cases, and the letters a case-blind pattern
# reads as Latin ones (`İ`, `ı`, `ſ`, the Kelvin sign).
PIECES = st.sampled_from(
    [
        *("第", "前", "Day", "DAY", "dAy", "ch.", "CH", "p", "P", "s", "S", "1", " ", "\t", "of"),
        *("in all", "IN\tALL", "ſection", "\u0130n all", "fın", "\u212aelvin", "complet", "done"),
        *("%", "％", "half", "一半", "[", "{{", "<", "**", "\\", "a", "x", "进度", "-", "\n"),
    ]
)


@settings(max_examples=1000, deadline=None, database=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_hints_answer_as_the_case_blind_pattern_does(text: str) -> None:
    assert HINTS.search(text) == (PLAIN.search(text) is not None)


@pytest.mark.parametrize(
    ("word", "folded"),
    [("Section", "section"), ("ſection", "section"), ("L\u0130NE", "line"), ("\u212aEY", "key")],
)
def test_case_is_folded_as_a_case_blind_pattern_reads_it(word: str, folded: str) -> None:
    assert fold_case(word) == folded


@pytest.mark.parametrize("alternative", ["Day", "(?:a|b)", ".x", ""])
def test_hints_are_lower_case_and_say_what_opens_them(alternative: str) -> None:
    with pytest.raises(ValueError, match=r"lower case|what opens"):
        Hints(alternative)


def test_a_count_of_sections_in_old_spelling_is_read_not_a_crash() -> None:
    """`ſ` is an `s` to a case-blind pattern: `ſection 3` matched, and the unit lookup failed."""
    assert [(u.value, u.unit) for u in parse_progress("- Dune\n  - ſection 3")] == [
        (3.0, "sections")
    ]
