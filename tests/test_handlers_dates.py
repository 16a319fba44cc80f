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
