"""Arguments of the progress commands: `/merge A | B`, `/target <name> <date>`, `/total`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from bot.models import PROGRESS_UNITS, ProgressUnit
from bot.progress.counts import unit_named
from bot.when import parse_until

_BAR = re.compile(r"[|｜]")
# The most words a when takes (`the day after tomorrow` aside): `next friday`, `jan 5 2025`.
_LONGEST_WHEN = 3
_CLEAR_WORDS = frozenset({"none", "off", "clear", "-", "取消", "清除", "无"})
_BOOK_BRACKETS = re.compile(r"^《(.+)》$|^「(.+)」$")

TargetProblem = Literal["usage", "bad_date", "past"]
TotalProblem = Literal["usage", "bad_unit"]
# `412`, `412 pages`, `20章`, `20 章`: the number and its unit, ending the argument.
_TOTAL = re.compile(
    r"^(?P<name>.+?)\s+(?P<total>\d{1,7}(?:\.\d{1,2})?)\s*(?P<unit>[^\d\s]\S{0,11})?$"
)
# The units /total's help names (percent has no total to give).
TOTAL_UNITS: tuple[ProgressUnit, ...] = tuple(u for u in PROGRESS_UNITS if u != "percent")
# A total this large is a typo, and the percent it makes would be 0.
_MAX_TOTAL = 1_000_000


@dataclass(frozen=True)
class TargetRequest:
    """What `/target <name> <date>` asks: a day, or None to clear the target."""

    name: str
    day: date | None


@dataclass(frozen=True)
class TotalRequest:
    """What `/total <name> <N> [unit]` asks: the whole (None clears it) and its unit (None: the
    unit the item is counted in)."""

    name: str
    total: float | None
    unit: ProgressUnit | None = None


def parse_total(argument: str) -> TotalRequest | TotalProblem:
    """`<name> <N> [unit]` (`Dune 412 pages`, `置身事内 20 章`, `SICP 5章`); `none` clears it."""
    words = argument.split()
    if len(words) >= 2 and words[-1].casefold() in _CLEAR_WORDS:
        return TotalRequest(" ".join(words[:-1]), None)
    match = _TOTAL.match(" ".join(words))
    if match is None:
        return "usage"
    total = float(match["total"])
    if not 0 < total <= _MAX_TOTAL:
        return "usage"
    unit = unit_named(match["unit"]) if match["unit"] else None
    if match["unit"] and unit is None:
        return "bad_unit"
    if unit == "percent":
        return "bad_unit"  # a percent's whole is always 100
    return TotalRequest(match["name"], total, unit)


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
