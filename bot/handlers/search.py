"""/search with paging buttons, and /tags."""

from __future__ import annotations

import re
from datetime import tzinfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.answers.search import PAGE_SIZE, SearchResult, search_entries, tag_counts
from bot.answers.search_query import BadFilter, TooManyTerms
from bot.answers.search_results import render_results
from bot.context import DaylogContext
from bot.i18n import Html, t
from bot.models import Language
from bot.telegram.text import split_into_messages

_PAGE_DATA = re.compile(r"^search:(\d{1,18}):(\d{1,9})$")


async def search(update: Update, context: DaylogContext) -> None:
    """Find the user's entries: /search <words> [since <when>] [until <when>]."""
    message, caller = await context.message_caller(update)
    user = caller.user
    query = " ".join(context.args or [])
    today = caller.today
    result = await search_entries(context.store, user.user_id, query, today=today)
    if isinstance(result, BadFilter):
        reply = t(user.language, "search.bad_filter", phrase=result.phrase, keyword=result.keyword)
        await message.reply_text(reply)
        return
    if isinstance(result, TooManyTerms):
        reply = t(user.language, "search.too_many", count=result.count, limit=result.limit)
        await message.reply_text(reply)
        return
    if result.query.empty:
        await message.reply_text(t(user.language, "search.usage"))
        return
    search_id = await context.store.search.save(user.user_id, query, now=message.date)
    text, buttons = _page(user.language, result, search_id, caller.zone)
    await message.reply_text(text, reply_markup=buttons)


async def turn_page(update: Update, context: DaylogContext) -> None:
    """A paging button: only the user who searched can turn its pages."""
    query, caller = await context.button_caller(update)
    assert query.data and query.message  # noqa: S101 - the pattern ensures it
    user = caller.user
    match = _PAGE_DATA.match(query.data)
    saved = await context.store.search.saved(user.user_id, int(match[1])) if match else None
    if match is None or saved is None:
        await query.answer(t(user.language, "search.expired"), show_alert=True)
        return
    today = caller.today
    result = await search_entries(
        context.store, user.user_id, saved, today=today, offset=int(match[2])
    )
    await query.answer()
    if isinstance(result, SearchResult):
        text, buttons = _page(user.language, result, int(match[1]), caller.zone)
        await query.edit_message_text(text, reply_markup=buttons)


async def tags(update: Update, context: DaylogContext) -> None:
    """Every #tag the user wrote, with how many entries carry it."""
    message, caller = await context.message_caller(update)
    user = caller.user
    counts = await tag_counts(context.store, user.user_id)
    if not counts:
        await message.reply_text(t(user.language, "tags.none"))
        return
    lines = [t(user.language, "tags.line", tag=tag, count=count) for tag, count in counts]
    for text in split_into_messages([t(user.language, "tags.header"), *lines]):
        await message.reply_text(text)


def _page(
    language: Language, result: SearchResult, search_id: int, zone: tzinfo
) -> tuple[Html, InlineKeyboardMarkup | None]:
    buttons = []
    if result.offset > 0:
        newer = max(result.offset - PAGE_SIZE, 0)
        buttons.append(
            InlineKeyboardButton(
                t(language, "search.newer"), callback_data=f"search:{search_id}:{newer}"
            )
        )
    if result.offset + len(result.page.entries) < result.page.total:
        older = result.offset + PAGE_SIZE
        buttons.append(
            InlineKeyboardButton(
                t(language, "search.older"), callback_data=f"search:{search_id}:{older}"
            )
        )
    markup = InlineKeyboardMarkup([buttons]) if buttons else None
    return render_results(language, result, zone=zone), markup
