"""The one reader of `<when>`: a day or a span of days, in Chinese or English, from today.

Every command that takes a date reads it here (/day, /week, /month, /search since/until,
/target, /pause), so what one accepts, all accept. Phrases people use most and dateparser
misses or reads as a single instant (`上周一`, `last week` as a whole week, `1月2日`, `三天前`)
are read here first; everything else goes to dateparser, configured for Chinese and English
and anchored at the user's own today. A date without a year (`3/1`, `周五`) is the last such day
for a command that looks back (/day, /search) and the next one for a command that looks
ahead (/target, /pause): `prefer` says which.

Days run from 1900 to 2200 (`EARLIEST`, `LATEST`), here and in imports: a far date
(`9999-12-31`, `99999 天前`) is not a day anyone logs, and near the ends of Python's calendar a
week or a month around it does not exist. A phrase shaped like a date that is not one
(`2023-13`, `2023-02-30`) is refused, never handed on for a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from bot.models import Frozen

EARLIEST = date(1900, 1, 1)
LATEST = date(2200, 12, 31)


class DateSpan(Frozen):
    """A span of days, first to last inclusive (one day when they are equal)."""

    first: date
    last: date

    @classmethod
    def day(cls, day: date) -> DateSpan:
        """A span of one day."""
        return cls(first=day, last=day)


# The one table of weekday names, read by every command that takes a day (/day, /target, /pause,
# back-dating) and by /checkin_at's days (bot/checkin/schedule.py), so a weekday word one accepts,
# all accept: an English name or a prefix of it that names one day (`mo`, `tues`, `thurs`), or
# `周`/`週`/`星期`/`礼拜`/`禮拜` and a numeral (`周五`, `星期天`).
WEEKDAY_NAMES_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_NUMERALS_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
WEEKDAY_PREFIX_ZH = r"(?:周|週|星期|礼拜|禮拜)"
_NUMERALS_ZH = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
_NUMERALS_ZH.update({"八": 8, "九": 9, "十": 10})

_ISO_DAY = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_ISO_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_MONTH_DAY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})$")
_ZH_DAY = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]?$")
_ZH_MONTH = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月份?$")
_ZH_WEEKDAY = re.compile(rf"^(上上|上|这|本|下)?({WEEKDAY_PREFIX_ZH}[一二三四五六日天])$")
_EN_WEEKDAY = re.compile(r"^(?:(last|next)\s*)?([a-z]+)$")
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
    "tomorrow": -1,
    "明天": -1,
    "后天": -2,
    "the day after tomorrow": -2,
}
_WEEKS = {"this week": 0, "本周": 0, "这周": 0, "last week": 1, "上周": 1, "上上周": 2}
_WEEKS.update({"next week": -1, "下周": -1})
_MONTHS = {"this month": 0, "本月": 0, "这个月": 0, "last month": 1, "上个月": 1, "上月": 1}
_MONTHS.update({"next month": -1, "下个月": -1, "下月": -1})

# Shapes this module reads alone: one that matches but names no day is no date at all.
_OWN_SHAPES = (_ISO_DAY, _ISO_MONTH, _MONTH_DAY, _ZH_DAY, _ZH_MONTH, _DAYS_AGO, _WEEKS_AGO)

# A range: two whens joined by `..`, `~`, `到`, `至`, ` to ` or a spaced dash (`2023-01-02` has
# unspaced ones). Each side is read alone; the range runs from the first's start to the last's end.
_RANGE = re.compile(r"^(.+?)\s*(?:\.\.|~|～|到|至|\s(?:to|-|–|—)\s)\s*(.+)$")

Prefer = Literal["past", "future"]


def parse_when(text: str, today: date, prefer: Prefer = "past") -> DateSpan | None:
    """The days `text` names, seen from the user's `today`; None when it names none.

    Looking back, a span may still include days after today (`this week` on a Wednesday runs
    to Sunday): asking about them simply finds nothing.
    """
    phrase = " ".join(text.strip().lower().split())
    if not phrase:
        return None
    if match := _RANGE.match(phrase):
        start, end = _read_one(match[1], today, prefer), _read_one(match[2], today, prefer)
        if start is not None and end is not None and start.first <= end.last:
            return DateSpan(first=start.first, last=end.last)
    return _read_one(phrase, today, prefer)


def weekday_named(word: str) -> int | None:
    """The weekday (0 = Monday) `word` names alone (`fri`, `Tuesday`, `周五`, `星期日`), or None.

    English takes a prefix of at least two letters that fits one day only (`t` and `s` fit two).
    """
    folded = word.casefold()
    if len(folded) >= 2:
        matches = [index for index, name in enumerate(WEEKDAY_NAMES_EN) if name.startswith(folded)]
        if len(matches) == 1:
            return matches[0]
    if re.fullmatch(rf"{WEEKDAY_PREFIX_ZH}[一二三四五六日天]", word):
        return WEEKDAY_NUMERALS_ZH[word[-1]]
    return None


def within_bounds(day: date) -> bool:
    """Whether `day` is one the bot keeps and reads (1900 to 2200)."""
    return EARLIEST <= day <= LATEST


def read_prefix_day(text: str, today: date) -> date | None:
    """The one day a back-dating prefix names (`周五：`, `3 天前：`, `1/2:`), never after today.

    Only this module's own readers: dateparser reads too much into a word before a colon
    (`Note:`, `Update:`), and an entry's first words are more often prose than dates.
    """
    phrase = " ".join(text.strip().lower().split())
    # `We:` opens prose far more often than it means Wednesday: a two-letter weekday (`mo`,
    # `we`), fine after /day or in /checkin_at's days, is no back-dating prefix.
    if phrase.isascii() and phrase.isalpha() and len(phrase) < 3:
        return None
    span = _bounded(_read_phrase, phrase, today, "past") if phrase else None
    if span is None or span.first != span.last or span.first > today:
        return None
    return span.first


def _read_one(phrase: str, today: date, prefer: Prefer) -> DateSpan | None:
    if (span := _bounded(_read_phrase, phrase, today, prefer)) is not None:
        return span
    if any(shape.match(phrase) for shape in _OWN_SHAPES):
        return None  # `2023-13`: ours to read, and not a date; dateparser would guess one
    return _bounded(_read_with_dateparser, phrase, today, prefer)


def _bounded(
    reader: Callable[[str, date, Prefer], DateSpan | None], phrase: str, today: date, prefer: Prefer
) -> DateSpan | None:
    """What `reader` finds, if it lies within 1900 to 2200; None for what overflows the calendar
    on the way (`9999999999 天前`)."""
    try:
        span = reader(phrase, today, prefer)
    except (OverflowError, ValueError):
        return None
    if span is None or not (within_bounds(span.first) and within_bounds(span.last)):
        return None
    return span


def parse_until(text: str, today: date) -> date | None:
    """The last day of what `text` names, looking ahead: `/target Dune 3/1`, `/pause 下周`."""
    span = parse_when(text, today, prefer="future")
    return span.last if span else None


def week_of(day: date) -> DateSpan:
    """Monday to Sunday around `day`."""
    monday = day - timedelta(days=day.weekday())
    return DateSpan(first=monday, last=monday + timedelta(days=6))


def month_of(day: date) -> DateSpan:
    """The calendar month of `day`."""
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return DateSpan(first=first, last=following - timedelta(days=1))


def _read_phrase(phrase: str, today: date, prefer: Prefer) -> DateSpan | None:
    compact = phrase.replace(" ", "") if not phrase.isascii() else phrase
    if compact in _WORD_DAYS:
        return DateSpan.day(today - timedelta(days=_WORD_DAYS[compact]))
    if compact in _WEEKS:
        return week_of(today - timedelta(weeks=_WEEKS[compact]))
    if compact in _MONTHS:
        return _months_back(today, _MONTHS[compact])
    for reader in (_iso, _month_day, _zh_day, _zh_month, _zh_weekday, _en_weekday, _ago):
        if (span := reader(compact, today, prefer)) is not None:
            return span
    return None


def _nearest(today: date, month: int, day: int, prefer: Prefer) -> date | None:
    """The day `month`/`day` without a year: the last one up to today, or the next from it."""
    found = _valid(today.year, month, day)
    if prefer == "past" and (found is None or found > today):
        return _valid(today.year - 1, month, day)
    if prefer == "future" and (found is None or found < today):
        return _valid(today.year + 1, month, day)
    return found


def _month_day(phrase: str, today: date, prefer: Prefer) -> DateSpan | None:
    match = _MONTH_DAY.match(phrase)
    if match is None:
        return None
    found = _nearest(today, int(match[1]), int(match[2]), prefer)
    return DateSpan.day(found) if found else None


def _iso(phrase: str, today: date, prefer: Prefer) -> DateSpan | None:
    if match := _ISO_DAY.match(phrase):
        day = _valid(int(match[1]), int(match[2]), int(match[3]))
        return DateSpan.day(day) if day else None
    if match := _ISO_MONTH.match(phrase):
        first = _valid(int(match[1]), int(match[2]), 1)
        return month_of(first) if first else None
    return None


def _zh_day(phrase: str, today: date, prefer: Prefer) -> DateSpan | None:
    match = _ZH_DAY.match(phrase)
    if match is None:
        return None
    month, day = int(match[2]), int(match[3])
    # Without a year: the last such day (as in back-dating), or the next one looking ahead.
    found = _valid(int(match[1]), month, day) if match[1] else _nearest(today, month, day, prefer)
    return DateSpan.day(found) if found else None


def _zh_month(phrase: str, today: date, prefer: Prefer) -> DateSpan | None:
    match = _ZH_MONTH.match(phrase)
    if match is None:
        return None
    month = int(match[2])
    year = int(match[1]) if match[1] else today.year
    if not match[1] and prefer == "past" and month > today.month:
        year -= 1
    if not match[1] and prefer == "future" and month < today.month:
        year += 1
    first = _valid(year, month, 1)
    return month_of(first) if first else None


def _zh_weekday(phrase: str, today: date, prefer: Prefer) -> DateSpan | None:
    match = _ZH_WEEKDAY.match(phrase)
    if match is None:
        return None
    weekday = weekday_named(match[2])
    if weekday is None:
        return None
    weeks_back = {"上上": 2, "上": 1, "这": 0, "本": 0, "下": -1}.get(match[1] or "")
    if weeks_back is None:
        # A bare `周五` is the most recent Friday (or, looking ahead, the next), today included.
        if prefer == "future":
            return DateSpan.day(today + timedelta(days=(weekday - today.weekday()) % 7))
        return DateSpan.day(today - timedelta(days=(today.weekday() - weekday) % 7))
    monday = today - timedelta(days=today.weekday(), weeks=weeks_back)
    return DateSpan.day(monday + timedelta(days=weekday))


def _en_weekday(phrase: str, today: date, prefer: Prefer) -> DateSpan | None:
    match = _EN_WEEKDAY.match(phrase)
    weekday = weekday_named(match[2]) if match else None
    if match is None or weekday is None:
        return None
    # `last friday` is the latest Friday before today, `next friday` the first after it, as
    # dateparser reads them; a bare `friday` is one or the other as the command looks.
    if match[1] == "next" or (match[1] is None and prefer == "future"):
        return DateSpan.day(today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1))
    return DateSpan.day(today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1))


def _ago(phrase: str, today: date, prefer: Prefer) -> DateSpan | None:
    if match := _DAYS_AGO.match(phrase):
        return DateSpan.day(today - timedelta(days=_number(match[1])))
    if match := _WEEKS_AGO.match(phrase):
        return week_of(today - timedelta(weeks=_number(match[1])))
    return None


def _months_back(today: date, months: int) -> DateSpan:
    """The month `months` before today's (after it, when negative)."""
    index = today.year * 12 + today.month - 1 - months
    return month_of(date(index // 12, index % 12 + 1, 1))


# No date people write is longer; dateparser's cost grows with its input (166 ms at 4,096
# characters), so a longer phrase is refused unread.
_LONGEST_FREE_PHRASE = 48


def _read_with_dateparser(phrase: str, today: date, prefer: Prefer) -> DateSpan | None:
    if len(phrase) > _LONGEST_FREE_PHRASE:
        return None
    # Imported on first use: it takes a tenth of a second, which `daylog search` (a short-lived
    # process) would pay on every run though most queries never need it.
    import dateparser  # noqa: PLC0415

    # Noon of the user's day (`today` is already theirs), so `N hours ago` stays on it. Only the
    # date comes back, and dateparser counts from an aware base alike in every zone (tested at
    # UTC+14, where the day differs from UTC's): UTC pins the base without naming the user's.
    base = datetime.combine(today, time(12), tzinfo=UTC)
    found = dateparser.parse(
        phrase,
        languages=["zh", "en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": prefer,
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


# Dates written out in full, as a log's headings and file names carry them. Fixed forms read
# with `re`: dateparser reads far more but guesses (`Day 12`, `May`, a bare `12` are dates to
# it) and costs a millisecond a call, and a heading must be a date only when a person would
# say so; every pattern below is bounded, so a line is read in linear time.
_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY_NAME = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s{1,3}"
_ORDINAL = r"(?:st|nd|rd|th)?"
# One date with its year: 2023-05-01 (also / . _ and 年月日), May 1st, 2023, 1 May 2023.
_WRITTEN = (
    r"(?P<y>\d{4})\s?[-/.年_]\s?(?P<m>\d{1,2})\s?[-/.月_]\s?(?P<d>\d{1,2})(?:\s?[日号])?"
    rf"|(?:{_WEEKDAY_NAME})?(?P<mon>{_MONTH_NAME})\.?\s{{1,3}}(?P<md>\d{{1,2}}){_ORDINAL},?"
    r"\s{1,3}(?P<my>\d{4})"
    rf"|(?:{_WEEKDAY_NAME})?(?P<dm>\d{{1,2}}){_ORDINAL}\s{{1,3}}(?P<mon2>{_MONTH_NAME})\.?,?"
    r"\s{1,3}(?P<dy>\d{4})"
)
# Without a year (the caller knows it): 5月1日, May 1st, 1 May, and with `numeric` also 7.2, 7/2.
_YEARLESS = (
    r"(?P<zm>\d{1,2})月(?P<zd>\d{1,2})[日号]?"
    rf"|(?:{_WEEKDAY_NAME})?(?P<ymon>{_MONTH_NAME})\.?\s{{1,3}}(?P<ymd>\d{{1,2}}){_ORDINAL}\b"
    rf"|(?P<ydm>\d{{1,2}}){_ORDINAL}\s{{1,3}}(?P<ymon2>{_MONTH_NAME})\b"
)
_NUMERIC_YEARLESS = r"(?P<nm>\d{1,2})[./](?P<nd>\d{1,2})"
_WRITTEN_DATE = re.compile(rf"(?<![\d/.])(?:{_WRITTEN})(?![\d/])", re.IGNORECASE)
_WRITTEN_OR_YEARLESS = re.compile(rf"(?<![\d/.])(?:{_WRITTEN}|{_YEARLESS})(?![\d/])", re.IGNORECASE)
_WRITTEN_OR_ANY_YEARLESS = re.compile(
    rf"(?<![\d/.])(?:{_WRITTEN}|{_YEARLESS}|{_NUMERIC_YEARLESS})(?![\d/.])", re.IGNORECASE
)
_COMPACT_DATE = re.compile(r"(?P<y>\d{2}|\d{4})(?P<m>\d{2})(?P<d>\d{2})")
_RANGE_MARK = re.compile(r"\s{0,3}(?:——|->|=>|[-–—~～]|至|到|\bto\b)\s{0,3}", re.IGNORECASE)
# What may follow a range mark: a date in full, `MM-DD`, `MM月DD日`, or the day alone.
_RANGE_END = re.compile(
    rf"(?:{_WRITTEN})(?![\d/])|(?P<sm>\d{{1,2}})[-/.月](?P<sd>\d{{1,2}})[日号]?(?![\d/])"
    r"|(?P<sdo>\d{1,2})[日号]?(?![\d/.\-])",
    re.IGNORECASE,
)
# After a range mark, something date-like that is no date: an author's typo (`204-09-16`).
_GARBLED_END = re.compile(r"\d[\d\-/.年月日]{2,12}")
# Digits run together (`200704`, a file name's `20200310`) are a day only in this span; outside
# it they are ids or versions. A date written out with separators is read whatever its year:
# the import says which years it takes (`### 9999-12-31` is named as out of range, not lost).
_FIRST_YEAR, _LAST_YEAR = 1970, 2100

DateProblem = Literal["unreadable-end", "reversed"]
_HAS_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class WrittenDate:
    """A calendar date found in a text: its day, a range's last day, and where it was written.

    `problem` is an author's slip a reader should be shown: a range whose end is no date
    (`2024-09-13 - 204-09-16`, filed under its first day) or ends before it starts.
    """

    day: date
    last_day: date | None
    start: int
    end: int
    problem: DateProblem | None = None


def find_written_date(
    text: str, *, year: int | None = None, numeric: bool = False, at_start: bool = False
) -> WrittenDate | None:
    """The first calendar date written out in `text`, with the end of a range right after it.

    A date needs its year, unless `year` is given: then `5月1日` and `May 1` are of that year,
    and with `numeric` also `7.2` and `7/2` (only where the layout makes them dates, as in
    `## Day 0 7.2`; in running text they are versions and fractions). `at_start`: only a date
    that opens the text.
    """
    if not _HAS_DIGIT.search(text):
        return None  # every form has digits; most lines of prose have none, and stop here
    if year is None:
        pattern = _WRITTEN_DATE
    else:
        pattern = _WRITTEN_OR_ANY_YEARLESS if numeric else _WRITTEN_OR_YEARLESS
    matches = [found] if at_start and (found := pattern.match(text)) else []
    for match in matches if at_start else pattern.finditer(text):
        day = _written_day(match, year)
        if day is not None:
            last, problem, end = _range_end(text, match.end(), day)
            return WrittenDate(day, last, match.start(), end, problem)
    return None


def read_compact_date(text: str) -> date | None:
    """`200704` or `20200704` (YYMMDD, YYYYMMDD) as a day; only where a layout says so."""
    match = _COMPACT_DATE.fullmatch(text)
    if match is None:
        return None
    year = int(match["y"]) + (2000 if len(match["y"]) == 2 else 0)
    return _log_day(year, int(match["m"]), int(match["d"]))


def _range_end(text: str, at: int, first: date) -> tuple[date | None, DateProblem | None, int]:
    mark = _RANGE_MARK.match(text, at)
    if mark is None:
        return None, None, at
    second = _RANGE_END.match(text, mark.end())
    last = _end_day(second, first) if second is not None else None
    if second is None or last is None:
        garbled = _GARBLED_END.match(text, mark.end())
        if garbled is None:
            return None, None, at
        return None, "unreadable-end", garbled.end()
    if last < first:
        return None, "reversed", second.end()
    return (last if last != first else None), None, second.end()


def _end_day(match: re.Match[str], first: date) -> date | None:
    if match["sm"]:
        return _valid(first.year, int(match["sm"]), int(match["sd"]))
    if match["sdo"]:
        return _valid(first.year, first.month, int(match["sdo"]))
    return _written_day(match, None)


# The groups of each form above: (year, month, day); a year of None is the caller's year, and
# a month group named in _NAMED_MONTHS holds a month's name.
_FORMS = (
    ("y", "m", "d"),
    ("my", "mon", "md"),
    ("dy", "mon2", "dm"),
    (None, "zm", "zd"),
    (None, "ymon", "ymd"),
    (None, "ymon2", "ydm"),
    (None, "nm", "nd"),
)
_NAMED_MONTHS = frozenset({"mon", "mon2", "ymon", "ymon2"})


def _written_day(match: re.Match[str], year: int | None) -> date | None:
    groups = match.groupdict()
    for year_group, month_group, day_group in _FORMS:
        month = groups.get(month_group)
        if not month:
            continue
        written_year = int(groups[year_group]) if year_group else year
        if written_year is None:
            return None
        number = _MONTH_NUMBERS[month[:3].lower()] if month_group in _NAMED_MONTHS else int(month)
        return _valid(written_year, number, int(groups[day_group]))
    return None


def _log_day(year: int, month: int, day: int) -> date | None:
    found = _valid(year, month, day)
    return found if found is not None and _FIRST_YEAR <= found.year <= _LAST_YEAR else None


# A daily note's file name: `2023-05-01.md`, `journals/2023_05_01.md`, `SelfStudy-20200310.md`.
_FILE_NAME_DATE = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")


def read_file_name_date(path: str) -> date | None:
    """The day a daily note's file name (not its folders) names, or None."""
    stem = path.replace("\\", "/").rsplit("/", 1)[-1]
    for match in _FILE_NAME_DATE.finditer(stem):
        if (day := _log_day(int(match[1]), int(match[2]), int(match[3]))) is not None:
            return day
    return None
