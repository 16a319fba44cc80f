"""What Telegram sends, made safe to keep: no lone surrogate reaches the store or a reply.

JSON may carry half of a UTF-16 pair (`"\\ud83d"` alone), and Python reads it into a string
that SQLite and UTF-8 cannot hold: the entry would fail to store. Each one is replaced by
U+FFFD (the replacement character) as the update is read, for polling and the webhook alike, so
the message is stored with a visible mark where the broken character was.
"""

from __future__ import annotations

from typing import Any


def without_lone_surrogates(value: Any) -> Any:
    """`value` (parsed JSON) with every lone surrogate in its strings replaced by U+FFFD."""
    if isinstance(value, str):
        return value if _encodable(value) else _repaired(value)
    if isinstance(value, dict):
        return {key: without_lone_surrogates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [without_lone_surrogates(item) for item in value]
    return value


def _encodable(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _repaired(text: str) -> str:
    # Through UTF-16 with surrogatepass, a high and low half side by side become their
    # character again; only a half without its partner turns into U+FFFD.
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
