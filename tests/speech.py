"""Real speech for the voice tests: espeak-ng says a text, PyAV encodes it as Telegram does.

Telegram's voice notes are OGG/Opus, mono, 48 kHz. espeak-ng comes from the Debian packages
(.ci/run installs it when missing); without it the speech tests skip, saying why.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ESPEAK = shutil.which("espeak-ng")

needs_espeak = pytest.mark.skipif(
    ESPEAK is None, reason="espeak-ng is not installed (apt-get install espeak-ng)"
)

ENGLISH = "en-us"
# Debian's espeak-ng reads Mandarin from pinyin with tone numbers, not from characters.
MANDARIN_PINYIN = "cmn-latn-pinyin"


def speak_wav(text: str, voice: str = ENGLISH, *, words_per_minute: int = 150) -> bytes:
    """espeak-ng's WAV of the text."""
    assert ESPEAK is not None, "espeak-ng is not installed"
    completed = subprocess.run(
        [ESPEAK, "-v", voice, "-s", str(words_per_minute), "--stdout", text],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return completed.stdout


def ogg_opus(wav: bytes, *, bit_rate: int = 32_000) -> bytes:
    """The audio re-encoded as a Telegram voice note: OGG/Opus, mono, 48 kHz."""
    import av  # noqa: PLC0415 - the voice extra; only the speech tests need it

    output = io.BytesIO()
    with av.open(output, "w", format="ogg") as target:
        stream = target.add_stream("libopus", rate=48_000, layout="mono")
        stream.bit_rate = bit_rate
        for packet in _encoded(stream, wav, "s16"):
            target.mux(packet)
    return output.getvalue()


def video_mp4(wav: bytes | None, *, seconds: float = 2.0) -> bytes:
    """A small MP4 video (MPEG-4 part 2 pictures) with the speech as its AAC sound track, or
    with no sound track at all when `wav` is None."""
    import av  # noqa: PLC0415 - as above
    import numpy as np  # noqa: PLC0415 - comes with the voice extra

    output = io.BytesIO()
    with av.open(output, "w", format="mp4") as target:
        pictures = target.add_stream("mpeg4", rate=10)
        pictures.width, pictures.height, pictures.pix_fmt = 64, 48, "yuv420p"
        sound = []
        if wav is not None:
            sound = _encoded(target.add_stream("aac", rate=48_000, layout="mono"), wav, "fltp")
        for number in range(round(seconds * 10)):
            frame = np.full((48, 64, 3), number * 10 % 256, np.uint8)
            target.mux(pictures.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")))
        target.mux(pictures.encode(None))
        for packet in sound:
            target.mux(packet)
    return output.getvalue()


def _encoded(stream: Any, wav: bytes, sample_format: str) -> list[Any]:
    """The WAV's sound encoded by `stream` (mono, 48 kHz), as packets to mux."""
    import av  # noqa: PLC0415 - as above

    resampler = av.AudioResampler(format=sample_format, layout="mono", rate=48_000)
    packets: list[Any] = []
    with av.open(io.BytesIO(wav)) as source:
        for frame in source.decode(audio=0):
            for resampled in resampler.resample(frame):
                packets.extend(stream.encode(resampled))
    for resampled in resampler.resample(None):
        packets.extend(stream.encode(resampled))
    packets.extend(stream.encode(None))
    return packets


def encoded_windows(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, ...]]:
    """The shape of every window Whisper's encoder reads from now on (a spy on the real
    encoder)."""
    from faster_whisper import WhisperModel  # noqa: PLC0415 - as above

    windows: list[tuple[int, ...]] = []
    encode = WhisperModel.encode

    def counted(self: Any, features: Any) -> Any:
        windows.append(tuple(features.shape))
        return encode(self, features)

    monkeypatch.setattr(WhisperModel, "encode", counted)
    return windows


def voice_note(text: str, voice: str = ENGLISH) -> bytes:
    """A voice note saying the text."""
    return ogg_opus(speak_wav(text, voice))


def duration_seconds(ogg: bytes) -> float:
    """How long an OGG/Opus note plays."""
    import av  # noqa: PLC0415 - as above

    with av.open(io.BytesIO(ogg)) as container:
        stream = container.streams.audio[0]
        assert stream.duration is not None and stream.time_base is not None
        return float(stream.duration * stream.time_base)


def packaged_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The packaged base model, joined once per test run into the run's temporary folder."""
    from bot.media.whisper_model import locate_model  # noqa: PLC0415 - keeps this module light

    return locate_model("base", tmp_path_factory.getbasetemp() / "models")
