"""/pause's rules: a pause is one stored range of days, ended early from today."""

from __future__ import annotations

from datetime import date, datetime, timedelta

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
