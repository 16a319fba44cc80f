"""The chat's HTML answers as plain terminal text: the same renderers, tags stripped."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

_TAG = re.compile(r"<[^>]+>")


def to_plain(text: str) -> str:
    """Drop the tags and decode the entities of one HTML answer, as Telegram would show it."""
    return html.unescape(_TAG.sub("", text))


def join_plain(parts: Iterable[str]) -> str:
    """Several HTML parts (a heading, entries) as one plain text, one part per line."""
    return "\n".join(to_plain(part) for part in parts)
