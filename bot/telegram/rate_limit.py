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
# Bulk sends start at an even pace, `per_second` a window, in runs of at most this share of
# them back to back (a run makes up for a late wake-up of the event loop; at least two).
# Started all at once, a window's sends would finish at once and free their slots at once a
# window later: the burst would repeat every second, and a reply written just after one
# would wait most of a second for a slot.
BULK_RUN_SHARE = 0.02
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
      `per_second` sends in flight or finished within the last `window` seconds. Waiters are
      served in order (asyncio.Lock is fair), so 10,000 check-ins due in one minute go out
      steadily at the limit, all of it when no reply is waiting.
    - A send counts from when it starts until `window` after its answer came back. Telegram
      counted it at some moment in between, so however the network delays requests, no
      second on Telegram's clock sees more than `per_second` of them. (Counting from the
      start instead lets a burst whose requests arrive late collide with the next second's.)
    - Every other request (replies, answers to buttons, edits) goes out at once, unless bulk
      sends fill the window: then a reply that Telegram counts takes the next slot that
      frees, before any bulk send waiting for it (a wait of one slot: 1 ms at 1,000/s, 33 ms
      at 30/s). Bulk sends use the whole rate, yet a reply is neither refused with a 429 nor
      queued behind them. Replies alone are not held to the window (a reply bot is limited
      by Telegram's answers, not by a guess of ours).
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
        run_share: float = BULK_RUN_SHARE,
    ) -> None:
        self._per_second = per_second
        self._window = window
        self._max_retries = max_retries
        self._transient_pauses = transient_pauses
        # Sends in the window: in flight, and finished (when, and whether bulk) not long ago.
        self._in_flight = 0
        self._bulk_in_flight = 0
        self._finished: deque[tuple[float, bool]] = deque()
        self._bulk_finished = 0
        # Replies waiting for a slot: while there are any, bulk sends take none.
        self._replies_waiting = 0
        # The pace of bulk sends: when the next may start, and how far behind it may catch up.
        self._interval = window / per_second
        self._catch_up = (max(2, round(per_second * run_share)) - 1) * self._interval
        self._next_bulk = 0.0
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
        bulk = rate_limit_args is Send.BULK
        counted = bulk or _counted(endpoint)
        for attempt in range(self._max_retries + 1):
            if bulk:
                await self._take_bulk_slot()
            elif counted:
                await self._take_reply_slot()
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
                    self._release(bulk=bulk, counted_by_telegram=not refused)
            await asyncio.sleep(delay)
        raise AssertionError("the loop returns or raises")

    async def _take_bulk_slot(self) -> None:
        """Wait for the pace, a slot in the window and no reply waiting (and a pause); claim it."""
        async with self._turn:
            while True:
                now = time.monotonic()
                start = max(self._paused_until, self._next_bulk)
                if now < start:
                    await asyncio.sleep(start - now)
                    continue
                if not self._replies_waiting and self._used(now) < self._per_second:
                    self._in_flight += 1
                    self._bulk_in_flight += 1
                    self._next_bulk = max(self._next_bulk, now - self._catch_up) + self._interval
                    return
                await self._wait_for_a_slot(now)

    async def _take_reply_slot(self) -> None:
        """Claim a slot at once, or, if bulk sends fill the window, the next one that frees."""
        now = time.monotonic()
        if self._used(now) >= self._per_second and self._bulk_in_window():
            self._replies_waiting += 1
            try:
                while self._used(now) >= self._per_second and self._bulk_in_window():
                    await self._wait_for_a_slot(now)
                    now = time.monotonic()
            finally:
                self._replies_waiting -= 1
                # The bulk sends held back for this reply may go on (or on without it).
                self._freed.set()
        self._in_flight += 1

    async def _wait_for_a_slot(self, now: float) -> None:
        """Wake when the oldest finished send leaves the window, or a send finishes."""
        self._freed.clear()
        timeout = self._finished[0][0] + self._window - now if self._finished else None
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._freed.wait(), timeout)

    def _used(self, now: float) -> int:
        """Slots taken: sends in flight and those finished within the window before `now`."""
        cutoff = now - self._window
        while self._finished and self._finished[0][0] <= cutoff:
            _, was_bulk = self._finished.popleft()
            self._bulk_finished -= was_bulk
        return self._in_flight + len(self._finished)

    def _bulk_in_window(self) -> bool:
        return bool(self._bulk_in_flight or self._bulk_finished)

    def _release(self, *, bulk: bool, counted_by_telegram: bool) -> None:
        self._in_flight -= 1
        self._bulk_in_flight -= bulk
        if counted_by_telegram:
            self._finished.append((time.monotonic(), bulk))
            self._bulk_finished += bulk
        self._freed.set()
