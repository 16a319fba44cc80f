"""Days and entries as HTML pieces: a day as users read it, an entry in the shape written."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, tzinfo

from bot.i18n import Html, escape, t
from bot.models import Entry, Forwarded, Language


def format_day(language: Language, day: date) -> Html:
    """A day as users read it: `Mon 2023-01-02` / `2023-01-02（周一）`."""
    weekday = t(language, f"weekday.{day.weekday()}")
    return t(language, "day.format", date=day.isoformat(), weekday=weekday)


def forwarded_line(language: Language, forwarded: Forwarded, zone: tzinfo) -> Html:
    """Where a forwarded entry came from: `↪️ from Go Weekly (Alice) · 2024-05-17`, the
    day it was first sent on the user's clock; names escaped."""
    day = forwarded.date.astimezone(zone).date().isoformat()
    if forwarded.signature:
        return t(
            language,
            "media.forwarded_signed",
            name=forwarded.name,
            signature=forwarded.signature,
            day=day,
        )
    return t(language, "media.forwarded", name=forwarded.name, day=day)


def with_origin(rendered: Html, entry: Entry, language: Language, zone: tzinfo) -> Html:
    """An entry as rendered, with the line saying where it came from when it is a forward."""
    if entry.forwarded is None:
        return rendered
    return Html(f"{rendered}\n{forwarded_line(language, entry.forwarded, zone)}")


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
