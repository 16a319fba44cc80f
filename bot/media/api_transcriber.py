"""Transcription by a server: any OpenAI-compatible /v1/audio/transcriptions endpoint.

A self-hosted faster-whisper or FunASR server, or a cloud one. The key is sent as a bearer
token and never appears in a log line or an error: errors name the status, not the request.
"""

from __future__ import annotations

import asyncio
import json
import mimetypes
from pathlib import Path

import aiohttp
from pydantic import SecretStr

from bot.media.transcribers import Transcript, TranscriptionError

_PATH = "/audio/transcriptions"
# Telegram's voice notes are OGG/Opus; Python's table does not know every audio type.
_SUFFIXES = {"audio/ogg": ".ogg", "audio/opus": ".ogg", "audio/mpeg": ".mp3", "audio/mp4": ".m4a"}
# A 20 MB note takes a while on a small server; a hung one must not hold its job forever.
DEFAULT_TIMEOUT = aiohttp.ClientTimeout(total=600, connect=15)


def endpoint_url(base: str) -> str:
    """The transcription URL for TRANSCRIBE_API_URL given as a server, a /v1 base or in full."""
    base = base.rstrip("/")
    if base.endswith(_PATH):
        return base
    if base.endswith("/v1"):
        return base + _PATH
    return base + "/v1" + _PATH


class ApiTranscriber:
    """Posts each note to the endpoint; at most `concurrency` requests are in flight."""

    name = "api"

    def __init__(
        self,
        url: str,
        *,
        api_key: SecretStr | None,
        model: str,
        concurrency: int = 2,
        timeout: aiohttp.ClientTimeout = DEFAULT_TIMEOUT,
    ) -> None:
        self._url = endpoint_url(url)
        self._api_key = api_key
        self._model = model
        self._limit = asyncio.Semaphore(concurrency)
        self._timeout = timeout
        self._session: aiohttp.ClientSession | None = None

    async def transcribe(
        self, audio: Path, language: str | None, *, mime_type: str | None = None
    ) -> Transcript:
        """The server's text for the audio file."""
        data = await asyncio.to_thread(audio.read_bytes)
        if not data:
            raise TranscriptionError("the audio holds no sound")
        mime_type = mime_type or "audio/ogg"
        # Some servers tell the format by the file name's extension, so it must match.
        suffix = _SUFFIXES.get(mime_type) or mimetypes.guess_extension(mime_type) or ".ogg"
        form = aiohttp.FormData()
        form.add_field("file", data, filename=f"audio{suffix}", content_type=mime_type)
        form.add_field("model", self._model)
        form.add_field("response_format", "json")
        if language:
            form.add_field("language", language)
        headers = {}
        if self._api_key is not None:
            headers["Authorization"] = f"Bearer {self._api_key.get_secret_value()}"
        async with self._limit:
            try:
                async with self._client().post(self._url, data=form, headers=headers) as answer:
                    body = await answer.read()
                    status = answer.status
            except (aiohttp.ClientError, TimeoutError) as error:
                # The exception's text can hold the URL, never the headers; the kind is enough.
                raise TranscriptionError(
                    f"the transcription server did not answer ({type(error).__name__})"
                ) from None
        if status != 200:
            raise TranscriptionError(f"the transcription server answered HTTP {status}")
        return Transcript(text=_text_of(body), language=language)

    async def close(self) -> None:
        """Close the HTTP session."""
        session, self._session = self._session, None
        if session is not None:
            await session.close()

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        return self._session


def _text_of(body: bytes) -> str:
    try:
        answer = json.loads(body)
    except ValueError:
        raise TranscriptionError("the transcription server's answer is not JSON") from None
    text = answer.get("text") if isinstance(answer, dict) else None
    if not isinstance(text, str):
        raise TranscriptionError("the transcription server's answer has no text")
    return text.strip()
