"""Real transcription on this machine: espeak-ng speech, encoded as Telegram does, read back."""

import asyncio
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.media.local_whisper import LocalWhisper
from bot.media.transcribers import TranscriptionError, build_transcriber, chosen_transcriber
from tests.speech import (
    MANDARIN_PINYIN,
    encoded_windows,
    needs_espeak,
    packaged_model,
    speak_wav,
    video_mp4,
    voice_note,
)

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The packaged base model, joined once for every test that transcribes."""
    return packaged_model(tmp_path_factory)


@pytest.fixture
async def whisper(model_dir: Path, tmp_path: Path) -> AsyncIterator[LocalWhisper]:
    transcriber = LocalWhisper(str(model_dir), cache_dir=tmp_path / "unused")
    yield transcriber
    await transcriber.close()


def note_file(tmp_path: Path, data: bytes, name: str = "note") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@needs_espeak
async def test_an_english_note_comes_back_with_its_words(
    whisper: LocalWhisper, tmp_path: Path
) -> None:
    note = note_file(tmp_path, voice_note("Today I fixed the flaky deploy job."))
    transcript = await whisper.transcribe(note, "en", mime_type="audio/ogg")
    words = transcript.text.lower()
    for word in ("today", "fixed", "deploy", "job"):
        assert word in words, transcript.text
    assert transcript.language == "en"
    assert transcript.duration is not None and 1.0 < transcript.duration < 5.0


@needs_espeak
async def test_a_chinese_note_comes_back_as_chinese_characters(
    whisper: LocalWhisper, tmp_path: Path
) -> None:
    spoken = "jin1 tian1 wo3 du2 le5 yi4 ben3 shu1, ran2 hou4 qu4 pao3 bu4 le5."
    note = note_file(tmp_path, voice_note(spoken, MANDARIN_PINYIN))
    transcript = await whisper.transcribe(note, "zh")
    assert transcript.language == "zh"
    assert len(CJK.findall(transcript.text)) >= 6, transcript.text
    # "我读了一本书" survives espeak-ng's robotic Mandarin; written in simplified characters.
    assert "书" in transcript.text and "書" not in transcript.text, transcript.text


@needs_espeak
async def test_an_english_note_from_a_chinese_speaker_stays_english(
    whisper: LocalWhisper, tmp_path: Path
) -> None:
    note = note_file(tmp_path, voice_note("I went running in the park this morning."))
    transcript = await whisper.transcribe(note, "zh")
    assert transcript.language == "en"
    assert "running" in transcript.text.lower(), transcript.text


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", "could not be read"),
        (b"OggS\x00\x02" + bytes(range(256)) * 20, "could not be read"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", "could not be read"),
    ],
    ids=["zero-length", "corrupt-ogg", "pdf"],
)
async def test_what_is_not_audio_is_a_clear_error(
    whisper: LocalWhisper, tmp_path: Path, data: bytes, error: str
) -> None:
    with pytest.raises(TranscriptionError, match=error):
        await whisper.transcribe(note_file(tmp_path, data), "en")


@needs_espeak
async def test_transcription_runs_off_the_event_loop_one_note_at_a_time(
    whisper: LocalWhisper, tmp_path: Path
) -> None:
    await whisper.warm_up()
    notes = [
        note_file(tmp_path, voice_note(text), name=f"note{number}")
        for number, text in enumerate(["One two three four.", "Five six seven eight."])
    ]
    first = asyncio.create_task(whisper.transcribe(notes[0], "en"))
    second = asyncio.create_task(whisper.transcribe(notes[1], "en"))
    # The loop keeps turning while both notes are transcribed (or wait their turn).
    ticks = 0
    while not first.done():
        await asyncio.sleep(0.01)
        ticks += 1
    assert ticks > 1
    assert not second.done() or second.result()  # the second waited behind the first
    texts = [(await task).text.lower() for task in (first, second)]
    assert "three" in texts[0] or "3" in texts[0], texts
    assert "seven" in texts[1] or "7" in texts[1], texts


def test_auto_is_local_when_the_voice_extra_is_installed(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, bot_token="1:x", database_path=tmp_path / "db.sqlite3")
    assert chosen_transcriber(settings) == "local"
    assert chosen_transcriber(settings.model_copy(update={"transcriber": "off"})) == "off"
    missing = settings.model_copy(update={"whisper_model": str(tmp_path / "no-model")})
    assert chosen_transcriber(missing) == "off"
    assert build_transcriber(missing) is None
    assert isinstance(build_transcriber(settings), LocalWhisper)


async def test_a_missing_model_is_a_transcription_error_not_a_download(tmp_path: Path) -> None:
    transcriber = LocalWhisper("large-v3", cache_dir=tmp_path)
    note = note_file(tmp_path, b"OggS")
    try:
        with pytest.raises(TranscriptionError, match="neither a folder"):
            await transcriber.transcribe(note, "en")
    finally:
        await transcriber.close()


@needs_espeak
async def test_a_video_is_heard_through_its_sound_track(
    whisper: LocalWhisper, tmp_path: Path
) -> None:
    video = note_file(tmp_path, video_mp4(speak_wav("Today I fixed the flaky deploy job.")))
    transcript = await whisper.transcribe(video, "en", mime_type="video/mp4")
    assert "deploy" in transcript.text.lower(), transcript.text


async def test_a_video_without_a_sound_track_is_silence_not_an_error(
    whisper: LocalWhisper, tmp_path: Path
) -> None:
    video = note_file(tmp_path, video_mp4(None))
    transcript = await whisper.transcribe(video, "en", mime_type="video/mp4")
    assert transcript.text == ""


@needs_espeak
@pytest.mark.parametrize(("hint", "frames"), [("en", 1000), ("zh", 3000)])
async def test_a_short_english_note_is_encoded_once_and_shorter_than_30_s(
    whisper: LocalWhisper,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    hint: str,
    frames: int,
) -> None:
    """A 2.9 s English note: its speech and silence up to 10 s are encoded once; the same
    note from a Chinese speaker needs the whole window to tell its language."""
    note = note_file(tmp_path, voice_note("Today I fixed the flaky deploy job."))
    await whisper.warm_up()
    windows = encoded_windows(monkeypatch)
    transcript = await whisper.transcribe(note, hint)
    assert "deploy" in transcript.text.lower(), transcript.text
    assert windows == [(80, frames)]
