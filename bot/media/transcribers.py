"""What turns a voice note into text, and how TRANSCRIBER chooses it."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from bot.config import Settings
from bot.media.whisper_model import model_is_available


@dataclass(frozen=True)
class Transcript:
    """What was said, the language it was heard in, and how long the audio lasts (seconds)."""

    text: str
    language: str | None = None
    duration: float | None = None


class TranscriptionError(Exception):
    """This audio could not be transcribed; the message is safe to show and log (no secrets)."""


class Transcriber(Protocol):
    """Turns an audio file into text; many notes may be given at once, it bounds the work."""

    name: str

    async def transcribe(
        self, audio: Path, language: str | None, *, mime_type: str | None = None
    ) -> Transcript:
        """The text of the audio file; `language` (en, zh) is a hint, not a rule."""
        ...

    async def close(self) -> None:
        """Release threads, sessions and the model."""
        ...


def local_transcription_installed() -> bool:
    """Whether the `voice` extra (faster-whisper) is installed."""
    return importlib.util.find_spec("faster_whisper") is not None


def chosen_transcriber(settings: Settings) -> str:
    """local, api or off: what TRANSCRIBER means on this machine (auto: local if it can)."""
    if settings.transcriber != "auto":
        return settings.transcriber
    if local_transcription_installed() and model_is_available(settings.whisper_model):
        return "local"
    return "off"


def build_transcriber(settings: Settings) -> Transcriber | None:
    """The transcriber TRANSCRIBER asks for; None when transcription is off."""
    choice = chosen_transcriber(settings)
    if choice == "api":
        from bot.media.api_transcriber import ApiTranscriber  # noqa: PLC0415 - only when chosen

        assert settings.transcribe_api_url is not None  # noqa: S101 - the setting requires it
        return ApiTranscriber(
            settings.transcribe_api_url,
            api_key=settings.transcribe_api_key,
            model=settings.transcribe_model,
        )
    if choice == "local":
        from bot.media.local_whisper import LocalWhisper  # noqa: PLC0415 - an optional extra

        return LocalWhisper(settings.whisper_model, cache_dir=settings.model_cache_path)
    return None
