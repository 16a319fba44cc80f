"""What a heading of a log says: a day (`## 2023-05-01`), a numbered day (`## Day 12`), a topic."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.when import WrittenDate, find_written_date, read_compact_date

# A bold line or a line that is only a date sits below every `#` level: a `#` heading after it
# is a topic inside its day or the start of another part of the file, never inside it.
LINE_LEVEL = 7
# `#` to `######` with up to three spaces before, as CommonMark reads them.
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]|$)")
# Closing `#`s; looked behind so that a run of blanks is not retried from each of its blanks.
_ATX_CLOSING = re.compile(r"(?<![ \t])[ \t]+#+$")
_BOLD = re.compile(r"(?:\*\*|__)([^*_]{1,80})(?:\*\*|__)[ \t]*[:：]?$")
_DAY_NUMBER = re.compile(
    r"(?<![\w])day[ \t\-_]{0,2}(\d{1,4})(?!\d)|第[ \t]?(\d{1,4})[ \t]?天", re.I
)
# A heading longer than this is a sentence that mentions a date, not a dated heading.
_LONGEST_HEADING = 80
# A `Day N` heading may carry a long topic (`Loading in your own data - … p.2 | Day 40`).
_LONGEST_NUMBERED_HEADING = 200
# A plain line that is only a date is this short (`Wednesday, September 13th, 2023`).
_LONGEST_DATE_LINE = 40
# The first letter of a line that is only a date: a digit, a month's or a weekday's name.
_DATE_INITIALS = frozenset("JFMASONDTWjfmasondtw")
# Every date find_written_date reads has two numbers (`2023-05-01`, `5月1日`, `7.2`) or a month's
# name (`May 1st`): a heading with neither (`## Flexbox and grid | Day 40`, most `Day N`
# headings) is no date, known without trying each of its forms at each of its characters.
_TWO_NUMBERS = re.compile(r"\d\D+\d")
_MONTH_INITIALS = re.compile(r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec", re.IGNORECASE)
# Distinct heading texts a file repeats (a course's `## Day N` in each of its runs) are read
# once; only texts of up to _LONGEST_NUMBERED_HEADING characters, so this holds a few MB at most.
_HEADINGS_REMEMBERED = 16384
# What may stand around a date or a day number and still leave the heading nothing else.
_FILLER = " \t:：,，.。|｜-–—·()（）[]"


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading line: its level, its words, the date it names and the day number it counts.

    `topic` is what the heading says besides its date and day number (`Data PreProcessing` in
    `## Data PreProcessing | Day 1`), empty when nothing.
    """

    level: int
    text: str
    written: WrittenDate | None
    day_number: int | None
    topic: str


def read_heading(line: str, *, year: int | None = None, compact: bool = True) -> Heading | None:
    """The heading `line` is (`#` at any level, a bold line, a line that is only a date), else None.

    `year` is the year the file is in so far; with it, a day without one (`## 5月1日`, and in a
    `Day N` heading `7.2`) is of that year. `compact` reads `## 200704` as a day (YYMMDD), for
    a file whose headings are written so.
    """
    atx = _ATX.match(line)
    if atx is not None:
        text = line[atx.end() :].strip(" \t")
        text = _ATX_CLOSING.sub("", text) if "#" in text else text
        return _read(len(atx[1]), text, year, compact=compact)
    if line[:2] in ("**", "__"):
        bold = _BOLD.match(line.strip(" \t")) if len(line) <= _LONGEST_HEADING + 8 else None
        return _read(LINE_LEVEL, bold[1].strip(), year, dated_only=True) if bold else None
    if len(line) <= _LONGEST_DATE_LINE and (line[:1].isdigit() or line[:1] in _DATE_INITIALS):
        found = find_written_date(line, at_start=True)
        if found is not None and not line[found.end :].strip(_FILLER):
            return Heading(LINE_LEVEL, line.strip(), found, None, "")
    return None


def _read(
    level: int, text: str, year: int | None, *, dated_only: bool = False, compact: bool = False
) -> Heading | None:
    long = len(text) > _LONGEST_HEADING
    if long and (dated_only or len(text) > _LONGEST_NUMBERED_HEADING):
        # Never a date nor a numbered day; and not remembered, so that what the cache below
        # holds stays bounded however long the headings a user sends.
        return None if dated_only else Heading(level, text, None, None, "")
    return _read_short(level, text, year, dated_only=dated_only, compact=compact)


@lru_cache(maxsize=_HEADINGS_REMEMBERED)
def _read_short(
    level: int, text: str, year: int | None, *, dated_only: bool = False, compact: bool = False
) -> Heading | None:
    long = len(text) > _LONGEST_HEADING
    day = read_compact_date(text) if compact and text.isdigit() else None
    if day is not None:  # `## 200704`
        return Heading(level, text, WrittenDate(day, None, 0, len(text)), None, "")
    number = _DAY_NUMBER.search(text)
    if number is not None and not _numbers_the_day(text, number):
        number = None
    day_number = int(number[1] or number[2]) if number else None
    written = (
        None
        if long or not _may_hold_date(text)
        else find_written_date(text, year=year, numeric=number is not None)
    )
    if written is None and dated_only:
        return None
    topic = text
    if written is not None:
        topic = topic[: written.start] + " " + topic[written.end :]
    if number is not None:
        # The day number is searched again in what is left: cutting both at their offsets
        # would need them in order.
        topic = _DAY_NUMBER.sub(" ", topic, count=1)
    if written is not None or number is not None:
        topic = " ".join(topic.split()).strip(_FILLER)
    return Heading(level, text, written, day_number, topic)


def _may_hold_date(text: str) -> bool:
    return _TWO_NUMBERS.search(text) is not None or _MONTH_INITIALS.search(text) is not None


def _numbers_the_day(text: str, number: re.Match[str]) -> bool:
    """Whether `Day N` is what the heading counts (`## Day 3 …`, `## Flexbox | Day 3`), not a
    part of a name (`## Go-JVM-Day01`, a course's first lesson)."""
    if number.start() == 0:
        return True
    return text[number.start() - 1] in " \t" and not text[number.end() :].strip(_FILLER)


# A line that opens with its date, then what happened: `2023-05-01: ran 5k`, `- May 1, 2023 — ran`.
_LINE_BULLET = re.compile(r"[-*+][ \t]+")
_AFTER_DATE = re.compile(r"[ \t]*[:：|｜\-–—][ \t]*|[ \t]+")


def read_dated_line(line: str) -> tuple[WrittenDate, str] | None:
    """The date a line at column 0 opens with and the rest of the line, or None.

    Only for lines outside any dated heading: inside a day, `- 2023-05-01 went out` is that
    day's entry mentioning a date.
    """
    bullet = _LINE_BULLET.match(line)
    start = bullet.end() if bullet else 0
    first = line[start : start + 1]
    if not first or not (first.isdigit() or first in _DATE_INITIALS):
        return None
    found = find_written_date(line[start:], at_start=True)
    if found is None:
        return None
    separator = _AFTER_DATE.match(line, start + found.end)
    rest = line[separator.end() :].strip() if separator else ""
    return (found, rest) if rest else None
