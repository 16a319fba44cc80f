"""Arguments of the progress commands: `/merge A | B`, `/target <name> <date>`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

_BAR = re.compile(r"[|｜]")
_FULL_DATE = re.compile(
    r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$|^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$"
)
_MONTH_DAY = re.compile(r"^(\d{1,2})-(\d{1,2})$|^(\d{1,2})月(\d{1,2})[日号]?$")
_CLEAR_WORDS = frozenset({"none", "off", "clear", "-", "取消", "清除", "无"})
_BOOK_BRACKETS = re.compile(r"^《(.+)》$|^「(.+)」$")

TargetProblem = Literal["usage", "bad_date", "past"]


@dataclass(frozen=True)
class TargetRequest:
    """What `/target <name> <date>` asks: a day, or None to clear the target."""

    name: str
    day: date | None


def command_argument(text: str) -> str:
    """Everything after the command word (`/merge@daylog_bot A | B` gives `A | B`)."""
    parts = text.strip().split(maxsplit=1)
    return parts[1].strip() if len(parts) == 2 else ""


def split_pair(argument: str) -> tuple[str, str] | None:
    """`A | B` (ASCII or full-width bar) as two non-empty names, else None."""
    # Split, not a lazy pattern around the bar: that rescanned the spaces before it, quadratic.
    parts = _BAR.split(argument)
    if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
        return None
    return parts[0].strip(), parts[1].strip()


def clean_title(raw: str) -> str:
    """A title as typed in /rename, without surrounding `《》` or `「」` and extra spaces."""
    text = " ".join(raw.split())
    match = _BOOK_BRACKETS.match(text)
    return " ".join((match[1] or match[2]).split()) if match else text


def parse_target(argument: str, today: date) -> TargetRequest | TargetProblem:
    """`<name> <date>`: the date is the last word; `none`, `off` or `取消` clears the target.

    Dates: `2024-03-01`, `2024/3/1`, `2024年3月1日`, or `3-1` and `3月1日` (the next such day).
    A day before today is a problem, not a target.
    """
    parts = argument.strip().rsplit(maxsplit=1)
    if len(parts) < 2:
        return "usage"
    name, word = parts[0].strip(), parts[1].strip()
    if word.casefold() in _CLEAR_WORDS:
        return TargetRequest(name, None)
    day = _read_date(word, today)
    if day is None:
        return "bad_date"
    if day < today:
        return "past"
    return TargetRequest(name, day)


def _read_date(word: str, today: date) -> date | None:
    if match := _FULL_DATE.match(word):
        numbers = [int(group) for group in match.groups() if group is not None]
        return _valid(numbers[0], numbers[1], numbers[2])
    if match := _MONTH_DAY.match(word):
        month, day = (int(group) for group in match.groups() if group is not None)
        this_year = _valid(today.year, month, day)
        if this_year is not None and this_year >= today:
            return this_year
        return _valid(today.year + 1, month, day)
    return None


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
