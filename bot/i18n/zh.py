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
        "数据库：{size}（schema {schema}）\n运行时间：{uptime}"
    ),
    "admin.uptime": "{days} 天 {hours} 小时 {minutes} 分钟",
    "admin.alert": "⚠️ 用户 {user_id} 的请求处理失败：<b>{kind}</b>\n{message}",
}
