"""Logging never writes the bot token, not even inside a traceback or an httpx request line."""

import logging

import pytest

from bot.logs import RedactingFormatter, configure_logging

TOKEN = "987654:SECRET-abc"


def test_token_is_redacted_in_messages_and_tracebacks() -> None:
    formatter = RedactingFormatter("%(message)s", [TOKEN])
    try:
        raise RuntimeError(f"POST https://api.telegram.org/bot{TOKEN}/getMe failed")
    except RuntimeError as error:
        record = logging.LogRecord(
            "x",
            logging.ERROR,
            __file__,
            1,
            "url %s",
            (f"/bot{TOKEN}/x",),
            (type(error), error, None),
        )
    text = formatter.format(record)
    assert TOKEN not in text
    assert text.count("<redacted>") == 2


def test_configure_quiets_httpx_and_redacts(capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        configure_logging("DEBUG", [TOKEN])
        assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING
        logging.getLogger("httpx").info("HTTP Request: POST https://x/bot%s/getUpdates", TOKEN)
        logging.getLogger("bot").debug("token is %s", TOKEN)
        err = capsys.readouterr().err
        assert TOKEN not in err
        assert "token is <redacted>" in err
        assert "getUpdates" not in err
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
