"""中文目录。模板是 HTML；参数由 bot.i18n.t 转义。"""

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # Commands, as /help and Telegram's menu show them.
    "command.today": "今天的记录",
    "command.undo": "删除最后一条记录",
    "command.lang": "切换语言：/lang zh | /lang en",
    "command.help": "我能做什么",
    "command.start": "开始记录",
    "command.unknown": "我不认识这个命令。/help 可以看到全部命令。",
    # Start and help.
    "start.welcome": (
        "你好，{name}！我来帮你记日志。\n\n"
        "把做过的事发给我，一件事一条消息，我会记到当天。\n"
        "消息以 <code>2023-01-02：</code> 或 <code>昨天：</code> 开头，就会记到那一天。"
        "\n\n命令：\n{commands}"
    ),
    "start.group": "我只在私聊里记日志，请直接找我：{link}",
    "help.header": "发给我任何文字，我都会记成一条日志。\n\n命令：",
    "help.line": "/{name} — {description}",
    # Capture.
    "capture.saved": "✅ 已记到 {day}。",
    "capture.saved_backdated": "✅ 已补记到 {day}。",
    "capture.empty": "日期后面没有内容，所以没有记录。请把内容写在日期后面。",
    "capture.not_text": "我只保存文字。请直接发文字，或给图片加上说明。",
    # Listing and undo.
    "today.header": "<b>{day}</b> · {count} 条",
    "today.empty": "{day} 还没有记录，把做过的事发给我吧。",
    "undo.deleted": "🗑 已删除最后一条记录（{day}）：\n\n{text}",
    "undo.nothing": "没有可以删除的记录。",
    # Language.
    "lang.set": "好的，之后用中文回复。",
    "lang.usage": "用法：/lang zh 或 /lang en。",
    # Access and errors.
    "access.refused": "抱歉，这是一个私人机器人。",
    "error.generic": "我这边出了点问题，你刚才的消息可能没有保存。",
    # Dates.
    "day.format": "{date}（{weekday}）",
    "weekday.0": "周一",
    "weekday.1": "周二",
    "weekday.2": "周三",
    "weekday.3": "周四",
    "weekday.4": "周五",
    "weekday.5": "周六",
    "weekday.6": "周日",
    # Check-in.
    "command.checkin": "现在开始今天的自检",
    "command.checkin_at": "自检时间：/checkin_at 21:30 [周一-周五]",
    "command.timezone": "你的时区：/timezone Asia/Shanghai",
    "command.checkin_off": "关闭定时自检",
    "command.pause": "暂停自检到某天：/pause 2024-08-10 | /pause off",
    "command.settings": "查看全部设置",
    "command.states": "健康与异常状态：/states 健康 专注, 按时下班",
    "command.goal": "关键目标：/goal 内容；只发 /goal 查看",
    "command.problem": "关键问题：/problem 内容 | /problem done 1",
    "checkin_at.error.empty": (
        "请告诉我时间：<code>/checkin_at 21:30</code>，或加上星期："
        "<code>/checkin_at 21:30 周一-周五</code>。"
    ),
    "checkin_at.error.bad_time": (
        "看不懂时间 <code>{text}</code>。试试 <code>/checkin_at 21:30</code>。"
    ),
    "checkin_at.error.bad_days": (
        "看不懂星期 <code>{text}</code>。试试 <code>周一-周五</code>、<code>周六,周日</code> "
        "或 <code>工作日</code>。"
    ),
    "timezone.error.empty": "请发送时区名称，例如 <code>/timezone Asia/Shanghai</code>。",
    "timezone.error.unknown": (
        "不认识时区 <code>{name}</code>。请用 IANA 名称，例如 <code>Asia/Shanghai</code>。"
    ),
    "timezone.error.unknown_suggest": "不认识时区 <code>{name}</code>。你是说 {suggestions} 吗？",
    "timezone.current": "你的时区是 <b>{zone}</b>。用 <code>/timezone Asia/Shanghai</code> 修改。",
    "timezone.set": "🌍 时区已设为 <b>{zone}</b>（那里现在是 {time}）。",
    "schedule.next": "⏰ 下次自检：{at}（{zone}）。",
    "schedule.next_none": "目前没有定时自检。用 /checkin_at 21:30 打开。",
    "checkin_off.done": "🔕 定时自检已关闭。/checkin 仍可随时开始；/checkin_at 重新打开。",
    "pause.error.empty": "暂停到哪天？<code>/pause 2024-08-10</code>，或 <code>/pause off</code>。",
    "pause.error.bad_date": "看不懂日期 <code>{text}</code>。试试 2024-08-10。",
    "pause.error.past": "{day} 已经过去了。",
    "pause.set": "🏖 自检暂停到 {day}（含当天）。暂停的日子不会中断连续天数。",
    "pause.off": "▶️ 暂停已结束。",
    "plan.error.unreadable": (
        "这几行看不出是时间块：\n<pre>{lines}</pre>\n"
        "请每行写一块，例如 <code>09:00-11:00 写文档</code>。"
    ),
    "plan.error.empty": "请每行写一块，例如 <code>09:00-11:00 写文档</code>。",
    "states.error.empty": "请至少写一个状态，用逗号分隔。",
    "states.error.too_many": "每个列表最多 {limit} 个状态。",
    "states.error.too_long": "「{state}」太长，放不进按钮（最多 {limit} 个字）。",
    "states.error.which": (
        "改哪个列表？<code>/states 健康 专注, 按时下班</code>、"
        "<code>/states 异常 拖延</code> 或 <code>/states 重置</code>。"
    ),
    "states.show": (
        "🟢 健康：{healthy}\n🔴 异常：{off}\n\n"
        "用 <code>/states 健康 a, b</code> 或 <code>/states 异常 x, y</code> 修改；"
        "<code>/states 重置</code> 恢复默认。"
    ),
    "goal.show": "🎯 关键目标：<b>{goal}</b>",
    "goal.unset": "🎯 还没有关键目标。用 <code>/goal 六月前发布测试版</code> 设定。",
    "problem.header": "关键问题：",
    "problem.line": "{number}. {text}",
    "problem.none": "没有未解决的关键问题。用 <code>/problem &lt;内容&gt;</code> 添加。",
    "problem.error.number": "没有编号为 {number} 的未解决问题。",
    "settings.header": "<b>你的设置</b>",
    "settings.checkin": "⏰ 自检：{days} {at}",
    "settings.checkin_off": "⏰ 自检：已关闭（/checkin_at 21:30 打开）",
    "settings.timezone": "🌍 时区：{zone}",
    "settings.paused": "🏖 暂停到 {day}（含当天）",
    "settings.next": "下次自检：{at}",
    "settings.language": "🗣 语言：{language}",
    "settings.workday": "💼 工作时间：{start}–{end}",
    "settings.reminder": "🔔 {minutes} 分钟未回复会提醒一次",
    "settings.review": "📊 每周回顾：{day}",
    "settings.goal": "🎯 关键目标：{goal}",
    "duration": "{hours}小时{minutes:02d}分",
    "checkin.today": (
        "🌙 <b>晚间自检</b> · {day}\n\n今天记了 {count} 条：\n{entries}\n\n"
        "现在发给我的内容都会记到今天。准备好了就点「下一步」。"
    ),
    "checkin.today.empty": (
        "🌙 <b>晚间自检</b> · {day}\n\n"
        "今天还没有记录。把做过的事发给我，一件一条，然后点「下一步」。"
    ),
    "checkin.actual.header": "📋 <b>昨天的计划与实际记录</b>",
    "checkin.actual.block": "{number}. <code>{span}</code> {text} {mark}\n    ↳ {logged}",
    "checkin.actual.none": "没有找到相似的记录",
    "checkin.actual.unplanned": "计划外的记录：\n{entries}",
    "checkin.actual.ask": "\n每一块：完成、部分完成，还是没完成？",
    "checkin.states": "🧭 <b>今天状态如何？</b>点选符合的。\n🟢 健康：{healthy}\n🔴 异常：{off}",
    "checkin.goal": "🎯 今天的工作是否在为关键目标服务：<b>{goal}</b>？",
    "checkin.goal.none": "🎯 还没有关键目标；随时可以用 <code>/goal &lt;内容&gt;</code> 设定。",
    "checkin.goal_note": "有什么要补充的吗？直接发给我，或点「不补充」。",
    "checkin.plan": (
        "🗓 <b>明天的计划</b>：每行一个时间块，例如\n"
        "<code>09:00-11:00 写文档\n14:00-15:00 开会</code>\n"
        "工作时间是 {start}–{end}；留出约一小时应对临时需求。"
    ),
    "checkin.plan.table": "🗓 明天：\n<pre>{table}</pre>",
    "checkin.plan.buffer": "工作时间（{start}–{end}）内未安排：<b>{buffer}</b>。",
    "checkin.plan.overlap": "⚠️「{first}」和「{second}」时间重叠。",
    "checkin.plan.warning": "🙂 留给临时需求的时间不到一小时。总会有意外，要不要删掉或缩短一块？",
    "checkin.done": "✅ 自检完成。🔥 连续 <b>{streak}</b> 天（最长 {longest} 天）。",
    "checkin.skipped": "⏭ 今天跳过。连续天数保持 {streak} 天。",
    "checkin.snoozed": "⏰ 我会在 {at} 再问你。",
    "checkin.reminder": "🔔 你的自检还在等你。",
    "checkin.stale": "这个问题已经过去了。",
    "checkin.closed": "这次自检已结束。/checkin 可以重新开始。",
    "checkin.not_yours": "这个按钮不是给你的。",
    "checkin.button.next": "下一步 ▶",
    "checkin.button.no_note": "不补充 ▶",
    "checkin.button.no_plan": "明天不做计划 ▶",
    "checkin.button.skip_question": "跳过这题 ▶",
    "checkin.button.snooze": "⏰ 30 分钟后提醒我",
    "checkin.button.skip": "今天跳过",
    "checkin.button.state_off": "{state}",
    "checkin.button.state_on_healthy": "🟢 {state}",
    "checkin.button.state_on_off": "🔴 {state}",
    "checkin.button.goal_yes": "是",
    "checkin.button.goal_partly": "部分",
    "checkin.button.goal_no": "否",
    "checkin.button.result_d": "{chosen}{number} ✅ 完成",
    "checkin.button.result_p": "{chosen}{number} ◐ 部分",
    "checkin.button.result_n": "{chosen}{number} ✗ 没完成",
    "checkin.review.header": "📊 <b>每周回顾</b> · {first} – {last}",
    "checkin.review.healthy": "🟢 健康状态（本周，上周）：",
    "checkin.review.off": "🔴 异常状态（本周，上周）：",
    "checkin.review.state": "  • {state}：{now}（{before}）",
    "checkin.review.goal": "🎯 为关键目标服务：{share}%（{days} 天有回答）",
    "checkin.review.goal_none": "🎯 本周没有回答关键目标问题。",
    "checkin.review.plan": "🗓 计划块：完成 {done}，部分 {partly}，共 {total}",
    "checkin.review.checkins": "自检：完成 {done}，跳过 {skipped}，错过 {missed}",
    "checkin.review.streak": "🔥 连续 {streak} 天（最长 {longest} 天）",
    "checkin.review.q1": "目前的关键目标是啥？",
    "checkin.review.q2": "存在哪些关键问题？",
    "checkin.review.q3": "我最近做的主要工作，是不是在为关键目标服务？",
}
