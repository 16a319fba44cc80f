"""Progress as HTML answers: the capture reply's lines, /progress pages and one item's detail."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.i18n import Html, t
from bot.models import Language, ProgressItem, ProgressPoint, ProgressUnit, ProgressUpdate
from bot.progress.pace import (
    ItemState,
    format_number,
    format_quantity,
    progress_bar,
)
from bot.telegram.day_listing import format_day

# Eight items of three short lines each stay far below Telegram's 4096 characters even with
# titles at their longest (TITLE_LIMIT), and still read at a glance on a phone.
PAGE_SIZE = 8
TITLE_LIMIT = 80
# The detail shows the latest updates; a long history would drown the numbers that matter.
HISTORY_LINES = 15


@dataclass(frozen=True)
class ListedItem:
    """An item as /progress lists it."""

    item: ProgressItem
    state: ItemState


@dataclass(frozen=True)
class Page:
    """One page of /progress: its text, its number (from 0), how many pages there are, and the
    items it shows in the order it shows them (for a button each).
    """

    text: Html
    number: int
    count: int
    items: tuple[ProgressItem, ...] = ()


def captured_lines(language: Language, found: Sequence[tuple[str, ProgressUpdate]]) -> list[Html]:
    """One line per update read from an entry: (item title, update)."""
    lines = []
    for title, update in found:
        if update.completed:
            lines.append(t(language, "progress.captured_done", title=short_title(title)))
        elif update.value is None and update.total is not None:
            amount = _amount(language, update.total, None, update.unit)
            lines.append(
                t(language, "progress.captured_total", title=short_title(title), amount=amount)
            )
        elif _is_count(update.value, update.total, update.unit):
            count = _count(language, update.value, update.unit)
            lines.append(
                t(language, "progress.captured_count", title=short_title(title), count=count)
            )
        else:
            amount = _amount(language, update.value, update.total, update.unit)
            lines.append(t(language, "progress.captured", title=short_title(title), amount=amount))
    return lines


@dataclass(frozen=True)
class PageSlice:
    """Which rows a page shows: its number (from 0), how many pages, and its rows' range."""

    number: int
    count: int
    start: int
    end: int


@dataclass(frozen=True)
class Overview:
    """One page of /progress: its active items, then its finished ones, and where it is."""

    active: list[ListedItem]
    finished: list[ListedItem]
    active_total: int
    page: PageSlice


def page_slice(rows: int, page: int) -> PageSlice:
    """Page ``page`` of ``rows`` rows, clamped to the pages there are (at least one)."""
    count = max(math.ceil(rows / PAGE_SIZE), 1)
    number = min(max(page, 0), count - 1)
    return PageSlice(number, count, number * PAGE_SIZE, min((number + 1) * PAGE_SIZE, rows))


def progress_page(
    language: Language,
    active: Sequence[ListedItem],
    finished: Sequence[ListedItem],
    *,
    active_total: int,
    where: PageSlice,
) -> Page:
    """One page of the list: its active items, then its finished ones under their heading."""
    if not active and not finished:
        return Page(t(language, "progress.empty"), 0, 1)
    header = t(language, "progress.header", active=active_total)
    if where.count > 1:
        page = t(language, "progress.page", page=where.number + 1, pages=where.count)
        header = Html(header + page)
    parts = [header, *(_active(language, listed) for listed in active)]
    if finished:
        # Finished items continue on the pages after the active ones: the heading comes once
        # per page that shows any.
        parts.append(t(language, "progress.finished_header"))
        parts.extend(_finished(language, listed) for listed in finished)
    shown = tuple(listed.item for listed in (*active, *finished))
    return Page(Html("\n\n".join(parts)), where.number, where.count, shown)


def item_detail(
    language: Language, item: ProgressItem, state: ItemState, points: Sequence[ProgressPoint]
) -> Html:
    """One item: where it stands, its pace and estimate, and its latest updates."""
    status = t(language, f"progress.status_{item.status}") if item.status != "active" else ""
    parts = [
        t(language, "progress.detail_title", title=short_title(item.title), status=Html(status)),
        *_state_lines(language, state),
        t(
            language,
            "progress.detail_started",
            day=format_day(language, state.started_on),
            count=state.updates,
        ),
    ]
    if state.read_through > 1:
        parts.append(t(language, "progress.read_through", count=state.read_through))
    history = [_history_line(language, point) for point in points[-HISTORY_LINES:]]
    if len(points) > HISTORY_LINES:
        history.insert(0, t(language, "progress.history_more", count=len(points) - HISTORY_LINES))
    return Html("\n".join([*parts, "", t(language, "progress.history"), *history]))


def chart_target(item: ProgressItem, state: ItemState) -> tuple[date, float] | None:
    """The line the item's chart draws to: its target day and the total, when it has both."""
    return (item.target, state.total) if item.target and state.total else None


def short_title(title: str) -> str:
    """A title cut to TITLE_LIMIT characters, so one long name cannot crowd out the rest."""
    return title if len(title) <= TITLE_LIMIT else title[: TITLE_LIMIT - 1] + "…"


def _active(language: Language, listed: ListedItem) -> Html:
    title = t(language, "progress.item_title", title=short_title(listed.item.title))
    return Html("\n".join([title, *_state_lines(language, listed.state)]))


def _finished(language: Language, listed: ListedItem) -> Html:
    state = listed.state
    day = format_day(language, state.finished_on or state.last_update)
    line = t(language, "progress.finished_line", title=short_title(listed.item.title), day=day)
    if state.completions > 1:
        line = Html(line + t(language, "progress.completions", count=state.completions))
    return line


def _state_lines(language: Language, state: ItemState) -> list[Html]:
    """The numbers line, then pace and estimate, then the target when there is one.

    A count with no total known (`第 19 章`) has no bar: it says where, not how much is left.
    """
    numbers: list[str]
    if _is_count(state.value, state.total, state.unit) and not state.finished:
        numbers = [_count(language, state.value, state.unit)]
    else:
        numbers = [progress_bar(state.percent)]
        if state.percent is not None:
            numbers[0] += f" {_percent(state)}%"
        if state.unit != "percent" and state.value is not None:
            numbers.append(_amount(language, state.value, state.total, state.unit))
        if state.count is not None and not state.finished:
            numbers.append(_count(language, state.count[0], state.count[1]))
    numbers.append(t(language, "progress.updated", day=format_day(language, state.last_update)))
    lines = [Html(" · ".join(numbers))]
    if not state.finished:
        lines.append(_pace_line(language, state))
    if state.target is not None and not state.finished:
        lines.append(_target_line(language, state))
    return lines


def _percent(state: ItemState) -> str:
    """A percent written by the user as is (`14.3`); one worked out from a count, whole (`51`)."""
    if state.unit == "percent":
        return format_number(state.percent or 0.0)
    # Rounded down: 99.8% read is not 100% done.
    return str(math.floor(state.percent or 0.0))


def _pace_line(language: Language, state: ItemState) -> Html:
    if state.pace is None or state.pace <= 0:
        return t(language, "progress.stalled")
    if state.unit != "percent" and state.pace < 1:
        # 0.3 chapters a day reads better as 2 chapters a week.
        pace = t(language, f"progress.pace_week.{state.unit}", n=format_number(state.pace * 7))
    else:
        pace = t(language, f"progress.pace.{state.unit}", n=format_number(state.pace))
    if state.eta is None:
        return t(language, "progress.pace", pace=pace)
    eta = format_day(language, state.eta)
    return t(language, "progress.pace_eta", pace=pace, eta=eta)


def _target_line(language: Language, state: ItemState) -> Html:
    assert state.target is not None  # noqa: S101 - the caller checks
    day = format_day(language, state.target)
    if state.daily_quota is None or state.schedule is None:
        return t(language, "progress.target_only", day=day)
    quota = t(language, f"progress.pace.{state.unit}", n=format_number(state.daily_quota))
    return t(language, f"progress.target_{state.schedule}", day=day, quota=quota)


def _history_line(language: Language, point: ProgressPoint) -> Html:
    day = format_day(language, point.day)
    if point.value is None and point.total is not None and not point.completed:
        amount = _amount(language, point.total, None, point.unit)
        return t(language, "progress.history_total", day=day, amount=amount)
    if point.value is None:
        return t(language, "progress.history_done", day=day)
    if _is_count(point.value, point.total, point.unit):
        amount = _count(language, point.value, point.unit)
    else:
        amount = _amount(language, point.value, point.total, point.unit)
    return t(language, "progress.history_line", day=day, amount=amount)


def _amount(
    language: Language, value: float | None, total: float | None, unit: ProgressUnit
) -> Html:
    """`296/572 pages`, `72%`, `2/13`: numbers with the unit's word in the user's language."""
    return t(language, f"progress.unit.{unit}", n=format_quantity(value, total, unit))


def total_reply(language: Language, item: ProgressItem, state: ItemState) -> Html:
    """The answer to /total: the whole given (or cleared), and where the item stands now."""
    title = short_title(item.title)
    if item.total is None or item.total_unit is None:
        return t(language, "progress.total_cleared", title=title)
    amount = _amount(language, item.total, None, item.total_unit)
    if state.percent is None or state.unit != item.total_unit:
        return t(language, "progress.total_set", title=title, amount=amount)
    return t(language, "progress.total_now", title=title, amount=amount, percent=_percent(state))


def _is_count(value: float | None, total: float | None, unit: ProgressUnit) -> bool:
    """A position without a known total: `第 19 章`, `Day 12`."""
    return value is not None and total is None and unit != "percent"


def _count(language: Language, value: float | None, unit: ProgressUnit) -> Html:
    """`chapter 19`, `第 19 章`: where someone is, in the user's language."""
    return t(language, f"progress.count.{unit}", n=format_number(value or 0.0))


def overview_page(language: Language, found: Overview) -> Page:
    """A page of /progress as the user reads it (the chat's message, the terminal's text)."""
    return progress_page(
        language, found.active, found.finished, active_total=found.active_total, where=found.page
    )


def not_found(language: Language, name: str, titles: Sequence[str]) -> Html:
    """The answer when no item is called ``name``: say so, and name a few the user does have."""
    hint = (
        t(language, "progress.suggest", names=", ".join(map(short_title, titles)))
        if titles
        else t(language, "progress.no_items")
    )
    return Html(t(language, "progress.not_found", name=name) + "\n" + hint)
