"""/stats: streaks and weekly counts as text, then a heatmap of the year as a photo."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.answers.stats import gather_stats
from bot.answers.stats_report import render_stats, stats_heatmap
from bot.answers.summaries import summary_sources
from bot.context import DaylogContext
from bot.i18n import t


async def stats(update: Update, context: DaylogContext) -> None:
    """The user's streaks, weeks, busiest items and heatmap."""
    message, caller = await context.message_caller(update)
    user = caller.user
    today = caller.today
    sources = summary_sources(context.store)
    weekdays = (await caller.checkin_prefs()).weekdays
    numbers = await gather_stats(context.store, sources, user.user_id, today, weekdays)
    if numbers is None:
        await message.reply_text(t(user.language, "stats.empty"))
        return
    await message.reply_text(render_stats(user.language, numbers))
    # Drawing takes a few hundred milliseconds of CPU; a thread keeps other chats answered.
    chart = await asyncio.to_thread(stats_heatmap, user.language, numbers)
    await message.reply_photo(chart, caption=t(user.language, "stats.heatmap_title"))
