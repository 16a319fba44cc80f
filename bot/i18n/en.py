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
    # Progress.
    "command.progress": "how far you are with each book or course; /progress Dune for one",
    "command.done": "mark an item finished: /done Dune",
    "command.drop": "stop tracking an item: /drop Dune",
    "command.target": "finish an item by a day: /target Dune 2024-03-01",
    "command.merge": "join two items into one: /merge A | B",
    "command.rename": "rename an item: /rename A | B",
    "progress.captured": "📖 {title} {amount}",
    "progress.captured_done": "✅ Finished {title}",
    "progress.unit.percent": "{n}",
    "progress.unit.pages": "{n} pages",
    "progress.unit.chapters": "{n} chapters",
    "progress.unit.lessons": "{n} lessons",
    "progress.unit.days": "{n} days",
    "progress.unit.units": "{n}",
    "progress.pace.percent": "{n}%/day",
    "progress.pace.pages": "{n} pages/day",
    "progress.pace.chapters": "{n} chapters/day",
    "progress.pace.lessons": "{n} lessons/day",
    "progress.pace.days": "{n} days/day",
    "progress.pace.units": "{n}/day",
    "progress.header": "<b>Progress</b> · {active} in progress",
    "progress.page": " · page {page}/{pages}",
    "progress.finished_header": "<b>Finished</b>",
    "progress.item_title": "📖 <b>{title}</b>",
    "progress.updated": "{day}",
    "progress.pace": "⏱ {pace}",
    "progress.pace_eta": "⏱ {pace} · done about {eta}",
    "progress.stalled": "⏱ no progress in the last 30 days",
    "progress.target_ahead": "🎯 {day}: {quota} needed · ahead",
    "progress.target_behind": "🎯 {day}: {quota} needed · behind",
    "progress.target_only": "🎯 {day}",
    "progress.finished_line": "✅ <b>{title}</b> · {day}",
    "progress.completions": " · ×{count}",
    "progress.empty": (
        "Nothing tracked yet. Write progress the way you would in a notebook, such as "
        "<code>《Dune》 - 120/412</code>, <code>Dune: 40%</code> or <code>finished Dune</code>, "
        "and I will follow it."
    ),
    "progress.button_previous": "◀ Previous",
    "progress.button_next": "Next ▶",
    "progress.detail_title": "📖 <b>{title}</b>{status}",
    "progress.status_done": " · finished",
    "progress.status_dropped": " · dropped",
    "progress.detail_started": "Started {day} · {count} updates",
    "progress.read_through": "Read-through {count}",
    "progress.history": "<b>History</b>",
    "progress.history_line": "{day} · {amount}",
    "progress.history_done": "{day} · ✅ finished",
    "progress.history_more": "… {count} earlier updates",
    "progress.chart_caption": "📈 {title}",
    "progress.not_found": "I don't know an item called “{name}”.",
    "progress.suggest": "Your recent items: {names}. /progress lists them all.",
    "progress.no_items": "You have no items yet: write progress such as <code>Dune: 40%</code>.",
    "progress.usage_name": "Which item? Write /{command} and its name, e.g. /{command} Dune.",
    "progress.done": "✅ Marked {title} as finished.",
    "progress.already_done": "{title} is already finished.",
    "progress.dropped": (
        "🗑 Dropped {title}: it no longer shows in /progress. Log progress on it to bring it back."
    ),
    "progress.already_dropped": "{title} is already dropped.",
    "progress.target_set": "🎯 Target for {title}: {day}.",
    "progress.target_quota": "🎯 Target for {title}: {day}. That takes {quota} from today.",
    "progress.target_cleared": "The target for {title} is cleared.",
    "progress.target_usage": (
        "Write /target, the item and a day, e.g. <code>/target Dune 2024-03-01</code> "
        "(or <code>/target Dune none</code> to clear it)."
    ),
    "progress.target_bad_date": (
        "I can't read the last word as a date. Use 2024-03-01, 2024/3/1, 3-1 or 3月1日."
    ),
    "progress.target_past": "That day has passed. Pick today or a later day.",
    "progress.pair_usage": (
        "Write /{command} with a bar between the two names, "
        "e.g. <code>/{command} Dnue | Dune</code>."
    ),
    "progress.merge_same": "Both names are {title}: nothing to merge.",
    "progress.merged": "🔗 Merged {source} into {title}.",
    "progress.renamed": "✏️ Renamed {old} to {title}.",
    "progress.rename_taken": (
        "Another item is already called {title}. To join the two, use /merge {old} | {title}."
    ),
}
