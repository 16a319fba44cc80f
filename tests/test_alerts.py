"""Admin alerts: the throttle and what a failure is allowed to say."""

from datetime import UTC, datetime, timedelta

from bot.alerts import AlertThrottle, describe_failure

NOON = datetime(2023, 1, 2, 12, 0, tzinfo=UTC)


def test_one_alert_per_kind_per_minute() -> None:
    throttle = AlertThrottle()
    assert throttle.allow("ValueError", NOON)
    assert not throttle.allow("ValueError", NOON + timedelta(seconds=59))
    assert throttle.allow("KeyError", NOON + timedelta(seconds=1))
    assert throttle.allow("ValueError", NOON + timedelta(seconds=60))


def test_failure_names_the_error_without_user_text_or_secrets() -> None:
    error = ValueError("cannot read 'my secret diary line' at https://x/bot123:ABC/sendMessage")
    failure = describe_failure(error, secrets=["123:ABC"], user_texts=["my secret diary line"])
    assert failure.kind == "ValueError"
    assert failure.message == "cannot read '<user text>' at https://x/bot<redacted>/sendMessage"


def test_long_messages_are_cut() -> None:
    failure = describe_failure(RuntimeError("x" * 1000), secrets=[], user_texts=[])
    assert len(failure.message) == 300
    assert failure.message.endswith("…")
