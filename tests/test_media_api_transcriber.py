"""The API transcriber against a fake OpenAI-compatible endpoint on 127.0.0.1."""

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from pydantic import SecretStr

from bot.media.api_transcriber import ApiTranscriber, endpoint_url
from bot.media.transcribers import TranscriptionError
from tests.fake_transcription_api import KEY, FakeTranscriptionServer, fake_transcription_server


@pytest.fixture
async def server() -> AsyncIterator[FakeTranscriptionServer]:
    async with fake_transcription_server() as fake:
        yield fake


@pytest.fixture
def note(tmp_path: Path) -> Path:
    path = tmp_path / ("ab" * 32)
    path.write_bytes(b"OggS a voice note")
    return path


@pytest.mark.parametrize(
    ("setting", "url"),
    [
        ("http://host:8000", "http://host:8000/v1/audio/transcriptions"),
        ("http://host:8000/", "http://host:8000/v1/audio/transcriptions"),
        ("https://api.example.org/v1", "https://api.example.org/v1/audio/transcriptions"),
        ("http://h/v1/audio/transcriptions", "http://h/v1/audio/transcriptions"),
    ],
)
def test_the_endpoint_is_found_from_any_usual_form_of_the_url(setting: str, url: str) -> None:
    assert endpoint_url(setting) == url


async def test_the_note_is_posted_with_model_language_and_key(
    server: FakeTranscriptionServer, note: Path
) -> None:
    transcriber = ApiTranscriber(server.url, api_key=SecretStr(KEY), model="large-v3")
    try:
        transcript = await transcriber.transcribe(note, "en", mime_type="audio/ogg")
    finally:
        await transcriber.close()
    assert transcript.text == "today I read forty pages"
    [request] = server.requests
    assert request["authorization"] == f"Bearer {KEY}"
    assert (request["model"], request["language"], request["response_format"]) == (
        "large-v3",
        "en",
        "json",
    )
    assert (request["file_name"], request["content_type"]) == ("audio.ogg", "audio/ogg")
    assert request["data"] == b"OggS a voice note"


async def test_an_mp3_goes_with_its_own_extension(
    server: FakeTranscriptionServer, note: Path
) -> None:
    transcriber = ApiTranscriber(server.url + "/v1", api_key=SecretStr(KEY), model="whisper-1")
    try:
        await transcriber.transcribe(note, None, mime_type="audio/mpeg")
    finally:
        await transcriber.close()
    assert server.requests[0]["file_name"] == "audio.mp3"
    assert server.requests[0]["language"] is None


async def test_a_wrong_key_fails_without_the_key_in_the_error_or_the_log(
    server: FakeTranscriptionServer, note: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    wrong = ApiTranscriber(server.url, api_key=SecretStr(KEY + "x"), model="whisper-1")
    try:
        with pytest.raises(TranscriptionError, match="HTTP 401") as failed:
            await wrong.transcribe(note, "en")
    finally:
        await wrong.close()
    assert KEY not in str(failed.value)
    assert KEY not in repr(failed.value.__cause__)
    assert KEY not in caplog.text


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (500, b"upstream exploded", "HTTP 500"),
        (200, b"<html>not json</html>", "not JSON"),
        (200, b'{"segments": []}', "no text"),
    ],
)
async def test_a_bad_answer_is_a_transcription_error(
    server: FakeTranscriptionServer, note: Path, status: int, body: bytes, error: str
) -> None:
    server.status, server.body = status, body
    transcriber = ApiTranscriber(server.url, api_key=SecretStr(KEY), model="whisper-1")
    try:
        with pytest.raises(TranscriptionError, match=error):
            await transcriber.transcribe(note, "zh")
    finally:
        await transcriber.close()


async def test_a_server_that_hangs_times_out(server: FakeTranscriptionServer, note: Path) -> None:
    server.delay = 5.0
    transcriber = ApiTranscriber(
        server.url,
        api_key=SecretStr(KEY),
        model="whisper-1",
        timeout=aiohttp.ClientTimeout(total=0.2),
    )
    try:
        with pytest.raises(TranscriptionError, match="did not answer"):
            await transcriber.transcribe(note, "en")
    finally:
        await transcriber.close()


async def test_a_server_that_is_not_there(note: Path) -> None:
    transcriber = ApiTranscriber("http://127.0.0.1:9", api_key=None, model="whisper-1")
    try:
        with pytest.raises(TranscriptionError, match="did not answer"):
            await transcriber.transcribe(note, "en")
    finally:
        await transcriber.close()


async def test_an_empty_note_is_not_sent(server: FakeTranscriptionServer, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    transcriber = ApiTranscriber(server.url, api_key=SecretStr(KEY), model="whisper-1")
    try:
        with pytest.raises(TranscriptionError, match="no sound"):
            await transcriber.transcribe(empty, "en")
    finally:
        await transcriber.close()
    assert server.requests == []


async def test_requests_in_flight_are_bounded(server: FakeTranscriptionServer, note: Path) -> None:
    server.delay = 0.2
    transcriber = ApiTranscriber(server.url, api_key=SecretStr(KEY), model="m", concurrency=2)
    try:
        await asyncio.gather(*(transcriber.transcribe(note, "en") for _ in range(5)))
    finally:
        await transcriber.close()
    assert len(server.requests) == 5
    assert server.most_in_flight == 2
