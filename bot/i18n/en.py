"""English catalogue. Templates are HTML; parameters are escaped by bot.i18n.t."""

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # Commands, as /help and Telegram's menu show them.
    "command.today": "today's entries",
    "command.undo": "delete your last entry",
    "command.lang": "answer in English or Chinese: /lang en | /lang zh",
    "command.help": "what I can do",
    "command.start": "start keeping your log",
    "command.unknown": "I don't know that command. /help lists what I can do.",
    # Start and help.
    "start.welcome": (
        "Hi {name}! I keep your daily log.\n\n"
        "Send me what you did, one message per thing; I file it under your day.\n"
        "Start a message with <code>2023-01-02:</code> or <code>yesterday:</code> to back-date it."
        "\n\nCommands:\n{commands}"
    ),
    "start.group": "I keep logs in private chats only. Write to me directly: {link}",
    "help.header": "Send me any text and I keep it as an entry of your log.\n\nCommands:",
    "help.line": "/{name} — {description}",
    # Capture.
    "capture.saved": "✅ Saved under {day}.",
    "capture.saved_backdated": "✅ Back-dated to {day}.",
    "capture.empty": "Nothing follows the date, so I kept nothing. Write the entry after it.",
    "capture.not_text": "I only keep text. Send it as a message, or add a caption to the photo.",
    # Listing and undo.
    "today.header": "<b>{day}</b> · {count} entries",
    "today.empty": "Nothing logged for {day} yet. Send me what you did.",
    "undo.deleted": "🗑 Deleted your last entry ({day}):\n\n{text}",
    "undo.nothing": "There is no entry to delete.",
    # Language.
    "lang.set": "I will answer in English.",
    "lang.usage": "Use /lang en or /lang zh.",
    # Access and errors.
    "access.refused": "Sorry, this bot is private.",
    "error.generic": "Something went wrong on my side; your last message may not have been kept.",
    # Dates.
    "day.format": "{weekday} {date}",
    "weekday.0": "Mon",
    "weekday.1": "Tue",
    "weekday.2": "Wed",
    "weekday.3": "Thu",
    "weekday.4": "Fri",
    "weekday.5": "Sat",
    "weekday.6": "Sun",
    # Operations.
    "command.forget": "delete everything I keep about you",
    "command.admin_stats": "users, entries, database size, uptime and version (admins only)",
    "forget.confirm": (
        "This deletes <b>everything</b> I keep about you: {entries} entries, their earlier "
        "versions and your settings. It cannot be undone.\n\nDelete it all?"
    ),
    "forget.yes": "Delete everything",
    "forget.no": "Cancel",
    "forget.done": "🗑 Done: everything I kept about you is deleted. Send /start to begin again.",
    "forget.cancelled": "Nothing was deleted.",
    "admin.stats": (
        "<b>daylog {version}</b>\nusers: {users}\nentries: {entries}\n"
        "database: {size} (schema {schema})\nuptime: {uptime}"
    ),
    "admin.uptime": "{days} d {hours} h {minutes} min",
    "admin.alert": "⚠️ A handler failed for user {user_id}: <b>{kind}</b>\n{message}",
}
