"""The command line against the same database file as the chat: the same answers, as plain text."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click
import pytest
import time_machine
from click.testing import CliRunner, Result

from bot.cli import cli
from bot.runlock import hold_database, lock_path
from bot.store.database import bundled_migrations
from fakebotapi import FakeUser
from tests.conftest import BotHarness

ALICE = FakeUser(101, "Alice", "en")
BOB = FakeUser(202, "Bob", "zh-hans")
MONDAY = datetime(2023, 1, 2, 12, 0, tzinfo=UTC)


LATEST_SCHEMA = bundled_migrations()[-1].version


def database_of(harness: BotHarness) -> Path:
    return harness.app.bot_data.settings.database_path


def daylog(*args: str | Path) -> Result:
    """Run a command the way a shell would (no exception swallowed into the result)."""
    return CliRunner().invoke(cli, [str(arg) for arg in args], catch_exceptions=False)


async def daylog_beside(harness: BotHarness, *args: str | Path) -> Result:
    """Run a command in a thread (it has its own event loop) against the harness's database."""
    return await asyncio.to_thread(daylog, *args, "--database", database_of(harness))


async def chat(harness: BotHarness, user: FakeUser, text: str) -> str:
    before = len(harness.replies(user.id))
    await harness.feed(harness.api.text_update(user, text, date=MONDAY))
    return "\n".join(harness.replies(user.id)[before:])


async def test_today_is_the_same_in_the_chat_and_the_terminal(harness: BotHarness) -> None:
    with time_machine.travel(MONDAY, tick=False):
        for user in (ALICE, BOB):
            await chat(harness, user, "<b>not bold</b> & more")
            await chat(harness, user, "- 阅读《Go 程序设计语言》 - 进度 72%\n    - 第 7 章 🎉")
            await chat(harness, user, "yesterday: not today")
        for user in (ALICE, BOB):
            in_chat = await chat(harness, user, "/today")
            in_terminal = await daylog_beside(harness, "today", "--user", str(user.id))
            assert in_terminal.exit_code == 0, in_terminal.output
            assert in_terminal.output == in_chat + "\n"
        assert "<b>not bold</b> & more" in in_terminal.output
        assert "2023-01-02（周一） · 2 条" in in_terminal.output


async def test_add_in_the_terminal_answers_like_the_chat_and_shows_in_today(
    harness: BotHarness,
) -> None:
    with time_machine.travel(MONDAY, tick=False):
        in_chat = await chat(harness, ALICE, "yesterday: ran 5k")
        # Only one user exists, so --user may be left out.
        added = await daylog_beside(harness, "add", "yesterday: swam 1k")
        assert added.output == in_chat + "\n"
        await daylog_beside(harness, "add", "wrote the design doc")
        today = await chat(harness, ALICE, "/today")
    assert "wrote the design doc" in today
    entry = await harness.store.entries.last(ALICE.id)
    assert entry is not None and entry.source == "cli"


async def test_user_must_be_named_when_there_are_several(harness: BotHarness) -> None:
    await chat(harness, ALICE, "one")
    await chat(harness, BOB, "two")
    result = await daylog_beside(harness, "today")
    assert result.exit_code == 2
    assert "pass --user <id>: the database has 2 users (101, 202)" in result.output
    unknown = await daylog_beside(harness, "today", "--user", "999")
    assert unknown.exit_code == 1
    assert "user 999 has never used the bot" in unknown.output


def test_backup_and_restore(tmp_path: Path) -> None:
    database, copy = tmp_path / "live.sqlite3", tmp_path / "backups" / "copy.sqlite3"
    with time_machine.travel(MONDAY, tick=False):
        daylog("add", "--user", "7", "first", "--database", database)
        backed_up = daylog("backup", copy, "--database", database)
        assert f"1 entries, schema {LATEST_SCHEMA}" in backed_up.output
        assert "integrity_check ok" in backed_up.output
        daylog("add", "--user", "7", "after the backup", "--database", database)
        restored = daylog("restore", "--yes", copy, "--database", database)
    assert restored.exit_code == 0, restored.output
    assert "restored 1 entries" in restored.output
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT text FROM entries").fetchall() == [("first",)]
    # The database the restore replaced is kept beside it.
    kept = list(tmp_path.glob("live.sqlite3.before-restore-*"))
    assert len(kept) == 1
    with sqlite3.connect(kept[0]) as connection:
        assert connection.execute("SELECT COUNT(*) FROM entries").fetchone() == (2,)


def test_restore_refuses_while_the_bot_holds_the_database(tmp_path: Path) -> None:
    database, copy = tmp_path / "live.sqlite3", tmp_path / "copy.sqlite3"
    daylog("add", "--user", "7", "first", "--database", database)
    daylog("backup", copy, "--database", database)
    with hold_database(database):  # what `daylog run` does for as long as it runs
        refused = CliRunner().invoke(
            cli, ["restore", "--yes", str(copy), "--database", str(database)]
        )
    assert refused.exit_code == 1
    assert f"is running on {database}; stop it, then restore" in refused.output


def test_restore_refuses_a_file_that_is_not_a_good_daylog_database(tmp_path: Path) -> None:
    database, junk = tmp_path / "live.sqlite3", tmp_path / "junk.sqlite3"
    daylog("add", "--user", "7", "first", "--database", database)
    junk.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    refused = CliRunner().invoke(cli, ["restore", "--yes", str(junk), "--database", str(database)])
    assert refused.exit_code == 1
    assert "junk.sqlite3 is not a daylog database" in refused.output
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT text FROM entries").fetchall() == [("first",)]


def test_migrate_prints_the_schema_version(tmp_path: Path) -> None:
    database = tmp_path / "new.sqlite3"
    first = daylog("migrate", "--database", database)
    assert first.output.startswith("schema version ")
    version = int(first.output.split()[2])
    assert first.output == f"schema version {version} ({version} migrations applied)\n"
    assert daylog("migrate", "--database", database).output == (
        f"schema version {version} (0 migrations applied)\n"
    )


def test_health_needs_a_running_bot_with_a_fresh_heartbeat(tmp_path: Path) -> None:
    database = tmp_path / "live.sqlite3"
    daylog("migrate", "--database", database)
    runner = CliRunner()
    stopped = runner.invoke(cli, ["health", "--database", str(database)])
    assert stopped.exit_code == 1
    assert "no bot is running" in stopped.output
    with hold_database(database):
        healthy = runner.invoke(cli, ["health", "--database", str(database)])
        assert healthy.exit_code == 0, healthy.output
        assert healthy.output.startswith(f"ok: pid {os.getpid()}")
        # A loop that stopped beating: the file's time is five minutes old.
        old = lock_path(database).stat().st_mtime - 300
        os.utime(lock_path(database), (old, old))
        hung = runner.invoke(cli, ["health", "--database", str(database)])
    assert hung.exit_code == 1
    assert "has not checked in for 300 s" in hung.output


def test_offline_commands_need_no_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)  # no .env here
    assert daylog("migrate", "--database", tmp_path / "x.sqlite3").exit_code == 0


async def test_progress_is_the_same_in_the_chat_and_the_terminal(harness: BotHarness) -> None:
    with time_machine.travel(MONDAY, tick=False):
        # Twenty items and one finished: three pages in the chat.
        for number in range(20):
            day = MONDAY - timedelta(days=20 - number)
            await chat(harness, ALICE, f"{day:%Y-%m-%d}: 《Book {number:02d}》 - {number + 1}/100")
        await chat(harness, ALICE, "读完了《叫魂 & <b>more</b>》")
        await chat(harness, BOB, "阅读《Go 程序设计语言》 - 进度 72%")
        await chat(harness, ALICE, "/progress")
        first = harness.api.sent_messages(ALICE.id)[-1]
        pages = [first["text"]]
        for number in (1, 2):
            await harness.feed(harness.api.callback_update(ALICE, first, f"progress:page:{number}"))
            turned = harness.api.message(ALICE.id, first["message_id"])
            assert turned is not None
            pages.append(turned["text"])
        listing = await daylog_beside(harness, "progress", "--user", str(ALICE.id))
        assert listing.exit_code == 0, listing.output
        assert listing.output == "\n\n".join(pages) + "\n"
        assert "page 3/3" in listing.output
        assert "✅ 叫魂 & <b>more</b>" in listing.output, listing.output[-300:]

        await chat(harness, BOB, "/progress go 程序")
        detail, photo = harness.api.sent_messages(BOB.id)[-2:]
        assert "photo" in photo
        chart = database_of(harness).parent / "go.png"
        shown = await daylog_beside(
            harness, "progress", "--user", str(BOB.id), "go", "程序", "--chart", chart
        )
        assert shown.output.startswith(detail["text"] + "\n")
        assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")

        missing_in_chat = await chat(harness, BOB, "/progress 不存在的书")
        missing = await daylog_beside(harness, "progress", "--user", str(BOB.id), "不存在的书")
    assert missing.exit_code == 1
    assert missing.output == f"Error: {missing_in_chat}\n"


async def test_search_is_the_same_in_the_chat_and_the_terminal(harness: BotHarness) -> None:
    with time_machine.travel(MONDAY, tick=False):
        for number in range(12):
            day = MONDAY - timedelta(days=number)
            await chat(harness, ALICE, f"{day:%Y-%m-%d}: 网关 rollout step {number} <ok> & done")
        await chat(harness, ALICE, "2022-12-31: something else entirely")
        await chat(harness, ALICE, "- read about the 网关 design #arch")
        for query, arguments in (
            ("网关", ["--limit", "8"]),  # the chat's first page of 13
            (
                "网关 since 2022-12-30 until 2023-01-01",
                ["--since", "2022-12-30", "--until", "2023-01-01"],
            ),
            ("#arch", []),
            ('"rollout step 1"', []),
            ("预算", []),
        ):
            words = query.split(" since ")[0]
            in_chat = await chat(harness, ALICE, f"/search {query}")
            in_terminal = await daylog_beside(harness, "search", *arguments, *_words(words))
            assert in_terminal.exit_code == 0, in_terminal.output
            assert in_terminal.output == in_chat + "\n", query
        everything = await daylog_beside(harness, "search", "网关")
        bad = await daylog_beside(harness, "search", "网关", "--since", "not a day at all")
    assert "· 13 entries · 1–13" in everything.output
    lines = everything.output.splitlines()
    assert lines.index("• 网关 rollout step 0 <ok> & done") < lines.index(
        "• 网关 rollout step 11 <ok> & done"
    )
    assert bad.exit_code == 2
    assert "can't read “not a day at all” after since as a date" in bad.output


def _words(query: str) -> list[str]:
    """The shell's words for a chat query: a "quoted phrase" is one argument."""
    return [query.strip('"')] if query.startswith('"') else query.split()


async def test_export_is_the_same_file_in_the_chat_and_the_terminal(harness: BotHarness) -> None:
    with time_machine.travel(MONDAY, tick=False):
        await chat(harness, BOB, "yesterday: 读完了《叫魂》")
        await chat(harness, BOB, "- ran 5k\n  - felt fine & <b>ok</b>")
        await chat(harness, ALICE, "Alice's only entry")
        for fmt in ("md", "json", "csv", "jrnl"):
            await chat(harness, BOB, f"/export {fmt}")
            upload, sent = harness.api.uploads[-1], harness.api.sent_messages(BOB.id)[-1]
            in_terminal = await daylog_beside(
                harness, "export", "--user", str(BOB.id), "--format", fmt
            )
            assert in_terminal.exit_code == 0, in_terminal.output
            assert in_terminal.stdout_bytes == upload.data, fmt
            # The chat's caption, on standard error so the file alone is on standard output.
            assert in_terminal.stderr == sent["caption"] + "\n"
        assert "Alice" not in in_terminal.stdout


async def test_import_previews_like_the_chat_then_imports(
    harness: BotHarness, tmp_path: Path
) -> None:
    log = tmp_path / "old-log.md"
    log.write_text(
        "# My log\n\n### 2023-01-01\n- 阅读《叫魂》 - 进度 30%\n- ran 5k\n\n"
        "### someday\n- lost\n\n### 2023-01-02\n- wrote the doc\n",
        encoding="utf-8",
    )
    with time_machine.travel(MONDAY, tick=False):
        await chat(harness, ALICE, "2023-01-01: - ran 5k")
        data = log.read_bytes()
        await harness.feed(
            harness.api.document_update(ALICE, log.name, data, "/import", date=MONDAY)
        )
        preview = harness.last_reply(ALICE.id)
        dry = await daylog_beside(harness, "import", "--dry-run", log)
        assert dry.output == preview + "\n"
        assert "3 entries: 2 new, 1 already in your log" in dry.output
        assert "line 7: ### someday" in dry.output
        assert await harness.store.entries.count(ALICE.id) == 1
        done = await daylog_beside(harness, "import", log)
        again = await daylog_beside(harness, "import", log)
    assert done.output == (preview + "\n\n✅ Imported 2 entries (1 were already in your log).\n")
    assert "✅ Imported 0 entries (3 were already in your log)." in again.output
    assert await harness.store.entries.count(ALICE.id) == 3
    # Progress is recorded as the chat's import records it.
    items = await harness.store.progress.items(ALICE.id)
    assert [item.title for item in items] == ["叫魂"]


def test_export_then_import_round_trips_and_a_second_import_adds_nothing(tmp_path: Path) -> None:
    source, target = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    texts = ["2022-12-30: 读完了《叫魂》", "- ran 5k\n  - felt fine", "# not a heading & <b>"]
    with time_machine.travel(MONDAY, tick=False):
        for text in texts:
            assert daylog("add", "--user", "7", text, "--database", source).exit_code == 0
        exported = daylog(
            "export", "--format", "md", "-o", tmp_path / "log.md", "--database", source
        )
        assert exported.exit_code == 0, exported.output
        first = daylog("import", "--user", "8", tmp_path / "log.md", "--database", target)
        again = daylog("import", "--user", "8", tmp_path / "log.md", "--database", target)
        as_json = daylog("export", "--format", "json", "--database", target, "--user", "8")
    assert "3 entries: 3 new, 0 already in your log" in first.output
    assert first.output.endswith("✅ Imported 3 entries (0 were already in your log).\n")
    assert "3 entries: 0 new, 3 already in your log" in again.output
    assert again.output.endswith("✅ Imported 0 entries (3 were already in your log).\n")
    document = json.loads(as_json.stdout)
    assert sorted((e["day"], e["text"]) for e in document["entries"]) == [
        ("2022-12-30", "读完了《叫魂》"),
        ("2023-01-02", "# not a heading & <b>"),
        ("2023-01-02", "- ran 5k\n  - felt fine"),
    ]
    assert {e["source"] for e in document["entries"]} == {"import"}


def test_import_reads_a_jrnl_journal(tmp_path: Path) -> None:
    journal = tmp_path / "journal.txt"
    journal.write_text(
        "[2023-01-02 09:15:00 AM] Fixed the deploy job.\nIt was a race.\n\n"
        "[2023-01-03 10:00] Wrote the design doc.\n",
        encoding="utf-8",
    )
    database = tmp_path / "log.sqlite3"
    result = daylog("import", "--user", "7", journal, "--database", database)
    assert "Import journal.txt? (jrnl)" in result.output
    assert result.output.endswith("✅ Imported 2 entries (0 were already in your log).\n")
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT day, created_at FROM entries ORDER BY id").fetchall()
    assert rows == [
        ("2023-01-02", "2023-01-02T09:15:00+00:00"),
        ("2023-01-03", "2023-01-03T10:00:00+00:00"),
    ]


def test_import_and_export_say_what_is_wrong_as_the_chat_does(tmp_path: Path) -> None:
    database, notes = tmp_path / "log.sqlite3", tmp_path / "notes.md"
    notes.write_text("no dates in here\n", encoding="utf-8")
    refused = daylog("import", "--user", "7", notes, "--database", database)
    assert refused.exit_code == 1
    assert "I found no dated sections (### 2023-01-02" in refused.output
    assert "jrnl entries in notes.md. Nothing was imported." in refused.output
    empty = daylog("export", "--user", "7", "--database", database)
    assert empty.exit_code == 1
    assert "Your log is empty; there is nothing to export yet." in empty.output


def test_every_command_loads_and_search_imports_nothing_heavy(tmp_path: Path) -> None:
    for name in cli.list_commands(click.Context(cli)):
        assert isinstance(cli.get_command(click.Context(cli), name), click.Command), name
    database = tmp_path / "log.sqlite3"
    daylog("add", "--user", "7", "searched for", "--database", database)
    # What `daylog search` imports, as `python -X importtime` lists it, in a fresh interpreter.
    done = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "bot",
            "search",
            "searched",
            "--database",
            str(database),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "searched for" in done.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert "bot.answers.search" in imported
    for heavy in ("telegram", "matplotlib", "dateparser", "numpy", "httpx", "bot.log.capture"):
        assert heavy not in imported, heavy


async def test_counts_and_totals_read_the_same_in_the_terminal(harness: BotHarness) -> None:
    with time_machine.travel(MONDAY, tick=False):
        await chat(harness, BOB, "《置身事内》 读到了第 8 章")
        listing = await daylog_beside(harness, "progress", "--user", str(BOB.id))
        assert "📖 置身事内\n第 8 章 · 2023-01-02（周一）" in listing.output, listing.output
        await chat(harness, BOB, "/total 置身事内 20 章")
        await chat(harness, BOB, "/progress 置身事内")
        detail = harness.api.sent_messages(BOB.id)[-2]["text"]
        shown = await daylog_beside(harness, "progress", "--user", str(BOB.id), "置身事内")
        assert shown.output == detail + "\n"
        assert "40% · 8/20 章" in shown.output


def test_import_asks_for_the_first_day_of_a_file_that_dates_none(tmp_path: Path) -> None:
    database, log = tmp_path / "log.sqlite3", tmp_path / "README.md"
    log.write_text("# 100 Days\n## Grids | Day 1\n- x\n## Forms | Day 2\n- y\n", encoding="utf-8")
    asked = daylog("import", "--user", "7", log, "--database", database)
    assert asked.exit_code == 1 and "--start" in asked.output
    done = daylog("import", "--user", "7", "--start", "2024-01-01", log, "--database", database)
    assert done.exit_code == 0, done.output
    assert "2 days, Mon 2024-01-01 – Tue 2024-01-02" in done.output
    assert "Imported 4 entries" in done.output
