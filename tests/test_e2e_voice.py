"""Voice end to end: the real `python -m bot` transcribing espeak-ng speech with local Whisper.

The bot polls the fake Bot API over HTTP, downloads the OGG/Opus note with getFile, answers at
once and edits that answer with the transcript. A kill -9 while a note is being transcribed
loses nothing: the restarted bot transcribes it.
"""

from __future__ import annotations

import asyncio
import re
import signal
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from fakebotapi import FakeBotApiServer, FakeUser
from tests.conftest import TOKEN
from tests.e2e import BotProcess
from tests.speech import MANDARIN_PINYIN, needs_espeak, speak_wav, video_mp4, voice_note

ALICE = FakeUser(101, "Alice", "en")
BOB = FakeUser(202, "Bob", "zh")
CJK = re.compile(r"[\u4e00-\u9fff]")
# Joining the model, loading it and transcribing on a busy 2-core machine.
PATIENCE = 180

pytestmark = needs_espeak


@pytest.fixture
async def server() -> AsyncIterator[FakeBotApiServer]:
    async with FakeBotApiServer(token=TOKEN) as running:
        yield running


def bot_env(server: FakeBotApiServer, database: Path) -> dict[str, str]:
    return {
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": server.url,
        "DATABASE_PATH": str(database),
        "TRANSCRIBER": "local",
        "LOG_LEVEL": "DEBUG",
    }


def entry_texts(database: Path, user_id: int) -> list[str]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT text FROM entries WHERE user_id = ? ORDER BY id", (user_id,)
        ).fetchall()
    return [str(row[0]) for row in rows]


def transcribed(text: str) -> bool:
    return "plants" in text.lower() or "plumber" in text.lower()


def job_states(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT state FROM transcription_jobs").fetchall()
    return [str(row[0]) for row in rows]


async def test_english_and_chinese_notes_come_back_as_text(
    server: FakeBotApiServer, tmp_path: Path
) -> None:
    api = server.api
    database = tmp_path / "data" / "log.sqlite3"
    async with BotProcess(tmp_path / "run", bot_env(server, database)) as bot:
        await api.wait_for("setMyCommands", 2, timeout=30)
        api.push(api.voice_update(ALICE, data=voice_note("Today I fixed the flaky deploy job.")))
        spoken = "jin1 tian1 wo3 du2 le5 yi4 ben3 shu1, ran2 hou4 qu4 pao3 bu4 le5."
        api.push(api.voice_update(BOB, data=voice_note(spoken, MANDARIN_PINYIN), duration=5))
        await api.wait_for("editMessageText", 2, timeout=PATIENCE)
        assert await bot.stop(signal.SIGTERM) == 0
    english = api.sent_messages(ALICE.id)[0]["text"].lower()
    assert all(word in english for word in ("today", "fixed", "deploy")), english
    [alices] = entry_texts(database, ALICE.id)
    assert "deploy" in alices.lower()
    [bobs] = entry_texts(database, BOB.id)
    assert len(CJK.findall(bobs)) >= 6, bobs
    assert bobs in api.sent_messages(BOB.id)[0]["text"]
    assert TOKEN not in bot.log()


async def test_a_note_transcribing_when_the_bot_is_killed_is_transcribed_after_restart(
    server: FakeBotApiServer, tmp_path: Path
) -> None:
    api = server.api
    database = tmp_path / "data" / "log.sqlite3"
    long_note = voice_note("Remember to water the plants and call the plumber. " * 4)
    async with BotProcess(tmp_path / "run", bot_env(server, database)) as bot:
        await api.wait_for("setMyCommands", 2, timeout=30)
        api.push(api.voice_update(ALICE, data=long_note, duration=12))
        await api.wait_for("sendMessage", 1, timeout=60)  # "🎤 0:12 · transcribing…"
        # Killed while Whisper works on it (the job's row says so).
        async with asyncio.timeout(60):
            while job_states(database) != ["running"]:  # noqa: ASYNC110 - another process
                await asyncio.sleep(0.05)
        assert await bot.stop(signal.SIGKILL) == -signal.SIGKILL
    assert entry_texts(database, ALICE.id) == ["🎤 0:12"]
    async with BotProcess(tmp_path / "run", bot_env(server, database)) as bot:
        await api.wait_until(
            lambda: any(transcribed(message["text"]) for message in api.sent_messages(ALICE.id)),
            timeout=PATIENCE,
            what="the transcript",
        )
        assert await bot.stop(signal.SIGTERM) == 0
    # The "transcribing…" reply itself was edited.
    [reply] = api.sent_messages(ALICE.id)
    assert transcribed(reply["text"]), reply
    assert job_states(database) == ["done"]
    [text] = entry_texts(database, ALICE.id)
    assert "plumber" in text.lower() or "plants" in text.lower(), text


async def test_progress_said_aloud_is_tracked(server: FakeBotApiServer, tmp_path: Path) -> None:
    """espeak-ng says progress as a person would; Whisper writes `War and Peace, page 100 out
    of 300.` and `Progress on Moby Dick, 72%`; /progress shows both."""
    api = server.api
    database = tmp_path / "data" / "log.sqlite3"
    said = [
        "War and Peace, page one hundred out of three hundred.",
        "Progress on Moby Dick: 72 percent.",
    ]
    async with BotProcess(tmp_path / "run", bot_env(server, database)) as bot:
        await api.wait_for("setMyCommands", 2, timeout=30)
        for text in said:
            api.push(api.voice_update(ALICE, data=voice_note(text), duration=4))
        await api.wait_for("editMessageText", 2, timeout=PATIENCE)
        api.push(api.command_update(ALICE, "/progress"))
        await api.wait_until(
            lambda: any("Moby Dick" in m["text"] for m in api.sent_messages(ALICE.id)[2:]),
            timeout=30,
            what="the /progress listing",
        )
        assert await bot.stop(signal.SIGTERM) == 0
    replies = [message["text"] for message in api.sent_messages(ALICE.id)]
    # The transcripts' replies say what was tracked, as for typed progress.
    assert "War and Peace" in replies[0] and "100/300" in replies[0], replies[0]
    assert "Moby Dick" in replies[1] and "72%" in replies[1], replies[1]
    listing = replies[-1]
    assert "War and Peace" in listing and "100/300" in listing, listing
    assert "Moby Dick" in listing and "72%" in listing, listing


async def test_bad_audio_and_videos_get_clear_replies_and_the_bot_keeps_transcribing(
    server: FakeBotApiServer, tmp_path: Path
) -> None:
    """A corrupt OGG, a zero-length note, a PDF sent with a voice note's type and a video with
    no sound each get a clear answer and are kept; a video with speech after them is heard."""
    api = server.api
    database = tmp_path / "data" / "log.sqlite3"
    pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF"
    async with BotProcess(tmp_path / "run", bot_env(server, database)) as bot:
        await api.wait_for("setMyCommands", 2, timeout=30)
        api.push(api.voice_update(ALICE, data=b"OggS\x00\x02" + bytes(range(256)) * 20))
        api.push(api.voice_update(ALICE, data=b"", duration=0))
        api.push(api.voice_update(ALICE, data=pdf, duration=3))
        api.push(api.video_update(ALICE, video_mp4(None), duration=2))
        spoken = video_mp4(speak_wav("Today I fixed the flaky deploy job."), seconds=3)
        api.push(api.video_update(ALICE, spoken, duration=3))
        await api.wait_for("editMessageText", 5, timeout=PATIENCE)
        assert await bot.stop(signal.SIGTERM) == 0
    replies = [message["text"] for message in api.sent_messages(ALICE.id)]
    assert len(replies) == 5, replies
    for reply in replies[:3]:
        assert "kept, but I could not transcribe it" in reply, reply
    assert "🎬 0:02 · I heard no words in it." in replies[3], replies[3]
    assert "🎬 0:03\n" in replies[4] and "deploy" in replies[4].lower(), replies[4]
    texts = entry_texts(database, ALICE.id)
    assert texts[:4] == ["🎤 0:02", "🎤 0:00", "🎤 0:03", "🎬 0:02"], texts
    assert "deploy" in texts[4].lower(), texts
    assert sorted(job_states(database)) == ["done", "done", "failed", "failed", "failed"]
    with sqlite3.connect(database) as connection:
        kept = connection.execute("SELECT status FROM attachments ORDER BY id").fetchall()
    assert [row[0] for row in kept] == ["stored"] * 5  # every file kept, whatever it held
    assert TOKEN not in bot.log()
