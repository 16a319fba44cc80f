"""Sending within Telegram's limit without slowing down replies: `ReplyFirstRateLimiter`."""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import time
from collections import deque
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import BaseRateLimiter
from typing_extensions import override

log = logging.getLogger(__name__)

# Telegram allows a bot about 30 messages a second across all chats.
MESSAGES_PER_SECOND = 30
# A send counts until a second after its answer (see the class); a little more than a second
# absorbs the difference between our clock and Telegram's.
WINDOW_SECONDS = 1.01
MAX_RETRIES = 5
# One send in this many of the limit is kept for replies (at least one a second).
REPLY_SHARE = 30
# A send that failed on the way (a 5xx, a reset connection, a timeout) is tried again after
# these pauses: the user's entry is stored, and one lost reply must not read as a lost entry.
TRANSIENT_PAUSES = (0.2, 0.5, 1.0)


class Send(enum.Enum):
    """`rate_limit_args` for a send the bot starts itself (a check-in, a reminder)."""

    BULK = "bulk"


def _counted(endpoint: str) -> bool:
    """Whether Telegram counts the call against the messages-per-second limit."""
    return endpoint.startswith(("send", "edit", "copy", "forward")) and endpoint != "sendChatAction"


def _seconds(retry_after: int | timedelta) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, timedelta) else retry_after


class ReplyFirstRateLimiter(BaseRateLimiter[Send]):
    """Throttle only what the bot sends on its own; retry every request told to wait (429).

    Why not AIORateLimiter as it is: it throttles every request to 30 a second, so replies to
    a user's own message would queue behind a burst of 10,000 check-ins, and a reply bot's
    throughput would be capped even when it sends nothing else. Here:

    - A request marked ``rate_limit_args=Send.BULK`` waits for a free slot: at most
      `per_second` sends in flight or finished within the last `window` seconds, less a
      share kept for replies (one in REPLY_SHARE, at least one). Waiters are
      served in order (asyncio.Lock is fair), so 10,000 check-ins due in one minute go out
      steadily at the limit.
    - A send counts from when it starts until `window` after its answer came back. Telegram
      counted it at some moment in between, so however the network delays requests, no
      second on Telegram's clock sees more than `per_second` of them. (Counting from the
      start instead lets a burst whose requests arrive late collide with the next second's.)
    - Every other request (replies, answers to buttons, edits) goes out at once; a reply that
      counts against Telegram's limit still takes its place in the window, so bulk sends yield
      the capacity to it instead of both running into a 429.
    - A `RetryAfter` from Telegram pauses bulk sends for the time it names and retries the
      request that got it, up to `max_retries` times; a reply retries after its own wait.
    - A failure on the way (a 5xx, a reset connection, a timeout: PTB's NetworkError, but not
      its BadRequest) is tried again after each of `transient_pauses`. A timed-out send may
      have arrived, so a reply may rarely come twice; that is better than a "Saved" lost.

    Other errors pass through untouched, as BaseRateLimiter requires: a blocked user
    (Forbidden) or a network failure that outlasts the retries is for the caller to handle.
    """

    def __init__(
        self,
        per_second: int = MESSAGES_PER_SECOND,
        *,
        window: float = WINDOW_SECONDS,
        max_retries: int = MAX_RETRIES,
        transient_pauses: tuple[float, ...] = TRANSIENT_PAUSES,
    ) -> None:
        self._per_second = per_second
        # Bulk sends leave this many of each second's sends to replies, so a reply written
        # while check-ins go out at the full rate is not refused with a 429 and retried.
        self._bulk_per_second = max(1, per_second - max(1, per_second // REPLY_SHARE))
        self._window = window
        self._max_retries = max_retries
        self._transient_pauses = transient_pauses
        self._in_flight = 0
        self._finished: deque[float] = deque()
        self._paused_until = 0.0
        self._turn = asyncio.Lock()
        self._freed = asyncio.Event()

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    @override
    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Send | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        """Send, waiting for a slot if the bot started the send; retry what may pass later."""
        for pause in self._transient_pauses:
            try:
                return await self._send(callback, args, kwargs, endpoint, rate_limit_args)
            except BadRequest:
                raise
            except NetworkError as error:
                log.warning("%s failed on the way (%s); trying again", endpoint, error.message)
            await asyncio.sleep(pause)
        return await self._send(callback, args, kwargs, endpoint, rate_limit_args)

    async def _send(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        rate_limit_args: Send | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        counted = rate_limit_args is Send.BULK or _counted(endpoint)
        for attempt in range(self._max_retries + 1):
            if rate_limit_args is Send.BULK:
                await self._take_slot()
            elif counted:
                self._in_flight += 1
            refused = False
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                # Telegram did not count a refused send, so it frees its slot at once.
                refused = True
                if attempt == self._max_retries:
                    raise
                delay = _seconds(error.retry_after)
                log.warning("%s told to wait %.0f s (attempt %d)", endpoint, delay, attempt + 1)
                self._paused_until = max(self._paused_until, time.monotonic() + delay)
            finally:
                if counted:
                    self._release(counted_by_telegram=not refused)
            await asyncio.sleep(delay)
        raise AssertionError("the loop returns or raises")

    async def _take_slot(self) -> None:
        """Wait until a send fits the window (and any pause is over), then claim it."""
        async with self._turn:
            while True:
                now = time.monotonic()
                if now < self._paused_until:
                    await asyncio.sleep(self._paused_until - now)
                    continue
                self._forget_before(now - self._window)
                if self._in_flight + len(self._finished) < self._bulk_per_second:
                    self._in_flight += 1
                    return
                # Wake when the oldest finished send leaves the window, or a send finishes.
                self._freed.clear()
                timeout = self._finished[0] + self._window - now if self._finished else None
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._freed.wait(), timeout)

    def _release(self, *, counted_by_telegram: bool) -> None:
        self._in_flight -= 1
        if counted_by_telegram:
            self._finished.append(time.monotonic())
        self._freed.set()

    def _forget_before(self, cutoff: float) -> None:
        while self._finished and self._finished[0] <= cutoff:
            self._finished.popleft()
