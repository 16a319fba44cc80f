"""FakeRequest: python-telegram-bot's requests answered in-process by a FakeBotApi, no sockets."""

import asyncio
import json
import re
from typing import IO, Any
from urllib.parse import parse_qsl, unquote, urlsplit

# Private to PTB, but do_request must keep BaseRequest's exact signature and timeout logic.
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import TimedOut
from telegram.request import BaseRequest, RequestData
from typing_extensions import override

from fakebotapi.core import FakeBotApi, Files, Params
from fakebotapi.models import NotTheBotApi

_FILE_PATH = re.compile(r"/file/bot(?P<token>[^/]+)/(?P<path>.+)$")
_METHOD_PATH = re.compile(r"/bot(?P<token>[^/]+)/(?P<method>[^/]+)$")


def _content(content: bytes | IO[bytes]) -> bytes:
    return content if isinstance(content, bytes) else content.read()


class FakeRequest(BaseRequest):
    """A BaseRequest that hands each request to a FakeBotApi and returns its bytes.

    URLs are parsed for the token and method (or file path) whatever the base URL, so the
    bot's default api.telegram.org URLs work. A request that outlasts its read timeout
    raises TimedOut, like HTTPXRequest, and, as with a real server, still completes.
    """

    def __init__(self, api: FakeBotApi, *, read_timeout: float | None = 5.0) -> None:
        self.api = api
        self._read_timeout = read_timeout
        self._initialized = False
        self._abandoned: set[asyncio.Task[tuple[int, dict[str, Any]]]] = set()

    @property
    def read_timeout(self) -> float | None:
        """See BaseRequest.read_timeout: getUpdates adds its long-poll timeout to this."""
        return self._read_timeout

    async def initialize(self) -> None:
        """See BaseRequest.initialize."""
        self._initialized = True

    async def shutdown(self) -> None:
        """See BaseRequest.shutdown: also drops requests that already timed out."""
        self._initialized = False
        abandoned, self._abandoned = self._abandoned, set()
        for task in abandoned:
            task.cancel()
        if abandoned:
            await asyncio.gather(*abandoned, return_exceptions=True)

    @override
    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """See BaseRequest.do_request: the HTTP status and the body's bytes."""
        if not self._initialized:
            # HTTPXRequest refuses too, so a bot that skips initialize() fails here as well.
            raise RuntimeError("This FakeRequest is not initialized!")
        parts = urlsplit(url)
        path = unquote(parts.path)
        file_match = _FILE_PATH.search(path)
        if file_match:
            return await self._download(file_match["token"], file_match["path"], read_timeout)
        method_match = _METHOD_PATH.search(path)
        if method_match is None:
            body = {"ok": False, "error_code": 404, "description": "Not Found"}
            return 404, json.dumps(body).encode()

        # The same strings the HTTP transport sends, so both transports see equal params.
        params: Params = dict(parse_qsl(parts.query))
        files: Files = {}
        if request_data is not None:
            params.update(request_data.json_parameters)
            for name, (file_name, content, _mime_type) in request_data.multipart_data.items():
                files[name] = (file_name, _content(content))

        timeout = self._read_timeout if isinstance(read_timeout, DefaultValue) else read_timeout
        task = asyncio.create_task(
            self.api.handle(method_match["token"], method_match["method"], params, files)
        )
        try:
            done, _ = await asyncio.wait({task}, timeout=timeout)
        except asyncio.CancelledError:
            task.cancel()
            raise
        if not done:
            self._abandoned.add(task)
            task.add_done_callback(self._abandoned.discard)
            raise TimedOut
        try:
            status, body = task.result()
        except NotTheBotApi as page:
            return page.status, page.page.encode()
        return status, json.dumps(body).encode()

    async def _download(
        self, token: str, path: str, read_timeout: ODVInput[float]
    ) -> tuple[int, bytes]:
        # A download that outlasts the read timeout raises TimedOut, like a method call.
        timeout = self._read_timeout if isinstance(read_timeout, DefaultValue) else read_timeout
        try:
            async with asyncio.timeout(timeout):
                return await self.api.download(token, path)
        except TimeoutError:
            raise TimedOut from None
