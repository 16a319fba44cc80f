"""Charts as PNG bytes, drawn in-process on matplotlib's Agg canvas (no pyplot, no global state)."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from bot.models import ProgressPoint
from bot.progress.fonts import chart_font
from bot.progress.pace import Whole, progress_series

# 1200 px wide: sharp on a phone after Telegram recompresses the photo, yet quick to encode.
DPI = 150
PROGRESS_SIZE = (8.0, 4.5)
HEATMAP_SIZE = (8.0, 1.5)
# Fixed margins (left, bottom, right, top as fractions) rather than constrained layout, which
# measures every label once more and took a third of the time; the labels here are short.
PROGRESS_MARGINS = (0.08, 0.1, 0.98, 0.9)
HEATMAP_MARGINS = (0.03, 0.02, 0.99, 0.72)

LINE_COLOUR = "#1f6feb"
TARGET_COLOUR = "#d1242f"
GRID_COLOUR = "#d0d7de"
# GitHub's contribution greens: nothing, then four levels of activity.
HEAT_COLOURS = ("#ebedf0", "#9be9a8", "#40c463", "#30a14e", "#216e39")

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS_EN = ("Mon", "", "Wed", "", "Fri", "", "")
# Numeric, so a chart reads the same in every language: 2023, 2023-05, 05-17.
DATE_FORMATS = ["%Y", "%Y-%m", "%m-%d", "%H:%M", "%H:%M", "%S.%f"]
DATE_ZERO_FORMATS = ["", "%Y", "%Y-%m", "%m-%d", "%H:%M", "%H:%M"]
DATE_OFFSET_FORMATS = ["", "%Y", "%Y-%m", "%Y-%m-%d", "%Y-%m-%d", "%Y-%m-%d %H:%M"]
# About what fits on one line of a 1200 px chart in CJK at 12 pt; longer titles are cut with "…".
MAX_TITLE = 40
# More markers than this hide the line they sit on and slow the drawing.
MAX_MARKERS = 120


def progress_chart(
    title: str,
    points: Sequence[ProgressPoint],
    target: tuple[date, float] | None = None,
    *,
    ylabel: str = "",
    whole: Whole | None = None,
) -> bytes:
    """Progress over time in the item's current unit, with the path to ``target`` if there is one.

    ``target`` is (day, total) with the total in the same unit as the item's state; the dashed line
    runs from the latest update to it, so its slope is the daily quota. ``whole`` is the item's
    /total, if any.
    """
    series = progress_series(points, whole)
    fig = _figure(PROGRESS_SIZE, PROGRESS_MARGINS)
    ax = fig.add_subplot()
    _title(ax, title)
    # datetime64 rather than date objects: matplotlib converts it the same way and it is typed.
    days = np.array(series.days, dtype="datetime64[D]")
    values = list(series.values)
    ceiling = target[1] if target is not None else series.total
    if ceiling is not None:
        ax.axhline(ceiling, color=GRID_COLOUR, linewidth=1.0)
    if len(days):
        ax.plot(
            days,
            values,
            color=LINE_COLOUR,
            linewidth=1.8,
            marker="o" if len(days) <= MAX_MARKERS else None,
            markersize=3.5,
        )
        last = days[-1] if target is None else _plot_target(ax, days[-1], values[-1], target)
        _date_span(ax, days[0], last)
    # max() and not the total alone: a re-read or a typo may pass the total.
    _progress_axes(ax, series.unit, max([*values, ceiling or 0.0]) or None, ylabel)
    return _png(fig)


def heatmap_chart(
    counts: Mapping[date, int],
    end: date,
    title: str,
    *,
    month_labels: Sequence[str] = MONTHS_EN,
    weekday_labels: Sequence[str] = WEEKDAYS_EN,
) -> bytes:
    """A year of days up to ``end``, one square each, weeks as columns from Monday down.

    Labels default to English; pass ``month_labels`` (12) and ``weekday_labels`` (7, blanks
    allowed) from the user's language.
    """
    start = end - timedelta(days=364)
    first_monday = start - timedelta(days=start.weekday())
    weeks = (end - first_monday).days // 7 + 1
    grid = np.full((7, weeks), np.nan)
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        grid[day.weekday(), (day - first_monday).days // 7] = counts.get(day, 0)
    fig = _figure(HEATMAP_SIZE, HEATMAP_MARGINS)
    ax = fig.add_subplot()
    _title(ax, title, y=1.12)  # above the month labels
    ax.pcolormesh(
        np.ma.masked_invalid(_heat_levels(grid)),
        cmap=ListedColormap(list(HEAT_COLOURS)),
        norm=BoundaryNorm(np.arange(-0.5, len(HEAT_COLOURS)), len(HEAT_COLOURS)),
        edgecolors="white",
        linewidth=1.5,
    )
    _heatmap_axes(
        ax, first_monday, weeks, start, month_labels=month_labels, weekday_labels=weekday_labels
    )
    return _png(fig)


def _figure(size: tuple[float, float], margins: tuple[float, float, float, float]) -> Figure:
    """A figure with its own Agg canvas, sized for a Telegram photo."""
    fig = Figure(figsize=size, dpi=DPI)
    FigureCanvasAgg(fig)
    left, bottom, right, top = margins
    fig.subplots_adjust(left=left, bottom=bottom, right=right, top=top)
    return fig


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    # No "Software" entry: the same data gives the same bytes whatever matplotlib version drew it.
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _title(ax: Axes, title: str, y: float = 1.02) -> None:
    """A left-aligned title at a fixed height (in axes fractions)."""
    if len(title) > MAX_TITLE:
        title = title[: MAX_TITLE - 1] + "…"
    if title:
        # An explicit y spares matplotlib measuring the axis to place the title (a fifth of a draw).
        # parse_math off: a user's title is text; `$5 and $10` would otherwise be read as TeX.
        ax.set_title(title, fontproperties=chart_font(12), loc="left", y=y, parse_math=False)


def _plain_frame(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _progress_axes(ax: Axes, unit: str, top: float | None, ylabel: str) -> None:
    # matplotlib.dates has no annotations for these two.
    locator = AutoDateLocator(maxticks=8)  # type: ignore[no-untyped-call]
    formatter = ConciseDateFormatter(  # type: ignore[no-untyped-call]
        locator,
        formats=DATE_FORMATS,
        zero_formats=DATE_ZERO_FORMATS,
        offset_formats=DATE_OFFSET_FORMATS,
    )
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(formatter)
    if unit == "percent":
        ax.yaxis.set_major_formatter(PercentFormatter(decimals=0))
    else:
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0, (top or ax.get_ylim()[1]) * 1.05)
    if ylabel:
        ax.set_ylabel(ylabel, fontproperties=chart_font(10))
    _plain_frame(ax)
    ax.grid(color=GRID_COLOUR, linewidth=0.6)
    ax.set_axisbelow(True)


def _plot_target(
    ax: Axes, day: np.datetime64, value: float, target: tuple[date, float]
) -> np.datetime64:
    """The dashed path from the latest update to the target; returns the target's day."""
    target_day = np.datetime64(target[0], "D")
    path = np.array([day, target_day])
    ax.plot(path, [value, target[1]], color=TARGET_COLOUR, linestyle="--")
    ax.plot(path[1:], [target[1]], color=TARGET_COLOUR, marker="D", markersize=5)
    return target_day


def _date_span(ax: Axes, first: np.datetime64, last: np.datetime64) -> None:
    """Widen a span of less than a week: the date locator finds no ticks for a single day."""
    pad = np.timedelta64(3, "D")
    if last - first < np.timedelta64(7, "D"):
        # The stubs say float, but set_xlim converts dates through the axis' units as plot() does.
        ax.set_xlim(first - pad, last + pad)  # type: ignore[arg-type]


def _heat_levels(grid: np.ndarray) -> np.ndarray:
    """0 for no entries, else 1 to 4 by the day's share of the busiest day."""
    busiest = np.nanmax(grid) if not np.all(np.isnan(grid)) else 0.0
    if busiest <= 0:
        return np.where(np.isnan(grid), np.nan, 0.0)
    with np.errstate(invalid="ignore"):
        levels = np.ceil(grid / busiest * 4)
    return np.clip(levels, 0, 4)


def _heatmap_axes(
    ax: Axes,
    first_monday: date,
    weeks: int,
    start: date,
    *,
    month_labels: Sequence[str],
    weekday_labels: Sequence[str],
) -> None:
    ax.set_aspect("equal")
    ax.invert_yaxis()  # Monday on top, as a calendar reads
    ax.set_yticks(
        [row + 0.5 for row in range(7)], list(weekday_labels), fontproperties=chart_font(7)
    )
    ticks, names = _month_ticks(first_monday, weeks, start, month_labels)
    ax.set_xticks(ticks, names, fontproperties=chart_font(7))
    ax.xaxis.tick_top()
    ax.tick_params(length=0, pad=2)
    for spine in ax.spines.values():
        spine.set_visible(False)


def _month_ticks(
    first_monday: date, weeks: int, start: date, month_labels: Sequence[str]
) -> tuple[list[float], list[str]]:
    """A label over the week column where each month that begins inside the year shown starts."""
    ticks: list[float] = []
    names: list[str] = []
    month = start if start.day == 1 else _next_month(start)
    # The last month's label needs room for its text: one squeezed against the edge is left out.
    while (column := (month - first_monday).days // 7) <= weeks - 2:
        ticks.append(column + 0.5)
        names.append(month_labels[month.month - 1])
        month = _next_month(month)
    return ticks, names


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)
