"""Dated headings in the forms people write them, for imports: `### 2023-05-01`, `# 2023年5月1日`.

Also `**2023-05-01**`, `2023.05.01`, `2023/5/1`, `## 200704` (YYMMDD), `### Day 12: January 7,
2021`, `May 1, 2023`, `1 May 2023`, `Monday, May 1st 2023`, and ranges joined by `-`, `–`, `—`,
`——`, `~`, `至`, `到` or `to`. A range whose second date is unreadable (`2024-09-13 - 204-09-16`)
files under its first day and says so; one that ends before it starts is flagged. The date of a
daily note is read from its file name (`2023-05-01.md`, `journals/2023_05_01.md`,
`SelfStudy-20200310.md`).

Fixed forms, read with `re` and `datetime`: dateparser reads far more, but guesses (`Day 12`,
`May`, a bare `12` are dates to it), and a heading must be a date only when a person would say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s{1,3}"
_ORDINAL = r"(?:st|nd|rd|th)?"
# One date, in the forms above; each alternative is fixed-length or bounded.
_DATE = (
    r"(?P<y>\d{4})\s?[-/.年_]\s?(?P<m>\d{1,2})\s?[-/.月_]\s?(?P<d>\d{1,2})\s?[日号]?"
    rf"|(?:{_WEEKDAY})?(?P<mon>{_MONTH})\.?\s{{1,3}}(?P<md>\d{{1,2}}){_ORDINAL},?\s{{1,3}}"
    r"(?P<my>\d{4})"
    rf"|(?:{_WEEKDAY})?(?P<dm>\d{{1,2}}){_ORDINAL}\s{{1,3}}(?P<mon2>{_MONTH})\.?,?\s{{1,3}}"
    r"(?P<dy>\d{4})"
)
_FIRST = re.compile(rf"(?<![\d/.])(?:{_DATE})(?![\d/])", re.IGNORECASE)
_COMPACT = re.compile(r"(?P<y>\d{2}|\d{4})(?P<m>\d{2})(?P<d>\d{2})")
_RANGE = re.compile(r"\s{0,3}(?:——|->|=>|[-–—~～]|至|到|\bto\b)\s{0,3}", re.IGNORECASE)
# What may follow a range mark as its second date: a full date, `MM-DD`, or a day alone.
_SECOND = re.compile(
    rf"(?:{_DATE})(?![\d/])|(?P<sm>\d{{1,2}})[-/.月](?P<sd>\d{{1,2}})日?(?![\d/])"
    r"|(?P<sdo>\d{1,2})日?(?![\d/.\-])",
    re.IGNORECASE,
)
_GARBLED = re.compile(r"[\d][\d\-/.年月日]{2,12}")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)[\s#]*$")
_BOLD = re.compile(r"^\s{0,3}(?:\*\*|__)(.{1,80}?)(?:\*\*|__)\s*[:：]?\s*$")
_FILE_DATE = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")
# A heading longer than this is a sentence that mentions a date, not a dated heading.
_MAX_HEADING = 80


@dataclass(frozen=True)
class DateHeading:
    """A dated heading: its first day, its last for a range, and what a reader should check."""

    day: date
    last_day: date | None = None
    level: int = 0  # 1-6 for `#` headings, 0 for a bold line or a bare date
    problem: str | None = None  # "unreadable-end" or "reversed"


def read_date_heading(line: str) -> DateHeading | None:
    """The date a heading line (`## …`, `**…**`, or a line that is only a date) stands for."""
    if len(line) > _MAX_HEADING + 16:
        return None  # before any pattern runs: a long line is no heading, and costs nothing
    heading = _HEADING.match(line)
    bold = None if heading else _BOLD.match(line)
    text = heading.group(2) if heading else bold.group(1) if bold else line.strip()
    level = len(heading.group(1)) if heading else 0
    if not text or len(text) > _MAX_HEADING:
        return None
    compact = _COMPACT.fullmatch(text.strip())
    if compact is not None:
        # `## 200704`: a heading of six or eight digits and nothing else.
        day = _day(_year(compact.group("y")), compact.group("m"), compact.group("d"))
        return DateHeading(day, level=level) if day else None
    first = _FIRST.search(text)
    day = _from_match(first) if first is not None else None
    if first is None or day is None:
        return None
    if not (heading or bold) and (first.start() > 0 or _rest_is_text(text[first.end() :])):
        # A plain line is a heading only when it is the date (`2023.05.01`, `May 1, 2023`).
        return None
    last, problem = _range_end(text, first.end(), day)
    return DateHeading(day, last, level, problem)


def date_in_filename(name: str) -> date | None:
    """The date in a daily note's file name: `2023-05-01.md`, `2023_05_01.md`, `…-20200310.md`."""
    stem = name.rsplit("/", 1)[-1]
    match = _FILE_DATE.search(stem)
    return _day(int(match.group(1)), match.group(2), match.group(3)) if match else None


def _range_end(text: str, at: int, first: date) -> tuple[date | None, str | None]:
    mark = _RANGE.match(text, at)
    if mark is None:
        return None, None
    second = _SECOND.match(text, mark.end())
    last = _second_day(second, first) if second is not None else None
    if last is None:
        # `2024-09-13 - 204-09-16`: a typo in the end; the first day stands, and is shown.
        return None, "unreadable-end" if _GARBLED.match(text, mark.end()) else None
    if last < first:
        return None, "reversed"
    return (last if last != first else None), None


def _second_day(match: re.Match[str], first: date) -> date | None:
    if match.group("sm"):
        return _day(first.year, match.group("sm"), match.group("sd"))
    if match.group("sdo"):
        return _day(first.year, str(first.month), match.group("sdo"))
    return _from_match(match)


def _from_match(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    if groups.get("y"):
        return _day(int(groups["y"]), groups["m"], groups["d"])
    if groups.get("mon"):
        return _day(int(groups["my"]), str(_MONTHS[groups["mon"].lower()[:3]]), groups["md"])
    if groups.get("mon2"):
        return _day(int(groups["dy"]), str(_MONTHS[groups["mon2"].lower()[:3]]), groups["dm"])
    return None


def _rest_is_text(rest: str) -> bool:
    return bool(re.search(r"[^\W\d_]", _RANGE.sub("", rest, count=1)[:40]))


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _day(year: int, month: str, day: str) -> date | None:
    try:
        found = date(year, int(month), int(day))
    except ValueError:
        return None
    # Years outside this range are ids, versions or typos (`204-09-16`), not a log's days.
    return found if 1970 <= found.year <= 2100 else None
