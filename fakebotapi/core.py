"""FakeBotApi: the Bot API's behaviour, whatever transport carries the requests to it."""

import asyncio
import contextlib
import json
import math
import mimetypes
import re
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable
from datetime import datetime
from http import HTTPStatus
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit

import aiohttp

from fakebotapi.markup import MarkupError, parse_html, utf16_length
from fakebotapi.media import image_size, tiny_png
from fakebotapi.models import (
    ApiError,
    Call,
    FakeChat,
    FakeUser,
    Fault,
    NotTheBotApi,
    StoredFile,
    Webhook,
    bad_request,
)

DEFAULT_TOKEN = "123456789:AAFakeTokenForDaylogTests-0000000000"
SECRET_TOKEN_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024

Params = dict[str, Any]
Files = dict[str, tuple[str, bytes]]
_Handler = Callable[[Params, Files], Awaitable[Any]]

_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
_LEADING_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
_REPLACED_POLL = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
_WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
_FAULT_DESCRIPTIONS = {
    400: "Bad Request: injected failure",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: _REPLACED_POLL,
}


class _Broadcast:
    """Wakes every waiter at once; waiters re-check their own condition, so no state is lost."""

    def __init__(self) -> None:
        self._waiters: set[asyncio.Future[None]] = set()

    def notify(self) -> None:
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._waiters.clear()

    async def wait(self, seconds: float | None) -> None:
        """Return on the next notify, or after that many seconds (None: no limit)."""
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.add(waiter)
        try:
            async with asyncio.timeout(seconds):
                await waiter
        except TimeoutError:
            pass
        finally:
            self._waiters.discard(waiter)


def _timestamp(date: datetime | None) -> int:
    if date is None:
        return int(time.time())
    if date.tzinfo is None:
        raise ValueError("give an aware datetime: Telegram dates are instants")
    return int(date.timestamp())


def _message_of(message_or_update: dict[str, Any]) -> dict[str, Any]:
    """Builders accept a Message dict or an update holding one."""
    if "message_id" in message_or_update:
        return message_or_update
    for key in ("message", "edited_message", "channel_post"):
        if key in message_or_update:
            inner: dict[str, Any] = message_or_update[key]
            return inner
    raise ValueError("expected a Message dict or an update with a message")


def _int(params: Params, name: str) -> int | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise bad_request(f"invalid {name} specified")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_request(f"invalid {name} specified") from None


def _float(params: Params, name: str) -> float | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise bad_request(f"invalid {name} specified") from None


def _bool(params: Params, name: str) -> bool:
    value = params.get(name)
    if isinstance(value, str):
        return value.lower() in ("true", "1")
    return bool(value)


def _json(params: Params, name: str, what: str | None = None) -> Any:
    """A parameter that is a JSON object: a string in a form, a value in a JSON body."""
    value = params.get(name)
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        raise bad_request(f"can't parse {what or name} JSON object") from None


def _checked_utf8(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise bad_request("strings must be encoded in UTF-8") from None
    return text


class FakeBotApi:
    """An offline Telegram Bot API for one bot: state, real error texts and test controls.

    Transports (the aiohttp server, the in-process FakeRequest) call `handle`; tests build
    updates, `push` them, inject faults and read what the bot did. Use it from one event loop.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_id: int | None = None,
        bot_username: str = "daylog_test_bot",
        bot_first_name: str = "Daylog",
        limit_per_second: int | None = None,
        webhook_retry_delay: float = 0.5,
        first_update_id: int = 1000,
    ) -> None:
        self.token = token
        # A real token starts with the bot's id, and getMe answers with that id.
        prefix = token.partition(":")[0]
        self.bot_id = bot_id if bot_id is not None else int(prefix) if prefix.isdigit() else 1
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.limit_per_second = limit_per_second
        self.webhook_retry_delay = webhook_retry_delay

        self.calls: list[Call] = []
        self.uploads: list[StoredFile] = []
        self.downloads: list[str] = []
        self.callback_answers: dict[str, Params] = {}
        self.webhook_deliveries: list[tuple[int, int]] = []
        self.rate_limited_count = 0

        self._call_counts: Counter[str] = Counter()
        self._changed = _Broadcast()
        self._closed = False
        self._updates: list[dict[str, Any]] = []
        self._next_update_id = first_update_id
        self._poll_generation = 0
        self._chats: dict[int, dict[str, Any]] = {}
        self._blocked: set[int] = set()
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._bot_messages: list[tuple[int, int]] = []
        self._next_message_id: dict[int, int] = {}
        self._files: dict[str, StoredFile] = {}
        self._files_by_path: dict[str, StoredFile] = {}
        self._file_counter = 0
        self._album_counter = 0
        self._pending_callbacks: set[str] = set()
        self._callback_counter = 0
        self._commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self._faults: dict[str, list[Fault]] = {}
        self._recent_sends: deque[float] = deque()
        self._webhook: Webhook | None = None
        self._webhook_task: asyncio.Task[None] | None = None

        handlers: dict[str, _Handler] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "sendDocument": self._send_document,
            "sendPhoto": self._send_photo,
            "sendVoice": self._send_voice,
            "sendAudio": self._send_audio,
            "sendVideoNote": self._send_video_note,
            "sendVideo": self._send_video,
            "sendMediaGroup": self._send_media_group,
            "sendChatAction": self._send_chat_action,
            "getFile": self._get_file,
            "answerCallbackQuery": self._answer_callback_query,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "close": self._true,
            "logOut": self._true,
        }
        # The real API matches method names case-insensitively.
        self._methods = {name.lower(): (name, handler) for name, handler in handlers.items()}

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Answer pending long polls and delays at once and stop webhook delivery."""
        self._closed = True
        self._changed.notify()
        task, self._webhook_task = self._webhook_task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    # ---- transport entry points -------------------------------------------------------

    async def handle(
        self, token: str, method: str, params: Params, files: Files | None = None
    ) -> tuple[int, dict[str, Any]]:
        """Answer one Bot API request: the HTTP status and the JSON body.

        Raises NotTheBotApi when a `page` fault (fail_next) stands in for the answer.
        """
        if token != self.token:
            return 401, ApiError(401, "Unauthorized").body()
        known = self._methods.get(method.lower())
        name = known[0] if known else method
        self.calls.append(Call(name, dict(params), tuple(files or ())))
        self._call_counts[name] += 1
        self._changed.notify()
        try:
            if known is None:
                raise ApiError(404, "Not Found")
            await self._apply_fault(name)
            self._check_rate_limit(name)
            result = await known[1](params, files or {})
        except ApiError as error:
            return error.status, error.body()
        finally:
            self._changed.notify()
        return 200, {"ok": True, "result": result}

    async def download(self, token: str, file_path: str) -> tuple[int, bytes]:
        """Answer GET /file/bot<token>/<file_path>: the status and the file's bytes.

        fail_next("download", ...) makes downloads fail or (with `delay`) time out.
        """
        if token != self.token:
            return 401, json.dumps(ApiError(401, "Unauthorized").body()).encode()
        stored = self._files_by_path.get(file_path)
        if stored is None:
            return 404, json.dumps(ApiError(404, "Not Found").body()).encode()
        try:
            # Only faults named "download": a "*" fault stays with the Bot API's methods.
            if self._faults.get("download"):
                await self._apply_fault("download")
        except ApiError as error:
            return error.status, json.dumps(error.body()).encode()
        except NotTheBotApi as page:
            return page.status, page.page.encode()
        self.downloads.append(file_path)
        return 200, stored.data

    # ---- test controls ------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        *,
        status: int | None = 500,
        description: str | None = None,
        retry_after: int = 1,
        times: int = 1,
        delay: float = 0.0,
        page: str | None = None,
    ) -> None:
        """Make the next `times` calls of `method` ("*" for any) fail with `status`.

        429 answers "Too Many Requests: retry after N" with parameters.retry_after; 403 is
        "Forbidden: bot was blocked by the user"; 5xx carry the HTTP reason. `delay` holds
        the answer back that many seconds (longer than the client's timeout makes it time
        out); with status=None the call then succeeds, as a slow but working Telegram does.
        With `page`, the answer is that text as HTML, with `status` (200 too), the way a
        proxy in front of the Bot API answers with its own error page.
        """
        fault = Fault(status, description, retry_after, times, delay, page)
        self._faults.setdefault(method, []).append(fault)

    def block(self, user_id: int) -> None:
        """The user blocks the bot: sending to them answers 403 from now on."""
        self._blocked.add(user_id)

    def unblock(self, user_id: int) -> None:
        """The user restarts the bot."""
        self._blocked.discard(user_id)

    def add_chat(self, chat: FakeUser | FakeChat) -> None:
        """Make a chat known without an update (Telegram answers "chat not found" otherwise)."""
        chat_dict = chat.private_chat() if isinstance(chat, FakeUser) else chat.to_dict()
        self._chats[chat_dict["id"]] = chat_dict

    def register_file(
        self,
        data: bytes,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        folder: str = "documents",
    ) -> StoredFile:
        """A file the bot may getFile and download, as if a user had sent it."""
        return self._store_file(data, file_name=file_name, mime_type=mime_type, folder=folder)

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates, or for delivery to the webhook when one is set.

        A hand-written update may leave out update_id, message_id and date; they are filled
        in, and its chats become known, so other processes can drive the fake with plain JSON.
        """
        if "update_id" not in update:
            update["update_id"] = self._next_update_id
        self._next_update_id = max(self._next_update_id, int(update["update_id"]) + 1)
        for key in ("message", "edited_message", "channel_post", "edited_channel_post"):
            if key in update:
                self._adopt_message(update[key])
        query = update.get("callback_query")
        if query is not None:
            self._pending_callbacks.add(str(query["id"]))
            if "message" in query:
                self._adopt_message(query["message"])
        self._updates.append(update)
        self._changed.notify()
        return update

    # A built-in limit (ASYNC109 prefers asyncio.timeout around the call) makes a forgotten
    # reply fail the test with the calls seen so far instead of hanging it.
    async def wait_until(
        self,
        condition: Callable[[], bool],
        *,
        timeout: float = 5.0,  # noqa: ASYNC109
        what: str = "condition",
    ) -> None:
        """Return once condition() holds, re-checked whenever the fake's state changes."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not condition():
            remaining = deadline - loop.time()
            if remaining <= 0:
                seen = [call.method for call in self.calls]
                raise TimeoutError(f"no {what} within {timeout}s; calls so far: {seen}")
            await self._changed.wait(remaining)

    async def wait_for(
        self,
        method: str,
        count: int = 1,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> list[Call]:
        """Wait until `count` calls of `method` have arrived (failed ones count too)."""

        # A counter, not a scan of `calls`: a benchmark's wait is woken by every request.
        await self.wait_until(
            lambda: self._call_counts[method] >= count,
            timeout=timeout,
            what=f"{count} x {method}",
        )
        return [call for call in self.calls if call.method == method]

    def sent_messages(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Messages the bot sent and has not deleted, oldest first, as they look now."""
        return [
            self._messages[key]
            for key in self._bot_messages
            if key in self._messages and (chat_id is None or key[0] == chat_id)
        ]

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        """A message as it looks now (None once deleted or never sent)."""
        return self._messages.get((chat_id, message_id))

    def commands(
        self, language_code: str = "", scope: dict[str, Any] | None = None
    ) -> list[dict[str, str]]:
        """The commands setMyCommands recorded for this language and scope."""
        return list(self._commands.get(self._commands_key(scope, language_code), []))

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates not yet confirmed by getUpdates (or not yet delivered to the webhook)."""
        return list(self._updates)

    @property
    def webhook(self) -> Webhook | None:
        """The webhook setWebhook recorded, or None in long-polling mode."""
        return self._webhook

    # ---- update builders ----------------------------------------------------------------

    def text_update(
        self,
        user: FakeUser,
        text: str,
        *,
        chat: FakeChat | None = None,
        date: datetime | None = None,
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A text message; a leading /command gets its bot_command entity, as Telegram does."""
        content: dict[str, Any] = {"text": text}
        command = _LEADING_COMMAND.match(text)
        if command:
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_length(command.group())}
            ]
        if reply_to is not None:
            content["reply_to_message"] = _message_of(reply_to)
        return self._update(message=self._incoming(user, chat, date, content))

    def command_update(
        self,
        user: FakeUser,
        command: str,
        *,
        chat: FakeChat | None = None,
        date: datetime | None = None,
    ) -> dict[str, Any]:
        """A command such as "/undo args", with its bot_command entity."""
        if not _LEADING_COMMAND.match(command):
            raise ValueError(f"not a bot command: {command!r}")
        return self.text_update(user, command, chat=chat, date=date)

    def edited_text_update(
        self, original_message: dict[str, Any], new_text: str, *, date: datetime | None = None
    ) -> dict[str, Any]:
        """The user edits a message (give the Message dict or the update that carried it)."""
        original = _message_of(original_message)
        edited = {k: v for k, v in original.items() if k != "entities"}
        edited["text"] = new_text
        edited["edit_date"] = max(_timestamp(date), int(original["date"]))
        command = _LEADING_COMMAND.match(new_text)
        if command:
            edited["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_length(command.group())}
            ]
        self._messages[(edited["chat"]["id"], edited["message_id"])] = edited
        return self._update(edited_message=edited)

    def photo_update(
        self,
        user: FakeUser,
        caption: str | None = None,
        *,
        data: bytes | None = None,
        chat: FakeChat | None = None,
        date: datetime | None = None,
    ) -> dict[str, Any]:
        """A photo, optionally captioned; its bytes (a small PNG by default) can be fetched.

        Like Telegram, it comes in sizes, smallest first: a thumbnail (a different file) and
        the picture itself, the largest, last.
        """
        image = data if data is not None else tiny_png(4, 3)
        width, height = image_size(image) or (1, 1)
        thumbnail = self._store_file(tiny_png(1, 1), folder="photos", mime_type="image/jpeg")
        stored = self._store_file(image, folder="photos", mime_type="image/jpeg")
        content: dict[str, Any] = {
            "photo": [
                self._photo_size(thumbnail, 1, 1),
                self._photo_size(stored, width, height),
            ]
        }
        if caption is not None:
            content["caption"] = caption
        return self._update(message=self._incoming(user, chat, date, content))

    def document_update(
        self,
        user: FakeUser,
        file_name: str,
        data: bytes,
        caption: str | None = None,
        *,
        mime_type: str | None = None,
        chat: FakeChat | None = None,
        date: datetime | None = None,
    ) -> dict[str, Any]:
        """A document; the file is registered, so getFile and the download work."""
        stored = self._store_file(data, file_name=file_name, mime_type=mime_type)
        content: dict[str, Any] = {"document": self._document(stored)}
        if caption is not None:
            content["caption"] = caption
        return self._update(message=self._incoming(user, chat, date, content))

    def sticker_update(
        self,
        user: FakeUser,
        *,
        emoji: str = "👍",
        chat: FakeChat | None = None,
        date: datetime | None = None,
    ) -> dict[str, Any]:
        """A sticker message."""
        stored = self._store_file(b"RIFF\x00\x00\x00\x00WEBP", folder="stickers")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "file_size": len(stored.data),
        }
        return self._update(message=self._incoming(user, chat, date, {"sticker": sticker}))

    def voice_update(
        self,
        user: FakeUser,
        *,
        data: bytes | None = None,
        duration: int = 2,
        mime_type: str = "audio/ogg",
        caption: str | None = None,
        chat: FakeChat | None = None,
        date: datetime | None = None,
    ) -> dict[str, Any]:
        """A voice note; give real OGG/Opus `data` to have it transcribed (getFile works)."""
        audio = data if data is not None else b"OggS\x00fake-voice"
        stored = self._store_file(audio, folder="voice", mime_type=mime_type, suffix=".oga")
        voice = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": duration,
            "mime_type": mime_type,
            "file_size": len(stored.data),
        }
        content: dict[str, Any] = {"voice": voice}
        if caption is not None:
            content["caption"] = caption
        return self._update(message=self._incoming(user, chat, date, content))

    def audio_update(
        self,
        user: FakeUser,
        data: bytes,
        *,
        duration: int = 2,
        file_name: str | None = "audio.mp3",
        mime_type: str | None = "audio/mpeg",
        title: str | None = None,
        performer: str | None = None,
        caption: str | None = None,
        chat: FakeChat | None = None,
        date: datetime | None = None,
    ) -> dict[str, Any]:
        """An audio file (music or a recording sent as a file), with getFile and download."""
        stored = self._store_file(data, file_name=file_name, mime_type=mime_type, folder="music")
        audio: dict[str, Any] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": duration,
            "file_size": len(stored.data),
        }
        for key, value in (
            ("file_name", file_name),
            ("mime_type", stored.mime_type),
            ("title", title),
            ("performer", performer),
        ):
            if value is not None:
                audio[key] = value
        content: dict[str, Any] = {"audio": audio}
        if caption is not None:
            content["caption"] = caption
        return self._update(message=self._incoming(user, chat, date, content))

    def video_note_update(
        self,
        user: FakeUser,
        data: bytes,
        *,
        duration: int = 2,
        length: int = 240,
        chat: FakeChat | None = None,
        date: datetime | None = None,
    ) -> dict[str, Any]:
        """A round video note (MP4); Telegram gives no mime type or caption for these."""
        stored = self._store_file(data, folder="video_notes", suffix=".mp4")
        video_note = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "length": length,
            "duration": duration,
            "file_size": len(stored.data),
        }
        return self._update(message=self._incoming(user, chat, date, {"video_note": video_note}))

    def video_update(
        self,
        user: FakeUser,
        data: bytes,
        *,
        duration: int = 2,
        width: int = 64,
        height: int = 48,
        file_name: str | None = "video.mp4",
        mime_type: str = "video/mp4",
        caption: str | None = None,
        chat: FakeChat | None = None,
        date: datetime | None = None,
    ) -> dict[str, Any]:
        """An ordinary video (not a round one), with getFile and download."""
        stored = self._store_file(data, file_name=file_name, mime_type=mime_type, folder="videos")
        video: dict[str, Any] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "width": width,
            "height": height,
            "duration": duration,
            "mime_type": mime_type,
            "file_size": len(stored.data),
        }
        if file_name is not None:
            video["file_name"] = file_name
        content: dict[str, Any] = {"video": video}
        if caption is not None:
            content["caption"] = caption
        return self._update(message=self._incoming(user, chat, date, content))

    def album_updates(
        self,
        user: FakeUser,
        images: list[bytes],
        caption: str | None = None,
        *,
        media_group_id: str | None = None,
        chat: FakeChat | None = None,
        date: datetime | None = None,
    ) -> list[dict[str, Any]]:
        """An album: one update per picture, sharing a media_group_id, in the order sent.

        As in Telegram, the caption rides on the first picture and the pictures arrive as
        separate updates (a test may shuffle them to deliver them out of order).
        """
        if not 2 <= len(images) <= 10:
            raise ValueError("an album holds 2 to 10 pictures")
        self._album_counter += 1
        group = media_group_id or f"{13_000_000_000_000_000 + self._album_counter}"
        updates = []
        for index, image in enumerate(images):
            update = self.photo_update(
                user, caption if index == 0 else None, data=image, chat=chat, date=date
            )
            update["message"]["media_group_id"] = group
            updates.append(update)
        return updates

    @staticmethod
    def forwarded(update: dict[str, Any], origin: dict[str, Any]) -> dict[str, Any]:
        """The same update as if the message had been forwarded from `origin` (see the
        *_origin builders); returns the update."""
        _message_of(update)["forward_origin"] = origin
        return update

    @staticmethod
    def user_origin(sender: FakeUser, date: datetime) -> dict[str, Any]:
        """MessageOriginUser: forwarded from a person who allows linking to their account."""
        return {"type": "user", "sender_user": sender.to_dict(), "date": _timestamp(date)}

    @staticmethod
    def hidden_user_origin(name: str, date: datetime) -> dict[str, Any]:
        """MessageOriginHiddenUser: forwarded from a person who hides their account."""
        return {"type": "hidden_user", "sender_user_name": name, "date": _timestamp(date)}

    @staticmethod
    def channel_origin(
        title: str,
        date: datetime,
        *,
        message_id: int = 1,
        username: str | None = None,
        signature: str | None = None,
    ) -> dict[str, Any]:
        """MessageOriginChannel: forwarded from a channel post (signed by its author when the
        channel signs its posts)."""
        chat: dict[str, Any] = {"id": -1009876543210, "type": "channel", "title": title}
        if username is not None:
            chat["username"] = username
        origin: dict[str, Any] = {
            "type": "channel",
            "chat": chat,
            "message_id": message_id,
            "date": _timestamp(date),
        }
        if signature is not None:
            origin["author_signature"] = signature
        return origin

    @staticmethod
    def chat_origin(title: str, date: datetime, *, signature: str | None = None) -> dict[str, Any]:
        """MessageOriginChat: forwarded from a group's anonymous admin (the group's title)."""
        origin: dict[str, Any] = {
            "type": "chat",
            "sender_chat": {"id": -1001234567890, "type": "supergroup", "title": title},
            "date": _timestamp(date),
        }
        if signature is not None:
            origin["author_signature"] = signature
        return origin

    def callback_update(self, user: FakeUser, message: dict[str, Any], data: str) -> dict[str, Any]:
        """The user presses an inline button with callback `data` under `message`."""
        self._callback_counter += 1
        query_id = f"{self.bot_id}{self._callback_counter:08d}"
        self._pending_callbacks.add(query_id)
        target = _message_of(message)
        query = {
            "id": query_id,
            "from": user.to_dict(),
            "message": target,
            "chat_instance": str(abs(target["chat"]["id"]) * 7 + 1),
            "data": data,
        }
        return self._update(callback_query=query)

    # ---- internals: updates, chats, messages, files ------------------------------------

    def _update(self, **payload: Any) -> dict[str, Any]:
        update = {"update_id": self._next_update_id, **payload}
        self._next_update_id += 1
        return update

    def _next_id(self, chat_id: int) -> int:
        # In a private chat the user's and the bot's messages share one sequence.
        message_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = message_id + 1
        return message_id

    def _incoming(
        self,
        user: FakeUser,
        chat: FakeChat | None,
        date: datetime | None,
        content: dict[str, Any],
    ) -> dict[str, Any]:
        chat_dict = chat.to_dict() if chat is not None else user.private_chat()
        self._chats[chat_dict["id"]] = chat_dict
        message = {
            "message_id": self._next_id(chat_dict["id"]),
            "from": user.to_dict(),
            "chat": chat_dict,
            "date": _timestamp(date),
            **content,
        }
        self._messages[(chat_dict["id"], message["message_id"])] = message
        return message

    def _adopt_message(self, message: dict[str, Any]) -> None:
        chat = message["chat"]
        self._chats.setdefault(int(chat["id"]), chat)
        if "message_id" not in message:
            message["message_id"] = self._next_id(int(chat["id"]))
        else:
            following = int(message["message_id"]) + 1
            current = self._next_message_id.get(int(chat["id"]), 1)
            self._next_message_id[int(chat["id"])] = max(current, following)
        message.setdefault("date", _timestamp(None))
        self._messages[(int(chat["id"]), int(message["message_id"]))] = message

    def _store_file(
        self,
        data: bytes,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        folder: str = "documents",
        suffix: str = "",
    ) -> StoredFile:
        self._file_counter += 1
        number = self._file_counter
        if file_name and "." in file_name:
            suffix = "." + file_name.rsplit(".", 1)[1]
        elif folder == "photos":
            suffix = ".jpg"
        if mime_type is None and file_name:
            mime_type = mimetypes.guess_type(file_name)[0]
        stored = StoredFile(
            file_id=f"{folder[:3].upper()}fake{number:06d}{self.bot_id}",
            file_unique_id=f"U{number:06d}",
            file_path=f"{folder}/file_{number}{suffix}",
            data=data,
            file_name=file_name,
            mime_type=mime_type,
        )
        self._files[stored.file_id] = stored
        self._files_by_path[stored.file_path] = stored
        return stored

    @staticmethod
    def _document(stored: StoredFile) -> dict[str, Any]:
        document: dict[str, Any] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
        }
        if stored.file_name is not None:
            document["file_name"] = stored.file_name
        if stored.mime_type is not None:
            document["mime_type"] = stored.mime_type
        return document

    @staticmethod
    def _photo_size(stored: StoredFile, width: int, height: int) -> dict[str, Any]:
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "width": width,
            "height": height,
        }

    def _bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    def _target_chat(self, params: Params) -> dict[str, Any]:
        raw = params.get("chat_id")
        if raw is None or raw == "":
            raise bad_request("chat_id is empty")
        try:
            chat_id = int(raw)
        except (TypeError, ValueError):
            raise bad_request("chat not found") from None
        chat = self._chats.get(chat_id)
        if chat is None:
            raise bad_request("chat not found")
        if chat_id in self._blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat

    def _stored_message(self, params: Params, missing: str) -> dict[str, Any]:
        chat_id = _int(params, "chat_id")
        message_id = _int(params, "message_id")
        if chat_id is None or message_id is None:
            raise bad_request(missing)
        message = self._messages.get((chat_id, message_id))
        if message is None:
            raise bad_request(missing)
        return message

    def _bot_message(
        self, chat: dict[str, Any], params: Params, content: dict[str, Any]
    ) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": 0,
            "from": self._bot_user(),
            "chat": chat,
            "date": _timestamp(None),
            **content,
        }
        reply_to = self._reply_target(chat["id"], params)
        if reply_to is not None:
            message["reply_to_message"] = {
                k: v for k, v in reply_to.items() if k != "reply_to_message"
            }
        markup = self._reply_markup(params)
        if markup is not None and "inline_keyboard" in markup:
            # Only inline keyboards belong to a message; reply keyboards live on the client.
            message["reply_markup"] = markup
        message["message_id"] = self._next_id(chat["id"])
        key = (chat["id"], message["message_id"])
        self._messages[key] = message
        self._bot_messages.append(key)
        return dict(message)

    def _reply_target(self, chat_id: int, params: Params) -> dict[str, Any] | None:
        reply_to_id = _int(params, "reply_to_message_id")
        allow_missing = _bool(params, "allow_sending_without_reply")
        reply_parameters = _json(params, "reply_parameters")
        if isinstance(reply_parameters, dict):
            reply_to_id = int(reply_parameters["message_id"])
            allow_missing = bool(reply_parameters.get("allow_sending_without_reply", False))
        if reply_to_id is None:
            return None
        target = self._messages.get((chat_id, reply_to_id))
        if target is None and not allow_missing:
            raise bad_request("message to be replied not found")
        return target

    def _reply_markup(self, params: Params) -> dict[str, Any] | None:
        markup = _json(params, "reply_markup", "reply keyboard markup")
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise bad_request("can't parse reply keyboard markup JSON object")
        for row in markup.get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and not (
                    0 < len(str(data).encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES
                ):
                    raise bad_request("BUTTON_DATA_INVALID")
        return markup

    def _formatted(
        self,
        params: Params,
        field: str,
        *,
        mode_field: str,
        entities_field: str,
        max_length: int,
        too_long: str,
    ) -> tuple[str, list[dict[str, Any]]]:
        text = _checked_utf8(str(params.get(field) or ""))
        parse_mode = params.get(mode_field)
        entities: list[dict[str, Any]] = list(_json(params, entities_field) or [])
        if parse_mode:
            mode = str(parse_mode).lower()
            if mode == "html":
                try:
                    text, entities = parse_html(text)
                except MarkupError as error:
                    raise bad_request(f"can't parse entities: {error}") from None
            elif mode not in ("markdown", "markdownv2"):
                raise bad_request("unsupported parse_mode")
            # Markdown is not parsed: the fake keeps such text as it came.
        if utf16_length(text) > max_length:
            raise bad_request(too_long)
        return text, entities

    def _message_text(self, params: Params) -> tuple[str, list[dict[str, Any]]]:
        text, entities = self._formatted(
            params,
            "text",
            mode_field="parse_mode",
            entities_field="entities",
            max_length=MAX_TEXT_LENGTH,
            too_long="message is too long",
        )
        if not text.strip():
            raise bad_request("message text is empty")
        return text, entities

    def _caption(self, params: Params) -> dict[str, Any]:
        caption, entities = self._formatted(
            params,
            "caption",
            mode_field="parse_mode",
            entities_field="caption_entities",
            max_length=MAX_CAPTION_LENGTH,
            too_long="message caption is too long",
        )
        content: dict[str, Any] = {}
        if caption.strip():
            content["caption"] = caption
            if entities:
                content["caption_entities"] = entities
        return content

    def _input_file(self, params: Params, files: Files, field: str, folder: str) -> StoredFile:
        value = params.get(field)
        upload = files.get(field)
        if upload is None and isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value.removeprefix("attach://"))
        if upload is not None:
            file_name, data = upload
            if not data:
                raise bad_request("file must be non-empty")
            stored = self._store_file(data, file_name=file_name or None, folder=folder)
            self.uploads.append(stored)
            return stored
        if isinstance(value, str) and value:
            known = self._files.get(value)
            if known is None:
                raise bad_request("wrong file identifier/HTTP URL specified")
            return known
        raise bad_request(f"there is no {field} in the request")

    def _commands_key(self, scope: Any, language_code: str) -> tuple[str, str]:
        return json.dumps(scope or {"type": "default"}, sort_keys=True), language_code

    # ---- internals: faults and limits ---------------------------------------------------

    async def _pause(self, seconds: float) -> None:
        # Ends early when the fake closes, so a server never waits on a pending delay.
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while not self._closed and (remaining := deadline - loop.time()) > 0:
            await self._changed.wait(remaining)

    async def _apply_fault(self, method: str) -> None:
        queue = self._faults.get(method) or self._faults.get("*")
        if not queue:
            return
        fault = queue[0]
        fault.times -= 1
        if fault.times <= 0:
            queue.pop(0)
        if fault.delay > 0:
            await self._pause(fault.delay)
        if fault.status is None:
            return
        if fault.page is not None:
            raise NotTheBotApi(fault.status, fault.page)
        if fault.status == 429:
            seconds = fault.retry_after
            raise ApiError(
                429,
                fault.description or f"Too Many Requests: retry after {seconds}",
                {"retry_after": seconds},
            )
        description = fault.description or _FAULT_DESCRIPTIONS.get(fault.status)
        if description is None:
            description = HTTPStatus(fault.status).phrase
        raise ApiError(fault.status, description)

    def _check_rate_limit(self, method: str) -> None:
        # Telegram's flood control counts outgoing messages, about 30 a second per bot.
        counted = method.startswith(("send", "edit")) and method != "sendChatAction"
        if self.limit_per_second is None or not counted:
            return
        now = time.monotonic()
        window = self._recent_sends
        while window and now - window[0] >= 1.0:
            window.popleft()
        if len(window) >= self.limit_per_second:
            self.rate_limited_count += 1
            seconds = max(1, math.ceil(1.0 - (now - window[0])))
            raise ApiError(
                429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds}
            )
        window.append(now)

    # ---- internals: webhook delivery ----------------------------------------------------

    def _ensure_webhook_worker(self) -> None:
        if self._webhook_task is None or self._webhook_task.done():
            self._webhook_task = asyncio.get_running_loop().create_task(
                self._deliver_to_webhook(), name="fakebotapi-webhook"
            )

    async def _deliver_to_webhook(self) -> None:
        # One update at a time, the oldest first, retried until the bot answers 2xx: an
        # update leaves the queue only once delivered, as with Telegram.
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
            while not self._closed and self._webhook is not None:
                if not self._updates:
                    await self._changed.wait(None)
                    continue
                hook = self._webhook
                update = self._updates[0]
                headers = {"Content-Type": "application/json"}
                if hook.secret_token:
                    headers[SECRET_TOKEN_HEADER] = hook.secret_token
                status, error = 0, ""
                try:
                    async with session.post(
                        hook.url, data=json.dumps(update), headers=headers
                    ) as response:
                        await response.read()
                        status, error = response.status, f"{response.status} {response.reason}"
                except (aiohttp.ClientError, TimeoutError) as exc:
                    error = f"Connection failed: {exc or type(exc).__name__}"
                hook.deliveries.append((int(update["update_id"]), status))
                self.webhook_deliveries.append((int(update["update_id"]), status))
                if 200 <= status < 300:
                    if self._updates and self._updates[0] is update:
                        self._updates.pop(0)
                    self._changed.notify()
                    continue
                hook.last_error_date = _timestamp(None)
                hook.last_error_message = (
                    f"Wrong response from the webhook: {error}" if status else error
                )
                self._changed.notify()
                await self._pause(self.webhook_retry_delay)

    # ---- methods ------------------------------------------------------------------------

    async def _true(self, params: Params, files: Files) -> bool:
        return True

    async def _get_me(self, params: Params, files: Files) -> dict[str, Any]:
        return {
            **self._bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, params: Params, files: Files) -> list[dict[str, Any]]:
        if self._webhook is not None:
            raise ApiError(409, _WEBHOOK_ACTIVE)
        offset = _int(params, "offset") or 0
        limit = min(max(_int(params, "limit") or 100, 1), 100)
        timeout = max(_float(params, "timeout") or 0.0, 0.0)
        if offset > 0:
            self._updates = [u for u in self._updates if int(u["update_id"]) >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]
        # A newer long poll ends the older one with 409, as Telegram does.
        self._poll_generation += 1
        generation = self._poll_generation
        self._changed.notify()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self._updates and not self._closed and self._webhook is None:
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            await self._changed.wait(remaining)
            if generation != self._poll_generation:
                raise ApiError(409, _REPLACED_POLL)
        return self._updates[:limit]

    async def _set_webhook(self, params: Params, files: Files) -> bool:
        url = str(params.get("url") or "")
        if _bool(params, "drop_pending_updates"):
            self._updates.clear()
        if not url:
            self._webhook = None
            return True
        parts = urlsplit(url)
        # Telegram insists on HTTPS; the fake accepts http so a local test server can listen.
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise bad_request("bad webhook: invalid webhook URL specified")
        allowed = _json(params, "allowed_updates")
        self._webhook = Webhook(
            url=url,
            secret_token=str(params["secret_token"]) if params.get("secret_token") else None,
            max_connections=_int(params, "max_connections") or 40,
            allowed_updates=list(allowed) if allowed else None,
        )
        self._ensure_webhook_worker()
        return True

    async def _delete_webhook(self, params: Params, files: Files) -> bool:
        if _bool(params, "drop_pending_updates"):
            self._updates.clear()
        self._webhook = None
        return True

    async def _get_webhook_info(self, params: Params, files: Files) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        hook = self._webhook
        if hook is not None:
            info["url"] = hook.url
            info["max_connections"] = hook.max_connections
            info["ip_address"] = "127.0.0.1"
            if hook.allowed_updates is not None:
                info["allowed_updates"] = hook.allowed_updates
            if hook.last_error_date is not None:
                info["last_error_date"] = hook.last_error_date
                info["last_error_message"] = hook.last_error_message
        return info

    async def _send_message(self, params: Params, files: Files) -> dict[str, Any]:
        chat = self._target_chat(params)
        text, entities = self._message_text(params)
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        return self._bot_message(chat, params, content)

    async def _edit_message_text(self, params: Params, files: Files) -> dict[str, Any]:
        message = self._editable(params)
        if "text" not in message:
            raise bad_request("there is no text in the message to edit")
        text, entities = self._message_text(params)
        markup = self._reply_markup(params)
        updated = {k: v for k, v in message.items() if k not in ("entities", "reply_markup")}
        updated["text"] = text
        if entities:
            updated["entities"] = entities
        # Without reply_markup an edit removes the inline keyboard, like the real API.
        if markup is not None and "inline_keyboard" in markup:
            updated["reply_markup"] = markup
        return self._replace(message, updated)

    async def _edit_message_reply_markup(self, params: Params, files: Files) -> dict[str, Any]:
        message = self._editable(params)
        markup = self._reply_markup(params)
        updated = {k: v for k, v in message.items() if k != "reply_markup"}
        if markup is not None and markup.get("inline_keyboard"):
            updated["reply_markup"] = markup
        return self._replace(message, updated)

    def _editable(self, params: Params) -> dict[str, Any]:
        message = self._stored_message(params, "message to edit not found")
        if message["from"]["id"] != self.bot_id:
            raise bad_request("message can't be edited")
        return message

    def _replace(self, message: dict[str, Any], updated: dict[str, Any]) -> dict[str, Any]:
        def content(of: dict[str, Any]) -> dict[str, Any]:
            return {k: v for k, v in of.items() if k != "edit_date"}

        if content(updated) == content(message):
            raise bad_request(_NOT_MODIFIED)
        updated["edit_date"] = _timestamp(None)
        self._messages[(message["chat"]["id"], message["message_id"])] = updated
        return dict(updated)

    async def _delete_message(self, params: Params, files: Files) -> bool:
        message = self._stored_message(params, "message to delete not found")
        del self._messages[(message["chat"]["id"], message["message_id"])]
        return True

    async def _send_document(self, params: Params, files: Files) -> dict[str, Any]:
        chat = self._target_chat(params)
        caption = self._caption(params)
        stored = self._input_file(params, files, "document", "documents")
        return self._bot_message(chat, params, {"document": self._document(stored), **caption})

    async def _send_photo(self, params: Params, files: Files) -> dict[str, Any]:
        chat = self._target_chat(params)
        caption = self._caption(params)
        stored = self._input_file(params, files, "photo", "photos")
        size = image_size(stored.data)
        if size is None:
            raise bad_request("IMAGE_PROCESS_FAILED")
        photo = [self._photo_size(stored, *size)]
        return self._bot_message(chat, params, {"photo": photo, **caption})

    async def _send_voice(self, params: Params, files: Files) -> dict[str, Any]:
        return self._send_media(params, files, "voice", "voice")

    async def _send_audio(self, params: Params, files: Files) -> dict[str, Any]:
        return self._send_media(params, files, "audio", "music")

    async def _send_video_note(self, params: Params, files: Files) -> dict[str, Any]:
        return self._send_media(params, files, "video_note", "video_notes")

    async def _send_video(self, params: Params, files: Files) -> dict[str, Any]:
        return self._send_media(params, files, "video", "videos")

    def _send_media(self, params: Params, files: Files, kind: str, folder: str) -> dict[str, Any]:
        """sendVoice, sendAudio, sendVideoNote, sendVideo: an upload or a known file id."""
        chat = self._target_chat(params)
        caption = self._caption(params) if kind != "video_note" else {}
        stored = self._input_file(params, files, kind, folder)
        media = self._document(stored)
        if kind in ("voice", "video_note"):
            media.pop("file_name", None)  # Telegram gives these no name
        media["duration"] = _int(params, "duration") or 0
        return self._bot_message(chat, params, {kind: media, **caption})

    async def _send_media_group(self, params: Params, files: Files) -> list[dict[str, Any]]:
        """An album of 2-10 photos, videos, documents or audio files, one message each."""
        chat = self._target_chat(params)
        items = _json(params, "media", "media")
        if not isinstance(items, list) or not 2 <= len(items) <= 10:
            raise bad_request("wrong number of media in the group")
        kinds = {str(item.get("type")) for item in items if isinstance(item, dict)}
        if len(kinds & {"document", "audio"}) and len(kinds) > 1:
            raise bad_request("documents and audio can't be mixed with other media types")
        self._album_counter += 1
        group = f"{23_000_000_000_000_000 + self._album_counter}"
        sent = []
        for item in items:
            kind = str(item.get("type"))
            stored = self._input_file({"media": item.get("media")}, files, "media", "album")
            if kind == "photo":
                size = image_size(stored.data) or (1, 1)
                content: dict[str, Any] = {"photo": [self._photo_size(stored, *size)]}
            else:
                content = {kind: self._document(stored)}
            if item.get("caption"):
                content["caption"] = str(item["caption"])
            message = self._bot_message(chat, {}, content)
            message["media_group_id"] = group
            self._messages[(chat["id"], message["message_id"])]["media_group_id"] = group
            sent.append(message)
        return sent

    async def _send_chat_action(self, params: Params, files: Files) -> bool:
        self._target_chat(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

    async def _get_file(self, params: Params, files: Files) -> dict[str, Any]:
        stored = self._files.get(str(params.get("file_id") or ""))
        if stored is None:
            raise bad_request("invalid file_id")
        if len(stored.data) > MAX_DOWNLOAD_BYTES:
            raise bad_request("file is too big")
        return stored.file_object()

    async def _answer_callback_query(self, params: Params, files: Files) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        if query_id not in self._pending_callbacks:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        self._pending_callbacks.discard(query_id)
        self.callback_answers[query_id] = dict(params)
        return True

    async def _set_my_commands(self, params: Params, files: Files) -> bool:
        commands = _json(params, "commands")
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        checked: list[dict[str, str]] = []
        for command in _as_dicts(commands):
            name = str(command.get("command", ""))
            description = str(command.get("description", ""))
            if not _COMMAND_NAME.fullmatch(name):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
            checked.append({"command": name, "description": description})
        key = self._commands_key(_json(params, "scope"), str(params.get("language_code") or ""))
        self._commands[key] = checked
        return True

    async def _get_my_commands(self, params: Params, files: Files) -> list[dict[str, str]]:
        key = self._commands_key(_json(params, "scope"), str(params.get("language_code") or ""))
        return list(self._commands.get(key, []))

    async def _delete_my_commands(self, params: Params, files: Files) -> bool:
        key = self._commands_key(_json(params, "scope"), str(params.get("language_code") or ""))
        self._commands.pop(key, None)
        return True


def _as_dicts(items: list[Any]) -> list[dict[str, Any]]:
    dicts = [item for item in items if isinstance(item, dict)]
    if len(dicts) != len(items):
        raise bad_request("can't parse commands JSON object")
    return dicts
