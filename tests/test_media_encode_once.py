"""One encoder pass per short note: language detection and decoding share it."""

from pathlib import Path

import pytest
from faster_whisper import decode_audio

from bot.media.encode_once import EncodeOnceWhisper
from tests.speech import encoded_windows, needs_espeak, packaged_model, voice_note


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> EncodeOnceWhisper:
    folder = packaged_model(tmp_path_factory)
    return EncodeOnceWhisper(
        str(folder), device="cpu", compute_type="int8", cpu_threads=1, local_files_only=True
    )


@needs_espeak
def test_a_short_note_is_encoded_once_for_its_language_and_its_words(
    model: EncodeOnceWhisper, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    note = tmp_path / "note.ogg"
    note.write_bytes(voice_note("Today I fixed the flaky deploy job."))
    samples = decode_audio(str(note), sampling_rate=16_000)
    windows = encoded_windows(monkeypatch)
    language, probability = model.language_of(samples)
    segments, _ = model.transcribe(samples, language=language, without_timestamps=True)
    text = "".join(segment.text for segment in segments).lower()
    model.forget()
    assert (language, probability > 0.5) == ("en", True)
    assert "deploy" in text, text
    assert windows == [(80, 3000)]


@needs_espeak
def test_with_a_short_context_the_encoder_reads_the_speech_and_a_little_silence(
    model: EncodeOnceWhisper, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    note = tmp_path / "note.ogg"
    note.write_bytes(voice_note("Today I fixed the flaky deploy job."))
    samples = decode_audio(str(note), sampling_rate=16_000)
    seconds = samples.size / 16_000
    windows = encoded_windows(monkeypatch)
    language, _ = model.language_of(samples, context=seconds + 6)
    segments, _ = model.transcribe(samples, language=language, without_timestamps=True)
    text = "".join(segment.text for segment in segments).lower()
    model.forget()
    assert language == "en"
    assert "deploy" in text, text
    # One encoding, of about 9 s (2.9 s of speech and 6 s after it) instead of 30 s.
    [(mels, frames)] = windows
    assert mels == 80 and 880 <= frames <= 900, frames
