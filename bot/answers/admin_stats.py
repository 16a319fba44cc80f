"""The /admin_stats answer: the database's figures, uptime and version, in the admin's language."""

from __future__ import annotations

from datetime import timedelta

from bot.i18n import Html, t
from bot.models import Language
from bot.store.accounts import DatabaseStats


def render_stats(
    language: Language,
    stats: DatabaseStats,
    *,
    uptime: timedelta,
    version: str,
    media_bytes: int = 0,
    transcriptions_waiting: int = 0,
) -> Html:
    """Users, entries, database size (with the schema version), media files and the
    transcription queue, uptime and version."""
    return t(
        language,
        "admin.stats",
        version=version,
        users=stats.users,
        entries=stats.entries,
        size=format_size(stats.size_bytes),
        schema=stats.schema_version,
        media=format_size(media_bytes),
        waiting=transcriptions_waiting,
        uptime=format_uptime(language, uptime),
    )


def format_size(size_bytes: int) -> str:
    """Bytes as people read them: 812 B, 4.0 KiB, 12.3 MiB."""
    size = float(size_bytes)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")  # pragma: no cover


def format_uptime(language: Language, uptime: timedelta) -> Html:
    """Days, hours and minutes since the bot started."""
    minutes = max(int(uptime.total_seconds()) // 60, 0)
    return t(
        language,
        "admin.uptime",
        days=minutes // (24 * 60),
        hours=minutes // 60 % 24,
        minutes=minutes % 60,
    )
