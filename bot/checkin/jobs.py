"""The check-in's jobs: one per user at their next local check-in time, and a sweep a minute.

Schedules live in SQLite; the JobQueue only holds what comes next and is rebuilt from the
database at start-up (`rebuild`). Each user's job is named after them and replaced, never
added twice, when their time changes. It runs once: it schedules the next check-in with
`next_occurrence` (so daylight-saving changes keep the local time) and then sends this one.
Reminders, snoozes and the end of a user's day are columns of the check-in record that the
sweep acts on, so they survive a restart too.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, date, datetime
from typing import Any

from telegram.error import Forbidden, TelegramError
from telegram.ext import ExtBot, JobQueue

from bot.checkin.conversation import Conversation, begin, prompts_for
from bot.checkin.delivery import send_bulk
from bot.checkin.models import Checkin, ScheduledUser
from bot.checkin.render import Prompt
from bot.checkin.schedule import STARTUP_GRACE, catch_up, next_occurrence, occurrence_at
from bot.context import DaylogApplication, DaylogContext
from bot.i18n import Html, t
from bot.rate_limit import Send
from bot.store import Store

log = logging.getLogger(__name__)

SWEEP_JOB = "checkin-sweep"
SWEEP_SECONDS = 60
# A job that could not run on time (the event loop was busy) still runs within the grace;
# APScheduler's default of one second would drop check-ins when thousands are due at once.
_JOB_KWARGS: dict[str, Any] = {
    "replace_existing": True,
    "misfire_grace_time": int(STARTUP_GRACE.total_seconds()),
}


def job_name(user_id: int) -> str:
    """The name (and APScheduler id) of a user's check-in job."""
    return f"checkin:{user_id}"


def schedule_user(
    job_queue: JobQueue[Any],
    user: ScheduledUser,
    now: datetime,
    *,
    due_at: datetime | None = None,
    replace: bool = True,
) -> datetime | None:
    """Put the user's job at their next check-in (or at once for `due_at`); remove it if off.

    Returns when it will run. Like PTB's timerbot, the old job is removed by name before the
    new one is added; `replace=False` skips that lookup when the queue is known to be empty.
    """
    name = job_name(user.user_id)
    if replace:
        unschedule(job_queue, user.user_id)
    when = due_at or next_occurrence(user.schedule, now)
    if when is None:
        return None
    job_queue.run_once(
        checkin_job,
        when=max(when, now),
        data=when,
        name=name,
        user_id=user.user_id,
        chat_id=user.chat_id,
        job_kwargs={"id": name, **_JOB_KWARGS},
    )
    return when


def unschedule(job_queue: JobQueue[Any], user_id: int) -> None:
    """Remove the user's check-in job, if there is one."""
    name = job_name(user_id)
    if job_queue.scheduler.get_job(name) is not None:
        job_queue.scheduler.remove_job(name)


async def reschedule(
    store: Store, job_queue: JobQueue[Any] | None, user_id: int
) -> datetime | None:
    """Re-read the user's schedule after a change and replace their job; when it runs next."""
    user = await store.checkins.scheduled_user(user_id)
    if job_queue is None or user is None:
        return None
    return schedule_user(job_queue, user, datetime.now(UTC))


async def rebuild(app: DaylogApplication) -> None:
    """At start-up: close ended check-ins, record missed days, send what is due, schedule."""
    store, job_queue = app.bot_data.store, app.job_queue
    if job_queue is None:
        raise RuntimeError("check-ins need the JobQueue (python-telegram-bot[job-queue])")
    now = datetime.now(UTC)
    await store.checkins.close_ended(now)
    users = await store.checkins.scheduled_users()
    for user in users:
        latest = await store.checkins.latest(user.user_id)
        owed = catch_up(user.schedule, _accounted(user, latest), user.registered_at, now)
        if owed.missed:
            await store.checkins.mark(user.user_id, owed.missed, "missed")
        due_at = occurrence_at(user.schedule, owed.due_day) if owed.due_day else None
        # Start-up: the queue is empty, so no lookup per user (10,000 users stay fast).
        schedule_user(job_queue, user, now, due_at=due_at, replace=False)
    job_queue.run_repeating(
        sweep_job,
        interval=SWEEP_SECONDS,
        first=SWEEP_SECONDS,
        name=SWEEP_JOB,
        job_kwargs={"id": SWEEP_JOB, "replace_existing": True},
    )
    log.info("scheduled check-ins for %d users", len(users))


def _accounted(user: ScheduledUser, latest: Checkin | None) -> date | None:
    """The last day with a record, as the schedule's calendar day when it was scheduled."""
    if latest is None:
        return None
    if latest.due_at is not None:
        return latest.due_at.astimezone(user.schedule.zone).date()
    return latest.day


async def checkin_job(context: DaylogContext) -> None:
    """A user's check-in time: schedule the next one, then open and send this one."""
    job = context.job
    assert job is not None and job.user_id is not None  # noqa: S101 - set by schedule_user
    due_at = job.data if isinstance(job.data, datetime) else datetime.now(UTC)
    store = context.store
    user = await store.checkins.scheduled_user(job.user_id)
    if user is None or not user.prefs.enabled:
        return
    now = datetime.now(UTC)
    # The next one first: whatever happens to this send, the following check-in stays planned.
    if context.job_queue is not None:
        schedule_user(context.job_queue, user, max(now, due_at))
    conv = Conversation(store, context.settings, user)
    started = await begin(conv, conv.today(due_at), now, due_at=due_at, reopen=False)
    if started is not None:
        await deliver(context.bot, store, user, started[1])
    if not (await store.checkins.prefs(user.user_id)).enabled and context.job_queue is not None:
        unschedule(context.job_queue, user.user_id)  # blocked just now: nothing more to send


async def sweep_job(context: DaylogContext) -> None:
    """Each minute: mark check-ins whose day ended as missed; send due reminders and snoozes."""
    store = context.store
    now = datetime.now(UTC)
    for checkin in await store.checkins.close_ended(now):
        log.info("check-in %s of user %s missed", checkin.id, checkin.user_id)
    due = await store.checkins.claim_due_nudges(now)
    # Concurrently: the rate limiter spaces them, and one slow user does not hold up the rest.
    await asyncio.gather(*(_nudge(context, checkin, now) for checkin in due))


async def _nudge(context: DaylogContext, checkin: Checkin, now: datetime) -> None:
    user = await context.store.checkins.scheduled_user(checkin.user_id)
    if user is None or not user.prefs.enabled:
        return
    prompts = await prompts_for(Conversation(context.store, context.settings, user), checkin, now)
    first = prompts[0]
    nudge = Html(f"{t(user.language, 'checkin.reminder')}\n\n{first.text}")
    await deliver(context.bot, context.store, user, [Prompt(nudge, first.markup), *prompts[1:]])


async def deliver(
    bot: ExtBot[Send], store: Store, user: ScheduledUser, prompts: list[Prompt]
) -> bool:
    """Send a check-in's messages; a user who blocked the bot has their check-ins switched off.

    Errors stay here: one user's failure never reaches the job queue or other users.
    """
    if user.chat_id is None:
        return False
    try:
        for prompt in prompts:
            await send_bulk(bot, user.chat_id, prompt.text, prompt.markup)
    except Forbidden:
        log.info("user %s blocked the bot; their check-ins are off", user.user_id)
        await store.checkins.switch_off(user.user_id, now=datetime.now(UTC))
        return False
    except TelegramError as error:
        # The reminder (remind_at) sends the check-in again later.
        log.warning("check-in for user %s not sent: %s", user.user_id, error)
        return False
    return True
