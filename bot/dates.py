"""Dates in what people write: the back-dating prefix of an entry, and the user's own day."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# A prefix is a date, then a colon (ASCII or full-width) or whitespace, then the entry.
# Relative words need the colon: "昨天看了电影" is a sentence, "昨天：看了电影" is a prefix.
_ISO_PREFIX = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s*[:：]\s*|\s+(?=\S))", re.S)
_MONTH_DAY_PREFIX = re.compile(r"^\s*(\d{1,2})月(\d{1,2})[日号]\s*[:：]\s*", re.S)
_WORD_PREFIX = re.compile(
    r"^\s*(大前天|前天|昨天|今天|yesterday|today|the day before yesterday)\s*[:：]\s*",
    re.S | re.I,
)
_DAYS_BACK = {
    "今天": 0,
    "today": 0,
    "昨天": 1,
    "yesterday": 1,
    "前天": 2,
    "the day before yesterday": 2,
    "大前天": 3,
}


@dataclass(frozen=True)
class DatedText:
    """An entry's text with its back-dating prefix taken off."""

    day: date | None
    text: str


def split_date_prefix(text: str, today: date) -> DatedText:
    """Read a leading date (`2023-01-02:`, `昨天：`, `yesterday:`) off an entry.

    `today` is the user's own day, so relative words count back from it. Something that looks
    like a date but is not one (`2023-02-30:`) is not a prefix: the text is kept whole. A
    prefix with nothing after it gives empty text, which the caller refuses to store.
    """
    if match := _ISO_PREFIX.match(text):
        day = _valid_date(int(match[1]), int(match[2]), int(match[3]))
        if day is not None:
            return DatedText(day, text[match.end() :])
    if match := _MONTH_DAY_PREFIX.match(text):
        day = _most_recent(int(match[1]), int(match[2]), today)
        if day is not None:
            return DatedText(day, text[match.end() :])
    if match := _WORD_PREFIX.match(text):
        back = _DAYS_BACK[match[1].lower()]
        return DatedText(today - timedelta(days=back), text[match.end() :])
    return DatedText(None, text)


def logical_day(instant: datetime, timezone: ZoneInfo, day_start: time) -> date:
    """The user's day for an instant: before `day_start` local time it is still yesterday."""
    local = instant.astimezone(timezone)
    if local.time() < day_start:
        return local.date() - timedelta(days=1)
    return local.date()


def _valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _most_recent(month: int, day: int, today: date) -> date | None:
    """`1月2日` means the last such day on or before today."""
    this_year = _valid_date(today.year, month, day)
    if this_year is not None and this_year <= today:
        return this_year
    return _valid_date(today.year - 1, month, day)
