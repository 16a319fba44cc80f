"""CheckinStore against real SQLite: defaults, records, due times and claims, streak days."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from bot.checkin.models import UNPLANNED, CheckinPrefs, Due, Opening
from bot.store import Store

NOW = datetime(2024, 6, 3, 21, 30, tzinfo=UTC)


async def open_store(tmp_path: Path) -> Store:
    store = await Store.open(tmp_path / "daylog.sqlite3")
    await store.users.ensure(1, chat_id=1, language="zh", timezone="Asia/Shanghai", now=NOW)
    return store


async def test_a_user_who_set_nothing_has_the_defaults(tmp_path: Path) -> None:
    store = await open_store(tmp_path)
    user = await store.checkins.scheduled_user(1)
    assert user is not None
    assert (user.prefs.at, user.prefs.enabled, user.timezone) == (
        time(21, 30),
        True,
        "Asia/Shanghai",
    )
    assert user.prefs.states("zh").off[0] == "拖延"
    await store.checkins.save_prefs(CheckinPrefs(user_id=1, enabled=False), now=NOW)
    user = await store.checkins.scheduled_user(1)
    assert user is not None and not user.prefs.enabled
    await store.close()


async def test_a_day_is_started_once_and_the_awaited_answer_survives_reopening(
    tmp_path: Path,
) -> None:
    store = await open_store(tmp_path)
    new = Opening(
        user_id=1,
        day=date(2024, 6, 3),
        step="plan",
        review=False,
        workday=(time(10), time(19)),
        started_at=NOW,
        closes_at=NOW + timedelta(hours=7),
        remind_at=NOW + timedelta(hours=1),
        due_at=NOW,
    )
    first = await store.checkins.start(new, reopen=False)
    assert first is not None and first.workday == (time(10), time(19))
    assert await store.checkins.start(new, reopen=False) is None
    awaiting = await store.checkins.awaiting_answer(1, since=date(2024, 6, 1))
    assert awaiting is not None and awaiting.id == first.id
    # Only days from `since` are looked at: an open check-in is missed at its day's end.
    assert await store.checkins.awaiting_answer(1, since=date(2024, 6, 4)) is None
    assert await store.checkins.awaiting_answer(2, since=date(2024, 6, 1)) is None
    await store.close()
    reopened = await Store.open(tmp_path / "daylog.sqlite3")
    assert await reopened.checkins.awaiting_answer(1, since=date(2024, 6, 1)) == first
    assert await reopened.checkins.claim_due_nudges(NOW + timedelta(minutes=59)) == []
    (due,) = await reopened.checkins.claim_due_nudges(NOW + timedelta(minutes=61))
    assert due.id == first.id
    assert await reopened.checkins.claim_due_nudges(NOW + timedelta(minutes=62)) == []
    (ended,) = await reopened.checkins.close_ended(NOW + timedelta(hours=8))
    assert ended.status == "missed"
    assert await reopened.checkins.awaiting_answer(1, since=date(2024, 6, 1)) is None
    await reopened.close()


async def test_streak_days_are_entries_or_finished_checkins(tmp_path: Path) -> None:
    store = await open_store(tmp_path)
    await store.entries.add(1, "wrote", date(2024, 6, 1), created_at=NOW)
    await store.checkins.mark(1, [date(2024, 6, 2)], "skipped")
    await store.checkins.mark(1, [date(2024, 6, 1), date(2024, 6, 4)], "paused")
    active, neutral = await store.checkins.streak_days(1)
    assert active == {date(2024, 6, 1)}
    assert neutral == {date(2024, 6, 2), date(2024, 6, 4)}
    await store.close()


LEASE = NOW + timedelta(minutes=15)


async def test_a_new_user_is_unplanned_until_a_due_time_is_set(tmp_path: Path) -> None:
    store = await open_store(tmp_path)
    assert await store.checkins.due(1) == UNPLANNED
    await store.checkins.set_due(1, NOW)
    assert await store.checkins.due(1) == NOW
    await store.checkins.set_due(1, None)
    assert await store.checkins.due(1) is None
    assert await store.checkins.claim_due(NOW, lease_until=LEASE, limit=10) == []
    await store.close()


async def test_two_processes_never_claim_the_same_due_row(tmp_path: Path) -> None:
    """Two connections to one file stand for two processes: every row goes to exactly one."""
    first = await open_store(tmp_path)
    second = await Store.open(tmp_path / "daylog.sqlite3")
    for user_id in range(2, 402):
        await first.users.ensure(user_id, chat_id=user_id, language="en", timezone="UTC", now=NOW)
        await first.checkins.set_due(user_id, NOW - timedelta(seconds=user_id))
    await first.checkins.set_due(1, NOW + timedelta(minutes=1))  # not due yet

    async def claim_all(store: Store) -> list[int]:
        taken: list[int] = []
        while batch := await store.checkins.claim_due(NOW, lease_until=LEASE, limit=7):
            taken += [claimed.user_id for claimed in batch]
        return taken

    # Four claimers on each connection, all at once: the claims interleave however the
    # threads are scheduled, and still every due row is taken exactly once.
    takers = await asyncio.gather(*(claim_all(store) for store in (first, second) * 4))
    taken = [user_id for batch in takers for user_id in batch]
    assert sorted(taken) == list(range(2, 402))  # none twice, none left, 1 not yet due
    await first.close()
    await second.close()


async def test_a_claim_not_finished_comes_back_after_its_lease_with_its_due_time(
    tmp_path: Path,
) -> None:
    store = await open_store(tmp_path)
    due = NOW - timedelta(minutes=5)
    await store.checkins.set_due(1, due)
    (claimed,) = await store.checkins.claim_due(NOW, lease_until=LEASE, limit=10)
    assert claimed == Due(1, due)
    assert await store.checkins.claim_due(NOW, lease_until=LEASE, limit=10) == []
    # The process died with the claim: after the lease it is due again, as first due.
    later = LEASE + timedelta(seconds=1)
    (again,) = await store.checkins.claim_due(
        later, lease_until=later + timedelta(minutes=15), limit=10
    )
    assert again == Due(1, due)
    assert await store.checkins.finish_due(again, NOW + timedelta(days=1))
    # The old claim cannot overwrite what was planned since.
    assert not await store.checkins.finish_due(claimed, NOW + timedelta(days=7))
    assert await store.checkins.due(1) == NOW + timedelta(days=1)
    await store.close()


async def test_a_change_of_schedule_during_a_claim_wins_over_the_claims_plan(
    tmp_path: Path,
) -> None:
    store = await open_store(tmp_path)
    await store.checkins.set_due(1, NOW)
    (claimed,) = await store.checkins.claim_due(NOW, lease_until=LEASE, limit=10)
    await store.checkins.set_due(1, NOW + timedelta(hours=2))  # /checkin_at meanwhile
    assert not await store.checkins.finish_due(claimed, NOW + timedelta(days=1))
    assert await store.checkins.due(1) == NOW + timedelta(hours=2)
    await store.close()


async def test_the_earliest_due_instant_covers_checkins_reminders_and_day_ends(
    tmp_path: Path,
) -> None:
    store = await open_store(tmp_path)
    assert await store.checkins.earliest_due() == datetime.min.replace(tzinfo=UTC)  # unplanned
    await store.checkins.set_due(1, NOW + timedelta(hours=5))
    assert await store.checkins.earliest_due() == NOW + timedelta(hours=5)
    await store.checkins.start(
        Opening(
            user_id=1,
            day=NOW.date(),
            step="today",
            review=False,
            workday=None,
            started_at=NOW,
            closes_at=NOW + timedelta(hours=3),
            remind_at=NOW + timedelta(hours=1),
            due_at=None,
        ),
        reopen=False,
    )
    assert await store.checkins.earliest_due() == NOW + timedelta(hours=1)
    await store.close()


async def test_a_batch_opens_each_users_day_once_and_plans_their_next(tmp_path: Path) -> None:
    store = await open_store(tmp_path)
    for user_id in (2, 3):
        await store.users.ensure(user_id, chat_id=user_id, language="en", timezone="UTC", now=NOW)
        await store.checkins.set_due(user_id, NOW)
    await store.checkins.mark(3, [NOW.date()], "skipped")  # 3's day has a record already
    users = await store.checkins.scheduled_users_by_id([2, 3, 99])
    assert sorted(users) == [2, 3]

    def new(user_id: int) -> Opening:
        return Opening(
            user_id=user_id,
            day=NOW.date(),
            step="today",
            review=True,
            workday=None,
            started_at=NOW,
            closes_at=NOW + timedelta(hours=7),
            remind_at=NOW + timedelta(hours=1),
            due_at=NOW,
        )

    (opened,) = await store.checkins.start_many([new(2), new(3)])
    assert (opened.user_id, opened.step, opened.review, opened.due_at) == (2, "today", True, NOW)
    assert await store.checkins.start_many([new(2)]) == []
    records = await store.checkins.on_days([(2, NOW.date()), (3, NOW.date()), (1, NOW.date())])
    assert {key: record.status for key, record in records.items()} == {
        (2, NOW.date()): "open",
        (3, NOW.date()): "skipped",
    }
    claims = await store.checkins.claim_due(NOW, lease_until=LEASE, limit=10)
    tomorrow = NOW + timedelta(days=1)
    await store.checkins.finish_due_many([(claimed, tomorrow) for claimed in claims])
    assert [await store.checkins.due(user_id) for user_id in (2, 3)] == [tomorrow, tomorrow]
    await store.checkins.finish_due_many([(claimed, None) for claimed in claims])  # claims spent
    assert await store.checkins.due(2) == tomorrow
    await store.close()
