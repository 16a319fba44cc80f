"""Arguments of the progress commands: `/merge A | B`, `/target <name> <date>`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from bot.when import parse_until

_PAIR = re.compile(r"^(?P<first>[^|｜]+?)\s*[|｜]\s*(?P<second>[^|｜]+?)$")
# The most words a when takes (`the day after tomorrow` aside): `next friday`, `jan 5 2025`.
_LONGEST_WHEN = 3
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
    match = _PAIR.match(argument.strip())
    if match is None:
        return None
    return match["first"].strip(), match["second"].strip()


def clean_title(raw: str) -> str:
    """A title as typed in /rename, without surrounding `《》` or `「」` and extra spaces."""
    text = " ".join(raw.split())
    match = _BOOK_BRACKETS.match(text)
    return " ".join((match[1] or match[2]).split()) if match else text


def parse_target(argument: str, today: date) -> TargetRequest | TargetProblem:
    """`<name> <when>`: the when ends the argument; `none`, `off` or `取消` clears the target.

    The when is anything bot/when.py reads (`2024-03-01`, `3/1`, `3月1日`, `下周五`, `next
    friday`, `next month`: the last day it names), a date without a year being the next one.
    A day before today is a problem, not a target.
    """
    words = argument.split()
    if len(words) < 2:
        return "usage"
    if words[-1].casefold() in _CLEAR_WORDS:
        return TargetRequest(" ".join(words[:-1]), None)
    # The longest ending that names a day, so `Dune next friday` is Dune by next Friday.
    for size in range(min(_LONGEST_WHEN, len(words) - 1), 0, -1):
        day = parse_until(" ".join(words[-size:]), today)
        if day is not None:
            return TargetRequest(" ".join(words[:-size]), day) if day >= today else "past"
    return "bad_date"
