"""/today, /yesterday, /week, /month and /day <when>: the log read back, day by day."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from telegram import InputFile, Message, Update

from bot.answers.summaries import gather_summary, summary_sources
from bot.answers.summary_report import render_summary
from bot.context import DaylogContext
from bot.i18n import t
from bot.models import Entry, UserSettings
from bot.telegram.day_listing import format_day
from bot.telegram.day_media import day_media_markup
from bot.telegram.text import split_into_messages
from bot.transfer.export import render_markdown
from bot.when import DateSpan, month_of, parse_when, week_of

# More messages than this flood the chat; the entries come as one Markdown file instead.
MAX_MESSAGES = 4


async def today(update: Update, context: DaylogContext) -> None:
    """Entries of the user's current day."""
    await _answer_span(update, context, DateSpan.day, digest=False)


async def yesterday(update: Update, context: DaylogContext) -> None:
    """Entries of the day before."""
    await _answer_span(
        update, context, lambda now: DateSpan.day(now - timedelta(days=1)), digest=False
    )


async def week(update: Update, context: DaylogContext) -> None:
    """This week (or the week of `<when>`), opening with a digest."""
    await _answer_span(update, context, lambda now: _around(context, now, week_of), digest=True)


async def month(update: Update, context: DaylogContext) -> None:
    """This month (or the month of `<when>`), opening with a digest."""
    await _answer_span(update, context, lambda now: _around(context, now, month_of), digest=True)


async def day(update: Update, context: DaylogContext) -> None:
    """One day or span named in either language: /day 2023-01-02, /day 上周一, /day last week."""
    phrase = " ".join(context.args or [])
    await _answer_span(update, context, lambda now: parse_when(phrase, now), digest=False)


def _around(
    context: DaylogContext, now: date, span_of: Callable[[date], DateSpan]
) -> DateSpan | None:
    """The week or month of the date in the arguments, or of today without any."""
    if not context.args:
        return span_of(now)
    named = parse_when(" ".join(context.args), now)
    return span_of(named.first) if named else None


async def _answer_span(
    update: Update,
    context: DaylogContext,
    span_for: Callable[[date], DateSpan | None],
    *,
    digest: bool,
) -> None:
    message, caller = await context.message_caller(update)
    user = caller.user
    now = caller.today
    span = span_for(now)
    if span is None:
        phrase = " ".join(context.args or [])
        key = "summary.bad_when" if phrase else "summary.day_usage"
        await message.reply_text(t(user.language, key, phrase=phrase))
        return
    summary = await gather_summary(
        context.store,
        summary_sources(context.store),
        user.user_id,
        span.first,
        span.last,
        today=now,
        weekdays=(await caller.checkin_prefs()).weekdays,
        with_digest=digest,
    )
    parts = render_summary(user.language, summary, digest=digest, zone=caller.zone)
    messages = split_into_messages(parts)
    if len(messages) <= MAX_MESSAGES:
        # A day with photos, voice notes or files offers them back under its listing.
        markup = None
        if span.first == span.last and summary.marks:
            markup = day_media_markup(t(user.language, "media.send_day"), span.first)
        for index, text in enumerate(messages):
            last = index == len(messages) - 1
            await message.reply_text(text, reply_markup=markup if last else None)
        return
    if digest:
        await message.reply_text(parts[0])
    await _send_as_document(message, user, span, summary.entries, message.date)


async def _send_as_document(
    message: Message, user: UserSettings, span: DateSpan, entries: Sequence[Entry], at: datetime
) -> None:
    markdown = render_markdown(entries, exported_at=at)
    name = f"daylog-{span.first.isoformat()}--{span.last.isoformat()}.md"
    caption = t(
        user.language,
        "summary.as_document",
        count=len(entries),
        first=format_day(user.language, span.first),
        last=format_day(user.language, span.last),
    )
    await message.reply_document(InputFile(markdown.encode(), filename=name), caption=caption)
