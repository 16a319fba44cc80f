"""The answers of /import and /export as HTML: the import preview and the export's caption."""

from __future__ import annotations

from bot.i18n import Html, t
from bot.models import Language
from bot.telegram.day_listing import format_day
from bot.transfer.exporting import Exported
from bot.transfer.importing import ImportOutcome, ImportPlan

# The preview lists this many unreadable headings; the rest are counted.
SHOWN_HEADINGS = 10


def render_preview(
    language: Language, name: str, plan: ImportPlan, *, missing_files: int = 0
) -> Html:
    """What the import would do, with the headings it had to leave out (and, for a zip made by
    /export zip, the files it lacks or holds damaged: `missing_files`)."""
    lines = [
        t(
            language,
            "import.preview",
            file=name,
            format=t(language, f"import.format.{plan.format}"),
            days=plan.days,
            first=format_day(language, plan.first),
            last=format_day(language, plan.last),
            entries=plan.entries,
            new=len(plan.new),
            present=plan.present,
            progress=plan.progress_updates,
        )
    ]
    zip_files = sum(len(linked) for linked in plan.files)
    if zip_files:
        lines.append(t(language, "import.zip_files", count=zip_files))
    if missing_files:
        lines.append(t(language, "import.files_missing", count=missing_files))
    lines.extend(_slips(language, plan))
    if plan.unreadable_headings:
        lines.append(t(language, "import.unreadable"))
        for line, heading in plan.unreadable_headings[:SHOWN_HEADINGS]:
            lines.append(t(language, "import.unreadable_line", line=line, heading=heading[:80]))
        hidden = len(plan.unreadable_headings) - SHOWN_HEADINGS
        if hidden > 0:
            lines.append(t(language, "import.unreadable_more", count=hidden))
    if plan.out_of_range:
        lines.append(t(language, "import.out_of_range"))
        for line, heading in plan.out_of_range[:SHOWN_HEADINGS]:
            lines.append(t(language, "import.unreadable_line", line=line, heading=heading[:80]))
        hidden = len(plan.out_of_range) - SHOWN_HEADINGS
        if hidden > 0:
            lines.append(t(language, "import.unreadable_more", count=hidden))
    lines.extend(_left_out(language, plan))
    return Html("\n".join(lines))


def render_import_done(
    language: Language, outcome: ImportOutcome, *, quota_bytes: int | None = None
) -> Html:
    """What an import added; from a zip, the files it restored and those it left out."""
    lines = [t(language, "import.done", added=outcome.added, present=outcome.present)]
    if outcome.files:
        lines.append(t(language, "import.files_kept", count=outcome.files))
    if outcome.files_missing:
        lines.append(t(language, "import.files_missing", count=outcome.files_missing))
    if outcome.files_over_quota:
        quota = f"{(quota_bytes or 0) / 1024 / 1024:g}"
        lines.append(
            t(language, "import.files_over_quota", count=outcome.files_over_quota, quota=quota)
        )
    return Html("\n".join(lines))


def _slips(language: Language, plan: ImportPlan) -> list[Html]:
    """Headings read past an author's slip, and numbered days nothing dates."""
    lines: list[Html] = []
    if plan.flagged:
        lines.append(t(language, "import.flagged"))
        for flag in plan.flagged[:SHOWN_HEADINGS]:
            key = f"import.flagged.{flag.problem}"
            lines.append(t(language, key, line=flag.line, heading=flag.heading[:80]))
    for days in plan.undated:
        lines.append(
            t(
                language,
                "import.undated",
                title=f"{days.title} " if days.title else "",
                first=days.first_number,
                last=days.last_number,
                first_line=days.first_line,
                last_line=days.last_line,
            )
        )
    return lines


def _left_out(language: Language, plan: ImportPlan) -> list[Html]:
    """Every line no entry holds, by line number, so nothing disappears unsaid."""
    lines: list[Html] = []
    for part in plan.left_out[:SHOWN_HEADINGS]:
        if part.skipped:
            ranges = line_ranges(part.skipped)
            if part.file:
                lines.append(t(language, "import.left_out_in", file=part.file, lines=ranges))
            else:
                lines.append(t(language, "import.left_out", lines=ranges))
    dropped = [line for part in plan.left_out for line in part.dropped]
    if dropped:
        ranges = line_ranges(dropped) if len(plan.left_out) == 1 else "…"
        lines.append(t(language, "import.decoration", count=len(dropped), lines=ranges))
    if plan.files_left_out:
        names = ", ".join(name for name, _ in plan.files_left_out[:SHOWN_HEADINGS])
        more = "…" if len(plan.files_left_out) > SHOWN_HEADINGS else ""
        lines.append(t(language, "import.files_left_out", files=names + more))
    return lines


def line_ranges(numbers: list[int], shown: int = 12) -> str:
    """`1–5, 9, 12–20`: line numbers as runs, the first `shown` runs and `…` after them."""
    runs: list[tuple[int, int]] = []
    for number in sorted(numbers):
        if runs and number <= runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], max(number, runs[-1][1]))
        else:
            runs.append((number, number))
    text = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs[:shown])
    return text + (", …" if len(runs) > shown else "")


def export_caption(language: Language, exported: Exported) -> Html:
    """What the exported file holds: its entries and the days they span."""
    return t(
        language,
        "export.caption",
        count=exported.count,
        first=format_day(language, exported.first),
        last=format_day(language, exported.last),
    )
