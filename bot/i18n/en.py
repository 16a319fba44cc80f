"""English catalogue. Templates are HTML; parameters are escaped by bot.i18n.t."""

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # Commands, as /help and Telegram's menu show them.
    "command.today": "today's entries",
    "command.undo": "delete your last entry",
    "command.lang": "answer in English or Chinese: /lang en | /lang zh",
    "command.help": "what I can do",
    "command.start": "start keeping your log",
    "button.unknown": "That button does nothing any more. Send the command again for a fresh one.",
    "button.gone": (
        "The message with that button is gone, so the button can't work. Send the command again."
    ),
    "button.failed": "That button failed on my side. Send the command again.",
    "error.saved_unconfirmed": (
        "✅ Your message is saved; only my confirmation failed. No need to send it again."
    ),
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
    "capture.invisible": (
        "That message shows nothing (only invisible characters), so I kept nothing."
    ),
    "capture.edited_command": (
        "I don't run an edited command again, and it is not an entry. Send the command anew."
    ),
    # Media: voice notes, photos, files (bot/handlers/media.py).
    "capture.not_text": "I keep text, voice notes, photos and files; stickers are not entries.",
    "command.transcribe": (
        "turn voice notes into text again: reply /transcribe to one, or alone for every "
        "note without text"
    ),
    "media.transcribing": "{mark} · transcribing…",
    "media.transcript": "{mark}\n{text}",
    "media.heard_nothing": "{mark} · I heard no words in it.",
    "media.transcription_off": (
        "{mark} kept. Transcription is off on this bot, so its entry has no words."
    ),
    "media.transcription_failed": (
        "{mark} kept, but I could not transcribe it. /transcribe tries again."
    ),
    "media.too_big": (
        "⚠️ {name} is over 20 MB, more than bots may download: the entry keeps "
        "Telegram's copy, not one of my own."
    ),
    "media.over_quota": (
        "⚠️ Your space for files ({quota} MB) is full: the entry keeps its text and "
        "Telegram's copy of {name}, not one of my own."
    ),
    "media.download_failed": (
        "⚠️ I could not download {name} just now: the entry keeps Telegram's copy of it."
    ),
    "media.corrected": "✏️ Corrected.",
    "media.transcribe_nothing": (
        "No voice note is waiting for its text. Reply /transcribe to a voice note to "
        "transcribe it again."
    ),
    "media.transcribe_off": "Transcription is off on this bot.",
    "media.forwarded": "↪️ from {name} · {day}",
    "media.forwarded_signed": "↪️ from {name} ({signature}) · {day}",
    "media.send_day": "📎 Send the day's media",
    "media.file": "file",
    # Listing and undo.
    "today.header": "<b>{day}</b> · {count:entry|entries}",
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
        "This deletes <b>everything</b> I keep about you: {entries:entry|entries}, their earlier "
        "versions and your settings. It cannot be undone.\n\nDelete it all?"
    ),
    "forget.yes": "Delete everything",
    "forget.no": "Cancel",
    "forget.done": "🗑 Done: everything I kept about you is deleted. Send /start to begin again.",
    "forget.cancelled": "Nothing was deleted.",
    "admin.stats": (
        "<b>daylog {version}</b>\nusers: {users}\nentries: {entries}\n"
        "database: {size} (schema {schema})\n"
        "media files: {media}, {waiting} waiting for a transcript\nuptime: {uptime}"
    ),
    "admin.uptime": "{days} d {hours} h {minutes} min",
    "admin.alert": "⚠️ A handler failed for user {user_id}: <b>{kind}</b>\n{message}",
    # Progress.
    "command.progress": "how far you are with each book or course; /progress Dune for one",
    "command.done": "mark an item finished: /done Dune",
    "command.drop": "stop tracking an item: /drop Dune",
    "command.target": "finish an item by a day: /target Dune 2024-03-01",
    "command.total": "how much an item has in all: /total Dune 412 pages",
    "command.merge": "join two items into one: /merge A | B",
    "command.rename": "rename an item: /rename A | B",
    "progress.captured": "📖 {title} {amount}",
    "progress.captured_count": "📖 {title} · {count}",
    "progress.captured_total": "📏 {title}: {amount} in all",
    "progress.captured_done": "✅ Finished {title}",
    "progress.unit.percent": "{n}",
    "progress.count.percent": "{n}%",
    "progress.pace.percent": "{n}%/day",
    "progress.pace_week.percent": "{n}%/week",
    "progress.unit_name.percent": "percent",
    "progress.unit.pages": "{n:page|pages}",
    "progress.count.pages": "page {n}",
    "progress.pace.pages": "{n:page|pages}/day",
    "progress.pace_week.pages": "{n:page|pages}/week",
    "progress.unit_name.pages": "pages",
    "progress.unit.chapters": "{n:chapter|chapters}",
    "progress.count.chapters": "chapter {n}",
    "progress.pace.chapters": "{n:chapter|chapters}/day",
    "progress.pace_week.chapters": "{n:chapter|chapters}/week",
    "progress.unit_name.chapters": "chapters",
    "progress.unit.lessons": "{n:lesson|lessons}",
    "progress.count.lessons": "lesson {n}",
    "progress.pace.lessons": "{n:lesson|lessons}/day",
    "progress.pace_week.lessons": "{n:lesson|lessons}/week",
    "progress.unit_name.lessons": "lessons",
    "progress.unit.days": "{n:day|days}",
    "progress.count.days": "day {n}",
    "progress.pace.days": "{n:day|days}/day",
    "progress.pace_week.days": "{n:day|days}/week",
    "progress.unit_name.days": "days",
    "progress.unit.units": "{n}",
    "progress.count.units": "unit {n}",
    "progress.pace.units": "{n}/day",
    "progress.pace_week.units": "{n}/week",
    "progress.unit_name.units": "units",
    "progress.unit.episodes": "{n:episode|episodes}",
    "progress.count.episodes": "episode {n}",
    "progress.pace.episodes": "{n:episode|episodes}/day",
    "progress.pace_week.episodes": "{n:episode|episodes}/week",
    "progress.unit_name.episodes": "episodes",
    "progress.unit.parts": "{n:part|parts}",
    "progress.count.parts": "part {n}",
    "progress.pace.parts": "{n:part|parts}/day",
    "progress.pace_week.parts": "{n:part|parts}/week",
    "progress.unit_name.parts": "parts",
    "progress.unit.weeks": "{n:week|weeks}",
    "progress.count.weeks": "week {n}",
    "progress.pace.weeks": "{n:week|weeks}/day",
    "progress.pace_week.weeks": "{n:week|weeks}/week",
    "progress.unit_name.weeks": "weeks",
    "progress.unit.courses": "{n:course|courses}",
    "progress.count.courses": "course {n}",
    "progress.pace.courses": "{n:course|courses}/day",
    "progress.pace_week.courses": "{n:course|courses}/week",
    "progress.unit_name.courses": "courses",
    "progress.unit.seasons": "{n:season|seasons}",
    "progress.count.seasons": "season {n}",
    "progress.pace.seasons": "{n:season|seasons}/day",
    "progress.pace_week.seasons": "{n:season|seasons}/week",
    "progress.unit_name.seasons": "seasons",
    "progress.unit.sections": "{n:section|sections}",
    "progress.count.sections": "section {n}",
    "progress.pace.sections": "{n:section|sections}/day",
    "progress.pace_week.sections": "{n:section|sections}/week",
    "progress.unit_name.sections": "sections",
    "progress.unit.modules": "{n:module|modules}",
    "progress.count.modules": "module {n}",
    "progress.pace.modules": "{n:module|modules}/day",
    "progress.pace_week.modules": "{n:module|modules}/week",
    "progress.unit_name.modules": "modules",
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
    "progress.item_gone": "That item is gone (merged or deleted). Send /progress for the list.",
    "progress.detail_title": "📖 <b>{title}</b>{status}",
    "progress.status_done": " · finished",
    "progress.status_dropped": " · dropped",
    "progress.detail_started": "Started {day} · {count} updates",
    "progress.read_through": "Read-through {count}",
    "progress.history": "<b>History</b>",
    "progress.history_line": "{day} · {amount}",
    "progress.history_total": "{day} · 📏 {amount} in all",
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
        "I can't read the end as a date. Use 2024-03-01, 3/1, 3月1日, next friday or 下周五 "
        "(days from 1900 to 2200)."
    ),
    "progress.target_past": "That day has passed. Pick today or a later day.",
    "progress.total_set": "📏 {title}: {amount} in all.",
    "progress.total_now": "📏 {title}: {amount} in all. That makes it {percent}% done.",
    "progress.total_cleared": "The total you gave {title} is cleared.",
    "progress.total_usage": (
        "Write /total, the item and how much it has in all, e.g. "
        "<code>/total Dune 412 pages</code> (or <code>/total Dune none</code> to clear it). "
        "Units: {units}."
    ),
    "progress.unit_join": ", ",
    "progress.total_bad_unit": "I don't know that unit. Units: {units}.",
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
    # Summaries, search, stats, export.
    "command.yesterday": "yesterday's entries",
    "command.week": "this week, with a digest; /week 上周 for another week",
    "command.month": "this month, with a digest; /month 2023-05 for another",
    "command.day": "one day or span: /day 2023-01-02, /day 上周一, /day last week",
    "command.search": "find entries: /search 预算 since last month",
    "command.tags": "your #tags with counts",
    "command.stats": "streaks, weekly counts and a heatmap of the year",
    "command.export": "your whole log as a file: /export md|json|csv|jrnl",
    "command.import": "send a .md or .txt file with the caption /import",
    "summary.empty": "Nothing logged from {first} to {last}.",
    "summary.progress": "📈 {items}",
    "summary.checkin": "🧭 Check-in: {status} {states}",
    "summary.day_usage": (
        "Which day? /day 2023-01-02, /day 1月2日, /day 上周一, /day 3 天前, "
        "/day last friday or /day last week."
    ),
    "summary.bad_when": (
        "I can't read “{phrase}” as a date. Try 2023-01-02, 1月2日, 上周一, 3 天前, "
        "last friday or last week (days from 1900 to 2200)."
    ),
    "summary.as_document": (
        "📄 {count:entry|entries} from {first} to {last}: too long for chat, "
        "so here they are as a file."
    ),
    "checkin_status.done": "done",
    "checkin_status.missed": "missed",
    "checkin_status.skipped": "skipped",
    "checkin_status.paused": "paused",
    "digest.title": "<b>{first} – {last}</b>",
    "digest.days": "📅 {days} of {span} days logged · {entries:entry|entries}",
    "digest.streak": "🔥 Streak: {current} days (longest {longest})",
    "digest.moved": "📈 {item}: {start} → {end} ({delta})",
    "digest.now_at": "📈 {item}: now {end}",
    "digest.finished": "🏁 Finished: {item}",
    "digest.checkins": "🧭 Check-ins done: {done} of {days} days {states}",
    "search.usage": (
        "What should I look for? For example /search 预算, /search deploy since last week, "
        "/search #reading until 2023-06-30."
    ),
    "search.bad_filter": (
        "I can't read “{phrase}” after {keyword} as a date. Try 2023-01-02, 1月2日, 上周一, "
        "3 天前 or last week (days from 1900 to 2200)."
    ),
    "search.too_many": (
        "That is {count} words; a search takes up to {limit} words and #tags. "
        "Pick the few that matter most."
    ),
    "search.none": "🔎 Nothing matches {query}.",
    "search.header": "🔎 {query} · {total:entry|entries} · {first}–{last}",
    "search.newer": "« Newer",
    "search.older": "Older »",
    "search.expired": "That search has expired; send /search again.",
    "tags.header": "🏷 Your tags:",
    "tags.line": "#{tag} — {count}",
    "tags.none": "No #tags yet. Add one to any entry, like #reading.",
    "stats.empty": "Nothing logged yet, so there are no stats. Send me what you did.",
    "stats.header": "<b>Your log</b> · {entries:entry|entries} on {days:day|days} since {first}",
    "stats.streak": "🔥 Current streak: {current} days · longest: {longest} days",
    "stats.weeks": "Entries per week, last 12 weeks (week of):",
    "stats.week_line": "<code>{label} {bar} {count}</code>",
    "stats.busiest": "Busiest items, last 12 weeks:",
    "stats.busiest_line": "• {item} — {count} updates",
    "stats.heatmap_title": "Entries per day, past year",
    "chart.months": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    "chart.weekdays": "Mon,,Wed,,Fri,,",
    "export.usage": (
        "Which format? /export md, /export json, /export csv, /export jrnl or /export "
        "zip (with your photos, voice notes and files)."
    ),
    "export.too_big": (
        "The export is {size} MB, over the 50 MB a bot may send. On the bot's machine, "
        "daylog export --format zip writes it to a file."
    ),
    "export.empty": "Your log is empty; there is nothing to export yet.",
    "export.caption": "📦 Your whole log: {count:entry|entries}, {first} to {last}.",
    "import.usage": (
        "Send me a .md or .txt file, a .zip of daily notes or a zip from /export zip, with the "
        "caption /import (or reply /import to the file)."
    ),
    "import.too_big": (
        "That file is {size} MB; Telegram lets bots download up to 20 MB. Nothing was imported."
    ),
    "import.binary": (
        "That file is not text (.md or .txt) or a readable .zip of notes. Nothing was imported."
    ),
    "import.no_sections": (
        "I found no dated sections (### 2023-01-02, **May 1, 2023**, ## Day 1 …), "
        "daily notes or jrnl entries in {file}. "
        "Nothing was imported."
    ),
    "import.preview": (
        "<b>Import {file}?</b> ({format})\n"
        "📅 {days} days, {first} – {last}\n"
        "📝 {entries:entry|entries}: {new} new, {present} already in your log\n"
        "📈 {progress} progress updates"
    ),
    "import.zip_files": "📎 {count:file|files} with the new entries, restored too",
    "import.files_kept": "📎 {count:file|files} restored.",
    "import.files_missing": (
        "⚠️ {count:file|files} missing or damaged in the zip, left out (the entries' text is "
        "imported)."
    ),
    "import.files_over_quota": (
        "⚠️ {count:file|files} left out: over your media quota of {quota} MB (the entries' "
        "text is imported)."
    ),
    "import.format.md": "dated Markdown",
    "import.format.jrnl": "jrnl",
    "import.format.notes": "a folder of daily notes",
    "import.needs_start": (
        "{file} numbers its days (Day 1, Day 2, …) but never says which date one was. "
        "Reply to the file with /import and the day its first Day was, e.g. "
        "/import 2023-05-01. Nothing was imported."
    ),
    "import.needs_start.cli": (
        "{file} numbers its days (Day 1, Day 2, …) but never says which date one was. "
        "Run it again with --start and the day its first Day was, e.g. --start 2023-05-01. "
        "Nothing was imported."
    ),
    "import.bad_start": (
        "After /import I expected the day the file's first Day was, e.g. /import 2023-05-01."
    ),
    "import.flagged": "⚠️ Headings with a slip, read as a person would:",
    "import.flagged.unreadable-end": (
        "line {line}: {heading} (the end is no date: filed under the first day)"
    ),
    "import.flagged.reversed": (
        "line {line}: {heading} (ends before it starts: filed under the first day)"
    ),
    "import.undated": (
        "⚠️ {title}Day {first}–{last} (lines {first_line}–{last_line}) name no date and are "
        "left out; send it again as /import with the day of Day {first}."
    ),
    "import.left_out": "⚠️ Lines left out, outside any dated day: {lines}",
    "import.left_out_in": "⚠️ {file}, lines left out: {lines}",
    "import.decoration": "🖼 {count:line|lines} of images, comments and rules left out: {lines}",
    "import.files_left_out": "⚠️ Files in the zip that are no notes, left out: {files}",
    "import.unreadable": "⚠️ Headings I could not read, left out:",
    "import.out_of_range": "⚠️ Days outside 1900–2200, left out:",
    "import.unreadable_line": "line {line}: {heading}",
    "import.unreadable_more": "…and {count} more",
    "import.confirm": "✅ Import",
    "import.cancel": "Cancel",
    "import.done": "✅ Imported {added} entries ({present} were already in your log).",
    "import.cancelled": "Import cancelled; nothing changed.",
    "import.expired": "This import is no longer waiting; send the file again.",
    # Check-in.
    "command.checkin": "start today's check-in now",
    "command.checkin_at": "when your check-in comes: /checkin_at 21:30 [mon-fri]",
    "command.timezone": "your timezone: /timezone Asia/Shanghai",
    "command.checkin_off": "stop the scheduled check-ins",
    "command.pause": "no check-ins until a day: /pause 2024-08-10 | /pause off",
    "command.settings": "everything you have set",
    "command.states": "your healthy and off states: /states healthy a, b",
    "command.goal": "your key goal: /goal ship the beta; /goal alone shows it",
    "command.problem": "key problems: /problem text | /problem done 1",
    "checkin_at.error.empty": (
        "Tell me when: <code>/checkin_at 21:30</code>, or with days: "
        "<code>/checkin_at 21:30 mon-fri</code>."
    ),
    "checkin_at.error.bad_time": (
        "I can't read <code>{text}</code> as a time. Try <code>/checkin_at 21:30</code>."
    ),
    "checkin_at.error.bad_days": (
        "I can't read <code>{text}</code> as days of the week. Try <code>mon-fri</code>, "
        "<code>sat,sun</code> or <code>weekdays</code>."
    ),
    "timezone.error.empty": "Send a timezone name such as <code>/timezone Asia/Shanghai</code>.",
    "timezone.error.unknown": (
        "I don't know the timezone <code>{name}</code>. Use an IANA name such as "
        "<code>Europe/Berlin</code> or <code>Asia/Shanghai</code>."
    ),
    "timezone.error.unknown_suggest": (
        "I don't know the timezone <code>{name}</code>. Did you mean {suggestions}?"
    ),
    "timezone.current": (
        "Your timezone is <b>{zone}</b>. Change it with <code>/timezone Asia/Shanghai</code>."
    ),
    "timezone.set": "🌍 Timezone set to <b>{zone}</b> (it is {time} there now).",
    "schedule.next": "⏰ Next check-in: {at} ({zone}).",
    "schedule.next_none": "No check-in is scheduled. Turn them on with /checkin_at 21:30.",
    "checkin_off.done": (
        "🔕 Scheduled check-ins are off. /checkin still starts one; /checkin_at turns them on."
    ),
    "pause.error.empty": "Until when? <code>/pause 2024-08-10</code>, or <code>/pause off</code>.",
    "pause.error.bad_date": (
        "I can't read <code>{text}</code> as a day. Try 2024-08-10, 8/10, next friday or 下周五"
        " (days from 1900 to 2200)."
    ),
    "pause.error.past": "{day} has already passed.",
    "pause.error.too_far": (
        "A pause lasts a year at most (up to {limit}). For longer, turn check-ins off with"
        " /checkin_off."
    ),
    "pause.set": (
        "🏖 Check-ins paused up to and including {day}. Paused days don't break your streak."
    ),
    "pause.off": "▶️ Pause ended.",
    "plan.error.unreadable": (
        "I couldn't read these lines as time blocks:\n<pre>{lines}</pre>\n"
        "Write one block per line, like <code>09:00-11:00 write the design doc</code>."
    ),
    "plan.error.empty": (
        "Write one block per line, like <code>09:00-11:00 write the design doc</code>."
    ),
    "states.error.empty": "Give at least one state, separated by commas.",
    "states.error.too_many": "At most {limit} states in a list.",
    "states.error.too_long": "“{state}” is too long for a button (at most {limit} characters).",
    "states.error.which": (
        "Which list? <code>/states healthy Focused, Left on time</code>, "
        "<code>/states off Procrastinated</code> or <code>/states reset</code>."
    ),
    "states.show": (
        "🟢 Healthy: {healthy}\n🔴 Off: {off}\n\n"
        "Change a list with <code>/states healthy a, b</code> or <code>/states off x, y</code>; "
        "<code>/states reset</code> restores the defaults."
    ),
    "goal.show": "🎯 Key goal: <b>{goal}</b>",
    "goal.unset": "🎯 No key goal yet. Set one with <code>/goal ship the beta by June</code>.",
    "problem.header": "Key problems:",
    "problem.line": "{number}. {text}",
    "problem.none": "No open key problems. Add one with <code>/problem &lt;text&gt;</code>.",
    "problem.error.done_usage": (
        "Close a problem by its number as /problem shows it: <code>/problem done 2</code>."
    ),
    "problem.error.number": "There is no open problem number {number}.",
    "command.workday": "your working day for the plan step: /workday 10:00-19:00 | reset",
    "command.reminder": "minutes before an unanswered check-in is nudged: /reminder 45 | reset",
    "command.review_day": "the day of your weekly review: /review_day sun | reset",
    "habits.next_checkin": (
        "This applies from your next check-in; one already open keeps the values it started with."
    ),
    "workday.show_default": (
        "💼 Your working day is <b>{value}</b> (the default). The plan step tells you how much "
        "of it you left unplanned.\nChange it with <code>/workday 10:00-19:00</code> "
        "(or <code>/workday 10-19</code>)."
    ),
    "workday.show_own": (
        "💼 Your working day is <b>{value}</b> (set by you; the default is {default}). The plan "
        "step tells you how much of it you left unplanned.\nChange it with "
        "<code>/workday 10:00-19:00</code>, or go back to the default with "
        "<code>/workday reset</code>."
    ),
    "workday.set": "💼 Your working day is now <b>{value}</b>.",
    "workday.reset": "💼 Your working day is back to the default, <b>{value}</b>.",
    "workday.error.bad": (
        "I can't read <code>{text}</code> as a working day. Try "
        "<code>/workday 09:00-18:00</code>, <code>/workday 9-18</code> or "
        "<code>/workday reset</code>. Nothing was changed."
    ),
    "workday.error.order": (
        "A working day must end after it starts, and {end} is not after {start}. Try "
        "<code>/workday 09:00-18:00</code>. Nothing was changed."
    ),
    "reminder.value": "{minutes} min",
    "reminder.show_default": (
        "🔔 A check-in you have not answered gets one reminder after <b>{value}</b> "
        "(the default).\nChange it with <code>/reminder 45</code> (1 to 720 minutes)."
    ),
    "reminder.show_own": (
        "🔔 A check-in you have not answered gets one reminder after <b>{value}</b> "
        "(set by you; the default is {default}).\nChange it with <code>/reminder 45</code> "
        "(1 to 720 minutes), or go back to the default with <code>/reminder reset</code>."
    ),
    "reminder.set": (
        "🔔 A check-in you have not answered now gets its reminder after <b>{value}</b>."
    ),
    "reminder.reset": "🔔 The reminder is back to the default: after <b>{value}</b>.",
    "reminder.error.bad": (
        "I can't read <code>{text}</code> as minutes. Try <code>/reminder 45</code> or "
        "<code>/reminder reset</code>. Nothing was changed."
    ),
    "reminder.error.range": (
        "{minutes} minutes is out of range: choose from {least} to {most}. Nothing was changed."
    ),
    "review_day.show_default": (
        "📊 Your weekly review follows the check-in on <b>{value}</b> (the default), or your "
        "last check-in day before it.\nChange it with <code>/review_day fri</code>."
    ),
    "review_day.show_own": (
        "📊 Your weekly review follows the check-in on <b>{value}</b> (set by you; the default "
        "is {default}), or your last check-in day before it.\nChange it with "
        "<code>/review_day fri</code>, or go back to the default with "
        "<code>/review_day reset</code>."
    ),
    "review_day.set": "📊 Your weekly review now comes on <b>{value}</b>.",
    "review_day.reset": "📊 Your weekly review is back to the default, <b>{value}</b>.",
    "review_day.error.bad": (
        "I can't read <code>{text}</code> as a day of the week. Try "
        "<code>/review_day sun</code>, <code>/review_day 周日</code> or "
        "<code>/review_day reset</code>. Nothing was changed."
    ),
    "review_day.error.one": (
        "The weekly review comes on one day, and <code>{text}</code> is more than one. Try "
        "<code>/review_day sun</code>. Nothing was changed."
    ),
    "settings.header": "<b>Your settings</b>",
    "settings.checkin": "⏰ Check-in: {at} on {days}",
    "settings.checkin_off": "⏰ Check-in: off (/checkin_at 21:30 turns it on)",
    "settings.timezone": "🌍 Timezone: {zone}",
    "settings.paused": "🏖 Paused up to and including {day}",
    "settings.next": "Next check-in: {at}",
    "settings.language": "🗣 Language: {language}",
    "settings.workday": "💼 Working day: {value}{origin}",
    "settings.reminder": "🔔 Reminder after {value} without an answer{origin}",
    "settings.review_day": "📊 Weekly review: {value}{origin}",
    "settings.default": " (default)",
    "settings.own": " (set by you)",
    "settings.goal": "🎯 Key goal: {goal}",
    "duration": "{hours}h{minutes:02d}",
    "checkin.today": (
        "🌙 <b>Evening check-in</b> · {day}\n\nToday you logged {count}:\n{entries}\n\n"
        "Anything you send now is added to today. Press Next when you are ready."
    ),
    "checkin.today.empty": (
        "🌙 <b>Evening check-in</b> · {day}\n\nNothing logged today yet. Send what you did, "
        "one message per thing, then press Next."
    ),
    "checkin.actual.header": "📋 <b>Yesterday's plan beside what you logged</b>",
    "checkin.actual.block": "{number}. <code>{span}</code> {text} {mark}\n    ↳ {logged}",
    "checkin.actual.none": "nothing logged that looks like it",
    "checkin.actual.unplanned": "Also logged, unplanned:\n{entries}",
    "checkin.actual.ask": "\nFor each block: done, partly or not done?",
    "checkin.states": (
        "🧭 <b>How did today go?</b> Tick what applies.\n🟢 Healthy: {healthy}\n🔴 Off: {off}"
    ),
    "checkin.goal": "🎯 Did today's work serve your key goal: <b>{goal}</b>?",
    "checkin.goal.none": (
        "🎯 You have no key goal yet; set one any time with <code>/goal &lt;text&gt;</code>."
    ),
    "checkin.goal_note": "Anything to note about it? Send it, or press No note.",
    "checkin.plan": (
        "🗓 <b>Tomorrow's plan</b>: send time blocks, one per line, e.g.\n"
        "<code>09:00-11:00 write the design doc\n14:00-15:00 team meeting</code>\n"
        "Your working day is {start}–{end}; keep about an hour free for the unexpected."
    ),
    "checkin.plan.table": "🗓 Tomorrow:\n<pre>{table}</pre>",
    "checkin.plan.buffer": "Unplanned in your working day ({start}–{end}): <b>{buffer}</b>.",
    "checkin.plan.overlap": "⚠️ “{first}” and “{second}” overlap.",
    "checkin.plan.warning": (
        "🙂 That leaves less than an hour of buffer. Something unplanned usually turns up; "
        "maybe drop or shorten a block?"
    ),
    "checkin.done": "✅ Check-in done. 🔥 Streak: <b>{streak}</b> days (longest {longest}).",
    "checkin.skipped": "⏭ Skipped today. Your streak stays at {streak}.",
    "checkin.snoozed": "⏰ I'll ask again at {at}.",
    "checkin.reminder": "🔔 Your check-in is still waiting.",
    "checkin.stale": "That question has passed.",
    "checkin.closed": "This check-in is closed. /checkin starts a new one.",
    "checkin.not_yours": "This button isn't for you.",
    "checkin.button.next": "Next ▶",
    "checkin.button.no_note": "No note ▶",
    "checkin.button.no_plan": "No plan for tomorrow ▶",
    "checkin.button.skip_question": "Skip question ▶",
    "checkin.button.snooze": "⏰ Remind me in 30 min",
    "checkin.button.skip": "Skip today",
    "checkin.button.state_off": "{state}",
    "checkin.button.state_on_healthy": "🟢 {state}",
    "checkin.button.state_on_off": "🔴 {state}",
    "checkin.button.goal_yes": "Yes",
    "checkin.button.goal_partly": "Partly",
    "checkin.button.goal_no": "No",
    "checkin.button.result_d": "{chosen}{number} ✅ done",
    "checkin.button.result_p": "{chosen}{number} ◐ partly",
    "checkin.button.result_n": "{chosen}{number} ✗ not done",
    "checkin.review.header": "📊 <b>Weekly review</b> · {first} – {last}",
    "checkin.review.healthy": "🟢 Healthy states (this week, last week):",
    "checkin.review.off": "🔴 Off states (this week, last week):",
    "checkin.review.state": "  • {state}: {now} ({before})",
    "checkin.review.goal": "🎯 Served the key goal: {share}% over {days} answered days",
    "checkin.review.goal_none": "🎯 No day answered the key-goal question this week.",
    "checkin.review.plan": "🗓 Plan blocks: {done} done, {partly} partly, of {total}",
    "checkin.review.checkins": "Check-ins: {done} done, {skipped} skipped, {missed} missed",
    "checkin.review.streak": "🔥 Streak: {streak} days (longest {longest})",
    "checkin.review.q1": "What is your key goal right now?",
    "checkin.review.q2": "What are the key problems in the way?",
    "checkin.review.q3": "Has your recent main work served the key goal?",
}
