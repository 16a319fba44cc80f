"""A fake OpenAI-compatible transcription endpoint on 127.0.0.1, for the `api` transcriber."""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

KEY = "sk-test-secret-never-logged-1234"


@dataclass
class FakeTranscriptionServer:
    """Answers POST /v1/audio/transcriptions like OpenAI's API; records what it got."""

    url: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)
    status: int = 200
    body: bytes | None = None
    delay: float = 0.0
    in_flight: int = 0
    most_in_flight: int = 0
    # Answers by what was uploaded: (status, JSON body); None falls back to the fields above.
    reply: Callable[[bytes], tuple[int, dict[str, Any]] | None] | None = None

    async def handle(self, request: web.Request) -> web.Response:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            return await self._answer(request)
        finally:
            self.in_flight -= 1

    async def _answer(self, request: web.Request) -> web.Response:
        form = await request.post()
        upload = form["file"]
        assert isinstance(upload, web.FileField)
        self.requests.append(
            {
                "authorization": request.headers.get("Authorization"),
                "model": form.get("model"),
                "language": form.get("language"),
                "response_format": form.get("response_format"),
                "file_name": upload.filename,
                "content_type": upload.content_type,
                "data": upload.file.read(),
            }
        )
        if self.delay:
            await asyncio.sleep(self.delay)
        if request.headers.get("Authorization") != f"Bearer {KEY}":
            # OpenAI echoes part of a wrong key; the bot must not pass that on.
            return web.json_response(
                {"error": {"message": f"Incorrect API key provided: {KEY}"}}, status=401
            )
        if self.reply is not None and (answer := self.reply(self.requests[-1]["data"])):
            return web.json_response(answer[1], status=answer[0])
        if self.body is not None:
            return web.Response(body=self.body, status=self.status)
        return web.json_response({"text": " today I read forty pages "}, status=self.status)


@asynccontextmanager
async def fake_transcription_server() -> AsyncIterator[FakeTranscriptionServer]:
    """The fake, listening on a free port of 127.0.0.1 until the block ends."""
    fake = FakeTranscriptionServer()
    app = web.Application()
    app.router.add_post("/v1/audio/transcriptions", fake.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    fake.url = f"http://127.0.0.1:{port}"
    yield fake
    await runner.cleanup()
