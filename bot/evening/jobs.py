"""The check-in's jobs: one per user at their next local check-in time, and a sweep a minute.

Schedules live in SQLite; the JobQueue only holds what comes next and is rebuilt from the
database at start-up (`rebuild`). Each user's job is named after them and replaced, never
added twice, when their time changes. It runs once: it schedules the next check-in with
`next_occurrence` (so daylight-saving changes keep the local time) and queues this one in the
outbox, whose workers open and send it (so 10,000 due in one minute stay small in memory).
Reminders, snoozes and the end of a user's day are columns of the check-in record that the
sweep acts on, so they survive a restart too.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from functools import partial
from typing import Any

from telegram.error import Forbidden, TelegramError
from telegram.ext import Application, ExtBot, JobQueue

from bot.checkin.models import Checkin, ScheduledUser
from bot.checkin.schedule import STARTUP_GRACE, catch_up, next_occurrence, occurrence_at
from bot.context import BotData, DaylogApplication, DaylogContext
from bot.evening.conversation import Conversation, begin, prompts_for
from bot.evening.delivery import send_bulk
from bot.evening.render import Prompt
from bot.i18n import Html, t
from bot.store import Store
from bot.telegram.rate_limit import Send

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
        try:
            await _catch_up_and_schedule(store, job_queue, user, now)
        except Exception:
            # One user's data must never stop start-up for everyone (a far pause once did):
            # that user goes without a check-in until they change a setting; the rest start.
            log.exception("check-in for user %s not scheduled", user.user_id)
    job_queue.run_repeating(
        sweep_job,
        interval=SWEEP_SECONDS,
        first=SWEEP_SECONDS,
        name=SWEEP_JOB,
        job_kwargs={"id": SWEEP_JOB, "replace_existing": True},
    )
    log.info("scheduled check-ins for %d users", len(users))


async def _catch_up_and_schedule(
    store: Store, job_queue: JobQueue[Any], user: ScheduledUser, now: datetime
) -> None:
    """Record the user's missed days, and schedule their next check-in (at once if owed)."""
    latest = await store.checkins.latest(user.user_id)
    owed = catch_up(user.schedule, _accounted(user, latest), user.registered_at, now)
    if owed.missed:
        await store.checkins.mark(user.user_id, owed.missed, "missed")
    due_at = occurrence_at(user.schedule, owed.due_day) if owed.due_day else None
    # Start-up: the queue is empty, so no lookup per user (10,000 users stay fast).
    schedule_user(job_queue, user, now, due_at=due_at, replace=False)


def _accounted(user: ScheduledUser, latest: Checkin | None) -> date | None:
    """The last day with a record, as the schedule's calendar day when it was scheduled."""
    if latest is None:
        return None
    if latest.due_at is not None:
        return latest.due_at.astimezone(user.schedule.zone).date()
    return latest.day


async def checkin_job(context: DaylogContext) -> None:
    """A user's check-in time: queue it in the outbox, which reschedules, opens and sends it.

    The job does no work of its own, so 10,000 due in the same second cost a queue entry each.
    """
    job = context.job
    assert job is not None and job.user_id is not None  # noqa: S101 - set by schedule_user
    due_at = job.data if isinstance(job.data, datetime) else datetime.now(UTC)
    context.bot_data.outbox.put(partial(open_and_send, context.application, job.user_id, due_at))


async def open_and_send(
    app: Application[Any, Any, Any, Any, BotData, Any], user_id: int, due_at: datetime
) -> None:
    """Schedule the user's next check-in, then open the one of `due_at` and send it."""
    store, settings = app.bot_data.store, app.bot_data.settings
    user = await store.checkins.scheduled_user(user_id)
    if user is None or not user.prefs.enabled:
        return
    # The next one first: whatever happens to this send, the following check-in stays planned.
    if app.job_queue is not None:
        schedule_user(app.job_queue, user, max(datetime.now(UTC), due_at))
    conv = Conversation(store, settings, user)
    now = datetime.now(UTC)
    started = await begin(conv, conv.today(due_at), now, due_at=due_at, reopen=False)
    if started is None:
        return
    sent = await deliver(app.bot, store, user, started[1])
    blocked = not sent and not (await store.checkins.prefs(user_id)).enabled
    if blocked and app.job_queue is not None:
        unschedule(app.job_queue, user_id)  # nothing more to send to this user


async def sweep_job(context: DaylogContext) -> None:
    """Each minute: mark check-ins whose day ended as missed; send due reminders and snoozes."""
    store = context.store
    now = datetime.now(UTC)
    for checkin in await store.checkins.close_ended(now):
        log.info("check-in %s of user %s missed", checkin.id, checkin.user_id)
    # Through the outbox, like check-ins: many reminders at once wait there, not in memory.
    for checkin in await store.checkins.claim_due_nudges(now):
        context.bot_data.outbox.put(partial(nudge, context.application, checkin.id))


async def nudge(app: Application[Any, Any, Any, Any, BotData, Any], checkin_id: int) -> None:
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
