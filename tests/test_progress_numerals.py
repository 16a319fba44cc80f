"""Numbers written as words, as counts write them."""

from __future__ import annotations

import pytest

from bot.progress.numerals import number_value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("十三", 13),
        ("二十一", 21),
        ("零", 0),
        ("两", 2),
        ("一百二十", 120),
        ("two", 2),
        ("Twelve", 12),
        ("II", 2),
        ("IV", 4),
        ("XIV", 14),
    ],
)
def test_numbers_in_words(text: str, value: int) -> None:
    assert number_value(text) == value


@pytest.mark.parametrize("text", ["百", "IIII", "VX", "abc", "", "十三章"])
def test_what_is_no_number_reads_as_none(text: str) -> None:
    assert number_value(text) is None
