"""python -m bot, the same program as the `daylog` script: with no command, it runs the bot."""

from __future__ import annotations

from bot.cli import main

if __name__ == "__main__":
    main()
