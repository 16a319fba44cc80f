"""FakeBotApiServer: the fake Bot API over real HTTP on 127.0.0.1, for end-to-end tests."""

import socket
from types import TracebackType
from typing import Any, Self

from aiohttp import BodyPartReader, web

from fakebotapi.core import DEFAULT_TOKEN, FakeBotApi, Files, Params
from fakebotapi.models import NotTheBotApi

# Bots upload up to 50 MB; aiohttp refuses bodies over 1 MiB unless told otherwise.
_MAX_UPLOAD_BYTES = 50 * 1024 * 1024


async def _read_params(request: web.Request) -> tuple[Params, Files] | None:
    """Parameters from the query string and a JSON, urlencoded or multipart body.

    None means the JSON body could not be parsed.
    """
    params: Params = dict(request.query)
    files: Files = {}
    if not request.can_read_body:
        return params, files
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            return None
        if isinstance(body, dict):
            params.update(body)
    elif request.content_type == "multipart/form-data":
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader) or part.name is None:
                continue
            data = await part.read()
            if part.filename is not None:
                files[part.name] = (part.filename, bytes(data))
            else:
                params[part.name] = data.decode(part.get_charset("utf-8"))
    else:
        form = await request.post()
        params.update({key: value for key, value in form.items() if isinstance(value, str)})
    return params, files


class FakeBotApiServer:
    """An aiohttp server around a FakeBotApi, listening on 127.0.0.1 (a free port by default).

    Routes: /bot<token>/<method> (GET or POST) and /file/bot<token>/<file_path>, like
    api.telegram.org, plus /_control/... so a process that did not start the server can
    push updates, inject faults and read what the bot did. Stopping it closes its api.
    """

    def __init__(
        self,
        api: FakeBotApi | None = None,
        *,
        token: str = DEFAULT_TOKEN,
        host: str = "127.0.0.1",
        port: int = 0,
        limit_per_second: int | None = None,
    ) -> None:
        self.api = api if api is not None else FakeBotApi(token, limit_per_second=limit_per_second)
        self._host = host
        self._port = port
        self._runner: web.AppRunner | None = None
        self._url: str | None = None

    @property
    def url(self) -> str:
        """http://127.0.0.1:<port>, the TELEGRAM_API_URL a bot under test gets."""
        if self._url is None:
            raise RuntimeError("the server is not running; use `async with` or start()")
        return self._url

    @property
    def base_url(self) -> str:
        """python-telegram-bot's base_url for this server."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """python-telegram-bot's base_file_url for this server."""
        return f"{self.url}/file/bot"

    def make_app(self) -> web.Application:
        """The aiohttp application, for callers who run it their own way."""
        app = web.Application(client_max_size=_MAX_UPLOAD_BYTES)
        app.router.add_route("*", "/bot{token}/{method}", self._method)
        app.router.add_get("/file/bot{token}/{file_path:.+}", self._file)
        app.router.add_post("/_control/push", self._control_push)
        app.router.add_get("/_control/calls", self._control_calls)
        app.router.add_get("/_control/sent_messages", self._control_sent_messages)
        app.router.add_post("/_control/fail_next", self._control_fail_next)
        return app

    async def start(self) -> None:
        """Start listening; `url` is valid afterwards."""
        # The access log would print every request path, and the path holds the bot token.
        runner = web.AppRunner(self.make_app(), access_log=None, shutdown_timeout=2.0)
        await runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self._host, self._port))
        site = web.SockSite(runner, sock)
        try:
            await site.start()
        except BaseException:
            sock.close()
            await runner.cleanup()
            raise
        host, port = sock.getsockname()[:2]
        self._runner = runner
        self._url = f"http://{host}:{port}"

    async def stop(self) -> None:
        """Answer pending long polls and delays, then close the server."""
        await self.api.aclose()
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    async def _method(self, request: web.Request) -> web.Response:
        try:
            read = await _read_params(request)
        except ConnectionResetError:
            # The client hung up mid-request (a bot stopping while it sends): no one to answer,
            # and nothing to log as a server error. 499 is nginx's "client closed request".
            return web.Response(status=499)
        if read is None:
            body = {"ok": False, "error_code": 400, "description": "Bad Request: can't parse JSON"}
            return web.json_response(body, status=400)
        params, files = read
        try:
            status, body = await self.api.handle(
                request.match_info["token"], request.match_info["method"], params, files
            )
        except NotTheBotApi as page:
            return web.Response(text=page.page, status=page.status, content_type="text/html")
        return web.json_response(body, status=status)

    async def _file(self, request: web.Request) -> web.Response:
        status, data = await self.api.download(
            request.match_info["token"], request.match_info["file_path"]
        )
        content_type = "application/octet-stream" if status == 200 else "application/json"
        return web.Response(body=data, status=status, content_type=content_type)

    async def _control_push(self, request: web.Request) -> web.Response:
        update = await request.json()
        if not isinstance(update, dict):
            return web.json_response({"ok": False, "description": "expected an update"}, status=400)
        return web.json_response({"ok": True, "result": self.api.push(update)})

    async def _control_calls(self, request: web.Request) -> web.Response:
        method = request.query.get("method")
        calls = [
            {"method": call.method, "params": call.params}
            for call in self.api.calls
            if method is None or call.method == method
        ]
        return web.json_response({"ok": True, "result": calls})

    async def _control_sent_messages(self, request: web.Request) -> web.Response:
        chat_id = request.query.get("chat_id")
        messages = self.api.sent_messages(int(chat_id) if chat_id else None)
        return web.json_response({"ok": True, "result": messages})

    async def _control_fail_next(self, request: web.Request) -> web.Response:
        spec: dict[str, Any] = await request.json()
        self.api.fail_next(
            str(spec["method"]),
            status=spec.get("status", 500),
            description=spec.get("description"),
            retry_after=int(spec.get("retry_after", 1)),
            times=int(spec.get("times", 1)),
            delay=float(spec.get("delay", 0.0)),
            page=spec.get("page"),
        )
        return web.json_response({"ok": True, "result": True})
