"""Check-in settings: /checkin_at, /timezone, /checkin_off, /pause, /settings, /states, /goal,
/problem, /workday, /reminder, /review_day. Every change to a schedule re-plans the user's next
check-in at once; the last three change no schedule, only the check-ins that start after them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from telegram import Update

from bot.caller import Caller
from bot.checkin.errors import CheckinInputError
from bot.checkin.habits import is_reset, parse_reminder_minutes, parse_review_day, parse_workday
from bot.checkin.schedule import (
    next_occurrence,
    parse_checkin_at,
    parse_pause_until,
)
from bot.checkin.states import parse_states_command
from bot.checkin.timezones import parse_timezone
from bot.context import DaylogContext
from bot.evening import jobs, pauses
from bot.evening.problems import change_problems
from bot.evening.render import (
    HabitName,
    goal_and_problems,
    habit_changed,
    habit_shown,
    settings_summary,
    state_lists,
)
from bot.i18n import Html, t
from bot.models import Language, UserSettings
from bot.store.receipts import CommandMessage, Receipt


def _args(context: DaylogContext) -> str:
    return " ".join(context.args or [])


async def _caller(update: Update, context: DaylogContext) -> Caller:
    _, caller = await context.message_caller(update)
    return caller


async def _user(update: Update, context: DaylogContext) -> UserSettings:
    return (await _caller(update, context)).user


async def _reply(update: Update, text: Html) -> None:
    assert update.effective_message  # noqa: S101 - filters ensure it
    await update.effective_message.reply_text(text)


async def _next_checkin(context: DaylogContext, user: UserSettings) -> Html:
    """When the next check-in comes, in the user's own time, after a change."""
    when = await jobs.reschedule(context.bot_data, user.user_id)
    if when is None:
        return t(user.language, "schedule.next_none")
    local = when.astimezone(ZoneInfo(user.timezone))
    return t(
        user.language, "schedule.next", at=local.strftime("%Y-%m-%d %H:%M"), zone=user.timezone
    )


def _error(language: Language, error: CheckinInputError) -> Html:
    return t(language, error.key, **error.params)


async def checkin_at(update: Update, context: DaylogContext) -> None:
    """/checkin_at 21:30 [days]: the check-in's local time and weekdays; turns it on."""
    caller = await _caller(update, context)
    user = caller.user
    try:
        chosen = parse_checkin_at(_args(context))
    except CheckinInputError as error:
        await _reply(update, _error(user.language, error))
        return
    prefs = await caller.checkin_prefs()
    changes = {"at": chosen.at, "weekdays": chosen.weekdays, "enabled": True}
    await context.store.checkins.save_prefs(prefs.model_copy(update=changes), now=datetime.now(UTC))
    await _reply(update, await _next_checkin(context, user))


async def set_timezone(update: Update, context: DaylogContext) -> None:
    """/timezone Asia/Shanghai: the zone of the user's day and check-in; a wrong one gets ideas."""
    user = await _user(update, context)
    if not context.args:
        await _reply(update, t(user.language, "timezone.current", zone=user.timezone))
        return
    try:
        zone = parse_timezone(_args(context))
    except CheckinInputError as error:
        await _reply(update, _error(user.language, error))
        return
    await context.store.users.set_timezone(user.user_id, zone.key)
    user = user.model_copy(update={"timezone": zone.key})
    local = datetime.now(zone).strftime("%H:%M")
    reply = t(user.language, "timezone.set", zone=zone.key, time=local)
    await _reply(update, Html(f"{reply}\n{await _next_checkin(context, user)}"))


async def checkin_off(update: Update, context: DaylogContext) -> None:
    """/checkin_off: no more scheduled check-ins (/checkin still works)."""
    caller = await _caller(update, context)
    user, prefs = caller.user, await caller.checkin_prefs()
    now = datetime.now(UTC)
    await context.store.checkins.save_prefs(prefs.model_copy(update={"enabled": False}), now=now)
    await jobs.reschedule(context.bot_data, user.user_id)
    await _reply(update, t(user.language, "checkin_off.done"))


async def pause(update: Update, context: DaylogContext) -> None:
    """/pause 2024-08-10: no check-ins up to and including that day; /pause off ends it."""
    caller = await _caller(update, context)
    user, today, now = caller.user, caller.today, datetime.now(UTC)
    try:
        until = parse_pause_until(_args(context), caller.today)
    except CheckinInputError as error:
        await _reply(update, _error(user.language, error))
        return
    await pauses.pause(context.store, user.user_id, until, today=today, now=now)
    if until is None:
        reply = t(user.language, "pause.off")
    else:
        # Paused days are recorded, so the streak passes over them instead of breaking.
        reply = t(user.language, "pause.set", day=until.isoformat())
    await _reply(update, Html(f"{reply}\n{await _next_checkin(context, user)}"))


async def show_settings(update: Update, context: DaylogContext) -> None:
    """/settings: the check-in and everything else the user can set."""
    caller = await _caller(update, context)
    user, prefs = caller.user, await caller.checkin_prefs()
    next_at = next_occurrence(prefs.schedule(user.timezone), datetime.now(UTC))
    await _reply(update, settings_summary(user, prefs, context.settings, next_at))


async def states(update: Update, context: DaylogContext) -> None:
    """/states: show both lists; `/states healthy a, b`, `/states off x, y`, `/states reset`."""
    caller = await _caller(update, context)
    user, prefs = caller.user, await caller.checkin_prefs()
    if not context.args:
        await _reply(update, state_lists(user.language, prefs.states(user.language)))
        return
    try:
        which, listed = parse_states_command(_args(context))
    except CheckinInputError as error:
        await _reply(update, _error(user.language, error))
        return
    changes = (
        {"healthy_states": None, "off_states": None}
        if which == "reset"
        else {f"{which}_states": listed}
    )
    prefs = prefs.model_copy(update=changes)
    await context.store.checkins.save_prefs(prefs, now=datetime.now(UTC))
    await _reply(update, state_lists(user.language, prefs.states(user.language)))


async def goal(update: Update, context: DaylogContext) -> None:
    """/goal <text> sets the key goal; /goal alone shows it with its key problems."""
    caller = await _caller(update, context)
    user, checkins, prefs = caller.user, context.store.checkins, await caller.checkin_prefs()
    text = _args(context).strip()
    if text:
        prefs = prefs.model_copy(update={"goal": text})
        await checkins.save_prefs(prefs, now=datetime.now(UTC))
    problems = await checkins.open_problems(user.user_id)
    await _reply(update, goal_and_problems(user.language, prefs.goal, problems))


async def problem(update: Update, context: DaylogContext) -> None:
    """/problem <text> adds a key problem; /problem done <n> closes the n-th one."""
    caller = await _caller(update, context)
    user = caller.user
    checkins, now = context.store.checkins, datetime.now(UTC)
    args = context.args or []
    message = update.effective_message
    assert message  # noqa: S101 - the command filter ensures it
    # Once per message: a /problem Telegram delivers again after a crash must not add the
    # problem twice, nor close the next one (the numbers move up once one is closed).
    asked = CommandMessage(user.user_id, message.chat_id, message.message_id)
    if args and await context.store.receipts.answer(asked) is None:
        # The answer is the list as it stands, so the receipt keeps none.
        receipt = Receipt(asked, "problem", "", now)
        try:
            await change_problems(context.store, user.user_id, args, now=now, receipt=receipt)
        except CheckinInputError as error:
            await _reply(update, _error(user.language, error))
            return
    prefs = await caller.checkin_prefs()
    await _reply(
        update,
        goal_and_problems(user.language, prefs.goal, await checkins.open_problems(user.user_id)),
    )


# Each value a user may set: the CheckinPrefs field that keeps it and how its argument is read.
_HABIT_FIELDS: dict[HabitName, tuple[str, Callable[[str], object]]] = {
    "workday": ("workday", parse_workday),
    "reminder": ("reminder_minutes", parse_reminder_minutes),
    "review_day": ("review_day", parse_review_day),
}


async def _habit(update: Update, context: DaylogContext, name: HabitName) -> None:
    """Show one of the user's check-in values, set it, or (`reset`) go back to the default.

    A value that cannot be read is refused with the reason and changes nothing.
    """
    caller = await _caller(update, context)
    user, checkins, defaults = caller.user, context.store.checkins, context.settings.checkin_habits
    prefs = await caller.checkin_prefs()
    text = _args(context).strip()
    if not text:
        await _reply(update, habit_shown(user.language, name, prefs, defaults))
        return
    field, parse = _HABIT_FIELDS[name]
    try:
        value = None if is_reset(text) else parse(text)
    except CheckinInputError as error:
        await _reply(update, _error(user.language, error))
        return
    prefs = prefs.model_copy(update={field: value})
    await checkins.save_prefs(prefs, now=datetime.now(UTC))
    await _reply(update, habit_changed(user.language, name, prefs, defaults))


async def workday(update: Update, context: DaylogContext) -> None:
    """/workday 10:00-19:00 (or 10-19): the working day the plan step counts free time in."""
    await _habit(update, context, "workday")


async def reminder(update: Update, context: DaylogContext) -> None:
    """/reminder 45: minutes before an unanswered check-in gets its reminder (1-720)."""
    await _habit(update, context, "reminder")


async def review_day(update: Update, context: DaylogContext) -> None:
    """/review_day sun: the weekday whose check-in ends with the weekly review."""
    await _habit(update, context, "review_day")
