"""Admin alerts about failed handlers: what failed, never what the user wrote, once a minute."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

ALERT_INTERVAL = timedelta(minutes=1)
MESSAGE_LIMIT = 300


@dataclass(frozen=True)
class Failure:
    """A handler's failure as an admin sees it."""

    kind: str
    message: str


class AlertThrottle:
    """At most one alert per kind of error per interval; later ones in the interval are dropped."""

    def __init__(self, interval: timedelta = ALERT_INTERVAL) -> None:
        self._interval = interval
        self._last_sent: dict[str, datetime] = {}

    def allow(self, kind: str, now: datetime) -> bool:
        """Whether an alert of this kind may go out now (and, if so, record that it did)."""
        last = self._last_sent.get(kind)
        if last is not None and now - last < self._interval:
            return False
        self._last_sent[kind] = now
        return True


def describe_failure(
    error: BaseException, *, secrets: Iterable[str], user_texts: Iterable[str]
) -> Failure:
    """The error's type and message, with secrets and the user's own text cut out."""
    kind = type(error).__name__
    message = str(error)
    # An exception may quote its input (a ValueError about a date, an SQL error about a value):
    # whatever the user sent is replaced, and so is every secret (httpx errors carry the URL).
    hidden = [(text, "<user text>") for text in user_texts if text]
    hidden += [(secret, "<redacted>") for secret in secrets if secret]
    for text, placeholder in sorted(hidden, key=lambda pair: -len(pair[0])):
        message = message.replace(text, placeholder)
    if len(message) > MESSAGE_LIMIT:
        message = message[: MESSAGE_LIMIT - 1] + "…"
    return Failure(kind, message)
