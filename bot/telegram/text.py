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


# One token of an HTML reply: a tag (its name captured, `/` for a closing one), an entity, or
# one character. Telegram's HTML has no self-closing tags, so every opened tag is closed.
_HTML_TOKEN = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^>]*>|&#?\w+;|[\s\S]")


def split_html(text: str, limit: int = MESSAGE_LIMIT, *, markup: bool = True) -> list[str]:
    """Cut one reply into messages of at most `limit` visible characters each.

    Cuts fall at the last line end that fits, else between characters, never inside a tag or
    an entity; a tag open at a cut is closed before it and opened again after it, so each
    message is valid HTML on its own. `markup=False` reads the text as plain (no tags).
    """
    if _width(text, markup) <= limit:
        return [text]
    messages: list[str] = []
    open_tags: list[tuple[str, str]] = []  # (name, the opening tag as written)
    current: list[str] = []
    size = 0
    # Where the last line end of the current message is: index in `current`, size before it,
    # and the tags open there.
    line_end: tuple[int, int, list[tuple[str, str]]] | None = None

    def close(tags: list[tuple[str, str]]) -> str:
        return "".join(f"</{name}>" for name, _ in reversed(tags))

    def reopen(tags: list[tuple[str, str]]) -> list[str]:
        return [opening for _, opening in tags]

    tokens = _HTML_TOKEN.finditer(text) if markup else iter(re.finditer(r"[\s\S]", text))
    for match in tokens:
        piece = match[0]
        if markup and match.lastindex:  # a tag: no width, changes what is open
            if match[1]:
                for index in range(len(open_tags) - 1, -1, -1):
                    if open_tags[index][0] == match[2].lower():
                        del open_tags[index]
                        break
            else:
                open_tags.append((match[2].lower(), piece))
            current.append(piece)
            continue
        width = len(piece.encode("utf-16-le")) // 2 if piece[0] != "&" else 1
        if size + width > limit and line_end is not None and line_end[1] > 0:
            cut, before, tags = line_end
            messages.append("".join(current[:cut]) + close(tags))
            current = reopen(tags) + current[cut + 1 :]
            size, line_end = size - before - 1, None
        if size + width > limit:
            messages.append("".join(current) + close(open_tags))
            current, size, line_end = reopen(open_tags), 0, None
        if piece == "\n":
            line_end = (len(current), size, list(open_tags))
        current.append(piece)
        size += width
    messages.append("".join(current))
    return [message for message in messages if _width(message, markup) > 0]


def shorten_html(text: str, limit: int, *, markup: bool = True) -> str:
    """The start of `text` that fits `limit` visible characters, marked with `…` if cut."""
    if _width(text, markup) <= limit:
        return text
    return split_html(text, limit - 2, markup=markup)[0] + "\n…"


def _width(text: str, markup: bool) -> int:
    return visible_length(text) if markup else len(text.encode("utf-16-le")) // 2
