"""Dated headings in the forms people write them, and dates in daily notes' file names.

The table was written for a reader of its own (bot/transfer/date_headings.py, issue 11); it now
checks the one reader every import uses, bot/transfer/headings.py over bot/when.py (issue 10:
one reader for dates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.transfer import headings
from bot.transfer.headings import LINE_LEVEL, _may_hold_date, read_heading
from bot.when import find_written_date, read_file_name_date
from tests.corpus import HISTORY, corpus_text

D = date


@dataclass(frozen=True)
class DateHeading:
    """What a dated heading says: its day, a range's last day, its level (0: a bold or bare
    date line) and an author's slip."""

    day: date
    last_day: date | None = None
    level: int = 0
    problem: str | None = None


def read_date_heading(line: str) -> DateHeading | None:
    heading = read_heading(line)
    if heading is None or heading.written is None:
        return None
    written = heading.written
    level = 0 if heading.level == LINE_LEVEL else heading.level
    return DateHeading(written.day, written.last_day, level, written.problem)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("### 2023-05-01", DateHeading(D(2023, 5, 1), level=3)),
        ("## 2023-12-05 学习日志", DateHeading(D(2023, 12, 5), level=2)),
        ("# 2023年5月1日", DateHeading(D(2023, 5, 1), level=1)),
        ("# 2020年5月1日-笔记", DateHeading(D(2020, 5, 1), level=1)),
        ("**2023-05-01**", DateHeading(D(2023, 5, 1))),
        ("2023.05.01", DateHeading(D(2023, 5, 1))),
        ("2023/5/1", DateHeading(D(2023, 5, 1))),
        ("## 200704", DateHeading(D(2020, 7, 4), level=2)),
        ("### Day 12: January 7, 2021", DateHeading(D(2021, 1, 7), level=3)),
        ("May 1, 2023", DateHeading(D(2023, 5, 1))),
        ("1 May 2023", DateHeading(D(2023, 5, 1))),
        ("Monday, May 1st 2023", DateHeading(D(2023, 5, 1))),
        ("### 2022-05-09 - 2022-05-11", DateHeading(D(2022, 5, 9), D(2022, 5, 11), 3)),
        ("### 2022-05-09 – 2022-05-11", DateHeading(D(2022, 5, 9), D(2022, 5, 11), 3)),
        ("### 2022-05-09——2022-05-11", DateHeading(D(2022, 5, 9), D(2022, 5, 11), 3)),
        ("### 2022-05-09 ~ 05-11", DateHeading(D(2022, 5, 9), D(2022, 5, 11), 3)),
        ("### 2022-05-09 至 11", DateHeading(D(2022, 5, 9), D(2022, 5, 11), 3)),
        ("### 2022-05-09 to 2022-05-11", DateHeading(D(2022, 5, 9), D(2022, 5, 11), 3)),
        # An author's typo: the first day stands, and the reader is told.
        (
            "### 2024-09-13 - 204-09-16",
            DateHeading(D(2024, 9, 13), level=3, problem="unreadable-end"),
        ),
        ("### 2024-03-18 - 2024-02-19", DateHeading(D(2024, 3, 18), level=3, problem="reversed")),
    ],
)
def test_dated_headings(line: str, expected: DateHeading) -> None:
    assert read_date_heading(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "### 输入",
        "#### Notes",
        "- 2023-05-01 went out",  # a bullet, not a heading
        "I went out on May 1, 2023 with friends",  # a sentence that mentions a date
        "## Day 0 7.2",  # no year: the layout, not the heading, dates it
        "### v1.2.3",
        "## 123456789",
    ],
)
def test_not_dated_headings(line: str) -> None:
    assert read_date_heading(line) is None


@pytest.mark.parametrize(
    ("name", "day"),
    [
        ("2023-05-01.md", D(2023, 5, 1)),
        ("journals/2023_05_01.md", D(2023, 5, 1)),
        ("01-StudyNote/2020/202003/SelfStudy-20200310.md", D(2020, 3, 10)),
        ("2020-04-23/2020-04-23-笔记.md", D(2020, 4, 23)),
        ("notes.md", None),
        ("v1.2.3.md", None),
    ],
)
def test_dates_in_file_names(name: str, day: date | None) -> None:
    assert read_file_name_date(name) == day


def test_every_dated_section_of_the_corpus_log_is_read() -> None:
    """All 271 `### YYYY-MM-DD` sections of the dated corpus log, ranges included."""
    headings = [line for line in corpus_text(HISTORY).splitlines() if re.match(r"#{1,3} ", line)]
    dated = [line for line in headings if read_date_heading(line)]
    assert len(dated) == 271
    assert [line for line in headings if line not in dated] == ["# 此页禁用评论系统"]


_DATE_PIECES = st.sampled_from(
    ["2023", "-", "05", "/", ".", "月", "1", "日", " ", "May", "sept", "Day", "| ", "第", "天", "x"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_DATE_PIECES, max_size=12).map("".join), st.booleans())
def test_a_heading_passed_over_as_dateless_holds_no_date(text: str, numeric: bool) -> None:
    """The cheap look a heading gets before its date forms are tried lets no date through."""
    if not _may_hold_date(text):
        assert find_written_date(text, year=2020, numeric=numeric) is None
        assert find_written_date(text) is None


def test_long_headings_are_read_but_not_remembered() -> None:
    # The memo of heading texts is process-wide: a user's long headings must not fill it.
    before = headings._read_short.cache_info().currsize
    for number in range(50):
        heading = read_heading(f"## {number} " + "x" * 10_000)
        assert heading is not None and heading.written is None
    assert headings._read_short.cache_info().currsize == before
    assert read_heading("## 2023-05-01 a short heading, remembered") is not None
    assert headings._read_short.cache_info().currsize == before + 1
