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
    # Summaries, search, stats, export.
    "command.yesterday": "昨天的记录",
    "command.week": "本周记录和小结；/week 上周 看别的周",
    "command.month": "本月记录和小结；/month 2023-05 看别的月",
    "command.day": "某一天或一段时间：/day 2023-01-02、/day 上周一、/day last week",
    "command.search": "搜索记录：/search 预算 since 上个月",
    "command.tags": "你的 #标签 和次数",
    "command.stats": "连续天数、每周条数和一年热力图",
    "command.export": "导出全部日志：/export md|json|csv|jrnl",
    "command.import": "发送 .md 或 .txt 文件，说明写 /import",
    "summary.empty": "{first} 到 {last} 没有记录。",
    "summary.progress": "📈 {items}",
    "summary.checkin": "🧭 打卡：{status} {states}",
    "summary.day_usage": (
        "哪一天？/day 2023-01-02、/day 1月2日、/day 上周一、/day 3 天前、"
        "/day last friday 或 /day 上周。"
    ),
    "summary.bad_when": (
        "看不懂日期“{phrase}”。可以写 2023-01-02、1月2日、上周一、3 天前、last friday 或 上周。"
    ),
    "summary.as_document": "📄 {first} 到 {last} 共 {count} 条，消息放不下，所以发成文件。",
    "checkin_status.done": "已完成",
    "checkin_status.missed": "错过",
    "checkin_status.skipped": "跳过",
    "checkin_status.paused": "暂停",
    "digest.title": "<b>{first} – {last}</b>",
    "digest.days": "📅 记录了 {days}/{span} 天 · 共 {entries} 条",
    "digest.streak": "🔥 连续 {current} 天（最长 {longest} 天）",
    "digest.moved": "📈 {item}：{start} → {end}（{delta}）",
    "digest.now_at": "📈 {item}：现在 {end}",
    "digest.finished": "🏁 完成：{item}",
    "digest.checkins": "🧭 打卡完成 {done}/{days} 天 {states}",
    "search.usage": (
        "要找什么？例如 /search 预算、/search 部署 since 上周、/search #读书 until 2023-06-30。"
    ),
    "search.bad_filter": "看不懂 {keyword} 后面的日期“{phrase}”。",
    "search.none": "🔎 没有找到 {query}。",
    "search.header": "🔎 {query} · 共 {total} 条 · 第 {first}–{last} 条",
    "search.newer": "« 较新",
    "search.older": "较早 »",
    "search.expired": "这次搜索已过期，请重新 /search。",
    "tags.header": "🏷 你的标签：",
    "tags.line": "#{tag} — {count}",
    "tags.none": "还没有 #标签。在任意记录里写上一个，比如 #读书。",
    "stats.empty": "还没有记录，所以没有统计。把做过的事发给我吧。",
    "stats.header": "<b>你的日志</b> · 自 {first} 起 {days} 天共 {entries} 条",
    "stats.streak": "🔥 当前连续 {current} 天 · 最长 {longest} 天",
    "stats.weeks": "最近 12 周每周条数（周一日期）：",
    "stats.week_line": "<code>{label} {bar} {count}</code>",
    "stats.busiest": "最近 12 周最常更新的事项：",
    "stats.busiest_line": "• {item} — {count} 次",
    "stats.heatmap_title": "过去一年每天的记录条数",
    "chart.months": "1月 2月 3月 4月 5月 6月 7月 8月 9月 10月 11月 12月",
    "chart.weekdays": "周一,,周三,,周五,,",
    "export.usage": "导出成什么格式？/export md、/export json、/export csv 或 /export jrnl。",
    "export.empty": "日志还是空的，没有可导出的内容。",
    "export.caption": "📦 全部日志：{first} 到 {last}，共 {count} 条。",
    "import.usage": "请发送 .md 或 .txt 文件，并把说明写成 /import（或回复该文件 /import）。",
    "import.too_big": (
        "文件有 {size} MB，Telegram 只允许机器人下载 20 MB 以内的文件。没有导入任何内容。"
    ),
    "import.binary": "这不是文本文件（.md 或 .txt）。没有导入任何内容。",
    "import.no_sections": (
        "{file} 里没有带日期的小节（### 2023-01-02）或 jrnl 条目。没有导入任何内容。"
    ),
    "import.preview": (
        "<b>导入 {file}？</b>（{format}）\n"
        "📅 {days} 天，{first} – {last}\n"
        "📝 {entries} 条：新增 {new} 条，已有 {present} 条\n"
        "📈 {progress} 条进度"
    ),
    "import.format.md": "带日期的 Markdown",
    "import.format.jrnl": "jrnl",
    "import.unreadable": "⚠️ 无法识别的标题（已跳过）：",
    "import.unreadable_line": "第 {line} 行：{heading}",
    "import.unreadable_more": "……还有 {count} 个",
    "import.confirm": "✅ 导入",
    "import.cancel": "取消",
    "import.done": "✅ 已导入 {added} 条（{present} 条原本就有）。",
    "import.cancelled": "已取消导入，没有任何改动。",
    "import.expired": "这个导入已失效，请重新发送文件。",
}
