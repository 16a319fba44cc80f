"""/pause's rules: a pause is one stored range of days, and paused days read as records."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.checkin.review import CheckinRecord
from bot.store import Store


async def pause(
    store: Store, user_id: int, until: date | None, *, today: date, now: datetime
) -> None:
    """Pause the user's check-ins up to and including `until`; None ends the pause from today.

    A new pause replaces what is left of an earlier one. Today is paused too, unless today's
    check-in already has a record (it happened, or was skipped or missed).
    """
    checkins = store.checkins
    prefs = (await checkins.prefs(user_id)).model_copy(update={"paused_until": until})
    await checkins.save_prefs(prefs, now=now)
    await checkins.end_pause(user_id, today)
    if until is None:
        return
    first = today + timedelta(days=1) if await checkins.get(user_id, today) else today
    if first <= until:
        await checkins.add_pause(user_id, first, until)


async def records_between(
    store: Store, user_id: int, first: date, last: date, weekdays: frozenset[int]
) -> list[CheckinRecord]:
    """The user's check-in records from first to last, with each paused check-in day as one.

    Paused days are kept as ranges, so the days of a pause that had a check-in scheduled
    (`weekdays`) and no record of their own read as 'paused' records here.
    """
    records = [checkin.record() for checkin in await store.checkins.between(user_id, first, last)]
    recorded = {record.day for record in records}
    paused = await store.checkins.paused_days(user_id, first, last)
    records += [
        CheckinRecord(day=day, status="paused")
        for day in paused
        if day not in recorded and day.weekday() in weekdays
    ]
    return sorted(records, key=lambda record: record.day)
