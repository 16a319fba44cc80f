"""The check-in's work: plan the next one, open what is due a batch at a time, nudge, deliver.

Each user's next check-in is a due time in SQLite (`checkin_due`), planned from their local
time with `next_occurrence` (so daylight-saving changes keep the local time) whenever their
schedule changes and whenever a check-in comes due. The loop in bot/evening/scheduler.py
claims what is due, opens a batch with `open_due` and queues `send_opened` or `nudge` in the
outbox, whose workers send at the broadcast rate.
"""

from __future__ import annotations

import enum
import logging
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple

from telegram.error import Forbidden, TelegramError
from telegram.ext import Application, ExtBot

from bot.checkin.models import UNPLANNED, Checkin, Due, ScheduledUser
from bot.checkin.schedule import catch_up, next_occurrence, occurrence_at
from bot.context import BotData
from bot.evening.conversation import Conversation, opening, prompts_for
from bot.evening.delivery import send_bulk
from bot.evening.render import Prompt
from bot.i18n import Html, t
from bot.models import Entry
from bot.store import Store
from bot.telegram.rate_limit import Send

log = logging.getLogger(__name__)

App = Application[Any, Any, Any, Any, BotData, Any]


class Delivery(enum.Enum):
    """What became of a check-in's messages."""

    SENT = "sent"
    FAILED = "failed"  # the reminder sends it again later
    BLOCKED = "blocked"  # the user blocked the bot; their check-ins are now off


def next_checkin(user: ScheduledUser, now: datetime) -> datetime | None:
    """When the user's next scheduled check-in after `now` is; None if there is none."""
    if not user.prefs.enabled or user.chat_id is None:
        return None
    return next_occurrence(user.schedule, now)


async def reschedule(bot_data: BotData, user_id: int) -> datetime | None:
    """Re-plan the user's next check-in after a change of schedule; when it comes."""
    store = bot_data.store
    user = await store.checkins.scheduled_user(user_id)
    if user is None:
        return None
    when = next_checkin(user, datetime.now(UTC))
    await store.checkins.set_due(user_id, when)
    # The loop may be asleep until a later instant than this one.
    bot_data.checkin_scheduler.wake()
    return when


class Opened(NamedTuple):
    """A check-in the scheduler opened, with what its first message needs."""

    user: ScheduledUser
    checkin: Checkin
    entries: list[Entry]


async def open_due(app: App, claimed: list[Due]) -> list[Opened]:
    """A claimed batch: record missed days, open what is owed, plan each user's next one.

    Returns the check-ins opened, to be sent. The same rule serves a check-in on time and one
    found after downtime: opened if its time is at most two hours ago, else missed
    (`catch_up`). An unplanned user (new, or from before due times) is accounted from their
    latest record, as a restart used to do for everyone. The whole batch costs a handful of
    queries, not a few per user: at 1,000 check-ins a second the trips to the database
    thread, not the statements, were what the bot spent its time on.
    """
    store, settings = app.bot_data.store, app.bot_data.settings
    users = await store.checkins.scheduled_users_by_id(due.user_id for due in claimed)
    now = datetime.now(UTC)
    missed: list[tuple[int, date]] = []
    owed: list[tuple[Conversation, date, datetime]] = []
    plans: list[tuple[Due, datetime | None]] = []
    for due in claimed:
        user = users.get(due.user_id)
        if user is None:
            continue  # forgotten; their due row went with them
        try:
            next_at = next_checkin(user, now)
            if next_at is not None:
                accounted = await _accounted(store, user, due)
                caught = catch_up(user.schedule, accounted, user.created_at, now)
        except Exception:
            # One user's broken schedule must not hold the batch: their claim stays and
            # comes back after its lease, logged again, while everyone else's goes on.
            log.exception("check-in of user %s not planned", user.user_id)
            continue
        plans.append((due, next_at))
        if next_at is None:
            continue
        missed += [(user.user_id, day) for day in caught.missed]
        if caught.due_day is not None:
            due_at = occurrence_at(user.schedule, caught.due_day)
            conv = Conversation(store, settings, user)
            owed.append((conv, conv.today(due_at), due_at))
    if missed:
        await store.checkins.mark_many(missed, "missed")
    yesterdays = await store.checkins.on_days(
        (conv.user.user_id, day - timedelta(days=1)) for conv, day, _ in owed
    )
    openings = [
        opening(
            conv,
            day,
            now,
            due_at=due_at,
            yesterday=yesterdays.get((conv.user.user_id, day - timedelta(days=1))),
        )
        for conv, day, due_at in owed
    ]
    # The records first, the next due times after: a crash in between leaves the claims to
    # come due again, and the records keep each check-in from being opened twice.
    opened = await store.checkins.start_many(openings) if openings else []
    await store.checkins.finish_due_many(plans)
    # The first step lists the day's entries: read for the whole batch here, not per send.
    entries = await store.entries.on_days((checkin.user_id, checkin.day) for checkin in opened)
    return [
        Opened(users[checkin.user_id], checkin, entries[(checkin.user_id, checkin.day)])
        for checkin in opened
    ]


async def send_opened(app: App, opened: Opened) -> None:
    """Send a check-in the scheduler opened: its first step."""
    conv = Conversation(app.bot_data.store, app.bot_data.settings, opened.user)
    now = datetime.now(UTC)
    prompts = await prompts_for(conv, opened.checkin, now, entries=opened.entries)
    await deliver(app.bot, app.bot_data.store, opened.user, prompts)


async def _accounted(store: Store, user: ScheduledUser, claimed: Due) -> date | None:
    """The last day already dealt with: the day before the one due, or the latest record."""
    if isinstance(claimed.due_at, datetime):
        return claimed.due_at.astimezone(user.schedule.zone).date() - timedelta(days=1)
    assert claimed.due_at == UNPLANNED  # noqa: S101 - None is never due
    latest = await store.checkins.latest(user.user_id)
    if latest is None:
        return None
    if latest.due_at is not None:
        return latest.due_at.astimezone(user.schedule.zone).date()
    return latest.day


async def nudge(app: App, checkin_id: int) -> None:
    """Ask an open check-in's current step again, under a reminder line."""
    store = app.bot_data.store
    checkin = await store.checkins.by_id(checkin_id)
    user = await store.checkins.scheduled_user(checkin.user_id) if checkin else None
    if checkin is None or not checkin.is_open or user is None or not user.prefs.enabled:
        return
    conv = Conversation(store, app.bot_data.settings, user)
    prompts = await prompts_for(conv, checkin, datetime.now(UTC))
    first = prompts[0]
    text = Html(f"{t(user.language, 'checkin.reminder')}\n\n{first.text}")
    await deliver(app.bot, store, user, [Prompt(text, first.markup), *prompts[1:]])


async def deliver(
    bot: ExtBot[Send], store: Store, user: ScheduledUser, prompts: list[Prompt]
) -> Delivery:
    """Send a check-in's messages; a user who blocked the bot has their check-ins switched off.

    Errors stay here: one user's failure never reaches the loop or other users.
    """
    if user.chat_id is None:
        return Delivery.FAILED
    try:
        for prompt in prompts:
            await send_bulk(bot, user.chat_id, prompt.text, prompt.markup)
    except Forbidden:
        log.info("user %s blocked the bot; their check-ins are off", user.user_id)
        await store.checkins.switch_off(user.user_id, now=datetime.now(UTC))
        return Delivery.BLOCKED
    except TelegramError as error:
        # The reminder (remind_at) sends the check-in again later.
        log.warning("check-in for user %s not sent: %s", user.user_id, error)
        return Delivery.FAILED
    return Delivery.SENT
