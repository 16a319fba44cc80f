"""/progress and the item commands (/done, /drop, /target, /total, /merge, /rename)."""

from __future__ import annotations

import asyncio
from datetime import date
from functools import partial

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.caller import Caller
from bot.context import DaylogContext
from bot.i18n import Html, t
from bot.models import ProgressItem, UserSettings
from bot.progress import tracking
from bot.progress.commands import (
    TOTAL_UNITS,
    TargetRequest,
    TotalRequest,
    clean_title,
    command_argument,
    parse_target,
    parse_total,
    split_pair,
)
from bot.progress.listing import (
    Page,
    chart_target,
    item_detail,
    not_found,
    overview_page,
    short_title,
    total_reply,
)
from bot.progress.pace import format_number
from bot.progress.titles import title_key
from bot.telegram.day_listing import format_day

PAGE_DATA = "progress:page:"
# An item's button carries only its id; the handler looks it up among the presser's own items.
ITEM_DATA = "progress:item:"


async def show_progress(update: Update, context: DaylogContext) -> None:
    """/progress lists the items; /progress <name> shows one, with its chart."""
    message, caller = await context.message_caller(update)
    user = caller.user
    query = command_argument(message.text or "")
    if query:
        item = await _item_named(message, context, user, query)
        if item is not None:
            await _send_item(context, message.chat_id, caller, item)
        return
    found = await tracking.overview(context.store, user.user_id, caller.today)
    page = overview_page(user.language, found)
    await message.reply_text(page.text, reply_markup=_page_buttons(user, page))


async def turn_page(update: Update, context: DaylogContext) -> None:
    """A ◀/▶ button under /progress: show that page of the presser's own items."""
    query, caller = await context.button_caller(update)
    assert query.data and query.message  # noqa: S101 - the pattern ensures it
    await query.answer()
    # The data carries only a page number and the list is always the presser's own; a button
    # pressed outside the presser's private chat (a forged or forwarded one) does nothing.
    if query.message.chat.id != query.from_user.id:
        return
    user = caller.user
    number = int(query.data.removeprefix(PAGE_DATA))
    found = await tracking.overview(context.store, user.user_id, caller.today, number)
    page = overview_page(user.language, found)
    try:
        await query.edit_message_text(page.text, reply_markup=_page_buttons(user, page))
    except BadRequest as error:
        # The list did not change since the message was sent: nothing to redraw.
        if "not modified" not in error.message:
            raise


async def open_item(update: Update, context: DaylogContext) -> None:
    """An item's button under /progress: its detail and chart, as /progress <name> sends them."""
    query, caller = await context.button_caller(update)
    assert query.data and query.message  # noqa: S101 - the pattern ensures it
    user = caller.user
    # Looked up among the presser's own items, and only in the presser's private chat: a forged
    # id of another user's item is answered as one merged or deleted since the list was sent.
    own_chat = query.message.chat.id == query.from_user.id
    item_id = int(query.data.removeprefix(ITEM_DATA))
    item = await context.store.progress.item(user.user_id, item_id) if own_chat else None
    if item is None:
        await query.answer(t(user.language, "progress.item_gone"), show_alert=True)
        return
    await query.answer()
    await _send_item(context, query.message.chat.id, caller, item)


async def mark_done(update: Update, context: DaylogContext) -> None:
    """/done <name>: the item is finished (today)."""
    message, caller = await context.message_caller(update)
    user = caller.user
    item = await _item_named(message, context, user, command_argument(message.text or ""), "done")
    if item is None:
        return
    done = await tracking.mark_done(context.store, item, caller.today, caller.now)
    key = "progress.done" if done else "progress.already_done"
    await message.reply_text(t(user.language, key, title=short_title(item.title)))


async def drop(update: Update, context: DaylogContext) -> None:
    """/drop <name>: stop tracking an item; new progress on it brings it back."""
    message, caller = await context.message_caller(update)
    user = caller.user
    item = await _item_named(message, context, user, command_argument(message.text or ""), "drop")
    if item is None:
        return
    key = (
        "progress.dropped"
        if await tracking.drop(context.store, item)
        else "progress.already_dropped"
    )
    await message.reply_text(t(user.language, key, title=short_title(item.title)))


async def set_target(update: Update, context: DaylogContext) -> None:
    """/target <name> <date>: finish by that day; `none` clears it."""
    message, caller = await context.message_caller(update)
    user = caller.user
    request = parse_target(command_argument(message.text or ""), caller.today)
    if not isinstance(request, TargetRequest):
        await message.reply_text(t(user.language, f"progress.target_{request}"))
        return
    item = await _item_named(message, context, user, request.name, "target")
    if item is None:
        return
    await context.store.progress.set_target(user.user_id, item.id, request.day)
    await message.reply_text(await _target_reply(context, user, item, request.day, caller.today))


async def set_total(update: Update, context: DaylogContext) -> None:
    """/total <name> <N> [unit]: the whole of an item, which turns its counts into a share."""
    message, caller = await context.message_caller(update)
    user = caller.user
    request = parse_total(command_argument(message.text or ""))
    if not isinstance(request, TotalRequest):
        names = (t(user.language, f"progress.unit_name.{unit}") for unit in TOTAL_UNITS)
        units = t(user.language, "progress.unit_join").join(names)
        await message.reply_text(t(user.language, f"progress.total_{request}", units=units))
        return
    item = await _item_named(message, context, user, request.name, "total")
    if item is None:
        return
    item, state = await tracking.set_total(
        context.store, item, request.total, request.unit, caller.today
    )
    await message.reply_text(total_reply(user.language, item, state))


async def merge(update: Update, context: DaylogContext) -> None:
    """/merge A | B: A's history and names join B."""
    message, caller = await context.message_caller(update)
    user = caller.user
    pair = split_pair(command_argument(message.text or ""))
    if pair is None:
        await message.reply_text(t(user.language, "progress.pair_usage", command="merge"))
        return
    source = await _item_named(message, context, user, pair[0], "merge")
    into = await _item_named(message, context, user, pair[1], "merge") if source else None
    if source is None or into is None:
        return
    if source.id == into.id:
        await message.reply_text(
            t(user.language, "progress.merge_same", title=short_title(into.title))
        )
        return
    await tracking.merge(context.store, source, into)
    titles = {"source": short_title(source.title), "title": short_title(into.title)}
    await message.reply_text(t(user.language, "progress.merged", **titles))


async def rename(update: Update, context: DaylogContext) -> None:
    """/rename A | B: item A is called B from now on (and B names it in later entries)."""
    message, caller = await context.message_caller(update)
    user = caller.user
    pair = split_pair(command_argument(message.text or ""))
    title = clean_title(pair[1]) if pair else ""
    if pair is None or not title_key(title):
        await message.reply_text(t(user.language, "progress.pair_usage", command="rename"))
        return
    item = await _item_named(message, context, user, pair[0], "rename")
    if item is None:
        return
    renamed = await context.store.progress.rename(user.user_id, item.id, title, title_key(title))
    key = "progress.renamed" if renamed else "progress.rename_taken"
    names = {"old": short_title(item.title), "title": short_title(title)}
    await message.reply_text(t(user.language, key, **names))


def _page_buttons(user: UserSettings, page: Page) -> InlineKeyboardMarkup | None:
    """A button per item on the page (a row each: titles are long), then the ◀/▶ row."""
    rows = [
        [InlineKeyboardButton(short_title(item.title), callback_data=f"{ITEM_DATA}{item.id}")]
        for item in page.items
    ]
    buttons = []
    if page.number > 0:
        label = t(user.language, "progress.button_previous")
        buttons.append(InlineKeyboardButton(label, callback_data=f"{PAGE_DATA}{page.number - 1}"))
    if page.number < page.count - 1:
        label = t(user.language, "progress.button_next")
        buttons.append(InlineKeyboardButton(label, callback_data=f"{PAGE_DATA}{page.number + 1}"))
    if buttons:
        rows.append(buttons)
    return InlineKeyboardMarkup(rows) if rows else None


async def _item_named(
    message: Message,
    context: DaylogContext,
    user: UserSettings,
    name: str,
    command: str = "progress",
) -> ProgressItem | None:
    """The user's item called ``name``; otherwise say what went wrong and return None."""
    if not name:
        await message.reply_text(t(user.language, "progress.usage_name", command=command))
        return None
    item = await tracking.find(context.store, user.user_id, name)
    if item is None:
        titles = await tracking.recent_titles(context.store, user.user_id)
        await message.reply_text(not_found(user.language, name, titles))
    return item


async def _send_item(
    context: DaylogContext, chat_id: int, caller: Caller, item: ProgressItem
) -> None:
    """One item's detail, then its chart: for /progress <name> and the item's button alike."""
    user, today = caller.user, caller.today
    state, points = await tracking.detail(context.store, item, today)
    await context.bot.send_message(chat_id, item_detail(user.language, item, state, points))
    # matplotlib costs about a second and 50 MB to load: only the first chart pays for it.
    from bot.progress.charts import progress_chart  # noqa: PLC0415

    # Drawing takes tens of milliseconds of CPU: off the event loop, so other chats go on.
    chart = await asyncio.to_thread(
        partial(progress_chart, whole=tracking.whole_of(item)),
        item.title,
        points,
        chart_target(item, state),
    )
    caption = t(user.language, "progress.chart_caption", title=short_title(item.title))
    await context.bot.send_photo(chat_id, chart, caption=caption)


async def _target_reply(
    context: DaylogContext, user: UserSettings, item: ProgressItem, day: date | None, today: date
) -> Html:
    title = short_title(item.title)
    if day is None:
        return t(user.language, "progress.target_cleared", title=title)
    state, _ = await tracking.detail(context.store, item.model_copy(update={"target": day}), today)
    if state.daily_quota is None or state.finished:
        return t(
            user.language, "progress.target_set", title=title, day=format_day(user.language, day)
        )
    quota = t(user.language, f"progress.pace.{state.unit}", n=format_number(state.daily_quota))
    return t(
        user.language,
        "progress.target_quota",
        title=title,
        day=format_day(user.language, day),
        quota=quota,
    )
