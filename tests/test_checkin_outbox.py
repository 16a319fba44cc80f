"""The outbox's workers: enough to keep the broadcast rate flowing over Telegram's round trip."""

from __future__ import annotations

from bot.checkin.outbox import ROUND_TRIP_SECONDS, WORKERS, workers_for
from bot.telegram.transport import CONNECTION_POOL_SIZE


def test_workers_cover_the_sends_in_flight_at_the_rate() -> None:
    assert workers_for(30) == WORKERS
    # A paid rate of 1,000 a second keeps 100 sends in flight over a 0.1 s round trip.
    assert workers_for(1000) >= 1000 * ROUND_TRIP_SECONDS > WORKERS
    # Bulk sends never take every connection: replies keep some.
    assert workers_for(1000) < CONNECTION_POOL_SIZE
