"""The date forms one command took and another refused are read alike by /target and /pause."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from fakebotapi import FakeUser
from tests.conftest import BotHarness

ALICE = FakeUser(101, "Alice", "en")
WEDNESDAY = datetime(2023, 1, 4, 12, 0, tzinfo=UTC)


async def command(harness: BotHarness, text: str) -> str:
    await harness.feed(harness.api.command_update(ALICE, text, date=WEDNESDAY))
    return harness.last_reply(ALICE.id)


@pytest.mark.parametrize(
    ("when", "day"),
    [
        ("3/1", date(2023, 3, 1)),  # refused by /target before, taken by /pause
        ("2023年3月1日", date(2023, 3, 1)),  # refused by /pause before, taken by /target
        ("下周五", date(2023, 1, 13)),  # /day only, before
        ("next friday", date(2023, 1, 6)),  # /day only, before
    ],
)
async def test_target_and_pause_read_the_same_dates(
    harness: BotHarness, when: str, day: date
) -> None:
    await harness.feed(harness.api.text_update(ALICE, "Dune - 10/41", date=WEDNESDAY))
    assert "Target for Dune" in await command(harness, f"/target Dune {when}")
    item = next(i for i in await harness.store.progress.items(ALICE.id) if i.title == "Dune")
    assert item.target == day
    assert day.isoformat() in await command(harness, f"/pause {when}")
    prefs = await harness.store.checkins.prefs(ALICE.id)
    assert prefs.paused_until == day


async def test_a_phrase_read_by_dateparser_counts_from_the_users_day(harness: BotHarness) -> None:
    """At noon in Kiritimati (UTC+14) it is still the day before in UTC: `a week ago` and
    `3 hours ago` (read by dateparser from noon of the user's day) count from the user's day."""
    await harness.feed(harness.api.command_update(ALICE, "/timezone Pacific/Kiritimati"))
    noon = datetime(2024, 3, 1, 22, 0, tzinfo=UTC)  # Sat 2024-03-02 12:00 in Kiritimati

    async def day(when: str) -> str:
        await harness.feed(harness.api.command_update(ALICE, f"/day {when}", date=noon))
        return harness.last_reply(ALICE.id)

    assert "2024-02-24" in await day("a week ago")
    assert "2024-03-02" in await day("3 hours ago")
