"""Transcription on this machine: faster-whisper (CTranslate2, int8 on the CPU) in a thread pool.

Only imported when TRANSCRIBER is local (or auto found the `voice` extra installed).
"""

from __future__ import annotations

import asyncio
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import av

from bot.media.languages import choose_language
from bot.media.transcribers import Transcript, TranscriptionError
from bot.media.whisper_model import ModelUnavailableError, locate_model

if TYPE_CHECKING:
    from bot.media.encode_once import EncodeOnceWhisper

SAMPLE_RATE = 16_000
# Whisper's encoder reads 30 s windows, whatever the note's length, and for a short note it is
# most of the work. Given only the speech and some silence after it, it is several times
# quicker, and English transcripts held: on 18 espeak-ng notes of 2.5 to 8.4 s, 34 word errors
# in 177 against 36 with the whole window, at 38% of the CPU time. Shorter clips (1.3 to 2.1 s)
# came out worse as often as better, Chinese ones worse (26 to 35 character errors in 51
# against 22), and detection grows less sure; so only an English note of 2.5 to 10 s whose
# short detection agrees with the user's English takes this way.
SHORT_CONTEXT_LANGUAGES = frozenset({"en"})
SHORT_CONTEXT_SECONDS = (2.5, 10.0)
# The encoder reads the speech and this much after it, and at least SHORT_CONTEXT_LEAST.
SHORT_CONTEXT_MARGIN = 6.0
SHORT_CONTEXT_LEAST = 10.0
# Whisper writes Chinese in traditional characters as often as not; a prompt in simplified
# Chinese steers it to simplified, which is what mainland users write.
_PROMPTS = {"zh": "以下是普通话的句子。"}


def default_threads() -> int:
    """CTranslate2 threads: every core but one, which stays with the event loop."""
    return max(1, (os.cpu_count() or 2) - 1)


class LocalWhisper:
    """faster-whisper behind an executor of `concurrency` threads: at most that many notes are
    transcribed at once, the rest wait their turn, and the event loop never blocks on one."""

    name = "local"

    def __init__(
        self,
        model: str,
        *,
        cache_dir: Path,
        concurrency: int = 1,
        threads: int | None = None,
        beam_size: int = 5,
    ) -> None:
        self._model_setting = model
        self._cache_dir = cache_dir
        self._concurrency = concurrency
        self._threads = threads if threads is not None else default_threads()
        self._beam_size = beam_size
        self._executor = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="whisper")
        self._model: EncodeOnceWhisper | None = None
        self._load_lock = threading.Lock()

    async def warm_up(self) -> None:
        """Join the model's parts (first time only) and load it, so the first note is quick."""
        await asyncio.get_running_loop().run_in_executor(self._executor, self._loaded)

    async def transcribe(
        self, audio: Path, language: str | None, *, mime_type: str | None = None
    ) -> Transcript:
        """The text of the audio file (any format FFmpeg reads); waits for a free worker."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._transcribe, audio, language)

    async def close(self) -> None:
        """Stop the workers (a transcription under way finishes in its thread) and drop the
        model."""
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._model = None

    def _loaded(self) -> EncodeOnceWhisper:
        with self._load_lock:
            if self._model is None:
                # An optional extra.
                from bot.media.encode_once import EncodeOnceWhisper  # noqa: PLC0415

                try:
                    folder = locate_model(self._model_setting, self._cache_dir)
                except ModelUnavailableError as error:
                    raise TranscriptionError(str(error)) from error
                self._model = EncodeOnceWhisper(
                    str(folder),
                    device="cpu",
                    compute_type="int8",
                    cpu_threads=self._threads,
                    num_workers=self._concurrency,
                    # A size name would make faster-whisper download; a folder never does.
                    local_files_only=True,
                )
            return self._model

    def _transcribe(self, audio: Path, hint: str | None) -> Transcript:
        model = self._loaded()
        from faster_whisper import decode_audio  # noqa: PLC0415 - an optional extra

        if not _has_sound_track(audio):
            # A video filmed without sound: nothing was said, which is no failure.
            return Transcript(text="", duration=0.0)
        try:
            samples = decode_audio(str(audio), sampling_rate=SAMPLE_RATE)
        except (av.error.FFmpegError, ValueError, OSError) as error:
            raise TranscriptionError("the audio could not be read") from error
        if samples.size == 0:
            raise TranscriptionError("the audio holds no sound")
        try:
            language = self._language(model, samples, hint)
            segments, info = model.transcribe(
                samples,
                language=language,
                beam_size=self._beam_size,
                # Timestamps cost time (and on short Chinese notes, loops of temperature
                # fallbacks); the bot shows one text, so it asks for none.
                without_timestamps=True,
                condition_on_previous_text=False,
                initial_prompt=_PROMPTS.get(language),
            )
            text = "".join(segment.text for segment in segments).strip()
        finally:
            model.forget()
        return Transcript(text=text, language=info.language, duration=samples.size / SAMPLE_RATE)

    def _language(self, model: EncodeOnceWhisper, samples: Any, hint: str | None) -> str:
        """The language to decode in; the model keeps the encoding the decoder will use."""
        seconds = samples.size / SAMPLE_RATE
        shortest, longest = SHORT_CONTEXT_SECONDS
        if hint in SHORT_CONTEXT_LANGUAGES and shortest <= seconds <= longest:
            context = max(SHORT_CONTEXT_LEAST, seconds + SHORT_CONTEXT_MARGIN)
            detected, _ = model.language_of(samples, context=context)
            if detected == hint:
                return hint
            # Perhaps another language: detection needs the whole window to be sure.
            model.forget()
        # Detection encodes the first window; decoding it reuses that encoding.
        return choose_language(hint, *model.language_of(samples))


def _has_sound_track(path: Path) -> bool:
    """Whether the file holds a sound track (any file FFmpeg cannot open is left to
    decode_audio, whose error says so)."""
    try:
        with av.open(str(path)) as container:
            return bool(container.streams.audio)
    except (av.error.FFmpegError, ValueError, OSError):
        return True
