"""The check-in conversation: /checkin, its buttons, and typed answers while one is waited for."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta

from telegram import CallbackQuery, Message, Update
from telegram.error import BadRequest
from telegram.ext import ApplicationHandlerStop

from bot.caller import Caller
from bot.checkin.models import Checkin
from bot.context import DaylogContext
from bot.evening.conversation import Conversation, Outcome, answer_text, begin, press, prompts_for
from bot.evening.render import Prompt, parse_button
from bot.i18n import t
from bot.store.receipts import CommandMessage

# How many days before the message's UTC day an open check-in's day may be: a user's own day
# is within a day of UTC's, and the loop closes a check-in at its day's end.
OPEN_DAYS = 3
# Sent with editMessageReplyMarkup, which has no parse_mode (see _apply).
_NO_PARSE_MODE: dict[str, object] = {"parse_mode": None}


async def conversation(context: DaylogContext, caller: Caller) -> Conversation:
    """The caller's check-in context, with the settings the caller read once for this update."""
    return Conversation(context.store, context.settings, await caller.scheduled())


async def checkin_now(update: Update, context: DaylogContext) -> None:
    """/checkin: start today's check-in now, or ask the open one's current step again."""
    message, caller = await context.message_caller(update)
    user = caller.user
    conv = await conversation(context, caller)
    now = datetime.now(UTC)
    checkin = await context.store.checkins.open_for(user.user_id)
    if checkin is not None and checkin.day == conv.today(now):
        prompts = await prompts_for(conv, checkin, now)
    else:
        started = await begin(conv, conv.today(now), now, due_at=None, reopen=True)
        assert started is not None  # noqa: S101 - reopen always opens
        prompts = started[1]
    await _reply(message, prompts)


async def on_button(update: Update, context: DaylogContext) -> None:
    """A check-in button: only the check-in's own user may press it, and only while open."""
    query, caller = await context.button_caller(update)
    user = caller.user
    button = parse_button(query.data or "")
    checkin = await context.store.checkins.by_id(button.checkin_id) if button else None
    if button is None or checkin is None or checkin.user_id != user.user_id:
        await query.answer(t(user.language, "checkin.not_yours"), show_alert=True)
        return
    if not checkin.is_open:
        await _apply(query, Outcome(toast=t(user.language, "checkin.closed")))
        return
    conv = await conversation(context, caller)
    await _apply(query, await press(conv, checkin, button, datetime.now(UTC)))


async def answer_if_awaited(update: Update, context: DaylogContext) -> None:
    """A plain message is the answer when the user's check-in waits for one typed (a note, the
    plan, a review question); it goes no further then. Any other message goes on to capture.

    The database says so, not this process's memory: one indexed read, so a restart in the
    middle of the step and several processes behind a load balancer agree.
    """
    message = update.effective_message
    if message is None or update.effective_user is None:
        return
    # An open check-in is at most a day or two old in anyone's timezone (see awaiting_answer).
    since = message.date.astimezone(UTC).date() - timedelta(days=OPEN_DAYS)
    checkin = await context.store.checkins.awaiting_answer(update.effective_user.id, since=since)
    if checkin is None:
        return
    await on_answer(update, context, checkin)
    raise ApplicationHandlerStop


async def on_answer(update: Update, context: DaylogContext, checkin: Checkin) -> None:
    """A typed answer to the step the user's check-in waits at."""
    message, caller = await context.message_caller(update)
    assert message.text  # noqa: S101 - the text filter ensures it
    conv = await conversation(context, caller)
    asked = CommandMessage(caller.user_id, message.chat_id, message.message_id)
    if await context.store.receipts.answer(asked) is not None:
        # Telegram delivered this answer again (the bot stopped before confirming it): it was
        # read already and moved the check-in on, so ask what waits now instead.
        await _reply(message, await prompts_for(conv, checkin, datetime.now(UTC)))
        return
    prompts = await answer_text(
        conv,
        checkin,
        message.text,
        message.date,
        chat_id=message.chat_id,
        message_id=message.message_id,
    )
    await _reply(message, prompts)


async def _reply(message: Message, prompts: list[Prompt]) -> None:
    for prompt in prompts:
        await message.reply_text(prompt.text, reply_markup=prompt.markup)


async def _apply(query: CallbackQuery, outcome: Outcome) -> None:
    """Edit the pressed message, send what follows, then answer the press."""
    # Telegram refuses an edit that changes nothing; the message already looks right then.
    with contextlib.suppress(BadRequest):
        if outcome.text is not None:
            await query.edit_message_text(outcome.text, reply_markup=outcome.markup)
        else:
            # PTB fills in the default parse_mode here too, which this method does not take;
            # an explicit None in api_kwargs keeps it out of the request.
            await query.edit_message_reply_markup(outcome.markup, api_kwargs=_NO_PARSE_MODE)
    if query.message is not None:
        for prompt in outcome.send:
            await query.get_bot().send_message(
                query.message.chat.id, prompt.text, reply_markup=prompt.markup
            )
    await query.answer(outcome.toast)
