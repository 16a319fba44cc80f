"""CheckinStore against real SQLite: defaults, records, the sweep's claims and streak days."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from bot.checkin.models import CheckinPrefs
from bot.store import Store

NOW = datetime(2024, 6, 3, 21, 30, tzinfo=UTC)


async def open_store(tmp_path: Path) -> Store:
    store = await Store.open(tmp_path / "daylog.sqlite3")
    await store.users.ensure(1, chat_id=1, language="zh", timezone="Asia/Shanghai", now=NOW)
    return store


async def test_a_user_who_set_nothing_has_the_defaults(tmp_path: Path) -> None:
    store = await open_store(tmp_path)
    (user,) = await store.checkins.scheduled_users()
    assert (user.prefs.at, user.prefs.enabled, user.timezone) == (
        time(21, 30),
        True,
        "Asia/Shanghai",
    )
    assert user.prefs.states("zh").off[0] == "拖延"
    await store.checkins.save_prefs(CheckinPrefs(user_id=1, enabled=False), now=NOW)
    assert await store.checkins.scheduled_users() == []
    await store.close()


async def test_a_day_is_started_once_and_the_awaited_answer_survives_reopening(
    tmp_path: Path,
) -> None:
    store = await open_store(tmp_path)
    kwargs = {
        "step": "plan",
        "review": False,
        "workday": (time(10), time(19)),
        "now": NOW,
        "closes_at": NOW + timedelta(hours=7),
        "remind_at": NOW + timedelta(hours=1),
        "due_at": NOW,
    }
    first = await store.checkins.start(1, date(2024, 6, 3), reopen=False, **kwargs)
    assert first is not None and first.workday == (time(10), time(19))
    assert await store.checkins.start(1, date(2024, 6, 3), reopen=False, **kwargs) is None
    assert store.checkins.awaiting_text(1)
    await store.close()
    reopened = await Store.open(tmp_path / "daylog.sqlite3")
    assert reopened.checkins.awaiting_text(1)
    assert await reopened.checkins.claim_due_nudges(NOW + timedelta(minutes=59)) == []
    (due,) = await reopened.checkins.claim_due_nudges(NOW + timedelta(minutes=61))
    assert due.id == first.id
    assert await reopened.checkins.claim_due_nudges(NOW + timedelta(minutes=62)) == []
    (ended,) = await reopened.checkins.close_ended(NOW + timedelta(hours=8))
    assert ended.status == "missed" and not reopened.checkins.awaiting_text(1)
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
