"""How the bot speaks HTTP to the Bot API: aiohttp by default, or python-telegram-bot's HTTPX.

Why not PTB's default (HTTPXRequest): httpx and httpcore are pure Python, and a request through
them costs more CPU than everything daylog does with a message. Measured with
`benchmarks/bench_ingest.py` (2,000 messages through the fake Bot API), the bot's main thread
used about 4.8 ms of CPU per message with HTTPX and about 2.3 ms with aiohttp, whose HTTP
parser is in C.
`TELEGRAM_HTTP_CLIENT=httpx` switches back to PTB's client; both take an HTTP proxy from the
usual environment variables.

python-telegram-bot documents `BaseRequest` for exactly this: a request class reports the
status and body of one HTTP call, and the library does the rest (errors by status, JSON,
retry-after). The adapter follows the PTB maintainers' own aiohttp request in ptbcontrib (not
on the package index, so it cannot be a dependency).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit
from urllib.request import getproxies, proxy_bypass

import aiohttp
from telegram.error import NetworkError, TelegramError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData
from typing_extensions import override

from bot.config import HttpClient

# PTB's own defaults for HTTPXRequest, so both clients time out alike.
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 5.0
WRITE_TIMEOUT = 5.0
MEDIA_WRITE_TIMEOUT = 20.0
POOL_TIMEOUT = 1.0
KEEPALIVE_SECONDS = 5.0
# An upload slower than this (64 KiB/s) on top of its timeouts is given up.
UPLOAD_BYTES_PER_SECOND = 64 * 1024
# Replies from many chats and the outbox's workers send side by side.
CONNECTION_POOL_SIZE = 128

# The token travels in the path (`/bot<token>/sendMessage`); no error text may carry it.
_TOKEN_IN_PATH = re.compile(r"(?<=/bot)[^/\s'\"]+")
# PTB's "not given" marker; its class is not public API, its instance is.
_DefaultValue = type(BaseRequest.DEFAULT_NONE)


def build_requests(client: HttpClient) -> tuple[BaseRequest, BaseRequest]:
    """The request for Bot API calls and the one for getUpdates (a single long-poll connection)."""
    if client == "httpx":
        return HttpxRequest(connection_pool_size=CONNECTION_POOL_SIZE), HttpxRequest()
    return AiohttpRequest(), AiohttpRequest(connection_pool_size=1)


def read_answer(payload: bytes) -> dict[str, Any]:
    """PTB's reading of an answer, without its traceback in the log for one that is not JSON
    (a proxy's error page): the caller is told by the error and says what happened."""
    try:
        parsed: dict[str, Any] = json.loads(payload.decode("utf-8", "replace"))
    except ValueError:
        raise TelegramError("Invalid server response") from None
    return parsed


class HttpxRequest(HTTPXRequest):
    """PTB's HTTPX request, reading an answer that is not JSON as `AiohttpRequest` does.

    PTB logs such an answer with a traceback before raising; the poller already logs one
    clear line for it and tries again later, as with aiohttp.
    """

    @staticmethod
    @override
    def parse_json_payload(payload: bytes) -> dict[str, Any]:
        """See `read_answer`."""
        return read_answer(payload)


class AiohttpRequest(BaseRequest):
    """`BaseRequest` on an aiohttp session, with PTB's timeouts and errors.

    Timeouts map onto aiohttp's as closely as it allows: `connect_timeout` bounds opening a
    connection, `pool_timeout` plus that bounds getting one from the pool, and `read_timeout`
    bounds each wait for data, as in HTTPX: a slow but steady download goes on. aiohttp has no
    timeout for writing, so only an upload gets a bound on its total time: the four timeouts
    (with PTB's longer write timeout for media) plus a second per 64 KiB sent.
    """

    def __init__(
        self,
        *,
        connection_pool_size: int = CONNECTION_POOL_SIZE,
        connect_timeout: float | None = CONNECT_TIMEOUT,
        read_timeout: float | None = READ_TIMEOUT,
        write_timeout: float | None = WRITE_TIMEOUT,
        media_write_timeout: float | None = MEDIA_WRITE_TIMEOUT,
        pool_timeout: float | None = POOL_TIMEOUT,
    ) -> None:
        self._pool_size = connection_pool_size
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._media_write_timeout = media_write_timeout
        self._pool_timeout = pool_timeout
        self._session: aiohttp.ClientSession | None = None
        # The proxy for each origin ("https://api.telegram.org"), read from the environment once.
        self._proxies: dict[str, str | None] = {}

    @override
    @staticmethod
    def parse_json_payload(payload: bytes) -> dict[str, Any]:
        """See `read_answer`."""
        return read_answer(payload)

    @property
    @override
    def read_timeout(self) -> float | None:
        """The read timeout used when a call names none (getUpdates adds its long poll)."""
        return self._read_timeout

    @override
    async def initialize(self) -> None:
        """Open the session (again, after a shutdown); it needs the running event loop."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                # Idle connections kept 5 s, as HTTPX keeps them, not aiohttp's 15 s.
                connector=aiohttp.TCPConnector(
                    limit=self._pool_size, keepalive_timeout=KEEPALIVE_SECONDS
                ),
                headers={"User-Agent": self.USER_AGENT},
                # Not trust_env: aiohttp would then read ~/.netrc in a thread on every request
                # (measured: a thread hop and 0.7 ms of CPU per message). The proxy variables
                # are read once per origin instead (`_proxy`).
                timeout=aiohttp.ClientTimeout(total=None),
            )

    @override
    async def shutdown(self) -> None:
        """Close the session and its connections."""
        if self._session is not None and not self._session.closed:
            await self._session.close()

    @override
    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        # PTB passes a float, None (no limit) or DEFAULT_NONE (use the request's own).
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """One HTTP call: its status code and body. Network trouble raises PTB's errors."""
        if self._session is None or self._session.closed:
            raise RuntimeError("AiohttpRequest is not initialized")
        uploads = request_data is not None and request_data.contains_files
        read = _given(read_timeout, self._read_timeout)
        connect = _given(connect_timeout, self._connect_timeout)
        pool = _given(pool_timeout, self._pool_timeout)
        write = _given(write_timeout, self._media_write_timeout if uploads else self._write_timeout)
        timeout = aiohttp.ClientTimeout(
            total=_upload_bound(request_data, connect, pool, write, read) if uploads else None,
            connect=_sum_or_none(pool, connect),
            sock_connect=connect,
            sock_read=read,
        )
        try:
            async with self._session.request(
                method, url, data=_body(request_data), timeout=timeout, proxy=self._proxy(url)
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(
                f"aiohttp.{type(error).__name__}: {_without_token(error)}"
            ) from error

    def _proxy(self, url: str) -> str | None:
        """The proxy HTTPS_PROXY or HTTP_PROXY names for `url`, unless NO_PROXY exempts it.

        ALL_PROXY is not read: it usually names a SOCKS proxy, which aiohttp cannot use.
        """
        try:
            parts = urlsplit(url)
        except ValueError:
            return None  # aiohttp refuses the URL itself, with a NetworkError
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._proxies:
            proxy = getproxies().get(parts.scheme)
            bypass = proxy is not None and bool(proxy_bypass(parts.netloc))
            self._proxies[origin] = None if bypass else proxy
        return self._proxies[origin]


def _given(value: object, default: float | None) -> float | None:
    """The timeout a call asked for, or the request's own when it asked for none."""
    if isinstance(value, _DefaultValue):
        return default
    if value is None or isinstance(value, int | float):
        return value
    raise TypeError(f"a timeout must be a number of seconds or None, not {value!r}")


def _sum_or_none(*parts: float | None) -> float | None:
    """A total bound from the bounds of its parts; unbounded if any part is."""
    return None if any(part is None for part in parts) else sum(part or 0.0 for part in parts)


def _upload_bound(request_data: RequestData | None, *timeouts: float | None) -> float | None:
    """How long an upload may take in all: its timeouts plus a second per 64 KiB of files."""
    bound = _sum_or_none(*timeouts)
    if bound is None or request_data is None:
        return bound
    size = sum(
        len(content) if isinstance(content, bytes) else 0
        for _, content, _ in request_data.multipart_data.values()
    )
    return bound + size / UPLOAD_BYTES_PER_SECOND


def _body(request_data: RequestData | None) -> aiohttp.FormData | dict[str, str] | None:
    """Parameters as a form, as PTB's HTTPX request sends them; multipart when files go along."""
    if request_data is None:
        return None
    if not request_data.contains_files:
        return request_data.json_parameters or None
    # quote_fields=False: file names go as written (日记.md), as HTTPX sends them.
    form = aiohttp.FormData(quote_fields=False)
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mime_type) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mime_type)
    return form


def _without_token(error: BaseException) -> str:
    return _TOKEN_IN_PATH.sub("<token>", str(error))
