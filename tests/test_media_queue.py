"""The transcription queue: real SQLite, real files, a real transcriber (local or over HTTP)."""

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from bot.media.api_transcriber import ApiTranscriber
from bot.media.files import MediaFiles
from bot.media.local_whisper import LocalWhisper
from bot.media.queue import JobOutcome, TranscriptionQueue
from bot.store import Store
from bot.store.attachments import Attachment, NewAttachment
from tests.fake_transcription_api import KEY, FakeTranscriptionServer, fake_transcription_server
from tests.speech import needs_espeak, packaged_model, voice_note

NOW = datetime(2023, 1, 2, 12, 0, tzinfo=UTC)
ALICE = 1


class Outcomes:
    """Collects outcomes and lets a test wait for a number of them."""

    def __init__(self) -> None:
        self.seen: list[JobOutcome] = []
        self._changed = asyncio.Event()

    async def __call__(self, outcome: JobOutcome) -> None:
        self.seen.append(outcome)
        self._changed.set()

    async def wait_for(self, count: int) -> list[JobOutcome]:
        async with asyncio.timeout(60):
            while len(self.seen) < count:
                self._changed.clear()
                await self._changed.wait()
        return self.seen


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "log.sqlite3")
    await opened.users.ensure(ALICE, chat_id=ALICE, language="en", timezone="UTC", now=NOW)
    yield opened
    await opened.close()


@pytest.fixture
async def server() -> AsyncIterator[FakeTranscriptionServer]:
    async with fake_transcription_server() as fake:

        def reply(data: bytes) -> tuple[int, dict[str, Any]]:
            if data.startswith(b"broken"):
                return 500, {"error": "cannot decode"}
            return 200, {"text": f"heard: {data.decode()}"}

        fake.reply = reply
        yield fake


async def kept_voice(
    store: Store, files: MediaFiles, message_id: int, data: bytes, *, store_file: bool = True
) -> Attachment:
    """An entry with a voice note, its file kept, queued for transcription."""
    entry, _ = await store.entries.add(
        ALICE, "🎤", date(2023, 1, 2), created_at=NOW, chat_id=ALICE, message_id=message_id
    )
    new = NewAttachment(kind="voice", file_id=f"v{message_id}", file_unique_id=f"u{message_id}")
    [attachment] = await store.attachments.attach(ALICE, entry.id, [new], at=NOW)
    if store_file:
        kept = await files.save(ALICE, data)
        await store.attachments.mark_stored(ALICE, attachment.id, kept.sha256, kept.size)
    await store.attachments.enqueue(ALICE, attachment.id, at=NOW, language="en")
    return attachment


async def test_queued_notes_are_transcribed_in_order_and_failures_kept(
    store: Store, server: FakeTranscriptionServer, tmp_path: Path
) -> None:
    files = MediaFiles(tmp_path / "media")
    transcriber = ApiTranscriber(server.url, api_key=SecretStr(KEY), model="whisper-1")
    outcomes = Outcomes()
    queue = TranscriptionQueue(store.attachments, files, transcriber, on_outcome=outcomes)
    first = await kept_voice(store, files, 1, b"note one")
    broken = await kept_voice(store, files, 2, b"broken bytes")
    lost = await kept_voice(store, files, 3, b"", store_file=False)
    assert await queue.start() == 3
    try:
        seen = await outcomes.wait_for(3)
        # One that arrives while the workers idle is picked up when woken.
        later = await kept_voice(store, files, 4, b"note four")
        queue.wake()
        seen = await outcomes.wait_for(4)
    finally:
        await queue.stop()
        await transcriber.close()
    assert [outcome.job.attachment_id for outcome in seen] == [
        first.id,
        broken.id,
        lost.id,
        later.id,
    ]
    assert seen[0].transcript is not None and seen[0].transcript.text == "heard: note one"
    assert seen[1].error == "the transcription server answered HTTP 500"
    assert seen[2].error == "the audio was not kept, so it cannot be transcribed"
    kept = await store.attachments.by_id(ALICE, later.id)
    assert kept is not None and kept.transcript == "heard: note four"
    failed = await store.attachments.job(seen[1].job.id)
    assert failed is not None and failed.state == "failed"
    assert await store.attachments.pending_count() == 0


async def test_a_failing_outcome_handler_does_not_stop_the_queue(
    store: Store, server: FakeTranscriptionServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    files = MediaFiles(tmp_path / "media")
    transcriber = ApiTranscriber(server.url, api_key=SecretStr(KEY), model="whisper-1")
    outcomes = Outcomes()

    async def flaky(outcome: JobOutcome) -> None:
        await outcomes(outcome)
        if len(outcomes.seen) == 1:
            raise RuntimeError("Forbidden: bot was blocked by the user")

    queue = TranscriptionQueue(store.attachments, files, transcriber, on_outcome=flaky)
    notes = [await kept_voice(store, files, number, b"note %d" % number) for number in (1, 2)]
    await queue.start()
    try:
        handled = [outcome.job.attachment_id for outcome in await outcomes.wait_for(2)]
    finally:
        await queue.stop()
        await transcriber.close()
    assert handled == [note.id for note in notes]
    assert "handling the outcome of transcription job" in caplog.text
    # The transcript was kept even though its reply could not be edited.
    first = await store.attachments.by_id(ALICE, notes[0].id)
    assert first is not None and first.transcript == "heard: note 1"


@needs_espeak
async def test_a_note_received_just_before_a_crash_is_transcribed_after_it(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path / "log.sqlite3"
    files = MediaFiles(tmp_path / "media")
    store = await Store.open(path)
    await store.users.ensure(ALICE, chat_id=ALICE, language="en", timezone="UTC", now=NOW)
    note = await kept_voice(store, files, 1, voice_note("Remember to water the plants."))
    # The worker took it, and then the process died: the row says `running`.
    assert await store.attachments.claim_next(at=NOW) is not None
    await store.close()

    store = await Store.open(path)
    model = packaged_model(tmp_path_factory)
    transcriber = LocalWhisper(str(model), cache_dir=tmp_path / "unused")
    outcomes = Outcomes()
    queue = TranscriptionQueue(store.attachments, files, transcriber, on_outcome=outcomes)
    try:
        assert await queue.start() == 1
        [outcome] = await outcomes.wait_for(1)
    finally:
        await queue.stop()
        await transcriber.close()
        await store.close()
    assert outcome.job.attachment_id == note.id and outcome.job.attempts == 2
    assert outcome.transcript is not None
    words = outcome.transcript.text.lower()
    assert "remember" in words and "plant" in words, outcome.transcript.text
