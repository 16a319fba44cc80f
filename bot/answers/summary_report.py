"""Summaries as HTML parts: an optional digest, then each day (newest first) in the log's shape."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, tzinfo
from itertools import groupby

from bot.answers.summaries import DayProgress, Summary
from bot.checkin.review import CheckinRecord
from bot.i18n import Html, t
from bot.models import Entry, Frozen, Language, ProgressPoint
from bot.progress.pace import format_number, format_quantity, progress_series
from bot.telegram.day_listing import format_day, render_entry, with_origin


class ItemMove(Frozen):
    """How far one item moved in a span, in its own unit; `start` is None with one update."""

    item: str
    start: str | None
    end: str
    delta: str | None
    finished: bool


def render_summary(
    language: Language, summary: Summary, *, digest: bool, zone: tzinfo
) -> list[Html]:
    """The parts of the answer; a split keeps every part (an entry, a heading) whole. `zone`
    is the user's: a forward's first day is shown on their clock."""
    parts: list[Html] = render_digest(language, summary) if digest else []
    if not summary.entries and not summary.checkins:
        if summary.first == summary.last:
            return [*parts, t(language, "today.empty", day=format_day(language, summary.first))]
        return [*parts, t(language, "summary.empty", **_span(language, summary))]
    progress_by_day = defaultdict(list)
    for item in summary.progress:
        progress_by_day[item.day].append(item)
    checkin_by_day = {record.day: record for record in summary.checkins}
    entries_by_day = {
        day: list(group) for day, group in groupby(summary.entries, key=lambda entry: entry.day)
    }
    for day in sorted(entries_by_day.keys() | checkin_by_day.keys(), reverse=True):
        parts.extend(
            render_day_parts(
                language,
                day,
                entries_by_day.get(day, []),
                progress_by_day.get(day, []),
                checkin_by_day.get(day),
                marks=summary.marks,
                zone=zone,
            )
        )
    return parts


def render_day_parts(
    language: Language,
    day: date,
    entries: Sequence[Entry],
    progress: Sequence[DayProgress],
    checkin: CheckinRecord | None,
    *,
    marks: Mapping[int, Sequence[str]] | None = None,
    zone: tzinfo,
) -> list[Html]:
    """One day: heading, entries as written (with their media's marks and, for a forward,
    where it came from), then its progress and check-in lines."""
    parts = [t(language, "today.header", day=format_day(language, day), count=len(entries))]
    parts.extend(
        with_origin(render_entry(entry, (marks or {}).get(entry.id, ())), entry, language, zone)
        for entry in entries
    )
    if progress:
        items = " · ".join(_progress_text(language, item) for item in progress)
        parts.append(t(language, "summary.progress", items=items))
    if checkin is not None:
        parts.append(_checkin_line(language, checkin))
    return parts


def render_digest(language: Language, summary: Summary) -> list[Html]:
    """The short digest that opens /week and /month."""
    logged_days = len({entry.day for entry in summary.entries})
    span_days = (min(summary.last, summary.today) - summary.first).days + 1
    lines = [
        t(language, "digest.title", **_span(language, summary)),
        t(
            language,
            "digest.days",
            days=logged_days,
            span=max(span_days, 0),
            entries=len(summary.entries),
        ),
    ]
    if summary.streak is not None:
        lines.append(
            t(
                language,
                "digest.streak",
                current=summary.streak.current,
                longest=summary.streak.longest,
            )
        )
    for move in moved_items(summary.progress, summary.baseline):
        if move.finished:
            lines.append(t(language, "digest.finished", item=move.item, end=move.end))
        elif move.start is None:
            lines.append(t(language, "digest.now_at", item=move.item, end=move.end))
        else:
            lines.append(
                t(
                    language,
                    "digest.moved",
                    item=move.item,
                    start=move.start,
                    end=move.end,
                    delta=move.delta or "",
                )
            )
    if summary.checkins:
        lines.append(_checkin_digest(language, summary.checkins, max(span_days, 0)))
    return [Html("\n".join(lines))]


def moved_items(
    progress: Sequence[DayProgress], baseline: dict[str, ProgressPoint]
) -> list[ItemMove]:
    """Each item updated in the span, in the order first updated, with how far it moved."""
    by_key: dict[str, list[DayProgress]] = {}
    for item in progress:
        by_key.setdefault(item.update.key, []).append(item)
    moves = []
    for key, items in by_key.items():
        points = [ProgressPoint.from_update(item.update, item.day) for item in items]
        before = baseline.get(key)
        series = progress_series([before, *points] if before else points)
        finished = any(item.update.completed for item in items) or _reached_total(
            series.values, series.total
        )
        end = format_quantity(series.values[-1], series.total, series.unit) if series.values else ""
        start, delta = None, None
        if len(series.values) >= 2:
            start = format_quantity(series.values[0], series.total, series.unit)
            change = series.values[-1] - series.values[0]
            sign = "+" if change >= 0 else "−"
            suffix = "%" if series.unit == "percent" else ""
            delta = f"{sign}{format_number(abs(change))}{suffix}"
        moves.append(
            ItemMove(
                item=items[-1].update.item, start=start, end=end, delta=delta, finished=finished
            )
        )
    return moves


def _reached_total(values: Sequence[float], total: float | None) -> bool:
    return bool(values) and total is not None and values[-1] >= total


def _progress_text(language: Language, item: DayProgress) -> str:
    update = item.update
    quantity: str = format_quantity(update.value, update.total, update.unit)
    if update.value is not None and update.total is None and update.unit != "percent":
        # A count without a total says where, in words: `第 19 章`, `chapter 19`.
        quantity = t(language, f"progress.count.{update.unit}", n=quantity)
    elif update.value is None and update.total is not None:
        quantity = "📏 " + t(language, f"progress.unit.{update.unit}", n=quantity.lstrip("?/"))
    parts = [update.item, quantity, "✓" if update.completed else ""]
    return " ".join(part for part in parts if part)


def _checkin_line(language: Language, record: CheckinRecord) -> Html:
    states = [*record.healthy_states, *(f"✗ {state}" for state in record.off_states)]
    return t(
        language,
        "summary.checkin",
        status=t(language, f"checkin_status.{record.status}"),
        states=" · ".join(states),
    )


def _checkin_digest(language: Language, records: Sequence[CheckinRecord], days: int) -> Html:
    done = sum(1 for record in records if record.status == "done")
    states: Counter[str] = Counter()
    for record in records:
        states.update(record.healthy_states)
        states.update(f"✗ {state}" for state in record.off_states)
    counted = " · ".join(f"{state} ×{count}" for state, count in states.most_common())
    return t(language, "digest.checkins", done=done, days=days, states=counted)


def _span(language: Language, summary: Summary) -> dict[str, Html]:
    return {
        "first": format_day(language, summary.first),
        "last": format_day(language, summary.last),
    }
