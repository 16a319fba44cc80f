"""`<when>` in a command: a day or a span of days, in Chinese or English, relative to today.

Phrases people use most and dateparser misses or reads as a single instant (`上周一`, `last week`
as a whole week, `1月2日`, `三天前`) are read here first; everything else goes to dateparser,
configured for Chinese and English, preferring the past, and anchored at the user's own today.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from bot.models import Frozen


class DateSpan(Frozen):
    """A span of days, first to last inclusive (one day when they are equal)."""

    first: date
    last: date

    @classmethod
    def day(cls, day: date) -> DateSpan:
        """A span of one day."""
        return cls(first=day, last=day)


_WEEKDAYS_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_NUMERALS_ZH = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
_NUMERALS_ZH.update({"八": 8, "九": 9, "十": 10})

_ISO_DAY = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_ISO_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_ZH_DAY = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]?$")
_ZH_MONTH = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月份?$")
_ZH_WEEKDAY = re.compile(r"^(上上|上|这|本|下)?(?:周|星期|礼拜)([一二三四五六日天])$")
_DAYS_AGO = re.compile(r"^(\d+|[一两二三四五六七八九十])\s*(?:天前|天之前|days? ago)$")
_WEEKS_AGO = re.compile(r"^(\d+|[一两二三四五六七八九十])\s*(?:周前|个?星期前|weeks? ago)$")
_WORD_DAYS = {
    "today": 0,
    "今天": 0,
    "yesterday": 1,
    "昨天": 1,
    "前天": 2,
    "the day before yesterday": 2,
    "大前天": 3,
}
_WEEKS = {"this week": 0, "本周": 0, "这周": 0, "last week": 1, "上周": 1, "上上周": 2}
_MONTHS = {"this month": 0, "本月": 0, "这个月": 0, "last month": 1, "上个月": 1, "上月": 1}


def parse_when(text: str, today: date) -> DateSpan | None:
    """The days `text` names, seen from the user's `today`; None when it names none.

    A span never reaches past today's week or month end, but may include days after today
    (`this week` on a Wednesday runs to Sunday): asking about them simply finds nothing.
    """
    phrase = " ".join(text.strip().lower().split())
    if not phrase:
        return None
    return _read_phrase(phrase, today) or _read_with_dateparser(phrase, today)


def week_of(day: date) -> DateSpan:
    """Monday to Sunday around `day`."""
    monday = day - timedelta(days=day.weekday())
    return DateSpan(first=monday, last=monday + timedelta(days=6))


def month_of(day: date) -> DateSpan:
    """The calendar month of `day`."""
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return DateSpan(first=first, last=following - timedelta(days=1))


def _read_phrase(phrase: str, today: date) -> DateSpan | None:
    compact = phrase.replace(" ", "") if not phrase.isascii() else phrase
    if compact in _WORD_DAYS:
        return DateSpan.day(today - timedelta(days=_WORD_DAYS[compact]))
    if compact in _WEEKS:
        return week_of(today - timedelta(weeks=_WEEKS[compact]))
    if compact in _MONTHS:
        return _months_back(today, _MONTHS[compact])
    for reader in (_iso, _zh_day, _zh_month, _zh_weekday, _ago):
        if (span := reader(compact, today)) is not None:
            return span
    return None


def _iso(phrase: str, today: date) -> DateSpan | None:
    if match := _ISO_DAY.match(phrase):
        day = _valid(int(match[1]), int(match[2]), int(match[3]))
        return DateSpan.day(day) if day else None
    if match := _ISO_MONTH.match(phrase):
        first = _valid(int(match[1]), int(match[2]), 1)
        return month_of(first) if first else None
    return None


def _zh_day(phrase: str, today: date) -> DateSpan | None:
    match = _ZH_DAY.match(phrase)
    if match is None:
        return None
    month, day = int(match[2]), int(match[3])
    if match[1]:
        found = _valid(int(match[1]), month, day)
    else:
        # Without a year it is the last such day on or before today, as in back-dating.
        found = _valid(today.year, month, day)
        if found is None or found > today:
            found = _valid(today.year - 1, month, day)
    return DateSpan.day(found) if found else None


def _zh_month(phrase: str, today: date) -> DateSpan | None:
    match = _ZH_MONTH.match(phrase)
    if match is None:
        return None
    month = int(match[2])
    year = int(match[1]) if match[1] else today.year
    if not match[1] and month > today.month:
        year -= 1
    first = _valid(year, month, 1)
    return month_of(first) if first else None


def _zh_weekday(phrase: str, today: date) -> DateSpan | None:
    match = _ZH_WEEKDAY.match(phrase)
    if match is None:
        return None
    weekday = _WEEKDAYS_ZH[match[2]]
    weeks_back = {"上上": 2, "上": 1, "这": 0, "本": 0, "下": -1}.get(match[1] or "")
    if weeks_back is None:
        # A bare `周五` is the most recent Friday, today included.
        return DateSpan.day(today - timedelta(days=(today.weekday() - weekday) % 7))
    monday = today - timedelta(days=today.weekday(), weeks=weeks_back)
    return DateSpan.day(monday + timedelta(days=weekday))


def _ago(phrase: str, today: date) -> DateSpan | None:
    if match := _DAYS_AGO.match(phrase):
        return DateSpan.day(today - timedelta(days=_number(match[1])))
    if match := _WEEKS_AGO.match(phrase):
        return week_of(today - timedelta(weeks=_number(match[1])))
    return None


def _months_back(today: date, months: int) -> DateSpan:
    first = today.replace(day=1)
    for _ in range(months):
        first = (first - timedelta(days=1)).replace(day=1)
    return month_of(first)


def _read_with_dateparser(phrase: str, today: date) -> DateSpan | None:
    # Imported on first use: it takes a tenth of a second, which `daylog search` (a short-lived
    # process) would pay on every run though most queries never need it.
    import dateparser  # noqa: PLC0415

    # dateparser needs a naive base; noon keeps `N hours ago` on the same day.
    base = datetime.combine(today, datetime.min.time()).replace(hour=12)
    found = dateparser.parse(
        phrase,
        languages=["zh", "en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "past",
            "DATE_ORDER": "YMD",
            "REQUIRE_PARTS": ["day"] if _has_digits(phrase) else [],
        },
    )
    return DateSpan.day(found.date()) if found is not None else None


def _has_digits(phrase: str) -> bool:
    # "2023" alone or "march 2022" are not days; refuse them rather than guess the first.
    return any(character.isdigit() for character in phrase)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMERALS_ZH[text]


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
