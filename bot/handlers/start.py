"""/start, /help and /lang: registration, the command list and the answer language."""

from __future__ import annotations

from telegram import Update

from bot.commands import COMMANDS
from bot.context import DaylogContext
from bot.i18n import Html, language_for, t
from bot.models import Language


def command_list(language: Language) -> Html:
    """Every command with its one-line description."""
    lines = [
        t(
            language,
            "help.line",
            name=command.name,
            description=t(language, command.description_key),
        )
        for command in COMMANDS
    ]
    return Html("\n".join(lines))


async def start(update: Update, context: DaylogContext) -> None:
    """Register the user and say what the bot does."""
    message, caller = await context.message_caller(update)
    user = caller.user
    sender = message.from_user
    await message.reply_text(
        t(
            user.language,
            "start.welcome",
            name=sender.first_name if sender else "",
            commands=command_list(user.language),
        )
    )


async def start_in_group(update: Update, context: DaylogContext) -> None:
    """In a group, only point to a private chat; nothing is stored."""
    assert update.effective_user and update.effective_message  # noqa: S101 - filters ensure it
    language = language_for(update.effective_user.language_code)
    link = f"https://t.me/{context.bot.username}"
    await update.effective_message.reply_text(t(language, "start.group", link=link))


async def show_help(update: Update, context: DaylogContext) -> None:
    """List every command."""
    message, caller = await context.message_caller(update)
    user = caller.user
    header = t(user.language, "help.header")
    await message.reply_text(f"{header}\n{command_list(user.language)}")


async def set_language(update: Update, context: DaylogContext) -> None:
    """Switch the answer language: /lang zh | /lang en."""
    message, caller = await context.message_caller(update)
    user = caller.user
    choice = (context.args or [""])[0].lower()
    if choice not in ("en", "zh"):
        await message.reply_text(t(user.language, "lang.usage"))
        return
    language: Language = "zh" if choice == "zh" else "en"
    await context.store.users.set_language(user.user_id, language)
    await message.reply_text(t(language, "lang.set"))


async def unknown_command(update: Update, context: DaylogContext) -> None:
    """A command the bot does not know: say so instead of filing it as an entry."""
    message, caller = await context.message_caller(update)
    user = caller.user
    await message.reply_text(t(user.language, "command.unknown"))


async def unknown_button(update: Update, context: DaylogContext) -> None:
    """A button whose data no handler reads: answer it, so the client stops waiting."""
    query, caller = await context.button_caller(update)
    await query.answer(t(caller.user.language, "button.unknown"), show_alert=True)
