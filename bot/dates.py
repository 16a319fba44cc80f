"""Dates in what people write: the back-dating prefix of an entry, and the user's own day."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.when import read_prefix_day, within_bounds

# A prefix is a date, then a colon (ASCII or full-width) or whitespace, then the entry.
# Anything but a full date needs the colon: "昨天看了电影" is a sentence, "昨天：看了电影" a prefix.
_ISO_PREFIX = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s*[:：]\s*|\s+(?=\S))", re.S)
# What comes before the colon is read by bot/when.py, as every command reads dates.
# Matched from the first non-space character: a leading `\s*` here let the lazy group and the
# spaces after it trade places, quadratic in a run of spaces (2,048 spaces: 453 ms).
_COLON_PREFIX = re.compile(r"(\S[^:：\n]{0,23}?)\s*[:：]\s*", re.S)


@dataclass(frozen=True)
class DatedText:
    """An entry's text with its back-dating prefix taken off."""

    day: date | None
    text: str


def split_date_prefix(text: str, today: date) -> DatedText:
    """Read a leading date (`2023-01-02:`, `昨天：`, `yesterday:`, `周五：`) off an entry.

    `today` is the user's own day, so relative words count back from it. Something that looks
    like a date but is not one (`2023-02-30:`), or a day outside 1900 to 2200, is not a
    prefix: the text is kept whole. A
    prefix with nothing after it gives empty text, which the caller refuses to store.
    """
    if match := _ISO_PREFIX.match(text):
        day = _valid_date(int(match[1]), int(match[2]), int(match[3]))
        if day is not None and within_bounds(day):
            return DatedText(day, text[match.end() :])
    if match := _COLON_PREFIX.match(text, len(text) - len(text.lstrip())):
        day = read_prefix_day(match[1], today)
        if day is not None:
            return DatedText(day, text[match.end() :])
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
