"""Fitting HTML answers into Telegram messages: visible length and splitting at boundaries."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from bot.i18n import Html

MESSAGE_LIMIT = 4096
_TAG = re.compile(r"<[^>]*>")


def visible_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units of the text after HTML parsing."""
    plain = html.unescape(_TAG.sub("", text))
    return len(plain.encode("utf-16-le")) // 2


def split_into_messages(parts: Sequence[Html], limit: int = MESSAGE_LIMIT) -> list[Html]:
    """Join parts (entries, headings) with newlines into as few messages as fit.

    A part is never split unless it alone is over the limit; then it is cut at line ends,
    and a line over the limit at character boundaries, so nothing is lost.
    """
    messages: list[Html] = []
    current: list[str] = []
    size = 0
    for part in parts:
        for piece in _fit(part, limit):
            added = visible_length(piece) + (1 if current else 0)
            if current and size + added > limit:
                messages.append(Html("\n".join(current)))
                current, size = [], 0
                added = visible_length(piece)
            current.append(piece)
            size += added
    if current:
        messages.append(Html("\n".join(current)))
    return messages


def _fit(part: str, limit: int) -> list[str]:
    if visible_length(part) <= limit:
        return [part]
    pieces: list[str] = []
    for line in part.split("\n"):
        if visible_length(line) <= limit:
            pieces.append(line)
        else:
            pieces.extend(_cut_line(line, limit))
    return pieces


def _cut_line(line: str, limit: int) -> list[str]:
    """Cut an over-long line without breaking an HTML entity or tag."""
    tokens = re.findall(r"<[^>]*>|&[#\w]+;|[\s\S]", line)
    pieces, current, size = [], "", 0
    for token in tokens:
        width = visible_length(token)
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += token
        size += width
    pieces.append(current)
    return pieces
