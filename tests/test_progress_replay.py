"""Replaying a real dated log day by day: /progress ends where the log ends, book by book.

The log is `history-2021-2023.md` by Ryan Yin (ryan4yin/thiscute.world, CC BY-NC 4.0; see
`tests/data/README.md`), read from the team's shared corpus folder; the test skips without it.
"""

from __future__ import annotations

import bisect
import json
import re
from datetime import UTC, datetime, time

import pytest

from bot.log.capture import capture_text
from bot.transfer.markdown_log import ImportedEntry, ParsedLog, parse_markdown_log
from fakebotapi import FakeUser
from tests.conftest import BotHarness
from tests.corpus import find_corpus

READER = FakeUser(303, "Ryan", "en")


CORPUS = find_corpus()
pytestmark = pytest.mark.skipif(
    not (CORPUS / "history-2021-2023.md").is_file(),
    reason=f"the real logs are not in {CORPUS} (a clone outside the team)",
)

# (title as /progress shows it, what its block must say): the last line the log has for each.
ACTIVE = [
    ("Linux/Unix 系统编程手册（上册）", "296/572 pages"),
    ("The Great Gatsby", "10/41"),
    ("一点英语 270 天英语学习", "145/270 days"),
    ("语言学的邀请", "68/288 pages"),
    # `阅读了《Intimate Relationships》的第一小节` (a count, two days before) named it first.
    ("Intimate Relationships", "14/449 pages"),
    ("TCP/IP Illustrated, Volume 1, 2nd Edition", "31/920 pages"),
    ("懂你英语 A+ 学习计划", "1/34 lessons"),
    ("American Pronunciation Workshop", "2/16"),
    ("动手学深度学习 - Pytorch 版", "14.3%"),
    # Three sections are headed 2022-05-24; the topmost (newest) says 40% after 36%.
    ("分布式协议与算法实战", "40%"),
    # `Moon Palace, by Pual Auster` (a typo, the later line) joined the same book.
    ("Moon Palace, by Paul Auster", "10.6%"),
    ("HDLBits / 电路 - 组合逻辑部分", "75%"),
]
FINISHED = [
    # `进度 90%`, then `算是完成了一周目`.
    "Go 程序设计语言（英文版）",
    "The Moon and Sixpence",
    "The Time Machine",
    "The ANSI C Programming Language",
    "Mastering Ethereum",
    "深入剖析 Kuberntes",
    "在生命的尽头拥抱你-临终关怀医生手记",
    "The Unlikely Pilgrimage of Harold Fry",
]


def replay_order(log: ParsedLog) -> list[ImportedEntry]:
    """Oldest first: by day; a day headed twice, its lower (older) section first; as written."""
    starts = sorted(section.line for section in log.sections)

    def key(entry: ImportedEntry) -> tuple[object, ...]:
        section = starts[bisect.bisect_right(starts, entry.line) - 1]
        return (entry.day, -section, entry.line)

    return sorted(log.entries, key=key)


async def all_pages(harness: BotHarness, user: FakeUser) -> list[str]:
    """/progress, then every page the ▶ button leads to."""
    await harness.feed(harness.api.command_update(user, "/progress"))
    message = harness.api.sent_messages(user.id)[-1]
    pages = [message["text"]]
    while True:
        markup = message.get("reply_markup") or {}
        if isinstance(markup, str):
            markup = json.loads(markup)
        data = [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]
        # Items have buttons too (progress:item:<id>); only the page buttons lead on.
        turns = [d for d in data if d.startswith("progress:page:")]
        forward = [d for d in turns if int(d.removeprefix("progress:page:")) >= len(pages)]
        if not forward:
            return pages
        await harness.feed(harness.api.callback_update(user, message, forward[0]))
        updated = harness.api.message(user.id, message["message_id"])
        assert updated is not None
        message = updated
        pages.append(message["text"])


def blocks(pages: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Active items' blocks and finished items' lines, by title."""
    active: dict[str, str] = {}
    finished: dict[str, str] = {}
    for page in pages:
        for block in page.split("\n\n"):
            if block.startswith("📖 "):
                title, _, rest = block.removeprefix("📖 ").partition("\n")
                active[title] = rest
            elif match := re.match(r"✅ (.+) · (\w{3} \d{4}-\d\d-\d\d)", block):
                finished[match[1]] = match[2]
    return active, finished


async def test_replayed_history_ends_where_the_log_ends(harness: BotHarness) -> None:
    log = parse_markdown_log((CORPUS / "history-2021-2023.md").read_text(encoding="utf-8"))
    user = await harness.store.users.ensure(
        READER.id, chat_id=READER.id, language="en", timezone="UTC", now=datetime.now(UTC)
    )
    for entry in replay_order(log):
        # The same path as a chat message, sent at noon on the entry's own day.
        sent_at = datetime.combine(entry.day, time(12), tzinfo=UTC)
        await capture_text(harness.store, user, entry.text, sent_at=sent_at, day_start=time(4))

    active, finished = blocks(await all_pages(harness, READER))
    for title, shown in ACTIVE:
        assert title in active, f"{title} is not listed as in progress"
        assert f" · {shown} · " in active[title] or f" {shown} · " in active[title], (
            title,
            active[title],
        )
    # `学习第三章` under the percent line: the chapter is shown beside the share it has no total in.
    assert "14.3% · chapter 3 · " in active["动手学深度学习 - Pytorch 版"]
    for title in FINISHED:
        assert title in finished, f"{title} is not listed as finished"
    assert "Go 程序设计语言（英文版）" not in active
    # The Go book was finished once, on the day its last line says so.
    assert finished["Go 程序设计语言（英文版）"] == "Mon 2022-04-25"
