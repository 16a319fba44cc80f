"""faster-whisper's model, encoding a note's first 30 s window once for language and words both.

Whisper's encoder always reads a full 30 s window, whatever the note's length, and it is most of
the work for a short note: faster-whisper's detect_language encodes the window, then transcribe
encodes it again. Here detection encodes exactly the window the decoder reads first, and the
encoder returns that result again instead of computing it twice (bench_voice: a 3 s note's CPU
time nearly halves; the words are the same, since the same numbers reach the decoder).

Only imported with the `voice` extra installed (bot/media/local_whisper.py loads it).
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
from faster_whisper import WhisperModel
from faster_whisper.audio import pad_or_trim


# The extra ships no type hints, so mypy sees WhisperModel as Any.
class EncodeOnceWhisper(WhisperModel):  # type: ignore[misc]
    """A WhisperModel whose encoder remembers its last window (one per thread: each worker
    thread transcribes its own note)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._last = threading.local()

    def encode(self, features: np.ndarray[Any, Any]) -> Any:
        """The encoder's output for a window of features; the same window is encoded once."""
        last: tuple[np.ndarray[Any, Any], Any] | None = getattr(self._last, "window", None)
        if last is not None and np.array_equal(last[0], features):
            return last[1]
        encoded = super().encode(features)
        self._last.window = (features, encoded)
        return encoded

    def language_of(
        self, samples: np.ndarray[Any, Any], *, context: float | None = None
    ) -> tuple[str, float]:
        """The language Whisper hears in the note's first window, and how sure it is.

        With `context` (seconds), the encoder reads only that much of the window (the speech
        and some silence after it) instead of all 30 s, and transcribe() decodes from that
        shorter encoding too.
        """
        features = self.feature_extractor(samples)
        # transcribe() decodes the features without their last frame (it comes from the
        # padding), in windows of nb_max_frames: detecting on that same first window lets
        # the decoder reuse its encoding.
        content = features[:, : features.shape[-1] - 1]
        window = pad_or_trim(content[:, : self.feature_extractor.nb_max_frames])
        if context is None:
            encoded = self.encode(window)
        else:
            tpf = self.feature_extractor.time_per_frame
            # An even number of frames: the encoder halves it.
            frames = min(window.shape[-1], 2 * round(context / tpf / 2))
            # Remembered under the whole window, which is what transcribe() will ask for.
            encoded = super().encode(np.ascontiguousarray(window[:, :frames]))
            self._last.window = (window, encoded)
        [(token, probability), *_] = self.model.detect_language(encoded)[0]
        # Tokens are written `<|en|>`.
        return str(token[2:-2]), float(probability)

    def forget(self) -> None:
        """Drop the remembered window (a few MB) once a note is done."""
        self._last.window = None
