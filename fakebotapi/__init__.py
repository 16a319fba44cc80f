"""An offline Telegram Bot API for tests: in-process (FakeRequest) or over HTTP (the server).

In-process, for handler tests through Application.process_update:

    async with FakeBotApi() as api:
        app = (ApplicationBuilder().token(api.token).request(FakeRequest(api))
               .get_updates_request(FakeRequest(api)).updater(None).build())
        async with app:
            await app.process_update(Update.de_json(api.text_update(ALICE, "hi"), app.bot))
        assert api.sent_messages(ALICE.id)[0]["text"] == ...

Over HTTP, for end-to-end tests (TELEGRAM_API_URL=server.url for a bot in a subprocess):

    async with FakeBotApiServer() as server:
        bot = Bot(server.api.token, base_url=server.base_url, base_file_url=server.base_file_url)
        server.api.push(server.api.text_update(ALICE, "hi"))
        await server.api.wait_for("sendMessage", 1)

In another process: python -m fakebotapi --port 0 --ready-file F, then drive it with
POST /_control/push, POST /_control/fail_next, GET /_control/calls and /_control/sent_messages.
Set PTB_TIMEDELTA=true wherever a 429 may reach PTB: RetryAfter warns while it is built.
"""

from fakebotapi.core import DEFAULT_TOKEN, SECRET_TOKEN_HEADER, FakeBotApi
from fakebotapi.models import ApiError, Call, FakeChat, FakeUser, StoredFile, Webhook
from fakebotapi.request import FakeRequest
from fakebotapi.server import FakeBotApiServer

__all__ = [
    "DEFAULT_TOKEN",
    "SECRET_TOKEN_HEADER",
    "ApiError",
    "Call",
    "FakeBotApi",
    "FakeBotApiServer",
    "FakeChat",
    "FakeRequest",
    "FakeUser",
    "StoredFile",
    "Webhook",
]
