"""中文目录。模板是 HTML；参数由 bot.i18n.t 转义。"""

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # Commands, as /help and Telegram's menu show them.
    "command.today": "今天的记录",
    "command.undo": "删除最后一条记录",
    "command.lang": "切换语言：/lang zh | /lang en",
    "command.help": "我能做什么",
    "command.start": "开始记录",
    "button.unknown": "这个按钮已经不起作用了。请重新发送命令，拿一个新的。",
    "button.gone": "带这个按钮的消息已经不在了，按钮没法用。请重新发送命令。",
    "button.failed": "这个按钮在我这边出错了。请重新发送命令。",
    "error.saved_unconfirmed": "✅ 你的消息已经保存，只是确认没发出去。不用再发一次。",
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
    "capture.invisible": "这条消息里只有看不见的字符，所以什么也没记。",
    "capture.edited_command": "编辑过的命令不会再执行，也不算一条记录。请重新发送这个命令。",
    # Media: voice notes, photos, files (bot/handlers/media.py).
    "capture.not_text": "我保存文字、语音、图片和文件；贴纸不算记录。",
    "command.transcribe": (
        "把语音重新转成文字：回复某条语音发 /transcribe，或单独发送以处理所有还没有文字的语音"
    ),
    "media.transcribing": "{mark} · 正在转写…",
    "media.transcript": "{mark}\n{text}",
    "media.heard_nothing": "{mark} · 没有听到说话内容。",
    "media.transcription_off": "{mark} 已保存。本机器人未开启语音转写，这条记录没有文字。",
    "media.transcription_failed": "{mark} 已保存，但没能转写。发送 /transcribe 再试一次。",
    "media.too_big": (
        "⚠️ {name} 超过 20 MB，机器人无法下载：记录里保留 Telegram 上的文件，不另存副本。"
    ),
    "media.over_quota": (
        "⚠️ 你的文件空间（{quota} MB）已满：记录保留文字和 Telegram 上的 {name}，不另存副本。"
    ),
    "media.download_failed": "⚠️ 暂时没能下载 {name}：记录里保留 Telegram 上的文件。",
    "media.corrected": "✏️ 已更正。",
    "media.transcribe_nothing": "没有等待转写的语音。回复某条语音发送 /transcribe 可以重新转写。",
    "media.transcribe_off": "本机器人未开启语音转写。",
    "media.forwarded": "↪️ 转发自 {name} · {day}",
    "media.forwarded_signed": "↪️ 转发自 {name}（{signature}）· {day}",
    "media.send_day": "📎 发送当天的媒体",
    "media.file": "文件",
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
    # Operations.
    "command.forget": "删除我保存的关于你的一切",
    "command.admin_stats": "用户、记录、数据库大小、运行时间和版本（仅管理员）",
    "forget.confirm": (
        "这会删除我保存的关于你的<b>全部</b>内容：{entries} 条记录、它们的修改历史和你的设置。"
        "删除后无法恢复。\n\n确定全部删除吗？"
    ),
    "forget.yes": "全部删除",
    "forget.no": "取消",
    "forget.done": "🗑 已删除：我保存的关于你的一切都已删除。发送 /start 可以重新开始。",
    "forget.cancelled": "什么都没有删除。",
    "admin.stats": (
        "<b>daylog {version}</b>\n用户：{users}\n记录：{entries}\n"
        "数据库：{size}（schema {schema}）\n媒体文件：{media}，{waiting} 条语音等待转写\n"
        "运行时间：{uptime}"
    ),
    "admin.uptime": "{days} 天 {hours} 小时 {minutes} 分钟",
    "admin.alert": "⚠️ 用户 {user_id} 的请求处理失败：<b>{kind}</b>\n{message}",
    # Progress.
    "command.progress": "每本书、每门课的进度；/progress 名称 看单项",
    "command.done": "把一项标为完成：/done 名称",
    "command.drop": "不再跟踪一项：/drop 名称",
    "command.target": "定一个完成日期：/target 名称 2024-03-01",
    "command.total": "一项一共有多少：/total 名称 20 章",
    "command.merge": "把两项合成一项：/merge A | B",
    "command.rename": "给一项改名：/rename A | B",
    "progress.captured": "📖 {title} {amount}",
    "progress.captured_count": "📖 {title} · {count}",
    "progress.captured_total": "📏 {title}：一共 {amount}",
    "progress.captured_done": "✅ 读完了 {title}",
    "progress.unit.percent": "{n}",
    "progress.count.percent": "{n}%",
    "progress.pace.percent": "每天 {n}%",
    "progress.pace_week.percent": "每周 {n}%",
    "progress.unit_name.percent": "百分比",
    "progress.unit.pages": "{n} 页",
    "progress.count.pages": "第 {n} 页",
    "progress.pace.pages": "每天 {n} 页",
    "progress.pace_week.pages": "每周 {n} 页",
    "progress.unit_name.pages": "页",
    "progress.unit.chapters": "{n} 章",
    "progress.count.chapters": "第 {n} 章",
    "progress.pace.chapters": "每天 {n} 章",
    "progress.pace_week.chapters": "每周 {n} 章",
    "progress.unit_name.chapters": "章",
    "progress.unit.lessons": "{n} 课",
    "progress.count.lessons": "第 {n} 课",
    "progress.pace.lessons": "每天 {n} 课",
    "progress.pace_week.lessons": "每周 {n} 课",
    "progress.unit_name.lessons": "课",
    "progress.unit.days": "{n} 天",
    "progress.count.days": "第 {n} 天",
    "progress.pace.days": "每天 {n} 天",
    "progress.pace_week.days": "每周 {n} 天",
    "progress.unit_name.days": "天",
    "progress.unit.units": "{n}",
    "progress.count.units": "第 {n} 单元",
    "progress.pace.units": "每天 {n}",
    "progress.pace_week.units": "每周 {n}",
    "progress.unit_name.units": "单元",
    "progress.unit.episodes": "{n} 集",
    "progress.count.episodes": "第 {n} 集",
    "progress.pace.episodes": "每天 {n} 集",
    "progress.pace_week.episodes": "每周 {n} 集",
    "progress.unit_name.episodes": "集",
    "progress.unit.parts": "{n} 个部分",
    "progress.count.parts": "第 {n} 部分",
    "progress.pace.parts": "每天 {n} 个部分",
    "progress.pace_week.parts": "每周 {n} 个部分",
    "progress.unit_name.parts": "部分",
    "progress.unit.weeks": "{n} 周",
    "progress.count.weeks": "第 {n} 周",
    "progress.pace.weeks": "每天 {n} 周",
    "progress.pace_week.weeks": "每周 {n} 周",
    "progress.unit_name.weeks": "周",
    "progress.unit.courses": "{n} 门课",
    "progress.count.courses": "第 {n} 门课",
    "progress.pace.courses": "每天 {n} 门课",
    "progress.pace_week.courses": "每周 {n} 门课",
    "progress.unit_name.courses": "门课",
    "progress.unit.seasons": "{n} 季",
    "progress.count.seasons": "第 {n} 季",
    "progress.pace.seasons": "每天 {n} 季",
    "progress.pace_week.seasons": "每周 {n} 季",
    "progress.unit_name.seasons": "季",
    "progress.unit.sections": "{n} 节",
    "progress.count.sections": "第 {n} 节",
    "progress.pace.sections": "每天 {n} 节",
    "progress.pace_week.sections": "每周 {n} 节",
    "progress.unit_name.sections": "节",
    "progress.unit.modules": "{n} 个模块",
    "progress.count.modules": "第 {n} 个模块",
    "progress.pace.modules": "每天 {n} 个模块",
    "progress.pace_week.modules": "每周 {n} 个模块",
    "progress.unit_name.modules": "模块",
    "progress.header": "<b>进度</b> · 进行中 {active} 项",
    "progress.page": " · 第 {page}/{pages} 页",
    "progress.finished_header": "<b>已完成</b>",
    "progress.item_title": "📖 <b>{title}</b>",
    "progress.updated": "{day}",
    "progress.pace": "⏱ {pace}",
    "progress.pace_eta": "⏱ {pace} · 预计 {eta}完成",
    "progress.stalled": "⏱ 最近 30 天没有进展",
    "progress.target_ahead": "🎯 {day}：需要{quota} · 超前",
    "progress.target_behind": "🎯 {day}：需要{quota} · 落后",
    "progress.target_only": "🎯 {day}",
    "progress.finished_line": "✅ <b>{title}</b> · {day}",
    "progress.completions": " · ×{count}",
    "progress.empty": (
        "还没有跟踪任何进度。像记笔记一样写进度就行，比如 "
        "<code>《沙丘》 - 120/412</code>、<code>沙丘：40%</code> 或 <code>读完了《沙丘》</code>，"
        "我会一直跟着。"
    ),
    "progress.button_previous": "◀ 上一页",
    "progress.button_next": "下一页 ▶",
    "progress.item_gone": "这个项目已不存在（已合并或删除）。发送 /progress 查看最新列表。",
    "progress.detail_title": "📖 <b>{title}</b>{status}",
    "progress.status_done": " · 已完成",
    "progress.status_dropped": " · 已放弃",
    "progress.detail_started": "开始于 {day} · 共 {count} 次更新",
    "progress.read_through": "第 {count} 遍",
    "progress.history": "<b>历史</b>",
    "progress.history_line": "{day} · {amount}",
    "progress.history_total": "{day} · 📏 一共 {amount}",
    "progress.history_done": "{day} · ✅ 完成",
    "progress.history_more": "…… 更早的 {count} 次更新",
    "progress.chart_caption": "📈 {title}",
    "progress.not_found": "没有找到叫“{name}”的项目。",
    "progress.suggest": "最近的项目：{names}。/progress 可以看到全部。",
    "progress.no_items": "你还没有任何项目：写一条进度试试，比如 <code>沙丘：40%</code>。",
    "progress.usage_name": "哪一项？请写 /{command} 加名称，比如 /{command} 沙丘。",
    "progress.done": "✅ 已将 {title} 标记为完成。",
    "progress.already_done": "{title} 已经完成了。",
    "progress.dropped": "🗑 已放弃 {title}：/progress 里不再显示。再记一次它的进度，它就会回来。",
    "progress.already_dropped": "{title} 已经放弃了。",
    "progress.target_set": "🎯 {title} 的目标日期：{day}。",
    "progress.target_quota": "🎯 {title} 的目标日期：{day}。从今天起需要{quota}。",
    "progress.target_cleared": "已取消 {title} 的目标日期。",
    "progress.target_usage": (
        "请写 /target、项目名称和日期，比如 <code>/target 沙丘 2024-03-01</code>"
        "（<code>/target 沙丘 取消</code> 可以取消目标）。"
    ),
    "progress.target_bad_date": (
        "结尾不是日期。请用 2024-03-01、3/1、3月1日、下周五或 next friday（1900 到 2200 年之间）。"
    ),
    "progress.target_past": "这一天已经过去了。请选今天或以后的日期。",
    "progress.total_set": "📏 {title}：一共 {amount}。",
    "progress.total_now": "📏 {title}：一共 {amount}，已完成 {percent}%。",
    "progress.total_cleared": "已清除你给 {title} 设的总量。",
    "progress.total_usage": (
        "请写 /total、项目名称和总量，比如 <code>/total 置身事内 20 章</code>"
        "（<code>/total 置身事内 取消</code> 可以清除）。单位：{units}。"
    ),
    "progress.unit_join": "、",
    "progress.total_bad_unit": "不认识这个单位。单位：{units}。",
    "progress.pair_usage": (
        "请在 /{command} 后写两个名称，中间用竖线隔开，比如 <code>/{command} 沙邱 | 沙丘</code>。"
    ),
    "progress.merge_same": "两个名称都是 {title}，不需要合并。",
    "progress.merged": "🔗 已把 {source} 合并到 {title}。",
    "progress.renamed": "✏️ 已把 {old} 改名为 {title}。",
    "progress.rename_taken": (
        "已经有一项叫 {title} 了。要把两项合在一起，请用 /merge {old} | {title}。"
    ),
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
        "看不懂日期“{phrase}”。可以写 2023-01-02、1月2日、上周一、3 天前、last friday 或 上周"
        "（1900 到 2200 年之间）。"
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
    "search.bad_filter": (
        "看不懂 {keyword} 后面的日期“{phrase}”。可以写 2023-01-02、1月2日、上周一、3 天前或 上周"
        "（1900 到 2200 年之间）。"
    ),
    "search.too_many": "一共 {count} 个词；一次搜索最多 {limit} 个词和 #标签。挑最要紧的几个吧。",
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
    "export.usage": (
        "导出什么格式？/export md、/export json、"
        "/export csv、/export jrnl 或 /export zip"
        "（含图片、语音和文件）。"
    ),
    "export.too_big": (
        "导出文件有 {size} MB，超过机器人可发送的"
        " 50 MB。请在机器人所在的机器上运行 daylo"
        "g export --format zip 写入文件。"
    ),
    "export.empty": "日志还是空的，没有可导出的内容。",
    "export.caption": "📦 全部日志：{first} 到 {last}，共 {count} 条。",
    "import.usage": (
        "请发送 .md、.txt 文件、每日笔记的 .zip 或 /export zip 导出的压缩包，"
        "并把说明写成 /import（或回复该文件 /import）。"
    ),
    "import.too_big": (
        "文件有 {size} MB，Telegram 只允许机器人下载 20 MB 以内的文件。没有导入任何内容。"
    ),
    "import.binary": "这不是文本文件（.md 或 .txt），也不是可读的笔记 .zip。没有导入任何内容。",
    "import.no_sections": (
        "{file} 里没有带日期的小节（### 2023-01-02、## 2023年5月1日、## Day 1……）、"
        "每日笔记或 jrnl 条目。没有导入任何内容。"
    ),
    "import.preview": (
        "<b>导入 {file}？</b>（{format}）\n"
        "📅 {days} 天，{first} – {last}\n"
        "📝 {entries} 条：新增 {new} 条，已有 {present} 条\n"
        "📈 {progress} 条进度"
    ),
    "import.zip_files": "📎 新条目带 {count} 个文件，一并恢复",
    "import.files_kept": "📎 已恢复 {count} 个文件。",
    "import.files_missing": "⚠️ 压缩包里有 {count} 个文件缺失或损坏，未导入（条目文字已导入）。",
    "import.files_over_quota": (
        "⚠️ {count} 个文件超出你的 {quota} MB 媒体空间，未导入（条目文字已导入）。"
    ),
    "import.format.md": "带日期的 Markdown",
    "import.format.jrnl": "jrnl",
    "import.format.notes": "每日笔记文件夹",
    "import.needs_start": (
        "{file} 按天编号（Day 1、Day 2……），但没有写明哪天是哪个日期。"
        "请回复该文件 /import 加上第一天的日期，例如 /import 2023-05-01。没有导入任何内容。"
    ),
    "import.needs_start.cli": (
        "{file} 按天编号（Day 1、Day 2……），但没有写明哪天是哪个日期。"
        "请加上 --start 和第一天的日期再运行，例如 --start 2023-05-01。没有导入任何内容。"
    ),
    "import.bad_start": "/import 后面应是文件第一天的日期，例如 /import 2023-05-01。",
    "import.flagged": "⚠️ 这些标题有笔误，已按常理读取：",
    "import.flagged.unreadable-end": "第 {line} 行：{heading}（结束日期无法识别，记在第一天）",
    "import.flagged.reversed": "第 {line} 行：{heading}（结束早于开始，记在第一天）",
    "import.undated": (
        "⚠️ {title}Day {first}–{last}（第 {first_line}–{last_line} 行）没有日期，已跳过；"
        "请用 /import 加上 Day {first} 的日期重新导入。"
    ),
    "import.left_out": "⚠️ 不在任何日期下、已跳过的行：{lines}",
    "import.left_out_in": "⚠️ {file} 中跳过的行：{lines}",
    "import.decoration": "🖼 跳过了 {count} 行图片、注释和分隔线：{lines}",
    "import.files_left_out": "⚠️ 压缩包里不是笔记、已跳过的文件：{files}",
    "import.unreadable": "⚠️ 无法识别的标题（已跳过）：",
    "import.out_of_range": "⚠️ 超出 1900–2200 年的日期（已跳过）：",
    "import.unreadable_line": "第 {line} 行：{heading}",
    "import.unreadable_more": "……还有 {count} 个",
    "import.confirm": "✅ 导入",
    "import.cancel": "取消",
    "import.done": "✅ 已导入 {added} 条（{present} 条原本就有）。",
    "import.cancelled": "已取消导入，没有任何改动。",
    "import.expired": "这个导入已失效，请重新发送文件。",
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
    "pause.error.bad_date": (
        "看不懂日期 <code>{text}</code>。试试 2024-08-10、8/10、下周五或 next friday"
        "（1900 到 2200 年之间）。"
    ),
    "pause.error.past": "{day} 已经过去了。",
    "pause.error.too_far": "暂停最长一年（到 {limit}）。更久的话，用 /checkin_off 关闭自检。",
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
    "problem.error.done_usage": "按 /problem 列出的编号关闭问题：<code>/problem done 2</code>。",
    "problem.error.number": "没有编号为 {number} 的未解决问题。",
    "command.workday": "做计划用的工作时间：/workday 10:00-19:00 | reset",
    "command.reminder": "自检多久没回复就提醒（分钟）：/reminder 45 | reset",
    "command.review_day": "每周回顾在星期几：/review_day 周日 | reset",
    "habits.next_checkin": "从下一次自检起生效；已经开始的自检保持开始时的设置。",
    "workday.show_default": (
        "💼 你的工作时间是 <b>{value}</b>（默认）。做计划时我会算出其中还有多少时间没安排。\n"
        "用 <code>/workday 10:00-19:00</code>（或 <code>/workday 10-19</code>）修改。"
    ),
    "workday.show_own": (
        "💼 你的工作时间是 <b>{value}</b>（你设定的；默认是 {default}）。"
        "做计划时我会算出其中还有多少时间没安排。\n"
        "用 <code>/workday 10:00-19:00</code> 修改，或用 <code>/workday 默认</code> 恢复默认。"
    ),
    "workday.set": "💼 工作时间已设为 <b>{value}</b>。",
    "workday.reset": "💼 工作时间已恢复默认：<b>{value}</b>。",
    "workday.error.bad": (
        "看不懂工作时间 <code>{text}</code>。试试 <code>/workday 09:00-18:00</code>、"
        "<code>/workday 9-18</code> 或 <code>/workday 默认</code>。设置没有改变。"
    ),
    "workday.error.order": (
        "工作时间要先开始再结束，{end} 并不在 {start} 之后。"
        "试试 <code>/workday 09:00-18:00</code>。设置没有改变。"
    ),
    "reminder.value": "{minutes} 分钟",
    "reminder.show_default": (
        "🔔 自检没有回复时，<b>{value}</b>后提醒一次（默认）。\n"
        "用 <code>/reminder 45</code> 修改（1 到 720 分钟）。"
    ),
    "reminder.show_own": (
        "🔔 自检没有回复时，<b>{value}</b>后提醒一次（你设定的；默认是 {default}）。\n"
        "用 <code>/reminder 45</code> 修改（1 到 720 分钟），"
        "或用 <code>/reminder 默认</code> 恢复默认。"
    ),
    "reminder.set": "🔔 以后自检没有回复时，<b>{value}</b>后提醒。",
    "reminder.reset": "🔔 提醒已恢复默认：<b>{value}</b>后。",
    "reminder.error.bad": (
        "看不懂分钟数 <code>{text}</code>。试试 <code>/reminder 45</code> 或 "
        "<code>/reminder 默认</code>。设置没有改变。"
    ),
    "reminder.error.range": "{minutes} 分钟超出范围：请在 {least} 到 {most} 之间选。设置没有改变。",
    "review_day.show_default": (
        "📊 每周回顾在<b>{value}</b>的自检之后"
        "（默认；那天没有自检时，在它之前最后一次自检之后）。\n"
        "用 <code>/review_day 周五</code> 修改。"
    ),
    "review_day.show_own": (
        "📊 每周回顾在<b>{value}</b>的自检之后（你设定的；默认是{default}。"
        "那天没有自检时，在它之前最后一次自检之后）。\n"
        "用 <code>/review_day 周五</code> 修改，或用 <code>/review_day 默认</code> 恢复默认。"
    ),
    "review_day.set": "📊 每周回顾改在<b>{value}</b>。",
    "review_day.reset": "📊 每周回顾已恢复默认：<b>{value}</b>。",
    "review_day.error.bad": (
        "看不懂星期 <code>{text}</code>。试试 <code>/review_day 周日</code>、"
        "<code>/review_day sun</code> 或 <code>/review_day 默认</code>。设置没有改变。"
    ),
    "review_day.error.one": (
        "每周回顾只能在一天，<code>{text}</code> 不止一天。"
        "试试 <code>/review_day 周日</code>。设置没有改变。"
    ),
    "settings.header": "<b>你的设置</b>",
    "settings.checkin": "⏰ 自检：{days} {at}",
    "settings.checkin_off": "⏰ 自检：已关闭（/checkin_at 21:30 打开）",
    "settings.timezone": "🌍 时区：{zone}",
    "settings.paused": "🏖 暂停到 {day}（含当天）",
    "settings.next": "下次自检：{at}",
    "settings.language": "🗣 语言：{language}",
    "settings.workday": "💼 工作时间：{value}{origin}",
    "settings.reminder": "🔔 {value}未回复会提醒一次{origin}",
    "settings.review_day": "📊 每周回顾：{value}{origin}",
    "settings.default": "（默认）",
    "settings.own": "（你设定的）",
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
