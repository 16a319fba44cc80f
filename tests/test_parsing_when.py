"""`<when>` phrases in both languages, table-driven, seen from a fixed today."""

from datetime import date

import pytest

from bot.when import DateSpan, month_of, parse_when, week_of

TODAY = date(2023, 1, 4)  # a Wednesday


def day(year: int, month: int, number: int) -> DateSpan:
    return DateSpan.day(date(year, month, number))


def span(first: date, last: date) -> DateSpan:
    return DateSpan(first=first, last=last)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-01-02", day(2023, 1, 2)),
        ("2022/12/31", day(2022, 12, 31)),
        ("1月2日", day(2023, 1, 2)),
        ("1月5日", day(2022, 1, 5)),  # not yet this year: the last one before today
        ("2021年3月11日", day(2021, 3, 11)),
        ("上周一", day(2022, 12, 26)),
        ("上周日", day(2023, 1, 1)),
        ("本周一", day(2023, 1, 2)),
        ("周五", day(2022, 12, 30)),
        ("星期三", day(2023, 1, 4)),
        ("3 天前", day(2023, 1, 1)),
        ("3天前", day(2023, 1, 1)),
        ("三天前", day(2023, 1, 1)),
        ("2 days ago", day(2023, 1, 2)),
        ("today", day(2023, 1, 4)),
        ("昨天", day(2023, 1, 3)),
        ("前天", day(2023, 1, 2)),
        ("Yesterday", day(2023, 1, 3)),
        ("last friday", day(2022, 12, 30)),
        ("Last  Monday", day(2023, 1, 2)),
        ("last week", span(date(2022, 12, 26), date(2023, 1, 1))),
        ("上周", span(date(2022, 12, 26), date(2023, 1, 1))),
        ("this week", span(date(2023, 1, 2), date(2023, 1, 8))),
        ("last month", span(date(2022, 12, 1), date(2022, 12, 31))),
        ("上个月", span(date(2022, 12, 1), date(2022, 12, 31))),
        ("12月", span(date(2022, 12, 1), date(2022, 12, 31))),
        ("2022-02", span(date(2022, 2, 1), date(2022, 2, 28))),
        ("2 weeks ago", span(date(2022, 12, 19), date(2022, 12, 25))),
        ("jan 5 2022", day(2022, 1, 5)),
    ],
)
def test_phrase(text: str, expected: DateSpan) -> None:
    assert parse_when(text, TODAY) == expected


@pytest.mark.parametrize("text", ["", "   ", "banana", "2023-02-30", "13月1日", "预算"])
def test_not_a_date(text: str) -> None:
    assert parse_when(text, TODAY) is None


def test_week_and_month_of() -> None:
    assert week_of(date(2023, 1, 1)) == span(date(2022, 12, 26), date(2023, 1, 1))
    assert month_of(date(2024, 2, 10)) == span(date(2024, 2, 1), date(2024, 2, 29))
