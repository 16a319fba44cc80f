"""`<when>` in both languages, table-driven from a fixed today, and read alike by every command."""

from datetime import date

import pytest

from bot.answers.search_query import SearchQuery, parse_search
from bot.checkin.errors import CheckinInputError
from bot.checkin.schedule import parse_pause_until, parse_weekdays
from bot.dates import split_date_prefix
from bot.progress.commands import TargetRequest, parse_target
from bot.when import (
    DateSpan,
    WrittenDate,
    find_written_date,
    month_of,
    parse_until,
    parse_when,
    read_compact_date,
    week_of,
)

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


@pytest.mark.parametrize(
    "text",
    [
        "9999-12-31",
        "9999-12",
        "1899-12-31",
        "2201-01-01",
        "9999999999 天前",
        "9" * 40 + " days ago",
        "99999 days ago",
        "100000 weeks ago",
        "2023-13",
        "2023年13月",
        "13/45",
        "9999-12-31..2023-01-01",
    ],
)
def test_days_outside_1900_to_2200_or_impossible_are_none(text: str) -> None:
    assert parse_when(text, TODAY) is None
    assert parse_until(text, TODAY) is None


def test_the_bounds_themselves_are_days() -> None:
    assert parse_when("1900-01-01", TODAY) == day(1900, 1, 1)
    assert parse_when("2200-12-31", TODAY) == day(2200, 12, 31)
    assert week_of(date(2200, 12, 31)).last.year == 2201  # a week around it still exists


def test_week_and_month_of() -> None:
    assert week_of(date(2023, 1, 1)) == span(date(2022, 12, 26), date(2023, 1, 1))
    assert month_of(date(2024, 2, 10)) == span(date(2024, 2, 1), date(2024, 2, 29))


# Every form in both languages, read looking back (/day, /week, /month, /search since/until)
# and looking ahead (/target, /pause): a date without a year is the last such day, or the next.
FORMS = [
    ("2023-01-02", day(2023, 1, 2), day(2023, 1, 2)),
    ("1/2", day(2023, 1, 2), day(2024, 1, 2)),
    ("3/1", day(2022, 3, 1), day(2023, 3, 1)),
    ("1月2日", day(2023, 1, 2), day(2024, 1, 2)),
    ("2023年3月1日", day(2023, 3, 1), day(2023, 3, 1)),
    ("周五", day(2022, 12, 30), day(2023, 1, 6)),
    ("下周五", day(2023, 1, 13), day(2023, 1, 13)),
    ("next friday", day(2023, 1, 6), day(2023, 1, 6)),
    ("明天", day(2023, 1, 5), day(2023, 1, 5)),
    ("tomorrow", day(2023, 1, 5), day(2023, 1, 5)),
    ("3 天前", day(2023, 1, 1), day(2023, 1, 1)),
    ("3 days ago", day(2023, 1, 1), day(2023, 1, 1)),
    ("上周一", day(2022, 12, 26), day(2022, 12, 26)),
    ("last monday", day(2023, 1, 2), day(2023, 1, 2)),
    ("last week", span(date(2022, 12, 26), date(2023, 1, 1)), None),
    ("下周", span(date(2023, 1, 9), date(2023, 1, 15)), None),
    ("next month", span(date(2023, 2, 1), date(2023, 2, 28)), None),
    ("2023-05", span(date(2023, 5, 1), date(2023, 5, 31)), None),
    ("2023-01-02..2023-01-05", span(date(2023, 1, 2), date(2023, 1, 5)), None),
    ("2023年1月2日到2023年1月5日", span(date(2023, 1, 2), date(2023, 1, 5)), None),
    ("2023-01-02 to 2023-01-05", span(date(2023, 1, 2), date(2023, 1, 5)), None),
]


@pytest.mark.parametrize(("text", "back", "ahead"), FORMS)
def test_every_form_both_ways(text: str, back: DateSpan, ahead: DateSpan | None) -> None:
    assert parse_when(text, TODAY) == back
    assert parse_when(text, TODAY, prefer="future") == (ahead or back)
    assert parse_until(text, TODAY) == (ahead or back).last


@pytest.mark.parametrize(("text", "back", "ahead"), FORMS)
def test_every_command_accepts_every_form(
    text: str, back: DateSpan, ahead: DateSpan | None
) -> None:
    last = (ahead or back).last
    query = parse_search(f"deploy since {text} until {text}", TODAY)
    assert isinstance(query, SearchQuery)
    assert (query.since, query.until) == (back.first, back.last)
    target = parse_target(f"The Great Gatsby {text}", TODAY)
    assert target == (TargetRequest("The Great Gatsby", last) if last >= TODAY else "past")
    if last >= TODAY:
        assert parse_pause_until(text, TODAY) == last
    else:
        with pytest.raises(CheckinInputError) as refused:
            parse_pause_until(text, TODAY)
        assert refused.value.key == "pause.error.past"


def test_a_range_reads_each_side_alone() -> None:
    assert parse_when("1月2日到1月3日", TODAY) == span(date(2023, 1, 2), date(2023, 1, 3))
    assert parse_when("dec 1 - dec 5", TODAY) == span(date(2022, 12, 1), date(2022, 12, 5))
    assert parse_when("last monday to yesterday", TODAY) == span(date(2023, 1, 2), date(2023, 1, 3))
    assert parse_when("2023-01-05 ~ 2023-01-02", TODAY) is None  # backwards


def test_a_long_phrase_is_refused_without_reading_it() -> None:
    """dateparser's cost grows with its input (166 ms at 4,096 characters): no date is that long."""
    today = date(2024, 6, 3)
    assert parse_when("next friday " * 300, today) is None
    # dateparser would read this one (as 2023-05-01): the length alone refuses it.
    assert parse_when("May 1, 2023 " + "at " * 20, today) is None
    assert parse_when("Monday, May 1st 2023", today) == DateSpan.day(date(2023, 5, 1))


@pytest.mark.parametrize(
    ("text", "first", "last", "problem"),
    [
        ("2023-05-01", date(2023, 5, 1), None, None),
        ("2023.05.01 notes", date(2023, 5, 1), None, None),
        ("2023_05_01", date(2023, 5, 1), None, None),
        ("2023年5月1日", date(2023, 5, 1), None, None),
        ("Day 12: January 7, 2021", date(2021, 1, 7), None, None),
        ("Monday, May 1st 2023", date(2023, 5, 1), None, None),
        ("1 May 2023", date(2023, 5, 1), None, None),
        ("2022-05-09 - 2022-05-11", date(2022, 5, 9), date(2022, 5, 11), None),
        ("2022-05-09——05-11", date(2022, 5, 9), date(2022, 5, 11), None),
        ("2022-05-09 至 11日", date(2022, 5, 9), date(2022, 5, 11), None),
        ("2024-09-13 - 204-09-16", date(2024, 9, 13), None, "unreadable-end"),
        ("2024-03-18 - 2024-02-19", date(2024, 3, 18), None, "reversed"),
    ],
)
def test_written_dates_as_headings_and_file_names_carry_them(
    text: str, first: date, last: date | None, problem: str | None
) -> None:
    found = find_written_date(text)
    assert found is not None
    assert (found.day, found.last_day, found.problem) == (first, last, problem)


@pytest.mark.parametrize("text", ["v1.2.3", "2023-13-45", "7.2", "May 1", "204-09-16", "12345"])
def test_not_written_dates(text: str) -> None:
    assert find_written_date(text) is None


def test_a_yearless_date_takes_the_year_it_is_given() -> None:
    assert find_written_date("5月1日", year=2020) == WrittenDate(date(2020, 5, 1), None, 0, 4)
    assert find_written_date("Day 0 7.2", year=2020) is None  # numbers only where a layout says
    found = find_written_date("Day 0 7.2", year=2020, numeric=True)
    assert found is not None and found.day == date(2020, 7, 2)
    assert read_compact_date("200704") == date(2020, 7, 4)
    assert read_compact_date("201399") is None


# Every weekday word, in both languages, with the day it names (0 = Monday).
WEEKDAY_WORDS = [
    ("mon", 0),
    ("Monday", 0),
    ("mo", 0),
    ("tu", 1),
    ("tues", 1),
    ("tuesday", 1),
    ("we", 2),
    ("wed", 2),
    ("th", 3),
    ("thurs", 3),
    ("fri", 4),
    ("FRIDAY", 4),
    ("sa", 5),
    ("sat", 5),
    ("su", 6),
    ("sunday", 6),
    ("周一", 0),
    ("週二", 1),
    ("星期三", 2),
    ("礼拜四", 3),
    ("禮拜五", 4),
    ("周六", 5),
    ("周日", 6),
    ("星期天", 6),
]


@pytest.mark.parametrize(("word", "weekday"), WEEKDAY_WORDS)
def test_every_weekday_word_is_read_by_every_command(word: str, weekday: int) -> None:
    """/day and /search (looking back), /target and /pause (ahead) and /checkin_at's days."""
    back = parse_when(word, TODAY)
    ahead = parse_until(word, TODAY)
    assert back is not None and back.first == back.last and back.first <= TODAY
    assert back.first.weekday() == weekday
    assert ahead is not None and ahead.weekday() == weekday and ahead >= TODAY
    assert parse_weekdays(word) == frozenset({weekday})


@pytest.mark.parametrize(
    ("text", "weekdays"),
    [
        ("mon-fri", {0, 1, 2, 3, 4}),
        ("mo-fr", {0, 1, 2, 3, 4}),
        ("weekdays", {0, 1, 2, 3, 4}),
        ("工作日", {0, 1, 2, 3, 4}),
        ("周一到周五", {0, 1, 2, 3, 4}),
        ("週一-週五", {0, 1, 2, 3, 4}),
        ("星期一至星期五", {0, 1, 2, 3, 4}),
        ("sat,sun", {5, 6}),
        ("周六、周日", {5, 6}),
        ("周末", {5, 6}),
        ("周一、三、五", {0, 2, 4}),
        ("fri-mon", {4, 5, 6, 0}),
    ],
)
def test_checkin_days_in_both_languages(text: str, weekdays: set[int]) -> None:
    assert parse_weekdays(text) == frozenset(weekdays)


@pytest.mark.parametrize("text", ["We: went out", "Su: nothing", "mo: note"])
def test_two_letter_weekday_is_no_back_dating_prefix(text: str) -> None:
    assert split_date_prefix(text, TODAY).day is None
