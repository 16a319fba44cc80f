"""python -m bot: build Settings and run the bot with long polling."""

from __future__ import annotations

import asyncio
import os
import sys

from pydantic import ValidationError

from bot.app import build_application
from bot.config import Settings, describe_settings_error
from bot.logs import configure_logging
from bot.polling import run_polling


def load_settings() -> Settings:
    """Read the settings, or stop with one clear message per bad variable."""
    try:
        return Settings()  # pydantic-settings fills the fields from the environment
    except ValidationError as error:
        print(f"daylog: {describe_settings_error(error)}", file=sys.stderr)
        raise SystemExit(2) from None


def run() -> None:
    """Run the bot until SIGINT or SIGTERM, then shut down cleanly."""
    # Opt in to PTB's timedelta retry_after now, instead of a deprecation warning on every 429.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    settings = load_settings()
    configure_logging(settings.log_level, [settings.bot_token.get_secret_value()])
    app = build_application(settings)
    asyncio.run(run_polling(app))


def main() -> None:
    """Console entry point."""
    run()


if __name__ == "__main__":
    main()
