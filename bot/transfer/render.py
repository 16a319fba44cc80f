"""The answers of /import and /export as HTML: the import preview and the export's caption."""

from __future__ import annotations

from bot.i18n import Html, t
from bot.models import Language
from bot.telegram.day_listing import format_day
from bot.transfer.exporting import Exported
from bot.transfer.importing import ImportPlan

# The preview lists this many unreadable headings; the rest are counted.
SHOWN_HEADINGS = 10


def render_preview(language: Language, name: str, plan: ImportPlan) -> Html:
    """What the import would do, with the headings it had to leave out."""
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
    if plan.unreadable_headings:
        lines.append(t(language, "import.unreadable"))
        for line, heading in plan.unreadable_headings[:SHOWN_HEADINGS]:
            lines.append(t(language, "import.unreadable_line", line=line, heading=heading[:80]))
        hidden = len(plan.unreadable_headings) - SHOWN_HEADINGS
        if hidden > 0:
            lines.append(t(language, "import.unreadable_more", count=hidden))
    return Html("\n".join(lines))


def export_caption(language: Language, exported: Exported) -> Html:
    """What the exported file holds: its entries and the days they span."""
    return t(
        language,
        "export.caption",
        count=exported.count,
        first=format_day(language, exported.first),
        last=format_day(language, exported.last),
    )
