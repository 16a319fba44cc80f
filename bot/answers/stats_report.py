"""/stats as HTML text and a heatmap PNG in the user's language."""

from __future__ import annotations

from bot.answers.stats import Stats
from bot.i18n import Html, t
from bot.models import Language
from bot.telegram.day_listing import format_day

BAR_WIDTH = 12


def render_stats(language: Language, stats: Stats) -> Html:
    """Totals, streaks, a text bar per week, and the busiest items."""
    lines = [
        t(
            language,
            "stats.header",
            entries=stats.entries,
            days=stats.active_days,
            first=format_day(language, stats.first_day),
        ),
        t(language, "stats.streak", current=stats.streak.current, longest=stats.streak.longest),
        "",
        t(language, "stats.weeks"),
    ]
    top = max(stats.per_week, default=0) or 1
    for start, count in zip(stats.week_starts, stats.per_week, strict=True):
        bar = "▇" * round(count / top * BAR_WIDTH) if count else "·"
        lines.append(t(language, "stats.week_line", label=f"{start:%m-%d}", bar=bar, count=count))
    if stats.busiest:
        lines.extend(["", t(language, "stats.busiest")])
        lines.extend(
            t(language, "stats.busiest_line", item=item, count=count)
            for item, count in stats.busiest
        )
    return Html("\n".join(lines))


def stats_heatmap(language: Language, stats: Stats) -> bytes:
    """A year of days as a contribution-style grid, labelled in the user's language."""
    # matplotlib costs about a second and 50 MB to load: only the first chart pays for it.
    from bot.progress.charts import heatmap_chart  # noqa: PLC0415

    return heatmap_chart(
        stats.per_day,
        stats.today,
        t(language, "stats.heatmap_title"),
        month_labels=t(language, "chart.months").split(" "),
        weekday_labels=t(language, "chart.weekdays").split(","),
    )
