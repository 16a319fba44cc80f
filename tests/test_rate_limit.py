"""ReplyFirstRateLimiter: bulk sends are spaced, replies are not, and 429s are retried."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta
from typing import Any

import pytest
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

from bot.telegram.rate_limit import ReplyFirstRateLimiter, Send


class Recorder:
    """A stand-in for Bot._do_post that notes when each call was made."""

    def __init__(self, fail_first: int = 0) -> None:
        self.calls: list[float] = []
        self._fail_first = fail_first

    async def __call__(self, *args: Any, **kwargs: Any) -> bool:
        self.calls.append(time.monotonic())
        if len(self.calls) <= self._fail_first:
            raise RetryAfter(timedelta(seconds=0))
        return True


async def send(limiter: ReplyFirstRateLimiter, callback: Recorder, kind: Send | None) -> Any:
    return await limiter.process_request(callback, (), {}, "sendMessage", {}, kind)


async def test_bulk_sends_never_exceed_the_limit_in_any_window() -> None:
    limiter = ReplyFirstRateLimiter(5, window=0.05)
    callback = Recorder()
    await asyncio.gather(*(send(limiter, callback, Send.BULK) for _ in range(20)))
    calls = callback.calls
    assert len(calls) == 20
    # Any six consecutive sends span at least one window: never six in a window of five.
    assert all(calls[i + 5] - calls[i] >= 0.05 for i in range(len(calls) - 5))


async def test_replies_go_out_at_once_and_take_capacity_from_bulk_sends() -> None:
    limiter = ReplyFirstRateLimiter(5, window=60.0)
    callback = Recorder()
    # A window of a minute: five replies would wait for it if replies were limited. Not
    # timed: a few turns of the event loop are all ten may take.
    replies = [asyncio.ensure_future(send(limiter, callback, None)) for _ in range(10)]
    for _ in range(5):
        await asyncio.sleep(0)
    assert all(reply.done() for reply in replies)
    assert len(callback.calls) == 10
    bulk = asyncio.ensure_future(send(limiter, callback, Send.BULK))
    for _ in range(5):
        await asyncio.sleep(0)
    assert not bulk.done()  # the replies used the window's capacity
    bulk.cancel()


async def test_bulk_sends_start_at_an_even_pace_not_in_a_burst() -> None:
    limiter = ReplyFirstRateLimiter(10, window=0.5)
    callback = Recorder()
    await asyncio.gather(*(send(limiter, callback, Send.BULK) for _ in range(10)))
    calls = callback.calls
    # A window's worth due at once, yet not all in its first moment: after a run of two,
    # one every 0.05 s (a window over ten), so the slots come free evenly a window later.
    assert all(calls[i + 3] - calls[i] >= 0.1 for i in range(len(calls) - 3))


async def test_bulk_sends_use_the_whole_limit_while_no_reply_waits() -> None:
    limiter = ReplyFirstRateLimiter(30, window=60.0, run_share=1.0)
    callback = Recorder()
    bulk = [asyncio.ensure_future(send(limiter, callback, Send.BULK)) for _ in range(40)]
    for _ in range(10):
        await asyncio.sleep(0)
    assert len(callback.calls) == 30  # none of the window held back for replies
    # A user writes while check-ins fill the window: the reply waits for the next free slot
    # (here a minute away) rather than go over Telegram's limit and meet a 429.
    reply = asyncio.ensure_future(send(limiter, callback, None))
    for _ in range(10):
        await asyncio.sleep(0)
    assert not reply.done()
    assert len(callback.calls) == 30
    for task in [*bulk, reply]:
        task.cancel()


class Labelled:
    """A stand-in for Bot._do_post that notes the order of the sends by their labels."""

    def __init__(self) -> None:
        self.order: list[str] = []

    async def __call__(self, label: str) -> bool:
        self.order.append(label)
        return True


async def test_a_reply_takes_the_next_free_slot_before_waiting_bulk_sends() -> None:
    limiter = ReplyFirstRateLimiter(4, window=0.2, run_share=1.0)
    callback = Labelled()

    def post(label: str, kind: Send | None) -> asyncio.Future[Any]:
        return asyncio.ensure_future(
            limiter.process_request(callback, (label,), {}, "sendMessage", {}, kind)
        )

    sends = [post(f"bulk{n}", Send.BULK) for n in range(8)]
    for _ in range(10):
        await asyncio.sleep(0)
    assert callback.order == ["bulk0", "bulk1", "bulk2", "bulk3"]
    sends.append(post("reply", None))
    await asyncio.sleep(0)
    assert len(callback.order) == 4  # the window is full: the reply waits for a slot too
    await asyncio.gather(*sends)
    # Four check-ins wait for the window before it; the reply goes first all the same.
    assert callback.order[4] == "reply"
    assert callback.order[5:] == ["bulk4", "bulk5", "bulk6", "bulk7"]


async def test_retry_after_is_waited_out_and_retried() -> None:
    limiter = ReplyFirstRateLimiter(max_retries=3)
    callback = Recorder(fail_first=2)
    assert await send(limiter, callback, Send.BULK) is True
    assert len(callback.calls) == 3


async def test_retry_after_beyond_the_retries_reaches_the_caller() -> None:
    limiter = ReplyFirstRateLimiter(max_retries=1)
    callback = Recorder(fail_first=5)
    with pytest.raises(RetryAfter):
        await send(limiter, callback, None)
    assert len(callback.calls) == 2


class FailsOnTheWay:
    """A stand-in for Bot._do_post that fails with `error` a number of times, then sends."""

    def __init__(self, error: Exception, times: int) -> None:
        self.error, self.times, self.calls = error, times, 0

    async def __call__(self, *args: Any, **kwargs: Any) -> bool:
        self.calls += 1
        if self.calls <= self.times:
            raise self.error
        return True


async def test_a_send_that_failed_on_the_way_is_tried_again() -> None:
    limiter = ReplyFirstRateLimiter(transient_pauses=(0, 0, 0))
    callback = FailsOnTheWay(NetworkError("Bad Gateway (502)"), times=3)
    assert await limiter.process_request(callback, (), {}, "sendMessage", {}, None) is True
    assert callback.calls == 4


async def test_a_refused_send_or_one_failing_past_the_retries_reaches_the_caller() -> None:
    limiter = ReplyFirstRateLimiter(transient_pauses=(0, 0))
    refused = FailsOnTheWay(BadRequest("can't parse entities"), times=1)
    with pytest.raises(BadRequest):
        await limiter.process_request(refused, (), {}, "sendMessage", {}, None)
    assert refused.calls == 1  # Telegram said no: asking again gets the same answer
    broken = FailsOnTheWay(TimedOut(), times=5)
    with pytest.raises(TimedOut):
        await limiter.process_request(broken, (), {}, "sendMessage", {}, None)
    assert broken.calls == 3
