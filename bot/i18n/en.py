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
    "pause.error.bad_date": "I can't read <code>{text}</code> as a day. Try 2024-08-10.",
    "pause.error.past": "{day} has already passed.",
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
    "problem.error.number": "There is no open problem number {number}.",
    "settings.header": "<b>Your settings</b>",
    "settings.checkin": "⏰ Check-in: {at} on {days}",
    "settings.checkin_off": "⏰ Check-in: off (/checkin_at 21:30 turns it on)",
    "settings.timezone": "🌍 Timezone: {zone}",
    "settings.paused": "🏖 Paused up to and including {day}",
    "settings.next": "Next check-in: {at}",
    "settings.language": "🗣 Language: {language}",
    "settings.workday": "💼 Working day: {start}–{end}",
    "settings.reminder": "🔔 Reminder after {minutes} min without an answer",
    "settings.review": "📊 Weekly review: {day}",
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
