"""Plain data the fake Bot API keeps: people, chats, recorded calls, files and API errors."""

from dataclasses import dataclass, field
from typing import Any, NamedTuple


@dataclass(frozen=True)
class FakeUser:
    """A Telegram user who talks to the bot."""

    id: int
    first_name: str = "Alice"
    language_code: str | None = "en"
    username: str | None = None
    last_name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The User object as the Bot API sends it."""
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name is not None:
            user["last_name"] = self.last_name
        if self.username is not None:
            user["username"] = self.username
        if self.language_code is not None:
            user["language_code"] = self.language_code
        return user

    def private_chat(self) -> dict[str, Any]:
        """The Chat object of this user's private chat with the bot."""
        chat: dict[str, Any] = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.last_name is not None:
            chat["last_name"] = self.last_name
        if self.username is not None:
            chat["username"] = self.username
        return chat


@dataclass(frozen=True)
class FakeChat:
    """A group chat (ids of groups are negative, supergroups start with -100)."""

    id: int = -1001234567890
    title: str = "Test group"
    type: str = "supergroup"

    def to_dict(self) -> dict[str, Any]:
        """The Chat object as the Bot API sends it."""
        return {"id": self.id, "type": self.type, "title": self.title}


class Call(NamedTuple):
    """One request the bot made: the method and its parameters as they arrived.

    Values sent as a form (what python-telegram-bot does) are strings, JSON-encoded for
    non-string values, exactly like on the wire; a JSON body keeps its own types.
    """

    method: str
    params: dict[str, Any]
    # The names of the parameters that came as uploaded files (multipart parts with a file).
    files: tuple[str, ...] = ()


@dataclass
class StoredFile:
    """A file the server knows: uploaded by the bot or registered by a test."""

    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes
    file_name: str | None = None
    mime_type: str | None = None

    def file_object(self) -> dict[str, Any]:
        """The File object getFile answers with."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }


@dataclass
class Fault:
    """A failure queued by fail_next: answer `status` (or succeed if None) after `delay`;
    with `page`, that text (not the Bot API's JSON), as a proxy in front of it would."""

    status: int | None
    description: str | None
    retry_after: int
    times: int
    delay: float
    page: str | None = None


@dataclass
class Webhook:
    """What setWebhook recorded, and how delivery to it goes."""

    url: str
    secret_token: str | None
    max_connections: int = 40
    allowed_updates: list[str] | None = None
    last_error_date: int | None = None
    last_error_message: str | None = None
    deliveries: list[tuple[int, int]] = field(default_factory=list)


class ApiError(Exception):
    """An error answer of the Bot API; `description` is the full text Telegram sends."""

    def __init__(
        self, status: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        """The JSON body of the answer, in the real shape."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


class NotTheBotApi(Exception):
    """An answer from something in front of the Bot API (a proxy's error page), not JSON."""

    def __init__(self, status: int, page: str) -> None:
        super().__init__(page)
        self.status = status
        self.page = page


def bad_request(reason: str) -> ApiError:
    """A 400 answer; `reason` is the text after "Bad Request: "."""
    return ApiError(400, f"Bad Request: {reason}")
