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
@pytest.mark.parametrize(
    ("silence_after", "frames"),
    # The whole 30 s window; or the 2.9 s of speech and 6 s after it (10 ms a frame).
    [(None, (3000, 3000)), (6.0, (880, 900))],
    ids=["whole-window", "short-context"],
)
def test_a_short_note_is_encoded_once_for_its_language_and_its_words(
    model: EncodeOnceWhisper,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    silence_after: float | None,
    frames: tuple[int, int],
) -> None:
    note = tmp_path / "note.ogg"
    note.write_bytes(voice_note("Today I fixed the flaky deploy job."))
    samples = decode_audio(str(note), sampling_rate=16_000)
    context = None if silence_after is None else samples.size / 16_000 + silence_after
    windows = encoded_windows(monkeypatch)
    language, probability = model.language_of(samples, context=context)
    segments, _ = model.transcribe(samples, language=language, without_timestamps=True)
    text = "".join(segment.text for segment in segments).lower()
    model.forget()
    assert (language, probability > 0.5) == ("en", True)
    assert "deploy" in text, text
    [(mels, length)] = windows
    assert mels == 80 and frames[0] <= length <= frames[1], length
