"""Days and entries as HTML pieces: a day as users read it, an entry in the shape written."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.i18n import Html, escape, t
from bot.models import Entry, Language


def format_day(language: Language, day: date) -> Html:
    """A day as users read it: `Mon 2023-01-02` / `2023-01-02（周一）`."""
    weekday = t(language, f"weekday.{day.weekday()}")
    return t(language, "day.format", date=day.isoformat(), weekday=weekday)


def render_entry(entry: Entry, marks: Sequence[str] = ()) -> Html:
    """One entry's text, escaped; a single line gets a bullet if it has none. Its media's
    marks (`📷 2`, `🎤 0:23`) follow, unless the text is just those marks."""
    text = entry.text.rstrip()
    if "\n" not in text and not text.lstrip().startswith(("-", "*", "•")):
        text = f"• {text}"
    shown = " ".join(marks)
    if shown and entry.text.strip() != shown:
        text = f"{text} · {shown}"
    return escape(text)
