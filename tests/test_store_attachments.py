"""Attachments and the transcription queue against a real SQLite file."""

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.models import Entry
from bot.store import Store
from bot.store.attachments import NewAttachment

NOW = datetime(2023, 1, 2, 12, 0, tzinfo=UTC)
ALICE, BOB = 1, 2
VOICE = NewAttachment(
    kind="voice", file_id="AwACfake1", file_unique_id="U1", size=9000, duration=23,
    mime_type="audio/ogg",
)  # fmt: skip


def photo(number: int) -> NewAttachment:
    return NewAttachment(
        kind="photo", file_id=f"AgACfake{number}", file_unique_id=f"P{number}", width=4, height=3
    )


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "log.sqlite3")
    for user_id in (ALICE, BOB):
        await opened.users.ensure(user_id, chat_id=user_id, language="en", timezone="UTC", now=NOW)
    yield opened
    await opened.close()


async def entry(store: Store, user_id: int = ALICE, message_id: int = 1) -> Entry:
    added, _ = await store.entries.add(
        user_id, "🎤", date(2023, 1, 2), created_at=NOW, chat_id=user_id, message_id=message_id
    )
    return added


async def test_an_album_keeps_its_pictures_in_order_and_a_repeat_adds_nothing(
    store: Store,
) -> None:
    album = await entry(store)
    first = await store.attachments.attach(ALICE, album.id, [photo(1)], at=NOW)
    # The later pictures of an album arrive as their own messages; a redelivery repeats one.
    await store.attachments.attach(ALICE, album.id, [photo(3)], at=NOW, first_position=2)
    await store.attachments.attach(ALICE, album.id, [photo(2)], at=NOW, first_position=1)
    again = await store.attachments.attach(ALICE, album.id, [photo(9)], at=NOW, first_position=1)
    kept = await store.attachments.for_entries(ALICE, [album.id])
    assert [a.file_id for a in kept] == ["AgACfake1", "AgACfake2", "AgACfake3"]
    assert [a.position for a in kept] == [0, 1, 2]
    assert first[0].status == "pending" and first[0].sha256 is None
    assert again[0].file_id == "AgACfake2"


async def test_a_user_sees_only_their_own_attachments(store: Store) -> None:
    alices = await entry(store, ALICE)
    bobs = await entry(store, BOB)
    [voice] = await store.attachments.attach(ALICE, alices.id, [VOICE], at=NOW)
    await store.attachments.attach(BOB, bobs.id, [photo(1)], at=NOW)
    bobs_own = await store.attachments.for_entries(BOB, [bobs.id])
    assert [a.file_id for a in bobs_own] == ["AgACfake1"]
    assert await store.attachments.for_entries(BOB, [alices.id, bobs.id]) == bobs_own
    assert await store.attachments.by_id(BOB, voice.id) is None
    assert await store.attachments.by_id(ALICE, voice.id) == voice
    with pytest.raises(LookupError):
        await store.attachments.enqueue(BOB, voice.id, at=NOW)


async def test_a_file_is_in_use_while_an_entry_links_it(store: Store) -> None:
    first, second = await entry(store, message_id=1), await entry(store, message_id=2)
    [a] = await store.attachments.attach(ALICE, first.id, [photo(1)], at=NOW)
    [b] = await store.attachments.attach(ALICE, second.id, [photo(1)], at=NOW)
    await store.attachments.mark_stored(ALICE, a.id, "ab" * 32, 100)
    await store.attachments.mark_stored(ALICE, b.id, "ab" * 32, 100)
    assert await store.attachments.hash_in_use(ALICE, "ab" * 32)
    await store.entries.delete(ALICE, first.id)
    assert await store.attachments.hash_in_use(ALICE, "ab" * 32)
    await store.entries.delete(ALICE, second.id)
    # Deleting the entry deleted its attachments: the file is no longer needed.
    assert not await store.attachments.hash_in_use(ALICE, "ab" * 32)


async def test_the_queue_hands_out_jobs_oldest_first_and_keeps_the_transcript(
    store: Store,
) -> None:
    first, second = await entry(store, message_id=1), await entry(store, message_id=2)
    [a] = await store.attachments.attach(ALICE, first.id, [VOICE], at=NOW)
    [b] = await store.attachments.attach(ALICE, second.id, [VOICE], at=NOW)
    await store.attachments.mark_stored(ALICE, a.id, "cd" * 32, 9000)
    job_a = await store.attachments.enqueue(ALICE, a.id, at=NOW, language="zh")
    await store.attachments.enqueue(ALICE, b.id, at=NOW)
    await store.attachments.set_reply(job_a.id, chat_id=ALICE, reply_id=5)
    claimed = await store.attachments.claim_next(at=NOW)
    assert claimed is not None
    assert (claimed.id, claimed.state, claimed.attempts) == (job_a.id, "running", 1)
    assert (claimed.sha256, claimed.language, claimed.reply_id) == ("cd" * 32, "zh", 5)
    assert claimed.mime_type == "audio/ogg"
    await store.attachments.finish(claimed.id, "today I ran 5 km", at=NOW)
    kept = await store.attachments.by_id(ALICE, a.id)
    assert kept is not None and kept.transcript == "today I ran 5 km"
    following = await store.attachments.claim_next(at=NOW)
    assert following is not None and following.attachment_id == b.id
    await store.attachments.fail(following.id, "the audio could not be read", at=NOW)
    assert await store.attachments.claim_next(at=NOW) is None
    assert await store.attachments.pending_count() == 0
    failed = await store.attachments.job(following.id)
    assert failed is not None and (failed.state, failed.error) == (
        "failed",
        "the audio could not be read",
    )
    # Asking again (/transcribe) queues it afresh.
    retried = await store.attachments.enqueue(ALICE, b.id, at=NOW + timedelta(hours=1))
    assert (retried.id, retried.state, retried.attempts, retried.error) == (
        following.id,
        "pending",
        0,
        None,
    )


async def test_a_job_a_crash_left_running_waits_again_until_tried_too_often(
    tmp_path: Path,
) -> None:
    path = tmp_path / "restarts.sqlite3"
    store = await Store.open(path)
    await store.users.ensure(ALICE, chat_id=ALICE, language="en", timezone="UTC", now=NOW)
    notes = [await entry(store, message_id=number) for number in (1, 2)]
    jobs = []
    for note in notes:
        [attachment] = await store.attachments.attach(ALICE, note.id, [VOICE], at=NOW)
        jobs.append(await store.attachments.enqueue(ALICE, attachment.id, at=NOW))
    for attempt in (1, 2, 3):
        running = await store.attachments.claim_next(at=NOW)
        assert running is not None and (running.id, running.attempts) == (jobs[0].id, attempt)
        # The process dies while transcribing: the row stays `running`, the next start looks.
        await store.close()
        store = await Store.open(path)
        waiting = await store.attachments.requeue_interrupted(max_attempts=3, at=NOW)
        assert waiting == (1 if attempt < 3 else 0)
    try:
        gave_up = await store.attachments.job(jobs[0].id)
        assert gave_up is not None and (gave_up.state, gave_up.attempts) == ("failed", 3)
        untouched = await store.attachments.claim_next(at=NOW)
        assert untouched is not None and untouched.id == jobs[1].id
    finally:
        await store.close()


async def test_forgetting_a_user_deletes_their_attachments_and_jobs(store: Store) -> None:
    alices, bobs = await entry(store, ALICE), await entry(store, BOB)
    [a] = await store.attachments.attach(ALICE, alices.id, [VOICE], at=NOW)
    [b] = await store.attachments.attach(BOB, bobs.id, [VOICE], at=NOW)
    await store.attachments.enqueue(ALICE, a.id, at=NOW)
    await store.attachments.enqueue(BOB, b.id, at=NOW)
    deleted = await store.accounts.forget(ALICE)
    assert deleted["attachments"] == 1 and deleted["transcription_jobs"] == 1
    assert await store.attachments.by_id(ALICE, a.id) is None
    assert await store.attachments.by_id(BOB, b.id) is not None
    assert await store.attachments.pending_count() == 1


async def test_a_transcripts_reply_finds_its_job_for_its_user_only(store: Store) -> None:
    alices = await entry(store, ALICE)
    [voice] = await store.attachments.attach(ALICE, alices.id, [VOICE], at=NOW)
    job = await store.attachments.enqueue(ALICE, voice.id, at=NOW, chat_id=ALICE, reply_id=7)
    found = await store.attachments.job_by_reply(ALICE, ALICE, 7)
    assert found is not None and (found.id, found.attachment_id) == (job.id, voice.id)
    assert await store.attachments.job_by_reply(ALICE, ALICE, 8) is None
    # The same chat and message ids given by another user name nothing of Alice's.
    assert await store.attachments.job_by_reply(BOB, ALICE, 7) is None


async def test_notes_without_words_are_one_users_or_everyones(store: Store) -> None:
    notes = []
    for user_id in (ALICE, BOB):
        [voice] = await store.attachments.attach(
            user_id, (await entry(store, user_id)).id, [VOICE], at=NOW
        )
        await store.attachments.mark_stored(user_id, voice.id, f"{user_id:064x}", 9000)
        notes.append(voice.id)
    assert [a.id for a in await store.attachments.untranscribed(BOB)] == [notes[1]]
    assert [a.id for a in await store.attachments.untranscribed()] == notes
    await store.attachments.enqueue(ALICE, notes[0], at=NOW)
    assert [a.id for a in await store.attachments.untranscribed(ALICE)] == []


async def test_videos_without_words_are_found_again_but_photos_are_not(store: Store) -> None:
    # A video kept just before a crash is transcribed after it, like a voice note.
    video = NewAttachment(
        kind="video", file_id="BAACfake1", file_unique_id="V1", size=9000, duration=5,
        mime_type="video/mp4",
    )  # fmt: skip
    kept = await store.attachments.attach(
        ALICE, (await entry(store, ALICE)).id, [video, photo(1)], at=NOW
    )
    for number, attachment in enumerate(kept):
        await store.attachments.mark_stored(ALICE, attachment.id, f"{number:064x}", 9000)
    assert [a.kind for a in await store.attachments.untranscribed()] == ["video"]
    assert [a.kind for a in await store.attachments.untranscribed(ALICE)] == ["video"]
